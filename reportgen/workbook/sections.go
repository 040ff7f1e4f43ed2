package workbook

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// The sheets Fill creates for the report's sections, each only when the
// report has that section: one sheet per organic platform (after the ad
// platform sheets), then Invoices, Web analytics and CRM (before Sources).
// The template knows nothing of them, so a template restyled before these
// sections existed still fills.
const (
	SheetInvoices = "Invoices"
	SheetWeb      = "Web analytics"
	SheetCRM      = "CRM"
)

// SectionNames are the defined names of the sections' headline figures,
// each defined only when the report has its section (see the package
// documentation).
var SectionNames = []string{
	"OrganicImpressions", "OrganicEngagements", "OrganicEngagementRate", "OrganicCost", "OrganicRevenue",
	"TotalCostAll", "RevenueAll", "EngagementsAll", "ROIAll",
	"WebSessions", "WebSocialSessions", "WebKeyEvents", "WebRevenue",
	"CRMLeads", "CRMCustomers", "CRMRevenue",
	"InvoicedNet", "InvoicedGross",
}

// sectionNameLabels are the comments of SectionNames.
var sectionNameLabels = map[string]string{
	"OrganicImpressions": "Organic impressions", "OrganicEngagements": "Organic engagements",
	"OrganicEngagementRate": "Organic engagement rate", "OrganicCost": "Organic cost (cost-sheet lines)",
	"OrganicRevenue": "Organic attributed revenue", "TotalCostAll": "Total cost, paid and organic",
	"RevenueAll": "Attributed revenue, paid and organic", "EngagementsAll": "Engagements, paid and organic",
	"ROIAll": "Full-cost ROI, paid and organic", "WebSessions": "Web sessions (whole site)",
	"WebSocialSessions": "Web sessions from social and ad platforms", "WebKeyEvents": "Web key events (whole site)",
	"WebRevenue": "Web revenue (whole site)", "CRMLeads": "CRM leads", "CRMCustomers": "CRM customers won",
	"CRMRevenue": "CRM revenue", "InvoicedNet": "Invoiced, net (converted)", "InvoicedGross": "Invoiced, gross (converted)",
}

// newSheet creates a sheet named like name (made unique) before the
// sheet before ("" = at the end), printed landscape.
func (fl *filler) newSheet(name, before string) string {
	if fl.err != nil {
		return name
	}
	name = fl.sheetName(name, fl.f.GetSheetList())
	_, err := fl.f.NewSheet(name)
	fl.fail(err)
	if before != "" {
		fl.fail(fl.f.MoveSheet(name, before))
	}
	fl.fail(landscape(fl.f, name))
	return name
}

// createSections creates the sections' sheets and plans where each of
// their tables goes, so that formulas elsewhere can read them before they
// are written.
func (fl *filler) createSections() {
	r := fl.r
	if o := r.Organic; o != nil {
		for i := range o.Platforms {
			name := fl.newSheet(o.Platforms[i].Name, fl.afterPlatform)
			fl.org = append(fl.org, fl.planOrganic(name, &o.Platforms[i]))
		}
	}
	if len(r.Invoices) > 0 {
		fl.invSheet = fl.newSheet(SheetInvoices, SheetSources)
	}
	if r.Web != nil {
		fl.web = fl.planChannels(fl.newSheet(SheetWeb, SheetSources), r.Web, webMetrics(r.Currency), "ga4")
	}
	if r.Sales != nil {
		fl.crm = fl.planChannels(fl.newSheet(SheetCRM, SheetSources), r.Sales, crmMetrics(r.Currency), "crm")
	}
}

// heading writes a created sheet's title, subtitle and note.
func (fl *filler) heading(sh, title, note string) {
	r := fl.r
	fl.str(sh, 1, 1, title, kTitle)
	fl.str(sh, 1, 2, fmt.Sprintf("%s · %s · amounts in %s", r.Client, r.Period.Label(), r.Currency), kSubtitle)
	if note != "" {
		fl.str(sh, 1, 3, note, kNote)
	}
}

// widths sets column widths from the first column on.
func (fl *filler) widths(sh string, ws ...float64) {
	for i, w := range ws {
		c := colLetter(i + 1)
		fl.fail(fl.f.SetColWidth(sh, c, c, w))
	}
}

