package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"
)

// A dumpedCell is one non-empty cell as the file stores it.
type dumpedCell struct {
	ref     string
	typ     string // the t attribute: "", "s", "str", "inlineStr", "b", "e", "n"
	formula string
	value   string // resolved: shared strings looked up
	cached  bool   // a formula cell with a cached value (a <v> element)
}

// A dumpedSheet is one worksheet's non-empty cells, in file order.
type dumpedSheet struct {
	name  string
	cells []dumpedCell
}

// readWorkbook reads an .xlsx straight from its XML parts, without the
// xlsx library, so the dump shows exactly what Excel will read.
func readWorkbook(tb testing.TB, b []byte) (sheets []dumpedSheet, names [][2]string) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatalf("not a zip: %v", err)
	}
	part := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					tb.Fatal(err)
				}
				defer rc.Close()
				data, err := io.ReadAll(rc)
				if err != nil {
					tb.Fatal(err)
				}
				return data
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name  string `xml:"name,attr"`
			Local string `xml:"localSheetId,attr"`
			Ref   string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	if err := xml.Unmarshal(part("xl/workbook.xml"), &wb); err != nil {
		tb.Fatalf("workbook.xml: %v", err)
	}
	for _, n := range wb.Names {
		names = append(names, [2]string{n.Name, n.Ref})
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(part("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		tb.Fatalf("workbook.xml.rels: %v", err)
	}
	var sst []string
	if data := part("xl/sharedStrings.xml"); data != nil {
		var ss struct {
			SI []struct {
				T string `xml:"t"`
				R []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(data, &ss); err != nil {
			tb.Fatalf("sharedStrings.xml: %v", err)
		}
		for _, si := range ss.SI {
			s := si.T
			for _, r := range si.R {
				s += r.T
			}
			sst = append(sst, s)
		}
	}
	for _, s := range wb.Sheets {
		target := ""
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				target = r.Target
			}
		}
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join("xl", target)
		}
		data := part(target)
		if data == nil {
			tb.Fatalf("sheet %q: no part %s", s.Name, target)
		}
		var ws struct {
			Rows []struct {
				C []struct {
					R  string  `xml:"r,attr"`
					T  string  `xml:"t,attr"`
					F  string  `xml:"f"`
					V  *string `xml:"v"`
					IS struct {
						T string `xml:"t"`
					} `xml:"is"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.Unmarshal(data, &ws); err != nil {
			tb.Fatalf("sheet %q: %v", s.Name, err)
		}
		ds := dumpedSheet{name: s.Name}
		for _, row := range ws.Rows {
			for _, c := range row.C {
				d := dumpedCell{ref: c.R, typ: c.T, formula: c.F, cached: c.V != nil}
				if c.V != nil {
					d.value = *c.V
				}
				switch c.T {
				case "s":
					i, err := strconv.Atoi(d.value)
					if err != nil || i >= len(sst) {
						tb.Fatalf("%s!%s: bad shared string index %q", s.Name, c.R, d.value)
					}
					d.value = sst[i]
				case "inlineStr":
					d.value = c.IS.T
				}
				if d.formula == "" && d.value == "" {
					continue
				}
				ds.cells = append(ds.cells, d)
			}
		}
		sheets = append(sheets, ds)
	}
	return sheets, names
}

// dumpCells renders every sheet's non-empty cells as `Sheet!A1<TAB>value`:
// formulas as `=…`, text quoted (so text that looks like a number or a
// formula is told apart), numbers bare; then the defined names.
func dumpCells(tb testing.TB, b []byte) string {
	tb.Helper()
	sheets, names := readWorkbook(tb, b)
	var sb strings.Builder
	for _, s := range sheets {
		for _, c := range s.cells {
			fmt.Fprintf(&sb, "%s!%s\t%s\n", s.name, c.ref, c.show())
		}
	}
	for _, n := range names {
		fmt.Fprintf(&sb, "name %s\t%s\n", n[0], n[1])
	}
	return sb.String()
}

func (c dumpedCell) show() string {
	switch {
	case c.formula != "":
		return "=" + c.formula
	case c.typ == "s" || c.typ == "inlineStr" || c.typ == "str":
		return strconv.Quote(c.value)
	case c.typ == "b":
		if c.value == "1" {
			return "TRUE"
		}
		return "FALSE"
	case c.typ == "e":
		return "#ERROR " + c.value
	}
	return c.value
}
