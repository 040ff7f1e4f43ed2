package workbook

import "github.com/roibook/roibook/kpi"

// amountKind is the cell kind of an amount in its own currency (a cost
// line's amount or hourly rate, an invoice, an export's original spend):
// as many decimals as the currency has, none for JPY or KRW. Amounts in
// the reporting currency use kMoney, whose format follows the same rule.
func amountKind(currency string) kind {
	if currency != "" && kpi.Decimals(currency) == 0 {
		return kWhole
	}
	return kAmount
}
