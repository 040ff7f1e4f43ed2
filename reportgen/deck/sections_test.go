package deck

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// Deck = model for the organic, website and sales slides: every figure is
// the model's value as the deck's Format* functions give it, in the slide
// model and in the PDF's text.

// tilesOf maps a slide's tile labels to their values and notes.
func tilesOf(s *slide) (values, notes map[string]string) {
	values, notes = map[string]string{}, map[string]string{}
	for _, t := range s.Tiles {
		key := t.Label
		if t.Group == groupOrganic || t.Group == groupTogether || t.Group == groupSales || t.Group == groupWeb {
			key = t.Group + ":" + t.Label
		}
		values[key], notes[key] = t.Value, t.Note
	}
	return values, notes
}

func slideOf(t *testing.T, m *deckModel, kind, title string) *slide {
	t.Helper()
	for i := range m.Slides {
		if s := &m.Slides[i]; s.Kind == kind && (title == "" || s.Title == title) {
			return s
		}
	}
	t.Fatalf("no %s slide %q", kind, title)
	return nil
}

// pdfPages returns the text of each page of pdf.
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	needTool(t, "pdftotext")
	return strings.Split(runPoppler(t, pdf, "pdftotext", "-layout"), "\f")
}

// pageWith returns the text of the page whose first line holds title.
func pageWith(t *testing.T, pages []string, title string) string {
	t.Helper()
	for _, p := range pages {
		if first, _, _ := strings.Cut(strings.TrimSpace(p), "\n"); strings.TrimSpace(first) == title {
			return p
		}
	}
	t.Fatalf("no page titled %q", title)
	return ""
}

func checkFigures(t *testing.T, where string, got map[string]string, want map[string]string) {
	t.Helper()
	for label, w := range want {
		if g, ok := got[label]; !ok {
			t.Errorf("%s: no %q tile, want %q", where, label, w)
		} else if g != w {
			t.Errorf("%s: %q = %q, want the model's %q", where, label, g, w)
		}
	}
}

