package importers

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/roibook/roibook/importers/xlsxrows"
)

// HeadRows is how many records of a file detection looks at.
const HeadRows = 15

// maxXLSXSize is the largest .xlsx input read: excelize holds it in memory.
const maxXLSXSize = 256 << 20

// Encodings an input can have.
const (
	UTF8        = "utf-8"
	UTF8BOM     = "utf-8-bom"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	Windows1252 = "windows-1252"
)

// An Input is one export file, sniffed and ready to be read (more than once:
// Head for detection, Rows for the import).
type Input struct {
	Name      string // as the user gave it; used in every message
	Format    string // "csv" (any delimiter) or "xlsx"
	Encoding  string // one of the encodings above; "" for xlsx
	Delimiter rune   // ',', ';' or '\t'; 0 for xlsx
	Size      int64

	// Head holds the first HeadRows records, decoded, with the BOM removed
	// and each cell as written. HeadLines holds their 1-based line numbers.
	Head      [][]string
	HeadLines []int

	open func() (io.ReadCloser, error)
	sum  string // SHA-256 of the bytes, once a Rows stream has read them all

	sheet string // the xlsx sheet read; "" for the first one (see OpenSheet)
}

// Open sniffs the file at path: xlsx or text, its encoding and delimiter,
// and reads its head.
func Open(path string) (*Input, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	return newInput(path, st.Size(), open)
}

// OpenBytes is Open for a file already in memory.
func OpenBytes(name string, data []byte) (*Input, error) {
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return newInput(name, int64(len(data)), open)
}

// SHA256 returns the hex SHA-256 of the file's bytes. After an import
// has read the file to its end the checksum is already known; otherwise
// the file is read once more.
func (in *Input) SHA256() (string, error) {
	if in.sum != "" {
		return in.sum, nil
	}
	f, err := in.open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", in.Name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func newInput(name string, size int64, open func() (io.ReadCloser, error)) (*Input, error) {
	in := &Input{Name: name, Size: size, open: open}
	f, err := open()
	if err != nil {
		return nil, err
	}
	sniff := make([]byte, 64<<10)
	n, err := io.ReadFull(f, sniff)
	f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sniff = sniff[:n]
	switch {
	case bytes.HasPrefix(sniff, []byte("PK\x03\x04")):
		in.Format = "xlsx"
	case bytes.HasPrefix(sniff, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%s: %w: save it as .xlsx in Excel and run again", name, ErrLegacyXLS)
	default:
		in.Format = "csv"
		in.Encoding = sniffEncoding(sniff)
	}
	if in.Format == "csv" {
		in.Delimiter = sniffDelimiter(in.decodeHead(sniff))
	}
	rows, err := in.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for len(in.Head) < HeadRows && rows.Next() {
		rec := append([]string(nil), rows.Record()...)
		in.Head = append(in.Head, rec)
		in.HeadLines = append(in.HeadLines, rows.Line())
	}
	// A parse error this early is reported by the import, with its line.
	return in, nil
}

// sniffEncoding tells the encoding from the first bytes: a BOM, or the
// pattern of zero bytes of BOM-less UTF-16, or invalid UTF-8 (Windows-1252).
func sniffEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return UTF16LE
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return UTF16BE
	}
	probe := b
	if len(probe) > 4096 {
		probe = probe[:4096]
	}
	if len(probe) >= 4 {
		var evenZero, oddZero int
		for i, c := range probe {
			if c == 0 {
				if i%2 == 0 {
					evenZero++
				} else {
					oddZero++
				}
			}
		}
		half := len(probe) / 2
		if oddZero > half*2/5 && evenZero < half/10 {
			return UTF16LE
		}
		if evenZero > half*2/5 && oddZero < half/10 {
			return UTF16BE
		}
	}
	// Cut a rune split at the end of the sniffed block before validating.
	valid := b
	for i := 0; i < 3 && len(valid) > 0 && !utf8.Valid(valid); i++ {
		valid = valid[:len(valid)-1]
	}
	if !utf8.Valid(valid) {
		return Windows1252
	}
	return UTF8
}

// decodeHead decodes the sniffed bytes for delimiter detection.
func (in *Input) decodeHead(b []byte) string {
	r := in.decoder(bytes.NewReader(b))
	out, _ := io.ReadAll(r)
	return string(out)
}

func (in *Input) decoder(r io.Reader) io.Reader {
	switch in.Encoding {
	case UTF8BOM:
		br := bufio.NewReaderSize(r, 64<<10)
		br.Discard(3)
		return br
	case UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder())
	case Windows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder())
	}
	return r
}

// sniffDelimiter picks tab when a line of the head has a tab outside
// quotes. Otherwise each line votes for ';' or ',', whichever it has more of
// outside quotes, and ';' wins only with more votes: a semicolon file with
// decimal commas ("Kampagne;12,50") still has a header of semicolons only.
func sniffDelimiter(head string) rune {
	lines := strings.SplitN(head, "\n", HeadRows+1)
	commaVotes, semiVotes := 0, 0
	for _, l := range lines[:min(len(lines), HeadRows)] {
		var tabs, commas, semis int
		inQuote := false
		for _, c := range l {
			switch {
			case c == '"':
				inQuote = !inQuote
			case inQuote:
			case c == '\t':
				tabs++
			case c == ',':
				commas++
			case c == ';':
				semis++
			}
		}
		if tabs > 0 {
			return '\t'
		}
		switch {
		case semis > commas:
			semiVotes++
		case commas > semis:
			commaVotes++
		}
	}
	if semiVotes > commaVotes {
		return ';'
	}
	return ','
}

