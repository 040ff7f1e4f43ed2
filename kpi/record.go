package kpi

import (
	"errors"
	"fmt"
	"time"
)

// A Platform names the source of a record: "meta_ads", "google_ads", ...
type Platform string

// The platforms roibook imports.
const (
	MetaAds      Platform = "meta_ads"
	GoogleAds    Platform = "google_ads"
	LinkedInAds  Platform = "linkedin_ads"
	TikTokAds    Platform = "tiktok_ads"
	MicrosoftAds Platform = "microsoft_ads"
	XAds         Platform = "x_ads"
	PinterestAds Platform = "pinterest_ads"
	SnapchatAds  Platform = "snapchat_ads"

	MetaPosts    Platform = "meta_posts"    // Meta Business Suite: Facebook and Instagram posts, page insights
	LinkedInPage Platform = "linkedin_page" // LinkedIn page: updates, followers, visitors
	XOrganic     Platform = "x_organic"     // X (Twitter) analytics
	YouTube      Platform = "youtube"       // YouTube Studio

	GA4 Platform = "ga4" // Google Analytics 4: sessions, key events, revenue by source
	CRM Platform = "crm" // a CRM or sales export: leads, customers won, revenue

	Costs    Platform = "costs"    // a cost sheet
	Invoices Platform = "invoices" // invoices and billing
	FX       Platform = "fx"       // exchange rates
)

// Channels that name no single network. GA4's default channel groups tell
// paid from organic social traffic but not which network it came from.
const (
	// SocialPaid is any paid social platform: GA4 channel groups do not
	// name the network ("Paid Social").
	SocialPaid Platform = "social_paid"
	// SocialOrganic is any organic social platform: GA4 channel groups do
	// not name the network ("Organic Social").
	SocialOrganic Platform = "social_organic"
)

var platformNames = map[Platform]string{
	MetaAds:      "Meta Ads",
	GoogleAds:    "Google Ads",
	LinkedInAds:  "LinkedIn Ads",
	TikTokAds:    "TikTok Ads",
	MicrosoftAds: "Microsoft Ads",
	XAds:         "X Ads",
	PinterestAds: "Pinterest Ads",
	SnapchatAds:  "Snapchat Ads",
	MetaPosts:    "Facebook & Instagram (organic)",
	LinkedInPage: "LinkedIn page",
	XOrganic:     "X (organic)",
	YouTube:      "YouTube",
	GA4:          "Google Analytics 4",
	CRM:          "CRM",
	Costs:        "Cost sheet",
	Invoices:     "Invoices",
	FX:           "Exchange rates",
}

// A Kind groups platforms by what their exports hold.
type Kind int

// The kinds of input.
const (
	KindOther     Kind = iota
	KindPaid           // ad platforms: spend, delivery, conversions
	KindOrganic        // page and post analytics: no spend
	KindAnalytics      // web analytics: sessions, key events, revenue by source
	KindSales          // CRM or sales: leads, customers won, revenue
	KindFinance        // cost sheets, invoices, exchange rates
)

// Kind returns what p's exports hold.
func (p Platform) Kind() Kind {
	switch p {
	case MetaAds, GoogleAds, LinkedInAds, TikTokAds, MicrosoftAds, XAds, PinterestAds, SnapchatAds:
		return KindPaid
	case MetaPosts, LinkedInPage, XOrganic, YouTube:
		return KindOrganic
	case GA4:
		return KindAnalytics
	case CRM:
		return KindSales
	case Costs, Invoices, FX:
		return KindFinance
	}
	return KindOther
}

// IsPaid reports whether p is an ad platform.
func (p Platform) IsPaid() bool { return p.Kind() == KindPaid }

// IsOrganic reports whether p is an organic page or channel.
func (p Platform) IsOrganic() bool { return p.Kind() == KindOrganic }

// Name returns the display name of p ("Meta Ads"), or p itself when unknown.
func (p Platform) Name() string {
	if n, ok := platformNames[p]; ok {
		return n
	}
	return string(p)
}

// Known reports whether p is a platform roibook imports.
func (p Platform) Known() bool { _, ok := platformNames[p]; return ok }

// Fields is a set of metrics, one bit per metric. A record's Has tells which
// metrics its export provides, so a missing column (no conversion value in a
// LinkedIn export) is told apart from a zero.
type Fields uint32

// The metrics of a Record.
const (
	FSpend Fields = 1 << iota
	FImpressions
	FReach
	FClicks
	FLinkClicks
	FEngagements
	FReactions
	FComments
	FShares
	FSaves
	FVideoViews
	FFollows
	FLeads
	FConversions
	FConversionValue
	FPurchases
	FAddsToCart
	FCheckouts
	FLandingPageViews
	FPosts           // posts, tweets or videos published
	FFollowers       // follower count at the end of the row's day (a level)
	FWatchTime       // watch time in hours
	FSessions        // web sessions (GA4)
	FEngagedSessions // engaged web sessions (GA4)
	FKeyEvents       // GA4 key events (formerly conversions)
	FRevenue         // analytics or CRM revenue (not platform-reported value)
	FCustomers       // customers won (CRM)
)

