// Package deck renders a reportgen.Report as a 16:9 PDF deck for the client
// meeting: a cover, an executive summary, a slide per ad platform with a
// vector chart, a slide per organic page, website and sales by channel,
// costs, goals, commentary and definitions.
//
// Every figure is formatted by FormatMoney, FormatRatio, FormatCount or
// FormatQty, so tests (and other code) can check that the deck shows the
// model's numbers. An undefined ratio shows as "n/a", never 0. Text the
// deck font cannot draw (emoji, CJK) is replaced before it reaches the PDF
// library, and text never overflows its box: it shrinks, then ends with an
// ellipsis. Figures shrink but are never shortened.
//
// Only this package imports the PDF library.
package deck

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // a logo may be a JPEG; it is re-encoded as PNG
	"image/png"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/roibook/roibook/reportgen"
)

// Options tune the rendering.
type Options struct {
	// Generated is printed on the cover and stored as the PDF's creation
	// and modification dates. When zero, nothing is printed and the dates
	// are the day after the report period, so that the same report always
	// gives the same bytes.
	Generated time.Time
}

// Page geometry in mm: a 16:9 slide of 338.667 × 190.5 mm (13.333 × 7.5 in).
const (
	pageW    = 338.667
	pageH    = 190.5
	margin   = 14.0
	contentW = pageW - 2*margin
	top      = 33.0         // content starts below the title
	bottom   = pageH - 15.5 // content ends above the footer
	ptMM     = 25.4 / 72    // one point in mm

	fontFamily = "go"
)

// Render writes r as a PDF deck to w. It writes nothing when it fails: a
// logo that is not a PNG or JPEG image is an error; odd text never is.
// The same report and options give the same bytes.
func Render(w io.Writer, r *reportgen.Report, opts Options) (err error) {
	if r == nil {
		return errors.New("render deck: no report")
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("render deck: %v", p)
		}
	}()
	m := build(r, opts)
	d, err := newDoc(r, m, opts)
	if err != nil {
		return err
	}
	for range m.Slides {
		d.links = append(d.links, d.pdf.AddLink())
	}
	for i := range m.Slides {
		d.pdf.AddPage()
		d.page = i + 1
		d.pdf.SetLink(d.links[i], 0, -1)
		d.setFont(10, false) // bookmarks are UTF-16 when a UTF-8 font is set
		d.pdf.Bookmark(clean(m.Slides[i].Title), 0, 0)
		d.draw(&m.Slides[i])
		if err := d.pdf.Error(); err != nil {
			return fmt.Errorf("render deck: slide %d (%s): %w", i+1, m.Slides[i].Kind, err)
		}
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("render deck: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	defaultBrand = rgb{0x1F, 0x4E, 0x79}
	ink          = rgb{0x1F, 0x29, 0x33}
	muted        = rgb{0x5F, 0x6B, 0x7A}
	faint        = rgb{0x9A, 0xA5, 0xB1}
	grid         = rgb{0xE1, 0xE5, 0xEA}
	tileBg       = rgb{0xF3, 0xF5, 0xF8}
	zebra        = rgb{0xF7, 0xF8, 0xFA}
	white        = rgb{0xFF, 0xFF, 0xFF}
	orange       = rgb{0xE0, 0x6C, 0x1F}
	teal         = rgb{0x1A, 0x93, 0x86}
	green        = rgb{0x2E, 0x7D, 0x32}
	red          = rgb{0xC6, 0x28, 0x28}
)

// parseColor parses "#1F4E79", "1F4E79" or "#17a".
func parseColor(s string) (rgb, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return rgb{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return rgb{}, false
	}
	return rgb{int(v >> 16), int(v >> 8 & 0xFF), int(v & 0xFF)}, true
}

// luminance is the relative luminance of c, 0 (black) to 1 (white).
func (c rgb) luminance() float64 {
	return (0.2126*float64(c.r) + 0.7152*float64(c.g) + 0.0722*float64(c.b)) / 255
}

// mix returns c blended with o: t = 0 gives c, 1 gives o.
func (c rgb) mix(o rgb, t float64) rgb {
	f := func(a, b int) int { return int(float64(a) + (float64(b)-float64(a))*t + 0.5) }
	return rgb{f(c.r, o.r), f(c.g, o.g), f(c.b, o.b)}
}

// doc is the PDF being drawn and the deck's colours.
type doc struct {
	pdf *fpdf.Fpdf
	m   *deckModel

	brand   rgb // the agency's colour, for fills
	brandFg rgb // text on a brand fill
	brandTx rgb // the brand colour dark enough for text on white
	brandLt rgb // a light tint of the brand colour
	accent  rgb // the conversions line, set off from the brand colour

	logo         bool
	logoW, logoH int // pixels

	clientLogo       bool // the client's logo, on the cover
	clientW, clientH int
	secondary        bool // accent is the brand's secondary colour

	page  int
	links []int // per slide, the internal link to its page

	deltas map[string]tileDelta // the summary tiles' changes, by label, while it is drawn
}

func newDoc(r *reportgen.Report, m *deckModel, opts Options) (*doc, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm",
		Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	when := opts.Generated
	if when.IsZero() {
		when = r.Period.To.AddDate(0, 0, 1)
		if r.Period.IsZero() {
			when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	pdf.SetCreationDate(when.UTC())
	pdf.SetModificationDate(when.UTC())
	pdf.SetTitle(m.Client+" · Social media ROI · "+m.Period, true)
	if m.Agency != "" {
		pdf.SetAuthor(m.Agency, true)
	}
	pdf.SetCreator("roibook", false)
	pdf.SetProducer("roibook", false)
	regular, bold, err := fonts(r.Branding)
	if err != nil {
		return nil, err
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", regular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", bold)

	d := &doc{pdf: pdf, m: m, brand: defaultBrand}
	if c, ok := parseColor(r.Branding.PrimaryColor); ok {
		d.brand = c
	}
	d.brandFg = white
	if d.brand.luminance() > 0.6 {
		d.brandFg = ink
	}
	d.brandTx = d.brand
	for i := 0; i < 10 && d.brandTx.luminance() > 0.45; i++ {
		d.brandTx = d.brandTx.mix(rgb{}, 0.2)
	}
	d.brandLt = d.brand.mix(white, 0.85)
	d.accent = orange
	if dr, dg, db := d.brand.r-orange.r, d.brand.g-orange.g, d.brand.b-orange.b; dr*dr+dg*dg+db*db < 90*90 {
		d.accent = teal
	}
	if err := d.theme(r); err != nil {
		return nil, err
	}
	if len(r.Branding.Logo) > 0 {
		if err := d.loadLogo(r.Branding.Logo); err != nil {
			return nil, err
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("render deck: %w", err)
	}
	return d, nil
}

// loadLogo decodes the logo and registers it re-encoded as a plain
// (non-interlaced) PNG, which is all fpdf accepts.
func (d *doc) loadLogo(data []byte) error {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("render deck: branding logo: want a PNG or JPEG image: %w", err)
	}
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return errors.New("render deck: branding logo: empty image")
	}
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return fmt.Errorf("render deck: branding logo: %w", err)
	}
	d.pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("render deck: branding logo: %w", err)
	}
	d.logo, d.logoW, d.logoH = true, b.Dx(), b.Dy()
	return nil
}

