// Command genworkbook writes templates/workbook.xlsx, roibook's default
// workbook template, so that the template's content is reviewable code.
// Run it with `go generate ./templates`.
//
// The template holds the small sheets only: titles, notes, column widths
// and placeholders. reportgen/workbook fills it: {{name}} text placeholders
// are replaced inside any cell, and a cell holding only a table anchor
// such as {{kpi.table}} marks where that table starts (rows are inserted
// below it, so a restyled copy may move anchors around). The Platform sheet
// is cloned once per platform present and then removed; the Data sheet is
// created by the renderer.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	out := flag.String("o", "workbook.xlsx", "output file")
	flag.Parse()
	b, err := Build()
	if err != nil {
		fmt.Fprintln(os.Stderr, "genworkbook:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genworkbook:", err)
		os.Exit(1)
	}
}

// A cell is one template cell: its value and its style name.
type cell struct {
	ref, value, style string
}

// A sheet is one template sheet.
type sheet struct {
	name   string
	widths map[string]float64 // column letter → width
	cells  []cell
}

// sheets is the template's content.
var sheets = []sheet{
	{
		// The cover: who, what, when, by whom (with the agency's logo),
		// the key figures as live formulas ({{kpi.*}} and {{total.*}}
		// alone in a cell) and a table of contents ({{contents}}) linking
		// to every sheet of the filled workbook.
		name:   "Cover",
		widths: map[string]float64{"A": 3, "B": 30, "C": 26, "D": 26, "E": 26, "F": 26, "G": 3},
		cells: []cell{
			{"B2", "{{agency}}", "cover band"}, {"C2", "", "cover band"}, {"D2", "", "cover band"},
			{"E2", "", "cover band"}, {"F2", "", "cover band"},
			{"B4", "{{client}}", "cover client"}, {"F4", "{{logo}}", ""},
			{"B5", "Social media ROI report", "cover title"},
			{"B6", "{{period}}", "cover period"},
			{"B7", "Prepared by {{agency}} · amounts in {{currency}}", "subtitle"},
			{"B8", "{{generated_from}}", "note"},
			{"B10", "Key figures", "section"},
			{"B11", "Total cost", "tile label"}, {"C11", "Attributed revenue", "tile label"},
			{"D11", "Media ROI", "tile label"}, {"E11", "Full-cost ROI", "tile label"}, {"F11", "ROAS", "tile label"},
			{"B12", "{{total.total_cost}}", "tile value"}, {"C12", "{{total.revenue}}", "tile value"},
			{"D12", "{{kpi.media_roi}}", "tile value"}, {"E12", "{{kpi.roi}}", "tile value"}, {"F12", "{{kpi.roas}}", "tile value"},
			{"B13", "Live formulas over the Summary sheet: media ROI counts ad spend only, full-cost ROI every cost line.", "note"},
			{"B14", "{{data_check}}", "alert"},
			{"B16", "Contents", "section"},
			{"B17", "{{contents}}", ""},
		},
	},
	{
		name:   "Summary",
		widths: map[string]float64{"A": 34, "B": 17, "C": 17, "D": 17, "E": 17, "F": 17, "G": 17, "H": 17},
		cells: []cell{
			{"A1", "{{client}} · social media ROI", "title"},
			{"A2", "{{period}} · prepared by {{agency}} · amounts in {{currency}}", "subtitle"},
			{"A3", "Every figure is a live formula over the Data and Costs sheets: edit a cost line or a Data row and the report follows.", "note"},
			{"A4", "{{data_check}}", "alert"},
			{"A5", "Headline", "section"},
			{"A6", "{{headline}}", ""},
			{"A8", "KPIs by platform", "section"},
			{"A9", "{{kpi.table}}", ""},
			{"A11", "Goals", "section"},
			{"A12", "{{goals.table}}", ""},
			{"A14", "Commentary", "section"},
			{"A15", "{{commentary}}", "wrap"},
		},
	},
	{
		name:   "Platform",
		widths: map[string]float64{"A": 24, "B": 32, "C": 13, "D": 13, "E": 13, "F": 13, "G": 13, "H": 13, "I": 13, "J": 13, "K": 13, "L": 13, "M": 13, "N": 13, "O": 13, "P": 13, "Q": 13, "R": 13, "S": 13, "T": 13, "U": 13, "V": 13},
		cells: []cell{
			{"A1", "{{platform}}", "title"},
			{"A2", "{{client}} · {{period}} · amounts in {{currency}}", "subtitle"},
			{"A4", "Totals and KPIs", "section"},
			{"A5", "{{platform.kpis}}", ""},
			{"A7", "Campaigns", "section"},
			{"A8", "{{platform.campaigns}}", ""},
		},
	},
	{
		name:   "Costs",
		widths: map[string]float64{"A": 14, "B": 34, "C": 14, "D": 17, "E": 10, "F": 10, "G": 14, "H": 10, "I": 13, "J": 10, "K": 16, "L": 26},
		cells: []cell{
			{"A1", "Costs", "title"},
			{"A2", "{{client}} · {{period}} · amounts in {{currency}}", "subtitle"},
			{"A3", "Other costs of the social programme. Edit hours, rates, amounts or percentages: totals and ROI follow.", "note"},
			{"A5", "{{costs.table}}", ""},
		},
	},
	{
		name:   "Sources",
		widths: map[string]float64{"A": 56, "B": 20, "C": 8, "D": 10, "E": 21, "F": 10, "G": 8, "H": 10, "I": 10, "J": 9, "K": 9, "L": 44, "M": 68, "N": 60},
		cells: []cell{
			{"A1", "Sources", "title"},
			{"A2", "{{client}} · {{period}}", "subtitle"},
			{"A3", "Each input file, what was used of it, and the platform's own totals check; the rows not used are listed on the Rejected sheet.", "note"},
			{"A5", "Input files", "section"},
			{"A6", "{{sources.table}}", ""},
			{"A8", "Rows not used", "section"},
			{"A9", "{{rejected.table}}", ""},
			{"A11", "Warnings", "section"},
			{"A12", "{{warnings.table}}", ""},
		},
	},
	{
		name:   "Definitions",
		widths: map[string]float64{"A": 26, "B": 50, "C": 56, "D": 16, "E": 12, "F": 16},
		cells: []cell{
			{"A1", "Definitions", "title"},
			{"A2", "{{client}} · {{period}} · amounts in {{currency}}", "subtitle"},
			{"A3", "Ratios are Σ numerator / Σ denominator over the scope, blank when the denominator is 0; reach is never summed.", "note"},
			{"A5", "KPIs", "section"},
			{"A6", "{{definitions.table}}", ""},
			{"A8", "Settings", "section"},
			{"A9", "{{settings.table}}", ""},
			{"A11", "Exchange rates", "section"},
			{"A12", "{{rates.table}}", ""},
			{"A14", "Action values (modelled value)", "section"},
			{"A15", "{{actions.table}}", ""},
		},
	},
}

