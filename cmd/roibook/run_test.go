package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roibook/roibook/internal/officetest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const sample = "../../samples/northwind-outdoor"

// runCmd runs the command line in process and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"roibook"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// summary is the part of the JSON summary the tests read.
type summary struct {
	Client   string `json:"client"`
	Currency string `json:"currency"`
	Period   struct{ From, To string }
	Outputs  struct{ Workbook, Deck string }
	Totals   map[string]any
	Platform []struct {
		Platform string `json:"platform"`
	} `json:"platforms"`
	Inputs []struct {
		File, Platform                       string
		Rows, Used, Rejected, Outside_period int
		TotalsCheck                          string `json:"totals_check"`
	} `json:"inputs"`
}

func reportSample(t *testing.T) (summary, string, string) {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "report", sample, "--out", out, "--json")
	if code != 0 {
		t.Fatalf("report exit %d\nstderr: %s", code, stderr)
	}
	var s summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, stdout)
	}
	return s, stdout, out
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return x
	case string:
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	case nil:
		return math.NaN()
	}
	t.Fatalf("not a number: %#v", v)
	return 0
}

func TestReport_Sample(t *testing.T) {
	s, stdout, out := reportSample(t)
	golden := filepath.Join("testdata", "northwind.json.golden")
	got := strings.ReplaceAll(stdout, out, "OUT")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test ./cmd/roibook -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("JSON summary differs from %s; run with -update and read the diff\n%s", golden, got)
	}
	for _, p := range []string{s.Outputs.Workbook, s.Outputs.Deck} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("output %s: %v", p, err)
		}
	}
	if len(s.Platform) != 4 {
		t.Errorf("platforms = %d, want the sample's 4", len(s.Platform))
	}
	// The headline figures hold together.
	tot := s.Totals
	spend, other, cost, rev := num(t, tot["ad_spend"]), num(t, tot["other_costs"]), num(t, tot["total_cost"]), num(t, tot["revenue"])
	if math.Abs(spend+other-cost) > 1e-6 {
		t.Errorf("ad_spend %v + other_costs %v != total_cost %v", spend, other, cost)
	}
	if roi := num(t, tot["roi_pct"]); math.Abs(roi-(rev-cost)*100/cost) > 1e-4 {
		t.Errorf("roi_pct = %v, want (revenue − total cost) × 100 / total cost = %v", roi, (rev-cost)*100/cost)
	}
	for _, in := range s.Inputs {
		if in.Rejected != 0 || in.TotalsCheck == "mismatch" {
			t.Errorf("input %s: rejected %d, totals check %s", in.File, in.Rejected, in.TotalsCheck)
		}
	}
}

// TestReport_WorkbookMatchesJSON recalculates the workbook in LibreOffice
// and compares every headline defined name with the JSON summary.
func TestReport_WorkbookMatchesJSON(t *testing.T) {
	officetest.Need(t, "soffice")
	s, _, _ := reportSample(t)
	recalc := officetest.Recalc(t, s.Outputs.Workbook)
	f, err := excelize.OpenFile(recalc)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{
		"AdSpend": "ad_spend", "OtherCosts": "other_costs", "TotalCost": "total_cost", "Revenue": "revenue",
		"ModelledValue": "modelled_value", "MediaROI": "media_roi_pct", "ROI": "roi_pct",
		"ROIInclModelled": "roi_incl_modelled_pct", "ROAS": "roas", "Impressions": "impressions",
		"Clicks": "clicks", "Conversions": "conversions", "Leads": "leads",
	}
	for name, key := range names {
		got := definedValue(t, f, name)
		want := num(t, s.Totals[key])
		if strings.HasSuffix(key, "_pct") {
			want /= 100
		}
		if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Errorf("workbook %s = %v after LibreOffice recalculation, JSON %s = %v", name, got, key, want)
		}
	}
}

// definedValue returns the value of the cell a workbook-scope name refers to.
func definedValue(t *testing.T, f *excelize.File, name string) float64 {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name != name || (dn.Scope != "" && dn.Scope != "Workbook") {
			continue
		}
		ref := strings.TrimPrefix(dn.RefersTo, "=")
		sheet, cell, ok := strings.Cut(ref, "!")
		if !ok {
			t.Fatalf("defined name %s refers to %q, want Sheet!$C$R", name, dn.RefersTo)
		}
		sheet = strings.Trim(sheet, "'")
		cell = strings.ReplaceAll(cell, "$", "")
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("%s (%s) = %q, not a number", name, ref, v)
		}
		return x
	}
	t.Fatalf("no defined name %s", name)
	return 0
}

