package importers

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
)

// XOrganic reads X (Twitter) organic analytics exports, in four variants
// told apart by their header (the header is always line 1):
//
// The legacy per-tweet export, tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv
// (UTF-8, no BOM, LF, every field quoted, newest tweet first; 40 columns):
//
//	"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements",
//	"engagement rate","retweets","replies","likes","user profile clicks","url clicks",
//	"hashtag clicks","detail expands","permalink clicks","app opens","app installs",
//	"follows","email tweet","dial phone","media views","media engagements",
//	"promoted impressions",...,"promoted media engagements"
//	"1498352116733255685","https://twitter.com/EconomicsShiny/status/1498352116733255685",
//	"#Texas #Manufacturing Outlook Survey: ...","2022-02-28 17:39 +0000","376.0","7.0",
//	"0.018617021276595744","2.0",...,"5","5","-","-",...
//
// The legacy daily export, daily_tweet_activity_metrics_<handle>_..._<lang>.csv:
// "Date","Tweets published", then the same metrics; dates "2021-08-01".
//
// The x.com content export (2024+), account_analytics_content_<from>_<to>.csv
// (minimal RFC quoting, no final newline):
//
//	Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,
//	New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,
//	Permalink Clicks
//	1987315260559167965,"Sun, Nov 9, 2025","WATCH: ...",https://x.com/<handle>/status/1987315260559167965,1351,5,41,...
//	,,,https://x.com/<handle>/status/undefined,0,0,0,0,0,0,0,0,0,0,0,0,0
//
// The x.com overview export (2024+), account_overview_analytics.csv, a row per day:
//
//	Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,
//	Reposts,Profile visits,Create Post,Video views,Media views
//	"Sat, Sep 6, 2025",3388,25,104,1,0,2,0,6,0,25,0,0,0
//
// A tweet or post row is one record: Day is its publish day in UTC, Posts 1,
// Post the first line of its text (at most 80 runes), PostLink its permalink
// (else its id), Published its publish time, Account the handle in the
// permalink, and Lifetime is set (its metrics are the post's totals to the
// export date, booked on the day it was published). A daily row is a record
// of the account's day with no post: Posts is "Tweets published" or
// "Create Post".
//
// Metrics: impressions; engagements is X's own Engagements column (never
// recomputed from its parts); likes are reactions, replies comments,
// bookmarks saves; shares are retweets (legacy) or Reposts plus Shares
// (x.com, where Shares are shares by DM or link); follows are "follows" or
// "New follows" (gained, not net: Unfollows is not booked); link clicks are
// "url clicks", and clicks are link clicks only: user profile, hashtag,
// detail-expand and permalink clicks are not clicks on the client's link and
// stay unmapped; video views are "media views" (legacy, which also counts
// image views) or "Video views" (overview). The engagement rate is never
// read (it is recomputed), and the 18 "promoted …" columns are X Ads (paid)
// figures: they are not booked here, and a warning says so.
//
// Counts are written as floats ("376.0"): a whole number written so is
// accepted, "3.5" is a bad value. Empty and "-" cells are not available
// (the record lacks that metric), never 0. A content row without a Post id
// (X writes them with a …/status/undefined link) is skipped with a reason.
type XOrganic struct{}

// Local fields of the X exports, not record metrics: the post id, and the
// x.com Shares column that is added to Reposts.
const (
	xfPostID     = "post_id"
	xfMoreShares = "shares_dm_link"
)

// xVariant is one of the four X exports.
type xVariant int

const (
	xTweets   xVariant = iota + 1 // legacy per-tweet
	xDaily                        // legacy per-day
	xContent                      // x.com per-post
	xOverview                     // x.com per-day
)

// xLegacyMetrics are the organic metric columns of both legacy exports.
var xLegacyMetrics = []col{
	{fImpressions, []string{"impressions"}},
	{fEngagements, []string{"engagements"}},
	{fShares, []string{"retweets"}},
	{fComments, []string{"replies"}},
	{fReactions, []string{"likes"}},
	{fLinkClicks, []string{"url clicks"}},
	{fFollows, []string{"follows"}},
	{fVideoViews, []string{"media views"}},
}

