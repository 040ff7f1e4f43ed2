package reportgen

import "github.com/roibook/roibook/kpi"

// Funnel is the ad platforms' funnel: awareness → interest → evaluation
// → purchase, with each stage's metrics per platform and for all
// platforms, and the conversion from each stage to the next. A metric a
// platform's exports do not report is undefined there, never 0.
type Funnel struct {
	Stages []FunnelStage
}

// A FunnelStage is one stage of the funnel.
type FunnelStage struct {
	Key, Name string // "awareness", "Awareness"
	// Metrics are the stage's metrics some ad platform reports, in display
	// order (the cost ratios CPM and CPC included).
	Metrics []FunnelMetric
	// Headline is the key of the metric that counts the stage: the first
	// of its candidates (see funnelHeadlines) some platform reports, ""
	// when none does.
	Headline string
	// ToNext is the next stage's headline count / this stage's; nil for
	// the last stage.
	ToNext *FunnelRate
}

// A FunnelMetric is one metric of a stage.
type FunnelMetric struct {
	Key, Label string
	Format     kpi.Format
	// Field is the metric of the ad exports, 0 for a KPI (cpm, cpc), the
	// attributed revenue and GA4 sessions.
	Field     kpi.Fields
	Total     kpi.Ratio   // every ad platform together
	Platforms []kpi.Ratio // parallel to Report.Platforms
}

// A FunnelRate is the conversion from one stage's headline count to the
// next's.
type FunnelRate struct {
	From, To  string      // the headline metric keys ("" when a stage has none)
	Total     kpi.Ratio   // over Basis
	Platforms []kpi.Ratio // parallel to Report.Platforms
	// Basis lists the platforms the total is computed over when that is
	// not every platform: those whose exports report both counts.
	Basis []kpi.Platform
}

// A funnelDef defines one funnel metric.
type funnelDef struct {
	key, label string
	format     kpi.Format
	field      kpi.Fields
}

// funnelStages are the stages and their metrics, from the product brief:
// awareness (reach, impressions, CPM), interest (likes, shares, follows,
// link clicks, CPC), evaluation (landing-page views, leads, GA4 sessions)
// and purchase (adds to cart, checkouts, purchases, conversions, revenue).
var funnelStages = []struct {
	key, name string
	metrics   []funnelDef
}{
	{"awareness", "Awareness", []funnelDef{
		{"reach", "Reach (not additive)", kpi.FormatNumber, kpi.FReach},
		{"impressions", "Impressions", kpi.FormatNumber, kpi.FImpressions},
		{"cpm", "CPM", kpi.FormatMoney, 0},
	}},
	{"interest", "Interest", []funnelDef{
		{"reactions", "Reactions (likes)", kpi.FormatNumber, kpi.FReactions},
		{"shares", "Shares", kpi.FormatNumber, kpi.FShares},
		{"follows", "Follows", kpi.FormatNumber, kpi.FFollows},
		{"link_clicks", "Link clicks", kpi.FormatNumber, kpi.FLinkClicks},
		{"cpc", "CPC", kpi.FormatMoney, 0},
	}},
	{"evaluation", "Evaluation", []funnelDef{
		{"landing_page_views", "Landing-page views", kpi.FormatNumber, kpi.FLandingPageViews},
		{"leads", "Leads (inquiries)", kpi.FormatNumber, kpi.FLeads},
		{"sessions", "GA4 sessions", kpi.FormatNumber, 0},
	}},
	{"purchase", "Purchase", []funnelDef{
		{"adds_to_cart", "Adds to cart", kpi.FormatNumber, kpi.FAddsToCart},
		{"checkouts", "Checkouts", kpi.FormatNumber, kpi.FCheckouts},
		{"purchases", "Purchases", kpi.FormatNumber, kpi.FPurchases},
		{"conversions", "Conversions", kpi.FormatNumber, kpi.FConversions},
		{"revenue", "Attributed revenue", kpi.FormatMoney, 0},
	}},
}

// funnelHeadlines are, per stage, the metrics that may count it, in order
// of preference: evaluation is counted by landing-page views, or by leads
// where no platform reports those; purchase by purchases, else by
// conversions.
var funnelHeadlines = map[string][]string{
	"awareness":  {"impressions"},
	"interest":   {"link_clicks"},
	"evaluation": {"landing_page_views", "leads"},
	"purchase":   {"purchases", "conversions"},
}

