package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"golang.org/x/image/font/sfnt"
)

// brandingExtra decodes the branding keys of the deck's theme:
// secondary_color, client_logo (a PNG) and font (a TrueType file).
func (d *decoder) brandingExtra(b *Branding, key, kid string, v ast.Node) {
	switch key {
	case "secondary_color":
		b.SecondaryColor, _ = d.text(v, kid, colorWant)
		if _, null := v.(*ast.NullNode); null && !d.errs.bad[kid] {
			d.errs.add(line(v), kid, "got nothing, want %s in quotes (an unquoted # starts a comment)", colorWant)
		}
	case "client_logo", "font":
		want := "a PNG file such as client.png"
		if key == "font" {
			want = "a TrueType font file such as brand.ttf"
		}
		s, _ := d.text(v, kid, want)
		if s == "" {
			return
		}
		p := s
		if !filepath.IsAbs(p) {
			p = filepath.Join(d.c.Dir, p)
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if d.c.asWritten == nil {
			d.c.asWritten = map[string]string{}
		}
		d.c.asWritten[kid] = s
		if key == "font" {
			b.Font = p
		} else {
			b.ClientLogo = p
		}
	}
}

// validateBrandingExtra checks secondary_color, client_logo and font.
func (c *Config) validateBrandingExtra(l *errList, check func(id string, ok bool, format string, args ...any)) {
	b := c.Branding
	if b.SecondaryColor != "" {
		check("branding.secondary_color", hexColor.MatchString(b.SecondaryColor), "got %q, want %s", b.SecondaryColor, colorWant)
		if hexColor.MatchString(b.SecondaryColor) {
			c.Branding.SecondaryColor = strings.ToUpper(b.SecondaryColor)
		}
	}
	written := func(id, path string) string {
		if s := c.asWritten[id]; s != "" {
			return s
		}
		return path
	}
	if b.ClientLogo != "" && !l.bad["branding.client_logo"] {
		if err := checkPNG(b.ClientLogo); err != nil {
			l.add(c.line("branding.client_logo"), "branding.client_logo", "got %q, want a PNG file (%v)",
				written("branding.client_logo", b.ClientLogo), err)
		}
	}
	if b.Font != "" && !l.bad["branding.font"] {
		if err := checkFont(b.Font); err != nil {
			l.add(c.line("branding.font"), "branding.font", "got %q, want a TrueType font file (%v)",
				written("branding.font", b.Font), err)
		}
	}
}

// checkFont reports a file that does not exist or that is not a TrueType
// font the deck can embed.
func checkFont(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("no such file")
		}
		return err
	}
	return CheckFont(data)
}

// CheckFont reports font data the deck cannot embed: anything but a
// TrueType (glyf) font with a Unicode character map.
func CheckFont(data []byte) error {
	if len(data) < 4 || string(data[:4]) == "OTTO" {
		if len(data) >= 4 {
			return errors.New("an OpenType CFF font; want TrueType outlines")
		}
		return errors.New("this file is not a font")
	}
	if v := string(data[:4]); v != "\x00\x01\x00\x00" && v != "true" {
		return errors.New("this file is not a TrueType font")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return errors.New("this font cannot be read: " + err.Error())
	}
	var buf sfnt.Buffer
	if i, err := f.GlyphIndex(&buf, 'A'); err != nil || i == 0 {
		return errors.New("this font has no glyph for A")
	}
	return nil
}
