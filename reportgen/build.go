package reportgen

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Options are the client's choices that shape the report.
type Options struct {
	Client, Currency string
	Period           kpi.Period
	Rates            map[string]kpi.Rate // 1 unit of the key = Rate units of Currency
	RevenueSource    string              // platforms (default), ga4 or crm
	Choices          kpi.Choices
	ActionValues     []ActionValue
	Goals            []GoalSpec
	BusinessModel    string
	Branding         Branding
	Commentary       string
	OnBadRows        string
	// RateSources says where each rate of Rates comes from (roibook.yaml,
	// or a rates file and how the rate was derived).
	RateSources map[string]string
	// OnOverlap is the policy for exports reporting the same account on
	// the same day (OverlapAdd by default); FileRank orders files from
	// older to newer (higher is newer) for OverlapNewest.
	OnOverlap string
	FileRank  map[string]int
	Invoices  []kpi.Invoice // invoices of the period, in their currencies
	// Previous and YearAgo hold the records of the comparison periods
	// (Period.Previous, Period.YearEarlier), nil when not read.
	Previous, YearAgo *Aggregator
}

// An ActionValue is the configured value of one action.
type ActionValue struct {
	Action string
	Value  kpi.Money
}

// A GoalSpec is a configured goal. Target is in display units: percent
// metrics in percent (roi 150 = 150 %).
type GoalSpec struct {
	Metric    string
	Target    float64
	Direction string // at_least or at_most
	Platform  kpi.Platform
}

// actions maps each valued action to its label and count in a Totals.
var actions = []struct {
	name, label string
	count       func(t *kpi.Totals) kpi.Qty
}{
	{"lead", "Leads", func(t *kpi.Totals) kpi.Qty { return t.Leads }},
	{"purchase", "Purchases", func(t *kpi.Totals) kpi.Qty { return t.Purchases }},
	{"conversion", "Conversions", func(t *kpi.Totals) kpi.Qty { return t.Conversions }},
	{"add_to_cart", "Adds to cart", func(t *kpi.Totals) kpi.Qty { return t.AddsToCart }},
	{"checkout", "Checkouts", func(t *kpi.Totals) kpi.Qty { return t.Checkouts }},
	{"landing_page_view", "Landing-page views", func(t *kpi.Totals) kpi.Qty { return units(t.LandingPageViews) }},
	{"link_click", "Link clicks", func(t *kpi.Totals) kpi.Qty { return units(t.LinkClicks) }},
	{"click", "Clicks", func(t *kpi.Totals) kpi.Qty { return units(t.Clicks) }},
	{"reaction", "Reactions", func(t *kpi.Totals) kpi.Qty { return units(t.Reactions) }},
	{"comment", "Comments", func(t *kpi.Totals) kpi.Qty { return units(t.Comments) }},
	{"share", "Shares", func(t *kpi.Totals) kpi.Qty { return units(t.Shares) }},
	{"save", "Saves", func(t *kpi.Totals) kpi.Qty { return units(t.Saves) }},
	{"follow", "Follows", func(t *kpi.Totals) kpi.Qty { return units(t.Follows) }},
	{"video_view", "Video views", func(t *kpi.Totals) kpi.Qty { return units(t.VideoViews) }},
	{"engagement", "Engagements", func(t *kpi.Totals) kpi.Qty { return units(t.Engagements) }},
}

func units(n int64) kpi.Qty { return kpi.Qty(n * kpi.Micro) }

// organicGoalKeys maps a goal metric to the organic KPI that answers it
// on an organic page.
var organicGoalKeys = map[string]string{"roi": "organic_roi", "cpe": "cost_per_engagement"}

// totalMetrics are the goal metrics that are sums rather than KPIs; they
// are pro-rated when the report covers part of a month.
var totalMetrics = map[string]string{
	"spend": "Ad spend", "other_costs": "Other costs", "total_cost": "Total cost", "revenue": "Revenue",
	"modelled_value": "Modelled value", "impressions": "Impressions", "clicks": "Clicks",
	"link_clicks": "Link clicks", "engagements": "Engagements", "conversions": "Conversions",
	"leads": "Leads", "purchases": "Purchases",
}

