package importers

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/roibook/roibook/kpi"
)

// CostSheet reads a cost sheet: the non-media costs of the social programme
// (staff time, tools, fees, production, refunds, ...), one cost per line.
// The format is roibook's own:
//
// File: CSV (comma, semicolon or tab delimited; UTF-8 with or without a
// BOM, UTF-16 with a BOM, or Windows-1252) or XLSX (the first sheet). The
// header is the first non-blank row. Column names are case-insensitive,
// may use spaces for underscores ("Percent of spend") and may come in any
// order; other columns are ignored.
//
//	category          required  staff, tools, agency_fee, production, refunds,
//	                            research, training, conferences or other
//	                            (case-insensitive; "Agency fee" is agency_fee)
//	description       required  not empty
//	amount            a fixed amount; negative for a credit received from a
//	                  supplier. Refunds and discounts given to customers through
//	                  social customer service are a cost: positive
//	hours, rate       hours × rate (an hourly rate); neither may be negative
//	percent_of_spend  a fee as a percentage of ad spend: 15 or 15% is 15 %
//	                  (negative for a rebate)
//	currency          optional ISO 4217 code of amount or rate; empty means the
//	                  report's currency. Ignored on a percent_of_spend line,
//	                  which is in the currency of the spend it applies to
//	platform          optional: meta_ads, google_ads, linkedin_ads or
//	                  tiktok_ads; also Meta, Facebook, Instagram, Google,
//	                  Google Ads, LinkedIn, TikTok (any case). Empty or "all"
//	                  means the cost belongs to the whole programme. A
//	                  percent_of_spend line with a platform is a percentage
//	                  of that platform's spend only
//	date              optional, YYYY-MM-DD only (31/10/2026 and 10/31/2026
//	                  cannot be told apart, so neither is accepted). In an
//	                  XLSX file a cell formatted as a date works too. A dated
//	                  line outside the report period is not booked; an
//	                  undated line always is
//
// The header needs category, description and at least one of amount, hours
// (with rate) or percent_of_spend. Each line gives exactly one basis: an
// amount, or hours and rate, or percent_of_spend; a line with none or with
// two is an error. An amount or rate column may state its currency in the
// header, "amount (USD)": lines without a currency cell are then in it.
//
// Numbers use '.' as the decimal point. Thousands may be separated only
// with commas in groups of three, 1,234.56 (quote such a cell in a comma
// delimited file); 1.234,56 and 12,5 are errors, never guessed. No currency
// symbols. In an XLSX file numbers are read as stored: a cell formatted as
// a percentage holds a fraction (15 % is 0.15), so type 15 or "15%" in a
// percent_of_spend cell; a value below 1 there gets a warning.
//
// Rows whose cells are all empty are skipped; those between lines are
// noted in the stats, those after the last line are ignored. An example:
//
//	category,description,amount,hours,rate,percent_of_spend,currency,platform,date
//	staff,Community management,,42.5,55,,,,2026-10-31
//	tools,Scheduling tool licence,89.00,,,,USD,,
//	agency_fee,Media buying fee,,,,15%,,Meta,
//	refunds,Refunds given via social customer care,120.00,,,,,,2026-10-12
type CostSheet struct{}

// Field names of a cost sheet; they are the canonical column names too.
const (
	cCategory    = "category"
	cDescription = "description"
	cAmount      = "amount"
	cHours       = "hours"
	cRate        = "rate"
	cPercent     = "percent_of_spend"
	cCurrency    = "currency"
	cPlatform    = "platform"
	cDate        = "date"
)

var costColumns = []col{
	{cCategory, []string{"category"}},
	{cDescription, []string{"description"}},
	{cAmount, []string{"amount"}},
	{cHours, []string{"hours"}},
	{cRate, []string{"rate"}},
	{cPercent, []string{"percent_of_spend", "percent of spend"}},
	{cCurrency, []string{"currency"}},
	{cPlatform, []string{"platform"}},
	{cDate, []string{"date"}},
}

// costRow is one line of a cost sheet as text. gocsv fills it by the
// canonical column names; ImportCosts then parses each field itself so that
// a bad value is reported with its line and column.
type costRow struct {
	Category    string `csv:"category"`
	Description string `csv:"description"`
	Amount      string `csv:"amount"`
	Hours       string `csv:"hours"`
	Rate        string `csv:"rate"`
	Percent     string `csv:"percent_of_spend"`
	Currency    string `csv:"currency"`
	Platform    string `csv:"platform"`
	Date        string `csv:"date"`
}

