package reportgen

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Organic is the report's organic part: pages and channels without spend.
type Organic struct {
	// KPIs are the organic definitions (kpi.OrganicDefinitions).
	KPIs []kpi.KPI
	// Total is every organic platform together; Platforms one scope per
	// organic platform, in PlatformOrder. A scope's other costs are the
	// cost lines scoped to it; its revenue comes from RevenueSource.
	Total     Scope
	Platforms []Scope
	Rows      []Row // the reporting grain, posts included
	// RevenueSource is where organic revenue comes from: ga4 or crm, or ""
	// when no input attributes revenue to organic (platforms report none).
	RevenueSource string
	// Lifetime is true when some post metrics are lifetime totals up to
	// the export date (Meta Business Suite): a later export differs.
	Lifetime bool
}

// TopPostsMax is how many posts a scope's TopPosts keeps.
const TopPostsMax = 10

// TopPostsTitle names how a scope's TopPosts are ranked: by engagements,
// or, where its exports report none (YouTube's views table), by views or
// impressions.
func (s *Scope) TopPostsTitle() string {
	switch {
	case s.Inputs.Has&kpi.FEngagements != 0:
		return "Top posts by engagements"
	case s.Inputs.Has&kpi.FVideoViews != 0:
		return "Top videos by views"
	}
	return "Top posts by impressions"
}

// A Post is one organic post, with its figures in the report period.
type Post struct {
	Platform       kpi.Platform
	Account        string
	Title, Link    string
	Published      time.Time // zero when the export does not say
	Totals         kpi.Totals
	EngagementRate kpi.Ratio
}

// Channels is web analytics (GA4) or sales (CRM) by channel: the
// platform each row is attributed to.
type Channels struct {
	Total    kpi.Totals // every row: for GA4 the whole site's traffic
	Social   kpi.Totals // the rows attributed to a social or ad platform
	Channels []Channel  // in PlatformOrder; the unattributed rest last
	Rows     []Row
}

// A Channel is the figures attributed to one platform; Channel is "" for
// the rows attributed to none (direct, search, e-mail ...).
type Channel struct {
	Channel kpi.Platform
	Name    string
	Totals  kpi.Totals
	// Values: engagement_rate (engaged sessions / sessions),
	// key_event_rate (key events / sessions), lead_conversion_rate
	// (customers won / leads), revenue_per_customer.
	Values map[string]kpi.Ratio
}

// channelName names a channel for display.
func channelName(p kpi.Platform) string {
	switch p {
	case "":
		return "Other (not social)"
	case kpi.SocialPaid:
		return "Paid social (network not named)"
	case kpi.SocialOrganic:
		return "Organic social (network not named)"
	}
	return p.Name()
}

// buildChannels sums rows by channel.
func buildChannels(rows []Row) *Channels {
	if len(rows) == 0 {
		return nil
	}
	out := &Channels{Rows: rows}
	by := map[kpi.Platform]*Channel{}
	for i := range rows {
		row := &rows[i]
		out.Total.Merge(row.Totals)
		if row.Channel != "" {
			out.Social.Merge(row.Totals)
		}
		c := by[row.Channel]
		if c == nil {
			c = &Channel{Channel: row.Channel, Name: channelName(row.Channel)}
			by[row.Channel] = c
		}
		c.Totals.Merge(row.Totals)
	}
	for _, c := range by {
		t := &c.Totals
		c.Values = map[string]kpi.Ratio{
			"engagement_rate":      fieldRatio(t, kpi.FEngagedSessions|kpi.FSessions, float64(t.EngagedSessions), float64(t.Sessions)),
			"key_event_rate":       fieldRatio(t, kpi.FKeyEvents|kpi.FSessions, t.KeyEvents.Float64(), float64(t.Sessions)),
			"lead_conversion_rate": fieldRatio(t, kpi.FCustomers|kpi.FLeads, t.Customers.Float64(), t.Leads.Float64()),
			"revenue_per_customer": fieldRatio(t, kpi.FCustomers|kpi.FRevenue, t.Revenue.Float64(), t.Customers.Float64()),
		}
		out.Channels = append(out.Channels, *c)
	}
	slices.SortFunc(out.Channels, func(a, b Channel) int {
		return cmp.Or(cmp.Compare(channelRank(a.Channel), channelRank(b.Channel)), cmp.Compare(a.Channel, b.Channel))
	})
	return out
}

