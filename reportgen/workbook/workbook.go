// Package workbook renders a reportgen.Report as an Excel workbook, filled
// from a template an agency may restyle. It is the only package (with the
// template generator) that imports the xlsx library.
//
// The workbook stays alive in Excel: every total and KPI is a formula over
// the Data sheet (the report's rows, streamed as an Excel table) and the
// Costs sheet, so a manager who edits a cost line or deletes a Data row sees
// ROI change. Headline figures are workbook-scope defined names (AdSpend,
// OtherCosts, TotalCost, Revenue, ModelledValue, MediaROI, ROI,
// ROIInclModelled, ROAS, Impressions, Clicks, Conversions, Leads). Text from
// the inputs is always written as text, never as a formula.
//
// The report's sections get sheets the template does not have, each only
// when the report has that section:
//
//   - one sheet per organic platform (after the ad platform sheets): its
//     totals (SUM over its table of posts and days; followers and a
//     de-duplicated reach are values, levels that are never summed), its
//     cost (SUMIFS of the Costs lines scoped to it), its revenue (SUMIFS of
//     the Web analytics or CRM revenue of its channel), its KPIs from
//     kpi.OrganicDefinitions, its top posts and the table itself;
//   - Invoices: each invoice as billed, converted with the Definitions rate
//     table (ROUND once to the minor unit), totals, and the invoiced net
//     beside each ad platform's spend;
//   - Web analytics and CRM: the figures by channel (SUMIFS over the table
//     of rows below them), the social total and the whole total.
//
// With organic inputs the Summary gets an organic block (all organic and
// each platform) and a paid-and-organic block (every cost against the
// revenue of both). The ad platforms' other costs leave out the cost lines
// scoped to organic platforms; with revenue from GA4 or a CRM each ad
// scope's revenue is a SUMIFS over that sheet by channel. The sections'
// headline figures are defined names too, each defined only with its
// section: OrganicImpressions, OrganicEngagements, OrganicEngagementRate,
// OrganicCost, OrganicRevenue (all organic); TotalCostAll, RevenueAll,
// EngagementsAll, ROIAll (paid and organic together: every cost line, the
// attributed revenue of both); WebSessions, WebSocialSessions,
// WebKeyEvents, WebRevenue (GA4, the whole site but WebSocialSessions);
// CRMLeads, CRMCustomers, CRMRevenue; InvoicedNet, InvoicedGross (the
// converted invoices).
//
// Every formula cell caches the value reportgen computed for it (see
// expect.go), so that tools which do not recalculate show the model's
// figures; the tests compare each cached value with LibreOffice's
// recalculation. More rows than a sheet holds are split across Data,
// Data (2) … (datasplit.go), and formulas over Data sum over every part.
// Fill also creates the Rejected sheet after Sources: every input row not
// used, with its file, line and reason (rejected.go); the Sources anchor
// {{rejected.table}} becomes a line counting them, linked to that sheet.
//
// The same report gives the same bytes: zip entries are written in name
// order with fixed timestamps, and document properties come from the
// report, not the clock.
package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the template and of the filled workbook.
const (
	SheetSummary     = "Summary"
	SheetPlatform    = "Platform" // cloned once per platform, then removed
	SheetCosts       = "Costs"
	SheetSources     = "Sources"
	SheetDefinitions = "Definitions"
	SheetData        = "Data" // created by Fill; a template must not have it
)

// requiredSheets are the template sheets Fill needs, in display order.
var requiredSheets = []string{SheetSummary, SheetPlatform, SheetCosts, SheetSources, SheetDefinitions}

// anchors maps each table anchor to the sheet it must be on. A cell
// holding only {{anchor}} marks where the table starts: its row becomes the
// table's header row and rows are inserted below it for the body.
var anchors = map[string]string{
	"headline":           SheetSummary,
	"kpi.table":          SheetSummary,
	"goals.table":        SheetSummary,
	"platform.kpis":      SheetPlatform,
	"platform.campaigns": SheetPlatform,
	"costs.table":        SheetCosts,
	"sources.table":      SheetSources,
	"rejected.table":     SheetSources,
	"warnings.table":     SheetSources,
	"definitions.table":  SheetDefinitions,
	"settings.table":     SheetDefinitions,
	"rates.table":        SheetDefinitions,
	"actions.table":      SheetDefinitions,
}

// textPlaceholders may appear inside any cell text; "platform" only on the
// Platform sheet.
var textPlaceholders = map[string]bool{
	"client": true, "period": true, "currency": true, "agency": true,
	"business_model": true, "revenue_source": true, "commentary": true, "platform": true,
	"data_check": true, "generated_from": true,
}

