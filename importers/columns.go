package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Field names: the record field a column fills. They appear in `inspect`.
const (
	fDay              = "day"
	fStart            = "reporting_start"
	fEnd              = "reporting_end"
	fAccount          = "account"
	fCampaign         = "campaign"
	fAdSet            = "ad_set"
	fAd               = "ad"
	fCurrency         = "currency"
	fSpend            = "spend"
	fImpressions      = "impressions"
	fReach            = "reach"
	fClicks           = "clicks"
	fLinkClicks       = "link_clicks"
	fEngagements      = "engagements"
	fReactions        = "reactions"
	fComments         = "comments"
	fShares           = "shares"
	fSaves            = "saves"
	fVideoViews       = "video_views"
	fFollows          = "follows"
	fLeads            = "leads"
	fConversions      = "conversions"
	fConversionValue  = "conversion_value"
	fPurchases        = "purchases"
	fAddsToCart       = "adds_to_cart"
	fCheckouts        = "checkouts"
	fLandingPageViews = "landing_page_views"

	// Organic content.
	fPost       = "post"      // post title or text
	fPostLink   = "post_link" // permalink or post id
	fPublished  = "published" // publish time
	fPosts      = "posts"     // posts published (a daily export's count)
	fFollowers  = "followers" // follower count at the end of the day (a level)
	fWatchHours = "watch_hours"

	// Web analytics and sales.
	fSourceMedium    = "source_medium" // GA4 session source / medium, channel group, or a CRM source
	fSessions        = "sessions"
	fEngagedSessions = "engaged_sessions"
	fKeyEvents       = "key_events"
	fRevenue         = "revenue"
	fCustomers       = "customers"
)

// metricFields maps each metric field to its Record flag.
var metricFields = map[string]kpi.Fields{
	fSpend: kpi.FSpend, fImpressions: kpi.FImpressions, fReach: kpi.FReach, fClicks: kpi.FClicks,
	fLinkClicks: kpi.FLinkClicks, fEngagements: kpi.FEngagements, fReactions: kpi.FReactions,
	fComments: kpi.FComments, fShares: kpi.FShares, fSaves: kpi.FSaves, fVideoViews: kpi.FVideoViews,
	fFollows: kpi.FFollows, fLeads: kpi.FLeads, fConversions: kpi.FConversions,
	fConversionValue: kpi.FConversionValue, fPurchases: kpi.FPurchases, fAddsToCart: kpi.FAddsToCart,
	fCheckouts: kpi.FCheckouts, fLandingPageViews: kpi.FLandingPageViews,
	fPosts: kpi.FPosts, fFollowers: kpi.FFollowers, fWatchHours: kpi.FWatchTime,
	fSessions: kpi.FSessions, fEngagedSessions: kpi.FEngagedSessions, fKeyEvents: kpi.FKeyEvents,
	fRevenue: kpi.FRevenue, fCustomers: kpi.FCustomers,
}

// A col maps header names, in any language, to a field. Aliases are
// compared after normHeader and after a trailing currency suffix such as
// " (USD)" is removed.
type col struct {
	field   string
	aliases []string
}

// normHeader folds a header cell for comparison: BOM and surrounding space
// removed, full-width brackets and percent made ASCII, runs of white space
// made one space, lower case.
func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = headerFold.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.ToLower(s)
}

var headerFold = strings.NewReplacer("（", "(", "）", ")", "％", "%", "：", ":", "\u00a0", " ", "\u3000", " ")

// splitCurrency removes a trailing ISO currency suffix: "Amount spent (USD)"
// gives "Amount spent", "USD". Other trailing brackets, such as "(CVR)",
// are kept.
func splitCurrency(h string) (base, currency string) {
	t := strings.TrimSpace(headerFold.Replace(h))
	if !strings.HasSuffix(t, ")") {
		return h, ""
	}
	open := strings.LastIndexByte(t, '(')
	if open < 0 {
		return h, ""
	}
	code := strings.TrimSpace(t[open+1 : len(t)-1])
	if !kpi.IsCurrency(code) {
		return h, ""
	}
	return strings.TrimSpace(t[:open]), code
}

