package importers_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestOpen_Sniffing(t *testing.T) {
	const text = "Campaign name;Amount spent (EUR)\nHerbst Kampagne;12,50\n"
	tests := []struct {
		name      string
		data      []byte
		encoding  string
		delimiter rune
		cell      string // Head[1][0]
	}{
		{"utf-8", []byte("a,b\nx,1\n"), importers.UTF8, ',', "x"},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "a,b\nx,1\n"...), importers.UTF8BOM, ',', "x"},
		{"utf-16le bom tab", utf16le("a\tb\nMünchen\t1\n", true), importers.UTF16LE, '\t', "München"},
		{"utf-16le without bom", utf16le("a\tb\nMünchen\t1\n", false), importers.UTF16LE, '\t', "München"},
		{"windows-1252", []byte("a;b\nM\xfcnchen \x80;1\n"), importers.Windows1252, ';', "München €"},
		{"semicolon", []byte(text), importers.UTF8, ';', "Herbst Kampagne"},
		{"comma inside quotes is not a delimiter", []byte("\"a;b\";c;d\nx;y;z\n"), importers.UTF8, ';', "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("f.csv", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if in.Encoding != tc.encoding || in.Delimiter != tc.delimiter {
				t.Errorf("encoding %q delimiter %q, want %q %q", in.Encoding, in.Delimiter, tc.encoding, tc.delimiter)
			}
			if len(in.Head) < 2 || in.Head[1][0] != tc.cell {
				t.Errorf("Head = %q, want second row to start with %q", in.Head, tc.cell)
			}
			if strings.HasPrefix(in.Head[0][0], "\ufeff") {
				t.Errorf("BOM kept in the first cell: %q", in.Head[0][0])
			}
		})
	}
}

func TestOpen_LegacyXLS(t *testing.T) {
	_, err := importers.OpenBytes("page.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	if err == nil || !strings.Contains(err.Error(), "save it as .xlsx") {
		t.Errorf("legacy .xls: %v, want a message asking to save as .xlsx", err)
	}
}

func TestRows_MalformedCSVNamesFileAndLine(t *testing.T) {
	in, err := importers.OpenBytes("bad.csv", []byte("a,b\nx,1\n\"unterminated,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := in.Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
	}
	var pe *importers.ParseError
	if err := rows.Err(); !errors.As(err, &pe) || pe.Line != 3 || !strings.HasPrefix(err.Error(), "bad.csv:3: ") {
		t.Errorf("Err() = %v, want a ParseError at bad.csv:3", err)
	}
}

type fake struct {
	p  kpi.Platform
	ok bool
}

func (f fake) Platform() kpi.Platform       { return f.p }
func (f fake) Detect(*importers.Input) bool { return f.ok }

func TestDetect(t *testing.T) {
	in, err := importers.OpenBytes("export.csv", []byte("Date,Foo,Bar\n2026-10-01,1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = importers.Detect(in, []importers.Detector{fake{"b", true}, fake{"a", true}})
	if !errors.Is(err, importers.ErrAmbiguousPlatform) || err.Error() != "export.csv: ambiguous export: matches a and b" {
		t.Errorf("two matches: %v", err)
	}
	_, err = importers.Detect(in, importers.Detectors())
	want := `export.csv: unrecognized export (first line "Date,Foo,Bar"); known: costs, google_ads, linkedin_ads, meta_ads, microsoft_ads, pinterest_ads, snapchat_ads, tiktok_ads, x_ads`
	if !errors.Is(err, importers.ErrUnknownPlatform) || err.Error() != want {
		t.Errorf("no match: %v\nwant %s", err, want)
	}
	d, err := importers.Detect(in, []importers.Detector{fake{"a", false}, fake{"b", true}})
	if err != nil || d.Platform() != "b" {
		t.Errorf("one match: %v, %v", d, err)
	}
}

// TestRows_InvalidUTF8AfterTheSniff: a Windows-1252 byte beyond the sniffed
// head of a file taken for UTF-8 is an error with its line, never a "�".
func TestRows_InvalidUTF8AfterTheSniff(t *testing.T) {
	var b strings.Builder
	b.WriteString("Campaign name,Amount spent (EUR)\n")
	n := 2
	for b.Len() < 70<<10 {
		b.WriteString("Autumn,1.00\n")
		n++
	}
	b.WriteString("Caf\xe9,2.00\n")
	in, err := importers.OpenBytes("late.csv", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if in.Encoding != importers.UTF8 {
		t.Fatalf("sniffed %s, want utf-8 from the first 64 KB", in.Encoding)
	}
	rows, _ := in.Rows()
	defer rows.Close()
	for rows.Next() {
	}
	var pe *importers.ParseError
	if err := rows.Err(); !errors.As(err, &pe) || pe.Line != n || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("Err() = %v, want a UTF-8 error on line %d", err, n)
	}
}

// TestSHA256: the checksum is that of the file's bytes, whether the rows
// were read to the end (hashed on the way) or not (read again).
func TestSHA256(t *testing.T) {
	for _, file := range []string{"testdata/linkedin_ads/daily_breakdown.csv", "testdata/meta_ads/xlsx_text_dates.xlsx", "testdata/meta_ads/bom_ads_reporting.csv"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%x", sha256.Sum256(data))
		fresh := mustOpen(t, file)
		if got, _ := fresh.SHA256(); got != want {
			t.Errorf("%s: SHA256 before reading = %s, want %s", file, got, want)
		}
		read := mustOpen(t, file)
		rows, err := read.Rows()
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
		if got, _ := read.SHA256(); got != want {
			t.Errorf("%s: SHA256 after reading = %s, want %s", file, got, want)
		}
	}
}
