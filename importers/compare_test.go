package importers_test

import (
	"bytes"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/internal/gen"
	"github.com/roibook/roibook/kpi"
)

// TestImport_Compare reads a Meta export of August to October for an
// October report compared with September: September's rows are emitted
// and counted as comparison rows (and as outside the period), August's are
// only counted, and every row is accounted for once.
func TestImport_Compare(t *testing.T) {
	var data []byte
	for i, m := range []kpi.Period{kpi.Month(2026, 8), kpi.Month(2026, 9), kpi.Month(2026, 10)} {
		var b bytes.Buffer
		if err := gen.MetaDaily(&b, 2*m.Days(), m); err != nil {
			t.Fatal(err)
		}
		part := b.Bytes()
		if i > 0 { // one header
			part = part[bytes.IndexByte(part, '\n')+1:]
		}
		data = append(data, part...)
	}
	oct, sep := kpi.Month(2026, 10), kpi.Month(2026, 9)
	opts := importers.Options{Period: oct, Compare: []kpi.Period{sep}}
	recs, st, err := importBytes(t, importers.Meta{}, "meta.csv", data, opts)
	if err != nil {
		t.Fatal(err)
	}
	inOct, inSep := 0, 0
	for _, r := range recs {
		switch {
		case oct.Contains(r.Day):
			inOct++
		case sep.Contains(r.Day):
			inSep++
		default:
			t.Errorf("emitted a record of %s, outside October and September", r.Day.Format("2006-01-02"))
		}
	}
	if inOct != 62 || inSep != 60 {
		t.Errorf("emitted %d October and %d September records, want 62 and 60", inOct, inSep)
	}
	if st.Used != 62 || st.OutsidePeriod != 62+60 || st.Comparison != 60 {
		t.Errorf("Used %d, OutsidePeriod %d, Comparison %d; want 62, 122, 60", st.Used, st.OutsidePeriod, st.Comparison)
	}
	if n := st.Used + st.OutsidePeriod + len(st.Skipped) + len(st.Rejected); n != st.Rows {
		t.Errorf("rows %d, but used + outside + skipped + rejected = %d", st.Rows, n)
	}

	// Without comparison periods nothing outside October is emitted.
	recs, st, err = importBytes(t, importers.Meta{}, "meta.csv", data, importers.Options{Period: oct})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 62 || st.Comparison != 0 || st.OutsidePeriod != 122 {
		t.Errorf("without Compare: %d records, Comparison %d, OutsidePeriod %d; want 62, 0, 122", len(recs), st.Comparison, st.OutsidePeriod)
	}
}
