package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// topBottom is how many campaigns the rank column marks as top and as
// bottom.
const topBottom = 3

// leadKPI returns the first of the business model's lead KPIs
// (reportgen.LeadKPIs) among the campaign table's KPIs, or a zero LeadKPI.
func (fl *filler) leadKPI(kpis []kpi.KPI) reportgen.LeadKPI {
	for _, l := range reportgen.LeadKPIs(fl.r.BusinessModel) {
		if _, ok := kpi.Find(kpis, l.Key); ok {
			return l
		}
	}
	return reportgen.LeadKPI{}
}

// writeRanks writes the campaign table's rank column: each campaign's
// rank by the lead KPI (column kpiCol) as a live RANK formula, blank where
// the KPI is, and conditional formats marking the top and the bottom
// campaigns, so an edit re-ranks and re-colours them.
func (fl *filler) writeRanks(sh string, p pos, col, kpiCol int, s *reportgen.Scope, lead reportgen.LeadKPI) {
	first, last := p.row+1, p.row+len(s.Campaigns)
	rng := abs(kpiCol, first) + ":" + abs(kpiCol, last)
	order := 0 // descending: the highest is 1
	if lead.LowerIsBetter {
		order = 1
	}
	ranks := s.Rank(lead)
	for i := range s.Campaigns {
		row := first + i
		v := cellName(kpiCol, row)
		want := vText("") // RANK of a blank KPI: ""
		if ranks[i] > 0 {
			want = vCount(int64(ranks[i]))
		}
		fl.formulaV(sh, col, row, fmt.Sprintf(`IF(ISNUMBER(%s),RANK(%s,%s,%d),"")`, v, v, rng, order), kCount, false, want)
	}
	top := cellName(col, first)
	ranked := abs(col, first) + ":" + abs(col, last)
	fl.fail(fl.f.SetConditionalFormat(sh, cellName(col, first)+":"+cellName(col, last), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<=%d)", top, top, topBottom), Format: fl.conditional(goodStyle)},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>MAX(%d,COUNT(%s)-%d))", top, top, topBottom, ranked, topBottom), Format: fl.conditional(badStyle)},
	}))
}
