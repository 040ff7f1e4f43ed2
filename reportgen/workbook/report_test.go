package workbook_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// This file builds the reports the tests render, through reportgen.Build,
// so the workbook is checked against the figures roibook computes itself.

func mustMoney(tb testing.TB, s string) kpi.Money {
	tb.Helper()
	m, err := kpi.ParseMoney(s)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func mustQty(tb testing.TB, s string) kpi.Qty {
	tb.Helper()
	q, err := kpi.ParseQty(s)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}

func mustRate(tb testing.TB, s string) kpi.Rate {
	tb.Helper()
	r, err := kpi.ParseRate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func mustBuild(tb testing.TB, opts reportgen.Options, recs []kpi.Record, costs []kpi.Cost, sources []kpi.FileStats) *reportgen.Report {
	tb.Helper()
	agg := reportgen.NewAggregator(opts.Currency, opts.Rates)
	for _, r := range recs {
		if err := agg.Add(r); err != nil {
			tb.Fatalf("Add: %v", err)
		}
	}
	r, err := reportgen.Build(opts, agg, costs, sources)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return r
}

const hyperlinkCampaign = `=HYPERLINK("http://x","y")`

// eurReport is a two-platform month in EUR: a USD row, every cost basis, a
// credit, action values, goals, a rejected row, a totals mismatch, a
// campaign named like a formula, a wildcard campaign and two campaigns
// differing only in case.
func eurReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	opts, recs, costs, sources := eurInputs(tb)
	return mustBuild(tb, opts, recs, costs, sources)
}

// eurInputs are the inputs of eurReport.
func eurInputs(tb testing.TB) (reportgen.Options, []kpi.Record, []kpi.Cost, []kpi.FileStats) {
	tb.Helper()
	m := func(s string) kpi.Money { return mustMoney(tb, s) }
	q := func(s string) kpi.Qty { return mustQty(tb, s) }
	metaHas := kpi.FSpend | kpi.FImpressions | kpi.FReach | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements |
		kpi.FReactions | kpi.FComments | kpi.FShares | kpi.FLeads | kpi.FPurchases | kpi.FConversionValue
	googleHas := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FConversions | kpi.FConversionValue
	var recs []kpi.Record
	line := 2
	meta := func(day int, acct, camp, spend string, impr, reach, clicks, link, eng, leads int64, purch, value string) {
		recs = append(recs, kpi.Record{Platform: kpi.MetaAds, Day: kpi.Day(2026, 10, day), Account: acct, Campaign: camp,
			Currency: "EUR", Spend: m(spend), ConversionValue: m(value), Impressions: impr, Reach: reach, ReachKnown: true,
			Clicks: clicks, LinkClicks: link, Engagements: eng, Reactions: eng / 2, Comments: eng / 10, Shares: eng / 20,
			Leads: kpi.Qty(leads * kpi.Micro), Purchases: q(purch), Has: metaHas,
			Source: kpi.Source{File: "meta_2026-10.csv", Line: line}})
		line++
	}
	meta(1, "Northwind", "Autumn Sale", "120.50", 15000, 9000, 420, 310, 800, 3, "2", "180.00")
	meta(2, "Northwind", "Autumn Sale", "98.25", 12000, 7000, 350, 260, 640, 2, "1", "95.90")
	meta(3, "Northwind", "Autumn Sale", "110.00", 14000, 8000, 390, 300, 700, 4, "3", "260.10")
	meta(1, "Northwind", hyperlinkCampaign, "40.00", 5000, 4000, 90, 70, 150, 1, "0", "0")
	meta(2, "Northwind", hyperlinkCampaign, "35.10", 4200, 3500, 60, 50, 120, 0, "1", "49.99")
	line = 8
	google := func(day int, acct, camp, cur, spend string, impr, clicks int64, conv, value string) {
		recs = append(recs, kpi.Record{Platform: kpi.GoogleAds, Day: kpi.Day(2026, 10, day), Account: acct, Campaign: camp,
			Currency: cur, Spend: m(spend), ConversionValue: m(value), Impressions: impr, Clicks: clicks,
			Conversions: q(conv), Has: googleHas, Source: kpi.Source{File: "google_ads_oct.csv", Line: line}})
		line++
	}
	google(1, "123-456-7890", "Brand *search*", "EUR", "55.30", 2100, 160, "4.5", "210.00")
	google(2, "123-456-7890", "Brand *search*", "EUR", "61.05", 2300, 170, "5", "240.50")
	google(1, "123-456-7890", "Generic search", "EUR", "80.00", 3900, 95, "1.5", "60.00")
	google(1, "123-456-7890", "generic search", "EUR", "12.00", 800, 20, "0", "0")
	google(2, "US account", "US Promo", "USD", "100.00", 3000, 70, "2", "150.00")

	costs := []kpi.Cost{
		{Category: "staff", Description: "Community management", Basis: kpi.BasisHours, Hours: q("12.5"), Rate: m("80"),
			Source: kpi.Source{File: "costs.csv", Line: 2}},
		{Category: "tools", Description: "Scheduling tool", Basis: kpi.BasisAmount, Amount: m("49"), Currency: "USD",
			Source: kpi.Source{File: "costs.csv", Line: 3}},
		{Category: "agency_fee", Description: "Agency fee, 15 % of ad spend", Basis: kpi.BasisPercent, Percent: q("15"),
			Source: kpi.Source{File: "costs.csv", Line: 4}},
		{Category: "production", Description: "Video shoot for Meta", Basis: kpi.BasisAmount, Amount: m("300"), Platform: kpi.MetaAds,
			Source: kpi.Source{File: "costs.csv", Line: 5}},
		{Category: "refunds", Description: "Credit from the photographer", Basis: kpi.BasisAmount, Amount: m("-20"),
			Source: kpi.Source{File: "costs.csv", Line: 6}},
	}
	sources := []kpi.FileStats{
		{File: "meta_2026-10.csv", SHA256: "9f2c0e5b1a4d7c3e8f6b2a1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e", Platform: kpi.MetaAds,
			Format: "csv", Encoding: "utf-8", Currency: "EUR", Rows: 7, Used: 5,
			Skipped:  []kpi.Note{{Line: 9, Reason: "totals row"}},
			Rejected: []kpi.Note{{Line: 7, Reason: `column F "Amount spent (EUR)": got "n/a", want a number like 1234.50`}},
			Check:    kpi.TotalsCheck{Status: kpi.CheckMatch, Line: 9}},
		{File: "google_ads_oct.csv", SHA256: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", Platform: kpi.GoogleAds,
			Format: "csv", Encoding: "utf-16le", Currency: "EUR", Rows: 6, Used: 5, OutsidePeriod: 1,
			TimeZone: "America/New_York", Period: kpi.Month(2026, 10),
			Check:    kpi.TotalsCheck{Status: kpi.CheckMismatch, Line: 14, Diffs: []string{"cost: ours 308.35, export 308.36"}},
			Warnings: []string{"account time zone America/New_York: a period boundary may shift a day"}},
		{File: "costs.csv", SHA256: "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100", Platform: kpi.Costs,
			Format: "csv", Encoding: "utf-8", Currency: "EUR", Rows: 5, Used: 5, Check: kpi.TotalsCheck{Status: kpi.CheckNone}},
	}
	opts := reportgen.Options{
		Client: "Northwind Outdoor", Currency: "EUR", Period: kpi.Month(2026, 10),
		Rates:         map[string]kpi.Rate{"USD": mustRate(tb, "0.92"), "GBP": mustRate(tb, "1.17")},
		RevenueSource: "platforms", Choices: kpi.DefaultChoices(),
		ActionValues: []reportgen.ActionValue{{Action: "lead", Value: m("25")}, {Action: "link_click", Value: m("0.40")},
			{Action: "share", Value: m("1.5")}},
		Goals: []reportgen.GoalSpec{
			{Metric: "roi", Target: 20, Direction: "at_least"},
			{Metric: "leads", Target: 12, Direction: "at_least"},
			{Metric: "cpc", Target: 0.4, Direction: "at_most", Platform: kpi.MetaAds},
			{Metric: "ctr", Target: 2, Direction: "at_least", Platform: kpi.GoogleAds},
			{Metric: "spend", Target: 500, Direction: "at_most", Platform: kpi.TikTokAds},
		},
		BusinessModel: "ecommerce",
		Branding:      reportgen.Branding{Name: "Brightside Agency", PrimaryColor: "#0E7C66"},
		Commentary:    "October was driven by the Autumn Sale on Meta. Google brand search held steady.",
		OnBadRows:     "skip",
	}
	return opts, recs, costs, sources
}

// jpyReport is half a month in JPY on one platform with no spend at all:
// ROAS and every ROI are blank, an aggregate (span) row, an empty account,
// no cost lines, no actions, no goals, no rates.
func jpyReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	has := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements | kpi.FVideoViews | kpi.FFollows
	rec := func(day int, camp string, impr, clicks, eng, views int64, line int) kpi.Record {
		r := kpi.Record{Platform: kpi.LinkedInAds, Account: "", Campaign: camp, Currency: "JPY",
			Impressions: impr, Clicks: clicks, LinkClicks: clicks, Engagements: eng, VideoViews: views, Follows: eng / 50,
			Has: has, Source: kpi.Source{File: "linkedin_organic.csv", Line: line}}
		if day == 0 {
			r.Span = kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 15)}
		} else {
			r.Day = kpi.Day(2026, 10, day)
		}
		return r
	}
	recs := []kpi.Record{
		rec(1, "採用ブランディング", 5400, 61, 300, 900, 2),
		rec(2, "採用ブランディング", 4800, 0, 250, 800, 3),
		rec(0, "Always-on page posts", 12000, 140, 900, 0, 4),
		rec(3, "Quiet week", 0, 0, 0, 0, 5),
	}
	opts := reportgen.Options{
		Client: "株式会社サンプル", Currency: "JPY",
		Period:        kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 15)},
		RevenueSource: "platforms",
		Choices:       kpi.Choices{EngagementBase: "impressions"},
		Branding:      reportgen.Branding{Name: "", PrimaryColor: "not-a-colour"},
	}
	return mustBuild(tb, opts, recs, nil, []kpi.FileStats{{File: "linkedin_organic.csv", Platform: kpi.LinkedInAds,
		Format: "csv", Encoding: "utf-8", Currency: "JPY", Rows: 4, Used: 4, Check: kpi.TotalsCheck{Status: kpi.CheckNone}}})
}

