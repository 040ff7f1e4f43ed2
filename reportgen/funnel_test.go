package reportgen_test

import (
	"slices"
	"testing"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// TestBuild_Funnel: Meta reports landing-page views and purchases, Google
// only conversions; LinkedIn leads and no link clicks column of its own.
// A metric a platform does not report is undefined there, not 0, and a
// conversion's total is over the platforms reporting both counts.
func TestBuild_Funnel(t *testing.T) {
	agg := reportgen.NewAggregator("EUR", nil)
	add := func(r kpi.Record) {
		t.Helper()
		r.Day, r.Currency, r.Campaign = kpi.Day(2026, 10, 1), "EUR", "C"
		r.Source = kpi.Source{File: string(r.Platform) + ".csv", Line: 2}
		if err := agg.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	q := func(n int64) kpi.Qty { return kpi.Qty(n * kpi.Micro) }
	add(kpi.Record{Platform: kpi.MetaAds, Spend: money(t, "200"), Impressions: 40000, LinkClicks: 800, Clicks: 900,
		Reactions: 300, Shares: 20, LandingPageViews: 600, Leads: q(10), AddsToCart: q(60), Purchases: q(15), ConversionValue: money(t, "900"),
		Has: kpi.FSpend | kpi.FImpressions | kpi.FLinkClicks | kpi.FClicks | kpi.FReactions | kpi.FShares |
			kpi.FLandingPageViews | kpi.FLeads | kpi.FAddsToCart | kpi.FPurchases | kpi.FConversionValue})
	add(kpi.Record{Platform: kpi.GoogleAds, Spend: money(t, "100"), Impressions: 10000, LinkClicks: 400, Clicks: 400,
		Conversions: q(8), ConversionValue: money(t, "500"),
		Has: kpi.FSpend | kpi.FImpressions | kpi.FLinkClicks | kpi.FClicks | kpi.FConversions | kpi.FConversionValue})
	add(kpi.Record{Platform: kpi.LinkedInAds, Spend: money(t, "50"), Impressions: 5000, LinkClicks: 0, Clicks: 50, Follows: 7, Leads: q(5),
		Has: kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FFollows | kpi.FLeads})
	r, err := reportgen.Build(reportgen.Options{Client: "C", Currency: "EUR", Period: kpi.Month(2026, 10),
		Choices: kpi.DefaultChoices(), RevenueSource: "platforms"}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fn := r.Funnel
	if fn == nil || len(fn.Stages) != 4 {
		t.Fatalf("Funnel = %+v, want 4 stages", fn)
	}
	// Platforms in report order: Meta, Google, LinkedIn.
	metric := func(stage int, key string) reportgen.FunnelMetric {
		t.Helper()
		for _, m := range fn.Stages[stage].Metrics {
			if m.Key == key {
				return m
			}
		}
		t.Fatalf("stage %s has no %s", fn.Stages[stage].Key, key)
		return reportgen.FunnelMetric{}
	}
	type want struct {
		v  float64
		ok bool
	}
	check := func(name string, got []kpi.Ratio, total kpi.Ratio, wantTotal want, wants ...want) {
		t.Helper()
		if total.OK != wantTotal.ok || wantTotal.ok && !near(total.Value, wantTotal.v) {
			t.Errorf("%s total = %+v, want %+v", name, total, wantTotal)
		}
		for i, w := range wants {
			if got[i].OK != w.ok || w.ok && !near(got[i].Value, w.v) {
				t.Errorf("%s of %s = %+v, want %+v", name, r.Platforms[i].Name, got[i], w)
			}
		}
	}
	no := want{}
	m := metric(0, "impressions")
	check("impressions", m.Platforms, m.Total, want{55000, true}, want{40000, true}, want{10000, true}, want{5000, true})
	m = metric(0, "cpm")
	check("CPM", m.Platforms, m.Total, want{350.0 / 55, true}, want{5, true}, want{10, true}, want{10, true})
	m = metric(1, "follows")
	check("follows", m.Platforms, m.Total, want{7, true}, no, no, want{7, true})
	m = metric(2, "landing_page_views")
	check("landing-page views", m.Platforms, m.Total, want{600, true}, want{600, true}, no, no)
	m = metric(3, "conversions")
	check("conversions", m.Platforms, m.Total, want{8, true}, no, want{8, true}, no)
	m = metric(3, "revenue")
	check("revenue", m.Platforms, m.Total, want{1400, true}, want{900, true}, want{500, true}, no)
	for _, key := range []string{"reach", "checkouts", "sessions"} {
		for _, st := range fn.Stages {
			if slices.ContainsFunc(st.Metrics, func(m reportgen.FunnelMetric) bool { return m.Key == key }) {
				t.Errorf("stage %s shows %s, which no export reports", st.Key, key)
			}
		}
	}

	heads := []string{}
	for _, st := range fn.Stages {
		heads = append(heads, st.Headline)
	}
	if !slices.Equal(heads, []string{"impressions", "link_clicks", "landing_page_views", "purchases"}) {
		t.Errorf("headlines = %v", heads)
	}
	// LinkedIn exports clicks only, which count as link clicks too
	// (importers do so; here its record has no link clicks field at all).
	c := fn.Stages[0].ToNext
	check("impressions → link clicks", c.Platforms, c.Total, want{1200.0 / 50000, true}, want{0.02, true}, want{0.04, true}, no)
	if !slices.Equal(c.Basis, []kpi.Platform{kpi.MetaAds, kpi.GoogleAds}) {
		t.Errorf("basis = %v, want Meta and Google", c.Basis)
	}
	c = fn.Stages[1].ToNext
	check("link clicks → landing-page views", c.Platforms, c.Total, want{0.75, true}, want{0.75, true}, no, no)
	c = fn.Stages[2].ToNext
	check("landing-page views → purchases", c.Platforms, c.Total, want{0.025, true}, want{0.025, true}, no, no)
	if fn.Stages[3].ToNext != nil {
		t.Errorf("the last stage has a conversion: %+v", fn.Stages[3].ToNext)
	}
}
