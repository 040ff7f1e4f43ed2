package importers_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func FuzzLinkedInPage(f *testing.F) {
	addFixtures(f, kpi.LinkedInPage)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.LinkedInPage{}, data) })
}

const lpFollowersHeader = "Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers"

func linkedinPageImport(tb testing.TB, in *importers.Input, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	tb.Helper()
	var recs []kpi.Record
	st, err := importers.LinkedInPage{}.Import(in, opts, func(r kpi.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

func linkedinPageCSV(tb testing.TB, lines ...string) *importers.Input {
	tb.Helper()
	in, err := importers.OpenBytes("page.csv", []byte(strings.Join(lines, "\n")+"\n"))
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// TestLinkedInPage_Detect checks each sheet's header, on row 1 or under a
// note, against the other platforms' heads.
func TestLinkedInPage_Detect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"new followers", lpFollowersHeader + "\n10/01/2026,0,1,0,1\n", true},
		{"visitor metrics", "Date,Overview page views (total),Total page views (total),Total unique visitors (total)\n", true},
		{"update metrics under a note", "Aggregated metrics\nDate,Impressions (organic),Impressions (sponsored),Clicks (organic)\n", true},
		{"update metrics without split", "Note\nDate,Impressions,Unique impressions,Clicks,Engagement rate\n", true},
		{"update engagement under a note", "Note\nUpdate title,Update link,Update type,Created date,Impressions\n", true},
		{"all posts (newer names)", "Note\nPost title,Post link,Post type,Posted by,Created date,Impressions,Likes\n", true},
		{"header on row 3", "Note\nAnother note\nDate,Impressions (organic)\n", false},
		{"posts without created date", "Update title,Update link,Impressions\n", false},
		{"followers without date", "Day,Organic followers\n", false},
		{"demographics sheet", "Location,Total followers\nKyoto,412\n", false},
		{"linkedin ads", "Campaign Performance Report (in UTC)\n\"Report Start: October 1, 2026, 12:00 AM\"\n\"Report End: October 31, 2026, 11:59 PM\"\n\"Date Generated: November 1, 2026\"\n\nStart Date (in UTC),Campaign Name,Total Spent,Impressions,Clicks\n", false},
		{"meta posts", igHeader + "\n", false},
		{"meta page", "sep=,\n\"Views\"\n\"Date\",\"Primary\"\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("x.csv", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.LinkedInPage{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.data, got, tc.want)
			}
		})
	}
}

// TestLinkedInPage_Followers checks follows = organic + auto-invited, and
// the warning when the parts do not add up to the day's total.
func TestLinkedInPage_Followers(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		follows []int64
		warning string
	}{
		{"parts add up", []string{lpFollowersHeader, "10/01/2026,3,12,1,16", "10/02/2026,0,9,0,9"}, []int64{13, 9}, ""},
		{"parts off", []string{lpFollowersHeader, "10/01/2026,3,12,1,16", "10/02/2026,0,9,0,10"}, []int64{13, 9}, "line 3: Sponsored, Organic and Auto-invited"},
		{"no auto-invited column", []string{"Date,Sponsored followers,Organic followers,Total followers", "10/01/2026,3,12,15"}, []int64{12}, ""},
		{"empty cells", []string{lpFollowersHeader, "10/01/2026,,4,,4"}, []int64{4}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := linkedinPageImport(t, linkedinPageCSV(t, tc.lines...), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(tc.follows) {
				t.Fatalf("%d records, want %d", len(recs), len(tc.follows))
			}
			for i, r := range recs {
				if r.Follows != tc.follows[i] || r.Has != kpi.FFollows || r.FollowersKnown {
					t.Errorf("line %d: follows %d (has %b), want %d new follows only", r.Source.Line, r.Follows, r.Has, tc.follows[i])
				}
			}
			got := strings.Join(st.Warnings, "\n")
			if tc.warning == "" && got != "" || !strings.Contains(got, tc.warning) {
				t.Errorf("warnings %q, want %q", got, tc.warning)
			}
		})
	}
}

// TestLinkedInPage_Visitors checks that page views are clicks and never
// link clicks.
func TestLinkedInPage_Visitors(t *testing.T) {
	in := mustOpen(t, "testdata/linkedin_page/visitors.xlsx")
	recs, _, err := linkedinPageImport(t, in, importers.Options{})
	if err != nil || len(recs) != 3 {
		t.Fatalf("Import: %d records, err %v", len(recs), err)
	}
	if r := recs[0]; r.Clicks != 64 || r.LinkClicks != 0 || r.Has != kpi.FClicks || !r.Day.Equal(kpi.Day(2026, 10, 1)) {
		t.Errorf("first day: %+v, want 64 clicks on 2026-10-01 and no link clicks", r)
	}
}

