package workbook

import (
	"cmp"
	"fmt"
	"math"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// A chanMetric is a summed figure of the web analytics or CRM sheet.
type chanMetric struct {
	key, header string
	kind        kind
	field       kpi.Fields
	value       func(t *kpi.Totals) float64
}

// A chanRate is a ratio of two chanMetrics, blank when the denominator is 0.
type chanRate struct {
	key, header string // key as in reportgen.Channel.Values
	num, den    string
	kind        kind
}

// A chanKind is what one channel sheet shows.
type chanKind struct {
	title, note        string
	label              string // the table's first column: what the row is
	total              string // the row of every channel
	metrics            []chanMetric
	rates              []chanRate
	names              map[string]string // defined name → metric key, on the total row
	socialSessionsName string            // defined name of the social row's sessions
}

func webMetrics(cur string) chanKind {
	return chanKind{
		title: "Web analytics",
		note: "Google Analytics 4 sessions, key events and revenue by source / medium. Each row's channel is the platform " +
			"its source / medium maps to; a blank channel is traffic from no social or ad platform (search, direct, e-mail ...).",
		label: "Source / medium", total: "Whole site",
		metrics: []chanMetric{
			{"sessions", "Sessions", kCount, kpi.FSessions, func(t *kpi.Totals) float64 { return float64(t.Sessions) }},
			{"engaged_sessions", "Engaged sessions", kCount, kpi.FEngagedSessions, func(t *kpi.Totals) float64 { return float64(t.EngagedSessions) }},
			{"key_events", "Key events", kQty, kpi.FKeyEvents, func(t *kpi.Totals) float64 { return t.KeyEvents.Float64() }},
			{"revenue", "Revenue (" + cur + ")", kMoney, kpi.FRevenue, func(t *kpi.Totals) float64 { return t.Revenue.Float64() }},
		},
		rates: []chanRate{
			{"engagement_rate", "Engagement rate", "engaged_sessions", "sessions", kPercent},
			{"key_event_rate", "Key event rate", "key_events", "sessions", kPercent},
		},
		names:              map[string]string{"WebSessions": "sessions", "WebKeyEvents": "key_events", "WebRevenue": "revenue"},
		socialSessionsName: "WebSocialSessions",
	}
}

func crmMetrics(cur string) chanKind {
	return chanKind{
		title: "CRM",
		note: "Leads, customers won and revenue from the CRM or sales export, by the platform each is attributed to; " +
			"a blank channel is a sale attributed to no social or ad platform.",
		label: "Campaign", total: "All sources",
		metrics: []chanMetric{
			{"leads", "Leads", kQty, kpi.FLeads, func(t *kpi.Totals) float64 { return t.Leads.Float64() }},
			{"customers", "Customers won", kQty, kpi.FCustomers, func(t *kpi.Totals) float64 { return t.Customers.Float64() }},
			{"revenue", "Revenue (" + cur + ")", kMoney, kpi.FRevenue, func(t *kpi.Totals) float64 { return t.Revenue.Float64() }},
		},
		rates: []chanRate{
			{"lead_conversion_rate", "Lead conversion rate", "customers", "leads", kPercent},
			{"revenue_per_customer", "Revenue per customer", "revenue", "customers", kMoney},
		},
		names: map[string]string{"CRMLeads": "leads", "CRMCustomers": "customers", "CRMRevenue": "revenue"},
	}
}

// A chanCol is a column of a channel sheet's table of rows.
type chanCol struct {
	key, header string
	width       float64
	kind        kind
	field       kpi.Fields
}

// A chanSheet is the web analytics or CRM sheet: the figures by channel
// at the top, formulas over the table of rows below.
type chanSheet struct {
	name                  string
	source                string // ga4 or crm
	ch                    *reportgen.Channels
	kind                  chanKind
	cols                  []chanCol
	letter                map[string]string
	foreign               bool            // some row is in another currency
	fraction              map[string]bool // Qty metrics with a non-integer value
	hdr                   int             // the by-channel header row
	tableHdr, first, last int
}

// rng returns the absolute range of a table column, with the sheet.
func (cs *chanSheet) rng(key string) string {
	l := cs.letter[key]
	return fmt.Sprintf("%s$%s$%d:$%s$%d", sheetRef(cs.name), l, cs.first, l, cs.last)
}

// metricKind is the cell kind of a metric: a count when every value is whole.
func (cs *chanSheet) metricKind(m chanMetric) kind {
	if m.kind == kQty && !cs.fraction[m.key] {
		return kCount
	}
	return m.kind
}

func (fl *filler) planChannels(name string, ch *reportgen.Channels, k chanKind, source string) *chanSheet {
	cs := &chanSheet{name: name, source: source, ch: ch, kind: k, letter: map[string]string{}, fraction: map[string]bool{}}
	for i := range ch.Rows {
		row := &ch.Rows[i]
		if row.Currency != "" && row.Currency != fl.r.Currency && row.Totals.Has&kpi.FRevenue != 0 {
			cs.foreign = true
		}
		for _, m := range k.metrics {
			if v := m.value(&row.Totals); m.kind == kQty && v != math.Trunc(v) {
				cs.fraction[m.key] = true
			}
		}
	}
	cs.cols = []chanCol{{"label", k.label, 30, kText, 0}, {"account", "Account", 18, kText, 0},
		{"channel", "Channel", 15, kText, 0}, {"channel_name", "Channel name", 32, kText, 0},
		{"from", "From", 14, kDate, 0}, {"to", "To", 14, kDate, 0}}
	for _, m := range k.metrics {
		if m.key == "revenue" && cs.foreign {
			cs.cols = append(cs.cols, chanCol{"currency", "Currency", 9, kText, 0}, chanCol{"rate", "FX rate", 10, kFX, 0},
				chanCol{"revenue_original", "Revenue (original)", 14, kAmount, kpi.FRevenue})
		}
		cs.cols = append(cs.cols, chanCol{m.key, m.header, 14, m.kind, m.field})
	}
	cs.cols = append(cs.cols, chanCol{"source", "Source", 28, kText, 0})
	for i, c := range cs.cols {
		cs.letter[c.key] = colLetter(i + 1)
	}
	cs.hdr = 6
	// channels, the social row, the total row, a blank row, the section title
	cs.tableHdr = cs.hdr + len(ch.Channels) + 2 + 3
	cs.first = cs.tableHdr + 1
	cs.last = cs.first + max(len(ch.Rows), 1) - 1
	return cs
}

func (fl *filler) writeChannels(cs *chanSheet) {
	sh, k, ch := cs.name, cs.kind, cs.ch
	ws := make([]float64, len(cs.cols))
	for i, c := range cs.cols {
		ws[i] = c.width
	}
	fl.widths(sh, ws...)
	fl.heading(sh, k.title, k.note)
	fl.str(sh, 1, cs.hdr-1, "By channel", kSection)
	hdr := []string{"Channel", "Key"}
	for _, m := range k.metrics {
		hdr = append(hdr, m.header)
	}
	for _, r := range k.rates {
		hdr = append(hdr, r.header)
	}
	fl.header(sh, pos{1, cs.hdr}, hdr...)
	metricCol := map[string]int{}
	for i, m := range k.metrics {
		metricCol[m.key] = 3 + i
	}
	// line writes one by-channel row: sum(metric range) for each metric,
	// then the rates over those cells. t and vals are the row's figures in
	// the model (vals nil: the rates of t's sums).
	line := func(row int, label, key string, has kpi.Fields, t *kpi.Totals, vals map[string]kpi.Ratio, sum func(rng string) string, bold bool) {
		lk := kText
		if bold {
			lk = kLabel
		}
		fl.str(sh, 1, row, label, lk)
		if key != "" {
			fl.str(sh, 2, row, key, kText)
		}
		if bold {
			fl.style(sh, 1, row, kLabel, true)
			fl.style(sh, 2, row, kText, true)
		}
		for _, m := range k.metrics {
			col := metricCol[m.key]
			if has&m.field == 0 {
				fl.style(sh, col, row, cs.metricKind(m), bold) // not reported is not 0
				continue
			}
			want, _ := totalOf(t, m.key)
			fl.formulaV(sh, col, row, sum(cs.rng(m.key)), cs.metricKind(m), bold, want)
		}
		for i, r := range k.rates {
			col := 3 + len(k.metrics) + i
			var num, den chanMetric
			for _, m := range k.metrics {
				if m.key == r.num {
					num = m
				}
				if m.key == r.den {
					den = m
				}
			}
			if has&(num.field|den.field) != num.field|den.field {
				fl.style(sh, col, row, r.kind, bold)
				continue
			}
			n, d := abs0(metricCol[r.num], row), abs0(metricCol[r.den], row)
			want := vRatio(vals[r.key])
			if vals == nil {
				nv, _ := totalOf(t, r.num)
				dv, _ := totalOf(t, r.den)
				want = ratioOf(nv, dv)
			}
			fl.formulaV(sh, col, row, fmt.Sprintf(`IF(%s=0,"",%s/%s)`, d, n, d), r.kind, bold, want)
		}
	}
	for i, c := range ch.Channels {
		key := string(c.Channel)
		line(cs.hdr+1+i, c.Name, key, c.Totals.Has, &c.Totals, c.Values, func(rng string) string {
			return fmt.Sprintf("SUMIFS(%s,%s,%s)", rng, cs.rng("channel"), crit(key))
		}, false)
	}
	social := cs.hdr + 1 + len(ch.Channels)
	// The social row is blank only where the export lacks the metric: no
	// social row at all is a social total of 0.
	line(social, "Social and ad platforms", "", ch.Total.Has, &ch.Social, nil, func(rng string) string {
		return fmt.Sprintf(`SUMIFS(%s,%s,"<>")`, rng, cs.rng("channel"))
	}, false)
	total := social + 1
	line(total, k.total, "", ch.Total.Has, &ch.Total, nil, func(rng string) string { return "SUM(" + rng + ")" }, true)
	for name, key := range k.names {
		fl.defineSection(name, sheetRef(sh)+abs(metricCol[key], total))
	}
	if k.socialSessionsName != "" {
		fl.defineSection(k.socialSessionsName, sheetRef(sh)+abs(metricCol["sessions"], social))
	}
	fl.writeChannelRows(cs)
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, TopLeftCell: "B1", ActivePane: "topRight"}))
}

