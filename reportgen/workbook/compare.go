package workbook

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// The Summary's KPI table gets, after the platform columns, three columns
// per comparison the report has (reportgen.Report.Previous, YearAgo): the
// comparison period's figure for all platforms, a value roibook computed
// from the rows of that period (they are not in the Data sheet); Δ, this
// period's cell minus it (in percentage points for percentages); and Δ %,
// Δ over the comparison's absolute figure, blank when that is 0. A partly
// covered comparison shows its figures, flagged, without changes. Notes
// below the table say what each comparison covers.

// comparisons returns the report's comparisons, previous period first.
func (fl *filler) comparisons() []*reportgen.Comparison {
	var out []*reportgen.Comparison
	for _, c := range []*reportgen.Comparison{fl.r.Previous, fl.r.YearAgo} {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// comparisonCols is the number of columns the comparisons add to the KPI
// table.
func (fl *filler) comparisonCols() int { return 3 * len(fl.comparisons()) }

// comparisonNoteRows is the number of note rows the comparisons add below
// the KPI table: one per comparison and one saying how they are computed.
func (fl *filler) comparisonNoteRows() int {
	if n := len(fl.comparisons()); n > 0 {
		return n + 2
	}
	return 0
}

// comparisonHeaders are the headers of the comparison columns.
func (fl *filler) comparisonHeaders() []string {
	var hdr []string
	for _, c := range fl.comparisons() {
		name, vs := "Previous period", "previous"
		if c.Key == "year_ago" {
			name, vs = "Year ago", "year ago"
		}
		if c.Partial {
			name += " (partial)"
		}
		hdr = append(hdr, name, "Δ vs "+vs, "Δ % vs "+vs)
	}
	return hdr
}

// lowerIsBetter are the figures whose fall is good news; spend, costs and
// frequency are neither good nor bad and get no colour.
var lowerIsBetter = map[string]bool{"cpc": true, "cpm": true, "cpl": true, "cpa": true, "cpe": true}
var noDirection = map[string]bool{"spend": true, "other_costs": true, "total_cost": true, "frequency": true}

// writeComparisons writes the comparison columns of the Summary's KPI
// table p, from column col0, for the rows of keys (the operand rows, then
// after the KPIs sub-header the KPI rows); kinds are the rows' cell kinds.
func (fl *filler) writeComparisons(p pos, col0 int, keys []string, kinds map[string]kind) {
	const sh = SheetSummary
	cs := fl.comparisons()
	if len(cs) == 0 || fl.err != nil {
		return
	}
	cur := p.col + 1 // the all-platforms column
	for ci, c := range cs {
		vc, dc, pc := col0+3*ci, col0+3*ci+1, col0+3*ci+2
		for j, key := range keys {
			row := p.row + 1 + j
			if j >= len(operandRows) {
				row++ // the KPIs sub-header
			}
			k := kinds[key]
			v := c.Figure(key)
			if !v.OK {
				fl.style(sh, vc, row, k, false)
				fl.style(sh, dc, row, k, false)
				fl.style(sh, pc, row, kPercent, false)
				continue
			}
			fl.num(sh, vc, row, v.Value, k, false)
			if c.Partial || fl.totBlank[key] {
				continue
			}
			C, V := abs0(cur, row), abs0(vc, row)
			d, frac := fl.r.Change(c, key)
			diff := fmt.Sprintf(`IF(OR(%s="",%s=""),"",%s-%s)`, C, V, C, V)
			pointed := k == kPercent || k == kROI
			if pointed {
				diff = fmt.Sprintf(`IF(OR(%s="",%s=""),"",(%s-%s)*100)`, C, V, C, V)
				if d.OK {
					d.Value *= 100
				}
			}
			fl.formulaFmt(sh, dc, row, diff, deltaFormat(fl.st.money, k), vRatio(d))
			if !pointed {
				fl.formulaFmt(sh, pc, row, fmt.Sprintf(`IF(OR(%s="",%s="",%s=0),"",(%s-%s)/ABS(%s))`, C, V, V, C, V, V), `+0.0%;-0.0%;0.0%`, vRatio(frac))
			}
			if !noDirection[key] {
				fl.colourDelta(sh, dc, pc, row, lowerIsBetter[key])
			}
		}
		fl.style(sh, vc, p.row+1+len(operandRows), kSubheader, false)
		fl.style(sh, dc, p.row+1+len(operandRows), kSubheader, false)
		fl.style(sh, pc, p.row+1+len(operandRows), kSubheader, false)
	}
	// The notes, below the table's last row.
	row := p.row + 1 + len(operandRows) + 1 + len(fl.defs)
	fl.str(sh, p.col, row, "Previous period and year ago: all platforms together, values roibook computed from the exports' rows of "+
		"those periods (not in the Data sheet) with this report's definitions and exchange rates.", kNote)
	row++
	fl.str(sh, p.col, row, "Media figures only: the cost sheets' lines are booked to the report period, so other costs, total cost and "+
		"the full-cost ROIs are not compared. Δ = this period − the comparison (percentage points for percentages); Δ % = Δ / |comparison|.", kNote)
	for i, c := range cs {
		s := c.Describe()
		if len(c.Notes) > 0 {
			s += ". " + strings.Join(c.Notes, "; ")
		}
		fl.str(sh, p.col, row+1+i, s, kNote)
	}
}

// deltaFormat is the signed number format of a change in a figure of kind k.
func deltaFormat(money string, k kind) string {
	switch k {
	case kMoney:
		pos, neg, _ := strings.Cut(money, ";")
		return "+" + pos + ";" + neg + ";" + pos
	case kQty, kRatio:
		return `+#,##0.00;-#,##0.00;0.00`
	case kPercent, kROI:
		return `+0.00" pp";-0.00" pp";0.00" pp"`
	}
	return `+#,##0;-#,##0;0`
}

// formulaFmt writes a formula with a number format of its own and the
// value roibook computed for it (see formulaV).
func (fl *filler) formulaFmt(sh string, col, row int, formula, numFmt string, v cached) {
	if fl.err != nil {
		return
	}
	c := cellName(col, row)
	fl.fail(fl.f.SetCellFormula(sh, c, formula))
	fl.fail(fl.f.SetCellStyle(sh, c, c, fl.fmtStyle(numFmt)))
	fl.setCached(sh, c, v)
}

// fmtStyle returns the style of a number format, created once.
func (fl *filler) fmtStyle(numFmt string) int {
	if id, ok := fl.fmtStyles[numFmt]; ok {
		return id
	}
	if fl.fmtStyles == nil {
		fl.fmtStyles = map[string]int{}
	}
	f := numFmt
	id, err := fl.f.NewStyle(&excelize.Style{CustomNumFmt: &f, Font: &excelize.Font{Family: "Calibri"}})
	fl.fail(err)
	fl.fmtStyles[numFmt] = id
	return id
}

// colourDelta adds the conditional formats of a row's Δ and Δ % cells:
// green for a change for the better, red for the worse.
func (fl *filler) colourDelta(sh string, dc, pc, row int, lower bool) {
	if fl.err != nil {
		return
	}
	good, bad := ">", "<"
	if lower {
		good, bad = "<", ">"
	}
	green, red := fl.condStyle("15803D"), fl.condStyle("B91C1C")
	d := abs0(dc, row)
	fl.fail(fl.f.SetConditionalFormat(sh, d+":"+abs0(pc, row), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s%s0)", d, d, good), Format: &green},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s%s0)", d, d, bad), Format: &red},
	}))
}

// condStyle returns the conditional format of a font colour, created once.
func (fl *filler) condStyle(color string) int {
	key := "cf:" + color
	if id, ok := fl.fmtStyles[key]; ok {
		return id
	}
	if fl.fmtStyles == nil {
		fl.fmtStyles = map[string]int{}
	}
	id, err := fl.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: color}})
	fl.fail(err)
	fl.fmtStyles[key] = id
	return id
}

// comparisonSettings are the Definitions rows saying how the comparison
// periods are chosen, when the report has one.
func (fl *filler) comparisonSettings() [][2]string {
	var out [][2]string
	if c := fl.r.Previous; c != nil {
		out = append(out, [2]string{"Previous period", c.Period.Label() + ": as many whole months just before a report of whole months " +
			"(September for October), otherwise the same number of days immediately before; ad platforms, media figures only"})
	}
	if c := fl.r.YearAgo; c != nil {
		out = append(out, [2]string{"Year ago", c.Period.Label() + ": the same dates a year earlier (29 February becomes the 28th); ad platforms, media figures only"})
	}
	return out
}
