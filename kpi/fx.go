package kpi

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"
)

// RateDecimals is the number of decimal places of a period rate.
const RateDecimals = 6

// PeriodRates returns, for each currency in need other than reporting, the
// value of 1 unit of it in the reporting currency over the period p: the
// orientation of the fixed rates of roibook.yaml (rates: {USD: 0.92}), so
// that a money amount in that currency times the rate is the amount in the
// reporting currency.
//
// The policy: the rate is the arithmetic mean, over the days of p that have
// a published rate for both currencies of the cross rate, of that day's
// cross rate, rounded half away from zero to RateDecimals (6) places. The
// rounded value is THE rate of the report: the workbook shows it and
// converts with it. On one day, with published rates base→reporting and
// base→currency (1 base = rate units), the cross rate is
//
//	(base→reporting) ÷ (base→currency), where base→base is 1
//
// so with the ECB's euro-based rates and EUR as the reporting currency,
// 1 USD = 1 ÷ (EUR→USD). Days without a rate for both (weekends, TARGET
// holidays, a currency not quoted that day) are left out of the mean, not
// filled with the day before. Rates outside p are ignored. The mean is
// taken exactly (big.Rat) and rounded once.
//
// need may hold duplicates and the reporting currency; the returned map has
// one entry per other currency. The error names the currency and p when a
// currency has no rate on any day of p, and the sources when two rates
// disagree: the same day, base and currency given twice with different
// values, or rates of two different bases that could both give the cross
// rate on one day (two sources for one rate are an ambiguity to resolve,
// not a choice to make silently). A rate that rounds to 0 at 6 places is
// an error too. p must be set and reporting not empty.
func PeriodRates(rates []FXRate, p Period, reporting string, need []string) (map[string]Rate, error) {
	if p.IsZero() {
		return nil, fmt.Errorf("period rates: no period")
	}
	if reporting == "" {
		return nil, fmt.Errorf("period rates: no reporting currency")
	}
	// Days are keyed by their calendar date, whatever their clock time or
	// location.
	type date struct {
		y int
		m time.Month
		d int
	}
	dateOf := func(t time.Time) date { y, m, d := t.Date(); return date{y, m, d} }
	type key struct {
		day            date
		base, currency string
	}
	seen := map[key]FXRate{}
	days := map[date]map[string]map[string]*big.Rat{} // day → base → currency → rate
	for _, x := range rates {
		day := dateOf(x.Day)
		if !p.Contains(time.Date(day.y, day.m, day.d, 0, 0, 0, 0, time.UTC)) {
			continue
		}
		if err := x.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", x.Source, err)
		}
		k := key{day, x.Base, x.Currency}
		if prev, ok := seen[k]; ok {
			if prev.Rate.r.Cmp(x.Rate.r) != 0 {
				return nil, fmt.Errorf("%s: 1 %s = %s %s on %s, but %s says %s", x.Source, x.Base, x.Rate, x.Currency,
					x.Day.Format(time.DateOnly), prev.Source, prev.Rate)
			}
			continue
		}
		seen[k] = x
		byBase := days[day]
		if byBase == nil {
			byBase = map[string]map[string]*big.Rat{}
			days[day] = byBase
		}
		if byBase[x.Base] == nil {
			byBase[x.Base] = map[string]*big.Rat{}
		}
		byBase[x.Base][x.Currency] = x.Rate.r
	}

	var currencies []string
	done := map[string]bool{reporting: true}
	for _, c := range need {
		if !done[c] {
			done[c] = true
			currencies = append(currencies, c)
		}
	}
	sort.Strings(currencies)

	unit := big.NewRat(1, 1)
	leg := func(byBase map[string]map[string]*big.Rat, base, to string) *big.Rat {
		if base == to {
			return unit
		}
		return byBase[base][to]
	}
	out := make(map[string]Rate, len(currencies))
	for _, c := range currencies {
		sum := new(big.Rat)
		n := 0
		for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
			byBase := days[dateOf(d)]
			var bases []string
			var cross *big.Rat
			for base := range byBase {
				toReporting, toCurrency := leg(byBase, base, reporting), leg(byBase, base, c)
				if toReporting == nil || toCurrency == nil {
					continue
				}
				bases = append(bases, base)
				cross = new(big.Rat).Quo(toReporting, toCurrency)
			}
			switch len(bases) {
			case 0:
				continue
			case 1:
			default:
				sort.Strings(bases)
				return nil, fmt.Errorf("1 %s in %s on %s: rates of more than one base (%s) give it; keep one source of rates for that day",
					c, reporting, d.Format(time.DateOnly), strings.Join(bases, ", "))
			}
			sum.Add(sum, cross)
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("no exchange rate for %s in %s on any day of %s", c, reporting, p)
		}
		mean := sum.Quo(sum, big.NewRat(int64(n), 1))
		scale := big.NewRat(1_000_000, 1) // 10^RateDecimals
		v, ok := roundRat(new(big.Rat).Mul(mean, scale))
		if !ok || v <= 0 {
			return nil, fmt.Errorf("1 %s in %s over %s is %s, which does not fit %d decimal places; set a fixed rate for %s in roibook.yaml",
				c, reporting, p, mean.FloatString(12), RateDecimals, c)
		}
		out[c] = Rate{big.NewRat(v, 1_000_000)}
	}
	return out, nil
}
