package deck

import (
	"fmt"
	"math"
	"strings"

	"github.com/roibook/roibook/reportgen"
)

// chrome draws what every slide but the cover has: a brand bar, the title
// and subtitle, the logo, and a footer with client, period and page number.
func (d *doc) chrome(s *slide) {
	p := d.pdf
	d.fill(d.brand)
	p.Rect(0, 0, pageW, 2.2, "F")

	titleW := contentW
	if d.logo {
		titleW -= 50
		d.drawLogo(pageW-margin-40, 8, 40, 14, true)
	}
	d.line(margin, 8, titleW, 11, s.Title, "L", 24, 14, true, ink)
	d.line(margin, 19.5, titleW, 6, s.Subtitle, "L", 11, 8, false, muted)

	d.stroke(grid)
	p.SetLineWidth(0.3)
	p.Line(margin, pageH-12, pageW-margin, pageH-12)
	footer := d.m.Client
	if d.m.Period != "" {
		footer += "  ·  " + d.m.Period
	}
	if d.m.Agency != "" {
		footer += "  ·  " + d.m.Agency
	}
	d.line(margin, pageH-11, contentW-30, 7, footer, "L", 8, 6.5, false, muted)
	if s.Caveat != "" {
		d.line(margin, pageH-18, contentW, 5.5, s.Caveat, "L", 9, 7, true, orange)
	}
	d.setFont(8, true)
	d.color(muted)
	d.text(pageW-margin-30, pageH-11, 30, 7, fmt.Sprintf("%d / %d", d.page, len(d.m.Slides)), "R")
}

func (d *doc) cover(s *slide) {
	p := d.pdf
	panelW := 118.0
	d.fill(d.brand)
	p.Rect(0, 0, panelW, pageH, "F")
	// a few translucent bars as a quiet motif in the brand panel
	p.SetAlpha(0.14, "Normal")
	d.fill(d.brandFg)
	for i, h := range []float64{11, 19, 15, 26, 22, 33} { // low, under the contents
		x := 16 + float64(i)*14.5
		p.Rect(x, pageH-24-h, 9, h, "F")
	}
	p.SetAlpha(1, "Normal")
	d.fill(d.brandFg)
	p.Rect(16, pageH-24, 85, 0.6, "F")

	d.line(16, 16, panelW-32, 8, "SOCIAL MEDIA ROI REPORT", "L", 10, 7, true, d.brandFg)
	if d.m.Agency != "" {
		d.line(16, 26, panelW-32, 7, "Prepared by "+d.m.Agency, "L", 11, 7, false, d.brandFg)
	}
	d.contents(s, 16, 44, panelW-32, pageH-24-33-8-44, d.brandFg)

	x := panelW + 22
	w := pageW - x - 22
	if d.logo {
		d.drawLogo(x, 18, 70, 26, false)
	}
	if d.clientLogo {
		d.drawImage("clientlogo", d.clientW, d.clientH, pageW-22-70, 18, 70, 26, true)
	}
	// client name: up to two lines, shrinking to fit
	lines, size, lh := d.fitBlock(s.Title, w, 2*40*ptMM*1.1, 40, 20, 1.1, true)
	y := 78 - float64(len(lines))*lh
	d.color(ink)
	for _, l := range lines {
		d.text(x, y, w, lh, l, "L")
		y += lh
	}
	_ = size
	d.fill(d.brand)
	if d.secondary {
		d.fill(d.accent)
	}
	p.Rect(x, y+5, 24, 1.6, "F")
	d.line(x, y+12, w, 12, s.Subtitle, "L", 24, 12, false, d.brandTx)
	if d.m.Generated != "" {
		d.line(x, pageH-30, w, 6, "Generated "+d.m.Generated, "L", 10, 7, false, muted)
	}
	d.line(x, pageH-23, w, 6, "Figures in "+d.m.Currency+". Definitions and sources in the appendix.", "L", 10, 7, false, muted)
}

// tileStyle sets how a tile is drawn.
type tileStyle struct {
	value float64 // value font size, pt
	label float64
	bg    rgb
	bar   rgb // left accent bar
	dash  bool
}

