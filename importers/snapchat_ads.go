package importers

import "github.com/roibook/roibook/kpi"

// Snapchat reads Snapchat Ads Manager exports. Low confidence: no real
// export has been found. The columns come from an importer's alias list
// (idx:56873376377: "Spend"/"Amount Spent", "Impressions", "Swipe Ups",
// "Clicks", "Conversions", "Purchases", "Swipe Up Rate", "eCPA", "Campaign
// Name", "Campaign ID"), a parser's test naming "Start Time", "End Time",
// "Paid Impressions" and "Swipe Ups" with times like "2026-09-01 00:00:00"
// (idx:71164785209, written by hand) and connector field lists (Swipes,
// Paid impressions, Swipe up rate, Purchase Value; Ad Squad for the ad
// set). A header the importer expects:
//
//	Start Time,End Time,Campaign Name,Campaign ID,Ad Squad Name,Currency,Amount Spent,
//	Paid Impressions,Swipe Ups,Swipe Up Rate,eCPSU,Conversions
//
// Mapping: "Spend" (else "Amount Spent") → spend; "Paid Impressions" (else
// "Impressions") → impressions, the impressions paid for; "Swipe Ups" (or
// "Swipes") → link clicks: a swipe up opens the ad's attachment, the
// website for a traffic ad; "Clicks" → clicks; "Conversions" →
// conversions, "Purchases" → purchases, "Purchase Value" → conversion value.
// Dates: a "Date"/"Day" column, or a "Start Time"/"End Time" pair; an end
// at midnight is exclusive, and a pair covering more than a day makes the
// row an aggregate over those days. A "Start Date" column alone (in the alias
// list) is not read: it may be the campaign's start, not the row's. Swipe Up Rate, eCPM, eCPSU, eCPA, ROAS
// and the other rates are recognised and never read.
//
// Detection needs one of "Swipe Ups", "Swipe-ups", "Swipes", "Swipe Up
// Rate", "eCPSU", "Ad Squad Name" or "Ad Squad ID". "Paid Impressions" is
// not a marker: Pinterest has a column of that name too.
type Snapchat struct{}

var snapchatExport = &aliasExport{
	platform: kpi.SnapchatAds,
	name:     "Snapchat Ads",
	cols: []col{
		{fDay, []string{"Date", "Day", "Time period"}},
		{fStart, []string{"Start Time"}},
		{fEnd, []string{"End Time"}},
		{fAccount, []string{"Ad Account Name", "Account Name"}},
		{fCampaign, []string{"Campaign Name", "Campaign"}},
		{fCampaignID, []string{"Campaign ID"}},
		{fAdSet, []string{"Ad Squad Name", "Ad Squad"}},
		{fAd, []string{"Ad Name", "Ad"}},
		{fCurrency, []string{"Currency"}},
		{fSpend, []string{"Spend", "Amount Spent"}},
		{fImpressions, []string{"Paid Impressions", "Impressions"}},
		{fLinkClicks, []string{"Swipe Ups", "Swipe-ups", "Swipes"}},
		{fClicks, []string{"Clicks"}},
		{fVideoViews, []string{"Video Views"}},
		{fConversions, []string{"Conversions", "Total Conversions"}},
		{fPurchases, []string{"Purchases"}},
		{fConversionValue, []string{"Purchase Value", "Purchases Value"}},
	},
	markers: []string{"Swipe Ups", "Swipe-ups", "Swipes", "Swipe Up Rate", "eCPSU", "Ad Squad Name", "Ad Squad ID"},
	ratios: []string{"Swipe Up Rate", "eCPM", "eCPSU", "Cost per Swipe Up", "eCPA", "CPA", "CPM", "CTR",
		"ROAS", "eCPV", "Frequency"},
	required: []string{fCampaign, fSpend, fImpressions},
}

// Platform returns "snapchat_ads".
func (Snapchat) Platform() kpi.Platform { return kpi.SnapchatAds }

// Detect accepts a head whose first non-blank row has a Snapchat marker
// column (see Snapchat).
func (Snapchat) Detect(in *Input) bool { return snapchatExport.detect(in) }

// Import reads a Snapchat Ads export (see Snapchat and aliasExport).
func (Snapchat) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return snapchatExport.importRows(in, opts, emit)
}
