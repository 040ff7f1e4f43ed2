// Command genclient writes a complete synthetic client folder for load
// tests and benchmarks: a generated Meta Ads daily, ad-level export of
// -rows rows (gen.MetaDaily), a small cost sheet and a roibook.yaml.
//
//	go run ./internal/gen/genclient -rows 200000 -out /tmp/bench-200k
//	roibook report /tmp/bench-200k
//
// The folder depends only on -rows and -period. An existing folder is
// overwritten file by file; other files in it are left alone.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/roibook/roibook/internal/gen"
	"github.com/roibook/roibook/kpi"
)

func main() {
	rows := flag.Int("rows", 200_000, "data rows of the Meta export")
	out := flag.String("out", "", "client folder to write (created if missing)")
	period := flag.String("period", "2026-10", "the month the export covers: YYYY-MM")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genclient [-rows N] [-period YYYY-MM] -out DIR")
		os.Exit(2)
	}
	if err := write(*out, *rows, *period); err != nil {
		fmt.Fprintln(os.Stderr, "genclient:", err)
		os.Exit(1)
	}
}

func write(dir string, rows int, period string) error {
	p, err := kpi.ParsePeriod(period)
	if err != nil {
		return err
	}
	return gen.Client(dir, rows, p)
}
