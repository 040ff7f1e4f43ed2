package workbook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// costCategories returns the categories of the report's cost lines,
// largest total first (ties in kpi.CostCategories order), and each one's
// total in the reporting currency.
func (fl *filler) costCategories() ([]string, map[string]kpi.Money) {
	sums := map[string]kpi.Money{}
	var cats []string
	for _, c := range fl.r.Costs {
		if _, ok := sums[c.Category]; !ok {
			cats = append(cats, c.Category)
		}
		sums[c.Category] += c.Amount
	}
	rank := func(c string) int {
		if i := slices.Index(kpi.CostCategories, c); i >= 0 {
			return i
		}
		return len(kpi.CostCategories)
	}
	slices.SortFunc(cats, func(a, b string) int {
		return cmp.Or(cmp.Compare(sums[b], sums[a]), cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
	})
	return cats, sums
}

// costSplitRows is how many rows the cost split takes below the cost
// table's total row: a blank row, its title, its header, ad spend, one row
// per category, the total, media and non-media.
func (fl *filler) costSplitRows() int {
	cats, _ := fl.costCategories()
	return 3 + 1 + len(cats) + 1 + 2
}

// writeCostSplit writes, below the cost table (lines first to last, total
// row total), the total per category beside the ad spend, and the media
// vs non-media split: SUMIFS over the cost lines, so an edited line moves
// them. Categories come largest first; the Summary's doughnut draws the
// rows down to the last positive one (a credit cannot be a slice).
func (fl *filler) writeCostSplit(p pos, first, last, total int) {
	const sh = SheetCosts
	cats, sums := fl.costCategories()
	c := func(i int) int { return p.col + i }
	top := total + 2
	fl.str(sh, c(0), top, "Cost split", kSection)
	fl.header(sh, pos{p.col, top + 1}, "Category", "Kind", "Cost ("+fl.r.Currency+")", "Share of total")
	row0 := top + 2
	end := row0 + len(cats)
	sumRow := end + 1
	totalRef := abs(c(2), sumRow)
	// The model's figures: the ad platforms' spend (the Data sheets'),
	// each category's cost lines, their total.
	spend, nonMedia := fl.r.Total.Inputs.Spend, costsTotal(fl.r.Costs)
	all := vMoney(spend + nonMedia)
	share := func(row int, bold bool, v kpi.Money) {
		fl.formulaV(sh, c(3), row, fmt.Sprintf(`IF(%s=0,"",%s/%s)`, totalRef, abs0(c(2), row), totalRef), kROI, bold, ratioOf(vMoney(v), all))
	}
	fl.str(sh, c(0), row0, "Ad spend", kText)
	fl.str(sh, c(1), row0, "media", kText)
	fl.formulaV(sh, c(2), row0, fl.sumData("spend", ""), kMoney, false, vMoney(spend))
	share(row0, false, spend)
	catRange := sheetRef(sh) + abs(c(0), first) + ":" + abs(c(0), last)
	lastPositive := row0
	for i, cat := range cats {
		row := row0 + 1 + i
		fl.str(sh, c(0), row, strings.ReplaceAll(cat, "_", " "), kText)
		fl.str(sh, c(1), row, "non-media", kText)
		fl.formulaV(sh, c(2), row, fmt.Sprintf("SUMIFS(%s,%s,%s)", fl.costCostRange, catRange, crit(cat)), kMoney, false, vMoney(sums[cat]))
		share(row, false, sums[cat])
		if sums[cat] > 0 {
			lastPositive = row
		}
	}
	fl.str(sh, c(0), sumRow, "Total", kLabel)
	fl.style(sh, c(0), sumRow, kLabel, true)
	fl.str(sh, c(1), sumRow, "ad spend + every cost line", kText)
	fl.style(sh, c(1), sumRow, kText, true)
	fl.formulaV(sh, c(2), sumRow, fmt.Sprintf("SUM(%s:%s)", abs(c(2), row0), abs(c(2), end)), kMoney, true, all)
	share(sumRow, true, spend+nonMedia)
	kinds := sheetRef(sh) + abs(c(1), row0) + ":" + abs(c(1), end)
	costs := sheetRef(sh) + abs(c(2), row0) + ":" + abs(c(2), end)
	for i, k := range [][3]string{{"Media", "media", "ad spend on the ad platforms"}, {"Non-media", "non-media", "every cost-sheet line, organic ones included"}} {
		row := sumRow + 1 + i
		v := []kpi.Money{spend, nonMedia}[i]
		fl.str(sh, c(0), row, k[0], kLabel)
		fl.str(sh, c(1), row, k[2], kNote)
		fl.formulaV(sh, c(2), row, fmt.Sprintf("SUMIFS(%s,%s,%s)", costs, kinds, crit(k[1])), kMoney, false, vMoney(v))
		share(row, false, v)
	}
	fl.craft.splitName = sheetRef(sh) + abs(c(0), top)
	fl.craft.splitLabels = sheetRef(sh) + abs(c(0), row0) + ":" + abs(c(0), lastPositive)
	fl.craft.splitValues = sheetRef(sh) + abs(c(2), row0) + ":" + abs(c(2), lastPositive)
	fl.craft.splitTotal = sheetRef(sh) + totalRef
	fl.craft.splitSlices = lastPositive - row0 + 1
}
