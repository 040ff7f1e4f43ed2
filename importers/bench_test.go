package importers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// benchRows is the size of the generated exports of BenchmarkImport.
const benchRows = 200_000

// benchExports generates, for a few importers, an export of benchRows
// data rows in its real layout: rows per day and campaign (or video, or
// source / medium) over October 2026.
func benchExports() map[string]struct {
	im   importers.Importer
	name string
	data []byte
} {
	day := func(i int) string { return fmt.Sprintf("2026-10-%02d", 1+i%31) }
	var ms, ga, yt strings.Builder
	ms.WriteString("\ufeff\"Report Name: Campaign performance\"\r\n\"Report Time: 10/1/2026,10/31/2026\"\r\n" +
		"\"Time Zone: (GMT+01:00) Amsterdam, Berlin\"\r\n\"Last Completed Available Day: 11/2/2026 9:20:00 AM (GMT)\"\r\n" +
		"\"Last Completed Available Hour: 11/2/2026 9:20:00 AM (GMT)\"\r\n\"Report Aggregation: Daily\"\r\n\"Report Filter: \"\r\n" +
		"\"Potential Incomplete Data: false\"\r\n" + fmt.Sprintf("\"Rows: %d\"\r\n\r\n", benchRows) +
		"\"GregorianDate\",\"AccountName\",\"CampaignName\",\"CurrencyCode\",\"Impressions\",\"Clicks\",\"Spend\",\"Conversions\",\"Revenue\"\r\n")
	ga.WriteString("# ----------------------------------------\n# Traffic acquisition: Session source / medium\n# Account: example.com\n" +
		"# Property: example.com\n# ----------------------------------------\n# \n# All Users\n# Start date: 20261001\n# End date: 20261031\n" +
		"Session source / medium,Date,Sessions,Engaged sessions,Engagement rate,Key events,Total revenue\n")
	yt.WriteString("Date,Content,Video title,Video publish time,Duration,Views\n")
	sources := []string{"facebook / paid_social", "l.facebook.com / referral", "lnkd.in / social", "google / cpc", "(direct) / (none)", "t.co / referral"}
	for i := range benchRows {
		fmt.Fprintf(&ms, "\"%s\",\"Northwind EU\",\"Campaign %d\",\"EUR\",\"%d\",\"%d\",\"%d.%02d\",\"%d\",\"%d.50\"\r\n",
			day(i), i/31, 1000+i%977, 10+i%53, 20+i%300, i%100, i%7, 10*(i%9))
		fmt.Fprintf(&ga, "%s %d,%s,%d,%d,0.5,%d,%d.25\n", sources[i%len(sources)], i/31, strings.ReplaceAll(day(i), "-", ""),
			40+i%97, 20+i%41, i%3, i%50)
		fmt.Fprintf(&yt, "%s,v%010d,Video %d,\"Oct 2, 2026\",58,%d\n", day(i), i/31, i/31, i%1500)
	}
	ms.WriteString("\r\n\"©2026 Microsoft Corporation. All rights reserved. \"\r\n")
	return map[string]struct {
		im   importers.Importer
		name string
		data []byte
	}{
		"microsoft_ads": {importers.Microsoft{}, "ms.csv", []byte(ms.String())},
		"ga4":           {importers.GA4{}, "ga4.csv", []byte(strings.TrimSuffix(ga.String(), "\n"))},
		"youtube":       {importers.YouTube{}, "Chart data.csv", []byte(yt.String())},
	}
}

// BenchmarkImport measures streaming imports of generated exports:
//
//	go test ./importers -run '^$' -bench Import -benchmem -benchtime 3x
func BenchmarkImport(b *testing.B) {
	for name, e := range benchExports() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(e.data)))
			for b.Loop() {
				in, err := importers.OpenBytes(e.name, e.data)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				st, err := e.im.Import(in, importers.Options{Currency: "EUR"}, func(kpi.Record) error { n++; return nil })
				if err != nil {
					b.Fatal(err)
				}
				if n != benchRows || st.Used != benchRows {
					b.Fatalf("%d records, %d rows used, want %d", n, st.Used, benchRows)
				}
			}
			b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
