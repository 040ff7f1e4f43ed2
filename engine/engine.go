// Package engine runs roibook's two jobs end to end: a report (client
// configuration → importers → reportgen → workbook and deck, written
// atomically) and an inspection of export files. It is the only package
// that knows every other one; cmd/roibook only parses flags and prints.
package engine

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/roibook/roibook/config"
	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
	"github.com/roibook/roibook/reportgen/deck"
	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
)

// ReportOptions are the command-line choices of a report.
type ReportOptions struct {
	Config       string // a roibook.yaml or a folder holding one
	Period       string // overrides the configured period: 2026-10 or FROM..TO
	OutDir       string // default: out/ beside the configuration
	Template     string // a user's workbook template; "" for the embedded one
	WorkbookOnly bool
	DeckOnly     bool
}

// Result is what a report run produced.
type Result struct {
	Report   *reportgen.Report
	Workbook string // path written, "" when not
	Deck     string
}

// Report builds a client's report and writes the workbook and the deck.
// Nothing is written unless every input imports cleanly (or, with
// on_bad_rows: skip, with its bad rows rejected) and both outputs render:
// each output goes to a temporary file that is renamed into place last.
func Report(ctx context.Context, o ReportOptions) (*Result, error) {
	cfg, err := config.Load(o.Config)
	if err != nil {
		return nil, err
	}
	if o.Period != "" {
		p, err := kpi.ParsePeriod(o.Period)
		if err != nil {
			return nil, fmt.Errorf("--period: %w", err)
		}
		cfg.Period = p
	}
	if cfg.Period.IsZero() {
		return nil, fmt.Errorf("%s: period: missing; set period: 2026-10 (or from/to), or pass --period", cfg.File)
	}
	tmplName, tmpl := "templates/workbook.xlsx (embedded)", templates.Workbook
	if o.Template != "" {
		tmplName = o.Template
		if tmpl, err = os.ReadFile(o.Template); err != nil {
			return nil, err
		}
	}
	if !o.DeckOnly {
		// A template is checked before any data is read.
		if err := workbook.Check(tmpl, tmplName); err != nil {
			return nil, err
		}
	}
	inputs, costSheets, err := cfg.ResolveInputs()
	if err != nil {
		return nil, err
	}
	opts := importers.Options{Period: cfg.Period, SkipBadRows: cfg.OnBadRows == "skip", RequireCurrency: true}
	opts.ChannelRules = channelRules(cfg)
	var sources []kpi.FileStats
	var costs []kpi.Cost
	var invoices []kpi.Invoice
	seen := map[string]string{} // SHA-256 → file
	// record adds a read file to the sources, with its checksum. It fails
	// on an input whose bytes were already read under another name: the
	// same export twice would double every figure.
	record := func(in *importers.Input, st *kpi.FileStats) error {
		var err error
		if st.SHA256, err = in.SHA256(); err != nil {
			return err
		}
		if prev, ok := seen[st.SHA256]; ok {
			return fmt.Errorf("%s: the same file as %s (SHA-256 %s…): each export may be read once; remove one of them", st.File, prev, st.SHA256[:12])
		}
		seen[st.SHA256] = st.File
		sources = append(sources, *st)
		return nil
	}
	// Every input is opened and recognized first: exchange-rate files are
	// read before any export, whose amounts need their rates.
	type detected struct {
		inp config.Input
		in  *importers.Input
		d   importers.Detector
	}
	var files []detected
	var fxRates []kpi.FXRate
	for _, inp := range inputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in, err := openInput(cfg, inp.Path, inp.Sheet)
		if err != nil {
			return nil, err
		}
		d, err := detect(in, inp.Platform)
		if err != nil {
			return nil, err
		}
		if fx, ok := d.(importers.FXSheet); ok {
			o := opts
			o.Currency = inp.Currency
			rs, st, err := fx.ImportRates(in, o)
			if err != nil {
				return nil, err
			}
			if err := record(in, st); err != nil {
				return nil, err
			}
			fxRates = append(fxRates, rs...)
			continue
		}
		files = append(files, detected{inp, in, d})
	}
	rates, rateSources, err := reportRates(cfg, fxRates)
	if err != nil {
		return nil, err
	}
	rt := newRouter(cfg.Period, cfg.Currency, rates)
	rt.agg.RatesFrom = rateFiles(fxRates)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in := f.in
		var st *kpi.FileStats
		switch d := f.d.(type) {
		case importers.Importer:
			o := opts
			o.Currency = f.inp.Currency
			o.Compare = rt.compare(d.Platform(), cfg.RevenueSource)
			st, err = d.Import(in, o, rt.add)
			if err == nil {
				noteComparison(st, rt)
			}
		case importers.CostSheet:
			var cs []kpi.Cost
			cs, st, err = d.ImportCosts(in, opts)
			costs = append(costs, cs...)
		case importers.InvoiceSheet:
			var is []kpi.Invoice
			o := opts
			o.Currency = f.inp.Currency
			is, st, err = d.ImportInvoices(in, o)
			invoices = append(invoices, is...)
		default:
			err = fmt.Errorf("%s: %s files cannot be imported", in.Name, f.d.Platform())
		}
		if err != nil {
			return nil, err
		}
		if err := record(in, st); err != nil {
			return nil, err
		}
	}
	for _, path := range costSheets {
		in, err := openInput(cfg, path, "")
		if err != nil {
			return nil, err
		}
		if !(importers.CostSheet{}).Detect(in) {
			return nil, fmt.Errorf("%s: not a cost sheet: want a header with category, description and amount, hours and rate, or percent_of_spend", in.Name)
		}
		cs, st, err := importers.CostSheet{}.ImportCosts(in, opts)
		if err != nil {
			return nil, err
		}
		if err := record(in, st); err != nil {
			return nil, err
		}
		costs = append(costs, cs...)
	}
	ropts, err := reportOptions(cfg)
	if err != nil {
		return nil, err
	}
	ropts.FileRank = fileRank(cfg, sources)
	ropts.Rates, ropts.RateSources, ropts.Invoices = rates, rateSources, invoices
	dropped := rt.options(&ropts)
	rep, err := reportgen.Build(ropts, rt.agg, costs, sources)
	if err != nil {
		return nil, err
	}
	rep.Warnings = append(rep.Warnings, dropped...)

	outDir := o.OutDir
	if outDir == "" {
		outDir = filepath.Join(cfg.Dir, "out")
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	base := Slug(cfg.Client) + "-" + cfg.Period.Slug()
	res := &Result{Report: rep}
	var pending []*atomicFile
	defer func() {
		for _, f := range pending {
			f.abort()
		}
	}()
	if !o.DeckOnly {
		f, err := newAtomicFile(filepath.Join(outDir, base+".xlsx"))
		if err != nil {
			return nil, err
		}
		pending = append(pending, f)
		if err := workbook.Fill(f, tmpl, rep); err != nil {
			return nil, fmt.Errorf("write workbook: %w", err)
		}
		res.Workbook = f.path
	}
	if !o.WorkbookOnly {
		f, err := newAtomicFile(filepath.Join(outDir, base+".pdf"))
		if err != nil {
			return nil, err
		}
		pending = append(pending, f)
		if err := deck.Render(f, rep, deck.Options{}); err != nil {
			return nil, fmt.Errorf("write deck: %w", err)
		}
		res.Deck = f.path
	}
	// Both outputs must be able to take their place before either does,
	// so that a failed run never leaves a new workbook beside an old deck.
	for _, f := range pending {
		if st, err := os.Stat(f.path); err == nil && !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: exists and is not a regular file; nothing was written", f.path)
		}
	}
	for _, f := range pending {
		if err := f.commit(); err != nil {
			return nil, err
		}
	}
	pending = nil
	return res, nil
}

