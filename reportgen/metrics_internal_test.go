package reportgen

import (
	"slices"
	"testing"

	"github.com/roibook/roibook/kpi"
)

// TestMetricTables: every action a configuration may value has a counter
// here, and every total a goal may name has a label, and nothing more.
func TestMetricTables(t *testing.T) {
	var names []string
	for _, a := range actions {
		names = append(names, a.name)
	}
	if !slices.Equal(names, kpi.Actions) {
		t.Errorf("actions = %v, want kpi.Actions %v", names, kpi.Actions)
	}
	for _, m := range kpi.TotalMetrics {
		if _, ok := totalMetrics[m]; !ok {
			t.Errorf("total %s has no label", m)
		}
	}
	if len(totalMetrics) != len(kpi.TotalMetrics) {
		t.Errorf("%d labels for %d totals", len(totalMetrics), len(kpi.TotalMetrics))
	}
}
