package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzTikTok(f *testing.F) {
	addFixtures(f, kpi.TikTokAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.TikTok{}, data) })
}

// tiktokHeader is a cut-down English campaign report header.
const tiktokHeader = "Campaign name,Primary status,Cost,Impressions,Clicks (destination),Conversions,Currency"

// tiktokCSV joins lines into a TikTok CSV (CRLF, as TikTok writes it).
func tiktokCSV(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

func tiktokOpen(tb testing.TB, data []byte) *importers.Input {
	tb.Helper()
	in, err := importers.OpenBytes("tiktok.csv", data)
	if err != nil {
		tb.Fatalf("OpenBytes(tiktok.csv): %v", err)
	}
	return in
}

// tiktokImport imports data and returns the records and stats.
func tiktokImport(tb testing.TB, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.TikTok{}, "tiktok.csv", data, opts)
}

// TestTikTok_Detect checks that TikTok accepts its own headers, English and
// Japanese, and none of the other platforms' heads.
func TestTikTok_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"en campaign", tiktokHeader + "\nBrand,Active,5.00,100,10,1,USD\n", true},
		{"ja full-width brackets", "キャンペーン名,一級ステータス,コスト,インプレッション,クリック（誘導先）,通貨\n秋,配信中,100,1000,10,JPY\n", true},
		{"ja ascii brackets", "キャンペーン名,コスト,インプレッション,CPC(誘導先)\n秋,100,1000,10\n", true},
		{"by day ad group", "By Day,Ad group name,Cost,Impressions,CTR (destination)\n2026-10-01,A,5.00,100,1.00%\n", true},
		{"ad level marker primary status", "Ad name,Primary status,Cost,Impressions\nA,Active,5.00,100\n", true},
		{"no marker", "Campaign name,Cost,Impressions,Clicks\nBrand,5.00,100,10\n", false},
		{"no cost", "Campaign name,Impressions,Clicks (destination)\nBrand,100,10\n", false},
		{"no impressions", "Campaign name,Cost,Clicks (destination)\nBrand,5.00,10\n", false},
		{"no entity", "By Day,Cost,Impressions,Clicks (destination)\n2026-10-01,5.00,100,10\n", false},
		{"title above header", "TikTok report\n" + tiktokHeader + "\n", false},
		{"meta ads manager", "Reporting starts,Reporting ends,Campaign name,Campaign delivery,Reach,Impressions,Cost per result,Amount spent (USD),Link clicks,CPC (cost per link click) (USD),Clicks (all),CTR (all)\n" +
			"2026-10-01,2026-10-31,Brand,active,900,1000,0.50,5.00,10,0.50,12,1.2\n", false},
		{"meta ja", "レポート開始日,レポート終了日,キャンペーン名,インプレッション,消化金額 (JPY),リンクのクリック\n2026-10-01,2026-10-31,秋,1000,500,10\n", false},
		{"meta summary row", "Campaign name,Impressions,Amount spent (USD),Reporting starts,Reporting ends\n,1000,5.00,2026-10-01,2026-10-31\n", false},
		{"google ads", "Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign status,Campaign,Impr.,Clicks,Currency code,Cost,Conversions\n", false},
		{"google ads header first", "Campaign,Impr.,Clicks,Cost,Conversions\nBrand,100,10,5.00,1.00\n", false},
		{"google ads ja", "キャンペーンのパフォーマンス\n2026年10月1日 - 2026年10月31日\nキャンペーン,表示回数,費用\n", false},
		{"linkedin", "\"Campaign Performance Report (in UTC)\"\n\"Report Start: 10/1/2026, 12:00 AM\"\n\"Report End: 10/31/2026, 11:59 PM\"\n\"Date Generated: 11/1/2026\"\n\n" +
			"Campaign Name,Impressions,Clicks,Total Spent,Currency\n", false},
		{"linkedin header only", "Campaign Name,Impressions,Clicks,Total Spent,Currency\nBrand,100,10,5.00,USD\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tiktokOpen(t, []byte(tc.data))
			if got := (importers.TikTok{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestTikTok_Span checks what a row covers: its "By Day" date, else the
// report period (the export states none of its own).
func TestTikTok_Span(t *testing.T) {
	oct := kpi.Month(2026, 10)
	part := kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 18)}
	campaign := tiktokCSV(tiktokHeader, "Brand,Active,5.00,100,10,1,USD")
	byDay := func(day string) []byte {
		return tiktokCSV("By Day,Campaign name,Cost,Impressions,Clicks (destination),Currency", day+",Brand,5.00,100,10,USD")
	}
	tests := []struct {
		name    string
		data    []byte
		opts    importers.Options
		day     time.Time
		span    kpi.Period
		outside int
	}{
		{"no day, no period", campaign, importers.Options{}, time.Time{}, kpi.Period{}, 0},
		{"no day, month", campaign, importers.Options{Period: oct}, time.Time{}, oct, 0},
		{"no day, part of month", campaign, importers.Options{Period: part}, time.Time{}, part, 0},
		{"by day", byDay("2026-10-05"), importers.Options{Period: oct}, kpi.Day(2026, 10, 5), kpi.Period{}, 0},
		{"by day with slashes", byDay("2026/10/05"), importers.Options{}, kpi.Day(2026, 10, 5), kpi.Period{}, 0},
		{"by day outside period", byDay("2026-09-30"), importers.Options{Period: oct}, time.Time{}, kpi.Period{}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := tiktokImport(t, tc.data, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if st.OutsidePeriod != tc.outside {
				t.Errorf("outside period = %d, want %d", st.OutsidePeriod, tc.outside)
			}
			if tc.outside > 0 {
				if len(recs) != 0 {
					t.Errorf("emitted %d records, want none", len(recs))
				}
				return
			}
			if len(recs) != 1 {
				t.Fatalf("emitted %d records, want 1", len(recs))
			}
			if r := recs[0]; !r.Day.Equal(tc.day) || r.Span != tc.span {
				t.Errorf("record day %v span %s, want day %v span %s", r.Day, r.Span, tc.day, tc.span)
			}
		})
	}
}

// TestTikTok_Totals checks which first cells mark the totals row.
func TestTikTok_Totals(t *testing.T) {
	tests := []struct {
		label string // first cell, as written in the CSV
		total bool
	}{
		{"Total of 1 result", true},
		{"Total of 2 results", true},
		{`"Total of 1,234 results"`, true},
		{"全12件の結果", true},
		{`"全1,234件の結果"`, true},
		{" Total of 1 result ", true},
		{"Total Recall campaign", false},
		{"Total of results", false},
		{"Total of 2 results (filtered)", false},
		{"Total: Campaigns", false},
		{"全件の結果", false},
		{"合計", false},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			data := tiktokCSV(tiktokHeader, "Brand,Active,5.00,100,10,1,USD", tc.label+",-,5.00,100,10,1,USD")
			_, st, err := tiktokImport(t, data, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			used, skipped, check, line := 2, 0, kpi.CheckNone, 0
			if tc.total {
				used, skipped, check, line = 1, 1, kpi.CheckMatch, 3
			}
			if st.Used != used || len(st.Skipped) != skipped {
				t.Errorf("used %d, skipped %v; want %d used, %d skipped", st.Used, st.Skipped, used, skipped)
			}
			if st.Check.Status != check || st.Check.Line != line {
				t.Errorf("check %s at line %d, want %s at line %d", st.Check.Status, st.Check.Line, check, line)
			}
		})
	}
}

