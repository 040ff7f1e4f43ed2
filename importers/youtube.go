package importers

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// YouTube reads the three CSV files of a YouTube Studio export (Analytics,
// Advanced mode, Export, CSV): a zip holding "Table data.csv", "Chart
// data.csv" and "Totals.csv" (UTF-8, no BOM, LF). A real Table data.csv:
//
//	Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)
//	Total,,,,181588,243.645,97,50929,1.68
//	UWQNrpakgcA,Consistency is the key #viralshorts ...,"Aug 28, 2025",9,30331,45.8772,14,456,3.51
//
// Chart data.csv has a row per video per day, with the chart's one metric:
//
//	Date,Content,Video title,Video publish time,Duration,Views
//	2025-06-13,2imBUt8eZaI,Trending new viral shorts ...,"Sep 29, 2025",5,0
//
// and Totals.csv the channel's day totals of that metric:
//
//	Date,Views
//	2025-06-13,1224
//
// The three files report the same views at three levels, and
// FileStats.Level tells them apart: "video" (Table data: a record per
// video, covering the report period, since the file holds no dates:
// Record.Span is Options.Period and a warning says so), "video-day" (Chart
// data: a record per video and day) and "channel-day" (Totals: a record per
// day, with no account or post). Importing two of one export counts the
// views twice; each import warns so.
//
// A video's record has Post = its title, PostLink = its video id (the
// Content cell; YouTube writes a space before an id that starts with "-",
// which is trimmed), Published = its publish day. Metrics: Views are video
// views, Impressions impressions, "Watch time (hours)" WatchHours (exact, up
// to 4 decimals), Likes reactions, "Comments added" comments, Shares
// shares. Follows are "Subscribers gained" when the export has it, else
// "Subscribers", the net change, which may be negative. Duration and the
// click-through rate (a percentage without "%") are never read; empty cells
// are metrics YouTube does not have for that row, kept apart from 0.
//
// The first data row of Table data, "Total,,,,<totals>", is never booked:
// its views, watch time and impressions are checked against the sum of the
// rows (its Subscribers are not: they count changes YouTube does not assign
// to a video). A file re-saved by Excel loses that row (no check then), has
// CRLF line ends, publish times like "3-Jun-26" and numeric dates in the
// spreadsheet's locale: "13-06-2025" (DD-MM-YYYY) or "7/16/2026"
// (M/D/YYYY). Which part is the day is decided once per file, from a date
// whose first or second part is above 12; a file where no date settles it
// is refused, never guessed.
type YouTube struct{}

// ytNetSubscribers is the net "Subscribers" column: not a metric that
// fillMetrics parses, since it may be negative.
const ytNetSubscribers = "subscribers_net"

// The levels of the three files.
const (
	ytVideo      = "video"
	ytVideoDay   = "video-day"
	ytChannelDay = "channel-day"
)

var youtubeColumns = []col{
	{fDay, []string{"Date"}},
	{fPostLink, []string{"Content"}},
	{fPost, []string{"Video title"}},
	{fPublished, []string{"Video publish time"}},
	{fVideoViews, []string{"Views"}},
	{fWatchHours, []string{"Watch time (hours)"}},
	{fImpressions, []string{"Impressions"}},
	{fFollows, []string{"Subscribers gained"}},
	{ytNetSubscribers, []string{"Subscribers"}},
	{fReactions, []string{"Likes"}},
	{fComments, []string{"Comments added"}},
	{fShares, []string{"Shares"}},
}

// youtubeMarkers are YouTube Studio metric names no other export writes
// beside a bare "Date": a Totals.csv header needs one of them. ("Date,
// Impressions" alone is not recognized; -platform youtube reads it.)
var youtubeMarkers = []string{"views", "watch time (hours)", "subscribers", "subscribers gained",
	"subscribers lost", "impressions click-through rate (%)", "average view duration",
	"average percentage viewed (%)", "comments added", "unique viewers", "new viewers",
	"returning viewers", "regular viewers", "casual viewers"}

// youtubeOthers are further YouTube Studio metric names a Totals.csv may
// carry: read (when mapped) or kept unmapped, but never a sign of another
// platform.
var youtubeOthers = []string{"impressions", "likes", "dislikes", "shares", "duration",
	"estimated revenue (usd)", "rpm (usd)", "cpm (usd)", "card clicks", "end screen element clicks"}

// Platform returns "youtube".
func (YouTube) Platform() kpi.Platform { return kpi.YouTube }

// Detect accepts a head whose first non-blank row is a Table data or Chart
// data header (Content and Video title, with Date for Chart data), or a
// Totals header: Date first, then only YouTube Studio metric names, one of
// them a YouTube marker such as Views.
func (YouTube) Detect(in *Input) bool {
	h, ok := youtubeHead(in)
	return ok && (h.kind != ytChannelDay || h.marker)
}

// A youtubeHeader is the header of one of the three files.
type youtubeHeader struct {
	row    int // index in Input.Head
	kind   string
	m      *mapping
	marker bool // a Totals header has a YouTube marker metric
}

