package deck

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// bigReport is a client with 10 platforms (8 paid, 2 organic pages) and
// 200 campaigns whose names are 60 characters long, with emoji and CJK,
// built through the Aggregator and Build as the CLI does.
func bigReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	period := kpi.Month(2026, time.October)
	usd, _ := kpi.ParseRate("0.9215")
	agg := reportgen.NewAggregator("EUR", map[string]kpi.Rate{"USD": usd})
	has := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FConversions |
		kpi.FConversionValue | kpi.FLeads
	var sources []kpi.FileStats
	line := 2
	for pi, p := range reportgen.PlatformOrder[:8] {
		for c := range 25 {
			name := bigName(p, c)
			for d := period.From; !d.After(period.To); d = d.AddDate(0, 0, 3) {
				spend := float64(20+pi*7+c%9) * (1 + float64(d.Day()%5)/10)
				imp := int64(spend * 140)
				clicks := imp / 80
				r := kpi.Record{Platform: p, Day: d, Account: "acct", Campaign: name, Currency: "EUR",
					Spend: kpi.MoneyFromFloat(spend), ConversionValue: kpi.MoneyFromFloat(float64(clicks/20) * 64.5),
					Impressions: imp, Clicks: clicks, LinkClicks: clicks, Conversions: kpi.Qty(clicks / 20 * kpi.Micro),
					Leads: kpi.Qty(clicks / 30 * kpi.Micro), Has: has, Source: kpi.Source{File: string(p) + ".csv", Line: line}}
				line++
				if err := agg.Add(r); err != nil {
					tb.Fatalf("Add: %v", err)
				}
			}
		}
		sources = append(sources, kpi.FileStats{File: string(p) + ".csv", Platform: p, Rows: 275, Used: 275})
	}
	addOrganic(tb, agg, period)
	sources = append(sources, kpi.FileStats{File: "meta_posts.csv", Platform: kpi.MetaPosts, Rows: 43, Used: 43},
		kpi.FileStats{File: "linkedin_page.xls", Platform: kpi.LinkedInPage, Rows: 36, Used: 35,
			Rejected: []kpi.Note{{Line: 7, Reason: "bad number"}}})
	r, err := reportgen.Build(reportgen.Options{
		Client: "Großkunde 🌍 東京 Holdings with a long name", Currency: "EUR", Period: period,
		Rates: map[string]kpi.Rate{"USD": usd}, Choices: kpi.DefaultChoices(), RevenueSource: "platforms",
		Branding: reportgen.Branding{Name: "Brightline Social", PrimaryColor: "#FFD54F", SecondaryColor: "#00897B"},
	}, agg, nil, sources)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return r
}

// bigName is a 60-character campaign name with emoji and CJK.
func bigName(p kpi.Platform, c int) string {
	s := fmt.Sprintf("%s %03d 🚀 春季促销 Prospecting Lookalike Purchasers EU Mobile Only v2", p.Name(), c+1)
	r := []rune(s)
	for len(r) < 60 {
		r = append(r, 'x')
	}
	return string(r[:60])
}

// textBoxes renders r recording every text box: the text, its width and
// the box's width.
func textBoxes(t *testing.T, r *reportgen.Report) ([]byte, []string) {
	t.Helper()
	var mu sync.Mutex
	var over []string
	textBoxHook = func(s string, tw, bw float64) {
		mu.Lock()
		defer mu.Unlock()
		if tw > bw+0.01 {
			over = append(over, fmt.Sprintf("%q is %.2f mm wide in a box of %.2f mm", s, tw, bw))
		}
	}
	defer func() { textBoxHook = nil }()
	return mustRender(t, r), over
}

