package deck

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The slides of the report's other sections: one per organic platform,
// and website and sales (GA4 and CRM by channel).

// maxPosts is how many top posts an organic slide lists.
const maxPosts = 5

// maxPostTitle is how many characters of a post's title the model keeps;
// the slide shortens it further to fit its column.
const maxPostTitle = 80

// lifetimeCaveat is the caveat of a slide whose post metrics are lifetime
// totals (Meta Business Suite).
const lifetimeCaveat = "Post metrics are lifetime totals up to the export date: a later export of the same period gives other figures."

// Tile groups of the executive summary's organic row.
const (
	groupOrganic  = "organic"
	groupTogether = "together"
)

// Tile groups of the website and sales slide.
const (
	groupWeb   = "web"
	groupSales = "sales"
)

// organicDefs returns the organic KPI definitions of the report.
func (b *builder) organicDefs() []kpi.KPI {
	if o := b.r.Organic; o != nil && len(o.KPIs) > 0 {
		return o.KPIs
	}
	return kpi.OrganicDefinitions(b.r.Choices)
}

// organicValue formats organic KPI key of s with the KPI's own format.
func (b *builder) organicValue(s *reportgen.Scope, key string) string {
	f := kpi.FormatRatio
	if k, ok := kpi.Find(b.organicDefs(), key); ok {
		f = k.Format
	}
	return FormatKPI(key, s.Value(key), f, b.cur)
}

// engagementBase is what the engagement rate divides by, in words.
func (b *builder) engagementBase() string {
	switch b.r.Choices.EngagementBase {
	case "reach":
		return "reach"
	case "followers":
		return "followers"
	}
	return "impressions"
}

// scopedCosts returns the cost lines scoped to platform p.
func (b *builder) scopedCosts(p kpi.Platform) int {
	n := 0
	for _, c := range b.r.Costs {
		if c.Platform == p {
			n++
		}
	}
	return n
}

// organicRows returns whether some of p's rows hold lifetime post metrics,
// and how many distinct posts its rows name.
func (b *builder) organicRows(p kpi.Platform) (lifetime bool, posts int) {
	seen := map[[3]string]bool{}
	for _, row := range b.r.Organic.Rows {
		if row.Platform != p {
			continue
		}
		lifetime = lifetime || row.Lifetime
		if row.Post == "" && row.PostLink == "" {
			continue
		}
		k := [3]string{row.Account, row.PostLink, ""}
		if row.PostLink == "" {
			k[2] = row.Post
		}
		seen[k] = true
	}
	if len(b.r.Organic.Rows) == 0 { // a model built without its rows
		lifetime = b.r.Organic.Lifetime
	}
	return lifetime, len(seen)
}

