package workbook_test

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"github.com/roibook/roibook/internal/officetest"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/xuri/excelize/v2"
)

// checkSections compares the sections' sheets and blocks, recalculated by
// LibreOffice, with the report: every organic scope's totals and KPIs
// (platform sheets and the Summary's organic block), the top posts, every
// channel figure of the web analytics and CRM sheets, the paid-and-organic
// block, the invoices and every section defined name.
func checkSections(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	checkOrganic(t, f, r)
	checkChannels(t, f, r, workbook.SheetWeb, r.Web, "Whole site")
	checkChannels(t, f, r, workbook.SheetCRM, r.Sales, "All sources")
	checkTogether(t, f, r)
	checkInvoices(t, f, r)
	names := definedNames(f)
	for name, want := range sectionFigures(r) {
		ref, ok := names[name]
		if !ok {
			t.Errorf("no defined name %s", name)
			continue
		}
		if got := cellAt(t, f, ref); !want.matches(got) {
			t.Errorf("%s (%s) = %q, want %v", name, ref, got, want)
		}
	}
	for _, name := range workbook.SectionNames {
		if _, ok := sectionFigures(r)[name]; !ok {
			if _, defined := names[name]; defined {
				t.Errorf("defined name %s, but the report has no such section", name)
			}
		}
	}
}

// sectionFigures are the figures behind the section names the report defines.
func sectionFigures(r *reportgen.Report) map[string]figure {
	out := map[string]figure{}
	if o := r.Organic; o != nil {
		in := &o.Total.Inputs
		out["OrganicImpressions"] = provided(count(float64(in.Impressions)), in.Has, kpi.FImpressions)
		out["OrganicEngagements"] = provided(count(float64(in.Engagements)), in.Has, kpi.FEngagements)
		out["OrganicEngagementRate"] = ratio(o.Total.Values["engagement_rate"])
		out["OrganicCost"] = money(in.OtherCosts)
		out["OrganicRevenue"] = provided(money(in.Revenue), in.Has, kpi.FRevenue)
	}
	if tg := r.Together; tg != nil {
		in := &tg.Inputs
		out["TotalCostAll"] = money(in.TotalCost())
		out["RevenueAll"] = provided(money(in.Revenue), in.Has, kpi.FRevenue)
		out["EngagementsAll"] = provided(count(float64(in.Engagements)), in.Has, kpi.FEngagements)
		out["ROIAll"] = ratio(tg.Values["roi"])
	}
	if w := r.Web; w != nil {
		out["WebSessions"] = count(float64(w.Total.Sessions))
		out["WebSocialSessions"] = count(float64(w.Social.Sessions))
		out["WebKeyEvents"] = count(w.Total.KeyEvents.Float64())
		out["WebRevenue"] = money(w.Total.Revenue)
	}
	if s := r.Sales; s != nil {
		out["CRMLeads"] = count(s.Total.Leads.Float64())
		out["CRMCustomers"] = count(s.Total.Customers.Float64())
		out["CRMRevenue"] = money(s.Total.Revenue)
	}
	if len(r.Invoices) > 0 {
		net, _, gross := invoiceTotals(r, "")
		out["InvoicedNet"], out["InvoicedGross"] = money(net), money(gross)
	}
	return out
}

// provided is fig when has holds f: a metric no export reports is blank.
func provided(fig figure, has, f kpi.Fields) figure {
	if has&f == 0 {
		return figure{}
	}
	return fig
}

// invoiceTotals sums the converted invoices, of platform p ("" = all).
func invoiceTotals(r *reportgen.Report, p kpi.Platform) (net, tax, gross kpi.Money) {
	for _, inv := range r.Invoices {
		if inv.Unconverted || p != "" && inv.Platform != p {
			continue
		}
		net, tax, gross = net+inv.AmountConv, tax+inv.TaxConv, gross+inv.GrossConv
	}
	return
}

