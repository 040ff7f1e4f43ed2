package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzXAds(f *testing.F) {
	addFixtures(f, kpi.XAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.XAds{}, data) })
}

func FuzzPinterest(f *testing.F) {
	addFixtures(f, kpi.PinterestAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.Pinterest{}, data) })
}

func FuzzSnapchat(f *testing.F) {
	addFixtures(f, kpi.SnapchatAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.Snapchat{}, data) })
}

// aliasImport imports data with im and returns the records and stats.
func aliasImport(tb testing.TB, im importers.Importer, data string, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, im, "export.csv", []byte(data), opts)
}

// TestAlias_Detect checks which platform each head is detected as among all
// detectors: the marker columns, and the heads the markers must not claim.
func TestAlias_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want kpi.Platform // "" for no platform
	}{
		{"pinterest spend in account currency", "Date,Campaign name,Spend in account currency,Impressions\n2026-10-01,A,1.00,10\n", kpi.PinterestAds},
		{"pinterest pin clicks", "Campaign name,Spend,Impressions,Pin clicks\nA,1.00,10,1\n", kpi.PinterestAds},
		{"pinterest earned impressions", "Campaign name,Spend,Paid impressions,Earned impressions\nA,1.00,10,1\n", kpi.PinterestAds},
		{"pinterest marker without spend", "Campaign name,Pin clicks\nA,1\n", kpi.PinterestAds},
		{"outbound clicks alone", "Campaign name,Spend,Impressions,Outbound clicks\nA,1.00,10,1\n", ""},
		{"meta with outbound clicks", "Campaign name,Amount spent (EUR),Impressions,Outbound clicks,Reporting starts,Reporting ends\nA,1.00,10,1,2026-10-01,2026-10-01\n", kpi.MetaAds},
		{"snapchat swipe ups", "Date,Campaign Name,Spend,Paid Impressions,Swipe Ups\n2026-10-01,A,1.00,10,1\n", kpi.SnapchatAds},
		{"snapchat amount spent is not meta", "Start Time,End Time,Campaign Name,Amount Spent,Paid Impressions,Swipe Ups\n2026-10-01 00:00:00,2026-10-01 23:59:59,A,1.00,10,1\n", kpi.SnapchatAds},
		{"snapchat ad squad", "Campaign Name,Ad Squad Name,Spend,Impressions\nA,B,1.00,10\n", kpi.SnapchatAds},
		{"paid impressions alone", "Campaign Name,Spend,Paid Impressions\nA,1.00,10\n", ""},
		{"x billed engagements", "Campaign,Time,Spend,Impressions,Billed engagements\nA,2026-10-01,1.00,10,1\n", kpi.XAds},
		{"x campaign url", "ID,Campaign,Campaign URL,Time,Spend,Impressions\nx1,A,https://ads.x.com/x1,2026-10-01,1.00,10\n", kpi.XAds},
		{"x billed charge", "Campaign,Time,Billed charge,Impressions\nA,2026-10-01,1.00,10\n", kpi.XAds},
		{"x organic legacy", `"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes"` + "\n", kpi.XOrganic},
		{"x organic 2024", "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares\n", kpi.XOrganic},
		{"tiktok", "Campaign name,Primary status,Cost,Impressions,Clicks (destination)\nA,Active,1.00,1,1\n", kpi.TikTokAds},
		{"generic", "Date,Campaign,Spend,Impressions,Clicks\n2026-10-01,A,1.00,10,1\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("export.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			d, err := importers.Detect(in, importers.Detectors())
			switch {
			case tc.want == "" && err == nil:
				t.Errorf("Detect = %s, want no platform", d.Platform())
			case tc.want == "" && !errors.Is(err, importers.ErrUnknownPlatform):
				t.Errorf("Detect: err = %v, want ErrUnknownPlatform", err)
			case tc.want != "" && err != nil:
				t.Errorf("Detect: %v, want %s", err, tc.want)
			case tc.want != "" && d.Platform() != tc.want:
				t.Errorf("Detect = %s, want %s", d.Platform(), tc.want)
			}
		})
	}
}

