package importers_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzGoogleAds(f *testing.F) {
	addFixtures(f, kpi.GoogleAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.GoogleAds{}, data) })
}

// googleReport builds a small Google Ads CSV download around a date-range
// line (as written in the file, quotes included) and data rows.
func googleReport(rangeLine string, rows ...string) []byte {
	lines := append([]string{"Campaign report", rangeLine,
		"Campaign status,Campaign,Campaign type,Impr.,Clicks,Currency code,Cost,Conversions"}, rows...)
	return []byte(strings.Join(lines, "\n") + "\n")
}

func googleOpen(tb testing.TB, name string, data []byte) *importers.Input {
	tb.Helper()
	in, err := importers.OpenBytes(name, data)
	if err != nil {
		tb.Fatalf("OpenBytes(%s): %v", name, err)
	}
	return in
}

// googleImport imports data and returns the records and stats.
func googleImport(tb testing.TB, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	in := googleOpen(tb, "report.csv", data)
	var recs []kpi.Record
	st, err := importers.GoogleAds{}.Import(in, opts, func(r kpi.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

// TestGoogleAds_DateRange checks the parser of the date-range line (line
// 2) through the file's stated period.
func TestGoogleAds_DateRange(t *testing.T) {
	oct := kpi.Month(2026, 10)
	tests := []struct {
		name, line string
		want       kpi.Period
		ok         bool // the line is a date range (or "All time")
	}{
		{"us quoted", `"October 1, 2026 - October 31, 2026"`, oct, true},
		{"us split by commas", `October 1, 2026 - October 31, 2026`, oct, true},
		{"us abbreviated", `"Oct 1, 2026 - Oct 31, 2026"`, oct, true},
		{"us across years", `"December 15, 2025 - January 14, 2026"`,
			kpi.Period{From: kpi.Day(2025, 12, 15), To: kpi.Day(2026, 1, 14)}, true},
		{"en-GB", `1 October 2026 - 31 October 2026`, oct, true},
		{"en-GB part of month", `5 October 2026 - 18 October 2026`,
			kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 18)}, true},
		{"en-GB trailing cells", `1 October 2026 - 31 October 2026,,,`, oct, true},
		{"ja", `2026年10月1日 - 2026年10月31日`, oct, true},
		{"ja no spaces", `2026年10月1日-2026年10月31日`, oct, true},
		{"en dash", `"October 1, 2026 – October 31, 2026"`, oct, true},
		{"single day", `"October 5, 2026"`, kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 5)}, true},
		{"all time", `All time`, kpi.Period{}, true},
		{"all time ja", `全期間`, kpi.Period{}, true},
		{"reversed", `"October 31, 2026 - October 1, 2026"`, kpi.Period{}, false},
		{"bad day", `"October 32, 2026 - October 31, 2026"`, kpi.Period{}, false},
		{"iso", `2026-10-01 - 2026-10-31`, kpi.Period{}, false},
		{"text", `Last 30 days`, kpi.Period{}, false},
		{"empty line", `""`, kpi.Period{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := googleReport(tc.line, "Enabled,Brand,Search,100,10,USD,5.00,1.00")
			in := googleOpen(t, "report.csv", data)
			if got := (importers.GoogleAds{}).Detect(in); got != tc.ok {
				t.Fatalf("Detect with line 2 %s = %v, want %v", tc.line, got, tc.ok)
			}
			_, st, err := googleImport(t, data, importers.Options{})
			if !tc.ok {
				if err == nil {
					t.Fatalf("Import with line 2 %s: no error", tc.line)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import with line 2 %s: %v", tc.line, err)
			}
			if !st.Period.From.Equal(tc.want.From) || !st.Period.To.Equal(tc.want.To) {
				t.Errorf("Import with line 2 %s: period %s, want %s", tc.line, st.Period, tc.want)
			}
		})
	}
}

