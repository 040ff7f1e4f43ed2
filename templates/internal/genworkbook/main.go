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

// Build returns the template's bytes; the same code gives the same bytes.
func Build() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont("Calibri"); err != nil {
		return nil, err
	}
	styles := map[string]*excelize.Style{
		"title":    {Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 16, Color: "1F2937"}},
		"subtitle": {Font: &excelize.Font{Family: "Calibri", Size: 11, Color: "4B5563"}},
		"note":     {Font: &excelize.Font{Family: "Calibri", Italic: true, Size: 9, Color: "6B7280"}},
		"section":  {Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 12, Color: "1F2937"}},
		"wrap":     {Font: &excelize.Font{Family: "Calibri"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"alert":    {Font: &excelize.Font{Family: "Calibri", Bold: true, Size: 10, Color: "C2410C"}},
	}
	ids := map[string]int{}
	names := make([]string, 0, len(styles))
	for n := range styles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		id, err := f.NewStyle(styles[n])
		if err != nil {
			return nil, err
		}
		ids[n] = id
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
				if err := f.SetCellStyle(s.name, c.ref, c.ref, ids[c.style]); err != nil {
					return nil, err
				}
			}
		}
		landscape := "landscape"
		fit := true
		if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return nil, err
		}
		one, zero := 1, 0
		if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
			return nil, err
		}
	}
	if err := f.SetRowHeight("Summary", 15, 60); err != nil {
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
