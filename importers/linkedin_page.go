package importers

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// LinkedInPage reads LinkedIn company page analytics exports
// (export-formats.md §3.4): the workbooks <page>_followers_<ts>,
// <page>_visitors_<ts> and <page>_updates_<ts>, saved as .xlsx (LinkedIn
// serves legacy .xls files, which Open refuses with a request to save them
// as .xlsx), or one of their sheets saved as CSV. Open reads a workbook's
// first sheet; OpenSheet reads another by name. A real followers sheet
// ("New followers", the first) has the header
//
//	Date | Sponsored followers | Organic followers | Auto-invited followers | Total followers
//
// a visitors sheet ("Visitor metrics") Date, then Overview, Life and Jobs
// page views and unique visitors, each (desktop), (mobile) and (total),
// then Total page views (desktop/mobile/total) and Total unique visitors
// (desktop/mobile/total), 25 columns; the updates workbook's first sheet
// "Update metrics (aggregated)" (newer exports: "Metrics") has a note on
// row 1 and the header on row 2:
//
//	Date | Impressions (organic) | Impressions (sponsored) | Impressions (total) |
//	Unique impressions (organic) | Clicks (organic) | … | Reactions (organic) | … |
//	Comments (organic) | … | Reposts (organic) | … | Engagement rate (organic) | …
//
// and its second sheet "Update engagement" (newer: "All posts"), one row
// per post, also with the header on row 2: Update title, Update link,
// Update type, Campaign name, Posted by, Created date, Campaign start date,
// Campaign end date, Audience, Impressions, Clicks, Click through rate
// (CTR), Likes, Comments, Reposts, Follows, Engagement rate (newer: Post
// title, Post link, Post type, …, Views, Offsite Views, …, Content Type).
// Sources: pablomolteni/Linkedin_analytics_updates (header=1 for both
// update sheets) and the importers cited in testdata/linkedin_page/README.
//
// The contract, one table per sheet, rows are days (MM/DD/YYYY text as
// LinkedIn writes it, or an Excel date cell; any other shape is refused):
//
//   - New followers: follows = Organic followers + Auto-invited followers,
//     the new non-sponsored followers of the day (sponsored ones come from
//     ads and are in the LinkedIn Ads export). "Total followers" on this
//     sheet is the day's new followers of every kind, used only to check
//     the parts; the cumulative follower counts of the other sheets
//     (Location, Seniority, …) are never read.
//   - Visitor metrics: Total page views (total) are booked as clicks (a
//     page view is an action that opened the page, not an impression of
//     content, and a record has no page-view field); unique visitors
//     cannot be summed over days and are not read.
//   - Update metrics: the organic columns only, where the export splits
//     organic and sponsored (Impressions, Unique impressions → reach per
//     day, never summed, Clicks, Reactions, Comments, Reposts → shares);
//     an export without the split gives its plain columns.
//   - Update engagement: a row is a post, booked like a Meta Business
//     Suite post (Posts = 1, to its Created date, lifetime metrics up to
//     the export date): Impressions, Views → video views, Clicks, Likes →
//     reactions, Comments, Reposts → shares, Follows. Sponsored updates are
//     skipped (their delivery is in the LinkedIn Ads export). This sheet
//     and the Update metrics sheet count the same interactions, so one
//     import reads one of them: the workbook's first sheet, unless the
//     input is opened with OpenSheet.
//
// Ratio columns (CTR, Engagement rate) are never read. Confidence is low to
// medium: a sheet that lacks a column roibook needs fails with the columns
// found and wanted.
type LinkedInPage struct{}

// The kinds of LinkedIn page table.
type linkedinPageKind int

const (
	lpFollowers linkedinPageKind = iota + 1
	lpVisitors
	lpUpdateMetrics
	lpUpdatePosts
)

// Pseudo fields of the followers and posts sheets.
const (
	lpSponsored  = "sponsored_followers"
	lpOrganic    = "organic_followers"
	lpInvited    = "auto_invited_followers"
	lpTotalNew   = "new_followers_total"
	lpUpdateType = "update_type"
)

