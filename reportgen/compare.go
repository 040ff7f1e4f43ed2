package reportgen

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// A Comparison is the ad platforms' headline figures in a comparison
// period: the previous period (kpi.Period.Previous) or the same dates a
// year earlier (kpi.Period.YearEarlier), from the export rows of that
// period the inputs hold. It is computed with the report's KPI definitions
// and exchange rates, from the same kind of rows as the report. It is
// media-only: the cost sheets' lines are booked to the report period, so
// other costs, total cost and the full-cost ROIs are not compared.
type Comparison struct {
	Key    string // previous or year_ago
	Label  string // "Previous period", "Year ago"
	Period kpi.Period
	// Covered is the part of Period that every export behind the
	// comparison covers (its rows, or the period it states). Partial is
	// true when that is not the whole period, or when an ad platform of the
	// report has no row in it: such a comparison is shown, flagged, and
	// its changes are not computed.
	Covered kpi.Period
	Partial bool
	// Notes say what a reader must know: which export covers what, a
	// platform without rows, revenue not compared, rates used.
	Notes []string
	// Total is the ad platforms together in Period: Inputs (other costs
	// left out) and Values, the full-cost KPIs undefined.
	Total Scope
	// Platforms are the ad platforms with rows in Period.
	Platforms []kpi.Platform
	// Rows is the number of export rows booked in Period.
	Rows int
}

// notCompared are the figures a comparison leaves undefined: it is
// media-only.
var notCompared = map[string]bool{"other_costs": true, "total_cost": true, "roi": true, "roi_incl_modelled": true}

// Compared reports whether a comparison defines figure key at all (it
// leaves out the cost-sheet figures).
func Compared(key string) bool { return !notCompared[key] }

// Figure returns a figure of the comparison's total: an operand ("spend",
// "leads", ...) or a KPI key ("cpl", "roas"). It is undefined where the
// report's own figure would be (a metric the exports do not report, a zero
// denominator) and for the cost-sheet figures.
func (c *Comparison) Figure(key string) kpi.Ratio {
	if notCompared[key] {
		return kpi.Ratio{}
	}
	return scopeFigure(&c.Total, key)
}

// Figure returns a figure of the whole report's ad platforms, as
// Comparison.Figure does for a comparison.
func (r *Report) Figure(key string) kpi.Ratio { return scopeFigure(&r.Total, key) }

// Change returns the report's figure key minus the comparison's, and that
// difference as a fraction of the comparison's (of its absolute value, so
// that a loss that shrinks is a rise). Each is undefined when either
// figure is, when the comparison covers its period only partly, and, for
// the fraction, when the comparison's figure is 0.
func (r *Report) Change(c *Comparison, key string) (diff, frac kpi.Ratio) {
	if c == nil || c.Partial || notCompared[key] {
		return kpi.Ratio{}, kpi.Ratio{}
	}
	cur, prev := r.Figure(key), c.Figure(key)
	if !cur.OK || !prev.OK {
		return kpi.Ratio{}, kpi.Ratio{}
	}
	d := cur.Value - prev.Value
	diff = kpi.Ratio{Value: d, OK: true}
	if prev.Value != 0 {
		frac = kpi.Ratio{Value: d / abs(prev.Value), OK: true}
	}
	return diff, frac
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// scopeFigure returns an operand or a KPI of s, undefined when s's
// exports do not report it.
func scopeFigure(s *Scope, key string) kpi.Ratio {
	if v, ok := s.Values[key]; ok {
		return v
	}
	if !slices.Contains(kpi.Operands, key) {
		return kpi.Ratio{}
	}
	in := &s.Inputs
	if key == "reach" && !in.ReachKnown || key == "followers" && !in.FollowersKnown {
		return kpi.Ratio{}
	}
	if f, counted := kpi.OperandField(key); counted && in.Has&f == 0 {
		return kpi.Ratio{}
	}
	return kpi.Ratio{Value: kpi.Operand(*in, key), OK: true}
}

// buildComparisons computes the report's comparisons from the aggregators
// of their periods (Options.Previous and Options.YearAgo). A comparison is
// nil when no ad-platform row falls in its period; one that cannot be
// computed is left out with a warning rather than failing the report.
func buildComparisons(r *Report, opts Options, sources []kpi.FileStats) {
	if r.Period.IsZero() {
		return
	}
	for _, c := range []struct {
		key, label string
		period     kpi.Period
		agg        *Aggregator
		out        **Comparison
	}{
		{"previous", "Previous period", r.Period.Previous(), opts.Previous, &r.Previous},
		{"year_ago", "Year ago", r.Period.YearEarlier(), opts.YearAgo, &r.YearAgo},
	} {
		if c.agg == nil {
			continue
		}
		cmp, err := buildComparison(r, opts, sources, c.period, c.agg)
		if err != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s (%s) not compared: %v", strings.ToLower(c.label), c.period, err))
			continue
		}
		if cmp != nil {
			cmp.Key, cmp.Label = c.key, c.label
		}
		*c.out = cmp
	}
}

