package workbook

import (
	"fmt"
	"slices"

	"github.com/roibook/roibook/kpi"
	"github.com/xuri/excelize/v2"
)

const invoicesNote = "Invoices of the period as billed. Converted amounts read the rate table (Definitions), each rounded once to the " +
	"reporting currency's minor unit, as the Costs sheet converts; an invoice without a rate is shown as billed and left out of the totals."

// writeInvoices writes the invoices: as billed, then converted with the
// Definitions rate table, with totals; then the invoiced net by ad
// platform beside the platform's ad spend.
func (fl *filler) writeInvoices() {
	sh, r := fl.invSheet, fl.r
	cur := r.Currency
	fl.widths(sh, 14, 18, 20, 11, 11, 11, 9, 13, 11, 13, 11, 10, 14, 13, 14, 56, 26)
	fl.heading(sh, "Invoices", invoicesNote)
	const hdr = 5
	fl.header(sh, pos{1, hdr}, "Platform", "Account", "Number", "Date", "Service from", "Service to", "Currency",
		"Amount", "Tax", "Gross", "Paid", "FX rate", "Amount ("+cur+")", "Tax ("+cur+")", "Gross ("+cur+")", "Note", "Source")
	first := hdr + 1
	dec := kpi.Decimals(cur)
	for i, inv := range r.Invoices {
		row := first + i
		c := func(col int) string { return abs0(col, row) }
		icur := inv.Currency
		if icur == "" {
			icur = cur
		}
		fl.value(sh, 1, row, text(string(inv.Platform)), kText)
		fl.value(sh, 2, row, text(inv.Account), kText)
		fl.value(sh, 3, row, text(inv.Number), kText)
		fl.value(sh, 4, row, excelDate(inv.Date), kDate)
		fl.value(sh, 5, row, excelDate(inv.Span.From), kDate)
		fl.value(sh, 6, row, excelDate(inv.Span.To), kDate)
		fl.str(sh, 7, row, icur, kText)
		fl.num(sh, 8, row, inv.Amount.Float64(), amountKind(icur), false)
		fl.num(sh, 9, row, inv.Tax.Float64(), amountKind(icur), false)
		fl.formulaV(sh, 10, row, c(8)+"+"+c(9), amountKind(icur), false, vMoney(inv.Gross()))
		fl.value(sh, 11, row, excelDate(inv.Paid), kDate)
		switch {
		case inv.Unconverted:
			for col := 12; col <= 15; col++ {
				fl.style(sh, col, row, kMoney, false)
			}
			fl.style(sh, 12, row, kFX, false)
			fl.str(sh, 16, row, "no exchange rate for "+icur+": shown as billed, not in the totals", kNote)
		case icur == cur:
			fl.num(sh, 12, row, 1, kFX, false)
			fl.formula(sh, 13, row, c(8), kMoney, false)
			fl.formula(sh, 14, row, c(9), kMoney, false)
		default:
			fl.fx(sh, 12, row, icur, inv.Rate.Float64())
			fl.formulaV(sh, 13, row, fmt.Sprintf("ROUND(%s*%s,%d)", c(8), c(12), dec), kMoney, false, vMoney(inv.AmountConv))
			fl.formulaV(sh, 14, row, fmt.Sprintf("ROUND(%s*%s,%d)", c(9), c(12), dec), kMoney, false, vMoney(inv.TaxConv))
		}
		if !inv.Unconverted {
			fl.formulaV(sh, 15, row, c(13)+"+"+c(14), kMoney, false, vMoney(inv.GrossConv))
		}
		if inv.Source.File != "" {
			fl.str(sh, 17, row, inv.Source.String(), kText)
		}
	}
	last := first + len(r.Invoices) - 1
	total := last + 1
	fl.str(sh, 1, total, "Total (converted invoices)", kLabel)
	fl.style(sh, 1, total, kLabel, true)
	for col := 2; col <= 17; col++ {
		fl.style(sh, col, total, kText, true)
	}
	for col := 13; col <= 15; col++ {
		fl.formulaV(sh, col, total, fmt.Sprintf("SUM(%s:%s)", abs(col, first), abs(col, last)), kMoney, true, invoicedTotal(r.Invoices, col-13, ""))
	}
	fl.defineSection("InvoicedNet", sheetRef(sh)+abs(13, total))
	fl.defineSection("InvoicedGross", sheetRef(sh)+abs(15, total))
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: hdr, TopLeftCell: cellName(1, hdr+1), ActivePane: "bottomLeft"}))

	// Invoiced net against each ad platform's spend, for finance to
	// reconcile.
	var plats []kpi.Platform
	for _, inv := range r.Invoices {
		if inv.Platform.IsPaid() && !slices.Contains(plats, inv.Platform) {
			plats = append(plats, inv.Platform)
		}
	}
	if len(plats) == 0 {
		return
	}
	top := total + 3
	fl.str(sh, 1, top-1, "Invoiced against ad spend", kSection)
	fl.header(sh, pos{1, top}, "Platform", "Invoiced, net ("+cur+")", "Ad spend ("+cur+")", "Difference")
	netRange := sheetRef(sh) + abs(13, first) + ":" + abs(13, last)
	platRange := sheetRef(sh) + abs(1, first) + ":" + abs(1, last)
	for i, p := range plats {
		row := top + 1 + i
		fl.str(sh, 1, row, string(p), kText)
		net, spend := invoicedTotal(r.Invoices, 0, p), fl.spendOf(p)
		fl.formulaV(sh, 2, row, fmt.Sprintf("SUMIFS(%s,%s,%s)", netRange, platRange, crit(string(p))), kMoney, false, net)
		fl.formulaV(sh, 3, row, fl.sumData("spend", p), kMoney, false, spend)
		fl.formulaV(sh, 4, row, abs0(2, row)+"-"+abs0(3, row), kMoney, false, vNum(net.num-spend.num))
	}
	fl.str(sh, 1, top+1+len(plats), "Invoices may bill a service period other than the report's; unconverted invoices are not counted.", kNote)
}
