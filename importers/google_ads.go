package importers

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/roibook/roibook/kpi"
)

// GoogleAds reads Google Ads report downloads: the campaigns (or ad groups,
// ads...) table downloaded as .csv, as "CSV (Excel)" (UTF-16LE with a BOM,
// tab-separated) or as .xlsx, in an English or Japanese UI. A real file
// (UTF-8, no BOM, LF):
//
//	Campaign report
//	"July 8, 2025 - July 31, 2025"
//	Campaign status,Campaign,Budget,Budget name,Budget type,Status,Status reasons,Optimization score,
//	Campaign type,Currency code,TrueView avg. CPV,Avg. CPM,Impr.,Interactions,Interaction rate,
//	Avg. cost,Cost,Conv. (Platform Comparable),...,Conv. rate,Conversions,Cost / conv.
//	Enabled,MH-m-sand,500.00, --,Daily,Not eligible,...,INR,1.06,44.57,"20,287","1,934",9.53%,0.47,904.26,...
//	Total: Campaigns, --, --, --, --, --,, --, --,INR,...
//	Total: Account,,,,,,,,,INR,...
//	Total: Demand Gen,,,,,,,,Demand Gen,INR,...
//
// Line 1 is the report's title (its saved name in the Report Editor,
// localized: "キャンペーンのパフォーマンス"), line 2 its date range (US
// "October 1, 2026 - October 31, 2026", en-GB "1 October 2026 - 31 October
// 2026", ja "2026年10月1日 - 2026年10月31日", or "All time"), line 3 the
// header. Counts and conversions are grouped and quoted ("25,881",
// "4,838.80"), Cost never is; not applicable is " --" (xlsx: "--");
// Conversions are fractional. The footer rows "Total: Campaigns",
// "Total: Account" and one subtotal per campaign type overlap each other
// and are never booked. The currency is in "Currency code" when that column
// was chosen (it may appear twice), else nowhere in the file.
//
// Dates: with a "Day" segment column each row is that day. Without one each
// row covers the file's date range (Record.Span); when the range is
// "All time" the rows cover Options.Period, or are undated (neither Day
// nor Span) when no period is given.
type GoogleAds struct{}

var googleColumns = []col{
	{fDay, []string{"Day", "日"}},
	{fAccount, []string{"Account name", "Account", "Customer name", "アカウント名", "アカウント"}},
	{fCampaign, []string{"Campaign", "キャンペーン"}},
	{fAdSet, []string{"Ad group", "広告グループ"}},
	{fAd, []string{"Ad", "Ad name", "広告", "広告名"}},
	{fCurrency, []string{"Currency code", "通貨コード"}},
	{fSpend, []string{"Cost", "費用"}},
	{fImpressions, []string{"Impr.", "Impressions", "表示回数"}},
	// Interactions (clicks, views and engagements together) are not clicks.
	{fClicks, []string{"Clicks", "クリック数"}},
	// "All conv.", "View-through conv.", "Conv. (Platform Comparable)" and
	// the Report Editor's per-action "<action>_Conversions" stay unmapped.
	{fConversions, []string{"Conversions", "コンバージョン"}},
	{fConversionValue, []string{"Conv. value", "コンバージョン値"}},
}

// googleDayLayouts are the layouts of the Day segment column.
var googleDayLayouts = []string{"2006-01-02", "2006/01/02"}

// Platform returns "google_ads".
func (GoogleAds) Platform() kpi.Platform { return kpi.GoogleAds }

// Detect accepts a head whose first line is a title (no metric names),
// whose second is a date range or "All time", and whose third is a header
// with Campaign, Cost and Impr. (or their Japanese names).
func (GoogleAds) Detect(in *Input) bool {
	h, ok := googleHead(in)
	return ok && h.m.has(fSpend) && h.m.has(fImpressions) && h.m.has(fCampaign)
}

// A googlePreamble is what the head of a Google Ads report says.
type googlePreamble struct {
	title   string
	period  kpi.Period // zero for "All time"
	allTime bool
	header  int // index of the header in Input.Head
	m       *mapping
}

// googleHead reads the title, date range and header from in's head; ok is
// false when the head is not laid out like a Google Ads report. Blank lines
// between them are allowed.
func googleHead(in *Input) (h googlePreamble, ok bool) {
	step := 0
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		switch step {
		case 0:
			if len(mapHeader(rec, googleColumns).metrics) > 0 {
				return h, false // a header, not a title
			}
			h.title = joinCells(rec)
		case 1:
			p, all, ok := parseDateRange(joinCells(rec))
			if !ok {
				return h, false
			}
			h.period, h.allTime = p, all
		default:
			h.header, h.m = i, mapHeader(rec, googleColumns)
			return h, true
		}
		step++
	}
	return h, false
}

