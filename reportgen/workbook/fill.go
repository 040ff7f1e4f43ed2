package workbook

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// Names are the workbook-scope defined names of the headline figures, in
// the order of the Summary's headline block. ROI figures are fractions
// shown with a percent format.
var Names = []string{"AdSpend", "OtherCosts", "TotalCost", "Revenue", "ModelledValue", "ROAS",
	"MediaROI", "ROI", "ROIInclModelled", "Impressions", "Clicks", "Conversions", "Leads"}

// headline maps each defined name to its label and the scope figure
// (operand or KPI key) it shows.
var headline = map[string]struct{ label, key string }{
	"AdSpend":         {"Ad spend", "spend"},
	"OtherCosts":      {"Other costs", "other_costs"},
	"TotalCost":       {"Total cost", "total_cost"},
	"Revenue":         {"Attributed revenue", "revenue"},
	"ModelledValue":   {"Modelled value", "modelled_value"},
	"ROAS":            {"ROAS", "roas"},
	"MediaROI":        {"Media ROI", "media_roi"},
	"ROI":             {"Full-cost ROI", "roi"},
	"ROIInclModelled": {"ROI incl. modelled value", "roi_incl_modelled"},
	"Impressions":     {"Impressions", "impressions"},
	"Clicks":          {"Clicks (all)", "clicks"},
	"Conversions":     {"Conversions", "conversions"},
	"Leads":           {"Leads", "leads"},
}

// An operand row of a scope's totals block: one per kpi.Operands entry.
type operandRow struct {
	key, label string
	kind       kind
	field      kpi.Fields // 0 for money figures that are always defined
}

var operandRows = []operandRow{
	{"spend", "Ad spend", kMoney, 0},
	{"impressions", "Impressions", kCount, kpi.FImpressions},
	{"reach", "Reach", kCount, kpi.FReach},
	{"clicks", "Clicks (all)", kCount, kpi.FClicks},
	{"link_clicks", "Link clicks", kCount, kpi.FLinkClicks},
	{"engagements", "Engagements", kCount, kpi.FEngagements},
	{"leads", "Leads", kQty, kpi.FLeads},
	{"conversions", "Conversions", kQty, kpi.FConversions},
	{"purchases", "Purchases", kQty, kpi.FPurchases},
	{"revenue", "Attributed revenue", kMoney, kpi.FRevenue},
	{"other_costs", "Other costs", kMoney, 0},
	{"total_cost", "Total cost", kMoney, 0},
	{"modelled_value", "Modelled value", kMoney, 0},
}

// dataKeyOfOperand is the Data column an operand sums.
var dataKeyOfOperand = map[string]string{
	"spend": "spend", "impressions": "impressions", "clicks": "clicks", "link_clicks": "link_clicks",
	"engagements": "engagements", "leads": "leads", "conversions": "conversions", "purchases": "purchases",
}

// dataKeyOfAction is the Data column an action value counts (see reportgen's actions).
var dataKeyOfAction = map[string]string{
	"lead": "leads", "purchase": "purchases", "conversion": "conversions", "add_to_cart": "adds_to_cart",
	"checkout": "checkouts", "landing_page_view": "landing_page_views", "link_click": "link_clicks",
	"click": "clicks", "reaction": "reactions", "comment": "comments", "share": "shares", "save": "saves",
	"follow": "follows", "video_view": "video_views", "engagement": "engagements",
}

var fieldWords = map[kpi.Fields]string{
	kpi.FImpressions: "impressions", kpi.FReach: "reach", kpi.FClicks: "clicks", kpi.FLinkClicks: "link clicks",
	kpi.FEngagements: "engagements", kpi.FLeads: "leads", kpi.FConversions: "conversions", kpi.FPurchases: "purchases",
	kpi.FConversionValue: "conversion value (revenue)", kpi.FRevenue: "attributed revenue", kpi.FSpend: "spend",
	kpi.FPosts: "posts", kpi.FFollowers: "followers", kpi.FVideoViews: "video views", kpi.FWatchTime: "watch time",
}

var roiKeys = map[string]bool{"media_roi": true, "roi": true, "roi_incl_modelled": true, "organic_roi": true}

var operandRe = regexp.MustCompile(`\{([a-z_]+)\}`)

type pos struct{ col, row int }

// filler fills one template with one report. Errors are sticky: the first
// one stops further writes and is returned by Fill.
type filler struct {
	f    *excelize.File
	r    *reportgen.Report
	st   *styles
	defs []kpi.KPI
	err  error

	dataCols   []dataCol
	dataLetter map[string]string // Data column key → letter
	dataParts  []dataPart        // the Data sheets (datasplit.go)
	fractional map[string]bool   // Qty columns with a non-integer value

	platSheets []string                  // sheet of each r.Platforms entry
	at         map[string]map[string]pos // sheet → anchor → position

	costTotal       string            // Costs sheet total cell
	costCostRange   string            // Costs cost column, the lines
	costPlatRange   string            // Costs platform column, the lines
	actionsTotal    string            // Definitions action-values total cell
	actionValueRefs map[string]string // action → value cell, for actions counted from Data
	actionKeys      []string          // action → Data column key, parallel to r.Actions ("" when a value)

	platRefs  []map[string]string // per platform: figure key → cell (absolute, with sheet)
	platBlank []map[string]bool   // figures left blank on purpose
	totRefs   map[string]string   // whole report, on Summary
	totBlank  map[string]bool

	// The sections' sheets (sections.go), each nil or empty without its
	// section.
	afterPlatform string      // the template sheet after Platform: organic sheets go before it
	org           []*orgSheet // one per r.Organic.Platforms
	web, crm      *chanSheet
	invSheet      string
	orgAt, togAt  pos               // Summary: the organic and paid-and-organic blocks' title rows
	orgTotRefs    map[string]string // all organic, on Summary
	orgTotBlank   map[string]bool   //
	sectionRefs   map[string]string // SectionNames entry → cell

	funnelSheet string                       // "" without ad platforms (funnel.go)
	fmtStyles   map[string]int               // styles by number format (compare.go)
	ph          *placeholders                // the figure placeholders and tables of contents (placeholders.go)
	craft       craft                        // charts, the cost split, navigation (charts.go)
	cache       map[string]map[string]cached // sheet → formula cell → its value (expect.go)
	rejected    string                       // the Rejected sheet (rejected.go)
}