func TestOrganicSlides_figures(t *testing.T) {
	r := builtReport(t)
	cur := r.Currency
	if r.Organic == nil || len(r.Organic.Platforms) != 2 {
		t.Fatalf("fixture: want 2 organic platforms, got %+v", r.Organic)
	}
	m := build(r, Options{})
	pages := pdfText(t, mustRender(t, r))
	for i := range r.Organic.Platforms {
		p := &r.Organic.Platforms[i]
		in := p.Inputs
		s := slideOf(t, m, kindOrganic, p.Name)
		want := map[string]string{
			"Posts":           FormatCount(in.Posts),
			"Impressions":     FormatCount(in.Impressions),
			"Engagements":     FormatCount(in.Engagements),
			"Engagement rate": FormatKPI("engagement_rate", p.Value("engagement_rate"), kpi.FormatPercent, cur),
			"Follows":         FormatCount(in.Follows),
			"Followers":       FormatCount(in.Followers),
			"Organic ROI":     FormatKPI("organic_roi", p.Value("organic_roi"), kpi.FormatPercent, cur),
		}
		if p.Platform == kpi.MetaPosts {
			want["Video views"] = FormatCount(in.VideoViews)
			want["Watch hours"] = FormatQty(in.WatchHours)
			want["Cost"] = FormatMoney(in.OtherCosts, cur)
			want["Cost per engagement"] = FormatKPI("cost_per_engagement", p.Value("cost_per_engagement"), kpi.FormatMoney, cur)
		}
		got, notes := tilesOf(s)
		checkFigures(t, p.Name, got, want)
		if p.Platform == kpi.LinkedInPage {
			// no cost lines are scoped to the LinkedIn page: no cost tiles,
			// and its ROI is undefined, not 0
			for _, label := range []string{"Cost", "Cost per engagement", "Video views", "Watch hours"} {
				if v, ok := got[label]; ok {
					t.Errorf("LinkedIn page shows %s = %q, which its exports and costs do not give", label, v)
				}
			}
			if got["Organic ROI"] != NA {
				t.Errorf("LinkedIn page organic ROI = %q, want %q (revenue but no cost)", got["Organic ROI"], NA)
			}
			if notes["Followers"] != "on 30 Oct 2026" {
				t.Errorf("LinkedIn followers note = %q, want the day of the level, on 30 Oct 2026", notes["Followers"])
			}
			if s.Caveat != "" {
				t.Errorf("LinkedIn page (no lifetime rows) has caveat %q", s.Caveat)
			}
		} else {
			// figures worked out by hand from the fixture
			for label, w := range map[string]string{"Engagements": "2,406", "Follows": "30", "Followers": "18,270",
				"Cost": "€2,100.00", "Cost per engagement": "€0.87", "Organic ROI": "1.9%"} {
				if got[label] != w {
					t.Errorf("Meta page %s = %q, want %q", label, got[label], w)
				}
			}
			if notes["Followers"] != "at period end" {
				t.Errorf("Meta followers note = %q, want at period end", notes["Followers"])
			}
			if !strings.Contains(s.Caveat, "lifetime totals up to the export date") {
				t.Errorf("Meta page (lifetime posts) caveat = %q, want the lifetime caveat", s.Caveat)
			}
		}
		if s.Chart == nil || !s.Chart.Counts || s.Chart.BarName != "Engagements" {
			t.Errorf("%s: chart = %+v, want daily engagements", p.Name, s.Chart)
		} else {
			sum := 0.0
			for _, v := range s.Chart.Bars {
				sum += v
			}
			if int64(sum) != in.Engagements {
				t.Errorf("%s: chart bars add up to %g engagements, want %d", p.Name, sum, in.Engagements)
			}
		}

		// top posts: the model's first five, in order
		tb := s.Tables[0]
		if n := min(len(p.TopPosts), maxPosts); len(tb.Rows) != n {
			t.Fatalf("%s: %d top posts, want %d", p.Name, len(tb.Rows), n)
		}
		for j, row := range tb.Rows {
			post := p.TopPosts[j]
			wantRow := []string{postTitle(post), post.Published.Format("2 Jan 2006"), FormatCount(post.Totals.Impressions),
				FormatCount(post.Totals.Engagements), FormatKPI("engagement_rate", post.EngagementRate, kpi.FormatPercent, cur)}
			if strings.Join(row, "|") != strings.Join(wantRow, "|") {
				t.Errorf("%s: top post %d = %q, want %q", p.Name, j+1, row, wantRow)
			}
		}

		// the PDF shows the same figures
		page := pageWith(t, pages, p.Name)
		for label, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s page lacks %s %q:\n%s", p.Name, label, w, page)
			}
		}
		for _, post := range p.TopPosts[:min(len(p.TopPosts), maxPosts)] {
			if w := FormatCount(post.Totals.Engagements); !strings.Contains(page, w) {
				t.Errorf("%s page lacks top post engagements %q", p.Name, w)
			}
		}
	}
	meta := pageWith(t, pages, r.Organic.Platforms[0].Name)
	for _, w := range []string{"Family hike with a line break", "Autumn collection", "lifetime totals up to the export date"} {
		if !strings.Contains(meta, w) {
			t.Errorf("Meta page lacks %q:\n%s", w, meta)
		}
	}
}

