package importers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
)

// MetaPosts reads Meta Business Suite organic exports (Insights → Content →
// Export, export-formats.md §7.1): the Facebook and the Instagram post
// exports, one row per post, and the page-level daily exports, one metric
// per file. A real Facebook post header of 2026 (UTF-8 with BOM):
//
//	Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,
//	Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,
//	Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,
//	Matched Audience Targeting Consumption (Photo Click),Other Clicks,Link Clicks,...,Seconds viewed,
//	Average Seconds viewed,Estimated earnings (USD),Ad CPM (USD),Ad impressions
//
// the Instagram one:
//
//	Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,
//	Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves
//
// and a page-level daily export (UTF-16LE, with or without a BOM):
//
//	sep=,
//	"Facebook follows"
//	"Date","Primary"
//	"2026-10-01T00:00:00","20"
//
// The contract of a post export: a row is a post, booked with Posts = 1 to
// the day of its Publish time (MM/DD/YYYY HH:MM, month first as the
// English export writes it; any other shape is refused, never guessed),
// so that the posts published in the report period are the period's
// posts. Its metrics are lifetime totals up to the export date (Date =
// "Lifetime"): the record has Lifetime set and the file a warning, as a
// later export of the same month gives other numbers. Account is the page
// name or the Instagram account username; Post is the Title, else the
// first line of the Description, cut to 80 characters; PostLink is the
// Permalink, else the Post ID. Views (Impressions before 2025) are
// impressions; Reach stays per post and is never summed; Reactions or
// Likes are reactions; "Reactions, Comments and Shares" is the engagement
// count when present, else reactions, comments, shares and saves are
// summed; Total clicks are clicks and Link Clicks link clicks; Seconds
// viewed becomes watch hours (÷ 3600, rounded to the micro-hour). Headers
// are matched without case ("Reactions, comments and shares" in older
// files). Estimated earnings and Ad CPM/impressions are not read.
//
// The contract of a page-level daily export: a row is a day; the second
// line names the one metric of the file (see metaPageMetrics), which
// decides the field its "Primary" values fill. A daily page reach
// ("Viewers", "Reach") is kept per day and never summed; page visits are
// booked as clicks (a visit is an action that opened the page, not an
// impression of content, and a record has no page-view field). A title
// roibook does not know fails the import with the list of those it reads.
type MetaPosts struct{}

// Pseudo fields of the post exports, read by MetaPosts itself.
const (
	mpDate        = "lifetime_date"  // "Lifetime"
	mpDescription = "description"    // the caption; Post when Title is empty
	mpPostID      = "post_id"        // PostLink when there is no Permalink
	mpPageID      = "page_id"        // Page ID or Account ID: a detection marker
	mpSeconds     = "seconds_viewed" // Seconds viewed, booked as watch hours
)

var metaPostsColumns = []col{
	{mpPostID, []string{"Post ID"}},
	{mpPageID, []string{"Page ID", "Account ID"}},
	{fAccount, []string{"Page name", "Account username"}},
	{fPost, []string{"Title"}},
	{mpDescription, []string{"Description"}},
	{fPublished, []string{"Publish time"}},
	{fPostLink, []string{"Permalink"}},
	{mpDate, []string{"Date"}},
	{fImpressions, []string{"Views", "Impressions"}},
	{fReach, []string{"Reach", "Viewers"}},
	{fEngagements, []string{"Reactions, Comments and Shares"}},
	{fReactions, []string{"Reactions", "Likes"}},
	{fComments, []string{"Comments"}},
	{fShares, []string{"Shares"}},
	{fSaves, []string{"Saves"}},
	{fFollows, []string{"Follows"}},
	{fClicks, []string{"Total clicks"}},
	{fLinkClicks, []string{"Link Clicks"}},
	{mpSeconds, []string{"Seconds viewed"}},
}

