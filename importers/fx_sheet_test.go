package importers_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// fxOptions are the options of every rates golden: October 2026, and EUR
// as the base of a long-layout file without a base column.
var fxOptions = importers.Options{Period: kpi.Month(2026, 10), Currency: "EUR"}

// TestFXSheet imports each testdata/fx fixture, checks that Detect picks
// the rates detector for it, and compares the rates and stats (or the
// error) with NAME.golden (or NAME.err.golden).
func TestFXSheet(t *testing.T) {
	sheetGoldens(t, kpi.FX, func(tb testing.TB, in *importers.Input) string { return fxDump(tb, in, fxOptions) })
}

// fxDump imports in and renders the rates and stats (or the error) as the
// text kept in goldens.
func fxDump(tb testing.TB, in *importers.Input, opts importers.Options) string {
	tb.Helper()
	rates, st, err := importers.FXSheet{}.ImportRates(in, opts)
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	checkFXStats(tb, rates, st)
	var b strings.Builder
	b.WriteString("# line\tday\tbase\tcurrency\trate\n")
	for _, x := range rates {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\n", x.Source.Line, x.Day.Format(time.DateOnly), x.Base, x.Currency, x.Rate)
	}
	writeFinanceStats(&b, st)
	return b.String()
}

// checkFXStats fails when a rate is invalid or a row is not accounted for.
// A wide row gives several rates, so rates are counted by line.
func checkFXStats(tb testing.TB, rates []kpi.FXRate, st *kpi.FileStats) {
	tb.Helper()
	lines := map[int]bool{}
	for _, x := range rates {
		if err := x.Validate(); err != nil {
			tb.Errorf("%s: invalid rate: %v", x.Source, err)
		}
		if x.Source.File == "" || x.Source.Line <= 0 {
			tb.Errorf("rate %s/%s has no source line", x.Base, x.Currency)
		}
		lines[x.Source.Line] = true
	}
	if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected) != st.Rows {
		tb.Errorf("rows not accounted for: rows=%d used=%d outside=%d skipped=%d rejected=%d",
			st.Rows, st.Used, st.OutsidePeriod, len(st.Skipped), len(st.Rejected))
	}
	if len(lines) != st.Used {
		tb.Errorf("rates from %d rows returned, stats say %d used", len(lines), st.Used)
	}
}

func importRatesString(t *testing.T, data string, opts importers.Options) ([]kpi.FXRate, *kpi.FileStats, error) {
	t.Helper()
	in, err := importers.OpenBytes("rates.csv", []byte(data))
	if err != nil {
		t.Fatalf("OpenBytes: %v", err)
	}
	return importers.FXSheet{}.ImportRates(in, opts)
}

// ecbHead is the real header of eurofxref-hist.csv.
const ecbHead = "Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,\n"

// ecbRow returns a history row of day with usd in USD, gbp in GBP and
// N/A elsewhere.
func ecbRow(day, usd, gbp string) string {
	cells := make([]string, 41)
	for i := range cells {
		cells[i] = "N/A"
	}
	cells[0], cells[7] = usd, gbp
	return day + "," + strings.Join(cells, ",") + ",\n"
}