var placeholderRe = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.]+)\s*\}\}`)

// A found is a template cell holding placeholders.
type found struct {
	cell     string
	col, row int
	text     string
	anchor   string // set when the cell holds exactly one anchor and nothing else
}

// scanSheet returns the cells of sheet that hold placeholders, in row order.
func scanSheet(f *excelize.File, sheet string) ([]found, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	var out []found
	for ri, row := range rows {
		for ci, v := range row {
			if !strings.Contains(v, "{{") {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
			fd := found{cell: cell, col: ci + 1, row: ri + 1, text: v}
			if m := placeholderRe.FindStringSubmatch(strings.TrimSpace(v)); m != nil && m[0] == strings.TrimSpace(v) {
				if _, ok := anchors[m[1]]; ok {
					fd.anchor = m[1]
				}
			}
			out = append(out, fd)
		}
	}
	return out, nil
}

// Check validates a workbook template before any data is read: the
// required sheets, every table anchor on its sheet exactly once, no
// unknown placeholder, and no Data sheet. name is used in error messages
// ("templates/workbook.xlsx: sheet "Summary": no placeholder {{kpi.table}}").
// All problems are reported, joined.
func Check(tmpl []byte, name string) error {
	f, err := openTemplate(tmpl)
	if err != nil {
		return fmt.Errorf("%s: not an xlsx workbook: %w", name, err)
	}
	defer f.Close()
	return check(f, name)
}

// Limits on a template: a user's template is a file from a stranger, and
// a zip bomb must be an error, not an out-of-memory crash.
const (
	maxTemplateSize     = 32 << 20  // the .xlsx itself
	maxTemplateUnzipped = 256 << 20 // all its parts unpacked
)

// openTemplate opens a template within the size limits.
func openTemplate(tmpl []byte) (*excelize.File, error) {
	if len(tmpl) > maxTemplateSize {
		return nil, fmt.Errorf("template is %d MB, over the %d MB limit", len(tmpl)>>20, maxTemplateSize>>20)
	}
	return excelize.OpenReader(bytes.NewReader(tmpl), excelize.Options{UnzipSizeLimit: maxTemplateUnzipped, UnzipXMLSizeLimit: 64 << 20})
}

func check(f *excelize.File, name string) error {
	var errs []error
	sheets := f.GetSheetList()
	has := func(s string) bool { return slices.Contains(sheets, s) }
	for _, s := range requiredSheets {
		if !has(s) {
			errs = append(errs, fmt.Errorf("%s: no sheet %q", name, s))
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, SheetData) {
			errs = append(errs, fmt.Errorf("%s: sheet %q: roibook creates the Data sheet; rename or remove it", name, s))
		}
	}
	seen := map[string]string{} // anchor → sheet!cell
	for _, s := range sheets {
		fs, err := scanSheet(f, s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: sheet %q: %w", name, s, err))
			continue
		}
		errs = append(errs, checkHeaderFooter(f, name, s)...)
		for _, fd := range fs {
			if fd.anchor != "" {
				want := anchors[fd.anchor]
				switch {
				case want != s:
					errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: {{%s}} belongs on sheet %q", name, s, fd.cell, fd.anchor, want))
				case seen[fd.anchor] != "":
					errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: {{%s}} already at %s", name, s, fd.cell, fd.anchor, seen[fd.anchor]))
				default:
					seen[fd.anchor] = fd.cell
				}
				continue
			}
			for _, m := range placeholderRe.FindAllStringSubmatch(fd.text, -1) {
				p := m[1]
				switch {
				case anchors[p] != "":
					errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: table placeholder {{%s}} must be alone in its cell", name, s, fd.cell, p))
				case extraPlaceholder(p):
					if msg := checkExtra(s, fd, p); msg != "" {
						errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: %s", name, s, fd.cell, msg))
					}
				case !textPlaceholders[p]:
					errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: unknown placeholder {{%s}}", name, s, fd.cell, p))
				case p == "platform" && s != SheetPlatform:
					errs = append(errs, fmt.Errorf("%s: sheet %q cell %s: {{platform}} is only known on sheet %q", name, s, fd.cell, SheetPlatform))
				}
			}
		}
	}
	var missing []string
	for a, s := range anchors {
		if seen[a] == "" && has(s) {
			missing = append(missing, a)
		}
	}
	sort.Slice(missing, func(i, j int) bool {
		si, sj := slices.Index(requiredSheets, anchors[missing[i]]), slices.Index(requiredSheets, anchors[missing[j]])
		if si != sj {
			return si < sj
		}
		return missing[i] < missing[j]
	})
	for _, a := range missing {
		errs = append(errs, fmt.Errorf("%s: sheet %q: no placeholder {{%s}}", name, anchors[a], a))
	}
	return errors.Join(errs...)
}

// normalizeZip rewrites the xlsx zip with its entries in name order
// ([Content_Types].xml first) and a fixed timestamp, copying the compressed
// data as is, so that the same workbook gives the same bytes. An entry
// named in patch gets that content instead.
func normalizeZip(w io.Writer, b []byte, patch map[string][]byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := f.FileHeader
		// 1980-01-01 00:00, the zip epoch, and no extended timestamp.
		//lint:ignore SA1019 CreateRaw writes the MS-DOS fields as given and never reads Modified.
		h.Modified, h.ModifiedTime, h.ModifiedDate = time.Time{}, 0, 1<<5|1
		h.Extra, h.Comment = nil, ""
		if p, ok := patch[f.Name]; ok {
			if err := writePatched(zw, h, p); err != nil {
				return err
			}
			continue
		}
		fw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		r, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, r); err != nil {
			return err
		}
	}
	return zw.Close()
}
