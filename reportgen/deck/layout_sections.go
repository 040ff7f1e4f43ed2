package deck

import "strings"

// contentBottom is where a slide's content ends: above the caveat line
// when the slide has one.
func contentBottom(s *slide) float64 {
	if s.Caveat != "" {
		return pageH - 19.5
	}
	return bottom
}

// chartOrNote draws the slide's chart in the box, or a panel with the
// slide's first note when it has no chart.
func (d *doc) chartOrNote(s *slide, x, y, w, h float64) {
	if s.Chart != nil {
		d.combo(s.Chart, x, y, w, h)
		return
	}
	d.fill(tileBg)
	d.pdf.RoundedRect(x, y, w, h, 2, "1234", "F")
	msg := "No daily figures in the exports"
	if len(s.Notes) > 0 {
		msg = s.Notes[0]
	}
	lines, _, lh := d.fitBlock(msg, w-30, h-20, 11, 7, 1.3, false)
	d.color(muted)
	ty := y + (h-float64(len(lines))*lh)/2
	for _, l := range lines {
		d.text(x+15, ty, w-30, lh, l, "C")
		ty += lh
	}
}

// organic draws an organic platform's slide: tiles (two rows when there
// are many), the daily chart and the top posts.
func (d *doc) organic(s *slide) {
	bot := contentBottom(s)
	st := tileStyle{value: 14, label: 7, bg: tileBg, bar: d.brand}
	y := top
	if n := len(s.Tiles); n > 8 {
		half := (n + 1) / 2
		d.tiles(s.Tiles[:half], margin, y, contentW, 19, 3.5, st)
		rest := s.Tiles[half:]
		// the second row keeps the first row's tile width, left-aligned
		tw := (contentW - 3.5*float64(half-1)) / float64(half)
		d.tiles(rest, margin, y+19+3.5, tw*float64(len(rest))+3.5*float64(len(rest)-1), 19, 3.5, st)
		y += 2*19 + 3.5 + 7
	} else {
		d.tiles(s.Tiles, margin, y, contentW, 22, 3.5, st)
		y += 22 + 7
	}
	h := bot - y
	chartW := 152.0
	d.chartOrNote(s, margin, y, chartW, h)
	tx := margin + chartW + 9
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], tx, y, pageW-margin-tx, h, 9.5, 8.5)
	}
}

// captioned draws tiles in groups, each with a caption above it, side by
// side in a row of equal tiles with a wider gap between groups.
func (d *doc) captioned(groups [][]tile, captions []string, x, y, w, h float64, st tileStyle) {
	n, ng := 0, 0
	for _, g := range groups {
		if len(g) > 0 {
			n += len(g)
			ng++
		}
	}
	if n == 0 {
		return
	}
	const gap, sep = 4.0, 8.0
	tw := (w - sep*float64(ng-1) - gap*float64(n-ng)) / float64(n)
	for i, g := range groups {
		if len(g) == 0 {
			continue
		}
		gw := tw*float64(len(g)) + gap*float64(len(g)-1)
		if i < len(captions) && captions[i] != "" {
			d.line(x, y-6.5, gw, 5, captions[i], "L", 7.5, 5.5, true, d.brandTx)
		}
		d.tiles(g, x, y, gw, h, gap, st)
		x += gw + sep
	}
}

// web draws the website and sales slide: tiles of both, the tables by
// channel side by side, and the revenue source notes.
func (d *doc) web(s *slide) {
	var web, sales []tile
	for _, t := range s.Tiles {
		if t.Group == groupSales {
			sales = append(sales, t)
		} else {
			web = append(web, t)
		}
	}
	y := top + 6
	d.captioned([][]tile{web, sales}, []string{"Website (Google Analytics 4)", "Sales (CRM)"}, margin, y, contentW, 24,
		tileStyle{value: 15, label: 7, bg: tileBg, bar: d.brand})
	y += 24 + 8

	// notes at the bottom, tables above them
	text := strings.Join(s.Notes, "\n")
	var lines []string
	lh, size := 0.0, 0.0
	if text != "" {
		lines, size, lh = d.fitBlock(text, contentW-8, 16, 8.5, 6.5, 1.3, false)
	}
	notesH := float64(len(lines))*lh + 4
	bot := bottom - notesH - 2
	n := len(s.Tables)
	if n > 0 {
		const gap = 10.0
		tw := (contentW - gap*float64(n-1)) / float64(n)
		if n == 1 {
			tw = contentW * 0.62
		}
		for i := range s.Tables {
			d.drawTable(&s.Tables[i], margin+float64(i)*(tw+gap), y, tw, bot-y, 8, 9)
		}
	}
	if len(lines) > 0 {
		ny := bottom - notesH
		d.fill(tileBg)
		d.pdf.RoundedRect(margin, ny, contentW, notesH, 1.5, "1234", "F")
		d.setFont(size, false) // the tables changed it
		d.color(muted)
		ty := ny + 2
		for _, l := range lines {
			d.text(margin+4, ty, contentW-8, lh, l, "L")
			ty += lh
		}
	}
}
