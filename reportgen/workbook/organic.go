package workbook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// An orgOp is a row of an organic scope's totals block. Its key is the
// operand a KPI's Excel form names, or the table column it sums.
type orgOp struct {
	key, label string
	kind       kind
	field      kpi.Fields // 0 for the cost, always defined
}

var organicOps = []orgOp{
	{"posts", "Posts published", kCount, kpi.FPosts},
	{"impressions", "Impressions", kCount, kpi.FImpressions},
	{"reach", "Reach", kCount, kpi.FReach},
	{"engagements", "Engagements", kCount, kpi.FEngagements},
	{"reactions", "Reactions", kCount, kpi.FReactions},
	{"comments", "Comments", kCount, kpi.FComments},
	{"shares", "Shares", kCount, kpi.FShares},
	{"saves", "Saves", kCount, kpi.FSaves},
	{"clicks", "Clicks (all)", kCount, kpi.FClicks},
	{"link_clicks", "Link clicks", kCount, kpi.FLinkClicks},
	{"follows", "Follows (net)", kCount, kpi.FFollows},
	{"video_views", "Video views", kCount, kpi.FVideoViews},
	{"watch_hours", "Watch hours", kQty, kpi.FWatchTime},
	{"followers", "Followers", kCount, kpi.FFollowers},
	{"total_cost", "Cost (cost-sheet lines)", kMoney, 0},
	{"revenue", "Attributed revenue", kMoney, kpi.FRevenue},
}

// An orgCol is a column of an organic platform's table of posts and days.
type orgCol struct {
	key, header string
	width       float64
	kind        kind
	field       kpi.Fields // 0 for the columns every table has
	value       func(r *reportgen.Row) any
}

func organicCols() []orgCol {
	t := func(r *reportgen.Row) *kpi.Totals { return &r.Totals }
	from := func(r *reportgen.Row) any {
		if r.Day.IsZero() {
			return excelDate(r.Span.From)
		}
		return excelDate(r.Day)
	}
	to := func(r *reportgen.Row) any {
		if r.Day.IsZero() {
			return excelDate(r.Span.To)
		}
		return excelDate(r.Day)
	}
	return []orgCol{
		{"post", "Post", 44, kText, 0, func(r *reportgen.Row) any { return text(r.Post) }},
		{"link", "Link", 30, kText, 0, func(r *reportgen.Row) any { return text(r.PostLink) }},
		{"published", "Published", 11, kDate, 0, func(r *reportgen.Row) any { return excelDate(r.Published) }},
		{"account", "Account", 18, kText, 0, func(r *reportgen.Row) any { return text(r.Account) }},
		{"from", "From", 13, kDate, 0, from},
		{"to", "To", 13, kDate, 0, to},
		{"impressions", "Impressions", 13, kCount, kpi.FImpressions, func(r *reportgen.Row) any { return t(r).Impressions }},
		{"reach", "Reach (not additive)", 13, kCount, kpi.FReach, func(r *reportgen.Row) any {
			if !r.Totals.ReachKnown {
				return nil
			}
			return t(r).Reach
		}},
		{"engagements", "Engagements", 13, kCount, kpi.FEngagements, func(r *reportgen.Row) any { return t(r).Engagements }},
		{"reactions", "Reactions", 13, kCount, kpi.FReactions, func(r *reportgen.Row) any { return t(r).Reactions }},
		{"comments", "Comments", 13, kCount, kpi.FComments, func(r *reportgen.Row) any { return t(r).Comments }},
		{"shares", "Shares", 13, kCount, kpi.FShares, func(r *reportgen.Row) any { return t(r).Shares }},
		{"saves", "Saves", 13, kCount, kpi.FSaves, func(r *reportgen.Row) any { return t(r).Saves }},
		{"clicks", "Clicks", 13, kCount, kpi.FClicks, func(r *reportgen.Row) any { return t(r).Clicks }},
		{"link_clicks", "Link clicks", 13, kCount, kpi.FLinkClicks, func(r *reportgen.Row) any { return t(r).LinkClicks }},
		{"follows", "Follows (net)", 13, kCount, kpi.FFollows, func(r *reportgen.Row) any { return t(r).Follows }},
		{"video_views", "Video views", 13, kCount, kpi.FVideoViews, func(r *reportgen.Row) any { return t(r).VideoViews }},
		{"watch_hours", "Watch hours", 13, kQty, kpi.FWatchTime, func(r *reportgen.Row) any { return t(r).WatchHours.Float64() }},
		{"posts", "Posts", 13, kCount, kpi.FPosts, func(r *reportgen.Row) any { return t(r).Posts }},
		{"followers", "Followers (a level)", 13, kCount, kpi.FFollowers, func(r *reportgen.Row) any {
			if !r.Totals.FollowersKnown {
				return nil
			}
			return t(r).Followers
		}},
		{"source", "Source", 28, kText, 0, func(r *reportgen.Row) any { return text(r.Source) }},
	}
}

