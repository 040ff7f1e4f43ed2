package reportgen

import (
	"slices"
	"testing"

	"github.com/roibook/roibook/kpi"
)

// TestScopeRank: ranks by a lead KPI, best first, ties sharing a rank as
// Excel's RANK gives them, 0 where the KPI is undefined.
func TestScopeRank(t *testing.T) {
	camp := func(v float64, ok bool) Campaign {
		return Campaign{Values: map[string]kpi.Ratio{"x": {Value: v, OK: ok}}}
	}
	s := &Scope{Campaigns: []Campaign{camp(2, true), camp(5, true), camp(0, false), camp(2, true), camp(1, true)}}
	if got, want := s.Rank(LeadKPI{Key: "x"}), []int{2, 1, 0, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("higher is better: ranks %v, want %v", got, want)
	}
	if got, want := s.Rank(LeadKPI{Key: "x", LowerIsBetter: true}), []int{2, 4, 0, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("lower is better: ranks %v, want %v", got, want)
	}
	if LeadKPIs("b2b")[0].Key != "cpl" || LeadKPIs("nonsense")[0].Key != "roas" {
		t.Errorf("LeadKPIs: b2b %v, unknown %v", LeadKPIs("b2b"), LeadKPIs("nonsense"))
	}
}
