package deck

import (
	"math"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The channel mix slide: spend and revenue per ad platform as paired bars
// with each platform's ROAS, paid against organic, and the table of the
// platforms' figures.

// A mixRow is one ad platform of the channel mix chart.
type mixRow struct {
	Label       string  `json:"label"`
	Spend       float64 `json:"spend"`
	SpendText   string  `json:"spend_text"`
	Revenue     float64 `json:"revenue"`      // 0 when unknown
	RevenueText string  `json:"revenue_text"` // NA when the exports report none
	ROAS        string  `json:"roas"`
}

func (b *builder) mix() slide {
	r := b.r
	s := slide{Kind: kindMix, Title: "Channel mix",
		Subtitle: "Spend, revenue and ROAS by platform; paid and organic · " + clean(r.Period.Label())}
	for i := range r.Platforms {
		p := &r.Platforms[i]
		row := mixRow{Label: scopeName(p), Spend: p.Inputs.Spend.Float64(), SpendText: b.spend(p.Inputs.Totals),
			RevenueText: b.revenue(p), ROAS: b.value(p, "roas")}
		if p.HasRevenue() {
			row.Revenue = p.Inputs.Revenue.Float64()
		}
		s.Mix = append(s.Mix, row)
	}
	s.Tables = append(s.Tables, b.paidOrganic())
	s.Tables = append(s.Tables, b.platformTable()...)
	return s
}

// paidOrganic is the table of paid, organic and both together: costs,
// engagements, revenue and full-cost ROI.
func (b *builder) paidOrganic() table {
	r := b.r
	t := table{Title: "Paid and organic", Columns: []string{"", "Paid"}, align: "LR", widths: []float64{1.5, 1.2}}
	scopes := []*reportgen.Scope{&r.Total}
	if r.Organic != nil {
		t.Columns = append(t.Columns, "Organic")
		t.align += "R"
		t.widths = append(t.widths, 1.2)
		scopes = append(scopes, &r.Organic.Total)
	}
	if r.Together != nil {
		t.Columns = append(t.Columns, "Together")
		t.align += "R"
		t.widths = append(t.widths, 1.2)
		scopes = append(scopes, r.Together)
	}
	row := func(label string, f func(i int, sc *reportgen.Scope) string) {
		cells := []string{label}
		for i, sc := range scopes {
			cells = append(cells, f(i, sc))
		}
		t.Rows = append(t.Rows, cells)
	}
	row("Ad spend", func(_ int, sc *reportgen.Scope) string { return b.money(sc.Inputs.Spend) })
	row("Other costs", func(_ int, sc *reportgen.Scope) string { return b.money(sc.Inputs.OtherCosts) })
	row("Total cost", func(_ int, sc *reportgen.Scope) string { return b.money(sc.TotalCost()) })
	row("Engagements", func(_ int, sc *reportgen.Scope) string {
		t := sc.Inputs.Totals
		return count(t, kpi.FEngagements, t.Engagements)
	})
	row("Revenue", func(_ int, sc *reportgen.Scope) string { return b.revenue(sc) })
	row(b.kpiName("roi", "Full-cost ROI"), func(i int, sc *reportgen.Scope) string {
		if r.Organic != nil && sc == &r.Organic.Total {
			return b.organicValue(sc, "organic_roi")
		}
		return b.value(sc, "roi")
	})
	if r.Organic == nil {
		t.Note = "No organic exports in this report."
	} else {
		t.Note = "Organic: the pages' own cost lines; revenue " + map[string]string{"ga4": "from Google Analytics 4",
			"crm": "from the CRM", "": "none attributed"}[r.Organic.RevenueSource] + "."
	}
	return t
}

// drawMix draws the channel mix: the paired bars left, paid and organic
// right, the platform table below.
func (d *doc) drawMix(s *slide) {
	bot := contentBottom(s)
	y := top
	tableH := 0.0
	var plat *table
	if len(s.Tables) > 1 {
		plat = &s.Tables[1]
		tableH = min(64, 16+7.5*float64(len(plat.Rows)+1))
	}
	h := bot - y - tableH - 5
	cw := 190.0
	if len(s.Mix) > 0 {
		d.mixBars(s.Mix, margin, y, cw, h)
	}
	tx := margin + cw + 10
	if len(s.Tables) > 0 {
		d.drawTable(&s.Tables[0], tx, y, pageW-margin-tx, h, 7.5, 8.5)
	}
	if plat != nil {
		d.drawTable(plat, margin, bot-tableH, contentW, tableH, 7.5, 8.5)
	}
}

// mixBars draws spend and revenue per platform as paired horizontal bars
// on one scale, with each platform's ROAS at the right.
func (d *doc) mixBars(rows []mixRow, x, y, w, h float64) {
	p := d.pdf
	ph := d.panelTitle(x, y, w*0.5, "Spend and revenue by platform")
	// legend
	d.setFont(8, false)
	lx := x + w
	for _, it := range []struct {
		name string
		c    rgb
	}{{"Revenue", d.accent}, {"Spend", d.brand}} {
		lw := d.width(it.name)
		lx -= lw
		d.color(muted)
		d.text(lx, y, lw, 6, it.name, "L")
		lx -= 4.5
		d.fill(it.c)
		p.Rect(lx, y+1.5, 3.2, 3.2, "F")
		lx -= 6
	}
	y += ph + 1
	h -= ph + 1
	const roasW = 18.0
	d.setFont(8.5, true)
	d.color(muted)
	d.text(x+w-roasW, y, roasW, 5, "ROAS", "R")
	y += 6
	h -= 6
	labelW := 34.0
	valueW := 26.0
	x0, x1 := x+labelW, x+w-roasW-valueW-2
	hi := 0.0
	for _, r := range rows {
		hi = max(hi, r.Spend, r.Revenue)
	}
	if !(hi > 0) || math.IsInf(hi, 0) {
		hi = 1
	}
	pitch := min(16.0, h/float64(len(rows)))
	bh := pitch * 0.34
	for i, r := range rows {
		by := y + float64(i)*pitch
		d.line(x, by, labelW-3, 2*bh, r.Label, "L", 9, 6, true, ink)
		for j, v := range []struct {
			val  float64
			text string
			c    rgb
		}{{r.Spend, r.SpendText, d.brand}, {r.Revenue, r.RevenueText, d.accent}} {
			yy := by + float64(j)*bh
			bw := math.Max(0, math.Min(v.val/hi, 1)) * (x1 - x0)
			if bw > 0 {
				d.fill(v.c)
				p.Rect(x0, yy+0.3, bw, bh-0.6, "F")
			}
			c := ink
			if v.text == NA {
				c = faint
			}
			d.figure(x0+bw+1.5, yy, x1+valueW-(x0+bw+1.5), bh, v.text, "L", 7.5, false, c)
		}
		rc := ink
		if r.ROAS == NA {
			rc = faint
		}
		d.figure(x+w-roasW, by, roasW, 2*bh, r.ROAS, "R", 10, true, rc)
	}
	d.stroke(ink.mix(white, 0.4))
	p.SetLineWidth(0.3)
	p.Line(x0, y-1, x0, y+float64(len(rows)-1)*pitch+2*bh+1)
}