// An orgSheet is one organic platform's sheet: its totals and KPIs, its
// top posts, and its table of posts and days, from top to bottom.
type orgSheet struct {
	name     string
	scope    *reportgen.Scope
	rows     []*reportgen.Row
	cols     []orgCol
	letter   map[string]string // column key → letter
	lifetime bool
	postRows map[[2]string]int // (account, link or title) → rows of that post

	hdr, topHdr, tableHdr, first, last int

	refs  map[string]string // figure key → cell, with the sheet
	blank map[string]bool
}

// rng returns the absolute range of a table column, without the sheet.
func (s *orgSheet) rng(key string) string {
	l := s.letter[key]
	return fmt.Sprintf("$%s$%d:$%s$%d", l, s.first, l, s.last)
}

func (fl *filler) planOrganic(name string, sc *reportgen.Scope) *orgSheet {
	s := &orgSheet{name: name, scope: sc, letter: map[string]string{}, postRows: map[[2]string]int{}}
	for i := range fl.r.Organic.Rows {
		row := &fl.r.Organic.Rows[i]
		if row.Platform != sc.Platform {
			continue
		}
		s.rows = append(s.rows, row)
		s.lifetime = s.lifetime || row.Lifetime
		if row.Post != "" || row.PostLink != "" {
			s.postRows[[2]string{row.Account, cmp.Or(row.PostLink, row.Post)}]++
		}
	}
	for _, c := range organicCols() {
		if c.field != 0 && sc.Inputs.Has&c.field == 0 {
			continue
		}
		s.cols = append(s.cols, c)
		s.letter[c.key] = colLetter(len(s.cols))
	}
	s.hdr = 6
	kpis := len(fl.r.Organic.KPIs)
	s.topHdr = s.hdr + 1 + len(organicOps) + 1 + kpis + 2
	s.tableHdr = s.topHdr + max(len(sc.TopPosts), 1) + 3
	s.first = s.tableHdr + 1
	s.last = s.first + max(len(s.rows), 1) - 1
	return s
}

// organicNote is what an organic sheet says of itself.
const organicNote = "Organic page and post analytics: no ad spend. Each total is a formula over the table of posts and days below; " +
	"cost is the cost-sheet lines scoped to this platform."

// lifetimeNote warns that post metrics are not the period's.
const lifetimeNote = "Post metrics are lifetime totals up to the export date, not the period's own: a later export of the same month shows higher figures."