// TestAlias_Required checks that a file without a required column fails,
// naming the columns found and the names wanted, and that a campaign ID
// stands in for a missing campaign name.
func TestAlias_Required(t *testing.T) {
	_, _, err := aliasImport(t, importers.Snapchat{}, "Date,Ad Squad Name,Spend,Impressions\n2026-10-01,B,1.00,10\n", importers.Options{})
	want := `export.csv:1: missing column: want campaign (one of "Campaign Name", "Campaign"); the header has: "Date", "Ad Squad Name", "Spend", "Impressions"`
	if !errors.Is(err, importers.ErrMissingColumn) || err == nil || err.Error() != want {
		t.Errorf("no campaign: err = %v\nwant %s", err, want)
	}
	_, _, err = aliasImport(t, importers.XAds{}, "Campaign,Billed engagements\nA,1\n", importers.Options{})
	if err == nil || !strings.Contains(err.Error(), `want spend (one of "Spend", "Billed charge", "Cost"); impressions (one of "Impressions")`) {
		t.Errorf("no spend nor impressions: err = %v, want both named", err)
	}
	recs, st, err := aliasImport(t, importers.Pinterest{}, "Date,Campaign ID,Spend in account currency,Impressions\n2026-10-01,626744128956,1.00,10\n", importers.Options{})
	if err != nil || len(recs) != 1 || recs[0].Campaign != "626744128956" || !hasWarning(st, "campaigns are named by their ID") {
		t.Errorf("campaign ID only: %+v, %v, %q; want the ID as the campaign and a warning", recs, err, st.Warnings)
	}
}

// TestAlias_Prefer checks that the preferred of two columns for one field
// is read whatever the column order.
func TestAlias_Prefer(t *testing.T) {
	tests := []struct {
		name        string
		im          importers.Importer
		data        string
		spend       string
		impressions int64
	}{
		{"pinterest impressions over paid impressions", importers.Pinterest{},
			"Campaign name,Paid impressions,Spend in account currency,Impressions\nA,80,1.00,100\n", "1.00", 100},
		{"pinterest spend in account currency over spend", importers.Pinterest{},
			"Campaign name,Spend,Spend in account currency,Impressions\nA,2.00,1.00,100\n", "1.00", 100},
		{"x spend over billed charge", importers.XAds{},
			"Campaign,Billed charge,Spend,Impressions\nA,2.00,1.00,100\n", "1.00", 100},
		{"snapchat paid impressions over impressions", importers.Snapchat{},
			"Campaign Name,Impressions,Spend,Paid Impressions,Swipe Ups\nA,120,1.00,100,3\n", "1.00", 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := aliasImport(t, tc.im, tc.data, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 || recs[0].Spend.String() != tc.spend || recs[0].Impressions != tc.impressions {
				t.Errorf("records %+v, want spend %s and %d impressions", recs, tc.spend, tc.impressions)
			}
		})
	}
}