// openInput opens path (the named sheet of a workbook when sheet is set)
// and names it relative to the configuration's folder.
func openInput(cfg *config.Config, path, sheet string) (*importers.Input, error) {
	open := importers.Open
	if sheet != "" {
		open = func(path string) (*importers.Input, error) { return importers.OpenSheet(path, sheet) }
	}
	in, err := open(path)
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(cfg.Dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		in.Name = filepath.ToSlash(rel)
	}
	return in, nil
}

// inputPath returns the path of an input file from its name in the
// report (relative to the configuration's folder, or as given).
func inputPath(cfg *config.Config, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(cfg.Dir, filepath.FromSlash(name))
}

// detect finds the importer for in, or the one the configuration names.
func detect(in *importers.Input, platform kpi.Platform) (importers.Detector, error) {
	if platform != "" {
		return importers.ByPlatform(platform, importers.Detectors())
	}
	return importers.Detect(in, importers.Detectors())
}

// channelRules are the configuration's channel mappings, tried before
// the built-in ones.
func channelRules(cfg *config.Config) []importers.ChannelRule {
	var rules []importers.ChannelRule
	for _, ch := range cfg.Channels {
		rules = append(rules, importers.ChannelRule{Source: ch.Source, Medium: ch.Medium, Platform: ch.Platform})
	}
	return rules
}

