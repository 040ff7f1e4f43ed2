package deck

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The deck font is Go Regular and Go Bold: Latin, Greek, Cyrillic and common
// symbols, but no CJK and no emoji. fpdf panics on a rune above U+FFFF and
// prints an empty box for a rune the font lacks, so every string goes
// through clean before it reaches fpdf.

var glyphs struct {
	once  sync.Once
	fonts []*sfnt.Font
	mu    sync.Mutex
	known [0x10000]uint8 // 0 unknown, 1 drawable, 2 missing
}

// hasGlyph reports whether both deck fonts can draw r.
func hasGlyph(r rune) bool {
	if r < 0x20 || r > 0xFFFF || r >= 0xD800 && r <= 0xDFFF {
		return false
	}
	if r < 0x7f {
		return true
	}
	glyphs.once.Do(func() {
		for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				panic("deck: embedded font: " + err.Error())
			}
			glyphs.fonts = append(glyphs.fonts, f)
		}
	})
	glyphs.mu.Lock()
	defer glyphs.mu.Unlock()
	switch glyphs.known[r] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := true
	var buf sfnt.Buffer
	for _, f := range glyphs.fonts {
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			ok = false
		}
	}
	glyphs.known[r] = 2
	if ok {
		glyphs.known[r] = 1
	}
	return ok
}

// drawable reports whether the deck font can draw every rune of s.
func drawable(s string) bool {
	for _, r := range s {
		if !hasGlyph(r) {
			return false
		}
	}
	return true
}

// isEmoji reports whether r is part of an emoji sequence: pictographs,
// dingbats, keycaps, flags, skin tones, variation selectors and joiners.
// Such runes are dropped rather than replaced.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, transport, flags, skin tones
		r >= 0x2600 && r <= 0x27BF,   // misc symbols, dingbats
		r >= 0x2300 && r <= 0x23FF,   // misc technical (⌚ ⏰)
		r >= 0x2B00 && r <= 0x2BFF,   // arrows and stars (⭐)
		r >= 0xFE00 && r <= 0xFE0F,   // variation selectors
		r >= 0xE0000 && r <= 0xE007F, // tags
		r == 0x200D, r == 0x20E3, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}

// clean returns s as one line the deck font can draw: invalid UTF-8 and
// runes the font lacks become '?', emoji and unsupported combining marks
// are dropped, control characters and line breaks become spaces, and runs
// of spaces collapse to one. A non-blank s never comes back empty. clean is
// idempotent.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := true    // drop leading spaces
	dropped := false // some rune was dropped
	gap := false     // a rune was dropped since the last space
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == utf8.RuneError && n <= 1:
			r = '?'
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x2028 || r == 0x2029:
			r = ' '
		case hasGlyph(r):
		case isEmoji(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			dropped, gap = true, true
			continue
		default:
			r = '?'
		}
		if r == ' ' {
			if space {
				continue
			}
			space, gap = true, false
		} else {
			// "great 🚀." becomes "great." rather than "great ."
			if space && gap && strings.ContainsRune(".,;:!?)", r) && len(b) > 0 {
				b = b[:len(b)-1]
			}
			space, gap = false, false
		}
		b = utf8.AppendRune(b, r)
	}
	out := strings.TrimRight(string(b), " ")
	if out == "" && (dropped || strings.TrimSpace(s) != "") {
		return "?"
	}
	return out
}

// isPlain reports whether s is printable ASCII without double or edge spaces,
// which clean returns unchanged.
func isPlain(s string) bool {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && prev == ' ' {
			return false
		}
		prev = c
	}
	return prev != ' ' || s == ""
}

// cleanText is clean for a block of text: paragraphs (split on blank or
// single line breaks) are cleaned one by one and joined with "\n".
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true
	for _, l := range lines {
		l = clean(l)
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

const ellipsis = "…"

// setFont selects the deck font at size points.
func (d *doc) setFont(size float64, bold bool) {
	style := ""
	if bold {
		style = "B"
	}
	d.pdf.SetFont(fontFamily, style, size)
}

// width returns the width of s in mm in the current font.
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(s) }

// ellipsize shortens s with a trailing ellipsis so that it fits in w mm in
// the current font; it returns s when it already fits, and "" when not
// even the ellipsis fits.
func (d *doc) ellipsize(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	if d.width(ellipsis) > w {
		return ""
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // largest n with prefix(n)+… fitting
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.width(string(runes[:mid])+ellipsis) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	head := strings.TrimRight(string(runes[:lo]), " .,;:-–—_/|")
	return head + ellipsis
}

// fitLine returns s cleaned and the font size at which it fits in w mm,
// shrinking from size down to min points in half-point steps and then
// shortening it with an ellipsis. It leaves the font set to that size.
func (d *doc) fitLine(s string, w, size, min float64, bold bool) (string, float64) {
	s = clean(s)
	for ; size > min; size -= 0.5 {
		d.setFont(size, bold)
		if d.width(s) <= w {
			return s, size
		}
	}
	size = min
	d.setFont(size, bold)
	return d.ellipsize(s, w), size
}

// fitFigure is fitLine for a figure, which is never shortened: it shrinks
// as far as needed, down to 4 points.
func (d *doc) fitFigure(s string, w, size float64, bold bool) float64 {
	s = clean(s)
	d.setFont(size, bold)
	if ww := d.width(s); ww > w && ww > 0 {
		size = max(4, size*w/ww*0.98)
		d.setFont(size, bold)
	}
	return size
}

// wrap breaks text (paragraphs separated by "\n") into lines of at most w
// mm in the current font. Words longer than a line are split. An empty
// paragraph gives an empty line.
func (d *doc) wrap(text string, w float64) []string {
	var lines []string
	space := d.width(" ")
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line, lw := "", 0.0
		for _, word := range words {
			ww := d.width(word)
			for ww > w { // split a word that cannot fit on any line
				if line != "" {
					lines = append(lines, line)
					line, lw = "", 0
				}
				runes := []rune(word)
				n := 1
				for n < len(runes) && d.width(string(runes[:n+1])) <= w {
					n++
				}
				lines = append(lines, string(runes[:n]))
				word = string(runes[n:])
				ww = d.width(word)
			}
			if word == "" {
				continue
			}
			switch {
			case line == "":
				line, lw = word, ww
			case lw+space+ww <= w:
				line += " " + word
				lw += space + ww
			default:
				lines = append(lines, line)
				line, lw = word, ww
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// fitBlock wraps text to fit a box of w × h mm with lines lead × the font
// size apart, shrinking from size to min points; at min it keeps the lines
// that fit and ends the last one with an ellipsis. It returns the lines, the
// size and the line height in mm, and leaves the font set.
func (d *doc) fitBlock(text string, w, h, size, min, lead float64, bold bool) ([]string, float64, float64) {
	text = cleanText(text)
	for ; ; size -= 0.5 {
		if size < min {
			size = min
		}
		d.setFont(size, bold)
		lh := size * lead * ptMM
		lines := d.wrap(text, w)
		if float64(len(lines))*lh <= h+0.01 {
			return lines, size, lh
		}
		if size == min {
			n := max(int((h+0.01)/lh), 1)
			lines = lines[:n]
			lines[n-1] = d.ellipsize(strings.TrimRight(lines[n-1], " .,;:")+ellipsis, w)
			return lines, size, lh
		}
	}
}