func (fl *filler) writeOrganic(i int) {
	s := fl.org[i]
	sh, sc, in := s.name, s.scope, &s.scope.Inputs
	o := fl.r.Organic
	ws := make([]float64, len(s.cols))
	for j, c := range s.cols {
		ws[j] = c.width
	}
	fl.widths(sh, ws...)
	fl.heading(sh, sc.Name, organicNote)
	if s.lifetime {
		fl.str(sh, 1, 4, lifetimeNote, kAlert)
	}
	fl.str(sh, 1, s.hdr-1, "Totals and KPIs", kSection)
	fl.header(sh, pos{1, s.hdr}, "Totals", sc.Name, "Note")
	s.refs, s.blank = map[string]string{}, map[string]bool{}
	local := map[string]string{}
	for j, op := range organicOps {
		row := s.hdr + 1 + j
		fl.str(sh, 1, row, op.label, kText)
		local[op.key] = abs(2, row)
		s.refs[op.key] = sheetRef(sh) + abs(2, row)
		note := func(t string) { fl.str(sh, 3, row, t, kNote) }
		k := op.kind
		if op.field != 0 && in.Has&op.field == 0 {
			fl.style(sh, 2, row, k, false)
			s.blank[op.key] = true
			if op.key == "revenue" {
				note("blank: no GA4 or CRM revenue attributed to organic among the inputs")
			} else {
				note("blank: not in this platform's export")
			}
			continue
		}
		switch op.key {
		case "reach":
			if in.ReachKnown {
				fl.num(sh, 2, row, float64(in.Reach), k, false)
				note("de-duplicated reach from the export, a value: reach is never summed")
			} else {
				fl.style(sh, 2, row, k, false)
				s.blank[op.key] = true
				note("not additive: no de-duplicated reach over the period")
			}
		case "followers":
			if in.FollowersKnown {
				fl.num(sh, 2, row, float64(in.Followers), k, false)
				note(fmt.Sprintf("the count on %s, a value: a level, never summed over days", in.FollowersDay.Format("2006-01-02")))
			} else {
				fl.style(sh, 2, row, k, false)
				s.blank[op.key] = true
				note("blank: no follower count in the export")
			}
		case "total_cost":
			fl.formulaV(sh, 2, row, fmt.Sprintf("SUMIFS(%s,%s,%s)", fl.costCostRange, fl.costPlatRange, crit(string(sc.Platform))), k, false, operandOf(in, op.key))
			note("cost-sheet lines scoped to this platform (Costs); organic has no ad spend")
		case "revenue":
			if fm, words, ok := fl.revenueOf(o.RevenueSource, []string{string(sc.Platform)}); ok {
				fl.formulaV(sh, 2, row, fm, k, false, operandOf(in, op.key))
				note(words)
			} else {
				fl.num(sh, 2, row, in.Revenue.Float64(), k, false)
				note(revenueSourceLabel(o.RevenueSource) + ", a value from the report")
			}
		default:
			fl.formulaV(sh, 2, row, "SUM("+s.rng(op.key)+")", k, false, operandOf(in, op.key))
		}
	}
	local["other_costs"] = local["total_cost"]
	sub := s.hdr + 1 + len(organicOps)
	fl.str(sh, 1, sub, "KPIs", kSubheader)
	fl.style(sh, 2, sub, kSubheader, false)
	fl.style(sh, 3, sub, kSubheader, false)
	for j, k := range o.KPIs {
		row := sub + 1 + j
		fl.str(sh, 1, row, k.Name, kText)
		s.refs[k.Key] = sheetRef(sh) + abs(2, row)
		kind := kpiKind(k)
		if missing := missingNeeds(k, in.Has); missing != "" {
			fl.style(sh, 2, row, kind, false)
			s.blank[k.Key] = true
			fl.str(sh, 3, row, "n/a: the export has no "+missing, kNote)
			continue
		}
		fm, err := substitute(k.Excel, local)
		fl.fail(err)
		fl.formulaV(sh, 2, row, fm, kind, false, vRatio(sc.Values[k.Key]))
		switch {
		case strings.Contains(k.Excel, "{reach}") && !in.ReachKnown:
			fl.str(sh, 3, row, "blank: no de-duplicated reach over the period", kNote)
		case strings.Contains(k.Excel, "{followers}"):
			fl.str(sh, 3, row, "over the latest follower count", kNote)
		}
	}
	fl.writeTopPosts(s)
	fl.writePostTable(s)
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, TopLeftCell: "B1", ActivePane: "topRight"}))
}

