package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // a logo may be a JPEG
	"image/png"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// The placeholders a template may hold besides the table anchors and the
// text placeholders:
//
//   - {{kpi.KEY}} and {{total.OPERAND}}, the figures: a cell holding one
//     of them alone becomes a live formula reading the figure (its defined
//     name, such as =ROI, or its cell of the Summary's KPI table), with the
//     figure's number format unless the template cell has one of its own,
//     and blank when the figure is; inside other text the placeholder
//     becomes the figure's value as the workbook formats it ("n/a" when
//     undefined). On the Platform sheet they are that platform's figures,
//     elsewhere the whole report's. KEY is a KPI of kpi.Definitions (roi,
//     media_roi, roas, cpl, cpa, ctr, ...), OPERAND a total of the KPI
//     table (spend, total_cost, revenue, leads, ...).
//   - {{contents}}, alone in a cell of a sheet of the template's own (such
//     as Cover): a table of the filled workbook's sheets, each linked.
//   - {{logo}}, alone in a cell: the branding's logo, scaled to fit a box
//     of logoBox pixels from that cell; nothing without a logo.
//
// The template's colours that are roibook's default brand colour
// (DefaultColor) become the branding's primary colour.
//
// Headers and footers may hold the text placeholders ({{platform}} on the
// Platform sheet only); any & in a value is escaped.

// contentsPlaceholder marks where the table of contents starts;
// logoPlaceholder where the logo goes.
const (
	contentsPlaceholder = "contents"
	logoPlaceholder     = "logo"
)

// logoBox is the largest size of the logo, in pixels.
var logoBox = [2]float64{168, 56}

// figureKeys are the keys {{kpi.KEY}} and {{total.OPERAND}} accept, in
// display order.
var figureKeys = map[string][]string{"kpi": kpiKeys(), "total": operandKeys()}

func kpiKeys() []string {
	var keys []string
	for _, k := range kpi.Definitions(kpi.DefaultChoices()) {
		keys = append(keys, k.Key)
	}
	return keys
}

func operandKeys() []string {
	var keys []string
	for _, op := range operandRows {
		keys = append(keys, op.key)
	}
	return keys
}

// figurePlaceholder splits a figure placeholder ("kpi.roi") into its
// prefix and key; ok is false for anything else, table anchors included.
func figurePlaceholder(p string) (prefix, key string, ok bool) {
	if anchors[p] != "" {
		return "", "", false
	}
	prefix, key, ok = strings.Cut(p, ".")
	if !ok || figureKeys[prefix] == nil {
		return "", "", false
	}
	return prefix, key, true
}

// extraPlaceholder reports whether p is a placeholder of this file.
func extraPlaceholder(p string) bool {
	_, _, ok := figurePlaceholder(p)
	return ok || p == contentsPlaceholder || p == logoPlaceholder
}

// checkExtra returns what is wrong with the placeholder p (see
// extraPlaceholder) in the template cell fd of sheet, or "".
func checkExtra(sheet string, fd found, p string) string {
	if p == logoPlaceholder {
		if !alone(fd.text) {
			return "{{logo}} must be alone in its cell"
		}
		return ""
	}
	if p == contentsPlaceholder {
		switch {
		case !alone(fd.text):
			return "{{contents}} must be alone in its cell"
		case slices.Contains(requiredSheets, sheet):
			return fmt.Sprintf("{{contents}} goes on a sheet of the template's own, such as Cover, not on %q", sheet)
		}
		return ""
	}
	prefix, key, _ := figurePlaceholder(p)
	if !slices.Contains(figureKeys[prefix], key) {
		what := map[string]string{"kpi": "KPIs", "total": "totals"}[prefix]
		return fmt.Sprintf("unknown placeholder {{%s}}; %s: %s", p, what, strings.Join(figureKeys[prefix], ", "))
	}
	return ""
}

