package workbook_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// recalc writes b to dir/name, lets LibreOffice compute every formula and
// returns the recalculated workbook.
func recalc(t *testing.T, b []byte, name string) *excelize.File {
	t.Helper()
	in := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(officetest.Recalc(t, in))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellAt returns the computed value of a sheet-qualified reference such
// as Summary!$B$7 or 'Meta Ads'!$B$6.
func cellAt(t *testing.T, f *excelize.File, ref string) string {
	t.Helper()
	sheet, cell, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("reference %q has no sheet", ref)
	}
	sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
	v, err := f.GetCellValue(sheet, strings.ReplaceAll(cell, "$", ""), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	return v
}

// A figure is what roibook computed for a cell.
type figure struct {
	v     float64
	ok    bool // false: the cell must be blank
	money bool // compared to the cent rather than to 1e-9
}

func money(m kpi.Money) figure  { return figure{v: m.Float64(), ok: true, money: true} }
func ratio(r kpi.Ratio) figure  { return figure{v: r.Value, ok: r.OK} }
func count(v float64) figure    { return figure{v: v, ok: true} }
func (w figure) String() string { return fmt.Sprintf("%v (ok %v)", w.v, w.ok) }

// matches reports whether the computed cell text got equals want.
func (w figure) matches(got string) bool {
	if !w.ok {
		return got == ""
	}
	g, err := strconv.ParseFloat(got, 64)
	if err != nil {
		return false
	}
	if w.money {
		return math.Abs(g-w.v) < 0.005
	}
	return math.Abs(g-w.v) <= 1e-9*math.Max(1, math.Abs(w.v))
}

// nameFigures are the figures behind each defined name.
func nameFigures(r *reportgen.Report) map[string]figure {
	in := &r.Total.Inputs
	v := r.Total.Values
	// A metric no export reports is blank, not 0.
	provided := func(fig figure, f kpi.Fields) figure {
		if in.Has&f == 0 {
			return figure{}
		}
		return fig
	}
	return map[string]figure{
		"AdSpend": money(in.Spend), "OtherCosts": money(in.OtherCosts), "TotalCost": money(in.TotalCost()),
		"Revenue": provided(money(in.Revenue), kpi.FRevenue), "ModelledValue": money(in.ModelledValue),
		"ROAS": ratio(v["roas"]), "MediaROI": ratio(v["media_roi"]), "ROI": ratio(v["roi"]),
		"ROIInclModelled": ratio(v["roi_incl_modelled"]),
		"Impressions":     provided(count(float64(in.Impressions)), kpi.FImpressions),
		"Clicks":          provided(count(float64(in.Clicks)), kpi.FClicks),
		"Conversions":     provided(count(in.Conversions.Float64()), kpi.FConversions),
		"Leads":           provided(count(in.Leads.Float64()), kpi.FLeads),
	}
}

// definedNames maps each workbook-scope name to what it refers to.
func definedNames(f *excelize.File) map[string]string {
	out := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		out[dn.Name] = strings.TrimPrefix(dn.RefersTo, "=")
	}
	return out
}

// TestFill_LibreOffice recalculates the filled workbook in LibreOffice and
// checks every named figure, every KPI of every scope, every campaign KPI
// and every goal against the figures roibook computed itself, and the
// sections (checkSections); and every formula cell against the value the
// cell caches (checkEveryCell).
func TestFill_LibreOffice(t *testing.T) {
	officetest.Need(t, "soffice")
	t.Parallel()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := tc.report(t)
			b := mustFill(t, r)
			f := recalc(t, b, tc.name+".xlsx")
			noErrors(t, f)
			checkEveryCell(t, b, f)
			names := definedNames(f)
			for name, want := range nameFigures(r) {
				ref, ok := names[name]
				if !ok {
					t.Errorf("no defined name %s after LibreOffice", name)
					continue
				}
				if got := cellAt(t, f, ref); !want.matches(got) {
					t.Errorf("%s (%s) = %q, want %v", name, ref, got, want)
				}
			}
			checkScopes(t, f, r)
			checkCampaigns(t, f, r)
			checkGoals(t, f, r)
			checkSections(t, f, r)
			checkFunnel(t, f, r)
			checkComparisons(t, f, r)
		})
	}
}

