package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