// TestTikTok_Masked checks counts masked as "<5" (XLSX exports): booked as
// 0 with a warning counting them; a masked cost is still a bad number.
func TestTikTok_Masked(t *testing.T) {
	tests := []struct {
		name        string
		rows        []string
		impressions int64
		clicks      int64
		warning     string // "" for none
		err         error
	}{
		{"none", []string{"A,Active,5.00,100,10,1,USD"}, 100, 10, "", nil},
		{"one", []string{"A,Active,0.02,<5,0,0,USD", "B,Active,5.00,100,10,1,USD"}, 100, 10,
			"1 cell masked as <5 was booked as 0: the sums may be up to 4 short", nil},
		{"two rows, spaced", []string{"A,Active,0.02,<5,0,0,USD", "B,Active,0.01, < 5 ,0,0,USD"}, 0, 0,
			"2 cells masked as <5 were booked as 0: the sums may be up to 8 short", nil},
		{"two cells of a row", []string{"A,Active,0.02,<5,<5,0,USD"}, 0, 0,
			"2 cells masked as <5 were booked as 0: the sums may be up to 8 short", nil},
		{"totals row not counted", []string{"A,Active,0.02,<5,0,0,USD", "Total of 1 result,-,0.02,<5,0,0,USD"}, 0, 0,
			"1 cell masked as <5 was booked as 0: the sums may be up to 4 short", nil},
		{"cost", []string{"A,Active,<5,100,10,1,USD"}, 0, 0, "", importers.ErrBadNumber},
		{"other text", []string{"A,Active,5.00,<10,10,1,USD"}, 0, 0, "", importers.ErrBadNumber},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, st, err := tiktokImport(t, tiktokCSV(append([]string{tiktokHeader}, tc.rows...)...), importers.Options{})
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("Import: err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.Totals.Impressions != tc.impressions || st.Totals.Clicks != tc.clicks {
				t.Errorf("impressions %d, clicks %d; want %d, %d", st.Totals.Impressions, st.Totals.Clicks, tc.impressions, tc.clicks)
			}
			var masked []string
			for _, w := range st.Warnings {
				if strings.Contains(w, "<5") {
					masked = append(masked, w)
				}
			}
			switch {
			case tc.warning == "" && len(masked) > 0:
				t.Errorf("warnings %q, want none about <5", masked)
			case tc.warning != "" && (len(masked) != 1 || masked[0] != tc.warning):
				t.Errorf("warnings %q, want [%q]", masked, tc.warning)
			}
		})
	}
}

// TestTikTok_SkipBadRows checks that the error fixtures import with
// on_bad_rows: skip, rejecting only the bad line.
func TestTikTok_SkipBadRows(t *testing.T) {
	tests := []struct {
		file     string
		emitted  int
		rejected int // line
		check    string
	}{
		{"testdata/tiktok_ads/bad_cost.csv", 2, 3, kpi.CheckMismatch},
		{"testdata/tiktok_ads/truncated_row.csv", 2, 4, kpi.CheckNone},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, tc.file)
			var n int
			st, err := importers.TikTok{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.emitted || len(st.Rejected) != 1 || st.Rejected[0].Line != tc.rejected {
				t.Errorf("emitted %d, rejected %v; want %d emitted and line %d rejected", n, st.Rejected, tc.emitted, tc.rejected)
			}
			if st.Check.Status != tc.check {
				t.Errorf("check %s, want %s", st.Check.Status, tc.check)
			}
		})
	}
}
