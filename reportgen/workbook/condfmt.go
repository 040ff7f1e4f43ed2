package workbook

import (
	"fmt"
	"strings"

	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// goalStatus returns a goal row's status formula, the workbook's form of
// reportgen's rule (see reportgen.GoalAtRisk): "met" when the actual meets
// the target (op is ">=" for at-least goals, "<=" for at-most ones), "at
// risk" when it does not but the attainment is at least 90 % (and below
// 100 %, which a negative target can give), "missed" below that, "n/a"
// without an actual. A manager who changes the target sees it change.
func goalStatus(actual, op, target, attainment string) string {
	return fmt.Sprintf(`IF(%s="","n/a",IF(%s%s%s,"met",IF(AND(ISNUMBER(%s),%s>=%g,%s<1),"at risk","missed")))`,
		actual, actual, op, target, attainment, attainment, reportgen.GoalAtRisk, attainment)
}

// goalStatusWords explains the goal status on the Definitions sheet.
var goalStatusWords = fmt.Sprintf("met: the actual meets the target (a total's monthly target is pro-rated by days when the period is part of a month); "+
	"at risk: not met, but the attainment is at least %g %% (within %g %% of the target, on pace); missed: attainment below %g %%; "+
	"n/a: no actual. Attainment is actual / target, target / actual for an at-most goal such as CPL.",
	reportgen.GoalAtRisk*100, 100-reportgen.GoalAtRisk*100, reportgen.GoalAtRisk*100)

// Traffic-light fills of the conditional formats: green is good, amber a
// warning, red bad.
var (
	goodStyle = excelize.Style{Font: &excelize.Font{Color: "1E6B34", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCF2E3"}}}
	warnStyle = excelize.Style{Font: &excelize.Font{Color: "8A5300", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF0C2"}}}
	badStyle = excelize.Style{Font: &excelize.Font{Color: "9B1C1C", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FADADA"}}}
)

// conditional returns the id of a conditional (differential) style.
func (fl *filler) conditional(st excelize.Style) *int {
	id, err := fl.f.NewConditionalStyle(&st)
	fl.fail(err)
	return &id
}

// formatGoals colours each goal's attainment and status by the status
// cell's value, with conditional formatting rules rather than fills, so the
// colours follow when a manager changes a target.
func (fl *filler) formatGoals() {
	p, ok := fl.at[SheetSummary]["goals.table"]
	if !ok || len(fl.r.Goals) == 0 || fl.err != nil {
		return
	}
	first, last := p.row+1, p.row+len(fl.r.Goals)
	status := "$" + colLetter(p.col+6) + fmt.Sprint(first) // relative row, as the range's first cell
	rng := cellName(p.col+5, first) + ":" + cellName(p.col+6, last)
	fl.fail(fl.f.SetConditionalFormat(SheetSummary, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: status + `="met"`, Format: fl.conditional(goodStyle)},
		{Type: "formula", Criteria: status + `="at risk"`, Format: fl.conditional(warnStyle)},
		{Type: "formula", Criteria: status + `="missed"`, Format: fl.conditional(badStyle)},
	}))
}

// deltaRules colours a range of deltas (a figure against the previous
// period or the year before): a rise green and a fall red, the other way
// round when lower is better (a cost, CPC, CPL, CPA). Blank and text cells
// stay as they are.
func (fl *filler) deltaRules(sheet, rng string, lowerIsBetter bool) {
	if fl.err != nil {
		return
	}
	top, _, _ := strings.Cut(rng, ":")
	up, down := goodStyle, badStyle
	if lowerIsBetter {
		up, down = badStyle, goodStyle
	}
	fl.fail(fl.f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>0)", top, top), Format: fl.conditional(up)},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<0)", top, top), Format: fl.conditional(down)},
	}))
}
