package kpi_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/roibook/roibook/kpi"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want kpi.Money
		err  bool
	}{
		{"1234.56", 1234_560000, false},
		{"-3", -3_000000, false},
		{"1441.6", 1441_600000, false},
		{"2236.71510474", 2236_715105, false}, // rounded half away from zero to the micro-unit
		{"7.48E-6", 7, false},
		{"0.0000005", 1, false},
		{"1e3", 1000_000000, false},
		{"", 0, true},
		{"1,234.56", 0, true},
		{"12a", 0, true},
		{".", 0, true},
		{"99999999999999999999", 0, true},
	}
	for _, tc := range tests {
		got, err := kpi.ParseMoney(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.err)
		}
		if err != nil && !errors.Is(err, kpi.ErrBadNumber) {
			t.Errorf("ParseMoney(%q) error %v does not wrap ErrBadNumber", tc.in, err)
		}
	}
}

func TestRateConvert(t *testing.T) {
	r, err := kpi.ParseRate("1.08")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := kpi.ParseMoney("0.05")
	if got := r.Convert(m); got != 54000 {
		t.Errorf("1.08 × 0.05 = %d micro, want 54000", got)
	}
	for _, bad := range []string{"0", "-1", "x"} {
		if _, err := kpi.ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
}

func TestCostComputed(t *testing.T) {
	hours, _ := kpi.ParseQty("12.5")
	rate, _ := kpi.ParseMoney("85")
	c := kpi.Cost{Basis: kpi.BasisHours, Hours: hours, Rate: rate}
	if got, want := c.Computed().String(), "1062.50"; got != want {
		t.Errorf("12.5 h × 85 = %s, want %s", got, want)
	}
	big, _ := kpi.ParseMoney("5000000000") // 5 billion: no overflow
	p := kpi.Cost{Basis: kpi.BasisPercent, Percent: kpi.Qty(15 * kpi.Micro)}
	if got, want := p.PercentOf(big).String(), "750000000.00"; got != want {
		t.Errorf("15%% of 5e9 = %s, want %s", got, want)
	}
}

func TestPeriod(t *testing.T) {
	p, err := kpi.ParsePeriod("2026-02")
	if err != nil || p.Days() != 28 || !p.IsMonth() || p.String() != "2026-02" {
		t.Errorf("ParsePeriod(2026-02) = %v (%d days), %v", p, p.Days(), err)
	}
	q, err := kpi.ParsePeriod("2026-10-01..2026-10-15")
	if err != nil || q.Days() != 15 || q.IsMonth() || q.Slug() != "2026-10-01_2026-10-15" {
		t.Errorf("ParsePeriod(range) = %v, %v", q, err)
	}
	for _, bad := range []string{"2026-13", "2026-10-15..2026-10-01", "October"} {
		if _, err := kpi.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func TestTotalsReachIsNotSummed(t *testing.T) {
	var tot kpi.Totals
	a := kpi.Record{Reach: 100, ReachKnown: true, Impressions: 150}
	tot.Add(&a)
	if !tot.ReachKnown || tot.Reach != 100 {
		t.Fatalf("one record: reach %d known %v", tot.Reach, tot.ReachKnown)
	}
	tot.Add(&a)
	if tot.ReachKnown {
		t.Errorf("two records: reach %d known, want unknown", tot.Reach)
	}
}

func ExampleKPI_Value() {
	spend, _ := kpi.ParseMoney("30")
	in := kpi.Inputs{Totals: kpi.Totals{Spend: spend, LinkClicks: 6, Impressions: 2000,
		Has: kpi.FSpend | kpi.FLinkClicks | kpi.FImpressions | kpi.FLeads}}
	defs := kpi.Definitions(kpi.DefaultChoices())
	for _, key := range []string{"cpc", "ctr", "cpl"} {
		k, _ := kpi.Find(defs, key)
		v := k.Value(in)
		fmt.Printf("%s %v %.4f  %s\n", k.Name, v.OK, v.Value, k.Excel)
	}
	// Output:
	// CPC true 5.0000  IF({link_clicks}=0,"",{spend}/{link_clicks})
	// CTR true 0.0030  IF({impressions}=0,"",{link_clicks}/{impressions})
	// CPL false 0.0000  IF({leads}=0,"",{spend}/{leads})
}

// TestRoundOnce: a converted amount is the exact product rounded once, as
// the workbook's ROUND(amount*rate,2) computes it, never a rounded product
// rounded again.
func TestRoundOnce(t *testing.T) {
	r, _ := kpi.ParseRate("0.92137")
	m, _ := kpi.ParseMoney("396.35") // × 0.92137 = 365.1849995
	if got := r.ConvertRound(m, 2).String(); got != "365.18" {
		t.Errorf("ConvertRound = %s, want 365.18", got)
	}
	if got := r.Convert(m).Round(2).String(); got != "365.19" {
		t.Errorf("(the double rounding this avoids gives %s)", got)
	}
	spend, _ := kpi.ParseMoney("2939.48")
	fee := kpi.Cost{Basis: kpi.BasisPercent, Percent: kpi.Qty(17_077000)} // 17.077 % = 501.9749996
	if got := fee.Booked(kpi.One(), spend, 2).String(); got != "501.97" {
		t.Errorf("17.077%% of 2939.48 = %s, want 501.97", got)
	}
	usd := kpi.Cost{Basis: kpi.BasisHours, Hours: kpi.Qty(2_500000), Rate: m}
	if got := usd.Booked(r, 0, 2).String(); got != "912.96" { // 2.5 × 396.35 × 0.92137 = 912.9624988
		t.Errorf("2.5 h × 396.35 USD at 0.92137 = %s, want 912.96", got)
	}
	jpy, _ := kpi.ParseRate("0.0061")
	if got := jpy.ConvertRound(m, 0).String(); got != "2.00" {
		t.Errorf("to a currency without decimals = %s, want 2.00", got)
	}
}