var xColumns = map[xVariant][]col{
	xTweets: append([]col{
		{xfPostID, []string{"Tweet id"}},
		{fPostLink, []string{"Tweet permalink"}},
		{fPost, []string{"Tweet text"}},
		{fPublished, []string{"time"}},
	}, xLegacyMetrics...),
	xDaily: append([]col{
		{fDay, []string{"Date"}},
		{fPosts, []string{"Tweets published"}},
	}, xLegacyMetrics...),
	xContent: {
		{xfPostID, []string{"Post id"}},
		{fDay, []string{"Date"}},
		{fPost, []string{"Post text"}},
		{fPostLink, []string{"Post Link"}},
		{fImpressions, []string{"Impressions"}},
		{fReactions, []string{"Likes"}},
		{fEngagements, []string{"Engagements"}},
		{fSaves, []string{"Bookmarks"}},
		{xfMoreShares, []string{"Shares"}},
		{fFollows, []string{"New follows"}},
		{fComments, []string{"Replies"}},
		{fShares, []string{"Reposts"}},
		{fLinkClicks, []string{"URL Clicks"}},
	},
	xOverview: {
		{fDay, []string{"Date"}},
		{fImpressions, []string{"Impressions"}},
		{fReactions, []string{"Likes"}},
		{fEngagements, []string{"Engagements"}},
		{fSaves, []string{"Bookmarks"}},
		{xfMoreShares, []string{"Shares"}},
		{fFollows, []string{"New follows"}},
		{fComments, []string{"Replies"}},
		{fShares, []string{"Reposts"}},
		{fPosts, []string{"Create Post"}},
		{fVideoViews, []string{"Video views"}},
	},
}

// xRequired are the columns an import of each variant needs: the header
// markers found it, so a missing one is a changed or cut export.
var xRequired = map[xVariant][]string{
	xTweets:   {xfPostID, fPublished, fImpressions, fEngagements},
	xDaily:    {fDay, fPosts, fImpressions, fEngagements},
	xContent:  {xfPostID, fDay, fPostLink, fImpressions, fEngagements},
	xOverview: {fDay, fImpressions, fEngagements},
}

// Date layouts of each variant: the legacy per-tweet time, the legacy daily
// date, and the x.com "Sun, Nov 9, 2025".
var (
	xTimeLayouts  = []string{"2006-01-02 15:04 -0700", "2006-01-02 15:04:05 -0700"}
	xDailyLayouts = []string{"2006-01-02"}
	xDateLayouts  = []string{"Mon, Jan 2, 2006", "Jan 2, 2006"}
)

// xHandle finds the handle in a status permalink.
var xHandle = regexp.MustCompile(`^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status/`)

// Platform returns "x_organic".
func (XOrganic) Platform() kpi.Platform { return kpi.XOrganic }

// Detect accepts a head whose first non-blank row is the header of one of
// the four X analytics exports.
func (XOrganic) Detect(in *Input) bool { _, _, _, ok := xHeader(in); return ok }

// xHeader maps the first non-blank row of in's head and tells the variant
// from its marker columns: "Tweet id" and "Tweet permalink"; "Date" and
// "Tweets published"; "Post id", "Post text" and "Post Link"; "Date",
// "Unfollows" and "Create Post".
func xHeader(in *Input) (row int, m *mapping, v xVariant, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		names := map[string]bool{}
		for _, h := range rec {
			names[normHeader(h)] = true
		}
		switch {
		case names["tweet id"] && names["tweet permalink"]:
			v = xTweets
		case names["date"] && names["tweets published"]:
			v = xDaily
		case names["post id"] && names["post text"] && names["post link"]:
			v = xContent
		case names["date"] && names["unfollows"] && names["create post"]:
			v = xOverview
		default:
			return i, nil, 0, false
		}
		return i, mapHeader(rec, xColumns[v]), v, true
	}
	return 0, nil, 0, false
}

// Import reads an X analytics export. See XOrganic for what each row
// becomes. Day rows outside opts.Period are counted, not emitted.
func (XOrganic) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.XOrganic, opts, emit)
	hi, m, v, ok := xHeader(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not an X analytics export (want a header with Tweet id and Tweet permalink, Date and Tweets published, Post id, Post text and Post Link, or Date, Unfollows and Create Post)", in.Name, ErrMissingColumn)
	}
	headerLine := in.HeadLines[hi]
	r.setHeader(m)
	if err := requireColumns(in, headerLine, m, xColumns[v], xRequired[v]...); err != nil {
		return r.st, err
	}
	perPost := v == xTweets || v == xContent
	if perPost {
		r.st.Level = "post"
		r.warn("each post's metrics are its totals to the export date, booked on the day it was published")
	} else {
		r.st.Level = "account-day"
	}
	if n := xPromoted(m.header); n > 0 {
		r.warn("%d \"promoted …\" columns are X Ads (paid) figures: not booked here, where only organic metrics are; import the X Ads export for paid results", n)
	}
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.XOrganic, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		if perPost {
			skip, err := xPost(r, &out, rec, m, v, line)
			switch {
			case err != nil:
				r.bad(err)
				return nil
			case skip != "":
				r.skip(line, skip)
				return nil
			}
		} else {
			layouts := xDateLayouts
			if v == xDaily {
				layouts = xDailyLayouts
			}
			s, i, _ := m.cell(rec, fDay)
			d, err := parseDay(s, false, layouts...)
			if err != nil {
				r.bad(r.valueErr(line, i, m, s, wantDate(layouts...), ErrBadDate))
				return nil
			}
			out.Day = d
		}
		if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
			r.bad(err)
			return nil
		}
		xClearNA(&out, rec, m)
		if err := r.xAddCount(&out, &out.Shares, kpi.FShares, rec, m, xfMoreShares, line); err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	return r.finish()
}

