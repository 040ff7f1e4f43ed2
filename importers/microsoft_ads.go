package importers

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Microsoft reads Microsoft Advertising (Bing Ads) performance reports,
// downloaded from the Reports page or the Reporting API. A real API report
// (UTF-8 with BOM, CRLF, every field quoted):
//
//	"Report Name: MyReport"
//	"Report Time: 1/23/2019"
//	"Time Zone: (GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
//	"Last Completed Available Day: 1/25/2019 1:35:00 PM (GMT)"
//	"Last Completed Available Hour: 1/25/2019 1:35:00 PM (GMT)"
//	"Report Aggregation: Hourly"
//	"Report Filter: "
//	"Potential Incomplete Data: true"
//	"Rows: 1"
//
//	"CampaignName","TimePeriod","Impressions","Clicks","Spend"
//	"Look at my terrible website!","1/23/2019 12:00:00 AM|11","734","386","60.35"
//
//	"©2019 Microsoft Corporation. All rights reserved. "
//
// and a real Reports-page export of 2017 names its columns for people:
// "Gregorian date","Hour","Account name","Campaign name","Ad group","Ad
// title",…,"Impressions","Clicks","CTR (%)","Average CPC","Spend",…,
// "Conversions",…,"Currency code",…,"Revenue","Return on ad spend (%)",….
//
// Quirks:
//
//   - The preamble is "Key: Value" lines (nine in the API's, eight in the
//     2017 UI export, which has no Potential Incomplete Data line), then a
//     blank line and the header. Report Time is the period, US M/D/YYYY: one
//     day "2/7/2020" or a range "10/5/2017,10/11/2017". A report requested
//     without its header (ExcludeReportHeader) starts at the header.
//   - "Rows: N" is the number of data rows: a file with another number was
//     cut short or edited, and its import fails.
//   - The copyright footer "©2019 Microsoft Corporation. All rights
//     reserved. " (or "@2020 …" in Microsoft's docs) is skipped.
//   - Dates: GregorianDate "2017-05-14" (UI "Gregorian date"), or TimePeriod,
//     whose hourly form "1/23/2019 12:00:00 AM|11" is an hour of a day: the
//     row is booked to the day. With a Weekly, Monthly or Yearly aggregation
//     the date opens a week, month or year and the row covers it (within
//     the report period); with Summary, or without a date column, every row
//     covers the report period.
//   - "Potential Incomplete Data: true" with a report period running past
//     the Last Completed Available Day: the days after it may still change
//     (a warning).
//   - Spend is in the Currency code column's currency, else in the input's
//     configured one. Revenue is the platform-reported conversion value.
//     Ratio columns (Ctr, AverageCpc, ReturnOnAdSpend, CTR (%), CPA, …) are
//     recognised and never read.
//   - Reported, unverified: a tab-separated download whose preamble is not
//     quoted. Read the same way.
type Microsoft struct{}

var microsoftColumns = []col{
	{fDay, []string{"GregorianDate", "Gregorian date", "TimePeriod", "Time period"}},
	{fAccount, []string{"AccountName", "Account name"}},
	{fCampaign, []string{"CampaignName", "Campaign name"}},
	{fAdSet, []string{"AdGroupName", "Ad group"}},
	{fAd, []string{"AdTitle", "Ad title"}},
	{fCurrency, []string{"CurrencyCode", "Currency code"}},
	{fSpend, []string{"Spend"}},
	{fImpressions, []string{"Impressions"}},
	// Microsoft's one click count: clicks on the ad, i.e. to its landing page.
	{fClicks, []string{"Clicks"}},
	{fConversions, []string{"Conversions"}},
	{fConversionValue, []string{"Revenue"}},
}

// microsoftRatios are the report's own ratios and averages, recomputed
// from the counts and never read.
var microsoftRatios = []string{"Ctr", "CTR (%)", "AverageCpc", "Average CPC", "AverageCpm", "Avg. CPM",
	"AveragePosition", "Avg. position", "ConversionRate", "Conversion rate (%)", "CostPerConversion", "CPA",
	"ReturnOnAdSpend", "Return on ad spend (%)", "RevenuePerConversion", "Revenue per conversion",
	"CostPerAssist", "Cost per assist", "RevenuePerAssist", "Revenue per assist"}

// microsoftMarkers are header names only Microsoft writes: they detect a
// report downloaded without its preamble.
var microsoftMarkers = []string{"GregorianDate", "Gregorian date", "TimePeriod", "AccountName", "CampaignName",
	"AdGroupName", "CurrencyCode", "AccountNumber", "Account number", "Avg. position", "AveragePosition"}

// Preamble keys, compared after normHeader.
const (
	msReportName   = "report name"
	msReportTime   = "report time"
	msAggregation  = "report aggregation"
	msLastComplete = "last completed available day"
	msIncomplete   = "potential incomplete data"
	msRows         = "rows"
)

var microsoftKeys = []string{msReportName, msReportTime, "time zone", msLastComplete,
	"last completed available hour", msAggregation, "report filter", msIncomplete, msRows}

