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
	return mustBuild(tb, opts, recs, costs, sources)
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
