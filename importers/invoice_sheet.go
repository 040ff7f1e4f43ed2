package importers

import (
	"fmt"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// InvoiceSheet reads an invoice sheet: what the ad platforms and other
// suppliers invoiced, one invoice (or credit note) per line, so that finance
// can reconcile what was billed with the spend the exports report. The
// format is roibook's own (docs/invoice-sheet.md has an example):
//
// File: CSV (comma, semicolon or tab delimited; UTF-8 with or without a
// BOM, UTF-16 with a BOM, or Windows-1252) or XLSX (the first sheet). The
// header is the first non-blank row. Column names are case-insensitive,
// may use spaces for underscores and may come in any order; other columns
// are ignored.
//
//	platform        optional: an ad platform key (meta_ads, google_ads,
//	                linkedin_ads, tiktok_ads, microsoft_ads, x_ads,
//	                pinterest_ads, snapchat_ads; any case, "Google Ads" is
//	                google_ads); empty or "other" for another supplier
//	account         optional: the ad account or supplier account
//	invoice_number  required, not empty ("invoice no", "invoice #")
//	date            required: the invoice date, YYYY-MM-DD only (or a date
//	                cell in XLSX)
//	period          optional: the service period, "2026-10" (a month) or
//	                "2026-10-01..2026-10-31"; or the two columns
//	period_start and period_end (YYYY-MM-DD), not both forms
//	amount          required: net of tax ("net", "net amount"); negative
//	                for a credit note
//	tax             optional: the tax on amount ("vat"); empty is 0
//	currency        the ISO 4217 code of amount and tax; when the cell or
//	                the column is missing, a currency stated in the amount
//	                header ("amount (EUR)"), else Options.Currency; a line
//	                with none of them is a bad line
//	paid_date       optional: when the invoice was paid ("paid on"),
//	                YYYY-MM-DD; empty for unpaid
//
// Numbers use '.' as the decimal point; thousands may be grouped with
// commas in threes (1,234.56, quoted in a comma-delimited file);
// 1.234,56, 12,5, (50.00) and currency symbols are errors, never guessed.
// Dates are YYYY-MM-DD only: 31/10/2026 and 10/31/2026 cannot be told
// apart.
//
// The same invoice number twice for the same platform and account (case
// ignored) is a bad line naming the first. Rows whose cells are all empty
// are not lines. An example:
//
//	platform,account,invoice_number,date,period,amount,tax,currency,paid_date
//	meta_ads,act_1029384756,FBADS-204-104857321,2026-11-02,2026-10,4210.55,0,EUR,2026-11-02
//	google_ads,123-456-7890,5203948571,2026-11-03,2026-10-01..2026-10-31,3120.00,655.20,EUR,
//	other,Studio Lumen,SL-2026-118,2026-10-20,,1250.00,262.50,EUR,2026-10-28
type InvoiceSheet struct{}

// Field names of an invoice sheet; they are the canonical column names too.
const (
	iPlatform    = "platform"
	iAccount     = "account"
	iNumber      = "invoice_number"
	iDate        = "date"
	iPeriod      = "period"
	iPeriodStart = "period_start"
	iPeriodEnd   = "period_end"
	iAmount      = "amount"
	iTax         = "tax"
	iCurrency    = "currency"
	iPaid        = "paid_date"
)

var invoiceColumns = []col{
	{iPlatform, []string{"platform"}},
	{iAccount, []string{"account"}},
	{iNumber, []string{"invoice_number", "invoice number", "invoice no", "invoice no.", "invoice #"}},
	{iDate, []string{"date", "invoice date", "invoice_date"}},
	{iPeriod, []string{"period", "service period", "service_period"}},
	{iPeriodStart, []string{"period_start", "period start"}},
	{iPeriodEnd, []string{"period_end", "period end"}},
	{iAmount, []string{"amount", "net", "net amount", "net_amount"}},
	{iTax, []string{"tax", "vat"}},
	{iCurrency, []string{"currency"}},
	{iPaid, []string{"paid_date", "paid date", "paid on", "paid_on"}},
}

const (
	wantInvoiceNumber = "an invoice number"
	wantInvoiceAmount = "an amount net of tax like 1234.56 (negative for a credit note)"
	wantInvoiceTax    = "a tax amount like 259.35, or empty for none"
	wantInvoicePeriod = "a service period like 2026-10 or 2026-10-01..2026-10-31"
	wantInvoicePlat   = "an ad platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads), or other or empty for another supplier"
)

// Platform returns "invoices".
func (InvoiceSheet) Platform() kpi.Platform { return kpi.Invoices }

// Detect accepts a head whose first non-blank row has the columns
// invoice_number, date and amount (by any of their names).
func (InvoiceSheet) Detect(in *Input) bool {
	_, m, ok := firstHeader(in, invoiceColumns)
	return ok && m.has(iNumber) && m.has(iDate) && m.has(iAmount)
}

// firstHeader maps the first non-blank row of in's head against cols.
func firstHeader(in *Input, cols []col) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		return i, mapHeader(rec, cols), true
	}
	return 0, nil, false
}