// noErrors fails on any cell LibreOffice computed as an error.
func noErrors(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				if strings.HasPrefix(v, "#") && strings.HasSuffix(v, "!") || strings.HasPrefix(v, "Err:") ||
					v == "#NAME?" || v == "#N/A" || v == "#NUM!" {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					t.Errorf("%s!%s = %s", sheet, cell, v)
				}
			}
		}
	}
}

var operandLabels = map[string]string{
	"Ad spend": "spend", "Impressions": "impressions", "Reach": "reach", "Clicks (all)": "clicks",
	"Link clicks": "link_clicks", "Engagements": "engagements", "Leads": "leads", "Conversions": "conversions",
	"Purchases": "purchases", "Attributed revenue": "revenue", "Other costs": "other_costs",
	"Total cost": "total_cost", "Modelled value": "modelled_value",
}

// scopeFigure returns what roibook computed for a totals or KPI row.
func scopeFigure(r *reportgen.Report, s *reportgen.Scope, label string) (figure, bool) {
	if key, ok := operandLabels[label]; ok {
		in := &s.Inputs
		// A metric the scope's exports do not report is blank, not 0.
		provided := map[string]kpi.Fields{"impressions": kpi.FImpressions, "clicks": kpi.FClicks,
			"link_clicks": kpi.FLinkClicks, "engagements": kpi.FEngagements, "leads": kpi.FLeads,
			"conversions": kpi.FConversions, "purchases": kpi.FPurchases, "revenue": kpi.FRevenue}
		if f, ok := provided[key]; ok && in.Has&f == 0 {
			return figure{}, true
		}
		switch key {
		case "reach":
			return figure{v: float64(in.Reach), ok: in.ReachKnown}, true
		case "spend", "revenue", "other_costs", "total_cost", "modelled_value":
			return figure{v: kpi.Operand(*in, key), ok: true, money: true}, true
		}
		return count(kpi.Operand(*in, key)), true
	}
	for _, k := range r.KPIs {
		if k.Name == label {
			return ratio(s.Values[k.Key]), true
		}
	}
	return figure{}, false
}

// checkScopes compares the Summary's KPI table (every scope column) and
// each platform sheet's totals with the report.
func checkScopes(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	rows := mustRows(t, f, "Summary")
	hdr := findRow(t, rows, "Summary", "Metric")
	scopes := []*reportgen.Scope{&r.Total}
	for i := range r.Platforms {
		scopes = append(scopes, &r.Platforms[i])
	}
	checked := 0
	for _, row := range rows[hdr+1:] {
		if len(row) == 0 || row[0] == "" {
			break
		}
		for j, s := range scopes {
			want, ok := scopeFigure(r, s, row[0])
			if !ok {
				continue
			}
			got := at(row, 1+j)
			if !want.matches(got) {
				t.Errorf("Summary %s / %s = %q, want %v", row[0], s.Name, got, want)
			}
			checked++
		}
	}
	if want := len(scopes) * (len(operandLabels) + len(r.KPIs)); checked != want {
		t.Errorf("checked %d Summary figures, want %d", checked, want)
	}
	for i := range r.Platforms {
		s := &r.Platforms[i]
		rows := mustRows(t, f, s.Name)
		hdr := findRow(t, rows, s.Name, "Totals")
		n := 0
		for _, row := range rows[hdr+1:] {
			if len(row) == 0 || row[0] == "" {
				break
			}
			if want, ok := scopeFigure(r, s, row[0]); ok {
				n++
				if got := at(row, 1); !want.matches(got) {
					t.Errorf("%s %s = %q, want %v", s.Name, row[0], got, want)
				}
			}
		}
		if n != len(operandLabels)+len(r.KPIs) {
			t.Errorf("%s: checked %d figures", s.Name, n)
		}
	}
}