// alone reports whether text is one placeholder and nothing else.
func alone(text string) bool {
	t := strings.TrimSpace(text)
	m := placeholderRe.FindStringIndex(t)
	return m != nil && m[0] == 0 && m[1] == len(t)
}

// aloneName returns the placeholder text holds alone, or "".
func aloneName(text string) string {
	if !alone(text) {
		return ""
	}
	return placeholderRe.FindStringSubmatch(strings.TrimSpace(text))[1]
}

// headerFooterFields returns the six header and footer texts of opts.
func headerFooterFields(opts *excelize.HeaderFooterOptions) []*string {
	return []*string{&opts.OddHeader, &opts.OddFooter, &opts.EvenHeader, &opts.EvenFooter, &opts.FirstHeader, &opts.FirstFooter}
}

// checkHeaderFooter checks the placeholders of sheet's header and footer:
// text placeholders only.
func checkHeaderFooter(f *excelize.File, name, sheet string) []error {
	opts, err := f.GetHeaderFooter(sheet)
	if err != nil {
		return []error{fmt.Errorf("%s: sheet %q: header and footer: %w", name, sheet, err)}
	}
	if opts == nil {
		return nil
	}
	var errs []error
	for _, s := range headerFooterFields(opts) {
		for _, m := range placeholderRe.FindAllStringSubmatch(*s, -1) {
			p := m[1]
			switch {
			case !textPlaceholders[p]:
				errs = append(errs, fmt.Errorf("%s: sheet %q header or footer: unknown placeholder {{%s}} (only text placeholders such as {{client}} are replaced there)", name, sheet, p))
			case p == "platform" && sheet != SheetPlatform:
				errs = append(errs, fmt.Errorf("%s: sheet %q header or footer: {{platform}} is only known on sheet %q", name, sheet, SheetPlatform))
			}
		}
	}
	return errs
}

// A Template describes a workbook template that passed Check.
type Template struct {
	Sheets       []string // in order
	Placeholders []string // each distinct placeholder its cells, headers and footers use, sorted: "client", "kpi.roi", "kpi.table"
}

// Inspect checks tmpl as Check does and describes it.
func Inspect(tmpl []byte, name string) (*Template, error) {
	f, err := openTemplate(tmpl)
	if err != nil {
		return nil, fmt.Errorf("%s: not an xlsx workbook: %w", name, err)
	}
	defer f.Close()
	if err := check(f, name); err != nil {
		return nil, err
	}
	t := &Template{Sheets: f.GetSheetList()}
	seen := map[string]bool{}
	add := func(text string) {
		for _, m := range placeholderRe.FindAllStringSubmatch(text, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				t.Placeholders = append(t.Placeholders, m[1])
			}
		}
	}
	for _, s := range t.Sheets {
		fs, err := scanSheet(f, s)
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %q: %w", name, s, err)
		}
		for _, fd := range fs {
			add(fd.text)
		}
		if opts, err := f.GetHeaderFooter(s); err == nil && opts != nil {
			for _, h := range headerFooterFields(opts) {
				add(*h)
			}
		}
	}
	slices.Sort(t.Placeholders)
	return t, nil
}

// ---- filling ----

// placeholders is what Fill keeps of the template's placeholders between
// placing the tables and writing the figures.
type placeholders struct {
	template []string    // the template's sheets, before Fill adds any
	contents []contentAt // the {{contents}} tables, rows reserved below each
	figures  []figureAt  // the cells holding a figure placeholder alone
	logos    []figureAt  // the {{logo}} cells
	styles   map[[2]int]int
}

type contentAt struct {
	sheet    string
	col, row int
	reserved int    // body rows inserted below the anchor
	exclude  string // the sheet the table is on: it does not list itself
}

type figureAt struct {
	sheet       string
	col, row    int
	prefix, key string
}