func TestSummary_organicAndTogether(t *testing.T) {
	r := builtReport(t)
	cur := r.Currency
	s := slideOf(t, build(r, Options{}), kindSummary, "")
	got, _ := tilesOf(s)
	o, tg := &r.Organic.Total, r.Together
	want := map[string]string{
		"organic:Engagements":     FormatCount(o.Inputs.Engagements),
		"organic:Engagement rate": FormatKPI("engagement_rate", o.Value("engagement_rate"), kpi.FormatPercent, cur),
		"together:Total cost":     FormatMoney(tg.TotalCost(), cur),
		"together:Full-cost ROI":  FormatKPI("roi", tg.Value("roi"), kpi.FormatPercent, cur),
		// the paid headline figures stay the ad platforms' own
		"Full-cost ROI": FormatKPI("roi", r.Total.Value("roi"), kpi.FormatPercent, cur),
		"Media ROI":     FormatKPI("media_roi", r.Total.Value("media_roi"), kpi.FormatPercent, cur),
		"Total cost":    FormatMoney(r.Total.TotalCost(), cur),
		"Revenue":       FormatMoney(r.Total.Inputs.Revenue, cur),
	}
	checkFigures(t, "summary", got, want)
	// by hand: 2,406 + 895 engagements; paid cost + the page's €2,100
	for k, w := range map[string]string{"organic:Engagements": "3,301", "together:Total cost": "€43,137.74",
		"together:Full-cost ROI": "95.6%", "Total cost": "€41,037.74"} {
		if got[k] != w {
			t.Errorf("summary %s = %q, want %q", k, got[k], w)
		}
	}
	page := pageWith(t, pdfText(t, mustRender(t, r)), "Executive summary")
	for k, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("summary page lacks %s %q:\n%s", k, w, page)
		}
	}
	for _, label := range []string{"Organic, all pages", "Paid and organic together"} {
		if !strings.Contains(page, label) {
			t.Errorf("summary page lacks %q", label)
		}
	}
}

func TestWebSlide_figures(t *testing.T) {
	r := builtReport(t)
	cur := r.Currency
	m := build(r, Options{})
	s := slideOf(t, m, kindWeb, "Website and sales")
	pct := func(x kpi.Ratio) string { return FormatKPI("", x, kpi.FormatPercent, cur) }
	web, sales := r.Web, r.Sales
	if web == nil || sales == nil {
		t.Fatal("fixture: want GA4 and CRM inputs")
	}
	got, notes := tilesOf(s)
	share := kpi.Ratio{Value: float64(web.Social.Sessions) / float64(web.Total.Sessions), OK: true}
	checkFigures(t, "website and sales", got, map[string]string{
		"web:Sessions":          FormatCount(web.Total.Sessions),
		"web:Social sessions":   FormatCount(web.Social.Sessions),
		"web:Social key events": FormatQty(web.Social.KeyEvents),
		"web:Social revenue":    FormatMoney(web.Social.Revenue, cur),
		"sales:Leads":           FormatQty(sales.Total.Leads),
		"sales:Customers won":   FormatQty(sales.Total.Customers),
		"sales:Revenue":         FormatMoney(sales.Total.Revenue, cur),
	})
	if w := pct(share) + " of all sessions"; notes["web:Social sessions"] != w {
		t.Errorf("social sessions note = %q, want %q", notes["web:Social sessions"], w)
	}
	// by hand: GA4 rows 4,210 + 6,120 + 830 + 1,150 + 2,280 + 640 are social, of 39,230
	if got["web:Social sessions"] != "15,230" || notes["web:Social sessions"] != "38.82% of all sessions" {
		t.Errorf("social sessions = %q (%q), want 15,230 (38.82%% of all sessions)", got["web:Social sessions"], notes["web:Social sessions"])
	}
	if got["sales:Lead conversion"] != "16.86%" { // 130 customers / 771 leads
		t.Errorf("lead conversion = %q, want 16.86%%", got["sales:Lead conversion"])
	}

	webT, salesT := s.Tables[0], s.Tables[1]
	if len(webT.Rows) != len(web.Channels) || len(salesT.Rows) != len(sales.Channels) {
		t.Fatalf("tables have %d and %d rows, want the model's %d and %d channels",
			len(webT.Rows), len(salesT.Rows), len(web.Channels), len(sales.Channels))
	}
	names := map[kpi.Platform]bool{}
	for i, c := range web.Channels {
		names[c.Channel] = true
		want := []string{clean(c.Name), FormatCount(c.Totals.Sessions), pct(c.Values["engagement_rate"]),
			FormatQty(c.Totals.KeyEvents), FormatMoney(c.Totals.Revenue, cur)}
		if strings.Join(webT.Rows[i], "|") != strings.Join(want, "|") {
			t.Errorf("web row %d = %q, want %q", i, webT.Rows[i], want)
		}
	}
	if !names[kpi.SocialPaid] || !names[""] {
		t.Errorf("fixture: GA4 channels %v lack social_paid or the unattributed rest", names)
	}
	if w := FormatMoney(web.Total.Revenue, cur); webT.Total[len(webT.Total)-1] != w || webT.Total[1] != FormatCount(web.Total.Sessions) {
		t.Errorf("web total = %q, want sessions %s and revenue %s", webT.Total, FormatCount(web.Total.Sessions), w)
	}
	for i, c := range sales.Channels {
		want := []string{clean(c.Name), FormatQty(c.Totals.Leads), FormatQty(c.Totals.Customers),
			pct(c.Values["lead_conversion_rate"]), FormatMoney(c.Totals.Revenue, cur)}
		if strings.Join(salesT.Rows[i], "|") != strings.Join(want, "|") {
			t.Errorf("sales row %d = %q, want %q", i, salesT.Rows[i], want)
		}
	}

	page := pageWith(t, pdfText(t, mustRender(t, r)), "Website and sales")
	for _, c := range web.Channels {
		for _, w := range []string{clean(c.Name), FormatCount(c.Totals.Sessions), FormatMoney(c.Totals.Revenue, cur)} {
			if !strings.Contains(page, w) {
				t.Errorf("website and sales page lacks %q:\n%s", w, page)
			}
		}
	}
	for _, c := range sales.Channels {
		if w := FormatMoney(c.Totals.Revenue, cur); !strings.Contains(page, w) {
			t.Errorf("website and sales page lacks CRM revenue %q", w)
		}
	}
	for _, w := range []string{"Paid social (network not named)", "Other (not social)", "double count"} {
		if !strings.Contains(page, w) {
			t.Errorf("website and sales page lacks %q", w)
		}
	}
}

