package importers_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtures returns the export fixtures of a platform's testdata directory.
func fixtures(tb testing.TB, platform kpi.Platform) []string {
	tb.Helper()
	var out []string
	for _, ext := range []string{"*.csv", "*.tsv", "*.xlsx", "*.txt"} {
		m, err := filepath.Glob(filepath.Join("testdata", string(platform), ext))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, m...)
	}
	// A legacy .xls fixture is expected to be refused by Open: its golden
	// is NAME.err.golden with the message (see openOrDump).
	xls, err := filepath.Glob(filepath.Join("testdata", string(platform), "*.xls"))
	if err != nil {
		tb.Fatal(err)
	}
	out = append(out, xls...)
	sort.Strings(out)
	return out
}

// TestImporters is the conformance test every importer passes: it has
// fixtures, only it detects them, and each import equals its golden
// (records and stats, or the error text).
func TestImporters(t *testing.T) {
	for _, im := range importers.All() {
		t.Run(string(im.Platform()), func(t *testing.T) {
			files := fixtures(t, im.Platform())
			if len(files) == 0 {
				t.Fatalf("no fixtures in testdata/%s", im.Platform())
			}
			for _, file := range files {
				t.Run(filepath.Base(file), func(t *testing.T) {
					if filepath.Ext(file) == ".xls" {
						checkGolden(t, file, openErrDump(t, file))
						return
					}
					in := mustOpen(t, file)
					d, err := importers.Detect(in, importers.Detectors())
					if err != nil {
						t.Fatalf("Detect(%s): %v", file, err)
					}
					if d.Platform() != im.Platform() {
						t.Fatalf("Detect(%s) = %s, want %s", file, d.Platform(), im.Platform())
					}
					got := importDump(t, im, in, importers.Options{})
					checkGolden(t, file, got)
				})
			}
		})
	}
}

// importBytes opens data as name and imports it with im, returning the
// records emitted, the stats and the error.
func importBytes(tb testing.TB, im importers.Importer, name string, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	in, err := importers.OpenBytes(name, data)
	if err != nil {
		tb.Fatalf("OpenBytes(%s): %v", name, err)
	}
	var recs []kpi.Record
	st, err := im.Import(in, opts, func(r kpi.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

// sheetGoldens runs the golden test of a sheet roibook reads with its own
// method (cost, invoice and rates sheets): each fixture of platform's
// testdata folder is detected as platform, and dump's rendering of it
// equals its golden.
func sheetGoldens(t *testing.T, platform kpi.Platform, dump func(tb testing.TB, in *importers.Input) string) {
	t.Helper()
	files := fixtures(t, platform)
	if len(files) == 0 {
		t.Fatalf("no fixtures in testdata/%s", platform)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			in := mustOpen(t, file)
			d, err := importers.Detect(in, importers.Detectors())
			if err != nil {
				t.Fatalf("Detect(%s): %v", file, err)
			}
			if d.Platform() != platform {
				t.Fatalf("Detect(%s) = %s, want %s", file, d.Platform(), platform)
			}
			checkGolden(t, file, dump(t, in))
		})
	}
}

func mustOpen(tb testing.TB, file string) *importers.Input {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := importers.OpenBytes(filepath.Base(file), data)
	if err != nil {
		tb.Fatalf("OpenBytes(%s): %v", file, err)
	}
	return in
}

// openErrDump opens a fixture that Open must refuse (a legacy .xls) and
// renders the error as an error golden holds it.
func openErrDump(tb testing.TB, file string) string {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := importers.OpenBytes(filepath.Base(file), data); err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	tb.Errorf("OpenBytes(%s) accepted a file it must refuse", file)
	return ""
}

// importDump imports in and renders the records and stats (or the error)
// as the text kept in goldens.
func importDump(tb testing.TB, im importers.Importer, in *importers.Input, opts importers.Options) string {
	tb.Helper()
	var b strings.Builder
	var recs []kpi.Record
	st, err := im.Import(in, opts, func(r kpi.Record) error {
		if err := r.Validate(); err != nil && !(r.Day.IsZero() && r.Span.IsZero()) {
			tb.Errorf("%s: emitted an invalid record: %v", r.Source, err)
		}
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected) != st.Rows {
		tb.Errorf("rows not accounted for: rows=%d used=%d outside=%d skipped=%d rejected=%d",
			st.Rows, st.Used, st.OutsidePeriod, len(st.Skipped), len(st.Rejected))
	}
	b.WriteString("# line\tday\taccount\tcampaign\tad_set\tad\tcurrency\tspend\tmetrics\n")
	for _, r := range recs {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Source.Line, dayOf(r), r.Account,
			r.Campaign, r.AdSet, r.Ad, r.Currency, r.Spend, metrics(r))
	}
	fmt.Fprintf(&b, "## stats\nplatform=%s level=%s format=%s encoding=%s delimiter=%q currency=%s period=%s\n",
		st.Platform, st.Level, st.Format, st.Encoding, st.Delimiter, st.Currency, st.Period)
	fmt.Fprintf(&b, "rows=%d used=%d outside_period=%d aggregates=%d\n", st.Rows, st.Used, st.OutsidePeriod, st.Aggregates)
	for _, c := range st.Columns {
		fmt.Fprintf(&b, "column\t%s\t%s\t%s\n", c.Letter, c.Header, c.Field)
	}
	for _, n := range st.Skipped {
		fmt.Fprintf(&b, "skipped\t%d\t%s\n", n.Line, n.Reason)
	}
	for _, n := range st.Rejected {
		fmt.Fprintf(&b, "rejected\t%d\t%s\n", n.Line, n.Reason)
	}
	fmt.Fprintf(&b, "totals\tspend=%s\t%s\n", st.Totals.Spend, totalsMetrics(st.Totals))
	if st.PlatformTotals != nil {
		fmt.Fprintf(&b, "platform_totals\tspend=%s\t%s\n", st.PlatformTotals.Spend, totalsMetrics(*st.PlatformTotals))
	}
	fmt.Fprintf(&b, "check=%s line=%d\n", st.Check.Status, st.Check.Line)
	for _, d := range st.Check.Diffs {
		fmt.Fprintf(&b, "diff\t%s\n", d)
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(&b, "warning\t%s\n", w)
	}
	return b.String()
}

func dayOf(r kpi.Record) string {
	if !r.Day.IsZero() {
		return r.Day.Format(time.DateOnly)
	}
	if !r.Span.IsZero() {
		return "span:" + r.Span.From.Format(time.DateOnly) + ".." + r.Span.To.Format(time.DateOnly)
	}
	return "undated"
}

func metrics(r kpi.Record) string {
	var t kpi.Totals
	t.Add(&r)
	s := totalsMetrics(t)
	if r.ConversionValue != 0 {
		s += " value=" + r.ConversionValue.String()
	}
	if r.Revenue != 0 {
		s += " revenue=" + r.Revenue.String()
	}
	if r.Channel != "" {
		s += " channel=" + string(r.Channel)
	}
	if r.Post != "" || r.PostLink != "" {
		s += fmt.Sprintf(" post=%q link=%q", r.Post, r.PostLink)
	}
	if !r.Published.IsZero() {
		s += " published=" + r.Published.Format("2006-01-02T15:04")
	}
	if r.Lifetime {
		s += " lifetime"
	}
	return strings.TrimSpace(s)
}

// totalsMetrics lists the non-zero metrics of t as name=value.
func totalsMetrics(t kpi.Totals) string {
	var parts []string
	add := func(name string, v int64) {
		if v != 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", name, v))
		}
	}
	addQ := func(name string, v kpi.Qty) {
		if v != 0 {
			parts = append(parts, name+"="+v.String())
		}
	}
	add("impressions", t.Impressions)
	if t.ReachKnown {
		parts = append(parts, fmt.Sprintf("reach=%d", t.Reach))
	}
	add("clicks", t.Clicks)
	add("link_clicks", t.LinkClicks)
	add("engagements", t.Engagements)
	add("reactions", t.Reactions)
	add("comments", t.Comments)
	add("shares", t.Shares)
	add("saves", t.Saves)
	add("video_views", t.VideoViews)
	add("follows", t.Follows)
	add("landing_page_views", t.LandingPageViews)
	addQ("leads", t.Leads)
	addQ("conversions", t.Conversions)
	addQ("purchases", t.Purchases)
	addQ("adds_to_cart", t.AddsToCart)
	addQ("checkouts", t.Checkouts)
	add("posts", t.Posts)
	if t.FollowersKnown {
		parts = append(parts, fmt.Sprintf("followers=%d", t.Followers))
	}
	if t.WatchHours != 0 {
		parts = append(parts, "watch_hours="+kpi.Money(t.WatchHours).String())
	}
	add("sessions", t.Sessions)
	add("engaged_sessions", t.EngagedSessions)
	addQ("key_events", t.KeyEvents)
	addQ("customers", t.Customers)
	if t.Records > 1 && t.Revenue != 0 {
		parts = append(parts, "revenue="+t.Revenue.String())
	}
	if t.Records > 1 && t.ConversionValue != 0 {
		parts = append(parts, "value="+t.ConversionValue.String())
	}
	return strings.Join(parts, " ")
}

