package importers

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// A run is one import in progress. Platform importers read rows and call
// use, skip, bad and platformTotals; the run keeps the row accounting, the
// period filter, the bad-row policy and the totals check in one place.
type run struct {
	in    *Input
	opts  Options
	emit  func(kpi.Record) error
	st    *kpi.FileStats
	errs  errorList
	bads  int // malformed rows seen
	tol   kpi.Money
	mixed bool // rows in more than one currency
	// Rows covering a span only partly inside the period: the first one's
	// line and span, and how many.
	partial      int
	partialFirst int
	partialSpan  kpi.Period
}

// newRun starts an import of in for platform p.
func newRun(in *Input, p kpi.Platform, opts Options, emit func(kpi.Record) error) *run {
	st := &kpi.FileStats{File: in.Name, Platform: p, Format: in.Format, Encoding: in.Encoding,
		Check: kpi.TotalsCheck{Status: kpi.CheckNone}}
	if in.Format == "xlsx" {
		st.Encoding = ""
	}
	switch in.Delimiter {
	case '\t':
		st.Delimiter = "tab"
	case 0:
	default:
		st.Delimiter = string(in.Delimiter)
	}
	return &run{in: in, opts: opts, emit: emit, st: st}
}

// setHeader records the column mapping in the stats.
func (r *run) setHeader(m *mapping) {
	r.st.Columns = m.columns
	r.st.Unmapped = m.unmapped
	if len(m.dupes) > 0 {
		r.warn("duplicate column names %s: the first of each is used", join(m.dupes))
	}
}

// warn adds a warning to the stats.
func (r *run) warn(format string, args ...any) {
	r.st.Warnings = append(r.st.Warnings, fmt.Sprintf(format, args...))
}

// row counts one data row read. Every row counted must then be used,
// skipped or rejected exactly once.
func (r *run) row() { r.st.Rows++ }

// skip records a row the export legitimately carries and roibook does not
// book: a totals row, a "No data available." line.
func (r *run) skip(line int, reason string) {
	r.st.Skipped = append(r.st.Skipped, kpi.Note{Line: line, Reason: reason})
}

// bad handles a malformed row: rejected with its reason when bad rows are
// skipped, otherwise collected as an error that fails the import.
func (r *run) bad(err error) {
	r.bads++
	if r.opts.SkipBadRows {
		var pe *ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Line
		}
		r.st.Rejected = append(r.st.Rejected, kpi.Note{Line: line, Reason: err.Error()})
		return
	}
	r.errs.add(err)
}

// failed reports whether the import will fail: nothing more is emitted
// after the first fatal bad row, but reading goes on to report more.
func (r *run) failed() bool { return !r.opts.SkipBadRows && r.bads > 0 }

// use books a valid record: counted in the file totals, then emitted when
// it lies in the report period, else counted as outside the period.
func (r *run) use(rec kpi.Record) error {
	if rec.Currency == "" {
		rec.Currency = r.opts.Currency
	}
	if r.st.Currency == "" && rec.Currency != "" && !r.mixed {
		r.st.Currency = rec.Currency
	} else if rec.Currency != r.st.Currency && !r.mixed {
		r.mixed = true
		r.warn("rows in more than one currency (%s and %s): file totals are not comparable", r.st.Currency, rec.Currency)
		r.st.Currency = ""
	}
	r.st.Totals.Add(&rec)
	p := r.opts.Period
	inPeriod := p.IsZero() || (!rec.Day.IsZero() && p.Contains(rec.Day)) || (rec.Day.IsZero() && p.Covers(rec.Span))
	if !inPeriod {
		r.st.OutsidePeriod++
		if r.compared(rec) {
			return r.emitCompared(rec)
		}
		if rec.Day.IsZero() && !rec.Span.IsZero() && (p.Contains(rec.Span.From) || p.Contains(rec.Span.To)) {
			if r.partial == 0 {
				r.partialFirst, r.partialSpan = rec.Source.Line, rec.Span
			}
			r.partial++
		}
		return nil
	}
	if r.failed() {
		r.st.Used++
		return nil
	}
	if rec.Currency == "" && r.opts.RequireCurrency && rec.Has&kpi.MoneyFields != 0 {
		return fmt.Errorf("%s: %w: the export states no currency; set currency for this input in roibook.yaml", r.in.Name, ErrNoCurrency)
	}
	r.st.Used++
	if rec.Day.IsZero() {
		r.st.Aggregates++
	}
	if err := r.emit(rec); err != nil {
		return err
	}
	return nil
}