// The revenue note names the configured source, and the paid revenue on
// the summary follows it.
func TestWebSlide_revenueSource(t *testing.T) {
	for _, tc := range []struct {
		source, note string
	}{
		{"platforms", "the conversion value each platform reports"},
		{"ga4", "the Google Analytics 4 revenue of the social channels"},
		{"crm", "the CRM revenue of the social channels"},
	} {
		r := builtReportWith(t, tc.source)
		s := slideOf(t, build(r, Options{}), kindWeb, "")
		text := strings.Join(s.Notes, " ")
		if !strings.Contains(text, tc.note) || !strings.Contains(text, "double count") {
			t.Errorf("%s: notes %q lack %q and the double-count warning", tc.source, s.Notes, tc.note)
		}
		sum, _ := tilesOf(slideOf(t, build(r, Options{}), kindSummary, ""))
		if w := FormatMoney(r.Total.Inputs.Revenue, r.Currency); sum["Revenue"] != w {
			t.Errorf("%s: summary revenue = %q, want %q", tc.source, sum["Revenue"], w)
		}
		if tc.source == "ga4" && sum["Revenue"] != "€24,630.75" { // 8,450.50 + 15,200 + 0 + 980.25 (paid social)
			t.Errorf("ga4: summary revenue = %q, want the paid channels' €24,630.75", sum["Revenue"])
		}
	}
}