// checkGolden compares got with file's golden: NAME.golden, or
// NAME.err.golden when got is an error. -update rewrites it.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	base := strings.TrimSuffix(file, filepath.Ext(file))
	golden, other := base+".golden", base+".err.golden"
	if strings.HasPrefix(got, "error:\n") {
		golden, other = other, golden
	}
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(other)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		if _, err2 := os.Stat(other); err2 == nil {
			t.Fatalf("import of %s gave\n%s\nbut the golden is %s", file, got, other)
		}
		t.Fatalf("no golden for %s (run go test ./importers -update): %v", file, err)
	}
	if got != string(want) {
		t.Errorf("import of %s differs from %s\n--- got\n%s\n--- want\n%s", file, golden, got, want)
	}
}

// addFixtures seeds a fuzz target with a platform's fixtures.
func addFixtures(f *testing.F, platform kpi.Platform) {
	for _, file := range fixtures(f, platform) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fuzzImport is the body of every importer's fuzz target: no panic, errors
// name the file, emitted records are valid, every row is accounted for.
func fuzzImport(t *testing.T, im importers.Importer, data []byte) {
	in, err := importers.OpenBytes("fuzz.csv", data)
	if err != nil {
		return
	}
	if !im.Detect(in) {
		return
	}
	opts := importers.Options{Period: kpi.Month(2026, 10), SkipBadRows: true, Currency: "USD"}
	st, err := im.Import(in, opts, func(r kpi.Record) error {
		if err := r.Validate(); err != nil {
			t.Fatalf("emitted an invalid record: %v", err)
		}
		return nil
	})
	if err != nil {
		if !strings.HasPrefix(err.Error(), "fuzz.csv") {
			t.Fatalf("error does not name the file: %v", err)
		}
		var pe *importers.ParseError
		if errors.As(err, &pe) && pe.Line <= 0 {
			t.Fatalf("error without a line: %v", err)
		}
		return
	}
	if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected) != st.Rows {
		t.Fatalf("rows not accounted for: %+v", st)
	}
}
