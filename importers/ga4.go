package importers

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// GA4 reads Google Analytics 4 CSV downloads: standard reports (Reports →
// Share → Download file), Reports snapshot exports holding several tables,
// and exploration downloads (Explore → Download). A real standard report
// (UTF-8, no BOM, LF, no newline after the last row):
//
//	# ----------------------------------------
//	# Traffic acquisition: Session source / medium
//	# Account: sri-kaza.com
//	# Property: sri-kaza.com
//	# ----------------------------------------
//	#
//	# All Users
//	# Start date: 20260322
//	# End date: 20260619
//	Session source / medium,Sessions,Engaged sessions,Engagement rate,Average engagement time per session,
//	Events per session,Event count,Key events,Session key event rate,Total revenue
//	(direct) / (none),212,162,0.7641509433962265,28.11320754716981,12.320754716981131,2612,1,0.0047169811320754715,0
//
// (line 6 is "# ", with a trailing space), and a real exploration:
//
//	# ----------------------------------------
//	# Koszulkowy.pl – GA4
//	# Untitled exploration-Free form 1
//	# 20251201-20251231
//	# ----------------------------------------
//
//	Landing page,ARPU,Average purchase revenue,Total revenue,Sessions,Transactions
//	,7.045117588078569,108.93929078929564,901690.509863,175596,8277,Grand total
//	(not set),7.560190388482445,106.59116813256006,257311.079872,41634,2414
//
// A file is a sequence of tables. Each has a preamble of "#" lines, which
// are counted, never assumed to be 9, and which state its period ("# Start
// date: 20260322" and "# End date: 20260619", or an exploration's "#
// 20251201-20251231"); then its header, then its rows. A Reports snapshot
// separates its tables with blank lines. A table's rows are booked when
// one of its dimensions is a traffic source: a source / medium ("Session
// source / medium", "First user source / medium") or a channel group
// ("Session primary channel group (Default channel group)", "Session
// default channel group", "First user primary channel group (Default
// Channel Group)", a custom group "Session <name>"). The rows of every
// other table (events, pages, landing pages, countries, days...) are
// skipped, each with a reason naming the table.
//
// Each booked row is a record with Platform ga4, Campaign the dimension
// value as written ("facebook.com / referral", "Paid Social"), Channel the
// platform MapChannel gives it with Options.ChannelRules before
// DefaultChannelRules, and the metrics Sessions, Engaged sessions, Key
// events (before 2024: Conversions) and Total revenue. With a "Date"
// column (YYYYMMDD) a row is that day; otherwise it covers its table's
// period (Record.Span). GA4 writes no currency: revenue is in
// Options.Currency. Rates (fractions), averages, users (not additive
// across rows), views and event counts are never read.
//
// An exploration's "Grand total" row comes first and has one more cell
// than the header; it is never booked and is the cross-check of the
// table's sessions, key events and revenue. An exploration lists only the
// rows it shows, so a mismatch can mean rows were left out.
type GA4 struct{}

// ga4Columns are the metrics read. The dimension column is added to each
// table's mapping as fSourceMedium.
var ga4Columns = []col{
	{fDay, []string{"Date"}},
	{fSessions, []string{"Sessions"}},
	{fEngagedSessions, []string{"Engaged sessions"}},
	{fKeyEvents, []string{"Key events", "Conversions"}},
	{fRevenue, []string{"Total revenue"}},
}

// ga4Metrics are GA4 metric names (folded by normHeader), read or not:
// they tell a header from a data row and metrics from dimensions.
var ga4Metrics = map[string]bool{
	"sessions": true, "engaged sessions": true, "engagement rate": true,
	"average engagement time per session": true, "average engagement time": true,
	"average engagement time per active user": true, "engaged sessions per active user": true,
	"events per session": true, "event count": true, "event count per active user": true,
	"event count per user": true, "key events": true, "conversions": true,
	"session key event rate": true, "user key event rate": true, "session conversion rate": true,
	"user conversion rate": true, "total revenue": true, "purchase revenue": true,
	"total users": true, "users": true, "new users": true, "returning users": true,
	"active users": true, "views": true, "views per active user": true, "views per user": true,
	"bounce rate": true, "average session duration": true, "sessions per user": true,
	"arpu": true, "arppu": true, "average purchase revenue": true, "transactions": true,
	"ecommerce purchases": true, "total purchasers": true, "purchaser conversion": true,
}