// kpiKind is the cell kind of a KPI: ROIs have one decimal.
func kpiKind(k kpi.KPI) kind {
	if roiKeys[k.Key] {
		return kROI
	}
	return formatKind(k.Format)
}

// writeTopPosts writes the posts with the most engagements, each figure
// a formula over the table of posts and days.
func (fl *filler) writeTopPosts(s *orgSheet) {
	sh, sc := s.name, s.scope
	fl.str(sh, 1, s.topHdr-1, sc.TopPostsTitle(), kSection)
	base := ""
	if k, ok := kpi.Find(fl.r.Organic.KPIs, "engagement_rate"); ok {
		if m := operandRe.FindAllStringSubmatch(k.Excel, -1); len(m) > 0 {
			base = m[0][1] // IF({base}=0,...)
		}
	}
	type metric struct {
		key, label string
		kind       kind
	}
	var ms []metric
	for _, m := range []metric{{"impressions", "Impressions", kCount}, {"reach", "Reach", kCount},
		{"engagements", "Engagements", kCount}, {"link_clicks", "Link clicks", kCount}, {"video_views", "Video views", kCount}} {
		if s.letter[m.key] != "" && (m.key != "reach" || base == "reach") {
			ms = append(ms, m)
		}
	}
	rate := (base == "impressions" || base == "reach") && s.letter[base] != "" && s.letter["engagements"] != ""
	hdr := []string{"Post", "Link", "Published", "Account"}
	for _, m := range ms {
		hdr = append(hdr, m.label)
	}
	if rate {
		hdr = append(hdr, "Engagement rate")
	}
	fl.header(sh, pos{1, s.topHdr}, hdr...)
	if len(sc.TopPosts) == 0 {
		fl.str(sh, 1, s.topHdr+1, "no posts in the export", kNote)
		return
	}
	// SUMIFS criteria ignore case and stop at 255 characters: posts told
	// apart only by case, or with a long title or link, are summed with
	// EXACT instead.
	fold := map[string]int{}
	for k := range s.postRows {
		fold[strings.ToLower(k[0])+"\x00"+strings.ToLower(k[1])]++
	}
	for j, p := range sc.TopPosts {
		row := s.topHdr + 1 + j
		fl.value(sh, 1, row, text(p.Title), kText)
		fl.value(sh, 2, row, text(p.Link), kText)
		fl.value(sh, 3, row, excelDate(p.Published), kDate)
		fl.value(sh, 4, row, text(p.Account), kText)
		key := cmp.Or(p.Link, p.Title)
		exact := fold[strings.ToLower(p.Account)+"\x00"+strings.ToLower(key)] > 1 || len(p.Account) > 200 || len(key) > 200
		single := s.postRows[[2]string{p.Account, key}] == 1
		cells := map[string]string{}
		for c, m := range ms {
			col := 5 + c
			cells[m.key] = abs0(col, row)
			if m.key == "reach" && !single {
				fl.style(sh, col, row, m.kind, false) // reach over several days is not additive
				continue
			}
			want, _ := totalOf(&p.Totals, m.key)
			fl.formulaV(sh, col, row, s.postSum(m.key, p.Account, p.Link, p.Title, exact), m.kind, false, want)
		}
		if rate {
			col := 5 + len(ms)
			fl.formulaV(sh, col, row, fmt.Sprintf(`IF(%s=0,"",%s/%s)`, cells[base], cells["engagements"], cells[base]), kPercent, false, vRatio(p.EngagementRate))
		}
	}
}