// Fill fills the workbook template tmpl with r and writes the .xlsx to w
// (the caller writes to a temporary file and renames it). The template is
// checked first (see Check). The same report and template give the same
// bytes.
func Fill(w io.Writer, tmpl []byte, r *reportgen.Report) error {
	f, err := openTemplate(tmpl)
	if err != nil {
		return fmt.Errorf("template: not an xlsx workbook: %w", err)
	}
	defer f.Close()
	if err := check(f, "template"); err != nil {
		return err
	}
	fl := &filler{f: f, r: r, defs: r.KPIs}
	if len(fl.defs) == 0 {
		fl.defs = kpi.Definitions(r.Choices)
	}
	fl.st = newStyles(f, r.Branding.PrimaryColor, r.Currency)
	fl.ph = &placeholders{template: f.GetSheetList()}
	fl.planData()
	fl.cloneSheets()
	fl.createSections()
	fl.createFunnel()
	fl.rejectedSheet() // before the sheet index and the tables of contents are sized
	fl.placeAnchors()
	fl.planContents()
	fl.replaceText()
	fl.writeCosts()
	fl.writeActions()
	for i := range r.Platforms {
		fl.writePlatform(i)
	}
	for i := range fl.org {
		fl.writeOrganic(i)
	}
	fl.writeSummary()
	if r.Organic != nil {
		fl.writeOrganicSummary()
	}
	if r.Together != nil {
		fl.writeTogether()
	}
	fl.writeFunnel()
	fl.writeGoals()
	fl.writeSources()
	fl.writeDefinitions()
	if fl.invSheet != "" {
		fl.writeInvoices()
	}
	for _, cs := range []*chanSheet{fl.web, fl.crm} {
		if cs != nil {
			fl.writeChannels(cs)
		}
	}
	fl.writeCraft()
	fl.defineNames()
	fl.writePlaceholders()
	fl.finish()
	if fl.err == nil {
		fl.err = fl.st.firstErr
	}
	if fl.err != nil {
		return fmt.Errorf("fill workbook: %w", fl.err)
	}
	if err := fl.writeData(); err != nil {
		return fmt.Errorf("fill workbook: data sheet: %w", err)
	}
	// Fast deflate: the Data sheet dominates the file, and level 1 is
	// about three times faster than the default for a slightly larger file.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	patch, err := fl.cachedParts(buf.Bytes())
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := normalizeZip(w, buf.Bytes(), patch); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

func (fl *filler) fail(err error) {
	if err != nil && fl.err == nil {
		fl.err = err
	}
}

// ---- cell helpers ----

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func colLetter(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

// abs returns $B$5.
func abs(col, row int) string { return "$" + colLetter(col) + "$" + fmt.Sprint(row) }

var plainSheetRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
var cellLikeRe = regexp.MustCompile(`^(?i:[A-Z]{1,3}[0-9]+|R[0-9]*C?[0-9]*)$`)

// sheetRef returns a sheet name as a formula prefix: Summary! or 'Meta Ads'!.
func sheetRef(s string) string {
	if plainSheetRe.MatchString(s) && !cellLikeRe.MatchString(s) {
		return s + "!"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'!"
}

// strLit returns s as a formula string literal.
func strLit(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// crit returns a SUMIFS criterion literal matching exactly s (but for
// case): "=" then s with the wildcards *, ? and ~ escaped.
func crit(s string) string { return strLit("=" + critEscape.Replace(s)) }

// critEscape escapes SUMIFS wildcards so that a criterion matches literally.
var critEscape = strings.NewReplacer("~", "~~", "*", "~*", "?", "~?")

func (fl *filler) str(sheet string, col, row int, s string, k kind) {
	if fl.err != nil {
		return
	}
	c := cellName(col, row)
	fl.fail(fl.f.SetCellStr(sheet, c, s))
	fl.fail(fl.f.SetCellStyle(sheet, c, c, fl.st.id(k, false)))
}

// wrapped writes text that wraps within its column and makes the row tall
// enough for it: neither Excel nor LibreOffice resizes rows on opening.
func (fl *filler) wrapped(sheet string, col, row int, s string) {
	fl.str(sheet, col, row, s, kWrap)
	w, err := fl.f.GetColWidth(sheet, colLetter(col))
	fl.fail(err)
	lines := int(math.Ceil(float64(utf8.RuneCountInString(s)) / max(w, 1)))
	if lines > 1 {
		h, err := fl.f.GetRowHeight(sheet, row)
		fl.fail(err)
		fl.fail(fl.f.SetRowHeight(sheet, row, max(h, 15*float64(lines))))
	}
}

func (fl *filler) num(sheet string, col, row int, v float64, k kind, bold bool) {
	if fl.err != nil {
		return
	}
	c := cellName(col, row)
	fl.fail(fl.f.SetCellFloat(sheet, c, v, -1, 64))
	fl.fail(fl.f.SetCellStyle(sheet, c, c, fl.st.id(k, bold)))
}

func (fl *filler) formula(sheet string, col, row int, formula string, k kind, bold bool) {
	if fl.err != nil {
		return
	}
	c := cellName(col, row)
	fl.fail(fl.f.SetCellValue(sheet, c, nil))
	fl.fail(fl.f.SetCellFormula(sheet, c, formula))
	fl.fail(fl.f.SetCellStyle(sheet, c, c, fl.st.id(k, bold)))
	fl.cacheRef(sheet, c, formula)
}

func (fl *filler) style(sheet string, col, row int, k kind, bold bool) {
	if fl.err != nil {
		return
	}
	c := cellName(col, row)
	fl.fail(fl.f.SetCellStyle(sheet, c, c, fl.st.id(k, bold)))
}

// header writes a table header row, two lines high when a title is
// wider than its column. A column the template left at the default width
// gets a width that fits a figure.
func (fl *filler) header(sheet string, p pos, titles ...string) {
	tall := false
	for i, t := range titles {
		fl.str(sheet, p.col+i, p.row, t, kHeader)
		col := colLetter(p.col + i)
		w, err := fl.f.GetColWidth(sheet, col)
		fl.fail(err)
		if w < 9.5 {
			w = 12
			fl.fail(fl.f.SetColWidth(sheet, col, col, w))
		}
		if float64(utf8.RuneCountInString(t))*1.1 > w {
			tall = true
		}
	}
	if tall {
		fl.fail(fl.f.SetRowHeight(sheet, p.row, 30))
	}
}

// ---- the Data plan ----

// planData chooses the Data columns and the ranges formulas read.
func (fl *filler) planData() {
	r := fl.r
	var has kpi.Fields
	fl.fractional = map[string]bool{}
	for i := range r.Rows {
		t := &r.Rows[i].Totals
		has |= t.Has
		for _, q := range []struct {
			k string
			v kpi.Qty
		}{{"leads", t.Leads}, {"conversions", t.Conversions}, {"purchases", t.Purchases},
			{"adds_to_cart", t.AddsToCart}, {"checkouts", t.Checkouts}} {
			if q.v%kpi.Micro != 0 {
				fl.fractional[q.k] = true
			}
		}
	}
	needed := map[string]bool{}
	for _, a := range r.Actions {
		needed[dataKeyOfAction[a.Action]] = true
	}
	fl.dataLetter = map[string]string{}
	for _, c := range allDataCols(r.Currency) {
		if !c.always && has&c.field == 0 && !needed[c.key] {
			continue
		}
		fl.dataCols = append(fl.dataCols, c)
		fl.dataLetter[c.key] = colLetter(len(fl.dataCols))
	}
	fl.planDataParts()
}

// sumData returns the formula summing a Data column over a platform ("" =
// all), over every Data sheet: one term, parenthesized when it adds up
// several sheets.
func (fl *filler) sumData(key string, p kpi.Platform) string {
	if p == "" {
		return "SUM(" + fl.overData(",", func(i int) string { return fl.dataRange(i, key) }) + ")"
	}
	f := fl.overData("+", func(i int) string {
		return fmt.Sprintf("SUMIFS(%s,%s,%s)", fl.dataRange(i, key), fl.dataRange(i, "platform"), crit(string(p)))
	})
	if len(fl.dataParts) > 1 {
		f = "(" + f + ")"
	}
	return f
}

// ---- sheets and anchors ----

var badSheetChars = strings.NewReplacer("[", "(", "]", ")", ":", "-", "*", "-", "?", "", "/", "-", `\`, "-")

// sheetName returns a valid, unused sheet name for a platform's display name.
func (fl *filler) sheetName(name string, used []string) string {
	s := strings.Trim(badSheetChars.Replace(name), "' ")
	if s == "" {
		s = "Platform"
	}
	trim := func(s string, n int) string {
		for utf8.RuneCountInString(s) > n {
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
		return s
	}
	s = trim(s, 31)
	taken := func(c string) bool {
		return slices.ContainsFunc(used, func(u string) bool { return strings.EqualFold(u, c) }) ||
			strings.EqualFold(c, SheetData) || strings.EqualFold(c, "History")
	}
	cand := s
	for i := 2; taken(cand); i++ {
		suf := fmt.Sprintf(" (%d)", i)
		cand = trim(s, 31-len(suf)) + suf
	}
	return cand
}

// cloneSheets copies the Platform sheet once per platform (before
// Platform's position, in report order) and removes it.
func (fl *filler) cloneSheets() {
	f := fl.f
	from, err := f.GetSheetIndex(SheetPlatform)
	fl.fail(err)
	if list := f.GetSheetList(); slices.Index(list, SheetPlatform)+1 < len(list) {
		fl.afterPlatform = list[slices.Index(list, SheetPlatform)+1] // organic sheets go before it
	}
	for _, s := range fl.r.Platforms {
		name := fl.sheetName(s.Name, f.GetSheetList())
		idx, err := f.NewSheet(name)
		fl.fail(err)
		if fl.err != nil {
			return
		}
		fl.fail(f.CopySheet(from, idx))
		fl.fail(f.MoveSheet(name, SheetPlatform))
		fl.fail(landscape(f, name)) // CopySheet drops the page setup
		fl.platSheets = append(fl.platSheets, name)
	}
	fl.fail(f.DeleteSheet(SheetPlatform))
}

// landscape prints sheet landscape, fitted to the page width, with the
// Summary's header and footer when it has none (see inheritHeaderFooter).
func landscape(f *excelize.File, sheet string) error {
	fit, orient, one, zero := true, "landscape", 1, 0
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return inheritHeaderFooter(f, sheet)
}

// heights returns how many rows each anchor's table takes on sheet
// (header included).
func (fl *filler) heights(sheet string) map[string]int {
	r := fl.r
	scope := 1 + len(operandRows) + 1 + len(fl.defs)
	atLeast1 := func(n int) int { return max(n, 1) }
	switch sheet {
	case SheetSummary:
		return map[string]int{"headline": 1 + len(Names), "kpi.table": scope + fl.comparisonNoteRows(), "goals.table": 1 + atLeast1(len(r.Goals))}
	case SheetCosts:
		return map[string]int{"costs.table": 1 + atLeast1(len(r.Costs)) + 1 + fl.costSplitRows()}
	case SheetSources:
		return map[string]int{"sources.table": 1 + atLeast1(len(r.Sources)), "rejected.table": 1, // rows listed on Rejected
			"warnings.table": 1 + atLeast1(len(r.Warnings))}
	case SheetDefinitions:
		return map[string]int{"definitions.table": 1 + len(fl.defs) + fl.organicDefRows(), "settings.table": 1 + len(fl.settings()),
			"rates.table": 1 + atLeast1(len(r.Rates)), "actions.table": 1 + atLeast1(len(r.Actions)) + 1}
	}
	if i := slices.Index(fl.platSheets, sheet); i >= 0 {
		return map[string]int{"platform.kpis": scope, "platform.campaigns": 1 + atLeast1(len(r.Platforms[i].Campaigns))}
	}
	return nil
}

// placeAnchors inserts the rows each table needs below its anchor, bottom
// up, and records where every anchor ends up.
func (fl *filler) placeAnchors() {
	fl.at = map[string]map[string]pos{}
	sheets := append([]string{SheetSummary, SheetCosts, SheetSources, SheetDefinitions}, fl.platSheets...)
	for _, sheet := range sheets {
		if fl.err != nil {
			return
		}
		h := fl.heights(sheet)
		fs, err := scanSheet(fl.f, sheet)
		fl.fail(err)
		extra := map[int]int{}
		for _, fd := range fs {
			if fd.anchor != "" {
				extra[fd.row] = max(extra[fd.row], h[fd.anchor]-1)
			}
		}
		rows := make([]int, 0, len(extra))
		for row := range extra {
			rows = append(rows, row)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(rows)))
		for _, row := range rows {
			if extra[row] > 0 {
				fl.fail(fl.f.InsertRows(sheet, row+1, extra[row]))
			}
		}
		if sheet == SheetSummary && fl.r.Organic != nil {
			fl.reserveOrganic(h)
		}
		if sheet == SheetSummary {
			fl.reserveGlance(h)
		}
		fs, err = scanSheet(fl.f, sheet)
		fl.fail(err)
		fl.at[sheet] = map[string]pos{}
		for _, fd := range fs {
			if fd.anchor != "" {
				fl.at[sheet][fd.anchor] = pos{fd.col, fd.row}
			}
		}
	}
}

// summaryAnchors returns where each table anchor of the Summary sits now
// (rows inserted above it move it).
func (fl *filler) summaryAnchors() map[string]pos {
	fs, err := scanSheet(fl.f, SheetSummary)
	fl.fail(err)
	at := map[string]pos{}
	for _, fd := range fs {
		if fd.anchor != "" {
			at[fd.anchor] = pos{fd.col, fd.row}
		}
	}
	return at
}

// reserveOrganic inserts the rows of the Summary's organic and
// paid-and-organic blocks below the KPI table (and below any other table
// beside it), given the Summary anchors' heights h.
func (fl *filler) reserveOrganic(h map[string]int) {
	at := fl.summaryAnchors()
	kt, ok := at["kpi.table"]
	if !ok || fl.err != nil {
		return
	}
	row := kt.row + h["kpi.table"]
	for moved := true; moved; {
		moved = false
		for a, p := range at {
			if p.row <= row && row < p.row+h[a] {
				row, moved = p.row+h[a], true
			}
		}
	}
	organic := 1 + 1 + len(organicOps) + 1 + len(fl.r.Organic.KPIs)
	together := 0
	if fl.r.Together != nil {
		together = 1 + 1 + 1 + len(togetherRows)
	}
	fl.fail(fl.f.InsertRows(SheetSummary, row, 1+organic+together))
	fl.orgAt = pos{kt.col, row + 1}
	fl.togAt = pos{kt.col, row + 1 + organic + 1}
}

// replaceText replaces the text placeholders in every cell but the anchors.
func (fl *filler) replaceText() {
	r := fl.r
	vals := map[string]string{
		"client": r.Client, "period": r.Period.Label(), "currency": r.Currency, "agency": cmp.Or(r.Branding.Name, "roibook"),
		"business_model": r.BusinessModel, "revenue_source": revenueSourceLabel(r.RevenueSource), "commentary": r.Commentary,
		"data_check": r.DataCheck(), "generated_from": generatedFrom(r),
	}
	sheets := append([]string{SheetSummary, SheetCosts, SheetSources, SheetDefinitions}, fl.platSheets...)
	sheets = append(sheets, fl.ownSheets()...)
	for _, sheet := range sheets {
		if fl.err != nil {
			return
		}
		vals["platform"] = ""
		if i := slices.Index(fl.platSheets, sheet); i >= 0 {
			vals["platform"] = r.Platforms[i].Name
		}
		fl.replaceHeaderFooter(sheet, vals)
		fs, err := scanSheet(fl.f, sheet)
		fl.fail(err)
		for _, fd := range fs {
			if fd.anchor != "" || fl.skipText(sheet, fd) {
				continue
			}
			s := placeholderRe.ReplaceAllStringFunc(fd.text, func(m string) string {
				name := placeholderRe.FindStringSubmatch(m)[1]
				if v, ok := vals[name]; ok {
					return v
				}
				if v, ok := fl.figureText(sheet, name); ok {
					return v
				}
				return m
			})
			fl.fail(fl.f.SetCellStr(sheet, fd.cell, s))
		}
	}
}

func revenueSourceLabel(s string) string {
	switch s {
	case "platforms", "":
		return "platform-reported conversion value"
	case "ga4":
		return "Google Analytics 4 revenue"
	case "crm":
		return "CRM revenue"
	}
	return s
}

// ---- Costs ----

var costHeaders = []string{"Category", "Description", "Platform", "Basis", "Currency", "FX rate", "Amount",
	"Hours", "Hourly rate", "Percent of spend", "", "Source"}

func (fl *filler) writeCosts() {
	const sh = SheetCosts
	p := fl.at[sh]["costs.table"]
	hdr := slices.Clone(costHeaders)
	hdr[10] = "Cost (" + fl.r.Currency + ")"
	fl.header(sh, p, hdr...)
	c := func(i int) int { return p.col + i }
	first := p.row + 1
	for i, line := range fl.r.Costs {
		row := first + i
		cur := line.Currency
		if cur == "" {
			cur = fl.r.Currency
		}
		fx := 1.0
		if !line.Rate.IsZero() {
			fx = line.Rate.Float64()
		}
		fl.str(sh, c(0), row, line.Category, kText)
		fl.str(sh, c(1), row, line.Description, kText)
		if line.Platform != "" {
			fl.str(sh, c(2), row, string(line.Platform), kText)
		}
		fl.str(sh, c(3), row, line.Basis, kText)
		H, I, J, F, G := abs0(c(7), row), abs0(c(8), row), abs0(c(9), row), abs0(c(5), row), abs0(c(6), row)
		switch line.Basis {
		case kpi.BasisHours:
			fl.str(sh, c(4), row, cur, kText)
			fl.fx(sh, c(5), row, cur, fx)
			fl.num(sh, c(7), row, line.Hours.Float64(), kAmount, false)
			fl.num(sh, c(8), row, line.Cost.Rate.Float64(), amountKind(cur), false)
			fl.formulaV(sh, c(10), row, fl.costRound(H+"*"+I+"*"+F, line.Rate), kMoney, false, vMoney(line.Amount))
		case kpi.BasisPercent:
			fl.num(sh, c(9), row, line.Percent.Float64(), kAmount, false)
			fl.formulaV(sh, c(10), row, fmt.Sprintf("ROUND(%s/100*%s,%d)", J, fl.sumData("spend", line.Platform), kpi.Decimals(fl.r.Currency)), kMoney, false, vMoney(line.Amount))
		default:
			fl.str(sh, c(4), row, cur, kText)
			fl.fx(sh, c(5), row, cur, fx)
			fl.num(sh, c(6), row, line.Cost.Amount.Float64(), amountKind(cur), false)
			fl.formulaV(sh, c(10), row, fl.costRound(G+"*"+F, line.Rate), kMoney, false, vMoney(line.Amount))
		}
		if line.Source.File != "" {
			fl.str(sh, c(11), row, line.Source.String(), kText)
		}
	}
	n := max(len(fl.r.Costs), 1)
	if len(fl.r.Costs) == 0 {
		fl.str(sh, c(0), first, "no cost lines", kNote)
	}
	last := first + n - 1
	total := last + 1
	fl.str(sh, c(0), total, "Total other costs", kLabel)
	for i := 1; i < len(costHeaders); i++ {
		fl.style(sh, c(i), total, kText, true)
	}
	fl.formulaV(sh, c(10), total, fmt.Sprintf("SUM(%s:%s)", abs(c(10), first), abs(c(10), last)), kMoney, true, vMoney(costsTotal(fl.r.Costs)))
	fl.style(sh, c(0), total, kLabel, true)
	fl.costTotal = sheetRef(sh) + abs(c(10), total)
	fl.costCostRange = sheetRef(sh) + abs(c(10), first) + ":" + abs(c(10), last)
	fl.costPlatRange = sheetRef(sh) + abs(c(2), first) + ":" + abs(c(2), last)
	fl.writeCostSplit(p, first, last, total)
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: p.row, TopLeftCell: cellName(1, p.row+1), ActivePane: "bottomLeft"}))
}

// costRound wraps a cost formula in ROUND to the reporting currency's
// minor unit, as reportgen.Build books every cost line: in cents, like an
// invoice.
func (fl *filler) costRound(expr string, _ kpi.Rate) string {
	return fmt.Sprintf("ROUND(%s,%d)", expr, kpi.Decimals(fl.r.Currency))
}

// rateRef returns the absolute reference of currency's rate in the
// Definitions sheet's rate table, so that the cells converting money read
// it: a manager who edits a rate sees every converted figure follow.
func (fl *filler) rateRef(currency string) (string, bool) {
	p, ok := fl.at[SheetDefinitions]["rates.table"]
	if !ok {
		return "", false
	}
	for i, x := range fl.r.Rates {
		if x.Currency == currency {
			return sheetRef(SheetDefinitions) + abs(p.col+1, p.row+1+i), true
		}
	}
	return "", false
}

// fx writes a cost line's exchange rate: a reference to the rate table for
// another currency, 1 for the reporting currency.
func (fl *filler) fx(sh string, col, row int, currency string, fx float64) {
	if currency != fl.r.Currency {
		if ref, ok := fl.rateRef(currency); ok {
			fl.formula(sh, col, row, ref, kFX, false)
			return
		}
	}
	fl.num(sh, col, row, fx, kFX, false)
}

// abs0 returns a relative reference (B5) for formulas on the same row.
func abs0(col, row int) string { return cellName(col, row) }

// ---- action values (Definitions) ----

func (fl *filler) writeActions() {
	const sh = SheetDefinitions
	p := fl.at[sh]["actions.table"]
	cur := fl.r.Currency
	fl.header(sh, p, "Action", "Label", "Counted from", "Value per unit ("+cur+")", "Count", "Total ("+cur+")")
	c := func(i int) int { return p.col + i }
	first := p.row + 1
	fl.actionValueRefs = map[string]string{}
	for i, a := range fl.r.Actions {
		row := first + i
		fl.str(sh, c(0), row, a.Action, kText)
		fl.str(sh, c(1), row, a.Label, kText)
		fl.num(sh, c(3), row, a.Value.Float64(), kMoney, false)
		key := dataKeyOfAction[a.Action]
		ck := kQty
		if !fl.fractional[key] {
			ck = kCount
		}
		// The count is a formula over Data when the column reproduces the
		// report's count; otherwise it is the report's figure.
		if key != "" && fl.dataLetter[key] != "" && fl.columnSum(key) == a.Count.Float64() {
			fl.str(sh, c(2), row, "Data column "+fl.headerOf(key), kText)
			fl.formulaV(sh, c(4), row, fl.sumData(key, ""), ck, false, vQty(a.Count))
			fl.actionValueRefs[a.Action] = sheetRef(sh) + abs(c(3), row)
			fl.actionKeys = append(fl.actionKeys, key)
		} else {
			fl.str(sh, c(2), row, "the report's count (a value)", kNote)
			fl.num(sh, c(4), row, a.Count.Float64(), ck, false)
			fl.actionKeys = append(fl.actionKeys, "")
		}
		fl.formulaV(sh, c(5), row, abs0(c(3), row)+"*"+abs0(c(4), row), kMoney, false, vMoney(a.Total))
	}
	n := max(len(fl.r.Actions), 1)
	if len(fl.r.Actions) == 0 {
		fl.str(sh, c(0), first, "no action values configured", kNote)
	}
	last := first + n - 1
	total := last + 1
	fl.str(sh, c(0), total, "Modelled value", kLabel)
	for i := 1; i < 5; i++ {
		fl.style(sh, c(i), total, kText, true)
	}
	fl.style(sh, c(0), total, kLabel, true)
	fl.formulaV(sh, c(5), total, fmt.Sprintf("SUM(%s:%s)", abs(c(5), first), abs(c(5), last)), kMoney, true, vMoney(actionsTotal(fl.r.Actions)))
	fl.actionsTotal = sheetRef(sh) + abs(c(5), total)
}

// columnSum returns the sum of a Data column as the sheet holds it.
func (fl *filler) columnSum(key string) float64 {
	var col *dataCol
	for i := range fl.dataCols {
		if fl.dataCols[i].key == key {
			col = &fl.dataCols[i]
		}
	}
	var micro int64
	for i := range fl.r.Rows {
		row := &fl.r.Rows[i]
		if col.field != 0 && row.Totals.Has&col.field == 0 {
			continue
		}
		switch v := col.value(row).(type) {
		case int64:
			micro += v * kpi.Micro
		case float64:
			micro += int64(math.Round(v * kpi.Micro))
		}
	}
	return kpi.Qty(micro).Float64()
}

func (fl *filler) headerOf(key string) string {
	for _, c := range fl.dataCols {
		if c.key == key {
			return c.header
		}
	}
	return key
}

// ---- scopes: totals and KPIs ----

// writeScope writes a scope's totals and KPIs in column col from row
// row0 (the first totals row), with notes in noteCol (0: none). Labels go
// in labelCol (0: none). It returns each figure's cell and the figures left
// blank on purpose.
// platCols, for the whole report's column of the Summary, are the columns
// of the platforms (in r.Platforms order) beside it in the same rows: a
// KPI the report computes over some platforms only (Scope.Basis) sums
// their cells instead of the whole-report totals.
func (fl *filler) writeScope(sh string, labelCol, col, noteCol, row0 int, s *reportgen.Scope, platCols []int) (map[string]string, map[string]bool) {
	refs, blank := map[string]string{}, map[string]bool{}
	opRow := map[string]int{}
	local := map[string]string{}
	in := &s.Inputs
	note := func(row int, text string) {
		if noteCol > 0 && text != "" {
			fl.str(sh, noteCol, row, text, kNote)
		}
	}
	for i, op := range operandRows {
		row := row0 + i
		if labelCol > 0 {
			fl.str(sh, labelCol, row, op.label, kText)
		}
		refs[op.key] = sheetRef(sh) + abs(col, row)
		local[op.key] = abs(col, row)
		opRow[op.key] = row
		k := op.kind
		if k == kQty && !fl.fractional[op.key] {
			k = kCount
		}
		if op.field != 0 && in.Has&op.field == 0 && op.key != "reach" {
			// Not reported is not zero: the cell stays blank, and so does
			// every KPI that needs it.
			fl.style(sh, col, row, k, false)
			blank[op.key] = true
			note(row, "blank: not in this scope's exports")
			continue
		}
		switch op.key {
		case "reach":
			if in.ReachKnown {
				fl.num(sh, col, row, float64(in.Reach), kCount, false)
				note(row, "de-duplicated reach from the export, a value: reach is never summed")
			} else {
				fl.style(sh, col, row, kCount, false)
				blank[op.key] = true
				note(row, "not additive: no de-duplicated reach for this scope")
			}
		case "revenue":
			if fl.r.RevenueSource == "platforms" || fl.r.RevenueSource == "" {
				fl.formulaV(sh, col, row, fl.sumData("conversion_value", s.Platform), kMoney, false, vMoney(in.Revenue))
				note(row, "platform-reported conversion value (Data); platforms may double count")
			} else {
				channels := []string{string(s.Platform)}
				if s.Platform == "" {
					channels = paidChannels()
				}
				if fm, words, ok := fl.revenueOf(fl.r.RevenueSource, channels); ok {
					fl.formulaV(sh, col, row, fm, kMoney, false, vMoney(in.Revenue))
					note(row, words)
				} else {
					fl.num(sh, col, row, in.Revenue.Float64(), kMoney, false)
					note(row, revenueSourceLabel(fl.r.RevenueSource)+", a value from the report")
				}
			}
		case "other_costs":
			if s.Platform == "" {
				// Lines scoped to an organic platform are organic's cost.
				fl.formulaV(sh, col, row, fl.costTotal+"-"+fl.organicCosts(), kMoney, false, vMoney(in.OtherCosts))
				note(row, "Costs sheet total, less the lines scoped to organic platforms")
			} else {
				fl.formulaV(sh, col, row, fmt.Sprintf("SUMIFS(%s,%s,%s)", fl.costCostRange, fl.costPlatRange, crit(string(s.Platform))), kMoney, false, vMoney(in.OtherCosts))
				note(row, "cost lines scoped to this platform (Costs)")
			}
		case "total_cost":
			fl.formulaV(sh, col, row, local["spend"]+"+"+local["other_costs"], kMoney, false, vMoney(in.TotalCost()))
			note(row, "ad spend + other costs")
		case "modelled_value":
			if s.Platform == "" {
				fl.formulaV(sh, col, row, fl.actionsTotal, kMoney, false, vMoney(in.ModelledValue))
				note(row, "Σ action count × value (Definitions)")
			} else {
				var terms []string
				for i, a := range fl.r.Actions {
					if key := fl.actionKeys[i]; key != "" {
						terms = append(terms, fl.sumData(key, s.Platform)+"*"+fl.actionValueRefs[a.Action])
					}
				}
				if len(terms) == 0 {
					fl.num(sh, col, row, in.ModelledValue.Float64(), kMoney, false)
				} else {
					fl.formulaV(sh, col, row, strings.Join(terms, "+"), kMoney, false, vMoney(in.ModelledValue))
				}
				note(row, "Σ action count × value (Definitions)")
			}
		default:
			fl.formulaV(sh, col, row, fl.sumData(dataKeyOfOperand[op.key], s.Platform), k, false, operandOf(in, op.key))
		}
	}
	sub := row0 + len(operandRows)
	if labelCol > 0 {
		fl.str(sh, labelCol, sub, "KPIs", kSubheader)
		for c := labelCol + 1; c <= max(col, noteCol); c++ {
			fl.style(sh, c, sub, kSubheader, false)
		}
	}
	for j, k := range fl.defs {
		row := sub + 1 + j
		if labelCol > 0 {
			fl.str(sh, labelCol, row, k.Name, kText)
		}
		refs[k.Key] = sheetRef(sh) + abs(col, row)
		kind := formatKind(k.Format)
		if roiKeys[k.Key] {
			kind = kROI
		}
		if missing := missingNeeds(k, in.Has); missing != "" {
			fl.style(sh, col, row, kind, false)
			blank[k.Key] = true
			note(row, "n/a: the exports have no "+missing)
			continue
		}
		if op := missingOperand(k.Excel, local); op != "" {
			// followers, posts ...: organic figures the ad platforms lack.
			fl.style(sh, col, row, kind, false)
			blank[k.Key] = true
			note(row, "n/a: the ad platforms report no "+strings.ReplaceAll(op, "_", " "))
			continue
		}
		if basis, ok := s.Basis[k.Key]; ok && platCols != nil {
			if !s.Values[k.Key].OK {
				fl.style(sh, col, row, kind, false)
				blank[k.Key] = true
				if len(basis) == 0 {
					note(row, "n/a: no platform's exports report all it needs")
				} else if strings.Contains(k.Excel, "{reach}") && len(basis) > 1 {
					note(row, "n/a: reach is not additive across platforms")
				} else {
					note(row, "n/a over "+platformNames(basis)+", the platforms whose exports report all it needs")
				}
				continue
			}
			sub := map[string]string{}
			for key := range local {
				var terms []string
				for _, p := range basis {
					for i := range fl.r.Platforms {
						if fl.r.Platforms[i].Platform == p {
							terms = append(terms, abs(platCols[i], opRow[key]))
						}
					}
				}
				sub[key] = "(" + strings.Join(terms, "+") + ")"
			}
			fm, err := substitute(k.Excel, sub)
			fl.fail(err)
			fl.formulaV(sh, col, row, fm, kind, false, vRatio(s.Values[k.Key]))
			note(row, "over "+platformNames(basis)+" only: the platforms whose exports report all it needs")
			continue
		}
		if strings.Contains(k.Excel, "{reach}") && !in.ReachKnown {
			note(row, "blank: no de-duplicated reach for this scope")
		}
		fm, err := substitute(k.Excel, local)
		fl.fail(err)
		fl.formulaV(sh, col, row, fm, kind, false, vRatio(s.Values[k.Key]))
	}
	return refs, blank
}

// platformNames lists platforms by display name: "Meta Ads, LinkedIn Ads".
func platformNames(ps []kpi.Platform) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name())
	}
	if len(names) == 0 {
		return "no platform"
	}
	return strings.Join(names, ", ")
}

// missingNeeds names the first metric k needs that has lacks, or "".
func missingNeeds(k kpi.KPI, has kpi.Fields) string {
	for _, f := range k.Needs {
		if has&f == 0 {
			if w, ok := fieldWords[f]; ok {
				return w
			}
			return "needed metric"
		}
	}
	return ""
}

// missingOperand returns the first operand of an Excel form that cells
// has no cell for, or "".
func missingOperand(excel string, cells map[string]string) string {
	for _, m := range operandRe.FindAllStringSubmatch(excel, -1) {
		if _, ok := cells[m[1]]; !ok {
			return m[1]
		}
	}
	return ""
}

// substitute replaces each {operand} of an Excel form with its cell.
func substitute(excel string, cells map[string]string) (string, error) {
	var err error
	out := operandRe.ReplaceAllStringFunc(excel, func(m string) string {
		op := m[1 : len(m)-1]
		c, ok := cells[op]
		if !ok {
			err = fmt.Errorf("formula %s: no cell for {%s}", excel, op)
		}
		return c
	})
	return out, err
}

// ---- platform sheets ----

func (fl *filler) writePlatform(i int) {
	sh := fl.platSheets[i]
	s := &fl.r.Platforms[i]
	p := fl.at[sh]["platform.kpis"]
	fl.header(sh, p, "Totals", s.Name, "Note")
	refs, blank := fl.writeScope(sh, p.col, p.col+1, p.col+2, p.row+1, s, nil)
	fl.platRefs = append(fl.platRefs, refs)
	fl.platBlank = append(fl.platBlank, blank)
	fl.writeCampaigns(sh, fl.at[sh]["platform.campaigns"], s)
}

// campaignMetric is a metric column of the campaign table.
type campaignMetric struct {
	key     string // operand
	dataKey string
	label   string
	kind    kind
	field   kpi.Fields
}

func (fl *filler) writeCampaigns(sh string, p pos, s *reportgen.Scope) {
	cur := fl.r.Currency
	all := []campaignMetric{
		{"spend", "spend", "Spend (" + cur + ")", kMoney, kpi.FSpend},
		{"impressions", "impressions", "Impressions", kCount, kpi.FImpressions},
		{"clicks", "clicks", "Clicks (all)", kCount, kpi.FClicks},
		{"link_clicks", "link_clicks", "Link clicks", kCount, kpi.FLinkClicks},
		{"engagements", "engagements", "Engagements", kCount, kpi.FEngagements},
		{"leads", "leads", "Leads", kQty, kpi.FLeads},
		{"conversions", "conversions", "Conversions", kQty, kpi.FConversions},
		{"purchases", "purchases", "Purchases", kQty, kpi.FPurchases},
	}
	if fl.r.RevenueSource == "platforms" || fl.r.RevenueSource == "" {
		all = append(all, campaignMetric{"revenue", "conversion_value", "Conversion value (" + cur + ")", kMoney, kpi.FConversionValue})
	}
	var metrics []campaignMetric
	avail := map[string]bool{}
	for _, m := range all {
		if m.key == "spend" || s.Inputs.Has&m.field != 0 {
			metrics = append(metrics, m)
			avail[m.key] = true
		}
	}
	var kpis []kpi.KPI
	for _, k := range fl.defs {
		ok := missingNeeds(k, s.Inputs.Has) == ""
		for _, m := range operandRe.FindAllStringSubmatch(k.Excel, -1) {
			ok = ok && avail[m[1]]
		}
		if ok {
			kpis = append(kpis, k)
		}
	}
	hdr := []string{"Account", "Campaign"}
	for _, m := range metrics {
		hdr = append(hdr, m.label)
	}
	for _, k := range kpis {
		hdr = append(hdr, k.Name)
	}
	lead, leadCol := fl.leadKPI(kpis), 0
	if lead.Key != "" {
		k, _ := kpi.Find(kpis, lead.Key)
		hdr = append(hdr, "Rank by "+k.Name)
		leadCol = p.col + 2 + len(metrics) + slices.IndexFunc(kpis, func(x kpi.KPI) bool { return x.Key == lead.Key })
	}
	fl.header(sh, p, hdr...)
	if len(s.Campaigns) == 0 {
		fl.str(sh, p.col, p.row+1, "no campaigns", kNote)
		return
	}
	// SUMIFS criteria ignore case: campaigns whose names differ only in
	// case (or too long for a criterion) are summed with EXACT instead.
	fold := map[string]int{}
	for _, c := range s.Campaigns {
		fold[strings.ToLower(c.Account)+"\x00"+strings.ToLower(c.Campaign)]++
	}
	for i, c := range s.Campaigns {
		row := p.row + 1 + i
		fl.str(sh, p.col, row, c.Account, kText)
		fl.str(sh, p.col+1, row, c.Campaign, kText)
		exact := fold[strings.ToLower(c.Account)+"\x00"+strings.ToLower(c.Campaign)] > 1 ||
			len(c.Account) > 200 || len(c.Campaign) > 200
		local := map[string]string{}
		for j, m := range metrics {
			col := p.col + 2 + j
			local[m.key] = abs0(col, row)
			fm := fl.overData("+", func(d int) string {
				platR, accR, campR := fl.dataRange(d, "platform"), fl.dataRange(d, "account"), fl.dataRange(d, "campaign")
				if exact {
					return fmt.Sprintf("SUMPRODUCT(--(%s=%s),--EXACT(%s,%s),--EXACT(%s,%s),%s)",
						platR, strLit(string(s.Platform)), accR, strLit(c.Account), campR, strLit(c.Campaign), fl.dataRange(d, m.dataKey))
				}
				return fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s,%s,%s)", fl.dataRange(d, m.dataKey),
					platR, crit(string(s.Platform)), accR, crit(c.Account), campR, crit(c.Campaign))
			})
			k := m.kind
			if k == kQty && !fl.fractional[m.key] {
				k = kCount
			}
			want, _ := totalOf(&c.Totals, m.dataKey)
			fl.formulaV(sh, col, row, fm, k, false, want)
		}
		for j, k := range kpis {
			col := p.col + 2 + len(metrics) + j
			kind := formatKind(k.Format)
			if roiKeys[k.Key] {
				kind = kROI
			}
			if missingNeeds(k, c.Totals.Has) != "" {
				fl.style(sh, col, row, kind, false)
				continue
			}
			fm, err := substitute(k.Excel, local)
			fl.fail(err)
			fl.formulaV(sh, col, row, fm, kind, false, vRatio(c.Values[k.Key]))
		}
	}
	if lead.Key != "" {
		fl.writeRanks(sh, p, p.col+2+len(metrics)+len(kpis), leadCol, s, lead)
	}
	// The campaign table sits below the totals: freezing down to its header
	// would pin more rows than a laptop screen shows. Only the account and
	// campaign columns stay in view when scrolling right.
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: p.col + 1,
		TopLeftCell: cellName(p.col+2, 1), ActivePane: "topRight"}))
}

// ---- Summary ----

func (fl *filler) writeSummary() {
	const sh = SheetSummary
	r := fl.r
	p := fl.at[sh]["kpi.table"]
	hdr := []string{"Metric", r.Total.Name}
	if hdr[1] == "" {
		hdr[1] = "All platforms"
	}
	for _, s := range r.Platforms {
		hdr = append(hdr, s.Name)
	}
	noteCol := p.col + 2 + len(r.Platforms) + fl.comparisonCols()
	hdr = append(hdr, fl.comparisonHeaders()...)
	hdr = append(hdr, "Note (all platforms)")
	fl.header(sh, p, hdr...)
	platCols := make([]int, len(r.Platforms))
	for i := range platCols {
		platCols[i] = p.col + 2 + i
	}
	fl.totRefs, fl.totBlank = fl.writeScope(sh, p.col, p.col+1, noteCol, p.row+1, &r.Total, platCols)
	// Platform columns mirror the platform sheets.
	keys := make([]string, 0, len(operandRows)+len(fl.defs))
	kinds := map[string]kind{}
	for _, op := range operandRows {
		keys = append(keys, op.key)
		k := op.kind
		if k == kQty && !fl.fractional[op.key] {
			k = kCount
		}
		kinds[op.key] = k
	}
	for _, k := range fl.defs {
		keys = append(keys, k.Key)
		kinds[k.Key] = formatKind(k.Format)
		if roiKeys[k.Key] {
			kinds[k.Key] = kROI
		}
	}
	for i := range r.Platforms {
		col := p.col + 2 + i
		for j, key := range keys {
			row := p.row + 1 + j
			if j >= len(operandRows) {
				row++ // the KPIs sub-header
			}
			if fl.platBlank[i][key] {
				fl.style(sh, col, row, kinds[key], false)
				continue
			}
			fl.formula(sh, col, row, fl.platRefs[i][key], kinds[key], false)
		}
		fl.style(sh, col, p.row+1+len(operandRows), kSubheader, false)
	}
	fl.writeComparisons(p, p.col+2+len(r.Platforms), keys, kinds)
	fl.writeHeadline()
}

// writeHeadline writes the named headline figures, each a reference to
// the whole-report column of the KPI table.
func (fl *filler) writeHeadline() {
	const sh = SheetSummary
	p := fl.at[sh]["headline"]
	fl.header(sh, p, "Figure", "Value", "How it is computed")
	all := kpi.Definitions(fl.r.Choices)
	for i, name := range Names {
		h := headline[name]
		row := p.row + 1 + i
		fl.str(sh, p.col, row, h.label, kLabel)
		k := kMoney
		words := ""
		for _, op := range operandRows {
			if op.key == h.key {
				k = op.kind
				if k == kQty && !fl.fractional[op.key] {
					k = kCount
				}
			}
		}
		if d, ok := kpi.Find(fl.defs, h.key); ok {
			k, words = formatKind(d.Format), d.Formula
		} else if d, ok := kpi.Find(all, h.key); ok {
			k, words = formatKind(d.Format), d.Formula
		}
		if roiKeys[h.key] {
			k = kROI
		}
		switch h.key {
		case "spend":
			words = "Σ Data spend, converted to " + fl.r.Currency
		case "other_costs":
			words = "Costs sheet total, less the lines scoped to organic platforms"
		case "total_cost":
			words = "ad spend + other costs"
		case "revenue":
			words = revenueSourceLabel(fl.r.RevenueSource)
			if cs := fl.channelsOf(fl.r.RevenueSource); cs != nil {
				words += " attributed to the ad platforms, from the " + cs.name + " sheet"
			}
		case "modelled_value":
			words = "Σ action count × value per action (Definitions); not in revenue"
		case "impressions", "clicks", "conversions", "leads":
			words = "Σ Data"
		}
		fl.str(sh, p.col+2, row, words, kNote)
		ref, ok := fl.totRefs[h.key]
		switch {
		case ok && fl.totBlank[h.key]:
			fl.style(sh, p.col+1, row, k, false)
		case ok:
			fl.formula(sh, p.col+1, row, strings.TrimPrefix(ref, sheetRef(sh)), k, false)
		default: // a KPI the report's definitions leave out
			d, _ := kpi.Find(all, h.key)
			local := map[string]string{}
			for key, ref := range fl.totRefs {
				local[key] = strings.TrimPrefix(ref, sheetRef(sh))
			}
			fm, err := substitute(d.Excel, local)
			fl.fail(err)
			fl.formulaV(sh, p.col+1, row, fm, k, false, vRatio(d.Value(fl.r.Total.Inputs)))
		}
	}
}

// ---- Goals ----

func (fl *filler) writeGoals() {
	const sh = SheetSummary
	r := fl.r
	p := fl.at[sh]["goals.table"]
	fl.header(sh, p, "Goal", "Scope", "Direction", "Target", "Actual", "Attainment", "Status", "Note")
	if len(r.Goals) == 0 {
		fl.str(sh, p.col, p.row+1, "no goals configured", kNote)
		return
	}
	c := func(i int) int { return p.col + i }
	for i, g := range r.Goals {
		row := p.row + 1 + i
		refs, blank, scope := fl.totRefs, fl.totBlank, "All platforms"
		found := g.Platform == ""
		for j, s := range r.Platforms {
			if s.Platform == g.Platform {
				refs, blank, scope, found = fl.platRefs[j], fl.platBlank[j], s.Name, true
			}
		}
		for _, s := range fl.org {
			if g.Platform != "" && s.scope.Platform == g.Platform {
				refs, blank, scope, found = s.refs, s.blank, s.scope.Name, true
			}
		}
		if !found {
			scope = g.Platform.Name()
		}
		k := formatKind(g.Format)
		if roiKeys[g.Metric] {
			k = kROI
		}
		if g.Format == kpi.FormatNumber {
			k = kCount
			if g.Metric == "leads" || g.Metric == "conversions" || g.Metric == "purchases" {
				if fl.fractional[g.Metric] || g.TargetValue != math.Trunc(g.TargetValue) {
					k = kQty
				}
			}
		}
		label := g.Label
		if label == "" {
			label = g.Metric
		}
		fl.str(sh, c(0), row, label, kText)
		fl.wrapped(sh, c(1), row, scope) // "Facebook & Instagram (organic)" is wider than the column
		dir := strings.ReplaceAll(g.Direction, "_", " ")
		if dir == "" {
			dir = "at least"
		}
		fl.str(sh, c(2), row, dir, kText)
		fl.num(sh, c(3), row, g.TargetValue, k, false)
		D, E := abs0(c(3), row), abs0(c(4), row)
		key := cmp.Or(g.Key, g.Metric)
		ref, ok := refs[key]
		switch {
		case !found || !ok || blank[key]:
			fl.style(sh, c(4), row, k, false)
			if found && !ok && g.Actual.OK {
				fl.num(sh, c(4), row, g.Actual.Value, k, false)
			}
		default:
			fl.formula(sh, c(4), row, strings.TrimPrefix(ref, sheetRef(sh)), k, false)
		}
		cmpOp := ">="
		if g.Direction == "at_most" {
			cmpOp = "<="
			fl.formulaV(sh, c(5), row, fmt.Sprintf(`IF(OR(%s="",%s=0),"",%s/%s)`, E, E, D, E), kPercent, false, vRatio(g.Attainment))
		} else {
			fl.formulaV(sh, c(5), row, fmt.Sprintf(`IF(OR(%s="",%s=0),"",%s/%s)`, E, D, E, D), kPercent, false, vRatio(g.Attainment))
		}
		fl.formulaV(sh, c(6), row, goalStatus(E, cmpOp, D, abs0(c(5), row)), kText, false, vText(g.Status))
		var notes []string
		if g.ProRated {
			notes = append(notes, fmt.Sprintf("monthly target %g pro-rated to the period", g.Target))
		}
		if !found {
			notes = append(notes, "no data for this platform")
		}
		fl.str(sh, c(7), row, strings.Join(notes, "; "), kNote)
	}
}

// ---- Sources ----

type notUsed struct {
	file string
	line int
	kind string
	why  string
}

func (fl *filler) notUsed() []notUsed {
	var out []notUsed
	for _, s := range fl.r.Sources {
		for _, n := range s.Rejected {
			out = append(out, notUsed{s.File, n.Line, "rejected", n.Reason})
		}
		for _, n := range s.Skipped {
			out = append(out, notUsed{s.File, n.Line, "skipped", n.Reason})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].file != out[j].file {
			return out[i].file < out[j].file
		}
		return out[i].line < out[j].line
	})
	return out
}

func (fl *filler) writeSources() {
	const sh = SheetSources
	p := fl.at[sh]["sources.table"]
	fl.header(sh, p, "File", "Platform", "Format", "Currency", "Period stated", "Rows read", "Used", "Outside period",
		"Replaced", "Skipped", "Rejected", "Totals check", "SHA-256", "Warnings")
	c := func(i int) int { return p.col + i }
	if len(fl.r.Sources) == 0 {
		fl.str(sh, c(0), p.row+1, "no input files", kNote)
	}
	listed, counts := fl.firstRejectedRow(), fl.centered("#,##0")
	for i, s := range fl.r.Sources {
		row := p.row + 1 + i
		fl.str(sh, c(0), row, s.File, kText)
		fl.str(sh, c(1), row, s.Platform.Name(), kText)
		fl.str(sh, c(2), row, s.Format, kText)
		fl.str(sh, c(3), row, s.Currency, kText)
		fl.str(sh, c(4), row, periodStated(s.Period), kText)
		fl.num(sh, c(5), row, float64(s.Rows), kCount, false)
		fl.num(sh, c(6), row, float64(s.Used), kCount, false)
		fl.num(sh, c(7), row, float64(s.OutsidePeriod), kCount, false)
		fl.num(sh, c(8), row, float64(s.Replaced), kCount, false)
		fl.num(sh, c(9), row, float64(len(s.Skipped)), kCount, false)
		fl.num(sh, c(10), row, float64(len(s.Rejected)), kCount, false)
		fl.fail(fl.f.SetCellStyle(sh, cellName(c(5), row), cellName(c(10), row), counts))
		if first, ok := listed[s.File]; ok { // the rows are listed on the Rejected sheet
			for _, x := range [][2]int{{c(9), len(s.Skipped)}, {c(10), len(s.Rejected)}} {
				if x[1] > 0 {
					fl.linkTo(sh, x[0], row, fl.rejectedSheet(), cellName(1, first))
				}
			}
		}
		check := "no totals row"
		switch s.Check.Status {
		case kpi.CheckMatch:
			check = fmt.Sprintf("match (line %d)", s.Check.Line)
		case kpi.CheckMismatch:
			check = fmt.Sprintf("MISMATCH (line %d): %s", s.Check.Line, strings.Join(s.Check.Diffs, "; "))
		}
		fl.wrapped(sh, c(11), row, check)
		fl.str(sh, c(12), row, s.SHA256, kText)
		fl.wrapped(sh, c(13), row, strings.Join(s.Warnings, "; "))
	}

	fl.writeRejectedPointer(fl.at[sh]["rejected.table"])

	p = fl.at[sh]["warnings.table"]
	fl.header(sh, p, "Warning")
	if len(fl.r.Warnings) == 0 {
		fl.str(sh, p.col, p.row+1, "none", kNote)
	}
	across := 1 // a warning wraps across the input files table when it is above
	if t := fl.at[sh]["sources.table"]; t.col == p.col && t.row < p.row {
		across = 14
	}
	for c := 1; c < across; c++ {
		fl.style(sh, p.col+c, p.row, kHeader, false)
	}
	for i, w := range fl.r.Warnings {
		fl.wrappedAcross(sh, p.col, p.row+1+i, w, across, false)
	}
	fl.writeRejected()
}

// ---- Definitions ----

func (fl *filler) settings() [][2]string {
	r := fl.r
	ch := r.Choices
	d := kpi.DefaultChoices()
	or := func(a, b string) string {
		if a == "" {
			return strings.ReplaceAll(b, "_", " ")
		}
		return strings.ReplaceAll(a, "_", " ")
	}
	rev := revenueSourceLabel(r.RevenueSource)
	if r.RevenueSource == "platforms" || r.RevenueSource == "" {
		rev += ": the Data sheet's conversion value; each platform uses its own attribution window, and two platforms may claim the same sale"
	} else if cs := fl.channelsOf(r.RevenueSource); cs != nil {
		rev += ": what the " + cs.name + " sheet attributes to each ad platform's channel; for all platforms together, " +
			"every paid channel, GA4's Paid Social included"
	}
	out := [][2]string{
		{"Client", r.Client},
		{"Period", r.Period.Label() + " (" + r.Period.String() + ")"},
		{"Reporting currency", r.Currency + "; other currencies are converted with the rates below before summing"},
		{"Business model", r.BusinessModel},
		{"Revenue source", rev},
		{"Engagement rate base", or(ch.EngagementBase, d.EngagementBase)},
		{"CTR clicks", or(ch.CTRClicks, d.CTRClicks)},
		{"CPC clicks", or(ch.CPCClicks, d.CPCClicks)},
		{"Conversion rate base", or(ch.ConversionBase, d.ConversionBase)},
		{"Primary conversion", or(ch.PrimaryConversion, d.PrimaryConversion)},
		{"Reach", "never summed across days, campaigns or platforms; shown only where an export gives a de-duplicated total"},
		{"Modelled value", "Σ action count × value per action; shown apart from attributed revenue"},
		{"Rows with errors", r.OnBadRows},
		{"Goal status", goalStatusWords},
	}
	if note := fl.dataSplitNote(); note != "" {
		out = append(out, [2]string{"Data sheets", note})
	}
	if o := r.Organic; o != nil {
		rev := "none: no GA4 or CRM revenue among the inputs"
		if o.RevenueSource != "" {
			rev = revenueSourceLabel(o.RevenueSource) + " attributed to the organic platforms and GA4's Organic Social"
		}
		out = append(out, [2]string{"Organic revenue", rev},
			[2]string{"Organic cost", "the cost-sheet lines scoped to an organic platform; they are not in the ad platforms' other costs"},
			[2]string{"Followers", "a level: each platform's count on the latest day it reports, never summed over days"})
		if o.Lifetime {
			out = append(out, [2]string{"Post metrics", "some are lifetime totals up to the export date, not the period's own (see the organic sheets)"})
		}
	}
	out = append(out, fl.comparisonSettings()...)
	return out
}

// organicDefRows is how many rows the organic KPI definitions add to the
// KPI definitions: a sub-header and one per KPI.
func (fl *filler) organicDefRows() int {
	if fl.r.Organic == nil {
		return 0
	}
	return 1 + len(fl.r.Organic.KPIs)
}

func (fl *filler) writeDefinitions() {
	const sh = SheetDefinitions
	r := fl.r
	p := fl.at[sh]["definitions.table"]
	fl.header(sh, p, "KPI", "Definition", "Excel form ({operand} = the scope's total)", "Format")
	def := func(row int, k kpi.KPI) {
		fl.str(sh, p.col, row, k.Name, kLabel)
		fl.wrapped(sh, p.col+1, row, k.Formula)
		fl.wrapped(sh, p.col+2, row, k.Excel)
		fl.str(sh, p.col+3, row, [...]string{"number", "money", "percent", "ratio"}[k.Format], kText)
	}
	for i, k := range fl.defs {
		def(p.row+1+i, k)
	}
	if o := r.Organic; o != nil {
		sub := p.row + 1 + len(fl.defs)
		fl.str(sh, p.col, sub, "Organic pages and channels", kSubheader)
		for c := p.col + 1; c <= p.col+3; c++ {
			fl.style(sh, c, sub, kSubheader, false)
		}
		for i, k := range o.KPIs {
			def(sub+1+i, k)
		}
	}

	p = fl.at[sh]["settings.table"]
	fl.header(sh, p, "Setting", "Value")
	for i, s := range fl.settings() {
		fl.str(sh, p.col, p.row+1+i, s[0], kLabel)
		fl.str(sh, p.col+1, p.row+1+i, s[1], kText)
	}

	p = fl.at[sh]["rates.table"]
	fl.header(sh, p, "Currency", "1 unit in "+r.Currency, "Used", "Source")
	if len(r.Rates) == 0 {
		fl.str(sh, p.col, p.row+1, "every amount is in "+r.Currency, kNote)
	}
	for i, x := range r.Rates {
		row := p.row + 1 + i
		fl.str(sh, p.col, row, x.Currency, kText)
		fl.num(sh, p.col+1, row, x.Rate.Float64(), kFX, false)
		used := "no"
		if x.Used {
			used = "yes"
		}
		fl.str(sh, p.col+2, row, used, kText)
		fl.str(sh, p.col+3, row, cmp.Or(x.Source, "roibook.yaml"), kText)
	}
	fl.writeTimeZones()
}

// ---- names and workbook settings ----

func (fl *filler) defineNames() {
	p := fl.at[SheetSummary]["headline"]
	for _, dn := range fl.f.GetDefinedName() {
		if dn.Scope == "Workbook" || dn.Scope == "" {
			if slices.Contains(Names, dn.Name) || slices.Contains(SectionNames, dn.Name) {
				fl.fail(fl.f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name}))
			}
		}
	}
	for i, name := range Names {
		fl.fail(fl.f.SetDefinedName(&excelize.DefinedName{
			Name:     name,
			RefersTo: sheetRef(SheetSummary) + abs(p.col+1, p.row+1+i),
			Comment:  headline[name].label,
		}))
	}
	for _, name := range SectionNames {
		if ref := fl.sectionRefs[name]; ref != "" {
			fl.fail(fl.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref, Comment: sectionNameLabels[name]}))
		}
	}
}

// finish drops cached values a template may carry, asks Excel to
// recalculate on load, and sets document properties from the report.
func (fl *filler) finish() {
	if fl.err != nil {
		return
	}
	f, r := fl.f, fl.r
	fl.fail(f.UpdateLinkedValue())
	on := true
	fl.fail(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &on}))
	props := &excelize.DocProperties{
		Title:   strings.TrimSpace(r.Client + " · social media ROI · " + r.Period.Label()),
		Subject: "Social media ROI report",
		Creator: "roibook", LastModifiedBy: "roibook",
		Description: "Generated by roibook from the client's platform exports and cost sheets.",
	}
	if r.Branding.Name != "" {
		props.Creator = r.Branding.Name
	}
	if !r.Period.IsZero() {
		d := r.Period.To.AddDate(0, 0, 1).Format("2006-01-02T15:04:05Z")
		props.Created, props.Modified = d, d
	}
	fl.fail(f.SetDocProps(props))
	idx, err := f.GetSheetIndex(SheetSummary)
	fl.fail(err)
	f.SetActiveSheet(idx)
}