// TestFXSheetErrors checks the message for each kind of bad row or header.
func TestFXSheetErrors(t *testing.T) {
	const sdmx = "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE\n"
	tests := []struct {
		name, data string
		opts       importers.Options
		want       string
		is         error
	}{
		{"zero rate", ecbHead + ecbRow("2026-10-30", "0", "0.87"), importers.Options{},
			`rates.csv:2: column B "USD": got "0", want a positive rate like 1.0835 ('.' as the decimal point, no grouping): a rate is more than 0, or N/A`, importers.ErrBadNumber},
		{"negative rate", ecbHead + ecbRow("2026-10-30", "-1.1", "0.87"), importers.Options{},
			`rates.csv:2: column B "USD": got "-1.1", want a positive rate like 1.0835 ('.' as the decimal point, no grouping): a rate is more than 0, or N/A`, importers.ErrBadNumber},
		{"fraction", ecbHead + ecbRow("2026-10-30", "1/2", "0.87"), importers.Options{},
			`rates.csv:2: column B "USD": got "1/2", want a positive rate like 1.0835 ('.' as the decimal point, no grouping), or N/A`, importers.ErrBadNumber},
		{"exponent in csv", ecbHead + ecbRow("2026-10-30", "1.1e0", "0.87"), importers.Options{},
			`rates.csv:2: column B "USD": got "1.1e0", want a positive rate like 1.0835 ('.' as the decimal point, no grouping), or N/A`, importers.ErrBadNumber},
		{"day first date", ecbHead + ecbRow("30/10/2026", "1.1", "0.87"), importers.Options{},
			`rates.csv:2: column A "Date": got "30/10/2026", want a date like 2026-10-31`, importers.ErrBadDate},
		{"daily date in history", ecbHead + ecbRow("30 October 2026", "1.1", "0.87"), importers.Options{},
			`rates.csv:2: column A "Date": got "30 October 2026", want a date like 2026-10-31`, importers.ErrBadDate},
		{"same day twice", ecbHead + ecbRow("2026-10-30", "1.1", "0.87") + ecbRow("2026-10-30", "1.2", "0.87"), importers.Options{},
			`rates.csv:3: column A "Date": got "2026-10-30", want a day not already on line 2`, importers.ErrBadRow},
		{"decimal comma in a wide row", ecbHead + strings.Replace(ecbRow("2026-10-30", "1", "0.87"), ",1,", ",1,1581,", 1), importers.Options{},
			`rates.csv:2: a row of 43 cells like the header, got 44 cells (a decimal comma? write 1,0835 as 1.0835)`, importers.ErrBadRow},
		{"no trailing comma", ecbHead + strings.TrimSuffix(ecbRow("2026-10-30", "1.1", "0.87"), ",\n") + "\n", importers.Options{},
			`rates.csv:2: a row of 43 cells like the header, got 42 cells (truncated row?)`, importers.ErrBadRow},
		{"daily wrong date", "Date, USD, JPY, \n2026-10-30, 1.1581, 176.83, ", importers.Options{},
			`rates.csv:2: column A "Date": got "2026-10-30", want a date like 31 October 2026`, importers.ErrBadDate},
		{"repeated code", "Date,USD,JPY,USD,\n2026-10-30,1.1,170,1.2,\n", importers.Options{},
			`rates.csv:1: column D "USD" repeats column B "USD"`, nil},
		{"monthly series", sdmx + "EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2026-10,1.1571863636364\n", importers.Options{},
			`rates.csv:2: column B "FREQ": got "M", want D, a daily rate (a monthly or annual average is not a daily reference rate: download the daily series, such as D.USD.EUR.SP00.A)`, importers.ErrBadRow},
		{"effective rate index", sdmx + "EXR.D.E5.EUR.EN00.A,D,E5,EUR,EN00,A,2026-10-30,98.1\n", importers.Options{},
			`rates.csv:2: column E "EXR_TYPE": got "EN00", want SP00, the spot reference rate`, importers.ErrBadRow},
		{"sdmx same currencies", sdmx + "EXR.D.EUR.EUR.SP00.A,D,EUR,EUR,SP00,A,2026-10-30,1\n", importers.Options{},
			`rates.csv:2: column D "CURRENCY_DENOM": got "EUR", want a currency code such as EUR, other than CURRENCY`, importers.ErrBadRow},
		{"sdmx twice", sdmx + "EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-10-30,1.1581\nEXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-10-30,1.1581\n", importers.Options{},
			`rates.csv:3: column G "TIME_PERIOD": got "2026-10-30", want a day not already on line 2 for USD/EUR`, importers.ErrBadRow},
		{"sdmx missing column", "KEY,CURRENCY,CURRENCY_DENOM,TIME_PERIOD,OBS_VALUE\nEXR.D.USD.EUR.SP00.A,USD,EUR,2026-10-30,1.1581\n", importers.Options{},
			`rates.csv:1: missing column: want FREQ (one of "FREQ"); EXR_TYPE (one of "EXR_TYPE"); the header has: "KEY", "CURRENCY", "CURRENCY_DENOM", "TIME_PERIOD", "OBS_VALUE"`, importers.ErrMissingColumn},
		{"long without a base", "date,currency,rate\n2026-10-30,USD,1.1581\n", importers.Options{},
			`rates.csv:1: no base currency: the header has no base column and no currency is set for this input; add a base column (1 base = rate units of currency); the header has: "date", "currency", "rate"`, nil},
		{"long empty base", "date,base,currency,rate\n2026-10-30,,USD,1.1581\n", importers.Options{},
			`rates.csv:2: column B "base": got "", want a base currency code such as EUR (the line has none and no currency is set for this input)`, importers.ErrNoCurrency},
		{"long bad base", "date,base,currency,rate\n2026-10-30,euro,USD,1.1581\n", importers.Options{},
			`rates.csv:2: column B "base": got "EURO", want a currency code such as EUR`, importers.ErrBadRow},
		{"long same currency", "date,base,currency,rate\n2026-10-30,EUR,EUR,1\n", importers.Options{},
			`rates.csv:2: column C "currency": got "EUR", want a currency code such as USD, other than the base EUR`, importers.ErrBadRow},
		{"long decimal comma", "date;base;currency;rate\n2026-10-30;EUR;USD;1,1581\n", importers.Options{},
			`rates.csv:2: column D "rate": got "1,1581", want a positive rate like 1.0835 ('.' as the decimal point, no grouping): write 1,0835 as 1.0835`, importers.ErrBadNumber},
		{"long empty rate", "date,base,currency,rate\n2026-10-30,EUR,USD,\n", importers.Options{},
			`rates.csv:2: column D "rate": got "", want a positive rate like 1.0835 ('.' as the decimal point, no grouping)`, importers.ErrBadNumber},
		{"long twice", "date,base,currency,rate\n2026-10-30,EUR,USD,1.1\n2026-10-30,eur,usd,1.2\n", importers.Options{},
			`rates.csv:3: column A "date": got "2026-10-30", want a day not already on line 2 for EUR in USD`, importers.ErrBadRow},
		{"long repeated column", "date,day,currency,rate\n2026-10-30,2026-10-30,USD,1.1\n", importers.Options{Currency: "EUR"},
			`rates.csv:1: column B "day" repeats column A "date"`, nil},
		{"unknown", "Date,Foo,Bar\n", importers.Options{},
			`rates.csv: unrecognized export (first line "Date,Foo,Bar"); want an exchange-rate file: the ECB's eurofxref-hist.csv or eurofxref.csv, the ECB data portal's SDMX-CSV, or date,base,currency,rate`, importers.ErrUnknownPlatform},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := importRatesString(t, tc.data, tc.opts)
			if err == nil {
				t.Fatalf("ImportRates(%q) = nil error, want %q", tc.data, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ImportRates(%q) error\n got %q\nwant %q", tc.data, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("ImportRates(%q) error %v does not wrap %v", tc.data, err, tc.is)
			}
		})
	}
}

