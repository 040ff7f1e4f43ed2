package importers_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzLinkedIn(f *testing.F) {
	addFixtures(f, kpi.LinkedInAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.LinkedIn{}, data) })
}

// linkedinUTF16 encodes lines as LinkedIn writes them: UTF-16LE with BOM, LF.
func linkedinUTF16(lines ...string) []byte {
	u := utf16.Encode([]rune(strings.Join(lines, "\n") + "\n"))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

func mustOpenLinkedIn(tb testing.TB, name string, data []byte) *importers.Input {
	tb.Helper()
	in, err := importers.OpenBytes(name, data)
	if err != nil {
		tb.Fatalf("OpenBytes(%s): %v", name, err)
	}
	return in
}

// TestLinkedInReportPeriod checks the preamble's date parser, en and nl,
// through the period an import reports.
func TestLinkedInReportPeriod(t *testing.T) {
	const (
		enHeader = "Start Date (in UTC)\tAccount Name\tCurrency\tCampaign Name\tTotal Spent\tImpressions"
		nlHeader = "Begindatum (in UTC)\tAccountnaam\tValuta\tCampagnenaam\tTotaal besteed\tWeergaven"
	)
	tests := []struct {
		name     string
		preamble []string
		header   string
		want     kpi.Period
		wantErr  string // a part of the error, "" for none
	}{
		{
			name: "en month",
			preamble: []string{"Ad Performance Report (in UTC)", `"Report Start: October 1, 2026, 12:00 AM"`,
				`"Report End: October 31, 2026, 11:59 PM"`, `"Date Generated: November 2, 2026, 9:14 AM"`},
			header: enHeader,
			want:   kpi.Month(2026, 10),
		},
		{
			name: "en campaign report, part of a month",
			preamble: []string{"Campaign Performance Report (in UTC)", `"Report Start: October 5, 2026, 12:00 AM"`,
				`"Report End: October 18, 2026, 11:59 PM"`, `"Date Generated: October 19, 2026, 12:40 PM"`},
			header: enHeader,
			want:   kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 18)},
		},
		{
			name: "en ad set report, one day, no preamble quotes",
			preamble: []string{"Ad Set Performance Report (in UTC)", "Report Start: October 9, 2026 12:00 AM",
				"Report End: October 9, 2026 11:59 PM", "Date Generated: October 9, 2026 1:02 PM"},
			header: enHeader,
			want:   kpi.Period{From: kpi.Day(2026, 10, 9), To: kpi.Day(2026, 10, 9)},
		},
		{
			name: "en across a year end",
			preamble: []string{"Ad Performance Report (in UTC)", `"Report Start: December 29, 2026, 12:00 AM"`,
				`"Report End: January 4, 2027, 11:59 PM"`, `"Date Generated: January 5, 2027, 8:00 AM"`},
			header: enHeader,
			want:   kpi.Period{From: kpi.Day(2026, 12, 29), To: kpi.Day(2027, 1, 4)},
		},
		{
			name: "nl month",
			preamble: []string{"Rapport met advertentieprestaties (in UTC)", "Begindatum van rapport: 1 oktober 2026 00:00",
				"Einddatum van rapport: 31 oktober 2026 23:59", "Datum aangemaakt: 2 november 2026 09:14"},
			header: nlHeader,
			want:   kpi.Month(2026, 10),
		},
		{
			name: "nl one day, month in capitals",
			preamble: []string{"Rapport met advertentieprestaties (in UTC)", "Begindatum van rapport: 23 September 2026 00:00",
				"Einddatum van rapport: 23 September 2026 23:59", "Datum aangemaakt: 23 september 2026 07:06"},
			header: nlHeader,
			want:   kpi.Period{From: kpi.Day(2026, 9, 23), To: kpi.Day(2026, 9, 23)},
		},
		{
			name: "nl maart and mei",
			preamble: []string{"Rapport met advertentieprestaties (in UTC)", "Begindatum van rapport: 30 maart 2026 00:00",
				"Einddatum van rapport: 3 mei 2026 23:59", "Datum aangemaakt: 4 mei 2026 10:00"},
			header: nlHeader,
			want:   kpi.Period{From: kpi.Day(2026, 3, 30), To: kpi.Day(2026, 5, 3)},
		},
		{
			name: "en empty export",
			preamble: []string{"Ad Performance Report (in UTC)", `"Report Start: October 1, 2026, 12:00 AM"`,
				`"Report End: October 31, 2026, 11:59 PM"`, `"Date Generated: November 2, 2026, 9:14 AM"`},
			want: kpi.Month(2026, 10),
		},
		{
			name: "nl empty export",
			preamble: []string{"Rapport met advertentieprestaties (in UTC)", "Begindatum van rapport: 1 oktober 2026 00:00",
				"Einddatum van rapport: 31 oktober 2026 23:59", "Datum aangemaakt: 2 november 2026 09:14"},
			want: kpi.Month(2026, 10),
		},
		{
			name: "en French month",
			preamble: []string{"Ad Performance Report (in UTC)", `"Report Start: Octobre 1, 2026, 12:00 AM"`,
				`"Report End: October 31, 2026, 11:59 PM"`, `"Date Generated: November 2, 2026, 9:14 AM"`},
			header:  enHeader,
			wantErr: `t.csv:2: got "Report Start: Octobre 1, 2026, 12:00 AM", want a date like "Report Start: October 1, 2026, 12:00 AM"`,
		},
		{
			name: "nl 31 september",
			preamble: []string{"Rapport met advertentieprestaties (in UTC)", "Begindatum van rapport: 1 september 2026 00:00",
				"Einddatum van rapport: 31 september 2026 23:59", "Datum aangemaakt: 2 oktober 2026 09:14"},
			header:  nlHeader,
			wantErr: `t.csv:3: got "Einddatum van rapport: 31 september 2026 23:59", want a date like "Einddatum van rapport: 1 oktober 2026 00:00"`,
		},
		{
			name: "end before start",
			preamble: []string{"Ad Performance Report (in UTC)", `"Report Start: October 31, 2026, 12:00 AM"`,
				`"Report End: October 1, 2026, 11:59 PM"`, `"Date Generated: November 2, 2026, 9:14 AM"`},
			header:  enHeader,
			wantErr: "t.csv:3: a report end (2026-10-01) not before the report start (2026-10-31)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := append(append([]string(nil), tc.preamble...), "")
			if tc.header != "" {
				lines = append(lines, tc.header)
			}
			in := mustOpenLinkedIn(t, "t.csv", linkedinUTF16(lines...))
			if !(importers.LinkedIn{}).Detect(in) {
				t.Fatalf("Detect(%q) = false, want true", tc.preamble[0])
			}
			st, err := importers.LinkedIn{}.Import(in, importers.Options{}, func(kpi.Record) error { return nil })
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Import() error = %v, want %s", err, tc.wantErr)
				}
				if !errors.Is(err, importers.ErrBadDate) {
					t.Errorf("Import() error = %v, want ErrBadDate", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import() error = %v", err)
			}
			if st.Period != tc.want {
				t.Errorf("Import().Period = %s, want %s", st.Period, tc.want)
			}
		})
	}
}

