package reportgen

import (
	"encoding/json"
	"math"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Summary is the JSON summary of a report, for scripts and schedulers.
// Money is an exact decimal in the reporting currency; percentages are in
// percent (roi_pct 245.3 = 245.3 %); an undefined ratio is null.
type Summary struct {
	Client    string            `json:"client"`
	Currency  string            `json:"currency"`
	Period    SummaryPeriod     `json:"period"`
	Outputs   SummaryOutputs    `json:"outputs"`
	Totals    Figures           `json:"totals"`
	Platforms []PlatformFigures `json:"platforms"`
	Inputs    []InputSummary    `json:"inputs"`
	Goals     []GoalSummary     `json:"goals"`
	Warnings  []string          `json:"warnings"`
}

// SummaryPeriod is the report period as ISO dates.
type SummaryPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// SummaryOutputs are the files written.
type SummaryOutputs struct {
	Workbook string `json:"workbook,omitempty"`
	Deck     string `json:"deck,omitempty"`
}

// Figures are the headline figures of a scope.
type Figures struct {
	AdSpend            json.Number  `json:"ad_spend"`
	OtherCosts         json.Number  `json:"other_costs"`
	TotalCost          json.Number  `json:"total_cost"`
	Revenue            *json.Number `json:"revenue"` // null when the exports report no revenue
	ModelledValue      json.Number  `json:"modelled_value"`
	MediaROIPct        *float64     `json:"media_roi_pct"`
	ROIPct             *float64     `json:"roi_pct"`
	ROIInclModelledPct *float64     `json:"roi_incl_modelled_pct"`
	ROAS               *float64     `json:"roas"`
	// Counts are null when the scope's exports do not report the metric.
	Impressions *int64       `json:"impressions"`
	Reach       *int64       `json:"reach"`
	Clicks      *int64       `json:"clicks"`
	LinkClicks  *int64       `json:"link_clicks"`
	Engagements *int64       `json:"engagements"`
	Conversions *json.Number `json:"conversions"`
	Leads       *json.Number `json:"leads"`
	Purchases   *json.Number `json:"purchases"`
	CTRPct      *float64     `json:"ctr_pct"`
	CPC         *float64     `json:"cpc"`
	CPM         *float64     `json:"cpm"`
	CPL         *float64     `json:"cpl"`
	CPA         *float64     `json:"cpa"`
}

// PlatformFigures are one platform's figures.
type PlatformFigures struct {
	Platform kpi.Platform `json:"platform"`
	Name     string       `json:"name"`
	Figures
}

// InputSummary is what happened to one input file.
type InputSummary struct {
	File          string       `json:"file"`
	Platform      kpi.Platform `json:"platform"`
	SHA256        string       `json:"sha256"`
	Rows          int          `json:"rows"`
	Used          int          `json:"used"`
	Rejected      int          `json:"rejected"`
	OutsidePeriod int          `json:"outside_period"`
	Skipped       int          `json:"skipped"`
	TotalsCheck   string       `json:"totals_check"`
	RejectedRows  []kpi.Note   `json:"rejected_rows,omitempty"`
}

// GoalSummary is one goal's result.
type GoalSummary struct {
	Metric    string       `json:"metric"`
	Platform  kpi.Platform `json:"platform,omitempty"`
	Direction string       `json:"direction"`
	Target    float64      `json:"target"` // as configured
	// PeriodTarget is the target the period is measured against: a monthly
	// total target pro-rated by days when the period is part of a month.
	PeriodTarget float64  `json:"period_target"`
	ProRated     bool     `json:"pro_rated"`
	Actual       *float64 `json:"actual"`
	Status       string   `json:"status"`
}

// Summarize returns the JSON summary of r with the output paths.
func Summarize(r *Report, workbook, deck string) Summary {
	s := Summary{
		Client: r.Client, Currency: r.Currency,
		Period:   SummaryPeriod{From: r.Period.From.Format(time.DateOnly), To: r.Period.To.Format(time.DateOnly)},
		Outputs:  SummaryOutputs{Workbook: workbook, Deck: deck},
		Totals:   figures(&r.Total),
		Warnings: append([]string{}, r.Warnings...),
		Inputs:   []InputSummary{},
		Goals:    []GoalSummary{},
	}
	s.Platforms = []PlatformFigures{}
	for i := range r.Platforms {
		p := &r.Platforms[i]
		s.Platforms = append(s.Platforms, PlatformFigures{Platform: p.Platform, Name: p.Name, Figures: figures(p)})
	}
	for _, f := range r.Sources {
		s.Inputs = append(s.Inputs, InputSummary{File: f.File, Platform: f.Platform, SHA256: f.SHA256,
			Rows: f.Rows, Used: f.Used, Rejected: len(f.Rejected), OutsidePeriod: f.OutsidePeriod,
			Skipped: len(f.Skipped), TotalsCheck: f.Check.Status, RejectedRows: f.Rejected})
	}
	for _, g := range r.Goals {
		gs := GoalSummary{Metric: g.Metric, Platform: g.Platform, Direction: g.Direction, Target: g.Target,
			PeriodTarget: g.Target, ProRated: g.ProRated, Status: g.Status}
		if g.ProRated {
			gs.PeriodTarget = round6(g.TargetValue)
		}
		if g.Actual.OK {
			v := g.Actual.Value
			if g.Format == kpi.FormatPercent {
				v *= 100
			}
			v = round6(v)
			gs.Actual = &v
		}
		s.Goals = append(s.Goals, gs)
	}
	return s
}

func figures(s *Scope) Figures {
	in := &s.Inputs
	f := Figures{
		AdSpend:            money(in.Spend),
		OtherCosts:         money(in.OtherCosts),
		TotalCost:          money(in.TotalCost()),
		ModelledValue:      money(in.ModelledValue),
		MediaROIPct:        pct(s.Values["media_roi"]),
		ROIPct:             pct(s.Values["roi"]),
		ROIInclModelledPct: pct(s.Values["roi_incl_modelled"]),
		ROAS:               num(s.Values["roas"]),
		Impressions:        count(in.Has, kpi.FImpressions, in.Impressions),
		Clicks:             count(in.Has, kpi.FClicks, in.Clicks),
		LinkClicks:         count(in.Has, kpi.FLinkClicks, in.LinkClicks),
		Engagements:        count(in.Has, kpi.FEngagements, in.Engagements),
		Conversions:        qty(in.Has, kpi.FConversions, in.Conversions),
		Leads:              qty(in.Has, kpi.FLeads, in.Leads),
		Purchases:          qty(in.Has, kpi.FPurchases, in.Purchases),
		CTRPct:             pct(s.Values["ctr"]),
		CPC:                num(s.Values["cpc"]),
		CPM:                num(s.Values["cpm"]),
		CPL:                num(s.Values["cpl"]),
		CPA:                num(s.Values["cpa"]),
	}
	if s.HasRevenue() {
		rev := money(in.Revenue)
		f.Revenue = &rev
	}
	if in.ReachKnown {
		reach := in.Reach
		f.Reach = &reach
	}
	return f
}

func count(has, f kpi.Fields, n int64) *int64 {
	if has&f == 0 {
		return nil
	}
	return &n
}

func qty(has, f kpi.Fields, q kpi.Qty) *json.Number {
	if has&f == 0 {
		return nil
	}
	n := json.Number(q.String())
	return &n
}

func money(m kpi.Money) json.Number { return json.Number(m.String()) }

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func pct(r kpi.Ratio) *float64 {
	if !r.OK {
		return nil
	}
	v := round6(r.Value * 100)
	return &v
}

func num(r kpi.Ratio) *float64 {
	if !r.OK {
		return nil
	}
	v := round6(r.Value)
	return &v
}
