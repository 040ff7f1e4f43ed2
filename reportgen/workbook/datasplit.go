package workbook

import (
	"fmt"
	"slices"
	"strings"
)

// More rows than a sheet holds.
//
// A sheet holds 1,048,576 rows. When the report has more rows than one
// Data sheet holds (maxDataRows), they are split, in order, across Data,
// Data (2), Data (3) …, each an Excel table (DataTable, DataTable2 …) with
// the same columns, and every formula over Data sums over all of them:
// SUM(Data!$I$2:$I$1048576,'Data (2)'!$I$2:$I$5001), one SUMIFS per sheet
// added together. No row is dropped and no figure changes; the Definitions
// sheet says how the rows are split.

// A dataPart is one Data sheet: rows lo to hi-1 of the report's rows.
type dataPart struct {
	sheet  string
	table  string
	lo, hi int
}

// planDataParts names the Data sheets and the rows each holds: one sheet,
// Data, unless the rows are more than maxDataRows.
func (fl *filler) planDataParts() {
	n, per := len(fl.r.Rows), max(maxDataRows, 1)
	used := fl.f.GetSheetList()
	fl.dataParts = nil
	for lo, k := 0, 1; k == 1 || lo < n; k++ {
		hi := min(lo+per, n)
		p := dataPart{sheet: SheetData, table: "DataTable", lo: lo, hi: hi}
		if k > 1 {
			p.table = fmt.Sprintf("DataTable%d", k)
			for j := k; ; j++ {
				p.sheet = fmt.Sprintf("%s (%d)", SheetData, j)
				if !slices.ContainsFunc(used, func(u string) bool { return strings.EqualFold(u, p.sheet) }) {
					break
				}
			}
			used = append(used, p.sheet)
		}
		fl.dataParts = append(fl.dataParts, p)
		lo = hi
	}
}

// dataRange returns the absolute range of a Data column on Data sheet
// part, e.g. Data!$I$2:$I$31. Formulas over the Data table use overData to
// read every part.
func (fl *filler) dataRange(part int, key string) string {
	p := fl.dataParts[part]
	l := fl.dataLetter[key]
	return fmt.Sprintf("%s$%s$2:$%s$%d", sheetRef(p.sheet), l, l, max(p.hi-p.lo+1, 2))
}

// overData returns term(part) for each Data sheet, joined with sep: the
// arguments of a SUM (sep ",") or terms added together (sep "+").
func (fl *filler) overData(sep string, term func(part int) string) string {
	terms := make([]string, len(fl.dataParts))
	for i := range fl.dataParts {
		terms[i] = term(i)
	}
	return strings.Join(terms, sep)
}

// withDataSheets returns list, a workbook's sheets in order, with the
// Data sheets, which Fill creates last (see writeData), right after Costs
// (at the end without Costs) where they are not yet in it.
func (fl *filler) withDataSheets(list []string) []string {
	at := len(list)
	if i := slices.Index(list, SheetCosts); i >= 0 {
		at = i + 1
	}
	for _, p := range fl.dataParts {
		if i := slices.Index(list, p.sheet); i >= 0 {
			at = i + 1
			continue
		}
		list = slices.Insert(list, at, p.sheet)
		at++
	}
	return list
}

// isDataSheet reports whether sheet is one of the Data sheets.
func (fl *filler) isDataSheet(sheet string) bool {
	return slices.ContainsFunc(fl.dataParts, func(p dataPart) bool { return p.sheet == sheet })
}

// dataSplitNote says how the rows are split, or "" for one Data sheet.
func (fl *filler) dataSplitNote() string {
	if len(fl.dataParts) < 2 {
		return ""
	}
	names := make([]string, len(fl.dataParts))
	for i, p := range fl.dataParts {
		names[i] = p.sheet
	}
	return fmt.Sprintf("the %s rows are split across %s, at most %s rows each (a sheet holds 1,048,576); "+
		"every formula over the data sums over all of them", thousands(len(fl.r.Rows)), strings.Join(names, ", "), thousands(max(maxDataRows, 1)))
}

// thousands writes n with thousands separators: 1,048,575.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