// buildComparison computes one comparison: the report's own Build over
// the period's rows, without cost lines, goals or invoices.
func buildComparison(r *Report, opts Options, sources []kpi.FileStats, p kpi.Period, agg *Aggregator) (*Comparison, error) {
	paid := false
	hasSource := false
	for k := range agg.cells {
		paid = paid || k.platform.IsPaid()
		hasSource = hasSource || string(k.platform) == r.RevenueSource
	}
	if !paid {
		return nil, nil
	}
	o := opts
	o.Period = p
	o.Goals, o.Invoices, o.Previous, o.YearAgo = nil, nil, nil, nil
	noRevenue := r.RevenueSource != "platforms" && !hasSource
	if noRevenue {
		// Build needs the revenue source's rows; without them the period's
		// revenue is unknown, not 0: it is built from the platforms' values
		// and then cleared.
		o.RevenueSource = "platforms"
	}
	sub, err := Build(o, agg, nil, nil)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Period: p, Total: sub.Total}
	for _, w := range sub.Warnings {
		if !strings.HasPrefix(w, "revenue is platform-reported") {
			c.Notes = append(c.Notes, w) // overlapping exports in that period
		}
	}
	c.Total.Campaigns, c.Total.Days = nil, nil
	for _, s := range sub.Platforms {
		c.Platforms = append(c.Platforms, s.Platform)
		c.Rows += s.Inputs.Records
	}
	if noRevenue {
		clearRevenue(sub)
		c.Total = sub.Total
		c.Total.Campaigns, c.Total.Days = nil, nil
		c.Notes = append(c.Notes, fmt.Sprintf("no %s rows in %s: revenue, ROAS and media ROI are not compared", kpi.Platform(r.RevenueSource).Name(), p.Label()))
	}
	for key := range notCompared {
		if _, ok := c.Total.Values[key]; ok {
			c.Total.Values[key] = kpi.Ratio{}
		}
	}
	c.Total.Inputs.OtherCosts = 0

	// Coverage: each export behind the comparison, and each ad platform of
	// the report.
	covered, notes := coverage(agg, sources, p, r.RevenueSource)
	c.Covered = covered
	c.Notes = append(c.Notes, notes...)
	c.Partial = len(notes) > 0
	for _, s := range r.Platforms {
		if !slices.Contains(c.Platforms, s.Platform) {
			c.Partial = true
			c.Notes = append(c.Notes, fmt.Sprintf("no %s rows in %s", s.Name, p.Label()))
		}
	}
	for _, x := range sub.Rates {
		if x.Used {
			c.Notes = append(c.Notes, fmt.Sprintf("%s converted at the report period's rate (1 %s = %s %s)", x.Currency, x.Currency, x.Rate, r.Currency))
		}
	}
	return c, nil
}

// clearRevenue makes a report's ad scopes' revenue unknown and
// recomputes their KPIs.
func clearRevenue(r *Report) {
	for _, s := range append([]*Scope{&r.Total}, ptrs(r.Platforms)...) {
		s.Inputs.Revenue = 0
		s.Inputs.Has &^= kpi.FRevenue
		s.Values = values(r.KPIs, s.Inputs)
	}
	restrictTotal(r, &r.Total)
}

func ptrs(ss []Scope) []*Scope {
	out := make([]*Scope, len(ss))
	for i := range ss {
		out[i] = &ss[i]
	}
	return out
}

// coverage returns the part of p that every export feeding agg's ad
// platform rows (and the revenue source's rows) covers, and a note for
// each export that covers p only partly. An export covers the days of its
// rows in p and the period it states, if any.
func coverage(agg *Aggregator, sources []kpi.FileStats, p kpi.Period, revenueSource string) (kpi.Period, []string) {
	stated := map[string]kpi.Period{}
	for _, s := range sources {
		if !s.Period.IsZero() {
			stated[s.File] = s.Period
		}
	}
	spans := map[string]kpi.Period{}
	extend := func(file string, q kpi.Period) {
		q, ok := p.Intersect(q)
		if !ok {
			return
		}
		s, seen := spans[file]
		if !seen {
			spans[file] = q
			return
		}
		if q.From.Before(s.From) {
			s.From = q.From
		}
		if q.To.After(s.To) {
			s.To = q.To
		}
		spans[file] = s
	}
	for k, c := range agg.cells {
		if !k.platform.IsPaid() && string(k.platform) != revenueSource {
			continue
		}
		q := k.span
		if !k.day.IsZero() {
			q = kpi.Period{From: k.day, To: k.day}
		}
		for _, f := range append([]string{c.file}, c.others...) {
			extend(f, q)
		}
	}
	for f := range spans {
		if s, ok := stated[f]; ok {
			extend(f, s)
		}
	}
	covered := p
	var notes []string
	for _, f := range slices.Sorted(maps.Keys(spans)) {
		s := spans[f]
		if !s.Covers(p) {
			notes = append(notes, fmt.Sprintf("%s covers %s only, not all of %s", f, dayRange(s), p.Label()))
		}
		if s.From.After(covered.From) {
			covered.From = s.From
		}
		if s.To.Before(covered.To) {
			covered.To = s.To
		}
	}
	if covered.To.Before(covered.From) {
		covered = kpi.Period{}
	}
	return covered, notes
}

// dayRange shows a range of days: "15–30 Sep 2026".
func dayRange(p kpi.Period) string {
	if p.From.Equal(p.To) {
		return p.From.Format("2 Jan 2006")
	}
	if p.From.Year() == p.To.Year() && p.From.Month() == p.To.Month() {
		return fmt.Sprintf("%d–%s", p.From.Day(), p.To.Format("2 Jan 2006"))
	}
	return p.From.Format("2 Jan 2006") + " – " + p.To.Format("2 Jan 2006")
}

// Describe says what the comparison is: "Previous period: September
// 2026, all 30 days", or, when partial, how many days every export covers.
func (c *Comparison) Describe() string {
	s := fmt.Sprintf("%s: %s", c.Label, c.Period.Label())
	if !c.Partial {
		return s + fmt.Sprintf(", all %d days", c.Period.Days())
	}
	return s + fmt.Sprintf(", partial: %d of %d days covered by every export; changes not computed", c.Covered.Days(), c.Period.Days())
}