// TestLinkedInDetectOthers checks that the heads of other platforms' exports
// are not taken for LinkedIn.
func TestLinkedInDetectOthers(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"meta ads reporting", []byte("\ufeff\"Campaign name\",\"Reporting starts\",\"Reporting ends\",\"Amount spent (EUR)\",Impressions\nA,2026-10-01,2026-10-01,1.00,10\n")},
		{"google ads", linkedinUTF16("Campaign report", "\"October 1, 2026 - October 31, 2026\"", "Day\tCampaign\tCurrency code\tCost\tImpr.\tClicks", "2026-10-01\tA\tEUR\t1.00\t10\t1")},
		{"tiktok", []byte("Campaign name,Primary status,Cost,Impressions,Clicks (destination),Currency\nA,Active,1.00,10,1,USD\n")},
		{"ga4", []byte("# ----------------------------------------\n# Traffic acquisition\n# Start date: 20261001\n# End date: 20261031\nSession source / medium,Sessions\ngoogle / cpc,10\n")},
		{"title without report lines", linkedinUTF16("Some Report (in UTC)", "Date\tCost\tImpressions", "2026-10-01\t1.00\t10")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := mustOpenLinkedIn(t, "t.csv", tc.data)
			if (importers.LinkedIn{}).Detect(in) {
				t.Errorf("Detect(%s) = true, want false", tc.name)
			}
		})
	}
}

// TestLinkedInHeaderOnly checks an export whose preamble was cut off: it
// is still detected from its header, read, and warned about.
func TestLinkedInHeaderOnly(t *testing.T) {
	in := mustOpenLinkedIn(t, "t.csv", linkedinUTF16(
		"Start Date (in UTC)\tAccount Name\tCurrency\tCampaign Name\tTotal Spent\tImpressions",
		"10/1/2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27.78\t1497",
		"10/2/2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27.22\t1718"))
	if !(importers.LinkedIn{}).Detect(in) {
		t.Fatal("Detect() = false, want true")
	}
	var days []string
	st, err := importers.LinkedIn{}.Import(in, importers.Options{}, func(r kpi.Record) error {
		days = append(days, r.Day.Format("2006-01-02"))
		return nil
	})
	if err != nil {
		t.Fatalf("Import() error = %v", err)
	}
	if got, want := strings.Join(days, " "), "2026-10-01 2026-10-02"; got != want {
		t.Errorf("Import() days = %s, want %s", got, want)
	}
	if !st.Period.IsZero() || len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "no preamble") {
		t.Errorf("Import() period = %q, warnings = %q, want no period and a no-preamble warning", st.Period, st.Warnings)
	}
}

