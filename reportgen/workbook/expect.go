package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/xuri/excelize/v2"
)

// Cached values.
//
// Every formula Fill writes carries, as the cell's cached value, the value
// roibook computed for it in reportgen's model: a tool that does not
// recalculate (a file previewer, openpyxl with data_only, pandas,
// LibreOffice with its default settings) shows the right figure, and a test
// can compare each cached value with what LibreOffice computes from the
// formula. Excel recalculates on load all the same (fullCalcOnLoad).
//
// A formula that only refers to another cell takes that cell's value. A
// formula whose value the writer does not know (a user template's own
// formulas) is written without one: Excel and LibreOffice compute it, and
// the tests fail on such a cell in roibook's own template.

// A cacheKind says what a cached value is.
type cacheKind int

const (
	cNone   cacheKind = iota // not known: no cached value is written
	cNumber                  //
	cText                    // text; "" is the blank a formula such as IF(x=0,"",…) yields
	cRef                     // the value of another cell, resolved when the workbook is written
)

// A cached is the value of a formula cell.
type cached struct {
	kind cacheKind
	num  float64
	text string
	ref  string // cRef: Sheet!$B$5, or $B$5 on the formula's own sheet
}

func vNum(v float64) cached {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return cached{}
	}
	return cached{kind: cNumber, num: v}
}

func vMoney(m kpi.Money) cached { return vNum(m.Float64()) }
func vQty(q kpi.Qty) cached     { return vNum(q.Float64()) }
func vCount(n int64) cached     { return vNum(float64(n)) }
func vText(s string) cached     { return cached{kind: cText, text: s} }

// vBlank is the value of a formula that yields "": an undefined ratio.
var vBlank = vText("")

// vRatio is a KPI's value: blank when undefined, as the KPI formulas give
// "" for a zero denominator.
func vRatio(r kpi.Ratio) cached {
	if !r.OK {
		return vBlank
	}
	return vNum(r.Value)
}

// vAny is the value of a cell written from a Go value (a streamed or table
// cell): numbers and text; anything else is not known.
func vAny(v any) cached {
	switch v := v.(type) {
	case float64:
		return vNum(v)
	case int64:
		return vCount(v)
	case int:
		return vCount(int64(v))
	case string:
		return vText(v)
	}
	return cached{}
}

// totalOf returns a figure of t by its Data or table column key, and
// whether t has it.
func totalOf(t *kpi.Totals, key string) (cached, bool) {
	var f kpi.Fields
	var v cached
	switch key {
	case "spend":
		f, v = kpi.FSpend, vMoney(t.Spend)
	case "conversion_value":
		f, v = kpi.FConversionValue, vMoney(t.ConversionValue)
	case "revenue":
		f, v = kpi.FRevenue, vMoney(t.Revenue)
	case "impressions":
		f, v = kpi.FImpressions, vCount(t.Impressions)
	case "reach":
		f, v = kpi.FReach, vCount(t.Reach)
	case "clicks":
		f, v = kpi.FClicks, vCount(t.Clicks)
	case "link_clicks":
		f, v = kpi.FLinkClicks, vCount(t.LinkClicks)
	case "engagements":
		f, v = kpi.FEngagements, vCount(t.Engagements)
	case "reactions":
		f, v = kpi.FReactions, vCount(t.Reactions)
	case "comments":
		f, v = kpi.FComments, vCount(t.Comments)
	case "shares":
		f, v = kpi.FShares, vCount(t.Shares)
	case "saves":
		f, v = kpi.FSaves, vCount(t.Saves)
	case "video_views":
		f, v = kpi.FVideoViews, vCount(t.VideoViews)
	case "follows":
		f, v = kpi.FFollows, vCount(t.Follows)
	case "landing_page_views":
		f, v = kpi.FLandingPageViews, vCount(t.LandingPageViews)
	case "leads":
		f, v = kpi.FLeads, vQty(t.Leads)
	case "conversions":
		f, v = kpi.FConversions, vQty(t.Conversions)
	case "purchases":
		f, v = kpi.FPurchases, vQty(t.Purchases)
	case "adds_to_cart":
		f, v = kpi.FAddsToCart, vQty(t.AddsToCart)
	case "checkouts":
		f, v = kpi.FCheckouts, vQty(t.Checkouts)
	case "posts":
		f, v = kpi.FPosts, vCount(t.Posts)
	case "watch_hours":
		f, v = kpi.FWatchTime, vQty(t.WatchHours)
	case "sessions":
		f, v = kpi.FSessions, vCount(t.Sessions)
	case "engaged_sessions":
		f, v = kpi.FEngagedSessions, vCount(t.EngagedSessions)
	case "key_events":
		f, v = kpi.FKeyEvents, vQty(t.KeyEvents)
	case "customers":
		f, v = kpi.FCustomers, vQty(t.Customers)
	case "followers":
		f, v = kpi.FFollowers, vCount(t.Followers)
	default:
		return cached{}, false
	}
	return v, t.Has&f != 0
}