// xPost fills the identity of a per-post row: day, post, link, account,
// publish time. It returns a reason to skip the row (no Post id), or the
// row's error.
func xPost(r *run, out *kpi.Record, rec []string, m *mapping, v xVariant, line int) (skip string, err error) {
	id := m.text(rec, xfPostID)
	link := m.text(rec, fPostLink)
	if id == "" || strings.HasSuffix(link, "/status/undefined") {
		if v == xTweets {
			_, i, _ := m.cell(rec, xfPostID)
			return "", r.valueErr(line, i, m, id, "a tweet id", ErrBadRow)
		}
		return "no Post id (a …/status/undefined row X writes for a deleted or unavailable post)", nil
	}
	out.PostLink = link
	if link == "" {
		out.PostLink = id
	}
	if h := xHandle.FindStringSubmatch(link); h != nil {
		out.Account = h[1]
	}
	out.Post = xPostTitle(m.text(rec, fPost), 80)
	out.Posts, out.Lifetime = 1, true
	out.Has |= kpi.FPosts
	if v == xTweets {
		s, i, _ := m.cell(rec, fPublished)
		t, err := xTime(s, xTimeLayouts...)
		if err != nil {
			return "", r.valueErr(line, i, m, s, "a time like 2026-10-31 17:39 +0000", ErrBadDate)
		}
		out.Published = t
		out.Day = kpi.Day(t.Year(), t.Month(), t.Day())
		return "", nil
	}
	s, i, _ := m.cell(rec, fDay)
	d, err := parseDay(s, false, xDateLayouts...)
	if err != nil {
		return "", r.valueErr(line, i, m, s, wantDate(xDateLayouts...), ErrBadDate)
	}
	out.Day, out.Published = d, d
	return "", nil
}

// xPromoted counts the header's "promoted …" columns.
func xPromoted(header []string) int {
	n := 0
	for _, h := range header {
		if strings.HasPrefix(normHeader(h), "promoted ") {
			n++
		}
	}
	return n
}

// xTime parses a time with a zone offset in one of layouts and returns
// it in UTC.
func xTime(s string, layouts ...string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, ErrBadDate
}

// xPostTitle returns the first non-empty line of text, trimmed and cut to
// at most max runes.
func xPostTitle(text string, max int) string {
	line := ""
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	if utf8.RuneCountInString(line) <= max {
		return line
	}
	n := 0
	for i := range line {
		if n == max {
			return strings.TrimSpace(line[:i])
		}
		n++
	}
	return line
}

// xAddCount adds the whole count in field's cell to *dst and sets flag in
// out.Has unless the cell is empty or n/a (which adds 0). A missing column
// adds nothing.
func (r *run) xAddCount(out *kpi.Record, dst *int64, flag kpi.Fields, rec []string, m *mapping, field string, line int) error {
	v, i, ok := m.cell(rec, field)
	if !ok {
		return nil
	}
	n, err := numDot.count(v)
	if err != nil {
		return r.valueErr(line, i, m, v, numDot.wantNumber(true), ErrBadNumber)
	}
	*dst += n
	if !isNA(v) {
		out.Has |= flag
	}
	return nil
}

// xClearNA drops from out.Has each metric whose cell is empty or an n/a
// marker: fillMetrics read it as 0, but the export has no value for it. A
// click count copied from an n/a link count, and an engagement sum whose
// parts are all n/a, are dropped too.
func xClearNA(out *kpi.Record, rec []string, m *mapping) {
	for _, mc := range m.metrics {
		if mc.index < len(rec) && isNA(rec[mc.index]) {
			out.Has &^= metricFields[mc.field]
		}
	}
	if !m.has(fClicks) && m.has(fLinkClicks) && out.Has&kpi.FLinkClicks == 0 {
		out.Has &^= kpi.FClicks
	}
	if !m.has(fLinkClicks) && m.has(fClicks) && out.Has&kpi.FClicks == 0 {
		out.Has &^= kpi.FLinkClicks
	}
	parts := kpi.FReactions | kpi.FComments | kpi.FShares | kpi.FSaves
	if !m.has(fEngagements) && out.Has&parts == 0 {
		out.Has &^= kpi.FEngagements
	}
}