// platformTotals records the export's own totals row for the cross-check.
// tol is the largest money difference still called a match, on top of
// half a cent per row of rounding (Meta rounds its summary spend).
func (r *run) platformTotals(t kpi.Totals, line int, tol kpi.Money) {
	r.st.PlatformTotals = &t
	r.st.Check.Line = line
	r.tol = tol
}

// finish compares the totals and returns the stats and the error, if any.
func (r *run) finish() (*kpi.FileStats, error) {
	switch {
	case r.partial == 1:
		r.warn("line %d covers %s, which is only partly inside %s: not booked", r.partialFirst, r.partialSpan, r.opts.Period)
	case r.partial > 1:
		r.warn("%d rows cover days partly outside %s (from line %d, %s): not booked; export the report period to book them",
			r.partial, r.opts.Period, r.partialFirst, r.partialSpan)
	}
	if r.st.Currency == "" && !r.mixed && r.opts.Currency != "" {
		r.st.Currency = r.opts.Currency
	}
	if pt := r.st.PlatformTotals; pt != nil {
		r.st.Check.Diffs = compareTotals(r.st.Totals, *pt, r.st.Rows, r.tol)
		r.st.Check.Status = kpi.CheckMatch
		if len(r.st.Check.Diffs) > 0 {
			r.st.Check.Status = kpi.CheckMismatch
			r.warn("totals row (line %d) does not match the rows: %s", r.st.Check.Line, strings.Join(r.st.Check.Diffs, "; "))
		}
	}
	if len(r.st.Rejected) > 0 {
		r.warn("%d malformed %s rejected and not booked", len(r.st.Rejected), plural(len(r.st.Rejected), "row", "rows"))
	}
	return r.st, r.errs.err()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// compareTotals lists the metrics where sum and the platform's totals row
// differ by more than rounding, plus tol; counts must be equal. Rows shown
// to the cent each carry up to half a cent of rounding that mostly cancels
// out: the slack is half a cent plus a cent per √rows (over 3 standard
// deviations of the sum of n uniform rounding errors), so a real gap of a
// few units in a file of thousands of rows is still caught.
func compareTotals(sum, pt kpi.Totals, rows int, tol kpi.Money) []string {
	var diffs []string
	both := sum.Has & pt.Has
	slack := kpi.Money(5000+10000*math.Sqrt(float64(rows))) + tol
	money := func(name string, f kpi.Fields, a, b kpi.Money) {
		if both&f != 0 && (a-b > slack || b-a > slack) {
			diffs = append(diffs, fmt.Sprintf("%s: rows sum to %s, totals row says %s", name, a, b))
		}
	}
	qty := func(name string, f kpi.Fields, a, b kpi.Qty) {
		if both&f != 0 && (a-b > kpi.Qty(slack) || b-a > kpi.Qty(slack)) {
			diffs = append(diffs, fmt.Sprintf("%s: rows sum to %s, totals row says %s", name, a, b))
		}
	}
	count := func(name string, f kpi.Fields, a, b int64) {
		if both&f != 0 && a != b {
			diffs = append(diffs, fmt.Sprintf("%s: rows sum to %d, totals row says %d", name, a, b))
		}
	}
	money("spend", kpi.FSpend, sum.Spend, pt.Spend)
	count("impressions", kpi.FImpressions, sum.Impressions, pt.Impressions)
	count("clicks", kpi.FClicks, sum.Clicks, pt.Clicks)
	count("link clicks", kpi.FLinkClicks, sum.LinkClicks, pt.LinkClicks)
	qty("conversions", kpi.FConversions, sum.Conversions, pt.Conversions)
	qty("leads", kpi.FLeads, sum.Leads, pt.Leads)
	money("conversion value", kpi.FConversionValue, sum.ConversionValue, pt.ConversionValue)
	count("sessions", kpi.FSessions, sum.Sessions, pt.Sessions)
	qty("key events", kpi.FKeyEvents, sum.KeyEvents, pt.KeyEvents)
	money("revenue", kpi.FRevenue, sum.Revenue, pt.Revenue)
	count("video views", kpi.FVideoViews, sum.VideoViews, pt.VideoViews)
	qty("watch time (hours)", kpi.FWatchTime, sum.WatchHours, pt.WatchHours)
	return diffs
}

// valueErr builds the error for a bad cell.
func (r *run) valueErr(line, col int, m *mapping, value, want string, cause error) *ParseError {
	h := ""
	if col >= 0 && col < len(m.header) {
		h = m.header[col]
	}
	return &ParseError{File: r.in.Name, Line: line, Field: col, Header: h, Value: value, Want: want, Err: cause}
}

// rowErr builds the error for a row as a whole (a truncated row).
func (r *run) rowErr(line int, want string) *ParseError {
	return &ParseError{File: r.in.Name, Line: line, Field: -1, Want: want, Err: ErrBadRow}
}

// metricKind says how a metric field is parsed.
func metricKind(field string) byte {
	switch field {
	case fSpend, fConversionValue, fRevenue:
		return 'm'
	case fLeads, fConversions, fPurchases, fAddsToCart, fCheckouts, fKeyEvents, fCustomers, fWatchHours:
		return 'q'
	}
	return 'c'
}

// fillMetrics parses every mapped metric of row into rec and sets rec.Has.
// Empty and n/a cells are 0, except reach, which stays unknown. The first
// bad value is returned as a *ParseError.
func (r *run) fillMetrics(rec *kpi.Record, row []string, m *mapping, nf numberFormat, line int) error {
	rec.Has |= m.hasFields()
	for _, mc := range m.metrics {
		field, i := mc.field, mc.index
		if i >= len(row) {
			continue
		}
		v := row[i]
		var err error
		switch metricKind(field) {
		case 'm':
			var x kpi.Money
			x, err = nf.money(v)
			if err == nil {
				switch field {
				case fSpend:
					rec.Spend = x
				case fConversionValue:
					rec.ConversionValue = x
				case fRevenue:
					rec.Revenue = x
				}
			}
			if err != nil {
				return r.valueErr(line, i, m, v, nf.wantNumber(false), ErrBadNumber)
			}
		case 'q':
			var x kpi.Qty
			x, err = nf.qty(v)
			if err != nil {
				return r.valueErr(line, i, m, v, nf.wantNumber(false)+" (not negative)", ErrBadNumber)
			}
			switch field {
			case fLeads:
				rec.Leads = x
			case fConversions:
				rec.Conversions = x
			case fPurchases:
				rec.Purchases = x
			case fAddsToCart:
				rec.AddsToCart = x
			case fCheckouts:
				rec.Checkouts = x
			case fKeyEvents:
				rec.KeyEvents = x
			case fCustomers:
				rec.Customers = x
			case fWatchHours:
				rec.WatchHours = x
			}
		default:
			var x int64
			x, err = nf.count(v)
			if err != nil {
				return r.valueErr(line, i, m, v, nf.wantNumber(true), ErrBadNumber)
			}
			switch field {
			case fImpressions:
				rec.Impressions = x
			case fReach:
				rec.Reach, rec.ReachKnown = x, !isNA(v)
			case fClicks:
				rec.Clicks = x
			case fLinkClicks:
				rec.LinkClicks = x
			case fEngagements:
				rec.Engagements = x
			case fReactions:
				rec.Reactions = x
			case fComments:
				rec.Comments = x
			case fShares:
				rec.Shares = x
			case fSaves:
				rec.Saves = x
			case fVideoViews:
				rec.VideoViews = x
			case fFollows:
				rec.Follows = x
			case fLandingPageViews:
				rec.LandingPageViews = x
			case fPosts:
				rec.Posts = x
			case fFollowers:
				rec.Followers, rec.FollowersKnown = x, !isNA(v)
			case fSessions:
				rec.Sessions = x
			case fEngagedSessions:
				rec.EngagedSessions = x
			}
		}
	}
	if !m.has(fEngagements) && m.count(fReactions, fComments, fShares, fSaves) > 0 {
		rec.Engagements = rec.Reactions + rec.Comments + rec.Shares + rec.Saves
		rec.Has |= kpi.FEngagements
	}
	if !m.has(fReach) {
		rec.ReachKnown = false
	}
	if !m.has(fFollowers) {
		rec.FollowersKnown = false
	}
	// Where an export does not tell all clicks and link clicks apart, its
	// one click count is both.
	if !m.has(fClicks) && m.has(fLinkClicks) {
		rec.Clicks = rec.LinkClicks
		rec.Has |= kpi.FClicks
	} else if m.has(fClicks) && !m.has(fLinkClicks) {
		rec.LinkClicks = rec.Clicks
		rec.Has |= kpi.FLinkClicks
	}
	return nil
}

// checkWidth reports a truncated row: a CSV row with fewer cells than the
// header. (An xlsx row may end early: trailing empty cells are not stored.)
func (r *run) checkWidth(row []string, m *mapping, line int) error {
	if r.in.Format == "csv" && len(row) < len(m.header) {
		return r.rowErr(line, fmt.Sprintf("a row of %d cells like the header, got %d cells (truncated row?)", len(m.header), len(row)))
	}
	return nil
}

// eachRow calls fn with every non-blank row after the header line, each
// counted once as a data row (see row). An error from fn stops the import
// and is returned, as is an error reading the file.
func (r *run) eachRow(headerLine int, fn func(line int, rec []string) error) error {
	rows, err := r.in.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		line, rec := rows.Line(), rows.Record()
		if line <= headerLine || isBlank(rec) {
			continue
		}
		r.row()
		if err := fn(line, rec); err != nil {
			return err
		}
	}
	return rows.Err()
}