// brand is the template's brand colour, the workbook's DefaultColor: an
// agency restyles the named styles below to its own.
const brand = "1F4E79"

// namedStyles are the template's cell styles. Each is a named cell style
// (Excel: Home › Cell Styles; LibreOffice: the Styles sidebar), so that an
// agency restyles "roibook Title" once and every title follows. Keys are
// the cell.style names above.
var namedStyles = []struct {
	key, name string
	style     excelize.Style
}{
	{"title", "roibook Title", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 16, Color: "1F2937"}}},
	{"subtitle", "roibook Subtitle", excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Color: "4B5563"}}},
	{"note", "roibook Note", excelize.Style{Font: &excelize.Font{Family: "Calibri", Italic: true, Size: 9, Color: "6B7280"}}},
	{"section", "roibook Section", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 12, Color: "1F2937"}}},
	{"wrap", "roibook Commentary", excelize.Style{Font: &excelize.Font{Family: "Calibri"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	{"alert", "roibook Alert", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 10, Color: "C2410C"}}},
	{"cover band", "roibook Cover band", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 11, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{brand}}, Alignment: &excelize.Alignment{Vertical: "center", Indent: 1}}},
	{"cover client", "roibook Cover client", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 28, Color: brand}, Alignment: &excelize.Alignment{Vertical: "bottom"}}},
	{"cover title", "roibook Cover title", excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 18, Color: "1F2937"}}},
	{"cover period", "roibook Cover period", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 14, Color: "4B5563"}}},
	{"tile label", "roibook Figure label", excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 9, Color: "4B5563"},
		Border: []excelize.Border{{Type: "top", Color: brand, Style: 5}}, Alignment: &excelize.Alignment{Vertical: "bottom"}}},
	{"tile value", "roibook Figure", excelize.Style{Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 18, Color: brand},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
}

// Headers and footers (Excel codes: &L &C &R left, centre, right; &B bold;
// &A the sheet's name; &P the page; &N the pages). The filler replaces the
// placeholders, escaping any & in the client's name.
const (
	header = "&L&B{{client}}&B&RSocial media ROI · {{period}}"
	footer = "&L{{agency}}&C&A&RPage &P of &N"
)