// A mapping is a header resolved against a platform's columns.
type mapping struct {
	header   []string
	idx      map[string]int // field → first column index
	currency string         // currency found in a header suffix
	columns  []kpi.Column
	unmapped []string
	dupes    []string // header names that appear more than once
	metrics  []metricCol
	hasSet   kpi.Fields // Record flags of the mapped metric fields
}

// A metricCol is a mapped metric column, in column order.
type metricCol struct {
	field string
	index int
}

// mapHeader resolves header against cols. The first column wins when a
// name appears twice (Meta writes "Ad name" twice).
func mapHeader(header []string, cols []col) *mapping {
	alias := map[string]string{}
	for _, c := range cols {
		for _, a := range c.aliases {
			alias[normHeader(a)] = c.field
		}
	}
	m := &mapping{header: append([]string(nil), header...), idx: map[string]int{}}
	seen := map[string]bool{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
			m.header[0] = h
		}
		n := normHeader(h)
		if n == "" {
			continue
		}
		if seen[n] {
			m.dupes = append(m.dupes, h)
		}
		seen[n] = true
		field, ok := alias[n]
		base, cur := splitCurrency(h)
		if !ok && cur != "" {
			field, ok = alias[normHeader(base)]
		}
		colInfo := kpi.Column{Index: i, Letter: ColumnLetter(i), Header: h}
		if ok {
			if _, dup := m.idx[field]; !dup {
				m.idx[field] = i
				colInfo.Field = field
				if cur != "" && m.currency == "" {
					m.currency = cur
				}
			}
		}
		if colInfo.Field == "" {
			m.unmapped = append(m.unmapped, h)
		} else if flag, isMetric := metricFields[colInfo.Field]; isMetric {
			m.metrics = append(m.metrics, metricCol{field: colInfo.Field, index: i})
			m.hasSet |= flag
		}
		m.columns = append(m.columns, colInfo)
	}
	return m
}

// has reports whether field is mapped.
func (m *mapping) has(field string) bool { _, ok := m.idx[field]; return ok }

// count returns how many of fields are mapped.
func (m *mapping) count(fields ...string) int {
	n := 0
	for _, f := range fields {
		if m.has(f) {
			n++
		}
	}
	return n
}

// missing returns the fields of want that are not mapped.
func (m *mapping) missing(want ...string) []string {
	var out []string
	for _, f := range want {
		if !m.has(f) {
			out = append(out, f)
		}
	}
	return out
}

// cell returns the raw value of field in rec, and its column index; ok is
// false when the field is not mapped or the row is short.
func (m *mapping) cell(rec []string, field string) (v string, i int, ok bool) {
	i, ok = m.idx[field]
	if !ok || i >= len(rec) {
		return "", i, false
	}
	return rec[i], i, true
}

// hasFields returns the Record flags of the mapped metric fields.
func (m *mapping) hasFields() kpi.Fields { return m.hasSet }

// A numberFormat is a file's decimal and grouping separators, decided once
// per file from its language, never guessed per value.
type numberFormat struct {
	decimal, group byte
	// bareGroupRefused refuses a number whose only separator is the group
	// one ("1,250" in a ';'-separated file, where it may be 1.25).
	bareGroupRefused bool
}

var (
	numDot   = numberFormat{decimal: '.', group: ','} // 1,234.56
	numComma = numberFormat{decimal: ',', group: '.'} // 1.234,56
	numPlain = numberFormat{decimal: '.'}             // 1234.56, no grouping (Meta's own format)
	// numSemicolon is a ';'-separated typed sheet's: 1,234.56 is read, but
	// 1,250 is refused, as it may be a decimal comma.
	numSemicolon = numberFormat{decimal: '.', group: ',', bareGroupRefused: true}
)

// isNA reports a "not available" marker: empty, " --", "--", "-", "—", "n/a".
func isNA(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "--", "-", "—", "–", "n/a", "N/A", "NA":
		return true
	}
	return false
}

