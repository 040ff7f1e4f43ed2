package importers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// LinkedIn reads LinkedIn Campaign Manager performance exports (UTF-16LE
// with BOM, TAB-separated, LF, named .csv). A real English export of
// September 2026 starts:
//
//	Ad Performance Report (in UTC)
//	"Report Start: September 21, 2026, 12:00 AM"
//	"Report End: September 23, 2026, 11:59 PM"
//	"Date Generated: September 23, 2026, 12:40 PM"
//
//	Start Date (in UTC)	Account Name	Currency	Campaign ID	Campaign Name	Campaign Status
//	Ad Set ID	Ad Set Name	Ad Set Objective	Ad Name	Ad ID	Ad Status	Ad Introduction Text
//	Ad Headline	Click URL	Total Spent	Impressions	Clicks	Click Through Rate	Average CPM
//	Average CPC	Total Engagements	Conversions	Leads	Clicks to Landing Page	Reach
//
// and a Dutch one "Rapport met advertentieprestaties (in UTC)",
// "Begindatum van rapport: 23 september 2026 00:00", …, then Begindatum (in
// UTC), Accountnaam, Valuta, …, Totaal besteed, Weergaven, Klikken, ….
//
// Quirks:
//
//   - The preamble (a title ending "(in UTC)", Report Start, Report End,
//     Date Generated, a blank line) gives the report period. An export of a
//     period without delivery is the preamble alone, with no header: zero
//     rows, not an error.
//   - The UI language switches between exports on its own. The header's
//     language decides, once per file, both the dates (en 10/31/2026, nl
//     31-10-2026) and the numbers (en 55.39, nl "9,36").
//   - LinkedIn renamed its hierarchy in 2025 (Campaign Group → Campaign,
//     Campaign → Ad Set, Creative → Ad). A header with an Ad Set or Ad
//     column uses the new names; else one with a Campaign Group, Creative or
//     Total Social Actions column uses the old ones, where "Campaign Name"
//     is the ad set; else (a campaign-level report) the new names. The
//     mapping follows Fivetran's: group → campaign, campaign → ad set,
//     creative → ad.
//   - Without a daily time breakdown LinkedIn writes one row per entity for
//     the whole period, dated at the period start. Rows dated at the report
//     start of a multi-day report are held back until a row with another
//     date shows the file is daily; when none does, they are emitted as
//     aggregates over the report period, never booked to its first day.
//     (A daily file whose only deliveries fell on the first day reads as an
//     aggregate too: the two are the same bytes.)
//   - Ratio columns (Click Through Rate, Average CPM/CPC, Cost per …) are
//     never read. No export seen has a conversion value column, so none is
//     mapped; nor Dutch names for Reach, Reactions, Comments, Shares and
//     Follows, which no Dutch export seen shows.
type LinkedIn struct{}

// linkedinShared are the columns named the same before and after the 2025
// renaming. The Dutch names are from a real export of September 2026.
var linkedinShared = []col{
	{fDay, []string{"Start Date (in UTC)", "Begindatum (in UTC)"}},
	{fAccount, []string{"Account Name", "Accountnaam"}},
	{fCurrency, []string{"Currency", "Valuta"}},
	{fSpend, []string{"Total Spent", "Totaal besteed"}},
	{fImpressions, []string{"Impressions", "Weergaven"}},
	{fClicks, []string{"Clicks", "Klikken"}},
	{fLinkClicks, []string{"Clicks to Landing Page", "Klikken naar bestemmingspagina"}},
	{fReach, []string{"Reach"}},
	{fEngagements, []string{"Total Engagements", "Aantal interacties"}},
	{fReactions, []string{"Reactions"}},
	{fComments, []string{"Comments"}},
	{fShares, []string{"Shares"}},
	{fFollows, []string{"Follows"}},
	{fLeads, []string{"Leads"}}, // "Leads (Work Email)" is a subset: not mapped
	{fConversions, []string{"Conversions", "Conversies"}},
}

// linkedinColumns uses the 2025+ hierarchy names.
var linkedinColumns = linkedinWith(linkedinShared,
	col{fCampaign, []string{"Campaign Name", "Campagnenaam"}},
	col{fAdSet, []string{"Ad Set Name", "Naam van advertentieset"}},
	col{fAd, []string{"Ad Name", "Advertentienaam"}},
)

