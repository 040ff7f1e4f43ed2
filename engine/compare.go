package engine

import (
	"fmt"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// A router books each imported record in the aggregator of the period it
// falls in: the report period, the previous period or the same dates a
// year earlier. Each export is read once; the importers emit the rows of
// the comparison periods too (importers.Options.Compare).
type router struct {
	period, previous, yearAgo kpi.Period
	agg, prev, yoy            *reportgen.Aggregator
	// prevErr and yoyErr are the first error booking a comparison row (a
	// currency without a rate): that comparison is dropped with a warning
	// rather than failing the report.
	prevErr, yoyErr error
}

// newRouter returns a router for a report of period in currency.
func newRouter(period kpi.Period, currency string, rates map[string]kpi.Rate) *router {
	return &router{period: period, previous: period.Previous(), yearAgo: period.YearEarlier(),
		agg:  reportgen.NewAggregator(currency, rates),
		prev: reportgen.NewAggregator(currency, rates), yoy: reportgen.NewAggregator(currency, rates)}
}

// compare returns the comparison periods an importer of platform p
// emits rows of: the comparisons are the ad platforms' figures, their
// revenue from the configured revenue source (platforms, ga4 or crm).
func (rt *router) compare(p kpi.Platform, revenueSource string) []kpi.Period {
	if rt.period.IsZero() || !p.IsPaid() && string(p) != revenueSource {
		return nil
	}
	return []kpi.Period{rt.previous, rt.yearAgo}
}

// in reports whether rec lies in p: its day, or the whole of its span.
func in(p kpi.Period, rec *kpi.Record) bool {
	if !rec.Day.IsZero() {
		return p.Contains(rec.Day)
	}
	return !rec.Span.IsZero() && p.Covers(rec.Span)
}

// add books rec; it is the importers' emit function.
func (rt *router) add(rec kpi.Record) error {
	switch {
	case rt.period.IsZero() || in(rt.period, &rec):
		return rt.agg.Add(rec)
	case in(rt.previous, &rec):
		if rt.prevErr == nil {
			rt.prevErr = rt.prev.Add(rec)
		}
	case in(rt.yearAgo, &rec):
		if rt.yoyErr == nil {
			rt.yoyErr = rt.yoy.Add(rec)
		}
	default:
		return fmt.Errorf("%s: a row of %s was read, outside %s and its comparison periods", rec.Source, rec.Day.Format("2006-01-02"), rt.period)
	}
	return nil
}

// options sets the comparison aggregators of the report's options and
// returns the warnings of a comparison dropped for an error.
func (rt *router) options(o *reportgen.Options) []string {
	var warnings []string
	if rt.prevErr == nil {
		o.Previous = rt.prev
	} else {
		warnings = append(warnings, fmt.Sprintf("previous period (%s) not compared: %v", rt.previous, rt.prevErr))
	}
	if rt.yoyErr == nil {
		o.YearAgo = rt.yoy
	} else {
		warnings = append(warnings, fmt.Sprintf("year ago (%s) not compared: %v", rt.yearAgo, rt.yoyErr))
	}
	return warnings
}

// noteComparison says in a file's stats how many of its rows outside the
// period were read for the comparisons: they are in OutsidePeriod, and in
// no Data row.
func noteComparison(st *kpi.FileStats, rt *router) {
	if st.Comparison == 0 {
		return
	}
	st.Warnings = append(st.Warnings, fmt.Sprintf("%d of its %d rows outside %s fall in %s (previous period) or %s (a year earlier): read for the Summary's comparisons only, not in the Data sheet",
		st.Comparison, st.OutsidePeriod, rt.period, rt.previous, rt.yearAgo))
}
