package deck

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain ASCII name", "Plain ASCII name"},
		{"", ""},
		{"   ", ""},
		{"🔥🔥 Black Friday 🔥 DEAL 💸", "Black Friday DEAL"},
		{"Launch 🚀.", "Launch."},
		{"👨‍👩‍👧‍👦 Family 🏳️‍🌈 Pride", "Family Pride"},
		{"❤️ Love ☀ sun ⭐", "Love sun"},
		{"🎉", "?"}, // something was there: never empty
		{"春季促销", "????"},
		{"Café Ünïcødé – Ελληνικά Кириллица € £ ¥ × …", "Café Ünïcødé – Ελληνικά Кириллица € £ ¥ × …"},
		{"tab\there\nnew\r\nline\x00nul", "tab here new line nul"},
		{"bad \xff\xfe utf8", "bad ?? utf8"},
		{"trunc \xe2\x82", "trunc ??"},
		{"e\u0301 zero\u200bwidth", "e zerowidth"},
		{"  lots   of    space  ", "lots of space"},
		{"\U00020000 ext-B", "? ext-B"},
	}
	for _, tc := range tests {
		got := clean(tc.in)
		if got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := clean(got); again != got {
			t.Errorf("clean(clean(%q)) = %q, want %q (idempotent)", tc.in, again, got)
		}
	}
}

func TestCleanText(t *testing.T) {
	got := cleanText("First 🚀 para.\r\n\r\n\r\n\nSecond\rline\n\n")
	want := "First para.\n\nSecond\nline"
	if got != want {
		t.Errorf("cleanText = %q, want %q", got, want)
	}
}

func newTestDoc(t testing.TB) *doc {
	t.Helper()
	r := minimalReport()
	d, err := newDoc(r, build(r, Options{}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.pdf.AddPage()
	return d
}

func TestFitLine(t *testing.T) {
	d := newTestDoc(t)
	long := strings.Repeat("Summer_Sale_2026_Prospecting_", 3) + "🔥 end"
	tests := []struct {
		s             string
		w, size, min  float64
		wantSize      float64
		wantEllipsis  bool
		wantUnchanged bool
	}{
		{"Short", 50, 12, 8, 12, false, true},
		{"A somewhat longer campaign name", 50, 12, 8, 0, false, true}, // shrinks, whole
		{long, 50, 12, 8, 8, true, false},
		{long, 0.5, 12, 8, 8, false, false}, // nothing fits: empty
	}
	for _, tc := range tests {
		got, size := d.fitLine(tc.s, tc.w, tc.size, tc.min, false)
		if w := d.width(got); w > tc.w+1e-9 {
			t.Errorf("fitLine(%q, %g) = %q, %gpt: %gmm wide, over the box", tc.s, tc.w, got, size, w)
		}
		if tc.wantSize != 0 && size != tc.wantSize {
			t.Errorf("fitLine(%q, %g) size = %g, want %g", tc.s, tc.w, size, tc.wantSize)
		}
		if tc.wantSize == 0 && (size >= tc.size || size < tc.min) {
			t.Errorf("fitLine(%q, %g) size = %g, want shrunk between %g and %g", tc.s, tc.w, size, tc.min, tc.size)
		}
		if strings.HasSuffix(got, ellipsis) != tc.wantEllipsis {
			t.Errorf("fitLine(%q, %g) = %q, ellipsis %v, want %v", tc.s, tc.w, got, !tc.wantEllipsis, tc.wantEllipsis)
		}
		if tc.wantUnchanged && got != tc.s {
			t.Errorf("fitLine(%q, %g) = %q, want it whole", tc.s, tc.w, got)
		}
	}
}

func TestFitBlock(t *testing.T) {
	d := newTestDoc(t)
	text := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 200) +
		strings.Repeat("x", 500) // a word longer than a line
	for _, box := range []struct{ w, h float64 }{{100, 40}, {290, 130}, {20, 5}, {3, 100}} {
		lines, size, lh := d.fitBlock(text, box.w, box.h, 15, 8, 1.4, false)
		if float64(len(lines))*lh > box.h+0.01 && len(lines) > 1 {
			t.Errorf("fitBlock(%gx%g): %d lines of %gmm overflow", box.w, box.h, len(lines), lh)
		}
		if size != 8 {
			t.Errorf("fitBlock(%gx%g) size = %g, want the minimum 8", box.w, box.h, size)
		}
		for _, l := range lines {
			if w := d.width(l); w > box.w+1e-9 {
				t.Errorf("fitBlock(%gx%g): line %q is %gmm wide", box.w, box.h, l, w)
			}
		}
		if last := lines[len(lines)-1]; !strings.HasSuffix(last, ellipsis) && box.w > 5 {
			t.Errorf("fitBlock(%gx%g): truncated text ends %q, want an ellipsis", box.w, box.h, last)
		}
	}
	lines, size, _ := d.fitBlock("Short note.\n\nSecond paragraph.", 200, 100, 15, 8, 1.4, false)
	if size != 15 || len(lines) != 3 || lines[1] != "" {
		t.Errorf("fitBlock(short) = %q at %gpt, want 3 lines (a blank between paragraphs) at 15pt", lines, size)
	}
}

// FuzzClean checks that whatever the text, clean gives a string every
// fpdf text call can draw.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"🔥 sale", "春季促销", "\xff\xfe", "e\u0301", "a\x00b", "👨‍👩‍👧‍👦", "عرض"} {
		f.Add(s)
	}
	d := newTestDoc(f)
	f.Fuzz(func(t *testing.T, s string) {
		c := clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("clean(%q) = %q, invalid UTF-8", s, c)
		}
		for _, r := range c {
			if !hasGlyph(r) && r != ' ' {
				t.Fatalf("clean(%q) = %q keeps %U, which the font lacks", s, c, r)
			}
		}
		if clean(c) != c {
			t.Fatalf("clean is not idempotent on %q", s)
		}
		d.line(10, 10, 40, 6, s, "L", 10, 6, false, ink)
		d.fitBlock(s, 40, 20, 10, 6, 1.3, true)
		if err := d.pdf.Error(); err != nil {
			t.Fatalf("drawing %q: %v", s, err)
		}
	})
}

func TestRender_textEverywhere(t *testing.T) {
	// every name field at once, through the whole deck
	r := nastyReport(t)
	r.Currency = "INR"                  // a symbol the font lacks
	r.Branding.PrimaryColor = "#FFEE00" // a light brand colour
	var buf bytes.Buffer
	if err := Render(&buf, r, Options{}); err != nil {
		t.Fatalf("Render: %v", err)
	}
}