// reportRates returns the rate table of the report: the fixed rates of
// roibook.yaml, then, for every other currency the rates files quote in
// the period, the mean of the period's daily rates (kpi.PeriodRates), and
// where each rate comes from.
func reportRates(cfg *config.Config, fx []kpi.FXRate) (map[string]kpi.Rate, map[string]string, error) {
	rates := maps.Clone(cfg.Rates)
	from := map[string]string{}
	if len(fx) == 0 {
		return rates, from, nil
	}
	var need []string
	for _, r := range fx {
		for _, c := range []string{r.Base, r.Currency} {
			if _, fixed := rates[c]; !fixed && c != cfg.Currency && !slices.Contains(need, c) {
				need = append(need, c)
			}
		}
	}
	if len(need) == 0 {
		return rates, from, nil
	}
	slices.Sort(need)
	got, err := kpi.PeriodRates(fx, cfg.Period, cfg.Currency, need)
	if err != nil {
		return nil, nil, err
	}
	names := rateFiles(fx)
	for c, x := range got {
		rates[c] = x
		from[c] = fmt.Sprintf("%s: mean of the daily rates of %s", names, cfg.Period)
	}
	return rates, from, nil
}

// rateFiles names the files rates came from, "" for none.
func rateFiles(fx []kpi.FXRate) string {
	files := map[string]bool{}
	for _, r := range fx {
		files[r.Source.File] = true
	}
	return strings.Join(slices.Sorted(maps.Keys(files)), ", ")
}

// fileRank orders the input files from older to newer, for on_overlap:
// newest: by modification time, then by their order among the inputs.
func fileRank(cfg *config.Config, sources []kpi.FileStats) map[string]int {
	type file struct {
		name string
		mod  time.Time
		pos  int
	}
	var fs []file
	for i, s := range sources {
		f := file{name: s.File, pos: i}
		if st, err := os.Stat(inputPath(cfg, s.File)); err == nil {
			f.mod = st.ModTime()
		}
		fs = append(fs, f)
	}
	slices.SortStableFunc(fs, func(a, b file) int { return cmp.Or(a.mod.Compare(b.mod), cmp.Compare(a.pos, b.pos)) })
	rank := make(map[string]int, len(fs))
	for i, f := range fs {
		rank[f.name] = i
	}
	return rank
}

// reportOptions maps the configuration to the report builder's options.
func reportOptions(cfg *config.Config) (reportgen.Options, error) {
	o := reportgen.Options{
		Client: cfg.Client, Currency: cfg.Currency, Period: cfg.Period, Rates: cfg.Rates,
		RevenueSource: cfg.RevenueSource, Choices: cfg.Choices(), BusinessModel: cfg.BusinessModel,
		Branding:   reportgen.Branding{Name: cfg.Branding.Name, PrimaryColor: cfg.Branding.PrimaryColor},
		Commentary: cfg.Commentary, OnBadRows: cfg.OnBadRows, OnOverlap: cfg.OnOverlap,
	}
	for _, a := range cfg.ActionValues {
		o.ActionValues = append(o.ActionValues, reportgen.ActionValue{Action: a.Action, Value: a.Value})
	}
	for _, g := range cfg.Goals {
		o.Goals = append(o.Goals, reportgen.GoalSpec{Metric: g.Metric, Target: g.Target, Direction: g.Direction, Platform: g.Platform})
	}
	if cfg.Branding.Logo != "" {
		logo, err := os.ReadFile(cfg.Branding.Logo)
		if err != nil {
			return o, fmt.Errorf("branding logo: %w", err)
		}
		if !bytes.HasPrefix(logo, []byte("\x89PNG\r\n\x1a\n")) {
			return o, fmt.Errorf("%s: branding logo is not a PNG file", cfg.Branding.Logo)
		}
		o.Branding.Logo = logo
	}
	if err := brandingTheme(cfg, &o.Branding); err != nil {
		return o, err
	}
	return o, nil
}

// Slug turns a client name into a safe file-name stem: lower-case ASCII
// letters and digits joined by single hyphens, accents dropped
// ("Café Müller & Co." → "cafe-muller-co"); "report" when nothing is left.
// It never yields a path separator or "..".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(foldLetters.Replace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		return "report"
	}
	return s
}

// foldLetters spells out the Latin letters NFKD does not decompose.
var foldLetters = strings.NewReplacer("ø", "o", "Ø", "O", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE",
	"ß", "ss", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D", "þ", "th", "Þ", "TH", "ð", "d", "Ð", "D")

// atomicFile is an output written to a temporary file beside its final
// path and renamed into place by commit.
type atomicFile struct {
	*os.File
	path string
}

func newAtomicFile(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

func (f *atomicFile) commit() error {
	// CreateTemp makes the file private; a report is an ordinary file.
	if err := f.Chmod(0o644); err != nil {
		return errors.Join(err, f.abort())
	}
	if err := f.Sync(); err != nil {
		return errors.Join(err, f.abort())
	}
	if err := f.Close(); err != nil {
		return errors.Join(err, f.abort())
	}
	return os.Rename(f.Name(), f.path)
}

func (f *atomicFile) abort() error {
	f.Close()
	return os.Remove(f.Name())
}
