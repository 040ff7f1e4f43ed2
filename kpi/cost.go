package kpi

import (
	"fmt"
	"math/big"
	"time"
)

// Cost categories of a cost sheet.
var CostCategories = []string{"staff", "tools", "agency_fee", "production", "refunds",
	"research", "training", "conferences", "other"}

// IsCostCategory reports whether c is one of CostCategories.
func IsCostCategory(c string) bool {
	for _, k := range CostCategories {
		if k == c {
			return true
		}
	}
	return false
}

// How a cost line's amount is given.
const (
	BasisAmount  = "amount"           // a fixed amount
	BasisHours   = "hours"            // hours × rate
	BasisPercent = "percent_of_spend" // a percentage of ad spend
)

// A Cost is one line of a cost sheet: a non-media cost of the social
// programme (staff time, tools, fees, production, refunds given through
// social customer service, ...).
type Cost struct {
	Category    string // one of CostCategories
	Description string
	Platform    Platform // "" when the cost is not scoped to one platform
	Basis       string   // BasisAmount, BasisHours or BasisPercent

	Amount  Money // BasisAmount; may be negative for a credit
	Hours   Qty   // BasisHours
	Rate    Money // BasisHours: the hourly rate
	Percent Qty   // BasisPercent: 15 means 15 % of the scope's ad spend

	Currency string    // "" means the reporting currency; unused for BasisPercent
	Date     time.Time // zero when the line is not dated
	Source   Source
}

// Computed returns the line's amount in its own currency for the amount and
// hours bases (hours × rate, rounded to the micro-unit). A percentage of
// spend has no amount of its own: it needs the spend (see PercentOf).
func (c Cost) Computed() Money {
	switch c.Basis {
	case BasisHours:
		return Money(mulDiv(int64(c.Hours), int64(c.Rate), Micro))
	case BasisAmount:
		return c.Amount
	}
	return 0
}

// mulDiv returns a×b/d rounded half away from zero, without overflow.
func mulDiv(a, b, d int64) int64 {
	r := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(b)), big.NewInt(d))
	v, _ := roundRat(r)
	return v
}

// Booked returns the line's cost in the reporting currency as an invoice
// books it, in the currency's minor unit (decimals: 2 for cents): a
// percentage of spend (the scope's ad spend, already in the reporting
// currency), hours × rate and an amount, each converted with x, are
// rounded once, from the exact product. 1.5 h × 33.33 books as 50.00, and
// 396.35 USD at 0.92137 as 365.18 (not 365.19, as rounding a rounded
// product would give).
func (c Cost) Booked(x Rate, spend Money, decimals int) Money {
	switch c.Basis {
	case BasisPercent:
		return Money(roundProduct(decimals, big.NewRat(int64(c.Percent), 100*Micro), big.NewRat(int64(spend), Micro)))
	case BasisHours:
		return Money(roundProduct(decimals, big.NewRat(int64(c.Hours), Micro), big.NewRat(int64(c.Rate), Micro), x.r))
	}
	return Money(roundProduct(decimals, big.NewRat(int64(c.Amount), Micro), x.r))
}

// PercentOf returns Percent % of spend, rounded to the micro-unit.
func (c Cost) PercentOf(spend Money) Money {
	return Money(mulDiv(int64(c.Percent), int64(spend), 100*Micro))
}

// Validate reports a line that cannot be costed.
func (c Cost) Validate() error {
	if !IsCostCategory(c.Category) {
		return fmt.Errorf("category %q is not one of %v", c.Category, CostCategories)
	}
	switch c.Basis {
	case BasisAmount, BasisHours, BasisPercent:
	default:
		return fmt.Errorf("basis %q is not amount, hours or percent_of_spend", c.Basis)
	}
	if c.Basis == BasisHours && (c.Hours < 0 || c.Rate < 0) {
		return fmt.Errorf("negative hours or rate")
	}
	return nil
}

// Times returns q × m (a count times a value per unit), rounded to the micro-unit.
func (q Qty) Times(m Money) Money { return Money(mulDiv(int64(q), int64(m), Micro)) }
