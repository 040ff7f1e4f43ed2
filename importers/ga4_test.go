package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzGA4(f *testing.F) {
	addFixtures(f, kpi.GA4)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.GA4{}, data) })
}

// ga4Rule is the dashed line that opens and closes a GA4 preamble.
const ga4Rule = "# ----------------------------------------"

// ga4CSV builds a standard report: its 9-line preamble, the header and
// rows, LF and no final newline, as GA4 writes it.
func ga4CSV(start, end, header string, rows ...string) []byte {
	lines := []string{ga4Rule, "# Traffic acquisition: Session source / medium", "# Account: example.com",
		"# Property: example.com", ga4Rule, "# ", "# All Users", "# Start date: " + start, "# End date: " + end, header}
	return []byte(strings.Join(append(lines, rows...), "\n"))
}

const ga4Header = "Session source / medium,Sessions,Engaged sessions,Engagement rate,Key events,Total revenue"

func ga4Import(tb testing.TB, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	in, err := importers.OpenBytes("ga4.csv", data)
	if err != nil {
		tb.Fatalf("OpenBytes(ga4.csv): %v", err)
	}
	var recs []kpi.Record
	st, err := importers.GA4{}.Import(in, opts, func(r kpi.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

// TestGA4_Detect checks that GA4 accepts its preambles, counted rather
// than assumed to be 9 lines, and no other platform's head.
func TestGA4_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"standard", string(ga4CSV("20261001", "20261031", ga4Header, "(direct) / (none),1,1,1,0,0")), true},
		{"short preamble", "# Traffic acquisition\n# Start date: 20261001\n# End date: 20261031\n" + ga4Header + "\n", true},
		{"exploration", ga4Rule + "\n# example.com – GA4\n# Free form 1\n# 20261001-20261031\n" + ga4Rule + "\n\n" + ga4Header + "\n", true},
		{"events table", "# Events: Event name\n# Start date: 20261001\n# End date: 20261031\nEvent name,Event count,Total users\npage_view,10,3\n", true},
		{"snapshot", ga4Rule + "\n# Report CSV Export\n" + ga4Rule + "\n#  \n# Start date: 20261001\n# End date: 20261031\nNth day,Users\n0000,4\n", true},
		{"bad date still GA4", "# Start date: 2026-10-01\n# End date: 20261031\n" + ga4Header + "\n", true},
		{"no date line", ga4Rule + "\n# Traffic acquisition\n" + ga4Rule + "\n" + ga4Header + "\n", false},
		{"no preamble", ga4Header + "\n(direct) / (none),1,1,1,0,0\n", false},
		{"no GA4 metric", "# Start date: 20261001\n# End date: 20261031\nSource,Clicks,Cost\nx,1,2\n", false},
		{"data row after preamble", "# Start date: 20261001\n# End date: 20261031\n(direct) / (none),1,1\n", false},
		{"hash without space", "#hashtag / social,Sessions\n# Start date: 20261001\n" + ga4Header + "\n", false},
		{"google ads", "Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Clicks,Cost\n", false},
		{"crm sheet", "date,source,leads,customers_won,revenue\n2026-10-01,meta_ads,1,0,0\n", false},
		{"cost sheet", "category,description,amount\nstaff,x,1\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("ga4.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.GA4{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestGA4_Currency checks that GA4 revenue takes opts.Currency, and that
// RequireCurrency without one fails with ErrNoCurrency, unless the export
// has no money column.
func TestGA4_Currency(t *testing.T) {
	data := ga4CSV("20261001", "20261031", ga4Header, "facebook / paid,40,18,0.45,2,45.20", "(direct) / (none),10,5,0.5,0,0")
	recs, st, err := ga4Import(t, data, importers.Options{Currency: "EUR", RequireCurrency: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Currency != "EUR" || recs[0].Revenue != 45_200_000 || st.Currency != "EUR" {
		t.Errorf("records %+v, stats currency %q; want 2 records in EUR, revenue 45.20", recs, st.Currency)
	}
	_, _, err = ga4Import(t, data, importers.Options{RequireCurrency: true})
	if !errors.Is(err, importers.ErrNoCurrency) || !strings.HasPrefix(err.Error(), "ga4.csv: ") {
		t.Errorf("Import without currency: err = %v, want ga4.csv: ... %v", err, importers.ErrNoCurrency)
	}
	noMoney := ga4CSV("20261001", "20261031", "Session source / medium,Sessions,Key events", "ig / social,3,0")
	recs, _, err = ga4Import(t, noMoney, importers.Options{RequireCurrency: true})
	if err != nil || len(recs) != 1 || recs[0].Currency != "" {
		t.Errorf("Import without a revenue column: %v, %+v; want one record without currency", err, recs)
	}
}

// TestGA4_Period checks which rows a report period keeps: a row covering
// the preamble's period only when the period covers it, a Date row by day.
func TestGA4_Period(t *testing.T) {
	oct := importers.Options{Period: kpi.Month(2026, 10)}
	tests := []struct {
		name    string
		data    []byte
		used    int
		outside int
		span    kpi.Period
		day     time.Time
	}{
		{"month inside", ga4CSV("20261001", "20261031", ga4Header, "ig / social,3,1,0.3,0,0"), 1, 0, kpi.Month(2026, 10), time.Time{}},
		{"part of month", ga4CSV("20261005", "20261018", ga4Header, "ig / social,3,1,0.3,0,0"), 1, 0,
			kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 18)}, time.Time{}},
		{"90 days", ga4CSV("20260801", "20261031", ga4Header, "ig / social,3,1,0.3,0,0"), 0, 1, kpi.Period{}, time.Time{}},
		{"date column", ga4CSV("20260901", "20261031", "Session source / medium,Date,Sessions",
			"ig / social,20260930,3", "ig / social,20261001,4"), 1, 1, kpi.Period{}, kpi.Day(2026, 10, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := ga4Import(t, tc.data, oct)
			if err != nil {
				t.Fatal(err)
			}
			if st.Used != tc.used || st.OutsidePeriod != tc.outside {
				t.Fatalf("used %d, outside %d; want %d, %d", st.Used, st.OutsidePeriod, tc.used, tc.outside)
			}
			if tc.used > 0 && (recs[0].Span != tc.span || !recs[0].Day.Equal(tc.day)) {
				t.Errorf("record span %s day %v, want span %s day %v", recs[0].Span, recs[0].Day, tc.span, tc.day)
			}
		})
	}
}

// TestGA4_ChannelRules checks that Options.ChannelRules come before the
// defaults.
func TestGA4_ChannelRules(t *testing.T) {
	data := ga4CSV("20261001", "20261031", ga4Header, "facebook / social,3,1,0.3,0,0", "newsletter / email,2,1,0.5,0,0")
	opts := importers.Options{ChannelRules: []importers.ChannelRule{
		{Source: "facebook", Medium: "social", Platform: kpi.MetaAds},
		{Source: "newsletter", Platform: kpi.LinkedInPage},
	}}
	recs, _, err := ga4Import(t, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Channel != kpi.MetaAds || recs[1].Channel != kpi.LinkedInPage {
		t.Errorf("channels %v; want meta_ads, linkedin_page", recs)
	}
	recs, _, _ = ga4Import(t, data, importers.Options{})
	if recs[0].Channel != kpi.MetaPosts || recs[1].Channel != "" {
		t.Errorf("default channels %q, %q; want meta_posts, \"\"", recs[0].Channel, recs[1].Channel)
	}
}

// TestGA4_Preamble checks the preamble errors: each names the file and
// the line.
func TestGA4_Preamble(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"truncated in the preamble", ga4Rule + "\n# Traffic acquisition: Session source / medium\n# Account: example.com\n# Property: example.com\n" + ga4Rule + "\n# \n# All Users\n# Start date: 20261001",
			`ga4.csv:1: a header after the "#" lines; the file ends before it (truncated file?)`},
		{"trailing preamble", "# Start date: 20261001\n# End date: 20261031\n" + ga4Header + "\nig / social,3,1,0.3,0,0\n\n# Start date: 20261001\n",
			`ga4.csv:6: a header after the "#" lines; the file ends before it (truncated file?)`},
		{"no end date", "# Start date: 20261001\n" + ga4Header + "\nig / social,3,1,0.3,0,0",
			`ga4.csv:1: both "# Start date:" and "# End date:" lines above the table`},
		{"end before start", "# Start date: 20261031\n# End date: 20261001\n" + ga4Header + "\nig / social,3,1,0.3,0,0",
			"ga4.csv:2: an end date (2026-10-01) not before the start date (2026-10-31)"},
		{"comparison", "# Start date: 20261001\n# End date: 20261031\n# Start date: 20260901\n# End date: 20260930\n" + ga4Header + "\nig / social,3,1,0.3,0,0",
			"ga4.csv:3: a second date range above one table (the first is on line 1): export without a comparison"},
		{"bad exploration range", "# 20261001-20261331\n" + ga4Header + "\nig / social,3,1,0.3,0,0",
			`ga4.csv:1: got "# 20261001-20261331", want a date range like "# 20261001-20261031"`},
		{"bad date cell", "# Start date: 20261001\n# End date: 20261031\nSession source / medium,Date,Sessions\nig / social,2026-10-01,3",
			`ga4.csv:4: column B "Date": got "2026-10-01", want a date like 20261031`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ga4Import(t, []byte(tc.data), importers.Options{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("Import: err = %v, want %s", err, tc.want)
			}
		})
	}
}

// TestGA4_Tables checks a second table that follows a blank line without
// a preamble of its own, and a table without sessions, key events or
// revenue.
func TestGA4_Tables(t *testing.T) {
	data := "# Start date: 20261001\n# End date: 20261031\n" +
		"First user primary channel group (Default Channel Group),New users\nDirect,5\n\n" +
		"Session source / medium,Sessions\nig / social,3"
	recs, st, err := ga4Import(t, []byte(data), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Campaign != "ig / social" || recs[0].Span != kpi.Month(2026, 10) {
		t.Fatalf("records %+v; want ig / social over October 2026", recs)
	}
	want := `table "First user primary channel group (Default Channel Group)" (line 3) has no sessions, key events or revenue`
	if len(st.Skipped) != 1 || st.Skipped[0].Line != 4 || st.Skipped[0].Reason != want {
		t.Errorf("skipped %v; want line 4: %s", st.Skipped, want)
	}
}

// TestGA4_SkipBadRows checks that the error fixtures import with
// on_bad_rows: skip, rejecting only the bad line.
func TestGA4_SkipBadRows(t *testing.T) {
	tests := []struct {
		file     string
		emitted  int
		rejected int // line
	}{
		{"testdata/ga4/bad_revenue.csv", 2, 12},
		{"testdata/ga4/truncated.csv", 2, 13},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, tc.file)
			var n int
			st, err := importers.GA4{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.emitted || len(st.Rejected) != 1 || st.Rejected[0].Line != tc.rejected {
				t.Errorf("emitted %d, rejected %v; want %d emitted and line %d rejected", n, st.Rejected, tc.emitted, tc.rejected)
			}
		})
	}
}
