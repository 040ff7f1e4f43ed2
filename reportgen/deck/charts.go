package deck

import (
	"fmt"
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// Charts are drawn as vectors with fpdf's primitives, in the deck font.

// niceStep returns the smallest "nice" number (1, 2, 2.5 or 5 × 10^k) that
// is at least raw; 1 for a raw that is not a positive finite number.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if s := m * p; s >= raw*(1-1e-9) {
			return s
		}
	}
	return 10 * p
}

// niceScale returns an axis from 0 to n×step covering hi, with at most
// about ticks intervals and a nice step. A hi that is not a positive finite
// number (all zero) gives ticks intervals of 1.
func niceScale(hi float64, ticks int) (step float64, n int) {
	if ticks < 1 {
		ticks = 1
	}
	if !(hi > 0) || math.IsInf(hi, 0) {
		return 1, ticks
	}
	step = niceStep(hi / float64(ticks))
	n = int(math.Ceil(hi/step - 1e-9))
	return step, max(n, 1)
}

// secondScale returns the step of a second axis with the same n intervals
// as the first (so both share gridlines) covering hi; integral data gets a
// step of at least 1.
func secondScale(hi float64, n int, integral bool) float64 {
	step := niceStep(hi / float64(n))
	if integral && step < 1 {
		step = 1
	}
	return step
}

// xLabelStep returns every how many of n buckets, slot mm wide, to label
// the x axis so that labels labelW mm wide do not touch and there are at
// most 12 of them. A daily chart of more than 20 days is labelled weekly.
func xLabelStep(n, bucket int, slot, labelW float64) int {
	cands := []int{1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50}
	if bucket == 1 && n > 20 {
		cands = []int{7, 14, 28, 56}
	}
	for _, s := range cands {
		if float64(s)*slot >= labelW+3 && (n+s-1)/s <= 12 {
			return s
		}
	}
	s := max(1, int(math.Ceil((labelW+3)/math.Max(slot, 0.01))), (n+11)/12)
	return s
}

