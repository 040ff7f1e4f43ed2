package deck

import (
	"math"
	"testing"
)

func TestNiceStep(t *testing.T) {
	for raw, want := range map[float64]float64{
		0.7: 1, 1: 1, 1.2: 2, 2: 2, 2.2: 2.5, 3: 5, 7: 10, 110: 200, 0.03: 0.05, 240: 250,
		0: 1, -5: 1, math.NaN(): 1, math.Inf(1): 1,
	} {
		if got := niceStep(raw); math.Abs(got-want) > 1e-12 {
			t.Errorf("niceStep(%g) = %g, want %g", raw, got, want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	tests := []struct {
		hi    float64
		ticks int
		step  float64
		n     int
	}{
		{497, 5, 100, 5},
		{512, 5, 200, 3}, // 0, 200, 400, 600
		{1, 5, 0.2, 5},
		{23_456, 5, 5000, 5},
		{0, 5, 1, 5}, // a flat series still gets an axis
		{math.NaN(), 5, 1, 5},
		{100, 5, 20, 5}, // the top tick is the maximum itself
	}
	for _, tc := range tests {
		step, n := niceScale(tc.hi, tc.ticks)
		if math.Abs(step-tc.step) > 1e-12 || n != tc.n {
			t.Errorf("niceScale(%g, %d) = %g, %d, want %g, %d", tc.hi, tc.ticks, step, n, tc.step, tc.n)
		}
		if tc.hi > 0 && step*float64(n) < tc.hi {
			t.Errorf("niceScale(%g, %d): top %g is below the data", tc.hi, tc.ticks, step*float64(n))
		}
	}
}

func TestSecondScale(t *testing.T) {
	tests := []struct {
		hi       float64
		n        int
		integral bool
		want     float64
	}{
		{21, 3, true, 10}, // 0, 10, 20, 30
		{3, 5, true, 1},   // counts never get 0.6 steps
		{3, 5, false, 1},  // 0.6 rounds up to 1 anyway
		{0.9, 5, false, 0.2},
		{0, 5, true, 1},
	}
	for _, tc := range tests {
		got := secondScale(tc.hi, tc.n, tc.integral)
		if math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("secondScale(%g, %d, %v) = %g, want %g", tc.hi, tc.n, tc.integral, got, tc.want)
		}
		if got*float64(tc.n) < tc.hi {
			t.Errorf("secondScale(%g, %d): top %g is below the data", tc.hi, tc.n, got*float64(tc.n))
		}
	}
}

func TestXLabelStep(t *testing.T) {
	tests := []struct {
		n, bucket   int
		slot, label float64
		want        int
	}{
		{31, 1, 5.5, 8, 7}, // a month: weekly labels
		{10, 1, 11, 8, 1},  // ten days, wide slots: every day
		{15, 1, 5, 8, 3},   // narrow slots: every third day
		{7, 1, 20, 8, 1},
		{53, 7, 3, 8, 5},     // a year by week: labels must not touch
		{200, 1, 0.5, 8, 28}, // daily over 200 days
	}
	for _, tc := range tests {
		got := xLabelStep(tc.n, tc.bucket, tc.slot, tc.label)
		if got != tc.want {
			t.Errorf("xLabelStep(%d, %d, %g, %g) = %d, want %d", tc.n, tc.bucket, tc.slot, tc.label, got, tc.want)
		}
		if float64(got)*tc.slot < tc.label+3 {
			t.Errorf("xLabelStep(%d, %d, %g, %g) = %d: labels overlap", tc.n, tc.bucket, tc.slot, tc.label, got)
		}
	}
}
