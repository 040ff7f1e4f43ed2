package importers

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel causes, for callers that branch with errors.Is.
var (
	ErrUnknownPlatform   = errors.New("unrecognized export")
	ErrAmbiguousPlatform = errors.New("ambiguous export")
	ErrMissingColumn     = errors.New("missing column")
	ErrBadNumber         = errors.New("bad number")
	ErrBadDate           = errors.New("bad date")
	ErrBadRow            = errors.New("bad row")
	ErrTooLarge          = errors.New("file too large")
	ErrNoCurrency        = errors.New("no currency")
	ErrRowCount          = errors.New("row count mismatch")
)

// ErrLegacyXLS is the cause of opening a legacy binary Excel file (OLE2,
// magic bytes D0 CF 11 E0 A1 B1 1A E1). No Go reader of the format is
// both maintained and free of known panics on real files, so roibook asks
// for the file saved as .xlsx instead.
var ErrLegacyXLS = errors.New("a legacy Excel .xls file; roibook reads .xlsx")

// A ParseError is a bad value in an export. It prints as
//
//	FILE:LINE: column L "Header": got "VALUE", want WHAT
type ParseError struct {
	File   string // as the user gave it
	Line   int    // 1-based
	Field  int    // 0-based column; -1 when the error is about the whole row
	Header string
	Value  string
	Want   string
	Err    error // sentinel cause, returned by Unwrap
}

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	if e.Field >= 0 {
		fmt.Fprintf(&b, "column %s %q: ", ColumnLetter(e.Field), e.Header)
		fmt.Fprintf(&b, "got %q, want %s", e.Value, e.Want)
	} else {
		b.WriteString(e.Want)
	}
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// ColumnLetter returns the spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
func ColumnLetter(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

// maxErrors is how many bad values one file reports before "... and N more".
const maxErrors = 20

// errorList collects a file's bad values.
type errorList struct {
	errs []error
	more int
}

func (l *errorList) add(err error) {
	if len(l.errs) < maxErrors {
		l.errs = append(l.errs, err)
		return
	}
	l.more++
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	errs := l.errs
	if l.more > 0 {
		errs = append(errs[:len(errs):len(errs)], fmt.Errorf("... and %d more", l.more))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
