package workbook_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/xuri/excelize/v2"
)

// TestFill_Lineage checks that finance can trace every row not used: the
// Rejected sheet lists each with its file, line, platform, kind and
// reason as an Excel table, after Sources; the Sources sheet counts them
// per file (linking to the first listed row), with the period each file
// states and the rows a newer export replaced; Definitions gives each
// export's time zone.
func TestFill_Lineage(t *testing.T) {
	r := eurReport(t)
	f := openFilled(t, mustFill(t, r))
	sheets := f.GetSheetList()
	if i := slices.Index(sheets, workbook.SheetRejected); i < 0 || sheets[i-1] != "Sources" {
		t.Fatalf("sheets %v: want Rejected right after Sources", sheets)
	}
	rows := mustRows(t, f, "Rejected")
	hdr := findRow(t, rows, "Rejected", "File")
	if got := strings.Join(rows[hdr], "|"); got != "File|Line|Platform|Kind|Reason" {
		t.Errorf("Rejected header = %s", got)
	}
	want := [][]string{
		{"meta_2026-10.csv", "7", "Meta Ads", "rejected", `column F "Amount spent (EUR)": got "n/a", want a number like 1234.50`},
		{"meta_2026-10.csv", "9", "Meta Ads", "skipped", "totals row"},
	}
	if got := rows[hdr+1:]; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Rejected rows = %q, want %q", got, want)
	}
	tables, err := f.GetTables("Rejected")
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Name != "RejectedRows" || tables[0].Range != "A5:E7" {
		t.Errorf("Rejected tables = %+v, want RejectedRows over the header and the 2 rows", tables)
	}

	src := mustRows(t, f, "Sources")
	sh := findRow(t, src, "Sources", "File")
	col := func(name string) int {
		i := slices.Index(src[sh], name)
		if i < 0 {
			t.Fatalf("Sources: no column %q in %q", name, src[sh])
		}
		return i
	}
	for _, tc := range []struct {
		file, column, want string
	}{
		{"google_ads_oct.csv", "Period stated", "2026-10"},
		{"meta_2026-10.csv", "Period stated", "not stated"},
		{"meta_2026-10.csv", "Rejected", "1"},
		{"meta_2026-10.csv", "Skipped", "1"},
		{"google_ads_oct.csv", "Outside period", "1"},
		{"google_ads_oct.csv", "Replaced", "0"},
	} {
		row := -1
		for i, r := range src {
			if at(r, 0) == tc.file {
				row = i
			}
		}
		if row < 0 {
			t.Fatalf("Sources: no row for %s", tc.file)
		}
		if got := at(src[row], col(tc.column)); got != tc.want {
			t.Errorf("Sources %s %s = %q, want %q", tc.file, tc.column, got, tc.want)
		}
		if tc.column == "Rejected" || tc.column == "Skipped" {
			cell, _ := excelize.CoordinatesToCellName(col(tc.column)+1, row+1)
			ok, target, err := f.GetCellHyperLink("Sources", cell)
			if err != nil || !ok || target != "Rejected!A6" {
				t.Errorf("Sources %s %s: link %v %q (%v), want Rejected!A6, the file's first listed row", tc.file, tc.column, ok, target, err)
			}
		}
	}
	pointer := at(src[findRow(t, src, "Sources", "Rows not used")+1], 0)
	if pointer != "1 row rejected and 1 row skipped: each is listed with its file, line and reason on the Rejected sheet" {
		t.Errorf("Sources, rows not used: %q", pointer)
	}

	defs := mustRows(t, f, "Definitions")
	zones := map[string]string{}
	for _, r := range defs[findRow(t, defs, "Definitions", "Time zones"):] {
		zones[at(r, 1)] = at(r, 2)
	}
	for file, want := range map[string]string{
		"google_ads_oct.csv": "America/New_York (stated in the export)",
		"meta_2026-10.csv":   "not stated; Meta Ads reports in the ad account's time zone",
	} {
		if zones[file] != want {
			t.Errorf("Definitions: time zone of %s = %q, want %q", file, zones[file], want)
		}
	}
	if _, ok := zones["costs.csv"]; ok {
		t.Error("Definitions: a time zone for the cost sheet, which has no daily figures")
	}
}

// TestFill_LineageEmpty: without input files the Rejected sheet is there
// and says there is nothing to list.
func TestFill_LineageEmpty(t *testing.T) {
	f := openFilled(t, mustFill(t, emptyReport(t)))
	rows := mustRows(t, f, "Rejected")
	hdr := findRow(t, rows, "Rejected", "File")
	if len(rows) != hdr+2 || !strings.HasPrefix(at(rows[hdr+1], 0), "none") {
		t.Errorf("Rejected of an empty report = %q, want a note that there is none", rows[hdr:])
	}
}

// TestFill_DeterministicSplit: two fills of a report whose rows are split
// across Data sheets give the same bytes, the new sheets included.
func TestFill_DeterministicSplit(t *testing.T) {
	defer workbook.SetMaxDataRows(3)()
	first := mustFill(t, eurReport(t))
	if parts := dataSheets(t, first); len(parts) < 3 {
		t.Fatalf("Data sheets %v, want the 10 rows in parts of 3", parts)
	}
	for range 3 {
		if again := mustFill(t, eurReport(t)); !bytes.Equal(first, again) {
			t.Fatalf("two fills of the same report differ (%d and %d bytes)", len(first), len(again))
		}
	}
}

// TestFill_DataSplitBoundary: rows that just fit stay on one Data sheet;
// one row more starts a second sheet holding that row.
func TestFill_DataSplitBoundary(t *testing.T) {
	r := eurReport(t)
	n := len(r.Rows)
	for _, tc := range []struct {
		limit int
		want  []int // rows of each Data sheet
	}{
		{n, []int{n}},
		{n + 1, []int{n}},
		{n - 1, []int{n - 1, 1}},
	} {
		func() {
			defer workbook.SetMaxDataRows(tc.limit)()
			b := mustFill(t, r)
			f := openFilled(t, b)
			var got []int
			for _, s := range dataSheets(t, b) {
				got = append(got, len(mustRows(t, f, s))-1)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%d rows, at most %d a sheet: Data sheets hold %v, want %v", n, tc.limit, got, tc.want)
			}
		}()
	}
}