func (d *doc) tile(t tile, x, y, w, h float64, st tileStyle) {
	p := d.pdf
	if st.dash {
		d.fill(white)
		d.stroke(d.brand.mix(white, 0.35))
		p.SetLineWidth(0.35)
		p.SetDashPattern([]float64{1.2, 0.9}, 0)
		p.RoundedRect(x, y, w, h, 1.8, "1234", "FD")
		p.SetDashPattern(nil, 0)
	} else {
		d.fill(st.bg)
		p.RoundedRect(x, y, w, h, 1.8, "1234", "F")
		d.fill(st.bar)
		p.Rect(x, y+3, 1.1, h-6, "F")
	}
	pad := 4.0
	iw := w - 2*pad
	labelH := st.label * ptMM * 1.4
	lw := iw
	if dt, ok := d.deltas[t.Group+"\x00"+t.Label]; ok {
		lw = d.tileDelta(dt, x+pad, y+2.6, iw, labelH, st.label)
	}
	d.line(x+pad, y+2.6, lw, labelH, strings.ToUpper(t.Label), "L", st.label, 5.5, true, muted)
	noteH := 4.5 // reserved even when empty, so values line up across a row
	if t.Note != "" {
		d.line(x+pad, y+h-noteH-2, iw, noteH, t.Note, "L", 7.5, 5.5, false, muted)
	}
	vy := y + 2.6 + labelH
	vh := h - (2.6 + labelH) - noteH - 2.5
	vc := ink
	if t.Value == NA {
		vc = faint
	}
	d.figure(x+pad, vy, iw, vh, t.Value, "L", st.value, true, vc)
}

// tiles draws ts in a row of equal tiles.
func (d *doc) tiles(ts []tile, x, y, w, h, gap float64, st tileStyle) {
	if len(ts) == 0 {
		return
	}
	tw := (w - gap*float64(len(ts)-1)) / float64(len(ts))
	for i, t := range ts {
		d.tile(t, x+float64(i)*(tw+gap), y, tw, h, st)
	}
}

// panelTitle draws a small heading over a panel and returns its height.
func (d *doc) panelTitle(x, y, w float64, s string) float64 {
	if s == "" {
		return 0
	}
	d.line(x, y, w, 6, s, "L", 11, 8, true, ink)
	return 8
}

// drawTable draws t in the box; rows are at most maxRow mm tall and shrink
// to fit. Text cells shrink then end with an ellipsis; figures shrink only.
func (d *doc) drawTable(t *table, x, y, w, h, maxRow, size float64) {
	p := d.pdf
	y0 := y
	y += d.panelTitle(x, y, w, t.Title)
	noteH := 0.0
	if t.Note != "" {
		noteH = 6
	}
	n := len(t.Rows)
	if t.Total != nil {
		n++
	}
	headH := 7.0
	rowH := maxRow
	if n > 0 {
		rowH = min(maxRow, (y0+h-y-headH-noteH)/float64(n))
	}
	size = min(size, rowH/ptMM/1.45)
	widths := colWidths(t, w)
	pad := 2.0

	cell := func(cx, cy float64, i int, s string, bold bool, c rgb, sz float64) {
		cw := widths[i]
		a := "L"
		if i < len(t.align) {
			a = t.align[i : i+1]
		}
		if a == "L" || a == "C" {
			// names keep the row's size and end with an ellipsis
			d.line(cx+pad, cy, cw-2*pad, rowH, s, a, sz, sz, bold, c)
		} else {
			if s == NA {
				c = faint
			}
			d.figure(cx+pad, cy, cw-2*pad, rowH, s, a, sz, bold, c)
		}
	}
	// header
	cx := x
	for i, c := range t.Columns {
		a := "L"
		if i < len(t.align) {
			a = t.align[i : i+1]
		}
		d.line(cx+pad, y, widths[i]-2*pad, headH, strings.ToUpper(c), a, 7.5, 5.5, true, muted)
		cx += widths[i]
	}
	y += headH
	d.stroke(ink.mix(white, 0.3))
	p.SetLineWidth(0.35)
	p.Line(x, y, x+w, y)
	for r, row := range t.Rows {
		if r%2 == 1 {
			d.fill(zebra)
			p.Rect(x, y, w, rowH, "F")
		}
		cx := x
		for i := range widths {
			s := ""
			if i < len(row) {
				s = row[i]
			}
			switch {
			case i+1 == t.status:
				d.pill(cx, y, widths[i], rowH, s)
			case i+1 == t.progress && r < len(t.fracs):
				d.progress(cx+pad, y, widths[i]-2*pad, rowH, s, t.fracs[r], size)
			default:
				cell(cx, y, i, s, i == 0 && !t.plainFirst, ink, size)
			}
			cx += widths[i]
		}
		y += rowH
	}
	if t.Total != nil {
		d.stroke(ink.mix(white, 0.3))
		p.SetLineWidth(0.35)
		p.Line(x, y, x+w, y)
		cx := x
		for i := range widths {
			if i < len(t.Total) {
				cell(cx, y, i, t.Total[i], true, ink, size)
			}
			cx += widths[i]
		}
		y += rowH
	} else if len(t.Rows) > 0 {
		d.stroke(grid)
		p.SetLineWidth(0.3)
		p.Line(x, y, x+w, y)
	}
	if t.Note != "" {
		d.line(x, y+1, w, 5, t.Note, "L", 8, 6, false, muted)
	}
}

