package deck

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/roibook/roibook/kpi"
)

// NA is what the deck shows for an undefined figure: a ratio with a zero
// denominator, or a metric the exports do not provide. It is never 0.
const NA = "n/a"

// FormatMoney formats m in currency the way the deck shows it: the
// currency's symbol (or its code when the deck font cannot draw the
// symbol), rounded half away from zero to kpi.Decimals(currency), with
// comma thousands separators and a leading '-' for a negative amount:
// "€1,234.56", "-$12.00", "¥1,235", "CHF 1,234.56". The rounding is done on
// the exact micro-units, never on a float.
func FormatMoney(m kpi.Money, currency string) string {
	d := kpi.Decimals(currency)
	v := int64(m.Round(d))
	neg := v < 0
	if neg {
		v = -v
	}
	whole, frac := v/kpi.Micro, v%kpi.Micro
	num := group(strconv.FormatInt(whole, 10))
	if d > 0 {
		f := strconv.FormatInt(frac, 10)
		f = strings.Repeat("0", 6-len(f)) + f
		num += "." + f[:d]
	}
	s := currencyPrefix(currency) + num
	if neg && v != 0 {
		s = "-" + s
	}
	return s
}

// currencyPrefix returns what goes before an amount in currency: "€",
// "CHF ", "" when currency is empty.
func currencyPrefix(currency string) string {
	if currency == "" {
		return ""
	}
	sym := kpi.Symbol(currency)
	if !drawable(sym) {
		sym = currency
	}
	last := []rune(sym)[len([]rune(sym))-1]
	if last >= 'A' && last <= 'Z' || last >= 'a' && last <= 'z' || last > 0x7f && unicode.IsLetter(last) {
		return sym + " "
	}
	return sym
}

// FormatRatio formats a KPI value for the deck: NA when r is undefined (or
// not a finite number); a percent with one decimal for kpi.FormatPercent
// (r holds a fraction, so 0.0213 is "2.1%"); money in currency with its
// decimals for kpi.FormatMoney (see FormatMoney); two decimals for
// kpi.FormatRatio ("4.21"); and a count for kpi.FormatNumber, with one
// decimal only when the value is not whole. Thousands are separated by
// commas throughout.
func FormatRatio(r kpi.Ratio, f kpi.Format, currency string) string {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return NA
	}
	v := r.Value
	switch f {
	case kpi.FormatPercent:
		return formatFloat(v*100, 1) + "%"
	case kpi.FormatMoney:
		if math.Abs(v) < 9e12 {
			return FormatMoney(kpi.MoneyFromFloat(v), currency)
		}
		s := currencyPrefix(currency) + formatFloat(math.Abs(v), kpi.Decimals(currency))
		if v < 0 {
			s = "-" + s
		}
		return s
	case kpi.FormatRatio:
		return formatFloat(v, 2)
	default:
		if math.Abs(v-math.Round(v)) < 0.05 {
			return formatFloat(v, 0)
		}
		return formatFloat(v, 1)
	}
}

// FormatKPI formats KPI key as the workbook displays it: rates such as CTR
// and conversion rate with two decimals ("0.29%"), the ROI figures (organic
// ROI included) with one ("137.0%"), everything else as FormatRatio.
func FormatKPI(key string, r kpi.Ratio, f kpi.Format, currency string) string {
	switch key {
	case "roi", "media_roi", "roi_incl_modelled", "organic_roi":
	default:
		if f == kpi.FormatPercent && r.OK && !math.IsNaN(r.Value) && !math.IsInf(r.Value, 0) {
			return formatFloat(r.Value*100, 2) + "%"
		}
	}
	return FormatRatio(r, f, currency)
}

// FormatCount formats a whole count with thousands separators: "1,234,567".
func FormatCount(n int64) string {
	if n < 0 {
		if n == math.MinInt64 {
			return "-9,223,372,036,854,775,808"
		}
		return "-" + group(strconv.FormatInt(-n, 10))
	}
	return group(strconv.FormatInt(n, 10))
}

// FormatQty formats a count that may have decimals (Google Ads reports
// 4838.8 conversions): rounded half away from zero to two decimals,
// trailing zeros dropped, thousands separated: "4,838.8", "12".
func FormatQty(q kpi.Qty) string {
	v := int64(kpi.Money(q).Round(2))
	neg := v < 0
	if neg {
		v = -v
	}
	s := group(strconv.FormatInt(v/kpi.Micro, 10))
	if frac := v % kpi.Micro / 10_000; frac != 0 {
		f := strconv.FormatInt(frac, 10)
		if len(f) == 1 {
			f = "0" + f
		}
		s += "." + strings.TrimRight(f, "0")
	}
	if neg && v != 0 {
		s = "-" + s
	}
	return s
}

// formatFloat formats v with dec decimals and thousands separators; it
// never returns "-0.0".
func formatFloat(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	s = group(whole)
	if hasFrac {
		s += "." + frac
	}
	if neg && strings.Trim(s, "0.,") != "" {
		s = "-" + s
	}
	return s
}

// group inserts a comma every three digits of a string of digits.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// formatAxis formats a tick of an axis running up to top in steps of step
// compactly: 1,500 → "1.5k", 2,000,000 → "2M". Every tick of one axis uses
// the same unit, and just enough decimals to tell ticks apart.
func formatAxis(v, step, top float64) string {
	if v == 0 {
		return "0"
	}
	unit, suffix := 1.0, ""
	switch top = math.Abs(top); {
	case top >= 1e9:
		unit, suffix = 1e9, "B"
	case top >= 1e6:
		unit, suffix = 1e6, "M"
	case top >= 1e4:
		unit, suffix = 1e3, "k"
	}
	s := step / unit
	dec := 0
	for dec < 3 && math.Abs(s*math.Pow10(dec)-math.Round(s*math.Pow10(dec))) > 1e-9 {
		dec++
	}
	return formatFloat(v/unit, dec) + suffix
}
