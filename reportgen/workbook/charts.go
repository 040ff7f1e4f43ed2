package workbook

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// The workbook's native charts read its own cells, so they follow when a
// manager edits a cost or a Data row:
//
//   - Summary, in an "At a glance" block below the headline: ad spend,
//     total cost and attributed revenue per ad platform (clustered
//     columns over the KPI table), and the cost split (a doughnut over the
//     Costs sheet's per-category totals, media first), beside an index of
//     the sheets with a link to each;
//   - each ad platform sheet: a daily trend, spend as columns and the
//     primary conversion as a line on a secondary axis, over a block of
//     SUMIFS by day of the Data table;
//   - each organic platform sheet with days: engagements (or video views)
//     by day, over SUMIFS by day of its table of posts and days.
//
// Charts are drawn last (writeCraft), once every sheet's rows are in place.

// craft is what the charts, the cost split and the navigation need to know
// of the filled sheets.
type craft struct {
	glance pos // Summary: the "At a glance" title cell; row 0 when there is none

	// The Costs sheet's cost split (costsplit.go): the rows the doughnut
	// draws, and the total cell.
	splitName, splitLabels, splitValues, splitTotal string
	splitSlices                                     int
}

// glanceChartRows is the height of the Summary's charts, in rows.
const glanceChartRows = 18

// Chart colours: the default brand blue, a light blue, green, orange and
// greys, in the order the series and slices take them.
var palette = []string{"1F4E79", "8FAADC", "3A9A5B", "E06C1F", "F2B33D", "7F6AB8", "2BA3A3", "C05A8B", "9AA5B1", "5B6770"}

// chartFont is the font of axes and legends: dark grey, not the pale
// default LibreOffice draws.
var chartFont = excelize.Font{Family: "Calibri", Size: 9, Color: "404040"}

// lineFont is the font of the secondary axis a line reads: the line's colour.
var lineFont = excelize.Font{Family: "Calibri", Size: 9, Color: palette[3]}

// noVary keeps one colour per series: LibreOffice otherwise colours each
// column of a single series apart and lists every day in the legend.
var noVary = false

// titleRun returns a chart title.
func titleRun(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s,
		Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: "1F2937"}}}}
}

// solid returns a solid fill.
func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// axisMoneyFormat is the money format of a chart axis: whole units.
func axisMoneyFormat(currency string) string {
	return strings.ReplaceAll(moneyFormat(currency), ".00", "")
}

// glanceRows is how many rows the Summary's "At a glance" block takes: a
// blank row, the title, the charts or the sheet index (whichever is
// taller).
func (fl *filler) glanceRows() int {
	rows := len(fl.withDataSheets(fl.f.GetSheetList())) // the index's title and every sheet but Summary, the Data sheets included
	if fl.wantPlatformChart() || fl.wantSplitChart() {
		rows = max(rows, glanceChartRows)
	}
	return 2 + rows
}

// wantPlatformChart reports whether the Summary draws cost and revenue by
// platform: with ad platforms, not every figure 0.
func (fl *filler) wantPlatformChart() bool {
	for _, s := range fl.r.Platforms {
		if s.TotalCost() != 0 || s.Inputs.Revenue != 0 {
			return true
		}
	}
	return false
}

// wantSplitChart reports whether the Summary draws the cost split: with
// at least one cost category above 0 (ad spend alone is no split).
func (fl *filler) wantSplitChart() bool {
	cats, sums := fl.costCategories()
	return slices.ContainsFunc(cats, func(c string) bool { return sums[c] > 0 })
}