// Build returns the template's bytes; the same code gives the same bytes.
func Build() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont("Calibri"); err != nil {
		return nil, err
	}
	ids := map[string]int{}
	for _, ns := range namedStyles {
		id, err := addNamedStyle(f, ns.name, &ns.style)
		if err != nil {
			return nil, fmt.Errorf("style %s: %w", ns.name, err)
		}
		ids[ns.key] = id
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		cols := make([]string, 0, len(s.widths))
		for c := range s.widths {
			cols = append(cols, c)
		}
		sort.Strings(cols)
		for _, c := range cols {
			if err := f.SetColWidth(s.name, c, c, s.widths[c]); err != nil {
				return nil, err
			}
		}
		for _, c := range s.cells {
			if err := f.SetCellStr(s.name, c.ref, c.value); err != nil {
				return nil, err
			}
			if c.style != "" {
				id, ok := ids[c.style]
				if !ok {
					return nil, fmt.Errorf("sheet %s cell %s: no style %q", s.name, c.ref, c.style)
				}
				if err := f.SetCellStyle(s.name, c.ref, c.ref, id); err != nil {
					return nil, err
				}
			}
		}
		if err := pageSetup(f, s.name); err != nil {
			return nil, err
		}
	}
	for _, h := range []struct {
		sheet  string
		row    int
		height float64
	}{
		{"Cover", 1, 12}, {"Cover", 2, 24}, {"Cover", 4, 42}, {"Cover", 5, 27}, {"Cover", 6, 21},
		{"Cover", 12, 33}, {"Summary", 15, 60},
	} {
		if err := f.SetRowHeight(h.sheet, h.row, h.height); err != nil {
			return nil, err
		}
	}
	off := false
	if err := f.SetSheetView("Cover", 0, &excelize.ViewOptions{ShowGridLines: &off}); err != nil {
		return nil, err
	}
	// The cover page has no running header: the client's name is its title.
	if err := f.SetHeaderFooter("Cover", &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return nil, err
	}
	if err := f.MergeCell("Summary", "A15", "H15"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   "roibook workbook template",
		Creator: "roibook",
		Created: "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:00Z",
	}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return normalizeZip(buf.Bytes())
}

// pageSetup prints sheet landscape, fitted to the page width, with
// margins that leave room for the header and footer.
func pageSetup(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	landscape, one, zero := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	side, edge, hf := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer})
}

// addNamedStyle adds style as a named cell style and returns the id of a
// cell format based on it. excelize has no API for named cell styles (it
// writes cell formats only, each based on "Normal"), so this adds the
// style's master record (cellStyleXfs) and its name (cellStyles) to the
// parsed styles part, and bases the cell format on it.
func addNamedStyle(f *excelize.File, name string, style *excelize.Style) (int, error) {
	id, err := f.NewStyle(style)
	if err != nil {
		return 0, err
	}
	ss := f.Styles
	if ss == nil || ss.CellXfs == nil || ss.CellStyleXfs == nil || ss.CellStyles == nil || len(ss.CellStyles.CellStyle) == 0 {
		return 0, fmt.Errorf("the styles part has no named styles to extend")
	}
	if xf := ss.CellXfs.Xf[id]; xf.XfID != nil && *xf.XfID != 0 {
		return 0, fmt.Errorf("same formatting as another named style")
	}
	master := ss.CellXfs.Xf[id]
	master.XfID = nil
	ss.CellStyleXfs.Xf = append(ss.CellStyleXfs.Xf, master)
	ss.CellStyleXfs.Count = len(ss.CellStyleXfs.Xf)
	xfID := len(ss.CellStyleXfs.Xf) - 1
	named := *ss.CellStyles.CellStyle[0] // Normal, as a value to copy
	named.Name, named.XfID, named.BuiltInID, named.CustomBuiltIn, named.ILevel, named.Hidden = name, xfID, nil, nil, nil, nil
	ss.CellStyles.CellStyle = append(ss.CellStyles.CellStyle, &named)
	ss.CellStyles.Count = len(ss.CellStyles.CellStyle)
	ss.CellXfs.Xf[id].XfID = &xfID
	return id, nil
}

// normalizeZip rewrites a zip with its entries in name order
// ([Content_Types].xml first) and fixed timestamps, copying the compressed
// data as is.
func normalizeZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		h := f.FileHeader
		// 1980-01-01 00:00, the zip epoch, and no extended timestamp.
		//lint:ignore SA1019 CreateRaw writes the MS-DOS fields as given and never reads Modified.
		h.Modified, h.ModifiedTime, h.ModifiedDate = time.Time{}, 0, 1<<5|1
		h.Extra, h.Comment = nil, ""
		w, err := zw.CreateRaw(&h)
		if err != nil {
			return nil, err
		}
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
