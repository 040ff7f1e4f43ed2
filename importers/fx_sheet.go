package importers

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// FXSheet reads published exchange rates, one kpi.FXRate per day and pair
// (on FXRate.Day, 1 FXRate.Base = FXRate.Rate units of FXRate.Currency),
// in one of four layouts told apart by the header (docs/exchange-rates.md):
//
// The ECB's reference-rate history, eurofxref-hist.csv (inside
// eurofxref-hist.zip): a wide table, one row per day, newest first,
//
//	Date,USD,JPY,BGN,CYP,CZK,…,ZAR,
//	2026-10-30,1.1581,176.83,N/A,N/A,24.297,…,19.8411,
//
// Every line ends with a comma, so the header's last cell is empty. Dates
// are YYYY-MM-DD; a value is how many units of the column's currency one
// euro buys; N/A marks a currency not quoted that day (an empty cell is
// read the same way). Retired codes (CYP, EEK, …) are kept.
//
// The ECB's daily file, eurofxref.csv (inside eurofxref.zip): the same
// wide table with one row, a space after each comma (", ", trailing
// included) and a date like "21 November 2025".
//
// Both wide layouts are recognized by a header of Date, USD, JPY and more
// three-letter codes, the order the ECB writes. A wide row is one data row:
// it gives one rate per quoted currency, all with base EUR; a bad cell
// makes the whole row bad. A row of N/A only is skipped with a reason.
//
// The ECB data portal's SDMX-CSV (data-api.ecb.europa.eu, EXR dataflow,
// format=csvdata, with or without detail=dataonly): one row per series and
// day,
//
//	KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,…
//	EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-10-30,1.1581,A,…
//
// where 1 CURRENCY_DENOM = OBS_VALUE CURRENCY. Only daily (FREQ D) spot
// reference rates (EXR_TYPE SP00) are rates: a monthly or annual average,
// or an effective-rate index, is a bad row. A row with an empty OBS_VALUE
// (the API lists closing days so, OBS_STATUS H) is skipped with a reason.
//
// roibook's own long layout, one rate per row, in any column order, case-
// insensitive, with no other column than an optional note:
//
//	date,base,currency,rate
//	2026-10-30,EUR,USD,1.1581
//
// 1 base = rate currency. Without a base column (or with an empty base
// cell) the base is Options.Currency; with neither, the import fails.
// Dates are YYYY-MM-DD (a date cell in XLSX); codes are ISO 4217.
//
// Rates are exact decimals with '.' as the decimal point and no grouping
// (1.0835, 17081.65; in XLSX also 7.48E-6); a zero or negative rate, a
// decimal comma or a fraction is a bad value. The same day given twice (in
// a wide file), or the same day, base and currency given twice (in a long
// one), is a bad row naming the first. Rows outside Options.Period are
// counted as outside the period, not returned, and their rates are not
// read, so a 27-year history does not fail on an old cell.
type FXSheet struct{}

// fxLayout is the layout of a rates file.
type fxLayout int

const (
	fxUnknown    fxLayout = iota
	fxECBHistory          // eurofxref-hist.csv
	fxECBDaily            // eurofxref.csv
	fxSDMX                // ECB data portal SDMX-CSV
	fxLong                // date,base,currency,rate
)

// Field names of the long and SDMX layouts.
const (
	xDay      = "day"
	xBase     = "base"
	xCurrency = "currency"
	xRate     = "rate"
	xNote     = "note"

	xFreq   = "FREQ"
	xType   = "EXR_TYPE"
	xStatus = "OBS_STATUS"
)

var fxLongColumns = []col{
	{xDay, []string{"date", "day"}},
	{xBase, []string{"base", "base currency", "base_currency"}},
	{xCurrency, []string{"currency", "quote currency", "quote_currency"}},
	{xRate, []string{"rate"}},
	{xNote, []string{"note", "notes"}},
}

var fxSDMXColumns = []col{
	{xFreq, []string{"FREQ"}},
	{xCurrency, []string{"CURRENCY"}},
	{xBase, []string{"CURRENCY_DENOM"}},
	{xType, []string{"EXR_TYPE"}},
	{xDay, []string{"TIME_PERIOD"}},
	{xRate, []string{"OBS_VALUE"}},
	{xStatus, []string{"OBS_STATUS"}},
}

// rateNumber is a rate as the ECB and roibook write it: 1.0835, 138.
var rateNumber = regexp.MustCompile(`^\d+(\.\d+)?$`)

const wantFXRate = "a positive rate like 1.0835 ('.' as the decimal point, no grouping)"

// Platform returns "fx".
func (FXSheet) Platform() kpi.Platform { return kpi.FX }

