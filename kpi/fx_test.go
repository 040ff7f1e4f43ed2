package kpi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
)

func mustRate(tb testing.TB, s string) kpi.Rate {
	tb.Helper()
	r, err := kpi.ParseRate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// fx is a rate of the euro-based ECB kind unless base says otherwise.
func fx(tb testing.TB, day int, base, currency, rate string) kpi.FXRate {
	tb.Helper()
	return kpi.FXRate{Day: kpi.Day(2026, 10, day), Base: base, Currency: currency, Rate: mustRate(tb, rate),
		Source: kpi.Source{File: "rates.csv", Line: day}}
}

func TestPeriodRates(t *testing.T) {
	oct := kpi.Month(2026, 10)
	tests := []struct {
		name      string
		rates     []kpi.FXRate
		p         kpi.Period
		reporting string
		need      []string
		want      map[string]string
	}{
		{
			// 1 USD in EUR = mean(1/1.08, 1/1.09, 1/1.10)
			//   = (25/27 + 100/109 + 10/11) / 3
			//   = (0.925925925926 + 0.917431192661 + 0.909090909091) / 3
			//   = 2.752448027677 / 3 = 0.917482675892... (exactly 89105/97119)
			//   → 0.917483
			name: "euro reporting, three days",
			rates: []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.08"), fx(t, 2, "EUR", "USD", "1.09"),
				fx(t, 5, "EUR", "USD", "1.10")},
			p: oct, reporting: "EUR", need: []string{"USD"},
			want: map[string]string{"USD": "0.917483"},
		},
		{
			// A cross rate through the euro: 1 GBP in USD = (EUR→USD) / (EUR→GBP).
			//   day 1: 1.1298 / 0.85373 = 1.323369215091...
			//   day 2: 1.1275 / 0.8541  = 1.320103032432...
			//   mean = 2.643472247523... / 2 = 1.321736123761... → 1.321736
			// 1 EUR in USD = mean(1.1298, 1.1275) = 1.12865 (exact)
			name: "cross rate through the base",
			rates: []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.1298"), fx(t, 1, "EUR", "GBP", "0.85373"),
				fx(t, 2, "EUR", "USD", "1.1275"), fx(t, 2, "EUR", "GBP", "0.8541")},
			p: oct, reporting: "USD", need: []string{"GBP", "EUR", "USD", "GBP"},
			want: map[string]string{"GBP": "1.321736", "EUR": "1.12865"},
		},
		{
			// Day 2 has no GBP quote, so it is left out for GBP:
			// 1 GBP in USD = 1.1298 / 0.85373 = 1.323369215091... → 1.323369
			// 1 EUR in USD still uses both days: (1.1298 + 1.1275) / 2 = 1.12865
			name: "a day with one leg only is left out",
			rates: []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.1298"), fx(t, 1, "EUR", "GBP", "0.85373"),
				fx(t, 2, "EUR", "USD", "1.1275")},
			p: oct, reporting: "USD", need: []string{"GBP", "EUR"},
			want: map[string]string{"GBP": "1.323369", "EUR": "1.12865"},
		},
		{
			// Rates outside the period are ignored: 1 JPY in EUR =
			// mean(1/178.49, 1/177.9) = (0.005602554765 + 0.005621135469) / 2
			//   = 0.005611845117... → 0.005612 (the 30 September rate is not used)
			name: "outside the period, small currency",
			rates: []kpi.FXRate{fx(t, 1, "EUR", "JPY", "178.49"), fx(t, 2, "EUR", "JPY", "177.9"),
				{Day: kpi.Day(2026, 9, 30), Base: "EUR", Currency: "JPY", Rate: mustRate(t, "100")}},
			p: oct, reporting: "EUR", need: []string{"JPY"},
			want: map[string]string{"JPY": "0.005612"},
		},
		{
			// A rate quoted the other way (base = the needed currency):
			// 1 USD in EUR = 0.9234567 / 1 → 0.923457 (half away from zero: ...567 → ...57)
			name:  "rate from the needed currency",
			rates: []kpi.FXRate{fx(t, 1, "USD", "EUR", "0.9234567")},
			p:     oct, reporting: "EUR", need: []string{"USD"},
			want: map[string]string{"USD": "0.923457"},
		},
		{
			// Exactly half a millionth rounds away from zero: 1.0000005 → 1.000001;
			// 1.00000049 → 1.
			name:  "half away from zero",
			rates: []kpi.FXRate{fx(t, 1, "CHF", "EUR", "1.0000005"), fx(t, 1, "DKK", "EUR", "1.00000049")},
			p:     oct, reporting: "EUR", need: []string{"CHF", "DKK"},
			want: map[string]string{"CHF": "1.000001", "DKK": "1"},
		},
		{
			// 1 October given twice (the daily file and the history both hold
			// it) counts once: (1/1.25 + 1/1.6) / 2 = (0.8 + 0.625) / 2 = 0.7125.
			name: "the same rate twice counts once",
			rates: []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.25"), fx(t, 1, "EUR", "USD", "1.2500"),
				fx(t, 2, "EUR", "USD", "1.6")},
			p: oct, reporting: "EUR", need: []string{"USD"},
			want: map[string]string{"USD": "0.7125"},
		},
		{
			name:  "nothing needed",
			rates: nil, p: oct, reporting: "EUR", need: []string{"EUR"},
			want: map[string]string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := kpi.PeriodRates(tc.rates, tc.p, tc.reporting, tc.need)
			if err != nil {
				t.Fatalf("PeriodRates: %v", err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("PeriodRates returned %d rates %v, want %d", len(got), got, len(tc.want))
			}
			for c, w := range tc.want {
				if g, ok := got[c]; !ok || g.String() != w {
					t.Errorf("PeriodRates(...)[%s] = %v, want %s", c, g, w)
				}
			}
		})
	}
}

