package workbook

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDeltaRules: a rise is green and a fall red, the other way round for
// a metric where lower is better.
func TestDeltaRules(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	fl := &filler{f: f}
	fl.deltaRules("Sheet1", "C2:C5", false)
	fl.deltaRules("Sheet1", "D2:D5", true)
	if fl.err != nil {
		t.Fatal(fl.err)
	}
	cfs, err := f.GetConditionalFormats("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	fill := func(o excelize.ConditionalFormatOptions) string {
		st, err := f.GetConditionalStyle(*o.Format)
		if err != nil || len(st.Fill.Color) == 0 {
			t.Fatalf("conditional style %d: %+v, %v", *o.Format, st, err)
		}
		return st.Fill.Color[0]
	}
	green, red := goodStyle.Fill.Color[0], badStyle.Fill.Color[0]
	for _, tc := range []struct {
		rng, rise, fall string
	}{{"C2:C5", green, red}, {"D2:D5", red, green}} {
		rules := cfs[tc.rng]
		if len(rules) != 2 || rules[0].Criteria != "AND(ISNUMBER("+tc.rng[:2]+"),"+tc.rng[:2]+">0)" ||
			rules[1].Criteria != "AND(ISNUMBER("+tc.rng[:2]+"),"+tc.rng[:2]+"<0)" {
			t.Fatalf("%s rules = %+v", tc.rng, rules)
		}
		if got := fill(rules[0]); got != tc.rise {
			t.Errorf("%s: a rise is %s, want %s", tc.rng, got, tc.rise)
		}
		if got := fill(rules[1]); got != tc.fall {
			t.Errorf("%s: a fall is %s, want %s", tc.rng, got, tc.fall)
		}
	}
}