// Build computes the report from the aggregated records, the cost lines
// (already filtered to the period by their importer) and the file stats.
func Build(opts Options, agg *Aggregator, costs []kpi.Cost, sources []kpi.FileStats) (*Report, error) {
	if opts.RevenueSource == "" {
		opts.RevenueSource = "platforms"
	}
	r := &Report{
		Client: opts.Client, Currency: opts.Currency, Period: opts.Period,
		BusinessModel: opts.BusinessModel, RevenueSource: opts.RevenueSource,
		Branding: opts.Branding, Commentary: opts.Commentary, OnBadRows: opts.OnBadRows,
		Choices: opts.Choices, KPIs: kpi.Definitions(opts.Choices),
	}
	usedRates := map[string]bool{}
	rate := func(cur string) (kpi.Rate, error) {
		if cur == "" || cur == opts.Currency {
			return kpi.One(), nil
		}
		x, ok := opts.Rates[cur]
		if !ok {
			return kpi.Rate{}, fmt.Errorf("currency %s has no exchange rate; add it under rates in roibook.yaml", cur)
		}
		usedRates[cur] = true
		return x, nil
	}

	overlapWarnings, replaced, err := resolveOverlaps(agg, opts.OnOverlap, opts.FileRank)
	if err != nil {
		return nil, err
	}
	r.Warnings = append(r.Warnings, overlapWarnings...)

	// Rows at the reporting grain, money converted.
	r.Rows = make([]Row, 0, len(agg.cells))
	for k, c := range agg.cells {
		x, err := rate(k.currency)
		if err != nil {
			return nil, err
		}
		t := c.totals
		row := Row{Platform: k.platform, Day: k.day, Span: k.span, Account: k.account, Campaign: k.campaign,
			Currency: k.currency, Rate: x, SpendOriginal: t.Spend, ValueOriginal: t.ConversionValue, RevenueOriginal: t.Revenue, Source: sourceRef(c),
			Channel: k.channel, Post: c.post, Published: c.published, Lifetime: c.lifetime}
		if k.platform.IsOrganic() {
			row.PostLink = k.post
			if k.post == c.post {
				row.PostLink = ""
			}
		}
		t.Revenue = convert(x, t.Revenue, opts.Currency)
		if t.Has&kpi.FConversionValue != 0 && opts.RevenueSource == "platforms" {
			t.Has |= kpi.FRevenue // platform-reported value is the attributed revenue
		}
		t.Spend = convert(x, t.Spend, opts.Currency)
		t.ConversionValue = convert(x, t.ConversionValue, opts.Currency)
		row.Totals = t
		r.Rows = append(r.Rows, row)
	}
	slices.SortFunc(r.Rows, compareRows)
	var organicRows, webRows, salesRows []Row
	paid := r.Rows[:0]
	for _, row := range r.Rows {
		switch row.Platform.Kind() {
		case kpi.KindOrganic:
			organicRows = append(organicRows, row)
		case kpi.KindAnalytics:
			webRows = append(webRows, row)
		case kpi.KindSales:
			salesRows = append(salesRows, row)
		default:
			paid = append(paid, row)
		}
	}
	r.Rows = paid
	r.Web = buildChannels(webRows)
	r.Sales = buildChannels(salesRows)

	// Scopes.
	byPlatform := map[kpi.Platform]*Scope{}
	r.Total = Scope{Name: "All platforms"}
	for i := range r.Rows {
		row := &r.Rows[i]
		s := byPlatform[row.Platform]
		if s == nil {
			s = &Scope{Platform: row.Platform, Name: row.Platform.Name()}
			byPlatform[row.Platform] = s
		}
		s.Inputs.Totals.Merge(row.Totals)
		r.Total.Inputs.Totals.Merge(row.Totals)
		if row.Day.IsZero() {
			s.Aggregated.Merge(row.Totals)
			r.Total.Aggregated.Merge(row.Totals)
		}
	}
	platformReach(byPlatform, sources)

	// Costs, in the reporting currency.
	var allCosts kpi.Money
	for _, c := range costs {
		x, err := rate(c.Currency)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Source, err)
		}
		line := CostLine{Cost: c, Rate: x}
		if c.Basis == kpi.BasisPercent {
			line.Spend = r.Total.Inputs.Spend
			if c.Platform != "" {
				line.Spend = 0
				if s := byPlatform[c.Platform]; s != nil {
					line.Spend = s.Inputs.Spend
				}
			}
		}
		line.Amount = c.Booked(x, line.Spend, kpi.Decimals(opts.Currency))
		r.Costs = append(r.Costs, line)
		allCosts += line.Amount
		if c.Platform.IsOrganic() {
			// An organic page's cost belongs to the organic part.
			if !slices.ContainsFunc(organicRows, func(row Row) bool { return row.Platform == c.Platform }) {
				r.Warnings = append(r.Warnings, fmt.Sprintf("%s: cost scoped to %s, which has no data in this report: counted in the organic total and in paid and organic together only", c.Source, c.Platform))
			}
			continue
		}
		r.Total.Inputs.OtherCosts += line.Amount
		if c.Platform != "" {
			if s := byPlatform[c.Platform]; s != nil {
				s.Inputs.OtherCosts += line.Amount
			} else {
				r.Warnings = append(r.Warnings, fmt.Sprintf("%s: cost scoped to %s, which has no data in this report: counted in the total only", c.Source, c.Platform))
			}
		}
	}

	for _, p := range PlatformOrder {
		if s := byPlatform[p]; s != nil {
			r.Platforms = append(r.Platforms, *s)
			delete(byPlatform, p)
		}
	}
	var rest []kpi.Platform
	for p := range byPlatform {
		rest = append(rest, p)
	}
	slices.Sort(rest)
	for _, p := range rest {
		r.Platforms = append(r.Platforms, *byPlatform[p])
	}

	// Revenue, modelled value and KPIs per scope.
	r.Actions = valueActions(opts.ActionValues, &r.Total.Inputs.Totals)
	finishScope(r, &r.Total, opts)
	for i := range r.Platforms {
		finishScope(r, &r.Platforms[i], opts)
	}

	if err := applyRevenueSource(r, sources); err != nil {
		return nil, err
	}
	for i := range r.Platforms {
		r.Platforms[i].Values = values(r.KPIs, r.Platforms[i].Inputs)
	}
	r.Total.Values = values(r.KPIs, r.Total.Inputs)
	restrictTotal(r, &r.Total)
	r.Organic = buildOrganic(r, organicRows, r.Costs, opts)
	r.Together = buildTogether(r, allCosts)

	goals, err := evaluateGoals(r, opts.Goals)
	if err != nil {
		return nil, err
	}
	r.Goals = goals

	buildInvoices(r, opts.Invoices, rate)
	for cur, x := range opts.Rates {
		src := opts.RateSources[cur]
		if src == "" {
			src = "roibook.yaml"
		} else if !usedRates[cur] {
			continue // a rates file quotes many currencies: show the ones used
		}
		r.Rates = append(r.Rates, RateUsed{Currency: cur, Rate: x, Used: usedRates[cur], Source: src})
	}
	slices.SortFunc(r.Rates, func(a, b RateUsed) int { return cmp.Compare(a.Currency, b.Currency) })

	r.Sources = append([]kpi.FileStats(nil), sources...)
	for i := range r.Sources {
		if n := replaced[r.Sources[i].File]; n > 0 {
			r.Sources[i].Replaced = n
			r.Sources[i].Used -= n
			r.Sources[i].Warnings = append(r.Sources[i].Warnings, fmt.Sprintf("%d %s replaced by a newer export of the same account and days (on_overlap: newest)", n, plural(n, "row", "rows")))
		}
	}
	slices.SortStableFunc(r.Sources, func(a, b kpi.FileStats) int { return cmp.Compare(a.File, b.File) })
	if ws := sameFiguresWarnings(r.Sources); len(ws) > 0 && opts.OnOverlap == OverlapError {
		return nil, fmt.Errorf("overlapping exports: %s (on_overlap: error)", strings.Join(ws, "; "))
	} else {
		r.Warnings = append(r.Warnings, ws...)
	}
	r.Warnings = append(r.Warnings, coverageWarnings(r.Sources, opts.Period)...)
	used, outside := 0, 0
	for _, s := range r.Sources {
		for _, w := range s.Warnings {
			r.Warnings = append(r.Warnings, s.File+": "+w)
		}
		if s.Platform == kpi.Costs {
			continue
		}
		used += s.Used
		outside += s.OutsidePeriod
		if s.Used == 0 && s.OutsidePeriod > s.Comparison {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: none of its %d rows falls in %s: is the period right?", s.File, s.OutsidePeriod, opts.Period))
		}
	}
	if used == 0 && outside > 0 {
		return nil, fmt.Errorf("no export row falls in the period %s (%d rows are outside it): check period in roibook.yaml or --period", opts.Period, outside)
	}
	withValue := 0
	for _, s := range r.Platforms {
		if s.Inputs.ConversionValue != 0 {
			withValue++
		}
	}
	if withValue > 1 && r.RevenueSource == "platforms" {
		r.Warnings = append(r.Warnings, "revenue is platform-reported conversion value: each platform uses its own attribution window, and two platforms may claim the same sale")
	}
	r.Funnel = buildFunnel(r)
	buildComparisons(r, opts, sources)
	return r, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// convert converts m with x. A converted amount is rounded to the