// organicLabels maps each organic totals row to what it shows.
var organicLabels = map[string]struct {
	field kpi.Fields
	value func(in *kpi.Inputs) figure
}{
	"Posts published": {kpi.FPosts, func(in *kpi.Inputs) figure { return count(float64(in.Posts)) }},
	"Impressions":     {kpi.FImpressions, func(in *kpi.Inputs) figure { return count(float64(in.Impressions)) }},
	"Reach":           {kpi.FReach, func(in *kpi.Inputs) figure { return figure{v: float64(in.Reach), ok: in.ReachKnown} }},
	"Engagements":     {kpi.FEngagements, func(in *kpi.Inputs) figure { return count(float64(in.Engagements)) }},
	"Reactions":       {kpi.FReactions, func(in *kpi.Inputs) figure { return count(float64(in.Reactions)) }},
	"Comments":        {kpi.FComments, func(in *kpi.Inputs) figure { return count(float64(in.Comments)) }},
	"Shares":          {kpi.FShares, func(in *kpi.Inputs) figure { return count(float64(in.Shares)) }},
	"Saves":           {kpi.FSaves, func(in *kpi.Inputs) figure { return count(float64(in.Saves)) }},
	"Clicks (all)":    {kpi.FClicks, func(in *kpi.Inputs) figure { return count(float64(in.Clicks)) }},
	"Link clicks":     {kpi.FLinkClicks, func(in *kpi.Inputs) figure { return count(float64(in.LinkClicks)) }},
	"Follows (net)":   {kpi.FFollows, func(in *kpi.Inputs) figure { return count(float64(in.Follows)) }},
	"Video views":     {kpi.FVideoViews, func(in *kpi.Inputs) figure { return count(float64(in.VideoViews)) }},
	"Watch hours":     {kpi.FWatchTime, func(in *kpi.Inputs) figure { return count(in.WatchHours.Float64()) }},
	"Followers": {kpi.FFollowers, func(in *kpi.Inputs) figure {
		return figure{v: float64(in.Followers), ok: in.FollowersKnown}
	}},
	"Cost (cost-sheet lines)": {0, func(in *kpi.Inputs) figure { return money(in.TotalCost()) }},
	"Attributed revenue":      {kpi.FRevenue, func(in *kpi.Inputs) figure { return money(in.Revenue) }},
}

// organicFigure returns what roibook computed for an organic totals or KPI row.
func organicFigure(o *reportgen.Organic, s *reportgen.Scope, label string) (figure, bool) {
	if l, ok := organicLabels[label]; ok {
		if l.field != 0 && s.Inputs.Has&l.field == 0 {
			return figure{}, true // not reported is blank, not 0
		}
		return l.value(&s.Inputs), true
	}
	for _, k := range o.KPIs {
		if k.Name == label {
			return ratio(s.Values[k.Key]), true
		}
	}
	return figure{}, false
}

// checkOrganic compares each organic sheet's totals, KPIs and top posts,
// and the Summary's organic block (all organic and each platform).
func checkOrganic(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	o := r.Organic
	if o == nil {
		if slices.ContainsFunc(f.GetSheetList(), func(s string) bool { return kpi.LinkedInPage.Name() == s }) {
			t.Errorf("an organic sheet without organic data")
		}
		return
	}
	want := len(organicLabels) + len(o.KPIs)
	for i := range o.Platforms {
		s := &o.Platforms[i]
		rows := mustRows(t, f, s.Name)
		hdr := findRow(t, rows, s.Name, "Totals")
		n := 0
		for _, row := range rows[hdr+1:] {
			if len(row) == 0 || row[0] == "" {
				break
			}
			if w, ok := organicFigure(o, s, row[0]); ok {
				n++
				if got := at(row, 1); !w.matches(got) {
					t.Errorf("%s %s = %q, want %v", s.Name, row[0], got, w)
				}
			}
		}
		if n != want {
			t.Errorf("%s: checked %d organic figures, want %d", s.Name, n, want)
		}
		// Top posts, in the report's order.
		top := findRow(t, rows, s.Name, "Post")
		for j, p := range s.TopPosts {
			row := rows[top+1+j]
			if at(row, 0) != p.Title || at(row, 1) != p.Link {
				t.Errorf("%s top post %d = %q %q, want %q %q", s.Name, j+1, at(row, 0), at(row, 1), p.Title, p.Link)
				continue
			}
			for c, h := range rows[top] {
				var w figure
				switch h {
				case "Impressions":
					w = count(float64(p.Totals.Impressions))
				case "Engagements":
					w = count(float64(p.Totals.Engagements))
				case "Link clicks":
					w = count(float64(p.Totals.LinkClicks))
				case "Engagement rate":
					w = ratio(p.EngagementRate)
				default:
					continue
				}
				if got := at(row, c); !w.matches(got) {
					t.Errorf("%s top post %q %s = %q, want %v", s.Name, p.Title, h, got, w)
				}
			}
		}
	}
	rows := mustRows(t, f, "Summary")
	sec := findRow(t, rows, "Summary", "Organic pages and channels")
	scopes := []*reportgen.Scope{&o.Total}
	for i := range o.Platforms {
		scopes = append(scopes, &o.Platforms[i])
	}
	n := 0
	for _, row := range rows[sec+2:] {
		if len(row) == 0 || row[0] == "" {
			break
		}
		for j, s := range scopes {
			w, ok := organicFigure(o, s, row[0])
			if !ok {
				continue
			}
			n++
			if got := at(row, 1+j); !w.matches(got) {
				t.Errorf("Summary organic %s / %s = %q, want %v", row[0], s.Name, got, w)
			}
		}
	}
	if n != len(scopes)*want {
		t.Errorf("Summary organic block: checked %d figures, want %d", n, len(scopes)*want)
	}
}

