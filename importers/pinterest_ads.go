package importers

import "github.com/roibook/roibook/kpi"

// Pinterest reads Pinterest Ads Manager reporting exports (Ads → Reporting →
// Export). Low confidence: no real export has been found, so the columns
// come from an importer's alias list (idx:56873376377: "Spend in account
// currency", "Impression(s)", "Outbound clicks", "Pin clicks", "Total
// conversions", "Total conversion value", "ROAS", "CTR", "eCTR", "CPA",
// "Date", "Campaign name", "Campaign ID"), Pinterest's reporting help
// (Spend, Impressions, Pin clicks, Outbound clicks, Cost per result, CTR)
// and the display names of Pinterest's reporting API metrics (Paid
// impressions, Earned impressions, Paid Pin clicks, Spend in account
// currency, Reach, Saves, Engagements). A header the importer expects:
//
//	Date,Campaign name,Campaign ID,Ad group name,Spend in account currency,Impressions,
//	Pin clicks,Outbound clicks,CTR,eCTR,Total conversions,Total conversion value,ROAS,CPA
//
// Mapping: "Spend in account currency" (else "Spend") → spend, in the
// currency of a Currency column or of the input's configured currency;
// "Impressions" (else "Paid impressions") → impressions; "Pin clicks" →
// clicks; "Outbound clicks" (clicks to the destination URL) → link clicks;
// "Total conversions" → conversions; "Total conversion value" → conversion
// value (platform-reported). CTR, eCTR, CPC, CPM, CPA, ROAS and the other
// rates are recognised and never read.
//
// Detection needs one of "Spend in account currency", "Pin clicks", "Paid
// Pin clicks", "Earned Pin clicks", "Earned impressions", "Paid outbound
// clicks", "Earned outbound clicks" or "eCTR". "Outbound clicks" alone is
// not a marker: Meta Ads Manager has a column of that name too.
//
// A risk to check with a real file: Pinterest's API documents "Spend in
// account currency" as micro-units; a UI export in micro-units would read a
// million times too high (the low-confidence warning asks for the totals to
// be compared with Ads Manager).
type Pinterest struct{}

var pinterestExport = &aliasExport{
	platform: kpi.PinterestAds,
	name:     "Pinterest Ads",
	cols: []col{
		{fDay, []string{"Date", "Day", "Time period"}},
		{fAccount, []string{"Ad account name", "Account name"}},
		{fCampaign, []string{"Campaign name", "Campaign"}},
		{fCampaignID, []string{"Campaign ID"}},
		{fAdSet, []string{"Ad group name", "Ad group"}},
		{fAd, []string{"Ad name", "Promoted Pin name"}},
		{fCurrency, []string{"Currency", "Account currency"}},
		{fSpend, []string{"Spend in account currency", "Spend"}},
		{fImpressions, []string{"Impressions", "Impression", "Total impressions", "Paid impressions"}},
		{fReach, []string{"Reach"}},
		{fClicks, []string{"Pin clicks", "Total Pin clicks", "Paid Pin clicks"}},
		{fLinkClicks, []string{"Outbound clicks", "Paid outbound clicks"}},
		{fSaves, []string{"Saves", "Paid saves"}},
		{fEngagements, []string{"Engagements", "Paid engagements"}},
		{fVideoViews, []string{"Video views"}},
		{fConversions, []string{"Total conversions", "Conversions"}},
		{fConversionValue, []string{"Total conversion value", "Conversion value"}},
	},
	markers: []string{"Spend in account currency", "Pin clicks", "Paid Pin clicks", "Earned Pin clicks",
		"Earned impressions", "Paid outbound clicks", "Earned outbound clicks", "eCTR"},
	ratios: []string{"CTR", "eCTR", "Paid CTR", "Earned CTR", "CPC", "eCPC", "CPM", "eCPM", "CPA", "ROAS",
		"Cost per result", "Engagement rate", "Save rate", "Paid save rate", "Total save rate",
		"Outbound click rate", "Pin click rate", "Conversion rate", "Frequency", "CPE", "CPV"},
	required: []string{fCampaign, fSpend, fImpressions},
}

// Platform returns "pinterest_ads".
func (Pinterest) Platform() kpi.Platform { return kpi.PinterestAds }

// Detect accepts a head whose first non-blank row has a Pinterest marker
// column (see Pinterest).
func (Pinterest) Detect(in *Input) bool { return pinterestExport.detect(in) }

// Import reads a Pinterest Ads export (see Pinterest and aliasExport).
func (Pinterest) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return pinterestExport.importRows(in, opts, emit)
}