func colWidths(t *table, w float64) []float64 {
	n := len(t.Columns)
	ws := make([]float64, n)
	sum := 0.0
	for i := range ws {
		ws[i] = 1
		if i < len(t.widths) {
			ws[i] = t.widths[i]
		}
		sum += ws[i]
	}
	for i := range ws {
		ws[i] *= w / sum
	}
	return ws
}

// progress draws a figure right-aligned with a bar of frac (1 = 100%, a
// tick marks it) to its left; no bar when frac is NaN.
func (d *doc) progress(x, y, w, h float64, s string, frac, size float64) {
	fw := 18.0
	c := ink
	if s == NA {
		c = faint
	}
	d.figure(x+w-fw, y, fw, h, s, "R", size, false, c)
	x += 6
	bw := w - fw - 10
	if bw < 8 || math.IsNaN(frac) || math.IsInf(frac, 0) {
		return
	}
	const full = 1.5 // the track runs to 150%
	bh := min(3.2, h*0.3)
	by := y + (h-bh)/2
	d.fill(grid)
	d.pdf.RoundedRect(x, by, bw, bh, bh/2, "1234", "F")
	f := math.Max(0, math.Min(frac, full)) / full
	col := red.mix(white, 0.2)
	if frac >= 1 {
		col = green.mix(white, 0.1)
	} else if frac >= reportgen.GoalAtRisk {
		col = orange.mix(white, 0.1) // at risk, as the status says
	}
	if f*bw >= bh {
		d.fill(col)
		d.pdf.RoundedRect(x, by, f*bw, bh, bh/2, "1234", "F")
	}
	d.stroke(ink.mix(white, 0.35))
	d.pdf.SetLineWidth(0.35)
	tx := x + bw/full
	d.pdf.Line(tx, by-1.2, tx, by+bh+1.2)
}

// pill draws a goal status as a coloured label.
func (d *doc) pill(x, y, w, h float64, s string) {
	c := faint
	switch s {
	case "Met":
		c = green
	case "At risk":
		c = orange
	case "Missed":
		c = red
	}
	pw, ph := min(w-4, 22.0), min(h-2.5, 6.0)
	px, py := x+(w-pw)/2, y+(h-ph)/2
	d.fill(c)
	d.pdf.RoundedRect(px, py, pw, ph, ph/2, "1234", "F")
	d.line(px+1, py, pw-2, ph, s, "C", 8, 5.5, true, white)
}

func (d *doc) summary(s *slide) {
	var head, more, modelled, organic, together []tile
	for _, t := range s.Tiles {
		switch t.Group {
		case groupHeadline:
			head = append(head, t)
		case groupModelled:
			modelled = append(modelled, t)
		case groupOrganic:
			organic = append(organic, t)
		case groupTogether:
			together = append(together, t)
		default:
			more = append(more, t)
		}
	}
	d.deltas = deltasOf(s)
	defer func() { d.deltas = nil }()
	// With organic figures a third row of tiles takes room from the first two.
	third := len(organic)+len(together) > 0
	headH, moreH := 33.0, 25.0
	if third {
		headH, moreH = 29, 22
	}
	gap := 5.0
	d.tiles(head, margin, top, contentW, headH, gap, tileStyle{value: 26, label: 8.5, bg: d.brandLt, bar: d.brand})

	// second row: the other figures, then the modelled figures set apart
	y := top + headH + 9
	h := moreH
	n := len(more) + len(modelled)
	if n > 0 {
		sep := 0.0
		if len(modelled) > 0 && len(more) > 0 {
			sep = 6
		}
		tw := (contentW - sep - gap*float64(n-1)) / float64(n)
		st := tileStyle{value: 17, label: 7.5, bg: tileBg, bar: d.brand.mix(white, 0.45)}
		x := margin
		for _, t := range more {
			d.tile(t, x, y, tw, h, st)
			x += tw + gap
		}
		if len(modelled) > 0 {
			x += sep
			gx := x - 2.5
			gw := pageW - margin - gx
			d.line(gx, y-6.5, gw, 5, "Modelled value: shown apart, not part of revenue", "L", 7.5, 5.5, true, d.brandTx)
			st.dash = true
			for _, t := range modelled {
				d.tile(t, x, y, tw, h, st)
				x += tw + gap
			}
		}
		y += h + 7
	}
	if third {
		y += 2
		d.captioned([][]tile{organic, together}, []string{"Organic, all pages", "Paid and organic together"},
			margin, y, contentW, 20, tileStyle{value: 15, label: 7.5, bg: tileBg, bar: teal})
		y += 20 + 6
	}
	bot := contentBottom(s)
	d.storyBlock(s.Story, margin, y, contentW, bot-y)
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], margin, y, contentW, bot-y, 8, 9.5)
	}
}