// emptyReport has no data at all: no rows, no platform, no costs.
func emptyReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	return mustBuild(tb, reportgen.Options{Client: "Empty", Currency: "GBP", Period: kpi.Month(2026, 2),
		RevenueSource: "platforms", Goals: []reportgen.GoalSpec{{Metric: "roi", Target: 10, Direction: "at_least"}}}, nil, nil, nil)
}

// bigReport has n Data rows over two platforms and 40 campaigns.
func bigReport(tb testing.TB, n int) *reportgen.Report {
	tb.Helper()
	has := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements | kpi.FLeads |
		kpi.FConversions | kpi.FConversionValue
	agg := reportgen.NewAggregator("EUR", nil)
	start := kpi.Day(2026, 1, 1)
	for i := range n {
		p := kpi.MetaAds
		if i%3 == 0 {
			p = kpi.GoogleAds
		}
		camp := i % 40
		day := start.Add(time.Duration(i/40) * 24 * time.Hour)
		r := kpi.Record{Platform: p, Day: day, Account: fmt.Sprintf("acct-%d", camp%4), Campaign: fmt.Sprintf("Campaign %02d", camp),
			Currency: "EUR", Spend: kpi.Money(int64(i%997+1) * 10_000), ConversionValue: kpi.Money(int64(i%113) * 30_000),
			Impressions: int64(1000 + i%5000), Clicks: int64(10 + i%90), LinkClicks: int64(5 + i%60), Engagements: int64(i % 300),
			Leads: kpi.Qty(int64(i%5) * kpi.Micro), Conversions: kpi.Qty(int64(i%7) * kpi.Micro / 2), Has: has,
			Source: kpi.Source{File: "big.csv", Line: i + 2}}
		if err := agg.Add(r); err != nil {
			tb.Fatal(err)
		}
	}
	period := kpi.Period{From: start, To: start.AddDate(20, 0, 0)}
	r, err := reportgen.Build(reportgen.Options{Client: "Load test", Currency: "EUR", Period: period,
		RevenueSource: "platforms", ActionValues: []reportgen.ActionValue{{Action: "lead", Value: 10 * kpi.Micro}}},
		agg, []kpi.Cost{{Category: "staff", Basis: kpi.BasisHours, Hours: 10 * kpi.Micro, Rate: 50 * kpi.Micro}}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// sectionsReport is a month in EUR with every section: Meta and Google
// Ads (a USD row), two organic platforms (LinkedIn page: daily page rows
// with followers and posts, one post on two days, one without a link, one
// titled like a formula; Facebook & Instagram: lifetime post metrics),
// GA4 (every kind of channel: a platform, paid and organic social
// groups, unattributed traffic, a USD row), a CRM (a USD row), invoices
// (EUR, USD, and CHF without a rate) and cost lines scoped to organic
// platforms, one to a platform without data. revenue is the revenue
// source (platforms, ga4 or crm); base the engagement rate's base.
func sectionsReport(tb testing.TB, revenue, base string) *reportgen.Report {
	tb.Helper()
	m := func(s string) kpi.Money { return mustMoney(tb, s) }
	q := func(s string) kpi.Qty { return mustQty(tb, s) }
	var recs []kpi.Record
	src := func(file string, line int) kpi.Source { return kpi.Source{File: file, Line: line} }

	paidHas := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements | kpi.FLeads | kpi.FConversionValue
	for d := 1; d <= 3; d++ {
		recs = append(recs, kpi.Record{Platform: kpi.MetaAds, Day: kpi.Day(2026, 10, d), Account: "Northwind", Campaign: "Autumn Sale",
			Currency: "EUR", Spend: m(fmt.Sprintf("%d.40", 100+d*7)), ConversionValue: m(fmt.Sprintf("%d.10", 180+d*31)),
			Impressions: int64(12000 + d*900), Clicks: int64(300 + d*11), LinkClicks: int64(240 + d*9), Engagements: int64(700 + d*40),
			Leads: q(fmt.Sprint(2 + d%2)), Has: paidHas, Source: src("meta.csv", d+1)})
	}
	googleHas := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FConversions | kpi.FConversionValue
	recs = append(recs,
		kpi.Record{Platform: kpi.GoogleAds, Day: kpi.Day(2026, 10, 1), Account: "123-456-7890", Campaign: "Brand", Currency: "EUR",
			Spend: m("61.05"), ConversionValue: m("240.50"), Impressions: 2300, Clicks: 170, Conversions: q("5"), Has: googleHas, Source: src("google.csv", 2)},
		kpi.Record{Platform: kpi.GoogleAds, Day: kpi.Day(2026, 10, 2), Account: "US", Campaign: "US Promo", Currency: "USD",
			Spend: m("100.00"), ConversionValue: m("150.00"), Impressions: 3000, Clicks: 70, Conversions: q("2"), Has: googleHas, Source: src("google.csv", 3)})

	// LinkedIn page: daily page figures with the follower count, and posts.
	pageHas := kpi.FImpressions | kpi.FClicks | kpi.FEngagements | kpi.FFollows | kpi.FFollowers
	for d := 1; d <= 3; d++ {
		recs = append(recs, kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, d), Account: "Northwind",
			Impressions: int64(800 + d*50), Clicks: int64(20 + d), Engagements: int64(40 + d*3), Follows: int64(d*4 - 5),
			Followers: int64(1200 + d*12), FollowersKnown: true, Has: pageHas, Source: src("linkedin_page.xlsx", d+1)})
	}
	postHas := kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FEngagements | kpi.FReactions | kpi.FComments | kpi.FShares | kpi.FPosts
	// A post counts as published on its first row only.
	liPost := func(day int, title, link string, published int, impr, eng int64, line int) {
		posts := int64(0)
		if day == published {
			posts = 1
		}
		recs = append(recs, kpi.Record{Platform: kpi.LinkedInPage, Day: kpi.Day(2026, 10, day), Account: "Northwind",
			Post: title, PostLink: link, Published: kpi.Day(2026, 10, published), Impressions: impr, Clicks: eng / 3, LinkClicks: eng / 4,
			Engagements: eng, Reactions: eng / 2, Comments: eng / 10, Shares: eng / 20, Posts: posts,
			Has: postHas, Source: src("linkedin_posts.csv", line)})
	}
	liPost(2, "We are hiring: 3 engineers", "https://www.linkedin.com/feed/update/urn:li:activity:1", 2, 3100, 210, 2)
	liPost(3, "We are hiring: 3 engineers", "https://www.linkedin.com/feed/update/urn:li:activity:1", 2, 1400, 95, 3)
	liPost(2, "Autumn catalogue is out", "", 2, 2200, 130, 4)
	liPost(3, hyperlinkCampaign, "https://www.linkedin.com/feed/update/urn:li:activity:3", 3, 900, 30, 5)
	liPost(3, "Quiet post", "https://www.linkedin.com/feed/update/urn:li:activity:4", 3, 0, 0, 6)

	// Facebook & Instagram: lifetime post metrics, with reach per post.
	metaHas := kpi.FImpressions | kpi.FReach | kpi.FEngagements | kpi.FReactions | kpi.FComments | kpi.FShares | kpi.FSaves |
		kpi.FLinkClicks | kpi.FVideoViews | kpi.FPosts
	for i, p := range []struct {
		title, link    string
		day            int
		impr, reach    int64
		eng, link2, vv int64
	}{
		{"Behind the scenes at the warehouse", "https://www.facebook.com/northwind/posts/101", 1, 5400, 4100, 320, 41, 1200},
		{"Autumn Sale: 20 % off tents", "https://www.instagram.com/p/AbC123", 2, 8800, 6900, 610, 95, 0},
		{"Trail tips #3", "https://www.facebook.com/northwind/posts/103", 3, 3000, 2500, 150, 12, 800},
	} {
		recs = append(recs, kpi.Record{Platform: kpi.MetaPosts, Day: kpi.Day(2026, 10, p.day), Account: "Northwind Outdoor",
			Post: p.title, PostLink: p.link, Published: kpi.Day(2026, 10, p.day), Lifetime: true,
			Impressions: p.impr, Reach: p.reach, ReachKnown: true, Engagements: p.eng, Reactions: p.eng * 6 / 10,
			Comments: p.eng / 10, Shares: p.eng / 20, Saves: p.eng / 25, LinkClicks: p.link2, VideoViews: p.vv, Posts: 1,
			Has: metaHas, Source: src("meta_posts.csv", i+2)})
	}

	// GA4: sessions, key events and revenue by source / medium.
	ga4Has := kpi.FSessions | kpi.FEngagedSessions | kpi.FKeyEvents | kpi.FRevenue
	ga4 := func(day int, sm string, ch kpi.Platform, cur string, sess, engaged int64, ke, rev string, line int) {
		recs = append(recs, kpi.Record{Platform: kpi.GA4, Day: kpi.Day(2026, 10, day), Account: "northwind.example", Campaign: sm,
			Channel: ch, Currency: cur, Sessions: sess, EngagedSessions: engaged, KeyEvents: q(ke), Revenue: m(rev),
			Has: ga4Has, Source: src("ga4.csv", line)})
	}
	ga4(1, "facebook / paid", kpi.MetaAds, "EUR", 420, 260, "12", "610.40", 2)
	ga4(2, "facebook / paid", kpi.MetaAds, "EUR", 380, 240, "9", "455.00", 3)
	ga4(1, "google / cpc", kpi.GoogleAds, "EUR", 150, 100, "4", "230.00", 4)
	ga4(2, "google / cpc", kpi.GoogleAds, "USD", 90, 55, "2", "120.00", 5)
	ga4(1, "Paid Social", kpi.SocialPaid, "EUR", 60, 30, "1", "80.00", 6)
	ga4(1, "linkedin.com / referral", kpi.LinkedInPage, "EUR", 75, 50, "2", "140.00", 7)
	ga4(2, "instagram / organic", kpi.MetaPosts, "EUR", 110, 70, "3", "95.50", 8)
	ga4(3, "Organic Social", kpi.SocialOrganic, "EUR", 40, 20, "0", "0", 9)
	ga4(1, "google / organic", "", "EUR", 900, 610, "20", "1800.00", 10)
	ga4(2, "(direct) / (none)", "", "EUR", 500, 300, "7.5", "720.25", 11)

	// CRM: leads, customers won and revenue by source.
	crmHas := kpi.FLeads | kpi.FCustomers | kpi.FRevenue
	crm := func(day int, camp string, ch kpi.Platform, cur, leads, won, rev string, line int) {
		recs = append(recs, kpi.Record{Platform: kpi.CRM, Day: kpi.Day(2026, 10, day), Campaign: camp, Channel: ch, Currency: cur,
			Leads: q(leads), Customers: q(won), Revenue: m(rev), Has: crmHas, Source: src("crm.csv", line)})
	}
	crm(1, "Autumn Sale", kpi.MetaAds, "EUR", "12", "3", "1840.00", 2)
	crm(2, "Brand", kpi.GoogleAds, "USD", "4", "1", "500.00", 3)
	crm(2, "", kpi.LinkedInPage, "EUR", "6", "2", "990.00", 4)
	crm(3, "", kpi.MetaPosts, "EUR", "3", "0", "0", 5)
	crm(3, "Fair", "", "EUR", "9", "4", "2300.00", 6)

	costs := []kpi.Cost{
		{Category: "staff", Description: "Paid media management", Basis: kpi.BasisHours, Hours: q("10"), Rate: m("85"), Source: src("costs.csv", 2)},
		{Category: "tools", Description: "Scheduling tool", Basis: kpi.BasisAmount, Amount: m("49"), Currency: "USD", Source: src("costs.csv", 3)},
		{Category: "agency_fee", Description: "Agency fee, 12 % of ad spend", Basis: kpi.BasisPercent, Percent: q("12"), Source: src("costs.csv", 4)},
		{Category: "production", Description: "Video for Meta Ads", Basis: kpi.BasisAmount, Amount: m("250"), Platform: kpi.MetaAds, Source: src("costs.csv", 5)},
		{Category: "staff", Description: "LinkedIn community management", Basis: kpi.BasisHours, Hours: q("6.5"), Rate: m("60"),
			Platform: kpi.LinkedInPage, Source: src("costs.csv", 6)},
		{Category: "production", Description: "Photo shoot for posts", Basis: kpi.BasisAmount, Amount: m("120"), Currency: "USD",
			Platform: kpi.MetaPosts, Source: src("costs.csv", 7)},
		{Category: "tools", Description: "YouTube thumbnails", Basis: kpi.BasisAmount, Amount: m("35"), Platform: kpi.YouTube, Source: src("costs.csv", 8)},
	}
	invoices := []kpi.Invoice{
		{Platform: kpi.MetaAds, Account: "Northwind", Number: "FBADS-2026-10-001", Date: kpi.Day(2026, 11, 2),
			Span: kpi.Month(2026, 10), Amount: m("345.20"), Tax: m("65.59"), Currency: "EUR", Paid: kpi.Day(2026, 11, 5), Source: src("invoices.csv", 2)},
		{Platform: kpi.GoogleAds, Account: "US", Number: "00042", Date: kpi.Day(2026, 11, 1),
			Span: kpi.Month(2026, 10), Amount: m("100.00"), Tax: m("8.875"), Currency: "USD", Source: src("invoices.csv", 3)},
		{Account: "Studio Blau", Number: "SB-17", Date: kpi.Day(2026, 10, 20), Amount: m("400.00"), Tax: m("30.80"), Currency: "CHF",
			Source: src("invoices.csv", 4)},
	}
	var sources []kpi.FileStats
	for _, f := range []struct {
		file string
		p    kpi.Platform
		rows int
	}{{"meta.csv", kpi.MetaAds, 3}, {"google.csv", kpi.GoogleAds, 2}, {"linkedin_page.xlsx", kpi.LinkedInPage, 3},
		{"linkedin_posts.csv", kpi.LinkedInPage, 5}, {"meta_posts.csv", kpi.MetaPosts, 3}, {"ga4.csv", kpi.GA4, 10},
		{"crm.csv", kpi.CRM, 5}, {"costs.csv", kpi.Costs, 7}, {"invoices.csv", kpi.Invoices, 3}} {
		sources = append(sources, kpi.FileStats{File: f.file, Platform: f.p, Format: "csv", Encoding: "utf-8", Currency: "EUR",
			Rows: f.rows, Used: f.rows, Check: kpi.TotalsCheck{Status: kpi.CheckNone}})
	}
	choices := kpi.DefaultChoices()
	choices.EngagementBase = base
	opts := reportgen.Options{
		Client: "Northwind Outdoor", Currency: "EUR", Period: kpi.Month(2026, 10),
		Rates:         map[string]kpi.Rate{"USD": mustRate(tb, "0.9215"), "GBP": mustRate(tb, "1.17")},
		RateSources:   map[string]string{"USD": "ecb.csv: mean of 22 daily reference rates"},
		RevenueSource: revenue, Choices: choices,
		ActionValues: []reportgen.ActionValue{{Action: "lead", Value: m("30")}},
		Goals: []reportgen.GoalSpec{{Metric: "roi", Target: 50, Direction: "at_least"},
			{Metric: "engagement_rate", Target: 2, Direction: "at_least", Platform: kpi.LinkedInPage}},
		BusinessModel: "ecommerce",
		Branding:      reportgen.Branding{Name: "Brightside Agency", PrimaryColor: "#0E7C66"},
		OnBadRows:     "stop",
		Invoices:      invoices,
	}
	return mustBuild(tb, opts, recs, costs, sources)
}
