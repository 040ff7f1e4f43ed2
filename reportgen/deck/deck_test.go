package deck

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

var generated = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func mustRender(tb testing.TB, r *reportgen.Report) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, Options{Generated: generated}); err != nil {
		tb.Fatalf("Render: %v", err)
	}
	if os.Getenv("ROIBOOK_DECK_OUT") != "" {
		name := filepath.Join(os.Getenv("ROIBOOK_DECK_OUT"), strings.ReplaceAll(tb.Name(), "/", "_")+".pdf")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

var pageRE = regexp.MustCompile(`/Type /Page\b[^s]`)

func minimalReport() *reportgen.Report {
	return &reportgen.Report{Client: "Solo", Currency: "JPY", Period: kpi.Month(2026, time.February),
		KPIs: kpi.Definitions(kpi.DefaultChoices())}
}

func TestRender_pages(t *testing.T) {
	tests := []struct {
		name   string
		report func(testing.TB) *reportgen.Report
		want   int
		kinds  string
	}{
		// cover, summary, goals, channel mix, 4 platforms, costs, commentary,
		// definitions (a report built by hand has no funnel), appendix
		// (rates, sources)
		{"realistic", realisticReport, 13, "cover summary goals mix platform platform platform platform costs commentary definitions appendix appendix"},
		// cover, summary, goals, channel mix, 2 platforms, costs, commentary,
		// definitions, appendix (rates, sources, campaign names in full)
		{"nasty", nastyReport, 12, "cover summary goals mix platform platform costs commentary definitions appendix appendix appendix"},
		// cover, summary, channel mix, 8 platforms, costs, definitions, appendix
		{"quarter", quarterReport, 15, "cover summary mix platform platform platform platform platform platform platform platform costs definitions appendix appendix"},
		// cover, summary, goals, funnel, channel mix, 4 platforms, 2 organic
		// pages, website and sales, costs, commentary, definitions, appendix
		// (rates, sources, campaign names in full, continued)
		{"built", builtReport, 19, "cover summary goals funnel mix platform platform platform platform organic organic web costs commentary definitions appendix appendix appendix appendix"},
		// cover, summary, costs, definitions: no platform, goal or commentary
		{"minimal", func(testing.TB) *reportgen.Report { return minimalReport() }, 4, "cover summary costs definitions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.report(t)
			pdf := mustRender(t, r)
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("Render output starts with %q, want %%PDF-", pdf[:min(len(pdf), 8)])
			}
			if !bytes.Contains(pdf[max(0, len(pdf)-64):], []byte("%%EOF")) {
				t.Errorf("Render output does not end with %%%%EOF")
			}
			if got := len(pageRE.FindAll(pdf, -1)); got != tc.want {
				t.Errorf("Render: %d pages, want %d", got, tc.want)
			}
			var kinds []string
			for _, s := range build(r, Options{}).Slides {
				kinds = append(kinds, s.Kind)
			}
			if got := strings.Join(kinds, " "); got != tc.kinds {
				t.Errorf("slides = %s, want %s", got, tc.kinds)
			}
			if n, err := pdfPages(t, pdf); err == nil && n != tc.want {
				t.Errorf("pdfinfo: %d pages, want %d", n, tc.want)
			}
		})
	}
}

// pdfPages asks poppler's pdfinfo for the page count, when it is installed.
func pdfPages(t *testing.T, pdf []byte) (int, error) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return 0, err
	}
	out := runPoppler(t, pdf, "pdfinfo")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in %q", out)
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// runPoppler writes pdf to a file and runs tool on it; the file name is the
// last argument.
func runPoppler(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "deck.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, name)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func needTool(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not on PATH (apt-get install poppler-utils); skipping", tool)
	}
}

