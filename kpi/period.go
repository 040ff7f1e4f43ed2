package kpi

import (
	"fmt"
	"strings"
	"time"
)

// A Period is a closed range of calendar days, both ends included, at UTC midnight.
type Period struct {
	From, To time.Time
}

// Day returns the UTC midnight of y-m-d.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Month returns the period covering the whole month y-m.
func Month(y int, m time.Month) Period {
	from := Day(y, m, 1)
	return Period{From: from, To: from.AddDate(0, 1, -1)}
}

// ParsePeriod parses "2026-10" (a month) or "2026-10-01..2026-10-15".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if from, to, ok := strings.Cut(s, ".."); ok {
		f, err1 := time.Parse(time.DateOnly, strings.TrimSpace(from))
		t, err2 := time.Parse(time.DateOnly, strings.TrimSpace(to))
		if err1 != nil || err2 != nil || t.Before(f) {
			return Period{}, fmt.Errorf("period %q: want YYYY-MM or YYYY-MM-DD..YYYY-MM-DD", s)
		}
		return Period{From: f, To: t}, nil
	}
	m, err := time.Parse("2006-01", s)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: want YYYY-MM or YYYY-MM-DD..YYYY-MM-DD", s)
	}
	return Month(m.Year(), m.Month()), nil
}

// IsZero reports whether p is unset.
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Contains reports whether day d (UTC midnight) lies in p.
func (p Period) Contains(d time.Time) bool { return !d.Before(p.From) && !d.After(p.To) }

// Covers reports whether q lies wholly inside p.
func (p Period) Covers(q Period) bool { return p.Contains(q.From) && p.Contains(q.To) }

// Days returns the number of days in p, both ends included.
func (p Period) Days() int {
	if p.IsZero() {
		return 0
	}
	return int(p.To.Sub(p.From).Hours()/24) + 1
}

// IsMonth reports whether p is exactly one calendar month.
func (p Period) IsMonth() bool {
	return p.From.Day() == 1 && p.To.Equal(p.From.AddDate(0, 1, -1))
}

// Slug returns "2026-10" for a whole month, else "2026-10-01_2026-10-15"; it is
// used in output file names.
func (p Period) Slug() string {
	if p.IsMonth() {
		return p.From.Format("2006-01")
	}
	return p.From.Format(time.DateOnly) + "_" + p.To.Format(time.DateOnly)
}

// String returns "2026-10" for a whole month, else "2026-10-01..2026-10-15".
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	if p.IsMonth() {
		return p.From.Format("2006-01")
	}
	return p.From.Format(time.DateOnly) + ".." + p.To.Format(time.DateOnly)
}

// Label returns a human form: "October 2026" or "1 Oct 2026 – 15 Oct 2026".
func (p Period) Label() string {
	if p.IsZero() {
		return ""
	}
	if p.IsMonth() {
		return p.From.Format("January 2006")
	}
	return p.From.Format("2 Jan 2006") + " – " + p.To.Format("2 Jan 2006")
}
