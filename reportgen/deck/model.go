package deck

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The deck is built in two steps: build turns a Report into a model of the
// slides, every figure already formatted, and draw lays the model out on
// 16:9 pages. The model is what the golden test compares.

type deckModel struct {
	Client    string  `json:"client"`
	Period    string  `json:"period"`
	Agency    string  `json:"agency,omitempty"`
	Currency  string  `json:"currency"`
	Generated string  `json:"generated,omitempty"`
	Slides    []slide `json:"slides"`
}

// Slide kinds, in deck order.
const (
	kindCover       = "cover"
	kindSummary     = "summary"
	kindFunnel      = "funnel"
	kindMix         = "mix"
	kindPlatform    = "platform"
	kindOrganic     = "organic"
	kindWeb         = "web"
	kindCosts       = "costs"
	kindGoals       = "goals"
	kindCommentary  = "commentary"
	kindDefinitions = "definitions"
)

type slide struct {
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle,omitempty"`
	Tiles    []tile   `json:"tiles,omitempty"`
	Chart    *chart   `json:"chart,omitempty"`
	Bars     []bar    `json:"bars,omitempty"`
	Split    []bar    `json:"split,omitempty"` // media and non-media shares of total cost
	Tables   []table  `json:"tables,omitempty"`
	Text     string   `json:"text,omitempty"`
	Notes    []string `json:"notes,omitempty"`
	// Caveat is a data-quality note shown above the footer: an export that
	// does not match its own totals row, rejected rows.
	Caveat string `json:"caveat,omitempty"`
	// Story is the executive summary's sentences, one per headline.
	Story []string `json:"story,omitempty"`
	// Funnel is the funnel slide's stages; Mix the channel mix's platforms.
	Funnel []funnelStep `json:"funnel,omitempty"`
	Mix    []mixRow     `json:"mix,omitempty"`
	// Deltas are the summary tiles' changes against the previous period.
	Deltas []tileDelta `json:"deltas,omitempty"`
}

// Tile groups of the executive summary.
const (
	groupHeadline = "headline"
	groupMore     = "more"
	groupModelled = "modelled"
)

type tile struct {
	Group string `json:"group,omitempty"`
	Label string `json:"label"`
	Value string `json:"value"`
	Note  string `json:"note,omitempty"`
}

