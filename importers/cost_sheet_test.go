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

// costOptions are the options of every cost-sheet golden: October 2026, so
// that the dated September lines count as outside the period.
var costOptions = importers.Options{Period: kpi.Month(2026, 10)}

// TestCostSheet imports each testdata/costs fixture and compares the costs
// and stats (or the error) with NAME.golden (or NAME.err.golden).
func TestCostSheet(t *testing.T) {
	sheetGoldens(t, kpi.Costs, func(tb testing.TB, in *importers.Input) string { return costDump(tb, in, costOptions) })
}

// costDump imports in and renders the costs and stats (or the error) as
// the text kept in goldens.
func costDump(tb testing.TB, in *importers.Input, opts importers.Options) string {
	tb.Helper()
	costs, st, err := importers.CostSheet{}.ImportCosts(in, opts)
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	checkCostStats(tb, costs, st)
	var b strings.Builder
	b.WriteString("# line\tcategory\tdescription\tplatform\tbasis\tvalue\tcurrency\tdate\n")
	for _, c := range costs {
		var value string
		switch c.Basis {
		case kpi.BasisAmount:
			value = "amount=" + c.Amount.String()
		case kpi.BasisHours:
			value = fmt.Sprintf("hours=%s rate=%s (=%s)", c.Hours, c.Rate, c.Computed())
		case kpi.BasisPercent:
			value = "percent=" + c.Percent.String()
		}
		date := ""
		if !c.Date.IsZero() {
			date = c.Date.Format(time.DateOnly)
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Source.Line, c.Category, c.Description,
			c.Platform, c.Basis, value, c.Currency, date)
	}
	fmt.Fprintf(&b, "## stats\nplatform=%s format=%s encoding=%s delimiter=%q\n", st.Platform, st.Format, st.Encoding, st.Delimiter)
	fmt.Fprintf(&b, "rows=%d used=%d outside_period=%d\n", st.Rows, st.Used, st.OutsidePeriod)
	for _, c := range st.Columns {
		fmt.Fprintf(&b, "column\t%s\t%s\t%s\n", c.Letter, c.Header, c.Field)
	}
	for _, n := range st.Skipped {
		fmt.Fprintf(&b, "skipped\t%d\t%s\n", n.Line, n.Reason)
	}
	for _, n := range st.Rejected {
		fmt.Fprintf(&b, "rejected\t%d\t%s\n", n.Line, n.Reason)
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(&b, "warning\t%s\n", w)
	}
	return b.String()
}

// checkCostStats fails when a cost is invalid or a line is not accounted for.
func checkCostStats(tb testing.TB, costs []kpi.Cost, st *kpi.FileStats) {
	tb.Helper()
	for _, c := range costs {
		if err := c.Validate(); err != nil {
			tb.Errorf("%s: invalid cost: %v", c.Source, err)
		}
		if c.Source.File == "" || c.Source.Line <= 0 {
			tb.Errorf("cost %q has no source line", c.Description)
		}
	}
	if st.Used+st.OutsidePeriod+len(st.Skipped)+len(st.Rejected) != st.Rows {
		tb.Errorf("lines not accounted for: rows=%d used=%d outside=%d skipped=%d rejected=%d",
			st.Rows, st.Used, st.OutsidePeriod, len(st.Skipped), len(st.Rejected))
	}
	if len(costs) != st.Used {
		tb.Errorf("%d costs returned, stats say %d used", len(costs), st.Used)
	}
}

func importCostsString(t *testing.T, name, data string, opts importers.Options) ([]kpi.Cost, *kpi.FileStats, error) {
	t.Helper()
	in, err := importers.OpenBytes(name, []byte(data))
	if err != nil {
		t.Fatalf("OpenBytes(%s): %v", name, err)
	}
	return importers.CostSheet{}.ImportCosts(in, opts)
}