func TestPeriodRatesErrors(t *testing.T) {
	oct := kpi.Month(2026, 10)
	tests := []struct {
		name      string
		rates     []kpi.FXRate
		p         kpi.Period
		reporting string
		need      []string
		want      string
	}{
		{"no rate in the period", []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.1")}, oct, "EUR", []string{"GBP"},
			"no exchange rate for GBP in EUR on any day of 2026-10"},
		{"only outside the period", []kpi.FXRate{{Day: kpi.Day(2026, 9, 30), Base: "EUR", Currency: "USD", Rate: mustRate(t, "1.1")}},
			oct, "EUR", []string{"USD"}, "no exchange rate for USD in EUR on any day of 2026-10"},
		{"two values for one rate", []kpi.FXRate{fx(t, 3, "EUR", "USD", "1.1"), {Day: kpi.Day(2026, 10, 3), Base: "EUR",
			Currency: "USD", Rate: mustRate(t, "1.2"), Source: kpi.Source{File: "daily.csv", Line: 2}}}, oct, "EUR", []string{"USD"},
			"daily.csv:2: 1 EUR = 1.2 USD on 2026-10-03, but rates.csv:3 says 1.1"},
		{"two bases", []kpi.FXRate{fx(t, 3, "EUR", "USD", "1.1"), fx(t, 3, "USD", "EUR", "0.9")}, oct, "EUR", []string{"USD"},
			"1 USD in EUR on 2026-10-03: rates of more than one base (EUR, USD) give it; keep one source of rates for that day"},
		{"too small for 6 places", []kpi.FXRate{fx(t, 1, "EUR", "IRR", "4000000")}, oct, "EUR", []string{"IRR"},
			"1 IRR in EUR over 2026-10 is 0.000000250000, which does not fit 6 decimal places; set a fixed rate for IRR in roibook.yaml"},
		{"invalid rate", []kpi.FXRate{{Day: kpi.Day(2026, 10, 1), Base: "EUR", Currency: "EUR", Rate: mustRate(t, "1")}},
			oct, "EUR", []string{"USD"}, ":0: exchange rate EUR/EUR: the same currency on both sides"},
		{"no period", nil, kpi.Period{}, "EUR", []string{"USD"}, "period rates: no period"},
		{"no reporting currency", nil, oct, "", []string{"USD"}, "period rates: no reporting currency"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kpi.PeriodRates(tc.rates, tc.p, tc.reporting, tc.need)
			if err == nil || err.Error() != tc.want {
				t.Errorf("PeriodRates error = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestPeriodRatesConverts checks that the period rate converts as the
// workbook does: 1000.00 USD × 0.917483 = 917.483 → 917.48 EUR.
func TestPeriodRatesConverts(t *testing.T) {
	rates := []kpi.FXRate{fx(t, 1, "EUR", "USD", "1.08"), fx(t, 2, "EUR", "USD", "1.09"), fx(t, 5, "EUR", "USD", "1.10")}
	got, err := kpi.PeriodRates(rates, kpi.Month(2026, 10), "EUR", []string{"USD"})
	if err != nil {
		t.Fatal(err)
	}
	if m := got["USD"].ConvertRound(1000*kpi.Micro, 2); m != 917_480_000 {
		t.Errorf("1000 USD at %s = %s EUR, want 917.48", got["USD"], m)
	}
}

func TestFXRateValidate(t *testing.T) {
	day := kpi.Day(2026, 10, 1)
	tests := []struct {
		x    kpi.FXRate
		want string
	}{
		{kpi.FXRate{Day: day, Base: "EUR", Currency: "CYP", Rate: mustRate(t, "0.58")}, ""},
		{kpi.FXRate{Base: "EUR", Currency: "USD", Rate: mustRate(t, "1.1")}, "without a day"},
		{kpi.FXRate{Day: day, Base: "eur", Currency: "USD", Rate: mustRate(t, "1.1")}, "3-letter"},
		{kpi.FXRate{Day: day, Base: "EUR", Currency: "USD"}, "positive"},
	}
	for _, tc := range tests {
		err := tc.x.Validate()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v.Validate() = %v, want %q", tc.x, err, tc.want)
		}
	}
}

func TestInvoiceValidate(t *testing.T) {
	ok := kpi.Invoice{Number: "INV-1", Date: kpi.Day(2026, 10, 31), Currency: "EUR", Amount: -5 * kpi.Micro, Platform: kpi.MetaAds}
	tests := []struct {
		edit func(*kpi.Invoice)
		want string
	}{
		{func(*kpi.Invoice) {}, ""},
		{func(i *kpi.Invoice) { i.Number = "" }, "without a number"},
		{func(i *kpi.Invoice) { i.Date = time.Time{} }, "without a date"},
		{func(i *kpi.Invoice) { i.Currency = "" }, "ISO 4217"},
		{func(i *kpi.Invoice) { i.Span = kpi.Period{From: kpi.Day(2026, 10, 2), To: kpi.Day(2026, 10, 1)} }, "ends before"},
		{func(i *kpi.Invoice) { i.Span.From = kpi.Day(2026, 10, 2) }, "one end"},
		{func(i *kpi.Invoice) { i.Platform = kpi.GA4 }, "not an ad platform"},
	}
	for _, tc := range tests {
		inv := ok
		tc.edit(&inv)
		err := inv.Validate()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v.Validate() = %v, want %q", inv, err, tc.want)
		}
	}
}