// youtubeHead reads the first non-blank row of in's head as a YouTube
// Studio header; ok is false when it is none of the three.
func youtubeHead(in *Input) (h youtubeHeader, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		names := map[string]bool{}
		for _, c := range rec {
			names[normHeader(c)] = true
		}
		h.row = i
		switch {
		case names["content"] && names["video title"] && names["date"]:
			h.kind = ytVideoDay
		case names["content"] && names["video title"]:
			h.kind = ytVideo
		case len(rec) >= 2 && normHeader(rec[0]) == "date":
			for _, c := range rec[1:] {
				n := normHeader(c)
				switch {
				case n == "":
				case slices.Contains(youtubeMarkers, n):
					h.marker = true
				case !slices.Contains(youtubeOthers, n):
					return h, false
				}
			}
			h.kind = ytChannelDay
		default:
			return h, false
		}
		h.m = mapHeader(rec, youtubeColumns)
		return h, true
	}
	return h, false
}

// Import reads one of the three files of a YouTube Studio export. See
// YouTube for what each row becomes and how dates are read.
func (YouTube) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.YouTube, opts, emit)
	h, ok := youtubeHead(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a YouTube Studio export (want Table data.csv with Content and Video title, Chart data.csv with Date, Content and Video title, or Totals.csv with Date and a metric such as Views)", in.Name, ErrMissingColumn)
	}
	m, headerLine := h.m, in.HeadLines[h.row]
	r.setHeader(m)
	r.st.Level = h.kind
	need := map[string][]string{ytVideo: {fPostLink, fPost}, ytVideoDay: {fDay, fPostLink, fPost}, ytChannelDay: {fDay}}[h.kind]
	if err := requireColumns(in, headerLine, m, youtubeColumns, need...); err != nil {
		return r.st, err
	}
	if len(m.metrics) == 0 && !m.has(ytNetSubscribers) {
		return r.st, fmt.Errorf("%s:%d: %w: want a metric roibook reads (Views, Watch time (hours), Impressions, Subscribers, Subscribers gained, Likes, Comments added or Shares); the header has: %s",
			in.Name, headerLine, ErrMissingColumn, join(m.header))
	}
	if h.kind == ytVideo {
		r.warn("the file holds no dates: every video's row covers the report period, taken from the report, not from the file")
	}
	if m.has(fFollows) && m.has(ytNetSubscribers) {
		r.warn("follows are Subscribers gained; Subscribers (the net change) is not booked")
	}
	dates := &ytDates{in: in, m: m, headerLine: headerLine}
	for _, f := range []string{fDay, fPublished} {
		if i, ok := m.idx[f]; ok {
			dates.cols = append(dates.cols, i)
		}
	}
	totals := false
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.YouTube, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		if h.kind == ytVideo && strings.EqualFold(m.text(rec, fPostLink), "Total") && m.text(rec, fPost) == "" {
			var t kpi.Record
			if err := r.youtubeMetrics(&t, rec, m, line); err != nil {
				r.bad(err)
				return nil
			}
			var tot kpi.Totals
			tot.Add(&t)
			// Net subscribers include changes YouTube assigns to no video.
			tot.Has &^= kpi.FFollows
			r.platformTotals(tot, line, 0)
			r.skip(line, "totals row Total")
			totals = true
			return nil
		}
		out.PostLink, out.Post = m.text(rec, fPostLink), m.text(rec, fPost)
		if h.kind == ytVideo {
			out.Span = opts.Period
		} else {
			s, i, _ := m.cell(rec, fDay)
			d, err := dates.parse(s, line, i)
			if dates.err != nil {
				return dates.err
			}
			if err != nil {
				r.bad(err)
				return nil
			}
			out.Day = d
		}
		if s, i, ok := m.cell(rec, fPublished); ok && !isNA(s) {
			d, err := dates.parse(s, line, i)
			if dates.err != nil {
				return dates.err
			}
			if err != nil {
				r.bad(err)
				return nil
			}
			out.Published = d
		}
		if err := r.youtubeMetrics(&out, rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	if h.kind == ytVideo && !totals {
		r.warn("no Total row (a file re-saved by a spreadsheet loses it): the rows are not checked against YouTube's totals")
	}
	return r.finish()
}

// youtubeMetrics parses the metrics of a row into out: the mapped metrics,
// then the net Subscribers (signed) as follows when Subscribers gained is
// absent. Empty cells leave their metric out of out.Has.
func (r *run) youtubeMetrics(out *kpi.Record, rec []string, m *mapping, line int) error {
	if err := r.fillMetrics(out, rec, m, numDot, line); err != nil {
		return err
	}
	xClearNA(out, rec, m)
	v, i, ok := m.cell(rec, ytNetSubscribers)
	if !ok || m.has(fFollows) || isNA(v) {
		return nil
	}
	n, err := ytSigned(numDot, v)
	if err != nil {
		return r.valueErr(line, i, m, v, "a whole number like 12 or -3", ErrBadNumber)
	}
	out.Follows = n
	out.Has |= kpi.FFollows
	return nil
}

