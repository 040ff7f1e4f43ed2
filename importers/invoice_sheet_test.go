package importers_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// invoiceOptions are the options of every invoice golden: October 2026,
// so that September invoices count as outside the period.
var invoiceOptions = importers.Options{Period: kpi.Month(2026, 10)}

// TestInvoiceSheet imports each testdata/invoices fixture, checks that
// Detect picks the invoice sheet for it, and compares the invoices and
// stats (or the error) with NAME.golden (or NAME.err.golden).
func TestInvoiceSheet(t *testing.T) {
	sheetGoldens(t, kpi.Invoices, func(tb testing.TB, in *importers.Input) string { return invoiceDump(tb, in, invoiceOptions) })
}

// invoiceDump imports in and renders the invoices and stats (or the
// error) as the text kept in goldens.
func invoiceDump(tb testing.TB, in *importers.Input, opts importers.Options) string {
	tb.Helper()
	invs, st, err := importers.InvoiceSheet{}.ImportInvoices(in, opts)
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	checkInvoiceStats(tb, invs, st)
	var b strings.Builder
	b.WriteString("# line\tplatform\taccount\tnumber\tdate\tperiod\tamount\ttax\tgross\tcurrency\tpaid\n")
	for _, i := range invs {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i.Source.Line, i.Platform, i.Account, i.Number,
			i.Date.Format(time.DateOnly), spanOf(i.Span), i.Amount, i.Tax, i.Gross(), i.Currency, dayOrEmpty(i.Paid))
	}
	writeFinanceStats(&b, st)
	return b.String()
}

func spanOf(p kpi.Period) string {
	if p.IsZero() {
		return ""
	}
	return p.From.Format(time.DateOnly) + ".." + p.To.Format(time.DateOnly)
}

func dayOrEmpty(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// writeFinanceStats renders the stats of an invoice or rates import.
func writeFinanceStats(b *strings.Builder, st *kpi.FileStats) {
	fmt.Fprintf(b, "## stats\nplatform=%s format=%s encoding=%s delimiter=%q currency=%s\n", st.Platform, st.Format, st.Encoding, st.Delimiter, st.Currency)
	fmt.Fprintf(b, "rows=%d used=%d outside_period=%d\n", st.Rows, st.Used, st.OutsidePeriod)
	for _, c := range st.Columns {
		fmt.Fprintf(b, "column\t%s\t%s\t%s\n", c.Letter, c.Header, c.Field)
	}
	for _, n := range st.Skipped {
		fmt.Fprintf(b, "skipped\t%d\t%s\n", n.Line, n.Reason)
	}
	for _, n := range st.Rejected {
		fmt.Fprintf(b, "rejected\t%d\t%s\n", n.Line, n.Reason)
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(b, "warning\t%s\n", w)
	}
}

// checkInvoiceStats fails when an invoice is invalid or a line is not
// accounted for.
func checkInvoiceStats(tb testing.TB, invs []kpi.Invoice, st *kpi.FileStats) {
	tb.Helper()
	for _, i := range invs {
		if err := i.Validate(); err != nil {
			tb.Errorf("%s: invalid invoice: %v", i.Source, err)
		}
		if i.Source.File == "" || i.Source.Line <= 0 {
			tb.Errorf("invoice %q has no source line", i.Number)
		}
	}
	if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected) != st.Rows {
		tb.Errorf("lines not accounted for: rows=%d used=%d outside=%d skipped=%d rejected=%d",
			st.Rows, st.Used, st.OutsidePeriod, len(st.Skipped), len(st.Rejected))
	}
	if len(invs) != st.Used {
		tb.Errorf("%d invoices returned, stats say %d used", len(invs), st.Used)
	}
}

func importInvoicesString(t *testing.T, data string, opts importers.Options) ([]kpi.Invoice, *kpi.FileStats, error) {
	t.Helper()
	in, err := importers.OpenBytes("invoices.csv", []byte(data))
	if err != nil {
		t.Fatalf("OpenBytes: %v", err)
	}
	return importers.InvoiceSheet{}.ImportInvoices(in, opts)
}

