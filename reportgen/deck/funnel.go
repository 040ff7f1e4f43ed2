package deck

import (
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The funnel slide: awareness → interest → evaluation → purchase, each
// stage counted by its headline metric, with the conversion from each
// stage to the next, and the same per platform in a table.

// A funnelStep is one stage of the funnel slide.
type funnelStep struct {
	Stage  string  `json:"stage"`  // "Awareness"
	Metric string  `json:"metric"` // the headline metric: "Impressions"; "" when no export counts the stage
	Value  float64 `json:"value"`  // the headline count, 0 when unknown
	Text   string  `json:"text"`   // the count formatted, NA when unknown
	// ToNext is the conversion to the next stage ("1.44%"), NA when
	// unknown, "" for the last stage; ToNextNote says what it divides.
	ToNext     string `json:"to_next,omitempty"`
	ToNextNote string `json:"to_next_note,omitempty"`
	// Extra is the stage's cost ratio or revenue: "CPM €10.27".
	Extra string `json:"extra,omitempty"`
}

// funnelMetric returns the stage's metric key, or nil.
func funnelMetric(st *reportgen.FunnelStage, key string) *reportgen.FunnelMetric {
	for i := range st.Metrics {
		if st.Metrics[i].Key == key {
			return &st.Metrics[i]
		}
	}
	return nil
}

// funnelLabel is a headline metric's name without its note: "Leads".
func funnelLabel(m *reportgen.FunnelMetric) string {
	l, _, _ := strings.Cut(m.Label, " (")
	return clean(l)
}

func (b *builder) funnelValue(v kpi.Ratio, f kpi.Format) string {
	if f == kpi.FormatMoney {
		return FormatRatio(v, f, b.cur)
	}
	return FormatRatio(v, kpi.FormatNumber, b.cur)
}

func (b *builder) funnel() slide {
	f := b.r.Funnel
	s := slide{Kind: kindFunnel, Title: "Funnel",
		Subtitle: "Awareness to purchase, ad platforms · " + clean(b.r.Period.Label())}
	pct := func(x kpi.Ratio) string { return FormatKPI("", x, kpi.FormatPercent, b.cur) }
	t := table{Title: "By platform", Columns: []string{"Platform"}, align: "L", widths: []float64{2.2}}
	for i := range f.Stages {
		st := &f.Stages[i]
		step := funnelStep{Stage: clean(st.Name), Text: NA}
		if m := funnelMetric(st, st.Headline); m != nil {
			step.Metric = funnelLabel(m)
			step.Text = b.funnelValue(m.Total, m.Format)
			if m.Total.OK {
				step.Value = m.Total.Value
			}
		}
		for _, k := range []string{"cpm", "cpc", "revenue"} {
			if m := funnelMetric(st, k); m != nil && m.Total.OK {
				name := strings.ToUpper(k)
				if k == "revenue" {
					name = "Revenue"
				}
				step.Extra = name + " " + b.funnelValue(m.Total, m.Format)
			}
		}
		if st.ToNext != nil && i+1 < len(f.Stages) {
			step.ToNext = pct(st.ToNext.Total)
			next := funnelMetric(&f.Stages[i+1], f.Stages[i+1].Headline)
			if next != nil && step.Metric != "" {
				step.ToNextNote = lower(funnelLabel(next)) + " / " + lower(step.Metric)
			}
			if len(st.ToNext.Basis) > 0 && st.ToNext.Total.OK {
				var names []string
				for _, p := range st.ToNext.Basis {
					names = append(names, clean(p.Name()))
				}
				step.ToNextNote += ", over " + strings.Join(names, " + ")
			}
		}
		s.Funnel = append(s.Funnel, step)
		col := step.Stage
		if step.Metric != "" {
			col = step.Metric
		}
		t.Columns = append(t.Columns, col)
		t.widths = append(t.widths, 1.3)
		t.align += "R"
	}
	// conversion columns: each stage to the next
	for i := 0; i+1 < len(f.Stages); i++ {
		t.Columns = append(t.Columns, "→ "+clean(f.Stages[i+1].Name))
		t.widths = append(t.widths, 1.25)
		t.align += "R"
	}
	for pi := range b.r.Platforms {
		row := []string{scopeName(&b.r.Platforms[pi])}
		for i := range f.Stages {
			v := NA
			if m := funnelMetric(&f.Stages[i], f.Stages[i].Headline); m != nil && pi < len(m.Platforms) {
				v = b.funnelValue(m.Platforms[pi], m.Format)
			}
			row = append(row, v)
		}
		for i := 0; i+1 < len(f.Stages); i++ {
			v := NA
			if r := f.Stages[i].ToNext; r != nil && pi < len(r.Platforms) {
				v = pct(r.Platforms[pi])
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	total := []string{"Total"}
	for _, st := range s.Funnel {
		total = append(total, st.Text)
	}
	for _, st := range s.Funnel[:max(0, len(s.Funnel)-1)] {
		total = append(total, st.ToNext)
	}
	t.Total = total
	t.Note = "→ columns: each stage's count / the previous stage's. n/a: the platform's exports lack one of the counts."
	s.Tables = []table{t}
	return s
}

// drawFunnel draws the funnel slide: a centred bar per stage, its width
// on a log scale of its count (counts span orders of magnitude), the
// conversion to the next stage between bars; the table below.
func (d *doc) drawFunnel(s *slide) {
	p := d.pdf
	bot := contentBottom(s)
	n := len(s.Funnel)
	tableH := 0.0
	if len(s.Tables) > 0 {
		tableH = min(62, 22+8*float64(len(s.Tables[0].Rows)+1))
	}
	fy, fh := top, bot-top-tableH-4
	if n == 0 {
		return
	}
	pitch := fh / float64(n)
	bh := min(14, pitch*0.58)
	labelW := 62.0
	x0 := margin + labelW
	aw := 150.0 // the widest bar
	cx := x0 + aw/2
	hi := 0.0
	for _, st := range s.Funnel {
		hi = max(hi, st.Value)
	}
	width := func(v float64) float64 {
		if !(v > 0) || !(hi > 1) {
			return 0
		}
		// log scale from 1 to hi, at least a sliver for a count of 1
		return aw * (0.12 + 0.88*math.Log10(max(v, 1))/math.Log10(hi))
	}
	for i, st := range s.Funnel {
		y := fy + float64(i)*pitch
		d.line(margin, y, labelW-6, bh*0.55, st.Stage, "L", 12, 8, true, ink)
		d.line(margin, y+bh*0.55, labelW-6, bh*0.45, st.Metric, "L", 9, 6.5, false, muted)
		w := width(st.Value)
		c := d.brand.mix(white, 0.15*float64(i))
		if w > 0 {
			d.fill(c)
			p.RoundedRect(cx-w/2, y, w, bh, 1.2, "1234", "F")
		} else {
			d.stroke(faint)
			p.SetLineWidth(0.3)
			p.SetDashPattern([]float64{1, 1}, 0)
			p.RoundedRect(cx-aw*0.06, y, aw*0.12, bh, 1.2, "1234", "D")
			p.SetDashPattern(nil, 0)
		}
		// the count right of the widest bar, so it never sits on a fill
		vc := ink
		if st.Text == NA {
			vc = faint
		}
		tx := x0 + aw + 5
		d.figure(tx, y, 34, bh*0.6, st.Text, "L", 13, true, vc)
		if st.Extra != "" {
			d.line(tx, y+bh*0.6, pageW-margin-tx, bh*0.4, st.Extra, "L", 8.5, 6, false, muted)
		}
		if i+1 < n && st.ToNext != "" {
			ay := y + bh + 0.8
			ah := pitch - bh - 1.6
			d.stroke(muted)
			p.SetLineWidth(0.35)
			p.Line(cx, ay, cx, ay+ah-1.2)
			d.fill(muted)
			p.Polygon([]fpdf.PointType{{X: cx - 1.2, Y: ay + ah - 1.6}, {X: cx + 1.2, Y: ay + ah - 1.6}, {X: cx, Y: ay + ah}}, "F")
			rc := d.brandTx
			if st.ToNext == NA {
				rc = faint
			}
			d.figure(cx+3, ay, 24, ah, st.ToNext, "L", 10, true, rc)
			if st.ToNextNote != "" {
				d.line(cx+26, ay, pageW-margin-cx-26, ah, st.ToNextNote, "L", 8, 6, false, muted)
			}
		}
	}
	d.line(margin, fy+fh-4, labelW+aw, 4, "Bar widths on a log scale, so that the small stages stay visible; the figures are exact.", "L", 7.5, 6, false, muted)
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], margin, bot-tableH, contentW, tableH, 8, 8.5)
	}
}
