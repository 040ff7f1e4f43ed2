package kpi

// Actions are the actions a configuration may value for the modelled
// value, in display order.
var Actions = []string{"lead", "purchase", "conversion", "add_to_cart", "checkout", "landing_page_view",
	"link_click", "click", "reaction", "comment", "share", "save", "follow", "video_view", "engagement"}

// TotalMetrics are the goal metrics that are sums rather than KPIs. Each
// is an Operand.
var TotalMetrics = []string{"spend", "other_costs", "total_cost", "revenue", "modelled_value", "impressions",
	"clicks", "link_clicks", "engagements", "conversions", "leads", "purchases"}

// GoalMetrics returns every metric a goal may name: the KPI keys of
// Definitions, then TotalMetrics.
func GoalMetrics() []string {
	var m []string
	for _, k := range Definitions(DefaultChoices()) {
		m = append(m, k.Key)
	}
	return append(m, TotalMetrics...)
}

// OperandField returns the metric an operand needs from the exports
// ("leads" needs FLeads, "revenue" FRevenue); ok is false for the
// money operands every scope has (spend, costs, modelled value).
func OperandField(name string) (f Fields, ok bool) {
	f, ok = operandField[name]
	return f, ok
}
