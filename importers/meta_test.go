package importers_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/internal/gen"
	"github.com/roibook/roibook/kpi"
)

func FuzzMeta(f *testing.F) {
	addFixtures(f, kpi.MetaAds)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, importers.Meta{}, data) })
}

// metaImport imports a CSV given as text and returns its records and stats.
func metaImport(t *testing.T, csv string, opts importers.Options) ([]kpi.Record, *kpi.FileStats, error) {
	t.Helper()
	in, err := importers.OpenBytes("meta.csv", []byte(csv))
	if err != nil {
		t.Fatalf("OpenBytes: %v", err)
	}
	var recs []kpi.Record
	st, err := importers.Meta{}.Import(in, opts, func(r kpi.Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, st, err
}

func TestMeta_Detect(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"ads reporting", "\ufeff\"Campaign name\",Reach,\"Amount spent (INR)\",\"Reporting starts\",\"Reporting ends\"\n", true},
		{"ads manager", "\"Reporting starts\",\"Reporting ends\",\"Campaign name\",\"Amount spent (USD)\"\n", true},
		{"title case", "Campaign Name,Amount Spent (USD),Impressions\n", true},
		{"day only", "Day,\"Amount spent (EUR)\",Impressions\n", true},
		{"japanese", "キャンペーン名,インプレッション,\"消化金額 (JPY)\"\n", true},
		{"full-width brackets", "広告名,消化金額（JPY）\n", true},
		{"portuguese", "\"Nome da campanha\",\"Valor usado (BRL)\",Dia\n", true},
		{"spanish", "\"Nombre del anuncio\",\"Importe gastado (MXN)\"\n", true},
		{"french", "\"Nom de la campagne\",\"Montant dépensé (EUR)\"\n", true},
		{"spend without names or dates", "\"Amount spent (USD)\",Impressions,Reach\n", false},
		{"names without spend", "\"Campaign name\",Impressions,\"Link clicks\"\n", false},
		{"tiktok", "Campaign name,Primary status,Cost,CPC (destination),Impressions,Clicks (destination)\n", false},
		{"tiktok ja", "キャンペーン名,一級ステータス,コスト,インプレッション,クリック（誘導先）,通貨\n", false},
		{"google ads", "Campaign report\n\"October 1, 2026 - October 31, 2026\"\nCampaign,Impr.,Clicks,Cost,Conversions\n", false},
		{"linkedin", "Start Date (in UTC)\tAccount Name\tCampaign Name\tTotal Spent\tImpressions\n", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := importers.OpenBytes("head.csv", []byte(tc.head))
			if err != nil {
				t.Fatal(err)
			}
			if got := (importers.Meta{}).Detect(in); got != tc.want {
				t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
			}
		})
	}
}

func TestMeta_MissingSpend(t *testing.T) {
	_, _, err := metaImport(t, "\"Campaign name\",Impressions,Reach\nA,10,5\n", importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) {
		t.Fatalf("Import without spend: err = %v, want ErrMissingColumn", err)
	}
	want := `meta.csv:1: missing column "Amount spent"; header has: Campaign name, Impressions, Reach`
	if err.Error() != want {
		t.Errorf("Import without spend: err = %q, want %q", err, want)
	}
	_, _, err = metaImport(t, "", importers.Options{})
	if !errors.Is(err, importers.ErrMissingColumn) || !strings.HasPrefix(err.Error(), "meta.csv: ") {
		t.Errorf("Import of an empty file: err = %v, want ErrMissingColumn naming the file", err)
	}
}