// reporting currency's minor unit (cents), as an accountant books it, so
// that the Data and Costs sheets add up to the cent as displayed; an amount
// already in the reporting currency is kept as the export wrote it.
func convert(x kpi.Rate, m kpi.Money, currency string) kpi.Money {
	if x.IsOne() {
		return m
	}
	return x.ConvertRound(m, kpi.Decimals(currency))
}

// finishScope sets a scope's revenue, modelled value, KPIs, campaigns and days.
func finishScope(r *Report, s *Scope, opts Options) {
	in := &s.Inputs
	in.Revenue = in.ConversionValue
	if in.Has&kpi.FConversionValue != 0 {
		in.Has |= kpi.FRevenue
	}
	for _, a := range valueActions(opts.ActionValues, &in.Totals) {
		in.ModelledValue += a.Total
	}
	s.Values = values(r.KPIs, *in)
	if s.Platform == "" {
		restrictTotal(r, s)
	}

	camps := map[[2]string]*Campaign{}
	days := map[time.Time]*Day{}
	for i := range r.Rows {
		row := &r.Rows[i]
		if s.Platform != "" && row.Platform != s.Platform {
			continue
		}
		if s.Platform != "" {
			k := [2]string{row.Account, row.Campaign}
			c := camps[k]
			if c == nil {
				c = &Campaign{Account: row.Account, Campaign: row.Campaign}
				camps[k] = c
			}
			c.Totals.Merge(row.Totals)
		}
		if !row.Day.IsZero() {
			d := days[row.Day]
			if d == nil {
				d = &Day{Day: row.Day}
				days[row.Day] = d
			}
			d.Totals.Merge(row.Totals)
		}
	}
	for _, c := range camps {
		ci := kpi.Inputs{Totals: c.Totals, Revenue: c.Totals.ConversionValue}
		if ci.Has&kpi.FConversionValue != 0 {
			ci.Has |= kpi.FRevenue
		}
		c.Values = values(r.KPIs, ci)
		s.Campaigns = append(s.Campaigns, *c)
	}
	slices.SortFunc(s.Campaigns, func(a, b Campaign) int {
		return cmp.Or(cmp.Compare(b.Totals.Spend, a.Totals.Spend), cmp.Compare(a.Account, b.Account), cmp.Compare(a.Campaign, b.Campaign))
	})
	for _, d := range days {
		s.Days = append(s.Days, *d)
	}
	slices.SortFunc(s.Days, func(a, b Day) int { return a.Day.Compare(b.Day) })
}

