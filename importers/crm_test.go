package importers_test

import (
	"errors"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzCRM(f *testing.F) {
	addFixtures(f, kpi.CRM)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.CRM{}, data) })
}

func crmImport(tb testing.TB, data string, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.CRM{}, "sales.csv", []byte(data), opts)
}

// TestCRM_Detect checks that CRM accepts its headers and neither a cost
// sheet nor another platform's export.
func TestCRM_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"all columns", "date,source,campaign,leads,customers_won,revenue,currency\n", true},
		{"leads only", "Date,Source,Leads\n", true},
		{"aliases", "Day,Source / medium,Deals won\n", true},
		{"sales", "date,channel,sales,revenue (EUR)\n", true},
		{"no source", "date,campaign,leads,revenue\n", false},
		{"no date", "source,leads,revenue\n", false},
		{"no metric", "date,source,campaign\n", false},
		{"cost sheet", "category,description,amount,currency,platform,date\n", false},
		{"cost sheet with CRM columns", "category,description,amount,date,source,revenue\n", false},
		{"ga4", "# Start date: 20261001\n# End date: 20261031\nSession source / medium,Sessions,Total revenue\n", false},
		{"meta", "Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Impressions,Leads\n", false},
		{"tiktok by day", "By Day,Campaign name,Cost,Impressions,Clicks (destination)\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("sales.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.CRM{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
	cost, err := importers.OpenBytes("costs.csv", []byte("category,description,amount,date,source,revenue\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d, err := importers.Detect(cost, importers.Detectors()); err != nil || d.Platform() != kpi.Costs {
		t.Errorf("Detect(cost sheet with a source column) = %v, %v; want costs", d, err)
	}
}

// TestCRM_Source checks every accepted form of the source cell.
func TestCRM_Source(t *testing.T) {
	tests := []struct {
		source string
		want   kpi.Platform
		ok     bool
	}{
		{"meta_ads", kpi.MetaAds, true},
		{"META_ADS", kpi.MetaAds, true},
		{" linkedin_page ", kpi.LinkedInPage, true},
		{"youtube", kpi.YouTube, true},
		{"social_paid", kpi.SocialPaid, true},
		{"facebook / paid", kpi.MetaAds, true},
		{"facebook/paid", kpi.MetaAds, true},
		{"l.facebook.com / referral", kpi.MetaPosts, true},
		{"google / cpc", kpi.GoogleAds, true},
		{"google / organic", "", true},
		{"(direct) / (none)", "", true},
		{"Paid Social", kpi.SocialPaid, true},
		{"organic social", kpi.SocialOrganic, true},
		{"", "", true},
		{"Facebook Ads", "", false},
		{"facebook", "", false},
		{"ga4", "", false},
		{"costs", "", false},
		{"facebook /", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			recs, _, err := crmImport(t, "date,source,leads\n2026-10-01,\""+tc.source+"\",1\n", importers.Options{})
			if !tc.ok {
				var pe *importers.ParseError
				if !errors.As(err, &pe) || pe.Line != 2 || pe.Header != "source" {
					t.Errorf("Import(source %q): err = %v, want a bad value in line 2, column source", tc.source, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 || recs[0].Channel != tc.want {
				t.Errorf("Import(source %q) = %+v, want channel %q", tc.source, recs, tc.want)
			}
		})
	}
}

// TestCRM_Currency checks the currency of a row: its cell, else the
// header's suffix, else opts.Currency; RequireCurrency without any fails.
func TestCRM_Currency(t *testing.T) {
	sheet := "date,source,customers_won,revenue,currency\n2026-10-01,meta_ads,1,99.90,USD\n2026-10-02,meta_ads,1,10,\n"
	recs, _, err := crmImport(t, sheet, importers.Options{Currency: "EUR", RequireCurrency: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Currency != "USD" || recs[1].Currency != "EUR" {
		t.Errorf("currencies %v; want USD, EUR", recs)
	}
	recs, _, err = crmImport(t, "date,source,revenue (GBP)\n2026-10-01,meta_ads,5\n", importers.Options{Currency: "EUR"})
	if err != nil || len(recs) != 1 || recs[0].Currency != "GBP" {
		t.Errorf("header suffix: %v, %+v; want GBP", err, recs)
	}
	_, _, err = crmImport(t, "date,source,revenue\n2026-10-01,meta_ads,5\n", importers.Options{RequireCurrency: true})
	if !errors.Is(err, importers.ErrNoCurrency) {
		t.Errorf("no currency: err = %v, want %v", err, importers.ErrNoCurrency)
	}
	_, _, err = crmImport(t, "date,source,revenue,currency\n2026-10-01,meta_ads,5,euro\n", importers.Options{})
	if err == nil || err.Error() != `sales.csv:2: column D "currency": got "euro", want a currency code such as USD or JPY` {
		t.Errorf("bad currency: err = %v", err)
	}
}

// TestCRM_Period checks that rows dated outside the report period are
// counted, not emitted.
func TestCRM_Period(t *testing.T) {
	sheet := "date,source,leads\n2026-09-30,meta_ads,1\n2026-10-01,meta_ads,2\n2026-10-31,meta_ads,3\n2026-11-01,meta_ads,4\n"
	recs, st, err := crmImport(t, sheet, importers.Options{Period: kpi.Month(2026, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || st.OutsidePeriod != 2 || st.Totals.Leads != 10*kpi.Micro {
		t.Errorf("emitted %d, outside %d, file leads %s; want 2, 2, 10", len(recs), st.OutsidePeriod, st.Totals.Leads)
	}
}

// TestCRM_MissingColumn checks that a header without a required column
// fails at once, naming the accepted names.
func TestCRM_MissingColumn(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"date,campaign,leads", `sales.csv:1: missing column: want source_medium (one of "source", "source / medium", "source/medium", "channel"); the header has: "date", "campaign", "leads"`},
		{"date,source,campaign", `sales.csv:1: missing column: want leads, customers_won or revenue; the header has: "date", "source", "campaign"`},
	}
	for _, tc := range tests {
		_, _, err := crmImport(t, tc.header+"\n2026-10-01,x,y\n", importers.Options{})
		if !errors.Is(err, importers.ErrMissingColumn) || err.Error() != tc.want {
			t.Errorf("Import(%q): err = %v\nwant %s", tc.header, err, tc.want)
		}
	}
}