// drawLogo draws the logo as large as fits in the box, keeping its aspect,
// aligned right when right is set.
func (d *doc) drawLogo(x, y, w, h float64, right bool) {
	if !d.logo {
		return
	}
	lw, lh := w, w*float64(d.logoH)/float64(d.logoW)
	if lh > h {
		lw, lh = h*float64(d.logoW)/float64(d.logoH), h
	}
	if right {
		x += w - lw
	}
	d.pdf.ImageOptions("logo", x, y+(h-lh)/2, lw, lh, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

func (d *doc) fill(c rgb)   { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) stroke(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) color(c rgb)  { d.pdf.SetTextColor(c.r, c.g, c.b) }

// text draws s (cleaned) in the box at the current font, aligned "L", "C"
// or "R" and centred vertically. It does not fit s: callers do.
func (d *doc) text(x, y, w, h float64, s, align string) {
	if x < 0 { // fpdf takes a negative x or y from the opposite edge
		w += x
		x = 0
	}
	if w <= 0 || y < 0 {
		return
	}
	d.pdf.SetXY(x, y)
	if textBoxHook != nil {
		textBoxHook(clean(s), d.width(clean(s)), w)
	}
	d.pdf.CellFormat(w, h, clean(s), "", 0, align+"M", false, 0, "")
}

// line draws s fitted into the box (shrinking from size to min, then
// ellipsis) in colour c.
func (d *doc) line(x, y, w, h float64, s, align string, size, min float64, bold bool, c rgb) {
	s, _ = d.fitLine(s, w, size, min, bold)
	d.color(c)
	d.text(x, y, w, h, s, align)
}

// figure draws a figure, shrunk to fit but never shortened.
func (d *doc) figure(x, y, w, h float64, s, align string, size float64, bold bool, c rgb) {
	d.fitFigure(s, w, size, bold)
	d.color(c)
	d.text(x, y, w, h, s, align)
}

func (d *doc) draw(s *slide) {
	if s.Kind == kindCover {
		d.cover(s)
		return
	}
	d.chrome(s)
	switch s.Kind {
	case kindSummary:
		d.summary(s)
	case kindFunnel:
		d.drawFunnel(s)
	case kindMix:
		d.drawMix(s)
	case kindPlatform:
		d.platform(s)
	case kindOrganic:
		d.organic(s)
	case kindWeb:
		d.web(s)
	case kindCosts:
		d.costs(s)
	case kindGoals:
		d.goals(s)
	case kindCommentary:
		d.commentary(s)
	case kindDefinitions:
		d.definitions(s)
	case kindAppendix:
		d.appendixTable(s)
	}
}