// organic is the slide of one organic platform: what its exports report
// as tiles, engagements by day, and its top posts.
func (b *builder) organic(p *reportgen.Scope) slide {
	in := p.Inputs
	t := in.Totals
	s := slide{Kind: kindOrganic, Title: scopeName(p), Subtitle: "Organic · " + clean(b.r.Period.Label())}
	if t.Has&kpi.FPosts != 0 {
		note := ""
		if v := p.Value("engagements_per_post"); v.OK {
			note = b.organicValue(p, "engagements_per_post") + " engagements per post"
		}
		s.Tiles = append(s.Tiles, tile{Label: "Posts", Value: FormatCount(t.Posts), Note: note})
	}
	if t.Has&kpi.FImpressions != 0 {
		s.Tiles = append(s.Tiles, tile{Label: "Impressions", Value: FormatCount(t.Impressions)})
	}
	if t.Has&kpi.FEngagements != 0 {
		s.Tiles = append(s.Tiles, tile{Label: "Engagements", Value: FormatCount(t.Engagements)})
	}
	s.Tiles = append(s.Tiles, tile{Label: "Engagement rate", Value: b.organicValue(p, "engagement_rate"),
		Note: "engagements / " + b.engagementBase()})
	if t.Has&kpi.FFollows != 0 {
		s.Tiles = append(s.Tiles, tile{Label: "Follows", Value: FormatCount(t.Follows), Note: "may be net of unfollows"})
	}
	if t.Has&kpi.FFollowers != 0 && t.FollowersKnown {
		note := "at period end"
		if day := t.FollowersDay; !day.IsZero() && !b.r.Period.IsZero() && !day.Equal(b.r.Period.To) {
			note = "on " + day.Format("2 Jan 2006")
		}
		s.Tiles = append(s.Tiles, tile{Label: "Followers", Value: FormatCount(t.Followers), Note: note})
	}
	if t.Has&kpi.FVideoViews != 0 {
		s.Tiles = append(s.Tiles, tile{Label: "Video views", Value: FormatCount(t.VideoViews)})
	}
	if t.Has&kpi.FWatchTime != 0 {
		s.Tiles = append(s.Tiles, tile{Label: "Watch hours", Value: FormatQty(t.WatchHours)})
	}
	if n := b.scopedCosts(p.Platform); n > 0 {
		s.Tiles = append(s.Tiles,
			tile{Label: "Cost", Value: b.money(in.TotalCost()), Note: fmt.Sprintf("%d cost %s", n, plural(n, "line", "lines"))},
			tile{Label: b.organicName("cost_per_engagement", "Cost per engagement"), Value: b.organicValue(p, "cost_per_engagement")})
	}
	if p.HasRevenue() {
		note := "revenue " + b.money(in.Revenue) + sourceShort(b.r.Organic.RevenueSource)
		if in.TotalCost() == 0 {
			note += ", no cost"
		}
		s.Tiles = append(s.Tiles, tile{Label: b.organicName("organic_roi", "Organic ROI"), Value: b.organicValue(p, "organic_roi"), Note: note})
	}

	switch {
	case t.Has&kpi.FEngagements != 0:
		s.Chart = b.organicChart(p, "Engagements", func(t kpi.Totals) float64 { return float64(t.Engagements) })
	case t.Has&kpi.FVideoViews != 0:
		s.Chart = b.organicChart(p, "Video views", func(t kpi.Totals) float64 { return float64(t.VideoViews) })
	}
	if s.Chart == nil {
		s.Notes = append(s.Notes, "No daily figures in the exports for this page: the chart is left out.")
	}

	lifetime, nposts := b.organicRows(p.Platform)
	if lifetime {
		s.Caveat = lifetimeCaveat
	}
	tb := table{
		Title:      p.TopPostsTitle(),
		Columns:    []string{"Post", "Published", "Impressions", "Engagements", "Eng. rate"},
		widths:     []float64{3.1, 1.4, 1.35, 1.45, 1.1},
		align:      "LLRRR",
		plainFirst: true,
	}
	for _, post := range p.TopPosts[:min(len(p.TopPosts), maxPosts)] {
		pt := post.Totals
		published := NA
		if !post.Published.IsZero() {
			published = post.Published.Format("2 Jan 2006")
		}
		tb.Rows = append(tb.Rows, []string{postTitle(post), published,
			count(pt, kpi.FImpressions, pt.Impressions), count(pt, kpi.FEngagements, pt.Engagements),
			FormatKPI("engagement_rate", post.EngagementRate, kpi.FormatPercent, b.cur)})
	}
	nposts = max(nposts, len(p.TopPosts))
	switch {
	case len(p.TopPosts) == 0:
		tb.Note = "No post-level figures in the exports for this page."
	case nposts > len(tb.Rows):
		tb.Note = fmt.Sprintf("Top %d of %d posts.", len(tb.Rows), nposts)
	}
	s.Tables = []table{tb}
	return s
}

func (b *builder) organicName(key, fallback string) string {
	if k, ok := kpi.Find(b.organicDefs(), key); ok && k.Name != "" {
		return clean(k.Name)
	}
	return fallback
}

// organicChart is the scope's daily bars of what bar counts. It has no
// line: posts appear on some days only, so a second daily series would
// zig-zag between them and say little.
func (b *builder) organicChart(p *reportgen.Scope, name string, bar func(kpi.Totals) float64) *chart {
	c := b.series(p.Days, bar, nil)
	if c == nil {
		return nil
	}
	c.BarName, c.Counts = name, true
	if lifetime, _ := b.organicRows(p.Platform); lifetime {
		c.Title = name + " by day published"
	}
	return c
}