// microsoftFooter matches the copyright footer: "©2019 Microsoft
// Corporation. All rights reserved. ".
var microsoftFooter = regexp.MustCompile(`(?i)^(©|@|\(c\)|copyright)\s*\d{4}\s+microsoft corporation\.?\s*all rights reserved\.?$`)

// microsoftDayLayouts are the dates of GregorianDate and TimePeriod cells.
var microsoftDayLayouts = []string{"2006-01-02", "1/2/2006", "1/2/2006 3:04:05 PM", "2006-01-02 15:04:05"}

// A microsoftHead is what the head of a report says.
type microsoftHead struct {
	preamble     bool
	period       kpi.Period
	periodNote   string // why the period is unknown
	aggregation  string // normHeader of the value, spaces removed: "hourly", "summary", ...
	rows         int
	rowsLine     int // 0 when the preamble has no usable Rows line
	rowsNote     string
	timeZone     string // the "Time Zone:" line's value
	lastComplete time.Time
	incomplete   bool
	header       int // index in in.Head, -1 when there is none
	m            *mapping
	err          error // a malformed preamble date
}

// microsoftLine returns head record i as one string: a preamble line that
// was not quoted may have been split at its commas.
func microsoftLine(in *Input, i int) string {
	parts := append([]string(nil), in.Head[i]...)
	for len(parts) > 1 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	return strings.TrimSpace(strings.Join(parts, ","))
}

