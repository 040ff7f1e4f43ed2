package importers

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// TikTok reads TikTok Ads Manager exports (CSV or XLSX, English or
// Japanese UI). A real Japanese header (UTF-8, no BOM, CRLF):
//
//	キャンペーン名,一級ステータス,キャンペーン予算,コスト,CPC（誘導先）,CPM,インプレッション,
//	クリック（誘導先）,CTR（誘導先）,コンバージョン,コンバージョン単価,コンバージョン率（CVR）,...,通貨
//
// Quirks: full-width brackets in headers, "-" for n/a, the totals row last
// ("Total of N results" / "全N件の結果"), counts below 5 masked as "<5" in
// XLSX exports, and no date range anywhere in the file: without a "By Day"
// column every row covers the report period.
type TikTok struct{}

var tiktokColumns = []col{
	{fDay, []string{"By Day", "Date", "Day", "日別", "日付", "日"}},
	{fAccount, []string{"Account name", "Advertiser name", "アカウント名", "広告アカウント名"}},
	{fCampaign, []string{"Campaign name", "キャンペーン名"}},
	{fAdSet, []string{"Ad group name", "広告グループ名"}},
	{fAd, []string{"Ad name", "広告名"}},
	{fCurrency, []string{"Currency", "通貨"}},
	{fSpend, []string{"Cost", "Total cost", "Spend", "コスト", "合計コスト"}},
	{fImpressions, []string{"Impressions", "Impression", "インプレッション", "インプレッション数"}},
	{fReach, []string{"Reach", "リーチ"}},
	{fClicks, []string{"Clicks (all)", "クリック（すべて）", "クリック数（すべて）"}},
	{fLinkClicks, []string{"Clicks (destination)", "Clicks", "クリック（誘導先）", "クリック数（誘導先）"}},
	{fConversions, []string{"Conversions", "コンバージョン", "コンバージョン数"}},
	{fConversionValue, []string{"Total complete payment value", "Complete payment value", "Total purchase value", "Purchase value"}},
	{fPurchases, []string{"Complete payment", "Purchases", "Total complete payment"}},
	{fLeads, []string{"Leads", "Form submissions", "Total form submissions", "リード"}},
	{fVideoViews, []string{"Video views", "動画視聴数", "動画再生数"}},
	{fReactions, []string{"Paid likes", "Likes", "いいね"}},
	{fComments, []string{"Paid comments", "Comments", "コメント"}},
	{fShares, []string{"Paid shares", "Shares", "シェア"}},
	{fFollows, []string{"Paid follows", "Follows", "フォロー"}},
}

// tiktokMarkers are header names only TikTok writes.
var tiktokMarkers = []string{"clicks (destination)", "cpc (destination)", "ctr (destination)",
	"primary status", "クリック(誘導先)", "cpc(誘導先)", "ctr(誘導先)", "一級ステータス"}

var tiktokTotal = regexp.MustCompile(`^(Total of \d[\d,]* results?|全[\d,]+件の結果)$`)

// Platform returns "tiktok_ads".
func (TikTok) Platform() kpi.Platform { return kpi.TikTokAds }

// Detect accepts a head whose first non-blank row is a TikTok header.
func (TikTok) Detect(in *Input) bool { _, _, ok := tiktokHeader(in); return ok }

func tiktokHeader(in *Input) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		m := mapHeader(rec, tiktokColumns)
		marker := false
		for _, h := range rec {
			for _, mk := range tiktokMarkers {
				if normHeader(h) == mk {
					marker = true
				}
			}
		}
		return i, m, marker && m.count(fCampaign, fAdSet, fAd) > 0 && m.has(fSpend) && m.has(fImpressions)
	}
	return 0, nil, false
}

// Import reads a TikTok export. Rows go to the "By Day" date when the
// export has one, else they cover opts.Period. A count masked as "<5" is
// booked as 0, and a warning says how many cells were.
func (TikTok) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.TikTokAds, opts, emit)
	hi, m, ok := tiktokHeader(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: not a TikTok Ads export with Campaign name, Cost and Impressions", in.Name, ErrMissingColumn)
	}
	r.setHeader(m)
	r.st.Level = level(m)
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	if !m.has(fDay) {
		r.warn("no date column: the export states no date range, so every row is booked to the report period")
	}
	headerLine := in.HeadLines[hi]
	masked := 0 // "<5" cells booked as 0
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		rec, n := tiktokUnmask(rec, m)
		if tiktokTotal.MatchString(strings.TrimSpace(rec[0])) {
			var t kpi.Record
			if err := r.fillMetrics(&t, rec, m, numDot, line); err != nil {
				r.bad(err)
				return nil
			}
			var tot kpi.Totals
			tot.Add(&t)
			r.platformTotals(tot, line, 0)
			r.skip(line, "totals row "+strings.TrimSpace(rec[0]))
			return nil
		}
		out, err := r.record(kpi.TikTokAds, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		if v, i, ok := m.cell(rec, fDay); ok {
			d, err := parseDay(v, in.Format == "xlsx", "2006-01-02", "2006/01/02")
			if err != nil {
				r.bad(r.valueErr(line, i, m, v, wantDate("2006-01-02"), ErrBadDate))
				return nil
			}
			out.Day = d
		} else {
			out.Span = opts.Period
		}
		if err := r.fillMetrics(&out, rec, m, numDot, line); err != nil {
			r.bad(err)
			return nil
		}
		masked += n
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	switch {
	case masked == 1:
		r.warn("1 cell masked as <5 was booked as 0: the sums may be up to 4 short")
	case masked > 1:
		r.warn("%d cells masked as <5 were booked as 0: the sums may be up to %d short", masked, 4*masked)
	}
	return r.finish()
}

// tiktokUnmask returns rec with every count cell that TikTok masked as
// "<5" (a value from 0 to 4, hidden) replaced by "0", and how many it
// replaced. rec itself is not modified. Money cells are never unmasked: a
// "<5" cost stays a bad number.
func tiktokUnmask(rec []string, m *mapping) ([]string, int) {
	n := 0
	for _, mc := range m.metrics {
		if mc.index >= len(rec) || metricKind(mc.field) == 'm' || !tiktokMasked(rec[mc.index]) {
			continue
		}
		if n == 0 {
			rec = append([]string(nil), rec...)
		}
		rec[mc.index] = "0"
		n++
	}
	return rec, n
}

// tiktokMasked reports a small-count mask: "<5", spaces allowed.
func tiktokMasked(s string) bool { return strings.ReplaceAll(strings.TrimSpace(s), " ", "") == "<5" }

// level names the finest entity a mapping has: "ad", "ad_set" or "campaign".
func level(m *mapping) string {
	switch {
	case m.has(fAd):
		return "ad"
	case m.has(fAdSet):
		return "ad_set"
	case m.has(fCampaign):
		return "campaign"
	}
	return "account"
}