// operandOf returns a scope operand (kpi.Operands, organic table columns)
// of in.
func operandOf(in *kpi.Inputs, key string) cached {
	switch key {
	case "spend":
		return vMoney(in.Spend)
	case "revenue":
		return vMoney(in.Revenue)
	case "other_costs":
		return vMoney(in.OtherCosts)
	case "total_cost":
		return vMoney(in.TotalCost())
	case "modelled_value":
		return vMoney(in.ModelledValue)
	}
	v, _ := totalOf(&in.Totals, key)
	return v
}

// ratioOf is num/den for figures of the model, blank when den is 0.
func ratioOf(num, den cached) cached {
	if num.kind != cNumber || den.kind != cNumber {
		return cached{}
	}
	if den.num == 0 {
		return vBlank
	}
	return vNum(num.num / den.num)
}

// formulaV writes a formula with the value roibook computed for it.
// A v not known (cNone) leaves the value formula records: a reference's.
func (fl *filler) formulaV(sheet string, col, row int, formula string, k kind, bold bool, v cached) {
	fl.formula(sheet, col, row, formula, k, bold)
	if v.kind != cNone {
		fl.setCached(sheet, cellName(col, row), v)
	}
}

func (fl *filler) setCached(sheet, cell string, v cached) {
	if fl.cache == nil {
		fl.cache = map[string]map[string]cached{}
	}
	if fl.cache[sheet] == nil {
		fl.cache[sheet] = map[string]cached{}
	}
	fl.cache[sheet][cell] = v
}

// refRe matches a formula that is a single cell reference: $B$5,
// Summary!$B$5, 'Meta Ads'!B5.
var refRe = regexp.MustCompile(`^(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Z]{1,3}\$?[0-9]+)$`)

// cacheRef records that a formula takes the value of the cell it refers
// to, when it is a single reference or defined name; any other formula's
// value is not known until formulaV says it.
func (fl *filler) cacheRef(sheet, cell, formula string) {
	fl.setCached(sheet, cell, cached{kind: cRef, ref: formula})
}

// resolve returns the value of a cached entry, following references.
func (fl *filler) resolve(sheet string, v cached, depth int) cached {
	if v.kind != cRef {
		return v
	}
	if depth > 32 {
		return cached{}
	}
	m := refRe.FindStringSubmatch(strings.TrimPrefix(v.ref, "="))
	if m == nil {
		// A workbook-scope defined name, such as a template's =ROI.
		for _, dn := range fl.f.GetDefinedName() {
			if (dn.Scope == "" || dn.Scope == "Workbook") && strings.EqualFold(dn.Name, strings.TrimPrefix(v.ref, "=")) {
				return fl.resolve(sheet, cached{kind: cRef, ref: strings.TrimPrefix(dn.RefersTo, "=")}, depth+1)
			}
		}
		return cached{}
	}
	target := sheet
	if m[1] != "" {
		target = strings.ReplaceAll(strings.Trim(m[1], "'"), "''", "'")
	}
	cell := strings.ReplaceAll(m[2], "$", "")
	if c, ok := fl.cache[target][cell]; ok {
		return fl.resolve(target, c, depth+1)
	}
	if f, err := fl.f.GetCellFormula(target, cell); err != nil || f != "" {
		return cached{} // a formula of the template's own
	}
	raw, err := fl.f.GetCellValue(target, cell, excelize.Options{RawCellValue: true})
	if err != nil || raw == "" {
		// A reference to an empty cell is 0, never the blank the
		// figure should be: leave it unknown.
		return cached{}
	}
	t, err := fl.f.GetCellType(target, cell)
	if err != nil {
		return cached{}
	}
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return vText(raw)
	}
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return vText(raw)
	}
	return vNum(x)
}

// cachedParts returns the worksheet parts of the written workbook b whose
// formula cells get their cached values, by part name.
//
// A formula of the template's own takes the value of the cell it refers
// to when it is a single reference or a defined name (a cover sheet's
// =ROI); any other is left without a value.
func (fl *filler) cachedParts(b []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	streamed := map[string]bool{} // the Data sheets cache their values as they are written
	for _, p := range fl.dataParts {
		streamed[p.sheet] = true
	}
	out := map[string][]byte{}
	for sheet, part := range parts {
		zf := files[part]
		if zf == nil || streamed[sheet] {
			continue
		}
		cells := fl.cache[sheet]
		value := func(cell, formula string) cached {
			v, ok := cells[cell]
			if !ok {
				v = cached{kind: cRef, ref: formula}
			}
			return fl.resolve(sheet, v, 0)
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", sheet, err)
		}
		if y := patchCells(x, value); !bytes.Equal(x, y) {
			out[zf.Name] = y
		}
	}
	return out, nil
}

// sheetParts maps each sheet name of an xlsx to its part name
// (xl/worksheets/sheet3.xml).
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	read := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(rc)
			}
		}
		return nil, fmt.Errorf("no part %s", name)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	b, err := read("xl/workbook.xml")
	if err == nil {
		err = xml.Unmarshal(b, &wb)
	}
	if err != nil {
		return nil, fmt.Errorf("workbook.xml: %w", err)
	}
	if b, err = read("xl/_rels/workbook.xml.rels"); err == nil {
		err = xml.Unmarshal(b, &rels)
	}
	if err != nil {
		return nil, fmt.Errorf("workbook.xml.rels: %w", err)
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					out[s.Name] = strings.TrimPrefix(r.Target, "/")
				} else {
					out[s.Name] = path.Join("xl", r.Target)
				}
			}
		}
	}
	return out, nil
}