// Any reports whether f holds any of g.
func (f Fields) Any(g Fields) bool { return f&g != 0 }

// MoneyFields are the metrics that are amounts of money: a record with
// none of them needs no currency (organic posts, web sessions).
const MoneyFields = FSpend | FConversionValue | FRevenue

// A Source points at the row a record came from.
type Source struct {
	File string // as the user gave it
	Line int    // 1-based line (CSV: where the record starts; XLSX: the row)
}

func (s Source) String() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// A Record is one row of one export after normalization. Money is in the
// record's own Currency; conversion to the reporting currency happens when
// records are aggregated.
type Record struct {
	Platform Platform
	// Day is the UTC midnight of the day the row covers. It is zero when the
	// row is an aggregate over Span (a LinkedIn export without a daily
	// breakdown, a Meta row whose reporting start and end differ).
	Day  time.Time
	Span Period // the row's own period when Day is zero

	Account, Campaign, AdSet, Ad string
	Currency                     string // ISO 4217, upper case

	Spend, ConversionValue Money

	Impressions int64
	// Reach is the number of people reached; it is never summed across rows
	// (see Totals). ReachKnown is false when the export has no reach for the row.
	Reach      int64
	ReachKnown bool
	Clicks     int64 // all clicks
	LinkClicks int64 // link / destination clicks
	// Engagements is the platform's own engagement count, or the sum of the
	// parts below when it has none.
	Engagements                   int64
	Reactions, Comments, Shares   int64
	Saves, VideoViews             int64
	Follows                       int64 // new followers, net of losses where the export nets them (may be negative)
	LandingPageViews              int64
	Leads, Conversions, Purchases Qty
	AddsToCart, Checkouts         Qty

	// Organic content. Posts is the number of posts the row stands for (1
	// for a post-level export). Followers is a level, not a flow: it is
	// never summed (see Totals). WatchHours is watch time in hours.
	Posts          int64
	Followers      int64
	FollowersKnown bool
	WatchHours     Qty
	// Post names the post a row is about (its title or the start of its
	// text) and PostLink its permalink or id; Published is when it was
	// published. Lifetime is true when the row's metrics are lifetime
	// totals up to the export date rather than the row's day (Meta
	// Business Suite posts): a later export of the same month differs.
	Post, PostLink string
	Published      time.Time
	Lifetime       bool

	// Web analytics and sales. Channel is the platform the row's traffic or
	// sale is attributed to (a GA4 source/medium mapped to meta_ads,
	// linkedin_page, ...), "" when it is not a social or ad platform.
	Channel                   Platform
	Sessions, EngagedSessions int64
	KeyEvents, Customers      Qty
	Revenue                   Money // analytics or CRM revenue, in Currency

	Has    Fields // which metrics the export provides
	Source Source
}

// IsAggregate reports whether r covers a span of days rather than one day.
func (r *Record) IsAggregate() bool { return r.Day.IsZero() }

// Validate reports a broken invariant: no platform, no day and no span,
// a currency that is not 3 upper-case letters, negative counts.
func (r *Record) Validate() error {
	var errs []error
	if r.Platform == "" {
		errs = append(errs, errors.New("no platform"))
	}
	if r.Day.IsZero() && r.Span.IsZero() {
		errs = append(errs, errors.New("neither a day nor a span"))
	}
	if !r.Day.IsZero() && (r.Day.Hour() != 0 || r.Day.Minute() != 0 || r.Day.Location() != time.UTC) {
		errs = append(errs, fmt.Errorf("day %v is not a UTC midnight", r.Day))
	}
	if r.Currency != "" && !IsCurrency(r.Currency) {
		errs = append(errs, fmt.Errorf("currency %q is not an ISO 4217 code", r.Currency))
	}
	for _, c := range []struct {
		name string
		v    int64
	}{
		{"impressions", r.Impressions}, {"reach", r.Reach}, {"clicks", r.Clicks},
		{"link clicks", r.LinkClicks}, {"engagements", r.Engagements},
		{"reactions", r.Reactions}, {"comments", r.Comments}, {"shares", r.Shares},
		{"saves", r.Saves}, {"video views", r.VideoViews},
		{"landing page views", r.LandingPageViews},
		{"posts", r.Posts}, {"followers", r.Followers}, {"sessions", r.Sessions},
		{"engaged sessions", r.EngagedSessions}, {"watch time", int64(r.WatchHours)},
		{"key events", int64(r.KeyEvents)}, {"customers", int64(r.Customers)},
		{"leads", int64(r.Leads)}, {"conversions", int64(r.Conversions)},
		{"purchases", int64(r.Purchases)}, {"adds to cart", int64(r.AddsToCart)},
		{"checkouts", int64(r.Checkouts)},
	} {
		if c.v < 0 {
			errs = append(errs, fmt.Errorf("negative %s %d", c.name, c.v))
		}
	}
	if r.Source.File == "" || r.Source.Line <= 0 {
		errs = append(errs, errors.New("no source file and line"))
	}
	return errors.Join(errs...)
}