// postSum sums a table column over the rows of one post: those of its
// account with its link, or, for a post without a link, with its title
// and no link.
func (s *orgSheet) postSum(key, account, link, title string, exact bool) string {
	keyCol, k := "link", link
	if link == "" {
		keyCol, k = "post", title
	}
	if exact {
		f := fmt.Sprintf("SUMPRODUCT(--EXACT(%s,%s),--EXACT(%s,%s)", s.rng("account"), strLit(account), s.rng(keyCol), strLit(k))
		if link == "" {
			f += fmt.Sprintf(`,--(%s="")`, s.rng("link"))
		}
		return f + "," + s.rng(key) + ")"
	}
	f := fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s", s.rng(key), s.rng("account"), crit(account), s.rng(keyCol), crit(k))
	if link == "" {
		f += "," + s.rng("link") + "," + crit("")
	}
	return f + ")"
}

// writePostTable writes the platform's rows as an Excel table.
func (fl *filler) writePostTable(s *orgSheet) {
	sh := s.name
	fl.str(sh, 1, s.tableHdr-1, "Posts and days", kSection)
	hdr := make([]string, len(s.cols))
	for j, c := range s.cols {
		hdr[j] = c.header
	}
	fl.header(sh, pos{1, s.tableHdr}, hdr...)
	for n, row := range s.rows {
		line := s.first + n
		for j, c := range s.cols {
			if c.field != 0 && row.Totals.Has&c.field == 0 {
				continue // not reported is not 0
			}
			fl.value(sh, j+1, line, c.value(row), c.kind)
		}
	}
	fl.addTable(sh, "Posts_"+string(s.scope.Platform), 1, s.tableHdr, len(s.cols), s.last)
}

// ---- Summary: organic, and paid and organic together ----

