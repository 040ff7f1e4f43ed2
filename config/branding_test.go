package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/roibook/roibook/config"
)

// TestConfigBrandingTheme checks secondary_color, client_logo and font:
// parsed, resolved against the configuration's folder, and every bad value
// an error naming the key and the file as written.
func TestConfigBrandingTheme(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logo, err := os.ReadFile(filepath.Join("testdata", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	write("client.png", logo)
	write("brand.ttf", goregular.TTF)
	write("broken.ttf", append([]byte("\x00\x01\x00\x00"), make([]byte, 40)...))
	write("notes.txt", []byte("hello, not a font"))
	name := filepath.Join(dir, "roibook.yaml")

	c, err := config.Parse(name, []byte(head+"branding:\n  secondary_color: \"#e06c1f\"\n  client_logo: client.png\n  font: brand.ttf\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	b := c.Branding
	if b.SecondaryColor != "#E06C1F" || b.ClientLogo != filepath.Join(dir, "client.png") || b.Font != filepath.Join(dir, "brand.ttf") {
		t.Errorf("Branding = %+v", b)
	}

	for _, tc := range []struct{ name, yaml, want string }{
		{"named secondary", "branding: {secondary_color: orange}\n",
			`:3: branding.secondary_color: got "orange", want a colour such as "#1F4E79"`},
		{"unquoted secondary", "branding:\n  secondary_color: #E06C1F\n",
			`:4: branding.secondary_color: got nothing, want a colour such as "#1F4E79" in quotes (an unquoted # starts a comment)`},
		{"missing client logo", "branding: {client_logo: gone.png}\n",
			`:3: branding.client_logo: got "gone.png", want a PNG file (no such file)`},
		{"client logo not a PNG", "branding: {client_logo: notes.txt}\n",
			`:3: branding.client_logo: got "notes.txt", want a PNG file (this file is not a PNG)`},
		{"missing font", "branding: {font: gone.ttf}\n",
			`:3: branding.font: got "gone.ttf", want a TrueType font file (no such file)`},
		{"text as font", "branding:\n  name: A\n  font: notes.txt\n",
			`:5: branding.font: got "notes.txt", want a TrueType font file (this file is not a TrueType font)`},
		{"broken font", "branding: {font: broken.ttf}\n",
			`:3: branding.font: got "broken.ttf", want a TrueType font file (this font cannot be read: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse(name, []byte(head+tc.yaml))
			if err == nil || len(err.Error()) < len(name+tc.want) || err.Error()[:len(name+tc.want)] != name+tc.want {
				t.Errorf("error %v, want it to start %q", err, name+tc.want)
			}
		})
	}
}
