package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzMicrosoft(f *testing.F) {
	addFixtures(f, kpi.MicrosoftAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.Microsoft{}, data) })
}

// msFooter is the copyright footer as the real files write it.
const msFooter = "©2026 Microsoft Corporation. All rights reserved. "

// msPreamble returns the quoted preamble lines of a report.
func msPreamble(reportTime, aggregation, rows string) []string {
	return []string{
		`"Report Name: Campaign performance"`,
		`"Report Time: ` + reportTime + `"`,
		`"Time Zone: (GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"`,
		`"Last Completed Available Day: 11/2/2026 9:20:00 AM (GMT)"`,
		`"Last Completed Available Hour: 11/2/2026 9:20:00 AM (GMT)"`,
		`"Report Aggregation: ` + aggregation + `"`,
		`"Report Filter: "`,
		`"Potential Incomplete Data: true"`,
		`"Rows: ` + rows + `"`,
	}
}

// msCSV builds a report as Microsoft writes it: UTF-8 BOM, CRLF, every
// field quoted (the preamble lines are passed quoted), a blank line after
// the preamble, a blank line and the footer after the rows.
func msCSV(preamble []string, header string, rows ...string) []byte {
	var lines []string
	if len(preamble) > 0 {
		lines = append(append(lines, preamble...), "")
	}
	lines = append(append(lines, msQuote(header)), msQuoteAll(rows)...)
	lines = append(lines, "", `"`+msFooter+`"`)
	return []byte("\ufeff" + strings.Join(lines, "\r\n") + "\r\n")
}

// msQuote quotes every comma-separated cell of a line (the cells of these
// tests hold no commas).
func msQuote(line string) string {
	return `"` + strings.ReplaceAll(line, ",", `","`) + `"`
}

func msQuoteAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = msQuote(l)
	}
	return out
}

const msHeader = "GregorianDate,CampaignName,CurrencyCode,Impressions,Clicks,Spend,Conversions,Revenue"

func msImport(tb testing.TB, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.Microsoft{}, "ms.csv", data, opts)
}