// ImportInvoices reads every line of an invoice sheet. Each invoice passes
// kpi.Invoice.Validate and carries its source line; the returned slice is
// the caller's. With opts.Period set, an invoice is booked when its service
// period overlaps the report period or, without a service period, when its
// date lies in it; others are counted as outside the period. An invoice
// whose service period only partly overlaps is kept whole (finance
// pro-rates nothing silently) and named in a warning. A bad line fails the
// import (up to 20 are reported) unless opts.SkipBadRows is set, in which
// case it is rejected with its reason. opts.Currency is the currency of
// lines that state none. Stats are returned even with an error.
func (InvoiceSheet) ImportInvoices(in *Input, opts Options) ([]kpi.Invoice, *kpi.FileStats, error) {
	r := newRun(in, kpi.Invoices, opts, nil)
	hi, m, ok := firstHeader(in, invoiceColumns)
	if !ok {
		return nil, r.st, fmt.Errorf("%s: no header row; want an invoice sheet header with invoice_number, date and amount", in.Name)
	}
	headerLine := in.HeadLines[hi]
	r.setHeader(m)
	headerCurrency, err := checkInvoiceHeader(in, headerLine, m)
	if err != nil {
		return nil, r.st, err
	}
	p := invoiceParser{r: r, m: m, xlsx: in.Format == "xlsx", currency: headerCurrency}
	if p.currency == "" {
		p.currency = opts.Currency
	}

	type invoiceKey struct {
		platform       kpi.Platform
		account, upper string
	}
	seen := map[invoiceKey]int{} // → line
	var invoices []kpi.Invoice
	currencies := map[string]bool{}
	err = r.eachRow(headerLine, func(line int, rec []string) error {
		inv, err := p.parse(rec, line)
		if err != nil {
			r.bad(err)
			return nil
		}
		k := invoiceKey{inv.Platform, inv.Account, strings.ToUpper(inv.Number)}
		if first, dup := seen[k]; dup {
			who := "another supplier"
			if inv.Platform != "" {
				who = string(inv.Platform)
			}
			want := fmt.Sprintf("an invoice number not already on line %d for %s account %q", first, who, inv.Account)
			r.bad(r.valueErr(line, m.idx[iNumber], m, inv.Number, want, ErrBadRow))
			return nil
		}
		seen[k] = line
		if per := opts.Period; !per.IsZero() {
			switch {
			case inv.Span.IsZero() && !per.Contains(inv.Date),
				!inv.Span.IsZero() && (inv.Span.To.Before(per.From) || inv.Span.From.After(per.To)):
				r.st.OutsidePeriod++
				return nil
			case !inv.Span.IsZero() && !per.Covers(inv.Span):
				r.warn("line %d: invoice %s covers %s, only partly inside %s: booked in full, not pro-rated", line, inv.Number, inv.Span, per)
			}
		}
		r.st.Used++
		if !r.failed() {
			invoices = append(invoices, inv)
			currencies[inv.Currency] = true
		}
		return nil
	})
	if err != nil {
		return nil, r.st, err
	}
	if len(currencies) == 1 {
		for c := range currencies {
			r.st.Currency = c
		}
	} else if len(currencies) > 1 {
		r.mixed = true // invoices from several suppliers may differ: no warning
	}
	st, err := r.finish()
	if err != nil {
		return nil, st, err
	}
	return invoices, st, nil
}