// writeOrganicSummary writes the organic block of the Summary: all
// organic, then each organic platform, as formulas over the platform
// sheets and the cost and revenue sheets.
func (fl *filler) writeOrganicSummary() {
	const sh = SheetSummary
	o := fl.r.Organic
	p := fl.orgAt
	in := &o.Total.Inputs
	fl.str(sh, p.col, p.row, "Organic pages and channels", kSection)
	hdr := []string{"Metric", cmp.Or(o.Total.Name, "All organic")}
	for _, s := range fl.org {
		hdr = append(hdr, s.scope.Name)
	}
	hdr = append(hdr, "Note (all organic)")
	fl.header(sh, pos{p.col, p.row + 1}, hdr...)
	all, noteCol := p.col+1, p.col+2+len(fl.org)
	fl.orgTotRefs, fl.orgTotBlank = map[string]string{}, map[string]bool{}
	local := map[string]string{}
	for j, op := range organicOps {
		row := p.row + 2 + j
		fl.str(sh, p.col, row, op.label, kText)
		note := func(t string) { fl.str(sh, noteCol, row, t, kNote) }
		var terms []string
		for i, s := range fl.org {
			if s.blank[op.key] {
				fl.style(sh, p.col+2+i, row, op.kind, false)
				continue
			}
			fl.formula(sh, p.col+2+i, row, s.refs[op.key], op.kind, false)
			terms = append(terms, abs(p.col+2+i, row))
		}
		local[op.key] = abs(all, row)
		fl.orgTotRefs[op.key] = sheetRef(sh) + abs(all, row)
		blank := func(t string) {
			fl.style(sh, all, row, op.kind, false)
			fl.orgTotBlank[op.key] = true
			note(t)
		}
		if op.field != 0 && in.Has&op.field == 0 {
			if op.key == "revenue" {
				blank("blank: no GA4 or CRM revenue attributed to organic among the inputs")
			} else {
				blank("blank: not in the organic exports")
			}
			continue
		}
		switch op.key {
		case "reach":
			if in.ReachKnown {
				fl.num(sh, all, row, float64(in.Reach), op.kind, false)
				note("de-duplicated reach from the export, a value")
			} else {
				blank("not additive across posts, days and platforms")
			}
		case "followers":
			if !in.FollowersKnown || len(terms) == 0 {
				blank("blank: no follower count in the exports")
				continue
			}
			fl.formulaV(sh, all, row, strings.Join(terms, "+"), op.kind, false, operandOf(in, op.key))
			note("Σ each platform's latest count: a level, never summed over days")
		case "total_cost":
			fl.formulaV(sh, all, row, fl.organicCosts(), op.kind, false, operandOf(in, op.key))
			note("cost-sheet lines scoped to any organic platform (Costs)")
		case "revenue":
			if fm, words, ok := fl.revenueOf(o.RevenueSource, organicChannels()); ok {
				fl.formulaV(sh, all, row, fm, op.kind, false, operandOf(in, op.key))
				note(words)
			} else {
				fl.num(sh, all, row, in.Revenue.Float64(), op.kind, false)
				note(revenueSourceLabel(o.RevenueSource) + ", a value from the report")
			}
		default:
			if len(terms) == 0 {
				blank("blank: not in the organic exports")
				continue
			}
			fl.formulaV(sh, all, row, strings.Join(terms, "+"), op.kind, false, operandOf(in, op.key))
		}
	}
	local["other_costs"] = local["total_cost"]
	sub := p.row + 2 + len(organicOps)
	fl.str(sh, p.col, sub, "KPIs", kSubheader)
	for c := p.col + 1; c <= noteCol; c++ {
		fl.style(sh, c, sub, kSubheader, false)
	}
	for j, k := range o.KPIs {
		row := sub + 1 + j
		fl.str(sh, p.col, row, k.Name, kText)
		kind := kpiKind(k)
		for i, s := range fl.org {
			if s.blank[k.Key] {
				fl.style(sh, p.col+2+i, row, kind, false)
				continue
			}
			fl.formula(sh, p.col+2+i, row, s.refs[k.Key], kind, false)
		}
		fl.orgTotRefs[k.Key] = sheetRef(sh) + abs(all, row)
		if missing := missingNeeds(k, in.Has); missing != "" {
			fl.style(sh, all, row, kind, false)
			fl.orgTotBlank[k.Key] = true
			fl.str(sh, noteCol, row, "n/a: the exports have no "+missing, kNote)
			continue
		}
		refs := local
		basis, restricted := o.Total.Basis[k.Key]
		if restricted {
			// Over the platforms that report what the KPI needs (the
			// model's Scope.Basis): their cells in each operand's row.
			refs = map[string]string{}
			for j, op := range organicOps {
				var terms []string
				for i, s := range fl.org {
					if slices.Contains(basis, s.scope.Platform) && !s.blank[op.key] {
						terms = append(terms, abs(p.col+2+i, p.row+2+j))
					}
				}
				refs[op.key] = "0"
				if len(terms) > 0 {
					refs[op.key] = "(" + strings.Join(terms, "+") + ")"
				}
			}
			refs["other_costs"] = refs["total_cost"]
		}
		fm, err := substitute(k.Excel, refs)
		fl.fail(err)
		fl.formulaV(sh, all, row, fm, kind, false, vRatio(o.Total.Values[k.Key]))
		switch {
		case restricted:
			fl.str(sh, noteCol, row, "over "+platformNames(basis)+" only: the platforms whose exports report what it needs", kNote)
		case strings.Contains(k.Excel, "{reach}") && !in.ReachKnown:
			fl.str(sh, noteCol, row, "blank: reach is not additive", kNote)
		}
	}
	for name, key := range map[string]string{"OrganicImpressions": "impressions", "OrganicEngagements": "engagements",
		"OrganicEngagementRate": "engagement_rate", "OrganicCost": "total_cost", "OrganicRevenue": "revenue"} {
		fl.defineSection(name, fl.orgTotRefs[key])
	}
}

// togetherRows are the rows of the Summary's paid-and-organic block.
var togetherRows = []struct{ key, label string }{
	{"spend", "Ad spend"},
	{"other_costs", "Other costs (every cost line)"},
	{"total_cost", "Total cost"},
	{"revenue", "Attributed revenue (paid + organic)"},
	{"modelled_value", "Modelled value"},
	{"impressions", "Impressions (paid + organic)"},
	{"engagements", "Engagements (paid + organic)"},
	{"roi", "Full-cost ROI"},
	{"roi_incl_modelled", "ROI incl. modelled value"},
}