// value writes one table cell: text as text (never a formula), numbers
// with the column's format; nil leaves the cell blank.
func (fl *filler) value(sh string, col, row int, v any, k kind) {
	switch v := v.(type) {
	case nil:
	case string:
		fl.str(sh, col, row, v, kText)
	case int64:
		fl.num(sh, col, row, float64(v), k, false)
	case float64:
		fl.num(sh, col, row, v, k, false)
	case excelize.Cell:
		fl.formulaV(sh, col, row, v.Formula, k, false, vAny(v.Value))
	default:
		fl.fail(fmt.Errorf("cell %s: unexpected %T", cellName(col, row), v))
	}
}

// addTable makes an Excel table of a sheet range whose first row is the
// header.
func (fl *filler) addTable(sh, name string, col0, hdr, col1, last int) {
	if fl.err != nil {
		return
	}
	off := false
	fl.fail(fl.f.AddTable(sh, &excelize.Table{Range: cellName(col0, hdr) + ":" + cellName(col1, max(last, hdr+1)),
		Name: name, StyleName: "TableStyleLight1", ShowRowStripes: &off}))
}

// sumOf returns a formula summing rng where crits (range, key pairs) match
// any of keys: one SUMIFS for one key, SUMPRODUCT over an array of keys
// for several (as Excel and LibreOffice both evaluate it).
func sumOf(rng, keyRange string, keys []string) string {
	if len(keys) == 1 {
		return fmt.Sprintf("SUMIFS(%s,%s,%s)", rng, keyRange, crit(keys[0]))
	}
	lits := make([]string, len(keys))
	for i, k := range keys {
		lits[i] = crit(k)
	}
	return fmt.Sprintf("SUMPRODUCT(SUMIFS(%s,%s,{%s}))", rng, keyRange, strings.Join(lits, ","))
}

// paidChannels and organicChannels are the channel keys whose revenue
// counts for the ad platforms together and for organic together, as
// reportgen attributes it: every platform of the kind, and the GA4 channel
// group that names no network.
func paidChannels() []string {
	var out []string
	for _, p := range reportgen.PlatformOrder {
		if p.IsPaid() {
			out = append(out, string(p))
		}
	}
	return append(out, string(kpi.SocialPaid))
}

func organicChannels() []string { return append(organicPlatforms(), string(kpi.SocialOrganic)) }

// organicPlatforms are the organic platform keys: cost lines scoped to
// them are organic's, not the ad platforms'.
func organicPlatforms() []string {
	var out []string
	for _, p := range reportgen.PlatformOrder {
		if p.IsOrganic() {
			out = append(out, string(p))
		}
	}
	return out
}

// organicCosts is the formula summing the cost lines scoped to organic
// platforms.
func (fl *filler) organicCosts() string {
	return sumOf(fl.costCostRange, fl.costPlatRange, organicPlatforms())
}

// channelsOf returns the channel sheet of a revenue source (ga4 or crm),
// or nil.
func (fl *filler) channelsOf(source string) *chanSheet {
	switch source {
	case "ga4":
		return fl.web
	case "crm":
		return fl.crm
	}
	return nil
}

// revenueOf returns the formula of the revenue a source attributes to
// channels, and the words saying so; ok is false without that sheet.
func (fl *filler) revenueOf(source string, channels []string) (formula, words string, ok bool) {
	cs := fl.channelsOf(source)
	if cs == nil || cs.letter["revenue"] == "" {
		return "", "", false
	}
	return sumOf(cs.rng("revenue"), cs.rng("channel"), channels), fmt.Sprintf("%s attributed to %s, from the %s sheet",
		revenueSourceLabel(source), channelWords(channels), cs.name), true
}

// channelWords names a list of channels for a note.
func channelWords(ch []string) string {
	switch {
	case len(ch) == 1:
		return kpi.Platform(ch[0]).Name()
	case ch[len(ch)-1] == string(kpi.SocialPaid):
		return "the ad platforms and GA4's Paid Social"
	case ch[len(ch)-1] == string(kpi.SocialOrganic):
		return "the organic platforms and GA4's Organic Social"
	}
	return strings.Join(ch, ", ")
}

// defineSection records a section's defined name.
func (fl *filler) defineSection(name, ref string) {
	if fl.sectionRefs == nil {
		fl.sectionRefs = map[string]string{}
	}
	fl.sectionRefs[name] = ref
}