// combo draws c's bars (left axis) and line (right axis) in the box.
func (d *doc) combo(c *chart, x, y, w, h float64) {
	p := d.pdf
	title := "Daily " + lower(c.BarName)
	if c.Bucket == 7 {
		title = "Weekly " + lower(c.BarName)
	} else if c.Bucket > 1 {
		title = c.BarName
	}
	if c.Line != nil {
		title += " and " + lower(c.LineName)
	}
	if c.Title != "" {
		title = c.Title
	}
	// legend, top right; the title gets the room left of it
	d.setFont(8, false)
	lx := x + w
	if c.Line != nil {
		name := clean(c.LineName) + " (right axis)"
		lw := d.width(name)
		lx -= lw
		d.color(muted)
		d.text(lx, y, lw, 6, name, "L")
		lx -= 9.5
		d.stroke(d.accent)
		p.SetLineWidth(0.6)
		p.Line(lx, y+3, lx+7, y+3)
		d.fill(white)
		p.Circle(lx+3.5, y+3, 0.9, "FD")
		lx -= 6
	}
	name := clean(c.BarName) + " (left axis, " + currencyLabel(c.BarUnit) + ")"
	if c.Counts {
		name = clean(c.BarName) + " (left axis)"
	}
	lw := d.width(name)
	lx -= lw
	d.color(muted)
	d.text(lx, y, lw, 6, name, "L")
	lx -= 5
	d.fill(d.brand)
	p.Rect(lx, y+1.5, 3.2, 3.2, "F")
	titleW := min(w*0.55, lx-x-4)
	d.line(x, y, titleW, 6, title, "L", 11, 8, true, ink)
	if c.LastDays > 0 {
		unit := "days"
		if c.LastDays == 1 {
			unit = "day"
		}
		d.line(x, y+5.5, titleW, 4.5, fmt.Sprintf("Last bar (paler): %d %s only", c.LastDays, unit), "L", 7.5, 6, false, muted)
	}

	// scales
	hiBar, hiLine, integral := 0.0, 0.0, true
	for _, v := range c.Bars {
		hiBar = max(hiBar, v)
	}
	for _, v := range c.Line {
		hiLine = max(hiLine, v)
		if v != math.Trunc(v) {
			integral = false
		}
	}
	step, n := niceScale(hiBar, 5)
	if c.Counts && step < 1 { // no half engagements on the axis
		step, n = 1, max(1, int(math.Ceil(hiBar-1e-9)))
	}
	topBar := step * float64(n)
	step2 := secondScale(hiLine, n, integral)
	topLine := step2 * float64(n)

	const tickSize = 7.5
	d.setFont(tickSize, false)
	leftW, rightW := 0.0, 0.0
	for i := 0; i <= n; i++ {
		leftW = max(leftW, d.width(formatAxis(float64(i)*step, step, topBar)))
		if c.Line != nil {
			rightW = max(rightW, d.width(formatAxis(float64(i)*step2, step2, topLine)))
		}
	}
	axisTitleW := 5.0
	px := x + axisTitleW + leftW + 2.5
	pw := x + w - px - 1
	if c.Line != nil {
		pw -= rightW + 2.5 + axisTitleW
	}
	py := y + 12
	ph := h - 12 - 8
	base := py + ph

	// gridlines and tick labels
	p.SetLineWidth(0.2)
	for i := 0; i <= n; i++ {
		gy := base - float64(i)/float64(n)*ph
		if i > 0 {
			d.stroke(grid)
			p.Line(px, gy, px+pw, gy)
		}
		d.setFont(tickSize, false)
		d.color(muted)
		d.text(px-2.5-leftW, gy-2, leftW, 4, formatAxis(float64(i)*step, step, topBar), "R")
		if c.Line != nil {
			d.color(d.accent.mix(ink, 0.25))
			d.text(px+pw+2.5, gy-2, rightW, 4, formatAxis(float64(i)*step2, step2, topLine), "L")
		}
	}
	// axis titles, rotated along the axes
	d.setFont(7.5, true)
	d.color(muted)
	if c.Counts {
		d.vtext(x+2, py+ph/2, clean(c.BarName))
	} else {
		d.vtext(x+2, py+ph/2, clean(c.BarName)+" ("+currencyLabel(c.BarUnit)+")")
	}
	if c.Line != nil {
		d.color(d.accent.mix(ink, 0.25))
		d.vtext(x+w-2.5, py+ph/2, clean(c.LineName))
	}

	// bars
	nb := len(c.Bars)
	if nb == 0 {
		return
	}
	slot := pw / float64(nb)
	bw := slot * 0.68
	if nb <= 3 {
		bw = min(bw, 18)
	}
	for i, v := range c.Bars {
		if v <= 0 || topBar <= 0 {
			continue
		}
		d.fill(d.brand)
		if c.LastDays > 0 && i == nb-1 {
			d.fill(d.brand.mix(white, 0.55)) // a short last bucket
		}
		bh := math.Min(v/topBar, 1) * ph
		p.Rect(px+float64(i)*slot+(slot-bw)/2, base-bh, bw, bh, "F")
	}
	// baseline and x labels
	d.stroke(ink.mix(white, 0.4))
	p.SetLineWidth(0.3)
	p.Line(px, base, px+pw, base)
	d.setFont(tickSize, false)
	labelW := 0.0
	for _, l := range c.Labels {
		labelW = max(labelW, d.width(clean(l)))
	}
	ls := xLabelStep(nb, c.Bucket, slot, labelW)
	d.color(muted)
	for i := 0; i < nb; i += ls {
		cx := px + (float64(i)+0.5)*slot
		p.Line(cx, base, cx, base+1.2)
		if i < len(c.Labels) {
			lw := min(labelW+2, slot*float64(ls))
			d.text(cx-lw/2, base+1.5, lw, 5, d.ellipsize(clean(c.Labels[i]), lw), "C")
		}
	}

	// line on the second axis
	if c.Line != nil && topLine > 0 {
		pts := make([]fpdf.PointType, 0, len(c.Line))
		for i, v := range c.Line {
			v = math.Max(0, math.Min(v, topLine))
			pts = append(pts, fpdf.PointType{X: px + (float64(i)+0.5)*slot, Y: base - v/topLine*ph})
		}
		d.stroke(d.accent)
		p.SetLineWidth(0.6)
		p.SetLineJoinStyle("round")
		p.SetLineCapStyle("round")
		for i := 1; i < len(pts); i++ {
			p.Line(pts[i-1].X, pts[i-1].Y, pts[i].X, pts[i].Y)
		}
		if len(pts) <= 62 {
			d.fill(white)
			p.SetLineWidth(0.4)
			r := math.Min(0.75, slot*0.3)
			for _, pt := range pts {
				p.Circle(pt.X, pt.Y, r, "FD")
			}
		}
		p.SetLineJoinStyle("miter")
		p.SetLineCapStyle("butt")
	}
}