// TestLinkedInPage_UpdateEngagementSheet reads the posts sheet of the
// updates workbook by name: the same posts as the sheet saved as CSV.
func TestLinkedInPage_UpdateEngagementSheet(t *testing.T) {
	data, err := os.ReadFile("testdata/linkedin_page/updates.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	in, err := importers.OpenBytesSheet("updates.xlsx", data, " update ENGAGEMENT ")
	if err != nil {
		t.Fatal(err)
	}
	if in.Sheet() != " update ENGAGEMENT " {
		t.Errorf("Sheet() = %q", in.Sheet())
	}
	recs, st, err := linkedinPageImport(t, in, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Level != "post" || len(recs) != 2 || len(st.Skipped) != 1 || st.Skipped[0].Line != 4 {
		t.Fatalf("level %s, %d records, skipped %v; want 2 posts and line 4 (sponsored) skipped", st.Level, len(recs), st.Skipped)
	}
	r := recs[1]
	if r.Source.Line != 5 || r.Post != "Behind the kiln: how we fire our stoneware" || r.Impressions != 2050 || r.Engagements != 91 ||
		!r.Day.Equal(kpi.Day(2026, 10, 3)) || r.Posts != 1 || !r.Lifetime {
		t.Errorf("second post: %+v", r)
	}
	for _, w := range st.Warnings {
		if strings.Contains(w, "Update engagement") {
			t.Errorf("warning %q on the posts sheet itself", w)
		}
	}
}

// TestOpenSheet checks the errors of OpenBytesSheet.
func TestOpenSheet(t *testing.T) {
	data, err := os.ReadFile("testdata/linkedin_page/updates.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	_, err = importers.OpenBytesSheet("updates.xlsx", data, "All posts")
	want := `updates.xlsx: no sheet named "All posts"; the workbook has "Update metrics (aggregated)", "Update engagement"`
	if err == nil || err.Error() != want {
		t.Errorf("unknown sheet: %v\nwant %s", err, want)
	}
	_, err = importers.OpenBytesSheet("page.csv", []byte(lpFollowersHeader+"\n"), "New followers")
	if err == nil || !strings.HasPrefix(err.Error(), "page.csv: ") {
		t.Errorf("a CSV with a sheet: %v, want an error naming the file", err)
	}
	in, err := importers.OpenBytesSheet("updates.xlsx", data, "Update metrics (aggregated)")
	if err != nil || in.Head[1][0] != "Date" || in.HeadLines[1] != 2 {
		t.Errorf("first sheet by name: %v, head %q", err, in.Head)
	}
}

// TestLinkedInPage_TruncatedWorkbook checks that a workbook cut short is an
// error naming the file, not a panic.
func TestLinkedInPage_TruncatedWorkbook(t *testing.T) {
	data, err := os.ReadFile("testdata/linkedin_page/followers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{len(data) / 2, len(data) - 10} {
		_, err := importers.OpenBytes("followers.xlsx", data[:n])
		if err == nil || !strings.HasPrefix(err.Error(), "followers.xlsx: ") {
			t.Errorf("cut at %d bytes: %v, want an error naming the file", n, err)
		}
	}
}

// TestLinkedInPage_LegacyXLS checks the message for a legacy .xls.
func TestLinkedInPage_LegacyXLS(t *testing.T) {
	data, err := os.ReadFile("testdata/linkedin_page/legacy_followers.xls")
	if err != nil {
		t.Fatal(err)
	}
	_, err = importers.OpenBytes("acme_followers_1761955200000.xls", data)
	want := "acme_followers_1761955200000.xls: a legacy Excel .xls file; roibook reads .xlsx: save it as .xlsx in Excel and run again"
	if !errors.Is(err, importers.ErrLegacyXLS) || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestLinkedInPage_Dates checks the date forms: MM/DD/YYYY text, refused
// otherwise.
func TestLinkedInPage_Dates(t *testing.T) {
	tests := []struct {
		value string
		day   int // 0: refused
	}{
		{"10/05/2026", 5},
		{"10/5/2026", 5},
		{"05/10/2026", 0}, // 10 May: outside October, but a valid date
		{"13/10/2026", 0},
		{"2026-10-05", 0},
		{"Oct 5, 2026", 0},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			recs, _, err := linkedinPageImport(t, linkedinPageCSV(t, lpFollowersHeader, tc.value+",0,1,0,1"), importers.Options{})
			if tc.value == "05/10/2026" {
				if err != nil || len(recs) != 1 || !recs[0].Day.Equal(kpi.Day(2026, 5, 10)) {
					t.Errorf("05/10/2026: %v, %v; want 10 May 2026 (month first)", recs, err)
				}
				return
			}
			if tc.day == 0 {
				if !errors.Is(err, importers.ErrBadDate) {
					t.Errorf("err = %v, want a bad date", err)
				}
				return
			}
			if err != nil || len(recs) != 1 || !recs[0].Day.Equal(kpi.Day(2026, 10, tc.day)) {
				t.Errorf("%v, %v; want 2026-10-%02d", recs, err, tc.day)
			}
		})
	}
}
