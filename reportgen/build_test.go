package reportgen_test

import (
	"math"
	"strings"
	"testing"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

func money(tb testing.TB, s string) kpi.Money {
	tb.Helper()
	m, err := kpi.ParseMoney(s)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func rate(tb testing.TB, s string) kpi.Rate {
	tb.Helper()
	r, err := kpi.ParseRate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

type rec struct {
	platform     kpi.Platform
	day          int
	campaign     string
	currency     string
	spend, value string
	impr, link   int64
	reach        int64
	leads        int64
}

func build(t *testing.T, opts reportgen.Options, recs []rec, costs []kpi.Cost) *reportgen.Report {
	t.Helper()
	if opts.Currency == "" {
		opts.Currency = "EUR"
	}
	if opts.Period.IsZero() {
		opts.Period = kpi.Month(2026, 10)
	}
	agg := reportgen.NewAggregator(opts.Currency, opts.Rates)
	for i, r := range recs {
		cur := r.currency
		if cur == "" {
			cur = opts.Currency
		}
		k := kpi.Record{Platform: r.platform, Day: kpi.Day(2026, 10, r.day), Campaign: r.campaign, Currency: cur,
			Spend: money(t, r.spend), ConversionValue: money(t, r.value), Impressions: r.impr, LinkClicks: r.link,
			Clicks: r.link, Leads: kpi.Qty(r.leads * kpi.Micro), Reach: r.reach, ReachKnown: r.reach > 0,
			Has:    kpi.FSpend | kpi.FImpressions | kpi.FLinkClicks | kpi.FClicks | kpi.FConversionValue | kpi.FLeads | kpi.FReach,
			Source: kpi.Source{File: "x.csv", Line: i + 2}}
		if err := agg.Add(k); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	r, err := reportgen.Build(opts, agg, costs, nil)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestBuild_RatiosAreSumOverSum(t *testing.T) {
	r := build(t, reportgen.Options{}, []rec{
		{platform: kpi.MetaAds, day: 1, campaign: "A", spend: "10", value: "0", impr: 1000, link: 5},
		{platform: kpi.MetaAds, day: 2, campaign: "A", spend: "20", value: "0", impr: 1000, link: 1},
	}, nil)
	cpc := r.Total.Values["cpc"]
	if !cpc.OK || !near(cpc.Value, 5) {
		t.Errorf("CPC = %+v, want 30/6 = 5 (not the mean of daily CPCs, 11)", cpc)
	}
	if v := r.Total.Values["cpl"]; v.OK {
		t.Errorf("CPL with no leads = %v, want undefined", v.Value)
	}
	if v := r.Total.Values["roas"]; !v.OK || v.Value != 0 {
		t.Errorf("ROAS with spend and no revenue = %+v, want 0", v)
	}
}

func TestBuild_ConvertsCurrenciesBeforeSumming(t *testing.T) {
	opts := reportgen.Options{Rates: map[string]kpi.Rate{"USD": rate(t, "0.9")}}
	r := build(t, opts, []rec{
		{platform: kpi.MetaAds, day: 1, campaign: "A", currency: "USD", spend: "100", value: "250"},
		{platform: kpi.GoogleAds, day: 1, campaign: "B", spend: "10.01", value: "0"},
	}, nil)
	if got, want := r.Total.Inputs.Spend, money(t, "100.01"); got != want {
		t.Errorf("spend = %s, want %s (90 + 10.01)", got, want)
	}
	if got, want := r.Total.Inputs.Revenue, money(t, "225"); got != want {
		t.Errorf("revenue = %s, want %s: value is converted with the same rate as cost", got, want)
	}
	if r.Rows[0].SpendOriginal != money(t, "100") || r.Rows[0].Currency != "USD" {
		t.Errorf("row keeps the export's figure: %+v", r.Rows[0])
	}

	agg := reportgen.NewAggregator("EUR", nil)
	err := agg.Add(kpi.Record{Platform: kpi.MetaAds, Day: kpi.Day(2026, 10, 1), Currency: "GBP", Source: kpi.Source{File: "m.csv", Line: 7}})
	if err == nil || !strings.Contains(err.Error(), "GBP") || !strings.HasPrefix(err.Error(), "m.csv:7") {
		t.Errorf("Add with no GBP rate: %v, want an error naming m.csv:7 and GBP", err)
	}
}

func TestBuild_ReachIsNeverSummed(t *testing.T) {
	r := build(t, reportgen.Options{}, []rec{
		{platform: kpi.MetaAds, day: 1, campaign: "A", spend: "1", value: "0", impr: 300, reach: 200},
		{platform: kpi.MetaAds, day: 2, campaign: "A", spend: "1", value: "0", impr: 300, reach: 250},
	}, nil)
	if r.Total.Inputs.ReachKnown {
		t.Errorf("total reach = %d, want unknown", r.Total.Inputs.Reach)
	}
	if v := r.Total.Values["frequency"]; v.OK {
		t.Errorf("frequency = %v, want undefined without a de-duplicated reach", v.Value)
	}
	if !r.Rows[0].Totals.ReachKnown || r.Rows[0].Totals.Reach != 200 {
		t.Errorf("a single row keeps its reach: %+v", r.Rows[0].Totals)
	}
}

func TestBuild_CostsAndROI(t *testing.T) {
	opts := reportgen.Options{Rates: map[string]kpi.Rate{"USD": rate(t, "0.5")},
		ActionValues: []reportgen.ActionValue{{Action: "lead", Value: money(t, "60")}}}
	costs := []kpi.Cost{
		{Category: "staff", Description: "Community management", Basis: kpi.BasisHours, Hours: kpi.Qty(10 * kpi.Micro), Rate: money(t, "4"), Source: kpi.Source{File: "c.csv", Line: 2}},
		{Category: "agency_fee", Description: "Fee", Basis: kpi.BasisPercent, Percent: kpi.Qty(10 * kpi.Micro), Platform: kpi.MetaAds, Source: kpi.Source{File: "c.csv", Line: 3}},
		{Category: "tools", Description: "Scheduler", Basis: kpi.BasisAmount, Amount: money(t, "20"), Currency: "USD", Source: kpi.Source{File: "c.csv", Line: 4}},
	}
	r := build(t, opts, []rec{
		{platform: kpi.MetaAds, day: 1, campaign: "A", spend: "100", value: "300", leads: 2},
		{platform: kpi.GoogleAds, day: 1, campaign: "B", spend: "50", value: "0"},
	}, costs)
	// other costs: 10×4 + 10% of Meta's 100 + 20 USD × 0.5 = 40 + 10 + 10 = 60
	if got, want := r.Total.Inputs.OtherCosts, money(t, "60"); got != want {
		t.Errorf("other costs = %s, want %s", got, want)
	}
	if got, want := r.Platforms[0].Inputs.OtherCosts, money(t, "10"); got != want {
		t.Errorf("Meta's other costs = %s, want %s (only the fee scoped to it)", got, want)
	}
	checks := []struct {
		key  string
		want float64
	}{
		{"media_roi", (300.0 - 150) / 150},
		{"roi", (300.0 - 210) / 210},
		{"roi_incl_modelled", (300.0 + 120 - 210) / 210},
		{"roas", 2},
	}
	for _, c := range checks {
		if v := r.Total.Values[c.key]; !v.OK || !near(v.Value, c.want) {
			t.Errorf("%s = %+v, want %v", c.key, v, c.want)
		}
	}
	if got, want := r.Total.Inputs.ModelledValue, money(t, "120"); got != want {
		t.Errorf("modelled value = %s, want %s", got, want)
	}
}

func TestBuild_GoalsProRated(t *testing.T) {
	opts := reportgen.Options{Period: kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 15)},
		Goals: []reportgen.GoalSpec{
			{Metric: "leads", Target: 62, Direction: "at_least"},
			{Metric: "cpl", Target: 45, Direction: "at_most"},
			{Metric: "roi", Target: 150, Direction: "at_least"},
		}}
	r := build(t, opts, []rec{{platform: kpi.MetaAds, day: 1, campaign: "A", spend: "1200", value: "0", leads: 30}}, nil)
	leads := r.Goals[0]
	if !near(leads.TargetValue, 30) || !leads.ProRated || leads.Status != "met" {
		t.Errorf("leads goal = %+v, want target 62×15/31 = 30, met", leads)
	}
	cpl := r.Goals[1]
	if cpl.ProRated || !near(cpl.Actual.Value, 40) || cpl.Status != "met" {
		t.Errorf("cpl goal = %+v, want actual 40, not pro-rated, met", cpl)
	}
	roi := r.Goals[2]
	if !near(roi.TargetValue, 1.5) || roi.Status != "missed" {
		t.Errorf("roi goal = %+v, want target 1.5 (150 %%), missed", roi)
	}
}

func TestBuild_GoalOnAMetricTheScopeLacks(t *testing.T) {
	opts := reportgen.Options{Goals: []reportgen.GoalSpec{{Metric: "purchases", Target: 10, Direction: "at_least"}}}
	r := build(t, opts, []rec{{platform: kpi.LinkedInAds, day: 1, campaign: "A", spend: "10", value: "0", leads: 1}}, nil)
	if g := r.Goals[0]; g.Actual.OK || g.Status != "n/a" {
		t.Errorf("purchases goal without a purchases column = %+v, want n/a", g)
	}
}

// TestBuild_RestrictedTotals: over all platforms, CPL divides the spend of
// the platforms that report leads only; ROAS keeps every platform's spend.
func TestBuild_RestrictedTotals(t *testing.T) {
	agg := reportgen.NewAggregator("EUR", nil)
	add := func(p kpi.Platform, spend string, leads int64, has kpi.Fields) {
		err := agg.Add(kpi.Record{Platform: p, Day: kpi.Day(2026, 10, 1), Currency: "EUR", Spend: money(t, spend),
			Leads: kpi.Qty(leads * kpi.Micro), ConversionValue: money(t, "100"), Has: has,
			Source: kpi.Source{File: string(p) + ".csv", Line: 2}})
		if err != nil {
			t.Fatal(err)
		}
	}
	add(kpi.MetaAds, "300", 10, kpi.FSpend|kpi.FLeads|kpi.FConversionValue)
	add(kpi.GoogleAds, "700", 0, kpi.FSpend|kpi.FConversionValue) // no leads column
	r, err := reportgen.Build(reportgen.Options{Currency: "EUR", Period: kpi.Month(2026, 10)}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := r.Total.Values["cpl"]; !v.OK || !near(v.Value, 30) {
		t.Errorf("total CPL = %+v, want 300/10 = 30, not 1000/10", v)
	}
	if b := r.Total.Basis["cpl"]; len(b) != 1 || b[0] != kpi.MetaAds {
		t.Errorf("CPL basis = %v, want [meta_ads]", b)
	}
	if v := r.Total.Values["roas"]; !v.OK || !near(v.Value, 0.2) {
		t.Errorf("total ROAS = %+v, want 200/1000 over all spend", v)
	}
}

func TestBuild_SourceRef(t *testing.T) {
	agg := reportgen.NewAggregator("EUR", nil)
	for _, line := range []int{7, 29, 8} { // one campaign-day from lines 7, 8 and 29
		agg.Add(kpi.Record{Platform: kpi.LinkedInAds, Day: kpi.Day(2026, 10, 1), Campaign: "A", Currency: "EUR",
			Source: kpi.Source{File: "li.csv", Line: line}})
	}
	agg.Add(kpi.Record{Platform: kpi.LinkedInAds, Day: kpi.Day(2026, 10, 2), Campaign: "A", Currency: "EUR",
		Source: kpi.Source{File: "li.csv", Line: 9}})
	agg.Add(kpi.Record{Platform: kpi.LinkedInAds, Day: kpi.Day(2026, 10, 2), Campaign: "A", Currency: "EUR",
		Source: kpi.Source{File: "li.csv", Line: 10}})
	r, err := reportgen.Build(reportgen.Options{Currency: "EUR", Period: kpi.Month(2026, 10)}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Rows[0].Source, "li.csv: 3 rows, lines 7-29"; got != want {
		t.Errorf("Source = %q, want %q", got, want)
	}
	if got, want := r.Rows[1].Source, "li.csv:9-10"; got != want {
		t.Errorf("Source = %q, want %q", got, want)
	}
}

// TestBuild_OrganicFollowersAndPosts: the organic total's followers are
// the sum of each platform's latest count, even when the exports end on
// different days; a post reported on several days is one top post.
func TestBuild_OrganicFollowersAndPosts(t *testing.T) {
	agg := reportgen.NewAggregator("EUR", nil)
	add := func(r kpi.Record) {
		t.Helper()
		r.Source = kpi.Source{File: string(r.Platform) + ".csv", Line: 2}
		if err := agg.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	page := kpi.FImpressions | kpi.FEngagements | kpi.FFollowers
	add(kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, 30), Followers: 900, FollowersKnown: true, Has: page})
	add(kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, 31), Followers: 1000, FollowersKnown: true, Has: page})
	add(kpi.Record{Platform: kpi.YouTube, Day: kpi.Day(2026, 10, 30), Followers: 250, FollowersKnown: true, Has: page})
	post := kpi.FImpressions | kpi.FEngagements | kpi.FPosts
	for day, eng := range map[int]int64{3: 40, 4: 25} {
		add(kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, day), Account: "Acme", Post: "Launch",
			PostLink: "https://li/1", Impressions: 1000, Engagements: eng, Posts: 1, Has: post})
	}
	add(kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, 5), Account: "Acme", Post: "Other",
		PostLink: "https://li/2", Impressions: 500, Engagements: 50, Posts: 1, Has: post})
	r, err := reportgen.Build(reportgen.Options{Currency: "EUR", Period: kpi.Month(2026, 10)}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := r.Organic
	if o == nil || len(o.Platforms) != 2 {
		t.Fatalf("organic = %+v, want two platforms", o)
	}
	if in := o.Total.Inputs; !in.FollowersKnown || in.Followers != 1250 {
		t.Errorf("organic followers = %d (known %v), want 1000 + 250", in.Followers, in.FollowersKnown)
	}
	top := o.Platforms[0].TopPosts
	if len(top) != 2 || top[0].Link != "https://li/1" || top[0].Totals.Engagements != 65 || top[0].Totals.Impressions != 2000 {
		t.Errorf("top posts = %+v, want https://li/1 once with 65 engagements over 2000 impressions first", top)
	}
	if v := top[0].EngagementRate; !v.OK || math.Abs(v.Value-65.0/2000) > 1e-12 {
		t.Errorf("top post engagement rate = %+v, want 65/2000", v)
	}
}