// channelRank orders channels: platforms in PlatformOrder, the unnamed
// social groups, other platforms, the unattributed rest last.
func channelRank(p kpi.Platform) int {
	switch p {
	case "":
		return len(PlatformOrder) + 3
	case kpi.SocialPaid:
		return len(PlatformOrder)
	case kpi.SocialOrganic:
		return len(PlatformOrder) + 1
	}
	if i := slices.Index(PlatformOrder, p); i >= 0 {
		return i
	}
	return len(PlatformOrder) + 2
}

// fieldRatio is num/den when t reports both fields, undefined otherwise.
func fieldRatio(t *kpi.Totals, need kpi.Fields, num, den float64) kpi.Ratio {
	if t.Has&need != need || den == 0 {
		return kpi.Ratio{}
	}
	return kpi.Ratio{Value: num / den, OK: true}
}

// attributed returns the revenue ch attributes to the channels match
// accepts, and whether ch reports revenue at all.
func attributed(ch *Channels, match func(kpi.Platform) bool) (kpi.Money, bool) {
	if ch == nil || ch.Total.Has&kpi.FRevenue == 0 {
		return 0, false
	}
	var sum kpi.Money
	for _, c := range ch.Channels {
		if c.Channel != "" && match(c.Channel) {
			sum += c.Totals.Revenue
		}
	}
	return sum, true
}

// revenueChannels returns the channel figures of a revenue source.
func (r *Report) revenueChannels(source string) *Channels {
	switch source {
	case "ga4":
		return r.Web
	case "crm":
		return r.Sales
	}
	return nil
}

// isPaidChannel and isOrganicChannel match the channels of paid and
// organic social, including GA4's channel groups that name no network.
func isPaidChannel(p kpi.Platform) bool    { return p.IsPaid() || p == kpi.SocialPaid }
func isOrganicChannel(p kpi.Platform) bool { return p.IsOrganic() || p == kpi.SocialOrganic }

// applyRevenueSource sets the attributed revenue of the ad scopes when
// the configured source is ga4 or crm: each platform gets the revenue its
// channel brought, the whole report that of every paid channel.
func applyRevenueSource(r *Report, sources []kpi.FileStats) error {
	if r.RevenueSource == "platforms" {
		return nil
	}
	ch := r.revenueChannels(r.RevenueSource)
	if ch == nil {
		kind := kpi.Platform(r.RevenueSource)
		for _, src := range sources {
			if src.Platform == kind {
				return fmt.Errorf("revenue_source %s: no row of the %s exports (%s, ...) falls in %s; export the report period, or set revenue_source: platforms", r.RevenueSource, kind.Name(), src.File, r.Period)
			}
		}
		return fmt.Errorf("revenue_source %s: no %s export is among the inputs; add one or set revenue_source: platforms", r.RevenueSource, r.RevenueSource)
	}
	set := func(s *Scope, match func(kpi.Platform) bool) {
		rev, ok := attributed(ch, match)
		s.Inputs.Revenue = rev
		s.Inputs.Has &^= kpi.FRevenue
		if ok {
			s.Inputs.Has |= kpi.FRevenue
		}
	}
	set(&r.Total, isPaidChannel)
	for i := range r.Platforms {
		p := r.Platforms[i].Platform
		set(&r.Platforms[i], func(c kpi.Platform) bool { return c == p })
	}
	return nil
}

