package reportgen

import (
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
)

// A post with rows on several days (YouTube's per-video daily rows) is one
// post in TopPosts, with the sums of its days.
func TestBuild_topPostsMergeDays(t *testing.T) {
	agg := NewAggregator("EUR", nil)
	line := 2
	add := func(d int, title, link string, eng, imp int64) {
		t.Helper()
		if err := agg.Add(kpi.Record{Platform: kpi.YouTube, Day: kpi.Day(2026, 10, d), Account: "channel",
			Post: title, PostLink: link, Engagements: eng, Impressions: imp,
			Has: kpi.FEngagements | kpi.FImpressions, Source: kpi.Source{File: "yt.csv", Line: line}}); err != nil {
			t.Fatal(err)
		}
		line++
	}
	for d := 1; d <= 3; d++ {
		add(d, "Video A", "yt-a", 10, 1000)
	}
	add(2, "Video B", "yt-b", 25, 400)
	add(3, "Video C", "", 4, 100) // no link: the title identifies it
	add(4, "Video C", "", 5, 100)
	r, err := Build(Options{Currency: "EUR", Period: kpi.Month(2026, time.October)}, agg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Organic.Platforms[0].TopPosts
	want := []struct {
		title    string
		eng, imp int64
	}{{"Video A", 30, 3000}, {"Video B", 25, 400}, {"Video C", 9, 200}}
	if len(got) != len(want) {
		t.Fatalf("TopPosts has %d posts, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		p := got[i]
		if p.Title != w.title || p.Totals.Engagements != w.eng || p.Totals.Impressions != w.imp {
			t.Errorf("TopPosts[%d] = %s %d engagements %d impressions, want %s %d %d",
				i, p.Title, p.Totals.Engagements, p.Totals.Impressions, w.title, w.eng, w.imp)
		}
	}
	if er := got[0].EngagementRate; !er.OK || er.Value != 0.01 {
		t.Errorf("Video A engagement rate = %+v, want 30/3000", er)
	}
}
