package importers

import (
	"fmt"

	"github.com/roibook/roibook/kpi"
)

// compared reports whether rec, outside the report period, lies in one of
// the comparison periods (Options.Compare): its day, or the whole of the
// span it covers.
func (r *run) compared(rec kpi.Record) bool {
	for _, p := range r.opts.Compare {
		if p.IsZero() {
			continue
		}
		if !rec.Day.IsZero() && p.Contains(rec.Day) || rec.Day.IsZero() && !rec.Span.IsZero() && p.Covers(rec.Span) {
			return true
		}
	}
	return false
}

// emitCompared passes on a record of a comparison period. It was counted
// as outside the period; it is counted as read for a comparison too.
func (r *run) emitCompared(rec kpi.Record) error {
	r.st.Comparison++
	if r.failed() {
		return nil
	}
	if rec.Currency == "" && r.opts.RequireCurrency && rec.Has&kpi.MoneyFields != 0 {
		return fmt.Errorf("%s: %w: the export states no currency; set currency for this input in roibook.yaml", r.in.Name, ErrNoCurrency)
	}
	return r.emit(rec)
}
