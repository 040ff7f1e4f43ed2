package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// Inspection is what roibook sees in one file, without writing anything.
type Inspection struct {
	File          string       `json:"file"`
	Platform      kpi.Platform `json:"platform"`
	Level         string       `json:"level,omitempty"`
	Format        string       `json:"format"`
	Encoding      string       `json:"encoding,omitempty"`
	Delimiter     string       `json:"delimiter,omitempty"`
	Period        *PeriodJSON  `json:"period"`
	Currency      *string      `json:"currency"` // null when the file states none
	Columns       []kpi.Column `json:"columns"`
	Unmapped      []string     `json:"unmapped"`
	Rows          int          `json:"rows"`
	Used          int          `json:"used"`
	OutsidePeriod int          `json:"outside_period"` // rows outside --period, not used
	Aggregates    int          `json:"aggregates"`
	Skipped       []kpi.Note   `json:"skipped"`
	Rejected      []kpi.Note   `json:"rejected"`
	// Totals are of every valid row of the file, whatever --period.
	Totals         *TotalsJSON     `json:"totals,omitempty"`
	PlatformTotals *TotalsJSON     `json:"platform_totals"`
	Check          kpi.TotalsCheck `json:"totals_check"`
	CostLines      int             `json:"cost_lines,omitempty"`
	Invoices       int             `json:"invoices,omitempty"` // invoice lines read
	Rates          int             `json:"rates,omitempty"`    // exchange rates read
	Warnings       []string        `json:"warnings"`
	Error          string          `json:"error,omitempty"`
}

// PeriodJSON is a period as ISO dates.
type PeriodJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// TotalsJSON are the totals inspect reports, in the file's currency. A
// metric the file does not report is null, not 0.
type TotalsJSON struct {
	Spend       *json.Number `json:"spend"`
	Impressions *json.Number `json:"impressions"`
	Clicks      *json.Number `json:"clicks"`
	LinkClicks  *json.Number `json:"link_clicks"`
	Conversions *json.Number `json:"conversions"`
	Revenue     *json.Number `json:"revenue"`
	Leads       *json.Number `json:"leads"`
	// Organic, analytics and sales metrics, omitted when the file has none.
	Posts           *json.Number `json:"posts,omitempty"`
	Engagements     *json.Number `json:"engagements,omitempty"`
	Follows         *json.Number `json:"follows,omitempty"`
	Followers       *json.Number `json:"followers,omitempty"` // at the latest day
	VideoViews      *json.Number `json:"video_views,omitempty"`
	WatchHours      *json.Number `json:"watch_hours,omitempty"`
	Sessions        *json.Number `json:"sessions,omitempty"`
	EngagedSessions *json.Number `json:"engaged_sessions,omitempty"`
	KeyEvents       *json.Number `json:"key_events,omitempty"`
	Customers       *json.Number `json:"customers,omitempty"`
}

func totalsJSON(t kpi.Totals) *TotalsJSON {
	n := func(f kpi.Fields, v string) *json.Number {
		if t.Has&f == 0 {
			return nil
		}
		x := json.Number(v)
		return &x
	}
	i := func(f kpi.Fields, v int64) *json.Number { return n(f, strconv.FormatInt(v, 10)) }
	tj := &TotalsJSON{
		Spend:       n(kpi.FSpend, t.Spend.String()),
		Impressions: i(kpi.FImpressions, t.Impressions),
		Clicks:      i(kpi.FClicks, t.Clicks),
		LinkClicks:  i(kpi.FLinkClicks, t.LinkClicks),
		Conversions: n(kpi.FConversions, t.Conversions.String()),
		Revenue:     n(kpi.FConversionValue, t.ConversionValue.String()),
		Leads:       n(kpi.FLeads, t.Leads.String()),

		Posts: i(kpi.FPosts, t.Posts), Follows: i(kpi.FFollows, t.Follows),
		VideoViews: i(kpi.FVideoViews, t.VideoViews), WatchHours: n(kpi.FWatchTime, t.WatchHours.String()),
		Sessions: i(kpi.FSessions, t.Sessions), EngagedSessions: i(kpi.FEngagedSessions, t.EngagedSessions),
		KeyEvents: n(kpi.FKeyEvents, t.KeyEvents.String()), Customers: n(kpi.FCustomers, t.Customers.String()),
	}
	if tj.Revenue == nil {
		tj.Revenue = n(kpi.FRevenue, t.Revenue.String()) // analytics or CRM revenue
	}
	if t.Has.Any(kpi.FPosts | kpi.FSessions | kpi.FCustomers | kpi.FFollowers | kpi.FWatchTime) {
		tj.Engagements = i(kpi.FEngagements, t.Engagements)
	}
	if t.FollowersKnown {
		tj.Followers = i(kpi.FFollowers, t.Followers)
	}
	return tj
}