// reserveGlance inserts the rows of the Summary's "At a glance" block right
// below the headline table (and below any table or block beside it), from
// the leftmost table's column, given
// the Summary anchors' heights h. It runs after reserveOrganic and moves
// that block's rows when it inserts above them.
func (fl *filler) reserveGlance(h map[string]int) {
	at := fl.summaryAnchors()
	hl, ok := at["headline"]
	if !ok || fl.err != nil {
		return
	}
	type span struct{ from, to int } // rows [from, to)
	var spans []span
	for a, p := range at {
		spans = append(spans, span{p.row, p.row + h[a]})
	}
	if fl.orgAt.row > 0 {
		end := fl.orgAt.row + 1 + 1 + len(organicOps) + 1 + len(fl.r.Organic.KPIs)
		if fl.r.Together != nil {
			end = fl.togAt.row + 2 + len(togetherRows)
		}
		spans = append(spans, span{fl.orgAt.row - 1, end})
	}
	row := hl.row + h["headline"]
	for moved := true; moved; {
		moved = false
		for _, s := range spans {
			if s.from <= row && row < s.to {
				row, moved = s.to, true
			}
		}
	}
	n := fl.glanceRows()
	fl.fail(fl.f.InsertRows(SheetSummary, row, n))
	if fl.orgAt.row > 0 && row < fl.orgAt.row {
		fl.orgAt.row += n
		fl.togAt.row += n
	}
	col := hl.col // the leftmost table's column: the block spans the sheet's width
	for _, p := range at {
		col = min(col, p.col)
	}
	fl.craft.glance = pos{col, row + 1}
}

// writeCraft draws the charts, the conditional formats, the links and the
// frozen panes, once every sheet but Data is written.
func (fl *filler) writeCraft() {
	if fl.err != nil {
		return
	}
	fl.writeGlance()
	for i := range fl.r.Platforms {
		fl.paidTrend(fl.platSheets[i], &fl.r.Platforms[i])
	}
	for _, s := range fl.org {
		fl.organicTrend(s)
	}
	fl.formatGoals()
	fl.freezeWhereMissing()
	// The first drawing adds the image types to [Content_Types].xml in
	// map order: sort them, so the same report gives the same bytes.
	if ct := fl.f.ContentTypes; ct != nil {
		d := ct.Defaults
		sort.SliceStable(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
	}
}

// colsPixels returns the first column at or after col whose left edge is
// at least px pixels right of col's, and that distance, by the column
// widths of sheet (as excelize anchors drawings: 8 pixels a character).
func (fl *filler) colsPixels(sheet string, col, px int) (next, width int) {
	for next = col; width < px; next++ {
		w, err := fl.f.GetColWidth(sheet, colLetter(next))
		fl.fail(err)
		width += int(w*8 + 0.5)
	}
	return next, width
}

// rowsPixels returns the height in pixels of n rows of sheet from row, as
// excelize anchors drawings: a drawing that ends where its rows end stays
// clear of the next rows in Excel and LibreOffice alike.
func (fl *filler) rowsPixels(sheet string, row, n int) int {
	px := 0
	for r := row; r < row+n; r++ {
		h, err := fl.f.GetRowHeight(sheet, r)
		fl.fail(err)
		px += int(math.Ceil(4.0 / 3.4 * h))
	}
	return px
}

// writeGlance writes the Summary's "At a glance" block: the two charts and
// the sheet index.
func (fl *filler) writeGlance() {
	const sh = SheetSummary
	p := fl.craft.glance
	if p.row == 0 {
		return
	}
	fl.str(sh, p.col, p.row, "At a glance", kSection)
	top := p.row + 1
	height := uint(fl.rowsPixels(sh, top, glanceChartRows) - 8)
	col := p.col
	if fl.platformChart(col, top, height) {
		col, _ = fl.colsPixels(sh, col, 520)
	}
	if fl.splitChart(col, top, height) {
		col, _ = fl.colsPixels(sh, col, 400)
	}
	fl.sheetIndex(col, top)
}

// platformChart draws ad spend, total cost and attributed revenue per ad
// platform as clustered columns over the Summary's KPI table, at (col,
// row). It reports whether there was anything to draw.
func (fl *filler) platformChart(col, row int, height uint) bool {
	const sh = SheetSummary
	kt, ok := fl.at[sh]["kpi.table"]
	if !ok || !fl.wantPlatformChart() {
		return false
	}
	first, last := kt.col+2, kt.col+1+len(fl.r.Platforms)
	cats := sheetRef(sh) + abs(first, kt.row) + ":" + abs(last, kt.row)
	var series []excelize.ChartSeries
	for _, key := range []string{"spend", "total_cost", "revenue"} {
		i := slices.IndexFunc(operandRows, func(o operandRow) bool { return o.key == key })
		row := kt.row + 1 + i
		if key == "revenue" && !slices.ContainsFunc(fl.platBlank, func(b map[string]bool) bool { return !b["revenue"] }) {
			continue // no platform has revenue
		}
		series = append(series, excelize.ChartSeries{
			Name:       sheetRef(sh) + abs(kt.col, row),
			Categories: cats,
			Values:     sheetRef(sh) + abs(first, row) + ":" + abs(last, row),
			Fill:       solid(palette[[]int{0, 1, 2}[len(series)]]),
		})
	}
	_, w := fl.colsPixels(sh, col, 520)
	gap := uint(60)
	fl.fail(fl.f.AddChart(sh, cellName(col, row), &excelize.Chart{
		Type:      excelize.Col,
		Series:    series,
		Format:    excelize.GraphicOptions{OffsetX: 2, OffsetY: 4, AltText: "Ad spend, total cost and attributed revenue by ad platform"},
		Dimension: excelize.ChartDimension{Width: uint(w - 12), Height: height},
		Title:     titleRun("Cost and revenue by ad platform"),
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &chartFont},
		XAxis:     excelize.ChartAxis{Font: chartFont},
		YAxis: excelize.ChartAxis{Font: chartFont, MajorGridLines: true,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisMoneyFormat(fl.r.Currency)}},
		GapWidth:   &gap,
		VaryColors: &noVary,
	}))
	return true
}

