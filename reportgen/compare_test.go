package reportgen_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// cmpRec is a record of a comparison test: a platform, a day, money and
// counts.
type cmpRec struct {
	platform     kpi.Platform
	day          kpi.Period // From only
	spend, value string
	impr, link   int64
	leads        int64 // Meta only: Google's exports have no leads
}

func addRecs(t *testing.T, agg *reportgen.Aggregator, file string, recs []cmpRec) {
	t.Helper()
	for i, r := range recs {
		has := kpi.FSpend | kpi.FImpressions | kpi.FLinkClicks | kpi.FClicks | kpi.FConversionValue
		if r.platform == kpi.MetaAds {
			has |= kpi.FLeads
		}
		k := kpi.Record{Platform: r.platform, Day: r.day.From, Campaign: "C", Currency: "EUR",
			Spend: money(t, r.spend), ConversionValue: money(t, r.value), Impressions: r.impr, LinkClicks: r.link,
			Clicks: r.link, Leads: kpi.Qty(r.leads * kpi.Micro), Has: has,
			Source: kpi.Source{File: file + "_" + string(r.platform) + ".csv", Line: i + 2}}
		if err := agg.Add(k); err != nil {
			t.Fatal(err)
		}
	}
}

func day(y int, m time.Month, d int) kpi.Period {
	x := kpi.Day(y, m, d)
	return kpi.Period{From: x, To: x}
}

