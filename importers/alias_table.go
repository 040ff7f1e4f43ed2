package importers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// This file holds what the exports built from alias lists share (X Ads,
// Pinterest Ads, Snapchat Ads: no real export of theirs has been seen),
// and the header helpers Microsoft Advertising uses too.

// Fields of columns roibook recognises and never reads. fRatio is a
// platform's own ratio (CTR, CPC, ROAS, …), recomputed from the counts;
// fFlightDates a campaign's start and end dates, which are not the row's;
// fHour the hour of an hourly row, which is booked to its day.
const (
	fRatio       = "ignored:ratio"
	fFlightDates = "ignored:campaign_dates"
	fHour        = "ignored:hour"
)

// fCampaignID is a campaign ID column. It names the campaign only when the
// export has no campaign name column.
const fCampaignID = "campaign_id"

// preferAliases narrows each field of cols to the first of its aliases
// that header has, so that when an export has two columns for one field
// ("Spend" and "Billed charge", "Impressions" and "Paid impressions") the
// preferred one is read whatever the column order; the other stays
// unmapped. A field none of whose aliases is present keeps them all.
func preferAliases(header []string, cols []col) []col {
	present := map[string]bool{}
	for _, h := range header {
		present[normHeader(h)] = true
		if base, cur := splitCurrency(h); cur != "" {
			present[normHeader(base)] = true
		}
	}
	out := make([]col, 0, len(cols))
	for _, c := range cols {
		i := slices.IndexFunc(c.aliases, func(a string) bool { return present[normHeader(a)] })
		if i >= 0 {
			c = col{field: c.field, aliases: c.aliases[i : i+1]}
		}
		out = append(out, c)
	}
	return out
}

// markColumns gives field to every unmapped column named one of names, so
// that `inspect` shows it as recognised rather than unknown. The column is
// still not read: field must not be a metric.
func markColumns(m *mapping, names []string, field string) {
	want := map[string]bool{}
	for _, n := range names {
		want[normHeader(n)] = true
	}
	m.unmapped = m.unmapped[:0]
	for k, c := range m.columns {
		if c.Field == "" && want[normHeader(c.Header)] {
			m.columns[k].Field = field
		}
		if m.columns[k].Field == "" {
			m.unmapped = append(m.unmapped, c.Header)
		}
	}
}

// campaignByID makes a campaign ID column the campaign when m has no
// campaign name column; ok reports that it did.
func campaignByID(m *mapping) (ok bool) {
	i, has := m.idx[fCampaignID]
	if !has || m.has(fCampaign) {
		return false
	}
	delete(m.idx, fCampaignID)
	m.idx[fCampaign] = i
	for k := range m.columns {
		if m.columns[k].Index == i {
			m.columns[k].Field = fCampaign
		}
	}
	return true
}

// hasHeader reports whether header has a column named one of names
// (compared after normHeader).
func hasHeader(header []string, names []string) bool {
	for _, h := range header {
		n := normHeader(h)
		for _, want := range names {
			if n == normHeader(want) {
				return true
			}
		}
	}
	return false
}

// An aliasExport describes a plain-table export built from alias lists:
// the header on the first non-blank line, one row per entity (and day, when
// a date column is present), no preamble. Which columns mean what comes
// from parsers and the platform's help pages, not from a real file, so an
// import that lacks a required column fails, listing what it found and
// what it wants, rather than importing part of the file.
type aliasExport struct {
	platform kpi.Platform
	name     string // "Pinterest Ads", for messages
	// cols lists each field's header names in order of preference.
	cols []col
	// markers are header names only this platform writes; a file is
	// detected by one of them.
	markers []string
	// ratios are the platform's own ratio columns: recognised, never read.
	ratios []string
	// notDates are date columns that are not the row's dates (X's
	// campaign flight dates): recognised, never read.
	notDates []string
	// required are the fields an import cannot go without; a campaign ID
	// column stands in for the campaign name.
	required []string
}

// aliasDayLayouts are the dates an alias-list export may hold: ISO dates,
// with or without a time, and English long forms. A slashed 10/31/2026 or
// 31/10/2026 is never guessed at: it is a bad date.
var aliasDayLayouts = []string{"2006-01-02", "2006/01/02", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "Jan 2, 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006"}