// TestAlias_Dates checks the date cells and what a row covers.
func TestAlias_Dates(t *testing.T) {
	oct := kpi.Month(2026, 10)
	tests := []struct {
		name string
		im   importers.Importer
		head string
		row  string
		day  time.Time
		span kpi.Period
		bad  bool
	}{
		{"iso", importers.Pinterest{}, "Date,Campaign name,Spend in account currency,Impressions", "2026-10-05,A,1.00,10", kpi.Day(2026, 10, 5), kpi.Period{}, false},
		{"long form", importers.Pinterest{}, "Date,Campaign name,Spend in account currency,Impressions", `"Oct 5, 2026",A,1.00,10`, kpi.Day(2026, 10, 5), kpi.Period{}, false},
		{"us slashes", importers.Pinterest{}, "Date,Campaign name,Spend in account currency,Impressions", "10/05/2026,A,1.00,10", time.Time{}, kpi.Period{}, true},
		{"european slashes", importers.Pinterest{}, "Date,Campaign name,Spend in account currency,Impressions", "05/10/2026,A,1.00,10", time.Time{}, kpi.Period{}, true},
		{"time period range", importers.XAds{}, "Time period,Campaign,Spend,Impressions,Billed engagements", "2026-10-01 - 2026-10-31,A,1.00,10,1", time.Time{}, oct, false},
		{"time period one day", importers.XAds{}, "Time period,Campaign,Spend,Impressions,Billed engagements", "2026-10-03 - 2026-10-03,A,1.00,10,1", kpi.Day(2026, 10, 3), kpi.Period{}, false},
		{"range reversed", importers.XAds{}, "Time period,Campaign,Spend,Impressions,Billed engagements", "2026-10-31 - 2026-10-01,A,1.00,10,1", time.Time{}, kpi.Period{}, true},
		{"hourly", importers.XAds{}, "Time,Campaign,Spend,Impressions,Billed engagements", "2026-10-03 17:00,A,1.00,10,1", kpi.Day(2026, 10, 3), kpi.Period{}, false},
		{"start end same day", importers.Snapchat{}, "Start Time,End Time,Campaign Name,Spend,Impressions,Swipe Ups", "2026-10-03 00:00:00,2026-10-03 23:59:59,A,1.00,10,1", kpi.Day(2026, 10, 3), kpi.Period{}, false},
		{"start end exclusive midnight", importers.Snapchat{}, "Start Time,End Time,Campaign Name,Spend,Impressions,Swipe Ups", "2026-10-03 00:00:00,2026-10-04 00:00:00,A,1.00,10,1", kpi.Day(2026, 10, 3), kpi.Period{}, false},
		{"start end month", importers.Snapchat{}, "Start Time,End Time,Campaign Name,Spend,Impressions,Swipe Ups", "2026-10-01 00:00:00,2026-10-31 23:59:59,A,1.00,10,1", time.Time{}, oct, false},
		{"end before start", importers.Snapchat{}, "Start Time,End Time,Campaign Name,Spend,Impressions,Swipe Ups", "2026-10-03 00:00:00,2026-10-02 00:00:00,A,1.00,10,1", time.Time{}, kpi.Period{}, true},
		{"start only", importers.Snapchat{}, "Start Time,Campaign Name,Spend,Impressions,Swipe Ups", "2026-10-03 00:00:00,A,1.00,10,1", time.Time{}, oct, false},
		{"no date", importers.Snapchat{}, "Campaign Name,Spend,Impressions,Swipe Ups", "A,1.00,10,1", time.Time{}, oct, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := aliasImport(t, tc.im, tc.head+"\n"+tc.row+"\n", importers.Options{Period: oct})
			if tc.bad {
				var pe *importers.ParseError
				if !errors.Is(err, importers.ErrBadDate) || !errors.As(err, &pe) || pe.Line != 2 {
					t.Fatalf("Import: err = %v, want a bad date on line 2", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("emitted %d records, want 1 (warnings %q)", len(recs), st.Warnings)
			}
			if r := recs[0]; !r.Day.Equal(tc.day) || r.Span != tc.span {
				t.Errorf("day %v span %s, want day %v span %s", r.Day, r.Span, tc.day, tc.span)
			}
		})
	}
}

// TestAlias_Totals checks which rows are totals rows: skipped, compared
// with the rows when there is one, never booked.
func TestAlias_Totals(t *testing.T) {
	head := "Date,Campaign name,Ad group name,Spend in account currency,Impressions"
	tests := []struct {
		name    string
		rows    []string
		used    int
		skipped int
		check   string
	}{
		{"total label", []string{"2026-10-01,A,G,1.00,10", ",Total,,1.00,10"}, 1, 1, kpi.CheckMatch},
		{"empty names", []string{"2026-10-01,A,G,1.00,10", ",,,1.00,10"}, 1, 1, kpi.CheckMatch},
		{"mismatch", []string{"2026-10-01,A,G,1.00,10", ",Total,,3.00,10"}, 1, 1, kpi.CheckMismatch},
		{"campaign named total with a date", []string{"2026-10-01,Total,G,1.00,10"}, 1, 0, kpi.CheckNone},
		{"two totals rows", []string{"2026-10-01,A,G,1.00,10", ",Total,,1.00,10", ",Total,,1.00,10"}, 1, 2, kpi.CheckNone},
		{"bad totals row is rejected, not skipped", []string{"2026-10-01,A,G,1.00,10", ",Total,,1;00,10"}, 1, 0, kpi.CheckNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, st, err := aliasImport(t, importers.Pinterest{}, head+"\n"+strings.Join(tc.rows, "\n")+"\n", importers.Options{SkipBadRows: true})
			if err != nil {
				t.Fatal(err)
			}
			if n := st.Used + len(st.Skipped) + len(st.Rejected); n != st.Rows {
				t.Errorf("rows %d, but used %d + skipped %d + rejected %d = %d", st.Rows, st.Used, len(st.Skipped), len(st.Rejected), n)
			}
			if st.Used != tc.used || len(st.Skipped) != tc.skipped || st.Check.Status != tc.check {
				t.Errorf("used %d, skipped %v, check %s; want %d, %d, %s", st.Used, st.Skipped, st.Check.Status, tc.used, tc.skipped, tc.check)
			}
		})
	}
}

