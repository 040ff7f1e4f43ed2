package deck

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// Reports are built by hand here, the way reportgen.Build fills them:
// money in the reporting currency, Values computed by the KPI definitions.

func values(defs []kpi.KPI, in kpi.Inputs) map[string]kpi.Ratio {
	m := map[string]kpi.Ratio{}
	for _, k := range defs {
		m[k.Key] = k.Value(in)
	}
	return m
}

const allFields = kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements |
	kpi.FLeads | kpi.FConversions | kpi.FConversionValue | kpi.FPurchases

// withRevenue adds FRevenue where conversion value is reported: with the
// default revenue source, platform-reported value is the attributed revenue.
func withRevenue(has kpi.Fields) kpi.Fields {
	if has&kpi.FConversionValue != 0 {
		has |= kpi.FRevenue
	}
	return has
}

// platformSpec describes a platform of a generated report.
type platformSpec struct {
	platform  kpi.Platform
	campaigns []string
	dailyMean float64 // spend per campaign-day
	cpm, ctr  float64
	cvr, aov  float64
	has       kpi.Fields
	noDays    bool // only span rows: no daily figures
}

type reportSpec struct {
	client, agency, color string
	currency              string
	period                kpi.Period
	platforms             []platformSpec
	costs                 []reportgen.CostLine
	goals                 []reportgen.Goal
	commentary            string
	logo                  []byte
	revenueSource         string
	seed                  uint64
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func makeReport(spec reportSpec) *reportgen.Report {
	rng := rand.New(rand.NewPCG(spec.seed, 42))
	defs := kpi.Definitions(kpi.DefaultChoices())
	r := &reportgen.Report{
		Client: spec.client, Currency: spec.currency, Period: spec.period,
		BusinessModel: "ecommerce", RevenueSource: spec.revenueSource,
		Branding:   reportgen.Branding{Name: spec.agency, PrimaryColor: spec.color, Logo: spec.logo},
		Commentary: spec.commentary, KPIs: defs, Choices: kpi.DefaultChoices(),
		Costs: spec.costs, Goals: spec.goals,
	}
	var total kpi.Totals
	var totalRevenue kpi.Money
	for _, ps := range spec.platforms {
		sc := reportgen.Scope{Platform: ps.platform, Name: ps.platform.Name()}
		var pt kpi.Totals
		days := map[time.Time]*kpi.Totals{}
		for ci, name := range ps.campaigns {
			var ct kpi.Totals
			weight := 1.6 / float64(ci+1) // a few big campaigns, a long tail
			for d := spec.period.From; !d.After(spec.period.To); d = d.AddDate(0, 0, 1) {
				wk := 1.0
				if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
					wk = 0.7
				}
				spend := ps.dailyMean * weight * wk * (0.75 + 0.5*rng.Float64())
				imp := int64(spend / ps.cpm * 1000)
				clicks := int64(float64(imp) * ps.ctr * (0.8 + 0.4*rng.Float64()))
				conv := float64(int64(float64(clicks) * ps.cvr * (0.5 + rng.Float64())))
				rec := kpi.Record{
					Platform: ps.platform, Day: d, Campaign: name, Currency: spec.currency,
					Spend: kpi.MoneyFromFloat(float64(int64(spend*100)) / 100), Impressions: imp,
					Clicks: clicks + clicks/3, LinkClicks: clicks, Engagements: clicks * 2,
					Conversions: kpi.Qty(conv * kpi.Micro), Purchases: kpi.Qty(conv * kpi.Micro),
					Leads:           kpi.Qty(float64(int64(conv/3)) * kpi.Micro),
					ConversionValue: kpi.MoneyFromFloat(float64(int64(conv*ps.aov*100)) / 100),
					Has:             withRevenue(ps.has), Source: kpi.Source{File: "x.csv", Line: 2},
				}
				ct.Add(&rec)
				if !ps.noDays {
					if days[d] == nil {
						days[d] = &kpi.Totals{}
					}
					days[d].Add(&rec)
				}
			}
			in := kpi.Inputs{Totals: ct, Revenue: ct.ConversionValue}
			sc.Campaigns = append(sc.Campaigns, reportgen.Campaign{Account: "Acct", Campaign: name,
				Totals: ct, Values: values(defs, in)})
			pt.Merge(ct)
		}
		for d := spec.period.From; !d.After(spec.period.To); d = d.AddDate(0, 0, 1) {
			if t := days[d]; t != nil {
				sc.Days = append(sc.Days, reportgen.Day{Day: d, Totals: *t})
			}
		}
		if ps.noDays {
			sc.Aggregated = pt
		}
		var other kpi.Money
		for _, c := range spec.costs {
			if c.Platform == ps.platform {
				other += c.Amount
			}
		}
		sc.Inputs = kpi.Inputs{Totals: pt, Revenue: pt.ConversionValue, OtherCosts: other}
		sc.Values = values(defs, sc.Inputs)
		r.Platforms = append(r.Platforms, sc)
		total.Merge(pt)
		totalRevenue += pt.ConversionValue
	}
	var other kpi.Money
	for _, c := range spec.costs {
		other += c.Amount
	}
	var modelled kpi.Money
	if total.Has&kpi.FLeads != 0 {
		r.Actions = []reportgen.Action{{Action: "lead", Label: "Leads", Value: 25 * kpi.Micro,
			Count: total.Leads, Total: kpi.Money(int64(total.Leads) * 25)}}
		modelled = r.Actions[0].Total
	}
	r.Total = reportgen.Scope{Name: "All platforms", Inputs: kpi.Inputs{Totals: total, OtherCosts: other,
		Revenue: totalRevenue, ModelledValue: modelled}}
	r.Total.Values = values(defs, r.Total.Inputs)
	usd, _ := kpi.ParseRate("0.9215")
	gbp, _ := kpi.ParseRate("1.1702")
	r.Rates = []reportgen.RateUsed{{Currency: "USD", Rate: usd, Used: true}, {Currency: "GBP", Rate: gbp}}
	for i, ps := range spec.platforms {
		r.Sources = append(r.Sources, kpi.FileStats{File: fmt.Sprintf("%s_%d.csv", ps.platform, i),
			Platform: ps.platform, Rows: 320, Used: 310, Rejected: []kpi.Note{{Line: 7, Reason: "bad number"}}})
	}
	r.Sources = append(r.Sources, kpi.FileStats{File: "costs.csv", Platform: kpi.Costs, Rows: 9, Used: 9})
	// goals against the computed totals
	for i := range r.Goals {
		g := &r.Goals[i]
		switch g.Metric {
		case "roi", "roas", "ctr", "cpa", "cpl", "media_roi":
			g.Actual = r.Total.Value(g.Metric)
		case "leads":
			g.Actual = kpi.Ratio{Value: total.Leads.Float64(), OK: true}
		case "revenue":
			g.Actual = kpi.Ratio{Value: totalRevenue.Float64(), OK: true}
		}
		g.Status = "n/a"
		if g.Actual.OK && g.TargetValue != 0 {
			att := g.Actual.Value / g.TargetValue
			if g.Direction == "at_most" {
				att = g.TargetValue / g.Actual.Value
			}
			g.Attainment = kpi.Ratio{Value: att, OK: true}
			g.Status = "missed"
			if att >= 1 {
				g.Status = "met"
			}
		}
	}
	return r
}