// Platform returns "costs".
func (CostSheet) Platform() kpi.Platform { return kpi.Costs }

// Detect accepts a head whose first non-blank row has the columns category,
// description and one of amount, hours or percent_of_spend.
func (CostSheet) Detect(in *Input) bool {
	_, m, ok := costHeader(in)
	return ok && m.has(cCategory) && m.has(cDescription) && m.count(cAmount, cHours, cPercent) > 0
}

// costHeader maps the first non-blank row of in's head.
func costHeader(in *Input) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		return i, mapHeader(rec, costColumns), true
	}
	return 0, nil, false
}

// ImportCosts reads every line of a cost sheet. Each cost passes
// Cost.Validate and carries its source line. Dated lines outside
// opts.Period are counted in the stats, not returned. A bad value fails the
// import (up to 20 are reported) unless opts.SkipBadRows is set, in which
// case its line is rejected with the reason. opts.Currency and
// opts.RequireCurrency are not used: a line without a currency is in the
// report's currency.
func (CostSheet) ImportCosts(in *Input, opts Options) ([]kpi.Cost, *kpi.FileStats, error) {
	r := newRun(in, kpi.Costs, opts, nil)
	hi, m, ok := costHeader(in)
	if !ok {
		return nil, r.st, fmt.Errorf("%s: no header row; want a cost sheet header with category, description and amount, hours and rate, or percent_of_spend", in.Name)
	}
	headerLine := in.HeadLines[hi]
	r.setHeader(m)
	defCurrency, err := checkCostHeader(in.Name, headerLine, m)
	if err != nil {
		return nil, r.st, err
	}

	rows, err := in.Rows()
	if err != nil {
		return nil, r.st, err
	}
	defer rows.Close()
	src := &costRows{rows: rows, headerLine: headerLine, header: canonicalHeader(m)}
	var lines []costRow
	if err := gocsv.UnmarshalCSV(src, &lines); err != nil {
		if src.err != nil {
			return nil, r.st, src.err
		}
		return nil, r.st, fmt.Errorf("%s: read cost sheet: %w", in.Name, err)
	}
	if err := rows.Err(); err != nil {
		return nil, r.st, err
	}

	p := costParser{r: r, m: m, xlsx: in.Format == "xlsx", currency: defCurrency}
	var costs []kpi.Cost
	blank := 0
	for i, row := range lines {
		// Blank rows are noted in file order, among the lines around them.
		for blank < len(src.blank) && src.blank[blank] < src.lines[i] {
			r.row()
			r.skip(src.blank[blank], "blank line")
			blank++
		}
		line := src.lines[i]
		r.row()
		c, err := p.parse(row, line, src.widths[i])
		if err != nil {
			r.bad(err)
			continue
		}
		if !c.Date.IsZero() && !opts.Period.IsZero() && !opts.Period.Contains(c.Date) {
			r.st.OutsidePeriod++
			continue
		}
		r.st.Used++
		if !r.failed() {
			costs = append(costs, c)
		}
	}
	// Blank rows after the last line are not lines of the sheet (Excel
	// keeps rows that were only formatted), so they are not counted.
	st, err := r.finish()
	if err != nil {
		return nil, st, err
	}
	return costs, st, nil
}