// ownSheets returns the template's sheets Fill knows nothing of (a cover,
// the agency's own sheets): their placeholders are replaced like those of
// the required sheets.
func (fl *filler) ownSheets() []string {
	var out []string
	for _, s := range fl.ph.template {
		if !slices.Contains(requiredSheets, s) {
			out = append(out, s)
		}
	}
	return out
}

// contentsEntries returns the sheets a table of contents lists: every
// sheet of the filled workbook but the one holding the table, with the
// Data sheets, which Fill writes last, right after Costs (see writeData).
func (fl *filler) contentsEntries(exclude string) []string {
	list := fl.withDataSheets(fl.f.GetSheetList())
	return slices.DeleteFunc(list, func(s string) bool { return s == exclude })
}

// planContents inserts the rows of each {{contents}} table below its
// anchor, bottom up, and records where each table starts.
func (fl *filler) planContents() {
	for _, sheet := range fl.ownSheets() {
		if fl.err != nil {
			return
		}
		fs, err := scanSheet(fl.f, sheet)
		fl.fail(err)
		var rows []int
		for _, fd := range fs {
			if aloneName(fd.text) == contentsPlaceholder {
				rows = append(rows, fd.row)
			}
		}
		n := len(fl.contentsEntries(sheet))
		for i := len(rows) - 1; i >= 0; i-- {
			fl.fail(fl.f.InsertRows(sheet, rows[i]+1, n))
		}
		fs, err = scanSheet(fl.f, sheet)
		fl.fail(err)
		for _, fd := range fs {
			if aloneName(fd.text) == contentsPlaceholder {
				fl.ph.contents = append(fl.ph.contents, contentAt{sheet: sheet, col: fd.col, row: fd.row, reserved: n, exclude: sheet})
			}
		}
	}
}

// skipText reports whether replaceText leaves the template cell fd of sheet
// to writePlaceholders: the {{contents}} anchor and a figure placeholder
// alone in its cell, which it records.
func (fl *filler) skipText(sheet string, fd found) bool {
	p := aloneName(fd.text)
	if p == contentsPlaceholder {
		return true
	}
	if p == logoPlaceholder {
		fl.ph.logos = append(fl.ph.logos, figureAt{sheet: sheet, col: fd.col, row: fd.row})
		return true
	}
	if prefix, key, ok := figurePlaceholder(p); ok {
		fl.ph.figures = append(fl.ph.figures, figureAt{sheet: sheet, col: fd.col, row: fd.row, prefix: prefix, key: key})
		return true
	}
	return false
}

// figureText returns the value of the figure placeholder p on sheet, as
// the workbook formats it, "n/a" when it is undefined; ok is false when p
// is not a figure placeholder.
func (fl *filler) figureText(sheet, p string) (string, bool) {
	prefix, key, ok := figurePlaceholder(p)
	if !ok {
		return "", false
	}
	v := fl.figureValue(sheet, prefix, key)
	if !v.OK {
		return "n/a", true
	}
	return formatFigure(v.Value, fl.figureKind(prefix, key), fl.r.Currency), true
}

// figureValue returns the figure prefix.key ("kpi", "roi") of the model on
// sheet: the platform's on its sheet, else the whole report's; undefined
// when the exports do not report it.
func (fl *filler) figureValue(sheet, prefix, key string) kpi.Ratio {
	s := &fl.r.Total
	if i := slices.Index(fl.platSheets, sheet); i >= 0 {
		s = &fl.r.Platforms[i]
	}
	if prefix == "kpi" {
		return s.Values[key]
	}
	in := &s.Inputs
	for _, op := range operandRows {
		if op.key != key {
			continue
		}
		if op.key == "reach" && !in.ReachKnown || op.key != "reach" && op.field != 0 && in.Has&op.field == 0 {
			return kpi.Ratio{}
		}
	}
	return kpi.Ratio{Value: kpi.Operand(*in, key), OK: true}
}

