package officetest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRecalc_IgnoresCachedValues writes a formula whose cached value is
// wrong and checks that Recalc returns LibreOffice's own result: a test
// comparing cached values with LibreOffice's would otherwise compare them
// with themselves.
func TestRecalc_IgnoresCachedValues(t *testing.T) {
	Need(t, "soffice")
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellFloat("Sheet1", "A1", 2, -1, 64); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", "B1", "A1+1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// Give B1 the cached value 99, as a writer that got it wrong would.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	patched := false
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "xl/worksheets/sheet1.xml" {
			s := strings.Replace(string(b), `<c r="B1" t="str"><f>A1+1</f></c>`, `<c r="B1"><f>A1+1</f><v>99</v></c>`, 1)
			patched = s != string(b)
			b = []byte(s)
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !patched {
		t.Fatal("could not give B1 a cached value: the xlsx library writes formulas differently now")
	}
	in := filepath.Join(t.TempDir(), "cached.xlsx")
	if err := os.WriteFile(in, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(Recalc(t, in))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, err := g.GetCellValue("Sheet1", "B1", excelize.Options{RawCellValue: true}); err != nil || v != "3" {
		t.Errorf("B1 = A1+1 after LibreOffice = %q (%v), want 3, not the cached 99", v, err)
	}
}
