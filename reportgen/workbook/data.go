package workbook

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// A dataCol is one column of the Data sheet.
type dataCol struct {
	key    string     // operand name for the columns KPIs read ("spend"), else a field name
	header string     // the table column name; unique, no line breaks
	width  float64    //
	kind   kind       //
	field  kpi.Fields // the metric, 0 for columns always present
	// always keeps the column even when no row provides the field.
	always bool
	value  func(r *reportgen.Row) any
}

func i64(v int64) any { return v }

// allDataCols lists every column the Data sheet may have, in order.
// Columns of metrics no row provides are dropped, except the operands the
// KPI formulas read.
func allDataCols(currency string) []dataCol {
	t := func(r *reportgen.Row) *kpi.Totals { return &r.Totals }
	return []dataCol{
		{key: "platform", header: "Platform", width: 13, kind: kText, always: true,
			value: func(r *reportgen.Row) any { return string(r.Platform) }},
		{key: "from", header: "From", width: 11, kind: kDate, always: true,
			value: func(r *reportgen.Row) any {
				if r.Day.IsZero() {
					return excelDate(r.Span.From)
				}
				return excelDate(r.Day)
			}},
		{key: "to", header: "To", width: 11, kind: kDate, always: true,
			value: func(r *reportgen.Row) any {
				if r.Day.IsZero() {
					return excelDate(r.Span.To)
				}
				return excelDate(r.Day)
			}},
		{key: "account", header: "Account", width: 18, kind: kText, always: true,
			value: func(r *reportgen.Row) any { return text(r.Account) }},
		{key: "campaign", header: "Campaign", width: 30, kind: kText, always: true,
			value: func(r *reportgen.Row) any { return text(r.Campaign) }},
		{key: "currency", header: "Currency", width: 9, kind: kText, always: true,
			value: func(r *reportgen.Row) any { return text(r.Currency) }},
		{key: "rate", header: "Rate", width: 9, kind: kFX, always: true,
			value: func(r *reportgen.Row) any {
				if r.Rate.IsZero() {
					return 1.0
				}
				return r.Rate.Float64()
			}},
		{key: "spend_original", header: "Spend (original)", width: 13, kind: kRatio, field: kpi.FSpend, always: true,
			value: func(r *reportgen.Row) any { return r.SpendOriginal.Float64() }},
		{key: "spend", header: "Spend (" + currency + ")", width: 13, kind: kMoney, field: kpi.FSpend, always: true,
			value: func(r *reportgen.Row) any { return t(r).Spend.Float64() }},
		{key: "impressions", header: "Impressions", width: 12, kind: kCount, field: kpi.FImpressions, always: true,
			value: func(r *reportgen.Row) any { return i64(t(r).Impressions) }},
		{key: "reach", header: "Reach (not additive)", width: 11, kind: kCount, field: kpi.FReach, always: true,
			value: func(r *reportgen.Row) any {
				if !r.Totals.ReachKnown {
					return nil
				}
				return i64(t(r).Reach)
			}},
		{key: "clicks", header: "Clicks", width: 9, kind: kCount, field: kpi.FClicks, always: true,
			value: func(r *reportgen.Row) any { return i64(t(r).Clicks) }},
		{key: "link_clicks", header: "Link clicks", width: 9, kind: kCount, field: kpi.FLinkClicks, always: true,
			value: func(r *reportgen.Row) any { return i64(t(r).LinkClicks) }},
		{key: "engagements", header: "Engagements", width: 13, kind: kCount, field: kpi.FEngagements, always: true,
			value: func(r *reportgen.Row) any { return i64(t(r).Engagements) }},
		{key: "reactions", header: "Reactions", width: 10, kind: kCount, field: kpi.FReactions,
			value: func(r *reportgen.Row) any { return i64(t(r).Reactions) }},
		{key: "comments", header: "Comments", width: 10, kind: kCount, field: kpi.FComments,
			value: func(r *reportgen.Row) any { return i64(t(r).Comments) }},
		{key: "shares", header: "Shares", width: 9, kind: kCount, field: kpi.FShares,
			value: func(r *reportgen.Row) any { return i64(t(r).Shares) }},
		{key: "saves", header: "Saves", width: 9, kind: kCount, field: kpi.FSaves,
			value: func(r *reportgen.Row) any { return i64(t(r).Saves) }},
		{key: "video_views", header: "Video views", width: 10, kind: kCount, field: kpi.FVideoViews,
			value: func(r *reportgen.Row) any { return i64(t(r).VideoViews) }},
		{key: "follows", header: "Follows", width: 9, kind: kCount, field: kpi.FFollows,
			value: func(r *reportgen.Row) any { return i64(t(r).Follows) }},
		{key: "landing_page_views", header: "Landing page views", width: 11, kind: kCount, field: kpi.FLandingPageViews,
			value: func(r *reportgen.Row) any { return i64(t(r).LandingPageViews) }},
		{key: "leads", header: "Leads", width: 9, kind: kQty, field: kpi.FLeads, always: true,
			value: func(r *reportgen.Row) any { return t(r).Leads.Float64() }},
		{key: "conversions", header: "Conversions", width: 12, kind: kQty, field: kpi.FConversions, always: true,
			value: func(r *reportgen.Row) any { return t(r).Conversions.Float64() }},
		{key: "purchases", header: "Purchases", width: 10, kind: kQty, field: kpi.FPurchases, always: true,
			value: func(r *reportgen.Row) any { return t(r).Purchases.Float64() }},
		{key: "adds_to_cart", header: "Adds to cart", width: 10, kind: kQty, field: kpi.FAddsToCart,
			value: func(r *reportgen.Row) any { return t(r).AddsToCart.Float64() }},
		{key: "checkouts", header: "Checkouts", width: 10, kind: kQty, field: kpi.FCheckouts,
			value: func(r *reportgen.Row) any { return t(r).Checkouts.Float64() }},
		{key: "value_original", header: "Conversion value (original)", width: 14, kind: kRatio, field: kpi.FConversionValue,
			value: func(r *reportgen.Row) any { return r.ValueOriginal.Float64() }},
		{key: "conversion_value", header: "Conversion value (" + currency + ")", width: 14, kind: kMoney, field: kpi.FConversionValue, always: true,
			value: func(r *reportgen.Row) any { return t(r).ConversionValue.Float64() }},
		{key: "source", header: "Source", width: 28, kind: kText, always: true,
			value: func(r *reportgen.Row) any { return text(r.Source) }},
	}
}

