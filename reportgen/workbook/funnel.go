package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// SheetFunnel is the sheet of the ad platforms' funnel, created by Fill
// after the Summary when the report has ad platforms.
const SheetFunnel = "Funnel"

// funnelHeaderRow is the row of the Funnel table's header.
const funnelHeaderRow = 5

// createFunnel creates the Funnel sheet right after the Summary.
func (fl *filler) createFunnel() {
	if fl.r.Funnel == nil || fl.err != nil {
		return
	}
	list := fl.f.GetSheetList()
	before := ""
	if i := slices.Index(list, SheetSummary); i >= 0 && i+1 < len(list) {
		before = list[i+1]
	}
	fl.funnelSheet = fl.newSheet(SheetFunnel, before)
}

// funnelWords are the words of each headline count in a conversion label.
var funnelWords = map[string]string{
	"impressions": "impressions", "link_clicks": "link clicks", "landing_page_views": "landing-page views",
	"leads": "leads", "purchases": "purchases", "conversions": "conversions",
}

// writeFunnel writes the Funnel sheet: a row per stage metric with a
// column for all platforms and one per platform, and between stages the
// conversion from one stage's headline count to the next's. Counts are
// SUMIFS over the Data table, GA4 sessions SUMIFS over the Web analytics
// sheet, CPM, CPC, reach and revenue references to the KPI cells of the
// platform sheets and the Summary; a figure a platform's exports do not
// report is left blank.
func (fl *filler) writeFunnel() {
	fn := fl.r.Funnel
	if fn == nil || fl.funnelSheet == "" || fl.err != nil {
		return
	}
	sh, r := fl.funnelSheet, fl.r
	fl.heading(sh, "Funnel", "Awareness → interest → evaluation → purchase on the ad platforms. Every figure is a live formula over the Data "+
		"sheet or the platform sheets; a metric a platform's exports do not report is blank, not 0.")
	hdr := []string{"Stage and metric", "All platforms"}
	for _, s := range r.Platforms {
		hdr = append(hdr, s.Name)
	}
	hdr = append(hdr, "", "Note") // a narrow gap before the notes
	noteCol := 4 + len(r.Platforms)
	ws := []float64{46, 15}
	for range r.Platforms {
		ws = append(ws, 15)
	}
	fl.header(sh, pos{1, funnelHeaderRow}, hdr...)
	fl.widths(sh, append(ws, 2, 60)...)
	col := func(i int) int { return 3 + i } // platform i
	// Each metric's row first: a conversion reads the next stage's count.
	cells := map[string]int{} // metric key → its row
	row := funnelHeaderRow + 1
	for _, st := range fn.Stages {
		row++
		for _, m := range st.Metrics {
			cells[m.Key] = row
			row++
		}
		row++
	}
	row = funnelHeaderRow + 1
	for si, st := range fn.Stages {
		fl.str(sh, 1, row, st.Name, kSubheader)
		for c := 2; c <= noteCol; c++ {
			fl.style(sh, c, row, kSubheader, false)
		}
		if len(st.Metrics) == 0 {
			fl.str(sh, noteCol, row, "no ad platform's exports report this stage's metrics", kNote)
		}
		row++
		for _, m := range st.Metrics {
			fl.str(sh, 1, row, m.Label, kText)
			k := fl.funnelKind(m)
			total, note := fl.funnelFormula(m, nil)
			fl.funnelCell(sh, 2, row, m.Total, total, k)
			for i := range r.Platforms {
				fm, _ := fl.funnelFormula(m, &r.Platforms[i])
				fl.funnelCell(sh, col(i), row, m.Platforms[i], fm, k)
			}
			if m.Key == st.Headline {
				note = strings.TrimPrefix(note+"; the stage's count, for the conversions", "; ")
			}
			fl.str(sh, noteCol, row, note, kNote)
			row++
		}
		if si+1 < len(fn.Stages) {
			fl.writeFunnelRate(sh, row, noteCol, st.ToNext, fn.Stages[si+1].Name, cells)
			row++
		}
	}
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: funnelHeaderRow,
		TopLeftCell: cellName(2, funnelHeaderRow+1), ActivePane: "bottomRight"}))
}

// funnelKind is the cell kind of a funnel metric.
func (fl *filler) funnelKind(m reportgen.FunnelMetric) kind {
	switch m.Key {
	case "leads", "purchases", "conversions", "adds_to_cart", "checkouts":
		if fl.fractional[m.Key] {
			return kQty
		}
		return kCount
	}
	return formatKind(m.Format)
}