func (d *doc) platform(s *slide) {
	d.tiles(s.Tiles, margin, top, contentW, 22, 3.5, tileStyle{value: 14, label: 7, bg: tileBg, bar: d.brand})
	y := top + 22 + 7
	h := bottom - y
	chartW := 178.0
	d.chartOrNote(s, margin, y, chartW, h)
	tx := margin + chartW + 8
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], tx, y, pageW-margin-tx, h, 9.5, 8.5)
	}
}

func (d *doc) costs(s *slide) {
	d.tiles(s.Tiles, margin, top, contentW, 26, 5, tileStyle{value: 20, label: 8, bg: tileBg, bar: d.brand})
	y := top + 26 + 8
	h := bottom - y
	bw := 170.0
	ph := d.panelTitle(margin, y, bw, "Ad spend against each cost category")
	splitH := 0.0
	if len(s.Split) == 2 {
		splitH = 24
	}
	used := d.hbars(s.Bars, margin, y+ph+2, bw, h-ph-2-splitH)
	if splitH > 0 {
		d.split(s.Split, margin, y+ph+2+used+6, bw, splitH-4)
	}
	tx := margin + bw + 10
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], tx, y, pageW-margin-tx, h, 9, 9)
	}
}

func (d *doc) goals(s *slide) {
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], margin, top+2, contentW, bottom-top-2, 15, 10.5)
	}
}

func (d *doc) commentary(s *slide) {
	x, y := margin+16, top+6
	w, h := contentW-32, bottom-top-12
	d.fill(d.brand)
	d.pdf.Rect(margin+4, y, 1.6, h, "F")
	lines, _, lh := d.fitBlock(s.Text, w, h, 15, 8, 1.45, false)
	d.color(ink)
	for _, l := range lines {
		d.text(x, y, w, lh, l, "L")
		y += lh
	}
}

func (d *doc) definitions(s *slide) {
	tw := 206.0
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], margin, top, tw, bottom-top, 8, 8.5)
	}
	x := margin + tw + 9
	w := pageW - margin - x
	d.fill(tileBg)
	d.pdf.RoundedRect(x, top, w, bottom-top, 2, "1234", "F")
	ph := d.panelTitle(x+5, top+4, w-10, "About the data")
	text := strings.Join(s.Notes, "\n\n")
	lines, _, lh := d.fitBlock(text, w-10, bottom-top-ph-10, 9, 6, 1.35, false)
	d.color(ink)
	y := top + 4 + ph
	for _, l := range lines {
		d.text(x+5, y, w-10, lh, l, "L")
		y += lh
	}
}

// split draws media and non-media as one bar of 100%, labelled.
func (d *doc) split(bs []bar, x, y, w, h float64) {
	p := d.pdf
	d.line(x, y, w, 6, "Media vs non-media share of total cost", "L", 9, 7, true, ink)
	by, bh := y+8, 6.0
	a := math.Max(0, math.Min(bs[0].Value, 1))
	d.fill(d.brand.mix(white, 0.45))
	p.Rect(x, by, w, bh, "F")
	d.fill(d.brand)
	p.Rect(x, by, a*w, bh, "F")
	d.setFont(8, false)
	d.line(x, by+bh+0.8, w/2, 5, bs[0].Label+" "+bs[0].Text, "L", 8, 6, true, d.brandTx)
	d.line(x+w/2, by+bh+0.8, w/2, 5, bs[1].Label+" "+bs[1].Text, "R", 8, 6, true, muted)
}
