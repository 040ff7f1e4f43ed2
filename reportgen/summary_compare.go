package reportgen

import (
	"time"

	"github.com/roibook/roibook/kpi"
)

// ComparisonSummary is a comparison period in the JSON summary: the ad
// platforms together, media figures only. Figures and changes are keyed
// like Figures' fields (ad_spend, roi_pct, cpl ...); a figure the
// comparison does not define is null, and so is every change of a
// partial comparison.
type ComparisonSummary struct {
	Period  SummaryPeriod       `json:"period"`
	Covered *SummaryPeriod      `json:"covered"` // null when no day is covered by every export
	Partial bool                `json:"partial"`
	Notes   []string            `json:"notes"`
	Rows    int                 `json:"rows"`
	Figures map[string]*float64 `json:"figures"`
	// Change is this period minus the comparison (percentages in
	// percentage points); ChangePct is that change in percent of the
	// comparison's figure.
	Change    map[string]*float64 `json:"change"`
	ChangePct map[string]*float64 `json:"change_pct"`
}

// FunnelSummary is the ad platforms' funnel in the JSON summary.
type FunnelSummary struct {
	Platforms []kpi.Platform       `json:"platforms"`
	Stages    []FunnelStageSummary `json:"stages"`
	Rates     []FunnelRateSummary  `json:"conversions"`
}

// FunnelStageSummary is one stage: each metric for all platforms and per
// platform (in FunnelSummary.Platforms order); null where not reported.
type FunnelStageSummary struct {
	Stage    string                `json:"stage"`
	Headline string                `json:"headline"`
	Metrics  []FunnelMetricSummary `json:"metrics"`
}

// FunnelMetricSummary is one funnel metric.
type FunnelMetricSummary struct {
	Metric    string     `json:"metric"`
	Total     *float64   `json:"total"`
	Platforms []*float64 `json:"platforms"`
}

// FunnelRateSummary is the conversion from one stage to the next, in
// percent; Basis names the platforms the total is over when not all.
type FunnelRateSummary struct {
	From      string         `json:"from"`
	To        string         `json:"to"`
	TotalPct  *float64       `json:"total_pct"`
	Platforms []*float64     `json:"platforms_pct"`
	Basis     []kpi.Platform `json:"basis,omitempty"`
}

// comparisonFigures maps the JSON names of a comparison's figures to the
// report's figure keys.
var comparisonFigures = []struct{ name, key string }{
	{"ad_spend", "spend"}, {"revenue", "revenue"}, {"modelled_value", "modelled_value"},
	{"media_roi_pct", "media_roi"}, {"roas", "roas"}, {"impressions", "impressions"}, {"clicks", "clicks"},
	{"link_clicks", "link_clicks"}, {"engagements", "engagements"}, {"conversions", "conversions"},
	{"leads", "leads"}, {"purchases", "purchases"}, {"ctr_pct", "ctr"}, {"cpc", "cpc"}, {"cpm", "cpm"},
	{"cpl", "cpl"}, {"cpa", "cpa"},
}

// percentKey reports whether a figure is a percentage (shown ×100).
func percentKey(r *Report, key string) bool {
	k, ok := kpi.Find(r.KPIs, key)
	return ok && k.Format == kpi.FormatPercent
}

// comparisonSummary returns the JSON form of c, nil for nil.
func comparisonSummary(r *Report, c *Comparison) *ComparisonSummary {
	if c == nil {
		return nil
	}
	out := &ComparisonSummary{
		Period:  SummaryPeriod{From: c.Period.From.Format(time.DateOnly), To: c.Period.To.Format(time.DateOnly)},
		Partial: c.Partial, Notes: append([]string{}, c.Notes...), Rows: c.Rows,
		Figures: map[string]*float64{}, Change: map[string]*float64{}, ChangePct: map[string]*float64{},
	}
	if !c.Covered.IsZero() {
		out.Covered = &SummaryPeriod{From: c.Covered.From.Format(time.DateOnly), To: c.Covered.To.Format(time.DateOnly)}
	}
	for _, f := range comparisonFigures {
		v := c.Figure(f.key)
		diff, frac := r.Change(c, f.key)
		if percentKey(r, f.key) {
			// A percentage changes by points; as in the workbook, its
			// relative change is not given.
			out.Figures[f.name], out.Change[f.name], out.ChangePct[f.name] = pct(v), pct(diff), nil
		} else {
			out.Figures[f.name], out.Change[f.name], out.ChangePct[f.name] = num(v), num(diff), pct(frac)
		}
	}
	return out
}

// funnelSummary returns the JSON form of the report's funnel, nil without.
func funnelSummary(r *Report) *FunnelSummary {
	fn := r.Funnel
	if fn == nil {
		return nil
	}
	out := &FunnelSummary{Platforms: []kpi.Platform{}, Stages: []FunnelStageSummary{}, Rates: []FunnelRateSummary{}}
	for _, s := range r.Platforms {
		out.Platforms = append(out.Platforms, s.Platform)
	}
	for _, st := range fn.Stages {
		ss := FunnelStageSummary{Stage: st.Key, Headline: st.Headline, Metrics: []FunnelMetricSummary{}}
		for _, m := range st.Metrics {
			ms := FunnelMetricSummary{Metric: m.Key, Total: num(m.Total), Platforms: []*float64{}}
			for _, v := range m.Platforms {
				ms.Platforms = append(ms.Platforms, num(v))
			}
			ss.Metrics = append(ss.Metrics, ms)
		}
		out.Stages = append(out.Stages, ss)
		if fr := st.ToNext; fr != nil {
			rs := FunnelRateSummary{From: fr.From, To: fr.To, TotalPct: pct(fr.Total), Platforms: []*float64{}, Basis: fr.Basis}
			for _, v := range fr.Platforms {
				rs.Platforms = append(rs.Platforms, pct(v))
			}
			out.Rates = append(out.Rates, rs)
		}
	}
	return out
}