// restrictTotal recomputes the whole report's restricted KPIs over the
// platforms that report every metric each needs (see restrictOver).
func restrictTotal(r *Report, s *Scope) { restrictOver(s, r.Platforms, r.KPIs) }

// restrictOver recomputes s's restricted KPIs of defs over the parts (the
// platform scopes s sums) that report every metric each needs, costs and
// revenue included, and records that subset in s.Basis when it is not
// every part: an engagement rate over all impressions, including those of
// a platform that reports no engagements, would be too low.
func restrictOver(s *Scope, parts []Scope, defs []kpi.KPI) {
	for _, k := range defs {
		if !k.Restricted() {
			continue
		}
		var sub kpi.Inputs
		var basis []kpi.Platform
		for i := range parts {
			p := &parts[i]
			if k.Covers(p.Inputs.Has) {
				sub.Totals.Merge(p.Inputs.Totals)
				sub.OtherCosts += p.Inputs.OtherCosts
				sub.Revenue += p.Inputs.Revenue
				sub.ModelledValue += p.Inputs.ModelledValue
				basis = append(basis, p.Platform)
			}
		}
		if len(basis) == len(parts) {
			continue
		}
		if s.Basis == nil {
			s.Basis = map[string][]kpi.Platform{}
		}
		s.Basis[k.Key] = basis
		s.Values[k.Key] = k.Value(sub)
	}
}