// TestMeta_Numbers checks the per-file decimal separator: plain numbers in
// English and Japanese (grouping accepted), decimal commas in pt/es/fr only
// when the head shows them, and never a guess per value.
func TestMeta_Numbers(t *testing.T) {
	const dates = ",2026-10-01,2026-10-31\n"
	tests := []struct {
		name, csv string
		want      []string // spend per record
		err       string
	}{
		{"english plain", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\n" +
			"A,1234.5" + dates + "B,7.48E-6" + dates, []string{"1234.50", "0.000007"}, ""},
		{"english grouped", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\n" +
			"A,\"1,234.5\"" + dates, []string{"1234.50"}, ""},
		{"english decimal comma", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\n" +
			"A,\"1234,5\"" + dates, nil, `meta.csv:2: column B "Amount spent (USD)": got "1234,5", want a number like 1234.56`},
		{"portuguese commas", "\"Nome da campanha\",\"Valor usado (BRL)\",Frequência,\"Início dos relatórios\",\"Término dos relatórios\"\n" +
			"A,\"1234,5\",\"1,38307193\"" + dates + "B,12,1" + dates, []string{"1234.50", "12.00"}, ""},
		{"portuguese dots", "\"Nome da campanha\",\"Valor usado (BRL)\",Frequência,\"Início dos relatórios\",\"Término dos relatórios\"\n" +
			"A,1234.5,1.38307193" + dates, []string{"1234.50"}, ""},
		{"portuguese no evidence in the head, later comma", "\"Nome da campanha\",\"Valor usado (BRL)\",\"Início dos relatórios\",\"Término dos relatórios\"\n" +
			strings.Repeat("A,12"+dates, importers.HeadRows) + "B,\"1,234\"" + dates, nil,
			`meta.csv:17: column B "Valor usado (BRL)": got "1,234", want a number like 1234.56`},
		{"spanish commas", "\"Nombre del anuncio\",\"Importe gastado (MXN)\",\"Inicio del informe\",\"Fin del informe\"\n" +
			"A,\"4210,55\"" + dates, []string{"4210.55"}, ""},
		{"french commas", "\"Nom de la campagne\",\"Montant dépensé (EUR)\",\"Début des rapports\",\"Fin des rapports\"\n" +
			"A,\"310,4\"" + dates, []string{"310.40"}, ""},
		{"negative count", "\"Campaign name\",\"Amount spent (USD)\",Impressions,\"Reporting starts\",\"Reporting ends\"\n" +
			"A,1,-5" + dates, nil, `meta.csv:2: column C "Impressions": got "-5", want a whole number like 1234`},
		{"fractional count", "\"Campaign name\",\"Amount spent (USD)\",Impressions,\"Reporting starts\",\"Reporting ends\"\n" +
			"A,1,5.5" + dates, nil, `meta.csv:2: column C "Impressions": got "5.5", want a whole number like 1234`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := metaImport(t, tc.csv, importers.Options{})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("Import: err = %v, want %q", err, tc.err)
				}
				var pe *importers.ParseError
				if !errors.As(err, &pe) || !errors.Is(err, importers.ErrBadNumber) {
					t.Errorf("Import: err = %#v, want a *ParseError wrapping ErrBadNumber", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Spend.String())
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Import: spend = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMeta_Summary checks the summary row: not a record, its reach kept as
// the de-duplicated total, and a money tolerance that follows the decimals
// Meta rounded its spend to.
func TestMeta_Summary(t *testing.T) {
	const header = "\"Campaign name\",Reach,Impressions,\"Amount spent (EUR)\",\"Reporting starts\",\"Reporting ends\"\n"
	const rows = "A,100,150,10.33,2026-10-01,2026-10-31\nB,80,90,20.1,2026-10-01,2026-10-31\n"
	tests := []struct {
		name, summary string
		status        string
	}{
		{"exact", ",150,240,30.43,2026-10-01,2026-10-31\n", kpi.CheckMatch},
		{"rounded to a unit", ",150,240,30,2026-10-01,2026-10-31\n", kpi.CheckMatch},
		{"rounded to a tenth", ",150,240,30.4,2026-10-01,2026-10-31\n", kpi.CheckMatch},
		{"off by more than rounding", ",150,240,31,2026-10-01,2026-10-31\n", kpi.CheckMismatch},
		{"two decimals, off by 0.09", ",150,240,30.49,2026-10-01,2026-10-31\n", kpi.CheckMismatch},
		{"impressions differ", ",150,241,30.4,2026-10-01,2026-10-31\n", kpi.CheckMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, st, err := metaImport(t, header+tc.summary+rows, importers.Options{})
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if len(recs) != 2 || st.Rows != 3 || len(st.Skipped) != 1 || st.Skipped[0].Line != 2 {
				t.Fatalf("Import: %d records, stats %+v; want 2 records and the summary skipped at line 2", len(recs), st)
			}
			pt := st.PlatformTotals
			if pt == nil || !pt.ReachKnown || pt.Reach != 150 {
				t.Fatalf("PlatformTotals = %+v, want reach 150 (de-duplicated)", pt)
			}
			if st.Check.Status != tc.status {
				t.Errorf("Check = %+v, want %s", st.Check, tc.status)
			}
		})
	}
}

// TestMeta_Dates checks the three ways a row is dated.
func TestMeta_Dates(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
		err       string
	}{
		{"starts equal ends", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\nA,1,2026-10-03,2026-10-03\n",
			[]string{"2026-10-03"}, ""},
		{"starts before ends", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\nA,1,2026-10-01,2026-10-31\n",
			[]string{"2026-10"}, ""},
		{"day column wins", "\"Campaign name\",Día,\"Importe gastado (MXN)\",\"Inicio del informe\",\"Fin del informe\"\nA,2026-10-07,1,2026-10-01,2026-10-31\n",
			[]string{"2026-10-07"}, ""},
		{"japanese day column", "キャンペーン名,日,\"消化金額 (JPY)\"\nA,2026-10-09,100\n", []string{"2026-10-09"}, ""},
		{"ends before starts", "\"Campaign name\",\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\nA,1,2026-10-31,2026-10-01\n",
			nil, `meta.csv:2: column D "Reporting ends": got "2026-10-01", want a date not before "Reporting starts" (2026-10-31)`},
		{"bad day", "\"Campaign name\",Day,\"Amount spent (USD)\"\nA,10/03/2026,1\n",
			nil, `meta.csv:2: column B "Day": got "10/03/2026", want a date like 2026-10-31`},
		{"empty day", "\"Campaign name\",Day,\"Amount spent (USD)\"\nA,2026-10-01,1\nB,,1\n",
			nil, `meta.csv:3: column B "Day": got "", want a date like 2026-10-31`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := metaImport(t, tc.csv, importers.Options{})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err || !errors.Is(err, importers.ErrBadDate) {
					t.Fatalf("Import: err = %v, want %q (ErrBadDate)", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			var got []string
			for _, r := range recs {
				if r.Day.IsZero() {
					got = append(got, r.Span.String())
				} else {
					got = append(got, r.Day.Format("2006-01-02"))
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("Import: dates = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMeta_Currency checks where the currency comes from.
func TestMeta_Currency(t *testing.T) {
	tests := []struct {
		name, csv, want, err string
	}{
		{"header suffix", "\"Campaign name\",\"Amount spent (PLN)\"\nA,1\n", "PLN", ""},
		{"column", "\"Campaign name\",Currency,\"Amount spent\"\nA,inr,1\n", "INR", ""},
		{"japanese column", "キャンペーン名,通貨,消化金額\nA,JPY,100\n", "JPY", ""},
		{"neither", "\"Campaign name\",\"Amount spent\"\nA,1\n", "", ""},
		{"column contradicts header", "\"Campaign name\",Currency,\"Amount spent (USD)\"\nA,EUR,1\n", "",
			`meta.csv:2: column B "Currency": got "EUR", want USD, the currency of the spend column`},
		{"not a currency", "\"Campaign name\",Currency,\"Amount spent\"\nA,euro,1\n", "",
			`meta.csv:2: column B "Currency": got "euro", want a currency code such as USD or EUR`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := metaImport(t, tc.csv, importers.Options{Period: kpi.Month(2026, 10)})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("Import: err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if len(recs) != 1 || recs[0].Currency != tc.want {
				t.Errorf("Import: records %+v, want one in %q", recs, tc.want)
			}
		})
	}
}

// TestMeta_Metrics checks Meta's metric rules: conversions are purchases,
// Results and ratio columns are never read, fallback columns only fill in.
func TestMeta_Metrics(t *testing.T) {
	csv := "\"Campaign name\",Results,\"Result indicator\",\"Amount spent (USD)\",Purchases,\"Website purchases\"," +
		"\"Purchase ROAS (return on ad spend)\",\"Cost per purchase\",CTR,Leads,\"Website leads\",\"Reporting starts\",\"Reporting ends\"\n" +
		"A,99,actions:link_click,50,3,2,4.1,16.66666667,1.2,7,5,2026-10-01,2026-10-31\n"
	recs, st, err := metaImport(t, csv, importers.Options{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	r := recs[0]
	if r.Purchases != 3*kpi.Micro || r.Conversions != 3*kpi.Micro || r.Leads != 7*kpi.Micro {
		t.Errorf("Import: purchases %s, conversions %s, leads %s; want 3, 3, 7", r.Purchases, r.Conversions, r.Leads)
	}
	if r.Has&kpi.FConversions == 0 || r.Has&kpi.FPurchases == 0 {
		t.Errorf("Import: Has = %b, want purchases and conversions", r.Has)
	}
	for _, c := range st.Columns {
		switch c.Header {
		case "Results", "Result indicator", "Purchase ROAS (return on ad spend)", "Cost per purchase", "CTR",
			"Website purchases", "Website leads":
			if c.Field != "" {
				t.Errorf("column %s %q is mapped to %q, want unmapped", c.Letter, c.Header, c.Field)
			}
		}
	}
}

// TestMeta_SkipBadRows checks the row accounting when bad rows are skipped.
func TestMeta_SkipBadRows(t *testing.T) {
	csv := "\ufeff\"Campaign name\",Reach,\"Amount spent (USD)\",\"Reporting starts\",\"Reporting ends\"\n" +
		",300,6,2026-10-01,2026-10-31\n" +
		"A,100,1,2026-10-01,2026-10-31\n" +
		"B,100,\"1.234,50\",2026-10-01,2026-10-31\n" +
		"C,100\n" +
		"D,100,2,2026-09-01,2026-09-30\n" +
		"E,100,3,2026-09-15,2026-10-15\n"
	recs, st, err := metaImport(t, csv, importers.Options{SkipBadRows: true, Period: kpi.Month(2026, 10)})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if len(recs) != 1 || st.Rows != 6 || st.Used != 1 || st.OutsidePeriod != 2 || len(st.Skipped) != 1 || len(st.Rejected) != 2 {
		t.Fatalf("Import: %d records, stats rows=%d used=%d outside=%d skipped=%v rejected=%v",
			len(recs), st.Rows, st.Used, st.OutsidePeriod, st.Skipped, st.Rejected)
	}
	if st.Rejected[0].Line != 4 || st.Rejected[1].Line != 5 {
		t.Errorf("Rejected = %v, want lines 4 and 5", st.Rejected)
	}
	if st.Period.String() != "2026-09-01..2026-10-31" {
		t.Errorf("Period = %s, want 2026-09-01..2026-10-31", st.Period)
	}
}

// BenchmarkMeta_Import imports a 100k-row daily, ad-level Ads Reporting
// export (BOM, quoted names, ratio columns) from memory.
func BenchmarkMeta_Import(b *testing.B) {
	const rows = 100_000
	var buf bytes.Buffer
	if err := gen.MetaDaily(&buf, rows, kpi.Month(2026, 10)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	opts := importers.Options{Period: kpi.Month(2026, 10)}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		in, err := importers.OpenBytes("meta_daily.csv", data)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		st, err := importers.Meta{}.Import(in, opts, func(kpi.Record) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		if n != rows || st.Used != rows {
			b.Fatalf("imported %d records (used %d), want %d", n, st.Used, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