// ga4OtherSession are the "Session …" dimensions that are not channel
// groups: after "session ", a custom channel group's name never starts so.
var ga4OtherSession = []string{"source", "medium", "campaign", "manual ", "google ads", "cm360",
	"dv360", "sa360", "key event", "conversion"}

// ga4Traffic reports whether a header cell (folded) names a traffic-source
// dimension: a source / medium or a channel group, default or custom.
func ga4Traffic(h string) bool {
	switch {
	case ga4Metrics[h]:
		return false
	case strings.HasSuffix(h, "source / medium"), strings.Contains(h, "channel group"):
		return true
	}
	for _, p := range []string{"session ", "first user "} {
		if rest, ok := strings.CutPrefix(h, p); ok && rest != "" {
			for _, o := range ga4OtherSession {
				if strings.HasPrefix(rest, o) {
					return false
				}
			}
			return true
		}
	}
	return false
}

var (
	ga4Start = regexp.MustCompile(`(?i)^start date:\s*(.*)$`)
	ga4End   = regexp.MustCompile(`(?i)^end date:\s*(.*)$`)
	ga4Range = regexp.MustCompile(`^(\d{8})\s*-\s*(\d{8})$`)
)

// ga4Comment returns the text of a preamble line ("# Start date: 20260322"
// gives "Start date: 20260322"); ok is false for any other row. A preamble
// line is "#" alone or "#" followed by a space or a dash, so that a data
// row whose first cell merely starts with "#" is not taken for one.
func ga4Comment(rec []string, delim rune) (text string, ok bool) {
	if len(rec) == 0 {
		return "", false
	}
	first := strings.TrimPrefix(rec[0], "\ufeff")
	if !strings.HasPrefix(first, "#") {
		return "", false
	}
	if len(first) > 1 && first[1] != ' ' && first[1] != '-' {
		return "", false
	}
	line := strings.Join(append([]string{first}, rec[1:]...), string(max(delim, ',')))
	return strings.TrimSpace(strings.TrimPrefix(line, "#")), true
}

// ga4DateLine reports whether a preamble text states a date.
func ga4DateLine(text string) bool {
	return ga4Start.MatchString(text) || ga4End.MatchString(text) || ga4Range.MatchString(text)
}

// ga4HeaderLike reports whether rec reads as a GA4 header: two cells or
// more, a GA4 metric name among them, and no number.
func ga4HeaderLike(rec []string) bool {
	if len(rec) < 2 {
		return false
	}
	metric := false
	for _, c := range rec {
		n := normHeader(c)
		if ga4Metrics[n] {
			metric = true
		}
		if _, err := numDot.qty(c); err == nil && !isNA(c) {
			return false
		}
	}
	return metric
}

// Platform returns "ga4".
func (GA4) Platform() kpi.Platform { return kpi.GA4 }

// Detect accepts a head that starts with "#" lines, one of them a date
// ("# Start date: 20260322", "# 20251201-20251231"), followed by a header
// naming a GA4 metric.
func (GA4) Detect(in *Input) bool {
	comments, dated := 0, false
	for _, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		if text, ok := ga4Comment(rec, in.Delimiter); ok {
			comments++
			dated = dated || ga4DateLine(text)
			continue
		}
		return comments > 0 && dated && ga4HeaderLike(rec)
	}
	return false
}

// A ga4Preamble is what the "#" lines above a table say.
type ga4Preamble struct {
	lines      int // "#" lines read
	firstLine  int
	start, end time.Time
	startLine  int
	endLine    int
}