// splitChart draws the cost split, ad spend and each cost category, as a
// doughnut over the Costs sheet's per-category totals, at (col, row).
func (fl *filler) splitChart(col, row int, height uint) bool {
	const sh = SheetSummary
	c := &fl.craft
	if c.splitValues == "" || c.splitSlices < 2 || !fl.wantSplitChart() {
		return false // ad spend alone, or no cost at all
	}
	var points []excelize.ChartDataPoint
	for i := range c.splitSlices {
		points = append(points, excelize.ChartDataPoint{Index: i, Fill: solid(palette[i%len(palette)])})
	}
	_, w := fl.colsPixels(sh, col, 400)
	fl.fail(fl.f.AddChart(sh, cellName(col, row), &excelize.Chart{
		Type: excelize.Doughnut,
		Series: []excelize.ChartSeries{{Name: c.splitName, Categories: c.splitLabels, Values: c.splitValues,
			DataPoint: points}},
		Format:    excelize.GraphicOptions{OffsetX: 2, OffsetY: 4, AltText: "Cost split: ad spend and each cost category, from the Costs sheet"},
		Dimension: excelize.ChartDimension{Width: uint(w - 12), Height: height},
		Title:     titleRun("Cost split: media and non-media"),
		// No percent labels: those of small slices overlap; the Costs
		// sheet has each share.
		Legend:   excelize.ChartLegend{Position: "right", Font: &chartFont},
		HoleSize: 50,
	}))
	return true
}

// sheetIndex writes the list of sheets, each a link to its sheet, at
// (col, row).
func (fl *filler) sheetIndex(col, row int) {
	const sh = SheetSummary
	fl.str(sh, col, row, "Sheets", kSubheader)
	// The Data sheets are created last, right after Costs (see writeData).
	list := slices.DeleteFunc(fl.withDataSheets(fl.f.GetSheetList()), func(s string) bool { return s == SheetSummary })
	for i, name := range list {
		fl.link(sh, col, row+1+i, name, name)
	}
}

// link writes text as a link to the top of sheet target.
func (fl *filler) link(sheet string, col, row int, text, target string) {
	if fl.err != nil {
		return
	}
	fl.str(sheet, col, row, text, kLink)
	tip := "Go to the " + target + " sheet"
	fl.fail(fl.f.SetCellHyperLink(sheet, cellName(col, row), sheetRef(target)+"A1", "Location", excelize.HyperlinkOpts{Tooltip: &tip}))
}

// freezeWhereMissing freezes the Summary's title rows, and the Sources and
// Definitions sheets down to their first table's header, unless the
// template froze panes itself.
func (fl *filler) freezeWhereMissing() {
	freeze := func(sheet string, rows int) {
		if fl.err != nil || rows < 1 || rows > 12 {
			return
		}
		panes, err := fl.f.GetPanes(sheet)
		fl.fail(err)
		if panes.Freeze {
			return
		}
		fl.fail(fl.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cellName(1, rows+1), ActivePane: "bottomLeft"}))
	}
	freeze(SheetSummary, 2)
	freeze(SheetSources, fl.at[SheetSources]["sources.table"].row)
	freeze(SheetDefinitions, fl.at[SheetDefinitions]["definitions.table"].row)
}