// TestInvoiceSheetErrors checks the message for each kind of bad line or header.
func TestInvoiceSheetErrors(t *testing.T) {
	const head = "platform,account,invoice_number,date,period,amount,tax,currency,paid_date\n"
	tests := []struct {
		name, data string
		opts       importers.Options
		want       string
		is         error
	}{
		{"decimal comma", head + "meta_ads,a,1,2026-10-31,,\"12,5\",,EUR,\n", importers.Options{},
			`invoices.csv:2: column F "amount": got "12,5", want an amount net of tax like 1234.56 (negative for a credit note) (is 12,5 a decimal comma? write it with '.', and thousands without ',')`, importers.ErrBadNumber},
		{"accounting negative", head + "meta_ads,a,1,2026-10-31,,(50.00),,EUR,\n", importers.Options{},
			`invoices.csv:2: column F "amount": got "(50.00)", want an amount net of tax like 1234.56 (negative for a credit note) (write a credit of (50.00) as -50.00)`, importers.ErrBadNumber},
		{"currency symbol", head + "meta_ads,a,1,2026-10-31,,€50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column F "amount": got "€50", want an amount net of tax like 1234.56 (negative for a credit note) (no currency symbol: put the code in the currency column)`, importers.ErrBadNumber},
		{"empty amount", head + "meta_ads,a,1,2026-10-31,,,,EUR,\n", importers.Options{},
			`invoices.csv:2: column F "amount": got "", want an amount net of tax like 1234.56 (negative for a credit note)`, importers.ErrBadNumber},
		{"bad tax", head + "meta_ads,a,1,2026-10-31,,50,20%,EUR,\n", importers.Options{},
			`invoices.csv:2: column G "tax": got "20%", want a tax amount like 259.35, or empty for none`, importers.ErrBadNumber},
		{"no number", head + "meta_ads,a, ,2026-10-31,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column C "invoice_number": got "", want an invoice number`, importers.ErrBadRow},
		{"day first date", head + "meta_ads,a,1,31/10/2026,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column D "date": got "31/10/2026", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)`, importers.ErrBadDate},
		{"serial date in csv", head + "meta_ads,a,1,46326,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column D "date": got "46326", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)`, importers.ErrBadDate},
		{"bad period", head + "meta_ads,a,1,2026-10-31,October,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column E "period": got "October", want a service period like 2026-10 or 2026-10-01..2026-10-31`, importers.ErrBadDate},
		{"period backwards", head + "meta_ads,a,1,2026-10-31,2026-10-31..2026-10-01,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column E "period": got "2026-10-31..2026-10-01", want a service period like 2026-10 or 2026-10-01..2026-10-31`, importers.ErrBadDate},
		{"half a period", "invoice_number,date,period_start,period_end,amount,currency\n1,2026-10-31,2026-10-01,,50,EUR\n", importers.Options{},
			`invoices.csv:2: column D "period_end": got "", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart) with period_start`, importers.ErrBadDate},
		{"period end first", "invoice_number,date,period_start,period_end,amount,currency\n1,2026-10-31,2026-10-31,2026-10-01,50,EUR\n", importers.Options{},
			`invoices.csv:2: column D "period_end": got "2026-10-01", want a day on or after period_start 2026-10-31`, importers.ErrBadDate},
		{"bad platform", head + "snapchat,a,1,2026-10-31,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column A "platform": got "snapchat", want an ad platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads), or other or empty for another supplier`, importers.ErrBadRow},
		{"organic platform", head + "meta_posts,a,1,2026-10-31,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: column A "platform": got "meta_posts", want an ad platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads), or other or empty for another supplier`, importers.ErrBadRow},
		{"bad currency", head + "meta_ads,a,1,2026-10-31,,50,,euro,\n", importers.Options{},
			`invoices.csv:2: column H "currency": got "euro", want a currency code such as EUR`, importers.ErrBadRow},
		{"no currency anywhere", head + "meta_ads,a,1,2026-10-31,,50,,,\n", importers.Options{},
			`invoices.csv:2: column H "currency": got "", want a currency code such as EUR (the line has none and no currency is set for this input)`, importers.ErrNoCurrency},
		{"no currency column", "invoice_number,date,amount\n1,2026-10-31,50\n", importers.Options{},
			`invoices.csv:2: a currency: the sheet has no currency column, its amount header states none ("amount (EUR)") and no currency is set for this input`, importers.ErrBadRow},
		{"bad paid date", head + "meta_ads,a,1,2026-10-31,,50,,EUR,yes\n", importers.Options{},
			`invoices.csv:2: column I "paid_date": got "yes", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart), or empty when unpaid`, importers.ErrBadDate},
		{"duplicate number", head + "meta_ads,a,INV-1,2026-10-31,,50,,EUR,\ngoogle_ads,a,INV-1,2026-10-31,,50,,EUR,\nmeta_ads,a,inv-1,2026-11-30,,60,,EUR,\n", importers.Options{},
			`invoices.csv:4: column C "invoice_number": got "inv-1", want an invoice number not already on line 2 for meta_ads account "a"`, importers.ErrBadRow},
		{"duplicate other supplier", head + ",Lumen,7,2026-10-31,,50,,EUR,\nother,Lumen,7,2026-10-31,,50,,EUR,\n", importers.Options{},
			`invoices.csv:3: column C "invoice_number": got "7", want an invoice number not already on line 2 for another supplier account "Lumen"`, importers.ErrBadRow},
		{"truncated row", head + "meta_ads,a,1,2026-10-31,,50\n", importers.Options{},
			`invoices.csv:2: a row of 9 cells like the header, got 6 cells (truncated row?)`, importers.ErrBadRow},
		{"unquoted comma", head + "meta_ads,a,1,2026-10-31,,1,250.00,0,EUR,\n", importers.Options{},
			`invoices.csv:2: a row of 9 cells like the header, got 10 cells (an unquoted ',' in a number? quote the cell)`, importers.ErrBadRow},
		{"bad quote", head + "meta_ads,\"a,1,2026-10-31,,50,,EUR,\n", importers.Options{},
			`invoices.csv:2: well-formed CSV (line 2, column 36: extraneous or missing " in quoted-field)`, importers.ErrBadRow},
		{"missing column", "invoice_number,amount,currency\n1,50,EUR\n", importers.Options{},
			`invoices.csv:1: missing column: want date (one of "date", "invoice date", "invoice_date"); the header has: "invoice_number", "amount", "currency"`, importers.ErrMissingColumn},
		{"repeated column", "invoice_number,date,amount,net,currency\n1,2026-10-31,50,50,EUR\n", importers.Options{},
			`invoices.csv:1: column D "net" repeats column C "amount"`, nil},
		{"period twice", "invoice_number,date,period,period_start,period_end,amount,currency\n1,2026-10-31,2026-10,,,50,EUR\n", importers.Options{},
			`invoices.csv:1: the service period is given twice, as "period" and as period_start/period_end: keep one; the header has: "invoice_number", "date", "period", "period_start", "period_end", "amount", "currency"`, nil},
		{"period start alone", "invoice_number,date,period_start,amount,currency\n1,2026-10-31,2026-10-01,50,EUR\n", importers.Options{},
			`invoices.csv:1: missing column "period_end" (the "period_start" column needs it); the header has: "invoice_number", "date", "period_start", "amount", "currency"`, importers.ErrMissingColumn},
		{"two header currencies", "invoice_number,date,amount (EUR),tax (USD)\n1,2026-10-31,50,10\n", importers.Options{},
			`invoices.csv:1: column D "tax (USD)" states USD, but column C states EUR`, nil},
		{"empty file", "\n\n", importers.Options{},
			`invoices.csv: no header row; want an invoice sheet header with invoice_number, date and amount`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := importInvoicesString(t, tc.data, tc.opts)
			if err == nil {
				t.Fatalf("ImportInvoices(%q) = nil error, want %q", tc.data, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ImportInvoices(%q) error\n got %q\nwant %q", tc.data, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("ImportInvoices(%q) error %v does not wrap %v", tc.data, err, tc.is)
			}
		})
	}
}

// TestInvoiceSheetPeriod checks the period rule: overlap of the service
// period, else the invoice date; a partial overlap is booked whole with a
// warning.
func TestInvoiceSheetPeriod(t *testing.T) {
	data := "invoice_number,date,period,amount,currency\n" +
		"in-month,2026-11-02,2026-10,100,EUR\n" + // service in October, invoiced in November: booked
		"straddles,2026-10-31,2026-10-15..2026-11-14,200,EUR\n" + // partly in October: booked, warned
		"before,2026-10-01,2026-09,300,EUR\n" + // September service invoiced in October: outside
		"dated-in,2026-10-20,,400,EUR\n" + // no service period, dated in October: booked
		"dated-out,2026-11-01,,500,EUR\n" // no service period, dated in November: outside
	invs, st, err := importInvoicesString(t, data, invoiceOptions)
	if err != nil {
		t.Fatal(err)
	}
	checkInvoiceStats(t, invs, st)
	var got []string
	for _, i := range invs {
		got = append(got, i.Number)
	}
	if strings.Join(got, " ") != "in-month straddles dated-in" || st.OutsidePeriod != 2 {
		t.Errorf("booked %v with %d outside, want [in-month straddles dated-in] and 2", got, st.OutsidePeriod)
	}
	want := "line 3: invoice straddles covers 2026-10-15..2026-11-14, only partly inside 2026-10: booked in full, not pro-rated"
	if len(st.Warnings) != 1 || st.Warnings[0] != want {
		t.Errorf("warnings = %q, want [%q]", st.Warnings, want)
	}

	// Without a period every invoice is booked.
	invs, st, err = importInvoicesString(t, data, importers.Options{})
	if err != nil || len(invs) != 5 || st.OutsidePeriod != 0 || len(st.Warnings) != 0 {
		t.Errorf("ImportInvoices without a period = %d invoices, %d outside, warnings %q, err %v; want 5, 0, none, nil",
			len(invs), st.OutsidePeriod, st.Warnings, err)
	}
}

// TestInvoiceSheetCurrency checks where a line's currency comes from: its
// cell, else the amount header, else Options.Currency.
func TestInvoiceSheetCurrency(t *testing.T) {
	tests := []struct {
		data, opt string
		want      []string
		stats     string
	}{
		{"invoice_number,date,amount,currency\n1,2026-10-31,50,usd\n2,2026-10-31,50,\n", "GBP", []string{"USD", "GBP"}, ""},
		{"invoice_number,date,amount (CHF),currency\n1,2026-10-31,50,\n2,2026-10-31,50,EUR\n", "GBP", []string{"CHF", "EUR"}, ""},
		{"invoice_number,date,amount\n1,2026-10-31,50\n", "SEK", []string{"SEK"}, "SEK"},
	}
	for _, tc := range tests {
		invs, st, err := importInvoicesString(t, tc.data, importers.Options{Currency: tc.opt})
		if err != nil {
			t.Fatalf("ImportInvoices(%q): %v", tc.data, err)
		}
		var got []string
		for _, i := range invs {
			got = append(got, i.Currency)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") || st.Currency != tc.stats {
			t.Errorf("ImportInvoices(%q, %s) currencies %v, stats %q; want %v, %q", tc.data, tc.opt, got, st.Currency, tc.want, tc.stats)
		}
	}
}

// TestInvoiceSheetSkipBadRows checks that bad lines are rejected with their
// reason and the good ones kept.
func TestInvoiceSheetSkipBadRows(t *testing.T) {
	in := mustOpen(t, "testdata/invoices/duplicate_number.csv")
	invs, st, err := importers.InvoiceSheet{}.ImportInvoices(in, importers.Options{SkipBadRows: true})
	if err != nil {
		t.Fatalf("ImportInvoices(duplicate_number.csv, skip): %v", err)
	}
	checkInvoiceStats(t, invs, st)
	if len(invs) != 3 || len(st.Rejected) != 1 || st.Rejected[0].Line != 5 {
		t.Fatalf("ImportInvoices(duplicate_number.csv, skip) = %d invoices, rejected %+v; want 3 and line 5", len(invs), st.Rejected)
	}
}

func TestInvoiceSheetDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"invoice_number,date,amount\n", true},
		{"\n;;\nPLATFORM;Invoice No;Invoice Date;Net Amount;VAT\n", true},
		{"Invoice #,Date,Net\n", true},
		{"invoice_number,amount\n", false},
		{"category,description,amount,date\n", false},
		{"Date,Transaction ID,Payment Method,Amount,Currency\n", false},
	}
	for _, tc := range tests {
		in, err := importers.OpenBytes("invoices.csv", []byte(tc.head))
		if err != nil {
			t.Fatal(err)
		}
		if got := (importers.InvoiceSheet{}).Detect(in); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// TestBillingExportsNotSupported checks that a Meta "Billing Report"
// export is not claimed by any detector but fails with the usual message.
// Its shape follows the only structure found (a third-party test, see
// docs/invoice-sheet.md): a preamble, then payment tables with totals.
func TestBillingExportsNotSupported(t *testing.T) {
	data := "Meta information\n" +
		"\"Meta Platforms, Inc.\",1 Meta Way,\"Menlo Park, CA 94025\",United States\n\n" +
		"Advertiser Information\nAccount: 100000000000001\n\nBilling Report: 10/1/2026 - 10/31/2026\n\n" +
		"Meta Ads payment\nDate,Transaction ID,Payment Method,Amount,Currency\n" +
		"10/31/2026,1000000000000001-2000000000000001,Visa 0000,297.90,EUR\n" +
		",,Total Amount Billed,\"297.90\",EUR\n"
	in, err := importers.OpenBytes("billing.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	_, err = importers.Detect(in, importers.Detectors())
	if !errors.Is(err, importers.ErrUnknownPlatform) {
		t.Fatalf("Detect(Meta billing report) error = %v, want %v", err, importers.ErrUnknownPlatform)
	}
	want := `billing.csv: unrecognized export (first line "Meta information"); known: `
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Detect(Meta billing report) error\n got %q\nwant %q", err, want)
	}
}

// TestFinanceDetectorsClaimNothingElse checks that the invoice and rates
// detectors claim no fixture of any other kind of input.
func TestFinanceDetectorsClaimNothingElse(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		p := kpi.Platform(dir.Name())
		if !dir.IsDir() || p == kpi.Invoices || p == kpi.FX || p == "fuzz" {
			continue
		}
		for _, file := range fixtures(t, p) {
			if strings.HasSuffix(file, ".xls") {
				continue // refused when opened: see TestImporters
			}
			in := mustOpen(t, file)
			n++
			if (importers.InvoiceSheet{}).Detect(in) {
				t.Errorf("InvoiceSheet claims %s", file)
			}
			if (importers.FXSheet{}).Detect(in) {
				t.Errorf("FXSheet claims %s", file)
			}
		}
	}
	if n == 0 {
		t.Fatal("no other fixtures found")
	}
}

func FuzzInvoiceSheet(f *testing.F) {
	addFixtures(f, kpi.Invoices)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := importers.OpenBytes("fuzz.csv", data)
		if err != nil {
			return
		}
		if !(importers.InvoiceSheet{}).Detect(in) {
			return
		}
		for _, skip := range []bool{false, true} {
			opts := importers.Options{Period: kpi.Month(2026, 10), SkipBadRows: skip, Currency: "EUR"}
			invs, st, err := importers.InvoiceSheet{}.ImportInvoices(in, opts)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "fuzz.csv") {
					t.Fatalf("error does not name the file: %v", err)
				}
				var pe *importers.ParseError
				if errors.As(err, &pe) && pe.Line <= 0 {
					t.Fatalf("error without a line: %v", err)
				}
				continue
			}
			checkInvoiceStats(t, invs, st)
		}
	})
}