func TestRender_bigClient(t *testing.T) {
	r := bigReport(t)
	if n := len(r.Platforms); n != 8 {
		t.Fatalf("fixture: %d paid platforms, want 8", n)
	}
	camps := 0
	for _, p := range r.Platforms {
		camps += len(p.Campaigns)
	}
	if camps != 200 || r.Organic == nil || len(r.Organic.Platforms) != 2 {
		t.Fatalf("fixture: %d campaigns, organic %v; want 200 and 2 pages", camps, r.Organic != nil)
	}
	if n := utf8.RuneCountInString(bigName(kpi.MicrosoftAds, 0)); n != 60 {
		t.Fatalf("fixture: names are %d characters, want 60", n)
	}

	pdf, over := textBoxes(t, r)
	for _, o := range over {
		t.Errorf("text outside its box: %s", o)
	}

	// cover, summary, funnel, channel mix, 8 platforms, 2 organic pages,
	// website and sales (the
	// organic fixture brings GA4 and CRM records), costs, definitions,
	// then the appendix: exchange rates, sources, and the 64 campaign names
	// the platform tables shorten (8 per platform) at 17 rows a slide: 4
	m := build(r, Options{})
	var kinds, titles []string
	for _, s := range m.Slides {
		kinds = append(kinds, s.Kind)
		titles = append(titles, s.Title)
	}
	wantKinds := "cover summary funnel mix" + strings.Repeat(" platform", 8) + " organic organic web costs definitions" + strings.Repeat(" appendix", 6)
	if got := strings.Join(kinds, " "); got != wantKinds {
		t.Errorf("slides = %s\nwant     %s", got, wantKinds)
	}
	if got, want := len(pageRE.FindAll(pdf, -1)), 23; got != want {
		t.Errorf("%d pages, want %d", got, want)
	}
	names := 0
	for _, s := range m.Slides {
		if strings.HasPrefix(s.Title, "Appendix: campaign names in full") {
			names += len(s.Tables[0].Rows)
			if len(s.Tables[0].Columns) != 2 {
				t.Errorf("%s: columns %v", s.Title, s.Tables[0].Columns)
			}
		}
	}
	if names != 64 {
		t.Errorf("appendix lists %d names in full, want 64 (8 shortened on each platform slide)", names)
	}
	if got := strings.Count(strings.Join(titles, "\n"), "Appendix: campaign names in full (continued)"); got != 3 {
		t.Errorf("%d continuation slides, want 3:\n%s", got, strings.Join(titles, "\n"))
	}

	needTool(t, "pdftotext")
	// every continuation slide repeats the header
	for page := 21; page <= 23; page++ {
		text := runPoppler(t, pdf, "pdftotext", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-layout")
		if !strings.Contains(text, "(continued)") || !strings.Contains(text, "PLATFORM") || !strings.Contains(text, "CAMPAIGN") {
			t.Errorf("page %d is not a continued table with its header:\n%s", page, text)
		}
	}
	// platform slides shorten the names; the appendix has them in full
	plat := runPoppler(t, pdf, "pdftotext", "-f", "5", "-l", "5", "-layout")
	if !strings.Contains(plat, "Meta Ads 009") || !strings.Contains(plat, "…") || strings.Contains(plat, "Purchasers EU Mobi") {
		t.Errorf("the Meta Ads slide does not shorten its campaign names:\n%s", plat)
	}
	app := runPoppler(t, pdf, "pdftotext", "-f", "20", "-l", "23", "-layout")
	full := clean(bigName(kpi.SnapchatAds, 0))
	if strings.Contains(full, "?") { // the font lacks CJK and emoji: compare what it draws
		full = full[strings.Index(full, "Prospecting"):]
	}
	if !strings.Contains(app, full) {
		t.Errorf("the appendix lacks %q in full", full)
	}
	checkPDFFile(t, pdf, 23)

	again := mustRender(t, r)
	if !bytes.Equal(pdf, again) {
		t.Error("two renders of the big report differ")
	}
}

var outlineTitleRE = regexp.MustCompile(`/Title \(`)

// checkPDFFile checks the deck as a file: qpdf --check passes, every font
// is embedded, and the outline has a bookmark per page.
func checkPDFFile(t *testing.T, pdf []byte, pages int) {
	t.Helper()
	if !bytes.Contains(pdf, []byte("/Outlines ")) || !bytes.Contains(pdf, []byte("/PageMode /UseOutlines")) {
		t.Error("the PDF has no outline (bookmarks)")
	}
	// the Info dictionary has a /Title too
	if got := len(outlineTitleRE.FindAll(pdf, -1)) - 1; got != pages {
		t.Errorf("%d bookmarks, want one per page (%d)", got, pages)
	}
	if got := bytes.Count(pdf, []byte("/Subtype /Link")); got == 0 {
		t.Error("the PDF has no internal links (the cover's contents)")
	}
	needTool(t, "qpdf")
	if out := runPoppler(t, pdf, "qpdf", "--check"); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	needTool(t, "pdffonts")
	out := runPoppler(t, pdf, "pdffonts")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) < 5 || !strings.Contains(l, " yes ") {
			t.Errorf("font not embedded: %s", l)
		}
	}
}
