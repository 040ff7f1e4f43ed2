package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReport_RejectedSheet: with on_bad_rows: skip, a malformed export row
// is left out of every figure and listed on the workbook's Rejected sheet
// with its file, line and reason; the Sources sheet counts it.
func TestReport_RejectedSheet(t *testing.T) {
	dir := copySample(t)
	const export = "exports/Northwind-Outdoor-Oct-2026-daily-campaigns.csv"
	meta := filepath.Join(dir, export)
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	cells := strings.Split(lines[4], ",")
	cells[5] = "12x.50"
	lines[4] = strings.Join(cells, ",")
	if err := os.WriteFile(meta, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "roibook.yaml")
	conf, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, bytes.Replace(conf, []byte("on_bad_rows: stop"), []byte("on_bad_rows: skip"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "report", dir, "--out", out, "--workbook-only"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	books, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(books) != 1 {
		t.Fatalf("workbooks written: %v", books)
	}
	f, err := excelize.OpenFile(books[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Rejected")
	if err != nil {
		t.Fatalf("no Rejected sheet: %v", err)
	}
	found := false
	for _, row := range rows {
		if len(row) >= 5 && row[0] == export && row[1] == "5" && row[3] == "rejected" {
			found = true
			if !strings.Contains(row[4], `got "12x.50"`) || strings.HasPrefix(row[4], export) {
				t.Errorf("Rejected reason = %q, want the parse error without its file and line", row[4])
			}
		}
	}
	if !found {
		t.Errorf("Rejected sheet = %q, want %s line 5 rejected", rows, export)
	}
	src, err := f.GetRows("Sources")
	if err != nil {
		t.Fatal(err)
	}
	var hdr []string
	for _, row := range src {
		if len(row) > 0 && row[0] == "File" {
			hdr = row
		}
		if len(row) > 0 && row[0] == export {
			for i, h := range hdr {
				if h == "Rejected" && row[i] != "1" {
					t.Errorf("Sources: %s rejected = %q, want 1", export, row[i])
				}
			}
			return
		}
	}
	t.Errorf("Sources: no row for %s", export)
}
