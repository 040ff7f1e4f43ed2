package reportgen

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// The overlap policies of Options.OnOverlap.
const (
	OverlapAdd    = "add"    // both files count, with a warning
	OverlapNewest = "newest" // the newer file replaces the older for the days both report
	OverlapError  = "error"  // the report fails
)

// accountDay is the unit of an overlap: one platform's account on one day
// (or span). Two exports reporting the same account-day are either split
// by campaign (fine) or overlapping (figures counted twice).
type accountDay struct {
	platform kpi.Platform
	account  string
	day      time.Time
	span     kpi.Period
	posts    bool // post-level rows: a page's daily export and its posts export do not overlap
}

// An overlap is the account-days two or more files both report.
type overlap struct {
	files []string // sorted
	days  int
	same  int // rows of the same campaign and day fed by several files
}

// resolveOverlaps finds the account-days that several files report and
// applies the policy. With OverlapNewest, each such account-day keeps the
// rows of its newest file only (rank: higher is newer) and the rows of the
// others are dropped and counted in replaced (file → rows). It returns the
// warnings to show.
func resolveOverlaps(agg *Aggregator, policy string, rank map[string]int) (warnings []string, replaced map[string]int, err error) {
	// The metrics each file reports for each account-day: two files with
	// no metric in common (a page's followers export and its updates
	// export) complement each other and do not overlap.
	reported := map[accountDay]map[string]kpi.Fields{}
	for k, c := range agg.cells {
		ad := accountDay{k.platform, k.account, k.day, k.span, k.post != ""}
		if reported[ad] == nil {
			reported[ad] = map[string]kpi.Fields{}
		}
		if c.shares == nil {
			reported[ad][c.file] |= c.totals.Has
			continue
		}
		for f, sh := range c.shares {
			reported[ad][f] |= sh.totals.Has
		}
	}
	files := map[accountDay]map[string]bool{}
	for ad, has := range reported {
		for f, h := range has {
			for g, i := range has {
				if f != g && h&i != 0 {
					if files[ad] == nil {
						files[ad] = map[string]bool{}
					}
					files[ad][f] = true
				}
			}
		}
	}
	groups := map[string]*overlap{}
	newest := map[accountDay]string{}
	for ad, fs := range files {
		if len(fs) < 2 {
			continue
		}
		names := slices.Sorted(maps.Keys(fs))
		key := strings.Join(names, "\x00")
		g := groups[key]
		if g == nil {
			g = &overlap{files: names}
			groups[key] = g
		}
		g.days++
		newest[ad] = slices.MaxFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(rank[a], rank[b]), cmp.Compare(a, b)) })
	}
	if len(groups) == 0 {
		return nil, nil, nil
	}
	for k, c := range agg.cells {
		if len(c.others) == 0 {
			continue
		}
		ad := accountDay{k.platform, k.account, k.day, k.span, k.post != ""}
		if g := groups[strings.Join(slices.Sorted(maps.Keys(files[ad])), "\x00")]; g != nil {
			g.same++
		}
	}
	var descs []string
	for _, g := range groups {
		d := fmt.Sprintf("%s report the same account on %d %s", strings.Join(g.files, " and "), g.days, plural(g.days, "day", "days"))
		if g.same > 0 {
			d += fmt.Sprintf(", %d %s of the same campaign and day", g.same, plural(g.same, "row", "rows"))
		}
		descs = append(descs, d)
	}
	slices.Sort(descs)
	switch policy {
	case OverlapError:
		return nil, nil, fmt.Errorf("overlapping exports: %s; remove one, or set on_overlap: newest (the newer file replaces the older for those days) or add (both count) in roibook.yaml", strings.Join(descs, "; "))
	case OverlapNewest:
		replaced = map[string]int{}
		for k, c := range agg.cells {
			ad := accountDay{k.platform, k.account, k.day, k.span, k.post != ""}
			keep := newest[ad]
			if keep == "" {
				continue
			}
			if c.shares == nil {
				if c.file != keep && files[ad][c.file] {
					replaced[c.file] += c.n
					delete(agg.cells, k)
				}
				continue
			}
			// Keep the newest file's part and the parts of files that do
			// not overlap (other metrics); drop the rest.
			var kept kpi.Totals
			var keptFiles []string
			rows := 0
			for _, f := range slices.Sorted(maps.Keys(c.shares)) {
				sh := c.shares[f]
				if f != keep && files[ad][f] {
					replaced[f] += sh.rows
					continue
				}
				kept.Merge(sh.totals)
				keptFiles = append(keptFiles, f)
				rows += sh.rows
			}
			if len(keptFiles) == 0 {
				delete(agg.cells, k)
				continue
			}
			c.totals, c.file, c.n, c.others = kept, keptFiles[0], c.shares[keptFiles[0]].rows, keptFiles[1:]
			if len(keptFiles) == 1 {
				c.shares = nil
			}
		}
		for _, d := range descs {
			warnings = append(warnings, "on_overlap: newest: "+d+"; the newer file's rows are used for those days")
		}
		return warnings, replaced, nil
	}
	for _, d := range descs {
		warnings = append(warnings, d+": both are added up (on_overlap: add); if they hold the same campaigns, figures are counted twice")
	}
	return warnings, nil, nil
}