// checkInvoiceHeader reports a header that cannot be read: a required
// column missing, a column given twice, the service period given in both
// forms or half, or amount and tax headers stating different currencies.
// It returns the currency the header states.
func checkInvoiceHeader(in *Input, line int, m *mapping) (string, error) {
	if err := requireColumns(in, line, m, invoiceColumns, iNumber, iDate, iAmount); err != nil {
		return "", err
	}
	if err := repeatedColumn(in.Name, line, m, invoiceColumns); err != nil {
		return "", err
	}
	header := join(m.header)
	switch {
	case m.has(iPeriod) && m.count(iPeriodStart, iPeriodEnd) > 0:
		return "", fmt.Errorf("%s:%d: the service period is given twice, as %q and as period_start/period_end: keep one; the header has: %s", in.Name, line, m.header[m.idx[iPeriod]], header)
	case m.has(iPeriodStart) && !m.has(iPeriodEnd):
		return "", fmt.Errorf("%s:%d: %w \"period_end\" (the \"period_start\" column needs it); the header has: %s", in.Name, line, ErrMissingColumn, header)
	case m.has(iPeriodEnd) && !m.has(iPeriodStart):
		return "", fmt.Errorf("%s:%d: %w \"period_start\" (the \"period_end\" column needs it); the header has: %s", in.Name, line, ErrMissingColumn, header)
	}
	currency, curCol := "", ""
	for _, f := range []string{iAmount, iTax} {
		i, ok := m.idx[f]
		if !ok {
			continue
		}
		if _, cur := splitCurrency(m.header[i]); cur != "" {
			if currency != "" && cur != currency {
				return "", fmt.Errorf("%s:%d: column %s %q states %s, but column %s states %s", in.Name, line, ColumnLetter(i), m.header[i], cur, curCol, currency)
			}
			currency, curCol = cur, ColumnLetter(i)
		}
	}
	return currency, nil
}

// repeatedColumn reports a header cell naming a field that an earlier
// column already fills ("net" after "amount"): which one holds the value
// cannot be told.
func repeatedColumn(file string, line int, m *mapping, cols []col) error {
	alias := map[string]string{}
	for _, c := range cols {
		for _, a := range c.aliases {
			alias[normHeader(a)] = c.field
		}
	}
	for _, c := range m.columns {
		if c.Field != "" {
			continue
		}
		f, ok := alias[normHeader(c.Header)]
		if !ok {
			if base, cur := splitCurrency(c.Header); cur != "" {
				f, ok = alias[normHeader(base)]
			}
		}
		if ok {
			first := m.idx[f]
			return fmt.Errorf("%s:%d: column %s %q repeats column %s %q", file, line, c.Letter, c.Header, ColumnLetter(first), m.header[first])
		}
	}
	return nil
}

// invoiceParser turns a row of an invoice sheet into a kpi.Invoice.
type invoiceParser struct {
	r        *run
	m        *mapping
	xlsx     bool
	currency string // from the header ("amount (EUR)"), else Options.Currency
}