var linkedinPageTables = []struct {
	kind     linkedinPageKind
	name     string   // for messages
	markers  []string // normalized header names that tell the table
	cols     []col
	required []string
}{
	{lpFollowers, "New followers", []string{"sponsored followers", "organic followers", "auto-invited followers"}, []col{
		{fDay, []string{"Date"}},
		{lpSponsored, []string{"Sponsored followers"}},
		{lpOrganic, []string{"Organic followers"}},
		{lpInvited, []string{"Auto-invited followers"}},
		{lpTotalNew, []string{"Total followers"}},
	}, []string{fDay, lpOrganic}},
	{lpVisitors, "Visitor metrics", []string{"total page views (total)", "total unique visitors (total)", "overview page views (total)"}, []col{
		{fDay, []string{"Date"}},
		{fClicks, []string{"Total page views (total)"}},
	}, []string{fDay, fClicks}},
	{lpUpdateMetrics, "Update metrics (aggregated)", []string{"impressions (organic)", "unique impressions (organic)", "unique impressions"}, []col{
		{fDay, []string{"Date"}},
		{fImpressions, []string{"Impressions (organic)", "Impressions"}},
		{fReach, []string{"Unique impressions (organic)", "Unique impressions"}},
		{fClicks, []string{"Clicks (organic)", "Clicks"}},
		{fReactions, []string{"Reactions (organic)", "Reactions"}},
		{fComments, []string{"Comments (organic)", "Comments"}},
		{fShares, []string{"Reposts (organic)", "Shares (organic)", "Reposts", "Shares"}},
	}, []string{fDay, fImpressions}},
	{lpUpdatePosts, "Update engagement", []string{"update title", "post title", "update link", "post link"}, []col{
		{fPost, []string{"Update title", "Post title"}},
		{fPostLink, []string{"Update link", "Post link"}},
		{lpUpdateType, []string{"Update type", "Post type"}},
		{fPublished, []string{"Created date"}},
		{fImpressions, []string{"Impressions"}},
		{fVideoViews, []string{"Views", "Views (excluding off-site video views)"}},
		{fClicks, []string{"Clicks"}},
		{fReactions, []string{"Likes"}},
		{fComments, []string{"Comments"}},
		{fShares, []string{"Reposts", "Shares"}},
		{fFollows, []string{"Follows"}},
	}, []string{fPublished, fImpressions}},
}

// linkedinPageDateLayouts are the date forms of the sheets: LinkedIn writes
// MM/DD/YYYY text (an Excel date cell is accepted by parseDay).
var linkedinPageDateLayouts = []string{"01/02/2006", "1/2/2006"}

// A linkedinPageHead is the table a head holds.
type linkedinPageHead struct {
	table  int // index in linkedinPageTables
	header int // index in in.Head
	m      *mapping
}

// readLinkedInPageHead finds the header in the first two non-blank rows
// (row 1 of an update sheet is a note): a row with a marker of a table and,
// but for the posts table, a Date column.
func readLinkedInPageHead(in *Input) (linkedinPageHead, bool) {
	seen := 0
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		if seen++; seen > 2 {
			break
		}
		names := map[string]bool{}
		for _, c := range rec {
			names[normHeader(c)] = true
		}
		for t, tb := range linkedinPageTables {
			marker := false
			for _, mk := range tb.markers {
				marker = marker || names[mk]
			}
			if !marker {
				continue
			}
			if tb.kind == lpUpdatePosts && !names["created date"] || tb.kind != lpUpdatePosts && !names["date"] {
				continue
			}
			if tb.kind == lpUpdateMetrics && !names["impressions (organic)"] && (names["update title"] || names["post title"]) {
				continue
			}
			return linkedinPageHead{table: t, header: i, m: mapHeader(rec, tb.cols)}, true
		}
	}
	return linkedinPageHead{}, false
}

// Platform returns "linkedin_page".
func (LinkedInPage) Platform() kpi.Platform { return kpi.LinkedInPage }

// Detect accepts a head whose first or second non-blank row is the header
// of a LinkedIn page table (see LinkedInPage).
func (LinkedInPage) Detect(in *Input) bool { _, ok := readLinkedInPageHead(in); return ok }

