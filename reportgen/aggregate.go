// Package reportgen computes the report model from imported records, cost
// lines and the client configuration. The model is rendered twice, by
// reportgen/workbook and reportgen/deck, so the two cannot disagree.
package reportgen

import (
	"fmt"
	"slices"
	"time"

	"github.com/roibook/roibook/kpi"
)

// rowKey is the reporting grain: one row per platform, day (or span),
// account, campaign and original currency; organic rows also per post,
// analytics and sales rows per channel.
type rowKey struct {
	platform kpi.Platform
	day      time.Time
	span     kpi.Period
	account  string
	campaign string
	currency string
	channel  kpi.Platform
	post     string // post link or id; the title when a post has neither
}

type cell struct {
	totals    kpi.Totals
	post      string // post title
	published time.Time
	lifetime  bool
	file      string
	first     int // first and last source line in file
	last      int
	n         int      // rows of file booked here
	others    []string // other files that fed the row
	// shares splits totals by file once a second file feeds the row, so
	// that an overlap can be resolved (Options.OnOverlap).
	shares map[string]*share
}

// A share is one file's part of a row fed by several files.
type share struct {
	totals kpi.Totals
	rows   int
}

// An Aggregator sums records at the reporting grain as they stream in, so
// memory grows with the number of campaign-days, not with the rows of the
// exports. Money stays in each record's own currency until Build converts it.
type Aggregator struct {
	currency string
	rates    map[string]kpi.Rate
	cells    map[rowKey]*cell
	// RatesFrom names the rates files the table also came from, for the
	// error of a currency without a rate ("" when none was read).
	RatesFrom string
}

// NewAggregator returns an aggregator for a report in currency, with
// rates giving the value of one unit of each other currency.
func NewAggregator(currency string, rates map[string]kpi.Rate) *Aggregator {
	return &Aggregator{currency: currency, rates: rates, cells: map[rowKey]*cell{}}
}

// Add books r. It fails when r's currency is neither the reporting currency
// nor in the rate table: a missing rate is never taken as 1.
func (a *Aggregator) Add(r kpi.Record) error {
	if r.Has&kpi.MoneyFields == 0 && r.Currency == "" {
		r.Currency = a.currency // no money: nothing to convert
	}
	if r.Currency == "" {
		return fmt.Errorf("%s: the export states no currency; set currency for this input in roibook.yaml", r.Source)
	}
	if r.Currency != a.currency {
		if _, ok := a.rates[r.Currency]; !ok {
			also := ""
			if a.RatesFrom != "" {
				also = fmt.Sprintf(" (%s quotes no %s rate for a day of the period)", a.RatesFrom, r.Currency)
			}
			return fmt.Errorf("%s: currency %s has no exchange rate%s; add it under rates in roibook.yaml (1 %s = ? %s)",
				r.Source, r.Currency, also, r.Currency, a.currency)
		}
	}
	k := rowKey{platform: r.Platform, day: r.Day, span: r.Span, account: r.Account, campaign: r.Campaign,
		currency: r.Currency, channel: r.Channel, post: r.PostLink}
	if k.post == "" {
		k.post = r.Post
	}
	if !r.Day.IsZero() {
		k.span = kpi.Period{}
	}
	c := a.cells[k]
	if c == nil {
		c = &cell{file: r.Source.File, first: r.Source.Line, last: r.Source.Line,
			post: r.Post, published: r.Published, lifetime: r.Lifetime}
		a.cells[k] = c
	}
	if c.shares == nil && r.Source.File != c.file {
		c.shares = map[string]*share{c.file: {totals: c.totals, rows: c.n}}
	}
	if c.shares != nil {
		sh := c.shares[r.Source.File]
		if sh == nil {
			sh = &share{}
			c.shares[r.Source.File] = sh
		}
		sh.totals.Add(&r)
		sh.rows++
	}
	c.totals.Add(&r)
	if r.Source.File == c.file {
		c.first = min(c.first, r.Source.Line)
		c.last = max(c.last, r.Source.Line)
		c.n++
	} else if !slices.Contains(c.others, r.Source.File) {
		c.others = append(c.others, r.Source.File)
	}
	return nil
}

// Len returns the number of rows at the reporting grain.
func (a *Aggregator) Len() int { return len(a.cells) }