// joinCells joins the non-empty cells of a preamble line with ", ", which
// restores a US date range whose commas split it into cells.
func joinCells(rec []string) string {
	var parts []string
	for _, c := range rec {
		if c = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")); c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, ", ")
}

// googleRangeSeps separate the two dates of a date range, tried in order.
var googleRangeSeps = []string{" - ", " – ", " — ", "～", "~", "-"}

// googleDateLayouts are the long dates of the date-range line: US, en-GB
// and Japanese, with full or abbreviated month names.
var googleDateLayouts = []string{"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "2006年1月2日"}

// parseDateRange parses the second line of a report: "October 1, 2026 -
// October 31, 2026", "1 October 2026 - 31 October 2026", "2026年10月1日 -
// 2026年10月31日", a single such date, or "All time" / "全期間" (allTime,
// zero period). ok is false for anything else, or when the range ends
// before it starts.
func parseDateRange(s string) (p kpi.Period, allTime, ok bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"`))
	switch strings.ToLower(s) {
	case "all time", "全期間":
		return kpi.Period{}, true, true
	}
	from, to := s, s
	for _, sep := range googleRangeSeps {
		if a, b, found := strings.Cut(s, sep); found {
			from, to = a, b
			break
		}
	}
	f, ok1 := parseLongDate(from)
	t, ok2 := parseLongDate(to)
	if !ok1 || !ok2 || t.Before(f) {
		return kpi.Period{}, false, false
	}
	return kpi.Period{From: f, To: t}, false, true
}

func parseLongDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return time.Time{}, false
	}
	d, err := parseDay(s, false, googleDateLayouts...)
	// Google Ads began in 2000; a year outside this is not a report date.
	return d, err == nil && d.Year() >= 2000 && d.Year() < 2200
}

// googleTotal reports whether the first cell of a row labels a footer
// row: "Total: Campaigns", "Total: Account", "Total: Search", "Total :
// campagnes", "合計: キャンペーン". It returns the label after the colon.
// Every footer seen has the colon, so a campaign named "Total", "TOTAL" or
// "Total Recall" is data: after "Total" (and letters, for "Totale",
// "Totales") a colon must follow.
func googleTotal(cell string) (label string, ok bool) {
	s := strings.TrimSpace(cell)
	var rest string
	switch {
	case len(s) >= 5 && strings.EqualFold(s[:5], "total"):
		rest = strings.TrimLeftFunc(s[5:], unicode.IsLetter)
	case strings.HasPrefix(s, "合計"):
		rest = s[len("合計"):]
	default:
		return "", false
	}
	rest = strings.TrimSpace(rest)
	for _, colon := range []string{":", "："} {
		if after, found := strings.CutPrefix(rest, colon); found {
			return strings.TrimSpace(after), true
		}
	}
	return "", false
}

// googleTotalKind tells the table total ("Total: Campaigns", the rows'
// own sum) and the account total (which includes removed and filtered
// campaigns) from the other footer rows.
func googleTotalKind(label string) (campaigns, account bool) {
	switch strings.ToLower(label) {
	case "campaigns", "campaign", "キャンペーン", "campagnes", "campanhas", "campañas", "kampagnen":
		return true, false
	case "account", "アカウント", "compte", "conta", "cuenta", "konto":
		return false, true
	}
	return false, false
}

// googleText returns the trimmed text of field in rec, "" when absent or
// n/a ("Ad name" is " --" for a responsive search ad).
func googleText(m *mapping, rec []string, field string) string {
	if v := m.text(rec, field); v != "--" {
		return v
	}
	return ""
}

// Import reads a Google Ads report. Footer rows are skipped; "Total:
// Campaigns", or else the first footer row other than "Total: Account",
// is the platform's total for the cross-check.
func (GoogleAds) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.GoogleAds, opts, emit)
	h, ok := googleHead(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a Google Ads report (want a title line, a date range such as %q and a header)",
			in.Name, ErrMissingColumn, "October 1, 2026 - October 31, 2026")
	}
	m := h.m
	headerLine := in.HeadLines[h.header]
	if !m.has(fSpend) {
		var found []string
		for _, c := range m.header {
			if c = strings.TrimSpace(c); c != "" {
				found = append(found, c)
			}
		}
		return r.st, fmt.Errorf("%s:%d: %w %q; header has: %s", in.Name, headerLine, ErrMissingColumn, "Cost", strings.Join(found, ", "))
	}
	r.setHeader(m)
	r.st.Level = level(m)
	r.st.Period = h.period
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	if !m.has(fCurrency) && m.currency == "" {
		if opts.Currency != "" {
			r.warn("the export states no currency (no \"Currency code\" column): amounts are taken as %s", opts.Currency)
		} else {
			r.warn("the export states no currency (no \"Currency code\" column): set currency for this input in roibook.yaml")
		}
	}
	span := h.period
	if h.allTime && !m.has(fDay) {
		span = opts.Period
		if span.IsZero() {
			r.warn("the date range is \"All time\" and there is no Day column: rows are undated")
		} else {
			r.warn("the date range is \"All time\" and there is no Day column: every row is booked to the report period")
		}
	}

	var haveTotals, haveCampaigns bool
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		if label, isTotal := googleTotal(rec[0]); isTotal {
			campaigns, account := googleTotalKind(label)
			var t kpi.Record
			if err := r.fillMetrics(&t, rec, m, numDot, line); err != nil {
				r.bad(err)
				return nil
			}
			if campaigns && !haveCampaigns || !haveTotals && !account {
				var tot kpi.Totals
				tot.Add(&t)
				r.platformTotals(tot, line, 0)
				haveTotals, haveCampaigns = true, haveCampaigns || campaigns
			}
			r.skip(line, "totals row "+strings.TrimSpace(rec[0]))
			return nil
		}
		out, err := r.record(kpi.GoogleAds, rec, m, line, googleText)
		if err != nil {
			r.bad(err)
			return nil
		}
		if m.has(fDay) {
			v, i, _ := m.cell(rec, fDay)
			d, err := parseDay(v, in.Format == "xlsx", googleDayLayouts...)
			if err != nil {
				r.bad(r.valueErr(line, i, m, v, wantDate(googleDayLayouts[0]), ErrBadDate))
				return nil
			}
			out.Day = d
		} else {
			out.Span = span
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
	return r.finish()
}
