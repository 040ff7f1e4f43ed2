package engine_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/roibook/roibook/engine"
	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/internal/gen"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// benchMonth is the month of the generated exports.
var benchMonth = kpi.Month(2026, 10)

// BenchmarkImportAggregate reads a generated 1M-row Meta Ads daily,
// ad-level export from disk (open, detect, import into the aggregator) and
// builds the report model: everything of a report but the workbook and
// the deck. The file is written once, before the timed loop.
func BenchmarkImportAggregate(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "meta_daily.csv")
	writeMetaDaily(b, path, rows)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	opts := importers.Options{Period: benchMonth, RequireCurrency: true}
	ropts := reportgen.Options{Client: "Bench Client", Currency: "EUR", Period: benchMonth, Choices: kpi.DefaultChoices()}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		in, err := importers.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := importers.Detect(in, importers.Detectors())
		if err != nil {
			b.Fatal(err)
		}
		im, ok := d.(importers.Importer)
		if !ok {
			b.Fatalf("detected %s, want an export", d.Platform())
		}
		agg := reportgen.NewAggregator("EUR", nil)
		fs, err := im.Import(in, opts, agg.Add)
		if err != nil {
			b.Fatal(err)
		}
		if fs.Used != rows {
			b.Fatalf("used %d rows, want %d", fs.Used, rows)
		}
		if _, err := reportgen.Build(ropts, agg, nil, []kpi.FileStats{*fs}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReport200k runs a whole report (configuration, import, model,
// workbook and deck, written to disk) on a generated client folder with a
// 200k-row Meta export.
func BenchmarkReport200k(b *testing.B) {
	const rows = 200_000
	dir := writeBenchClient(b, rows)
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		res, err := engine.Report(context.Background(), engine.ReportOptions{Config: dir, OutDir: out})
		if err != nil {
			b.Fatal(err)
		}
		if res.Workbook == "" || res.Deck == "" {
			b.Fatalf("wrote workbook %q and deck %q, want both", res.Workbook, res.Deck)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestBenchClient keeps the benchmarks' fixture working: a small generated
// client folder reports with every row used.
func TestBenchClient(t *testing.T) {
	const rows = 2_000
	dir := writeBenchClient(t, rows)
	res, err := engine.Report(context.Background(), engine.ReportOptions{Config: dir, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	used := 0
	for _, s := range res.Report.Sources {
		if s.Platform == kpi.MetaAds {
			used += s.Used
		}
	}
	if used != rows {
		t.Errorf("Report used %d Meta rows, want %d", used, rows)
	}
	if len(res.Report.Costs) != 6 {
		t.Errorf("Report has %d cost lines, want 6", len(res.Report.Costs))
	}
}

// writeMetaDaily writes a generated Meta daily export of rows rows to path.
func writeMetaDaily(tb testing.TB, path string, rows int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := gen.MetaDaily(bw, rows, benchMonth); err != nil {
		tb.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// writeBenchClient writes the client folder genclient writes and returns
// its path.
func writeBenchClient(tb testing.TB, rows int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := gen.Client(dir, rows, benchMonth); err != nil {
		tb.Fatal(err)
	}
	return dir
}
