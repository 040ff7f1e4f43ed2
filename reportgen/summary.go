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
	// Organic, Web, Sales and Together are null when the report has no
	// input of their kind.
	Organic  *OrganicSummary  `json:"organic"`
	Web      *ChannelsSummary `json:"web"`
	Sales    *ChannelsSummary `json:"sales"`
	Together *TogetherFigures `json:"paid_and_organic"`
	Invoices []InvoiceSummary `json:"invoices"`
	Inputs   []InputSummary   `json:"inputs"`
	Goals    []GoalSummary    `json:"goals"`
	Warnings []string         `json:"warnings"`
	// Funnel is the ad platforms' funnel; Previous and YearAgo the
	// comparisons, each null when the inputs hold no row of its period.
	Funnel   *FunnelSummary     `json:"funnel"`
	Previous *ComparisonSummary `json:"previous_period"`
	YearAgo  *ComparisonSummary `json:"year_ago"`
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

// OrganicSummary is the organic part: every organic platform together,
// then each. RevenueSource is ga4, crm or "" (no attributed revenue).
type OrganicSummary struct {
	RevenueSource string           `json:"revenue_source"`
	Lifetime      bool             `json:"lifetime_metrics"`
	Totals        OrganicFigures   `json:"totals"`
	Platforms     []OrganicFigures `json:"platforms"`
}

// OrganicFigures are the figures of an organic scope.
type OrganicFigures struct {
	Platform           kpi.Platform `json:"platform,omitempty"`
	Name               string       `json:"name"`
	Posts              *int64       `json:"posts"`
	Impressions        *int64       `json:"impressions"`
	Reach              *int64       `json:"reach"`
	Engagements        *int64       `json:"engagements"`
	LinkClicks         *int64       `json:"link_clicks"`
	Follows            *int64       `json:"follows"`
	Followers          *int64       `json:"followers"` // at the end of the period
	VideoViews         *int64       `json:"video_views"`
	WatchHours         *json.Number `json:"watch_hours"`
	Cost               json.Number  `json:"cost"`
	Revenue            *json.Number `json:"revenue"`
	EngagementRatePct  *float64     `json:"engagement_rate_pct"`
	EngagementsPerPost *float64     `json:"engagements_per_post"`
	CostPerEngagement  *float64     `json:"cost_per_engagement"`
	OrganicROIPct      *float64     `json:"organic_roi_pct"`
	TopPostLinks       []string     `json:"top_posts,omitempty"`
	TopPostEngagements []int64      `json:"top_post_engagements,omitempty"`
}

// ChannelsSummary is web analytics or sales by channel.
type ChannelsSummary struct {
	Total    ChannelFigures   `json:"total"`
	Social   ChannelFigures   `json:"social"`
	Channels []ChannelFigures `json:"channels"`
}

// ChannelFigures are one channel's figures; Channel is "" for the rows
// attributed to no platform.
type ChannelFigures struct {
	Channel            kpi.Platform `json:"channel"`
	Name               string       `json:"name"`
	Sessions           *int64       `json:"sessions,omitempty"`
	EngagedSessions    *int64       `json:"engaged_sessions,omitempty"`
	KeyEvents          *json.Number `json:"key_events,omitempty"`
	Leads              *json.Number `json:"leads,omitempty"`
	Customers          *json.Number `json:"customers,omitempty"`
	Revenue            *json.Number `json:"revenue"`
	EngagementRatePct  *float64     `json:"engagement_rate_pct,omitempty"`
	KeyEventRatePct    *float64     `json:"key_event_rate_pct,omitempty"`
	LeadConversionPct  *float64     `json:"lead_conversion_rate_pct,omitempty"`
	RevenuePerCustomer *float64     `json:"revenue_per_customer,omitempty"`
}

// TogetherFigures are paid and organic together.
type TogetherFigures struct {
	AdSpend     json.Number  `json:"ad_spend"`
	OtherCosts  json.Number  `json:"other_costs"`
	TotalCost   json.Number  `json:"total_cost"`
	Revenue     *json.Number `json:"revenue"`
	Engagements *int64       `json:"engagements"`
	ROIPct      *float64     `json:"roi_pct"`
}

