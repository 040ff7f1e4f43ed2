package deck

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// The deck's structure: a contents slide after the cover, linked to every
// section; the appendix at the end (exchange rates, sources, campaign
// names in full); and long tables flowing onto continuation slides with
// their header repeated.

const kindAppendix = "appendix"

// continuedSuffix ends the title of a slide that continues a table.
const continuedSuffix = " (continued)"

// Geometry of a full-width appendix table, as drawTable lays it out.
const (
	appendixRowH = 7.5  // mm per row
	appendixSize = 8.5  // pt
	tableTitleH  = 8.0  // panelTitle
	tableHeadH   = 7.0  // the header row
	tableNoteH   = 6.0  // a note under the table
	tablePad     = 2.0  // cell padding on each side
	platformTblX = 186. // margin + chart width + gap on a platform slide
)

// rowsFit returns how many body rows of t fit in h mm at rowH per row,
// leaving room for its title, header, total row and note; at least 1.
func rowsFit(t *table, h, rowH float64) int {
	if t.Title != "" {
		h -= tableTitleH
	}
	h -= tableHeadH
	if t.Note != "" {
		h -= tableNoteH
	}
	if t.Total != nil {
		h -= rowH
	}
	return max(1, int(math.Floor(h/rowH+1e-9)))
}

// continued splits s, a slide with one table, into as many slides as its
// rows need at perSlide rows each: each has the table's header, the later
// ones are titled "… (continued)". The total row and the note go on the
// last slide.
func continued(s slide, perSlide int) []slide {
	if len(s.Tables) != 1 || len(s.Tables[0].Rows) <= perSlide || perSlide < 1 {
		return []slide{s}
	}
	t := s.Tables[0]
	// the total and note take the room of rows on the last slide only
	var out []slide
	for i := 0; i < len(t.Rows); i += perSlide {
		part := s
		pt := t
		pt.Rows = t.Rows[i:min(i+perSlide, len(t.Rows))]
		if i+perSlide < len(t.Rows) {
			pt.Total, pt.Note = nil, fmt.Sprintf("Continued on the next slide (rows %d–%d of %d).",
				i+1, i+len(pt.Rows), len(t.Rows))
		}
		if i > 0 {
			part.Title = s.Title + continuedSuffix
		}
		part.Tables = []table{pt}
		out = append(out, part)
	}
	return out
}

// appendixSlide returns a full-width table slide, continued as needed.
func appendixSlide(title, subtitle string, t table) []slide {
	s := slide{Kind: kindAppendix, Title: title, Subtitle: subtitle, Tables: []table{t}}
	h := bottom - top
	// the note is on every part ("Continued …"), the total on the last
	per := rowsFit(&table{Title: t.Title, Note: "x", Total: t.Total}, h, appendixRowH)
	return continued(s, per)
}

// appendix returns the appendix slides: exchange rates, sources and the
// campaign names the platform slides shorten.
func (b *builder) appendix(m *deckModel) []slide {
	r := b.r
	var out []slide

	if len(r.Rates) > 0 {
		t := table{Columns: []string{"Currency", "Rate", "Used", "Source"},
			widths: []float64{0.8, 1.6, 0.6, 4.5}, align: "LRCL"}
		for _, x := range r.Rates {
			rate := NA
			if !x.Rate.IsZero() {
				rate = "1 " + clean(x.Currency) + " = " + x.Rate.String() + " " + r.Currency
			}
			used := "no"
			if x.Used {
				used = "yes"
			}
			t.Rows = append(t.Rows, []string{clean(x.Currency), rate, used, cleanOr(x.Source, "roibook.yaml")})
		}
		t.Note = "Money in another currency is converted to " + r.Currency + " at these rates before any sum."
		out = append(out, appendixSlide("Appendix: exchange rates", "Rates used to convert to "+r.Currency, t)...)
	}

	if len(r.Sources) > 0 {
		t := table{Columns: []string{"File", "Platform", "Rows", "Used", "Outside period", "Rejected", "Totals check"},
			widths: []float64{3.6, 1.7, 0.8, 0.8, 1.1, 0.9, 1.2}, align: "LLRRRRL"}
		var rows, used, outside, rejected int
		for _, f := range r.Sources {
			check := map[string]string{kpi.CheckMatch: "matches", kpi.CheckMismatch: "differs", kpi.CheckNone: "no totals row"}[f.Check.Status]
			if check == "" {
				check = "—"
			}
			name := cleanOr(filepath.Base(f.File), "(unnamed)")
			t.Rows = append(t.Rows, []string{name, cleanOr(f.Platform.Name(), string(f.Platform)),
				FormatCount(int64(f.Rows)), FormatCount(int64(f.Used)), FormatCount(int64(f.OutsidePeriod)),
				FormatCount(int64(len(f.Rejected))), check})
			rows += f.Rows
			used += f.Used
			outside += f.OutsidePeriod
			rejected += len(f.Rejected)
		}
		t.Total = []string{"Total", FormatCount(int64(len(r.Sources))) + " " + plural(len(r.Sources), "file", "files"), FormatCount(int64(rows)), FormatCount(int64(used)),
			FormatCount(int64(outside)), FormatCount(int64(rejected)), ""}
		t.Note = fmt.Sprintf("%s rows rejected as malformed; they are listed on the workbook's Rejected sheet.", FormatCount(int64(rejected)))
		if rejected == 0 {
			t.Note = "No rows rejected. Rows outside the period are left out of the figures."
		}
		out = append(out, appendixSlide("Appendix: sources", "Input files and what was read from them", t)...)
	}

	if t, ok := b.fullNames(m); ok {
		out = append(out, appendixSlide("Appendix: campaign names in full", "Names the campaign tables shorten", t)...)
	}
	return out
}