// checkCampaigns compares each campaign row's KPIs with Campaign.Values.
func checkCampaigns(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	for i := range r.Platforms {
		s := &r.Platforms[i]
		rows := mustRows(t, f, s.Name)
		hdr := findRow(t, rows, s.Name, "Account")
		seen := 0
		for _, row := range rows[hdr+1:] {
			if len(row) < 2 || row[1] == "" {
				break
			}
			var c *reportgen.Campaign
			for k := range s.Campaigns {
				if s.Campaigns[k].Account == row[0] && s.Campaigns[k].Campaign == row[1] {
					c = &s.Campaigns[k]
				}
			}
			if c == nil {
				t.Errorf("%s: campaign row %q/%q is not in the report", s.Name, row[0], row[1])
				continue
			}
			seen++
			for j, h := range rows[hdr] {
				var want figure
				switch {
				case strings.HasPrefix(h, "Spend ("):
					want = money(c.Totals.Spend)
				case strings.HasPrefix(h, "Conversion value ("):
					want = money(c.Totals.ConversionValue)
				case h == "Impressions":
					want = count(float64(c.Totals.Impressions))
				default:
					k := slices.IndexFunc(r.KPIs, func(k kpi.KPI) bool { return k.Name == h })
					if k < 0 {
						continue
					}
					want = ratio(c.Values[r.KPIs[k].Key])
				}
				if got := at(row, j); !want.matches(got) {
					t.Errorf("%s campaign %q %s = %q, want %v", s.Name, c.Campaign, h, got, want)
				}
			}
		}
		if seen != len(s.Campaigns) {
			t.Errorf("%s: %d campaign rows, want %d", s.Name, seen, len(s.Campaigns))
		}
	}
}

// checkGoals compares the goals table with Report.Goals.
func checkGoals(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	if len(r.Goals) == 0 {
		return
	}
	rows := mustRows(t, f, "Summary")
	hdr := findRow(t, rows, "Summary", "Goal")
	for i, g := range r.Goals {
		row := rows[hdr+1+i]
		if got := at(row, 4); !ratio(g.Actual).matches(got) {
			t.Errorf("goal %s %s: actual = %q, want %v", g.Metric, g.Platform, got, g.Actual)
		}
		if got := at(row, 5); !ratio(g.Attainment).matches(got) {
			t.Errorf("goal %s %s: attainment = %q, want %v", g.Metric, g.Platform, got, g.Attainment)
		}
		if got := at(row, 6); got != g.Status {
			t.Errorf("goal %s %s: status = %q, want %q", g.Metric, g.Platform, got, g.Status)
		}
	}
}

// TestFill_LibreOffice_EditCost edits one cost amount in the filled
// workbook, recalculates, and checks that costs and ROI follow exactly.
func TestFill_LibreOffice_EditCost(t *testing.T) {
	officetest.Need(t, "soffice")
	t.Parallel()
	r := eurReport(t)
	f, err := excelize.OpenReader(bytes.NewReader(mustFill(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	// The tools line: 49 USD at 0.92 → 149 USD.
	rows := mustRows(t, f, "Costs")
	hdr := findRow(t, rows, "Costs", "Category")
	amountCol := slices.Index(rows[hdr], "Amount")
	line := -1
	for i, row := range rows {
		if at(row, 1) == "Scheduling tool" {
			line = i
		}
	}
	if line < 0 || amountCol < 0 {
		t.Fatalf("no Scheduling tool line or Amount column on Costs")
	}
	cell, _ := excelize.CoordinatesToCellName(amountCol+1, line+1)
	if err := f.SetCellFloat("Costs", cell, 149, -1, 64); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	g := recalc(t, buf.Bytes(), "edited.xlsx")
	names := definedNames(g)

	delta := 100 * 0.92
	in := r.Total.Inputs
	rev, tc := in.Revenue.Float64(), in.TotalCost().Float64()+delta
	want := map[string]figure{
		"OtherCosts":      {v: in.OtherCosts.Float64() + delta, ok: true, money: true},
		"TotalCost":       {v: tc, ok: true, money: true},
		"ROI":             {v: (rev - tc) / tc, ok: true},
		"ROIInclModelled": {v: (rev + in.ModelledValue.Float64() - tc) / tc, ok: true},
		"MediaROI":        ratio(r.Total.Values["media_roi"]), // ad spend only: unchanged
	}
	for name, w := range want {
		if got := cellAt(t, g, names[name]); !w.matches(got) {
			t.Errorf("after the edit, %s = %q, want %v", name, got, w)
		}
	}
	before := r.Total.Values["roi"].Value
	if got, _ := strconv.ParseFloat(cellAt(t, g, names["ROI"]), 64); got == before {
		t.Errorf("ROI did not change after the cost edit: %v", got)
	}
	t.Logf("ROI %.10f → %.10f after +%.2f EUR of tools", before, want["ROI"].v, delta)
}

func mustRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// findRow returns the index of the first row whose first cell is label.
func findRow(t *testing.T, rows [][]string, sheet, label string) int {
	t.Helper()
	for i, row := range rows {
		if len(row) > 0 && row[0] == label {
			return i
		}
	}
	t.Fatalf("%s: no row starting with %q", sheet, label)
	return -1
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
