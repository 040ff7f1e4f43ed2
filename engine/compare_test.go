package engine_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/engine"
	"github.com/roibook/roibook/internal/gen"
	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/kpi"
	"github.com/xuri/excelize/v2"
)

// metaSums sums a generated Meta export the way a person would with a
// spreadsheet: spend and value in cents, counts as integers.
type metaSums struct {
	spendCents, valueCents              int64
	impressions, clicks, link, purchase int64
	leads                               int64
	rows                                int
}

func sumMeta(t *testing.T, path string) metaSums {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	rd := csv.NewReader(br)
	hdr, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		i := slices.Index(hdr, name)
		if i < 0 {
			t.Fatalf("%s: no column %q", path, name)
		}
		return i
	}
	spend, value, impr, clicks, link, purch, leads := col("Amount spent (EUR)"), col("Purchases conversion value"),
		col("Impressions"), col("Clicks (all)"), col("Link clicks"), col("Purchases"), col("Leads")
	cents := func(s string) int64 {
		if s == "" {
			return 0
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return int64(math.Round(v * 100))
	}
	n := func(s string) int64 {
		if s == "" {
			return 0
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var s metaSums
	for {
		rec, err := rd.Read()
		if err != nil {
			break
		}
		s.rows++
		s.spendCents += cents(rec[spend])
		s.valueCents += cents(rec[value])
		s.impressions += n(rec[impr])
		s.clicks += n(rec[clicks])
		s.link += n(rec[link])
		s.purchase += n(rec[purch])
		s.leads += n(rec[leads])
	}
	return s
}

// TestReport_PreviousPeriod reports October for a generated client whose
// exports hold September and October: the previous period's figures are
// September's sums, computed here from the file; there is no year-ago
// comparison without 2025 rows; every row is accounted for; and the
// workbook, recalculated by LibreOffice, shows September beside October
// with the changes.
func TestReport_PreviousPeriod(t *testing.T) {
	dir := t.TempDir()
	oct, sep := kpi.Month(2026, 10), kpi.Month(2026, 9)
	if err := gen.Client(dir, 310, oct); err != nil {
		t.Fatal(err)
	}
	sepFile := filepath.Join(dir, "exports", "meta_sep.csv")
	writeMeta(t, sepFile, 300, sep)
	res, err := engine.Report(context.Background(), engine.ReportOptions{Config: dir, OutDir: t.TempDir(), WorkbookOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	p := r.Previous
	if p == nil || p.Partial || p.Period != sep {
		t.Fatalf("Previous = %+v, want all of September", p)
	}
	if r.YearAgo != nil {
		t.Errorf("YearAgo = %+v, want nil: no row of October 2025", r.YearAgo)
	}
	s := sumMeta(t, sepFile)
	spend, value := float64(s.spendCents)/100, float64(s.valueCents)/100
	for key, want := range map[string]float64{
		"spend": spend, "revenue": value, "impressions": float64(s.impressions), "clicks": float64(s.clicks),
		"link_clicks": float64(s.link), "purchases": float64(s.purchase), "leads": float64(s.leads),
		"roas": value / spend, "media_roi": (value - spend) / spend, "cpl": spend / float64(s.leads),
		"cpa": spend / float64(s.purchase), // primary_conversion: purchases
	} {
		if got := p.Figure(key); !got.OK || math.Abs(got.Value-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("previous period %s = %+v, want %v (September summed from %s)", key, got, want, filepath.Base(sepFile))
		}
	}
	if got := p.Figure("roi"); got.OK {
		t.Errorf("previous period full-cost ROI = %v, want undefined: comparisons are media only", got.Value)
	}
	if p.Rows != s.rows {
		t.Errorf("previous period rows = %d, want %d", p.Rows, s.rows)
	}
	for _, st := range r.Sources {
		if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected)+st.Replaced != st.Rows {
			t.Errorf("%s: rows %d ≠ used %d + outside %d + skipped %d + rejected %d + replaced %d", st.File, st.Rows,
				st.Used, st.OutsidePeriod, len(st.Skipped), len(st.Rejected), st.Replaced)
		}
		if st.File == "exports/meta_sep.csv" && (st.Used != 0 || st.OutsidePeriod != 300 || st.Comparison != 300) {
			t.Errorf("%s: used %d, outside %d, comparison %d; want 0, 300, 300", st.File, st.Used, st.OutsidePeriod, st.Comparison)
		}
	}
	for _, w := range r.Warnings {
		if strings.Contains(w, "is the period right") {
			t.Errorf("warning %q for a file read for the comparison", w)
		}
	}

	f, err := excelize.OpenFile(officetest.Recalc(t, res.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	hdr := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Metric" })
	if hdr < 0 {
		t.Fatal("Summary: no KPI table")
	}
	col := slices.Index(rows[hdr], "Previous period")
	if col < 0 {
		t.Fatalf("Summary header %q has no Previous period column", rows[hdr])
	}
	seen := 0
	for _, row := range rows[hdr+1:] {
		if len(row) == 0 {
			break
		}
		var want float64
		switch row[0] {
		case "Ad spend":
			want = spend
		case "Impressions":
			want = float64(s.impressions)
		case "Leads":
			want = float64(s.leads)
		default:
			continue
		}
		cur, _ := strconv.ParseFloat(row[1], 64)
		got, _ := strconv.ParseFloat(row[col], 64)
		delta, _ := strconv.ParseFloat(row[col+1], 64)
		if math.Abs(got-want) > 0.005 || math.Abs(delta-(cur-want)) > 0.005 {
			t.Errorf("Summary %s: previous %q, Δ %q; want %v and %v", row[0], row[col], row[col+1], want, cur-want)
		}
		seen++
	}
	if seen != 3 {
		t.Errorf("checked %d Summary rows, want 3", seen)
	}
}

func writeMeta(t *testing.T, path string, rows int, month kpi.Period) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.MetaDaily(f, rows, month); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