// String lists the totals for a person: "spend 12.50, impressions 1000, …, leads n/a".
func (t *TotalsJSON) String() string {
	type metric struct {
		name string
		v    *json.Number
	}
	// An ad export's metrics, n/a when missing; the others only when present.
	paid := []metric{{"spend", t.Spend}, {"impressions", t.Impressions}, {"clicks", t.Clicks}, {"link clicks", t.LinkClicks},
		{"conversions", t.Conversions}, {"revenue", t.Revenue}, {"leads", t.Leads}}
	other := []metric{{"posts", t.Posts}, {"engagements", t.Engagements}, {"follows", t.Follows}, {"followers", t.Followers},
		{"video views", t.VideoViews}, {"watch hours", t.WatchHours}, {"sessions", t.Sessions},
		{"engaged sessions", t.EngagedSessions}, {"key events", t.KeyEvents}, {"customers", t.Customers}}
	var parts []string
	if t.Spend != nil {
		for _, m := range paid {
			v := "n/a"
			if m.v != nil {
				v = m.v.String()
			}
			parts = append(parts, m.name+" "+v)
		}
	} else {
		other = append(paid, other...)
	}
	for _, m := range other {
		if m.v != nil {
			parts = append(parts, m.name+" "+m.v.String())
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// ErrInspect is returned when some file could not be inspected; each
// Inspection carries its own error.
var ErrInspect = errors.New("some files could not be read")

// Inspect reads each file as a report would, with bad rows rejected rather
// than fatal so that every reason shows, and emits nothing.
func Inspect(files []string, period kpi.Period) ([]Inspection, error) {
	var out []Inspection
	var failed error
	for _, path := range files {
		ins, err := inspectOne(path, period)
		if err != nil {
			ins.Error = err.Error()
			failed = ErrInspect
		}
		out = append(out, ins)
	}
	return out, failed
}

func inspectOne(path string, period kpi.Period) (Inspection, error) {
	ins := Inspection{File: path, Columns: []kpi.Column{}, Unmapped: []string{}, Skipped: []kpi.Note{}, Rejected: []kpi.Note{}, Warnings: []string{}}
	in, err := importers.Open(path)
	if err != nil {
		return ins, err
	}
	ins.Format, ins.Encoding = in.Format, in.Encoding
	d, err := importers.Detect(in, importers.Detectors())
	if err != nil {
		return ins, err
	}
	ins.Platform = d.Platform()
	opts := importers.Options{Period: period, SkipBadRows: true}
	var st *kpi.FileStats
	switch d := d.(type) {
	case importers.Importer:
		st, err = d.Import(in, opts, func(kpi.Record) error { return nil })
	case importers.CostSheet:
		var costs []kpi.Cost
		costs, st, err = d.ImportCosts(in, opts)
		ins.CostLines = len(costs)
	case importers.InvoiceSheet:
		var invs []kpi.Invoice
		invs, st, err = d.ImportInvoices(in, opts)
		ins.Invoices = len(invs)
	case importers.FXSheet:
		var rates []kpi.FXRate
		rates, st, err = d.ImportRates(in, opts)
		ins.Rates = len(rates)
	}
	if st != nil {
		ins.Level, ins.Delimiter = st.Level, st.Delimiter
		if !st.Period.IsZero() {
			ins.Period = &PeriodJSON{From: st.Period.From.Format(time.DateOnly), To: st.Period.To.Format(time.DateOnly)}
		}
		if st.Currency != "" {
			c := st.Currency
			ins.Currency = &c
		} else if st.Totals.Has.Any(kpi.MoneyFields) {
			if !slices.ContainsFunc(st.Warnings, func(w string) bool { return strings.Contains(w, "no currency") }) {
				ins.Warnings = append(ins.Warnings, "the export states no currency: set currency for this input in roibook.yaml")
			}
		}
		if st.Columns != nil {
			ins.Columns = st.Columns
		}
		if st.Unmapped != nil {
			ins.Unmapped = st.Unmapped
		}
		ins.Rows, ins.Used, ins.Aggregates, ins.OutsidePeriod = st.Rows, st.Used, st.Aggregates, st.OutsidePeriod
		if st.Skipped != nil {
			ins.Skipped = st.Skipped
		}
		if st.Rejected != nil {
			ins.Rejected = st.Rejected
		}
		if d.Platform().Kind() != kpi.KindFinance {
			ins.Totals = totalsJSON(st.Totals)
		}
		if st.PlatformTotals != nil {
			ins.PlatformTotals = totalsJSON(*st.PlatformTotals)
		}
		ins.Check = st.Check
		ins.Warnings = append(ins.Warnings, st.Warnings...)
	}
	return ins, err
}

// WriteInspections prints inspections for a person.
func WriteInspections(w io.Writer, list []Inspection) error {
	for i, ins := range list {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", ins.File)
		if ins.Error != "" && ins.Platform == "" {
			fmt.Fprintf(w, "  error: %s\n", ins.Error)
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  platform\t%s\n", ins.Platform)
		if ins.Level != "" {
			fmt.Fprintf(tw, "  level\t%s\n", ins.Level)
		}
		enc := ins.Format
		if ins.Encoding != "" {
			enc += ", " + ins.Encoding
		}
		if ins.Delimiter != "" {
			enc += ", delimiter " + ins.Delimiter
		}
		fmt.Fprintf(tw, "  format\t%s\n", enc)
		if ins.Period != nil {
			fmt.Fprintf(tw, "  period in file\t%s to %s\n", ins.Period.From, ins.Period.To)
		} else {
			fmt.Fprintf(tw, "  period in file\tnone stated\n")
		}
		if ins.Currency != nil {
			fmt.Fprintf(tw, "  currency\t%s\n", *ins.Currency)
		} else if ins.Platform != kpi.Costs {
			fmt.Fprintf(tw, "  currency\tmissing\n")
		}
		rows := fmt.Sprintf("%d read, %d used", ins.Rows, ins.Used)
		if ins.OutsidePeriod > 0 {
			rows += fmt.Sprintf(", %d outside the period", ins.OutsidePeriod)
		}
		fmt.Fprintf(tw, "  rows\t%s, %d skipped, %d rejected\n", rows, len(ins.Skipped), len(ins.Rejected))
		if ins.Invoices > 0 {
			fmt.Fprintf(tw, "  invoices\t%d\n", ins.Invoices)
		}
		if ins.Rates > 0 {
			fmt.Fprintf(tw, "  exchange rates\t%d\n", ins.Rates)
		}
		if ins.CostLines > 0 {
			fmt.Fprintf(tw, "  cost lines\t%d\n", ins.CostLines)
		}
		if t := ins.Totals; t != nil {
			fmt.Fprintf(tw, "  totals (whole file)\t%s\n", t)
		}
		check := ins.Check.Status
		if ins.Check.Line > 0 {
			check += fmt.Sprintf(" (totals row on line %d)", ins.Check.Line)
		}
		if check != "" {
			fmt.Fprintf(tw, "  totals check\t%s\n", check)
		}
		tw.Flush()
		if len(ins.Columns) > 0 {
			fmt.Fprintln(w, "  columns:")
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, c := range ins.Columns {
				field := c.Field
				if field == "" {
					field = "(not used)"
				}
				fmt.Fprintf(tw, "    %s\t%s\t→ %s\n", c.Letter, c.Header, field)
			}
			tw.Flush()
		}
		for _, n := range ins.Skipped {
			fmt.Fprintf(w, "  skipped line %d: %s\n", n.Line, n.Reason)
		}
		for _, n := range ins.Rejected {
			fmt.Fprintf(w, "  rejected: %s\n", n.Reason)
		}
		for _, wn := range ins.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", wn)
		}
		if ins.Error != "" {
			fmt.Fprintf(w, "  error: %s\n", strings.ReplaceAll(ins.Error, "\n", "\n         "))
		}
	}
	return nil
}
