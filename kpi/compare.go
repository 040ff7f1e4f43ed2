package kpi

import "time"

// Previous returns the period a report of p is compared with as "the
// previous period": the same number of days immediately before p. A
// period of whole calendar months (a month, a quarter) is compared with as
// many whole months immediately before it, so that October is compared
// with September, not with 31 August to 30 September.
func (p Period) Previous() Period {
	if p.IsZero() {
		return Period{}
	}
	if n, ok := p.wholeMonths(); ok {
		from := p.From.AddDate(0, -n, 0)
		return Period{From: from, To: p.From.AddDate(0, 0, -1)}
	}
	days := p.Days()
	return Period{From: p.From.AddDate(0, 0, -days), To: p.From.AddDate(0, 0, -1)}
}

// YearEarlier returns the same dates a year before p. A period of whole
// months stays whole months (February 2028 gives 1–28 February 2027); a
// 29 February becomes the 28th.
func (p Period) YearEarlier() Period {
	if p.IsZero() {
		return Period{}
	}
	if _, ok := p.wholeMonths(); ok {
		from := Day(p.From.Year()-1, p.From.Month(), 1)
		to := Day(p.To.Year()-1, p.To.Month()+1, 1).AddDate(0, 0, -1)
		return Period{From: from, To: to}
	}
	return Period{From: yearBefore(p.From), To: yearBefore(p.To)}
}

// wholeMonths reports whether p runs from the first day of a month to the
// last day of a month, and how many months it spans.
func (p Period) wholeMonths() (int, bool) {
	if p.From.Day() != 1 || p.To.AddDate(0, 0, 1).Day() != 1 {
		return 0, false
	}
	n := (p.To.Year()-p.From.Year())*12 + int(p.To.Month()) - int(p.From.Month()) + 1
	return n, n > 0
}

// yearBefore returns the same date a year before d, the 28th for a 29
// February.
func yearBefore(d time.Time) time.Time {
	y, m, day := d.Date()
	last := Day(y-1, m+1, 1).AddDate(0, 0, -1).Day()
	return Day(y-1, m, min(day, last))
}

// Intersect returns the days p and q share, and false when they share none.
func (p Period) Intersect(q Period) (Period, bool) {
	from, to := p.From, p.To
	if q.From.After(from) {
		from = q.From
	}
	if q.To.Before(to) {
		to = q.To
	}
	if to.Before(from) {
		return Period{}, false
	}
	return Period{From: from, To: to}, true
}