// Detect accepts a head whose first non-blank row is the header of one of
// the four layouts (see FXSheet).
func (FXSheet) Detect(in *Input) bool {
	_, l, _ := fxHeader(in)
	return l != fxUnknown
}

// fxHeader finds the layout from the first non-blank row of in's head.
func fxHeader(in *Input) (row int, l fxLayout, m *mapping) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		if isECBWide(rec) {
			if strings.HasPrefix(rec[1], " ") {
				return i, fxECBDaily, nil
			}
			return i, fxECBHistory, nil
		}
		if m := mapHeader(rec, fxSDMXColumns); m.has(xCurrency) && m.has(xBase) && m.has(xDay) && m.has(xRate) {
			return i, fxSDMX, m
		}
		m := mapHeader(rec, fxLongColumns)
		if m.has(xDay) && m.has(xCurrency) && m.has(xRate) && onlyColumns(m, fxLongColumns) {
			return i, fxLong, m
		}
		return i, fxUnknown, nil
	}
	return 0, fxUnknown, nil
}

// onlyColumns reports whether every named header cell of m is one of cols
// (a repeated column included, which the import then reports).
func onlyColumns(m *mapping, cols []col) bool {
	known := map[string]bool{}
	for _, c := range cols {
		for _, a := range c.aliases {
			known[normHeader(a)] = true
		}
	}
	for _, h := range m.unmapped {
		if !known[normHeader(h)] {
			return false
		}
	}
	return true
}

// isECBWide reports an ECB wide header: Date, USD, JPY, then three-letter
// codes, and at most one empty cell, the last.
func isECBWide(rec []string) bool {
	if len(rec) < 3 || normHeader(rec[0]) != "date" || strings.TrimSpace(rec[1]) != "USD" || strings.TrimSpace(rec[2]) != "JPY" {
		return false
	}
	for i, c := range rec[1:] {
		c = strings.TrimSpace(c)
		if c == "" && i == len(rec)-2 {
			continue
		}
		if !kpi.IsCodeShape(c) {
			return false
		}
	}
	return true
}

// ImportRates reads every row of a rates file. Each rate passes
// kpi.FXRate.Validate and carries its source line; the returned slice is
// the caller's. Rows outside opts.Period are counted, not returned. A bad
// row fails the import (up to 20 are reported) unless opts.SkipBadRows is
// set, in which case it is rejected with its reason. opts.Currency is the
// base of a long-layout file without a base; the ECB layouts ignore it.
// Stats are returned even with an error; their Currency is the base when
// the file has one.
func (FXSheet) ImportRates(in *Input, opts Options) ([]kpi.FXRate, *kpi.FileStats, error) {
	r := newRun(in, kpi.FX, opts, nil)
	hi, l, m := fxHeader(in)
	if l == fxUnknown {
		return nil, r.st, fmt.Errorf("%s: %w (%s); want an exchange-rate file: the ECB's eurofxref-hist.csv or eurofxref.csv, the ECB data portal's SDMX-CSV, or date,base,currency,rate", in.Name, ErrUnknownPlatform, describeHead(in))
	}
	p := &fxParser{r: r, xlsx: in.Format == "xlsx", headerLine: in.HeadLines[hi], bases: map[string]bool{}}
	var err error
	switch l {
	case fxECBHistory, fxECBDaily:
		err = p.wide(in.Head[hi], l)
	case fxSDMX:
		err = p.sdmx(m)
	case fxLong:
		err = p.long(m)
	}
	if err != nil {
		return nil, r.st, err
	}
	if len(p.bases) == 1 {
		for b := range p.bases {
			r.st.Currency = b
		}
	}
	r.mixed = true // Currency is the base, not Options.Currency
	st, err := r.finish()
	if err != nil {
		return nil, st, err
	}
	return p.rates, st, nil
}

// fxParser reads the rows of one rates file.
type fxParser struct {
	r          *run
	xlsx       bool
	headerLine int
	rates      []kpi.FXRate
	bases      map[string]bool
}

// keep books the rates of one used row.
func (p *fxParser) keep(rates ...kpi.FXRate) {
	p.r.st.Used++
	if p.r.failed() {
		return
	}
	for _, x := range rates {
		p.bases[x.Base] = true
	}
	p.rates = append(p.rates, rates...)
}

// outside reports (and counts) a day outside the report period.
func (p *fxParser) outside(day time.Time) bool {
	if per := p.r.opts.Period; !per.IsZero() && !per.Contains(day) {
		p.r.st.OutsidePeriod++
		return true
	}
	return false
}

