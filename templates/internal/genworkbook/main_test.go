package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The committed template is what the generator writes: edit the generator,
// then run `go generate ./templates`.
func TestBuild_MatchesCommittedTemplate(t *testing.T) {
	got, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../workbook.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("templates/workbook.xlsx is stale: run go generate ./templates")
	}
	again, _ := Build()
	if !bytes.Equal(got, again) {
		t.Errorf("two builds of the template differ")
	}
}

// Every sheet prints landscape, one page wide, with a header and footer
// holding the client, the period and the page; the styles are named.
func TestBuild_PrintSetupAndNamedStyles(t *testing.T) {
	b, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		layout, err := f.GetPageLayout(s)
		if err != nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 ||
			layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v (%v), want landscape, one page wide", s, layout, err)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "&P of &N") || !strings.Contains(hf.OddFooter, "{{agency}}") {
			t.Errorf("%s: footer %+v (%v), want the agency and the page", s, hf, err)
			continue
		}
		if s != "Cover" && (!strings.Contains(hf.OddHeader, "{{client}}") || !strings.Contains(hf.OddHeader, "{{period}}")) {
			t.Errorf("%s: header %q, want the client and the period", s, hf.OddHeader)
		}
	}
	var names []string
	for _, cs := range f.Styles.CellStyles.CellStyle {
		names = append(names, cs.Name)
	}
	for _, ns := range namedStyles {
		if !slices.Contains(names, ns.name) {
			t.Errorf("named styles %v: no %s", names, ns.name)
		}
	}
	// A styled cell is based on its named style.
	id, _ := f.GetCellStyle("Summary", "A1")
	xf := f.Styles.CellXfs.Xf[id]
	if xf.XfID == nil || f.Styles.CellStyles.CellStyle[*xf.XfID].Name != "roibook Title" {
		t.Errorf("Summary!A1 is not based on roibook Title")
	}
}