// checkCostHeader reports a header that cannot be read: a required column
// missing, a column given twice, hours without rate, or money columns that
// state different currencies. It returns the currency the header states.
func checkCostHeader(file string, line int, m *mapping) (string, error) {
	header := strings.Join(m.header, ", ")
	for _, f := range []string{cCategory, cDescription} {
		if !m.has(f) {
			return "", fmt.Errorf("%s:%d: %w %q; header has: %s", file, line, ErrMissingColumn, f, header)
		}
	}
	if m.count(cAmount, cHours, cPercent) == 0 {
		return "", fmt.Errorf("%s:%d: %w \"amount\", \"hours\" or \"percent_of_spend\"; header has: %s", file, line, ErrMissingColumn, header)
	}
	if m.has(cHours) != m.has(cRate) {
		missing, other := cRate, cHours
		if m.has(cRate) {
			missing, other = cHours, cRate
		}
		return "", fmt.Errorf("%s:%d: %w %q (the %q column needs it); header has: %s", file, line, ErrMissingColumn, missing, other, header)
	}
	currency, curCol := "", ""
	for _, c := range m.columns {
		if c.Field == "" {
			if f := costField(c.Header); f != "" {
				first := m.idx[f]
				return "", fmt.Errorf("%s:%d: column %s %q repeats column %s %q", file, line, c.Letter, c.Header, ColumnLetter(first), m.header[first])
			}
			continue
		}
		if c.Field != cAmount && c.Field != cRate {
			continue
		}
		if _, cur := splitCurrency(c.Header); cur != "" {
			if currency != "" && cur != currency {
				return "", fmt.Errorf("%s:%d: column %s %q states %s, but column %s states %s", file, line, c.Letter, c.Header, cur, curCol, currency)
			}
			currency, curCol = cur, c.Letter
		}
	}
	return currency, nil
}

// costField returns the field a header cell names, "" for none.
func costField(h string) string {
	n := normHeader(h)
	if base, cur := splitCurrency(h); cur != "" {
		n = normHeader(base)
	}
	for _, c := range costColumns {
		for _, a := range c.aliases {
			if n == a {
				return c.field
			}
		}
	}
	return ""
}

// canonicalHeader returns the header gocsv sees: each mapped column under
// its field name, every other column under a name no field has.
func canonicalHeader(m *mapping) []string {
	h := make([]string, len(m.header))
	for i := range h {
		h[i] = fmt.Sprintf("#%d", i)
	}
	for field, i := range m.idx {
		h[i] = field
	}
	return h
}

// costRows adapts an Input's row stream to gocsv.CSVReader, so that CSV
// and XLSX sheets are decoded alike. It returns the canonical header, then
// the data rows, each copied; rows before the header are dropped and blank
// rows are left out and noted. lines and widths hold the line and cell
// count of each data row returned.
type costRows struct {
	rows       Rows
	headerLine int
	header     []string
	sentHeader bool

	lines  []int
	widths []int
	blank  []int
	err    error
}

func (s *costRows) Read() ([]string, error) {
	if !s.sentHeader {
		s.sentHeader = true
		return s.header, nil
	}
	for s.rows.Next() {
		line, rec := s.rows.Line(), s.rows.Record()
		if line <= s.headerLine {
			continue
		}
		if isBlank(rec) {
			s.blank = append(s.blank, line)
			continue
		}
		s.lines = append(s.lines, line)
		s.widths = append(s.widths, len(rec))
		return append([]string(nil), rec...), nil
	}
	if err := s.rows.Err(); err != nil {
		s.err = err
		return nil, err
	}
	return nil, io.EOF
}

func (s *costRows) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := s.Read()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, rec)
	}
}

// costParser turns a costRow into a kpi.Cost.
type costParser struct {
	r        *run
	m        *mapping
	xlsx     bool
	currency string // from the header, "amount (USD)"
}

var (
	// plainNumber is 1234.56, 1,234.56, -3, .5 (a digit somewhere is checked apart).
	plainNumber = regexp.MustCompile(`^[+-]?(\d+|\d{1,3}(,\d{3})+)?(\.\d+)?$`)
	// sciNumber is how an XLSX file may store a small or large number: 7.48E-6.
	sciNumber = regexp.MustCompile(`^[+-]?\d+(\.\d+)?[eE][+-]?\d+$`)
)

const (
	wantNumber   = "a number like 1234.56"
	wantHours    = "a number of hours like 7.5 (not negative)"
	wantRate     = "an hourly rate like 85.00 (not negative)"
	wantPercent  = "a percentage like 15 or 15%"
	wantCurrency = "a currency code such as EUR"
	wantPlatform = "a platform key (meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads; meta_posts, linkedin_page, x_organic, youtube), or empty for all platforms"
	wantDay      = "a date like 2026-10-31 (YYYY-MM-DD: 31/10/2026 and 10/31/2026 cannot be told apart)"
	wantBasis    = "exactly one of amount, hours and rate, or percent_of_spend"
)