// Cost lines scoped to an organic page are itemised on the costs slide;
// its total is then paid and organic together, with no phantom
// "not itemised" remainder.
func TestCostsSlide_organicLines(t *testing.T) {
	r := builtReport(t)
	s := slideOf(t, build(r, Options{}), kindCosts, "")
	got, _ := tilesOf(s)
	if w := FormatMoney(r.Together.TotalCost(), r.Currency); got["Total cost"] != w {
		t.Errorf("costs slide total = %q, want paid and organic %q", got["Total cost"], w)
	}
	tb := s.Tables[0]
	if tb.Note != "" {
		t.Errorf("costs table note = %q, want none: every line is itemised", tb.Note)
	}
	if w := FormatMoney(r.Together.TotalCost(), r.Currency); tb.Total[2] != w {
		t.Errorf("costs table total = %q, want %q", tb.Total[2], w)
	}
}

func TestDefinitions_organic(t *testing.T) {
	r := builtReport(t)
	s := slideOf(t, build(r, Options{}), kindDefinitions, "")
	rows := map[string]string{}
	for _, row := range s.Tables[0].Rows {
		if _, dup := rows[row[0]]; dup {
			t.Errorf("definition %q listed twice", row[0])
		}
		rows[row[0]] = row[1]
	}
	for _, k := range r.Organic.KPIs {
		name := k.Name
		if k.Key == "engagement_rate" || k.Key == "ctr" {
			continue // the same as the paid definition, or not shown
		}
		if !strings.Contains(strings.ToLower(name), "organic") {
			name += " (organic)"
		}
		if rows[name] != k.Formula {
			t.Errorf("definition %q = %q, want %q", name, rows[name], k.Formula)
		}
	}
	for _, name := range []string{"Engaged-session rate (web)", "Lead conversion rate", "Followers (organic)"} {
		if rows[name] == "" {
			t.Errorf("definitions lack %q", name)
		}
	}
	if _, ok := rows["CTR (organic)"]; ok {
		t.Error("definitions list organic CTR, which no slide shows")
	}
	if !strings.Contains(strings.Join(s.Notes, " "), "Organic revenue: Google Analytics 4") {
		t.Errorf("definitions notes %q do not say where organic revenue comes from", s.Notes)
	}
}

// Post titles come from users: emoji, CJK, line breaks and invalid UTF-8
// must reach fpdf cleaned, and long titles end with an ellipsis.
func TestOrganicSlides_nastyTitles(t *testing.T) {
	for _, title := range organicTitles {
		got := postTitle(reportgen.Post{Title: title, Link: "https://example.com/p/1"})
		if got == "" || utf8.RuneCountInString(got) > maxPostTitle || !utf8.ValidString(got) {
			t.Errorf("postTitle(%q) = %q, want 1 to %d valid runes", title, got, maxPostTitle)
		}
		for _, r := range got {
			if r > 0xFFFF || isEmoji(r) || r == '\n' {
				t.Errorf("postTitle(%q) = %q keeps %U", title, got, r)
			}
		}
	}
	if got := postTitle(reportgen.Post{Link: "https://example.com/p/1"}); got != "https://example.com/p/1" {
		t.Errorf("untitled post = %q, want its link", got)
	}
	// every title on a slide, five at a time: the deck renders
	r := builtReport(t)
	p := &r.Organic.Platforms[0]
	posts := p.TopPosts
	for i := 0; i < len(organicTitles); i += maxPosts {
		p.TopPosts = nil
		for _, title := range organicTitles[i:min(i+maxPosts, len(organicTitles))] {
			post := posts[0]
			post.Title = title + " " + strings.Repeat("très long ", 20)
			p.TopPosts = append(p.TopPosts, post)
		}
		pdf := mustRender(t, r)
		for _, page := range pdfText(t, pdf) {
			for _, c := range page {
				if c > 0xFFFF || isEmoji(c) && c != '\u200d' {
					t.Errorf("deck text contains %U, which the font cannot draw", c)
				}
			}
		}
		if page := pageWith(t, pdfText(t, pdf), p.Name); !strings.Contains(page, "…") {
			t.Errorf("long post titles are not shortened with an ellipsis:\n%s", page)
		}
	}
}

