package kpi

import (
	"fmt"
	"time"
)

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

// Validate reports a broken invariant of an invoice: no number, no date, a
// currency that is not an ISO 4217 code, a service period that is half set
// or ends before it starts, or a platform that is not an ad platform. A
// negative Amount (a credit note) is valid.
func (i Invoice) Validate() error {
	switch {
	case i.Number == "":
		return fmt.Errorf("invoice without a number")
	case i.Date.IsZero():
		return fmt.Errorf("invoice %s without a date", i.Number)
	case !IsCurrency(i.Currency):
		return fmt.Errorf("invoice %s: currency %q is not an ISO 4217 code", i.Number, i.Currency)
	case i.Span.From.IsZero() != i.Span.To.IsZero():
		return fmt.Errorf("invoice %s: service period with one end only", i.Number)
	case !i.Span.IsZero() && i.Span.To.Before(i.Span.From):
		return fmt.Errorf("invoice %s: service period %s ends before it starts", i.Number, i.Span)
	case i.Platform != "" && !i.Platform.IsPaid():
		return fmt.Errorf("invoice %s: %q is not an ad platform", i.Number, i.Platform)
	}
	return nil
}

// Validate reports a broken invariant of a rate: no day, a base or
// currency that is not three capital letters (the ECB still lists retired
// codes such as CYP, so any such code is accepted), the same currency on
// both sides, or a rate that is unset, zero or negative.
func (x FXRate) Validate() error {
	switch {
	case x.Day.IsZero():
		return fmt.Errorf("exchange rate without a day")
	case !IsCodeShape(x.Base) || !IsCodeShape(x.Currency):
		return fmt.Errorf("exchange rate %s/%s: want two 3-letter currency codes", x.Base, x.Currency)
	case x.Base == x.Currency:
		return fmt.Errorf("exchange rate %s/%s: the same currency on both sides", x.Base, x.Currency)
	case x.Rate.IsZero() || x.Rate.r.Sign() <= 0:
		return fmt.Errorf("exchange rate %s/%s on %s: want a positive rate", x.Base, x.Currency, x.Day.Format(time.DateOnly))
	}
	return nil
}

// IsCodeShape reports whether s is three capital ASCII letters, the shape
// of a currency code. Unlike IsCurrency it accepts retired codes (CYP,
// EEK), which rate files such as the ECB's still list.
func IsCodeShape(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
