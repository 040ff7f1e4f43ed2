package workbook

import (
	"strings"
	"testing"
)

// TestPatchCells gives formula cells their cached values and leaves every
// other cell, and any malformed tail, as it was.
func TestPatchCells(t *testing.T) {
	value := func(cell, formula string) cached {
		switch cell {
		case "B1":
			return vNum(12.5)
		case "C1":
			return vText(`met & "done"`)
		case "D1":
			return vBlank
		case "E1":
			if formula != `IF(A1="x",1,2)` {
				t.Errorf("E1 formula = %q, want it unescaped", formula)
			}
		}
		return cached{}
	}
	in := `<worksheet><sheetData><row r="1"><c r="A1" s="2"><v>3</v></c><c r="A2"/>` +
		`<c r="B1" s="3" t="str"><f>SUM(A1:A2)</f></c><c r="C1" t="str"><f>IF(A1&gt;1,"met","x")</f></c>` +
		`<c r="D1" s="4" t="str"><f>IF(A1=0,"",1/A1)</f><v>7</v></c><c r="E1" t="str"><f>IF(A1=&#34;x&#34;,1,2)</f></c>` +
		`</row></sheetData><foot/></worksheet>`
	want := `<worksheet><sheetData><row r="1"><c r="A1" s="2"><v>3</v></c><c r="A2"/>` +
		`<c r="B1" s="3"><f>SUM(A1:A2)</f><v>12.5</v></c><c r="C1" t="str"><f>IF(A1&gt;1,"met","x")</f><v>met &amp; &#34;done&#34;</v></c>` +
		`<c r="D1" s="4" t="str"><f>IF(A1=0,"",1/A1)</f><v></v></c><c r="E1" t="str"><f>IF(A1=&#34;x&#34;,1,2)</f></c>` +
		`</row></sheetData><foot/></worksheet>`
	if got := string(patchCells([]byte(in), value)); got != want {
		t.Errorf("patchCells:\n got %s\nwant %s", got, want)
	}
	// A truncated cell must not loop or panic.
	bad := `<sheetData><c r="B1" t="str"><f>1</f></sheetData>`
	if got := string(patchCells([]byte(bad), value)); !strings.HasPrefix(got, "<sheetData>") {
		t.Errorf("patchCells(truncated) = %q", got)
	}
	bad = `<sheetData><c r="B1"</sheetData>`
	if got := string(patchCells([]byte(bad), value)); got != bad {
		t.Errorf("patchCells(no end of tag) = %q", got)
	}
}