// vtext draws s rotated 90° counter-clockwise, centred on (cx, cy).
func (d *doc) vtext(cx, cy float64, s string) {
	s = clean(s)
	w := d.width(s)
	_, fs := d.pdf.GetFontSize()
	p := d.pdf
	p.TransformBegin()
	p.TransformRotate(90, cx, cy)
	p.Text(cx-w/2, cy+fs*0.35, s)
	p.TransformEnd()
}

// currencyLabel is the symbol of an amount prefix, without its space.
func currencyLabel(prefix string) string {
	if prefix == "" {
		return "amount"
	}
	return clean(prefix)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

// hbars draws a horizontal bar chart of bs in the box: labels left, value
// text at the end of each bar. Negative values (credits) extend left of a
// zero line. It returns the height used.
func (d *doc) hbars(bs []bar, x, y, w, h float64) float64 {
	if len(bs) == 0 {
		return 0
	}
	p := d.pdf
	const size = 9.0
	d.setFont(size, false)
	labelW := 0.0
	for _, b := range bs {
		labelW = max(labelW, d.width(clean(b.Label)))
	}
	labelW = min(labelW, w*0.36) + 4
	d.setFont(size, true)
	valueW := 0.0
	for _, b := range bs {
		valueW = max(valueW, d.width(clean(b.Text)))
	}
	valueW = min(valueW, w*0.3) + 3
	lo, hi := 0.0, 0.0
	for _, b := range bs {
		lo, hi = min(lo, b.Value), max(hi, b.Value)
	}
	x0, x1 := x+labelW, x+w-valueW
	span := hi - lo
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		span = 1
	}
	zero := x0 + (-lo)/span*(x1-x0)
	pitch := min(13.0, h/float64(len(bs)))
	bh := pitch * 0.62
	for i, b := range bs {
		by := y + float64(i)*pitch
		d.line(x, by, labelW-4, bh, b.Label, "L", size, 6, b.Media, ink)
		c := d.brand.mix(white, 0.45)
		if b.Media {
			c = d.brand
		}
		if b.Value < 0 {
			c = red.mix(white, 0.35)
		}
		v := b.Value
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		bx, bw := zero, v/span*(x1-x0)
		if bw < 0 {
			bx, bw = zero+bw, -bw
		}
		d.fill(c)
		if bw > 0 {
			p.Rect(bx, by, bw, bh, "F")
		}
		tx := math.Max(zero, bx+bw) + 2
		d.figure(tx, by, x+w-tx, bh, b.Text, "L", size, true, ink)
	}
	if lo < 0 {
		d.stroke(ink.mix(white, 0.4))
		p.SetLineWidth(0.3)
		p.Line(zero, y-1, zero, y+float64(len(bs))*pitch-pitch+bh+1)
	}
	return float64(len(bs)-1)*pitch + bh
}