// width checks a CSV row against the header: fewer cells is a truncated
// row, more a decimal comma or an unquoted comma.
func (p *fxParser) width(rec []string, m *mapping, line int) error {
	if err := p.r.checkWidth(rec, m, line); err != nil {
		return err
	}
	if !p.xlsx && len(rec) > len(m.header) {
		return p.r.rowErr(line, fmt.Sprintf("a row of %d cells like the header, got %d cells (a decimal comma? write 1,0835 as 1.0835)", len(m.header), len(rec)))
	}
	return nil
}

// rate parses one rate cell.
func (p *fxParser) rate(s string) (kpi.Rate, error) {
	if rateNumber.MatchString(s) || p.xlsx && sciNumber.MatchString(s) && !strings.HasPrefix(s, "-") {
		if x, err := kpi.ParseRate(s); err == nil {
			return x, nil
		}
	}
	return kpi.Rate{}, ErrBadNumber
}

// rateWant describes a good rate, with a hint for the usual mistakes.
func rateWant(got string) string {
	switch {
	case strings.Contains(got, ","):
		return wantFXRate + ": write 1,0835 as 1.0835"
	case strings.HasPrefix(got, "-") || rateNumber.MatchString(got):
		return wantFXRate + ": a rate is more than 0"
	}
	return wantFXRate
}

