package workbook_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/xuri/excelize/v2"
)

// agencyTemplate is the default template as an agency restyled it, saved
// by LibreOffice (testdata/agency_template.py writes it): the KPI table
// moved lower and to the right, other fonts and fills, a CPC figure on
// the Platform sheet and a sheet of the agency's own with placeholders.
const agencyTemplate = "testdata/agency_template.xlsx"

// Where the restyled template's tables land once filled with eurReport:
// the headline anchor (A6) gets 13 rows, the "At a glance" block below it
// 20, the goals anchor (A12) 5, so the KPI table's anchor, moved to D17,
// ends up at D55.
const (
	agencyKPIHeader = "D55"
	agencyAdSpend   = "Summary!$B$7"
)

func mustOpen(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func fillAgency(t *testing.T) (tmpl, out []byte, r *reportgen.Report) {
	t.Helper()
	tmpl, err := os.ReadFile(agencyTemplate)
	if err != nil {
		t.Fatal(err)
	}
	if err := workbook.Check(tmpl, agencyTemplate); err != nil {
		t.Fatalf("Check(%s) = %v", agencyTemplate, err)
	}
	r = eurReport(t)
	var buf bytes.Buffer
	if err := workbook.Fill(&buf, tmpl, r); err != nil {
		t.Fatalf("Fill: %v", err)
	}
	return tmpl, buf.Bytes(), r
}

// styleOf returns the style of a cell.
func styleOf(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// look is what an agency sees of a cell's style: font, colour, weight,
// size and fill colour (read from the styles part: excelize's GetStyle
// drops the colour of some fills LibreOffice writes).
func look(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	s := styleOf(t, f, sheet, cell)
	out := ""
	if s.Font != nil {
		out = fmt.Sprintf("%s %s bold=%v italic=%v %g", s.Font.Family, strings.ToUpper(s.Font.Color), s.Font.Bold, s.Font.Italic, s.Font.Size)
	}
	id, _ := f.GetCellStyle(sheet, cell)
	if xf := f.Styles.CellXfs.Xf[id]; xf.FillID != nil && *xf.FillID > 1 {
		if pf := f.Styles.Fills.Fill[*xf.FillID].PatternFill; pf != nil && pf.FgColor != nil {
			out += " fill " + strings.ToUpper(pf.FgColor.RGB)
		}
	}
	return out
}

// percent1 formats a fraction as the ROI format shows it: 12.3%.
func percent1(v float64) string { return fmt.Sprintf("%.1f%%", v*100) }

// euros formats m as the EUR format shows it: €1,234.56.
func euros(m kpi.Money) string {
	s := fmt.Sprintf("%.2f", m.Float64())
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return "€" + whole + "." + frac
}

// TestFill_AgencyTemplate fills the restyled template and checks that the
// tables are where the agency moved them, its sheet and styles are kept,
// and its placeholders became formulas (alone in a cell) or text.
func TestFill_AgencyTemplate(t *testing.T) {
	tmpl, out, r := fillAgency(t)
	f, tf := mustOpen(t, out), mustOpen(t, tmpl)

	want := []string{"Cover", "Summary", "Funnel", "Agency notes", "Meta Ads", "Google Ads", "Costs", "Data", "Sources", "Rejected", "Definitions"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}

	// The KPI table is where the agency moved it, not at A.
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	formula := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellFormula(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	col, row, _ := excelize.CellNameToCoordinates(agencyKPIHeader)
	right := func(dc, dr int) string { c, _ := excelize.CoordinatesToCellName(col+dc, row+dr); return c }
	if got := cell("Summary", agencyKPIHeader); got != "Metric" {
		t.Errorf("Summary!%s = %q, want the KPI table's header Metric", agencyKPIHeader, got)
	}
	if got := cell("Summary", right(1, 0)); got != "All platforms" {
		t.Errorf("Summary!%s = %q, want All platforms", right(1, 0), got)
	}
	if got := cell("Summary", right(0, 1)); got != "Ad spend" {
		t.Errorf("Summary!%s = %q, want Ad spend", right(0, 1), got)
	}
	if got := formula("Summary", right(1, 1)); !strings.HasPrefix(got, "SUM(Data!") {
		t.Errorf("Summary!%s = =%s, want the ad spend SUM over Data", right(1, 1), got)
	}
	rows := mustRows(t, f, "Summary")
	for i, row := range rows {
		if at(row, 0) == "Metric" {
			t.Errorf("Summary!A%d = Metric: the KPI table did not move", i+1)
		}
	}
	names := definedNames(f)
	if names["AdSpend"] != agencyAdSpend {
		t.Errorf("AdSpend refers to %s, want %s", names["AdSpend"], agencyAdSpend)
	}
	if got, want := formula("Summary", "B7"), "$"+strings.Replace(right(1, 1), "E", "E$", 1); got != want {
		t.Errorf("Summary!B7 (AdSpend) = =%s, want =%s, the KPI table's cell", got, want)
	}

	// The agency's styles are kept where it set them.
	for _, c := range []struct{ sheet, tmplSheet, ref string }{
		{"Summary", "Summary", "A1"}, {"Summary", "Summary", right(0, -1)},
		{"Agency notes", "Agency notes", "A1"}, {"Agency notes", "Agency notes", "A3"},
		{"Agency notes", "Agency notes", "B5"}, {"Agency notes", "Agency notes", "A13"},
		{"Meta Ads", "Platform", "C2"}, {"Meta Ads", "Platform", "D2"}, {"Google Ads", "Platform", "D2"},
	} {
		tref := c.ref
		if c.ref == right(0, -1) {
			tref = "D16" // the KPI table's title in the template
		}
		got, want := look(t, f, c.sheet, c.ref), look(t, tf, c.tmplSheet, tref)
		if got != want || !strings.Contains(want, "Georgia") {
			t.Errorf("%s!%s looks %q, want the template's %q", c.sheet, c.ref, got, want)
		}
	}

	// The agency's sheet: text kept, placeholders replaced.
	notes := "Agency notes"
	for _, c := range [][2]string{
		{"A1", "Brightside Social · account notes"},
		{"A3", "Prepared for Northwind Outdoor · October 2026"},
		{"A5", "Full-cost ROI"},
		{"A13", "Our commitments: weekly check-ins, a monthly review."},
	} {
		if got := cell(notes, c[0]); got != c[1] {
			t.Errorf("%s!%s = %q, want %q", notes, c[0], got, c[1])
		}
	}
	roi := r.Total.Values["roi"]
	line := "In one line: full-cost ROI " + percent1(roi.Value) + " on " + euros(r.Total.Inputs.TotalCost()) + " of cost."
	if got := cell(notes, "A11"); got != line {
		t.Errorf("%s!A11 = %q, want %q", notes, got, line)
	}
	cplRef := ""
	for i, row := range rows {
		if at(row, col-1) == "CPL" {
			c, _ := excelize.CoordinatesToCellName(col+1, i+1)
			cplRef = "Summary!" + strings.Replace("$"+c, "E", "E$", 1)
		}
	}
	for _, c := range []struct{ ref, formula, numFmt string }{
		{"B5", "ROI", "0.0%"},
		{"B6", "AdSpend", `"€"#,##0.00;-"€"#,##0.00`},
		{"B7", cplRef, "0.000"}, // the agency's own format is kept
		{"B8", "Revenue", `"€"#,##0.00;-"€"#,##0.00`},
		{"B9", "B5*100", ""}, // the agency's formula
	} {
		if got := formula(notes, c.ref); got != c.formula || got == "" {
			t.Errorf("%s!%s = =%s, want =%s", notes, c.ref, got, c.formula)
		}
		if c.numFmt == "" {
			continue
		}
		if s := styleOf(t, f, notes, c.ref); s.CustomNumFmt == nil || *s.CustomNumFmt != c.numFmt {
			t.Errorf("%s!%s number format = %v, want %q", notes, c.ref, s.CustomNumFmt, c.numFmt)
		}
	}
	// On a platform sheet a figure is that platform's, on the same sheet;
	// Google's CPC is undefined (no link clicks): blank, not 0.
	meta := mustRows(t, f, "Meta Ads")
	if got, want := formula("Meta Ads", "D2"), fmt.Sprintf("$B$%d", findRow(t, meta, "Meta Ads", "CPC")+1); got != want {
		t.Errorf("Meta Ads!D2 = =%s, want =%s, the sheet's own CPC cell", got, want)
	}
	if got, v := formula("Google Ads", "D2"), cell("Google Ads", "D2"); got != "" || v != "" {
		t.Errorf("Google Ads!D2 = %q =%s, want blank: Google's CPC is undefined", v, got)
	}
	// Headers: the agency's own, with the placeholders replaced.
	hf, err := f.GetHeaderFooter(notes)
	if err != nil || hf == nil {
		t.Fatalf("%s header: %v, %v", notes, hf, err)
	}
	if !strings.Contains(hf.OddHeader, "Northwind Outdoor") || !strings.Contains(hf.OddHeader, "Agency notes · October 2026") {
		t.Errorf("%s header = %q, want the client and the agency's text", notes, hf.OddHeader)
	}
}

// TestFill_AgencyTemplate_LibreOffice recalculates the filled restyled
// template: every named figure, the moved KPI table, the agency's
// placeholder cells and its own formula equal the report's figures.
func TestFill_AgencyTemplate_LibreOffice(t *testing.T) {
	officetest.Need(t, "soffice")
	t.Parallel()
	_, out, r := fillAgency(t)
	f := recalc(t, out, "agency.xlsx")
	noErrors(t, f)
	names := definedNames(f)
	for name, want := range nameFigures(r) {
		if got := cellAt(t, f, names[name]); !want.matches(got) {
			t.Errorf("%s (%s) = %q, want %v", name, names[name], got, want)
		}
	}
	// The moved KPI table, every scope.
	col, row, _ := excelize.CellNameToCoordinates(agencyKPIHeader)
	rows := mustRows(t, f, "Summary")
	scopes := []*reportgen.Scope{&r.Total}
	for i := range r.Platforms {
		scopes = append(scopes, &r.Platforms[i])
	}
	checked := 0
	for _, rw := range rows[row:] {
		label := at(rw, col-1)
		if label == "" {
			break
		}
		for j, s := range scopes {
			if want, ok := scopeFigure(r, s, label); ok {
				checked++
				if got := at(rw, col+j); !want.matches(got) {
					t.Errorf("Summary %s / %s = %q, want %v", label, s.Name, got, want)
				}
			}
		}
	}
	if want := len(scopes) * (len(operandLabels) + len(r.KPIs)); checked != want {
		t.Errorf("checked %d figures of the moved KPI table, want %d", checked, want)
	}
	if r.Platforms[0].Platform != kpi.MetaAds || r.Platforms[1].Platform != kpi.GoogleAds {
		t.Fatalf("platforms = %s, %s; the test expects Meta then Google", r.Platforms[0].Platform, r.Platforms[1].Platform)
	}
	in := &r.Total.Inputs
	roi := ratio(r.Total.Values["roi"])
	for _, c := range []struct {
		ref  string
		want figure
	}{
		{"'Agency notes'!B5", roi},
		{"'Agency notes'!B6", money(in.Spend)},
		{"'Agency notes'!B7", ratio(r.Total.Values["cpl"])},
		{"'Agency notes'!B8", money(in.Revenue)},
		{"'Agency notes'!B9", figure{v: roi.v * 100, ok: true}},
		{"'Meta Ads'!D2", ratio(r.Platforms[0].Values["cpc"])},
		{"'Google Ads'!D2", ratio(r.Platforms[1].Values["cpc"])},
		{"Cover!B12", money(in.TotalCost())},
		{"Cover!E12", roi},
		{"Cover!F12", ratio(r.Total.Values["roas"])},
	} {
		if got := cellAt(t, f, c.ref); !c.want.matches(got) {
			t.Errorf("%s = %q, want %v", c.ref, got, c.want)
		}
	}
}