type table struct {
	Title   string     `json:"title,omitempty"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	Total   []string   `json:"total,omitempty"` // a last row in bold
	Note    string     `json:"note,omitempty"`

	widths     []float64 // relative column widths
	align      string    // one of L, R, C per column
	status     int       // 1-based index of a column drawn as a status pill; 0 for none
	progress   int       // 1-based index of a column drawn with a progress bar; 0 for none
	plainFirst bool      // the first column is not bold (long campaign names)
	fracs      []float64 // per row, the progress (1 = 100%); NaN when undefined
}

// A chart is daily (or weekly) bars, with an optional line on a second
// axis: on a paid platform's slide spend against the primary conversion,
// on an organic one engagements alone.
type chart struct {
	// Title replaces the title made of the bucket and BarName ("Daily
	// spend and conversions").
	Title    string    `json:"title,omitempty"`
	Labels   []string  `json:"labels"` // one per bucket: "1 Oct"
	Bucket   int       `json:"bucket_days"`
	BarName  string    `json:"bar_name"`
	Bars     []float64 `json:"bars"`
	LineName string    `json:"line_name,omitempty"`
	Line     []float64 `json:"line,omitempty"` // nil when the platform has no conversions
	BarUnit  string    `json:"bar_unit,omitempty"`
	// Counts is set when the bars are counts (engagements), not money:
	// the left axis then has whole steps and no currency.
	Counts bool `json:"counts,omitempty"`
	// LastDays is the number of days in the last bucket when it is
	// shorter than the others (a quarter by week ends with a short week).
	LastDays int `json:"last_days,omitempty"`
}

// A bar is one row of a horizontal bar chart.
type bar struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Text  string  `json:"text"`
	Media bool    `json:"media,omitempty"`
}

// maxCampaigns is how many campaigns a platform slide lists.
const maxCampaigns = 8

// maxGoals is how many goals the goals slide lists.
const maxGoals = 12

func build(r *reportgen.Report, opts Options) *deckModel {
	m := &deckModel{
		Client:   clean(r.Client),
		Period:   clean(r.Period.Label()),
		Agency:   clean(r.Branding.Name),
		Currency: r.Currency,
	}
	if m.Client == "" {
		m.Client = "Client"
	}
	if !opts.Generated.IsZero() {
		m.Generated = opts.Generated.UTC().Format("2 January 2006")
	}
	b := builder{r: r, cur: r.Currency, defs: r.KPIs}
	if len(b.defs) == 0 {
		b.defs = kpi.Definitions(r.Choices)
	}
	m.Slides = append(m.Slides, slide{Kind: kindCover, Title: m.Client, Subtitle: m.Period})
	m.Slides = append(m.Slides, b.summary())
	if len(r.Goals) > 0 {
		m.Slides = append(m.Slides, b.goals())
	}
	if r.Funnel != nil {
		m.Slides = append(m.Slides, b.funnel())
	}
	if len(r.Platforms) > 0 || r.Organic != nil {
		m.Slides = append(m.Slides, b.mix())
	}
	for i := range r.Platforms {
		m.Slides = append(m.Slides, b.platform(&r.Platforms[i]))
	}
	if r.Organic != nil {
		for i := range r.Organic.Platforms {
			m.Slides = append(m.Slides, b.organic(&r.Organic.Platforms[i]))
		}
	}
	if r.Web != nil || r.Sales != nil {
		m.Slides = append(m.Slides, b.web())
	}
	m.Slides = append(m.Slides, b.costs())
	if strings.TrimSpace(r.Commentary) != "" {
		m.Slides = append(m.Slides, slide{Kind: kindCommentary, Title: "Commentary",
			Subtitle: "From the agency team", Text: cleanText(r.Commentary)})
	}
	m.Slides = append(m.Slides, b.definitions())
	m.Slides = append(m.Slides, b.appendix(m)...)
	addContents(m)
	return m
}

type builder struct {
	r    *reportgen.Report
	cur  string
	defs []kpi.KPI
}

// value formats KPI key of s with the KPI's own format.
func (b *builder) value(s *reportgen.Scope, key string) string {
	f := kpi.FormatRatio
	if k, ok := kpi.Find(b.defs, key); ok {
		f = k.Format
	} else if dk, ok := kpi.Find(kpi.Definitions(b.r.Choices), key); ok {
		f = dk.Format
	}
	return FormatKPI(key, s.Value(key), f, b.cur)
}

func (b *builder) kpiName(key, fallback string) string {
	if k, ok := kpi.Find(b.defs, key); ok && k.Name != "" {
		return clean(k.Name)
	}
	return fallback
}

func (b *builder) money(m kpi.Money) string { return FormatMoney(m, b.cur) }

// revenue formats a scope's attributed revenue, or NA when its exports
// report none (a LinkedIn export has no conversion value).
func (b *builder) revenue(sc *reportgen.Scope) string {
	if !sc.HasRevenue() {
		return NA
	}
	return b.money(sc.Inputs.Revenue)
}

// count formats n, or NA when the scope's exports lack the metric.
func count(t kpi.Totals, f kpi.Fields, n int64) string {
	if t.Has&f == 0 {
		return NA
	}
	return FormatCount(n)
}

func qty(t kpi.Totals, f kpi.Fields, q kpi.Qty) string {
	if t.Has&f == 0 {
		return NA
	}
	return FormatQty(q)
}

// clicks returns the clicks the KPIs use (link clicks by default).
func (b *builder) clicks(t kpi.Totals) (label, value string) {
	if b.r.Choices.CTRClicks == "clicks" {
		return "Clicks", count(t, kpi.FClicks, t.Clicks)
	}
	return "Link clicks", count(t, kpi.FLinkClicks, t.LinkClicks)
}

// primary returns the client's primary conversion of t: its label, field
// and count.
func (b *builder) primary(t kpi.Totals) (string, kpi.Fields, kpi.Qty) {
	switch b.r.Choices.PrimaryConversion {
	case "purchases":
		return "Purchases", kpi.FPurchases, t.Purchases
	case "leads":
		return "Leads", kpi.FLeads, t.Leads
	}
	return "Conversions", kpi.FConversions, t.Conversions
}

func (b *builder) spend(t kpi.Totals) string {
	if t.Has&kpi.FSpend == 0 && t.Spend == 0 {
		return NA
	}
	return b.money(t.Spend)
}

// cplNote says what the all-platform CPL divides: ad spend, or the spend of
// the platforms whose exports report leads when that is not every platform.
func cplNote(tot *reportgen.Scope) string {
	basis, ok := tot.Basis["cpl"]
	if !ok || len(basis) == 0 {
		return "ad spend / leads"
	}
	var names []string
	for _, p := range basis {
		names = append(names, p.Name())
	}
	return clean("spend of " + strings.Join(names, " + ") + " / leads")
}

func (b *builder) summary() slide {
	r, tot := b.r, &b.r.Total
	in := tot.Inputs
	s := slide{Kind: kindSummary, Title: "Executive summary", Subtitle: clean(tot.Name), Caveat: r.DataCheck()}
	if s.Subtitle == "" {
		s.Subtitle = "All platforms"
	}
	s.Subtitle += " · " + clean(r.Period.Label())
	s.Tiles = []tile{
		{groupHeadline, b.kpiName("roi", "Full-cost ROI"), b.value(tot, "roi"),
			"on total cost of " + b.money(in.TotalCost())},
		{groupHeadline, b.kpiName("media_roi", "Media ROI"), b.value(tot, "media_roi"),
			"on ad spend of " + b.money(in.Spend)},
		{groupHeadline, "Revenue", b.revenue(tot), revenueShort(r.RevenueSource)},
		{groupHeadline, "Total cost", b.money(in.TotalCost()),
			b.money(in.Spend) + " media + " + b.money(in.OtherCosts) + " other"},
		{groupMore, b.kpiName("roas", "ROAS"), b.value(tot, "roas"), "revenue / ad spend"},
		{groupMore, "Leads", qty(in.Totals, kpi.FLeads, in.Leads), ""},
		{groupMore, b.kpiName("cpl", "CPL"), b.value(tot, "cpl"), cplNote(tot)},
		{groupModelled, "Modelled value", b.money(in.ModelledValue), "actions × value per action"},
		{groupModelled, b.kpiName("roi_incl_modelled", "ROI incl. modelled value"),
			b.value(tot, "roi_incl_modelled"), "revenue + modelled value vs total cost"},
	}
	s.Tiles = append(s.Tiles, b.summaryOrganic()...)
	b.story(&s)
	return s
}

// platformTable is the table of the ad platforms' figures, with their
// total: on the channel mix slide.
func (b *builder) platformTable() []table {
	r, tot := b.r, &b.r.Total
	in := tot.Inputs
	if len(r.Platforms) > 0 {
		clabel, _ := b.clicks(in.Totals)
		plabel, _, _ := b.primary(in.Totals)
		t := table{
			Title:   "By platform",
			Columns: []string{"Platform", "Spend", "Impressions", clabel, plabel, "Revenue", "ROAS", "CPA"},
			widths:  []float64{2.2, 1.5, 1.4, 1.2, 1.2, 1.5, 0.9, 1.2},
			align:   "LRRRRRRR",
		}
		row := func(sc *reportgen.Scope, name string) []string {
			t := sc.Inputs.Totals
			_, cv := b.clicks(t)
			_, f, q := b.primary(t)
			return []string{name, b.spend(t), count(t, kpi.FImpressions, t.Impressions), cv,
				qty(t, f, q), b.revenue(sc), b.value(sc, "roas"), b.value(sc, "cpa")}
		}
		for i := range r.Platforms {
			p := &r.Platforms[i]
			t.Rows = append(t.Rows, row(p, scopeName(p)))
		}
		t.Total = row(tot, "Total")
		return []table{t}
	}
	return nil
}

// shortLabel abbreviates a conversion label for a narrow column.
func shortLabel(s string) string {
	switch s {
	case "Conversions":
		return "Conv."
	case "Purchases":
		return "Purch."
	}
	return s
}

func scopeName(s *reportgen.Scope) string {
	if n := clean(s.Name); n != "" {
		return n
	}
	if s.Platform == "" {
		return "All platforms"
	}
	return clean(s.Platform.Name())
}

func revenueShort(src string) string {
	switch src {
	case "ga4":
		return "attributed by Google Analytics 4"
	case "crm":
		return "from CRM / sales figures"
	case "platforms":
		return "as reported by the platforms"
	case "":
		return "attributed revenue"
	}
	return "source: " + clean(src)
}

func revenueLong(src string) string {
	switch src {
	case "ga4":
		return "Google Analytics 4 revenue by source / medium (de-duplicated, last click)."
	case "crm":
		return "CRM or sales figures supplied by the client."
	case "platforms":
		return "Conversion value reported by each platform, each with its own attribution window; " +
			"platforms may claim the same sale, so their sum can double count."
	case "":
		return "Not configured."
	}
	return clean(src) + "."
}

func (b *builder) platform(p *reportgen.Scope) slide {
	in := p.Inputs
	t := in.Totals
	clabel, cval := b.clicks(t)
	plabel, pf, pq := b.primary(t)
	s := slide{Kind: kindPlatform, Title: scopeName(p), Subtitle: clean(b.r.Period.Label())}
	s.Tiles = []tile{
		{Label: "Spend", Value: b.spend(t)},
		{Label: "Impressions", Value: count(t, kpi.FImpressions, t.Impressions)},
		{Label: clabel, Value: cval},
		{Label: b.kpiName("ctr", "CTR"), Value: b.value(p, "ctr")},
		{Label: b.kpiName("cpc", "CPC"), Value: b.value(p, "cpc")},
		{Label: plabel, Value: qty(t, pf, pq)},
		{Label: b.kpiName("cpa", "CPA"), Value: b.value(p, "cpa")},
	}
	// Revenue and ROAS where the exports report revenue, leads and CPL where
	// they report leads (LinkedIn reports leads, no revenue); a platform
	// with neither still shows revenue and ROAS as n/a.
	if p.HasRevenue() || t.Has&kpi.FLeads == 0 {
		s.Tiles = append(s.Tiles,
			tile{Label: b.kpiName("roas", "ROAS"), Value: b.value(p, "roas")},
			tile{Label: "Revenue", Value: b.revenue(p)})
	}
	if t.Has&kpi.FLeads != 0 && pf != kpi.FLeads {
		s.Tiles = append(s.Tiles,
			tile{Label: "Leads", Value: qty(t, kpi.FLeads, t.Leads)},
			tile{Label: b.kpiName("cpl", "CPL"), Value: b.value(p, "cpl")})
	}
	s.Chart = b.chart(p, plabel, t.Has&pf != 0)
	if s.Chart == nil {
		s.Notes = append(s.Notes, "No daily figures in the exports for this platform: the chart is left out.")
	}
	camps := slices.Clone(p.Campaigns)
	slices.SortStableFunc(camps, func(a, c reportgen.Campaign) int {
		switch {
		case a.Totals.Spend > c.Totals.Spend:
			return -1
		case a.Totals.Spend < c.Totals.Spend:
			return 1
		}
		return 0
	})
	tb := table{
		Title:      "Top campaigns by spend",
		Columns:    []string{"Campaign", "Spend", shortLabel(plabel), "CPA", "ROAS"},
		widths:     []float64{3.4, 1.45, 1.0, 1.15, 0.8},
		align:      "LRRRR",
		plainFirst: true,
	}
	leads := t.Has&kpi.FLeads != 0 && pf != kpi.FLeads
	if leads {
		tb.Columns = append(tb.Columns, "Leads")
		tb.widths = []float64{3.0, 1.4, 0.9, 1.1, 0.75, 0.8}
		tb.align += "R"
	}
	for _, c := range camps[:min(len(camps), maxCampaigns)] {
		name := clean(c.Campaign)
		if name == "" {
			name = "(no campaign name)"
		}
		cs := reportgen.Scope{Values: c.Values}
		_, f, q := b.primary(c.Totals)
		row := []string{name, b.spend(c.Totals), qty(c.Totals, f, q), b.value(&cs, "cpa"), b.value(&cs, "roas")}
		if leads {
			row = append(row, qty(c.Totals, kpi.FLeads, c.Totals.Leads))
		}
		tb.Rows = append(tb.Rows, row)
	}
	switch n := len(camps); {
	case n == 0:
		tb.Note = "No campaigns in the exports."
	case n > maxCampaigns:
		tb.Note = fmt.Sprintf("Top %d of %d campaigns; all are in the workbook.", maxCampaigns, n)
	}
	s.Tables = []table{tb}
	return s
}

// chart buckets the scope's days over the report period: spend as bars,
// the primary conversion as a line when the exports report it.
func (b *builder) chart(p *reportgen.Scope, convLabel string, hasConv bool) *chart {
	var conv func(kpi.Totals) float64
	if hasConv {
		conv = func(t kpi.Totals) float64 {
			_, _, q := b.primary(t)
			return q.Float64()
		}
	}
	c := b.series(p.Days, func(t kpi.Totals) float64 { return t.Spend.Float64() }, conv)
	if c == nil {
		return nil
	}
	c.BarName, c.BarUnit = "Spend", currencyPrefix(b.cur)
	if hasConv {
		c.LineName = convLabel
	}
	return c
}

// series buckets days over the report period: by day up to 62 days, else
// by week (or longer, for periods over a year). bar and line, when not
// nil, give each day's value of the bars and of the line.
func (b *builder) series(days []reportgen.Day, bar, line func(kpi.Totals) float64) *chart {
	if len(days) == 0 {
		return nil
	}
	from, to := b.r.Period.From, b.r.Period.To
	first, last := days[0].Day, days[len(days)-1].Day
	if b.r.Period.IsZero() || first.Before(from) || last.After(to) {
		from, to = first, last
		for _, d := range days {
			from = minTime(from, d.Day)
			to = maxTime(to, d.Day)
		}
	}
	n := int(to.Sub(from).Hours()/24) + 1
	bucket := 1
	switch {
	case n > 371:
		bucket = (n + 52) / 53
	case n > 62:
		bucket = 7
	}
	nb := (n + bucket - 1) / bucket
	c := &chart{Bucket: bucket, Bars: make([]float64, nb)}
	if line != nil {
		c.Line = make([]float64, nb)
	}
	for i := range nb {
		c.Labels = append(c.Labels, from.AddDate(0, 0, i*bucket).Format("2 Jan"))
	}
	if r := n % bucket; r != 0 {
		c.LastDays = r
	}
	for _, d := range days {
		i := int(d.Day.Sub(from).Hours()/24) / bucket
		if i < 0 || i >= nb {
			continue
		}
		if bar != nil {
			c.Bars[i] += bar(d.Totals)
		}
		if line != nil {
			c.Line[i] += line(d.Totals)
		}
	}
	return c
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// categoryNames are the display names of kpi.CostCategories.
var categoryNames = map[string]string{
	"staff": "Staff time", "tools": "Tools & subscriptions", "agency_fee": "Agency fees",
	"production": "Content production", "refunds": "Refunds & discounts", "research": "Research",
	"training": "Training", "conferences": "Conferences", "other": "Other costs",
}

func categoryName(c string) string {
	if n, ok := categoryNames[c]; ok {
		return n
	}
	if c == "" {
		return "Uncategorised"
	}
	return clean(c)
}

func (b *builder) costs() slide {
	in := b.r.Total.Inputs
	// Lines scoped to an organic page are costs of the organic part, not
	// of the ad platforms' total: the slide itemises every line, so its
	// non-media cost and total include them.
	var organic kpi.Money
	norganic := 0
	for _, c := range b.r.Costs {
		if c.Platform.IsOrganic() {
			organic += c.Amount
			norganic++
		}
	}
	other := in.OtherCosts + organic
	total := in.Spend + other
	share := func(m kpi.Money) string {
		return FormatRatio(kpi.Ratio{Value: m.Float64() / total.Float64(), OK: total != 0}, kpi.FormatPercent, b.cur)
	}
	s := slide{Kind: kindCosts, Title: "Costs", Subtitle: "Media and non-media cost · " + clean(b.r.Period.Label())}
	ofTotal := func(m kpi.Money) string {
		if total == 0 {
			return ""
		}
		return share(m) + " of total cost"
	}
	s.Tiles = []tile{
		{Label: "Media (ad spend)", Value: b.money(in.Spend), Note: ofTotal(in.Spend)},
		{Label: "Non-media costs", Value: b.money(other), Note: ofTotal(other)},
		{Label: "Total cost", Value: b.money(total), Note: "the base of full-cost ROI"},
	}
	if norganic > 0 {
		s.Subtitle = "Media and non-media cost, paid and organic · " + clean(b.r.Period.Label())
		s.Tiles[1].Note = strings.TrimPrefix(ofTotal(other)+"; ", "; ") + b.money(organic) + " for organic pages"
		s.Tiles[2].Note = "paid and organic; paid full-cost ROI is on " + b.money(in.TotalCost())
	}
	sums := map[string]kpi.Money{}
	lines := map[string]int{}
	var cats []string
	for _, c := range b.r.Costs {
		if _, ok := sums[c.Category]; !ok {
			cats = append(cats, c.Category)
		}
		sums[c.Category] += c.Amount
		lines[c.Category]++
	}
	order := map[string]int{}
	for i, c := range kpi.CostCategories {
		order[c] = i
	}
	slices.SortStableFunc(cats, func(a, c string) int {
		switch {
		case sums[a] > sums[c]:
			return -1
		case sums[a] < sums[c]:
			return 1
		}
		oa, ok1 := order[a]
		oc, ok2 := order[c]
		if ok1 && ok2 {
			return oa - oc
		}
		return strings.Compare(a, c)
	})
	if in.Spend >= 0 && other >= 0 && total > 0 {
		s.Split = []bar{
			{Label: "Media", Value: in.Spend.Float64() / total.Float64(), Text: share(in.Spend), Media: true},
			{Label: "Non-media", Value: other.Float64() / total.Float64(), Text: share(other)},
		}
	}
	s.Bars = append(s.Bars, bar{Label: "Ad spend (media)", Value: in.Spend.Float64(), Text: b.money(in.Spend), Media: true})
	tb := table{
		Title:   "Cost by category",
		Columns: []string{"Category", "Lines", "Amount", "Share"},
		widths:  []float64{2.6, 0.8, 1.7, 1.0},
		align:   "LRRR",
	}
	tb.Rows = append(tb.Rows, []string{"Ad spend (media)", "", b.money(in.Spend), share(in.Spend)})
	for _, c := range cats {
		s.Bars = append(s.Bars, bar{Label: categoryName(c), Value: sums[c].Float64(), Text: b.money(sums[c])})
		tb.Rows = append(tb.Rows, []string{categoryName(c), FormatCount(int64(lines[c])), b.money(sums[c]), share(sums[c])})
	}
	tb.Total = []string{"Total cost", FormatCount(int64(len(b.r.Costs))), b.money(total), share(total)}
	var costSum kpi.Money
	for _, c := range b.r.Costs {
		costSum += c.Amount
	}
	switch {
	case len(b.r.Costs) == 0:
		tb.Note = "No cost sheet lines: total cost equals ad spend."
	case costSum != other:
		tb.Note = "Non-media total includes " + b.money(other-costSum) + " not itemised above."
	}
	s.Tables = []table{tb}
	return s
}

func (b *builder) goals() slide {
	s := slide{Kind: kindGoals, Title: "Goals", Subtitle: "Targets and attainment · " + clean(b.r.Period.Label())}
	t := table{
		Columns:  []string{"Goal", "Scope", "Target", "Actual", "Attainment", "Status"},
		widths:   []float64{2.6, 1.4, 1.3, 1.3, 2.3, 1.0},
		align:    "LLRRRC",
		status:   6,
		progress: 5,
	}
	prorated := false
	met := 0
	for i, g := range b.r.Goals {
		if g.Status == "met" {
			met++
		}
		if i >= maxGoals {
			continue
		}
		label := clean(g.Label)
		if label == "" {
			label = clean(g.Metric)
		}
		scope := "All platforms"
		if g.Platform != "" {
			scope = clean(g.Platform.Name())
		}
		dir := "≥ "
		if g.Direction == "at_most" {
			dir = "≤ "
		}
		target := dir + FormatRatio(kpi.Ratio{Value: g.TargetValue, OK: true}, g.Format, b.cur)
		if g.ProRated {
			target += " *"
			prorated = true
		}
		status := map[string]string{"met": "Met", "at risk": "At risk", "missed": "Missed"}[g.Status]
		if status == "" {
			status = NA
		}
		t.Rows = append(t.Rows, []string{label, scope, target, FormatRatio(g.Actual, g.Format, b.cur),
			FormatRatio(g.Attainment, kpi.FormatPercent, b.cur), status})
		frac := math.NaN()
		if g.Attainment.OK {
			frac = g.Attainment.Value
		}
		t.fracs = append(t.fracs, frac)
	}
	var notes []string
	if prorated {
		notes = append(notes, fmt.Sprintf("* Monthly target pro-rated to the %d days of the period.", b.r.Period.Days()))
	}
	if n := len(b.r.Goals); n > maxGoals {
		notes = append(notes, fmt.Sprintf("%d more goals are in the workbook.", n-maxGoals))
	}
	t.Note = strings.Join(notes, " ")
	s.Subtitle = fmt.Sprintf("%d of %d goals met · %s", met, len(b.r.Goals), clean(b.r.Period.Label()))
	s.Tables = []table{t}
	return s
}

func (b *builder) definitions() slide {
	s := slide{Kind: kindDefinitions, Title: "Definitions", Subtitle: "How each figure is computed"}
	t := table{Columns: []string{"KPI", "Formula"}, widths: []float64{1, 3}, align: "LL"}
	for _, k := range b.defs {
		t.Rows = append(t.Rows, []string{clean(k.Name), clean(k.Formula)})
	}
	t.Rows = append(t.Rows, []string{"Total cost", "ad spend + every line of the cost sheets"},
		[]string{"Modelled value", "Σ action count × value per action (shown apart from revenue)"})
	t.Rows = append(t.Rows, b.organicDefinitions()...)
	s.Tables = []table{t}

	r := b.r
	s.Notes = append(s.Notes, "Revenue source: "+revenueLong(r.RevenueSource))
	s.Notes = append(s.Notes, b.organicNotes()...)
	var rates []string
	for _, x := range r.Rates {
		if x.Used && !x.Rate.IsZero() {
			rates = append(rates, "1 "+clean(x.Currency)+" = "+x.Rate.String()+" "+r.Currency)
		}
	}
	if len(rates) == 0 {
		s.Notes = append(s.Notes, "Exchange rates: none needed; every figure was in "+r.Currency+".")
	} else {
		s.Notes = append(s.Notes, "Exchange rates: "+strings.Join(rates, "; ")+".")
	}
	used, rejected := 0, 0
	for _, f := range r.Sources {
		used += f.Used
		rejected += len(f.Rejected)
	}
	s.Notes = append(s.Notes, fmt.Sprintf("Sources: %s input files, %s rows used, %s rows rejected.",
		FormatCount(int64(len(r.Sources))), FormatCount(int64(used)), FormatCount(int64(rejected))))
	if len(r.Actions) > 0 {
		var a []string
		for _, x := range r.Actions {
			l := clean(x.Label)
			if l == "" {
				l = clean(x.Action)
			}
			a = append(a, l+" × "+b.money(x.Value))
		}
		s.Notes = append(s.Notes, "Action values: "+strings.Join(a, "; ")+".")
	}
	s.Notes = append(s.Notes, "Ratios are Σ numerator / Σ denominator over the period; n/a means the denominator is 0 "+
		"or the exports lack the metric. Reach is never summed.")
	var restricted []string
	for _, k := range r.KPIs {
		if basis, ok := r.Total.Basis[k.Key]; ok && len(basis) > 0 && r.Total.Values[k.Key].OK {
			var names []string
			for _, p := range basis {
				names = append(names, p.Name())
			}
			restricted = append(restricted, clean(k.Name)+" over "+strings.Join(names, ", "))
		}
	}
	if len(restricted) > 0 {
		s.Notes = append(s.Notes, "All-platform figures use only the platforms whose exports report what they need: "+
			strings.Join(restricted, "; ")+".")
	}
	return s
}