// metaPageMetrics maps the title line of a page-level daily export to the
// field its values fill. "Facebook follows", "Instagram follows",
// "Content interactions", "Facebook link clicks", "Views", "Viewers" and
// "Facebook visits" are titles of real exports (idx:60387268291,
// idx:52769927715, idx:52070671921); the others are their Facebook or
// Instagram counterparts and the pre-2025 names (Impressions and Reach
// before Meta renamed them Views and Viewers).
var metaPageMetrics = []struct {
	field  string
	titles []string
}{
	{fImpressions, []string{"Views", "Facebook views", "Instagram views", "Impressions", "Facebook impressions", "Instagram impressions"}},
	{fReach, []string{"Viewers", "Facebook viewers", "Instagram viewers", "Reach", "Facebook reach", "Facebook Page reach", "Instagram reach"}},
	{fFollows, []string{"Follows", "Facebook follows", "Instagram follows"}},
	{fClicks, []string{"Visits", "Facebook visits", "Instagram visits", "Instagram profile visits"}},
	{fLinkClicks, []string{"Link clicks", "Facebook link clicks", "Instagram link clicks"}},
	{fEngagements, []string{"Content interactions", "Facebook content interactions", "Instagram content interactions", "Interactions"}},
}

// Layouts of the two date forms.
const (
	metaPublishLayout = "01/02/2006 15:04" // Publish time; "1/2/2006 15:04" is accepted too
	metaPageDayLayout = "2006-01-02T15:04:05"
)

// A metaPostsHead is what the head of a file says.
type metaPostsHead struct {
	header int // index in in.Head of the header row
	m      *mapping
	daily  bool   // a page-level daily export
	title  string // its metric title (line 2)
	tline  int    // the title's line
}

func readMetaPostsHead(in *Input) (metaPostsHead, bool) {
	var rows []int // indexes of the non-blank head rows
	for i, rec := range in.Head {
		if !isBlank(rec) {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return metaPostsHead{}, false
	}
	// A post export: its header is the first row.
	first := in.Head[rows[0]]
	m := mapHeader(first, metaPostsColumns)
	if m.has(mpPostID) && m.has(fPublished) && m.has(mpPageID) {
		return metaPostsHead{header: rows[0], m: m}, true
	}
	// A page-level daily export: "sep=," (optional), a one-cell title,
	// then the header "Date","Primary".
	k := 0
	if strings.EqualFold(strings.TrimSpace(strings.Join(first, ",")), "sep=,") {
		k = 1
	}
	if len(rows) < k+2 {
		return metaPostsHead{}, false
	}
	title, header := in.Head[rows[k]], in.Head[rows[k+1]]
	if cells(title) != 1 || strings.TrimSpace(title[0]) == "" || len(header) != 2 ||
		normHeader(header[0]) != "date" || normHeader(header[1]) != "primary" {
		return metaPostsHead{}, false
	}
	h := metaPostsHead{header: rows[k+1], daily: true, title: strings.TrimSpace(title[0]), tline: in.HeadLines[rows[k]]}
	return h, true
}

// cells counts the non-empty cells of rec.
func cells(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// metaPageField returns the field a page-level export's title names.
func metaPageField(title string) (string, bool) {
	t := normHeader(title)
	for _, pm := range metaPageMetrics {
		for _, n := range pm.titles {
			if normHeader(n) == t {
				return pm.field, true
			}
		}
	}
	return "", false
}

// Platform returns "meta_posts".
func (MetaPosts) Platform() kpi.Platform { return kpi.MetaPosts }

// Detect accepts a post export header (Post ID, Page ID or Account ID, and
// Publish time) or a page-level daily export (a one-cell title line, then
// the header "Date","Primary", after an optional "sep=," line).
func (MetaPosts) Detect(in *Input) bool { _, ok := readMetaPostsHead(in); return ok }

// Import reads a Meta Business Suite export (see MetaPosts).
func (MetaPosts) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.MetaPosts, opts, emit)
	h, ok := readMetaPostsHead(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a Meta Business Suite export with Post ID, Page ID or Account ID and Publish time, nor a page export with a \"Date\",\"Primary\" header (%s)",
			in.Name, ErrMissingColumn, describeHead(in))
	}
	if h.daily {
		return importMetaPage(r, in, h)
	}
	return importMetaPosts(r, in, h)
}

