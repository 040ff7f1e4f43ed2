package importers

import "github.com/roibook/roibook/kpi"

// XAds reads X Ads (Twitter Ads) campaign exports (campaign dashboard →
// Export, daily or hourly). Low confidence: no real export has been found.
// The columns come from X's help page "Export .CSV definitions"
// (business.twitter.com/…/export-csv-definitions.html, also archived in
// 2018): ID, Campaign, Campaign URL, Time ("the date associated with the
// data on that line item"), Campaign start date, Campaign end date, Spend,
// Impressions, Engagements, Billed engagements, Reposts (formerly
// Retweets), Replies, Follows, Clicks, Media engagements, Likes, Card
// engagements, Unfollows, Engagement rate; from a parser that reads a real
// export by position (idx:4871373750: id, Campaign, Campaign URL, Funding
// Instrument ID, Funding Instrument Name, Time, Campaign Start Date,
// Campaign End Date, Spend, Impressions, Engagements, Billed Engagements,
// Retweets, Replies, Follows, Clicks, Favorites, Card Engagements,
// Unfollows, Engagement Rate, Link Clicks); and from alias lists ("Billed
// charge", "Cost", "Total conversions", "Total conversion value"). A header
// the importer expects:
//
//	ID,Campaign,Campaign URL,Time,Campaign start date,Campaign end date,Spend,Impressions,
//	Engagements,Billed engagements,Reposts,Replies,Follows,Clicks,Media engagements,Likes,
//	Card engagements,Unfollows,Engagement rate,Link clicks
//
// Mapping: "Spend" (else "Billed charge", else "Cost") → spend; "Clicks"
// (links, likes, hashtags, profile and other details) → clicks; "Link
// clicks" → link clicks; "Engagements" → engagements; Likes/Favorites,
// Replies, Reposts/Retweets, Follows → reactions, comments, shares,
// follows; "Total conversions" → conversions, "Total conversion value" →
// conversion value. "Time" dates the row (an hourly export's date-time is
// booked to its day). "Campaign start date" and "Campaign end date" are the
// campaign's flight, not the row's dates: recognised, never read. Engagement
// rate, CTR, CPC, CPE, CPM and the other rates are recognised and never read.
//
// Detection needs one of "Billed engagements", "Billed charge", "Campaign
// URL", "Funding instrument name" or "Funding instrument ID": X's organic
// analytics exports have none of them.
type XAds struct{}

var xExport = &aliasExport{
	platform: kpi.XAds,
	name:     "X Ads",
	cols: []col{
		{fDay, []string{"Time", "Date", "Day", "Time period"}},
		{fAccount, []string{"Account name", "Account"}},
		{fCampaign, []string{"Campaign", "Campaign name"}},
		{fCampaignID, []string{"Campaign ID", "ID"}},
		{fAdSet, []string{"Ad group name", "Ad group", "Line item name", "Line item"}},
		{fAd, []string{"Ad name", "Ad", "Promoted post", "Promoted tweet"}},
		{fCurrency, []string{"Currency"}},
		{fSpend, []string{"Spend", "Billed charge", "Cost"}},
		{fImpressions, []string{"Impressions"}},
		{fEngagements, []string{"Engagements"}},
		{fClicks, []string{"Clicks"}},
		{fLinkClicks, []string{"Link clicks", "URL clicks"}},
		{fReactions, []string{"Likes", "Favorites"}},
		{fComments, []string{"Replies"}},
		{fShares, []string{"Reposts", "Retweets"}},
		{fFollows, []string{"Follows"}},
		{fVideoViews, []string{"Video views"}},
		{fConversions, []string{"Total conversions", "Conversions"}},
		{fConversionValue, []string{"Total conversion value", "Conversion value"}},
	},
	markers: []string{"Billed engagements", "Billed charge", "Campaign URL", "Funding instrument name", "Funding instrument ID"},
	ratios: []string{"Engagement rate", "CTR", "CPC", "CPE", "CPM", "eCPE", "eCPC", "eCPM", "Cost per engagement",
		"Cost per link click", "Cost per follower", "Cost per result", "Cost per conversion", "ROAS"},
	notDates: []string{"Campaign start date", "Campaign end date"},
	required: []string{fCampaign, fSpend, fImpressions},
}

// Platform returns "x_ads".
func (XAds) Platform() kpi.Platform { return kpi.XAds }

// Detect accepts a head whose first non-blank row has an X Ads marker
// column (see XAds).
func (XAds) Detect(in *Input) bool { return xExport.detect(in) }

// Import reads an X Ads export (see XAds and aliasExport).
func (XAds) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return xExport.importRows(in, opts, emit)
}