// TestCostSheetErrors checks the message for each kind of bad line or header.
func TestCostSheetErrors(t *testing.T) {
	const head = "category,description,amount,hours,rate,percent_of_spend,currency,platform,date\n"
	tests := []struct {
		name, data string
		want       string
		is         error
	}{
		{"decimal comma", "category,description,amount\ntools,Licence,89\ntools,Photos,\"12,5\"\n",
			`costs.csv:3: column C "amount": got "12,5", want a number like 1234.56 (is 12,5 a decimal comma? write it with '.', and thousands without ',')`, importers.ErrBadNumber},
		{"european grouping", head + "tools,Licence,\"1.234,56\",,,,,,\n",
			`costs.csv:2: column C "amount": got "1.234,56", want a number like 1234.56 ('.' is the decimal point: write 1.234,56 as 1234.56)`, importers.ErrBadNumber},
		{"currency symbol", head + "tools,Licence,€89,,,,,,\n",
			`costs.csv:2: column C "amount": got "€89", want a number like 1234.56 (no currency symbol: put the code in the currency column)`, importers.ErrBadNumber},
		{"bad grouping", head + "tools,Licence,\"12,34.5\",,,,,,\n",
			`costs.csv:2: column C "amount": got "12,34.5", want a number like 1234.56`, importers.ErrBadNumber},
		{"space grouping", head + "tools,Licence,1 234.50,,,,,,\n",
			`costs.csv:2: column C "amount": got "1 234.50", want a number like 1234.56`, importers.ErrBadNumber},
		{"no basis", head + "tools,Licence,,,,,,,\n",
			`costs.csv:2: no cost on the line: want exactly one of amount, hours and rate, or percent_of_spend`, importers.ErrBadRow},
		{"amount and percent", head + "agency_fee,Fee,500,,,15,,,\n",
			`costs.csv:2: amount and percent_of_spend on one line: want exactly one of amount, hours and rate, or percent_of_spend`, importers.ErrBadRow},
		{"rate and amount", head + "staff,Reporting,500,,60,,,,\n",
			`costs.csv:2: amount and hours and rate on one line: want exactly one of amount, hours and rate, or percent_of_spend`, importers.ErrBadRow},
		{"rate without hours", head + "staff,Reporting,,,60,,,,\n",
			`costs.csv:2: column D "hours": got "", want a number of hours like 7.5 (not negative) with the rate`, importers.ErrBadNumber},
		{"hours without rate", head + "staff,Reporting,,3,,,,,\n",
			`costs.csv:2: column E "rate": got "", want an hourly rate like 85.00 (not negative) with the hours`, importers.ErrBadNumber},
		{"negative hours", head + "staff,Reporting,,-3,60,,,,\n",
			`costs.csv:2: column D "hours": got "-3", want a number of hours like 7.5 (not negative)`, importers.ErrBadNumber},
		{"negative rate", head + "staff,Reporting,,3,-60,,,,\n",
			`costs.csv:2: column E "rate": got "-60", want an hourly rate like 85.00 (not negative)`, importers.ErrBadNumber},
		{"bad percent", head + "agency_fee,Fee,,,,fifteen,,,\n",
			`costs.csv:2: column F "percent_of_spend": got "fifteen", want a percentage like 15 or 15%`, importers.ErrBadNumber},
		{"bare percent sign", head + "agency_fee,Fee,,,,%,,,\n",
			`costs.csv:2: column F "percent_of_spend": got "%", want a percentage like 15 or 15%`, importers.ErrBadNumber},
		{"unknown category", head + "marketing,Gifting,400,,,,,,\n",
			`costs.csv:2: column A "category": got "marketing", want one of staff, tools, agency_fee, production, refunds, research, training, conferences, other`, importers.ErrBadRow},
		{"empty description", head + "tools, ,400,,,,,,\n",
			`costs.csv:2: column B "description": got " ", want a description of the cost`, importers.ErrBadRow},
		{"bad currency", head + "tools,Licence,400,,,,euro,,\n",
			`costs.csv:2: column G "currency": got "euro", want a currency code such as EUR`, importers.ErrBadRow},
		{"percent of an organic page's spend", head + "agency_fee,Fee,,,,15,,linkedin_page,\n",
			`costs.csv:2: column H "platform": got "linkedin_page", want an ad platform for a percentage of spend (LinkedIn page has no ad spend)`, importers.ErrBadRow},
		{"bare x is ambiguous", head + "agency_fee,Fee,,,,15,,X,\n",
			`costs.csv:2: column H "platform": got "X", want a platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads; meta_posts, linkedin_page, x_organic, youtube), or empty for all platforms`, importers.ErrBadRow},
		{"bad platform", head + "tools,Licence,400,,,,,MySpace,\n",
			`costs.csv:2: column H "platform": got "MySpace", want a platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads; meta_posts, linkedin_page, x_organic, youtube), or empty for all platforms`, importers.ErrBadRow},
		{"day first date", head + "tools,Licence,400,,,,,,31/10/2026\n",
			`costs.csv:2: column I "date": got "31/10/2026", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)`, importers.ErrBadDate},
		{"serial date in csv", head + "tools,Licence,400,,,,,,46296\n",
			`costs.csv:2: column I "date": got "46296", want a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)`, importers.ErrBadDate},
		{"unquoted comma", "category,description,amount\ntools,Licence, team plan,400\n",
			`costs.csv:2: a row of 3 cells like the header, got 4 cells (an unquoted ',' in a number or a description? quote the cell)`, importers.ErrBadRow},
		{"missing description column", "category,amount\ntools,400\n",
			`costs.csv:1: missing column "description"; header has: category, amount`, importers.ErrMissingColumn},
		{"missing basis column", "category,description,currency\ntools,Licence,EUR\n",
			`costs.csv:1: missing column "amount", "hours" or "percent_of_spend"; header has: category, description, currency`, importers.ErrMissingColumn},
		{"hours column without rate", "category,description,hours\nstaff,Reporting,3\n",
			`costs.csv:1: missing column "rate" (the "hours" column needs it); header has: category, description, hours`, importers.ErrMissingColumn},
		{"duplicate column", "category,description,amount,Amount\ntools,Licence,400,500\n",
			`costs.csv:1: column D "Amount" repeats column C "amount"`, nil},
		{"two header currencies", "category,description,amount (USD),hours,rate (EUR)\ntools,Licence,400,,\n",
			`costs.csv:1: column E "rate (EUR)" states EUR, but column C states USD`, nil},
		{"empty file", "\n\n",
			`costs.csv: no header row; want a cost sheet header with category, description and amount, hours and rate, or percent_of_spend`, nil},
		{"bad quote", head + "tools,\"Licence,400,,,,,,\n",
			`costs.csv:2: well-formed CSV (line 2, column 26: extraneous or missing " in quoted-field)`, importers.ErrBadRow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := importCostsString(t, "costs.csv", tc.data, importers.Options{})
			if err == nil {
				t.Fatalf("ImportCosts(%q) = nil error, want %q", tc.data, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ImportCosts(%q) error\n got %q\nwant %q", tc.data, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("ImportCosts(%q) error %v does not wrap %v", tc.data, err, tc.is)
			}
		})
	}
}