// trendDays returns the days a daily trend lists: every day of the
// period (so a quiet day shows as 0), or, without a period or over more
// than a year, the days with data.
func (fl *filler) trendDays(s *reportgen.Scope) []time.Time {
	var out []time.Time
	if p := fl.r.Period; !p.IsZero() && p.Days() <= 366 {
		for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
			out = append(out, d)
		}
		return out
	}
	for _, d := range s.Days {
		out = append(out, d.Day)
	}
	return out
}

// A trendCol is a column of a daily trend block: its header, cell kind,
// formula for the day in cell day, and the value the model computed for
// day d.
type trendCol struct {
	header  string
	kind    kind
	formula func(day string) string
	value   func(d time.Time) cached
}

// trendBlock writes a "Daily trend" block below everything on sheet: a
// title, a note, a header row and one row per day. It returns the block's
// header row and its first and last day rows.
func (fl *filler) trendBlock(sh, note string, days []time.Time, cols []trendCol) (hdr, first, last int) {
	rows, err := fl.f.GetRows(sh)
	fl.fail(err)
	top := len(rows) + 2
	fl.str(sh, 1, top, "Daily trend", kSection)
	fl.str(sh, 1, top+1, note, kNote)
	hdr = top + 2
	titles := []string{"Day"}
	for _, c := range cols {
		titles = append(titles, c.header)
	}
	fl.header(sh, pos{1, hdr}, titles...)
	first = hdr + 1
	for i, d := range days {
		row := first + i
		fl.num(sh, 1, row, excelDate(d).(float64), kDate, false)
		day := "$A" + fmt.Sprint(row)
		for j, c := range cols {
			fl.formulaV(sh, 2+j, row, c.formula(day), c.kind, false, c.value(d))
		}
	}
	return hdr, first, first + len(days) - 1
}

// dayValues returns, for a figure key, its value on a day as the model
// summed it (reportgen.Scope.Days): 0 on a day without rows.
func dayValues(s *reportgen.Scope) func(key string) func(time.Time) cached {
	byDay := map[string]*kpi.Totals{} // by date: the period's days and the rows' may differ in location
	for i := range s.Days {
		byDay[s.Days[i].Day.Format(time.DateOnly)] = &s.Days[i].Totals
	}
	return func(key string) func(time.Time) cached {
		return func(d time.Time) cached {
			t := byDay[d.Format(time.DateOnly)]
			if t == nil {
				return vNum(0)
			}
			v, _ := totalOf(t, key) // a metric a day's rows lack sums to 0
			return v
		}
	}
}

// trendChart returns the chart options shared by the daily trends.
func trendChart(title string, w, h uint) excelize.Chart {
	return excelize.Chart{
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 2, AltText: title},
		Dimension: excelize.ChartDimension{Width: w, Height: h},
		Title:     titleRun(title),
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &chartFont},
		XAxis: excelize.ChartAxis{Font: chartFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "d mmm"},
			Alignment: excelize.Alignment{TextRotation: -45}},
		VaryColors: &noVary,
	}
}

// conversionKey is the conversion a platform's trend draws: the
// configured primary conversion when the platform reports it, else the
// first of conversions, leads and purchases it reports, else "".
func (fl *filler) conversionKey(s *reportgen.Scope) string {
	fields := map[string]kpi.Fields{"conversions": kpi.FConversions, "leads": kpi.FLeads, "purchases": kpi.FPurchases}
	keys := []string{fl.r.Choices.PrimaryConversion, "conversions", "leads", "purchases"}
	for _, k := range keys {
		if f, ok := fields[k]; ok && s.Inputs.Has&f != 0 && fl.dataLetter[k] != "" {
			return k
		}
	}
	return ""
}