// writeChannelRows writes the rows as an Excel table. Revenue in another
// currency is a formula over the rate table, as on the Data sheet.
func (fl *filler) writeChannelRows(cs *chanSheet) {
	sh, r := cs.name, fl.r
	fl.str(sh, 1, cs.tableHdr-1, "Rows", kSection)
	hdr := make([]string, len(cs.cols))
	for i, c := range cs.cols {
		hdr[i] = c.header
	}
	fl.header(sh, pos{1, cs.tableHdr}, hdr...)
	names := map[kpi.Platform]string{}
	for _, c := range cs.ch.Channels {
		names[c.Channel] = c.Name
	}
	dec := kpi.Decimals(r.Currency)
	for n := range cs.ch.Rows {
		row := &cs.ch.Rows[n]
		line := cs.first + n
		from, to := row.Day, row.Day
		if row.Day.IsZero() {
			from, to = row.Span.From, row.Span.To
		}
		rateRef, foreign := "", false
		if row.Currency != "" && row.Currency != r.Currency {
			rateRef, foreign = fl.rateRef(row.Currency)
		}
		for i, c := range cs.cols {
			col := i + 1
			if c.field != 0 && row.Totals.Has&c.field == 0 {
				continue
			}
			var v any
			switch c.key {
			case "label":
				v = text(row.Campaign)
			case "account":
				v = text(row.Account)
			case "channel":
				v = text(string(row.Channel))
			case "channel_name":
				v = text(names[row.Channel])
			case "from":
				v = excelDate(from)
			case "to":
				v = excelDate(to)
			case "currency":
				v = text(row.Currency)
			case "rate":
				v = 1.0
				if !row.Rate.IsZero() {
					v = row.Rate.Float64()
				}
				if foreign {
					v = excelize.Cell{Formula: rateRef, Value: v}
				}
			case "revenue_original":
				v = row.RevenueOriginal.Float64()
			case "source":
				v = text(row.Source)
			case "revenue":
				v = row.Totals.Revenue.Float64()
				if foreign {
					v = excelize.Cell{Formula: fmt.Sprintf("ROUND(%s*%s,%d)", abs0(cs.col("revenue_original"), line), abs0(cs.col("rate"), line), dec), Value: v}
				}
			default:
				for _, m := range cs.kind.metrics {
					if m.key == c.key {
						v = m.value(&row.Totals)
					}
				}
			}
			k := c.kind
			for _, m := range cs.kind.metrics {
				if m.key == c.key {
					k = cs.metricKind(m)
				}
			}
			if c.key == "revenue_original" {
				k = amountKind(cmp.Or(row.Currency, r.Currency))
			}
			fl.value(sh, col, line, v, k)
		}
	}
	fl.addTable(sh, map[string]string{"ga4": "WebRows", "crm": "CRMRows"}[cs.source], 1, cs.tableHdr, len(cs.cols), cs.last)
}

// col returns the column number of a table column.
func (cs *chanSheet) col(key string) int {
	for i, c := range cs.cols {
		if c.key == key {
			return i + 1
		}
	}
	return 0
}
