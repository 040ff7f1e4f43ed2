package workbook

import "testing"

func TestFormatFigure(t *testing.T) {
	tests := []struct {
		v        float64
		k        kind
		currency string
		want     string
	}{
		{1234.565, kMoney, "EUR", "€1,234.57"},
		{-20, kMoney, "EUR", "-€20.00"},
		{-0.001, kMoney, "EUR", "€0.00"},
		{1234567.5, kMoney, "JPY", "¥1,234,568"},
		{99.995, kMoney, "CHF", "CHF 100.00"},
		{0.7459, kROI, "EUR", "74.6%"},
		{-0.25, kROI, "EUR", "-25.0%"},
		{0.021349, kPercent, "EUR", "2.13%"},
		{-0.00001, kPercent, "EUR", "0.00%"},
		{4.205, kRatio, "EUR", "4.21"},
		{1234567, kCount, "EUR", "1,234,567"},
		{999, kCount, "EUR", "999"},
		{4838.8, kQty, "EUR", "4,838.80"},
		{-1500.5, kQty, "EUR", "-1,500.50"},
	}
	for _, tc := range tests {
		if got := formatFigure(tc.v, tc.k, tc.currency); got != tc.want {
			t.Errorf("formatFigure(%v, %d, %s) = %q, want %q", tc.v, tc.k, tc.currency, got, tc.want)
		}
	}
}

func TestFitHeaderFooter(t *testing.T) {
	long := "&L"
	for range 300 {
		long += "&&"
	}
	got := fitHeaderFooter(long)
	if n := len([]rune(got)); n > maxHeaderFooter {
		t.Errorf("fitHeaderFooter: %d characters, want at most %d", n, maxHeaderFooter)
	}
	body := got[len("&L") : len(got)-len("…")]
	if len(body)%2 != 0 {
		t.Errorf("fitHeaderFooter cut an && in half: %q", got[len(got)-8:])
	}
	if s := "&Lshort"; fitHeaderFooter(s) != s {
		t.Errorf("fitHeaderFooter(%q) changed it", s)
	}
}