// parse checks one line. The first bad value is returned as a *ParseError.
func (p *invoiceParser) parse(rec []string, line int) (kpi.Invoice, error) {
	m := p.m
	if err := p.r.checkWidth(rec, m, line); err != nil {
		return kpi.Invoice{}, err
	}
	if !p.xlsx && len(rec) > len(m.header) {
		return kpi.Invoice{}, p.r.rowErr(line, fmt.Sprintf("a row of %d cells like the header, got %d cells (an unquoted ',' in a number? quote the cell)", len(m.header), len(rec)))
	}
	inv := kpi.Invoice{Source: kpi.Source{File: p.r.in.Name, Line: line}}
	cell := func(field string) (string, int) {
		v, i, _ := m.cell(rec, field)
		return strings.TrimSpace(v), i
	}
	bad := func(field, value, want string, cause error) error {
		return p.r.valueErr(line, m.idx[field], m, value, want, cause)
	}

	v, _ := cell(iPlatform)
	switch k := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.Join(strings.Fields(v), " "))); {
	case k == "" || k == "other":
	case kpi.Platform(k).IsPaid():
		inv.Platform = kpi.Platform(k)
	default:
		return inv, bad(iPlatform, v, wantInvoicePlat, ErrBadRow)
	}
	inv.Account, _ = cell(iAccount)
	if inv.Number, _ = cell(iNumber); inv.Number == "" {
		return inv, bad(iNumber, inv.Number, wantInvoiceNumber, ErrBadRow)
	}

	var err error
	v, _ = cell(iDate)
	if inv.Date, err = parseDay(v, p.xlsx, time.DateOnly); err != nil {
		return inv, bad(iDate, v, wantDay, ErrBadDate)
	}
	if v, _ = cell(iPeriod); v != "" {
		if p.xlsx && (sciNumber.MatchString(v) || plainDecimal(v, '.')) {
			return inv, bad(iPeriod, v, wantInvoicePeriod+" typed as text (a spreadsheet turned it into a date or a number: format the column as text)", ErrBadDate)
		}
		if inv.Span, err = kpi.ParsePeriod(v); err != nil {
			return inv, bad(iPeriod, v, wantInvoicePeriod, ErrBadDate)
		}
	}
	from, _ := cell(iPeriodStart)
	to, _ := cell(iPeriodEnd)
	if from != "" || to != "" {
		if from == "" {
			return inv, bad(iPeriodStart, from, wantDay+" with period_end", ErrBadDate)
		}
		if to == "" {
			return inv, bad(iPeriodEnd, to, wantDay+" with period_start", ErrBadDate)
		}
		if inv.Span.From, err = parseDay(from, p.xlsx, time.DateOnly); err != nil {
			return inv, bad(iPeriodStart, from, wantDay, ErrBadDate)
		}
		if inv.Span.To, err = parseDay(to, p.xlsx, time.DateOnly); err != nil {
			return inv, bad(iPeriodEnd, to, wantDay, ErrBadDate)
		}
		if inv.Span.To.Before(inv.Span.From) {
			return inv, bad(iPeriodEnd, to, fmt.Sprintf("a day on or after period_start %s", inv.Span.From.Format(time.DateOnly)), ErrBadDate)
		}
	}

	v, _ = cell(iAmount)
	if inv.Amount, err = p.money(v); err != nil || v == "" {
		return inv, bad(iAmount, v, invoiceNumberWant(wantInvoiceAmount, v), ErrBadNumber)
	}
	if v, _ = cell(iTax); v != "" {
		if inv.Tax, err = p.money(v); err != nil {
			return inv, bad(iTax, v, invoiceNumberWant(wantInvoiceTax, v), ErrBadNumber)
		}
	}

	if v, _ = cell(iCurrency); v != "" {
		inv.Currency = strings.ToUpper(v)
		if !kpi.IsCurrency(inv.Currency) {
			return inv, bad(iCurrency, v, wantCurrency, ErrBadRow)
		}
	} else if inv.Currency = p.currency; inv.Currency == "" {
		if m.has(iCurrency) {
			return inv, bad(iCurrency, v, wantCurrency+" (the line has none and no currency is set for this input)", ErrNoCurrency)
		}
		return inv, p.r.rowErr(line, "a currency: the sheet has no currency column, its amount header states none (\"amount (EUR)\") and no currency is set for this input")
	}

	if v, _ = cell(iPaid); v != "" {
		if inv.Paid, err = parseDay(v, p.xlsx, time.DateOnly); err != nil {
			return inv, bad(iPaid, v, wantDay+", or empty when unpaid", ErrBadDate)
		}
	}
	if err := inv.Validate(); err != nil {
		return inv, p.r.rowErr(line, err.Error())
	}
	return inv, nil
}

// money parses an amount: 1234.56, -1,234.56, and in XLSX 7.48E-6.
func (p *invoiceParser) money(s string) (kpi.Money, error) {
	if groupingAmbiguous(p.r.in, s) {
		return 0, ErrBadNumber
	}
	if (plainNumber.MatchString(s) && strings.ContainsAny(s, "0123456789")) || (p.xlsx && sciNumber.MatchString(s)) {
		return kpi.ParseMoney(strings.ReplaceAll(s, ",", ""))
	}
	return 0, ErrBadNumber
}

// invoiceNumberWant adds a hint for an accountant's negative (50.00).
func invoiceNumberWant(want, got string) string {
	if strings.HasPrefix(got, "(") && strings.HasSuffix(got, ")") {
		return want + " (write a credit of (50.00) as -50.00)"
	}
	return numberWant(want, got)
}
