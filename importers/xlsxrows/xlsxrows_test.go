package xlsxrows

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// book returns an xlsx whose first sheet has n rows of two cells.
func book(t *testing.T, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i := 1; i <= n; i++ {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("campaign %d with a long padded name", i), float64(i) + 0.25}); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRows(t *testing.T) {
	x, err := Open(bytes.NewReader(book(t, 3)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rs, err := x.Rows()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rs.Next() {
		got = append(got, fmt.Sprintf("%d:%v", rs.Line(), rs.Record()))
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	want := "[1:[campaign 1 with a long padded name 1.25] 2:[campaign 2 with a long padded name 2.25] 3:[campaign 3 with a long padded name 3.25]]"
	if fmt.Sprint(got) != want {
		t.Errorf("rows = %v, want %s", got, want)
	}
}

// TestOpen_SizeLimit: a workbook that unpacks past the limit (a zip bomb
// in miniature) is ErrTooLarge, not an allocation of whatever it claims.
func TestOpen_SizeLimit(t *testing.T) {
	data := book(t, 5000) // ~400 KB of sheet XML, a fraction of that zipped
	if _, err := open(bytes.NewReader(data), 64<<10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("open with a 64 KB limit: %v, want ErrTooLarge", err)
	}
	x, err := open(bytes.NewReader(data), MaxUnzipped)
	if err != nil {
		t.Fatalf("open within the limit: %v", err)
	}
	x.Close()
	if _, err := Open(bytes.NewReader([]byte("PK\x03\x04 not really a zip"))); err == nil {
		t.Error("Open of a broken zip succeeded")
	}
}