// TestBuild_Comparisons: October compared with a whole September (both
// platforms, first and last day) and with a year-ago October that only
// Meta's export covers, and only partly.
func TestBuild_Comparisons(t *testing.T) {
	oct := []cmpRec{
		{kpi.MetaAds, day(2026, 10, 1), "100", "300", 10000, 200, 4},
		{kpi.MetaAds, day(2026, 10, 31), "50", "100", 5000, 100, 1},
		{kpi.GoogleAds, day(2026, 10, 2), "80", "400", 2000, 100, 0},
	}
	sep := []cmpRec{
		{kpi.MetaAds, day(2026, 9, 1), "60", "90", 6000, 120, 2},
		{kpi.MetaAds, day(2026, 9, 30), "40.50", "10", 4000, 80, 1},
		{kpi.GoogleAds, day(2026, 9, 1), "20", "0", 1000, 40, 0},
		{kpi.GoogleAds, day(2026, 9, 30), "20", "50", 1000, 10, 0},
	}
	yearAgo := []cmpRec{
		{kpi.MetaAds, day(2025, 10, 10), "30", "60", 3000, 60, 0},
		{kpi.MetaAds, day(2025, 10, 20), "30", "0", 3000, 60, 0},
	}
	agg, prev, yoy := reportgen.NewAggregator("EUR", nil), reportgen.NewAggregator("EUR", nil), reportgen.NewAggregator("EUR", nil)
	addRecs(t, agg, "oct", oct)
	addRecs(t, prev, "sep", sep)
	addRecs(t, yoy, "2025", yearAgo)
	costs := []kpi.Cost{{Category: "tools", Description: "Scheduler", Basis: kpi.BasisAmount, Amount: money(t, "100")}}
	opts := reportgen.Options{Client: "C", Currency: "EUR", Period: kpi.Month(2026, 10), Choices: kpi.DefaultChoices(),
		RevenueSource: "platforms", Previous: prev, YearAgo: yoy}
	r, err := reportgen.Build(opts, agg, costs, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Previous
	if p == nil || p.Partial || p.Period.String() != "2026-09" || p.Rows != 4 {
		t.Fatalf("Previous = %+v, want a whole September of 4 rows", p)
	}
	// September, summed here: spend 140.50, revenue 150, leads 3 (Meta
	// only: CPL over Meta's spend 100.50), link clicks 250.
	for key, want := range map[string]float64{
		"spend": 140.5, "revenue": 150, "impressions": 12000, "link_clicks": 250, "leads": 3,
		"roas": 150 / 140.5, "media_roi": (150 - 140.5) / 140.5, "cpl": 100.5 / 3, "cpc": 140.5 / 250,
	} {
		if got := p.Figure(key); !got.OK || !near(got.Value, want) {
			t.Errorf("Previous.Figure(%s) = %+v, want %v", key, got, want)
		}
	}
	for _, key := range []string{"other_costs", "total_cost", "roi", "roi_incl_modelled", "reach", "purchases"} {
		if got := p.Figure(key); got.OK {
			t.Errorf("Previous.Figure(%s) = %v, want undefined (media only / not reported)", key, got.Value)
		}
	}
	if got := r.Figure("other_costs"); !got.OK || got.Value != 100 {
		t.Errorf("the report's other costs = %+v, want 100", got)
	}
	diff, frac := r.Change(p, "spend")
	if !diff.OK || !near(diff.Value, 230-140.5) || !frac.OK || !near(frac.Value, (230-140.5)/140.5) {
		t.Errorf("Change(spend) = %+v, %+v; want %v, %v", diff, frac, 230-140.5, (230-140.5)/140.5)
	}
	if diff, frac := r.Change(p, "roi"); diff.OK || frac.OK {
		t.Errorf("Change(roi) = %+v, %+v; want undefined: full-cost ROI is not compared", diff, frac)
	}

	y := r.YearAgo
	if y == nil || !y.Partial || y.Period.String() != "2025-10" {
		t.Fatalf("YearAgo = %+v, want a partial October 2025", y)
	}
	if y.Covered.String() != "2025-10-10..2025-10-20" {
		t.Errorf("YearAgo.Covered = %s, want 2025-10-10..2025-10-20", y.Covered)
	}
	notes := strings.Join(y.Notes, "; ")
	if !strings.Contains(notes, "no Google Ads rows in October 2025") || !strings.Contains(notes, "2025_meta_ads.csv covers 10–20 Oct 2025 only") {
		t.Errorf("YearAgo.Notes = %q", notes)
	}
	if got := y.Figure("spend"); !got.OK || got.Value != 60 {
		t.Errorf("YearAgo spend = %+v, want 60: shown, flagged", got)
	}
	if diff, frac := r.Change(y, "spend"); diff.OK || frac.OK {
		t.Errorf("Change(year ago, spend) = %+v, %+v; want undefined for a partial period", diff, frac)
	}
	if !strings.Contains(y.Describe(), "partial: 11 of 31 days") {
		t.Errorf("Describe() = %q", y.Describe())
	}

	// No row of a period: no comparison.
	opts.YearAgo = reportgen.NewAggregator("EUR", nil)
	agg = reportgen.NewAggregator("EUR", nil)
	addRecs(t, agg, "oct", oct)
	r, err = reportgen.Build(opts, agg, costs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.YearAgo != nil {
		t.Errorf("YearAgo = %+v, want nil without rows of October 2025", r.YearAgo)
	}
}

// TestBuild_ComparisonWithoutRevenueSource: with revenue from GA4 and no
// GA4 rows in the previous period, its revenue is unknown, not 0.
func TestBuild_ComparisonWithoutRevenueSource(t *testing.T) {
	agg, prev := reportgen.NewAggregator("EUR", nil), reportgen.NewAggregator("EUR", nil)
	addRecs(t, agg, "oct", []cmpRec{{kpi.MetaAds, day(2026, 10, 1), "100", "300", 10000, 200, 4}})
	addRecs(t, prev, "sep", []cmpRec{{kpi.MetaAds, day(2026, 9, 1), "60", "90", 6000, 120, 2}})
	if err := agg.Add(kpi.Record{Platform: kpi.GA4, Day: kpi.Day(2026, 10, 1), Channel: kpi.MetaAds, Currency: "EUR",
		Sessions: 100, Revenue: money(t, "500"), Has: kpi.FSessions | kpi.FRevenue, Source: kpi.Source{File: "ga4.csv", Line: 2}}); err != nil {
		t.Fatal(err)
	}
	r, err := reportgen.Build(reportgen.Options{Client: "C", Currency: "EUR", Period: kpi.Month(2026, 10),
		Choices: kpi.DefaultChoices(), RevenueSource: "ga4", Previous: prev}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Previous
	if p == nil {
		t.Fatal("no previous period")
	}
	for _, key := range []string{"revenue", "roas", "media_roi"} {
		if got := p.Figure(key); got.OK {
			t.Errorf("Previous.Figure(%s) = %v, want undefined: no GA4 rows in September", key, got.Value)
		}
	}
	if got := p.Figure("spend"); !got.OK || got.Value != 60 {
		t.Errorf("Previous spend = %+v, want 60", got)
	}
	if !slices.ContainsFunc(p.Notes, func(n string) bool { return strings.Contains(n, "no Google Analytics 4 rows") }) {
		t.Errorf("Notes = %q, want one saying revenue is not compared", p.Notes)
	}
}