// linkedinOldColumns uses the 2019–2024 names: a campaign group is a
// campaign, a campaign an ad set, a creative an ad.
var linkedinOldColumns = linkedinWith(linkedinShared,
	col{fCampaign, []string{"Campaign Group Name"}},
	col{fAdSet, []string{"Campaign Name"}},
	col{fAd, []string{"Creative Name"}},
)

func linkedinWith(base []col, more ...col) []col {
	return append(append([]col(nil), base...), more...)
}

// Header names that tell the two namings apart.
var (
	linkedinNewMarkers = []string{"ad set name", "ad set id", "ad set objective", "ad set status",
		"ad name", "ad id", "ad status", "naam van advertentieset", "advertentieset-id",
		"advertentienaam", "advertentie-id"}
	linkedinOldMarkers = []string{"campaign group name", "campaign group id", "campaign group status",
		"creative name", "creative id", "total social actions"}
)

// linkedinDutch are the Dutch header names; one of them makes a file Dutch.
var linkedinDutch = []string{"begindatum (in utc)", "accountnaam", "valuta", "totaal besteed",
	"weergaven", "klikken", "klikken naar bestemmingspagina", "aantal interacties", "conversies",
	"campagnenaam", "naam van advertentieset", "advertentienaam", "campagne-id"}

// Preamble keys of the report period.
var (
	linkedinStartKeys = []string{"report start", "begindatum van rapport"}
	linkedinEndKeys   = []string{"report end", "einddatum van rapport"}
)

var linkedinMonthsNL = map[string]time.Month{
	"januari": time.January, "februari": time.February, "maart": time.March,
	"april": time.April, "mei": time.May, "juni": time.June, "juli": time.July,
	"augustus": time.August, "september": time.September, "oktober": time.October,
	"november": time.November, "december": time.December,
}

// A linkedinHead is what the head of a file says: its preamble and header.
type linkedinHead struct {
	preamble   bool // a title line ending "(in UTC)"
	reportKeys bool // a Report Start or Report End line (en or nl)
	period     kpi.Period
	err        error // a malformed report date
	noPeriod   string
	header     int // index in in.Head, -1 when there is none
	m          *mapping
	old        bool // 2019–2024 hierarchy names
	dutch      bool
}

func readLinkedInHead(in *Input) linkedinHead {
	h := linkedinHead{header: -1}
	i := 0
	for i < len(in.Head) && isBlank(in.Head[i]) {
		i++
	}
	if i < len(in.Head) && strings.HasSuffix(normHeader(linkedinLine(in, i)), "(in utc)") && !linkedinIsHeader(in.Head[i]) {
		h.preamble = true
		i++
		var start, end time.Time
		endLine := 0
		for ; i < len(in.Head); i++ {
			rec := in.Head[i]
			if isBlank(rec) {
				continue
			}
			line := linkedinLine(in, i)
			key, value, ok := strings.Cut(line, ":")
			if !ok || linkedinIsHeader(rec) {
				break
			}
			k := normHeader(key)
			isStart, isEnd := slices.Contains(linkedinStartKeys, k), slices.Contains(linkedinEndKeys, k)
			if !isStart && !isEnd {
				continue // Date Generated, Datum aangemaakt
			}
			h.reportKeys = true
			d, ok := parseLinkedInDate(value)
			if !ok && h.err == nil {
				example := "October 1, 2026, 12:00 AM"
				if k == linkedinStartKeys[1] || k == linkedinEndKeys[1] {
					example = "1 oktober 2026 00:00"
				}
				h.err = &ParseError{File: in.Name, Line: in.HeadLines[i], Field: -1, Value: line, Err: ErrBadDate,
					Want: fmt.Sprintf("got %q, want a date like %q", line, strings.TrimSpace(key)+": "+example)}
			}
			if isStart {
				start = d
			} else {
				end, endLine = d, in.HeadLines[i]
			}
		}
		switch {
		case h.err != nil:
		case start.IsZero() || end.IsZero():
			h.noPeriod = "the preamble lacks a Report Start or Report End line"
		case end.Before(start):
			h.err = &ParseError{File: in.Name, Line: endLine, Field: -1, Err: ErrBadDate,
				Want: fmt.Sprintf("a report end (%s) not before the report start (%s)",
					end.Format(time.DateOnly), start.Format(time.DateOnly))}
		default:
			h.period = kpi.Period{From: start, To: end}
		}
	} else {
		h.noPeriod = "the export has no preamble"
	}
	for i < len(in.Head) && isBlank(in.Head[i]) {
		i++
	}
	if i >= len(in.Head) {
		return h
	}
	h.header = i
	names := map[string]bool{}
	for _, c := range in.Head[i] {
		names[normHeader(c)] = true
	}
	has := func(list []string) bool {
		for _, n := range list {
			if names[n] {
				return true
			}
		}
		return false
	}
	h.old = !has(linkedinNewMarkers) && has(linkedinOldMarkers)
	h.dutch = has(linkedinDutch)
	cols := linkedinColumns
	if h.old {
		cols = linkedinOldColumns
	}
	h.m = mapHeader(in.Head[i], cols)
	return h
}