// Import reads one LinkedIn page table (see LinkedInPage).
func (LinkedInPage) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.LinkedInPage, opts, emit)
	h, ok := readLinkedInPageHead(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a LinkedIn page export (New followers, Visitor metrics, Update metrics or Update engagement sheet) (%s)",
			in.Name, ErrMissingColumn, describeHead(in))
	}
	tb := linkedinPageTables[h.table]
	m := h.m
	headerLine := in.HeadLines[h.header]
	r.setHeader(m)
	// The level tells the tables apart: the daily update metrics and the
	// posts count the same interactions (see reportgen's sameFigures).
	r.st.Level = map[linkedinPageKind]string{lpFollowers: "followers-day", lpVisitors: "visitors-day",
		lpUpdateMetrics: "updates-day", lpUpdatePosts: "post"}[tb.kind]
	if err := requireColumns(in, headerLine, m, tb.cols, tb.required...); err != nil {
		return r.st, err
	}
	xlsx := in.Format == "xlsx"
	dateField := fDay
	if tb.kind == lpUpdatePosts {
		dateField = fPublished
		r.warn("post metrics are lifetime totals up to the export date: a later export of the same posts gives other numbers; each post is booked to its created date")
	}
	if tb.kind == lpUpdateMetrics && xlsx && in.sheet == "" {
		r.warn("the daily update metrics are read; the posts of the \"Update engagement\" sheet are not (they count the same interactions): open that sheet by name to read them instead")
	}
	partsOff := 0 // first line whose followers parts do not add up to the total
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.LinkedInPage, rec, m, line, func(*mapping, []string, string) string { return "" })
		if err != nil {
			r.bad(err)
			return nil
		}
		v, i, _ := m.cell(rec, dateField)
		d, err := parseDay(v, xlsx, linkedinPageDateLayouts...)
		if err != nil {
			r.bad(r.valueErr(line, i, m, v, "a date like 10/31/2026 (MM/DD/YYYY)", ErrBadDate))
			return nil
		}
		out.Day = d
		switch tb.kind {
		case lpFollowers:
			parts := map[string]int64{}
			for _, f := range []string{lpSponsored, lpOrganic, lpInvited, lpTotalNew} {
				v, i, ok := m.cell(rec, f)
				if !ok {
					continue
				}
				n, err := numDot.count(v)
				if err != nil {
					r.bad(r.valueErr(line, i, m, v, numDot.wantNumber(true), ErrBadNumber))
					return nil
				}
				parts[f] = n
			}
			out.Follows = parts[lpOrganic] + parts[lpInvited]
			out.Has |= kpi.FFollows
			if m.count(lpSponsored, lpOrganic, lpInvited, lpTotalNew) == 4 && partsOff == 0 &&
				parts[lpSponsored]+parts[lpOrganic]+parts[lpInvited] != parts[lpTotalNew] {
				partsOff = line
			}
		case lpUpdatePosts:
			if strings.EqualFold(m.text(rec, lpUpdateType), "Sponsored") {
				r.skip(line, "sponsored update: its delivery is in the LinkedIn Ads export")
				return nil
			}
			if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
				r.bad(err)
				return nil
			}
			noLinkClicks(&out)
			out.Published = d
			out.Lifetime = true
			out.Posts = 1
			out.Has |= kpi.FPosts
			out.Post = postLabel(m.text(rec, fPost))
			out.PostLink = m.text(rec, fPostLink)
		default:
			if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
				r.bad(err)
				return nil
			}
			// Page views, and clicks on an update (its content, the page's
			// name or logo), are clicks, not clicks to the client's site.
			noLinkClicks(&out)
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	if partsOff > 0 {
		r.warn("line %d: Sponsored, Organic and Auto-invited followers do not add up to Total followers: the export may have changed; follows are Organic + Auto-invited", partsOff)
	}
	if tb.kind == lpUpdateMetrics && m.has(fReach) {
		r.warn("Unique impressions are a count of people per day: they are kept per day and never summed over days")
	}
	return r.finish()
}

// noLinkClicks drops the link clicks fillMetrics copies from a page's one
// click count: LinkedIn's page and update clicks are not link clicks, and
// a CTR over them would count clicks on the company name and logo.
func noLinkClicks(r *kpi.Record) {
	r.LinkClicks, r.Has = 0, r.Has&^kpi.FLinkClicks
}
