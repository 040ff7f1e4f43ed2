// Package xlsxrows reads the rows of one sheet of an .xlsx file (the first,
// or one chosen by name) as text,
// with size limits so that a zip bomb is an error rather than an
// out-of-memory crash. It is the only importer code that uses the xlsx library.
package xlsxrows

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on what an .xlsx input may unpack to.
const (
	MaxUnzipped    = 1 << 30  // all parts together
	MaxXMLInMemory = 64 << 20 // one worksheet or shared-string part held in memory
)

// ErrTooLarge is returned for a file that unpacks past MaxUnzipped.
var ErrTooLarge = errors.New("xlsx unpacks to more than the size limit")

// ErrNoSheet is returned by SetSheet for a sheet name the workbook lacks.
var ErrNoSheet = errors.New("no sheet named")

// File is an open workbook.
type File struct {
	f     *excelize.File
	sheet string
}

// Open reads a workbook from r. It fails on a file that is not an xlsx
// workbook, is encrypted, or unpacks to more than MaxUnzipped bytes.
func Open(r io.Reader) (*File, error) { return open(r, MaxUnzipped) }

func open(r io.Reader, maxUnzipped int64) (*File, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: min(maxUnzipped, MaxXMLInMemory)})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("%w (%d MB)", ErrTooLarge, maxUnzipped>>20)
		}
		return nil, fmt.Errorf("not a readable xlsx workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errors.New("workbook has no sheet")
	}
	return &File{f: f, sheet: sheets[0]}, nil
}

// Sheet returns the name of the sheet that Rows reads: the first one,
// unless SetSheet chose another.
func (x *File) Sheet() string { return x.sheet }

// Sheets returns the names of the workbook's sheets, in workbook order.
func (x *File) Sheets() []string { return x.f.GetSheetList() }

// SetSheet makes Rows read the sheet named name (compared without case and
// surrounding space) instead of the first one. The error lists the
// workbook's sheets when none has that name.
func (x *File) SetSheet(name string) error {
	want := strings.ToLower(strings.TrimSpace(name))
	var names []string
	for _, s := range x.f.GetSheetList() {
		if strings.ToLower(strings.TrimSpace(s)) == want {
			x.sheet = s
			return nil
		}
		names = append(names, fmt.Sprintf("%q", s))
	}
	return fmt.Errorf("%w %q; the workbook has %s", ErrNoSheet, name, strings.Join(names, ", "))
}

// Close releases the workbook and its temporary files.
func (x *File) Close() error { return x.f.Close() }

// Rows iterates over the chosen sheet's rows. Cell values are raw: numbers
// as stored ("42.59"), dates as serial numbers ("46296"), text as is.
type Rows struct {
	rows *excelize.Rows
	cur  []string
	line int
	err  error
}

// Rows starts reading the chosen sheet (see Sheet) from its first row.
func (x *File) Rows() (*Rows, error) {
	rs, err := x.f.Rows(x.sheet)
	if err != nil {
		return nil, err
	}
	return &Rows{rows: rs}, nil
}

// Next advances to the next row; empty rows are returned as empty records.
func (r *Rows) Next() bool {
	if r.err != nil || !r.rows.Next() {
		if r.err == nil {
			r.err = r.rows.Error()
		}
		return false
	}
	r.line++
	r.cur, r.err = r.rows.Columns(excelize.Options{RawCellValue: true})
	return r.err == nil
}

// Record returns the current row's cells.
func (r *Rows) Record() []string { return r.cur }

// Line returns the current 1-based row number.
func (r *Rows) Line() int { return r.line }

// Err returns the error that stopped Next, if any.
func (r *Rows) Err() error { return r.err }

// Close stops the iteration.
func (r *Rows) Close() error { return r.rows.Close() }
