package importers

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// CRM reads a CRM or sales sheet: leads, customers won and revenue by day
// and source, exported from a CRM or kept by hand. The format is
// roibook's own (docs/crm-sheet.md):
//
//	date,source,campaign,leads,customers_won,revenue,currency
//	2026-10-01,meta_ads,Autumn sale,12,2,1840.00,EUR
//	2026-10-01,facebook / paid,,3,1,99.90,
//	2026-10-02,google / organic,,5,0,,
//
// File: CSV (comma, semicolon or tab delimited; UTF-8 with or without a
// BOM, UTF-16 with a BOM, or Windows-1252) or XLSX (the first sheet). The
// header is the first non-blank row; names are case-insensitive, in any
// order; other columns are ignored.
//
//	date           required; YYYY-MM-DD (31/10/2026 and 10/31/2026 cannot be
//	               told apart, so neither is accepted), or a date cell in XLSX
//	source         required; a platform key (meta_ads, google_ads,
//	               linkedin_ads, tiktok_ads, microsoft_ads, x_ads,
//	               pinterest_ads, snapchat_ads, meta_posts, linkedin_page,
//	               x_organic, youtube, social_paid, social_organic), a GA4
//	               source / medium such as "facebook / paid" (mapped with
//	               MapChannel and Options.ChannelRules), the GA4 channel
//	               groups "Paid Social" and "Organic Social", or empty for a
//	               sale attributed to no platform. Anything else is an error
//	campaign       optional
//	leads          leads (also "Leads"); not negative
//	customers_won  customers won; also "customers", "won", "deals won",
//	               "sales"; not negative
//	revenue        revenue; negative for a refund
//	currency       optional ISO 4217 code; else the header's suffix
//	               ("revenue (EUR)"), else Options.Currency
//
// The header needs date, source and at least one of leads, customers_won
// and revenue. Numbers use '.' as the decimal point; thousands may be
// grouped with commas in threes (1,234.56, quoted in a comma delimited
// file); 1.234,56 and 12,5 are errors, never guessed. Empty number cells
// are 0. Each row is a record with Platform crm, Day, Channel (the
// source's platform), Campaign, Leads, Customers, Revenue and Currency.
type CRM struct{}

var crmColumns = []col{
	{fDay, []string{"date", "day"}},
	{fSourceMedium, []string{"source", "source / medium", "source/medium", "channel"}},
	{fCampaign, []string{"campaign"}},
	{fLeads, []string{"leads"}},
	{fCustomers, []string{"customers_won", "customers won", "customers", "won", "deals won", "deals_won", "sales"}},
	{fRevenue, []string{"revenue"}},
	{fCurrency, []string{"currency"}},
}

// crmKeys are the platform keys a source may name.
var crmKeys = []kpi.Platform{kpi.MetaAds, kpi.GoogleAds, kpi.LinkedInAds, kpi.TikTokAds,
	kpi.MicrosoftAds, kpi.XAds, kpi.PinterestAds, kpi.SnapchatAds, kpi.MetaPosts,
	kpi.LinkedInPage, kpi.XOrganic, kpi.YouTube, kpi.SocialPaid, kpi.SocialOrganic}

// Platform returns "crm".
func (CRM) Platform() kpi.Platform { return kpi.CRM }

// Detect accepts a head whose first non-blank row has date, source and
// one of leads, customers_won or revenue, and that is not a cost sheet.
func (CRM) Detect(in *Input) bool {
	_, m, ok := crmHeader(in)
	return ok && m.has(fDay) && m.has(fSourceMedium) && m.count(fLeads, fCustomers, fRevenue) > 0 &&
		!(CostSheet{}).Detect(in)
}

// crmHeader maps the first non-blank row of in's head.
func crmHeader(in *Input) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		return i, mapHeader(rec, crmColumns), true
	}
	return 0, nil, false
}

const (
	crmWantDay    = "a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)"
	crmWantSource = `a platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads, meta_posts, linkedin_page, x_organic, youtube, social_paid, social_organic), a source / medium such as "facebook / paid", or empty`
)

// crmChannel resolves a source cell; ok is false when it is none of the
// accepted forms.
func crmChannel(v string, rules []ChannelRule) (kpi.Platform, bool) {
	s := strings.TrimSpace(v)
	if s == "" {
		return "", true
	}
	for _, k := range crmKeys {
		if strings.EqualFold(s, string(k)) {
			return k, true
		}
	}
	if src, med, found := strings.Cut(s, "/"); found {
		src, med = strings.TrimSpace(src), strings.TrimSpace(med)
		if src == "" || med == "" {
			return "", false
		}
		return MapChannel(src+" / "+med, rules), true
	}
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "paid social":
		return kpi.SocialPaid, true
	case "organic social":
		return kpi.SocialOrganic, true
	}
	return "", false
}

// Import reads a CRM sheet. A missing column stops the import at once; a
// bad value fails it (up to 20 are reported) unless opts.SkipBadRows.
// Rows dated outside opts.Period are counted, not emitted.
func (CRM) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.CRM, opts, emit)
	hi, m, ok := crmHeader(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w: no header row; want date, source and leads, customers_won or revenue", in.Name, ErrMissingColumn)
	}
	headerLine := in.HeadLines[hi]
	if err := requireColumns(in, headerLine, m, crmColumns, fDay, fSourceMedium); err != nil {
		return r.st, err
	}
	if m.count(fLeads, fCustomers, fRevenue) == 0 {
		return r.st, fmt.Errorf("%s:%d: %w: want leads, customers_won or revenue; the header has: %s",
			in.Name, headerLine, ErrMissingColumn, join(m.header))
	}
	r.setHeader(m)
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	rules := channelRules(opts)
	xlsx := in.Format == "xlsx"
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		out, err := r.record(kpi.CRM, rec, m, line, (*mapping).text)
		if err != nil {
			r.bad(err)
			return nil
		}
		v, i, _ := m.cell(rec, fDay)
		if out.Day, err = parseDay(v, xlsx, "2006-01-02"); err != nil {
			r.bad(r.valueErr(line, i, m, strings.TrimSpace(v), crmWantDay, ErrBadDate))
			return nil
		}
		v, i, _ = m.cell(rec, fSourceMedium)
		ch, ok := crmChannel(v, rules)
		if !ok {
			r.bad(r.valueErr(line, i, m, strings.TrimSpace(v), crmWantSource, ErrBadRow))
			return nil
		}
		out.Channel = ch
		nf := numDot
		if in.Delimiter == ';' {
			nf = numSemicolon // "1,250" may be a decimal comma there: refused
		}
		if err := r.fillMetrics(&out, rec, m, nf, line); err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	return r.finish()
}