// organicOnlyReport has no ad platform: a YouTube channel reported as one
// span (no days, no posts) and GA4 without revenue, no CRM.
func organicOnlyReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	period := kpi.Month(2026, 11)
	agg := reportgen.NewAggregator("GBP", nil)
	add := func(r kpi.Record) {
		tb.Helper()
		if err := agg.Add(r); err != nil {
			tb.Fatal(err)
		}
	}
	add(kpi.Record{Platform: kpi.YouTube, Span: period, Account: "Channel 🎥", Posts: 4, VideoViews: 12_480,
		WatchHours: 310_500_000, Impressions: 96_000, Engagements: 0, Follows: 37, Followers: 2_210, FollowersKnown: true,
		Has:    kpi.FPosts | kpi.FVideoViews | kpi.FWatchTime | kpi.FImpressions | kpi.FEngagements | kpi.FFollows | kpi.FFollowers,
		Source: kpi.Source{File: "Totals.csv", Line: 2}})
	add(kpi.Record{Platform: kpi.GA4, Span: period, Campaign: "youtube.com / referral", Channel: kpi.YouTube,
		Sessions: 420, EngagedSessions: 0, Has: kpi.FSessions | kpi.FEngagedSessions, Source: kpi.Source{File: "ga4.csv", Line: 10}})
	add(kpi.Record{Platform: kpi.GA4, Span: period, Campaign: "(direct) / (none)", Sessions: 3_100, EngagedSessions: 1_900,
		Has: kpi.FSessions | kpi.FEngagedSessions, Source: kpi.Source{File: "ga4.csv", Line: 11}})
	r, err := reportgen.Build(reportgen.Options{Client: "Solo Creator", Currency: "GBP", Period: period,
		Choices: kpi.DefaultChoices()}, agg, nil, []kpi.FileStats{{File: "Totals.csv", Platform: kpi.YouTube, Rows: 1, Used: 1}})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestRender_organicOnly(t *testing.T) {
	r := organicOnlyReport(t)
	m := build(r, Options{})
	var kinds []string
	for _, s := range m.Slides {
		kinds = append(kinds, s.Kind)
	}
	if got, want := strings.Join(kinds, " "), "cover summary mix organic web costs definitions appendix"; got != want {
		t.Errorf("slides = %s, want %s", got, want)
	}
	yt := slideOf(t, m, kindOrganic, "YouTube")
	got, _ := tilesOf(yt)
	p := &r.Organic.Platforms[0]
	checkFigures(t, "YouTube", got, map[string]string{
		"Posts": "4", "Video views": "12,480", "Watch hours": "310.5", "Followers": "2,210",
		// no engagements: 0 of 96,000 impressions is a defined 0.00%
		"Engagement rate": FormatKPI("engagement_rate", p.Value("engagement_rate"), kpi.FormatPercent, "GBP"),
	})
	if _, ok := got["Organic ROI"]; ok {
		t.Error("YouTube shows organic ROI without attributed revenue")
	}
	if yt.Chart != nil || len(yt.Tables[0].Rows) != 0 || yt.Tables[0].Note == "" {
		t.Errorf("YouTube without days or posts: chart %v, %d posts, note %q; want no chart, no rows and a note",
			yt.Chart, len(yt.Tables[0].Rows), yt.Tables[0].Note)
	}
	web := slideOf(t, m, kindWeb, "")
	wt, _ := tilesOf(web)
	if wt["web:Social revenue"] != NA || len(web.Tables) != 1 {
		t.Errorf("GA4 without revenue: social revenue %q, %d tables; want %q and the web table only", wt["web:Social revenue"], len(web.Tables), NA)
	}
	if wt["web:Social sessions"] != "420" {
		t.Errorf("social sessions = %q, want 420", wt["web:Social sessions"])
	}
	pdf := mustRender(t, r)
	if n, err := pdfPages(t, pdf); err == nil && n != len(m.Slides) {
		t.Errorf("pdfinfo: %d pages, want %d", n, len(m.Slides))
	}
}
