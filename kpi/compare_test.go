package kpi_test

import (
	"testing"

	"github.com/roibook/roibook/kpi"
)

func TestPeriod_Comparisons(t *testing.T) {
	for _, tc := range []struct {
		period, previous, yearAgo string
	}{
		{"2026-10", "2026-09", "2025-10"},
		{"2026-03", "2026-02", "2025-03"},
		{"2026-01", "2025-12", "2025-01"},
		{"2028-02", "2028-01", "2027-02"},                                              // 29 days, then 28
		{"2029-02", "2029-01", "2028-02"},                                              // 28 days, then 29
		{"2026-07-01..2026-09-30", "2026-04-01..2026-06-30", "2025-07-01..2025-09-30"}, // a quarter: the quarter before
		{"2026-10-01..2026-10-15", "2026-09-16..2026-09-30", "2025-10-01..2025-10-15"},
		{"2026-10-10..2026-10-16", "2026-10-03..2026-10-09", "2025-10-10..2025-10-16"},
		{"2028-02-29..2028-03-06", "2028-02-22..2028-02-28", "2027-02-28..2027-03-06"},
		{"2026-03-01..2026-03-01", "2026-02-28..2026-02-28", "2025-03-01..2025-03-01"},
	} {
		t.Run(tc.period, func(t *testing.T) {
			p, err := kpi.ParsePeriod(tc.period)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Previous().String(); got != tc.previous {
				t.Errorf("%s.Previous() = %s, want %s", p, got, tc.previous)
			}
			if got := p.YearEarlier().String(); got != tc.yearAgo {
				t.Errorf("%s.YearEarlier() = %s, want %s", p, got, tc.yearAgo)
			}
		})
	}
	if !(kpi.Period{}).Previous().IsZero() || !(kpi.Period{}).YearEarlier().IsZero() {
		t.Error("the zero period has comparisons")
	}
}

func TestPeriod_Intersect(t *testing.T) {
	oct, sep := kpi.Month(2026, 10), kpi.Month(2026, 9)
	if _, ok := oct.Intersect(sep); ok {
		t.Error("October and September intersect")
	}
	half := kpi.Period{From: kpi.Day(2026, 9, 20), To: kpi.Day(2026, 10, 5)}
	got, ok := oct.Intersect(half)
	if !ok || got.String() != "2026-10-01..2026-10-05" {
		t.Errorf("Intersect = %v, %v", got, ok)
	}
}