// add reads one preamble line. A malformed or repeated date is an error:
// two periods above one table (a comparison) cannot be told apart.
func (p *ga4Preamble) add(name string, line int, text string) error {
	if p.lines == 0 {
		p.firstLine = line
	}
	p.lines++
	bad := func(want string) error {
		return &ParseError{File: name, Line: line, Field: -1, Value: text, Err: ErrBadDate,
			Want: fmt.Sprintf("got %q, want %s", "# "+text, want)}
	}
	twice := func(prev int) error {
		return &ParseError{File: name, Line: line, Field: -1, Value: text, Err: ErrBadDate,
			Want: fmt.Sprintf("a second date range above one table (the first is on line %d): export without a comparison", prev)}
	}
	day := func(s string) (time.Time, bool) {
		s = strings.TrimSpace(s)
		if len(s) != 8 {
			return time.Time{}, false
		}
		d, err := time.Parse("20060102", s)
		return d, err == nil
	}
	switch {
	case ga4Start.MatchString(text):
		if p.startLine != 0 {
			return twice(p.startLine)
		}
		d, ok := day(ga4Start.FindStringSubmatch(text)[1])
		if !ok {
			return bad(`a date like "# Start date: 20261001"`)
		}
		p.start, p.startLine = d, line
	case ga4End.MatchString(text):
		if p.endLine != 0 {
			return twice(p.endLine)
		}
		d, ok := day(ga4End.FindStringSubmatch(text)[1])
		if !ok {
			return bad(`a date like "# End date: 20261031"`)
		}
		p.end, p.endLine = d, line
	case ga4Range.MatchString(text):
		if p.startLine != 0 {
			return twice(p.startLine)
		}
		m := ga4Range.FindStringSubmatch(text)
		from, ok1 := day(m[1])
		to, ok2 := day(m[2])
		if !ok1 || !ok2 {
			return bad(`a date range like "# 20261001-20261031"`)
		}
		p.start, p.end, p.startLine, p.endLine = from, to, line, line
	}
	return nil
}

// period returns the preamble's period; it is zero when the preamble
// states none. A range that ends before it starts, or only one of Start
// and End, is an error.
func (p *ga4Preamble) period(name string) (kpi.Period, error) {
	switch {
	case p.startLine == 0 && p.endLine == 0:
		return kpi.Period{}, nil
	case p.startLine == 0 || p.endLine == 0:
		line := max(p.startLine, p.endLine)
		return kpi.Period{}, &ParseError{File: name, Line: line, Field: -1, Err: ErrBadDate,
			Want: `both "# Start date:" and "# End date:" lines above the table`}
	case p.end.Before(p.start):
		return kpi.Period{}, &ParseError{File: name, Line: p.endLine, Field: -1, Err: ErrBadDate,
			Want: fmt.Sprintf("an end date (%s) not before the start date (%s)",
				p.end.Format(time.DateOnly), p.start.Format(time.DateOnly))}
	}
	return kpi.Period{From: p.start, To: p.end}, nil
}

// A ga4Table is one table of a file: its header and what its rows are.
type ga4Table struct {
	m      *mapping
	line   int        // header line
	period kpi.Period // zero when the preamble states none
	dim    int        // column of the traffic dimension, -1 when none
	name   string     // the first dimension's header, for messages
	skip   string     // why the rows are not booked; "" when they are
}