func hasWarning(st *kpi.FileStats, part string) bool {
	for _, w := range st.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// TestMicrosoft_Detect checks that Microsoft accepts its preamble, quoted or
// not, and a header-only report with a Microsoft column, and none of the
// other platforms' heads.
func TestMicrosoft_Detect(t *testing.T) {
	pre := strings.Join(msPreamble("10/1/2026,10/31/2026", "Daily", "1"), "\n")
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"quoted preamble", pre + "\n\n" + msQuote(msHeader) + "\n", true},
		{"preamble without header", pre + "\n", true},
		{"unquoted tab preamble", "Report Name: X\nReport Time: 10/1/2026,10/31/2026\nRows: 1\n\nGregorianDate\tCampaignName\tSpend\n2026-10-01\tA\t1.00\n", true},
		{"8-line UI preamble", "\"Report Name: Ad\"\n\"Report Time: 10/13/2026\"\n\"Time Zone: Various\"\n\"Report Aggregation: Hour\"\n\"Rows: 1\"\n\n\"Gregorian date\",\"Campaign name\",\"Spend\"\n", true},
		{"header only, API names", msQuote(msHeader) + "\n" + msQuote("2026-10-01,A,EUR,1,1,1.00,0,0") + "\n", true},
		{"header only, UI names", "\"Gregorian date\",\"Campaign name\",\"Impressions\",\"Spend\"\n\"2026-10-01\",\"A\",\"1\",\"1.00\"\n", true},
		{"header only, TimePeriod", "CampaignName,TimePeriod,Impressions,Clicks,Spend\nA,1/23/2019 12:00:00 AM|11,1,1,1.00\n", true},
		{"header only without marker", "Campaign name,Impressions,Clicks,Spend\nA,1,1,1.00\n", false},
		{"header only without spend", "GregorianDate,CampaignName,Clicks\n2026-10-01,A,1\n", false},
		{"one preamble-like line", "\"Report Name: X\"\n\nCampaign name,Spend\nA,1.00\n", false},
		{"google ads", "Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Clicks,Currency code,Cost\n", false},
		{"linkedin", "Campaign Performance Report (in UTC)\n\"Report Start: October 1, 2026, 12:00 AM\"\n\"Report End: October 31, 2026, 11:59 PM\"\n\nStart Date (in UTC),Campaign Name,Total Spent,Impressions\n", false},
		{"meta", "Campaign name,Impressions,Amount spent (EUR),Reporting starts,Reporting ends\nA,1,1.00,2026-10-01,2026-10-01\n", false},
		{"tiktok", "Campaign name,Primary status,Cost,Impressions,Clicks (destination)\nA,Active,1.00,1,1\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("ms.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.Microsoft{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestMicrosoft_Rows checks the "Rows: N" check: the footer is not a data
// row, a rejected row is one, and a count that differs fails the import
// even when bad rows are skipped.
func TestMicrosoft_Rows(t *testing.T) {
	row := "2026-10-01,A,EUR,100,5,2.50,1,10.00"
	bad := "2026-10-02,A,EUR,100,5,2.5.0,1,10.00"
	tests := []struct {
		name    string
		rowsVal string
		rows    []string
		skipBad bool
		wantErr string // "" for success
		warning string
	}{
		{"equal", "2", []string{row, row}, false, "", ""},
		{"grouped count", "1,000", nil, false, `the preamble says "Rows: 1000", but the file has 0 data rows`, ""},
		{"one missing", "3", []string{row, row}, false, `ms.csv:9: row count mismatch: the preamble says "Rows: 3", but the file has 2 data rows`, ""},
		{"one too many", "1", []string{row, row}, false, `the preamble says "Rows: 1", but the file has 2 data rows`, ""},
		{"zero", "0", nil, false, "", ""},
		{"rejected row counts", "2", []string{row, bad}, true, "", ""},
		{"mismatch with skipped bad rows", "3", []string{row, bad}, true, `the preamble says "Rows: 3", but the file has 2 data rows`, ""},
		{"not a number", "many", []string{row}, false, "", `"Rows: many" is not a row count`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := msCSV(msPreamble("10/1/2026,10/2/2026", "Daily", tc.rowsVal), msHeader, tc.rows...)
			_, st, err := msImport(t, data, importers.Options{SkipBadRows: tc.skipBad})
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, importers.ErrRowCount) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Import: err = %v, want ErrRowCount containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if n := len(st.Skipped); n != 1 || !strings.HasPrefix(st.Skipped[0].Reason, "copyright footer") {
				t.Errorf("skipped %v, want only the footer", st.Skipped)
			}
			if tc.warning != "" && !hasWarning(st, tc.warning) {
				t.Errorf("warnings %q, want one containing %q", st.Warnings, tc.warning)
			}
		})
	}
}

// TestMicrosoft_Footer checks which last lines are the copyright footer.
func TestMicrosoft_Footer(t *testing.T) {
	tests := []struct {
		line   string // as written in the file
		footer bool
	}{
		{`"©2019 Microsoft Corporation. All rights reserved. "`, true},
		{`"@2020 Microsoft Corporation. All rights reserved. "`, true},
		{`©2026 Microsoft Corporation. All rights reserved.`, true},
		{`"©2026 Microsoft Corporation. All rights reserved. ",""`, true},
		{`"2026-10-02","©2026 Microsoft Corporation. All rights reserved.","EUR","1","1","1.00","0","0"`, false},
		{`"Microsoft Corporation"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			data := "\ufeff" + strings.Join(msPreamble("10/1/2026,10/2/2026", "Daily", "1"), "\r\n") + "\r\n\r\n" +
				msQuote(msHeader) + "\r\n" + msQuote("2026-10-01,A,EUR,100,5,2.50,1,10.00") + "\r\n\r\n" + tc.line + "\r\n"
			_, st, err := msImport(t, []byte(data), importers.Options{SkipBadRows: true})
			if tc.footer {
				if err != nil || len(st.Skipped) != 1 || st.Used != 1 {
					t.Errorf("err %v, used %d, skipped %v; want the line skipped as the footer", err, st.Used, st.Skipped)
				}
				return
			}
			if len(st.Skipped) != 0 {
				t.Errorf("skipped %v, want no footer", st.Skipped)
			}
		})
	}
}

// TestMicrosoft_Dates checks the date cells and what a row covers under
// each aggregation.
func TestMicrosoft_Dates(t *testing.T) {
	oct := kpi.Month(2026, 10)
	tests := []struct {
		name        string
		reportTime  string
		aggregation string
		column      string
		value       string
		day         time.Time
		span        kpi.Period
		bad         bool
	}{
		{"iso", "10/1/2026,10/31/2026", "Daily", "GregorianDate", "2026-10-05", kpi.Day(2026, 10, 5), kpi.Period{}, false},
		{"us", "10/1/2026,10/31/2026", "Daily", "Gregorian date", "10/5/2026", kpi.Day(2026, 10, 5), kpi.Period{}, false},
		{"hourly time period", "10/5/2026", "Hourly", "TimePeriod", "10/5/2026 12:00:00 AM|23", kpi.Day(2026, 10, 5), kpi.Period{}, false},
		{"hour 24", "10/5/2026", "Hourly", "TimePeriod", "10/5/2026 12:00:00 AM|24", time.Time{}, kpi.Period{}, true},
		{"no hour after bar", "10/5/2026", "Hourly", "TimePeriod", "10/5/2026|", time.Time{}, kpi.Period{}, true},
		{"day first", "10/1/2026,10/31/2026", "Daily", "GregorianDate", "5.10.2026", time.Time{}, kpi.Period{}, true},
		{"weekly", "10/1/2026,10/31/2026", "Weekly", "TimePeriod", "2026-10-12", time.Time{}, kpi.Period{From: kpi.Day(2026, 10, 12), To: kpi.Day(2026, 10, 18)}, false},
		{"weekly clipped at start", "10/1/2026,10/31/2026", "WeeklyStartingMonday", "TimePeriod", "2026-09-28", time.Time{}, kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 4)}, false},
		{"monthly", "10/1/2026,10/31/2026", "Monthly", "TimePeriod", "2026-10-01", time.Time{}, oct, false},
		{"monthly clipped to one day", "10/1/2026,10/1/2026", "Monthly", "TimePeriod", "2026-10-01", kpi.Day(2026, 10, 1), kpi.Period{}, false},
		{"yearly", "10/1/2026,10/31/2026", "Yearly", "TimePeriod", "2026-01-01", time.Time{}, oct, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := msCSV(msPreamble(tc.reportTime, tc.aggregation, "1"), tc.column+",CampaignName,Spend", tc.value+",A,1.00")
			recs, st, err := msImport(t, data, importers.Options{})
			if tc.bad {
				if !errors.Is(err, importers.ErrBadDate) {
					t.Fatalf("Import: err = %v, want ErrBadDate", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 {
				t.Fatalf("emitted %d records, want 1 (stats %+v)", len(recs), st)
			}
			if r := recs[0]; !r.Day.Equal(tc.day) || r.Span != tc.span {
				t.Errorf("day %v span %s, want day %v span %s", r.Day, r.Span, tc.day, tc.span)
			}
		})
	}
}

// TestMicrosoft_ReportTime checks the preamble period and what rows without
// a date column cover.
func TestMicrosoft_ReportTime(t *testing.T) {
	part := kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 11)}
	tests := []struct {
		name       string
		reportTime string
		period     kpi.Period // stats
		span       kpi.Period // a summary row
		err        bool
	}{
		{"one day", "10/5/2026", kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 5)}, kpi.Period{From: kpi.Day(2026, 10, 5), To: kpi.Day(2026, 10, 5)}, false},
		{"comma range", "10/5/2026,10/11/2026", part, part, false},
		{"dash range", "10/5/2026 - 10/11/2026", part, part, false},
		{"iso", "2026-10-05", kpi.Period{}, kpi.Period{}, true},
		{"reversed", "10/11/2026,10/5/2026", kpi.Period{}, kpi.Period{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := msCSV(msPreamble(tc.reportTime, "Summary", "1"), "CampaignName,CurrencyCode,Spend", "A,EUR,1.00")
			recs, st, err := msImport(t, data, importers.Options{})
			if tc.err {
				var pe *importers.ParseError
				if !errors.As(err, &pe) || pe.Line != 2 || !errors.Is(err, importers.ErrBadDate) {
					t.Fatalf("Import: err = %v, want a bad date on line 2", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st.Period != tc.period {
				t.Errorf("period %s, want %s", st.Period, tc.period)
			}
			if len(recs) != 1 || recs[0].Span != tc.span || !recs[0].Day.IsZero() {
				t.Errorf("records %+v, want one covering %s", recs, tc.span)
			}
		})
	}

	// Without a preamble nor a date column, rows cover the report period.
	oct := kpi.Month(2026, 10)
	recs, st, err := msImport(t, msCSV(nil, "CampaignName,CurrencyCode,Spend", "A,EUR,1.00"), importers.Options{Period: oct})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Span != oct || !hasWarning(st, "every row is booked to the report period") {
		t.Errorf("records %+v, warnings %q; want one record over 2026-10 and a warning", recs, st.Warnings)
	}
}

// TestMicrosoft_Incomplete checks the warning for a report running past
// its last completed day.
func TestMicrosoft_Incomplete(t *testing.T) {
	tests := []struct {
		name     string
		flag     string
		last     string
		reportTo string
		warn     bool
	}{
		{"past the last completed day", "true", "10/30/2026 11:05:00 PM (GMT)", "10/31/2026", true},
		{"ends on the last completed day", "true", "10/31/2026 11:05:00 PM (GMT)", "10/31/2026", false},
		{"complete data", "false", "10/30/2026 11:05:00 PM (GMT)", "10/31/2026", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pre := msPreamble("10/1/2026,"+tc.reportTo, "Daily", "1")
			pre[3] = `"Last Completed Available Day: ` + tc.last + `"`
			pre[7] = `"Potential Incomplete Data: ` + tc.flag + `"`
			_, st, err := msImport(t, msCSV(pre, msHeader, "2026-10-01,A,EUR,100,5,2.50,1,10.00"), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hasWarning(st, "Potential Incomplete Data"); got != tc.warn {
				t.Errorf("warnings %q; want a Potential Incomplete Data warning: %v", st.Warnings, tc.warn)
			}
		})
	}
}

// TestMicrosoft_Currency checks that the currency comes from the
// CurrencyCode column, else from the input's configured currency.
func TestMicrosoft_Currency(t *testing.T) {
	withCode := msCSV(msPreamble("10/1/2026", "Daily", "1"), msHeader, "2026-10-01,A,usd,100,5,2.50,1,10.00")
	recs, _, err := msImport(t, withCode, importers.Options{Currency: "EUR"})
	if err != nil || len(recs) != 1 || recs[0].Currency != "USD" {
		t.Errorf("with CurrencyCode: %+v, %v; want one USD record", recs, err)
	}
	without := msCSV(msPreamble("10/1/2026", "Daily", "1"), "GregorianDate,CampaignName,Spend", "2026-10-01,A,2.50")
	recs, st, err := msImport(t, without, importers.Options{Currency: "EUR"})
	if err != nil || len(recs) != 1 || recs[0].Currency != "EUR" || !hasWarning(st, "amounts are taken as EUR") {
		t.Errorf("without CurrencyCode: %+v, %v, %q; want one EUR record and a warning", recs, err, st.Warnings)
	}
	_, _, err = msImport(t, without, importers.Options{RequireCurrency: true})
	if !errors.Is(err, importers.ErrNoCurrency) {
		t.Errorf("without any currency: err = %v, want ErrNoCurrency", err)
	}
}

// TestMicrosoft_SkipBadRows checks that the bad-value fixture imports with
// on_bad_rows: skip, rejecting only the bad line, and that its rows still
// match "Rows: 3".
func TestMicrosoft_SkipBadRows(t *testing.T) {
	in := mustOpen(t, "testdata/microsoft_ads/bad_spend.csv")
	var n int
	st, err := importers.Microsoft{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(st.Rejected) != 1 || st.Rejected[0].Line != 13 {
		t.Errorf("emitted %d, rejected %v; want 2 emitted and line 13 rejected", n, st.Rejected)
	}
}
