package importers_test

import (
	"path/filepath"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// TestTimeZone checks the time zone each export states its days in: the
// LinkedIn header's "(in UTC)", the Microsoft preamble's "Time Zone:"
// line; "" where the export does not say (Meta, Google Ads).
func TestTimeZone(t *testing.T) {
	for _, tc := range []struct {
		im   importers.Importer
		file string
		want string
	}{
		{importers.LinkedIn{}, "linkedin_ads/daily_breakdown.csv", "UTC"},
		{importers.Microsoft{}, "microsoft_ads/api_daily_campaign.csv", "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"},
		{importers.Microsoft{}, "microsoft_ads/ui_reports_page.csv", "Various"},
		{importers.Meta{}, "meta_ads/bom_ads_reporting.csv", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, filepath.Join("testdata", tc.file))
			st, err := tc.im.Import(in, importers.Options{}, func(r kpi.Record) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			if st.TimeZone != tc.want {
				t.Errorf("TimeZone = %q, want %q", st.TimeZone, tc.want)
			}
		})
	}
}