// figureKind returns the cell kind of a figure, as the KPI table shows it.
func (fl *filler) figureKind(prefix, key string) kind {
	if prefix == "kpi" {
		if roiKeys[key] {
			return kROI
		}
		d, _ := kpi.Find(fl.defs, key)
		return formatKind(d.Format)
	}
	for _, op := range operandRows {
		if op.key == key {
			if op.kind == kQty && !fl.fractional[op.key] {
				return kCount
			}
			return op.kind
		}
	}
	return kCount
}

// nameOfKey maps a headline figure's key to its defined name.
func nameOfKey(key string) string {
	for name, h := range headline {
		if h.key == key {
			return name
		}
	}
	return ""
}

// writePlaceholders writes the figures placed alone in a cell, the tables
// of contents, and the headers and footers of the sheets Fill created.
func (fl *filler) writePlaceholders() {
	for _, c := range fl.ph.contents {
		fl.writeContents(c)
	}
	for _, fa := range fl.ph.figures {
		fl.writeFigure(fa)
	}
	for _, l := range fl.ph.logos {
		fl.writeLogo(l)
	}
	fl.copyHeaderFooter()
	fl.recolor()
}

// writeLogo replaces a {{logo}} cell with the branding's logo, re-encoded
// as PNG and scaled to fit logoBox, keeping its aspect.
func (fl *filler) writeLogo(l figureAt) {
	c := cellName(l.col, l.row)
	fl.fail(fl.f.SetCellValue(l.sheet, c, nil))
	logo := fl.r.Branding.Logo
	if len(logo) == 0 || fl.err != nil {
		return
	}
	img, _, err := image.Decode(bytes.NewReader(logo))
	if err != nil {
		fl.fail(fmt.Errorf("branding logo: want a PNG or JPEG image: %w", err))
		return
	}
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		fl.fail(errors.New("branding logo: empty image"))
		return
	}
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	fl.fail(png.Encode(&buf, rgba))
	scale := min(logoBox[0]/float64(b.Dx()), logoBox[1]/float64(b.Dy()), 2)
	fl.fail(fl.f.AddPictureFromBytes(l.sheet, c, &excelize.Picture{Extension: ".png", File: buf.Bytes(),
		Format: &excelize.GraphicOptions{AltText: "Logo", ScaleX: scale, ScaleY: scale, OffsetX: 2, OffsetY: 2,
			LockAspectRatio: true, Positioning: "oneCell"}}))
	// excelize adds the image types to [Content_Types].xml in map order:
	// sort them, so that the same report gives the same bytes.
	if ct := fl.f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
}

// recolor turns the template's colours that are roibook's default brand
// colour into the branding's primary colour: fonts, fills and borders.
func (fl *filler) recolor() {
	ss := fl.f.Styles
	if fl.err != nil || ss == nil || strings.EqualFold(fl.st.color, DefaultColor) {
		return
	}
	brand := "FF" + strings.ToUpper(DefaultColor)
	swap := func(rgb *string) {
		if strings.EqualFold(*rgb, brand) || strings.EqualFold(*rgb, DefaultColor) {
			*rgb = "FF" + fl.st.color
		}
	}
	if ss.Fonts != nil {
		for _, fn := range ss.Fonts.Font {
			if fn != nil && fn.Color != nil {
				swap(&fn.Color.RGB)
			}
		}
	}
	if ss.Fills != nil {
		for _, fill := range ss.Fills.Fill {
			if fill != nil && fill.PatternFill != nil {
				if c := fill.PatternFill.FgColor; c != nil {
					swap(&c.RGB)
				}
				if c := fill.PatternFill.BgColor; c != nil {
					swap(&c.RGB)
				}
			}
		}
	}
	if ss.Borders != nil {
		for _, b := range ss.Borders.Border {
			if b == nil {
				continue
			}
			if b.Left != nil && b.Left.Color != nil {
				swap(&b.Left.Color.RGB)
			}
			if b.Right != nil && b.Right.Color != nil {
				swap(&b.Right.Color.RGB)
			}
			if b.Top != nil && b.Top.Color != nil {
				swap(&b.Top.Color.RGB)
			}
			if b.Bottom != nil && b.Bottom.Color != nil {
				swap(&b.Bottom.Color.RGB)
			}
		}
	}
}