// patchCells gives each formula cell of a worksheet's XML whose value is
// known (value of its reference and formula) that value as its cached
// value: <c r="B5" s="3"><f>…</f><v>12.5</v></c> for a number, t="str" for
// text. Other cells are copied as they are.
func patchCells(x []byte, value func(cell, formula string) cached) []byte {
	start := bytes.Index(x, []byte("<sheetData"))
	stop := bytes.LastIndex(x, []byte("</sheetData>"))
	if start < 0 || stop < start {
		return x
	}
	var out bytes.Buffer
	out.Grow(len(x) + len(x)/8)
	out.Write(x[:start])
	i := start
	for {
		j := bytes.Index(x[i:stop], []byte("<c "))
		if j < 0 {
			break
		}
		j += i
		k := bytes.IndexByte(x[j:stop], '>')
		if k < 0 {
			break
		}
		end := j + k
		if x[end-1] == '/' { // an empty <c …/>
			out.Write(x[i : end+1])
			i = end + 1
			continue
		}
		closing := bytes.Index(x[end+1:stop], []byte("</c>"))
		if closing < 0 {
			break
		}
		closing += end + 1
		tag, body := x[j:end+1], x[end+1:closing]
		fEnd := bytes.Index(body, []byte("</f>"))
		var v cached
		if bytes.HasPrefix(body, []byte("<f>")) && fEnd > 0 {
			v = value(attr(tag, "r"), html.UnescapeString(string(body[len("<f>"):fEnd])))
		}
		if v.kind == cNone {
			out.Write(x[i : closing+4])
			i = closing + 4
			continue
		}
		out.Write(x[i:j])
		tag = tAttrRe.ReplaceAll(tag, nil)
		var val string
		switch v.kind {
		case cNumber:
			n := v.num
			if n == 0 {
				n = 0 // no -0
			}
			val = strconv.FormatFloat(n, 'f', -1, 64)
		case cText:
			tag = append(append(append([]byte{}, tag[:len(tag)-1]...), ` t="str"`...), '>')
			var sb strings.Builder
			_ = xml.EscapeText(&sb, []byte(v.text))
			val = sb.String()
		}
		out.Write(tag)
		out.Write(body[:fEnd+len("</f>")])
		out.WriteString("<v>" + val + "</v></c>")
		i = closing + 4
	}
	out.Write(x[i:])
	return out.Bytes()
}

var tAttrRe = regexp.MustCompile(` t="[^"]*"`)

// attr returns the value of attribute name in a start tag.
func attr(tag []byte, name string) string {
	k := []byte(" " + name + `="`)
	i := bytes.Index(tag, k)
	if i < 0 {
		return ""
	}
	rest := tag[i+len(k):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// writePatched writes a zip entry with new content, deflated, under the
// fixed header fields normalizeZip gives every entry.
func writePatched(zw *zip.Writer, h zip.FileHeader, content []byte) error {
	h.Method = zip.Deflate // the sizes and checksum are the new content's, written after it
	fw, err := zw.CreateHeader(&h)
	if err != nil {
		return err
	}
	_, err = fw.Write(content)
	return err
}

// costsTotal is the sum of every cost line, as the Costs sheet's total.
func costsTotal(lines []reportgen.CostLine) kpi.Money {
	var m kpi.Money
	for _, l := range lines {
		m += l.Amount
	}
	return m
}

// actionsTotal is the modelled value of every action, as the Definitions
// sheet's total.
func actionsTotal(as []reportgen.Action) kpi.Money {
	var m kpi.Money
	for _, a := range as {
		m += a.Total
	}
	return m
}

// togetherValue is a figure of the paid-and-organic block.
func togetherValue(tg *reportgen.Scope, key string) cached {
	switch key {
	case "spend", "other_costs", "total_cost", "revenue", "modelled_value", "impressions", "engagements":
		return operandOf(&tg.Inputs, key)
	}
	return vRatio(tg.Values[key])
}

// invoicedTotal sums the converted invoices' net (part 0), tax (1) or
// gross (2), of platform p or, for "", of every platform; invoices without
// a rate are not in the totals.
func invoicedTotal(invs []reportgen.InvoiceLine, part int, p kpi.Platform) cached {
	var m kpi.Money
	for _, inv := range invs {
		if inv.Unconverted || (p != "" && inv.Platform != p) {
			continue
		}
		m += [...]kpi.Money{inv.AmountConv, inv.TaxConv, inv.GrossConv}[part]
	}
	return vMoney(m)
}

// spendOf is the ad spend of platform p, 0 when the report has none.
func (fl *filler) spendOf(p kpi.Platform) cached {
	for i := range fl.r.Platforms {
		if fl.r.Platforms[i].Platform == p {
			return vMoney(fl.r.Platforms[i].Inputs.Spend)
		}
	}
	return vNum(0)
}
