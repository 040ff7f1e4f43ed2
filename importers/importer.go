// Package importers reads platform exports into normalized kpi.Records.
//
// Each platform is one file holding its column aliases, its quirks and a
// comment quoting a real header. Detection reads the head of a file (its
// encoding, preamble and header), never its name. Imports stream: each
// record goes to an emit function as it is read, so a million-row export is
// never held in memory, and the returned kpi.FileStats account for every row
// (used, outside the period, skipped with a reason, or rejected).
//
// Adding a platform:
//
//  1. Put anonymised real-format exports in testdata/<platform>/, one quirk
//     per file, and record their origin in testdata/<platform>/README.
//  2. Write <platform>.go (column aliases and quirks) and add it to All.
//  3. Run `go test ./importers -update`, read the new goldens, commit them.
//  4. Add Fuzz<Platform> seeded from the fixtures and run it for a minute.
//  5. Add the platform to the README's list of supported exports.
package importers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/roibook/roibook/kpi"
)

// A Detector recognizes one kind of file from its head.
type Detector interface {
	// Platform names what the detector recognizes ("meta_ads", "costs").
	Platform() kpi.Platform
	// Detect reports whether in's head (encoding, preamble, header) is this
	// platform's export. It must not read in's rows.
	Detect(in *Input) bool
}

// An Importer reads one platform's export into normalized records.
type Importer interface {
	Detector
	// Import reads every row of in and passes each used record to emit, in
	// file order, in the file's currency. Stats are returned even with an
	// error, so that a caller can show what was rejected. An error from
	// emit stops the import and is returned as is.
	Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error)
}

// Options control an import.
type Options struct {
	// Period is the report period: rows outside it are counted, not
	// emitted. The zero Period keeps every row.
	Period kpi.Period
	// SkipBadRows rejects a malformed row with its reason and goes on
	// (on_bad_rows: skip). By default a malformed row fails the import.
	SkipBadRows bool
	// Currency is used when the export states no currency of its own.
	Currency string
	// RequireCurrency fails an import whose export states no currency when
	// Currency is empty too. Without it the records' Currency stays empty
	// and FileStats say so.
	RequireCurrency bool
	// ChannelRules map web traffic sources (GA4 source / medium, CRM
	// sources) to platforms. They are tried before DefaultChannelRules.
	ChannelRules []ChannelRule
	// Compare are periods outside Period whose rows are emitted too, for
	// the report's previous-period and year-ago comparisons. Such a row
	// still counts as outside the period (FileStats.OutsidePeriod), and in
	// FileStats.Comparison; the caller routes records by their day.
	Compare []kpi.Period
}

// All returns every record importer. Adding a platform is one file plus
// one line here.
func All() []Importer {
	return []Importer{Meta{}, GoogleAds{}, LinkedIn{}, TikTok{},
		Microsoft{}, XAds{}, Pinterest{}, Snapchat{},
		MetaPosts{}, LinkedInPage{},
		XOrganic{}, YouTube{},
		GA4{}, CRM{},
	}
}

// Detectors returns every detector: the record importers, the cost sheet,
// the invoice sheet and the exchange-rate files.
func Detectors() []Detector {
	var ds []Detector
	for _, im := range All() {
		ds = append(ds, im)
	}
	return append(ds, CostSheet{}, InvoiceSheet{}, FXSheet{})
}

// Detect returns the one detector in from that accepts in. The error wraps
// ErrUnknownPlatform when none does and ErrAmbiguousPlatform when several do.
func Detect(in *Input, from []Detector) (Detector, error) {
	var hits []Detector
	for _, d := range from {
		if d.Detect(in) {
			hits = append(hits, d)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		var known []string
		for _, d := range from {
			known = append(known, string(d.Platform()))
		}
		sort.Strings(known)
		return nil, fmt.Errorf("%s: %w (%s); known: %s", in.Name, ErrUnknownPlatform, describeHead(in), strings.Join(known, ", "))
	}
	var names []string
	for _, d := range hits {
		names = append(names, string(d.Platform()))
	}
	sort.Strings(names)
	return nil, fmt.Errorf("%s: %w: matches %s", in.Name, ErrAmbiguousPlatform, strings.Join(names, " and "))
}

// ByPlatform returns the detector in from named p.
func ByPlatform(p kpi.Platform, from []Detector) (Detector, error) {
	for _, d := range from {
		if d.Platform() == p {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownPlatform, p)
}

// describeHead quotes the first non-empty line of in for an error message.
func describeHead(in *Input) string {
	if in.Format == "csv" && in.Encoding != "" && len(in.Head) == 0 {
		return "no readable rows"
	}
	for _, rec := range in.Head {
		if !isBlank(rec) {
			line := strings.Join(rec, string(max(in.Delimiter, ',')))
			if len(line) > 120 {
				line = line[:117] + "..."
			}
			return fmt.Sprintf("first line %q", line)
		}
	}
	return "empty file"
}