// InvoiceSummary is one invoice, converted.
type InvoiceSummary struct {
	Platform kpi.Platform `json:"platform,omitempty"`
	Account  string       `json:"account"`
	Number   string       `json:"number"`
	Date     string       `json:"date"`
	Currency string       `json:"currency"`
	Amount   json.Number  `json:"amount"`
	Tax      json.Number  `json:"tax"`
	// Gross is in the reporting currency; null when the invoice's currency
	// has no rate.
	Gross *json.Number `json:"gross_converted"`
	Paid  string       `json:"paid,omitempty"`
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
	Replaced      int          `json:"replaced,omitempty"`
	TotalsCheck   string       `json:"totals_check"`
	RejectedRows  []kpi.Note   `json:"rejected_rows,omitempty"`
	// ComparisonRows are the rows outside the period read for the
	// comparisons; they are in OutsidePeriod too.
	ComparisonRows int `json:"comparison_rows,omitempty"`
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
			Skipped: len(f.Skipped), Replaced: f.Replaced, ComparisonRows: f.Comparison, TotalsCheck: f.Check.Status, RejectedRows: f.Rejected})
	}
	if o := r.Organic; o != nil {
		os := &OrganicSummary{RevenueSource: o.RevenueSource, Lifetime: o.Lifetime, Totals: organicFigures(&o.Total),
			Platforms: []OrganicFigures{}}
		for i := range o.Platforms {
			os.Platforms = append(os.Platforms, organicFigures(&o.Platforms[i]))
		}
		s.Organic = os
	}
	s.Web = channelsSummary(r.Web)
	s.Sales = channelsSummary(r.Sales)
	if t := r.Together; t != nil {
		in := &t.Inputs
		tf := &TogetherFigures{AdSpend: money(in.Spend), OtherCosts: money(in.OtherCosts), TotalCost: money(in.TotalCost()),
			Engagements: count(in.Has, kpi.FEngagements, in.Engagements),
			ROIPct:      pct(t.Values["roi"])}
		if t.HasRevenue() {
			rev := money(in.Revenue)
			tf.Revenue = &rev
		}
		s.Together = tf
	}
	s.Invoices = []InvoiceSummary{}
	for _, inv := range r.Invoices {
		is := InvoiceSummary{Platform: inv.Platform, Account: inv.Account, Number: inv.Number,
			Currency: inv.Currency, Amount: money(inv.Amount), Tax: money(inv.Tax)}
		if !inv.Date.IsZero() {
			is.Date = inv.Date.Format(time.DateOnly)
		}
		if !inv.Paid.IsZero() {
			is.Paid = inv.Paid.Format(time.DateOnly)
		}
		if !inv.Unconverted {
			g := money(inv.GrossConv)
			is.Gross = &g
		}
		s.Invoices = append(s.Invoices, is)
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
	s.Funnel = funnelSummary(r)
	s.Previous, s.YearAgo = comparisonSummary(r, r.Previous), comparisonSummary(r, r.YearAgo)
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

func organicFigures(s *Scope) OrganicFigures {
	in := &s.Inputs
	f := OrganicFigures{Platform: s.Platform, Name: s.Name,
		Posts:              count(in.Has, kpi.FPosts, in.Posts),
		Impressions:        count(in.Has, kpi.FImpressions, in.Impressions),
		Engagements:        count(in.Has, kpi.FEngagements, in.Engagements),
		LinkClicks:         count(in.Has, kpi.FLinkClicks, in.LinkClicks),
		Follows:            count(in.Has, kpi.FFollows, in.Follows),
		VideoViews:         count(in.Has, kpi.FVideoViews, in.VideoViews),
		WatchHours:         qty(in.Has, kpi.FWatchTime, in.WatchHours),
		Cost:               money(in.TotalCost()),
		EngagementRatePct:  pct(s.Values["engagement_rate"]),
		EngagementsPerPost: num(s.Values["engagements_per_post"]),
		CostPerEngagement:  num(s.Values["cost_per_engagement"]),
		OrganicROIPct:      pct(s.Values["organic_roi"]),
	}
	if in.ReachKnown {
		reach := in.Reach
		f.Reach = &reach
	}
	if in.FollowersKnown {
		n := in.Followers
		f.Followers = &n
	}
	if s.HasRevenue() {
		rev := money(in.Revenue)
		f.Revenue = &rev
	}
	for _, p := range s.TopPosts {
		link := p.Link
		if link == "" {
			link = p.Title
		}
		f.TopPostLinks = append(f.TopPostLinks, link)
		if in.Has&kpi.FEngagements != 0 {
			f.TopPostEngagements = append(f.TopPostEngagements, p.Totals.Engagements)
		}
	}
	return f
}

func channelsSummary(ch *Channels) *ChannelsSummary {
	if ch == nil {
		return nil
	}
	out := &ChannelsSummary{Total: channelFigures("", "All", ch.Total, nil), Social: channelFigures("", "Social and ad platforms", ch.Social, nil),
		Channels: []ChannelFigures{}}
	for _, c := range ch.Channels {
		out.Channels = append(out.Channels, channelFigures(c.Channel, c.Name, c.Totals, c.Values))
	}
	return out
}

func channelFigures(p kpi.Platform, name string, t kpi.Totals, v map[string]kpi.Ratio) ChannelFigures {
	f := ChannelFigures{Channel: p, Name: name,
		Sessions:           count(t.Has, kpi.FSessions, t.Sessions),
		EngagedSessions:    count(t.Has, kpi.FEngagedSessions, t.EngagedSessions),
		KeyEvents:          qty(t.Has, kpi.FKeyEvents, t.KeyEvents),
		Leads:              qty(t.Has, kpi.FLeads, t.Leads),
		Customers:          qty(t.Has, kpi.FCustomers, t.Customers),
		EngagementRatePct:  pct(v["engagement_rate"]),
		KeyEventRatePct:    pct(v["key_event_rate"]),
		LeadConversionPct:  pct(v["lead_conversion_rate"]),
		RevenuePerCustomer: num(v["revenue_per_customer"]),
	}
	if t.Has&kpi.FRevenue != 0 {
		rev := money(t.Revenue)
		f.Revenue = &rev
	}
	return f
}
