package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/engine"
	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/xuri/excelize/v2"
)

// checkEveryCell walks every formula cell of every sheet of the workbook
// roibook wrote (b) and compares the value roibook computed for it, which
// the cell caches, with the value LibreOffice computed from the formula
// (lo, b recalculated). A formula cell without a cached value fails: the
// writer must know the value of every formula it writes. Money must agree
// to half of the currency's minor unit, counts and dates exactly, text
// exactly, other numbers (ratios, rates) to 1e-9 relative. It returns how
// many cells it compared.
func checkEveryCell(t *testing.T, b []byte, lo *excelize.File) int {
	t.Helper()
	ours, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	sheets, _ := readWorkbook(t, b)
	total := 0
	var counts []string
	for _, s := range sheets {
		n, errs := 0, 0
		for _, c := range s.cells {
			if c.formula == "" {
				continue
			}
			n++
			where := fmt.Sprintf("%s!%s (=%s)", s.name, c.ref, short(c.formula))
			if !c.cached {
				t.Errorf("%s: no cached value: Fill did not know the value of this formula", where)
				errs++
				continue
			}
			got, err := lo.GetCellValue(s.name, c.ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			typ, err := lo.GetCellType(s.name, c.ref)
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if typ == excelize.CellTypeError || strings.HasPrefix(got, "Err:") || strings.HasPrefix(got, "#") {
				t.Errorf("%s: LibreOffice computes the error %s, roibook %q", where, got, c.value)
				errs++
				continue
			}
			if msg := compareCell(ours, s.name, c, got); msg != "" {
				if errs < 20 {
					t.Errorf("%s: %s", where, msg)
				}
				errs++
			}
		}
		if errs >= 20 {
			t.Errorf("%s: %d cells differ in all", s.name, errs)
		}
		total += n
		counts = append(counts, fmt.Sprintf("%s %d", s.name, n))
	}
	t.Logf("compared %d formula cells with LibreOffice: %s", total, strings.Join(counts, ", "))
	return total
}

// compareCell compares roibook's cached value of a formula cell with
// LibreOffice's computed value got, with the tolerance of the cell's
// number format; it returns "" when they agree.
func compareCell(f *excelize.File, sheet string, c dumpedCell, got string) string {
	text := c.typ == "str" || c.typ == "s" || c.typ == "inlineStr"
	if text {
		if got != c.value {
			return fmt.Sprintf("LibreOffice %q, roibook %q", got, c.value)
		}
		return ""
	}
	want, err := strconv.ParseFloat(c.value, 64)
	if err != nil {
		return fmt.Sprintf("roibook's cached value %q is not a number", c.value)
	}
	g, err := strconv.ParseFloat(got, 64)
	if err != nil {
		return fmt.Sprintf("LibreOffice %q, roibook %v", got, want)
	}
	tol, what := tolerance(f, sheet, c.ref, want)
	if math.Abs(g-want) > tol {
		return fmt.Sprintf("LibreOffice %v, roibook %v (%s, off by %g)", g, want, what, g-want)
	}
	return ""
}

// tolerance is how far LibreOffice's value may be from roibook's for a
// cell, from its number format: half a minor unit for money (a format with
// a currency symbol, or two decimals), nothing for counts and dates, 1e-9
// relative for the rest.
func tolerance(f *excelize.File, sheet, cell string, want float64) (float64, string) {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return 0, "no style"
	}
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		return 1e-9 * math.Max(1, math.Abs(want)), "a number"
	}
	nf := *st.CustomNumFmt
	switch {
	case strings.Contains(nf, `"`) || nf == "#,##0.00":
		dec := 0
		if i := strings.Index(nf, "."); i >= 0 {
			dec = strings.Count(strings.SplitN(nf[i+1:], ";", 2)[0], "0")
		}
		return 0.5 * math.Pow10(-dec), "money"
	case nf == "#,##0" || nf == "yyyy-mm-dd":
		return 0, "a count"
	}
	return 1e-9 * math.Max(1, math.Abs(want)), "a ratio"
}

// short cuts a long formula for a message.
func short(s string) string {
	if len(s) > 90 {
		return s[:90] + "…"
	}
	return s
}