// microsoftKey splits a preamble line into its key (normalized) and value;
// ok is false when the line is not a known preamble line.
func microsoftKey(line string) (key, value string, ok bool) {
	k, v, found := strings.Cut(line, ":")
	if !found {
		return "", "", false
	}
	key = normHeader(k)
	for _, known := range microsoftKeys {
		if key == known {
			return key, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

func readMicrosoftHead(in *Input) microsoftHead {
	h := microsoftHead{header: -1}
	i := 0
	for i < len(in.Head) && isBlank(in.Head[i]) {
		i++
	}
	keys := 0
	var timeLine string
	for ; i < len(in.Head); i++ {
		if isBlank(in.Head[i]) {
			if keys > 0 {
				continue
			}
			break
		}
		line := microsoftLine(in, i)
		key, value, ok := microsoftKey(line)
		if !ok {
			break
		}
		keys++
		lineNo := in.HeadLines[i]
		switch key {
		case msReportTime:
			timeLine = line
			p, ok := parseMicrosoftRange(value)
			if !ok && h.err == nil {
				h.err = &ParseError{File: in.Name, Line: lineNo, Field: -1, Value: line, Err: ErrBadDate,
					Want: fmt.Sprintf("got %q, want a date like %q or a range like %q", line,
						"Report Time: 10/31/2026", "Report Time: 10/1/2026,10/31/2026")}
			}
			h.period = p
		case "time zone":
			h.timeZone = value
		case msAggregation:
			h.aggregation = strings.ReplaceAll(normHeader(value), " ", "")
		case msLastComplete:
			d, _, _ := strings.Cut(value, "(")
			if t, err := parseDay(d, false, "1/2/2006 3:04:05 PM", "1/2/2006"); err == nil {
				h.lastComplete = t
			}
		case msIncomplete:
			h.incomplete = strings.EqualFold(value, "true")
		case msRows:
			n, err := numDot.count(value)
			if err != nil || isNA(value) {
				h.rowsNote = fmt.Sprintf("line %d %q is not a row count: the rows are not checked against it", lineNo, line)
				continue
			}
			h.rows, h.rowsLine = int(n), lineNo
		}
	}
	h.preamble = keys >= 2
	switch {
	case !h.preamble:
		h.periodNote = "the report has no preamble"
	case timeLine == "":
		h.periodNote = "the preamble has no Report Time line"
	}
	for i < len(in.Head) && isBlank(in.Head[i]) {
		i++
	}
	if i < len(in.Head) && (h.preamble || keys == 0) {
		h.header = i
		h.m = mapHeader(in.Head[i], microsoftColumns)
		markColumns(h.m, microsoftRatios, fRatio)
		markColumns(h.m, []string{"Hour", "HourOfDay"}, fHour)
	}
	return h
}

// parseMicrosoftRange parses a Report Time value: "2/7/2020", or a range
// "10/5/2017,10/11/2017" (also "10/5/2017 - 10/11/2017").
func parseMicrosoftRange(s string) (kpi.Period, bool) {
	s = strings.TrimSpace(s)
	from, to := s, s
	for _, sep := range []string{",", " - ", " – ", " to "} {
		if a, b, found := strings.Cut(s, sep); found {
			from, to = a, b
			break
		}
	}
	f, err1 := parseDay(from, false, "1/2/2006")
	t, err2 := parseDay(to, false, "1/2/2006")
	if err1 != nil || err2 != nil || t.Before(f) {
		return kpi.Period{}, false
	}
	return kpi.Period{From: f, To: t}, true
}

// isMicrosoftFooter reports the copyright footer row.
func isMicrosoftFooter(rec []string) bool {
	var cells []string
	for _, c := range rec {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	return len(cells) == 1 && microsoftFooter.MatchString(cells[0])
}

// Platform returns "microsoft_ads".
func (Microsoft) Platform() kpi.Platform { return kpi.MicrosoftAds }

// Detect accepts a Microsoft preamble (Report Name, Report Time, … lines),
// or, for a report downloaded without it, a header with a Spend column and
// a column only Microsoft names so (GregorianDate, TimePeriod,
// CampaignName, Gregorian date, Avg. position, …).
func (Microsoft) Detect(in *Input) bool {
	h := readMicrosoftHead(in)
	if h.preamble {
		return true
	}
	return h.m != nil && h.m.has(fSpend) && hasHeader(h.m.header, microsoftMarkers)
}

// Import reads a Microsoft Advertising report (see Microsoft). The import
// fails when the number of data rows differs from the preamble's "Rows: N".
func (Microsoft) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.MicrosoftAds, opts, emit)
	h := readMicrosoftHead(in)
	r.st.Period = h.period
	r.st.TimeZone = h.timeZone
	if h.err != nil {
		return r.st, h.err
	}
	if h.header < 0 {
		return r.st, fmt.Errorf("%s: %w: not a Microsoft Advertising report with a header (%s)", in.Name, ErrMissingColumn, describeHead(in))
	}
	m := h.m
	headerLine := in.HeadLines[h.header]
	r.setHeader(m)
	r.st.Level = level(m)
	if err := requireColumns(in, headerLine, m, microsoftColumns, fSpend); err != nil {
		return r.st, err
	}
	if !m.has(fCurrency) {
		if opts.Currency != "" {
			r.warn("the report states no currency (no CurrencyCode or \"Currency code\" column): amounts are taken as %s", opts.Currency)
		} else {
			r.warn("the report states no currency (no CurrencyCode or \"Currency code\" column): set currency for this input in roibook.yaml")
		}
	}
	if h.rowsNote != "" {
		r.warn("%s", h.rowsNote)
	}
	if h.incomplete && !h.lastComplete.IsZero() && !h.period.IsZero() && h.period.To.After(h.lastComplete) {
		r.warn("\"Potential Incomplete Data: true\": the report runs to %s, after the last completed day %s, so the figures of the days after it may still change; export again once they have closed",
			h.period.To.Format(time.DateOnly), h.lastComplete.Format(time.DateOnly))
	}
	cover := h.period // what a row without its own date covers
	if !m.has(fDay) {
		if cover.IsZero() {
			cover = opts.Period
			r.warn("no date column and %s: every row is booked to the report period", h.periodNote)
		}
	}
	footers := 0
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		if isMicrosoftFooter(rec) {
			footers++
			r.skip(line, "copyright footer "+strings.TrimSpace(strings.Join(rec, "")))
			return nil
		}
		out, err := r.record(kpi.MicrosoftAds, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		if v, i, ok := m.cell(rec, fDay); ok {
			d, err := parseMicrosoftDay(v)
			if err != nil {
				r.bad(r.valueErr(line, i, m, v, wantDate("2006-01-02", "1/2/2006")+" (an hourly TimePeriod may end in |HH)", ErrBadDate))
				return nil
			}
			setDays(&out, microsoftSpan(d, h.aggregation, h.period))
		} else {
			out.Span = cover
		}
		if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	var countErr error
	if found := r.st.Rows - footers; h.rowsLine > 0 && found != h.rows {
		countErr = fmt.Errorf("%s:%d: %w: the preamble says \"Rows: %d\", but the file has %d data %s: it was cut short or edited; download the report again",
			in.Name, h.rowsLine, ErrRowCount, h.rows, found, plural(found, "row", "rows"))
	}
	st, err := r.finish()
	return st, errors.Join(countErr, err)
}

// parseMicrosoftDay parses a GregorianDate or TimePeriod cell; the hour
// of an hourly TimePeriod ("1/23/2019 12:00:00 AM|11") is dropped.
func parseMicrosoftDay(s string) (time.Time, error) {
	d, hour, hasHour := strings.Cut(strings.TrimSpace(s), "|")
	if hasHour {
		if n, err := numDot.count(hour); err != nil || isNA(hour) || n > 23 {
			return time.Time{}, ErrBadDate
		}
	}
	return parseDay(d, false, microsoftDayLayouts...)
}

// microsoftSpan returns the days a dated row covers: its day, or with a
// weekly, monthly or yearly aggregation the week, month or year it opens,
// within the report period when that is known.
func microsoftSpan(d time.Time, aggregation string, report kpi.Period) kpi.Period {
	p := kpi.Period{From: d, To: d}
	switch aggregation {
	case "weekly", "week", "weeklystartingmonday":
		p.To = d.AddDate(0, 0, 6)
	case "monthly", "month":
		p.To = monthStart(d).AddDate(0, 1, -1)
	case "yearly", "year":
		p.To = time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		return p
	}
	if !report.IsZero() {
		if p.From.Before(report.From) && !p.To.Before(report.From) {
			p.From = report.From
		}
		if p.To.After(report.To) && !p.From.After(report.To) {
			p.To = report.To
		}
	}
	return p
}