// values computes every KPI for in. Campaign-level values have no other
// costs or modelled value, so their full-cost ROI equals media ROI there.
func values(defs []kpi.KPI, in kpi.Inputs) map[string]kpi.Ratio {
	out := make(map[string]kpi.Ratio, len(defs))
	for _, k := range defs {
		out[k.Key] = k.Value(in)
	}
	return out
}

// valueActions counts each configured action in t and values it.
func valueActions(vals []ActionValue, t *kpi.Totals) []Action {
	var out []Action
	for _, v := range vals {
		for _, a := range actions {
			if a.name != v.Action {
				continue
			}
			n := a.count(t)
			out = append(out, Action{Action: a.name, Label: a.label, Value: v.Value, Count: n, Total: n.Times(v.Value)})
		}
	}
	return out
}

// platformReach sets a platform's reach from its export's own
// de-duplicated total when one file covers the platform and every one of
// its rows is in the report: reach is never summed.
func platformReach(scopes map[kpi.Platform]*Scope, sources []kpi.FileStats) {
	files := map[kpi.Platform][]kpi.FileStats{}
	for _, f := range sources {
		files[f.Platform] = append(files[f.Platform], f)
	}
	for p, s := range scopes {
		fs := files[p]
		if len(fs) == 1 && fs[0].PlatformTotals != nil && fs[0].PlatformTotals.ReachKnown && fs[0].OutsidePeriod == 0 && len(fs[0].Rejected) == 0 {
			s.Inputs.SetReach(fs[0].PlatformTotals.Reach)
			s.Inputs.Has |= kpi.FReach
		} else if s.Inputs.Records > 1 {
			s.Inputs.Reach, s.Inputs.ReachKnown = 0, false
		}
	}
}

// GoalAtRisk is the attainment from which a goal not met is "at risk"
// rather than "missed": within 10 % of its target (for a total, of the
// target pro-rated to the period), so on pace for a period part of a month.
const GoalAtRisk = 0.9