// writeFigure writes a figure placeholder alone in its cell: a formula
// reading the figure, blank when the figure is.
func (fl *filler) writeFigure(fa figureAt) {
	if fl.err != nil {
		return
	}
	refs, blank := fl.totRefs, fl.totBlank
	i := slices.Index(fl.platSheets, fa.sheet)
	if i >= 0 {
		refs, blank = fl.platRefs[i], fl.platBlank[i]
	}
	c := cellName(fa.col, fa.row)
	style := fl.keepStyle(fa.sheet, c, fl.figureKind(fa.prefix, fa.key))
	fl.fail(fl.f.SetCellValue(fa.sheet, c, nil))
	ref, ok := refs[fa.key]
	if ok && !blank[fa.key] {
		fm := strings.TrimPrefix(ref, sheetRef(fa.sheet))
		if name := nameOfKey(fa.key); name != "" && i < 0 {
			fm = name
		}
		fl.fail(fl.f.SetCellFormula(fa.sheet, c, fm))
		// The model's figure, not only the value of the cell it reads.
		fl.setCached(fa.sheet, c, vRatio(fl.figureValue(fa.sheet, fa.prefix, fa.key)))
	}
	fl.fail(fl.f.SetCellStyle(fa.sheet, c, c, style))
}

// keepStyle returns the style of a figure cell: the template cell's own
// (font, fill, borders, named style), with the figure's number format
// when the template cell has none (General).
func (fl *filler) keepStyle(sheet, cell string, k kind) int {
	figure := fl.st.id(k, false) // also loads the styles part
	id, err := fl.f.GetCellStyle(sheet, cell)
	fl.fail(err)
	ss := fl.f.Styles
	if fl.err != nil || ss == nil || ss.CellXfs == nil || id >= len(ss.CellXfs.Xf) {
		return figure
	}
	xf := ss.CellXfs.Xf[id]
	if xf.NumFmtID != nil && *xf.NumFmtID != 0 {
		// LibreOffice writes General as a custom format of that name.
		general := false
		if ss.NumFmts != nil {
			for _, nf := range ss.NumFmts.NumFmt {
				if nf != nil && nf.NumFmtID == *xf.NumFmtID && strings.EqualFold(nf.FormatCode, "General") {
					general = true
				}
			}
		}
		if !general {
			return id
		}
	}
	if fl.ph.styles == nil {
		fl.ph.styles = map[[2]int]int{}
	}
	if s, ok := fl.ph.styles[[2]int{id, figure}]; ok {
		return s
	}
	on := true
	xf.NumFmtID, xf.ApplyNumberFormat = ss.CellXfs.Xf[figure].NumFmtID, &on
	ss.CellXfs.Xf = append(ss.CellXfs.Xf, xf)
	ss.CellXfs.Count = len(ss.CellXfs.Xf)
	s := len(ss.CellXfs.Xf) - 1
	fl.ph.styles[[2]int{id, figure}] = s
	return s
}