// TestCostSheetValues checks the parsed values of the accepted forms.
func TestCostSheetValues(t *testing.T) {
	data := "Category,Description,Amount (USD),Hours,Rate,Percent of Spend,Currency,Platform,Date\n" +
		"Agency Fee,Fee A,,,,15%,,google-ads,\n" +
		"agency_fee,Fee B,,,,12.5 %,GBP,ALL,\n" +
		"OTHER,Credit,\"-1,234.56\",,,,,Instagram,\n" +
		"staff,Time,,7.5,80,,eur,tiktok_ads,2026-10-05\n" +
		"tools,Licence,.5,,,,,,\n"
	costs, st, err := importCostsString(t, "costs.csv", data, importers.Options{})
	if err != nil {
		t.Fatalf("ImportCosts: %v", err)
	}
	checkCostStats(t, costs, st)
	want := []kpi.Cost{
		{Category: "agency_fee", Description: "Fee A", Platform: kpi.GoogleAds, Basis: kpi.BasisPercent, Percent: 15 * kpi.Micro},
		{Category: "agency_fee", Description: "Fee B", Basis: kpi.BasisPercent, Percent: 12_500_000},
		{Category: "other", Description: "Credit", Platform: kpi.MetaAds, Basis: kpi.BasisAmount, Amount: -1_234_560_000, Currency: "USD"},
		{Category: "staff", Description: "Time", Platform: kpi.TikTokAds, Basis: kpi.BasisHours, Hours: 7_500_000, Rate: 80 * kpi.Micro,
			Currency: "EUR", Date: kpi.Day(2026, 10, 5)},
		{Category: "tools", Description: "Licence", Basis: kpi.BasisAmount, Amount: 500_000, Currency: "USD"},
	}
	if len(costs) != len(want) {
		t.Fatalf("ImportCosts returned %d costs, want %d: %+v", len(costs), len(want), costs)
	}
	for i, w := range want {
		w.Source = kpi.Source{File: "costs.csv", Line: i + 2}
		if costs[i] != w {
			t.Errorf("cost %d = %+v, want %+v", i, costs[i], w)
		}
	}
	if got := costs[3].Computed(); got != 600*kpi.Micro {
		t.Errorf("7.5 h × 80: Computed() = %s, want 600.00", got)
	}
}