// costPlatforms maps the accepted platform names, folded by platformKey.
var costPlatforms = map[string]kpi.Platform{
	"": "", "all": "",
	"meta ads": kpi.MetaAds, "meta": kpi.MetaAds, "facebook": kpi.MetaAds, "facebook ads": kpi.MetaAds,
	"instagram": kpi.MetaAds, "instagram ads": kpi.MetaAds,
	"google ads": kpi.GoogleAds, "google": kpi.GoogleAds,
	"linkedin ads": kpi.LinkedInAds, "linkedin": kpi.LinkedInAds,
	"tiktok ads": kpi.TikTokAds, "tiktok": kpi.TikTokAds,
	"microsoft ads": kpi.MicrosoftAds, "bing ads": kpi.MicrosoftAds, "microsoft advertising": kpi.MicrosoftAds,
	"x ads": kpi.XAds, "twitter ads": kpi.XAds, "pinterest ads": kpi.PinterestAds, "pinterest": kpi.PinterestAds,
	"snapchat ads": kpi.SnapchatAds, "snapchat": kpi.SnapchatAds,
	// Organic pages and channels: staff time on the page, production.
	"meta posts": kpi.MetaPosts, "facebook page": kpi.MetaPosts, "instagram account": kpi.MetaPosts,
	"linkedin page": kpi.LinkedInPage, "x organic": kpi.XOrganic, "x analytics": kpi.XOrganic,
	"youtube": kpi.YouTube, "youtube channel": kpi.YouTube,
}

// platformKey folds a platform name: lower case, '_' and '-' as spaces.
func platformKey(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// parse checks one line. The first bad value is returned as a *ParseError.
func (p *costParser) parse(row costRow, line, width int) (kpi.Cost, error) {
	if !p.xlsx && width > len(p.m.header) {
		return kpi.Cost{}, p.r.rowErr(line, fmt.Sprintf("a row of %d cells like the header, got %d cells (an unquoted ',' in a number or a description? quote the cell)", len(p.m.header), width))
	}
	c := kpi.Cost{Source: kpi.Source{File: p.r.in.Name, Line: line}}
	valueErr := func(field, value, want string, cause error) error {
		return p.r.valueErr(line, p.m.idx[field], p.m, value, want, cause)
	}

	cat := strings.TrimSpace(row.Category)
	c.Category = strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.Join(strings.Fields(cat), " ")))
	if !kpi.IsCostCategory(c.Category) {
		return c, valueErr(cCategory, cat, "one of "+strings.Join(kpi.CostCategories, ", "), ErrBadRow)
	}
	c.Description = strings.TrimSpace(row.Description)
	if c.Description == "" {
		return c, valueErr(cDescription, row.Description, "a description of the cost", ErrBadRow)
	}

	amount, hours, rate, pct := strings.TrimSpace(row.Amount), strings.TrimSpace(row.Hours), strings.TrimSpace(row.Rate), strings.TrimSpace(row.Percent)
	var bases []string
	if amount != "" {
		bases = append(bases, "amount")
	}
	if hours != "" || rate != "" {
		bases = append(bases, "hours and rate")
	}
	if pct != "" {
		bases = append(bases, "percent_of_spend")
	}
	switch len(bases) {
	case 0:
		return c, p.r.rowErr(line, "no cost on the line: want "+wantBasis)
	case 1:
	default:
		return c, p.r.rowErr(line, fmt.Sprintf("%s on one line: want %s", strings.Join(bases, " and "), wantBasis))
	}

	var err error
	switch {
	case amount != "":
		c.Basis = kpi.BasisAmount
		if c.Amount, err = p.money(amount); err != nil {
			return c, valueErr(cAmount, amount, numberWant(wantNumber, amount), ErrBadNumber)
		}
	case pct != "":
		c.Basis = kpi.BasisPercent
		v := strings.TrimSpace(strings.TrimSuffix(pct, "%"))
		q, err := p.qty(v)
		if err != nil {
			return c, valueErr(cPercent, pct, numberWant(wantPercent, pct), ErrBadNumber)
		}
		c.Percent = q
		if p.xlsx && !strings.HasSuffix(pct, "%") && q != 0 && q > -kpi.Micro && q < kpi.Micro {
			p.r.warn("line %d: percent_of_spend %s is read as %s %% of spend; a cell formatted as a percentage in Excel holds a fraction (15 %% is 0.15): type 15 for 15 %%", line, pct, q)
		}
	default:
		c.Basis = kpi.BasisHours
		if hours == "" {
			return c, valueErr(cHours, row.Hours, wantHours+" with the rate", ErrBadNumber)
		}
		if rate == "" {
			return c, valueErr(cRate, row.Rate, wantRate+" with the hours", ErrBadNumber)
		}
		if c.Hours, err = p.qty(hours); err != nil || c.Hours < 0 {
			return c, valueErr(cHours, hours, numberWant(wantHours, hours), ErrBadNumber)
		}
		if c.Rate, err = p.money(rate); err != nil || c.Rate < 0 {
			return c, valueErr(cRate, rate, numberWant(wantRate, rate), ErrBadNumber)
		}
	}

	if cur := strings.TrimSpace(row.Currency); cur != "" {
		c.Currency = strings.ToUpper(cur)
		if !kpi.IsCurrency(c.Currency) {
			return c, valueErr(cCurrency, cur, wantCurrency, ErrBadRow)
		}
	} else {
		c.Currency = p.currency
	}
	if c.Basis == kpi.BasisPercent {
		c.Currency = ""
	}

	pl, ok := costPlatforms[platformKey(row.Platform)]
	if !ok {
		return c, valueErr(cPlatform, strings.TrimSpace(row.Platform), wantPlatform, ErrBadRow)
	}
	c.Platform = pl
	if c.Basis == kpi.BasisPercent && pl.IsOrganic() {
		// An organic page has no ad spend: the fee would silently be 0.
		return c, valueErr(cPlatform, strings.TrimSpace(row.Platform), "an ad platform for a percentage of spend ("+pl.Name()+" has no ad spend)", ErrBadRow)
	}

	if d := strings.TrimSpace(row.Date); d != "" {
		if c.Date, err = parseDay(d, p.xlsx, "2006-01-02"); err != nil {
			return c, valueErr(cDate, d, wantDay, ErrBadDate)
		}
	}
	if err := c.Validate(); err != nil {
		return c, p.r.rowErr(line, err.Error())
	}
	return c, nil
}

