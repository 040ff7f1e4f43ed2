package workbook

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/roibook/roibook/kpi"
	"github.com/xuri/excelize/v2"
)

// DefaultColor is the header colour when the branding sets none (or an
// invalid one).
const DefaultColor = "1F4E79"

var hexColorRe = regexp.MustCompile(`^#?[0-9A-Fa-f]{6}$`)

// A kind is what a cell shows; each kind maps to one cell style.
type kind int

const (
	kText kind = iota
	kWrap
	kHeader
	kSubheader
	kNote
	kMoney
	kCount
	kQty // a count that may have decimals
	kPercent
	kROI
	kRatio
	kDate
	kFX
	kLabel  // bold text
	kAmount // a number with two decimals: hours, amounts in their own currency
	// The titles of the sheets Fill creates (organic pages, web
	// analytics, CRM, invoices), as the template generator styles its own.
	kTitle
	kSubtitle
	kSection
	kAlert // a warning line under a title
	kWhole // an amount in its own currency when that has no minor unit (JPY, KRW): no decimals
	kLink  // a hyperlink to another sheet
)

type styleKey struct {
	k    kind
	bold bool // a total row: bold with a top border
}

// styles creates each cell style once per workbook, on first use.
type styles struct {
	f        *excelize.File
	color    string
	money    string // number format for the reporting currency
	ids      map[styleKey]int
	firstErr error
}

func newStyles(f *excelize.File, color, currency string) *styles {
	c := strings.TrimPrefix(color, "#")
	if !hexColorRe.MatchString(c) {
		c = DefaultColor
	}
	return &styles{f: f, color: strings.ToUpper(c), money: moneyFormat(currency), ids: map[styleKey]int{}}
}

// moneyFormat returns the number format of currency: `"€"#,##0.00` for EUR,
// `"¥"#,##0` for JPY, `"CHF "#,##0.00` for a symbol that is a word.
func moneyFormat(currency string) string {
	sym := kpi.Symbol(currency)
	if utf8.RuneCountInString(sym) > 1 && !strings.ContainsAny(sym, "$") {
		sym += " "
	}
	sym = strings.ReplaceAll(sym, `"`, ``)
	num := "#,##0"
	if d := kpi.Decimals(currency); d > 0 {
		num += "." + strings.Repeat("0", d)
	}
	return fmt.Sprintf(`"%s"%s;-"%s"%s`, sym, num, sym, num)
}

// id returns the style of k; bold marks a total row.
func (s *styles) id(k kind, bold bool) int {
	key := styleKey{k, bold}
	if id, ok := s.ids[key]; ok {
		return id
	}
	st := &excelize.Style{}
	fmtStr := ""
	switch k {
	case kText:
		st.Alignment = &excelize.Alignment{Vertical: "top"}
	case kWrap:
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
	case kHeader:
		st.Font = &excelize.Font{Bold: true, Color: "FFFFFF"}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.color}}
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "center"}
	case kSubheader:
		st.Font = &excelize.Font{Bold: true, Color: s.color}
		st.Border = []excelize.Border{{Type: "bottom", Color: s.color, Style: 1}}
	case kNote:
		st.Font = &excelize.Font{Italic: true, Size: 9, Color: "6B7280"}
		st.Alignment = &excelize.Alignment{Vertical: "top"}
	case kLabel:
		st.Font = &excelize.Font{Bold: true}
		st.Alignment = &excelize.Alignment{Vertical: "top"}
	case kTitle:
		st.Font = &excelize.Font{Bold: true, Size: 16, Color: "1F2937"}
	case kSubtitle:
		st.Font = &excelize.Font{Size: 11, Color: "4B5563"}
	case kSection:
		st.Font = &excelize.Font{Bold: true, Size: 12, Color: "1F2937"}
	case kAlert:
		st.Font = &excelize.Font{Bold: true, Size: 10, Color: "C2410C"}
	case kMoney:
		fmtStr = s.money
	case kCount:
		fmtStr = "#,##0"
	case kQty:
		fmtStr = "#,##0.00"
	case kPercent:
		fmtStr = "0.00%"
	case kROI:
		fmtStr = "0.0%"
	case kRatio:
		fmtStr = "0.00"
	case kAmount:
		fmtStr = "#,##0.00"
	case kWhole:
		fmtStr = "#,##0"
	case kLink:
		st.Font = &excelize.Font{Color: "0563C1", Underline: "single"}
	case kDate:
		fmtStr = "yyyy-mm-dd"
	case kFX:
		fmtStr = "0.0000##"
	}
	if fmtStr != "" {
		st.CustomNumFmt = &fmtStr
	}
	if bold {
		if st.Font == nil {
			st.Font = &excelize.Font{}
		}
		st.Font.Bold = true
		st.Border = append(st.Border, excelize.Border{Type: "top", Color: "000000", Style: 1})
	}
	if st.Font == nil {
		st.Font = &excelize.Font{}
	}
	st.Font.Family = "Calibri"
	id, err := s.f.NewStyle(st)
	if err != nil && s.firstErr == nil {
		s.firstErr = err
	}
	s.ids[key] = id
	return id
}

// formatKind returns the cell kind of a KPI display format.
func formatKind(f kpi.Format) kind {
	switch f {
	case kpi.FormatMoney:
		return kMoney
	case kpi.FormatPercent:
		return kPercent
	case kpi.FormatRatio:
		return kRatio
	}
	return kCount
}