// checkChannels compares a channel sheet's by-channel block with the report.
func checkChannels(t *testing.T, f *excelize.File, r *reportgen.Report, sheet string, ch *reportgen.Channels, total string) {
	t.Helper()
	if ch == nil {
		if slices.Contains(f.GetSheetList(), sheet) {
			t.Errorf("sheet %s without its section", sheet)
		}
		return
	}
	rows := mustRows(t, f, sheet)
	hdr := findRow(t, rows, sheet, "Channel")
	ratioOf := func(t *kpi.Totals, need kpi.Fields, num, den float64) figure {
		if t.Has&need != need || den == 0 {
			return figure{}
		}
		return figure{v: num / den, ok: true}
	}
	figures := func(c *kpi.Totals, values map[string]kpi.Ratio) map[string]figure {
		m := map[string]figure{
			"Sessions":                     provided(count(float64(c.Sessions)), c.Has, kpi.FSessions),
			"Engaged sessions":             provided(count(float64(c.EngagedSessions)), c.Has, kpi.FEngagedSessions),
			"Key events":                   provided(count(c.KeyEvents.Float64()), c.Has, kpi.FKeyEvents),
			"Leads":                        provided(count(c.Leads.Float64()), c.Has, kpi.FLeads),
			"Customers won":                provided(count(c.Customers.Float64()), c.Has, kpi.FCustomers),
			"Revenue (" + r.Currency + ")": provided(money(c.Revenue), c.Has, kpi.FRevenue),
		}
		rates := map[string]string{"Engagement rate": "engagement_rate", "Key event rate": "key_event_rate",
			"Lead conversion rate": "lead_conversion_rate", "Revenue per customer": "revenue_per_customer"}
		for h, key := range rates {
			if values != nil {
				m[h] = ratio(values[key])
				continue
			}
			switch key {
			case "engagement_rate":
				m[h] = ratioOf(c, kpi.FEngagedSessions|kpi.FSessions, float64(c.EngagedSessions), float64(c.Sessions))
			case "key_event_rate":
				m[h] = ratioOf(c, kpi.FKeyEvents|kpi.FSessions, c.KeyEvents.Float64(), float64(c.Sessions))
			case "lead_conversion_rate":
				m[h] = ratioOf(c, kpi.FCustomers|kpi.FLeads, c.Customers.Float64(), c.Leads.Float64())
			case "revenue_per_customer":
				m[h] = ratioOf(c, kpi.FCustomers|kpi.FRevenue, c.Revenue.Float64(), c.Customers.Float64())
			}
		}
		return m
	}
	social := ch.Social
	social.Has = ch.Total.Has // blank only where the export lacks a metric
	want := map[string]map[string]figure{"Social and ad platforms": figures(&social, nil), total: figures(&ch.Total, nil)}
	for i := range ch.Channels {
		want[ch.Channels[i].Name] = figures(&ch.Channels[i].Totals, ch.Channels[i].Values)
	}
	seen, n := 0, 0
	for _, row := range rows[hdr+1:] {
		if len(row) == 0 || row[0] == "" {
			break
		}
		w, ok := want[row[0]]
		if !ok {
			t.Errorf("%s: row %q is not a channel of the report", sheet, row[0])
			continue
		}
		seen++
		for c, h := range rows[hdr] {
			fig, ok := w[h]
			if !ok {
				continue
			}
			n++
			if got := at(row, c); !fig.matches(got) {
				t.Errorf("%s %s %s = %q, want %v", sheet, row[0], h, got, fig)
			}
		}
	}
	if seen != len(want) || n < seen*5 {
		t.Errorf("%s: checked %d rows (%d figures), want %d rows", sheet, seen, n, len(want))
	}
}

