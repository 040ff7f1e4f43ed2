package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/xuri/excelize/v2"
)

// Lineage: the Rejected sheet and the time zones.
//
// Every data row of every input file is either in a figure or listed:
// the Sources sheet counts, per file, the rows used, outside the period,
// replaced by a newer export, skipped and rejected; the Rejected sheet,
// which Fill creates after Sources, lists each skipped or rejected row
// with its file, line and reason, as an Excel table (RejectedRows) a
// finance team can filter. The Definitions sheet ends with the time zone
// each export states its days in.

// SheetRejected is the sheet listing the rows not used; Fill creates it.
const SheetRejected = "Rejected"

// rejectedHdr is the Rejected sheet's header row.
const rejectedHdr = 5

const rejectedNote = "Each row of an input file that is in no figure because it was rejected (malformed: the reason says how) " +
	"or skipped (a row the export legitimately carries, such as its totals row). Open the file at the line to see the row; " +
	"rows outside the period or replaced by a newer export are only counted, on the Sources sheet."

// rejectedSheet creates the Rejected sheet after the Sources sheet, once,
// and returns its name.
func (fl *filler) rejectedSheet() string {
	if fl.rejected != "" {
		return fl.rejected
	}
	before := ""
	list := fl.f.GetSheetList()
	if i := slices.Index(list, SheetSources); i >= 0 && i+1 < len(list) {
		before = list[i+1]
	}
	fl.rejected = fl.newSheet(SheetRejected, before)
	return fl.rejected
}

// writeRejected writes the Rejected sheet: every row not used, sorted by
// file and line.
func (fl *filler) writeRejected() {
	sh := fl.rejectedSheet()
	r := fl.r
	fl.widths(sh, 56, 9, 16, 10, 90)
	fl.str(sh, 1, 1, "Rejected rows", kTitle)
	fl.str(sh, 1, 2, fmt.Sprintf("%s · %s", r.Client, r.Period.Label()), kSubtitle)
	fl.wrappedAcross(sh, 1, 3, rejectedNote, 5, true)
	fl.header(sh, pos{1, rejectedHdr}, "File", "Line", "Platform", "Kind", "Reason")
	nu := fl.notUsed()
	lineStyle := fl.centered("0")
	if len(nu) == 0 {
		fl.str(sh, 1, rejectedHdr+1, "none: every row of every input file was used, outside the period or replaced", kNote)
		return
	}
	platform := map[string]kpi.Platform{}
	for _, s := range r.Sources {
		platform[s.File] = s.Platform
	}
	for i, n := range nu {
		row := rejectedHdr + 1 + i
		fl.str(sh, 1, row, n.file, kText)
		if n.line > 0 {
			fl.num(sh, 2, row, float64(n.line), kCount, false)
			fl.fail(fl.f.SetCellStyle(sh, cellName(2, row), cellName(2, row), lineStyle))
		}
		if p := platform[n.file]; p != "" {
			fl.str(sh, 3, row, p.Name(), kText)
		}
		fl.str(sh, 4, row, n.kind, kText)
		// An error names its file and line first: they are in the columns.
		fl.str(sh, 5, row, strings.TrimPrefix(n.why, fmt.Sprintf("%s:%d: ", n.file, n.line)), kText)
	}
	fl.addTable(sh, "RejectedRows", 1, rejectedHdr, 5, rejectedHdr+len(nu))
	fl.fail(fl.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: rejectedHdr, TopLeftCell: cellName(1, rejectedHdr+1), ActivePane: "bottomLeft"}))
}