// TestAlias_NotRead checks that ratio columns are recognised and never
// parsed, and that engagements are never made up from their parts.
func TestAlias_NotRead(t *testing.T) {
	data := "Date,Campaign name,Spend in account currency,Impressions,CTR,ROAS,Saves\n2026-10-01,A,1.00,10,n/a %,lots,3\n"
	recs, st, err := aliasImport(t, importers.Pinterest{}, data, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range st.Columns {
		if (c.Header == "CTR" || c.Header == "ROAS") && c.Field != "ignored:ratio" {
			t.Errorf("column %s maps to %q, want ignored:ratio", c.Header, c.Field)
		}
	}
	if len(st.Unmapped) != 0 {
		t.Errorf("unmapped %q, want none", st.Unmapped)
	}
	if len(recs) != 1 || recs[0].Saves != 3 || recs[0].Engagements != 0 || recs[0].Has&kpi.FEngagements != 0 {
		t.Errorf("record %+v, want 3 saves and engagements unknown", recs)
	}
}

// TestAlias_Currency checks the currency: a Currency column, a header
// suffix, or the input's configured one.
func TestAlias_Currency(t *testing.T) {
	tests := []struct {
		name string
		data string
		opts importers.Options
		want string
	}{
		{"column", "Campaign Name,Currency,Spend,Impressions,Swipe Ups\nA,usd,1.00,10,1\n", importers.Options{Currency: "EUR"}, "USD"},
		{"header suffix", "Campaign Name,Spend (GBP),Impressions,Swipe Ups\nA,1.00,10,1\n", importers.Options{Currency: "EUR"}, "GBP"},
		{"configured", "Campaign Name,Spend,Impressions,Swipe Ups\nA,1.00,10,1\n", importers.Options{Currency: "EUR"}, "EUR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := aliasImport(t, importers.Snapchat{}, tc.data, tc.opts)
			if err != nil || len(recs) != 1 || recs[0].Currency != tc.want {
				t.Errorf("records %+v, err %v; want one record in %s", recs, err, tc.want)
			}
		})
	}
}

// TestAlias_NoMarker checks that a file given its platform in roibook.yaml
// (detection skipped) imports without a marker column, and that one
// without a header fails naming the file.
func TestAlias_NoMarker(t *testing.T) {
	recs, _, err := aliasImport(t, importers.Pinterest{}, "Date,Campaign name,Spend,Impressions,Outbound clicks\n2026-10-01,A,1.00,10,2\n", importers.Options{})
	if err != nil || len(recs) != 1 || recs[0].LinkClicks != 2 {
		t.Errorf("records %+v, err %v; want one record with 2 link clicks", recs, err)
	}
	_, _, err = aliasImport(t, importers.XAds{}, "\n\n", importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) || !strings.HasPrefix(err.Error(), "export.csv: ") {
		t.Errorf("empty file: err = %v, want ErrMissingColumn naming export.csv", err)
	}
}