// linkedinLine returns head record i as the line it was written as.
func linkedinLine(in *Input, i int) string {
	return strings.TrimSpace(strings.Join(in.Head[i], string(max(in.Delimiter, ','))))
}

// linkedinIsHeader reports a record of several non-empty cells: a header, not
// a preamble line (which is one cell, quoted when it has commas).
func linkedinIsHeader(rec []string) bool {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n > 1
}

// parseLinkedInDate parses the date of a preamble line's value: en "October
// 1, 2026, 12:00 AM", nl "1 oktober 2026 00:00", with or without the time.
// It returns the UTC midnight of the day.
func parseLinkedInDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{"January 2, 2006, 3:04 PM", "January 2, 2006 3:04 PM", "January 2, 2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return kpi.Day(t.Year(), t.Month(), t.Day()), true
		}
	}
	f := strings.Fields(s)
	if len(f) != 3 && len(f) != 4 {
		return time.Time{}, false
	}
	day, err1 := strconv.Atoi(f[0])
	month, ok := linkedinMonthsNL[strings.ToLower(f[1])]
	year, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || !ok || year < 1000 || year > 9999 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	if len(f) == 4 {
		if _, err := time.Parse("15:04", f[3]); err != nil {
			return time.Time{}, false
		}
	}
	d := kpi.Day(year, month, day)
	if d.Day() != day { // 31 september
		return time.Time{}, false
	}
	return d, true
}

// Platform returns "linkedin_ads".
func (LinkedIn) Platform() kpi.Platform { return kpi.LinkedInAds }

// Detect accepts a LinkedIn preamble (a title ending "(in UTC)" followed by
// Report Start/End lines, en or nl), or a header with LinkedIn's start
// date, Total Spent and Impressions columns.
func (LinkedIn) Detect(in *Input) bool {
	h := readLinkedInHead(in)
	if h.preamble && h.reportKeys {
		return true
	}
	return h.m != nil && h.m.has(fDay) && h.m.has(fSpend) && h.m.has(fImpressions)
}

