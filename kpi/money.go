// Package kpi holds roibook's domain: the normalized record, money and
// quantities in exact micro-units, periods, totals and the KPI formulas.
// It imports only the standard library and does no I/O.
package kpi

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Micro is the number of micro-units in one unit: Money and Qty are stored
// in millionths so that sums are exact.
const Micro = 1_000_000

// Money is an amount in millionths of a currency unit. The currency is carried
// beside it (Record.Currency, or the report's currency after conversion).
type Money int64

// Qty is a count that a platform may report with decimals (Google Ads
// conversions such as 4838.8), in millionths.
type Qty int64

// ErrBadNumber is the cause of every number that cannot be parsed.
var ErrBadNumber = errors.New("bad number")

// ParseMoney parses a plain decimal such as "1234.56", "-3", "1441.6" or
// "7.48E-6" (no thousands separators, '.' as the decimal point) into Money,
// rounding half away from zero to the micro-unit.
func ParseMoney(s string) (Money, error) {
	v, err := parseMicros(s)
	return Money(v), err
}

// ParseQty parses a decimal count the way ParseMoney parses money.
func ParseQty(s string) (Qty, error) {
	v, err := parseMicros(s)
	return Qty(v), err
}

// MoneyFromFloat converts a float (e.g. an XLSX numeric cell) to Money,
// rounding to the micro-unit. It is exact for every value a spreadsheet
// shows with up to 6 decimals.
func MoneyFromFloat(f float64) Money { return Money(math.Round(f * Micro)) }

// parseMicros is the shared decimal parser: a fast exact path for plain
// decimals, big.Rat for exponents and more than 6 decimals.
func parseMicros(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("%w: empty", ErrBadNumber)
	}
	neg := false
	i := 0
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
	}
	var whole, frac int64
	fracDigits := 0
	digits := 0
	seenDot := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if seenDot {
				if fracDigits == 6 {
					return parseMicrosSlow(s)
				}
				frac = frac*10 + int64(c-'0')
				fracDigits++
			} else {
				if whole > (math.MaxInt64/Micro-9)/10 {
					return 0, fmt.Errorf("%w: %q is too large", ErrBadNumber, s)
				}
				whole = whole*10 + int64(c-'0')
			}
		case c == '.' && !seenDot:
			seenDot = true
		case c == 'e' || c == 'E':
			return parseMicrosSlow(s)
		default:
			return 0, fmt.Errorf("%w: %q", ErrBadNumber, s)
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("%w: %q", ErrBadNumber, s)
	}
	for ; fracDigits < 6; fracDigits++ {
		frac *= 10
	}
	v := whole*Micro + frac
	if neg {
		v = -v
	}
	return v, nil
}

var bigMicro = big.NewRat(Micro, 1)

func parseMicrosSlow(s string) (int64, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/ ") || strings.HasPrefix(strings.TrimLeft(s, "+-"), ".") && len(s) < 2 {
		return 0, fmt.Errorf("%w: %q", ErrBadNumber, s)
	}
	r.Mul(r, bigMicro)
	v, ok := roundRat(r)
	if !ok {
		return 0, fmt.Errorf("%w: %q is too large", ErrBadNumber, s)
	}
	return v, nil
}

// roundRat rounds r half away from zero to an int64.
func roundRat(r *big.Rat) (int64, bool) {
	num := new(big.Int).Set(r.Num())
	den := r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	num.Mul(num, big.NewInt(2))
	num.Add(num, den)
	den2 := new(big.Int).Mul(den, big.NewInt(2))
	q := new(big.Int).Quo(num, den2)
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// Float64 returns m in currency units, for writing a cell or a chart.
func (m Money) Float64() float64 { return float64(m) / Micro }

// Float64 returns q as a float, for writing a cell or a chart.
func (q Qty) Float64() float64 { return float64(q) / Micro }

// String formats m exactly with at least two decimals: "1234.50", "0.000001".
func (m Money) String() string { return formatMicros(int64(m), 2) }

// String formats q exactly with no trailing zeros: "12", "4838.8".
func (q Qty) String() string { return formatMicros(int64(q), 0) }

// Round returns m rounded half away from zero to the given number of decimals (0–6).
func (m Money) Round(decimals int) Money {
	unit := int64(math.Pow10(6 - decimals))
	v := int64(m)
	if v < 0 {
		return -Money((-v + unit/2) / unit * unit)
	}
	return Money((v + unit/2) / unit * unit)
}

func formatMicros(v int64, minDecimals int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole, frac := v/Micro, v%Micro
	fs := fmt.Sprintf("%06d", frac)
	fs = strings.TrimRight(fs, "0")
	for len(fs) < minDecimals {
		fs += "0"
	}
	s := strconv.FormatInt(whole, 10)
	if fs != "" {
		s += "." + fs
	}
	if neg {
		s = "-" + s
	}
	return s
}

// A Rate converts one currency into the reporting currency: 1 unit of the
// source currency is worth Rate units of the reporting currency.
type Rate struct{ r *big.Rat }

// ParseRate parses a positive decimal rate such as "1.08".
func ParseRate(s string) (Rate, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok || r.Sign() <= 0 {
		return Rate{}, fmt.Errorf("%w: rate %q, want a positive number such as 1.08", ErrBadNumber, s)
	}
	return Rate{r}, nil
}

// One is the rate of the reporting currency to itself.
func One() Rate { return one }

var one = Rate{big.NewRat(1, 1)} // never modified: Rate methods only read it

// IsZero reports whether the rate was never set.
func (x Rate) IsZero() bool { return x.r == nil }

// Float64 returns the rate as a float, for a workbook cell.
func (x Rate) Float64() float64 {
	if x.r == nil {
		return 0
	}
	f, _ := x.r.Float64()
	return f
}

// String returns the rate as a decimal with up to 10 places, trailing zeros trimmed.
func (x Rate) String() string {
	if x.r == nil {
		return ""
	}
	s := x.r.FloatString(10)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// IsOne reports whether x converts a currency to itself.
func (x Rate) IsOne() bool {
	return x.r != nil && x.r.IsInt() && x.r.Num().IsInt64() && x.r.Num().Int64() == 1
}

// ConvertRound returns m in the reporting currency rounded once, half away
// from zero, to decimals (2 for cents): the exact product is rounded, never
// a rounded product again, so that 396.35 × 0.92137 = 365.1849995 books
// as 365.18, as the workbook's ROUND(amount*rate,2) computes it.
func (x Rate) ConvertRound(m Money, decimals int) Money {
	return Money(roundProduct(decimals, big.NewRat(int64(m), Micro), x.r))
}

// roundProduct returns the product of fs rounded once to decimals, in
// micro-units.
func roundProduct(decimals int, fs ...*big.Rat) int64 {
	p := big.NewRat(1, 1)
	for _, f := range fs {
		p.Mul(p, f)
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
	p.Mul(p, new(big.Rat).SetInt(scale))
	v, _ := roundRat(p)
	return v * int64(math.Pow10(6-decimals))
}

// Convert returns m in the reporting currency, rounded to the micro-unit.
func (x Rate) Convert(m Money) Money {
	if x.r == nil {
		panic("kpi: Convert with a zero Rate")
	}
	if x.r.IsInt() && x.r.Num().IsInt64() && x.r.Num().Int64() == 1 {
		return m
	}
	p := new(big.Rat).SetInt64(int64(m))
	p.Mul(p, x.r)
	v, _ := roundRat(p)
	return Money(v)
}