func TestReport_BadInputWritesNothing(t *testing.T) {
	dir := copySample(t)
	meta := filepath.Join(dir, "exports", "Northwind-Outdoor-Oct-2026-daily-campaigns.csv")
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	cells := strings.Split(lines[4], ",")
	cells[5] = "12x.50" // line 5's spend
	lines[4] = strings.Join(cells, ",")
	if err := os.WriteFile(meta, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "report", dir, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	want := `exports/Northwind-Outdoor-Oct-2026-daily-campaigns.csv:5: column F "Amount spent (EUR)": got "12x.50"`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", stderr, want)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a failed report left files in %s: %v", out, entries)
	}
}

func TestReport_MissingRate(t *testing.T) {
	dir := copySample(t)
	cfg := filepath.Join(dir, "roibook.yaml")
	data, _ := os.ReadFile(cfg)
	data = bytes.Replace(data, []byte("  USD: 0.9214"), []byte("  GBP: 1.17"), 1)
	os.WriteFile(cfg, data, 0o644)
	code, _, stderr := runCmd(t, "report", dir, "--out", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "USD") {
		t.Errorf("exit %d, stderr %q; want 1 and an error naming USD", code, stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"report"}, {"inspect"}, {"report", "--nope", sample}, {"frobnicate"},
		{"report", "--period", "October", sample}, {"report", "--workbook-only", "--deck-only", sample}} {
		if code, _, stderr := runCmd(t, args...); code != 2 || !strings.HasPrefix(stderr, "roibook: ") {
			t.Errorf("roibook %v: exit %d, stderr %q; want 2 and one roibook: message", args, code, stderr)
		}
	}
	if code, stdout, _ := runCmd(t, "--help"); code != 0 || !strings.Contains(stdout, "report") {
		t.Errorf("roibook --help: exit %d", code)
	}
}

func TestInspect_JSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, "inspect", "--json", filepath.Join(sample, "exports", "Campaign report.csv"), filepath.Join(sample, "costs.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var list []struct {
		Platform string  `json:"platform"`
		Currency *string `json:"currency"`
		Period   *struct{ From, To string }
		Rows     int `json:"rows"`
		Totals   *struct {
			Spend json.Number `json:"spend"`
		} `json:"totals"`
		Check struct {
			Status string `json:"status"`
		} `json:"totals_check"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatal(err)
	}
	g := list[0]
	if g.Platform != "google_ads" || g.Currency == nil || *g.Currency != "USD" || g.Period == nil || g.Period.From != "2026-10-01" || g.Check.Status != "match" {
		t.Errorf("inspect Google Ads sample = %+v", g)
	}
	if list[1].Platform != "costs" {
		t.Errorf("inspect costs.csv platform = %s", list[1].Platform)
	}
}

// copySample copies the sample client to a temporary folder.
func copySample(t *testing.T) string {
	t.Helper()
	return copyDir(t, sample)
}

// copyDir copies a sample client folder, without its out/, to a temporary
// folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if strings.HasPrefix(rel, "out") {
			return filepath.SkipDir
		}
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestReport_SkipBadRows: with on_bad_rows: skip the report is built, and
// the malformed row is listed with its file, line and reason.
func TestReport_SkipBadRows(t *testing.T) {
	dir := copySample(t)
	meta := filepath.Join(dir, "exports", "Northwind-Outdoor-Oct-2026-daily-campaigns.csv")
	data, _ := os.ReadFile(meta)
	lines := strings.SplitAfter(string(data), "\n")
	cells := strings.Split(lines[4], ",")
	cells[5] = "12x.50"
	lines[4] = strings.Join(cells, ",")
	os.WriteFile(meta, []byte(strings.Join(lines, "")), 0o644)
	cfg := filepath.Join(dir, "roibook.yaml")
	conf, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(conf, []byte("on_bad_rows: stop"), []byte("on_bad_rows: skip"), 1), 0o644)

	code, stdout, stderr := runCmd(t, "report", dir, "--out", t.TempDir(), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Inputs []struct {
			File         string `json:"file"`
			Rows         int    `json:"rows"`
			Used         int    `json:"used"`
			Rejected     int    `json:"rejected"`
			RejectedRows []struct {
				Line   int    `json:"line"`
				Reason string `json:"reason"`
			} `json:"rejected_rows"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	for _, in := range s.Inputs {
		if !strings.HasSuffix(in.File, "daily-campaigns.csv") {
			continue
		}
		if in.Rejected != 1 || len(in.RejectedRows) != 1 || in.RejectedRows[0].Line != 5 ||
			!strings.Contains(in.RejectedRows[0].Reason, `got "12x.50"`) {
			t.Errorf("Meta input = %+v, want line 5 rejected with its reason", in)
		}
		return
	}
	t.Error("no Meta input in the summary")
}

