package deck

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/roibook/roibook/reportgen"
)

// The theme: the brand's colours (text on them chosen by WCAG contrast),
// a secondary colour for accents, the client's logo, and the deck font
// (the embedded Go fonts, or the user's TrueType font).

// wcagLum is the WCAG 2 relative luminance of c.
func (c rgb) wcagLum() float64 {
	ch := func(v int) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
}

// contrast is the WCAG contrast ratio of a and b, 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := a.wcagLum(), b.wcagLum()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// minContrast is the WCAG AA contrast of body text.
const minContrast = 4.5

// textOn returns the text colour for a fill of bg: white when it reads
// well (contrast ≥ 4.5), else whichever of white and near-black reads
// better.
func textOn(bg rgb) rgb {
	if contrast(white, bg) >= minContrast {
		return white
	}
	if contrast(ink, bg) > contrast(white, bg) {
		return ink
	}
	return white
}

// darkenFor darkens c until it has contrast at least min against bg.
func darkenFor(c, bg rgb, min float64) rgb {
	for i := 0; i < 20 && contrast(c, bg) < min; i++ {
		c = c.mix(rgb{}, 0.12)
	}
	return c
}

// fonts returns the deck's regular and bold fonts: the user's TrueType
// font for both when given, else Go Regular and Go Bold.
func fonts(b reportgen.Branding) (regular, bold []byte, err error) {
	if len(b.Font) == 0 {
		return goregular.TTF, gobold.TTF, nil
	}
	if _, err := sfnt.Parse(b.Font); err != nil {
		return nil, nil, fmt.Errorf("render deck: branding font: %w", err)
	}
	return b.Font, b.Font, nil
}

// theme applies the rest of the branding once the brand colour is known:
// text colours by contrast, the secondary colour, the client's logo and
// the document's subject.
func (d *doc) theme(r *reportgen.Report) error {
	d.brandFg = textOn(d.brand)
	d.brandTx = darkenFor(d.brand, white, minContrast)
	if c, ok := parseColor(r.Branding.SecondaryColor); ok {
		// a line or bar on white needs 3:1 to be seen
		d.accent = darkenFor(c, white, 3)
		d.secondary = true
	}
	subject := "Social media ROI report for " + d.m.Client
	if d.m.Period != "" {
		subject += ", " + d.m.Period
	}
	d.pdf.SetSubject(subject, true)
	if len(r.Branding.ClientLogo) > 0 {
		w, h, err := d.registerPNG("clientlogo", r.Branding.ClientLogo)
		if err != nil {
			return fmt.Errorf("render deck: branding client logo: %w", err)
		}
		d.clientLogo, d.clientW, d.clientH = true, w, h
	}
	return nil
}

// registerPNG decodes a PNG or JPEG image and registers it under name
// re-encoded as a plain PNG: fpdf rejects interlaced PNGs.
func (d *doc) registerPNG(name string, data []byte) (w, h int, err error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("want a PNG or JPEG image: %w", err)
	}
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return 0, 0, errors.New("empty image")
	}
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return 0, 0, err
	}
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	if err := d.pdf.Error(); err != nil {
		return 0, 0, err
	}
	return b.Dx(), b.Dy(), nil
}

// drawImage draws a registered image as large as fits in the box,
// keeping its aspect, aligned right when right is set.
func (d *doc) drawImage(name string, iw, ih int, x, y, w, h float64, right bool) {
	lw, lh := w, w*float64(ih)/float64(iw)
	if lh > h {
		lw, lh = h*float64(iw)/float64(ih), h
	}
	if right {
		x += w - lw
	}
	d.pdf.ImageOptions(name, x, y+(h-lh)/2, lw, lh, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// textBoxHook, when set (by tests), sees every text box drawn: the text,
// its width in the current font and the box's width.
var textBoxHook func(s string, textW, boxW float64)
