package deck

import (
	"math"
	"strings"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The executive summary tells the month in plain sentences, one per
// headline figure, generated from the model: the figure, its change
// against the previous period when the exports hold it, and its goal when
// one is configured. A sentence says only what the model knows: without a
// previous period there is no "rose" or "fell", without a goal no
// "above" or "below".

// A headline is one headline figure and what the model knows about it.
type headline struct {
	Key    string // KPI key or total: "cpl", "revenue"
	Name   string // how a sentence names it: "Cost per lead"
	Plural bool   // "Leads were", not "was"
	Value  string // formatted by the deck's Format functions; NA when undefined
	Format kpi.Format
	// LowerBetter is set for a cost: a fall is good.
	LowerBetter bool
	// Diff and Change are the figure minus the previous period's, and that
	// as a fraction of it (reportgen.Report.Change); undefined when not
	// known.
	Diff, Change kpi.Ratio
	Goal         *reportgen.Goal // the whole report's goal on Key, or nil
}

// headlineNames are the headline figures of the executive summary, in
// order, with the names the sentences use.
var headlineNames = []struct {
	key, name           string
	plural, lowerBetter bool
}{
	{"roi", "Full-cost ROI", false, false},
	{"media_roi", "Media ROI", false, false},
	{"revenue", "Revenue", false, false},
	{"total_cost", "Total cost", false, true},
	{"roas", "ROAS", false, false},
	{"leads", "Leads", true, false},
	{"cpl", "Cost per lead", false, true},
}

// headlines returns the executive summary's headline figures of the
// report, each formatted as its summary tile shows it.
func (b *builder) headlines() []headline {
	r, tot := b.r, &b.r.Total
	in := tot.Inputs
	var hs []headline
	for _, n := range headlineNames {
		h := headline{Key: n.key, Name: n.name, Plural: n.plural, LowerBetter: n.lowerBetter}
		switch n.key {
		case "revenue":
			h.Value, h.Format = b.revenue(tot), kpi.FormatMoney
		case "total_cost":
			h.Value, h.Format = b.money(in.TotalCost()), kpi.FormatMoney
		case "leads":
			h.Value, h.Format = qty(in.Totals, kpi.FLeads, in.Leads), kpi.FormatNumber
		default:
			h.Value, h.Format = b.value(tot, n.key), b.format(n.key)
		}
		if r.Previous != nil {
			h.Diff, h.Change = r.Change(r.Previous, n.key)
		}
		for i := range r.Goals {
			if g := &r.Goals[i]; g.Platform == "" && g.Key == n.key {
				h.Goal = g
				break
			}
		}
		hs = append(hs, h)
	}
	return hs
}

// format returns the display format of KPI key.
func (b *builder) format(key string) kpi.Format {
	if k, ok := kpi.Find(b.defs, key); ok {
		return k.Format
	}
	if k, ok := kpi.Find(kpi.Definitions(b.r.Choices), key); ok {
		return k.Format
	}
	return kpi.FormatRatio
}

// sentence says h in one plain sentence: "Cost per lead fell 12.0% to
// €41.00, under the €45.00 goal."
func sentence(h headline, cur string) string {
	be := "was"
	if h.Plural {
		be = "were"
	}
	var goal string
	if h.Goal != nil {
		goal = "the " + goalTarget(h.Goal, cur) + " goal"
	}
	if h.Value == NA {
		s := h.Name + " " + be + " n/a this period"
		if goal != "" {
			s += ", so " + goal + " cannot be assessed"
		}
		return s + "."
	}
	s := h.Name + " " + be + " " + h.Value
	if h.Diff.OK {
		switch {
		case h.Diff.Value == 0:
			s = h.Name + " " + be + " unchanged at " + h.Value
		case h.Format == kpi.FormatPercent:
			s = h.Name + " " + moved(h.Diff.Value) + " " + points(h.Diff.Value) + " to " + h.Value
		case h.Change.OK:
			s = h.Name + " " + moved(h.Diff.Value) + " " +
				FormatRatio(kpi.Ratio{Value: math.Abs(h.Change.Value), OK: true}, kpi.FormatPercent, cur) + " to " + h.Value
		default: // from 0
			s = h.Name + " " + moved(h.Diff.Value) + " to " + h.Value + " from " +
				FormatKPI(h.Key, kpi.Ratio{OK: true}, h.Format, cur)
		}
	}
	if g := h.Goal; g != nil {
		s += ", " + goalClause(g, goal)
	}
	return s + "."
}

// moved is "rose" or "fell" by the sign of a change.
func moved(diff float64) string {
	if diff > 0 {
		return "rose"
	}
	return "fell"
}

// points formats a difference of two fractions in percentage points:
// "17.0 points".
func points(diff float64) string {
	return formatFloat(math.Abs(diff)*100, 1) + " points"
}

// goalTarget is a goal's target as the goals slide shows it, without
// its direction (the sentence says above or under): "120.0%".
func goalTarget(g *reportgen.Goal, cur string) string {
	return FormatRatio(kpi.Ratio{Value: g.TargetValue, OK: true}, g.Format, cur)
}

// goalClause says how the figure stands against goal (named "the ≥ 120.0%
// goal"), by the goal's status: met, at risk, missed or n/a.
func goalClause(g *reportgen.Goal, goal string) string {
	switch g.Status {
	case "met":
		under := g.Direction == "at_most"
		if g.Actual.OK && g.Actual.Value == g.TargetValue {
			return "meeting " + goal
		}
		word := "above "
		if under {
			word = "under "
		}
		if g.Format == kpi.FormatPercent && g.Actual.OK {
			return points(g.Actual.Value-g.TargetValue) + " " + word + goal
		}
		return word + goal
	case "at risk":
		return "at risk against " + goal
	case "missed":
		return "missing " + goal
	}
	return goal + " cannot be assessed"
}

// delta formats a headline's change for its tile: "+12.3%", "-4.2 pts";
// "" when the change is not known.
func delta(h headline, cur string) (text, trend string) {
	if !h.Diff.OK {
		return "", ""
	}
	sign := "+"
	if h.Diff.Value < 0 {
		sign = "-"
	}
	switch {
	case h.Diff.Value == 0:
		return "±0", trendFlat
	case h.Format == kpi.FormatPercent:
		text = sign + formatFloat(math.Abs(h.Diff.Value)*100, 1) + " pts"
	case h.Change.OK:
		text = sign + FormatRatio(kpi.Ratio{Value: math.Abs(h.Change.Value), OK: true}, kpi.FormatPercent, cur)
	default:
		text = sign + FormatKPI(h.Key, kpi.Ratio{Value: math.Abs(h.Diff.Value), OK: true}, h.Format, cur)
	}
	trend = trendGood
	if (h.Diff.Value < 0) != h.LowerBetter {
		trend = trendBad
	}
	return text, trend
}

// A tileDelta is a summary tile's change against the previous period
// ("+12.3%") and whether it is good news (trendGood, trendBad, trendFlat).
type tileDelta struct {
	Group string `json:"group"` // the tile's group and label
	Label string `json:"label"`
	Delta string `json:"delta"`
	Trend string `json:"trend"`
}

// deltasOf returns a slide's tile changes by tile label.
func deltasOf(s *slide) map[string]tileDelta {
	m := map[string]tileDelta{}
	for _, t := range s.Deltas {
		m[t.Group+"\x00"+t.Label] = t
	}
	return m
}

// Trends of a tile's change: whether it is good news.
const (
	trendGood = "good"
	trendBad  = "bad"
	trendFlat = "flat"
)

// story adds the headline sentences to the executive summary and the
// changes against the previous period to its tiles.
func (b *builder) story(s *slide) {
	hs := b.headlines()
	tileOf := map[string]int{"roi": 0, "media_roi": 1, "revenue": 2, "total_cost": 3, "roas": 4, "leads": 5, "cpl": 6}
	for _, h := range hs {
		s.Story = append(s.Story, sentence(h, b.cur))
		if i, ok := tileOf[h.Key]; ok && i < len(s.Tiles) {
			if text, trend := delta(h, b.cur); text != "" {
				s.Deltas = append(s.Deltas, tileDelta{Group: s.Tiles[i].Group, Label: s.Tiles[i].Label, Delta: text, Trend: trend})
			}
		}
	}
	if c := b.r.Previous; c != nil {
		s.Subtitle += " · changes vs " + clean(c.Period.Label())
		if c.Partial {
			s.Subtitle += " not computed: that period is covered only in part"
		}
	}
}

// tileDelta draws a tile's change against the previous period at the
// right of its label row, coloured by whether it is good news, and
// returns the width left for the label.
func (d *doc) tileDelta(t tileDelta, x, y, w, h, size float64) float64 {
	c := muted
	switch t.Trend {
	case trendGood:
		c = green
	case trendBad:
		c = red
	}
	s := t.Delta + " vs prev."
	d.setFont(size, true)
	dw := min(d.width(clean(s)), w*0.55)
	d.figure(x+w-dw, y, dw, h, s, "R", size, true, c)
	return w - dw - 2
}

// storyBlock draws the headline sentences as a list in the box, one line
// each, shrinking to fit; a sentence too long for its line wraps.
func (d *doc) storyBlock(lines []string, x, y, w, h float64) {
	if len(lines) == 0 || h < 10 {
		return
	}
	ph := d.panelTitle(x, y, w, "The month in brief")
	text := strings.Join(lines, "\n")
	out, size, lh := d.fitBlock(text, w-6, h-ph, 10.5, 6.5, 1.4, false)
	d.setFont(size, false)
	d.color(ink)
	ty := y + ph
	for _, l := range out {
		d.text(x+6, ty, w-6, lh, l, "L")
		ty += lh
	}
	// a bullet before each sentence's first line
	d.fill(d.brand)
	ty = y + ph
	i := 0
	for _, l := range out {
		if i < len(lines) && strings.HasPrefix(clean(lines[i]), l) {
			d.pdf.Circle(x+2, ty+lh/2, 0.8, "F")
			i++
		}
		ty += lh
	}
}