// TestReport_InputMistakes: the mistakes that would silently give a wrong
// report are errors (exit 1, nothing written) or warnings.
func TestReport_InputMistakes(t *testing.T) {
	const meta = "exports/Northwind-Outdoor-Oct-2026-daily-campaigns.csv"
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		args    []string
		code    int
		message string
	}{
		{"same export twice", func(t *testing.T, dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, meta))
			os.WriteFile(filepath.Join(dir, "exports", "copy of meta.csv"), b, 0o644)
		}, nil, 1, "the same file as"},
		{"no period", func(t *testing.T, dir string) {
			cfg := filepath.Join(dir, "roibook.yaml")
			b, _ := os.ReadFile(cfg)
			os.WriteFile(cfg, bytes.Replace(b, []byte("period: 2026-10"), nil, 1), 0o644)
		}, nil, 1, "period: missing"},
		{"no row in the period", nil, []string{"--period", "2026-11"}, 1, "no export row falls in the period 2026-11"},
		{"overlapping exports", func(t *testing.T, dir string) {
			writeFirstDayAgain(t, dir, meta)
		}, nil, 0, "report the same account on 1 day, 3 rows of the same campaign and day: both are added up"},
		{"overlapping exports refused", func(t *testing.T, dir string) {
			writeFirstDayAgain(t, dir, meta)
			setConfig(t, dir, "on_overlap: error\n")
		}, nil, 1, "overlapping exports: exports/Northwind-Outdoor-Oct-2026-daily-campaigns.csv and exports/meta first day.csv report the same account on 1 day"},
		{"overlapping exports, newest wins", func(t *testing.T, dir string) {
			writeFirstDayAgain(t, dir, meta)
			setConfig(t, dir, "on_overlap: newest\n")
		}, nil, 0, "3 rows replaced by a newer export of the same account and days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := copySample(t)
			if tc.change != nil {
				tc.change(t, dir)
			}
			out := filepath.Join(dir, "out")
			code, _, stderr := runCmd(t, append([]string{"report", dir, "--out", out}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.message) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.message)
			}
			if entries, _ := os.ReadDir(out); tc.code != 0 && len(entries) != 0 {
				t.Errorf("a failed report left %v", entries)
			}
		})
	}
}

