package kpi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A Ratio is a KPI value. OK is false when it is undefined (a zero
// denominator, or a metric the exports do not provide): the workbook shows a
// blank, the deck "n/a" and the JSON null, never 0.
type Ratio struct {
	Value float64
	OK    bool
}

func ratio(num, den float64) Ratio {
	if den == 0 {
		return Ratio{}
	}
	return Ratio{Value: num / den, OK: true}
}

// MarshalJSON writes the value, or null when undefined.
func (r Ratio) MarshalJSON() ([]byte, error) {
	if !r.OK {
		return []byte("null"), nil
	}
	return json.Marshal(r.Value)
}

// Format says how a figure is displayed.
type Format int

// The display formats. Percent values are fractions (0.0213 shows as 2.13%),
// as Excel stores them.
const (
	FormatNumber  Format = iota // 1,234
	FormatMoney                 // € 1,234.56 in the reporting currency
	FormatPercent               // 2.13%
	FormatRatio                 // 4.21 (ROAS, frequency)
)

// Inputs are what the KPI formulas read: the sums of a scope (the whole
// report or one platform) plus its costs and values in the reporting currency.
type Inputs struct {
	Totals
	OtherCosts    Money // cost-sheet lines for this scope
	Revenue       Money // attributed revenue, from the configured source
	ModelledValue Money // Σ action count × value per action
}

// TotalCost is ad spend plus every other cost.
func (in Inputs) TotalCost() Money { return in.Spend + in.OtherCosts }

// Choices select between the real alternatives of kpi-definitions.md.
type Choices struct {
	CTRClicks         string // "link_clicks" (default) or "clicks"
	CPCClicks         string // "link_clicks" (default) or "clicks"
	EngagementBase    string // "impressions" (default), "reach" or "followers"
	ConversionBase    string // "link_clicks" (default), "impressions" or "reach"
	PrimaryConversion string // "conversions" (default), "purchases" or "leads"
}

// DefaultChoices returns the defaults of kpi-definitions.md.
func DefaultChoices() Choices {
	return Choices{CTRClicks: "link_clicks", CPCClicks: "link_clicks", EngagementBase: "impressions",
		ConversionBase: "link_clicks", PrimaryConversion: "conversions"}
}

// A KPI is defined once: its formula in words, its Excel form and its
// display format. Excel is a formula over operands in braces ({spend},
// {link_clicks}, ...; see Operands) that the workbook replaces with cell
// references; it yields "" when the denominator is 0.
type KPI struct {
	Key     string // "ctr", used in JSON and defined names
	Name    string // "CTR"
	Formula string // "link clicks / impressions × 100"
	Excel   string
	Format  Format
	// Needs lists the metrics the KPI reads; it is undefined for a scope
	// whose exports provide none of a needed metric.
	Needs   []Fields
	Compute func(in Inputs) Ratio
}

// Operands are the names a KPI's Excel form may use, each a sum over the scope.
var Operands = []string{"spend", "impressions", "reach", "clicks", "link_clicks", "engagements",
	"leads", "conversions", "purchases", "revenue", "other_costs", "total_cost", "modelled_value",
	"posts", "followers", "video_views", "watch_hours"}

// Operand returns the value of a named operand for in, as a float.
func Operand(in Inputs, name string) float64 {
	switch name {
	case "spend":
		return in.Spend.Float64()
	case "impressions":
		return float64(in.Impressions)
	case "reach":
		return float64(in.Reach)
	case "clicks":
		return float64(in.Clicks)
	case "link_clicks":
		return float64(in.LinkClicks)
	case "engagements":
		return float64(in.Engagements)
	case "leads":
		return in.Leads.Float64()
	case "conversions":
		return in.Conversions.Float64()
	case "purchases":
		return in.Purchases.Float64()
	case "revenue":
		return in.Revenue.Float64()
	case "other_costs":
		return in.OtherCosts.Float64()
	case "total_cost":
		return in.TotalCost().Float64()
	case "modelled_value":
		return in.ModelledValue.Float64()
	case "posts":
		return float64(in.Posts)
	case "followers":
		return float64(in.Followers)
	case "video_views":
		return float64(in.VideoViews)
	case "watch_hours":
		return in.WatchHours.Float64()
	}
	panic("kpi: unknown operand " + name)
}

var operandField = map[string]Fields{
	"impressions": FImpressions, "reach": FReach, "clicks": FClicks, "link_clicks": FLinkClicks,
	"engagements": FEngagements, "leads": FLeads, "conversions": FConversions, "purchases": FPurchases,
	// Attributed revenue comes from the configured source: a scope with no
	// revenue from it (a LinkedIn export has no conversion value) has no
	// revenue, which is not a revenue of 0. Scopes set FRevenue.
	"revenue":   FRevenue,
	"posts":     FPosts,
	"followers": FFollowers, "video_views": FVideoViews, "watch_hours": FWatchTime,
}

var operandWords = map[string]string{
	"link_clicks": "link clicks", "clicks": "all clicks", "impressions": "impressions", "reach": "reach",
	"conversions": "conversions", "purchases": "purchases", "leads": "leads", "followers": "followers",
	"posts": "posts", "engagements": "engagements", "total_cost": "total cost",
}

// div builds a KPI computing num/den×scale, blank when den is 0.
func div(key, name, num, den string, scale float64, f Format, words string) KPI {
	excel := fmt.Sprintf(`IF({%s}=0,"",{%s}/{%s})`, den, num, den)
	if scale != 1 {
		excel = fmt.Sprintf(`IF({%s}=0,"",{%s}*%g/{%s})`, den, num, scale, den)
	}
	var needs []Fields
	for _, o := range []string{num, den} {
		if fl, ok := operandField[o]; ok {
			needs = append(needs, fl)
		}
	}
	return KPI{Key: key, Name: name, Formula: words, Excel: excel, Format: f, Needs: needs,
		Compute: func(in Inputs) Ratio {
			if den == "reach" && !in.ReachKnown || den == "followers" && !in.FollowersKnown {
				return Ratio{}
			}
			r := ratio(Operand(in, num)*scale, Operand(in, den))
			return r
		}}
}

// Definitions returns every KPI of a report, in display order, for the
// given choices.
func Definitions(c Choices) []KPI {
	d := DefaultChoices()
	if c.CTRClicks == "" {
		c.CTRClicks = d.CTRClicks
	}
	if c.CPCClicks == "" {
		c.CPCClicks = d.CPCClicks
	}
	if c.EngagementBase == "" {
		c.EngagementBase = d.EngagementBase
	}
	if c.ConversionBase == "" {
		c.ConversionBase = d.ConversionBase
	}
	if c.PrimaryConversion == "" {
		c.PrimaryConversion = d.PrimaryConversion
	}
	w := func(op string) string { return operandWords[op] }
	roi := func(key, name, num, den, words string) KPI {
		return KPI{Key: key, Name: name, Formula: words, Format: FormatPercent, Needs: []Fields{FRevenue},
			Excel: fmt.Sprintf(`IF({%s}=0,"",(%s-{%s})/{%s})`, den, num, den, den),
			Compute: func(in Inputs) Ratio {
				n := 0.0
				for _, op := range strings.Split(num, "+") {
					n += Operand(in, strings.Trim(op, "{}"))
				}
				d := Operand(in, den)
				return ratio(n-d, d)
			}}
	}
	return []KPI{
		div("ctr", "CTR", c.CTRClicks, "impressions", 1, FormatPercent, w(c.CTRClicks)+" / impressions × 100"),
		div("cpc", "CPC", "spend", c.CPCClicks, 1, FormatMoney, "spend / "+w(c.CPCClicks)),
		div("cpm", "CPM", "spend", "impressions", 1000, FormatMoney, "spend / impressions × 1000"),
		div("frequency", "Frequency", "impressions", "reach", 1, FormatRatio, "impressions / reach, only where the export gives reach for the scope"),
		div("engagement_rate", "Engagement rate", "engagements", c.EngagementBase, 1, FormatPercent, "engagements / "+w(c.EngagementBase)+" × 100"),
		div("conversion_rate", "Conversion rate", c.PrimaryConversion, c.ConversionBase, 1, FormatPercent, w(c.PrimaryConversion)+" / "+w(c.ConversionBase)+" × 100"),
		div("cpl", "CPL", "spend", "leads", 1, FormatMoney, "spend / leads"),
		div("cpa", "CPA", "spend", c.PrimaryConversion, 1, FormatMoney, "spend / "+w(c.PrimaryConversion)),
		div("cpe", "Cost per engagement", "spend", "engagements", 1, FormatMoney, "spend / engagements"),
		div("roas", "ROAS", "revenue", "spend", 1, FormatRatio, "attributed revenue / ad spend (same currency)"),
		roi("media_roi", "Media ROI", "{revenue}", "spend", "(attributed revenue − ad spend) × 100 / ad spend"),
		roi("roi", "Full-cost ROI", "{revenue}", "total_cost", "(attributed revenue − total cost) × 100 / total cost"),
		roi("roi_incl_modelled", "ROI incl. modelled value", "{revenue}+{modelled_value}", "total_cost",
			"(attributed revenue + modelled value − total cost) × 100 / total cost"),
	}
}

// OrganicDefinitions returns the KPIs of organic pages and channels, in
// display order. Organic has no spend: its cost is the cost-sheet lines
// scoped to the platform (staff time, production), so cost per engagement
// and ROI read total cost.
func OrganicDefinitions(c Choices) []KPI {
	base := c.EngagementBase
	if base == "" {
		base = DefaultChoices().EngagementBase
	}
	roi, _ := Find(Definitions(c), "roi")
	roi.Key, roi.Name = "organic_roi", "Organic ROI"
	return []KPI{
		div("engagement_rate", "Engagement rate", "engagements", base, 1, FormatPercent, "engagements / "+operandWords[base]+" × 100"),
		div("engagements_per_post", "Engagements per post", "engagements", "posts", 1, FormatRatio, "engagements / posts published"),
		div("ctr", "CTR", "link_clicks", "impressions", 1, FormatPercent, "link clicks / impressions × 100"),
		costPerEngagement(),
		roi,
	}
}

// costPerEngagement is an organic page's cost per engagement. Its cost is
// the cost-sheet lines scoped to it: with none, the cost is not known, so
// the KPI is blank, not 0.
func costPerEngagement() KPI {
	k := div("cost_per_engagement", "Cost per engagement", "total_cost", "engagements", 1, FormatMoney,
		"cost of the page (cost-sheet lines scoped to it) / engagements; undefined when no cost line is scoped to it")
	k.Excel = `IF(OR({engagements}=0,{total_cost}=0),"",{total_cost}/{engagements})`
	compute := k.Compute
	k.Compute = func(in Inputs) Ratio {
		if in.TotalCost() == 0 {
			return Ratio{}
		}
		return compute(in)
	}
	return k
}

// Find returns the KPI with key from defs.
func Find(defs []KPI, key string) (KPI, bool) {
	for _, k := range defs {
		if k.Key == key {
			return k, true
		}
	}
	return KPI{}, false
}

// Restricted reports whether k reads a count that some exports do not
// report (link clicks, leads, reach, ...). Over several platforms such a
// KPI is computed from the platforms that report all it needs: a CPL over
// all spend, including the spend of a platform without a leads column,
// would divide cost that could not produce a counted lead. Revenue-based
// KPIs (ROAS and the ROIs) are not restricted: all cost counts against the
// attributed revenue.
func (k KPI) Restricted() bool {
	for _, f := range k.Needs {
		if f != FRevenue {
			return true
		}
	}
	return false
}

// Covers reports whether has holds every metric k needs.
func (k KPI) Covers(has Fields) bool {
	for _, f := range k.Needs {
		if has&f == 0 {
			return false
		}
	}
	return true
}

// Value computes k for in, undefined when in's exports lack a needed metric.
func (k KPI) Value(in Inputs) Ratio {
	for _, f := range k.Needs {
		if in.Has&f == 0 {
			return Ratio{}
		}
	}
	return k.Compute(in)
}