// importMetaPosts reads a Facebook or Instagram post export.
func importMetaPosts(r *run, in *Input, h metaPostsHead) (*kpi.FileStats, error) {
	m := h.m
	headerLine := in.HeadLines[h.header]
	r.setHeader(m)
	r.st.Level = "post"
	if err := requireColumns(in, headerLine, m, metaPostsColumns, fPublished, fImpressions); err != nil {
		return r.st, err
	}
	r.warn("post metrics are lifetime totals up to the export date (Date = Lifetime): a later export of the same posts gives other numbers; each post is booked to its publish day")
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.MetaPosts, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		v, i, _ := m.cell(rec, fPublished)
		pub, ok := parseMetaPublish(v)
		if !ok {
			r.bad(r.valueErr(line, i, m, v, "a publish time like 10/31/2026 18:12 (MM/DD/YYYY HH:MM, month first as the English export writes it)", ErrBadDate))
			return nil
		}
		if v, i, ok := m.cell(rec, mpDate); ok && !isNA(v) && !strings.EqualFold(strings.TrimSpace(v), "Lifetime") {
			r.bad(r.valueErr(line, i, m, v, `"Lifetime" (a post export holds lifetime totals)`, ErrBadRow))
			return nil
		}
		out.Day = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
		out.Published = pub
		out.Lifetime = true
		out.Posts = 1
		out.Has |= kpi.FPosts
		out.Post = postLabel(m.text(rec, fPost))
		if out.Post == "" {
			out.Post = postLabel(m.text(rec, mpDescription))
		}
		out.PostLink = m.text(rec, fPostLink)
		if out.PostLink == "" {
			out.PostLink = m.text(rec, mpPostID)
		}
		if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
			r.bad(err)
			return nil
		}
		if v, i, ok := m.cell(rec, mpSeconds); ok {
			s, err := numDot.qty(v)
			if err != nil {
				r.bad(r.valueErr(line, i, m, v, numDot.wantNumber(false)+" of seconds (not negative)", ErrBadNumber))
				return nil
			}
			out.WatchHours = secondsToHours(s)
			out.Has |= kpi.FWatchTime
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	return r.finish()
}

// importMetaPage reads a page-level daily export: one metric per file.
func importMetaPage(r *run, in *Input, h metaPostsHead) (*kpi.FileStats, error) {
	field, ok := metaPageField(h.title)
	if !ok {
		var all []string
		for _, pm := range metaPageMetrics {
			all = append(all, pm.titles...)
		}
		return r.st, fmt.Errorf("%s:%d: %w: got the page metric %q on the title line, want one of %s",
			in.Name, h.tline, ErrUnknownPlatform, h.title, join(all))
	}
	headerLine := in.HeadLines[h.header]
	m := mapHeader(in.Head[h.header], []col{{fDay, []string{"Date"}}, {field, []string{"Primary"}}})
	r.setHeader(m)
	r.st.Level = "page"
	if field == fReach {
		r.warn("%q is a count of people per day: it is kept per day and never summed over days", h.title)
	}
	flag := metricFields[field]
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.MetaPosts, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		v, i, _ := m.cell(rec, fDay)
		d, err := parseDay(v, false, metaPageDayLayout, time.DateOnly)
		if err != nil {
			r.bad(r.valueErr(line, i, m, v, "a date like 2026-10-31T00:00:00", ErrBadDate))
			return nil
		}
		out.Day = d
		v, i, _ = m.cell(rec, field)
		n, err := numDot.count(v)
		if err != nil {
			r.bad(r.valueErr(line, i, m, v, numDot.wantNumber(true), ErrBadNumber))
			return nil
		}
		out.Has |= flag
		switch field {
		case fImpressions:
			out.Impressions = n
		case fReach:
			out.Reach, out.ReachKnown = n, !isNA(v)
		case fFollows:
			out.Follows = n
		case fClicks:
			out.Clicks = n
		case fLinkClicks:
			out.LinkClicks = n
		case fEngagements:
			out.Engagements = n
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	return r.finish()
}

// parseMetaPublish parses a Publish time, "09/28/2026 18:12" (month
// first; "9/28/2026 18:12" from a file re-saved by Excel too). The result
// is the wall time as written, in UTC.
func parseMetaPublish(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{metaPublishLayout, "1/2/2006 15:04"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// postLabelMax is the most characters of a post's text kept in Post.
const postLabelMax = 80

// postLabel returns the first non-blank line of a post's text, its space
// trimmed and cut to postLabelMax characters, the last being "…" when cut.
func postLabel(s string) string {
	for l := range strings.Lines(s) {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) <= postLabelMax {
			return l
		}
		r := []rune(l)
		return strings.TrimSpace(string(r[:postLabelMax-1])) + "…"
	}
	return ""
}

// secondsToHours converts a duration in seconds to hours, both in
// micro-units, rounding half up to the micro-hour (3.6 ms): the one
// rounding of an exact division, never a float. s is not negative.
func secondsToHours(s kpi.Qty) kpi.Qty { return (s + 1800) / 3600 }
