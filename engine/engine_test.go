package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/kpi"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Northwind Outdoor", "northwind-outdoor"},
		{"Café Müller & Co.", "cafe-muller-co"},
		{"Café Müller & Søn", "cafe-muller-son"},
		{"Łódź Straße", "lodz-strasse"},
		{"../../etc/passwd", "etc-passwd"},
		{"  ", "report"},
		{"東京", "report"},
		{"A/B\\C:D", "a-b-c-d"},
	}
	for _, tc := range tests {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReport_PeriodAndOnlyOneOutput(t *testing.T) {
	out := t.TempDir()
	res, err := Report(context.Background(), ReportOptions{Config: "../samples/northwind-outdoor",
		Period: "2026-10-01..2026-10-15", OutDir: out, DeckOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Workbook != "" || filepath.Base(res.Deck) != "northwind-outdoor-2026-10-01_2026-10-15.pdf" {
		t.Errorf("outputs %q %q", res.Workbook, res.Deck)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("wrote %d files, want only the deck: %v", len(entries), entries)
	}
	// Half of October: the rows of the 16th to the 31st are outside the period.
	for _, s := range res.Report.Sources {
		if strings.HasPrefix(s.File, "exports/") && s.OutsidePeriod == 0 {
			t.Errorf("%s: no rows outside 1–15 October", s.File)
		}
		if s.Used+s.OutsidePeriod+len(s.Skipped)+len(s.Rejected) != s.Rows {
			t.Errorf("%s: rows not accounted for: %+v", s.File, s)
		}
	}
}

func TestReport_UnknownTemplateIsCheckedFirst(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "mine.xlsx")
	os.WriteFile(bad, []byte("not a workbook"), 0o644)
	_, err := Report(context.Background(), ReportOptions{Config: "../samples/northwind-outdoor", OutDir: t.TempDir(), Template: bad})
	if err == nil || !strings.HasPrefix(err.Error(), bad+":") {
		t.Errorf("bad template: %v, want an error naming %s", err, bad)
	}
}

// TestInspect_EveryFixture: `roibook inspect` on every export fixture of
// the importers names the right platform and gives the row count, the
// currency and the spend of the importer's golden; a fixture whose import
// fails shows an error or rejected rows.
func TestInspect_EveryFixture(t *testing.T) {
	dirs, err := os.ReadDir("../importers/testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		p := kpi.Platform(dir.Name())
		if !dir.IsDir() || !p.Known() || p.Kind() == kpi.KindFinance {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("../importers/testdata", dir.Name(), "*.*"))
		for _, file := range files {
			ext := filepath.Ext(file)
			if ext != ".csv" && ext != ".tsv" && ext != ".xlsx" && ext != ".txt" {
				continue
			}
			base := strings.TrimSuffix(file, ext)
			n++
			ins, err := Inspect([]string{file}, kpi.Period{})
			got := ins[0]
			if b, e := os.ReadFile(base + ".err.golden"); e == nil {
				if err == nil && len(got.Rejected) == 0 {
					t.Errorf("%s: inspect shows no error and no rejected row; the import fails with\n%s", file, b)
				}
				continue
			}
			golden, e := os.ReadFile(base + ".golden")
			if e != nil {
				t.Errorf("%s: no golden", file)
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", file, got.Error)
				continue
			}
			want := goldenStats(string(golden))
			if got.Platform != p {
				t.Errorf("%s: platform %s, want %s", file, got.Platform, p)
			}
			if strconv.Itoa(got.Rows) != want["rows"] {
				t.Errorf("%s: %d rows, want %s", file, got.Rows, want["rows"])
			}
			cur := ""
			if got.Currency != nil {
				cur = *got.Currency
			}
			if cur != want["currency"] {
				t.Errorf("%s: currency %q, want %q", file, cur, want["currency"])
			}
			spend := "0.00"
			if got.Totals != nil && got.Totals.Spend != nil {
				spend = got.Totals.Spend.String()
			}
			if spend != want["spend"] {
				t.Errorf("%s: spend %s, want %s", file, spend, want["spend"])
			}
		}
	}
	if n < 100 {
		t.Errorf("inspected %d fixtures, want every export fixture (over 100)", n)
	}
}

// goldenStats reads rows=, currency= and the totals' spend= of an
// importer golden.
func goldenStats(golden string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(golden, "\n") {
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' }) {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				continue
			}
			switch {
			case k == "rows" || k == "currency":
				out[k] = v
			case k == "spend" && strings.HasPrefix(line, "totals\t"):
				out[k] = v
			}
		}
	}
	return out
}
