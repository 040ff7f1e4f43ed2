package deck

import (
	"fmt"
	"math"
	"testing"

	"github.com/roibook/roibook/kpi"
)

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		m        kpi.Money
		currency string
		want     string
	}{
		{0, "EUR", "€0.00"},
		{1_234_560_000, "EUR", "€1,234.56"},
		{1_234_565_000, "EUR", "€1,234.57"}, // half away from zero, on exact micro-units
		{-1_234_565_000, "EUR", "-€1,234.57"},
		{-4_000, "EUR", "€0.00"}, // rounds to zero: no "-€0.00"
		{999_995_000, "USD", "$1,000.00"},
		{1_234_567_890_123_000_000, "USD", "$1,234,567,890,123.00"},
		{1_234_500_000, "JPY", "¥1,235"},
		{12_000_000, "GBP", "£12.00"},
		{12_000_000, "CHF", "CHF 12.00"},
		{12_000_000, "INR", "INR 12.00"}, // ₹ is not in the deck font
		{12_000_000, "SEK", "kr 12.00"},
		{12_000_000, "AUD", "A$12.00"},
		{12_000_000, "", "12.00"},
		{100_000_000, "XYZ", "XYZ 100.00"},
	}
	for _, tc := range tests {
		if got := FormatMoney(tc.m, tc.currency); got != tc.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tc.m, tc.currency, got, tc.want)
		}
	}
}

func TestFormatRatio(t *testing.T) {
	tests := []struct {
		r    kpi.Ratio
		f    kpi.Format
		want string
	}{
		{kpi.Ratio{}, kpi.FormatPercent, "n/a"},
		{kpi.Ratio{Value: 0, OK: false}, kpi.FormatMoney, "n/a"},
		{kpi.Ratio{}, kpi.FormatRatio, "n/a"},
		{kpi.Ratio{}, kpi.FormatNumber, "n/a"},
		{kpi.Ratio{Value: math.NaN(), OK: true}, kpi.FormatPercent, "n/a"},
		{kpi.Ratio{Value: math.Inf(1), OK: true}, kpi.FormatRatio, "n/a"},
		{kpi.Ratio{Value: 0, OK: true}, kpi.FormatPercent, "0.0%"}, // defined zero stays 0
		{kpi.Ratio{Value: 0.0213, OK: true}, kpi.FormatPercent, "2.1%"},
		{kpi.Ratio{Value: 2.12846, OK: true}, kpi.FormatPercent, "212.8%"},
		{kpi.Ratio{Value: -0.4567, OK: true}, kpi.FormatPercent, "-45.7%"},
		{kpi.Ratio{Value: -0.0001, OK: true}, kpi.FormatPercent, "0.0%"},
		{kpi.Ratio{Value: 123.4567, OK: true}, kpi.FormatPercent, "12,345.7%"},
		{kpi.Ratio{Value: 4.6612, OK: true}, kpi.FormatMoney, "€4.66"},
		{kpi.Ratio{Value: 12345.675, OK: true}, kpi.FormatMoney, "€12,345.68"},
		{kpi.Ratio{Value: 1e15, OK: true}, kpi.FormatMoney, "€1,000,000,000,000,000.00"},
		{kpi.Ratio{Value: 4.214, OK: true}, kpi.FormatRatio, "4.21"},
		{kpi.Ratio{Value: 1234.5, OK: true}, kpi.FormatRatio, "1,234.50"},
		{kpi.Ratio{Value: 1234, OK: true}, kpi.FormatNumber, "1,234"},
		{kpi.Ratio{Value: 4838.8, OK: true}, kpi.FormatNumber, "4,838.8"},
	}
	for _, tc := range tests {
		if got := FormatRatio(tc.r, tc.f, "EUR"); got != tc.want {
			t.Errorf("FormatRatio(%+v, %d, EUR) = %q, want %q", tc.r, tc.f, got, tc.want)
		}
	}
	if got := FormatRatio(kpi.Ratio{Value: 1234.4, OK: true}, kpi.FormatMoney, "JPY"); got != "¥1,234" {
		t.Errorf("FormatRatio(1234.4, money, JPY) = %q, want ¥1,234", got)
	}
}

func TestFormatCountQty(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567",
		-1234: "-1,234", math.MinInt64: "-9,223,372,036,854,775,808"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
	for q, want := range map[kpi.Qty]string{0: "0", 12_000_000: "12", 4_838_800_000: "4,838.8",
		1_005_000: "1.01", 1_004_999: "1", 250_000: "0.25", -1_500_000: "-1.5"} {
		if got := FormatQty(q); got != want {
			t.Errorf("FormatQty(%d) = %q, want %q", q, got, want)
		}
	}
}

func TestFormatAxis(t *testing.T) {
	tests := []struct {
		v, step, top float64
		want         string
	}{
		{0, 100, 600, "0"},
		{200, 200, 600, "200"},
		{5000, 5000, 25000, "5k"},
		{2500, 2500, 12500, "2.5k"},
		{1_500_000, 500_000, 2_000_000, "1.5M"},
		{0.5, 0.5, 2, "0.5"},
		{0.25, 0.25, 1, "0.25"},
		{3e9, 1e9, 5e9, "3B"},
	}
	for _, tc := range tests {
		if got := formatAxis(tc.v, tc.step, tc.top); got != tc.want {
			t.Errorf("formatAxis(%g, %g, %g) = %q, want %q", tc.v, tc.step, tc.top, got, tc.want)
		}
	}
}

func ExampleFormatRatio() {
	fmt.Println(FormatRatio(kpi.Ratio{Value: 2.128, OK: true}, kpi.FormatPercent, "EUR"))
	fmt.Println(FormatRatio(kpi.Ratio{}, kpi.FormatMoney, "EUR")) // zero denominator
	fmt.Println(FormatMoney(1_234_560_000, "EUR"))
	// Output:
	// 212.8%
	// n/a
	// €1,234.56
}

func TestFormatKPI(t *testing.T) {
	tests := []struct {
		key  string
		r    kpi.Ratio
		f    kpi.Format
		want string
	}{
		{"roi", kpi.Ratio{Value: 1.37, OK: true}, kpi.FormatPercent, "137.0%"},
		{"organic_roi", kpi.Ratio{Value: 0.019428, OK: true}, kpi.FormatPercent, "1.9%"}, // an ROI: one decimal
		{"organic_roi", kpi.Ratio{}, kpi.FormatPercent, "n/a"},
		{"engagement_rate", kpi.Ratio{Value: 0.034867, OK: true}, kpi.FormatPercent, "3.49%"},
		{"cost_per_engagement", kpi.Ratio{Value: 0.8728, OK: true}, kpi.FormatMoney, "€0.87"},
		{"engagements_per_post", kpi.Ratio{Value: 200.5, OK: true}, kpi.FormatRatio, "200.50"},
	}
	for _, tc := range tests {
		if got := FormatKPI(tc.key, tc.r, tc.f, "EUR"); got != tc.want {
			t.Errorf("FormatKPI(%q, %v) = %q, want %q", tc.key, tc.r, got, tc.want)
		}
	}
}