// wide reads the ECB's wide layouts.
func (p *fxParser) wide(headerRec []string, l fxLayout) error {
	r := p.r
	header := make([]string, len(headerRec))
	for i, h := range headerRec {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	m := mapHeader(header, []col{{xDay, []string{"date"}}})
	type codeCol struct {
		index int
		code  string
	}
	var codes []codeCol
	first := map[string]int{}
	m.unmapped = nil
	for ci, c := range m.columns {
		if c.Index == 0 {
			continue
		}
		if j, dup := first[c.Header]; dup {
			return fmt.Errorf("%s:%d: column %s %q repeats column %s %q", r.in.Name, p.headerLine, c.Letter, c.Header, ColumnLetter(j), c.Header)
		}
		first[c.Header] = c.Index
		m.columns[ci].Field = xRate
		codes = append(codes, codeCol{c.Index, c.Header})
	}
	m.dupes = nil
	r.setHeader(m)
	layout := time.DateOnly
	if l == fxECBDaily {
		layout = "2 January 2006"
	}
	days := map[time.Time]int{}
	return r.eachRow(p.headerLine, func(line int, rec []string) error {
		if err := p.width(rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		v := strings.TrimSpace(rec[0])
		day, err := parseDay(v, p.xlsx, layout)
		if err != nil {
			r.bad(r.valueErr(line, 0, m, v, wantDate(layout), ErrBadDate))
			return nil
		}
		if prev, dup := days[day]; dup {
			r.bad(r.valueErr(line, 0, m, v, fmt.Sprintf("a day not already on line %d", prev), ErrBadRow))
			return nil
		}
		days[day] = line
		if p.outside(day) {
			return nil
		}
		var rates []kpi.FXRate
		for _, c := range codes {
			if c.index >= len(rec) {
				continue // an XLSX row ends at its last cell
			}
			v := strings.TrimSpace(rec[c.index])
			if v == "" || v == "N/A" {
				continue
			}
			x, err := p.rate(v)
			if err != nil {
				r.bad(r.valueErr(line, c.index, m, v, rateWant(v)+", or N/A", ErrBadNumber))
				return nil
			}
			rates = append(rates, kpi.FXRate{Day: day, Base: "EUR", Currency: c.code, Rate: x,
				Source: kpi.Source{File: r.in.Name, Line: line}})
		}
		if len(rates) == 0 {
			r.skip(line, "no currency quoted that day (every cell N/A)")
			return nil
		}
		p.keep(rates...)
		return nil
	})
}

// sdmx reads the ECB data portal's SDMX-CSV.
func (p *fxParser) sdmx(m *mapping) error {
	r := p.r
	r.setHeader(m)
	if err := requireColumns(r.in, p.headerLine, m, fxSDMXColumns, xFreq, xCurrency, xBase, xType, xDay, xRate); err != nil {
		return err
	}
	seen := map[fxKey]int{} // → the line that gave the rate
	return r.eachRow(p.headerLine, func(line int, rec []string) error {
		if err := p.width(rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		cell := func(f string) (string, int) { return trimmedCell(m, rec, f) }
		if v, i := cell(xFreq); v != "D" {
			r.bad(r.valueErr(line, i, m, v, "D, a daily rate (a monthly or annual average is not a daily reference rate: download the daily series, such as D.USD.EUR.SP00.A)", ErrBadRow))
			return nil
		}
		if v, i := cell(xType); v != "SP00" {
			r.bad(r.valueErr(line, i, m, v, "SP00, the spot reference rate", ErrBadRow))
			return nil
		}
		code, ci := cell(xCurrency)
		if !kpi.IsCodeShape(code) {
			r.bad(r.valueErr(line, ci, m, code, "a currency code such as USD", ErrBadRow))
			return nil
		}
		base, bi := cell(xBase)
		if !kpi.IsCodeShape(base) || base == code {
			r.bad(r.valueErr(line, bi, m, base, "a currency code such as EUR, other than CURRENCY", ErrBadRow))
			return nil
		}
		v, di := cell(xDay)
		day, err := parseDay(v, p.xlsx, time.DateOnly)
		if err != nil {
			r.bad(r.valueErr(line, di, m, v, wantDate(time.DateOnly)+" (a daily TIME_PERIOD)", ErrBadDate))
			return nil
		}
		k := fxKey{day, base, code}
		if prev, dup := seen[k]; dup {
			r.bad(r.valueErr(line, di, m, v, fmt.Sprintf("a day not already on line %d for %s/%s", prev, code, base), ErrBadRow))
			return nil
		}
		seen[k] = line
		if p.outside(day) {
			return nil
		}
		v, vi := cell(xRate)
		if v == "" {
			reason := fmt.Sprintf("no %s rate published on %s", code, day.Format(time.DateOnly))
			if s, _ := cell(xStatus); s != "" {
				reason += " (OBS_STATUS " + s + ")"
			}
			r.skip(line, reason)
			return nil
		}
		x, err := p.rate(v)
		if err != nil {
			r.bad(r.valueErr(line, vi, m, v, rateWant(v), ErrBadNumber))
			return nil
		}
		p.keep(kpi.FXRate{Day: day, Base: base, Currency: code, Rate: x, Source: kpi.Source{File: r.in.Name, Line: line}})
		return nil
	})
}

// long reads roibook's date,base,currency,rate layout.
func (p *fxParser) long(m *mapping) error {
	r := p.r
	r.setHeader(m)
	if err := repeatedColumn(r.in.Name, p.headerLine, m, fxLongColumns); err != nil {
		return err
	}
	defBase := r.opts.Currency
	if !m.has(xBase) && defBase == "" {
		return fmt.Errorf("%s:%d: no base currency: the header has no base column and no currency is set for this input; add a base column (1 base = rate units of currency); the header has: %s",
			r.in.Name, p.headerLine, join(m.header))
	}
	seen := map[fxKey]int{} // → the line that gave the rate
	return r.eachRow(p.headerLine, func(line int, rec []string) error {
		if err := p.width(rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		cell := func(f string) (string, int) { return trimmedCell(m, rec, f) }
		v, di := cell(xDay)
		day, err := parseDay(v, p.xlsx, time.DateOnly)
		if err != nil {
			r.bad(r.valueErr(line, di, m, v, wantDay, ErrBadDate))
			return nil
		}
		base, bi := cell(xBase)
		if base == "" {
			if base = defBase; base == "" {
				r.bad(r.valueErr(line, bi, m, "", "a base currency code such as EUR (the line has none and no currency is set for this input)", ErrNoCurrency))
				return nil
			}
		} else if base = strings.ToUpper(base); !kpi.IsCurrency(base) {
			r.bad(r.valueErr(line, bi, m, base, wantCurrency, ErrBadRow))
			return nil
		}
		code, ci := cell(xCurrency)
		if code = strings.ToUpper(code); !kpi.IsCurrency(code) || code == base {
			r.bad(r.valueErr(line, ci, m, code, "a currency code such as USD, other than the base "+base, ErrBadRow))
			return nil
		}
		k := fxKey{day, base, code}
		if prev, dup := seen[k]; dup {
			r.bad(r.valueErr(line, di, m, v, fmt.Sprintf("a day not already on line %d for %s in %s", prev, base, code), ErrBadRow))
			return nil
		}
		seen[k] = line
		if p.outside(day) {
			return nil
		}
		v, vi := cell(xRate)
		x, err := p.rate(v)
		if err != nil {
			r.bad(r.valueErr(line, vi, m, v, rateWant(v), ErrBadNumber))
			return nil
		}
		p.keep(kpi.FXRate{Day: day, Base: base, Currency: code, Rate: x, Source: kpi.Source{File: r.in.Name, Line: line}})
		return nil
	})
}

// fxKey identifies one published rate: a day, a base and a currency.
type fxKey struct {
	day        time.Time
	base, code string
}

// trimmedCell returns the trimmed value of field in rec and its column.
func trimmedCell(m *mapping, rec []string, field string) (string, int) {
	v, i, _ := m.cell(rec, field)
	return strings.TrimSpace(v), i
}
