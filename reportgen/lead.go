package reportgen

// A LeadKPI is the KPI a business model judges campaigns by, and which
// way is better.
type LeadKPI struct {
	Key           string // a kpi.Definitions key: roas, cpl, ...
	LowerIsBetter bool
}

// leadKPIs lists, per business model, the KPIs that lead it, first
// choice first (product.md: an online shop judges by link clicks,
// purchases and ROAS; B2B and SaaS by leads and cost per lead; a shop
// with stores by reach and impressions; a publisher by engagement).
var leadKPIs = map[string][]LeadKPI{
	"ecommerce": {{"roas", false}, {"cpa", true}, {"cpc", true}},
	"b2b":       {{"cpl", true}, {"cpa", true}, {"cpc", true}},
	"saas":      {{"cpl", true}, {"cpa", true}, {"cpc", true}},
	"local":     {{"cpm", true}, {"ctr", false}},
	"publisher": {{"engagement_rate", false}, {"cpm", true}},
}

// LeadKPIs returns the KPIs a business model ranks campaigns by, first
// choice first; an unknown model is judged like an online shop. A caller
// takes the first one a platform's exports can compute.
func LeadKPIs(businessModel string) []LeadKPI {
	if l, ok := leadKPIs[businessModel]; ok {
		return l
	}
	return leadKPIs["ecommerce"]
}

// Rank returns the 1-based rank of each campaign of s by lead (1 = best;
// ties share a rank, as Excel's RANK gives them) and 0 for a campaign
// whose value is undefined.
func (s *Scope) Rank(lead LeadKPI) []int {
	ranks := make([]int, len(s.Campaigns))
	for i, c := range s.Campaigns {
		v := c.Values[lead.Key]
		if !v.OK {
			continue
		}
		ranks[i] = 1
		for _, o := range s.Campaigns {
			w := o.Values[lead.Key]
			if w.OK && (lead.LowerIsBetter && w.Value < v.Value || !lead.LowerIsBetter && w.Value > v.Value) {
				ranks[i]++
			}
		}
	}
	return ranks
}