// newGA4Table reads a header.
func newGA4Table(rec []string, line int, period kpi.Period) *ga4Table {
	t := &ga4Table{line: line, period: period, dim: -1, name: strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff"))}
	for i, h := range rec {
		if ga4Traffic(normHeader(h)) {
			t.dim, t.name = i, strings.TrimSpace(h)
			break
		}
	}
	cols := ga4Columns
	if t.dim >= 0 {
		cols = append(slices.Clip(ga4Columns), col{fSourceMedium, []string{t.name}})
	}
	t.m = mapHeader(rec, cols)
	switch {
	case t.dim < 0:
		t.skip = fmt.Sprintf("table %q (line %d) is not by source / medium or channel group", t.name, line)
	case t.m.count(fSessions, fEngagedSessions, fKeyEvents, fRevenue) == 0:
		t.skip = fmt.Sprintf("table %q (line %d) has no sessions, key events or revenue", t.name, line)
	}
	return t
}

// totalsRow reports an exploration's totals row: one cell more than the
// header, the dimension cells empty. It returns the row's label.
func (t *ga4Table) totalsRow(rec []string) (string, bool) {
	if len(rec) != len(t.m.header)+1 || strings.TrimSpace(rec[0]) != "" || t.dim >= 0 && strings.TrimSpace(rec[t.dim]) != "" {
		return "", false
	}
	label := strings.TrimSpace(rec[len(rec)-1])
	if label == "" {
		label = "(no label)"
	}
	return label, true
}

// channelRules returns the rules of opts followed by the defaults.
func channelRules(opts Options) []ChannelRule {
	return append(slices.Clip(opts.ChannelRules), DefaultChannelRules()...)
}

// Import reads a GA4 download in one pass. A malformed preamble date stops
// the import; a file that ends in a preamble, before its header, is
// reported as truncated.
func (GA4) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.GA4, opts, emit)
	rules := channelRules(opts)
	xlsx := in.Format == "xlsx"

	rows, err := in.Rows()
	if err != nil {
		return r.st, err
	}
	defer rows.Close()

	var (
		pre       ga4Preamble
		t         *ga4Table
		first     *ga4Table // first table, for the stats' columns
		booked    bool      // a table whose rows are booked was seen
		prevLine  int
		totals    kpi.Totals
		haveTotal bool
		noPeriod  bool // warned that a table states no period
	)
	// The run's eachRow counts every row after one header as data; here
	// preamble lines and headers of later tables are not data rows.
	for rows.Next() {
		line, rec := rows.Line(), rows.Record()
		gap := line > prevLine+1 // a blank line (or a multi-line cell) before this row
		prevLine = line
		if isBlank(rec) {
			continue
		}
		if text, ok := ga4Comment(rec, in.Delimiter); ok {
			if t != nil {
				t, pre = nil, ga4Preamble{}
			}
			if err := pre.add(in.Name, line, text); err != nil {
				return r.st, err
			}
			continue
		}
		if t == nil || gap && ga4HeaderLike(rec) {
			p, err := pre.period(in.Name)
			if err != nil {
				return r.st, err
			}
			if pre.lines == 0 && t != nil {
				p = t.period // a table after a blank line, without "#" lines of its own
			}
			t, pre = newGA4Table(rec, line, p), ga4Preamble{}
			if first == nil {
				first = t
			}
			if t.skip == "" && !booked {
				booked = true
				r.setHeader(t.m)
				if t.m.has(fRevenue) {
					if opts.Currency != "" {
						r.warn("GA4 writes no currency: revenue is taken as %s", opts.Currency)
					} else {
						r.warn("GA4 writes no currency: set currency for this input in roibook.yaml")
					}
				}
			}
			if t.skip == "" && !p.IsZero() {
				if r.st.Period.IsZero() {
					r.st.Period = p
				} else {
					r.st.Period = kpi.Period{From: minTime(r.st.Period.From, p.From), To: maxTime(r.st.Period.To, p.To)}
				}
			}
			if t.skip == "" && p.IsZero() && !t.m.has(fDay) && !noPeriod {
				noPeriod = true
				r.warn("table %q (line %d) states no period and has no Date column: its rows cover the report period", t.name, line)
			}
			continue
		}

		r.row()
		if label, ok := t.totalsRow(rec); ok {
			if t.skip != "" {
				r.skip(line, "totals row "+label+"; "+t.skip)
				continue
			}
			var tr kpi.Record
			if err := r.fillMetrics(&tr, rec, t.m, numDot, line); err != nil {
				r.bad(err)
				continue
			}
			totals.Add(&tr)
			if !haveTotal {
				haveTotal = true
				r.platformTotals(totals, line, 0)
			} else {
				r.platformTotals(totals, r.st.Check.Line, 0)
			}
			r.skip(line, "totals row "+label)
			continue
		}
		if t.skip != "" {
			r.skip(line, t.skip)
			continue
		}
		out := kpi.Record{Platform: kpi.GA4, Source: kpi.Source{File: in.Name, Line: line},
			Campaign: strings.TrimSpace(rec[min(t.dim, len(rec)-1)])}
		if err := r.checkWidth(rec, t.m, line); err != nil {
			r.bad(err)
			continue
		}
		if v, i, ok := t.m.cell(rec, fDay); ok {
			d, err := parseDay(v, xlsx, "20060102")
			if err != nil {
				r.bad(r.valueErr(line, i, t.m, v, wantDate("20060102"), ErrBadDate))
				continue
			}
			out.Day = d
		} else if !t.period.IsZero() {
			out.Span = t.period
		} else {
			out.Span = opts.Period
		}
		if err := r.fillMetrics(&out, rec, t.m, numDot, line); err != nil {
			r.bad(err)
			continue
		}
		out.Channel = MapChannel(out.Campaign, rules)
		if err := r.use(out); err != nil {
			return r.st, err
		}
	}
	if err := rows.Err(); err != nil {
		return r.st, err
	}
	if pre.lines > 0 {
		return r.st, &ParseError{File: in.Name, Line: pre.firstLine, Field: -1, Err: ErrBadRow,
			Want: "a header after the \"#\" lines; the file ends before it (truncated file?)"}
	}
	switch {
	case first == nil:
	case !booked:
		r.setHeader(first.m)
		r.warn("no table by source / medium or channel group: no rows booked; download Traffic acquisition or User acquisition")
	}
	return r.finish()
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