// TestBuild_RowOrder: rows that differ only by post or channel come in
// the same order whatever order the records arrive in.
func TestBuild_RowOrder(t *testing.T) {
	recs := []kpi.Record{
		{Platform: kpi.LinkedInPage, Post: "B", PostLink: "https://li/2", Impressions: 1, Has: kpi.FImpressions},
		{Platform: kpi.LinkedInPage, Post: "A", Impressions: 2, Has: kpi.FImpressions},
		{Platform: kpi.LinkedInPage, Impressions: 3, Has: kpi.FImpressions},
		{Platform: kpi.CRM, Channel: kpi.MetaAds, Leads: kpi.Micro, Has: kpi.FLeads},
		{Platform: kpi.CRM, Leads: 2 * kpi.Micro, Has: kpi.FLeads},
		{Platform: kpi.CRM, Channel: kpi.SocialPaid, Leads: 3 * kpi.Micro, Has: kpi.FLeads},
	}
	order := func(r *reportgen.Report) string {
		var s []string
		for _, row := range r.Organic.Rows {
			s = append(s, row.PostLink+"|"+row.Post)
		}
		for _, row := range r.Sales.Rows {
			s = append(s, string(row.Channel))
		}
		return strings.Join(s, ",")
	}
	want := "|,|A,https://li/2|B,meta_ads,social_paid,"
	for i := range 20 {
		agg := reportgen.NewAggregator("EUR", nil)
		for j := range recs {
			r := recs[(i+j)%len(recs)]
			r.Day, r.Source = kpi.Day(2026, 10, 1), kpi.Source{File: "x.csv", Line: j + 2}
			if err := agg.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		r, err := reportgen.Build(reportgen.Options{Currency: "EUR", Period: kpi.Month(2026, 10)}, agg, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := order(r); got != want {
			t.Fatalf("row order = %q, want %q", got, want)
		}
	}
}

// TestBuild_GoalAtRisk: a goal not met is at risk within 10 % of its
// target (attainment 90–100 %), missed below; at-most goals by target /
// actual; a negative target gives no at risk.
func TestBuild_GoalAtRisk(t *testing.T) {
	// 30 leads for 1200 EUR: CPL 40, ROI -100 %.
	tests := []struct {
		name string
		goal reportgen.GoalSpec
		want string
	}{
		{"leads met", reportgen.GoalSpec{Metric: "leads", Target: 30, Direction: "at_least"}, "met"},
		{"leads 30 of 33 at risk", reportgen.GoalSpec{Metric: "leads", Target: 33, Direction: "at_least"}, "at risk"},
		{"leads 30 of 33.3 at risk (90.09 %)", reportgen.GoalSpec{Metric: "leads", Target: 33.3, Direction: "at_least"}, "at risk"},
		{"leads 30 of 33.4 missed (89.8 %)", reportgen.GoalSpec{Metric: "leads", Target: 33.4, Direction: "at_least"}, "missed"},
		{"cpl 40 at most 38 at risk (95 %)", reportgen.GoalSpec{Metric: "cpl", Target: 38, Direction: "at_most"}, "at risk"},
		{"cpl 40 at most 35 missed (87.5 %)", reportgen.GoalSpec{Metric: "cpl", Target: 35, Direction: "at_most"}, "missed"},
		{"roi -100 % at least -95 % missed", reportgen.GoalSpec{Metric: "roi", Target: -95, Direction: "at_least"}, "missed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := reportgen.Options{Goals: []reportgen.GoalSpec{tc.goal}}
			r := build(t, opts, []rec{{platform: kpi.MetaAds, day: 1, campaign: "A", spend: "1200", value: "0", leads: 30}}, nil)
			if g := r.Goals[0]; g.Status != tc.want {
				t.Errorf("status = %q (attainment %v), want %q", g.Status, g.Attainment, tc.want)
			}
		})
	}
}
