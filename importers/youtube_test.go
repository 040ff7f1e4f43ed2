package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzYouTube(f *testing.F) {
	addFixtures(f, kpi.YouTube)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.YouTube{}, data) })
}

// ytTable is the header of a real Table data.csv.
const ytTable = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)"

func ytImport(tb testing.TB, data string, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.YouTube{}, "yt.csv", []byte(data), opts)
}

// TestYouTube_Detect checks the three headers, and that a bare Date header
// is YouTube's only with YouTube metric names.
func TestYouTube_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"table data", ytTable + "\nTotal,,,,25,0.0615,-2,100,2.08\n", true},
		{"table data viewers", "Content,Video title,Video publish time,Duration,New viewers,Regular viewers,Views\n", true},
		{"chart data", "Date,Content,Video title,Video publish time,Duration,Views\n", true},
		{"totals views", "Date,Views\n2026-10-01,12\n", true},
		{"totals watch time", "Date,Watch time (hours)\n2026-10-01,1.5\n", true},
		{"totals subscribers", "Date,Subscribers\n2026-10-01,-3\n", true},
		{"totals two metrics", "Date,Views,Impressions\n2026-10-01,12,100\n", true},
		{"totals impressions only", "Date,Impressions\n2026-10-01,100\n", false},
		{"totals unknown metric", "Date,Views,Sessions\n2026-10-01,12,3\n", false},
		{"date not first", "Views,Date\n12,2026-10-01\n", false},
		{"tiktok organic", `"Date","Video Views","Profile Views","Likes","Comments","Shares"` + "\n", false},
		{"x overview", "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views\n", false},
		{"x content", "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements\n", false},
		{"meta page", "Date,Primary\n2026-10-01,5\n", false},
		{"cost sheet", "date,category,description,amount\n2026-10-01,tools,CRM,50\n", false},
		{"content without title", "Content,Views\nabc,12\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("yt.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.YouTube{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestYouTube_DayOrder checks the dates of Totals.csv: ISO as exported,
// and the numeric dates of a re-saved file, whose day/month order is
// decided from the whole file or refused.
func TestYouTube_DayOrder(t *testing.T) {
	tests := []struct {
		name  string
		dates []string
		want  []time.Time
		err   string // substring of the error; "" for none
	}{
		{"iso", []string{"2026-10-01", "2026-10-13"}, []time.Time{kpi.Day(2026, 10, 1), kpi.Day(2026, 10, 13)}, ""},
		{"day first, settled first", []string{"13-10-2026", "01-11-2026"}, []time.Time{kpi.Day(2026, 10, 13), kpi.Day(2026, 11, 1)}, ""},
		{"day first, settled last", []string{"01-11-2026", "02-11-2026", "30-11-2026"}, []time.Time{kpi.Day(2026, 11, 1), kpi.Day(2026, 11, 2), kpi.Day(2026, 11, 30)}, ""},
		{"month first, slashes", []string{"7/16/2026", "8/1/2026"}, []time.Time{kpi.Day(2026, 7, 16), kpi.Day(2026, 8, 1)}, ""},
		{"month first, settled last", []string{"8/1/2026", "8/2/2026", "8/31/2026"}, []time.Time{kpi.Day(2026, 8, 1), kpi.Day(2026, 8, 2), kpi.Day(2026, 8, 31)}, ""},
		{"two-digit year, dots", []string{"16.07.26", "01.08.26"}, []time.Time{kpi.Day(2026, 7, 16), kpi.Day(2026, 8, 1)}, ""},
		{"month names", []string{"Oct 3, 2026", "3-Oct-26", "3-Oct-2026"}, []time.Time{kpi.Day(2026, 10, 3), kpi.Day(2026, 10, 3), kpi.Day(2026, 10, 3)}, ""},
		{"ambiguous", []string{"01-10-2026", "02-10-2026", "12-10-2026"}, nil,
			`yt.csv:2: column A "Date": got "01-10-2026", want a date whose day and month can be told apart`},
		{"ambiguous after iso", []string{"2026-10-01", "02-10-2026"}, nil,
			`yt.csv:3: column A "Date": got "02-10-2026", want a date whose day and month can be told apart`},
		{"both orders", []string{"13-10-2026", "10/14/2026"}, nil,
			`yt.csv:2: column A "Date": got "13-10-2026", want dates in one order, but line 2 has the day first ("13-10-2026") and line 3 the month first ("10/14/2026")`},
		{"no such day", []string{"13-10-2026", "31-02-2026"}, nil,
			`yt.csv:3: column A "Date": got "31-02-2026", want a date like 31-10-2026 (DD-MM-YYYY, as the file's other dates)`},
		{"not a date", []string{"2026-10-01", "yesterday"}, nil,
			`yt.csv:3: column A "Date": got "yesterday", want a date like 2026-10-31, Oct 31, 2026 or 31-Oct-26`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("Date,Views\r\n")
			for _, d := range tc.dates {
				b.WriteString(`"` + d + `",5` + "\r\n")
			}
			recs, _, err := ytImport(t, b.String(), importers.Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, importers.ErrBadDate) {
					t.Fatalf("Import: err = %v, want a bad date containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(tc.want) {
				t.Fatalf("%d records, want %d", len(recs), len(tc.want))
			}
			for i, r := range recs {
				if !r.Day.Equal(tc.want[i]) {
					t.Errorf("record %d: day %v, want %v", i, r.Day, tc.want[i])
				}
			}
		})
	}
}

// TestYouTube_Publish checks the publish time of a video, whose numeric
// form follows the order decided from the file.
func TestYouTube_Publish(t *testing.T) {
	tests := []struct {
		name, date, published string
		day, want             time.Time
	}{
		{"studio", "2026-10-01", "Aug 28, 2025", kpi.Day(2026, 10, 1), kpi.Day(2025, 8, 28)},
		{"excel us", "10/13/2026", "28-Aug-25", kpi.Day(2026, 10, 13), kpi.Day(2025, 8, 28)},
		{"excel day first, settled by the publish time", "01-10-2026", "28-08-2025", kpi.Day(2026, 10, 1), kpi.Day(2025, 8, 28)},
		{"excel month first, settled by the publish time", "10/1/2026", "8/28/2025", kpi.Day(2026, 10, 1), kpi.Day(2025, 8, 28)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := "Date,Content,Video title,Video publish time,Duration,Views\n" +
				tc.date + ",abc,Title,\"" + tc.published + "\",5,7\n"
			recs, _, err := ytImport(t, data, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !recs[0].Published.Equal(tc.want) || !recs[0].Day.Equal(tc.day) {
				t.Errorf("published %v day %v, want %v and %v", recs[0].Published, recs[0].Day, tc.want, tc.day)
			}
		})
	}
}

// TestYouTube_Span checks what a row covers: Table data has no dates, so
// its rows cover the report period; Chart data rows are days.
func TestYouTube_Span(t *testing.T) {
	oct := kpi.Month(2026, 10)
	table := ytTable + "\nabc,Title,\"Aug 28, 2025\",9,30,0.5,1,40,2.5\n"
	chart := "Date,Content,Video title,Video publish time,Duration,Views\n2026-10-05,abc,Title,\"Aug 28, 2025\",9,30\n"
	tests := []struct {
		name    string
		data    string
		opts    importers.Options
		day     time.Time
		span    kpi.Period
		outside int
	}{
		{"table, no period", table, importers.Options{}, time.Time{}, kpi.Period{}, 0},
		{"table, month", table, importers.Options{Period: oct}, time.Time{}, oct, 0},
		{"chart", chart, importers.Options{Period: oct}, kpi.Day(2026, 10, 5), kpi.Period{}, 0},
		{"chart outside", chart, importers.Options{Period: kpi.Month(2026, 9)}, time.Time{}, kpi.Period{}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := ytImport(t, tc.data, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if st.OutsidePeriod != tc.outside {
				t.Fatalf("outside period = %d, want %d", st.OutsidePeriod, tc.outside)
			}
			if tc.outside > 0 {
				return
			}
			if r := recs[0]; !r.Day.Equal(tc.day) || r.Span != tc.span {
				t.Errorf("day %v span %s, want day %v span %s", r.Day, r.Span, tc.day, tc.span)
			}
		})
	}
}

// TestYouTube_Subscribers checks follows: Subscribers gained when the
// export has it, else the net Subscribers, which may be negative; an empty
// cell is not available.
func TestYouTube_Subscribers(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		row     string
		follows int64
		has     bool
		err     bool
	}{
		{"net", "Date,Subscribers", "2026-10-01,12", 12, true, false},
		{"net negative", "Date,Subscribers", "2026-10-01,-3", -3, true, false},
		{"net empty", "Date,Subscribers", "2026-10-01,", 0, false, false},
		{"net zero", "Date,Subscribers", "2026-10-01,0", 0, true, false},
		{"net fraction", "Date,Subscribers", "2026-10-01,1.5", 0, false, true},
		{"gained wins", "Date,Subscribers,Subscribers gained,Subscribers lost", "2026-10-01,-3,4,7", 4, true, false},
		{"gained negative", "Date,Subscribers gained", "2026-10-01,-4", 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := ytImport(t, tc.header+"\n"+tc.row+"\n", importers.Options{})
			if tc.err {
				if !errors.Is(err, importers.ErrBadNumber) {
					t.Fatalf("Import: err = %v, want a bad number", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r := recs[0]; r.Follows != tc.follows || (r.Has&kpi.FFollows != 0) != tc.has {
				t.Errorf("follows %d (has %v), want %d (has %v)", r.Follows, r.Has&kpi.FFollows != 0, tc.follows, tc.has)
			}
		})
	}
}

// TestYouTube_Totals checks the Total row of Table data: never booked,
// compared on views, watch time and impressions but not on net
// subscribers; absent in a re-saved file.
func TestYouTube_Totals(t *testing.T) {
	rows := "\nabc,A,\"Aug 28, 2025\",9,30,0.5,1,40,2.5\ndef,B,\"Aug 29, 2025\",9,20,0.25,0,60,1\n"
	tests := []struct {
		name  string
		total string
		check string
		diffs int
	}{
		{"match", "Total,,,,50,0.75,-2,100,2", kpi.CheckMatch, 0},
		{"views differ", "Total,,,,51,0.75,1,100,2", kpi.CheckMismatch, 1},
		{"watch time differs", "Total,,,,50,0.9,1,100,2", kpi.CheckMismatch, 1},
		{"impressions differ", "Total,,,,50,0.75,1,101,2", kpi.CheckMismatch, 1},
		{"empty impressions", "Total,,,,50,0.75,1,,2", kpi.CheckMatch, 0},
		{"no total row", "", kpi.CheckNone, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := ytTable + "\n" + tc.total + rows
			if tc.total == "" {
				data = ytTable + rows
			}
			recs, st, err := ytImport(t, data, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 || st.Check.Status != tc.check || len(st.Check.Diffs) != tc.diffs {
				t.Errorf("%d records, check %s %q; want 2 records, check %s with %d diffs", len(recs), st.Check.Status, st.Check.Diffs, tc.check, tc.diffs)
			}
		})
	}
}

// TestYouTube_SkipBadRows checks that the error fixtures import with
// on_bad_rows: skip, rejecting only the bad line; a file whose dates
// cannot be read fails all the same.
func TestYouTube_SkipBadRows(t *testing.T) {
	tests := []struct {
		file     string
		emitted  int
		rejected int // line
		check    string
	}{
		{"testdata/youtube/bad_watch_time.csv", 4, 4, kpi.CheckMismatch},
		{"testdata/youtube/truncated.csv", 3, 6, kpi.CheckMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, tc.file)
			var n int
			st, err := importers.YouTube{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.emitted || len(st.Rejected) != 1 || st.Rejected[0].Line != tc.rejected {
				t.Errorf("emitted %d, rejected %v; want %d emitted and line %d rejected", n, st.Rejected, tc.emitted, tc.rejected)
			}
			if st.Check.Status != tc.check {
				t.Errorf("check %s, want %s", st.Check.Status, tc.check)
			}
		})
	}
	t.Run("ambiguous dates", func(t *testing.T) {
		in := mustOpen(t, "testdata/youtube/totals_ambiguous.csv")
		_, err := importers.YouTube{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { return nil })
		if !errors.Is(err, importers.ErrBadDate) {
			t.Errorf("Import: err = %v, want the dates refused", err)
		}
	})
}