// FunnelCount returns the count of an export metric in t as a float and
// whether t reports it.
func FunnelCount(t *kpi.Totals, key string) (float64, bool) {
	var f kpi.Fields
	var v float64
	switch key {
	case "impressions":
		f, v = kpi.FImpressions, float64(t.Impressions)
	case "reactions":
		f, v = kpi.FReactions, float64(t.Reactions)
	case "shares":
		f, v = kpi.FShares, float64(t.Shares)
	case "follows":
		f, v = kpi.FFollows, float64(t.Follows)
	case "link_clicks":
		f, v = kpi.FLinkClicks, float64(t.LinkClicks)
	case "landing_page_views":
		f, v = kpi.FLandingPageViews, float64(t.LandingPageViews)
	case "leads":
		f, v = kpi.FLeads, t.Leads.Float64()
	case "adds_to_cart":
		f, v = kpi.FAddsToCart, t.AddsToCart.Float64()
	case "checkouts":
		f, v = kpi.FCheckouts, t.Checkouts.Float64()
	case "purchases":
		f, v = kpi.FPurchases, t.Purchases.Float64()
	case "conversions":
		f, v = kpi.FConversions, t.Conversions.Float64()
	default:
		return 0, false
	}
	return v, t.Has&f != 0
}

// funnelValue returns metric d of an ad scope; sessions come from the
// web analytics channel of the scope's platform (every paid channel for
// the whole report).
func funnelValue(r *Report, s *Scope, d funnelDef) kpi.Ratio {
	in := &s.Inputs
	switch d.key {
	case "reach":
		if !in.ReachKnown {
			return kpi.Ratio{}
		}
		return kpi.Ratio{Value: float64(in.Reach), OK: true}
	case "cpm", "cpc":
		return s.Values[d.key]
	case "revenue":
		if !s.HasRevenue() {
			return kpi.Ratio{}
		}
		return kpi.Ratio{Value: in.Revenue.Float64(), OK: true}
	case "sessions":
		if r.Web == nil || r.Web.Total.Has&kpi.FSessions == 0 {
			return kpi.Ratio{}
		}
		var n int64
		for _, c := range r.Web.Channels {
			if s.Platform == "" && c.Channel != "" && isPaidChannel(c.Channel) || s.Platform != "" && c.Channel == s.Platform {
				n += c.Totals.Sessions
			}
		}
		return kpi.Ratio{Value: float64(n), OK: true}
	}
	v, ok := FunnelCount(&in.Totals, d.key)
	return kpi.Ratio{Value: v, OK: ok}
}

// buildFunnel computes the ad platforms' funnel; nil without ad platforms.
func buildFunnel(r *Report) *Funnel {
	if len(r.Platforms) == 0 {
		return nil
	}
	f := &Funnel{}
	for _, st := range funnelStages {
		stage := FunnelStage{Key: st.key, Name: st.name}
		for _, d := range st.metrics {
			m := FunnelMetric{Key: d.key, Label: d.label, Format: d.format, Field: d.field,
				Total: funnelValue(r, &r.Total, d)}
			shown := m.Total.OK
			for i := range r.Platforms {
				v := funnelValue(r, &r.Platforms[i], d)
				m.Platforms = append(m.Platforms, v)
				shown = shown || v.OK
			}
			if d.key == "reach" && r.Total.Inputs.Has&kpi.FReach != 0 {
				shown = true // reported, but not additive: the row says so
			}
			if shown {
				stage.Metrics = append(stage.Metrics, m)
			}
		}
		for _, h := range funnelHeadlines[st.key] {
			if _, ok := FunnelCount(&r.Total.Inputs.Totals, h); ok {
				stage.Headline = h
				break
			}
		}
		f.Stages = append(f.Stages, stage)
	}
	for i := 0; i+1 < len(f.Stages); i++ {
		f.Stages[i].ToNext = funnelRate(r, f.Stages[i].Headline, f.Stages[i+1].Headline)
	}
	return f
}

// funnelRate is the conversion from count from to count to: per platform
// where its exports report both, and over those platforms for the total.
func funnelRate(r *Report, from, to string) *FunnelRate {
	fr := &FunnelRate{From: from, To: to}
	var num, den float64
	var basis []kpi.Platform
	for i := range r.Platforms {
		t := &r.Platforms[i].Inputs.Totals
		a, okA := FunnelCount(t, from)
		b, okB := FunnelCount(t, to)
		if !okA || !okB {
			fr.Platforms = append(fr.Platforms, kpi.Ratio{})
			continue
		}
		basis = append(basis, r.Platforms[i].Platform)
		num += b
		den += a
		fr.Platforms = append(fr.Platforms, ratioOf(b, a))
	}
	if len(basis) > 0 {
		fr.Total = ratioOf(num, den)
	}
	if len(basis) < len(r.Platforms) {
		fr.Basis = append([]kpi.Platform{}, basis...)
	}
	return fr
}

func ratioOf(num, den float64) kpi.Ratio {
	if den == 0 {
		return kpi.Ratio{}
	}
	return kpi.Ratio{Value: num / den, OK: true}
}
