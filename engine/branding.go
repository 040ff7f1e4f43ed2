package engine

import (
	"bytes"
	"fmt"
	"os"

	"github.com/roibook/roibook/config"
	"github.com/roibook/roibook/reportgen"
)

// brandingTheme reads the deck's theme files: the client's logo and the
// font, checked again since they may have changed since the configuration
// was validated.
func brandingTheme(cfg *config.Config, b *reportgen.Branding) error {
	b.SecondaryColor = cfg.Branding.SecondaryColor
	if p := cfg.Branding.ClientLogo; p != "" {
		logo, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("branding client logo: %w", err)
		}
		if !bytes.HasPrefix(logo, []byte("\x89PNG\r\n\x1a\n")) {
			return fmt.Errorf("%s: branding client logo is not a PNG file", p)
		}
		b.ClientLogo = logo
	}
	if p := cfg.Branding.Font; p != "" {
		font, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("branding font: %w", err)
		}
		if err := config.CheckFont(font); err != nil {
			return fmt.Errorf("%s: branding font: %v", p, err)
		}
		b.Font = font
	}
	return nil
}