func cost(cat, desc string, amount float64) reportgen.CostLine {
	m := kpi.MoneyFromFloat(amount)
	return reportgen.CostLine{Cost: kpi.Cost{Category: cat, Description: desc, Basis: kpi.BasisAmount, Amount: m},
		Rate: kpi.One(), Amount: m}
}

// realisticReport is a month of four platforms with ten campaigns each.
func realisticReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	camps := func(prefix string) []string {
		var out []string
		for _, s := range []string{"Prospecting - Broad", "Retargeting - 30d visitors", "Lookalike 1% purchasers",
			"Brand awareness video", "Catalog sales - DPA", "Spring collection launch", "Newsletter sign-up",
			"Black Friday teaser", "Competitor conquesting", "Always-on evergreen"} {
			out = append(out, prefix+" | "+s)
		}
		return out
	}
	return makeReport(reportSpec{
		client: "Northwind Outdoor GmbH", agency: "Brightline Social", color: "#1F4E79",
		currency: "EUR", period: kpi.Month(2026, time.October), revenueSource: "ga4", seed: 7,
		logo: mustRead(tb, "testdata/logo_interlaced.png"),
		platforms: []platformSpec{
			{platform: kpi.MetaAds, campaigns: camps("FB"), dailyMean: 95, cpm: 7.5, ctr: 0.011, cvr: 0.03, aov: 88, has: allFields},
			{platform: kpi.GoogleAds, campaigns: camps("GA"), dailyMean: 120, cpm: 22, ctr: 0.04, cvr: 0.05, aov: 92, has: allFields},
			{platform: kpi.LinkedInAds, campaigns: camps("LI"), dailyMean: 40, cpm: 35, ctr: 0.006, cvr: 0.02, aov: 0,
				has: allFields &^ (kpi.FConversionValue | kpi.FPurchases)},
			{platform: kpi.TikTokAds, campaigns: camps("TT"), dailyMean: 30, cpm: 5, ctr: 0.008, cvr: 0.015, aov: 61, has: allFields},
		},
		costs: []reportgen.CostLine{
			cost("staff", "Community manager, 64 h × €55", 3520),
			cost("staff", "Paid social specialist, 20 h × €75", 1500),
			cost("tools", "Scheduling tool", 249),
			cost("tools", "Social listening", 480),
			cost("agency_fee", "Retainer", 2500),
			cost("production", "Video shoot, spring collection", 4200),
			cost("refunds", "Service goodwill refunds", 315.5),
		},
		goals: []reportgen.Goal{
			{Metric: "roi", Label: "Full-cost ROI", Direction: "at_least", Format: kpi.FormatPercent, Target: 150, TargetValue: 1.5},
			{Metric: "roas", Label: "ROAS", Direction: "at_least", Format: kpi.FormatRatio, Target: 4, TargetValue: 4},
			{Metric: "cpl", Label: "Cost per lead", Direction: "at_most", Format: kpi.FormatMoney, Target: 40, TargetValue: 40},
			{Metric: "leads", Label: "Leads", Direction: "at_least", Format: kpi.FormatNumber, Target: 600, TargetValue: 600},
			{Metric: "ctr", Label: "CTR", Direction: "at_least", Format: kpi.FormatPercent, Target: 1.5, TargetValue: 0.015},
			{Metric: "revenue", Label: "Attributed revenue", Direction: "at_least", Format: kpi.FormatMoney, Target: 250000, TargetValue: 250000},
		},
		commentary: "October was the strongest month of the year so far. Google Ads carried most of the revenue " +
			"while Meta's retargeting kept a steady cost per acquisition.\n\nThe spring collection video shoot is a " +
			"one-off production cost; without it full-cost ROI would have been markedly higher.\n\n" +
			"Next month: move 15% of the LinkedIn budget to Meta lookalikes, test TikTok Spark Ads, and refresh " +
			"the catalogue creatives before Black Friday.",
	})
}

