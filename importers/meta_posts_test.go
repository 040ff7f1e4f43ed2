package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzMetaPosts(f *testing.F) {
	addFixtures(f, kpi.MetaPosts)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.MetaPosts{}, data) })
}

// igHeader is the Instagram post export header (export-formats.md §7.1).
const igHeader = "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves"

// igRow is an Instagram row with the given publish time, permalink,
// description and Date cell.
func igRow(published, permalink, description, date string) string {
	return "1804,1784,kaza.ceramics,Kaza Ceramics," + description + ",0," + published + "," + permalink + ",IG image,," + date + ",100,80,10,1,2,3,4"
}

func metaPostsImport(tb testing.TB, name string, data []byte, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.MetaPosts{}, name, data, opts)
}

// utf16 encodes s as UTF-16LE, with a BOM when bom is set.
func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// TestMetaPosts_Detect checks the post and page exports against the other
// platforms' heads.
func TestMetaPosts_Detect(t *testing.T) {
	page := "sep=,\n\"Facebook follows\"\n\"Date\",\"Primary\"\n\"2026-10-01T00:00:00\",\"20\"\n"
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"instagram", []byte(igHeader + "\n"), true},
		{"facebook", []byte("\ufeffPost ID,Page ID,Page name,Title,Publish time,Permalink,Date,Views,Reach\n"), true},
		{"page utf-16", utf16LE(page, true), true},
		{"page utf-16 without BOM", utf16LE(page, false), true},
		{"page utf-8 without sep line", []byte(strings.TrimPrefix(page, "sep=,\n")), true},
		{"page without title", []byte("sep=,\n\"Date\",\"Primary\"\n\"2026-10-01T00:00:00\",\"20\"\n"), false},
		{"page with more columns", []byte("sep=,\n\"Earnings\"\n\"Date\",\"Primary\",\"stars\"\n"), false},
		{"no publish time", []byte("Post ID,Page ID,Page name,Views\n"), false},
		{"no page or account id", []byte("Post ID,Publish time,Views\n"), false},
		{"meta ads", []byte("Reporting starts,Reporting ends,Campaign name,Page ID,Impressions,Amount spent (USD)\n"), false},
		{"tiktok", []byte("Campaign name,Primary status,Cost,Impressions,Clicks (destination)\n"), false},
		{"linkedin page followers", []byte("Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers\n"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("x.csv", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.MetaPosts{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestMetaPosts_PublishTime checks the day and time a post is booked to,
// and the refusal of day-first and other shapes.
func TestMetaPosts_PublishTime(t *testing.T) {
	tests := []struct {
		value string
		want  time.Time // zero: refused
	}{
		{"10/06/2026 12:30", time.Date(2026, 10, 6, 12, 30, 0, 0, time.UTC)},
		{"10/31/2026 23:59", time.Date(2026, 10, 31, 23, 59, 0, 0, time.UTC)},
		{"9/28/2026 18:12", time.Date(2026, 9, 28, 18, 12, 0, 0, time.UTC)},
		{" 10/06/2026 00:00 ", time.Date(2026, 10, 6, 0, 0, 0, 0, time.UTC)},
		{"28/09/2026 18:12", time.Time{}},
		{"2026-10-06 12:30", time.Time{}},
		{"10/06/2026", time.Time{}},
		{"10/06/2026 6:30 PM", time.Time{}},
		{"", time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			data := []byte(igHeader + "\n" + igRow(tc.value, "https://www.instagram.com/p/x/", "Tiles", "Lifetime") + "\n")
			recs, _, err := metaPostsImport(t, "ig.csv", data, importers.Options{})
			if tc.want.IsZero() {
				if !errors.Is(err, importers.ErrBadDate) || !strings.Contains(err.Error(), "MM/DD/YYYY HH:MM") {
					t.Errorf("Import(%q): err = %v, want a bad date asking for MM/DD/YYYY HH:MM", tc.value, err)
				}
				return
			}
			if err != nil || len(recs) != 1 {
				t.Fatalf("Import(%q): %d records, err %v", tc.value, len(recs), err)
			}
			r := recs[0]
			day := time.Date(tc.want.Year(), tc.want.Month(), tc.want.Day(), 0, 0, 0, 0, time.UTC)
			if !r.Published.Equal(tc.want) || !r.Day.Equal(day) {
				t.Errorf("published %v day %v, want %v and %v", r.Published, r.Day, tc.want, day)
			}
		})
	}
}

// TestMetaPosts_Post checks Post (title, else the first line of the
// description, at most 80 characters) and PostLink (permalink, else id).
func TestMetaPosts_Post(t *testing.T) {
	long := strings.Repeat("é", 100)
	tests := []struct {
		name, title, description, permalink string
		post, link                          string
	}{
		{"title", "Autumn glazes", "Caption", "https://fb/p/1", "Autumn glazes", "https://fb/p/1"},
		{"description when no title", "", "\"Line one\nline two\"", "https://fb/p/1", "Line one", "https://fb/p/1"},
		{"blank first lines", "", "\"\n  \n  Spaced   out  \nnext\"", "https://fb/p/1", "Spaced out", "https://fb/p/1"},
		{"post id when no permalink", "Tiles", "", "", "Tiles", "1220001"},
		{"cut at 80", long, "", "https://fb/p/1", strings.Repeat("é", 79) + "…", "https://fb/p/1"},
		{"80 kept whole", strings.Repeat("a", 80), "", "https://fb/p/1", strings.Repeat("a", 80), "https://fb/p/1"},
		{"nothing", "", "", "", "", "1220001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := "Post ID,Page ID,Page name,Title,Description,Publish time,Permalink,Date,Views,Reach\n" +
				"1220001,6157,Kaza Ceramics," + tc.title + "," + tc.description + ",10/02/2026 09:15," + tc.permalink + ",Lifetime,10,5\n"
			recs, _, err := metaPostsImport(t, "fb.csv", []byte(data), importers.Options{})
			if err != nil || len(recs) != 1 {
				t.Fatalf("Import: %d records, err %v", len(recs), err)
			}
			if r := recs[0]; r.Post != tc.post || r.PostLink != tc.link {
				t.Errorf("post %q link %q, want %q and %q", r.Post, r.PostLink, tc.post, tc.link)
			}
		})
	}
}

// TestMetaPosts_WatchHours checks Seconds viewed booked as hours.
func TestMetaPosts_WatchHours(t *testing.T) {
	tests := []struct {
		seconds string
		want    kpi.Qty
		err     bool
	}{
		{"3600", kpi.Micro, false},
		{"5400", 3 * kpi.Micro / 2, false},
		{"93617", 26_004_722, false}, // 26.0047222…
		{"1", 278, false},            // 277.8 micro-hours
		{"0.0018", 1, false},         // half a micro-hour rounds up
		{"0.0017", 0, false},
		{"", 0, false},
		{"1,234", 342_778, false}, // 342.7778 milli-hours
		{"-5", 0, true},
		{"12s", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.seconds, func(t *testing.T) {
			data := "Post ID,Page ID,Publish time,Date,Views,Seconds viewed\n1,2,10/02/2026 09:15,Lifetime,10,\"" + tc.seconds + "\"\n"
			recs, _, err := metaPostsImport(t, "fb.csv", []byte(data), importers.Options{})
			if tc.err {
				if !errors.Is(err, importers.ErrBadNumber) {
					t.Errorf("Seconds viewed %q: err = %v, want a bad number", tc.seconds, err)
				}
				return
			}
			if err != nil || len(recs) != 1 {
				t.Fatalf("Import: %d records, err %v", len(recs), err)
			}
			if r := recs[0]; r.WatchHours != tc.want || r.Has&kpi.FWatchTime == 0 {
				t.Errorf("Seconds viewed %q: watch hours %s (has %v), want %s", tc.seconds, r.WatchHours, r.Has&kpi.FWatchTime != 0, tc.want)
			}
		})
	}
}

// TestMetaPosts_Lifetime checks the Date cell, the Lifetime flag and the
// one warning per file.
func TestMetaPosts_Lifetime(t *testing.T) {
	rows := []string{igRow("10/06/2026 12:30", "p1", "A", "Lifetime"), igRow("10/07/2026 12:30", "p2", "B", "lifetime"), igRow("10/08/2026 12:30", "p3", "C", "")}
	recs, st, err := metaPostsImport(t, "ig.csv", []byte(igHeader+"\n"+strings.Join(rows, "\n")+"\n"), importers.Options{})
	if err != nil || len(recs) != 3 {
		t.Fatalf("Import: %d records, err %v", len(recs), err)
	}
	for _, r := range recs {
		if !r.Lifetime || r.Posts != 1 || r.Has&kpi.FPosts == 0 {
			t.Errorf("line %d: lifetime %v posts %d, want a lifetime post", r.Source.Line, r.Lifetime, r.Posts)
		}
	}
	n := 0
	for _, w := range st.Warnings {
		if strings.Contains(w, "lifetime totals") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("warnings %q, want one about lifetime totals", st.Warnings)
	}
	_, _, err = metaPostsImport(t, "ig.csv", []byte(igHeader+"\n"+igRow("10/06/2026 12:30", "p", "A", "2026-10-06")+"\n"), importers.Options{})
	if err == nil || !strings.Contains(err.Error(), `want "Lifetime"`) {
		t.Errorf("a dated row: err = %v, want a Lifetime error", err)
	}
}

// TestMetaPosts_Period checks that a post is in the period of its publish
// day, whatever its metrics.
func TestMetaPosts_Period(t *testing.T) {
	rows := []string{igRow("09/30/2026 23:59", "p1", "A", "Lifetime"), igRow("10/01/2026 00:00", "p2", "B", "Lifetime"), igRow("10/31/2026 23:59", "p3", "C", "Lifetime"), igRow("11/01/2026 00:00", "p4", "D", "Lifetime")}
	recs, st, err := metaPostsImport(t, "ig.csv", []byte(igHeader+"\n"+strings.Join(rows, "\n")+"\n"), importers.Options{Period: kpi.Month(2026, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].PostLink != "p2" || recs[1].PostLink != "p3" || st.OutsidePeriod != 2 {
		t.Errorf("emitted %d, outside %d; want p2 and p3 in October, 2 outside", len(recs), st.OutsidePeriod)
	}
}

// TestMetaPosts_Page checks the page-level daily exports: the title picks
// the field, rows are days, reach is kept per day.
func TestMetaPosts_Page(t *testing.T) {
	page := func(title, value string) []byte {
		return utf16LE("sep=,\n\""+title+"\"\n\"Date\",\"Primary\"\n\"2026-10-01T00:00:00\",\""+value+"\"\n\"2026-10-02T00:00:00\",\"5\"\n", true)
	}
	tests := []struct {
		title string
		check func(r kpi.Record) bool
		has   kpi.Fields
	}{
		{"Facebook follows", func(r kpi.Record) bool { return r.Follows == 20 }, kpi.FFollows},
		{"Instagram follows", func(r kpi.Record) bool { return r.Follows == 20 }, kpi.FFollows},
		{"Views", func(r kpi.Record) bool { return r.Impressions == 20 }, kpi.FImpressions},
		{"Viewers", func(r kpi.Record) bool { return r.Reach == 20 && r.ReachKnown }, kpi.FReach},
		{"facebook page reach", func(r kpi.Record) bool { return r.Reach == 20 && r.ReachKnown }, kpi.FReach},
		{"Facebook visits", func(r kpi.Record) bool { return r.Clicks == 20 && r.LinkClicks == 0 }, kpi.FClicks},
		{"Facebook link clicks", func(r kpi.Record) bool { return r.LinkClicks == 20 && r.Clicks == 0 }, kpi.FLinkClicks},
		{"Content interactions", func(r kpi.Record) bool { return r.Engagements == 20 }, kpi.FEngagements},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			recs, st, err := metaPostsImport(t, "page.csv", page(tc.title, "20"), importers.Options{})
			if err != nil || len(recs) != 2 {
				t.Fatalf("Import: %d records, err %v", len(recs), err)
			}
			r := recs[0]
			if !tc.check(r) || r.Has != tc.has || !r.Day.Equal(kpi.Day(2026, 10, 1)) || r.Source.Line != 4 {
				t.Errorf("record %+v, want %s = 20 on 2026-10-01 (line 4), has %b", r, tc.title, tc.has)
			}
			if tc.has == kpi.FReach && st.Totals.ReachKnown {
				t.Errorf("daily reach summed: totals %+v", st.Totals)
			}
		})
	}
	_, _, err := metaPostsImport(t, "page.csv", page("Facebook follows", "2,0"), importers.Options{})
	if !errors.Is(err, importers.ErrBadNumber) {
		t.Errorf("bad value: err = %v, want a bad number", err)
	}
	_, _, err = metaPostsImport(t, "page.csv", page("Earnings", "1"), importers.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "page.csv:2: ") || !strings.Contains(err.Error(), `"Facebook follows"`) {
		t.Errorf("unknown title: err = %v, want the title line and the titles roibook reads", err)
	}
}

// TestMetaPosts_SkipBadRows checks that the error fixtures import with
// on_bad_rows: skip, rejecting only the bad line.
func TestMetaPosts_SkipBadRows(t *testing.T) {
	tests := []struct {
		file     string
		emitted  int
		rejected int // line
	}{
		{"testdata/meta_posts/bad_publish_time.csv", 1, 4},
		{"testdata/meta_posts/truncated_row.csv", 1, 3},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, tc.file)
			var n int
			st, err := importers.MetaPosts{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.emitted || len(st.Rejected) != 1 || st.Rejected[0].Line != tc.rejected {
				t.Errorf("emitted %d, rejected %v; want %d emitted and line %d rejected", n, st.Rejected, tc.emitted, tc.rejected)
			}
		})
	}
}

// TestMetaPosts_MissingViews checks that a post export without Views or
// Impressions fails with the columns found and wanted.
func TestMetaPosts_MissingViews(t *testing.T) {
	_, _, err := metaPostsImport(t, "fb.csv", []byte("Post ID,Page ID,Publish time,Reach\n1,2,10/02/2026 09:15,5\n"), importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) || !strings.Contains(err.Error(), `"Views", "Impressions"`) {
		t.Errorf("err = %v, want a missing column naming Views and Impressions", err)
	}
}
