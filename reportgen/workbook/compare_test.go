package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// eurComparedReport is eurReport compared with September (both platforms,
// first and last day: the whole month) and with October 2025, which only
// Meta's rows reach (partial).
func eurComparedReport(tb testing.TB) *reportgen.Report {
	tb.Helper()
	opts, recs, costs, sources := eurInputs(tb)
	prev := reportgen.NewAggregator(opts.Currency, opts.Rates)
	yoy := reportgen.NewAggregator(opts.Currency, opts.Rates)
	for _, r := range recs {
		s := r
		s.Day = kpi.Day(2026, 9, 1)
		if r.Day.Day() > 1 {
			s.Day = kpi.Day(2026, 9, 30)
		}
		s.Spend = r.Spend * 3 / 4
		s.Impressions = r.Impressions * 4 / 5
		if err := prev.Add(s); err != nil {
			tb.Fatal(err)
		}
		if r.Platform == kpi.MetaAds {
			y := r
			y.Day = kpi.Day(2025, 10, 10)
			y.Spend = r.Spend / 2
			if err := yoy.Add(y); err != nil {
				tb.Fatal(err)
			}
		}
	}
	opts.Previous, opts.YearAgo = prev, yoy
	return mustBuild(tb, opts, recs, costs, sources)
}

// comparisonKey returns the figure key of a KPI table row label.
func comparisonKey(r *reportgen.Report, label string) (string, bool) {
	if key, ok := operandLabels[label]; ok {
		return key, true
	}
	for _, k := range r.KPIs {
		if k.Name == label {
			return k.Key, true
		}
	}
	return "", false
}

// percentRow reports whether a figure shows as a percentage: its change
// is in percentage points and has no Δ %.
func percentRow(r *reportgen.Report, key string) bool {
	k, ok := kpi.Find(r.KPIs, key)
	return ok && k.Format == kpi.FormatPercent
}

// checkComparisons compares the Summary's comparison columns with the
// report's comparisons: each figure, Δ and Δ %.
func checkComparisons(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	rows := mustRows(t, f, "Summary")
	hdr := findRow(t, rows, "Summary", "Metric")
	for _, c := range []*reportgen.Comparison{r.Previous, r.YearAgo} {
		name, vs := "Previous period", "previous"
		if c == r.YearAgo {
			name, vs = "Year ago", "year ago"
		}
		col := slices.IndexFunc(rows[hdr], func(h string) bool { return strings.HasPrefix(h, name) })
		if c == nil {
			if col >= 0 {
				t.Errorf("Summary has a %q column, but the report has no such comparison", rows[hdr][col])
			}
			continue
		}
		if col < 0 || at(rows[hdr], col+1) != "Δ vs "+vs || at(rows[hdr], col+2) != "Δ % vs "+vs {
			t.Fatalf("Summary header %q: no %s, Δ, Δ %% columns", rows[hdr], name)
		}
		if c.Partial != strings.HasSuffix(rows[hdr][col], "(partial)") {
			t.Errorf("header %q, partial %v", rows[hdr][col], c.Partial)
		}
		checked, deltas := 0, 0
		for _, row := range rows[hdr+1:] {
			if len(row) == 0 || row[0] == "" {
				break
			}
			key, ok := comparisonKey(r, row[0])
			if !ok {
				continue
			}
			k, isKPI := kpi.Find(r.KPIs, key)
			money := isKPI && k.Format == kpi.FormatMoney ||
				slices.Contains([]string{"spend", "revenue", "modelled_value", "other_costs", "total_cost"}, key)
			want := ratio(c.Figure(key))
			want.money = money
			if got := at(row, col); !want.matches(got) {
				t.Errorf("%s %s = %q, want %v", name, row[0], got, want)
			}
			diff, frac := r.Change(c, key)
			wd := ratio(diff)
			wd.money = money
			if percentRow(r, key) {
				wd.v *= 100
				frac = kpi.Ratio{}
			}
			if got := at(row, col+1); !wd.matches(got) {
				t.Errorf("%s Δ %s = %q, want %v", name, row[0], got, wd)
			}
			if got := at(row, col+2); !ratio(frac).matches(got) {
				t.Errorf("%s Δ %% %s = %q, want %v", name, row[0], got, ratio(frac))
			}
			checked++
			if diff.OK {
				deltas++
			}
		}
		if checked != len(operandLabels)+len(r.KPIs) {
			t.Errorf("%s: checked %d rows", name, checked)
		}
		if !c.Partial && deltas < 10 {
			t.Errorf("%s: only %d changes defined", name, deltas)
		}
		if c.Partial && deltas != 0 {
			t.Errorf("%s: %d changes of a partial comparison", name, deltas)
		}
	}
}

// checkFunnel compares the Funnel sheet with Report.Funnel: every
// metric of every stage for all platforms and each, and every conversion.
func checkFunnel(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	fn := r.Funnel
	if fn == nil {
		if slices.Contains(f.GetSheetList(), "Funnel") {
			t.Error("a Funnel sheet without a funnel")
		}
		return
	}
	rows := mustRows(t, f, "Funnel")
	hdr := findRow(t, rows, "Funnel", "Stage and metric")
	i := hdr + 1
	n := 0
	for si, st := range fn.Stages {
		if at(rows[i], 0) != st.Name {
			t.Fatalf("Funnel row %d = %q, want stage %s", i+1, at(rows[i], 0), st.Name)
		}
		i++
		for _, m := range st.Metrics {
			if at(rows[i], 0) != m.Label {
				t.Fatalf("Funnel row %d = %q, want %s", i+1, at(rows[i], 0), m.Label)
			}
			cells := append([]kpi.Ratio{m.Total}, m.Platforms...)
			for j, v := range cells {
				want := ratio(v)
				want.money = m.Format == kpi.FormatMoney
				if got := at(rows[i], 1+j); !want.matches(got) {
					t.Errorf("Funnel %s %s column %d = %q, want %v", st.Name, m.Label, 1+j, got, want)
				}
				n++
			}
			i++
		}
		if si+1 < len(fn.Stages) {
			if !strings.HasPrefix(at(rows[i], 0), "→ "+fn.Stages[si+1].Name) {
				t.Fatalf("Funnel row %d = %q, want the conversion to %s", i+1, at(rows[i], 0), fn.Stages[si+1].Name)
			}
			fr := st.ToNext
			for j, v := range append([]kpi.Ratio{fr.Total}, fr.Platforms...) {
				if got := at(rows[i], 1+j); !ratio(v).matches(got) {
					t.Errorf("Funnel %s column %d = %q, want %v", at(rows[i], 0), 1+j, got, ratio(v))
				}
				n++
			}
			i++
		}
	}
	if n < 10 {
		t.Errorf("checked only %d funnel cells", n)
	}
}