// TestFXSheetOutsidePeriodNotRead checks that a bad cell in a row outside
// the period does not fail the import: a 27-year history is read for one
// month.
func TestFXSheetOutsidePeriodNotRead(t *testing.T) {
	data := ecbHead + ecbRow("2026-10-30", "1.1581", "0.87215") + ecbRow("1999-01-04", "bad", "0.7111")
	rates, st, err := importRatesString(t, data, fxOptions)
	if err != nil {
		t.Fatal(err)
	}
	checkFXStats(t, rates, st)
	if len(rates) != 2 || st.OutsidePeriod != 1 {
		t.Errorf("ImportRates = %d rates, %d outside, want 2 and 1", len(rates), st.OutsidePeriod)
	}
	if _, _, err := importRatesString(t, data, importers.Options{}); err == nil {
		t.Error("ImportRates without a period: no error for the bad 1999 cell")
	}
}

// TestFXSheetSkipBadRows checks that a bad cell rejects its whole row and
// the other rows are kept.
func TestFXSheetSkipBadRows(t *testing.T) {
	in := mustOpen(t, "testdata/fx/bad_rate.csv")
	rates, st, err := importers.FXSheet{}.ImportRates(in, importers.Options{SkipBadRows: true, Period: kpi.Month(2026, 10)})
	if err != nil {
		t.Fatalf("ImportRates(bad_rate.csv, skip): %v", err)
	}
	checkFXStats(t, rates, st)
	if st.Used != 2 || len(st.Rejected) != 2 || len(rates) != 2*29 {
		t.Errorf("ImportRates(bad_rate.csv, skip) = %d rates, %d used, rejected %+v; want 58, 2 and lines 2 and 3", len(rates), st.Used, st.Rejected)
	}
}