// Rows is a stream of records from an input.
type Rows interface {
	Next() bool
	// Record returns the current record; it is valid until the next Next.
	Record() []string
	// Line returns the 1-based line where the current record starts
	// (the row number in an xlsx sheet).
	Line() int
	// Err returns what stopped Next: nil at the end of the file, or a
	// *ParseError naming the file and line.
	Err() error
	Close() error
}

// Rows opens a new stream over the input's records from the first line.
func (in *Input) Rows() (Rows, error) {
	f, err := in.open()
	if err != nil {
		return nil, err
	}
	// The bytes are hashed as they are read, so that the checksum of an
	// input read to its end costs no second pass over the file.
	h := sha256.New()
	src := io.TeeReader(f, h)
	done := func() { in.sum = hex.EncodeToString(h.Sum(nil)) }
	if in.Format == "xlsx" {
		defer f.Close()
		if in.Size > maxXLSXSize {
			return nil, fmt.Errorf("%s: %w: %d MB, limit %d MB", in.Name, ErrTooLarge, in.Size>>20, maxXLSXSize>>20)
		}
		x, err := xlsxrows.Open(src) // reads the whole file
		if err != nil {
			if errors.Is(err, xlsxrows.ErrTooLarge) {
				return nil, fmt.Errorf("%s: %w: %v", in.Name, ErrTooLarge, err)
			}
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		done()
		if in.sheet != "" {
			if err := x.SetSheet(in.sheet); err != nil {
				x.Close()
				return nil, fmt.Errorf("%s: %w", in.Name, err)
			}
		}
		rs, err := x.Rows()
		if err != nil {
			x.Close()
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		return &xlsxStream{Rows: rs, file: x, name: in.Name}, nil
	}
	cr := csv.NewReader(bufio.NewReaderSize(in.decoder(src), 64<<10))
	cr.Comma = in.Delimiter
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvStream{r: cr, f: f, name: in.Name, checkUTF8: in.Encoding == UTF8 || in.Encoding == UTF8BOM, atEOF: done}, nil
}

type csvStream struct {
	// checkUTF8 makes a byte that is not UTF-8 an error: the encoding was
	// sniffed from the file's first 64 KB, and a Windows-1252 "é" further
	// down must not become "�" in a campaign name.
	checkUTF8 bool
	atEOF     func() // called once the whole file has been read
	r         *csv.Reader
	f         io.Closer
	name      string
	rec       []string
	line      int
	err       error
}

func (s *csvStream) Next() bool {
	if s.err != nil {
		return false
	}
	rec, err := s.r.Read()
	if err != nil {
		if err == io.EOF {
			s.atEOF()
		} else {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				s.err = &ParseError{File: s.name, Line: pe.StartLine, Field: -1, Err: ErrBadRow,
					Want: fmt.Sprintf("well-formed CSV (line %d, column %d: %v)", pe.Line, pe.Column, pe.Err)}
			} else {
				s.err = fmt.Errorf("%s: %w", s.name, err)
			}
		}
		return false
	}
	s.line, _ = s.r.FieldPos(0)
	if s.checkUTF8 {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				line, _ := s.r.FieldPos(i)
				s.err = &ParseError{File: s.name, Line: line, Field: -1, Err: ErrBadRow,
					Want: fmt.Sprintf("text in UTF-8, got a byte that is not (column %s): the file mixes encodings; save it again as UTF-8 CSV", ColumnLetter(i))}
				return false
			}
		}
	}
	if len(rec) > 0 && s.line <= 1 {
		rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
	}
	s.rec = rec
	return true
}

func (s *csvStream) Record() []string { return s.rec }
func (s *csvStream) Line() int        { return s.line }
func (s *csvStream) Err() error       { return s.err }
func (s *csvStream) Close() error     { return s.f.Close() }

type xlsxStream struct {
	*xlsxrows.Rows
	file *xlsxrows.File
	name string
}

func (s *xlsxStream) Err() error {
	if err := s.Rows.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", s.name, s.Line(), err)
	}
	return nil
}

func (s *xlsxStream) Close() error {
	s.Rows.Close()
	return s.file.Close()
}

// OpenSheet is Open for one named sheet of an .xlsx workbook: Head and Rows
// read that sheet instead of the first one. The name is compared without
// case and surrounding space; the error lists the workbook's sheets when
// none has it. A workbook such as a LinkedIn page "updates" export holds
// two tables (daily metrics first, one row per post second): Open reads
// the first, OpenSheet(path, "Update engagement") the other. A file that
// is not an .xlsx workbook is an error.
func OpenSheet(path, sheet string) (*Input, error) {
	in, err := Open(path)
	if err != nil {
		return nil, err
	}
	return in.withSheet(sheet)
}

// OpenBytesSheet is OpenSheet for a file already in memory.
func OpenBytesSheet(name string, data []byte, sheet string) (*Input, error) {
	in, err := OpenBytes(name, data)
	if err != nil {
		return nil, err
	}
	return in.withSheet(sheet)
}

// Sheet returns the name of the sheet an .xlsx input reads as given to
// OpenSheet, or "" when it reads the first sheet (and for text files).
func (in *Input) Sheet() string { return in.sheet }

// withSheet points in at the named sheet and reads its head again.
func (in *Input) withSheet(sheet string) (*Input, error) {
	if in.Format != "xlsx" {
		return nil, fmt.Errorf("%s: sheet %q: only an .xlsx workbook has sheets", in.Name, sheet)
	}
	in.sheet = sheet
	in.Head, in.HeadLines = nil, nil
	rows, err := in.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for len(in.Head) < HeadRows && rows.Next() {
		in.Head = append(in.Head, append([]string(nil), rows.Record()...))
		in.HeadLines = append(in.HeadLines, rows.Line())
	}
	return in, nil
}