// number returns s as a plain decimal for kpi.ParseMoney: grouping commas
// removed; ok is false for anything but 1234.56, 1,234.56 and, in XLSX,
// 7.48E-6.
func (p *costParser) number(s string) (string, bool) {
	if groupingAmbiguous(p.r.in, s) {
		return "", false
	}
	if plainNumber.MatchString(s) && strings.ContainsAny(s, "0123456789") {
		return strings.ReplaceAll(s, ",", ""), true
	}
	if p.xlsx && sciNumber.MatchString(s) {
		return s, true
	}
	return "", false
}

func (p *costParser) money(s string) (kpi.Money, error) {
	n, ok := p.number(s)
	if !ok {
		return 0, ErrBadNumber
	}
	return kpi.ParseMoney(n)
}

func (p *costParser) qty(s string) (kpi.Qty, error) {
	n, ok := p.number(s)
	if !ok {
		return 0, ErrBadNumber
	}
	return kpi.ParseQty(n)
}

// groupingAmbiguous reports a ',' without a '.' in a number of a
// ';'-separated sheet: such files come from decimal-comma locales, where
// "1,250" is 1.25, so it is refused rather than read as a thousands
// separator ("1,250.00" is not ambiguous).
func groupingAmbiguous(in *Input, s string) bool {
	return in.Delimiter == ';' && strings.Contains(s, ",") && !strings.Contains(s, ".")
}

// numberWant adds a hint to want for the usual mistakes: a decimal comma
// with grouping dots, a currency symbol.
func numberWant(want, got string) string {
	switch {
	case strings.Contains(got, ",") && !strings.Contains(got, "."):
		return want + " (is " + got + " a decimal comma? write it with '.', and thousands without ',')"
	case strings.Contains(got, ",") && strings.LastIndex(got, ",") > strings.LastIndex(got, ".") && strings.Contains(got, "."):
		return want + " ('.' is the decimal point: write 1.234,56 as 1234.56)"
	case strings.ContainsAny(got, "€$£¥"):
		return want + " (no currency symbol: put the code in the currency column)"
	}
	return want
}