// postTitle is a post's title for a table cell: cleaned, one line, at most
// maxPostTitle characters ending with an ellipsis.
func postTitle(p reportgen.Post) string {
	s := clean(p.Title)
	if s == "" {
		s = clean(p.Link)
	}
	if s == "" {
		return "(untitled post)"
	}
	if r := []rune(s); len(r) > maxPostTitle {
		s = strings.TrimRight(string(r[:maxPostTitle-1]), " .,;:-–—_/|") + ellipsis
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sourceShort names a revenue source in a tile note: " (GA4)".
func sourceShort(src string) string {
	switch src {
	case "ga4":
		return " (GA4)"
	case "crm":
		return " (CRM)"
	}
	return ""
}

// summaryOrganic returns the executive summary's tiles for organic and
// for paid and organic together.
func (b *builder) summaryOrganic() []tile {
	o := b.r.Organic
	if o == nil {
		return nil
	}
	tot := &o.Total
	t := tot.Inputs.Totals
	note := ""
	if t.Has&kpi.FPosts != 0 {
		note = FormatCount(t.Posts) + " posts"
		if t.Posts == 1 {
			note = "1 post"
		}
	}
	if n := len(o.Platforms); n > 0 {
		pages := fmt.Sprintf("%d %s", n, plural(n, "page", "pages"))
		if note == "" {
			note = pages
		} else {
			note += " on " + pages
		}
	}
	ts := []tile{
		{groupOrganic, "Engagements", count(t, kpi.FEngagements, t.Engagements), note},
		{groupOrganic, "Engagement rate", b.organicValue(tot, "engagement_rate"), "engagements / " + b.engagementBase()},
	}
	if tg := b.r.Together; tg != nil {
		rev := "no attributed revenue"
		if tg.HasRevenue() {
			rev = "on revenue of " + b.money(tg.Inputs.Revenue)
		}
		ts = append(ts,
			tile{groupTogether, "Total cost", b.money(tg.TotalCost()), "ad spend + every cost line"},
			tile{groupTogether, b.kpiName("roi", "Full-cost ROI"), b.value(tg, "roi"), rev})
	}
	return ts
}

// ratioOf is num/den when t reports every field of need and den is not
// 0, as reportgen computes the channels' rates; undefined otherwise.
func ratioOf(t kpi.Totals, need kpi.Fields, num, den float64) kpi.Ratio {
	if t.Has&need != need || den == 0 {
		return kpi.Ratio{}
	}
	return kpi.Ratio{Value: num / den, OK: true}
}

func (b *builder) channelRevenue(t kpi.Totals) string {
	if t.Has&kpi.FRevenue == 0 {
		return NA
	}
	return b.money(t.Revenue)
}

// web is the website and sales slide: GA4 sessions, key events and revenue
// by channel, CRM leads, customers and revenue by channel, and which
// revenue the report attributes.
func (b *builder) web() slide {
	r := b.r
	var parts []string
	if r.Web != nil {
		parts = append(parts, "Google Analytics 4")
	}
	if r.Sales != nil {
		parts = append(parts, "CRM")
	}
	s := slide{Kind: kindWeb, Title: "Website and sales",
		Subtitle: strings.Join(parts, " and ") + " by channel · " + clean(r.Period.Label())}
	pct := func(x kpi.Ratio) string { return FormatKPI("", x, kpi.FormatPercent, b.cur) }
	if w := r.Web; w != nil {
		tot, soc := w.Total, w.Social
		share := ratioOf(tot, kpi.FSessions, float64(soc.Sessions), float64(tot.Sessions))
		shareNote := ""
		if share.OK {
			shareNote = pct(share) + " of all sessions"
		}
		revNote := ""
		if tot.Has&kpi.FRevenue != 0 {
			revNote = "site: " + b.money(tot.Revenue)
		}
		s.Tiles = append(s.Tiles,
			tile{groupWeb, "Sessions", count(tot, kpi.FSessions, tot.Sessions), "the whole site"},
			tile{groupWeb, "Social sessions", count(soc, kpi.FSessions, soc.Sessions), shareNote},
			tile{groupWeb, "Social key events", qty(soc, kpi.FKeyEvents, soc.KeyEvents), ""},
			tile{groupWeb, "Social revenue", b.channelRevenue(soc), revNote})
		t := table{
			Title:   "Website (GA4) by channel",
			Columns: []string{"Channel", "Sessions", "Engaged", "Key events", "Revenue"},
			widths:  []float64{3.3, 1.1, 1.0, 1.1, 1.45},
			align:   "LRRRR",
		}
		row := func(name string, ct kpi.Totals) []string {
			return []string{name, count(ct, kpi.FSessions, ct.Sessions),
				pct(ratioOf(ct, kpi.FEngagedSessions|kpi.FSessions, float64(ct.EngagedSessions), float64(ct.Sessions))),
				qty(ct, kpi.FKeyEvents, ct.KeyEvents), b.channelRevenue(ct)}
		}
		for _, c := range w.Channels {
			cr := row(clean(c.Name), c.Totals)
			cr[2] = pct(c.Values["engagement_rate"])
			t.Rows = append(t.Rows, cr)
		}
		t.Total = row("Site total", tot)
		t.Note = "Engaged: engaged-session rate, engaged sessions / sessions."
		s.Tables = append(s.Tables, t)
	}
	if c := r.Sales; c != nil {
		tot, soc := c.Total, c.Social
		revNote := ""
		if soc.Has&kpi.FRevenue != 0 {
			revNote = "social: " + b.money(soc.Revenue)
		}
		s.Tiles = append(s.Tiles,
			tile{groupSales, "Leads", qty(tot, kpi.FLeads, tot.Leads), "all channels"},
			tile{groupSales, "Customers won", qty(tot, kpi.FCustomers, tot.Customers), ""},
			tile{groupSales, "Lead conversion",
				pct(ratioOf(tot, kpi.FCustomers|kpi.FLeads, tot.Customers.Float64(), tot.Leads.Float64())), "customers won / leads"},
			tile{groupSales, "Revenue", b.channelRevenue(tot), revNote})
		t := table{
			Title:   "Sales (CRM) by channel",
			Columns: []string{"Channel", "Leads", "Customers", "Lead conv.", "Revenue"},
			widths:  []float64{3.3, 0.9, 1.1, 1.1, 1.45},
			align:   "LRRRR",
		}
		for _, ch := range c.Channels {
			ct := ch.Totals
			t.Rows = append(t.Rows, []string{clean(ch.Name), qty(ct, kpi.FLeads, ct.Leads), qty(ct, kpi.FCustomers, ct.Customers),
				pct(ch.Values["lead_conversion_rate"]), b.channelRevenue(ct)})
		}
		t.Total = []string{"Total", qty(tot, kpi.FLeads, tot.Leads), qty(tot, kpi.FCustomers, tot.Customers),
			pct(ratioOf(tot, kpi.FCustomers|kpi.FLeads, tot.Customers.Float64(), tot.Leads.Float64())), b.channelRevenue(tot)}
		s.Tables = append(s.Tables, t)
	}
	s.Notes = b.revenueNotes()
	return s
}

// revenueNotes say which revenue the report attributes, and why
// platform-reported values are not added to it.
func (b *builder) revenueNotes() []string {
	r := b.r
	var notes []string
	var compared []string
	if r.Web != nil {
		compared = append(compared, "analytics")
	}
	if r.Sales != nil {
		compared = append(compared, "CRM")
	}
	const doubleCount = "each platform counts sales by its own attribution window and may claim a sale another " +
		"platform claims too, so their sum can double count."
	switch r.RevenueSource {
	case "ga4":
		notes = append(notes, "Attributed revenue in this report: the Google Analytics 4 revenue of the social channels. "+
			"Conversion values the ad platforms report are not used: "+doubleCount)
	case "crm":
		notes = append(notes, "Attributed revenue in this report: the CRM revenue of the social channels. "+
			"Conversion values the ad platforms report are not used: "+doubleCount)
	default:
		notes = append(notes, "Attributed revenue of the ad platforms in this report: the conversion value each platform "+
			"reports; "+doubleCount+" The "+strings.Join(compared, " and ")+" revenue here is for comparison, not added to it.")
	}
	if o := r.Organic; o != nil && o.RevenueSource != "" && o.RevenueSource != r.RevenueSource {
		notes = append(notes, "Organic revenue comes from "+map[string]string{"ga4": "Google Analytics 4", "crm": "the CRM"}[o.RevenueSource]+
			" (the organic social channels).")
	}
	return notes
}

// organicNotes are the definitions slide's notes on the organic part.
func (b *builder) organicNotes() []string {
	o := b.r.Organic
	if o == nil {
		return nil
	}
	var notes []string
	switch o.RevenueSource {
	case "ga4":
		notes = append(notes, "Organic revenue: Google Analytics 4 revenue of the organic social channels.")
	case "crm":
		notes = append(notes, "Organic revenue: CRM revenue of the organic social channels.")
	default:
		notes = append(notes, "Organic revenue: none attributed (no analytics or CRM revenue among the inputs).")
	}
	if o.Lifetime {
		notes = append(notes, "Organic post metrics marked lifetime are totals up to the export date, not the period's alone.")
	}
	return notes
}

// organicDefinitions returns the definition rows of the organic KPIs the
// deck shows, and of the website and sales rates.
func (b *builder) organicDefinitions() [][]string {
	r := b.r
	var rows [][]string
	if o := r.Organic; o != nil {
		shown := map[string]bool{"engagement_rate": true}
		for i := range o.Platforms {
			p := &o.Platforms[i]
			if p.Inputs.Has&kpi.FPosts != 0 && p.Value("engagements_per_post").OK {
				shown["engagements_per_post"] = true
			}
			if b.scopedCosts(p.Platform) > 0 {
				shown["cost_per_engagement"] = true
			}
			if p.HasRevenue() {
				shown["organic_roi"] = true
			}
		}
		for _, k := range b.organicDefs() {
			if !shown[k.Key] {
				continue
			}
			if pk, ok := kpi.Find(b.defs, k.Key); ok && pk.Name == k.Name && pk.Formula == k.Formula {
				continue // the same definition is listed above
			}
			name := clean(k.Name)
			if !strings.Contains(strings.ToLower(name), "organic") {
				name += " (organic)"
			}
			rows = append(rows, []string{name, clean(k.Formula)})
		}
		rows = append(rows, []string{"Followers (organic)", "the follower count on the last day reported: a level, not a sum over days"})
	}
	if r.Web != nil {
		rows = append(rows, []string{"Engaged-session rate (web)", "engaged sessions / sessions × 100 (Google Analytics 4)"})
	}
	if r.Sales != nil {
		rows = append(rows, []string{"Lead conversion rate", "customers won / leads × 100 (CRM)"})
	}
	return rows
}