// wrappedAcross writes text (a note, or plain text) merged across cols
// columns from col, wrapping, in a row tall enough for it: neither Excel
// nor LibreOffice sizes rows on opening, and text that overflows past the
// last column widens the printed page.
func (fl *filler) wrappedAcross(sh string, col, row int, text string, cols int, note bool) {
	fl.str(sh, col, row, text, kText)
	if fl.err != nil {
		return
	}
	width := 0.0
	for c := col; c < col+cols; c++ {
		w, err := fl.f.GetColWidth(sh, colLetter(c))
		fl.fail(err)
		width += w
	}
	if cols > 1 {
		fl.fail(fl.f.MergeCell(sh, cellName(col, row), cellName(col+cols-1, row)))
	}
	font, perUnit, lineHeight := &excelize.Font{Family: "Calibri"}, 1.0, 15.0
	if note {
		// 9-point text: about 1.2 characters per unit of width.
		font, perUnit, lineHeight = &excelize.Font{Family: "Calibri", Italic: true, Size: 9, Color: "6B7280"}, 1.2, 12
	}
	st, err := fl.f.NewStyle(&excelize.Style{Font: font, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	fl.fail(err)
	fl.fail(fl.f.SetCellStyle(sh, cellName(col, row), cellName(col, row), st))
	if lines := int(float64(len([]rune(text)))/(width*perUnit)) + 1; lines > 1 {
		fl.fail(fl.f.SetRowHeight(sh, row, lineHeight*float64(lines)+3))
	}
}

// centered returns a style for a count centred in its cell, at the top of
// a tall row: a column of counts between columns of text.
func (fl *filler) centered(numFmt string) int {
	id, err := fl.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Calibri"}, CustomNumFmt: &numFmt,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	fl.fail(err)
	return id
}

// firstRejectedRow maps each file with rows not used to its first row on
// the Rejected sheet.
func (fl *filler) firstRejectedRow() map[string]int {
	out := map[string]int{}
	for i, n := range fl.notUsed() {
		if _, ok := out[n.file]; !ok {
			out[n.file] = rejectedHdr + 1 + i
		}
	}
	return out
}

// linkTo makes a cell a hyperlink to a cell of another sheet.
func (fl *filler) linkTo(sh string, col, row int, sheet, cell string) {
	if fl.err != nil {
		return
	}
	fl.fail(fl.f.SetCellHyperLink(sh, cellName(col, row), sheetRef(sheet)+cell, "Location"))
}

// writeRejectedPointer writes, at the Sources sheet's {{rejected.table}}
// anchor, how many rows were not used and where they are listed.
func (fl *filler) writeRejectedPointer(p pos) {
	rejected, skipped := 0, 0
	for _, s := range fl.r.Sources {
		rejected += len(s.Rejected)
		skipped += len(s.Skipped)
	}
	sh := fl.rejectedSheet()
	text := "none: every row was used, outside the period or replaced"
	if rejected+skipped > 0 {
		text = fmt.Sprintf("%s rejected and %s skipped: each is listed with its file, line and reason on the %s sheet",
			plural(rejected, "row"), plural(skipped, "row"), sh)
	}
	fl.str(SheetSources, p.col, p.row, text, kText)
	fl.linkTo(SheetSources, p.col, p.row, sh, "A1")
}

// plural writes "1 row", "3 rows".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// periodStated is the period an input file states, for the Sources sheet.
func periodStated(p kpi.Period) string {
	if p.IsZero() {
		return "not stated"
	}
	return strings.ReplaceAll(p.String(), "..", " – ")
}

// zoneConventions are the time zones platforms report in when the export
// does not say (kpi-definitions.md).
var zoneConventions = map[kpi.Platform]string{
	kpi.MetaAds:      "the ad account's time zone",
	kpi.GoogleAds:    "the ad account's time zone",
	kpi.LinkedInAds:  "UTC",
	kpi.PinterestAds: "UTC",
}

// zoneOf says which time zone a file's days are in.
func zoneOf(s kpi.FileStats) string {
	switch {
	case s.TimeZone != "":
		return s.TimeZone + " (stated in the export)"
	case zoneConventions[s.Platform] != "":
		return "not stated; " + s.Platform.Name() + " reports in " + zoneConventions[s.Platform]
	}
	return "not stated"
}

// zoneNote is said above the time zones.
const zoneNote = "Each figure sits on the day its export gives it, in that export's time zone. Where exports use different " +
	"zones, or do not say, an event near midnight may fall on different days: the first and last day of the period can shift by a day."

// writeTimeZones writes the time zone of each export with daily figures
// at the bottom of the Definitions sheet.
func (fl *filler) writeTimeZones() {
	const sh = SheetDefinitions
	var files []kpi.FileStats
	for _, s := range fl.r.Sources {
		switch s.Platform {
		case kpi.Costs, kpi.Invoices, kpi.FX:
			continue
		}
		files = append(files, s)
	}
	if fl.err != nil || len(files) == 0 {
		return
	}
	rows, err := fl.f.GetRows(sh)
	fl.fail(err)
	top := len(rows) + 2
	col := 1
	if p, ok := fl.at[sh]["definitions.table"]; ok {
		col = p.col
	}
	fl.str(sh, col, top, "Time zones", kSection)
	fl.str(sh, col, top+1, zoneNote, kNote)
	fl.header(sh, pos{col, top + 2}, "Platform", "File", "Time zone of its days")
	for i, s := range files {
		row := top + 3 + i
		fl.str(sh, col, row, s.Platform.Name(), kText)
		fl.str(sh, col+1, row, s.File, kText)
		fl.str(sh, col+2, row, zoneOf(s), kText)
	}
}