func cleanOr(s, fallback string) string {
	if c := clean(s); c != "" {
		return c
	}
	return fallback
}

// fullNames lists the campaign names the platform slides' tables end with
// an ellipsis, measured as drawTable draws them (at their largest size, so
// a name is listed whenever it may be shortened).
func (b *builder) fullNames(m *deckModel) (table, bool) {
	t := table{Columns: []string{"Platform", "Campaign"}, widths: []float64{1.2, 5}, align: "LL", plainFirst: true}
	var pdf *fpdf.Fpdf
	for _, s := range m.Slides {
		if s.Kind != kindPlatform || len(s.Tables) == 0 || !s.Tables[0].plainFirst {
			continue
		}
		tb := &s.Tables[0]
		w := colWidths(tb, pageW-margin-platformTblX)[0] - 2*tablePad
		for _, row := range tb.Rows {
			if len(row) == 0 {
				continue
			}
			if pdf == nil {
				pdf = measurer(b.r.Branding)
				if pdf == nil {
					return t, false
				}
			}
			if pdf.GetStringWidth(row[0]) > w {
				t.Rows = append(t.Rows, []string{s.Title, row[0]})
			}
		}
	}
	return t, len(t.Rows) > 0
}

// measurer returns a PDF with the deck's regular font at the platform
// table's size, for measuring text; nil when the font cannot be loaded.
func measurer(br reportgen.Branding) *fpdf.Fpdf {
	regular, _, err := fonts(br)
	if err != nil {
		return nil
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", regular)
	pdf.SetFont(fontFamily, "", 8.5)
	if pdf.Error() != nil {
		return nil
	}
	return pdf
}

// contentsGroups name the kinds of slide the contents list as one entry.
var contentsGroups = map[string]string{
	kindPlatform: "Ad platforms",
	kindOrganic:  "Organic pages",
	kindAppendix: "Appendix",
}

// addContents gives the cover the deck's contents: every section with its
// slides (a run of platform, organic or appendix slides as one entry), each
// linked to its first slide. Rows are label, slides ("3" or "3–6") and the
// first slide's number.
func addContents(m *deckModel) {
	if len(m.Slides) < 2 {
		return
	}
	t := table{Title: "Contents", Columns: []string{"Section", "Slides", "First"}}
	for i := 1; i < len(m.Slides); i++ {
		s := m.Slides[i]
		group := contentsGroups[s.Kind]
		j := i
		for j+1 < len(m.Slides) {
			next := m.Slides[j+1]
			if next.Kind != s.Kind || group == "" && !strings.HasSuffix(next.Title, continuedSuffix) {
				break
			}
			j++
		}
		label := s.Title
		if group != "" && j > i {
			label = group
		}
		pages := fmt.Sprint(i + 1)
		if j > i {
			pages += "–" + fmt.Sprint(j+1)
		}
		t.Rows = append(t.Rows, []string{label, pages, fmt.Sprint(i + 1)})
		i = j
	}
	m.Slides[0].Tables = []table{t}
}

// contents draws the cover's contents in the box: linked entries with
// their slide numbers, rows shrinking to fit.
func (d *doc) contents(s *slide, x, y, w, h float64, fg rgb) {
	if len(s.Tables) == 0 || len(s.Tables[0].Rows) == 0 {
		return
	}
	d.line(x, y, w, 6, "CONTENTS", "L", 8.5, 6, true, fg)
	y += 8
	rows := s.Tables[0].Rows
	rowH := min(7.0, (h-8)/float64(len(rows)))
	size := min(10.5, rowH/ptMM/1.45)
	numW := 16.0
	for _, row := range rows {
		d.line(x, y, w-numW, rowH, row[0], "L", size, 5, false, fg)
		d.line(x+w-numW, y, numW, rowH, row[1], "R", size, 5, true, fg)
		page := 0
		fmt.Sscan(row[2], &page)
		if page >= 1 && page <= len(d.links) {
			d.pdf.Link(x, y, w, rowH, d.links[page-1])
		}
		y += rowH
	}
}

// appendixTable draws an appendix slide's table across the slide.
func (d *doc) appendixTable(s *slide) {
	for i := range s.Tables {
		d.drawTable(&s.Tables[i], margin, top, contentW, contentBottom(s)-top, appendixRowH, appendixSize)
	}
}
