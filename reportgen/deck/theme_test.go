package deck

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gomono"
)

func TestContrast(t *testing.T) {
	if c := contrast(white, rgb{}); c < 20.9 || c > 21.1 {
		t.Errorf("contrast(white, black) = %.2f, want 21", c)
	}
	for _, tc := range []struct {
		bg   string
		want rgb
	}{
		{"#1F4E79", white}, // navy: white text
		{"#6A1B9A", white},
		{"#FFD54F", ink}, // a light yellow: dark text
		{"#FFFFFF", ink},
		{"#7CB342", ink}, // a mid green: white is under 4.5, dark reads better
	} {
		bg, _ := parseColor(tc.bg)
		if got := textOn(bg); got != tc.want {
			t.Errorf("textOn(%s) = %v, want %v (contrast white %.2f, ink %.2f)", tc.bg, got, tc.want,
				contrast(white, bg), contrast(ink, bg))
		}
		if c := contrast(textOn(bg), bg); c < minContrast {
			t.Errorf("text on %s has contrast %.2f, want ≥ %.1f", tc.bg, c, minContrast)
		}
		if c := contrast(darkenFor(bg, white, minContrast), white); c < minContrast {
			t.Errorf("brand text of %s on white has contrast %.2f", tc.bg, c)
		}
	}
}

// TestRender_theme renders with a secondary colour, the client's
// (interlaced) logo and a user font, which replaces the Go fonts; a font
// that is not one is an error and nothing is written.
func TestRender_theme(t *testing.T) {
	r := realisticReport(t)
	logo, err := os.ReadFile(filepath.Join("testdata", "logo_interlaced.png"))
	if err != nil {
		t.Fatal(err)
	}
	r.Branding.SecondaryColor = "#FFEB3B" // too light for a line on white: darkened
	r.Branding.ClientLogo = logo
	r.Branding.Font = gomono.TTF
	pdf := mustRender(t, r)
	if got := bytes.Count(pdf, []byte("/Subtype /Image")); got < 2 {
		t.Errorf("%d images, want the agency's and the client's logos", got)
	}
	r.Branding.Font = nil
	if bytes.Equal(pdf, mustRender(t, r)) {
		t.Error("the deck with a user font is the deck with the Go fonts")
	}
	r.Branding.Font = gomono.TTF
	needTool(t, "pdffonts")
	out := runPoppler(t, pdf, "pdffonts")
	if n := strings.Count(out, " yes "); n < 2 {
		t.Errorf("pdffonts shows %d embedded fonts, want 2:\n%s", n, out)
	}
	var buf bytes.Buffer
	r.Branding.Font = []byte("not a font at all")
	if err := Render(&buf, r, Options{}); err == nil || !strings.Contains(err.Error(), "font") || buf.Len() != 0 {
		t.Errorf("Render with a broken font: err = %v, %d bytes; want an error naming the font and nothing written", err, buf.Len())
	}
	r.Branding.Font = nil
	r.Branding.ClientLogo = []byte("GIF89a")
	if err := Render(&buf, r, Options{}); err == nil || !strings.Contains(err.Error(), "client logo") {
		t.Errorf("Render with a broken client logo: err = %v", err)
	}
}