// evaluateGoals compares each goal with its scope's actual figure: met
// when the actual meets the target, at risk when not but the attainment is
// at least GoalAtRisk, missed below that, n/a without an actual.
func evaluateGoals(r *Report, specs []GoalSpec) ([]Goal, error) {
	var out []Goal
	for _, g := range specs {
		scope := &r.Total
		if g.Platform != "" {
			scope = nil
			for i := range r.Platforms {
				if r.Platforms[i].Platform == g.Platform {
					scope = &r.Platforms[i]
				}
			}
			if o := r.Organic; o != nil {
				for i := range o.Platforms {
					if o.Platforms[i].Platform == g.Platform {
						scope = &o.Platforms[i]
					}
				}
			}
		}
		res := Goal{Metric: g.Metric, Key: g.Metric, Platform: g.Platform, Direction: g.Direction, Target: g.Target, TargetValue: g.Target, Status: "n/a"}
		defs := r.KPIs
		if g.Platform.IsOrganic() && r.Organic != nil {
			// An organic page has its own KPIs: its ROI is organic_roi.
			defs = r.Organic.KPIs
			res.Key = cmp.Or(organicGoalKeys[g.Metric], g.Metric)
		}
		if k, ok := kpi.Find(defs, res.Key); ok {
			res.Label, res.Format = k.Name, k.Format
			if k.Format == kpi.FormatPercent {
				res.TargetValue = g.Target / 100
			}
			if scope != nil {
				res.Actual = scope.Values[k.Key]
			}
		} else if label, ok := totalMetrics[g.Metric]; ok {
			res.Label, res.Format = label, kpi.FormatNumber
			if m := g.Metric; m == "spend" || m == "other_costs" || m == "total_cost" || m == "revenue" || m == "modelled_value" {
				res.Format = kpi.FormatMoney
			}
			if f := monthShare(r.Period); f != 1 {
				res.TargetValue = g.Target * f
				res.ProRated = true
			}
			if scope != nil {
				// A total the scope's exports do not report is unknown, not 0.
				f, counted := kpi.OperandField(g.Metric)
				res.Actual = kpi.Ratio{Value: totalValue(scope, g.Metric), OK: !counted || scope.Inputs.Has&f != 0}
			}
		} else {
			return nil, fmt.Errorf("goal metric %q: want one of %s", g.Metric, strings.Join(kpi.GoalMetrics(), ", "))
		}
		if scope == nil {
			res.Status = "n/a"
			r.Warnings = append(r.Warnings, fmt.Sprintf("goal %s on %s cannot be evaluated: the report has no data for that platform", g.Metric, g.Platform))
			out = append(out, res)
			continue
		}
		if res.Actual.OK {
			met := res.Actual.Value >= res.TargetValue
			if g.Direction == "at_most" {
				met = res.Actual.Value <= res.TargetValue
				if res.Actual.Value != 0 {
					res.Attainment = kpi.Ratio{Value: res.TargetValue / res.Actual.Value, OK: true}
				}
			} else if res.TargetValue != 0 {
				res.Attainment = kpi.Ratio{Value: res.Actual.Value / res.TargetValue, OK: true}
			}
			res.Status = "missed"
			switch {
			case met:
				res.Status = "met"
			case res.Attainment.OK && res.Attainment.Value >= GoalAtRisk && res.Attainment.Value < 1:
				res.Status = "at risk"
			}
		}
		if !res.Actual.OK {
			where := "the report"
			if g.Platform != "" {
				where = g.Platform.Name()
			}
			r.Warnings = append(r.Warnings, fmt.Sprintf("goal %s for %s cannot be evaluated: %s is undefined there (its exports lack a metric it needs, or its denominator is 0)", g.Metric, where, res.Label))
		}
		out = append(out, res)
	}
	return out, nil
}

// totalValue returns a total metric of a scope as a float in display
// units; every total a goal may name is a KPI operand.
func totalValue(s *Scope, metric string) float64 { return kpi.Operand(s.Inputs, metric) }

// monthShare returns how many months p covers, counting each month's part
// by its days: 1 for a whole month, 15/31 for half of October.
func monthShare(p kpi.Period) float64 {
	if p.IsZero() {
		return 1
	}
	share := 0.0
	for d := p.From; !d.After(p.To); {
		monthEnd := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		end := monthEnd
		if p.To.Before(end) {
			end = p.To
		}
		days := end.Sub(d).Hours()/24 + 1
		share += days / float64(monthEnd.Day())
		d = end.AddDate(0, 0, 1)
	}
	return share
}