// writeFirstDayAgain writes the header and the first day's rows of the
// Meta export again, as a second, newer export.
func writeFirstDayAgain(t *testing.T, dir, meta string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, meta))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	second := filepath.Join(dir, "exports", "meta first day.csv")
	if err := os.WriteFile(second, []byte(lines[0]+strings.Join(lines[2:5], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(second, later, later); err != nil {
		t.Fatal(err)
	}
}

// setConfig appends settings to the sample's roibook.yaml.
func setConfig(t *testing.T, dir, yaml string) {
	t.Helper()
	cfg := filepath.Join(dir, "roibook.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(b, yaml...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReport_EditingARateReconverts: the rate table is live. Setting the
// USD rate to 1 in the workbook makes Google's converted spend equal its
// USD figures, through LibreOffice.
func TestReport_EditingARateReconverts(t *testing.T) {
	officetest.Need(t, "soffice")
	s, stdout, _ := reportSample(t)
	var full struct {
		Platforms []struct {
			Platform string      `json:"platform"`
			AdSpend  json.Number `json:"ad_spend"`
		} `json:"platforms"`
	}
	if err := json.Unmarshal([]byte(stdout), &full); err != nil {
		t.Fatal(err)
	}
	var googleEUR float64
	for _, p := range full.Platforms {
		if p.Platform == "google_ads" {
			googleEUR, _ = p.AdSpend.Float64()
		}
	}
	code, out, stderr := runCmd(t, "inspect", "--json", filepath.Join(sample, "exports", "Campaign report.csv"))
	if code != 0 {
		t.Fatal(stderr)
	}
	var ins []struct {
		Totals struct {
			Spend json.Number `json:"spend"`
		} `json:"totals"`
	}
	json.Unmarshal([]byte(out), &ins)
	googleUSD, _ := ins[0].Totals.Spend.Float64()

	f, err := excelize.OpenFile(s.Outputs.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Definitions")
	edited := false
	for i, row := range rows {
		if len(row) > 1 && row[0] == "USD" {
			if err := f.SetCellValue("Definitions", "B"+strconv.Itoa(i+1), 1.0); err != nil {
				t.Fatal(err)
			}
			edited = true
		}
	}
	if !edited {
		t.Fatal("no USD row in the Definitions rate table")
	}
	edit := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := f.SaveAs(edit); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rf, err := excelize.OpenFile(officetest.Recalc(t, edit))
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	got := definedValue(t, rf, "AdSpend")
	want := num(t, s.Totals["ad_spend"]) - googleEUR + googleUSD
	if math.Abs(got-want) > 0.005 {
		t.Errorf("AdSpend after USD = 1: %.2f, want %.2f (Google's %.2f USD instead of %.2f EUR)", got, want, googleUSD, googleEUR)
	}
}

const allInputs = "../../samples/northwind-all-inputs"

// TestReport_AllInputs: a client folder holding every kind of input builds,
// and each section of the report is there.
func TestReport_AllInputs(t *testing.T) {
	dir := copyDir(t, allInputs)
	code, stdout, stderr := runCmd(t, "report", dir, "--out", filepath.Join(dir, "out"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Platforms []struct{ Platform string }
		Organic   *struct {
			Platforms []struct {
				Platform    string
				Engagements *int64
			}
			Totals struct{ Engagements *int64 }
		}
		Web      *struct{ Total struct{ Sessions *int64 } }
		Sales    *struct{ Total struct{ Leads *json.Number } }
		Together *struct {
			ROIPct *float64 `json:"roi_pct"`
		} `json:"paid_and_organic"`
		Invoices []struct{ Number string }
		Inputs   []struct{ File, Platform string }
		Goals    []struct{ Metric, Platform, Status string }
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, in := range s.Inputs {
		kinds[in.Platform] = true
	}
	for _, p := range []string{"meta_ads", "google_ads", "linkedin_ads", "tiktok_ads", "meta_posts", "linkedin_page",
		"x_organic", "youtube", "ga4", "crm", "invoices", "fx", "costs"} {
		if !kinds[p] {
			t.Errorf("no %s input read", p)
		}
	}
	if s.Organic == nil || len(s.Organic.Platforms) != 4 {
		t.Fatalf("organic = %+v, want 4 organic platforms", s.Organic)
	}
	var sum int64
	for _, p := range s.Organic.Platforms {
		if p.Engagements != nil {
			sum += *p.Engagements
		}
	}
	if s.Organic.Totals.Engagements == nil || *s.Organic.Totals.Engagements != sum {
		t.Errorf("organic engagements %v, want the platforms' sum %d", s.Organic.Totals.Engagements, sum)
	}
	// The GA4 and CRM fixtures: 140 sessions, 34 leads in October.
	if s.Web == nil || s.Web.Total.Sessions == nil || *s.Web.Total.Sessions != 140 {
		t.Errorf("web = %+v, want 140 sessions", s.Web)
	}
	if s.Sales == nil || s.Sales.Total.Leads == nil || s.Sales.Total.Leads.String() != "34" {
		t.Errorf("sales = %+v, want 34 leads", s.Sales)
	}
	if s.Together == nil || s.Together.ROIPct == nil {
		t.Errorf("paid and organic = %+v, want a full-cost ROI", s.Together)
	}
	if len(s.Invoices) != 6 {
		t.Errorf("%d invoices, want the 6 of October", len(s.Invoices))
	}
	// LinkedIn page: €780 of cost over 124 engagements = €6.29 > €5.
	for _, g := range s.Goals {
		if g.Platform == "linkedin_page" && g.Metric == "cpe" && g.Status != "missed" {
			t.Errorf("goal %+v, want cpe on the LinkedIn page missed", g)
		}
		if g.Status == "n/a" {
			t.Errorf("goal %+v cannot be evaluated", g)
		}
	}
}

// TestReport_TwoCutsOfTheSameFigures: X's per-post and daily exports of one
// account count the same impressions; with on_overlap: error (as the
// sample sets it) the report refuses them, writing nothing.
func TestReport_TwoCutsOfTheSameFigures(t *testing.T) {
	dir := copyDir(t, allInputs)
	b, err := os.ReadFile("../../importers/testdata/x_organic/overview.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "organic", "account_overview_analytics.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCmd(t, "report", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, "report the same figures cut differently") {
		t.Errorf("exit %d, stderr %q; want 1 and the two X exports named", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a failed report left %v", entries)
	}
}

// TestReport_InputSheet: `sheet:` on an input reads that sheet of the
// workbook: the LinkedIn page's posts instead of its daily update metrics.
func TestReport_InputSheet(t *testing.T) {
	dir := copyDir(t, allInputs)
	cfg := filepath.Join(dir, "roibook.yaml")
	y, _ := os.ReadFile(cfg)
	y = bytes.Replace(y, []byte("  - organic/*"), []byte("  - organic/*\n  - {path: organic/northwind-outdoor_updates_1730419200000.xlsx, sheet: Update engagement}"), 1)
	if err := os.WriteFile(cfg, y, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "report", dir, "--out", filepath.Join(dir, "out"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Organic struct {
			Platforms []struct {
				Platform string
				Posts    *int64
				TopPosts []string `json:"top_posts"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Organic.Platforms {
		if p.Platform == "linkedin_page" && (p.Posts == nil || *p.Posts == 0 || len(p.TopPosts) == 0) {
			t.Errorf("linkedin_page = %+v, want the posts of the Update engagement sheet", p)
		}
	}
}

// TestReport_CurrencyMissingFromTheRatesFile: a currency neither fixed
// in roibook.yaml nor quoted by the rates file stops the report, saying
// both.
func TestReport_CurrencyMissingFromTheRatesFile(t *testing.T) {
	dir := copyDir(t, allInputs)
	crm := filepath.Join(dir, "crm", "deals_won_october.csv")
	f, err := os.OpenFile(crm, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("2026-10-06,meta_ads,Gulf,1,1,500.00,AED\n")
	f.Close()
	code, _, stderr := runCmd(t, "report", dir, "--out", filepath.Join(dir, "out"))
	want := "currency AED has no exchange rate (finance/eurofxref-hist.csv quotes no AED rate for a day of the period); add it under rates in roibook.yaml"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
}

// TestReport_ChannelRules: a channels rule in roibook.yaml maps a GA4
// source / medium before the built-in table does.
func TestReport_ChannelRules(t *testing.T) {
	dir := copyDir(t, allInputs)
	setConfig(t, dir, "channels:\n  - {source: t.co, medium: referral, platform: x_ads}\n")
	code, stdout, stderr := runCmd(t, "report", dir, "--out", filepath.Join(dir, "out"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Web struct {
			Channels []struct {
				Channel  string
				Sessions *int64
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range s.Web.Channels {
		if c.Sessions != nil {
			got[c.Channel] = *c.Sessions
		}
	}
	// t.co / referral (3 sessions) is X organic by default; the rule makes it X Ads.
	if got["x_ads"] != 3 || got["x_organic"] != 0 {
		t.Errorf("web channels %v, want t.co / referral's 3 sessions on x_ads", got)
	}
}

// TestReport_AllInputsWorkbookMatchesJSON: the workbook of the client
// folder with every kind of input, recalculated by LibreOffice, gives the
// JSON summary's figures for the paid headline, the organic part, paid and
// organic together, web analytics, the CRM and the invoices.
func TestReport_AllInputsWorkbookMatchesJSON(t *testing.T) {
	officetest.Need(t, "soffice")
	dir := copyDir(t, allInputs)
	code, stdout, stderr := runCmd(t, "report", dir, "--out", filepath.Join(dir, "out"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	at := func(path ...string) float64 {
		var v any = s
		for _, k := range path {
			v = v.(map[string]any)[k]
		}
		switch x := v.(type) {
		case float64:
			return x
		case string:
			f, err := strconv.ParseFloat(x, 64)
			if err != nil {
				t.Fatalf("%v = %q", path, x)
			}
			return f
		}
		t.Fatalf("%v = %v, not a number", path, v)
		return 0
	}
	invoiced := 0.0
	for _, inv := range s["invoices"].([]any) {
		if g, ok := inv.(map[string]any)["gross_converted"].(float64); ok {
			invoiced += g
		}
	}
	want := map[string]float64{
		"AdSpend": at("totals", "ad_spend"), "OtherCosts": at("totals", "other_costs"), "ROI": at("totals", "roi_pct") / 100,
		"OrganicEngagements": at("organic", "totals", "engagements"), "OrganicCost": at("organic", "totals", "cost"),
		"OrganicEngagementRate": at("organic", "totals", "engagement_rate_pct") / 100,
		"TotalCostAll":          at("paid_and_organic", "total_cost"), "ROIAll": at("paid_and_organic", "roi_pct") / 100,
		"RevenueAll":  at("paid_and_organic", "revenue"),
		"WebSessions": at("web", "total", "sessions"), "WebSocialSessions": at("web", "social", "sessions"),
		"WebRevenue": at("web", "total", "revenue"),
		"CRMLeads":   at("sales", "total", "leads"), "CRMCustomers": at("sales", "total", "customers"),
		"CRMRevenue":    at("sales", "total", "revenue"),
		"InvoicedGross": invoiced,
	}
	f, err := excelize.OpenFile(officetest.Recalc(t, filepath.Join(dir, "out", "northwind-outdoor-2026-10.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, w := range want {
		got := definedValue(t, f, name)
		if math.Abs(got-w) > 1e-6*math.Max(1, math.Abs(w)) {
			t.Errorf("workbook %s = %v after LibreOffice recalculation, JSON says %v", name, got, w)
		}
	}
}

// TestReport_BadFileOfEachKind: a malformed or truncated file of any kind
// stops the report with an error naming the file and the line, and nothing
// is written.
func TestReport_BadFileOfEachKind(t *testing.T) {
	goldens, err := filepath.Glob("../../importers/testdata/*/*.err.golden")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, g := range goldens {
		base := strings.TrimSuffix(g, ".err.golden")
		matches, _ := filepath.Glob(base + ".*")
		var file string
		for _, m := range matches {
			if !strings.HasSuffix(m, ".golden") {
				file = m
			}
		}
		if file == "" {
			continue
		}
		kind := filepath.Base(filepath.Dir(file))
		kinds[kind] = true
		t.Run(kind+"/"+filepath.Base(file), func(t *testing.T) {
			dir := copyDir(t, allInputs)
			name := "organic/bad-" + kind + "-" + filepath.Base(file)
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			// The bad file's error, not a missing currency, must stop the report.
			cfg := filepath.Join(dir, "roibook.yaml")
			y, _ := os.ReadFile(cfg)
			y = bytes.Replace(y, []byte("  - organic/*"), []byte("  - {path: organic/*, currency: EUR}"), 1)
			if err := os.WriteFile(cfg, y, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			code, _, stderr := runCmd(t, "report", dir, "--out", out)
			if code != 1 || !strings.Contains(stderr, name) {
				t.Errorf("exit %d, stderr %q; want 1 and an error naming %s", code, stderr, name)
			}
			if !regexp.MustCompile(regexp.QuoteMeta(name)+`:\d+:`).MatchString(stderr) && !strings.Contains(stderr, "legacy Excel") {
				t.Errorf("stderr %q names no line of %s", stderr, name)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("a failed report left %v", entries)
			}
		})
	}
	if len(kinds) < 14 {
		t.Errorf("bad files of %d kinds, want every kind", len(kinds))
	}
}
