package kpi

import "time"

// An Invoice is one line of an invoice or billing export: what a platform
// (or a supplier) billed for a period. Amount is net of tax; Tax is the tax
// on it, both in Currency. Finance reconciles these against the spend the
// exports report.
type Invoice struct {
	Platform Platform // the platform billed for, "" for another supplier
	Account  string
	Number   string    // the invoice or receipt number
	Date     time.Time // the invoice date
	Span     Period    // the service period billed, zero when not stated
	Amount   Money     // net of tax
	Tax      Money
	Currency string
	Paid     time.Time // when it was paid, zero when unpaid
	Source   Source
}

// Gross returns Amount + Tax.
func (i Invoice) Gross() Money { return i.Amount + i.Tax }

// An FXRate is one published exchange rate: on Day, one unit of Base is
// worth Rate units of Currency (the ECB's layout: 1 EUR = 1.0835 USD).
type FXRate struct {
	Day      time.Time
	Base     string
	Currency string
	Rate     Rate
	Source   Source
}
