package workbook_test

import (
	"io"
	"testing"
	"time"

	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
)

// BenchmarkFill fills a 100k-row report (the Data sheet is streamed).
func BenchmarkFill(b *testing.B) {
	r := bigReport(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := workbook.Fill(io.Discard, templates.Workbook, r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFill_200kRows checks that 200k Data rows fill in a few seconds.
func TestFill_200kRows(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: fills 200k rows (and timing means nothing under -race)")
	}
	r := bigReport(t, 200_000)
	if len(r.Rows) != 200_000 {
		t.Fatalf("report has %d rows, want 200000", len(r.Rows))
	}
	cpu0, start := cpuTime(), time.Now()
	var out countWriter
	if err := workbook.Fill(&out, templates.Workbook, r); err != nil {
		t.Fatal(err)
	}
	d, cpu := time.Since(start), cpuTime()-cpu0
	t.Logf("Fill, 200k rows: %v wall, %v CPU, %.1f MB", d.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(out)/1e6)
	// CPU time, not wall time: a loaded CI machine must not fail this.
	if cpu > 20*time.Second {
		t.Errorf("Fill of 200k rows took %v of CPU", cpu)
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