// about says what a sheet of the filled workbook holds, for the table of
// contents; "" for a sheet of the template's own.
func (fl *filler) about(sheet string) string {
	if i := slices.Index(fl.platSheets, sheet); i >= 0 {
		return "Totals, KPIs and campaigns of " + fl.r.Platforms[i].Name
	}
	for _, o := range fl.org {
		if o.name == sheet {
			return "Organic: totals, KPIs and top posts of " + o.scope.Name
		}
	}
	switch {
	case sheet == SheetSummary:
		return "Headline figures, KPIs by platform, goals and commentary"
	case fl.funnelSheet != "" && sheet == fl.funnelSheet:
		return "Awareness → interest → evaluation → purchase, per platform, with the conversion between stages"
	case sheet == SheetCosts:
		return "Every cost line and its computation"
	case sheet == SheetData && len(fl.dataParts) < 2:
		return "Every row at the reporting grain: the table the formulas read"
	case fl.isDataSheet(sheet):
		return "Rows at the reporting grain, one part of the Data table the formulas read (see Definitions)"
	case sheet == SheetSources:
		return "Input files with their SHA-256, rows used and not used, warnings"
	case fl.rejected != "" && sheet == fl.rejected:
		return "Each input row rejected or skipped, with its file, line and reason"
	case sheet == SheetDefinitions:
		return "KPI formulas, settings, exchange rates and action values"
	case sheet == fl.invSheet:
		return "Invoices as billed, converted, beside each platform's spend"
	case fl.web != nil && sheet == fl.web.name:
		return "Web analytics (GA4) by channel"
	case fl.crm != nil && sheet == fl.crm.name:
		return "CRM leads, customers and revenue by channel"
	}
	return ""
}

// writeContents writes a table of contents: each sheet, linked, and what
// it holds.
func (fl *filler) writeContents(c contentAt) {
	entries := fl.contentsEntries(c.exclude)
	if extra := len(entries) - c.reserved; extra > 0 {
		// A sheet created after the rows were reserved: make room, and
		// move the figures recorded below along.
		fl.fail(fl.f.InsertRows(c.sheet, c.row+c.reserved+1, extra))
		for i := range fl.ph.figures {
			if fa := &fl.ph.figures[i]; fa.sheet == c.sheet && fa.row > c.row+c.reserved {
				fa.row += extra
			}
		}
	}
	fl.header(c.sheet, pos{c.col, c.row}, "Sheet", "What it holds")
	link, err := fl.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Color: fl.st.color, Underline: "single"},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	fl.fail(err)
	for i, s := range entries {
		row := c.row + 1 + i
		cell := cellName(c.col, row)
		fl.str(c.sheet, c.col, row, s, kText)
		fl.fail(fl.f.SetCellStyle(c.sheet, cell, cell, link))
		fl.fail(fl.f.SetCellHyperLink(c.sheet, cell, sheetRef(s)+"A1", "Location"))
		fl.str(c.sheet, c.col+1, row, fl.about(s), kText)
	}
}

// replaceHeaderFooter replaces the text placeholders of sheet's header and
// footer with vals, escaping & (Excel's code character).
func (fl *filler) replaceHeaderFooter(sheet string, vals map[string]string) {
	opts, err := fl.f.GetHeaderFooter(sheet)
	fl.fail(err)
	if opts == nil || fl.err != nil {
		return
	}
	changed := false
	for _, s := range headerFooterFields(opts) {
		if !strings.Contains(*s, "{{") {
			continue
		}
		*s = placeholderRe.ReplaceAllStringFunc(*s, func(m string) string {
			if v, ok := vals[placeholderRe.FindStringSubmatch(m)[1]]; ok {
				return strings.ReplaceAll(v, "&", "&&")
			}
			return m
		})
		*s = fitHeaderFooter(*s)
		changed = true
	}
	if changed {
		fl.fail(fl.f.SetHeaderFooter(sheet, opts))
	}
}

// maxHeaderFooter is the length limit of a header or footer text, in
// UTF-16 units.
const maxHeaderFooter = 255

// fitHeaderFooter cuts s to the length Excel allows, without leaving half
// of an & code at the end.
func fitHeaderFooter(s string) string {
	if len(utf16.Encode([]rune(s))) <= maxHeaderFooter {
		return s
	}
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > maxHeaderFooter-1 {
			s = s[:i]
			break
		}
	}
	amps := len(s) - len(strings.TrimRight(s, "&"))
	if amps%2 == 1 {
		s = s[:len(s)-1]
	}
	return s + "…"
}