// Import reads a LinkedIn export. Rows go to their Start Date, except the
// rows of an export without a daily breakdown, which become aggregates over
// the report period (see LinkedIn).
func (LinkedIn) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.LinkedInAds, opts, emit)
	h := readLinkedInHead(in)
	r.st.Period = h.period
	r.st.TimeZone = "UTC" // "Start Date (in UTC)", "Begindatum (in UTC)"
	if h.err != nil {
		return r.st, h.err
	}
	if h.header < 0 {
		if h.preamble {
			// The export of a period without delivery: preamble only, so
			// no table and no delimiter to speak of.
			r.st.Delimiter = ""
			return r.finish()
		}
		return r.st, fmt.Errorf("%s: %w: not a LinkedIn Campaign Manager export (%s)", in.Name, ErrMissingColumn, describeHead(in))
	}
	m := h.m
	headerLine := in.HeadLines[h.header]
	r.setHeader(m)
	r.st.Level = level(m)
	if missing := m.missing(fDay, fSpend); len(missing) > 0 {
		var names []string
		for _, f := range missing {
			names = append(names, linkedinName(f, h.dutch))
		}
		return r.st, fmt.Errorf("%s:%d: %w %s; header has: %s", in.Name, headerLine, ErrMissingColumn,
			join(names), strings.Join(m.header, ", "))
	}
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	if !m.has(fCurrency) && m.currency == "" {
		if opts.Currency != "" {
			r.warn("no %s column: the export states no currency, so its amounts are taken to be in %s", linkedinName(fCurrency, h.dutch), opts.Currency)
		} else {
			r.warn("no %s column: the export states no currency; set currency for this input in roibook.yaml", linkedinName(fCurrency, h.dutch))
		}
	}
	if h.noPeriod != "" {
		r.warn("%s: the report period is unknown, so rows without a daily breakdown cannot be told from daily rows", h.noPeriod)
	}
	nf, layout := numDot, "1/2/2006"
	if h.dutch {
		nf, layout = numComma, "2-1-2006"
	}

	// The aggregate trap: hold the rows dated at the report start of a
	// multi-day report until another date is seen.
	undecided := !h.period.IsZero() && h.period.From.Before(h.period.To)
	monthly := false // rows dated at month starts cover their month
	var held []kpi.Record
	release := func() error {
		for _, rec := range held {
			if err := r.use(rec); err != nil {
				return err
			}
		}
		held = nil
		return nil
	}

	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.LinkedInAds, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		v, i, _ := m.cell(rec, fDay)
		d, err := parseDay(v, in.Format == "xlsx", layout)
		if err != nil {
			r.bad(r.valueErr(line, i, m, v, wantDate(layout), ErrBadDate))
			return nil
		}
		out.Day = d
		if undecided && !d.Equal(h.period.From) {
			// Another date, even on a row with a bad value: a daily file,
			// or a monthly one when that date opens the next month.
			undecided = false
			if next := monthStart(h.period.From).AddDate(0, 1, 0); d.Equal(next) {
				monthly = true
				r.warn("monthly breakdown: each row covers its calendar month (within %s) and is booked as a total over it, not to the month's first day", h.period)
				for i := range held {
					held[i].Day, held[i].Span = time.Time{}, monthSpan(held[i].Day, h.period)
				}
			}
			if err := release(); err != nil {
				return err
			}
		}
		if monthly {
			if d.Day() != 1 && !d.Equal(h.period.From) {
				r.bad(r.valueErr(line, i, m, v, "the first day of a month (the export has a monthly breakdown)", ErrBadDate))
				return nil
			}
			out.Day, out.Span = time.Time{}, monthSpan(d, h.period)
		}
		if err := r.fillMetrics(&out, rec, m, nf, line); err != nil {
			r.bad(err)
			return nil
		}
		if undecided {
			held = append(held, out)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	if len(held) > 0 {
		r.warn("no daily breakdown: every row is dated %s, the report start, and covers the whole report period %s; "+
			"the %d rows are kept as totals over the period, not booked to %s; export again with the time breakdown set to Daily",
			held[0].Day.Format(layout), h.period, len(held), h.period.From.Format(time.DateOnly))
		for i := range held {
			held[i].Day, held[i].Span = time.Time{}, h.period
		}
		if err := release(); err != nil {
			return r.st, err
		}
	}
	return r.finish()
}

// monthStart returns the first day of d's month.
func monthStart(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// monthSpan returns the part of report that lies in d's month.
func monthSpan(d time.Time, report kpi.Period) kpi.Period {
	from, to := monthStart(d), monthStart(d).AddDate(0, 1, -1)
	if from.Before(report.From) {
		from = report.From
	}
	if to.After(report.To) {
		to = report.To
	}
	return kpi.Period{From: from, To: to}
}

// linkedinName returns the header name of a field in the file's language,
// for messages.
func linkedinName(field string, dutch bool) string {
	for _, c := range linkedinShared {
		if c.field == field {
			if dutch && len(c.aliases) > 1 {
				return c.aliases[1]
			}
			return c.aliases[0]
		}
	}
	return field
}