// aliasTotalLabels are the first-cell labels of a totals row.
var aliasTotalLabels = []string{"total", "totals", "grand total", "summary"}

// head maps the first non-blank row of in's head.
func (x *aliasExport) head(in *Input) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		m := mapHeader(rec, preferAliases(rec, x.cols))
		markColumns(m, x.ratios, fRatio)
		markColumns(m, x.notDates, fFlightDates)
		return i, m, true
	}
	return 0, nil, false
}

// detect accepts a head whose first non-blank row has one of the
// platform's marker columns. A marker without the required columns is
// still this platform's file: the import then says what is missing.
func (x *aliasExport) detect(in *Input) bool {
	_, m, ok := x.head(in)
	return ok && hasHeader(m.header, x.markers)
}

// importRows reads the export. It does not ask for a marker column (a file
// given a platform in roibook.yaml skips detection); the required columns
// are what it cannot do without. Rows go to their date when the export has a
// date column (a "Start Time"/"End Time" pair covering more than a day
// makes the row an aggregate over those days), else they cover
// opts.Period. A row whose campaign, ad set and ad cells are all empty (or
// say "Total") is a totals row: skipped, and compared with the rows when it
// is the only one.
func (x *aliasExport) importRows(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, x.platform, opts, emit)
	hi, m, ok := x.head(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a %s export: the file has no header row", in.Name, ErrMissingColumn, x.name)
	}
	headerLine := in.HeadLines[hi]
	byID := campaignByID(m)
	r.setHeader(m)
	r.st.Level = level(m)
	if err := requireColumns(in, headerLine, m, x.cols, x.required...); err != nil {
		return r.st, err
	}
	r.warn("low confidence: %s exports are read by column names from parsers and help pages, not from a real export; compare the totals with %s before sending the report", x.name, x.name)
	if byID {
		r.warn("no campaign name column: campaigns are named by their ID")
	}
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	if !m.has(fCurrency) && m.currency == "" {
		if opts.Currency != "" {
			r.warn("the export states no currency (no Currency column): amounts are taken as %s", opts.Currency)
		} else {
			r.warn("the export states no currency (no Currency column): set currency for this input in roibook.yaml")
		}
	}
	dated := m.has(fDay)
	ranged := !dated && m.has(fStart) && m.has(fEnd)
	switch {
	case dated, ranged:
	case m.has(fStart) || m.has(fEnd):
		r.warn("only one of the start and end time columns: rows cannot be dated, so every row is booked to the report period")
	default:
		r.warn("no date column: every row is booked to the report period")
	}
	xlsx := in.Format == "xlsx"
	totalsRows := 0
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		if x.isTotals(m, rec) {
			totalsRows++
			if totalsRows == 1 {
				var t kpi.Record
				if err := x.fill(r, &t, rec, m, line); err != nil {
					r.bad(err)
					return nil
				}
				var tot kpi.Totals
				tot.Add(&t)
				r.platformTotals(tot, line, 0)
			}
			r.skip(line, "totals row (no campaign, ad group or ad name): the export's own sums, not booked")
			return nil
		}
		out, err := r.record(x.platform, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		switch {
		case dated:
			v, i, _ := m.cell(rec, fDay)
			p, err := parseAliasDays(v, xlsx)
			if err != nil {
				r.bad(r.valueErr(line, i, m, v, wantDate(aliasDayLayouts[0], aliasDayLayouts[6])+" (or a range of two)", ErrBadDate))
				return nil
			}
			setDays(&out, p)
		case ranged:
			p, err := x.startEnd(r, m, rec, line, xlsx)
			if err != nil {
				r.bad(err)
				return nil
			}
			setDays(&out, p)
		default:
			out.Span = opts.Period
		}
		if err := x.fill(r, &out, rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	if totalsRows > 1 {
		r.st.PlatformTotals, r.st.Check = nil, kpi.TotalsCheck{Status: kpi.CheckNone}
		r.warn("%d totals rows (no campaign, ad group or ad name): none booked, and the sums are not checked against them", totalsRows)
	}
	return r.finish()
}

// fill parses the metrics of row into rec. Engagements are the export's
// own Engagements column or unknown, never the sum of the parts roibook
// maps (saves, likes, replies, …): every platform here counts clicks as
// engagements too, so the parts would understate them.
func (x *aliasExport) fill(r *run, rec *kpi.Record, row []string, m *mapping, line int) error {
	if err := r.fillMetrics(rec, row, m, numDot, line); err != nil {
		return err
	}
	if !m.has(fEngagements) {
		rec.Engagements = 0
		rec.Has &^= kpi.FEngagements
	}
	return nil
}

// isTotals reports a totals row: every entity cell (campaign, ad set, ad)
// empty or a totals label, and the date cell, if any, not a date.
func (x *aliasExport) isTotals(m *mapping, rec []string) bool {
	n := 0
	for _, f := range []string{fCampaign, fAdSet, fAd} {
		if !m.has(f) {
			continue
		}
		n++
		v := strings.ToLower(m.text(rec, f))
		if v != "" && !slices.Contains(aliasTotalLabels, v) {
			return false
		}
	}
	if n == 0 {
		return false
	}
	for _, f := range []string{fDay, fStart} {
		if v := m.text(rec, f); v != "" {
			if _, err := parseAliasDays(v, false); err == nil {
				return false
			}
		}
	}
	return true
}

// startEnd returns the days a row's start and end times cover. An end at
// exactly midnight after the start is exclusive: it ends the day before.
func (x *aliasExport) startEnd(r *run, m *mapping, rec []string, line int, xlsx bool) (kpi.Period, error) {
	sv, si, _ := m.cell(rec, fStart)
	ev, ei, _ := m.cell(rec, fEnd)
	want := wantDate(aliasDayLayouts[0], aliasDayLayouts[2])
	from, err := parseDay(sv, xlsx, aliasDayLayouts...)
	if err != nil {
		return kpi.Period{}, r.valueErr(line, si, m, sv, want, ErrBadDate)
	}
	to, err := parseDay(ev, xlsx, aliasDayLayouts...)
	if err != nil {
		return kpi.Period{}, r.valueErr(line, ei, m, ev, want, ErrBadDate)
	}
	if to.After(from) && isMidnight(ev) {
		to = to.AddDate(0, 0, -1)
	}
	if to.Before(from) {
		return kpi.Period{}, r.valueErr(line, ei, m, ev, "an end not before the start ("+strings.TrimSpace(sv)+")", ErrBadDate)
	}
	return kpi.Period{From: from, To: to}, nil
}

// isMidnight reports a date-time whose time is 00:00 or 00:00:00.
func isMidnight(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, " 00:00:00") || strings.HasSuffix(s, " 00:00") || strings.HasSuffix(s, "T00:00:00")
}

// aliasRangeSeps separate the two dates of a "Time period" cell.
var aliasRangeSeps = []string{" - ", " – ", " — ", " to ", " ~ "}

// parseAliasDays parses a date cell: one date (a day), or two separated by
// " - " or " to " (a range of days).
func parseAliasDays(s string, xlsx bool) (kpi.Period, error) {
	s = strings.TrimSpace(s)
	for _, sep := range aliasRangeSeps {
		if a, b, found := strings.Cut(s, sep); found {
			from, err1 := parseDay(a, false, aliasDayLayouts...)
			to, err2 := parseDay(b, false, aliasDayLayouts...)
			if err1 != nil || err2 != nil || to.Before(from) {
				return kpi.Period{}, ErrBadDate
			}
			return kpi.Period{From: from, To: to}, nil
		}
	}
	d, err := parseDay(s, xlsx, aliasDayLayouts...)
	if err != nil {
		return kpi.Period{}, err
	}
	return kpi.Period{From: d, To: d}, nil
}

// setDays dates rec: a single day is its Day, more days its Span.
func setDays(rec *kpi.Record, p kpi.Period) {
	if p.From.Equal(p.To) {
		rec.Day = p.From
		return
	}
	rec.Day, rec.Span = time.Time{}, p
}