// buildOrganic computes the organic part from its rows and the cost lines
// scoped to organic platforms.
func buildOrganic(r *Report, rows []Row, costs []CostLine, opts Options) *Organic {
	if len(rows) == 0 {
		return nil
	}
	o := &Organic{KPIs: kpi.OrganicDefinitions(opts.Choices), Rows: rows,
		Total: Scope{Name: "All organic"}}
	switch {
	case r.RevenueSource != "platforms":
		o.RevenueSource = r.RevenueSource
	case r.Web != nil && r.Web.Total.Has&kpi.FRevenue != 0:
		o.RevenueSource = "ga4"
	case r.Sales != nil && r.Sales.Total.Has&kpi.FRevenue != 0:
		o.RevenueSource = "crm"
	}
	by := map[kpi.Platform]*Scope{}
	posts := map[kpi.Platform][]Post{}
	// A post reported on several days (YouTube's per-video daily rows) is
	// one post: its rows are merged before posts are ranked.
	type postKey struct {
		platform           kpi.Platform
		account, link, sub string
	}
	postAt := map[postKey]int{}
	for i := range rows {
		row := &rows[i]
		s := by[row.Platform]
		if s == nil {
			s = &Scope{Platform: row.Platform, Name: row.Platform.Name()}
			by[row.Platform] = s
		}
		s.Inputs.Totals.Merge(row.Totals)
		o.Total.Inputs.Totals.Merge(row.Totals)
		o.Lifetime = o.Lifetime || row.Lifetime
		if row.Post != "" || row.PostLink != "" {
			k := postKey{platform: row.Platform, account: row.Account, link: row.PostLink}
			if k.link == "" {
				k.sub = row.Post // the title identifies a post without a link
			}
			j, ok := postAt[k]
			if !ok {
				j = len(posts[row.Platform])
				postAt[k] = j
				posts[row.Platform] = append(posts[row.Platform], Post{Platform: row.Platform, Account: row.Account,
					Title: row.Post, Link: row.PostLink, Published: row.Published})
			}
			p := &posts[row.Platform][j]
			p.Totals.Merge(row.Totals)
			if p.Title == "" {
				p.Title = row.Post
			}
			if p.Published.IsZero() || !row.Published.IsZero() && row.Published.Before(p.Published) {
				p.Published = row.Published
			}
		}
	}
	for _, c := range costs {
		if !c.Platform.IsOrganic() {
			continue
		}
		o.Total.Inputs.OtherCosts += c.Amount
		if s := by[c.Platform]; s != nil {
			s.Inputs.OtherCosts += c.Amount
		}
	}
	for _, p := range PlatformOrder {
		if s := by[p]; s != nil {
			o.Platforms = append(o.Platforms, *s)
		}
	}
	// Followers are a level: the organic part's is the sum of each
	// platform's latest count, whatever day each platform's export ends.
	var followers int64
	known := false
	for _, s := range o.Platforms {
		if s.Inputs.FollowersKnown {
			followers += s.Inputs.Followers
			known = true
		}
	}
	o.Total.Inputs.Followers, o.Total.Inputs.FollowersKnown = followers, known
	finish := func(s *Scope, match func(kpi.Platform) bool) {
		in := &s.Inputs
		if in.Records > 1 {
			in.Reach, in.ReachKnown = 0, false // reach of several posts or days is not additive
		}
		if rev, ok := attributed(r.revenueChannels(o.RevenueSource), match); ok {
			in.Revenue = rev
			in.Has |= kpi.FRevenue
		}
		s.Values = values(o.KPIs, *in)
		var days = map[string]*Day{}
		for i := range rows {
			row := &rows[i]
			if s.Platform != "" && row.Platform != s.Platform || row.Day.IsZero() {
				continue
			}
			key := row.Day.Format("2006-01-02")
			if days[key] == nil {
				days[key] = &Day{Day: row.Day}
			}
			days[key].Totals.Merge(row.Totals)
		}
		for _, d := range days {
			s.Days = append(s.Days, *d)
		}
		slices.SortFunc(s.Days, func(a, b Day) int { return a.Day.Compare(b.Day) })
	}
	for i := range o.Platforms {
		p := o.Platforms[i].Platform
		finish(&o.Platforms[i], func(c kpi.Platform) bool { return c == p })
		ps := posts[p]
		base := opts.Choices.EngagementBase
		for j := range ps {
			t := &ps[j].Totals
			switch base {
			case "reach":
				ps[j].EngagementRate = fieldRatio(t, kpi.FEngagements|kpi.FReach, float64(t.Engagements), float64(t.Reach))
			case "followers":
				ps[j].EngagementRate = kpi.Ratio{}
			default:
				ps[j].EngagementRate = fieldRatio(t, kpi.FEngagements|kpi.FImpressions, float64(t.Engagements), float64(t.Impressions))
			}
		}
		slices.SortFunc(ps, func(a, b Post) int {
			// By engagements; where an export has none (YouTube's views
			// table), by video views, then impressions.
			return cmp.Or(cmp.Compare(b.Totals.Engagements, a.Totals.Engagements),
				cmp.Compare(b.Totals.VideoViews, a.Totals.VideoViews),
				cmp.Compare(b.Totals.Impressions, a.Totals.Impressions), cmp.Compare(a.Link, b.Link), cmp.Compare(a.Title, b.Title))
		})
		if len(ps) > TopPostsMax {
			ps = ps[:TopPostsMax]
		}
		o.Platforms[i].TopPosts = ps
	}
	finish(&o.Total, isOrganicChannel)
	restrictOver(&o.Total, o.Platforms, o.KPIs)
	return o
}

