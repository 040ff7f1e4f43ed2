package workbook_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
	"github.com/xuri/excelize/v2"
)

// TestFill_CachedValues checks the cached values themselves, without
// LibreOffice: a headline figure caches the model's value, an undefined
// ratio caches a blank text, and a template's own formula caches the value
// of the cell or name it refers to, or nothing when it computes.
func TestFill_CachedValues(t *testing.T) {
	r := eurReport(t)
	tf, err := excelize.OpenReader(bytes.NewReader(templates.Workbook))
	if err != nil {
		t.Fatal(err)
	}
	// A cover cell of a user's template: a defined name, a reference, and
	// a computation roibook does not evaluate.
	for cell, formula := range map[string]string{"K1": "ROI", "K2": "Costs!$A$1", "K3": "ROI*100"} {
		if err := tf.SetCellFormula("Summary", cell, formula); err != nil {
			t.Fatal(err)
		}
	}
	var tmpl bytes.Buffer
	if err := tf.Write(&tmpl); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := workbook.Fill(&out, tmpl.Bytes(), r); err != nil {
		t.Fatal(err)
	}
	sheets, names := readWorkbook(t, out.Bytes())
	cells := map[string]dumpedCell{}
	for _, s := range sheets {
		for _, c := range s.cells {
			cells[s.name+"!"+c.ref] = c
		}
	}
	ref := map[string]string{}
	for _, n := range names {
		ref[n[0]] = strings.ReplaceAll(n[1], "$", "")
	}
	num := func(key string) float64 {
		t.Helper()
		c := cells[key]
		v, err := strconv.ParseFloat(c.value, 64)
		if !c.cached || c.typ != "" || err != nil {
			t.Fatalf("%s (=%s): cached %v, type %q, value %q: want a number", key, c.formula, c.cached, c.typ, c.value)
		}
		return v
	}
	in := r.Total.Inputs
	if got, want := num(ref["TotalCost"]), in.TotalCost().Float64(); got != want {
		t.Errorf("TotalCost caches %v, want %v", got, want)
	}
	if got, want := num(ref["ROI"]), r.Total.Values["roi"].Value; got != want {
		t.Errorf("ROI caches %v, want %v", got, want)
	}
	if got, want := num("Summary!K1"), r.Total.Values["roi"].Value; got != want {
		t.Errorf("a template's =ROI caches %v, want %v", got, want)
	}
	if c := cells["Summary!K2"]; !c.cached || c.typ != "str" || c.value != "Costs" {
		t.Errorf("a template's =Costs!$A$1 caches %+v, want the text Costs", c)
	}
	if c := cells["Summary!K3"]; c.cached {
		t.Errorf("a template's =ROI*100 caches %+v, want no value: roibook does not evaluate it", c)
	}
	// An undefined ratio (a goal without an actual, …) is a blank, cached
	// as the empty text its IF yields.
	blanks := 0
	for key, c := range cells {
		if c.formula != "" && c.cached && c.typ == "str" && c.value == "" {
			blanks++
			if !strings.HasPrefix(c.formula, "IF(") && strings.Contains(c.formula, "(") {
				t.Errorf("%s (=%s) caches a blank, but only an IF (or a reference to one) yields one", key, c.formula)
			}
		}
	}
	if blanks == 0 {
		t.Error("no formula caches a blank, want the undefined ratios to")
	}
}
