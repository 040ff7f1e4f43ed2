package workbook_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/roibook/roibook/reportgen"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
	"github.com/xuri/excelize/v2"
)

// editTemplate returns the default template changed by fn.
func editTemplate(t *testing.T, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(templates.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fillWith(t *testing.T, tmpl []byte, r *reportgen.Report) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.Fill(&buf, tmpl, r); err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return mustOpen(t, buf.Bytes())
}

func TestCheck_Placeholders(t *testing.T) {
	mine := func(cells map[string]string) []byte {
		return editTemplate(t, func(f *excelize.File) {
			_, _ = f.NewSheet("Mine")
			for c, v := range cells {
				_ = f.SetCellStr("Mine", c, v)
			}
		})
	}
	tests := []struct {
		name string
		tmpl []byte
		want []string // "" when the template is fine
	}{
		{"figures alone and in text", mine(map[string]string{"A1": "{{kpi.roi}}", "A2": " {{ total.spend }} ",
			"A3": "ROI {{kpi.roi_incl_modelled}} on {{total.total_cost}}", "A4": "{{contents}}", "A5": "{{logo}}"}), nil},
		{"figures on the Platform sheet", editTemplate(t, func(f *excelize.File) {
			_ = f.SetCellStr("Platform", "F1", "{{kpi.cpc}}")
		}), nil},
		{"unknown KPI", mine(map[string]string{"B4": "{{kpi.rio}}"}),
			[]string{`my.xlsx: sheet "Mine" cell B4: unknown placeholder {{kpi.rio}}; KPIs: ctr, cpc, `}},
		{"unknown total", mine(map[string]string{"C2": "spend {{total.cost}}"}),
			[]string{`my.xlsx: sheet "Mine" cell C2: unknown placeholder {{total.cost}}; totals: spend, impressions, `}},
		{"unknown prefix", mine(map[string]string{"C3": "{{kpis.roi}}"}),
			[]string{`my.xlsx: sheet "Mine" cell C3: unknown placeholder {{kpis.roi}}`}},
		{"contents inside text", mine(map[string]string{"A1": "see {{contents}}"}),
			[]string{`my.xlsx: sheet "Mine" cell A1: {{contents}} must be alone in its cell`}},
		{"contents on a required sheet", editTemplate(t, func(f *excelize.File) { _ = f.SetCellStr("Summary", "K1", "{{contents}}") }),
			[]string{`my.xlsx: sheet "Summary" cell K1: {{contents}} goes on a sheet of the template's own, such as Cover, not on "Summary"`}},
		{"logo inside text", mine(map[string]string{"A1": "{{logo}} Brightside"}),
			[]string{`my.xlsx: sheet "Mine" cell A1: {{logo}} must be alone in its cell`}},
		{"unknown placeholder in a header", editTemplate(t, func(f *excelize.File) {
			_ = f.SetHeaderFooter("Costs", &excelize.HeaderFooterOptions{OddHeader: "&L{{clinet}}", OddFooter: "&R{{kpi.roi}}"})
		}), []string{`my.xlsx: sheet "Costs" header or footer: unknown placeholder {{clinet}}`,
			`my.xlsx: sheet "Costs" header or footer: unknown placeholder {{kpi.roi}}`}},
		{"platform in the Summary's footer", editTemplate(t, func(f *excelize.File) {
			_ = f.SetHeaderFooter("Summary", &excelize.HeaderFooterOptions{OddFooter: "&L{{platform}}"})
		}), []string{`my.xlsx: sheet "Summary" header or footer: {{platform}} is only known on sheet "Platform"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := workbook.Check(tc.tmpl, "my.xlsx")
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				if err := workbook.Fill(&bytes.Buffer{}, tc.tmpl, eurReport(t)); err != nil {
					t.Errorf("Fill = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check = nil, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check = %q, want it to contain %q", err, w)
				}
			}
			if _, err := workbook.Inspect(tc.tmpl, "my.xlsx"); err == nil {
				t.Errorf("Inspect = nil error, want the same problems")
			}
		})
	}
}

func TestInspect(t *testing.T) {
	tmpl, err := workbook.Inspect(templates.Workbook, templates.WorkbookName)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Cover", "Summary", "Platform", "Costs", "Sources", "Definitions"}; !slices.Equal(tmpl.Sheets, want) {
		t.Errorf("sheets = %v, want %v", tmpl.Sheets, want)
	}
	for _, p := range []string{"client", "period", "agency", "kpi.roi", "total.total_cost", "contents", "logo", "kpi.table", "generated_from"} {
		if !slices.Contains(tmpl.Placeholders, p) {
			t.Errorf("placeholders %v: no %s", tmpl.Placeholders, p)
		}
	}
	if !slices.IsSorted(tmpl.Placeholders) {
		t.Errorf("placeholders %v: not sorted", tmpl.Placeholders)
	}
}

// Figures alone in a cell are formulas, blank when undefined; inside text
// they are the formatted value, "n/a" when undefined.
func TestFill_FigurePlaceholders(t *testing.T) {
	tmpl := editTemplate(t, func(f *excelize.File) {
		_, _ = f.NewSheet("Mine")
		for c, v := range map[string]string{"A1": "{{kpi.roi}}", "A2": "{{total.revenue}}", "A3": "{{kpi.ctr}}",
			"A4": "ROI {{kpi.roi}}, CTR {{kpi.ctr}}, revenue {{total.revenue}}, impressions {{total.impressions}} for {{client}}",
			"A5": "{{total.reach}}"} {
			_ = f.SetCellStr("Mine", c, v)
		}
	})
	// The values as the workbook formats them, from the model.
	text := func(r *reportgen.Report) string {
		v, in := r.Total.Values, &r.Total.Inputs
		roi, ctr, rev := "n/a", "n/a", "n/a"
		if v["roi"].OK {
			roi = percent1(v["roi"].Value)
		}
		if v["ctr"].OK {
			ctr = fmt.Sprintf("%.2f%%", v["ctr"].Value*100)
		}
		if r.Total.HasRevenue() {
			rev = euros(in.Revenue)
		}
		return fmt.Sprintf("ROI %s, CTR %s, revenue %s, impressions %s for %s", roi, ctr, rev, grouped(in.Impressions), r.Client)
	}
	for _, tc := range []struct {
		name     string
		report   func(testing.TB) *reportgen.Report
		formulas map[string]string // cell → formula, "" for blank
	}{
		{"eur", eurReport, map[string]string{"A1": "ROI", "A2": "Revenue", "A3": "Summary!$B$", "A5": ""}},
		// No spend and no revenue: ROI and revenue are undefined, blank.
		{"jpy", jpyReport, map[string]string{"A1": "", "A2": "", "A3": "Summary!$B$", "A5": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.report(t)
			f := fillWith(t, tmpl, r)
			for c, want := range tc.formulas {
				got, _ := f.GetCellFormula("Mine", c)
				v, _ := f.GetCellValue("Mine", c)
				if want == "" && (got != "" || v != "") {
					t.Errorf("Mine!%s = %q =%s, want blank", c, v, got)
				}
				if want != "" && !strings.HasPrefix(got, want) {
					t.Errorf("Mine!%s = =%s, want =%s…", c, got, want)
				}
			}
			if got, want := f.GetCellValue("Mine", "A4"); got != text(r) {
				t.Errorf("Mine!A4 = %q (%v), want %q", got, want, text(r))
			}
		})
	}
}

// grouped formats a count with comma thousands: 62,300.
func grouped(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Text from the inputs is never read as a placeholder or a formula, even
// when it looks like one.
func TestFill_PlaceholderLikeTextStaysText(t *testing.T) {
	tmpl := editTemplate(t, func(f *excelize.File) {
		_, _ = f.NewSheet("Mine")
		_ = f.SetCellStr("Mine", "A1", "{{client}}")
		_ = f.SetCellStr("Mine", "A2", "{{commentary}} and {{kpi.roi}}")
	})
	r := eurReport(t)
	r.Client, r.Commentary = "{{kpi.roi}}", "=1+1 {{total.spend}}"
	f := fillWith(t, tmpl, r)
	for c, want := range map[string]string{"A1": "{{kpi.roi}}", "A2": "=1+1 {{total.spend}} and " + percent1(r.Total.Values["roi"].Value)} {
		if got, _ := f.GetCellValue("Mine", c); got != want {
			t.Errorf("Mine!%s = %q, want %q", c, got, want)
		}
		if fm, _ := f.GetCellFormula("Mine", c); fm != "" {
			t.Errorf("Mine!%s = =%s, want text", c, fm)
		}
	}
}

// Every sheet prints with the template's header and footer, placeholders
// replaced and & escaped; sheets roibook creates get the Summary's.
func TestFill_HeaderFooter(t *testing.T) {
	r := sectionsReport(t, "ga4", "impressions")
	r.Client = "Smith & Co"
	f := fillWith(t, templates.Workbook, r)
	for _, sheet := range f.GetSheetList() {
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil {
			t.Errorf("%s: no header or footer (%v)", sheet, err)
			continue
		}
		all := hf.OddHeader + hf.OddFooter
		if strings.Contains(all, "{{") {
			t.Errorf("%s: header %q footer %q keep a placeholder", sheet, hf.OddHeader, hf.OddFooter)
		}
		if !strings.Contains(hf.OddFooter, "&P of &N") {
			t.Errorf("%s: footer %q, want the page number", sheet, hf.OddFooter)
		}
		if sheet == "Cover" {
			continue // the cover's title is the client
		}
		if !strings.Contains(hf.OddHeader, "Smith && Co") || !strings.Contains(hf.OddHeader, r.Period.Label()) {
			t.Errorf("%s: header %q, want the client (& escaped) and the period", sheet, hf.OddHeader)
		}
		layout, _ := f.GetPageLayout(sheet)
		if *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: prints %s, fit to width %v; want landscape, 1 page wide", sheet, *layout.Orientation, layout.FitToWidth)
		}
	}
}

// The table of contents lists every other sheet, in order, each linked.
func TestFill_Contents(t *testing.T) {
	f := fillWith(t, templates.Workbook, sectionsReport(t, "crm", "followers"))
	rows := mustRows(t, f, "Cover")
	hdr := -1
	for i, row := range rows {
		if at(row, 1) == "Sheet" && at(row, 2) == "What it holds" {
			hdr = i
		}
	}
	if hdr < 0 {
		t.Fatal("Cover: no table of contents")
	}
	want := slices.DeleteFunc(f.GetSheetList(), func(s string) bool { return s == "Cover" })
	var got []string
	for i, row := range rows[hdr+1:] {
		if at(row, 1) == "" {
			break
		}
		got = append(got, at(row, 1))
		cell, _ := excelize.CoordinatesToCellName(2, hdr+2+i)
		ok, link, err := f.GetCellHyperLink("Cover", cell)
		name := strings.ReplaceAll(strings.Trim(strings.TrimSuffix(link, "!A1"), "'"), "''", "'")
		if err != nil || !ok || name != at(row, 1) {
			t.Errorf("Cover!%s %q links to %q (%v, %v)", cell, at(row, 1), link, ok, err)
		}
		if at(row, 2) == "" {
			t.Errorf("Cover!%s %q: no description", cell, at(row, 1))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("contents = %v, want %v", got, want)
	}
}

func TestFill_Logo(t *testing.T) {
	logo, err := os.ReadFile("../../samples/northwind-outdoor/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	r := eurReport(t)
	r.Branding.Logo = logo
	f := fillWith(t, templates.Workbook, r)
	cells, err := f.GetPictureCells("Cover")
	if err != nil || !slices.Equal(cells, []string{"F4"}) {
		t.Errorf("Cover pictures at %v (%v), want the logo at F4", cells, err)
	}
	if v, _ := f.GetCellValue("Cover", "F4"); v != "" {
		t.Errorf("Cover!F4 = %q, want the placeholder gone", v)
	}
	var a, b bytes.Buffer
	if workbook.Fill(&a, templates.Workbook, r) != nil || workbook.Fill(&b, templates.Workbook, r) != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two fills with a logo differ")
	}
	r.Branding.Logo = nil
	f = fillWith(t, templates.Workbook, r)
	if cells, _ := f.GetPictureCells("Cover"); len(cells) != 0 {
		t.Errorf("Cover pictures at %v without a logo", cells)
	}
	r.Branding.Logo = []byte("not an image")
	if err := workbook.Fill(&bytes.Buffer{}, templates.Workbook, r); err == nil || !strings.Contains(err.Error(), "branding logo") {
		t.Errorf("Fill with a broken logo = %v, want a branding logo error", err)
	}
}

// The template's brand blue becomes the branding's primary colour.
func TestFill_BrandColour(t *testing.T) {
	band := func(color string) string {
		r := eurReport(t)
		r.Branding.PrimaryColor = color
		f := fillWith(t, templates.Workbook, r)
		id, _ := f.GetCellStyle("Cover", "B2")
		xf := f.Styles.CellXfs.Xf[id]
		fill := f.Styles.Fills.Fill[*xf.FillID].PatternFill.FgColor.RGB
		font := f.Styles.Fonts.Font[*f.Styles.CellXfs.Xf[mustStyleID(t, f, "Cover", "B4")].FontID].Color.RGB
		return fill + " " + font
	}
	if got := band("#0E7C66"); got != "FF0E7C66 FF0E7C66" {
		t.Errorf("cover band and client with #0E7C66 = %s, want FF0E7C66 twice", got)
	}
	if got := band(""); got != "FF1F4E79 FF1F4E79" {
		t.Errorf("cover band and client without a colour = %s, want the template's FF1F4E79", got)
	}
}

func mustStyleID(t *testing.T, f *excelize.File, sheet, cell string) int {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A template without the cover (one restyled before it existed) fills.
func TestFill_NoCover(t *testing.T) {
	tmpl := editTemplate(t, func(f *excelize.File) { _ = f.DeleteSheet("Cover") })
	f := fillWith(t, tmpl, eurReport(t))
	if got := f.GetSheetList(); got[0] != "Summary" || slices.Contains(got, "Cover") {
		t.Errorf("sheets = %v", got)
	}
}
