package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// A chartSeries is one series of a chart as its XML holds it.
type chartSeries struct {
	kind           string // barChart, lineChart, doughnutChart
	name, cat, val string // the formulas of its name, categories and values
}

// A chartPart is one chart of a filled workbook: the sheet it is drawn
// on, its series, how many value axes it has and their number formats.
type chartPart struct {
	sheet   string
	series  []chartSeries
	valAxes []string // each value axis's number format
}

// readCharts returns every chart of the .xlsx b, by following each
// sheet's drawing to its charts.
func readCharts(t *testing.T, b []byte) []chartPart {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	part := func(name string) []byte {
		f, err := zr.Open(name)
		if err != nil {
			return nil
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	readRels := func(name string) rels {
		var r rels
		if data := part(name); data != nil {
			if err := xml.Unmarshal(data, &r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		return r
	}
	resolve := func(from, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Clean(path.Join(path.Dir(from), target))
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(part("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	wbRels := readRels("xl/_rels/workbook.xml.rels")
	var out []chartPart
	for _, s := range wb.Sheets {
		var sheetPart string
		for _, r := range wbRels.Rel {
			if r.ID == s.RID {
				sheetPart = resolve("xl/workbook.xml", r.Target)
			}
		}
		for _, r := range readRels(path.Join(path.Dir(sheetPart), "_rels", path.Base(sheetPart)+".rels")).Rel {
			if !strings.HasSuffix(r.Type, "/drawing") {
				continue
			}
			drawing := resolve(sheetPart, r.Target)
			for _, dr := range readRels(path.Join(path.Dir(drawing), "_rels", path.Base(drawing)+".rels")).Rel {
				if !strings.HasSuffix(dr.Type, "/chart") {
					continue
				}
				name := resolve(drawing, dr.Target)
				var cs struct {
					Items []struct {
						XMLName xml.Name
						Ser     []struct {
							Tx     string `xml:"tx>strRef>f"`
							CatStr string `xml:"cat>strRef>f"`
							CatNum string `xml:"cat>numRef>f"`
							Val    string `xml:"val>numRef>f"`
						} `xml:"ser"`
						NumFmt struct {
							Code string `xml:"formatCode,attr"`
						} `xml:"numFmt"`
					} `xml:",any"`
				}
				var wrap struct {
					PlotArea *struct {
						Inner []byte `xml:",innerxml"`
					} `xml:"chart>plotArea"`
				}
				if err := xml.Unmarshal(part(name), &wrap); err != nil || wrap.PlotArea == nil {
					t.Fatalf("%s: no plot area (%v)", name, err)
				}
				if err := xml.Unmarshal(append(append([]byte("<p>"), wrap.PlotArea.Inner...), "</p>"...), &cs); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				c := chartPart{sheet: s.Name}
				for _, it := range cs.Items {
					if it.XMLName.Local == "valAx" {
						c.valAxes = append(c.valAxes, it.NumFmt.Code)
					}
					for _, se := range it.Ser {
						c.series = append(c.series, chartSeries{kind: it.XMLName.Local, name: se.Tx, cat: se.CatStr + se.CatNum, val: se.Val})
					}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// chartsOn returns the charts drawn on sheet.
func chartsOn(charts []chartPart, sheet string) []chartPart {
	var out []chartPart
	for _, c := range charts {
		if c.sheet == sheet {
			out = append(out, c)
		}
	}
	return out
}

// ref returns a sheet-qualified absolute range of one column.
func ref(sheet string, col, from, to int) string {
	l, _ := excelize.ColumnNumberToName(col)
	q := sheet
	if strings.ContainsAny(sheet, " &()'") {
		q = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	if from == to {
		return fmt.Sprintf("%s!$%s$%d", q, l, from)
	}
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", q, l, from, l, to)
}

// rowRef returns a sheet-qualified absolute range of one row.
func rowRef(sheet string, row, from, to int) string {
	a, _ := excelize.ColumnNumberToName(from)
	b, _ := excelize.ColumnNumberToName(to)
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", sheet, a, row, b, row)
}

// rowOf returns the 1-based row of the first row whose first cell is
// label at or after row from (1-based).
func rowOf(t *testing.T, rows [][]string, sheet, label string, from int) int {
	t.Helper()
	for i := from - 1; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q from row %d", sheet, label, from)
	return 0
}

func openFilled(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestFill_Charts checks that the Summary and each platform sheet carry
// native charts whose series read the workbook's own cells: the KPI
// table's spend, total cost and revenue rows per platform, the Costs
// sheet's cost split, and each platform's daily trend block.
func TestFill_Charts(t *testing.T) {
	r := eurReport(t)
	b := mustFill(t, r)
	f := openFilled(t, b)
	charts := readCharts(t, b)

	sum := mustRows(t, f, "Summary")
	hdr := rowOf(t, sum, "Summary", "Metric", 1)
	want := []chartSeries{}
	for _, label := range []string{"Ad spend", "Total cost", "Attributed revenue"} {
		row := rowOf(t, sum, "Summary", label, hdr)
		want = append(want, chartSeries{"barChart", ref("Summary", 1, row, row), rowRef("Summary", hdr, 3, 4), rowRef("Summary", row, 3, 4)})
	}
	got := chartsOn(charts, "Summary")
	if len(got) != 2 {
		t.Fatalf("Summary has %d charts, want 2 (platforms, cost split): %+v", len(got), got)
	}
	if !slices.Equal(got[0].series, want) {
		t.Errorf("Summary platform chart series = %+v, want %+v", got[0].series, want)
	}
	if at(sum[hdr-1], 2) != "Meta Ads" || at(sum[hdr-1], 3) != "Google Ads" {
		t.Errorf("the platform chart's categories %v are not the platform names", sum[hdr-1])
	}
	if len(got[0].valAxes) != 1 || got[0].valAxes[0] != `"€"#,##0;-"€"#,##0` {
		t.Errorf("platform chart value axes = %q, want one in whole euros", got[0].valAxes)
	}

	// The doughnut: ad spend, then the categories with a positive total,
	// largest first; the refunds credit (-20 EUR) is left out.
	costs := mustRows(t, f, "Costs")
	split := rowOf(t, costs, "Costs", "Ad spend", 1)
	wantSplit := []chartSeries{{"doughnutChart", ref("Costs", 1, split-2, split-2), ref("Costs", 1, split, split+4), ref("Costs", 3, split, split+4)}}
	if !slices.Equal(got[1].series, wantSplit) {
		t.Errorf("Summary cost split series = %+v, want %+v", got[1].series, wantSplit)
	}
	var labels []string
	for row := split; row <= split+5; row++ {
		labels = append(labels, at(costs[row-1], 0))
	}
	if w := []string{"Ad spend", "staff", "production", "agency fee", "tools", "refunds"}; !slices.Equal(labels, w) {
		t.Errorf("cost split labels = %q, want %q", labels, w)
	}

	// Each platform: spend columns and a conversion line on a second axis,
	// over one row per day of October.
	for i := range r.Platforms {
		s := &r.Platforms[i]
		rows := mustRows(t, f, s.Name)
		top := rowOf(t, rows, s.Name, "Day", 1)
		first, last := top+1, top+31
		got := chartsOn(charts, s.Name)
		if len(got) != 1 {
			t.Fatalf("%s has %d charts, want 1", s.Name, len(got))
		}
		conv := at(rows[top-1], 2)
		want := []chartSeries{
			{"barChart", ref(s.Name, 2, top, top), ref(s.Name, 1, first, last), ref(s.Name, 2, first, last)},
			{"lineChart", ref(s.Name, 3, top, top), ref(s.Name, 1, first, last), ref(s.Name, 3, first, last)},
		}
		if !slices.Equal(got[0].series, want) {
			t.Errorf("%s trend series = %+v, want %+v", s.Name, got[0].series, want)
		}
		if len(got[0].valAxes) != 2 {
			t.Errorf("%s trend has %d value axes, want 2 (%s on the secondary)", s.Name, len(got[0].valAxes), conv)
		}
		if at(rows[first-1], 0) != "46296" || at(rows[last-1], 0) != "46326" || last < len(rows) && at(rows[last], 0) != "" {
			t.Errorf("%s trend days = %q … %q, want every day of October 2026 (46296 … 46326)", s.Name, at(rows[first-1], 0), at(rows[last-1], 0))
		}
		if want := map[kpi.Platform]string{kpi.MetaAds: "Leads", kpi.GoogleAds: "Conversions"}[s.Platform]; conv != want {
			t.Errorf("%s trend line = %q, want %q", s.Name, conv, want)
		}
	}
	if n := len(charts); n != 4 {
		t.Errorf("%d charts in all, want 4", n)
	}
}

// TestFill_OrganicCharts checks the organic sheets' engagements by day.
func TestFill_OrganicCharts(t *testing.T) {
	r := sectionsReport(t, "platforms", "reach")
	b := mustFill(t, r)
	f := openFilled(t, b)
	charts := readCharts(t, b)
	drawn := 0
	for _, s := range r.Organic.Platforms {
		got := chartsOn(charts, s.Name)
		if len(s.Days) == 0 {
			if len(got) != 0 {
				t.Errorf("%s has no days but %d charts", s.Name, len(got))
			}
			continue
		}
		rows := mustRows(t, f, s.Name)
		top := rowOf(t, rows, s.Name, "Day", 1)
		first, last := top+1, top+r.Period.Days()
		want := []chartSeries{{"barChart", ref(s.Name, 2, top, top), ref(s.Name, 1, first, last), ref(s.Name, 2, first, last)}}
		if len(got) != 1 || !slices.Equal(got[0].series, want) {
			t.Errorf("%s charts = %+v, want one with %+v", s.Name, got, want)
		}
		drawn++
	}
	if drawn == 0 {
		t.Fatal("no organic platform with days in the test report")
	}
}

// TestFill_GoalStatusRules checks the goal status formula and the
// conditional formats colouring attainment and status.
func TestFill_GoalStatusRules(t *testing.T) {
	r := eurReport(t)
	f := openFilled(t, mustFill(t, r))
	rows := mustRows(t, f, "Summary")
	hdr := rowOf(t, rows, "Summary", "Goal", 1)
	first, last := hdr+1, hdr+len(r.Goals)
	fm, err := f.GetCellFormula("Summary", fmt.Sprintf("G%d", first))
	if err != nil || !strings.Contains(fm, `"at risk"`) || !strings.Contains(fm, ">=0.9") {
		t.Errorf("status formula = %q, %v; want met / at risk (attainment ≥ 0.9) / missed", fm, err)
	}
	cfs, err := f.GetConditionalFormats("Summary")
	if err != nil {
		t.Fatal(err)
	}
	rules := cfs[fmt.Sprintf("F%d:G%d", first, last)]
	var crits []string
	for _, c := range rules {
		if c.Type != "formula" || c.Format == nil {
			t.Errorf("rule %+v: want a formula rule with a format", c)
		}
		crits = append(crits, c.Criteria)
	}
	want := []string{fmt.Sprintf(`$G%d="met"`, first), fmt.Sprintf(`$G%d="at risk"`, first), fmt.Sprintf(`$G%d="missed"`, first)}
	if !slices.Equal(crits, want) {
		t.Errorf("conditional formats on F%d:G%d = %q (all: %v), want %q", first, last, crits, cfs, want)
	}
	statuses := map[string]bool{}
	for _, g := range r.Goals {
		statuses[g.Status] = true
	}
	if !statuses["at risk"] || !statuses["missed"] {
		t.Errorf("the test report's goals are %v: want one at risk and one missed", statuses)
	}
}

// TestFill_Navigation checks the Summary's links to every sheet and the
// frozen panes.
func TestFill_Navigation(t *testing.T) {
	r := sectionsReport(t, "ga4", "impressions")
	f := openFilled(t, mustFill(t, r))
	rows := mustRows(t, f, "Summary")
	var col, row int
	for i, cells := range rows {
		if j := slices.Index(cells, "Sheets"); j >= 0 {
			col, row = j+1, i+1
			break
		}
	}
	if row == 0 {
		t.Fatal("Summary: no Sheets index")
	}
	linked := map[string]bool{}
	for i := row; i < len(rows) && at(rows[i], col-1) != ""; i++ {
		cell, _ := excelize.CoordinatesToCellName(col, i+1)
		ok, target, err := f.GetCellHyperLink("Summary", cell)
		name := rows[i][col-1]
		sheet, _, _ := strings.Cut(target, "!")
		if sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'"); err != nil || !ok || sheet != name {
			t.Errorf("Summary!%s %q links to %q (%v, %v), want its sheet", cell, name, target, ok, err)
		}
		linked[name] = true
	}
	for _, s := range f.GetSheetList() {
		if s != "Summary" && !linked[s] {
			t.Errorf("sheet %q is not in the Summary's index", s)
		}
	}
	for _, s := range []string{"Summary", "Sources", "Definitions", "Costs", "Data", "Meta Ads"} {
		if p, err := f.GetPanes(s); err != nil || !p.Freeze {
			t.Errorf("%s: panes %+v, %v; want frozen", s, p, err)
		}
	}
}

// jpyCostsReport is a JPY month with a USD export row, cost lines in JPY
// (an amount and hours × rate) and in USD, and a JPY invoice.
func jpyCostsReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	m := func(s string) kpi.Money { return mustMoney(tb, s) }
	has := kpi.FSpend | kpi.FImpressions | kpi.FClicks | kpi.FLinkClicks | kpi.FConversions | kpi.FConversionValue
	rec := func(day int, cur, spend, value string, line int) kpi.Record {
		return kpi.Record{Platform: kpi.MetaAds, Day: kpi.Day(2026, 10, day), Account: "JP", Campaign: "秋", Currency: cur,
			Spend: m(spend), ConversionValue: m(value), Impressions: 1000, Clicks: 20, LinkClicks: 15, Conversions: mustQty(tb, "2"),
			Has: has, Source: kpi.Source{File: "meta.csv", Line: line}}
	}
	opts := reportgen.Options{
		Client: "サンプル", Currency: "JPY", Period: kpi.Month(2026, 10), RevenueSource: "platforms",
		Rates: map[string]kpi.Rate{"USD": mustRate(tb, "151.37")},
		Goals: []reportgen.GoalSpec{{Metric: "spend", Target: 100000, Direction: "at_most"}},
		Invoices: []kpi.Invoice{{Platform: kpi.MetaAds, Number: "INV-1", Date: kpi.Day(2026, 10, 31), Amount: m("52000"), Tax: m("5200"),
			Currency: "JPY", Source: kpi.Source{File: "invoices.csv", Line: 2}}},
	}
	costs := []kpi.Cost{
		{Category: "tools", Description: "Scheduler", Basis: kpi.BasisAmount, Amount: m("12000"), Currency: "JPY", Source: kpi.Source{File: "costs.csv", Line: 2}},
		{Category: "staff", Description: "Community", Basis: kpi.BasisHours, Hours: mustQty(tb, "10"), Rate: m("4500"), Currency: "JPY", Source: kpi.Source{File: "costs.csv", Line: 3}},
		{Category: "tools", Description: "Analytics", Basis: kpi.BasisAmount, Amount: m("49.99"), Currency: "USD", Source: kpi.Source{File: "costs.csv", Line: 4}},
	}
	recs := []kpi.Record{rec(1, "JPY", "25000", "60000", 2), rec(2, "JPY", "27000", "0", 3), rec(2, "USD", "120.50", "310.25", 4)}
	return mustBuild(tb, opts, recs, costs, []kpi.FileStats{{File: "meta.csv", Platform: kpi.MetaAds, Format: "csv", Currency: "JPY", Rows: 3, Used: 3}})
}

// TestFill_JPYMoneyHasNoDecimals checks every money cell of a JPY report:
// no yen format has decimals, amounts in JPY (cost lines, the export's
// spend, an invoice) have none, and amounts in USD keep their cents.
func TestFill_JPYMoneyHasNoDecimals(t *testing.T) {
	b := mustFill(t, jpyCostsReport(t))
	f := openFilled(t, b)
	format := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt != nil {
			return *st.CustomNumFmt
		}
		return strconv.Itoa(st.NumFmt)
	}
	// filled reports whether a cell holds a value or a formula (formulas
	// have no cached value before a spreadsheet computes them).
	filled := func(sheet, cell, v string) bool {
		if v != "" {
			return true
		}
		fm, err := f.GetCellFormula(sheet, cell)
		return err == nil && fm != ""
	}
	yen := 0
	for _, sheet := range f.GetSheetList() {
		rows := mustRows(t, f, sheet)
		width := 0
		for _, row := range rows {
			width = max(width, len(row))
		}
		for i, row := range rows {
			for j := range width {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if !filled(sheet, cell, at(row, j)) {
					continue
				}
				if fm := format(sheet, cell); strings.Contains(fm, "¥") {
					yen++
					if strings.Contains(fm, ".0") {
						t.Errorf("%s!%s format %q: yen with decimals", sheet, cell, fm)
					}
				}
			}
		}
	}
	if yen < 50 {
		t.Errorf("only %d cells have a yen format", yen)
	}
	// Amounts in their own currency, by column header and row currency.
	check := func(sheet, header, curHeader string) {
		t.Helper()
		rows := mustRows(t, f, sheet)
		for i, row := range rows {
			col, cc := slices.Index(row, header), slices.Index(row, curHeader)
			if col < 0 || cc < 0 {
				continue
			}
			n := 0
			for k := i + 1; k < len(rows) && at(rows[k], cc) != ""; k++ {
				cell, _ := excelize.CoordinatesToCellName(col+1, k+1)
				if !filled(sheet, cell, at(rows[k], col)) {
					continue
				}
				want := map[string]string{"JPY": "#,##0", "USD": "#,##0.00"}[rows[k][cc]]
				if got := format(sheet, cell); got != want {
					t.Errorf("%s!%s (%s in %s) format %q, want %q", sheet, cell, header, rows[k][cc], got, want)
				}
				n++
			}
			if n == 0 {
				t.Errorf("%s: no %s amounts checked", sheet, header)
			}
			return
		}
		t.Errorf("%s: no header row with %q and %q", sheet, header, curHeader)
	}
	check("Costs", "Amount", "Currency")
	check("Costs", "Hourly rate", "Currency")
	check("Data", "Spend (original)", "Currency")
	check("Invoices", "Amount", "Currency")
	check("Invoices", "Gross", "Currency")
	for _, c := range readCharts(t, b) {
		for _, fm := range c.valAxes {
			if strings.Contains(fm, "¥") && strings.Contains(fm, ".0") {
				t.Errorf("%s chart axis format %q has decimals", c.sheet, fm)
			}
		}
	}
}

// TestFill_LibreOffice_Craft recalculates the filled workbook in
// LibreOffice and checks the figures the charts draw against the report:
// each day of each platform's trend, the cost split per category, media
// and non-media, and that every slice of the doughnut is positive; and
// every formula cell against the value it caches (checkEveryCell).
func TestFill_LibreOffice_Craft(t *testing.T) {
	officetest.Need(t, "soffice")
	t.Parallel()
	for _, tc := range []struct {
		name   string
		report func(testing.TB) *reportgen.Report
	}{
		{"eur_two_platforms", eurReport},
		{"sections_platforms", func(tb testing.TB) *reportgen.Report { return sectionsReport(tb, "platforms", "reach") }},
		{"jpy_costs", jpyCostsReport},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := tc.report(t)
			b := mustFill(t, r)
			charts := readCharts(t, b)
			f := recalc(t, b, tc.name+".xlsx")
			noErrors(t, f)
			checkEveryCell(t, b, f)
			for i := range r.Platforms {
				checkTrend(t, f, r, &r.Platforms[i])
			}
			if r.Organic != nil {
				for i := range r.Organic.Platforms {
					checkTrend(t, f, r, &r.Organic.Platforms[i])
				}
			}
			checkCostSplit(t, f, r, charts)
		})
	}
}

// trendFigure returns what a trend column shows for one day.
func trendFigure(header string, t *kpi.Totals) figure {
	switch {
	case strings.HasPrefix(header, "Spend ("):
		return money(t.Spend)
	case header == "Conversions":
		return count(t.Conversions.Float64())
	case header == "Leads":
		return count(t.Leads.Float64())
	case header == "Purchases":
		return count(t.Purchases.Float64())
	case header == "Engagements":
		return count(float64(t.Engagements))
	case header == "Video views":
		return count(float64(t.VideoViews))
	case header == "Impressions":
		return count(float64(t.Impressions))
	}
	return figure{}
}

// checkTrend compares a platform sheet's daily trend with the scope's days:
// a day without data is 0.
func checkTrend(t *testing.T, f *excelize.File, r *reportgen.Report, s *reportgen.Scope) {
	t.Helper()
	rows := mustRows(t, f, s.Name)
	if len(s.Days) == 0 {
		return
	}
	top := rowOf(t, rows, s.Name, "Day", 1)
	byDay := map[string]*kpi.Totals{}
	for i := range s.Days {
		byDay[strconv.Itoa(int(s.Days[i].Day.Sub(kpi.Day(1899, 12, 30)).Hours()/24))] = &s.Days[i].Totals
	}
	n, seen := 0, 0
	for _, row := range rows[top:] {
		if at(row, 0) == "" {
			break
		}
		n++
		tot := byDay[row[0]]
		if tot != nil {
			seen++
		} else {
			tot = &kpi.Totals{}
		}
		for j, h := range rows[top-1][1:] {
			want := trendFigure(h, tot)
			if !want.ok {
				t.Fatalf("%s trend: unknown column %q", s.Name, h)
			}
			if got := at(row, 1+j); !want.matches(got) {
				t.Errorf("%s trend day %s %s = %q, want %v", s.Name, row[0], h, got, want)
			}
		}
	}
	if n != r.Period.Days() || seen != len(s.Days) {
		t.Errorf("%s trend: %d days (%d with data), want %d (%d)", s.Name, n, seen, r.Period.Days(), len(s.Days))
	}
}

// checkCostSplit compares the Costs sheet's cost split with the cost lines.
func checkCostSplit(t *testing.T, f *excelize.File, r *reportgen.Report, charts []chartPart) {
	t.Helper()
	rows := mustRows(t, f, "Costs")
	top := rowOf(t, rows, "Costs", "Ad spend", 1)
	byCat := map[string]kpi.Money{}
	var all kpi.Money
	for _, c := range r.Costs {
		byCat[strings.ReplaceAll(c.Category, "_", " ")] += c.Amount
		all += c.Amount
	}
	spend := r.Total.Inputs.Spend
	want := map[string]figure{"Ad spend": money(spend), "Total": money(spend + all), "Media": money(spend), "Non-media": money(all)}
	for k, v := range byCat {
		want[k] = money(v)
	}
	checked := 0
	for _, row := range rows[top-1:] {
		label := at(row, 0)
		if label == "" {
			break
		}
		w, ok := want[label]
		if !ok {
			t.Errorf("cost split row %q is not a category of the report", label)
			continue
		}
		checked++
		if got := at(row, 2); !w.matches(got) {
			t.Errorf("cost split %s = %q, want %v", label, got, w)
		}
	}
	if checked != len(want) {
		t.Errorf("checked %d cost split rows, want %d", checked, len(want))
	}
	// Every slice the doughnut draws is positive.
	for _, c := range chartsOn(charts, "Summary") {
		for _, s := range c.series {
			if s.kind != "doughnutChart" {
				continue
			}
			_, rng, _ := strings.Cut(s.val, "!")
			a, b, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
			_, r0, _ := excelize.CellNameToCoordinates(a)
			_, r1, _ := excelize.CellNameToCoordinates(b)
			for row := r0; row <= r1; row++ {
				if v, _ := strconv.ParseFloat(at(rows[row-1], 2), 64); v <= 0 && at(rows[row-1], 0) != "Ad spend" {
					t.Errorf("doughnut slice %q = %v, want > 0", at(rows[row-1], 0), v)
				}
			}
		}
	}
}