func TestRender_deterministic(t *testing.T) {
	for _, report := range []func(testing.TB) *reportgen.Report{realisticReport, nastyReport, builtReport} {
		a := mustRender(t, report(t))
		b := mustRender(t, report(t))
		if !bytes.Equal(a, b) {
			t.Errorf("two renders of %q differ (%d and %d bytes)", report(t).Client, len(a), len(b))
		}
	}
	// without Options.Generated the dates come from the period, not the clock
	var a, b bytes.Buffer
	if err := Render(&a, minimalReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if err := Render(&b, minimalReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("Render with zero Options.Generated depends on the clock")
	}
	if !bytes.Contains(a.Bytes(), []byte("D:20260301000000")) {
		t.Errorf("Render with zero Options.Generated: creation date is not the day after the period")
	}
}

// TestRender_summaryFigures proves deck = model: the executive summary shows
// the headline figures exactly as FormatRatio and FormatMoney give them.
func TestRender_summaryFigures(t *testing.T) {
	needTool(t, "pdftotext")
	for _, report := range []func(testing.TB) *reportgen.Report{realisticReport, nastyReport} {
		r := report(t)
		text := runPoppler(t, mustRender(t, r), "pdftotext", "-f", "2", "-l", "2", "-layout")
		pct := func(key string) string { return FormatRatio(r.Total.Value(key), kpi.FormatPercent, r.Currency) }
		in := r.Total.Inputs
		want := map[string]string{
			"full-cost ROI":   pct("roi"),
			"media ROI":       pct("media_roi"),
			"ROI incl. model": pct("roi_incl_modelled"),
			"revenue":         FormatMoney(in.Revenue, r.Currency),
			"total cost":      FormatMoney(in.TotalCost(), r.Currency),
			"ROAS":            FormatRatio(r.Total.Value("roas"), kpi.FormatRatio, r.Currency),
			"CPL":             FormatRatio(r.Total.Value("cpl"), kpi.FormatMoney, r.Currency),
			"leads":           FormatQty(in.Leads),
			"modelled value":  FormatMoney(in.ModelledValue, r.Currency),
		}
		for what, s := range want {
			if s == NA || s == "" || strings.Trim(s, "0.,%$€") == "" {
				t.Fatalf("%s: fixture gives %q for %s, want a real figure", r.Client, s, what)
			}
			if !strings.Contains(text, s) {
				t.Errorf("%s: summary page lacks %s %q; text:\n%s", r.Client, what, s, text)
			}
		}
		for _, label := range []string{"FULL-COST ROI", "MEDIA ROI", "MODELLED VALUE", "not part of revenue"} {
			if !strings.Contains(text, label) {
				t.Errorf("%s: summary page lacks label %q", r.Client, label)
			}
		}
	}
}

func TestRender_undefinedIsNA(t *testing.T) {
	needTool(t, "pdftotext")
	r := minimalReport() // no spend, no cost: every ratio is undefined
	r.Total.Values = values(r.KPIs, r.Total.Inputs)
	text := runPoppler(t, mustRender(t, r), "pdftotext", "-f", "2", "-l", "2", "-layout")
	if n := strings.Count(text, NA); n < 5 {
		t.Errorf("summary of an empty report shows %q %d times, want at least 5 (ROI, media ROI, ROAS, CPL, ROI incl. modelled):\n%s", NA, n, text)
	}
	if strings.Contains(text, "0.0%") {
		t.Errorf("summary of an empty report shows an undefined ROI as 0.0%%:\n%s", text)
	}
}

func TestRender_nastyText(t *testing.T) {
	r := nastyReport(t)
	pdf := mustRender(t, r) // must not panic or fail
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not on PATH; rendered without checking the text")
	}
	text := runPoppler(t, pdf, "pdftotext", "-layout")
	for _, r := range text {
		if r > 0xFFFF || isEmoji(r) && r != '\u200d' {
			t.Errorf("deck text contains %U %q, which the font cannot draw", r, r)
		}
	}
	for _, want := range []string{"Black Friday", "Flower Shop", "Ελληνικά", "Summer_Sale_2026", "…"} {
		if !strings.Contains(text, want) {
			t.Errorf("deck text lacks %q", want)
		}
	}
	// the platform slides shorten it; the appendix gives it in full
	full := "Summer_Sale_2026_Prospecting_Lookalike_1pct_Purchasers_EU_Mobile_Only_v2Summer"
	slides := build(r, Options{}).Slides
	first := slices.IndexFunc(slides, func(s slide) bool { return s.Kind == kindAppendix })
	body := runPoppler(t, pdf, "pdftotext", "-l", strconv.Itoa(first), "-layout")
	if strings.Contains(body, full) {
		t.Errorf("the 144-character campaign name is not shortened")
	}
	if !strings.Contains(strings.ReplaceAll(text, "\n", ""), "Summer_Sale_2026_Prospecting") {
		t.Errorf("the appendix lacks the campaign name in full")
	}
}

func TestRender_fontsEmbedded(t *testing.T) {
	needTool(t, "pdffonts")
	out := runPoppler(t, mustRender(t, realisticReport(t)), "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 { // header, rule, regular, bold
		t.Fatalf("pdffonts lists %d lines, want 2 fonts:\n%s", len(lines), out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %q", l)
		}
	}
}

func TestRender_logo(t *testing.T) {
	r := realisticReport(t)
	if len(mustRender(t, r)) == 0 { // interlaced PNG logo, re-encoded
		t.Fatal("empty output")
	}
	r.Branding.Logo = []byte("GIF89a not a png")
	var buf bytes.Buffer
	err := Render(&buf, r, Options{})
	if err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("Render with a broken logo: err = %v, want an error naming the logo", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Render with a broken logo wrote %d bytes, want none", buf.Len())
	}
}

func TestRender_nil(t *testing.T) {
	if err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("Render(nil report) = nil error")
	}
}

// TestBuild_golden compares the slide model (titles, tiles, tables,
// figures) with testdata/<case>.golden.json. Run with -update to rewrite.
func TestBuild_golden(t *testing.T) {
	for name, report := range map[string]func(testing.TB) *reportgen.Report{
		"realistic": realisticReport, "nasty": nastyReport, "built": builtReport,
	} {
		t.Run(name, func(t *testing.T) {
			m := build(report(t), Options{Generated: generated})
			for i := range m.Slides { // keep the golden readable
				if c := m.Slides[i].Chart; c != nil {
					c.Bars, c.Line = round2(c.Bars), round2(c.Line)
				}
			}
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./reportgen/deck -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("deck model differs from %s; run with -update and read the diff", golden)
			}
		})
	}
}

func round2(v []float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(int64(x*100+0.5)) / 100
	}
	return out
}

func TestRender_speed(t *testing.T) {
	if raceEnabled {
		t.Skip("timings mean nothing under the race detector")
	}
	r := realisticReport(t)
	best := time.Hour
	for range 3 {
		start := time.Now()
		if err := Render(&bytes.Buffer{}, r, Options{Generated: generated}); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	if best > 300*time.Millisecond {
		t.Errorf("Render of a 10-slide deck took %v, want well under a second (about 0.07 s)", best)
	}
}

func BenchmarkRender(b *testing.B) {
	r := realisticReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(&bytes.Buffer{}, r, Options{Generated: generated}); err != nil {
			b.Fatal(err)
		}
	}
}