// record starts the record of a data row: the row's width checked, its
// identity (account, campaign, ad set, ad) read with text, its currency.
// A truncated row or a bad currency is returned as the row's error.
func (r *run) record(p kpi.Platform, rec []string, m *mapping, line int, text func(*mapping, []string, string) string) (kpi.Record, error) {
	out := kpi.Record{Platform: p, Source: kpi.Source{File: r.in.Name, Line: line},
		Account: text(m, rec, fAccount), Campaign: text(m, rec, fCampaign),
		AdSet: text(m, rec, fAdSet), Ad: text(m, rec, fAd)}
	if err := r.checkWidth(rec, m, line); err != nil {
		return out, err
	}
	var err error
	out.Currency, err = r.rowCurrency(rec, m, line)
	return out, err
}

// rowCurrency returns a row's currency: its currency column when the cell
// holds one, else the currency of the header suffix ("Cost (EUR)"), else "".
// A value that is not an ISO 4217 code is a bad value.
func (r *run) rowCurrency(rec []string, m *mapping, line int) (string, error) {
	v, i, ok := m.cell(rec, fCurrency)
	if !ok || isNA(v) {
		return m.currency, nil
	}
	cur := strings.ToUpper(strings.TrimSpace(v))
	if !kpi.IsCurrency(cur) {
		return "", r.valueErr(line, i, m, v, "a currency code such as USD or JPY", ErrBadRow)
	}
	return cur, nil
}

// text returns the trimmed value of a text field, "" when absent.
func (m *mapping) text(rec []string, field string) string {
	v, _, _ := m.cell(rec, field)
	return strings.TrimSpace(v)
}

// requireColumns fails when a field of required is not mapped in m. The
// error names the file and the header line, lists the columns found and,
// for each missing field, the header names accepted for it: a format built
// from alias lists (low confidence) must never import partly and silently.
func requireColumns(in *Input, headerLine int, m *mapping, cols []col, required ...string) error {
	missing := m.missing(required...)
	if len(missing) == 0 {
		return nil
	}
	var want []string
	for _, f := range missing {
		for _, c := range cols {
			if c.field == f {
				want = append(want, fmt.Sprintf("%s (one of %s)", f, join(c.aliases)))
				break
			}
		}
	}
	return fmt.Errorf("%s:%d: %w: want %s; the header has: %s", in.Name, headerLine, ErrMissingColumn,
		strings.Join(want, "; "), join(m.header))
}