// canon turns s into a plain decimal ("-1234.56") per nf: white space and
// grouping removed (groups must be of three digits), the decimal separator
// made '.'. ok is false when s is not a number in this format.
func (nf numberFormat) canon(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if plainDecimal(s, nf.decimal) {
		return s, true
	}
	s = spaceStrip.Replace(s)
	if s == "" {
		return "", false
	}
	if nf.bareGroupRefused && strings.IndexByte(s, nf.group) >= 0 && strings.IndexByte(s, nf.decimal) < 0 {
		return "", false
	}
	if strings.ContainsAny(s, "eE") {
		// Scientific notation (7.48E-6) never has grouping.
		if nf.decimal == ',' {
			s = strings.Replace(s, ",", ".", 1)
		}
		return s, true
	}
	var b strings.Builder
	intPart, frac, hasFrac := strings.Cut(s, string(nf.decimal))
	if hasFrac && strings.IndexByte(frac, nf.group) >= 0 {
		return "", false
	}
	if strings.IndexByte(intPart, nf.group) >= 0 {
		groups := strings.Split(intPart, string(nf.group))
		for i, g := range groups {
			d := strings.TrimLeft(g, "+-")
			if i > 0 && len(g) != 3 || i == 0 && (len(d) == 0 || len(d) > 3) {
				return "", false
			}
		}
		intPart = strings.Join(groups, "")
	}
	b.WriteString(intPart)
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String(), true
}

var spaceStrip = strings.NewReplacer("\u00a0", "", "\u202f", "", " ", "")

// plainDecimal reports whether s is digits with an optional leading '-'
// and, when the file's decimal separator is '.', at most one '.': the
// common case, parsed without any rewriting.
func plainDecimal(s string, decimal byte) bool {
	if s == "" {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '-' && i == 0:
		case c == '.' && !dot && decimal == '.':
			dot = true
		default:
			return false
		}
	}
	return true
}

// money parses a money value; empty and n/a markers give 0.
func (nf numberFormat) money(s string) (kpi.Money, error) {
	if isNA(s) {
		return 0, nil
	}
	c, ok := nf.canon(s)
	if !ok {
		return 0, ErrBadNumber
	}
	return kpi.ParseMoney(c)
}

// qty parses a possibly fractional count; empty and n/a markers give 0.
func (nf numberFormat) qty(s string) (kpi.Qty, error) {
	if isNA(s) {
		return 0, nil
	}
	c, ok := nf.canon(s)
	if !ok {
		return 0, ErrBadNumber
	}
	q, err := kpi.ParseQty(c)
	if err == nil && q < 0 {
		return 0, ErrBadNumber
	}
	return q, err
}

// count parses a whole count, accepting "376.0"; empty and n/a give 0.
func (nf numberFormat) count(s string) (int64, error) {
	q, err := nf.qty(s)
	if err != nil {
		return 0, err
	}
	if q%kpi.Micro != 0 {
		return 0, ErrBadNumber
	}
	return int64(q / kpi.Micro), nil
}

// wantNumber describes a valid number in nf, for error messages.
func (nf numberFormat) wantNumber(whole bool) string {
	switch {
	case whole && nf.decimal == ',':
		return "a whole number like 1.234"
	case whole:
		return "a whole number like 1234"
	case nf.decimal == ',':
		return "a number like 1234,56"
	}
	return "a number like 1234.56"
}

// excelEpoch is day 0 of the 1900 date system as Excel counts it.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDay parses a date in one of layouts (Go reference layouts) and
// returns its UTC midnight. In an xlsx file a serial day number such as
// "46296" is accepted too. A time of day, if a layout has one, is dropped.
func parseDay(s string, xlsx bool, layouts ...string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if xlsx {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 2958466 {
			d := excelEpoch.AddDate(0, 0, int(math.Floor(f)))
			return d, nil
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, ErrBadDate
}

// wantDate describes layouts for error messages ("a date like 2026-10-31").
func wantDate(layouts ...string) string {
	ex := kpi.Day(2026, 10, 31)
	var s []string
	for _, l := range layouts {
		s = append(s, ex.Format(l))
	}
	return "a date like " + strings.Join(s, " or ")
}

// isBlank reports whether every cell of rec is empty.
func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// join quotes the names for messages: "Cost", "Impr.".
func join(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