// samples are the demo clients every formula of which is checked.
var samples = []string{"northwind-outdoor", "northwind-all-inputs"}

// TestEveryCell_Samples fills the workbook of each sample, as `roibook
// report` does, recalculates it in LibreOffice, and compares every formula
// cell of every sheet with the value roibook computed itself; then again
// with the Data sheet split into parts of 50 rows, where every formula over
// Data must sum over all the parts.
func TestEveryCell_Samples(t *testing.T) {
	officetest.Need(t, "soffice")
	dataRows := map[string]int{} // sample → rows of its one Data sheet
	for _, split := range []bool{false, true} {
		name := "one Data sheet"
		if split {
			name = "Data in parts of 50 rows"
		}
		t.Run(name, func(t *testing.T) {
			for _, sample := range samples {
				t.Run(sample, func(t *testing.T) {
					var b []byte
					func() {
						if split {
							defer workbook.SetMaxDataRows(50)()
						}
						b = fillSample(t, sample)
					}()
					parts := dataSheets(t, b)
					if split && len(parts) < 2 {
						t.Fatalf("Data sheets %v: want the rows split into parts of 50", parts)
					}
					if !split && len(parts) != 1 {
						t.Fatalf("Data sheets %v, want one", parts)
					}
					rows := checkDataParts(t, b, parts, 50)
					if !split {
						dataRows[sample] = rows
					} else if rows != dataRows[sample] {
						t.Errorf("the Data sheets hold %d rows, the one Data sheet %d", rows, dataRows[sample])
					}
					lo := recalc(t, b, sample+".xlsx")
					if n := checkEveryCell(t, b, lo); n < 300 {
						t.Errorf("compared %d formula cells, want the hundreds a sample's workbook has", n)
					}
				})
			}
		})
	}
}

// fillSample runs the report of a sample (workbook only) and returns the
// workbook's bytes.
func fillSample(t *testing.T, sample string) []byte {
	t.Helper()
	res, err := engine.Report(context.Background(), engine.ReportOptions{
		Config: filepath.Join("..", "..", "samples", sample), OutDir: t.TempDir(), WorkbookOnly: true})
	if err != nil {
		t.Fatalf("report %s: %v", sample, err)
	}
	b, err := os.ReadFile(res.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// dataSheets lists the workbook's Data sheets, in order.
func dataSheets(t *testing.T, b []byte) []string {
	t.Helper()
	sheets, _ := readWorkbook(t, b)
	var out []string
	for _, s := range sheets {
		if s.name == "Data" || strings.HasPrefix(s.name, "Data (") {
			out = append(out, s.name)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) < len(out[j]) })
	return out
}

// checkDataParts checks that each Data sheet is one Excel table of at most
// max rows below its header (all but the last full), that the Definitions
// sheet says how they are split, and returns how many rows they hold.
func checkDataParts(t *testing.T, b []byte, parts []string, max int) int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total := 0
	for i, sheet := range parts {
		rows := mustRows(t, f, sheet)
		n := len(rows) - 1
		tables, err := f.GetTables(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != 1 || !strings.HasSuffix(tables[0].Range, fmt.Sprint(n+1)) || !strings.HasPrefix(tables[0].Range, "A1:") {
			t.Errorf("%s: tables %+v, want one over A1 to row %d", sheet, tables, n+1)
		}
		if len(parts) > 1 && (n > max || i < len(parts)-1 && n != max) {
			t.Errorf("%s: %d rows, want %d (at most %d in the last)", sheet, n, max, max)
		}
		total += n
	}
	defs := mustRows(t, f, "Definitions")
	note := ""
	for _, row := range defs {
		if at(row, 0) == "Data sheets" {
			note = at(row, 1)
		}
	}
	if len(parts) > 1 && !strings.Contains(note, strings.Join(parts, ", ")) {
		t.Errorf("Definitions: Data sheets = %q, want a note naming %s", note, strings.Join(parts, ", "))
	}
	if len(parts) == 1 && note != "" {
		t.Errorf("Definitions: Data sheets = %q with one Data sheet", note)
	}
	return total
}
