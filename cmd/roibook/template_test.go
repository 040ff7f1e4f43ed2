package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roibook/roibook/templates"
)

func TestTemplate_ExportAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "brand")
	file := filepath.Join(dir, "roibook-template.xlsx")
	code, stdout, stderr := runCmd(t, "template", "export", dir)
	if code != 0 || stdout != "wrote "+file+"\n" {
		t.Fatalf("template export: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if b, err := os.ReadFile(file); err != nil || !bytes.Equal(b, templates.Workbook) {
		t.Fatalf("exported template differs from the embedded one (%v)", err)
	}

	// An existing file is not replaced without --force.
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, "template", "export", dir)
	if code != 1 || !strings.Contains(stderr, file+": already exists; pass --force") {
		t.Errorf("second export: exit %d, stderr %q; want 1 and already exists", code, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Errorf("second export replaced the file")
	}
	if code, _, stderr = runCmd(t, "template", "export", "--force", dir); code != 0 {
		t.Fatalf("export --force: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, templates.Workbook) {
		t.Errorf("export --force did not replace the file")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".roibook-template-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	code, stdout, stderr = runCmd(t, "template", "check", file)
	if code != 0 || !strings.HasPrefix(stdout, "ok: "+file+": sheets Cover, Summary, Platform, Costs, Sources, Definitions; placeholders ") ||
		!strings.Contains(stdout, "{{kpi.roi}}") || !strings.Contains(stdout, "{{kpi.table}}") {
		t.Errorf("template check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// A restyled template with mistakes: every problem, with its sheet and
// cell, exit 1; a report with it fails on the template before reading any
// data.
func TestTemplate_CheckReportsProblems(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templates.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Agency notes"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellStr("Agency notes", "B4", "{{kpi.rio}}")
	_ = f.SetCellStr("Summary", "A9", "KPIs")
	_ = f.SetHeaderFooter("Costs", &excelize.HeaderFooterOptions{OddHeader: "&L{{clinet}}"})
	bad := filepath.Join(t.TempDir(), "brand.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, stdout, stderr := runCmd(t, "template", "check", bad)
	for _, want := range []string{
		bad + `: sheet "Agency notes" cell B4: unknown placeholder {{kpi.rio}}; KPIs: ctr, cpc,`,
		bad + `: sheet "Costs" header or footer: unknown placeholder {{clinet}}`,
		bad + `: sheet "Summary": no placeholder {{kpi.table}}`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("template check stderr %q: want %q", stderr, want)
		}
	}
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "roibook: "+bad+": ") {
		t.Errorf("template check: exit %d, stdout %q; want 1, nothing, and roibook: once", code, stdout)
	}

	// The sample's exports are never read: a broken export would be the
	// error otherwise.
	dir := copySample(t)
	if err := os.WriteFile(filepath.Join(dir, "exports", "zz_broken.csv"), []byte("Date,Foo\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, "report", dir, "--template", bad, "--out", t.TempDir())
	if code != 1 || !strings.Contains(stderr, `sheet "Agency notes" cell B4: unknown placeholder {{kpi.rio}}`) || strings.Contains(stderr, "zz_broken") {
		t.Errorf("report --template with mistakes: exit %d, stderr %q; want the template's problems only", code, stderr)
	}
}

func TestTemplate_Usage(t *testing.T) {
	for _, args := range [][]string{{"template"}, {"template", "export"}, {"template", "check"},
		{"template", "frobnicate"}, {"template", "export", "a", "b"}, {"template", "export", "--nope", "a"}} {
		if code, _, stderr := runCmd(t, args...); code != 2 || !strings.HasPrefix(stderr, "roibook: ") {
			t.Errorf("roibook %v: exit %d, stderr %q; want 2 and one roibook: message", args, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "template", "check", filepath.Join(t.TempDir(), "none.xlsx")); code != 1 {
		t.Errorf("template check of a missing file: exit %d, %s", code, stderr)
	}
}