func compareRows(a, b Row) int {
	return cmp.Or(
		cmp.Compare(platformRank(a.Platform), platformRank(b.Platform)),
		cmp.Compare(a.Platform, b.Platform),
		a.Day.Compare(b.Day),
		a.Span.From.Compare(b.Span.From),
		a.Span.To.Compare(b.Span.To),
		cmp.Compare(a.Account, b.Account),
		cmp.Compare(a.Campaign, b.Campaign),
		cmp.Compare(a.Currency, b.Currency),
		// The rest of the reporting grain: organic rows differ by post,
		// analytics and sales rows by channel.
		cmp.Compare(channelRank(a.Channel), channelRank(b.Channel)),
		cmp.Compare(a.Channel, b.Channel),
		cmp.Compare(a.PostLink, b.PostLink),
		cmp.Compare(a.Post, b.Post),
	)
}

func platformRank(p kpi.Platform) int {
	if i := slices.Index(PlatformOrder, p); i >= 0 {
		return i
	}
	return len(PlatformOrder)
}

// sourceRef says where a Data row came from: "meta.csv:12" for one row,
// "meta.csv:12-14" for consecutive lines, "meta.csv: 2 rows, lines 7-29"
// otherwise, plus any other file that fed the row. Multi-line cells can make
// a run of lines longer than its rows, so only an exact run is a range.
func sourceRef(c *cell) string {
	s := c.file + ":" + strconv.Itoa(c.first)
	switch {
	case c.n <= 1:
	case c.last-c.first+1 == c.n:
		s += "-" + strconv.Itoa(c.last)
	default:
		s = fmt.Sprintf("%s: %d rows, lines %d-%d", c.file, c.n, c.first, c.last)
	}
	if len(c.others) > 0 {
		s += " +" + strings.Join(c.others, ", ")
	}
	return s
}

// sameFigures lists, per platform, the levels of export (FileStats.Level)
// that report the same figures in other cuts: YouTube Studio's Table data
// (per video), Chart data (per video and day) and Totals (per day); X's
// per-post and daily account exports; a LinkedIn page's daily update
// metrics and its posts. Given together they count twice.
var sameFigures = map[kpi.Platform][]string{
	kpi.YouTube:      {"video", "video-day", "channel-day"},
	kpi.XOrganic:     {"post", "account-day"},
	kpi.LinkedInPage: {"updates-day", "post"},
}

// sameFiguresWarnings warns when exports of one platform at two of its
// sameFigures levels are both read.
func sameFiguresWarnings(sources []kpi.FileStats) []string {
	var out []string
	for _, p := range PlatformOrder {
		levels := sameFigures[p]
		var files []string
		seen := map[string]bool{}
		for _, s := range sources {
			if s.Platform == p && slices.Contains(levels, s.Level) {
				files = append(files, fmt.Sprintf("%s (%s)", s.File, s.Level))
				seen[s.Level] = true
			}
		}
		if len(seen) > 1 {
			out = append(out, fmt.Sprintf("%s: %s report the same figures cut differently: read one of them, or they are counted twice",
				p.Name(), strings.Join(files, ", ")))
		}
	}
	return out
}

// coverageWarnings names the exports whose own stated period (a preamble's
// date range) leaves part of the report period out: their figures, GA4
// revenue set against a whole month of cost for instance, cover those days
// only.
func coverageWarnings(sources []kpi.FileStats, p kpi.Period) []string {
	var out []string
	for _, s := range sources {
		if s.Period.IsZero() || p.IsZero() || s.Used == 0 || s.Period.Covers(p) {
			continue
		}
		out = append(out, fmt.Sprintf("%s: the export covers %s, not all of %s: its figures are for those days only", s.File, s.Period, p))
	}
	return out
}
