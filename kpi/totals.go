package kpi

import "time"

// Totals are the sums of a group of records in one currency. Ratios are
// never stored here: they are computed from these sums (Σ/Σ).
type Totals struct {
	Records int // records added

	Spend, ConversionValue Money

	Impressions, Clicks, LinkClicks, Engagements int64
	Reactions, Comments, Shares, Saves           int64
	VideoViews, Follows, LandingPageViews        int64
	Leads, Conversions, Purchases                Qty
	AddsToCart, Checkouts                        Qty

	Posts                     int64
	WatchHours                Qty
	Sessions, EngagedSessions int64
	KeyEvents, Customers      Qty
	Revenue                   Money

	// Followers is a level: the count of the latest day added
	// (FollowersDay), never a sum.
	Followers      int64
	FollowersKnown bool
	FollowersDay   time.Time

	// Reach is known only when one record with a reach was added, or when a
	// platform's own de-duplicated total supplied it (SetReach). Reach is
	// never summed across records.
	Reach      int64
	ReachKnown bool

	Has Fields // union of the metrics the records provide
}

// Add adds r's metrics to t. Money is added as is: the caller makes sure
// every record added to one Totals is in the same currency.
func (t *Totals) Add(r *Record) {
	if t.Records == 0 {
		t.Reach, t.ReachKnown = r.Reach, r.ReachKnown
	} else {
		t.Reach, t.ReachKnown = 0, false
	}
	t.Records++
	t.Spend += r.Spend
	t.ConversionValue += r.ConversionValue
	t.Impressions += r.Impressions
	t.Clicks += r.Clicks
	t.LinkClicks += r.LinkClicks
	t.Engagements += r.Engagements
	t.Reactions += r.Reactions
	t.Comments += r.Comments
	t.Shares += r.Shares
	t.Saves += r.Saves
	t.VideoViews += r.VideoViews
	t.Follows += r.Follows
	t.LandingPageViews += r.LandingPageViews
	t.Leads += r.Leads
	t.Conversions += r.Conversions
	t.Purchases += r.Purchases
	t.AddsToCart += r.AddsToCart
	t.Checkouts += r.Checkouts
	t.Posts += r.Posts
	t.WatchHours += r.WatchHours
	t.Sessions += r.Sessions
	t.EngagedSessions += r.EngagedSessions
	t.KeyEvents += r.KeyEvents
	t.Customers += r.Customers
	t.Revenue += r.Revenue
	if r.FollowersKnown {
		day := r.Day
		if day.IsZero() {
			day = r.Span.To
		}
		t.setFollowers(r.Followers, day)
	}
	t.Has |= r.Has
}

// Merge adds the sums of u to t. Reach becomes unknown unless t was empty.
func (t *Totals) Merge(u Totals) {
	if u.Records == 0 {
		return
	}
	reach, known := u.Reach, u.ReachKnown
	if t.Records != 0 {
		reach, known = 0, false
	}
	t.Records += u.Records
	t.Spend += u.Spend
	t.ConversionValue += u.ConversionValue
	t.Impressions += u.Impressions
	t.Clicks += u.Clicks
	t.LinkClicks += u.LinkClicks
	t.Engagements += u.Engagements
	t.Reactions += u.Reactions
	t.Comments += u.Comments
	t.Shares += u.Shares
	t.Saves += u.Saves
	t.VideoViews += u.VideoViews
	t.Follows += u.Follows
	t.LandingPageViews += u.LandingPageViews
	t.Leads += u.Leads
	t.Conversions += u.Conversions
	t.Purchases += u.Purchases
	t.AddsToCart += u.AddsToCart
	t.Checkouts += u.Checkouts
	t.Posts += u.Posts
	t.WatchHours += u.WatchHours
	t.Sessions += u.Sessions
	t.EngagedSessions += u.EngagedSessions
	t.KeyEvents += u.KeyEvents
	t.Customers += u.Customers
	t.Revenue += u.Revenue
	if u.FollowersKnown {
		t.setFollowers(u.Followers, u.FollowersDay)
	}
	t.Reach, t.ReachKnown = reach, known
	t.Has |= u.Has
}

// setFollowers keeps the follower count of the latest day; on the same
// day (two pages, two accounts) the counts add up.
func (t *Totals) setFollowers(n int64, day time.Time) {
	switch {
	case !t.FollowersKnown || day.After(t.FollowersDay):
		t.Followers, t.FollowersDay, t.FollowersKnown = n, day, true
	case day.Equal(t.FollowersDay):
		t.Followers += n
	}
}

// SetReach records a de-duplicated reach for the whole group, such as the
// one in a Meta summary row.
func (t *Totals) SetReach(reach int64) { t.Reach, t.ReachKnown = reach, true }