// nastyReport has emoji, CJK, RTL, control characters, invalid UTF-8 and
// very long names everywhere a name appears, in USD.
func nastyReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	long := "Summer_Sale_2026_Prospecting_Lookalike_1pct_Purchasers_EU_Mobile_Only_v2" // 72 chars
	return makeReport(reportSpec{
		client:   "🌸 花屋さん Flower Shop 🌸 with an extraordinarily long client name that never ends at all",
		agency:   "Agentur Ü 🚀 社",
		color:    "not a colour",
		currency: "USD", period: kpi.Period{From: kpi.Day(2026, 9, 3), To: kpi.Day(2026, 9, 17)}, revenueSource: "platforms", seed: 3,
		platforms: []platformSpec{
			{platform: kpi.MetaAds, campaigns: []string{
				"🔥🔥🔥 Black Friday 🔥 DEAL 💸💸", "春季促销活动 - 中国大陆", "Ω≈ç√∫ Ελληνικά Кириллица",
				"👨‍👩‍👧‍👦 Family 🏳️‍🌈 Pride", long, "عرض خاص رمضان", "tab\there\nnewline\x00nul",
				"bad utf8 \xff\xfe end", "🎉", "", "e\u0301 combining and \u200b zero width",
			}, dailyMean: 60, cpm: 8, ctr: 0.01, cvr: 0.03, aov: 70, has: allFields},
			{platform: kpi.Platform("snapchat_ads"), campaigns: []string{long + long, "😀"},
				dailyMean: 10, cpm: 4, ctr: 0.01, cvr: 0, aov: 0, has: kpi.FSpend | kpi.FImpressions | kpi.FClicks, noDays: true},
		},
		costs: []reportgen.CostLine{
			cost("tools", "🛠 tools", 99.99),
			cost("refunds", "credit note", -250),
			cost("mystery_🦄_category", "x", 10),
		},
		goals: []reportgen.Goal{
			{Metric: "roas", Label: "📈 ROAS " + long, Platform: kpi.Platform("🦄_ads"), Direction: "at_least",
				Format: kpi.FormatRatio, Target: 3, TargetValue: 3},
			{Metric: "leads", Label: "Leads", Direction: "at_least", Format: kpi.FormatNumber, Target: 100,
				TargetValue: 50, ProRated: true},
			{Metric: "unknown", Label: "Something undefined", Direction: "at_most", Format: kpi.FormatMoney, Target: 1, TargetValue: 1},
		},
		commentary: "😀 " + repeat("Lorem ipsum dolor sit amet, 漢字 consectetur adipiscing elit 🚀. ", 120) + long + long + long,
	})
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// quarterReport covers a quarter (a weekly chart) in yen with figures in
// the billions, and eight platforms on the summary.
func quarterReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	var ps []platformSpec
	for i, p := range []kpi.Platform{kpi.MetaAds, kpi.GoogleAds, kpi.LinkedInAds, kpi.TikTokAds,
		"pinterest_ads", "snapchat_ads", "x_ads", "microsoft_ads"} {
		ps = append(ps, platformSpec{platform: p, campaigns: []string{"Always on", "Seasonal"},
			dailyMean: 9e6 / float64(i+1), cpm: 900, ctr: 0.01, cvr: 0.02, aov: 12000, has: allFields})
	}
	return makeReport(reportSpec{
		client: "大型クライアント株式会社 Big Client KK", agency: "Tokyo Social", color: "#E06C1F",
		currency: "JPY", period: kpi.Period{From: kpi.Day(2026, 7, 1), To: kpi.Day(2026, 9, 30)},
		revenueSource: "platforms", seed: 9, platforms: ps,
		costs: []reportgen.CostLine{cost("staff", "team", 12_500_000), cost("agency_fee", "fee", 30_000_000)},
	})
}
