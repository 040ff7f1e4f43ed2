package reportgen

import (
	"strings"
	"testing"

	"github.com/roibook/roibook/kpi"
)

// TestResolveOverlaps: two exports of one account and day. add keeps both,
// newest keeps the newer file's figures (and drops a campaign only the
// older one has for that day), error refuses.
func TestResolveOverlaps(t *testing.T) {
	day := kpi.Day(2026, 10, 1)
	build := func() *Aggregator {
		a := NewAggregator("EUR", nil)
		add := func(file, campaign string, line int, spend int64) {
			if err := a.Add(kpi.Record{Platform: kpi.MetaAds, Day: day, Account: "A", Campaign: campaign, Currency: "EUR",
				Spend: kpi.Money(spend * kpi.Micro), Has: kpi.FSpend, Source: kpi.Source{File: file, Line: line}}); err != nil {
				t.Fatal(err)
			}
		}
		add("old.csv", "Brand", 2, 100)
		add("old.csv", "Paused", 3, 7)
		add("new.csv", "Brand", 2, 120)
		// Another day of the old file only: not an overlap.
		if err := a.Add(kpi.Record{Platform: kpi.MetaAds, Day: day.AddDate(0, 0, 1), Account: "A", Campaign: "Brand", Currency: "EUR",
			Spend: 50 * kpi.Micro, Has: kpi.FSpend, Source: kpi.Source{File: "old.csv", Line: 4}}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	spend := func(a *Aggregator) kpi.Money {
		var s kpi.Money
		for _, c := range a.cells {
			s += c.totals.Spend
		}
		return s
	}
	rank := map[string]int{"old.csv": 0, "new.csv": 1}
	tests := []struct {
		policy   string
		spend    kpi.Money
		replaced int
		message  string
	}{
		{OverlapAdd, 277 * kpi.Micro, 0, "new.csv and old.csv report the same account on 1 day, 1 row of the same campaign and day: both are added up"},
		{OverlapNewest, 170 * kpi.Micro, 2, "the newer file's rows are used"},
		{OverlapError, 0, 0, "overlapping exports: new.csv and old.csv report the same account on 1 day"},
	}
	for _, tc := range tests {
		t.Run(tc.policy, func(t *testing.T) {
			a := build()
			ws, replaced, err := resolveOverlaps(a, tc.policy, rank)
			if tc.policy == OverlapError {
				if err == nil || !strings.Contains(err.Error(), tc.message) {
					t.Fatalf("err = %v, want %q", err, tc.message)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 1 || !strings.Contains(ws[0], tc.message) {
				t.Errorf("warnings = %q, want one with %q", ws, tc.message)
			}
			if got := spend(a); got != tc.spend {
				t.Errorf("spend = %s, want %s", got, tc.spend)
			}
			if replaced["old.csv"] != tc.replaced || replaced["new.csv"] != 0 {
				t.Errorf("replaced = %v, want old.csv: %d", replaced, tc.replaced)
			}
		})
	}
}

// TestSameFiguresWarnings: YouTube's Table data and Chart data together
// count views twice; Meta's posts and page exports do not.
func TestSameFiguresWarnings(t *testing.T) {
	tests := []struct {
		name    string
		sources []kpi.FileStats
		want    int
	}{
		{"youtube table and chart data", []kpi.FileStats{
			{File: "Table data.csv", Platform: kpi.YouTube, Level: "video"},
			{File: "Chart data.csv", Platform: kpi.YouTube, Level: "video-day"}}, 1},
		{"one youtube file", []kpi.FileStats{{File: "Table data.csv", Platform: kpi.YouTube, Level: "video"}}, 0},
		{"x posts and daily", []kpi.FileStats{
			{File: "content.csv", Platform: kpi.XOrganic, Level: "post"},
			{File: "overview.csv", Platform: kpi.XOrganic, Level: "account-day"}}, 1},
		{"two x post exports", []kpi.FileStats{
			{File: "a.csv", Platform: kpi.XOrganic, Level: "post"},
			{File: "b.csv", Platform: kpi.XOrganic, Level: "post"}}, 0},
		{"meta posts and page", []kpi.FileStats{
			{File: "posts.csv", Platform: kpi.MetaPosts, Level: "post"},
			{File: "page.csv", Platform: kpi.MetaPosts, Level: "page-day"}}, 0},
	}
	for _, tc := range tests {
		if got := sameFiguresWarnings(tc.sources); len(got) != tc.want {
			t.Errorf("%s: %q, want %d warnings", tc.name, got, tc.want)
		}
	}
}

// TestCoverageWarnings: an export whose stated period leaves days of the
// report out is named; one covering the period, or with no row used, is not.
func TestCoverageWarnings(t *testing.T) {
	oct := kpi.Month(2026, 10)
	first3, _ := kpi.ParsePeriod("2026-10-01..2026-10-03")
	sources := []kpi.FileStats{
		{File: "ga4.csv", Platform: kpi.GA4, Period: first3, Used: 6},
		{File: "google.csv", Platform: kpi.GoogleAds, Period: oct, Used: 40},
		{File: "old.csv", Platform: kpi.GA4, Period: first3, OutsidePeriod: 4},
		{File: "meta.csv", Platform: kpi.MetaAds, Used: 10},
	}
	got := coverageWarnings(sources, oct)
	want := "ga4.csv: the export covers 2026-10-01..2026-10-03, not all of 2026-10: its figures are for those days only"
	if len(got) != 1 || got[0] != want {
		t.Errorf("coverageWarnings = %q, want [%q]", got, want)
	}
}