// checkTogether compares the Summary's paid-and-organic block.
func checkTogether(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	tg := r.Together
	if tg == nil {
		return
	}
	in := &tg.Inputs
	want := map[string]figure{
		"Ad spend":                            money(in.Spend),
		"Other costs (every cost line)":       money(in.OtherCosts),
		"Total cost":                          money(in.TotalCost()),
		"Attributed revenue (paid + organic)": provided(money(in.Revenue), in.Has, kpi.FRevenue),
		"Modelled value":                      money(in.ModelledValue),
		"Impressions (paid + organic)":        provided(count(float64(in.Impressions)), in.Has, kpi.FImpressions),
		"Engagements (paid + organic)":        provided(count(float64(in.Engagements)), in.Has, kpi.FEngagements),
		"Full-cost ROI":                       ratio(tg.Values["roi"]),
		"ROI incl. modelled value":            ratio(tg.Values["roi_incl_modelled"]),
	}
	rows := mustRows(t, f, "Summary")
	sec := findRow(t, rows, "Summary", "Paid and organic together")
	n := 0
	for _, row := range rows[sec+2:] {
		if len(row) == 0 || row[0] == "" {
			break
		}
		w, ok := want[row[0]]
		if !ok {
			t.Errorf("paid and organic: unexpected row %q", row[0])
			continue
		}
		n++
		if got := at(row, 1); !w.matches(got) {
			t.Errorf("paid and organic %s = %q, want %v", row[0], got, w)
		}
	}
	if n != len(want) {
		t.Errorf("paid and organic: checked %d figures, want %d", n, len(want))
	}
}

// checkInvoices compares the invoices' converted amounts and totals, and
// the invoiced net beside each platform's spend.
func checkInvoices(t *testing.T, f *excelize.File, r *reportgen.Report) {
	t.Helper()
	if len(r.Invoices) == 0 {
		return
	}
	rows := mustRows(t, f, workbook.SheetInvoices)
	hdr := findRow(t, rows, workbook.SheetInvoices, "Platform")
	col := func(h string) int { return slices.Index(rows[hdr], h) }
	cur := r.Currency
	for i, inv := range r.Invoices {
		row := rows[hdr+1+i]
		if at(row, col("Number")) != inv.Number {
			t.Errorf("invoice row %d = %q, want %q", i, at(row, col("Number")), inv.Number)
		}
		w := [3]figure{money(inv.AmountConv), money(inv.TaxConv), money(inv.GrossConv)}
		if inv.Unconverted {
			w = [3]figure{}
		}
		for j, h := range []string{"Amount (" + cur + ")", "Tax (" + cur + ")", "Gross (" + cur + ")"} {
			if got := at(row, col(h)); !w[j].matches(got) {
				t.Errorf("invoice %s %s = %q, want %v", inv.Number, h, got, w[j])
			}
		}
	}
	tot := rows[hdr+1+len(r.Invoices)]
	net, tax, gross := invoiceTotals(r, "")
	for j, m := range []kpi.Money{net, tax, gross} {
		h := []string{"Amount (", "Tax (", "Gross ("}[j] + cur + ")"
		if got := at(tot, col(h)); !money(m).matches(got) {
			t.Errorf("invoices total %s = %q, want %v", h, got, m)
		}
	}
	rec := findRow(t, rows, workbook.SheetInvoices, "Invoiced against ad spend") + 1
	for _, row := range rows[rec+1:] {
		if len(row) < 2 || row[1] == "" {
			break
		}
		p := kpi.Platform(row[0])
		net, _, _ := invoiceTotals(r, p)
		var spend kpi.Money
		for i := range r.Platforms {
			if r.Platforms[i].Platform == p {
				spend = r.Platforms[i].Inputs.Spend
			}
		}
		for j, w := range []figure{money(net), money(spend), money(net - spend)} {
			if got := at(row, 1+j); !w.matches(got) {
				t.Errorf("invoiced against spend %s column %d = %q, want %v", p, j+1, got, w)
			}
		}
	}
}