// TestFXSheetPeriodRates reads the ECB history fixture and computes the
// October 2026 rates from it, the path a report takes.
func TestFXSheetPeriodRates(t *testing.T) {
	in := mustOpen(t, "testdata/fx/ecb_hist.csv")
	rates, _, err := importers.FXSheet{}.ImportRates(in, fxOptions)
	if err != nil {
		t.Fatal(err)
	}
	got, err := kpi.PeriodRates(rates, kpi.Month(2026, 10), "EUR", []string{"USD", "GBP"})
	if err != nil {
		t.Fatal(err)
	}
	// The five October rows give EUR→USD 1.1581, 1.1566, 1.1605, 1.1544, 1.162:
	//   1/1.1581 = 0.863483291598     1/1.1566 = 0.864603147155
	//   1/1.1605 = 0.861697544162     1/1.1544 = 0.866250866251
	//   1/1.162  = 0.860585197935     sum = 4.316620047101
	//   mean = 0.863324009420 → 0.863324
	// and EUR→GBP 0.87215, 0.87102, 0.87398, 0.86936, 0.87512:
	//   1.146591756005 + 1.148079263392 + 1.144190942584 + 1.150271464066
	//   + 1.142700429655 = 5.731833855703; mean = 1.146366771141 → 1.146367
	want := map[string]string{"USD": "0.863324", "GBP": "1.146367"}
	for c, w := range want {
		if got[c].String() != w {
			t.Errorf("PeriodRates(ecb_hist.csv, 2026-10, EUR)[%s] = %s, want %s", c, got[c], w)
		}
	}
}

func TestFXSheetDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{ecbHead, true},
		{"Date, USD, JPY, BGN, CZK, \n", true},
		{"Date,USD,JPY\n", true},
		{"KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE\n", true},
		{"date,base,currency,rate\n", true},
		{"Date;Currency;Rate;Note\n", true},
		{"Date,GBP,USD\n", false},              // not the ECB's order: whose rates?
		{"Date,USD,JPY,Total\n", false},        // not a currency code
		{"date,currency,rate,amount\n", false}, // another column: not a rates sheet
		{"category,description,hours,rate,currency,date\n", false},
		{"invoice_number,date,amount,currency\n", false},
	}
	for _, tc := range tests {
		in, err := importers.OpenBytes("rates.csv", []byte(tc.head))
		if err != nil {
			t.Fatal(err)
		}
		if got := (importers.FXSheet{}).Detect(in); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func FuzzFXSheet(f *testing.F) {
	addFixtures(f, kpi.FX)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := importers.OpenBytes("fuzz.csv", data)
		if err != nil {
			return
		}
		if !(importers.FXSheet{}).Detect(in) {
			return
		}
		for _, skip := range []bool{false, true} {
			opts := importers.Options{Period: kpi.Month(2026, 10), SkipBadRows: skip, Currency: "EUR"}
			rates, st, err := importers.FXSheet{}.ImportRates(in, opts)
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
			checkFXStats(t, rates, st)
		}
	})
}