// TestCostSheetSkipBadRows checks that bad lines are rejected with their
// reason and the good ones kept.
func TestCostSheetSkipBadRows(t *testing.T) {
	in := mustOpen(t, "testdata/costs/bad_amount.csv")
	costs, st, err := importers.CostSheet{}.ImportCosts(in, importers.Options{SkipBadRows: true})
	if err != nil {
		t.Fatalf("ImportCosts(bad_amount.csv, skip): %v", err)
	}
	checkCostStats(t, costs, st)
	if len(costs) != 2 || len(st.Rejected) != 2 {
		t.Fatalf("ImportCosts(bad_amount.csv, skip) = %d costs, %d rejected, want 2 and 2", len(costs), len(st.Rejected))
	}
	want := `bad_amount.csv:4: column C "amount": got "12,5", want a number like 1234.56 (is 12,5 a decimal comma? write it with '.', and thousands without ',')`
	if st.Rejected[0].Line != 4 || st.Rejected[0].Reason != want {
		t.Errorf("Rejected[0] = %+v, want line 4, %q", st.Rejected[0], want)
	}
}

// TestCostSheetManyErrors checks that at most 20 bad lines are listed.
func TestCostSheetManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("category,description,amount\n")
	for range 25 {
		b.WriteString("tools,Licence,x\n")
	}
	_, _, err := importCostsString(t, "costs.csv", b.String(), importers.Options{})
	if err == nil {
		t.Fatal("ImportCosts: no error for 25 bad lines")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 21 || lines[20] != "... and 5 more" {
		t.Errorf("ImportCosts: %d error lines ending %q, want 21 ending \"... and 5 more\"", len(lines), lines[len(lines)-1])
	}
}

// TestCostSheetWindows1252 checks a sheet saved by Excel in a Western
// European code page.
func TestCostSheetWindows1252(t *testing.T) {
	data := "category;description;amount\r\nproduction;Caf\xe9 shoot \x80 deposit;250.00\r\n"
	costs, _, err := importCostsString(t, "costs.csv", data, importers.Options{})
	if err != nil {
		t.Fatalf("ImportCosts: %v", err)
	}
	if len(costs) != 1 || costs[0].Description != "Café shoot € deposit" {
		t.Errorf("ImportCosts = %+v, want one cost described \"Café shoot € deposit\"", costs)
	}
}

func TestCostSheetDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"category,description,amount\n", true},
		{"\n;;\nCATEGORY;Description;Percent of spend\n", true},
		{"category,description,hours,rate\n", true},
		{"category,description,currency\n", false},
		{"description,amount\n", false},
		{"Campaign name,Cost,Impressions\n", false},
	}
	for _, tc := range tests {
		in, err := importers.OpenBytes("costs.csv", []byte(tc.head))
		if err != nil {
			t.Fatal(err)
		}
		if got := (importers.CostSheet{}).Detect(in); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func FuzzCostSheet(f *testing.F) {
	addFixtures(f, kpi.Costs)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := importers.OpenBytes("fuzz.csv", data)
		if err != nil {
			return
		}
		if !(importers.CostSheet{}).Detect(in) {
			return
		}
		for _, skip := range []bool{false, true} {
			opts := importers.Options{Period: kpi.Month(2026, 10), SkipBadRows: skip}
			costs, st, err := importers.CostSheet{}.ImportCosts(in, opts)
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
			checkCostStats(t, costs, st)
		}
	})
}

// TestSemicolonSheetsRefuseCommaNumbers: in a ';'-separated sheet (a
// decimal-comma locale), "1,250" may be 1.25: the typed sheets refuse it
// rather than read a thousands separator; "1,250.00" is not ambiguous.
func TestSemicolonSheetsRefuseCommaNumbers(t *testing.T) {
	open := func(data string) *importers.Input {
		in, err := importers.OpenBytes("sheet.csv", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	tests := []struct {
		name string
		run  func(value string) error
	}{
		{"cost sheet", func(v string) error {
			_, _, err := importers.CostSheet{}.ImportCosts(open("category;description;amount\ntools;Licence;"+v+"\n"), importers.Options{})
			return err
		}},
		{"invoice sheet", func(v string) error {
			_, _, err := importers.InvoiceSheet{}.ImportInvoices(open("platform;account;invoice_number;date;amount;currency\nmeta_ads;a;1;2026-10-31;"+v+";EUR\n"), importers.Options{})
			return err
		}},
		{"crm sheet", func(v string) error {
			_, err := importers.CRM{}.Import(open("date;source;leads;customers_won;revenue;currency\n2026-10-01;meta_ads;1;1;"+v+";EUR\n"), importers.Options{}, func(kpi.Record) error { return nil })
			return err
		}},
	}
	for _, tc := range tests {
		if err := tc.run("1,250"); err == nil || !strings.Contains(err.Error(), `got "1,250"`) {
			t.Errorf("%s: 1,250 gave %v, want an error naming the value", tc.name, err)
		}
		if err := tc.run("1,250.00"); err != nil {
			t.Errorf("%s: 1,250.00 gave %v, want it read", tc.name, err)
		}
	}
}
