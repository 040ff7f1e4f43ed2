package deck

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// builtReport streams a month of records for four platforms (ten campaigns
// each, one in USD) through reportgen's Aggregator and Build, the way the
// CLI does.
func builtReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	period := kpi.Month(2026, time.October)
	usd, _ := kpi.ParseRate("0.9215")
	agg := reportgen.NewAggregator("EUR", map[string]kpi.Rate{"USD": usd})
	rng := rand.New(rand.NewPCG(11, 5))
	has := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FConversions |
		kpi.FConversionValue | kpi.FLeads | kpi.FPurchases
	line := 2
	for pi, p := range reportgen.PlatformOrder[:4] {
		cur := "EUR"
		if p == kpi.LinkedInAds {
			cur = "USD"
		}
		for c := range 10 {
			name := fmt.Sprintf("%s campaign %02d – %s", p.Name(), c+1, []string{"Prospecting", "Retargeting 🔁",
				"Lookalike 1%", "Brand video", "Catalogue 🛒", "春季促销", "Lead form", "Evergreen",
				"A very long campaign name that the deck must shorten with an ellipsis", "Test"}[c])
			for d := period.From; !d.After(period.To); d = d.AddDate(0, 0, 1) {
				spend := (40 + 30*float64(pi)) / float64(c+1) * (0.7 + 0.6*rng.Float64())
				imp := int64(spend * 130)
				clicks := imp / 90
				conv := clicks / 25
				r := kpi.Record{Platform: p, Day: d, Account: "acct", Campaign: name, Currency: cur,
					Spend:           kpi.MoneyFromFloat(float64(int64(spend*100)) / 100),
					ConversionValue: kpi.MoneyFromFloat(float64(conv) * 71.5),
					Impressions:     imp, Clicks: clicks + 3, LinkClicks: clicks,
					Conversions: kpi.Qty(conv * kpi.Micro), Purchases: kpi.Qty(conv * kpi.Micro),
					Leads: kpi.Qty(clicks / 40 * kpi.Micro), Has: has,
					Source: kpi.Source{File: string(p) + ".csv", Line: line}}
				line++
				if err := agg.Add(r); err != nil {
					tb.Fatalf("Add: %v", err)
				}
			}
		}
	}
	amount := func(cat string, eur float64) kpi.Cost {
		return kpi.Cost{Category: cat, Description: cat, Basis: kpi.BasisAmount, Amount: kpi.MoneyFromFloat(eur),
			Source: kpi.Source{File: "costs.csv", Line: 2}}
	}
	costs := []kpi.Cost{
		amount("tools", 480),
		amount("production", 3200),
		{Category: "staff", Basis: kpi.BasisHours, Hours: 64 * kpi.Micro, Rate: 55 * kpi.Micro, Source: kpi.Source{File: "costs.csv", Line: 4}},
		{Category: "agency_fee", Basis: kpi.BasisPercent, Percent: 12 * kpi.Micro, Source: kpi.Source{File: "costs.csv", Line: 5}},
		{Category: "tools", Currency: "USD", Basis: kpi.BasisAmount, Amount: 99 * kpi.Micro, Source: kpi.Source{File: "costs.csv", Line: 6}},
	}
	sources := []kpi.FileStats{
		{File: "meta_ads.csv", Platform: kpi.MetaAds, Rows: 312, Used: 310, Rejected: []kpi.Note{{Line: 9, Reason: "bad number"}, {Line: 12, Reason: "bad date"}}},
		{File: "google_ads.csv", Platform: kpi.GoogleAds, Rows: 310, Used: 310},
		{File: "costs.csv", Platform: kpi.Costs, Rows: 5, Used: 5},
	}
	r, err := reportgen.Build(reportgen.Options{
		Client: "Built Client AG", Currency: "EUR", Period: period, Rates: map[string]kpi.Rate{"USD": usd},
		Choices: kpi.DefaultChoices(), RevenueSource: "platforms",
		ActionValues: []reportgen.ActionValue{{Action: "lead", Value: 30 * kpi.Micro}},
		Goals: []reportgen.GoalSpec{
			{Metric: "roi", Target: 150, Direction: "at_least"},
			{Metric: "cpl", Target: 45, Direction: "at_most"},
			{Metric: "leads", Target: 500, Direction: "at_least"},
			{Metric: "roas", Target: 3, Direction: "at_least", Platform: kpi.MetaAds},
		},
		Branding:   reportgen.Branding{Name: "Brightline Social", PrimaryColor: "#6A1B9A"},
		Commentary: "Built from streamed records. 🚀",
	}, agg, costs, sources)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return r
}

func TestRender_fromBuild(t *testing.T) {
	r := builtReport(t)
	pdf := mustRender(t, r)
	// cover, summary, 4 platforms, costs, goals, commentary, definitions
	if got, want := len(pageRE.FindAll(pdf, -1)), 10; got != want {
		t.Errorf("Render(Build(...)): %d pages, want %d", got, want)
	}
	needTool(t, "pdftotext")
	text := runPoppler(t, pdf, "pdftotext", "-f", "2", "-l", "2", "-layout")

	// deck = model: the summary shows the model's figures as Format* give them
	in := r.Total.Inputs
	for what, want := range map[string]string{
		"full-cost ROI": FormatRatio(r.Total.Value("roi"), kpi.FormatPercent, "EUR"),
		"media ROI":     FormatRatio(r.Total.Value("media_roi"), kpi.FormatPercent, "EUR"),
		"revenue":       FormatMoney(in.Revenue, "EUR"),
		"total cost":    FormatMoney(in.TotalCost(), "EUR"),
		"ROAS":          FormatRatio(r.Total.Value("roas"), kpi.FormatRatio, "EUR"),
		"CPL":           FormatRatio(r.Total.Value("cpl"), kpi.FormatMoney, "EUR"),
		"leads":         FormatQty(in.Leads),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary page lacks %s %q:\n%s", what, want, text)
		}
	}

	// model = JSON: the same figures, formatted from the JSON summary
	s := reportgen.Summarize(r, "", "")
	money := func(n fmt.Stringer) string {
		m, err := kpi.ParseMoney(n.String())
		if err != nil {
			t.Fatalf("JSON money %q: %v", n, err)
		}
		return FormatMoney(m, s.Currency)
	}
	pct := func(p *float64) string {
		if p == nil {
			return NA
		}
		return formatFloat(*p, 1) + "%"
	}
	for what, want := range map[string]string{
		"roi_pct":               pct(s.Totals.ROIPct),
		"media_roi_pct":         pct(s.Totals.MediaROIPct),
		"roi_incl_modelled_pct": pct(s.Totals.ROIInclModelledPct),
		"revenue":               money(s.Totals.Revenue),
		"total_cost":            money(s.Totals.TotalCost),
		"ad_spend":              money(s.Totals.AdSpend),
		"modelled_value":        money(s.Totals.ModelledValue),
		"roas":                  strconv.FormatFloat(*s.Totals.ROAS, 'f', 2, 64),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary page lacks JSON %s as %q:\n%s", what, want, text)
		}
	}
	all := runPoppler(t, pdf, "pdftotext", "-layout")
	for _, want := range []string{"Meta Ads campaign 01", "…", "1 USD = 0.9215 EUR", "Built from streamed records."} {
		if !strings.Contains(all, want) {
			t.Errorf("deck text lacks %q", want)
		}
	}
}