// writeTogether writes the paid-and-organic block: every cost against the
// revenue of both, formulas over the KPI table and the organic block above.
func (fl *filler) writeTogether() {
	const sh = SheetSummary
	tg := fl.r.Together
	in := &tg.Inputs
	p := fl.togAt
	fl.str(sh, p.col, p.row, "Paid and organic together", kSection)
	fl.header(sh, pos{p.col, p.row + 1}, "Figure", "Value", "How it is computed")
	local := map[string]string{}
	ref := func(m map[string]string, blank map[string]bool, key string) string {
		if blank[key] {
			return ""
		}
		return strings.TrimPrefix(m[key], sheetRef(sh))
	}
	both := func(key string) string {
		var terms []string
		for _, t := range []string{ref(fl.totRefs, fl.totBlank, key), ref(fl.orgTotRefs, fl.orgTotBlank, key)} {
			if t != "" {
				terms = append(terms, t)
			}
		}
		return strings.Join(terms, "+")
	}
	if !fl.orgTotBlank["followers"] {
		local["followers"] = ref(fl.orgTotRefs, fl.orgTotBlank, "followers")
	}
	refs := map[string]string{}
	for j, tr := range togetherRows {
		row := p.row + 2 + j
		fl.str(sh, p.col, row, tr.label, kLabel)
		val, note := p.col+1, p.col+2
		local[tr.key] = abs(val, row)
		refs[tr.key] = sheetRef(sh) + abs(val, row)
		k := kMoney
		fm, words := "", ""
		switch tr.key {
		case "spend":
			fm, words = ref(fl.totRefs, fl.totBlank, "spend"), "ad spend of the ad platforms"
		case "other_costs":
			fm, words = fl.costTotal, "Costs sheet total: every line, organic ones included"
		case "total_cost":
			fm, words = local["spend"]+"+"+local["other_costs"], "ad spend + every other cost"
		case "revenue":
			if tg.HasRevenue() {
				fm, words = both("revenue"), "attributed revenue of the ad platforms + of organic"
			} else {
				words = "blank: no attributed revenue"
			}
		case "modelled_value":
			fm, words = ref(fl.totRefs, fl.totBlank, "modelled_value"), "the ad platforms' modelled value"
		case "impressions", "engagements":
			k = kCount
			f := kpi.FImpressions
			if tr.key == "engagements" {
				f = kpi.FEngagements
			}
			if in.Has&f != 0 {
				fm, words = both(tr.key), "ad platforms + organic"
			} else {
				words = "blank: not in the exports"
			}
		default:
			d, _ := kpi.Find(fl.defs, tr.key)
			k = kpiKind(d)
			switch {
			case d.Key == "":
				words = "not among the report's KPIs"
			case missingNeeds(d, in.Has) != "":
				words = "n/a: the exports have no " + missingNeeds(d, in.Has)
			case strings.Contains(d.Excel, "{reach}"):
				words = "blank: reach is not additive across paid and organic"
			case strings.Contains(d.Excel, "{followers}") && local["followers"] == "":
				words = "blank: no follower count"
			default:
				f, err := substitute(d.Excel, local)
				fl.fail(err)
				fm, words = f, d.Formula
			}
		}
		if fm == "" {
			fl.style(sh, val, row, k, false)
		} else {
			fl.formulaV(sh, val, row, fm, k, false, togetherValue(tg, tr.key))
		}
		fl.str(sh, note, row, words, kNote)
	}
	fl.defineSection("TotalCostAll", refs["total_cost"])
	fl.defineSection("RevenueAll", refs["revenue"])
	fl.defineSection("EngagementsAll", refs["engagements"])
	fl.defineSection("ROIAll", refs["roi"])
}