// funnelCell writes a funnel figure: its formula, with the value the
// model computed, where the report defines it, else a blank cell with the
// row's format.
func (fl *filler) funnelCell(sh string, col, row int, v kpi.Ratio, formula string, k kind) {
	if !v.OK || formula == "" {
		fl.style(sh, col, row, k, false)
		return
	}
	fl.formulaV(sh, col, row, formula, k, false, vRatio(v))
}

// funnelFormula returns the formula of metric m for scope s (nil: all
// platforms), and the row's note.
func (fl *filler) funnelFormula(m reportgen.FunnelMetric, s *reportgen.Scope) (string, string) {
	refs, blank := fl.totRefs, fl.totBlank
	platform := kpi.Platform("")
	if s != nil {
		platform = s.Platform
		i := slices.IndexFunc(fl.r.Platforms, func(p reportgen.Scope) bool { return p.Platform == s.Platform })
		refs, blank = fl.platRefs[i], fl.platBlank[i]
	}
	ref := func(key string) string {
		if blank[key] || refs[key] == "" {
			return ""
		}
		return refs[key]
	}
	switch m.Key {
	case "reach":
		return ref("reach"), "de-duplicated reach from the platform sheets, a value; never summed across platforms"
	case "cpm":
		return ref("cpm"), "spend / impressions × 1000, as on the Summary and platform sheets"
	case "cpc":
		return ref("cpc"), "as on the Summary and platform sheets"
	case "revenue":
		return ref("revenue"), revenueSourceLabel(fl.r.RevenueSource) + ", as on the Summary and platform sheets"
	case "sessions":
		if fl.web == nil || fl.web.letter["sessions"] == "" {
			return "", ""
		}
		channels := paidChannels()
		if platform != "" {
			channels = []string{string(platform)}
		}
		return sumOf(fl.web.rng("sessions"), fl.web.rng("channel"), channels),
			"sessions the Web analytics sheet attributes to each platform; all platforms: every paid channel, GA4's Paid Social included"
	}
	if fl.dataLetter[m.Key] == "" {
		return "", ""
	}
	return fl.sumData(m.Key, platform), "Σ Data"
}

// writeFunnelRate writes the conversion from one stage to the next: per
// platform where its exports report both counts, and for all platforms
// over those platforms.
func (fl *filler) writeFunnelRate(sh string, row, noteCol int, fr *reportgen.FunnelRate, next string, cells map[string]int) {
	label := "→ " + next
	if fr == nil || fr.From == "" || fr.To == "" {
		fl.str(sh, 1, row, label+": conversion not defined", kNote)
		fl.str(sh, noteCol, row, "a stage without a count some platform reports", kNote)
		return
	}
	fl.str(sh, 1, row, fmt.Sprintf("%s: %s / %s", label, funnelWords[fr.To], funnelWords[fr.From]), kLabel)
	from, to := cells[fr.From], cells[fr.To]
	ratio := func(num, den string) string { return fmt.Sprintf(`IF(%s=0,"",%s/%s)`, den, num, den) }
	for i := range fl.r.Platforms {
		c := 3 + i
		if !fr.Platforms[i].OK && !fl.funnelReports(i, fr) {
			fl.style(sh, c, row, kPercent, false)
			continue
		}
		fl.formulaV(sh, c, row, ratio(abs0(c, to), abs0(c, from)), kPercent, false, vRatio(fr.Platforms[i]))
	}
	note := "the next stage's count / this stage's"
	switch {
	case fr.Basis == nil:
		fl.formulaV(sh, 2, row, ratio(abs0(2, to), abs0(2, from)), kPercent, false, vRatio(fr.Total))
	case len(fr.Basis) == 0:
		fl.style(sh, 2, row, kPercent, false)
		note = "no platform's exports report both counts"
	default:
		var nums, dens []string
		for i, s := range fl.r.Platforms {
			if slices.Contains(fr.Basis, s.Platform) {
				nums = append(nums, abs0(3+i, to))
				dens = append(dens, abs0(3+i, from))
			}
		}
		fl.formulaV(sh, 2, row, ratio("("+strings.Join(nums, "+")+")", "("+strings.Join(dens, "+")+")"), kPercent, false, vRatio(fr.Total))
		note = "all platforms over " + platformNames(fr.Basis) + " only: the platforms whose exports report both counts"
	}
	fl.str(sh, noteCol, row, note, kNote)
}

// funnelReports reports whether platform i's exports report both counts
// of a conversion (its rate may still be undefined: a zero count).
func (fl *filler) funnelReports(i int, fr *reportgen.FunnelRate) bool {
	t := &fl.r.Platforms[i].Inputs.Totals
	_, a := reportgen.FunnelCount(t, fr.From)
	_, b := reportgen.FunnelCount(t, fr.To)
	return a && b
}
