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
	files := map[accountDay]map[string]bool{}
	for k, c := range agg.cells {
		ad := accountDay{k.platform, k.account, k.day, k.span}
		if files[ad] == nil {
			files[ad] = map[string]bool{}
		}
		files[ad][c.file] = true
		for _, f := range c.others {
			files[ad][f] = true
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
		ad := accountDay{k.platform, k.account, k.day, k.span}
		groups[strings.Join(slices.Sorted(maps.Keys(files[ad])), "\x00")].same++
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
			ad := accountDay{k.platform, k.account, k.day, k.span}
			keep := newest[ad]
			if keep == "" {
				continue
			}
			switch {
			case c.shares != nil:
				for f, sh := range c.shares {
					if f != keep {
						replaced[f] += sh.rows
					}
				}
				if sh := c.shares[keep]; sh != nil {
					c.totals, c.file, c.n, c.others, c.shares = sh.totals, keep, sh.rows, nil, nil
				} else {
					delete(agg.cells, k)
				}
			case c.file != keep:
				replaced[c.file] += c.n
				delete(agg.cells, k)
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