// text returns s, or nil for "" so that the cell stays truly blank (and
// matches a SUMIFS "=" criterion).
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// excelEpoch is day 0 of Excel's 1900 date system (with its 1900 leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate returns the serial number of a UTC day, or nil for a zero time.
func excelDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return float64(t.Sub(excelEpoch) / (24 * time.Hour))
}

// writeData streams the report rows into new Data sheets (one unless the
// rows are more than a sheet holds, see datasplit.go), each an Excel
// table. It must be the last worksheet written: normal-API calls on a
// streamed sheet are lost.
func (fl *filler) writeData() error {
	for i := range fl.dataParts {
		if err := fl.writeDataPart(i); err != nil {
			return err
		}
	}
	return nil
}

// writeDataPart streams Data sheet part.
func (fl *filler) writeDataPart(part int) error {
	f, r := fl.f, fl.r
	dp := fl.dataParts[part]
	sheet, rows := dp.sheet, r.Rows[dp.lo:dp.hi]
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	// Data goes right after Costs, each further part after the one before.
	after := SheetCosts
	if part > 0 {
		after = fl.dataParts[part-1].sheet
	}
	list := f.GetSheetList()
	if i := slices.Index(list, after); i >= 0 && i+2 < len(list) {
		if err := f.MoveSheet(sheet, list[i+1]); err != nil {
			return err
		}
	}
	last := len(fl.dataCols)
	lastCol, _ := excelize.ColumnNumberToName(last)
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", lastCol, len(rows)+1)); err != nil {
		return err
	}
	if err := landscape(f, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	styleOf := make([]int, last)
	// The stream writer puts each column entry first: going from the last
	// column to the first leaves them in the ascending order Excel requires
	// (it offers to "repair" a file whose <col> entries are out of order).
	for i := len(fl.dataCols) - 1; i >= 0; i-- {
		c := fl.dataCols[i]
		k := c.kind
		if k == kQty && !fl.fractional[c.key] {
			k = kCount
		}
		styleOf[i] = fl.st.id(k, false)
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		if k != kText {
			if err := sw.SetColStyle(i+1, i+1, styleOf[i]); err != nil {
				return err
			}
		}
	}
	// Converted money is a live formula over the export's figure and the
	// rate table: ROUND(original × rate, decimals), as Build books it.
	col := map[string]int{}
	for i, c := range fl.dataCols {
		col[c.key] = i + 1
	}
	dec := kpi.Decimals(r.Currency)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	vals := make([]any, last)
	hdr := fl.st.id(kHeader, false)
	for i, c := range fl.dataCols {
		vals[i] = excelize.Cell{StyleID: hdr, Value: c.header}
	}
	if err := sw.SetRow("A1", vals, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for n := range rows {
		row := &rows[n]
		for i := range fl.dataCols {
			c := &fl.dataCols[i]
			if c.field != 0 && row.Totals.Has&c.field == 0 {
				vals[i] = nil
				continue
			}
			vals[i] = c.value(row)
			if c.key == "spend_original" || c.key == "value_original" {
				// The export's own currency: no decimals for JPY.
				vals[i] = excelize.Cell{StyleID: fl.st.id(amountKind(cmp.Or(row.Currency, r.Currency)), false), Value: vals[i]}
			}
		}
		if ref, ok := fl.rateRef(row.Currency); ok && row.Currency != r.Currency {
			line := n + 2
			cell := func(key string) string { return colLetter(col[key]) + fmt.Sprint(line) }
			set := func(key, formula string) {
				if i := col[key] - 1; i >= 0 && vals[i] != nil {
					vals[i] = excelize.Cell{Formula: formula, Value: vals[i]} // the model's figure, cached
				}
			}
			set("rate", ref)
			set("spend", fmt.Sprintf("ROUND(%s*%s,%d)", cell("spend_original"), cell("rate"), dec))
			if col["value_original"] > 0 {
				set("conversion_value", fmt.Sprintf("ROUND(%s*%s,%d)", cell("value_original"), cell("rate"), dec))
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		off := false
		if err := sw.AddTable(&excelize.Table{
			Range: fmt.Sprintf("A1:%s%d", lastCol, len(rows)+1), Name: dp.table,
			StyleName: "TableStyleLight1", ShowRowStripes: &off,
		}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// maxDataRows is how many data rows one Data sheet holds: Excel's
// 1,048,576 rows less the header.
var maxDataRows = 1<<20 - 1