// ytSigned parses a whole number that may be negative ("-3").
func ytSigned(nf numberFormat, s string) (int64, error) {
	c, ok := nf.canon(s)
	if !ok {
		return 0, ErrBadNumber
	}
	q, err := kpi.ParseQty(c)
	if err != nil || q%kpi.Micro != 0 {
		return 0, ErrBadNumber
	}
	return int64(q / kpi.Micro), nil
}

// ytDateLayouts are the unambiguous dates of YouTube Studio files: ISO
// (Date), "Aug 28, 2025" (Video publish time), and what an en-US Excel
// makes of the latter, "3-Jun-26".
var ytDateLayouts = []string{"2006-01-02", "Jan 2, 2006", "January 2, 2006", "2-Jan-06", "2-Jan-2006"}

// ytNumeric matches a numeric date written by a spreadsheet: day and
// month in either order, then a 2- or 4-digit year ("13-06-2025",
// "7/16/2026", "16.07.26").
var ytNumeric = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$`)

// ytDates reads the dates of one file; the order of day and month in its
// numeric dates is decided once, from the whole file.
type ytDates struct {
	in         *Input
	m          *mapping
	headerLine int
	cols       []int // the date columns
	order      byte  // 0 undecided, 'd' day first, 'm' month first
	err        error // the file's dates cannot be read: fails the import
}

// parse reads one date cell. A bad cell is returned as a row error; a file
// whose day/month order cannot be decided sets d.err.
func (d *ytDates) parse(s string, line, col int) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := parseDay(s, d.in.Format == "xlsx", ytDateLayouts...); err == nil {
		return t, nil
	}
	a, b, y, ok := ytNumericDate(s)
	if !ok {
		return time.Time{}, d.valueErr(line, col, s, "a date like 2026-10-31, Oct 31, 2026 or 31-Oct-26")
	}
	if d.order == 0 {
		d.order, d.err = d.decide(line, col, s)
		if d.err != nil {
			return time.Time{}, d.err
		}
	}
	day, month := a, b
	want := "a date like 31-10-2026 (DD-MM-YYYY, as the file's other dates)"
	if d.order == 'm' {
		day, month = b, a
		want = "a date like 10/31/2026 (MM/DD/YYYY, as the file's other dates)"
	}
	t := kpi.Day(y, time.Month(month), day)
	if month < 1 || month > 12 || day < 1 || t.Day() != day {
		return time.Time{}, d.valueErr(line, col, s, want)
	}
	return t, nil
}

func (d *ytDates) valueErr(line, col int, s, want string) *ParseError {
	h := ""
	if col >= 0 && col < len(d.m.header) {
		h = d.m.header[col]
	}
	return &ParseError{File: d.in.Name, Line: line, Field: col, Header: h, Value: s, Want: want, Err: ErrBadDate}
}

// ytNumericDate splits a numeric date into its first and second parts and
// its year (a 2-digit year is 20yy).
func ytNumericDate(s string) (a, b, y int, ok bool) {
	p := ytNumeric.FindStringSubmatch(strings.TrimSpace(s))
	if p == nil {
		return 0, 0, 0, false
	}
	a, _ = strconv.Atoi(p[1])
	b, _ = strconv.Atoi(p[2])
	y, _ = strconv.Atoi(p[3])
	if len(p[3]) == 2 {
		y += 2000
	}
	return a, b, y, true
}

// decide reads every date cell of the file for a numeric date whose first
// part (the day: DD-MM) or second part (the day: MM-DD) is above 12. It
// returns 'd' or 'm', or an error naming the cell at line and col when no
// date settles the order, or when dates settle it both ways.
func (d *ytDates) decide(line, col int, s string) (byte, error) {
	rows, err := d.in.Rows()
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	type seen struct {
		line  int
		value string
	}
	var dayFirst, monthFirst seen
	for rows.Next() {
		ln, rec := rows.Line(), rows.Record()
		if ln <= d.headerLine {
			continue
		}
		for _, c := range d.cols {
			if c >= len(rec) {
				continue
			}
			a, b, _, ok := ytNumericDate(rec[c])
			switch {
			case !ok || a > 31 || b > 31 || a > 12 && b > 12:
			case a > 12 && dayFirst.line == 0:
				dayFirst = seen{ln, strings.TrimSpace(rec[c])}
			case b > 12 && monthFirst.line == 0:
				monthFirst = seen{ln, strings.TrimSpace(rec[c])}
			}
		}
	}
	// A read error is reported by the import's own pass over the rows.
	switch {
	case dayFirst.line > 0 && monthFirst.line > 0:
		return 0, d.valueErr(line, col, s, fmt.Sprintf("dates in one order, but line %d has the day first (%q) and line %d the month first (%q)",
			dayFirst.line, dayFirst.value, monthFirst.line, monthFirst.value))
	case dayFirst.line > 0:
		return 'd', nil
	case monthFirst.line > 0:
		return 'm', nil
	}
	return 0, d.valueErr(line, col, s, "a date whose day and month can be told apart: no date in the file has a part above 12, so day-month and month-day both fit; "+
		"export the file again from YouTube Studio (its dates are YYYY-MM-DD) instead of re-saving it in a spreadsheet")
}
