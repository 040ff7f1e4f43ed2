package reportgen

import (
	"fmt"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Report is the computed model of one client's report. Money is in the
// reporting currency, exact; ratios are kpi.Ratio (OK false = undefined).
// Slices are sorted so that the same inputs give the same report.
type Report struct {
	Client        string
	Currency      string // reporting currency, ISO code
	Period        kpi.Period
	BusinessModel string
	RevenueSource string // platforms, ga4 or crm
	Branding      Branding
	Commentary    string
	OnBadRows     string // stop or skip

	// KPIs are the definitions used, in display order, with the choices
	// the configuration made.
	KPIs    []kpi.KPI
	Choices kpi.Choices

	Total     Scope   // every ad platform together
	Platforms []Scope // one per ad platform present, in PlatformOrder
	Rows      []Row   // the ad platforms' reporting grain: the Data sheet

	// Organic pages and channels, web analytics and sales: each nil when
	// no input of its kind is in the report.
	Organic *Organic
	Web     *Channels // GA4
	Sales   *Channels // CRM
	// Together is paid and organic together: every cost, the attributed
	// revenue of both, engagements of both. Nil without organic inputs.
	Together *Scope

	Invoices []InvoiceLine

	// Previous and YearAgo compare the ad platforms' headline figures
	// with the previous period and the same dates a year earlier, each nil
	// when no input row falls in that period. Funnel is the ad platforms'
	// funnel, awareness to purchase.
	Previous, YearAgo *Comparison
	Funnel            *Funnel

	Costs   []CostLine
	Actions []Action // action values behind the modelled value
	Goals   []Goal
	Rates   []RateUsed
	Sources []kpi.FileStats // each input file, export or cost sheet, sorted by name

	Warnings []string
}

// Branding is how the agency brands the report.
type Branding struct {
	Name         string // agency name
	Logo         []byte // PNG, or nil
	PrimaryColor string // "#1F4E79"
	// SecondaryColor is the accent of charts and the cover, "" for the
	// deck's own.
	SecondaryColor string
	ClientLogo     []byte // the client's PNG logo, or nil
	Font           []byte // a TrueType font for the deck, or nil for the embedded Go fonts
}

// A Scope is the figures of the whole report or of one platform.
type Scope struct {
	Platform kpi.Platform // "" for the whole report
	Name     string       // "All platforms", "Meta Ads"
	// Inputs hold the sums (money converted), the scope's other costs, its
	// attributed revenue and its modelled value. For a platform, other
	// costs are the cost lines scoped to that platform only.
	Inputs kpi.Inputs
	// Values holds each KPI by key ("ctr", "roi", ...).
	Values map[string]kpi.Ratio
	// Basis names, for the whole report, the platforms a restricted KPI
	// (kpi.KPI.Restricted) was computed over, when that is not every
	// platform: CPL over the platforms whose exports report leads.
	Basis     map[string][]kpi.Platform
	Campaigns []Campaign // by spend, largest first
	Days      []Day      // in date order; rows covering a span are not in Days
	// Aggregated sums the rows that cover a span rather than a day.
	Aggregated kpi.Totals
	// TopPosts are an organic platform's posts with the most engagements,
	// at most TopPostsMax.
	TopPosts []Post
}

// HasRevenue reports whether the scope has attributed revenue from the
// configured source at all: a LinkedIn export has no conversion value,
// which is not a revenue of 0.
func (s *Scope) HasRevenue() bool { return s.Inputs.Has&kpi.FRevenue != 0 }

// TotalCost is the scope's ad spend plus its other costs.
func (s *Scope) TotalCost() kpi.Money { return s.Inputs.TotalCost() }

// Value returns KPI key for the scope.
func (s *Scope) Value(key string) kpi.Ratio { return s.Values[key] }

// A Campaign is one campaign of one account on one platform.
type Campaign struct {
	Account, Campaign string
	Totals            kpi.Totals // money in the reporting currency
	Values            map[string]kpi.Ratio
}

// A Day is the sums of one day.
type Day struct {
	Day    time.Time
	Totals kpi.Totals
}

// A Row is one row of the Data sheet: the sums of one platform, day (or
// span), account, campaign and original currency. Money is converted to
// the reporting currency with Rate; SpendOriginal and ValueOriginal keep
// the export's figures.
type Row struct {
	Platform          kpi.Platform
	Day               time.Time  // zero when the row covers Span
	Span              kpi.Period // set when Day is zero
	Account, Campaign string
	Currency          string   // the export's currency
	Rate              kpi.Rate // 1 Currency = Rate reporting currency
	SpendOriginal     kpi.Money
	ValueOriginal     kpi.Money  // conversion value as exported
	RevenueOriginal   kpi.Money  // analytics or CRM revenue as exported
	Totals            kpi.Totals // money in the reporting currency
	Source            string     // "meta.csv:2-31", where the row came from

	// Organic rows: the post the row is about.
	Post, PostLink string
	Published      time.Time
	Lifetime       bool // metrics are lifetime totals up to the export date
	// Analytics and sales rows: the platform the row is attributed to.
	Channel kpi.Platform
}

// A CostLine is one cost-sheet line, costed in the reporting currency.
type CostLine struct {
	kpi.Cost
	Rate   kpi.Rate  // conversion of Cost.Currency; 1 for the reporting currency
	Spend  kpi.Money // BasisPercent: the ad spend the percentage applies to
	Amount kpi.Money // the line's cost in the reporting currency
}

// An Action is one valued action: its count in the report and its value.
type Action struct {
	Action string    // "lead"
	Label  string    // "Leads"
	Value  kpi.Money // per unit
	Count  kpi.Qty
	Total  kpi.Money // Count × Value
}

// A Goal is a configured goal and how the report did against it.
type Goal struct {
	Metric    string // KPI key or total name, as configured
	Key       string // the scope's figure that answers it: organic_roi for roi on an organic page
	Label     string
	Platform  kpi.Platform // "" for the whole report
	Direction string       // at_least or at_most
	Format    kpi.Format
	// Target is in display units as configured (percent metrics in
	// percent); TargetValue is in the metric's own units (a fraction for
	// percent metrics), pro-rated to the period for totals.
	Target      float64
	TargetValue float64
	ProRated    bool
	Actual      kpi.Ratio
	Attainment  kpi.Ratio // actual/target for at_least, target/actual for at_most
	Status      string    // met, at risk, missed or n/a (see GoalAtRisk)
}

// A RateUsed is one exchange rate of the rate table.
type RateUsed struct {
	Currency string
	Rate     kpi.Rate
	Used     bool   // some record or cost line was converted with it
	Source   string // "roibook.yaml", or the rates file and how the rate was derived
}

// DataCheck summarizes what a reader of the figures must know about the
// data: exports whose rows do not match their own totals row, malformed
// rows left out. It is "" when there is nothing to say. The deck and the
// workbook's Summary both show it.
func (r *Report) DataCheck() string {
	mismatch, rejected := 0, 0
	for _, s := range r.Sources {
		if s.Check.Status == kpi.CheckMismatch {
			mismatch++
		}
		rejected += len(s.Rejected)
	}
	var parts []string
	switch {
	case mismatch == 1:
		parts = append(parts, "1 export does not match its own totals row")
	case mismatch > 1:
		parts = append(parts, fmt.Sprintf("%d exports do not match their own totals rows", mismatch))
	}
	switch {
	case rejected == 1:
		parts = append(parts, "1 malformed row was left out")
	case rejected > 1:
		parts = append(parts, fmt.Sprintf("%d malformed rows were left out", rejected))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Data check: " + strings.Join(parts, "; ") + ". Details on the workbook's Sources sheet."
}

// PlatformOrder is the fixed order of platforms in the report: ad
// platforms, then organic pages and channels.
var PlatformOrder = []kpi.Platform{kpi.MetaAds, kpi.GoogleAds, kpi.LinkedInAds, kpi.TikTokAds,
	kpi.MicrosoftAds, kpi.XAds, kpi.PinterestAds, kpi.SnapchatAds,
	kpi.MetaPosts, kpi.LinkedInPage, kpi.XOrganic, kpi.YouTube}
