package workbook_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/reportgen"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
	"github.com/xuri/excelize/v2"
)

var (
	update    = flag.Bool("update", false, "rewrite the golden files in testdata/")
	writeXLSX = flag.String("xlsx", "", "also write each golden case's workbook into this directory, to look at")
)

func mustFill(tb testing.TB, r *reportgen.Report) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := workbook.Fill(&buf, templates.Workbook, r); err != nil {
		tb.Fatalf("Fill: %v", err)
	}
	return buf.Bytes()
}

var cases = []struct {
	name   string
	report func(testing.TB) *reportgen.Report
}{
	{"eur_two_platforms", eurReport},
	{"eur_compared", eurComparedReport},
	{"jpy_no_spend", jpyReport},
	{"empty", emptyReport},
	{"sections_ga4", func(tb testing.TB) *reportgen.Report { return sectionsReport(tb, "ga4", "impressions") }},
	{"sections_crm", func(tb testing.TB) *reportgen.Report { return sectionsReport(tb, "crm", "followers") }},
	{"sections_platforms", func(tb testing.TB) *reportgen.Report { return sectionsReport(tb, "platforms", "reach") }},
}

func TestFill_Golden(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := mustFill(t, tc.report(t))
			if *writeXLSX != "" {
				if err := os.WriteFile(filepath.Join(*writeXLSX, tc.name+".xlsx"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := dumpCells(t, b)
			file := filepath.Join("testdata", tc.name+".cells.golden")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("cells differ from %s (go test -update rewrites it; read the diff):\n%s", file, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) or only in got (+), up to 40.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 40 {
		out = append(out[:40], "...")
	}
	return strings.Join(out, "\n")
}

func TestFill_Deterministic(t *testing.T) {
	for _, tc := range cases {
		first := mustFill(t, tc.report(t))
		for range 5 {
			if again := mustFill(t, tc.report(t)); !bytes.Equal(first, again) {
				t.Fatalf("%s: two fills of the same report differ (%d and %d bytes)", tc.name, len(first), len(again))
			}
		}
	}
}

// Text from the inputs that looks like a formula must stay text.
func TestFill_FormulaLikeTextStaysText(t *testing.T) {
	r := eurReport(t)
	r.Client = `=HYPERLINK("http://evil","client")`
	r.Commentary = "@SUM(1+1)"
	r.Costs[0].Description = "+cmd|' /C calc'!A0"
	evil := []string{hyperlinkCampaign, r.Client, r.Commentary, r.Costs[0].Description}
	literal := regexp.MustCompile(`"(?:[^"]|"")*"`)
	sheets, _ := readWorkbook(t, mustFill(t, r))
	found := map[string]bool{}
	for _, s := range sheets {
		for _, c := range s.cells {
			if c.formula != "" {
				// Input text may appear in a formula only inside a string literal.
				if code := literal.ReplaceAllString(c.formula, `""`); strings.Contains(code, "HYPERLINK") || strings.Contains(code, "cmd|") {
					t.Errorf("%s!%s: input text became formula code: =%s", s.name, c.ref, c.formula)
				}
				continue
			}
			for _, e := range evil {
				if strings.Contains(c.value, e) {
					found[s.name+" "+e] = true
					if c.typ != "s" && c.typ != "inlineStr" {
						t.Errorf("%s!%s: %q stored with type %q, want text", s.name, c.ref, c.value, c.typ)
					}
				}
			}
		}
	}
	for _, want := range []string{"Summary " + r.Client, "Summary " + r.Commentary, "Meta Ads " + hyperlinkCampaign,
		"Data " + hyperlinkCampaign, "Costs " + r.Costs[0].Description} {
		if !found[want] {
			t.Errorf("no text cell holds %q", want)
		}
	}
}

// A revenue source other than the platforms without its sheet (a report
// not built by reportgen.Build) is a value from the report, not a sum of
// the Data sheet's conversion value.
func TestFill_RevenueFromAnotherSource(t *testing.T) {
	r := eurReport(t)
	r.RevenueSource = "ga4"
	r.Total.Inputs.Revenue = mustMoney(t, "5000.25")
	f, err := excelize.OpenReader(bytes.NewReader(mustFill(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref := ""
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "Revenue" {
			ref = dn.RefersTo
		}
	}
	// Revenue refers to the headline, which refers to the KPI table.
	fm, _ := f.GetCellFormula("Summary", strings.ReplaceAll(strings.TrimPrefix(ref, "Summary!"), "$", ""))
	cell := strings.ReplaceAll(fm, "$", "")
	if got, _ := f.GetCellFormula("Summary", cell); got != "" {
		t.Errorf("revenue cell %s = =%s, want a value", cell, got)
	}
	if got, _ := f.GetCellValue("Summary", cell, excelize.Options{RawCellValue: true}); got != "5000.25" {
		t.Errorf("revenue cell %s = %q, want 5000.25", cell, got)
	}
	if hits, _ := f.SearchSheet("Meta Ads", "Conversion value"); len(hits) != 0 {
		t.Errorf("campaign table has a conversion value column (%v) though revenue is from ga4", hits)
	}
}

func TestFill_Structure(t *testing.T) {
	b := mustFill(t, eurReport(t))
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Cover", "Summary", "Funnel", "Meta Ads", "Google Ads", "Costs", "Data", "Sources", "Rejected", "Definitions"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	if got := f.GetSheetName(f.GetActiveSheetIndex()); got != "Summary" {
		t.Errorf("active sheet = %s, want Summary", got)
	}
	tables, err := f.GetTables("Data")
	if err != nil || len(tables) != 1 || tables[0].Name != "DataTable" || strings.Contains(tables[0].Name, " ") {
		t.Errorf("Data tables = %+v, %v; want one table DataTable", tables, err)
	}
	var names []string
	nameRe := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)
	for _, dn := range f.GetDefinedName() {
		names = append(names, dn.Name)
		if !nameRe.MatchString(dn.Name) || dn.Scope != "Workbook" {
			t.Errorf("defined name %+v: want a valid workbook-scope name", dn)
		}
	}
	slices.Sort(names)
	wantNames := slices.Sorted(slices.Values(workbook.Names))
	if !slices.Equal(names, wantNames) {
		t.Errorf("defined names = %v, want %v", names, wantNames)
	}
	// Every money figure on the Data sheet is a number with the EUR format.
	style, err := f.GetCellStyle("Data", "I2")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != `"€"#,##0.00;-"€"#,##0.00` {
		t.Errorf("Data!I2 style = %+v, want the EUR money format", st)
	}
	if typ, _ := f.GetCellType("Data", "I2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Data!I2 type = %v, want a number", typ)
	}
}

func TestFill_JPYHasNoDecimals(t *testing.T) {
	b := mustFill(t, jpyReport(t))
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, _ := f.GetCellStyle("Summary", "B7")
	st, _ := f.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != `"¥"#,##0;-"¥"#,##0` {
		t.Errorf("Summary!B7 (ad spend) format = %v, want ¥ with no decimals", st.CustomNumFmt)
	}
	if got := f.GetSheetList(); !slices.Contains(got, "LinkedIn Ads") {
		t.Errorf("sheets = %v, want a LinkedIn Ads sheet", got)
	}
}

func TestCheck(t *testing.T) {
	if err := workbook.Check(templates.Workbook, templates.WorkbookName); err != nil {
		t.Fatalf("Check(embedded template) = %v", err)
	}
	edit := func(fn func(f *excelize.File)) []byte {
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
	find := func(f *excelize.File, sheet, text string) string {
		cells, err := f.SearchSheet(sheet, regexp.QuoteMeta(text), true)
		if err != nil || len(cells) == 0 {
			t.Fatalf("%s has no %s: %v", sheet, text, err)
		}
		return cells[0]
	}
	tests := []struct {
		name string
		tmpl []byte
		want []string
	}{
		{"missing anchor", edit(func(f *excelize.File) {
			_ = f.SetCellStr("Summary", find(f, "Summary", "{{kpi.table}}"), "KPIs go here")
		}), []string{`my.xlsx: sheet "Summary": no placeholder {{kpi.table}}`}},
		{"missing sheet", edit(func(f *excelize.File) { _ = f.DeleteSheet("Costs") }),
			[]string{`my.xlsx: no sheet "Costs"`}},
		{"unknown placeholder", edit(func(f *excelize.File) { _ = f.SetCellStr("Costs", "D2", "for {{clinet}}") }),
			[]string{`my.xlsx: sheet "Costs" cell D2: unknown placeholder {{clinet}}`}},
		{"anchor on the wrong sheet", edit(func(f *excelize.File) {
			_ = f.SetCellStr("Costs", find(f, "Costs", "{{costs.table}}"), "")
			_ = f.SetCellStr("Sources", "A30", "{{costs.table}}")
		}), []string{`my.xlsx: sheet "Sources" cell A30: {{costs.table}} belongs on sheet "Costs"`,
			`my.xlsx: sheet "Costs": no placeholder {{costs.table}}`}},
		{"a Data sheet", edit(func(f *excelize.File) { _, _ = f.NewSheet("Data") }),
			[]string{`my.xlsx: sheet "Data": roibook creates the Data sheet`}},
		{"platform placeholder off the Platform sheet", edit(func(f *excelize.File) { _ = f.SetCellStr("Summary", "C2", "{{platform}}") }),
			[]string{`my.xlsx: sheet "Summary" cell C2: {{platform}} is only known on sheet "Platform"`}},
		{"not a workbook", []byte("hello"), []string{"my.xlsx: not an xlsx workbook"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := workbook.Check(tc.tmpl, "my.xlsx")
			if err == nil {
				t.Fatalf("Check = nil, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check = %q, want it to contain %q", err, w)
				}
			}
			if err := workbook.Fill(&bytes.Buffer{}, tc.tmpl, eurReport(t)); err == nil {
				t.Errorf("Fill with a bad template = nil, want an error")
			}
		})
	}
}

// A restyled template may move anchors: tables follow them.
func TestFill_MovedAnchors(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templates.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	// Headline to the right of the KPI table, on the same row.
	cells, _ := f.SearchSheet("Summary", `\{\{headline\}\}`, true)
	_ = f.SetCellStr("Summary", cells[0], "")
	kt, _ := f.SearchSheet("Summary", `\{\{kpi\.table\}\}`, true)
	_, row, _ := excelize.CellNameToCoordinates(kt[0])
	hl, _ := excelize.CoordinatesToCellName(8, row)
	_ = f.SetCellStr("Summary", hl, "{{headline}}")
	_ = f.SetCellStr("Summary", "J1", "Below the tables: {{client}}")
	var tmpl bytes.Buffer
	if err := f.Write(&tmpl); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := eurReport(t)
	var out bytes.Buffer
	if err := workbook.Fill(&out, tmpl.Bytes(), r); err != nil {
		t.Fatalf("Fill: %v", err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, dn := range g.GetDefinedName() {
		if dn.Name == "AdSpend" {
			want := "Summary!$I$" + strconv.Itoa(row+1)
			if dn.RefersTo != want {
				t.Errorf("AdSpend refers to %s, want %s", dn.RefersTo, want)
			}
		}
	}
	if v, _ := g.GetCellValue("Summary", "J1"); v != "Below the tables: "+r.Client {
		t.Errorf("J1 = %q, want the client name replaced", v)
	}
}

// operandLeft matches an {operand} of a KPI's Excel form (array constants
// such as {"=meta_posts","=youtube"} are not operands).
var operandLeft = regexp.MustCompile(`\{[a-z_]+\}`)

// No formula keeps an {operand} of a KPI's Excel form.
func TestFill_NoOperandLeft(t *testing.T) {
	for _, tc := range cases {
		sheets, _ := readWorkbook(t, mustFill(t, tc.report(t)))
		for _, s := range sheets {
			for _, c := range s.cells {
				if operandLeft.MatchString(c.formula) {
					t.Errorf("%s: %s!%s = %s", tc.name, s.name, c.ref, c.formula)
				}
			}
		}
	}
}

// The sections' sheets come after the ad platforms (organic) and before
// Sources (invoices, web analytics, CRM), with their tables and names.
func TestFill_SectionsStructure(t *testing.T) {
	b := mustFill(t, sectionsReport(t, "ga4", "impressions"))
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Cover", "Summary", "Funnel", "Meta Ads", "Google Ads", "Facebook & Instagram (organic)", "LinkedIn page", "Costs", "Data",
		"Invoices", "Web analytics", "CRM", "Sources", "Rejected", "Definitions"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	for sheet, table := range map[string]string{"LinkedIn page": "Posts_linkedin_page",
		"Facebook & Instagram (organic)": "Posts_meta_posts", "Web analytics": "WebRows", "CRM": "CRMRows"} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 || tables[0].Name != table {
			t.Errorf("%s tables = %+v, %v; want one table %s", sheet, tables, err, table)
		}
	}
	var names []string
	for _, dn := range f.GetDefinedName() {
		names = append(names, dn.Name)
	}
	slices.Sort(names)
	wantNames := slices.Sorted(slices.Values(append(slices.Clone(workbook.Names), workbook.SectionNames...)))
	if !slices.Equal(names, wantNames) {
		t.Errorf("defined names = %v, want %v", names, wantNames)
	}
	// Text from the inputs stays text: a post titled like a formula, an
	// invoice number with leading zeros.
	sheets, _ := readWorkbook(t, b)
	found := map[string]bool{}
	for _, s := range sheets {
		for _, c := range s.cells {
			if (c.value == hyperlinkCampaign || c.value == "00042") && c.formula == "" {
				found[s.name+" "+c.value] = c.typ == "s" || c.typ == "inlineStr"
			}
		}
	}
	for _, w := range []string{"LinkedIn page " + hyperlinkCampaign, "Invoices 00042"} {
		if !found[w] {
			t.Errorf("no text cell holds %q", w)
		}
	}
}

// With revenue from GA4, each scope's revenue is a live SUMIFS over the
// Web analytics sheet, the whole report's over every paid channel.
func TestFill_RevenueFromGA4IsLive(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(mustFill(t, sectionsReport(t, "ga4", "impressions"))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells, err := f.SearchSheet("Summary", "^Attributed revenue$", true)
	if err != nil || len(cells) < 2 {
		t.Fatalf("no Attributed revenue row in the Summary's KPI table: %v", err)
	}
	_, row, _ := excelize.CellNameToCoordinates(cells[1]) // the headline's refers to it
	if hl, _ := f.GetCellFormula("Summary", strings.Replace(cells[0], "A", "B", 1)); hl != fmt.Sprintf("$B$%d", row) {
		t.Errorf("headline revenue = =%s, want =$B$%d", hl, row)
	}
	total, _ := f.GetCellFormula("Summary", fmt.Sprintf("B%d", row))
	if !strings.Contains(total, "'Web analytics'!") || !strings.Contains(total, `"=social_paid"`) || strings.Contains(total, `"=meta_posts"`) {
		t.Errorf("whole-report revenue = =%s, want a SUMIFS over Web analytics of the paid channels, Paid Social included", total)
	}
	meta, _ := f.GetCellFormula("Meta Ads", "B15")
	if meta != `SUMIFS('Web analytics'!$M$19:$M$28,'Web analytics'!$C$19:$C$28,"=meta_ads")` {
		t.Errorf("Meta Ads revenue = =%s, want the SUMIFS of its channel", meta)
	}
}
