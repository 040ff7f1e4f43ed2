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
// each, one in USD), two organic pages, GA4 and a CRM export through
// reportgen's Aggregator and Build, the way the CLI does.
func builtReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	return builtReportWith(tb, "platforms")
}

func builtReportWith(tb testing.TB, revenueSource string) *reportgen.Report {
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
	addOrganic(tb, agg, period)
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
		// the organic Facebook & Instagram page's own costs
		{Category: "production", Description: "Reels shoot", Platform: kpi.MetaPosts, Basis: kpi.BasisAmount,
			Amount: 1200 * kpi.Micro, Source: kpi.Source{File: "costs.csv", Line: 7}},
		{Category: "staff", Description: "Community manager", Platform: kpi.MetaPosts, Basis: kpi.BasisHours,
			Hours: 20 * kpi.Micro, Rate: 45 * kpi.Micro, Source: kpi.Source{File: "costs.csv", Line: 8}},
	}
	sources := []kpi.FileStats{
		{File: "meta_ads.csv", Platform: kpi.MetaAds, Rows: 312, Used: 310, Rejected: []kpi.Note{{Line: 9, Reason: "bad number"}, {Line: 12, Reason: "bad date"}}},
		{File: "google_ads.csv", Platform: kpi.GoogleAds, Rows: 310, Used: 310},
		{File: "costs.csv", Platform: kpi.Costs, Rows: 7, Used: 7},
		{File: "meta_posts.csv", Platform: kpi.MetaPosts, Rows: 43, Used: 43},
		{File: "linkedin_page.xls", Platform: kpi.LinkedInPage, Rows: 36, Used: 36},
		{File: "ga4.csv", Platform: kpi.GA4, Rows: 8, Used: 8},
		{File: "crm.csv", Platform: kpi.CRM, Rows: 6, Used: 6},
	}
	r, err := reportgen.Build(reportgen.Options{
		Client: "Built Client AG", Currency: "EUR", Period: period, Rates: map[string]kpi.Rate{"USD": usd},
		Choices: kpi.DefaultChoices(), RevenueSource: revenueSource,
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

// organicTitles are post titles as users write them: emoji, CJK, Arabic,
// line breaks, invalid UTF-8 and a title far too long for its column.
var organicTitles = []string{
	"🔥 Herbst-Sale: 30% auf alles 🍂🍂",
	"秋の新作コレクション 🍁 Autumn collection",
	"Ein sehr langer Beitragstitel, der auf der Folie mit einer Auslassung enden muss, weil er nicht in die Spalte passt, wirklich nicht",
	"👨‍👩‍👧 Family hike\nwith a line break",
	"عرض خاص Special offer",
	"bad utf8 \xff\xfe end",
	"Behind the scenes 🎬",
	"Quiz time ❓",
	"",
	"Customer story: Anna 🏔️",
	"Giveaway 🎁🎁🎁",
	"Storefront 春季 opening",
}

// addOrganic adds a month of a Facebook & Instagram page (lifetime post
// metrics, daily followers) and a LinkedIn page (updates, daily new
// followers until the 30th), GA4 sessions and CRM deals by channel.
func addOrganic(tb testing.TB, agg *reportgen.Aggregator, period kpi.Period) {
	tb.Helper()
	add := func(r kpi.Record) {
		tb.Helper()
		if err := agg.Add(r); err != nil {
			tb.Fatalf("Add: %v", err)
		}
	}
	metaHas := kpi.FPosts | kpi.FImpressions | kpi.FReach | kpi.FEngagements | kpi.FReactions | kpi.FComments |
		kpi.FShares | kpi.FLinkClicks | kpi.FVideoViews | kpi.FWatchTime
	for i, title := range organicTitles {
		day := period.From.AddDate(0, 0, 2*i+1)
		imp := int64(2400 + 731*((i*7)%11))
		reactions, comments, shares := imp/38+int64(i%4)*9, imp/260+int64(i%3), imp/410
		r := kpi.Record{Platform: kpi.MetaPosts, Day: day, Account: "Northwind", Post: title,
			PostLink:  fmt.Sprintf("https://www.facebook.com/northwind/posts/10%03d", i+1),
			Published: day.Add(18*time.Hour + 12*time.Minute), Lifetime: true, Posts: 1,
			Impressions: imp, Reach: imp * 7 / 10, ReachKnown: true, Reactions: reactions, Comments: comments,
			Shares: shares, Engagements: reactions + comments + shares, LinkClicks: imp / 120, Has: metaHas,
			Source: kpi.Source{File: "meta_posts.csv", Line: 2 + i}}
		if i%3 == 0 { // a video
			r.VideoViews = imp / 3
			r.WatchHours = kpi.Qty(float64(imp) / 3 * 14 / 3600 * kpi.Micro)
		}
		add(r)
	}
	followers := int64(18_240)
	line := 2 + len(organicTitles)
	for d := period.From; !d.After(period.To); d = d.AddDate(0, 0, 1) {
		net := int64(d.Day()%5) - 1 // unfollows make some days negative
		followers += net
		add(kpi.Record{Platform: kpi.MetaPosts, Day: d, Account: "Northwind", Follows: net, Followers: followers,
			FollowersKnown: true, Has: kpi.FFollows | kpi.FFollowers, Source: kpi.Source{File: "meta_posts.csv", Line: line}})
		line++
	}
	liHas := kpi.FPosts | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements | kpi.FReactions |
		kpi.FComments | kpi.FShares
	for i, title := range []string{"We are hiring: 3 engineers in 大阪", "Q3 results 📈", "Trade fair Munich, hall B4",
		"A long update title about sustainability in outdoor gear supply chains and what we changed", "Team offsite 🏕️", "Product recall notice"} {
		day := period.From.AddDate(0, 0, 4*i+2)
		imp := int64(1800 + 530*i)
		eng := imp/22 + int64(i*3)
		add(kpi.Record{Platform: kpi.LinkedInPage, Day: day, Account: "Northwind Outdoor", Post: title,
			PostLink: fmt.Sprintf("urn:li:activity:71%02d", i), Published: day, Posts: 1, Impressions: imp,
			Clicks: imp / 40, LinkClicks: imp / 70, Engagements: eng, Reactions: eng * 2 / 3, Comments: eng / 6,
			Shares: eng - eng*2/3 - eng/6, Has: liHas, Source: kpi.Source{File: "linkedin_page.xls", Line: 3 + i}})
	}
	liFollowers := int64(5_310)
	for d := period.From; d.Before(period.To); d = d.AddDate(0, 0, 1) { // the export ends on the 30th
		n := int64(2 + d.Day()%4)
		liFollowers += n
		add(kpi.Record{Platform: kpi.LinkedInPage, Day: d, Account: "Northwind Outdoor", Follows: n,
			Followers: liFollowers, FollowersKnown: true, Has: kpi.FFollows | kpi.FFollowers,
			Source: kpi.Source{File: "linkedin_page.xls", Line: 20 + d.Day()}})
	}
	ga := kpi.FSessions | kpi.FEngagedSessions | kpi.FKeyEvents | kpi.FRevenue
	for i, c := range []struct {
		medium             string
		ch                 kpi.Platform
		sessions, engaged  int64
		keyEvents, revenue float64
	}{
		{"facebook / cpc", kpi.MetaAds, 4210, 2630, 96, 8450.5},
		{"google / cpc", kpi.GoogleAds, 6120, 4010, 180, 15200},
		{"linkedin / cpc", kpi.LinkedInAds, 830, 560, 21, 0},
		{"Paid Social", kpi.SocialPaid, 1150, 610, 12, 980.25},
		{"facebook / referral", kpi.MetaPosts, 2280, 1490, 38, 2140.8},
		{"linkedin.com / referral", kpi.LinkedInPage, 640, 450, 15, 1320},
		{"(direct) / (none)", "", 9800, 6100, 240, 21400},
		{"google / organic", "", 14200, 9900, 310, 28750.4},
	} {
		add(kpi.Record{Platform: kpi.GA4, Span: period, Campaign: c.medium, Channel: c.ch, Currency: "EUR",
			Sessions: c.sessions, EngagedSessions: c.engaged, KeyEvents: kpi.Qty(c.keyEvents * kpi.Micro),
			Revenue: kpi.MoneyFromFloat(c.revenue), Has: ga, Source: kpi.Source{File: "ga4.csv", Line: 11 + i}})
	}
	crm := kpi.FLeads | kpi.FCustomers | kpi.FRevenue
	for i, c := range []struct {
		source                    string
		ch                        kpi.Platform
		leads, customers, revenue float64
	}{
		{"Facebook Ads", kpi.MetaAds, 120, 18, 14400},
		{"Google Ads", kpi.GoogleAds, 210, 35, 29750},
		{"LinkedIn Ads", kpi.LinkedInAds, 64, 9, 12600},
		{"Facebook page", kpi.MetaPosts, 22, 3, 2100},
		{"LinkedIn page", kpi.LinkedInPage, 15, 4, 5600},
		{"Website, phone, fairs", "", 340, 61, 48800},
	} {
		add(kpi.Record{Platform: kpi.CRM, Span: period, Campaign: c.source, Channel: c.ch, Currency: "EUR",
			Leads: kpi.Qty(c.leads * kpi.Micro), Customers: kpi.Qty(c.customers * kpi.Micro),
			Revenue: kpi.MoneyFromFloat(c.revenue), Has: crm, Source: kpi.Source{File: "crm.csv", Line: 2 + i}})
	}
}

func TestRender_fromBuild(t *testing.T) {
	r := builtReport(t)
	pdf := mustRender(t, r)
	// cover, summary, goals, funnel, channel mix, 4 platforms, 2 organic
	// pages, website and sales, costs, commentary, definitions, appendix:
	// rates, sources, and the campaign names in full over two slides
	if got, want := len(pageRE.FindAll(pdf, -1)), 19; got != want {
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
