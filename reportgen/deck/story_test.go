package deck

import (
	"strings"
	"testing"

	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

func ratio(v float64) kpi.Ratio { return kpi.Ratio{Value: v, OK: true} }

func TestSentence(t *testing.T) {
	goal := func(dir, status string, f kpi.Format, target, actual float64) *reportgen.Goal {
		return &reportgen.Goal{Direction: dir, Status: status, Format: f, TargetValue: target, Actual: ratio(actual)}
	}
	tests := []struct {
		name string
		h    headline
		want string
	}{
		{"met, percent, no previous",
			headline{Key: "roi", Name: "Full-cost ROI", Value: "137.0%", Format: kpi.FormatPercent,
				Goal: goal("at_least", "met", kpi.FormatPercent, 1.2, 1.37)},
			"Full-cost ROI was 137.0%, 17.0 points above the 120.0% goal."},
		{"met, lower is better, fell",
			headline{Key: "cpl", Name: "Cost per lead", Value: "€41.00", Format: kpi.FormatMoney, LowerBetter: true,
				Diff: ratio(-5.59), Change: ratio(-0.12), Goal: goal("at_most", "met", kpi.FormatMoney, 45, 41)},
			"Cost per lead fell 12.0% to €41.00, under the €45.00 goal."},
		{"at risk",
			headline{Key: "roas", Name: "ROAS", Value: "3.34", Format: kpi.FormatRatio,
				Goal: goal("at_least", "at risk", kpi.FormatRatio, 3.5, 3.34)},
			"ROAS was 3.34, at risk against the 3.50 goal."},
		{"missed, rose",
			headline{Key: "leads", Name: "Leads", Plural: true, Value: "413", Format: kpi.FormatNumber,
				Diff: ratio(13), Change: ratio(0.0326), Goal: goal("at_least", "missed", kpi.FormatNumber, 500, 413)},
			"Leads rose 3.3% to 413, missing the 500 goal."},
		{"no goal, no previous",
			headline{Key: "revenue", Name: "Revenue", Value: "€92,624.08", Format: kpi.FormatMoney},
			"Revenue was €92,624.08."},
		{"percent change in points",
			headline{Key: "media_roi", Name: "Media ROI", Value: "229.7%", Format: kpi.FormatPercent,
				Diff: ratio(-0.042), Change: ratio(-0.018)},
			"Media ROI fell 4.2 points to 229.7%."},
		{"unchanged",
			headline{Key: "roas", Name: "ROAS", Value: "3.30", Format: kpi.FormatRatio, Diff: ratio(0), Change: ratio(0)},
			"ROAS was unchanged at 3.30."},
		{"from zero",
			headline{Key: "revenue", Name: "Revenue", Value: "€500.00", Format: kpi.FormatMoney, Diff: ratio(500)},
			"Revenue rose to €500.00 from €0.00."},
		{"undefined value",
			headline{Key: "cpl", Name: "Cost per lead", Value: NA, Format: kpi.FormatMoney, LowerBetter: true,
				Goal: &reportgen.Goal{Direction: "at_most", Status: "n/a", Format: kpi.FormatMoney, TargetValue: 45}},
			"Cost per lead was n/a this period, so the €45.00 goal cannot be assessed."},
		{"undefined value, no goal",
			headline{Key: "leads", Name: "Leads", Plural: true, Value: NA, Format: kpi.FormatNumber},
			"Leads were n/a this period."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sentence(tc.h, "EUR"); got != tc.want {
				t.Errorf("sentence() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDelta(t *testing.T) {
	tests := []struct {
		name        string
		h           headline
		text, trend string
	}{
		{"no previous", headline{Format: kpi.FormatMoney}, "", ""},
		{"cost fell: good", headline{Key: "cpl", Format: kpi.FormatMoney, LowerBetter: true, Diff: ratio(-5), Change: ratio(-0.12)}, "-12.0%", trendGood},
		{"cost rose: bad", headline{Key: "total_cost", Format: kpi.FormatMoney, LowerBetter: true, Diff: ratio(5), Change: ratio(0.1)}, "+10.0%", trendBad},
		{"revenue fell: bad", headline{Key: "revenue", Format: kpi.FormatMoney, Diff: ratio(-5), Change: ratio(-0.5)}, "-50.0%", trendBad},
		{"roi points", headline{Key: "roi", Format: kpi.FormatPercent, Diff: ratio(0.171), Change: ratio(0.14)}, "+17.1 pts", trendGood},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, trend := delta(tc.h, "EUR")
			if text != tc.text || trend != tc.trend {
				t.Errorf("delta() = %q, %q; want %q, %q", text, trend, tc.text, tc.trend)
			}
		})
	}
}

// withPrevious gives r a previous period whose ad figures are r's scaled,
// so that every compared change is defined.
func withPrevious(r *reportgen.Report) {
	prev := r.Total
	prev.Inputs.Spend = prev.Inputs.Spend * 11 / 10
	prev.Inputs.Leads = prev.Inputs.Leads * 8 / 10
	prev.Inputs.Revenue = prev.Inputs.Revenue * 9 / 10
	prev.Values = map[string]kpi.Ratio{}
	for _, k := range r.KPIs {
		prev.Values[k.Key] = k.Value(prev.Inputs)
	}
	r.Previous = &reportgen.Comparison{Key: "previous", Label: "Previous period", Period: r.Period.Previous(), Total: prev}
}

// TestStory_figures: the summary's sentences and changes, the funnel and
// the channel mix show the model's figures, formatted by the deck's own
// functions, in the slide model and on the right page of the PDF.
func TestStory_figures(t *testing.T) {
	r := builtReport(t)
	withPrevious(r)
	m := build(r, Options{})
	pages := pdfText(t, mustRender(t, r))

	// summary: a sentence per headline with its change and goal
	sum := slideOf(t, m, kindSummary, "")
	_, frac := r.Change(r.Previous, "cpl")
	if !frac.OK || frac.Value >= 0 {
		t.Fatalf("fixture: CPL change %v, want a fall", frac)
	}
	frac.Value = -frac.Value
	cpl := FormatKPI("cpl", r.Total.Value("cpl"), kpi.FormatMoney, "EUR")
	wantCPL := "Cost per lead fell " + FormatRatio(frac, kpi.FormatPercent, "EUR") + " to " + cpl + ", missing the €45.00 goal."
	_, lf := r.Change(r.Previous, "leads")
	wantLeads := "Leads rose " + FormatRatio(lf, kpi.FormatPercent, "EUR") + " to " + FormatQty(r.Total.Inputs.Leads) + ", above the 500 goal."
	for _, want := range []string{wantCPL, wantLeads, "Full-cost ROI was " + FormatKPI("roi", r.Total.Value("roi"), kpi.FormatPercent, "EUR") + ", missing the 150.0% goal."} {
		found := false
		for _, s := range sum.Story {
			found = found || s == want
		}
		if !found {
			t.Errorf("summary story lacks %q; has %q", want, sum.Story)
		}
	}
	if len(sum.Story) != len(headlineNames) {
		t.Errorf("summary story has %d sentences, want %d", len(sum.Story), len(headlineNames))
	}
	deltas := map[string]tileDelta{}
	for _, d := range sum.Deltas {
		deltas[d.Label] = d
	}
	if d := deltas[sum.Tiles[6].Label]; d.Delta != "-"+FormatRatio(frac, kpi.FormatPercent, "EUR") || d.Trend != trendGood {
		t.Errorf("CPL tile delta = %+v, want a fall, good news", d)
	}
	if _, ok := deltas[sum.Tiles[0].Label]; ok {
		t.Errorf("full-cost ROI tile has a change; the comparison is media-only")
	}
	page := strings.Join(strings.Fields(pageWith(t, pages, "Executive summary")), " ")
	for _, s := range sum.Story {
		if !strings.Contains(page, s) {
			t.Errorf("summary page lacks sentence %q:\n%s", s, page)
		}
	}
	for _, d := range sum.Deltas {
		if !strings.Contains(page, d.Delta+" vs prev.") {
			t.Errorf("summary page lacks change %q", d.Delta)
		}
	}

	// funnel: each stage's headline count and conversion
	fs := slideOf(t, m, kindFunnel, "")
	page = pageWith(t, pages, "Funnel")
	for i, st := range r.Funnel.Stages {
		var head *reportgen.FunnelMetric
		for j := range st.Metrics {
			if st.Metrics[j].Key == st.Headline {
				head = &st.Metrics[j]
			}
		}
		want := FormatRatio(head.Total, kpi.FormatNumber, "EUR")
		if got := fs.Funnel[i].Text; got != want || !strings.Contains(page, want) {
			t.Errorf("funnel %s = %q, want the model's %q on the page", st.Name, got, want)
		}
		if st.ToNext != nil && i+1 < len(r.Funnel.Stages) {
			want := FormatKPI("", st.ToNext.Total, kpi.FormatPercent, "EUR")
			if got := fs.Funnel[i].ToNext; got != want || !strings.Contains(page, want) {
				t.Errorf("funnel %s → next = %q, want %q on the page", st.Name, got, want)
			}
		}
	}

	// channel mix: spend, revenue and ROAS per platform; paid and organic
	ms := slideOf(t, m, kindMix, "")
	page = pageWith(t, pages, "Channel mix")
	for i := range r.Platforms {
		p := &r.Platforms[i]
		want := []string{FormatMoney(p.Inputs.Spend, "EUR"), FormatMoney(p.Inputs.Revenue, "EUR"),
			FormatRatio(p.Value("roas"), kpi.FormatRatio, "EUR")}
		got := []string{ms.Mix[i].SpendText, ms.Mix[i].RevenueText, ms.Mix[i].ROAS}
		for j := range want {
			if got[j] != want[j] || !strings.Contains(page, want[j]) {
				t.Errorf("mix %s: %q, want the model's %q on the page", p.Name, got[j], want[j])
			}
		}
	}
	for _, want := range []string{FormatMoney(r.Organic.Total.TotalCost(), "EUR"), FormatCount(r.Organic.Total.Inputs.Engagements),
		FormatMoney(r.Together.TotalCost(), "EUR"), FormatMoney(r.Total.Inputs.Spend, "EUR")} {
		if !strings.Contains(page, want) {
			t.Errorf("channel mix page lacks %q", want)
		}
	}
}

// TestStory_noPrevious: without a previous period no sentence says rose or
// fell and no tile shows a change.
func TestStory_noPrevious(t *testing.T) {
	for _, r := range []*reportgen.Report{builtReport(t), realisticReport(t), nastyReport(t), minimalReport()} {
		s := build(r, Options{}).Slides[1]
		if len(s.Deltas) != 0 {
			t.Errorf("%s: changes %v without a previous period", r.Client, s.Deltas)
		}
		for _, l := range s.Story {
			if strings.Contains(l, " rose ") || strings.Contains(l, " fell ") || strings.Contains(l, "unchanged") {
				t.Errorf("%s: %q without a previous period", r.Client, l)
			}
		}
	}
}

func TestRender_storyWithPrevious(t *testing.T) {
	r := builtReport(t)
	withPrevious(r)
	_ = mustRender(t, r)
}
