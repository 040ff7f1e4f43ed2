package importers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzXOrganic(f *testing.F) {
	addFixtures(f, kpi.XOrganic)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.XOrganic{}, data) })
}

// xMetrics are the 18 metric names of both legacy X exports.
var xMetrics = []string{"impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
	"user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks", "app opens",
	"app installs", "follows", "email tweet", "dial phone", "media views", "media engagements"}

// xQuoted joins cells as the legacy exports do: every field quoted.
func xQuoted(cells ...string) string {
	q := make([]string, len(cells))
	for i, c := range cells {
		q[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
	}
	return strings.Join(q, ",")
}

// xTweetHeader is the 40-column legacy per-tweet header.
func xTweetHeader() string {
	h := []string{"Tweet id", "Tweet permalink", "Tweet text", "time"}
	h = append(h, xMetrics...)
	for _, m := range xMetrics {
		h = append(h, "promoted "+m)
	}
	return xQuoted(h...)
}

// xTweet is a legacy per-tweet row; metrics holds the 18 organic values.
func xTweet(text, when string, metrics ...string) string {
	id := "1851234567890000001"
	cells := []string{id, "https://twitter.com/northwindhq/status/" + id, text, when}
	cells = append(cells, metrics...)
	for range xMetrics {
		cells = append(cells, "-")
	}
	return xQuoted(cells...)
}

// xOrganicMetrics is a plain set of the 18 organic values.
var xOrganicMetrics = []string{"376.0", "7.0", "0.0186", "2.0", "0.0", "3.0", "1.0", "1.0", "0.0", "0.0", "0.0", "0", "0", "0", "0", "0", "5", "5"}

func xImport(tb testing.TB, data string, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	return importBytes(tb, importers.XOrganic{}, "x.csv", []byte(data), opts)
}

// TestXOrganic_Detect checks the four X headers and that other platforms'
// heads, YouTube's included, are not taken for X.
func TestXOrganic_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"legacy per tweet", xTweetHeader() + "\n" + xTweet("Hello", "2026-10-01 12:00 +0000", xOrganicMetrics...) + "\n", true},
		{"legacy daily", xQuoted(append([]string{"Date", "Tweets published"}, xMetrics...)...) + "\n", true},
		{"content", "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements\n", true},
		{"overview", "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views\n", true},
		{"overview cut to markers", "Date,Unfollows,Create Post\n", true},
		{"tweet id without permalink", xQuoted("Tweet id", "Tweet text", "time", "impressions") + "\n", false},
		{"date and impressions only", "Date,Impressions,Likes,Engagements\n", false},
		{"post id without link", "Post id,Date,Post text,Impressions\n", false},
		{"youtube table", "Content,Video title,Video publish time,Duration,Views\n", false},
		{"youtube totals", "Date,Views\n2026-10-01,12\n", false},
		{"tiktok", "Campaign name,Primary status,Cost,Impressions,Clicks (destination)\n", false},
		{"meta", "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (USD)\n", false},
		{"title line first", "X analytics\n" + "Post id,Date,Post text,Post Link,Impressions\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("x.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.XOrganic{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestXOrganic_Time checks the legacy tweet time: any zone offset, booked
// to the UTC day.
func TestXOrganic_Time(t *testing.T) {
	tests := []struct {
		when      string
		day       time.Time
		published time.Time
		err       error
	}{
		{"2022-02-28 17:39 +0000", kpi.Day(2022, 2, 28), time.Date(2022, 2, 28, 17, 39, 0, 0, time.UTC), nil},
		{"2026-10-31 23:30 -0200", kpi.Day(2026, 11, 1), time.Date(2026, 11, 1, 1, 30, 0, 0, time.UTC), nil},
		{"2026-10-01 00:30 +0100", kpi.Day(2026, 9, 30), time.Date(2026, 9, 30, 23, 30, 0, 0, time.UTC), nil},
		{"2026-10-01 12:00:05 +0000", kpi.Day(2026, 10, 1), time.Date(2026, 10, 1, 12, 0, 5, 0, time.UTC), nil},
		{"2026-10-01", time.Time{}, time.Time{}, importers.ErrBadDate},
		{"10/01/2026 12:00 +0000", time.Time{}, time.Time{}, importers.ErrBadDate},
		{"", time.Time{}, time.Time{}, importers.ErrBadDate},
	}
	for _, tc := range tests {
		t.Run(tc.when, func(t *testing.T) {
			recs, _, err := xImport(t, xTweetHeader()+"\n"+xTweet("Hello", tc.when, xOrganicMetrics...)+"\n", importers.Options{})
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), `x.csv:2: column D "time"`) {
					t.Fatalf("Import: err = %v, want %v at x.csv:2 column D", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r := recs[0]; !r.Day.Equal(tc.day) || !r.Published.Equal(tc.published) {
				t.Errorf("day %v published %v, want %v and %v", r.Day, r.Published, tc.day, tc.published)
			}
		})
	}
}

// TestXOrganic_Dates checks the day of the x.com exports and the legacy
// daily export.
func TestXOrganic_Dates(t *testing.T) {
	content := "Post id,Date,Post text,Post Link,Impressions,Engagements\n"
	overview := "Date,Impressions,Engagements,Unfollows,Create Post\n"
	daily := xQuoted("Date", "Tweets published", "impressions", "engagements") + "\n"
	tests := []struct {
		name string
		data string
		day  time.Time
		err  bool
	}{
		{"content", content + `1,"Sun, Nov 9, 2025",Hi,https://x.com/a/status/1,10,1`, kpi.Day(2025, 11, 9), false},
		{"content no weekday", content + `1,"Nov 9, 2025",Hi,https://x.com/a/status/1,10,1`, kpi.Day(2025, 11, 9), false},
		{"content iso", content + `1,2025-11-09,Hi,https://x.com/a/status/1,10,1`, time.Time{}, true},
		{"overview", overview + `"Thu, Oct 1, 2026",10,1,0,1`, kpi.Day(2026, 10, 1), false},
		{"overview day first", overview + `"Thu, 1 Oct 2026",10,1,0,1`, time.Time{}, true},
		{"daily", daily + xQuoted("2021-08-01", "0", "1088", "13"), kpi.Day(2021, 8, 1), false},
		{"daily us", daily + xQuoted("08/01/2021", "0", "1088", "13"), time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := xImport(t, tc.data, importers.Options{})
			if tc.err {
				if !errors.Is(err, importers.ErrBadDate) {
					t.Fatalf("Import: err = %v, want a bad date", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 1 || !recs[0].Day.Equal(tc.day) {
				t.Fatalf("records %v, want one on %v", recs, tc.day)
			}
		})
	}
}

// TestXOrganic_Post checks a post's name: the first non-empty line of its
// text, at most 80 runes; and its link: the permalink, else the id.
func TestXOrganic_Post(t *testing.T) {
	long := strings.Repeat("é", 79) + "xyz"
	tests := []struct {
		name, text, link, post, wantLink, account string
	}{
		{"one line", "Hello trail", "https://x.com/northwind_hq/status/1", "Hello trail", "https://x.com/northwind_hq/status/1", "northwind_hq"},
		{"first line", "Weekend sale!\nAll tents 20% off", "https://twitter.com/a/status/1", "Weekend sale!", "https://twitter.com/a/status/1", "a"},
		{"blank first line", "\n  \n  Second line  \nthird", "https://x.com/a/status/1", "Second line", "https://x.com/a/status/1", "a"},
		{"80 runes", strings.Repeat("é", 80), "https://x.com/a/status/1", strings.Repeat("é", 80), "https://x.com/a/status/1", "a"},
		{"cut at 80 runes", long, "https://x.com/a/status/1", strings.Repeat("é", 79) + "x", "https://x.com/a/status/1", "a"},
		{"no link", "Hi", "", "Hi", "1851", ""},
		{"other link", "Hi", "https://example.com/p/1", "Hi", "https://example.com/p/1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := "Post id,Date,Post text,Post Link,Impressions,Engagements\n" +
				"1851,\"Thu, Oct 1, 2026\"," + xQuoted(tc.text) + "," + tc.link + ",10,1\n"
			recs, _, err := xImport(t, data, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := recs[0]
			if r.Post != tc.post || r.PostLink != tc.wantLink || r.Account != tc.account {
				t.Errorf("post %q link %q account %q, want %q, %q, %q", r.Post, r.PostLink, r.Account, tc.post, tc.wantLink, tc.account)
			}
			if r.Posts != 1 || !r.Lifetime || r.Has&kpi.FPosts == 0 {
				t.Errorf("posts %d lifetime %v, want 1 post with lifetime metrics", r.Posts, r.Lifetime)
			}
		})
	}
}

// TestXOrganic_Counts checks counts written as floats, n/a markers kept
// apart from 0, and the x.com Shares added to Reposts.
func TestXOrganic_Counts(t *testing.T) {
	with := func(i int, v string) []string {
		m := append([]string(nil), xOrganicMetrics...)
		m[i] = v
		return m
	}
	tests := []struct {
		name        string
		metrics     []string
		impressions int64
		has         bool // impressions available
		err         bool
	}{
		{"float", with(0, "376.0"), 376, true, false},
		{"int", with(0, "376"), 376, true, false},
		{"grouped", with(0, "1,376.0"), 1376, true, false},
		{"dash", with(0, "-"), 0, false, false},
		{"empty", with(0, ""), 0, false, false},
		{"zero", with(0, "0.0"), 0, true, false},
		{"fraction", with(0, "3.5"), 0, false, true},
		{"negative", with(0, "-3.0"), 0, false, true},
		{"text", with(0, "n/a."), 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := xImport(t, xTweetHeader()+"\n"+xTweet("Hi", "2026-10-01 12:00 +0000", tc.metrics...)+"\n", importers.Options{})
			if tc.err {
				if !errors.Is(err, importers.ErrBadNumber) || !strings.HasPrefix(err.Error(), `x.csv:2: column E "impressions": got "`) {
					t.Fatalf("Import: err = %v, want a bad number in column E", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := recs[0]
			if r.Impressions != tc.impressions || (r.Has&kpi.FImpressions != 0) != tc.has {
				t.Errorf("impressions %d (has %v), want %d (has %v)", r.Impressions, r.Has&kpi.FImpressions != 0, tc.impressions, tc.has)
			}
		})
	}
	t.Run("shares are reposts plus shares", func(t *testing.T) {
		data := "Post id,Date,Post text,Post Link,Impressions,Engagements,Shares,Reposts,URL Clicks\n" +
			`1,"Thu, Oct 1, 2026",Hi,https://x.com/a/status/1,100,9,2,3,4` + "\n" +
			`2,"Thu, Oct 1, 2026",Hi,https://x.com/a/status/2,100,9,-,-,4` + "\n"
		recs, _, err := xImport(t, data, importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r := recs[0]; r.Shares != 5 || r.Clicks != 4 || r.LinkClicks != 4 {
			t.Errorf("shares %d clicks %d link clicks %d, want 5, 4, 4", r.Shares, r.Clicks, r.LinkClicks)
		}
		if r := recs[1]; r.Shares != 0 || r.Has&kpi.FShares != 0 {
			t.Errorf("n/a shares: %d, has %v; want not available", r.Shares, r.Has&kpi.FShares != 0)
		}
	})
}

// TestXOrganic_Period checks that day rows outside the report period are
// counted, not emitted.
func TestXOrganic_Period(t *testing.T) {
	data := "Date,Impressions,Engagements,Unfollows,Create Post\n" +
		`"Sun, Nov 1, 2026",5,1,0,0` + "\n" + `"Sat, Oct 31, 2026",7,1,0,1` + "\n" + `"Wed, Sep 30, 2026",9,1,0,0`
	recs, st, err := xImport(t, data, importers.Options{Period: kpi.Month(2026, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Impressions != 7 || st.OutsidePeriod != 2 || st.Used != 1 {
		t.Errorf("emitted %v, %d outside; want the 31 October row and 2 outside", recs, st.OutsidePeriod)
	}
}

// TestXOrganic_SkipBadRows checks that the error fixtures import with
// on_bad_rows: skip, rejecting only the bad line.
func TestXOrganic_SkipBadRows(t *testing.T) {
	tests := []struct {
		file     string
		emitted  int
		rejected int // line
	}{
		{"testdata/x_organic/bad_count.csv", 2, 5},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := mustOpen(t, tc.file)
			var n int
			st, err := importers.XOrganic{}.Import(in, importers.Options{SkipBadRows: true}, func(kpi.Record) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.emitted || len(st.Rejected) != 1 || st.Rejected[0].Line != tc.rejected {
				t.Errorf("emitted %d, rejected %v; want %d emitted and line %d rejected", n, st.Rejected, tc.emitted, tc.rejected)
			}
		})
	}
}