// TestLinkedInAggregatePeriod checks where the rows of an export without a
// daily breakdown go for report periods that do and do not cover the
// export's period.
func TestLinkedInAggregatePeriod(t *testing.T) {
	tests := []struct {
		period       kpi.Period
		used, out    int
		wantPartWarn bool
	}{
		{kpi.Month(2026, 10), 3, 0, false},
		{kpi.Period{From: kpi.Day(2026, 9, 1), To: kpi.Day(2026, 12, 31)}, 3, 0, false},
		{kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 15)}, 0, 3, true},
		{kpi.Month(2026, 11), 0, 3, false},
	}
	for _, tc := range tests {
		t.Run(tc.period.String(), func(t *testing.T) {
			in := mustOpen(t, "testdata/linkedin_ads/aggregate_no_breakdown.csv")
			st, err := importers.LinkedIn{}.Import(in, importers.Options{Period: tc.period}, func(r kpi.Record) error {
				if !r.Day.IsZero() || r.Span != kpi.Month(2026, 10) {
					t.Errorf("emitted day %v span %s, want an aggregate over 2026-10", r.Day, r.Span)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("Import() error = %v", err)
			}
			if st.Used != tc.used || st.OutsidePeriod != tc.out || st.Aggregates != tc.used {
				t.Errorf("Import() used=%d outside=%d aggregates=%d, want %d, %d, %d", st.Used, st.OutsidePeriod, st.Aggregates, tc.used, tc.out, tc.used)
			}
			part := false
			for _, w := range st.Warnings {
				part = part || strings.Contains(w, "only partly inside") || strings.Contains(w, "partly outside")
			}
			if part != tc.wantPartWarn {
				t.Errorf("Import() warnings = %q, want a partly-inside warning: %v", st.Warnings, tc.wantPartWarn)
			}
		})
	}
}

// TestLinkedInSkipBadRows checks that a row with a bad value but a date
// after the report start still shows the file is daily, and that every row
// is accounted for.
func TestLinkedInSkipBadRows(t *testing.T) {
	const header = "Start Date (in UTC)\tAccount Name\tCurrency\tCampaign Name\tTotal Spent\tImpressions"
	preamble := []string{"Campaign Performance Report (in UTC)", `"Report Start: October 1, 2026, 12:00 AM"`,
		`"Report End: October 31, 2026, 11:59 PM"`, `"Date Generated: November 2, 2026, 9:14 AM"`, "", header}
	tests := []struct {
		name       string
		data       []byte
		rows, used int
		aggregates int
		rejected   []int // lines
	}{
		{"bad spend fixture", mustReadLinkedIn(t, "testdata/linkedin_ads/bad_spend.csv"), 4, 3, 0, []int{9}},
		{"only later row bad", linkedinUTF16(append(preamble,
			"10/1/2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27.78\t1497",
			"10/1/2026\tKeystone Ledger B.V.\tEUR\tBrand - Finance Leaders\t14.05\t2210",
			"10/2/2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27,22\t1718")...), 3, 2, 0, []int{9}},
		{"bad date stays undecided", linkedinUTF16(append(preamble,
			"10/1/2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27.78\t1497",
			"2-10-2026\tKeystone Ledger B.V.\tEUR\tQ4 Demand Gen - EMEA\t27.22\t1718")...), 2, 1, 1, []int{8}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := mustOpenLinkedIn(t, "t.csv", tc.data)
			st, err := importers.LinkedIn{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { return nil })
			if err != nil {
				t.Fatalf("Import() error = %v", err)
			}
			var rejected []int
			for _, n := range st.Rejected {
				rejected = append(rejected, n.Line)
			}
			if st.Rows != tc.rows || st.Used != tc.used || st.Aggregates != tc.aggregates || fmt.Sprint(rejected) != fmt.Sprint(tc.rejected) {
				t.Errorf("Import() rows=%d used=%d aggregates=%d rejected=%v, want %d, %d, %d, %v",
					st.Rows, st.Used, st.Aggregates, rejected, tc.rows, tc.used, tc.aggregates, tc.rejected)
			}
		})
	}
}

func mustReadLinkedIn(tb testing.TB, file string) []byte {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