// copyHeaderFooter gives the sheets Fill created before the Summary's
// placeholders were replaced the Summary's header, footer and margins.
func (fl *filler) copyHeaderFooter() {
	for _, s := range fl.f.GetSheetList() {
		if fl.err != nil {
			return
		}
		if !slices.Contains(fl.ph.template, s) && !slices.Contains(fl.platSheets, s) {
			fl.fail(copyHeaderFooter(fl.f, SheetSummary, s))
		}
	}
}

// inheritHeaderFooter gives a sheet Fill creates, when it has no header
// or footer, the Summary's header, footer and margins: the template's
// print look. The Data sheet, created last, gets them with the
// placeholders replaced; copyHeaderFooter redoes it for the sheets
// created before.
func inheritHeaderFooter(f *excelize.File, sheet string) error {
	if sheet == SheetSummary || !slices.Contains(f.GetSheetList(), SheetSummary) {
		return nil
	}
	own, err := f.GetHeaderFooter(sheet)
	if err != nil || own != nil {
		return err
	}
	return copyHeaderFooter(f, SheetSummary, sheet)
}

// copyHeaderFooter copies the header, footer and margins of sheet from to
// sheet to.
func copyHeaderFooter(f *excelize.File, from, to string) error {
	opts, err := f.GetHeaderFooter(from)
	if err != nil || opts == nil {
		return err
	}
	margins, err := f.GetPageMargins(from)
	if err != nil {
		return err
	}
	if err := f.SetHeaderFooter(to, opts); err != nil {
		return err
	}
	return f.SetPageMargins(to, &margins)
}

// ---- formatting figures inside text ----

// formatFigure formats v as the workbook's number format of k shows it in
// the reporting currency: "€1,234.56", "¥1,235", "12.5%", "2.13%", "4.21",
// "1,234". Halves round away from zero, as Excel displays them.
func formatFigure(v float64, k kind, currency string) string {
	switch k {
	case kMoney:
		d := kpi.Decimals(currency)
		sym := kpi.Symbol(currency)
		if utf8.RuneCountInString(sym) > 1 && !strings.ContainsAny(sym, "$") {
			sym += " "
		}
		s := sym + grouped(math.Abs(v), d)
		if roundTo(v, d) < 0 {
			s = "-" + s
		}
		return s
	case kPercent:
		return signed(v*100, 2) + "%"
	case kROI:
		return signed(v*100, 1) + "%"
	case kRatio:
		return signed(v, 2)
	case kQty, kAmount:
		return signedGrouped(v, 2)
	}
	return signedGrouped(v, 0)
}

func roundTo(v float64, d int) float64 {
	p := math.Pow10(d)
	return math.Round(v*p) / p
}

// signed formats v with d decimals, rounded half away from zero, never "-0".
func signed(v float64, d int) string {
	r := roundTo(v, d)
	if r == 0 {
		r = 0 // no negative zero
	}
	return strconv.FormatFloat(r, 'f', d, 64)
}

func signedGrouped(v float64, d int) string {
	if roundTo(v, d) < 0 {
		return "-" + grouped(-v, d)
	}
	return grouped(math.Abs(v), d)
}

// grouped formats v ≥ 0 with d decimals and comma thousands separators.
func grouped(v float64, d int) string {
	s := strconv.FormatFloat(roundTo(v, d), 'f', d, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// generatedFrom is the {{generated_from}} text: what the workbook was made
// from, without a clock.
func generatedFrom(r *reportgen.Report) string {
	n := len(r.Sources)
	files := fmt.Sprintf("%d input files, each listed with its SHA-256 on the Sources sheet", n)
	switch n {
	case 0:
		files = "no input files"
	case 1:
		files = "1 input file, listed with its SHA-256 on the Sources sheet"
	}
	return "Generated by roibook from " + files + ". Every figure is a live formula over the Data and Costs sheets."
}