func TestGoogleAds_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"campaign report", string(googleReport(`"October 1, 2026 - October 31, 2026"`)), true},
		{"blank line before header", "Campaign report\n\"October 1, 2026 - October 31, 2026\"\n\nCampaign,Impr.,Cost\n", true},
		{"ja", "キャンペーンのパフォーマンス\n2026年10月1日 - 2026年10月31日\nキャンペーン,表示回数,費用\n", true},
		{"no title", "\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Cost\nBrand,10,1.00\n", false},
		{"no cost", "Campaign report\nAll time\nCampaign,Impr.,Clicks\n", false},
		{"no campaign", "Account report\nAll time\nAccount,Impr.,Cost\n", false},
		{"meta", "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (USD)\n2026-10-01,2026-10-31,Brand,100,5.00\n", false},
		{"tiktok", "キャンペーン名,コスト,インプレッション,クリック（誘導先）\n秋,100,1000,10\n", false},
		{"linkedin", "\"Campaign Performance Report (in UTC)\"\n\"Report Start: 10/1/2026, 12:00 AM\"\n\"Report End: 10/31/2026, 11:59 PM\"\n\"Date Generated: 11/1/2026\"\n\nCampaign Name,Impressions,Clicks,Total Spent\n", false},
		{"ga4", "# ----------------------------------------\n# Traffic acquisition\n# Start date: 20261001\nSession source,Sessions\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := googleOpen(t, "report.csv", []byte(tc.data))
			if got := (importers.GoogleAds{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

func TestGoogleAds_MissingCost(t *testing.T) {
	data := "Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Clicks,Cost / conv.\nBrand,100,10,1.00\n"
	_, _, err := googleImport(t, []byte(data), importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) {
		t.Fatalf("Import without Cost: err = %v, want ErrMissingColumn", err)
	}
	want := `report.csv:3: missing column "Cost"; header has: Campaign, Impr., Clicks, Cost / conv.`
	if err.Error() != want {
		t.Errorf("Import without Cost: err = %q, want %q", err, want)
	}
}

func TestGoogleAds_NotAReport(t *testing.T) {
	_, _, err := googleImport(t, []byte("Campaign,Impr.,Cost\nBrand,100,1.00\n"), importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) || !strings.HasPrefix(err.Error(), "report.csv: ") {
		t.Errorf("Import of a file without preamble: err = %v, want report.csv: ... ErrMissingColumn", err)
	}
}

// TestGoogleAds_Span checks what period a row without a Day column covers.
func TestGoogleAds_Span(t *testing.T) {
	oct := kpi.Month(2026, 10)
	row := "Enabled,Brand,Search,100,10,USD,5.00,1.00"
	tests := []struct {
		name      string
		rangeLine string
		opts      importers.Options
		want      kpi.Period
		outside   int
	}{
		{"range", `"October 1, 2026 - October 31, 2026"`, importers.Options{}, oct, 0},
		{"range inside period", `"October 1, 2026 - October 31, 2026"`, importers.Options{Period: oct}, oct, 0},
		{"range outside period", `"September 1, 2026 - September 30, 2026"`, importers.Options{Period: oct}, kpi.Month(2026, 9), 1},
		{"all time", `All time`, importers.Options{}, kpi.Period{}, 0},
		{"all time with period", `All time`, importers.Options{Period: oct}, oct, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var spans []kpi.Period
			in := googleOpen(t, "report.csv", googleReport(tc.rangeLine, row))
			st, err := importers.GoogleAds{}.Import(in, tc.opts, func(r kpi.Record) error {
				if !r.Day.IsZero() {
					t.Errorf("record has day %v, want none", r.Day)
				}
				spans = append(spans, r.Span)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if st.OutsidePeriod != tc.outside {
				t.Errorf("outside period = %d, want %d", st.OutsidePeriod, tc.outside)
			}
			if tc.outside > 0 {
				return
			}
			if len(spans) != 1 || spans[0] != tc.want {
				t.Errorf("spans = %v, want [%s]", spans, tc.want)
			}
		})
	}
}

// TestGoogleAds_Totals checks which rows are footers and which footer is
// compared with the rows.
func TestGoogleAds_Totals(t *testing.T) {
	const rng = `"October 1, 2026 - October 31, 2026"`
	tests := []struct {
		name     string
		rows     []string
		used     int
		skipped  int
		check    string
		checkRow int
	}{
		{"campaigns total", []string{
			"Enabled,A,Search,100,10,USD,5.00,1.00",
			"Total: Campaigns, --, --,100,10,USD,5.00,1.00",
			"Total: Account,,,150,12,USD,7.00,1.00",
		}, 1, 2, kpi.CheckMatch, 5},
		{"account total only is not compared", []string{
			"Enabled,A,Search,100,10,USD,5.00,1.00",
			"Total: Account,,,150,12,USD,7.00,1.00",
		}, 1, 1, kpi.CheckNone, 0},
		{"campaigns total after a subtotal", []string{
			"Enabled,A,Search,100,10,USD,5.00,1.00",
			"Enabled,B,Display,50,1,USD,1.00,0.00",
			"Total: Search,,Search,100,10,USD,5.00,1.00",
			"Total: Campaigns, --, --,150,11,USD,6.00,1.00",
		}, 2, 2, kpi.CheckMatch, 7},
		{"localized labels", []string{
			"Enabled,A,Search,100,10,USD,5.00,1.00",
			"Total : campagnes, --, --,100,10,USD,5.00,1.00",
			"合計: アカウント,,,100,10,USD,5.00,1.00",
		}, 1, 2, kpi.CheckMatch, 5},
		{"campaign named Total is data", []string{
			"Total Recall - Search,A,Search,100,10,USD,5.00,1.00",
			"Totally Local,B,Search,100,10,USD,5.00,1.00",
			"Total: Campaigns, --, --,200,20,USD,10.00,2.00",
		}, 2, 1, kpi.CheckMatch, 6},
		{"mismatch", []string{
			"Enabled,A,Search,100,10,USD,5.00,1.00",
			"Total: Campaigns, --, --,101,10,USD,5.00,1.00",
		}, 1, 1, kpi.CheckMismatch, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, st, err := googleImport(t, googleReport(rng, tc.rows...), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if st.Used != tc.used || len(st.Skipped) != tc.skipped {
				t.Errorf("used %d, skipped %v; want %d used, %d skipped", st.Used, st.Skipped, tc.used, tc.skipped)
			}
			if st.Check.Status != tc.check || st.Check.Line != tc.checkRow {
				t.Errorf("check %s at line %d, want %s at line %d", st.Check.Status, st.Check.Line, tc.check, tc.checkRow)
			}
		})
	}
}

func TestGoogleAds_Currency(t *testing.T) {
	data := []byte("Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Cost\nBrand,100,5.00\n")
	recs, st, err := googleImport(t, data, importers.Options{Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Currency != "EUR" {
		t.Errorf("records %+v, want one in EUR", recs)
	}
	if len(st.Warnings) == 0 || !strings.Contains(st.Warnings[0], "states no currency") {
		t.Errorf("warnings %q, want one saying the export states no currency", st.Warnings)
	}
	_, _, err = googleImport(t, data, importers.Options{RequireCurrency: true})
	if !errors.Is(err, importers.ErrNoCurrency) {
		t.Errorf("Import with RequireCurrency: err = %v, want ErrNoCurrency", err)
	}
}

func TestGoogleAds_SkipBadRows(t *testing.T) {
	in := mustOpen(t, "testdata/google_ads/bad_cost.csv")
	var n int
	st, err := importers.GoogleAds{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(st.Rejected) != 1 || st.Rejected[0].Line != 5 {
		t.Errorf("emitted %d, rejected %v; want 1 emitted and line 5 rejected", n, st.Rejected)
	}
}

// TestGoogleAds_CampaignNamedTotal: every footer Google writes has a colon
// ("Total: Campaigns"); a campaign named "TOTAL" in the first column is data.
func TestGoogleAds_CampaignNamedTotal(t *testing.T) {
	data := []byte("Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Currency code,Impr.,Clicks,Cost\n" +
		"Brand,USD,100,10,100.00\nTOTAL,USD,200,20,200.00\nTotal: Campaigns,USD,300,30,300.00\n")
	recs, st, err := googleImport(t, data, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Campaign != "TOTAL" || st.Check.Status != kpi.CheckMatch {
		t.Errorf("records %d (second %q), check %s; want the TOTAL campaign booked and the footer matching", len(recs), recs[len(recs)-1].Campaign, st.Check.Status)
	}
}