// buildTogether is paid and organic together: every cost line, the
// revenue of both, the engagements and impressions of both.
func buildTogether(r *Report, totalCosts kpi.Money) *Scope {
	if r.Organic == nil {
		return nil
	}
	s := &Scope{Name: "Paid and organic"}
	in := &s.Inputs
	in.Totals.Merge(r.Total.Inputs.Totals)
	in.Totals.Merge(r.Organic.Total.Inputs.Totals)
	in.Reach, in.ReachKnown = 0, false
	in.OtherCosts = totalCosts
	in.Revenue = r.Total.Inputs.Revenue + r.Organic.Total.Inputs.Revenue
	in.Has &^= kpi.FRevenue
	if r.Total.Inputs.Has&kpi.FRevenue != 0 || r.Organic.Total.Inputs.Has&kpi.FRevenue != 0 {
		in.Has |= kpi.FRevenue
	}
	in.ModelledValue = r.Total.Inputs.ModelledValue
	s.Values = map[string]kpi.Ratio{}
	for _, k := range r.KPIs {
		switch k.Key {
		case "roi", "roi_incl_modelled":
			s.Values[k.Key] = k.Value(*in)
		}
	}
	return s
}

// An InvoiceLine is one invoice, with its amounts converted to the
// reporting currency at the report's rate (each rounded once to the minor
// unit). Finance reconciles these against the platforms' spend.
type InvoiceLine struct {
	kpi.Invoice
	Rate        kpi.Rate
	AmountConv  kpi.Money // net, in the reporting currency
	TaxConv     kpi.Money
	GrossConv   kpi.Money // AmountConv + TaxConv
	Unconverted bool      // no rate for the invoice's currency: amounts left as invoiced
}

// buildInvoices converts each invoice. An invoice in a currency without a
// rate is kept unconverted with a warning: an invoice is evidence, not a
// figure of the report.
func buildInvoices(r *Report, invs []kpi.Invoice, rate func(string) (kpi.Rate, error)) {
	for _, inv := range invs {
		line := InvoiceLine{Invoice: inv}
		x, err := rate(inv.Currency)
		if err != nil {
			line.Unconverted = true
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: invoice %s is in %s, which has no exchange rate: shown as invoiced, not converted", inv.Source, inv.Number, inv.Currency))
		} else {
			line.Rate = x
			line.AmountConv = convert(x, inv.Amount, r.Currency)
			line.TaxConv = convert(x, inv.Tax, r.Currency)
			line.GrossConv = line.AmountConv + line.TaxConv
		}
		r.Invoices = append(r.Invoices, line)
	}
	slices.SortFunc(r.Invoices, func(a, b InvoiceLine) int {
		return cmp.Or(cmp.Compare(platformRank(a.Platform), platformRank(b.Platform)), cmp.Compare(a.Platform, b.Platform),
			a.Date.Compare(b.Date), cmp.Compare(a.Number, b.Number))
	})
}