// TestFill_LibreOffice_EditOrganicCost edits the hours of a cost line
// scoped to the LinkedIn page and checks that the page's cost per
// engagement moves to exactly (cost + Δ) / engagements, that organic and
// paid-and-organic costs follow, and that the ad platforms' other costs do
// not move.
func TestFill_LibreOffice_EditOrganicCost(t *testing.T) {
	officetest.Need(t, "soffice")
	t.Parallel()
	r := sectionsReport(t, "ga4", "impressions")
	f, err := excelize.OpenReader(bytes.NewReader(mustFill(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	rows := mustRows(t, f, "Costs")
	hdr := findRow(t, rows, "Costs", "Category")
	hoursCol := slices.Index(rows[hdr], "Hours")
	line := slices.IndexFunc(rows, func(row []string) bool { return at(row, 1) == "LinkedIn community management" })
	if line < 0 || hoursCol < 0 {
		t.Fatalf("no LinkedIn community management line or Hours column on Costs")
	}
	cell, _ := excelize.CoordinatesToCellName(hoursCol+1, line+1)
	if err := f.SetCellFloat("Costs", cell, 10, -1, 64); err != nil { // 6.5 h → 10 h at 60
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	g := recalc(t, buf.Bytes(), "edited_organic.xlsx")
	const delta = 3.5 * 60
	var li *reportgen.Scope
	for i := range r.Organic.Platforms {
		if r.Organic.Platforms[i].Platform == kpi.LinkedInPage {
			li = &r.Organic.Platforms[i]
		}
	}
	cost := li.Inputs.TotalCost().Float64() + delta
	wantCPE := cost / float64(li.Inputs.Engagements)
	rows = mustRows(t, g, li.Name)
	cpe := findRow(t, rows, li.Name, "Cost per engagement")
	if got := at(rows[cpe], 1); !(figure{v: wantCPE, ok: true}).matches(got) {
		t.Errorf("LinkedIn page cost per engagement after the edit = %q, want (%.2f + %.2f) / %d = %.12g",
			got, li.Inputs.TotalCost().Float64(), delta, li.Inputs.Engagements, wantCPE)
	}
	if before := li.Values["cost_per_engagement"].Value; math.Abs(before-wantCPE) < 1e-9 {
		t.Fatalf("the edit does not change cost per engagement (%v)", before)
	}
	names := definedNames(g)
	tc := r.Together.Inputs.TotalCost().Float64() + delta
	rev := r.Together.Inputs.Revenue.Float64()
	want := map[string]figure{
		"OrganicCost":  {v: r.Organic.Total.Inputs.OtherCosts.Float64() + delta, ok: true, money: true},
		"TotalCostAll": {v: tc, ok: true, money: true},
		"ROIAll":       {v: (rev - tc) / tc, ok: true},
		"OtherCosts":   money(r.Total.Inputs.OtherCosts), // organic lines are not the ad platforms'
		"ROI":          ratio(r.Total.Values["roi"]),
	}
	for name, w := range want {
		if got := cellAt(t, g, names[name]); !w.matches(got) {
			t.Errorf("after the edit, %s = %q, want %v", name, got, w)
		}
	}
	t.Logf("LinkedIn page cost per engagement %.6f → %.6f after +%.2f EUR of hours", li.Values["cost_per_engagement"].Value, wantCPE, delta)
}