// paidTrend writes an ad platform's daily trend, spend and its
// conversions by day as SUMIFS over the Data table, and draws it: spend
// as columns, conversions as a line on a secondary axis.
func (fl *filler) paidTrend(sh string, s *reportgen.Scope) {
	if len(s.Days) == 0 || fl.err != nil {
		return
	}
	days := fl.trendDays(s)
	byDay := func(key string) func(string) string {
		return func(day string) string {
			// One SUMIFS per Data sheet, added together.
			return fl.overData("+", func(i int) string {
				return fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s,%s,%s)", fl.dataRange(i, key), fl.dataRange(i, "platform"), crit(string(s.Platform)),
					fl.dataRange(i, "from"), day, fl.dataRange(i, "to"), day)
			})
		}
	}
	ofDay := dayValues(s)
	cols := []trendCol{{"Spend (" + fl.r.Currency + ")", kMoney, byDay("spend"), ofDay("spend")}}
	conv := fl.conversionKey(s)
	if conv != "" {
		k := kQty
		if !fl.fractional[conv] {
			k = kCount
		}
		cols = append(cols, trendCol{fl.headerOf(conv), k, byDay(conv), ofDay(conv)})
	}
	note := "Each day's sums over the Data table (SUMIFS by platform and day)."
	if s.Aggregated.Records > 0 {
		note += " Rows covering several days are not in it: their totals are in the figures above only."
	}
	hdr, first, last := fl.trendBlock(sh, note, days, cols)
	cats := sheetRef(sh) + abs(1, first) + ":" + abs(1, last)
	col := 2 + len(cols) + 1
	w, h := uint(680), uint(15*20)
	spend := trendChart("Daily spend"+map[bool]string{true: " and " + strings.ToLower(fl.headerOf(conv)), false: ""}[conv != ""], w, h)
	spend.Type = excelize.Col
	spend.Series = []excelize.ChartSeries{{Name: sheetRef(sh) + abs(2, hdr), Categories: cats,
		Values: sheetRef(sh) + abs(2, first) + ":" + abs(2, last), Fill: solid(palette[0])}}
	spend.YAxis = excelize.ChartAxis{Font: chartFont, MajorGridLines: true,
		NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisMoneyFormat(fl.r.Currency)}}
	gap := uint(40)
	spend.GapWidth = &gap
	if conv == "" {
		fl.fail(fl.f.AddChart(sh, cellName(col, hdr), &spend))
		return
	}
	line := excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{Name: sheetRef(sh) + abs(3, hdr), Categories: cats,
			Values: sheetRef(sh) + abs(3, first) + ":" + abs(3, last),
			Fill:   solid(palette[3]), // a line's colour is its series fill
			Line:   excelize.LineOptions{Width: 2},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 4, Fill: solid(palette[3]), Border: excelize.LineOptions{Fill: solid(palette[3])}}}},
		// The secondary axis in the line's colour says which axis it reads.
		YAxis:      excelize.ChartAxis{Secondary: true, Font: lineFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		VaryColors: &noVary,
	}
	fl.fail(fl.f.AddChart(sh, cellName(col, hdr), &spend, &line))
}

// organicTrend writes an organic platform's engagements by day (video
// views, or impressions, when its export has no engagements) as SUMIFS
// over its table of posts and days, and draws them as columns.
func (fl *filler) organicTrend(s *orgSheet) {
	if len(s.scope.Days) == 0 || fl.err != nil {
		return
	}
	key := ""
	for _, k := range []string{"engagements", "video_views", "impressions"} {
		if s.letter[k] != "" {
			key = k
			break
		}
	}
	if key == "" {
		return
	}
	label := map[string]string{"engagements": "Engagements", "video_views": "Video views", "impressions": "Impressions"}[key]
	cols := []trendCol{{label, kCount, func(day string) string {
		return fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s)", s.rng(key), s.rng("from"), day, s.rng("to"), day)
	}, dayValues(s.scope)(key)}}
	note := "Each day's sum over the table of posts and days above (rows of one day; a post counts on the day it is booked to)."
	hdr, first, last := fl.trendBlock(s.name, note, fl.trendDays(s.scope), cols)
	ch := trendChart(label+" by day", 640, 15*20)
	ch.Type = excelize.Col
	ch.Series = []excelize.ChartSeries{{Name: sheetRef(s.name) + abs(2, hdr),
		Categories: sheetRef(s.name) + abs(1, first) + ":" + abs(1, last),
		Values:     sheetRef(s.name) + abs(2, first) + ":" + abs(2, last), Fill: solid(palette[0])}}
	ch.YAxis = excelize.ChartAxis{Font: chartFont, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}}
	gap := uint(40)
	ch.GapWidth = &gap
	ch.Legend = excelize.ChartLegend{Position: "none"} // one series, named in the title
	fl.fail(fl.f.AddChart(s.name, cellName(4, hdr), &ch))
}
