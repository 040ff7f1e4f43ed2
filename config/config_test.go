package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roibook/roibook/config"
	"github.com/roibook/roibook/kpi"
)

const head = "client: Northwind Outdoor\ncurrency: EUR\n"

func TestConfigParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"bad currency", "# Northwind\n# monthly\nclient: Northwind Outdoor\ncurrency: euro\n",
			`roibook.yaml:4: currency: got "euro", want a 3-letter code such as "EUR"`},
		{"currency as a list", "client: N\ncurrency: [EUR]\n",
			`roibook.yaml:2: currency: got a list, want a 3-letter code such as "EUR"`},
		{"missing client", "currency: EUR\n",
			`roibook.yaml: client: missing, want the client's name`},
		{"empty client", "client:\ncurrency: EUR\n",
			`roibook.yaml:1: client: got nothing, want the client's name`},
		{"empty file", "",
			"roibook.yaml: client: missing, want the client's name\nroibook.yaml: currency: missing, want a 3-letter code such as \"EUR\""},
		{"misspelt key", "client: N\ncurrency: EUR\ncurency: USD\n",
			`roibook.yaml:3: curency: unknown key; did you mean currency?`},
		{"unknown key", head + "theme: dark\n",
			`roibook.yaml:3: theme: unknown key; known keys are client, currency, period, inputs, cost_sheets, rates, revenue_source, primary_conversion, action_values, goals, business_model, engagement_rate_base, ctr_clicks, conversion_rate_base, on_bad_rows, on_overlap, channels, branding, commentary`},
		{"duplicate key", head + "currency: USD\n",
			`roibook.yaml:3: currency: given twice (first on line 2)`},
		{"duplicate nested key", head + "branding:\n  name: A\n  name: B\n",
			`roibook.yaml:5: name: given twice (first on line 4)`},
		{"tab indent", head + "branding:\n\tname: X\n",
			`roibook.yaml:4: found character '	' that cannot start any token`},
		{"top level list", "- client: N\n",
			`roibook.yaml:1: got a list, want settings such as client: and currency:`},
		{"second document", head + "---\nclient: M\n",
			`roibook.yaml:4: a second YAML document; want one document`},
		{"alias", "client: &c N\ncurrency: EUR\nbranding: {name: *c}\n",
			`roibook.yaml:3: branding.name: got an alias (*name); write the value out`},
		{"merge key", head + "branding:\n  <<: {name: X}\n",
			`roibook.yaml:4: branding: got a merge key (<<); write the keys out`},

		{"bad period", head + "period: Oct 2026\n",
			`roibook.yaml:3: period: got "Oct 2026", want a month such as 2026-10, or 2026-10-01..2026-10-15, or {from: 2026-10-01, to: 2026-10-15}`},
		{"period day", head + "period: 2026-10-01\n",
			`roibook.yaml:3: period: got "2026-10-01", want a month such as 2026-10, or 2026-10-01..2026-10-15, or {from: 2026-10-01, to: 2026-10-15}`},
		{"period reversed", head + "period:\n  from: 2026-10-15\n  to: 2026-10-01\n",
			`roibook.yaml:5: period.to: got 2026-10-01, want a date on or after from (2026-10-15)`},
		{"period without to", head + "period: {from: 2026-10-15}\n",
			`roibook.yaml:3: period.to: missing, want a date such as 2026-10-01`},
		{"period bad date", head + "period: {from: 2026-10-1, to: 2026-10-15}\n",
			`roibook.yaml:3: period.from: got "2026-10-1", want a date such as 2026-10-01`},
		{"period unknown key", head + "period: {start: 2026-10-01, to: 2026-10-15}\n",
			`roibook.yaml:3: period.start: unknown key; known keys are from, to`},

		{"inputs map", head + "inputs: {path: a.csv}\n",
			`roibook.yaml:3: inputs: got a map, want a list of paths or globs such as [exports/*.csv]`},
		{"input without path", head + "inputs:\n  - currency: USD\n",
			`roibook.yaml:4: inputs.path: missing, want a path or glob such as exports/*.csv`},
		{"input empty entry", head + "inputs:\n  -\n",
			`roibook.yaml:4: inputs: got nothing, want a path or glob such as exports/*.csv, or {path: ..., currency: ..., platform: ..., sheet: ...}`},
		{"input bad platform", head + "inputs:\n  - path: a.csv\n    platform: facebook\n",
			`roibook.yaml:5: inputs.platform: got "facebook", want a platform key: meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads, meta_posts, linkedin_page, x_organic, youtube, ga4, crm, invoices or fx`},
		{"input cost platform", head + "inputs:\n  - {path: a.csv, platform: costs}\n",
			`roibook.yaml:4: inputs.platform: got "costs", want a platform key: meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads, meta_posts, linkedin_page, x_organic, youtube, ga4, crm, invoices or fx`},
		{"input bad currency", head + "inputs:\n  - path: a.csv\n    currency: dollars\n",
			`roibook.yaml:5: inputs.currency: got "dollars", want a 3-letter code such as "EUR"`},
		{"input unknown key", head + "inputs:\n  - path: a.csv\n    tab: Data\n",
			`roibook.yaml:5: inputs.tab: unknown key; known keys are path, currency, platform, sheet`},
		{"cost sheets map", head + "cost_sheets: {a: b}\n",
			`roibook.yaml:3: cost_sheets: got a map, want a list of paths or globs such as [costs.csv]`},

		{"negative rate", head + "rates: {USD: -0.92}\n",
			`roibook.yaml:3: rates.USD: got -0.92, want a positive number such as 0.92`},
		{"zero rate", head + "rates:\n  USD: 0\n",
			`roibook.yaml:4: rates.USD: got 0, want a positive number such as 0.92`},
		{"decimal comma rate", head + "rates:\n  USD: 0,92\n",
			`roibook.yaml:4: rates.USD: got "0,92", want a positive number such as 0.92`},
		{"quoted rate", head + "rates:\n  USD: \"0.92\"\n",
			`roibook.yaml:4: rates.USD: got "0.92", want a positive number such as 0.92, without quotes`},
		{"rate key", head + "rates:\n  Dollar: 0.92\n",
			`roibook.yaml:4: rates: got "Dollar", want a 3-letter currency code such as "USD"`},
		{"rate twice", head + "rates:\n  USD: 0.92\n  usd: 0.93\n",
			`roibook.yaml:5: rates.USD: given twice (first on line 4)`},
		{"reporting currency rate", head + "rates:\n  EUR: 0.9\n",
			`roibook.yaml:4: rates.EUR: got 0.9, want 1 (EUR is the reporting currency)`},
		{"rates list", head + "rates: [USD]\n",
			`roibook.yaml:3: rates: got a list, want a map of currency to rate such as {USD: 0.92}`},

		{"unknown action", head + "action_values:\n  lead: 60\n  likes: 0.1\n",
			`roibook.yaml:5: action_values: got "likes", want an action: lead, purchase, conversion, add_to_cart, checkout, landing_page_view, link_click, click, reaction, comment, share, save, follow, video_view, engagement (like is reaction)`},
		{"negative action value", head + "action_values: {lead: -5}\n",
			`roibook.yaml:3: action_values.lead: got -5, want a value of 0 or more such as 1.5`},
		{"action value text", head + "action_values: {lead: sixty}\n",
			`roibook.yaml:3: action_values.lead: got "sixty", want a value of 0 or more such as 1.5`},
		{"like and reaction", head + "action_values:\n  reaction: 0.1\n  like: 0.2\n",
			`roibook.yaml:5: action_values.like: reaction given twice (first on line 4)`},

		{"goal metric", head + "goals:\n  - {metric: ctr_rate, target: 2, direction: at_least}\n",
			`roibook.yaml:4: goals.metric: got "ctr_rate", want a KPI (ctr, cpc, cpm, frequency, engagement_rate, conversion_rate, cpl, cpa, cpe, roas, media_roi, roi, roi_incl_modelled) or a total (spend, other_costs, total_cost, revenue, modelled_value, impressions, clicks, link_clicks, engagements, conversions, leads, purchases)`},
		{"goal direction", head + "goals:\n  - metric: roi\n    target: 150\n    direction: above\n",
			`roibook.yaml:6: goals.direction: got "above", want at_least or at_most`},
		{"goal target", head + "goals:\n  - metric: roi\n    target: 150%\n    direction: at_least\n",
			`roibook.yaml:5: goals.target: got "150%", want a number such as 150`},
		{"goal without target", head + "goals:\n  - {metric: roi, direction: at_least}\n",
			`roibook.yaml:4: goals.target: missing, want a goal such as {metric: roi, target: 150, direction: at_least}`},
		{"goal platform", head + "goals:\n  - {metric: cpl, target: 45, direction: at_most, platform: LinkedIn}\n",
			`roibook.yaml:4: goals.platform: got "LinkedIn", want a platform key: meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads, meta_posts, linkedin_page, x_organic, youtube, ga4, crm, invoices or fx`},
		{"goal as text", head + "goals:\n  - roi above 150\n",
			`roibook.yaml:4: goals: got "roi above 150", want a goal such as {metric: roi, target: 150, direction: at_least}`},
		{"goal unknown key", head + "goals:\n  - {metric: roi, target: 150, direction: at_least, period: 2026-10}\n",
			`roibook.yaml:4: goals.period: unknown key; known keys are metric, target, direction, platform`},

		{"revenue source", head + "revenue_source: sheets\n",
			`roibook.yaml:3: revenue_source: got "sheets", want platforms, ga4 or crm`},
		{"primary conversion", head + "primary_conversion: sales\n",
			`roibook.yaml:3: primary_conversion: got "sales", want conversions, purchases or leads`},
		{"business model", head + "business_model: retail\n",
			`roibook.yaml:3: business_model: got "retail", want ecommerce, b2b, saas, local or publisher`},
		{"engagement base", head + "engagement_rate_base: fans\n",
			`roibook.yaml:3: engagement_rate_base: got "fans", want impressions, reach or followers`},
		{"overlap policy", head + "on_overlap: replace\n",
			`roibook.yaml:3: on_overlap: got "replace", want add, newest or error`},
		{"channel without source", head + "channels:\n  - {medium: social, platform: linkedin_page}\n",
			`roibook.yaml:4: channels.source: missing, want a map with source, optional medium, and platform, such as {source: newsletter.example.com, medium: social, platform: linkedin_page}`},
		{"channel to an unknown platform", head + "channels:\n  - {source: news.example.com, platform: newsletter}\n",
			`roibook.yaml:4: channels.platform: got "newsletter", want an ad or organic platform such as meta_ads or linkedin_page`},
		{"ctr clicks", head + "ctr_clicks: all\n",
			`roibook.yaml:3: ctr_clicks: got "all", want link_clicks or clicks`},
		{"conversion base", head + "conversion_rate_base: clicks\n",
			`roibook.yaml:3: conversion_rate_base: got "clicks", want link_clicks, impressions or reach`},
		{"on bad rows", head + "on_bad_rows: yes\n",
			`roibook.yaml:3: on_bad_rows: got "yes", want stop or skip`},
		{"on bad rows empty", head + "on_bad_rows:\n",
			`roibook.yaml:3: on_bad_rows: got nothing, want stop or skip`},

		{"unquoted colour", head + "branding:\n  primary_color: #1F4E79\n",
			`roibook.yaml:4: branding.primary_color: got nothing, want a colour such as "#1F4E79" in quotes (an unquoted # starts a comment)`},
		{"named colour", head + "branding: {primary_color: navy}\n",
			`roibook.yaml:3: branding.primary_color: got "navy", want a colour such as "#1F4E79"`},
		{"missing logo", head + "branding:\n  logo: nologo.png\n",
			`roibook.yaml:4: branding.logo: got "nologo.png", want a PNG file (no such file)`},
		{"branding unknown key", head + "branding:\n  colour: \"#1F4E79\"\n",
			`roibook.yaml:4: branding.colour: unknown key; known keys are name, logo, primary_color, secondary_color, client_logo, font`},
		{"commentary map", head + "commentary: {a: b}\n",
			`roibook.yaml:3: commentary: got a map, want text`},

		{"errors in line order", "currency: euro\nclient: N\nrates: {USD: -1}\non_bad_rows: later\ngoals:\n  - {metric: roi}\n",
			"roibook.yaml:1: currency: got \"euro\", want a 3-letter code such as \"EUR\"\n" +
				"roibook.yaml:3: rates.USD: got -1, want a positive number such as 0.92\n" +
				"roibook.yaml:4: on_bad_rows: got \"later\", want stop or skip\n" +
				"roibook.yaml:6: goals.target: missing, want a goal such as {metric: roi, target: 150, direction: at_least}\n" +
				"roibook.yaml:6: goals.direction: missing, want a goal such as {metric: roi, target: 150, direction: at_least}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Parse("roibook.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %q", tc.yaml, c, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("Parse(%q) error\n got %q\nwant %q", tc.yaml, err, tc.want)
			}
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Errorf("Parse(%q) error %T is not a *config.Error", tc.yaml, err)
			}
		})
	}
}

// TestParseLogo checks the logo against the file system: it must exist and
// be a PNG, and it is resolved against the configuration's folder.
func TestConfigParseLogo(t *testing.T) {
	name := filepath.Join("testdata", "roibook.yaml")
	c, err := config.Parse(name, []byte(head+"branding: {logo: logo.png}\n"))
	if err != nil {
		t.Fatalf("Parse with logo.png: %v", err)
	}
	want, _ := filepath.Abs(filepath.Join("testdata", "logo.png"))
	if c.Branding.Logo != want {
		t.Errorf("Branding.Logo = %q, want %q", c.Branding.Logo, want)
	}
	_, err = config.Parse(name, []byte(head+"branding: {logo: example.roibook.yaml}\n"))
	wantErr := name + `:3: branding.logo: got "example.roibook.yaml", want a PNG file (this file is not a PNG)`
	if err == nil || err.Error() != wantErr {
		t.Errorf("Parse with a YAML logo: error %v, want %q", err, wantErr)
	}
}

func TestConfigExample(t *testing.T) {
	c, err := config.Load(filepath.Join("testdata", "example.roibook.yaml"))
	if err != nil {
		t.Fatalf("Load(example): %v", err)
	}
	logo, _ := filepath.Abs(filepath.Join("testdata", "logo.png"))
	usd, gbp := c.Rates["USD"], c.Rates["GBP"]
	if usd.String() != "0.92" || gbp.String() != "1.17" || len(c.Rates) != 2 {
		t.Errorf("Rates = %v, want USD 0.92 and GBP 1.17", c.Rates)
	}
	c.Rates = nil
	want := &config.Config{
		File:     filepath.Join("testdata", "example.roibook.yaml"),
		Dir:      "testdata",
		Client:   "Northwind Outdoor",
		Currency: "EUR",
		Period:   kpi.Period{From: kpi.Day(2026, 10, 1), To: kpi.Day(2026, 10, 15)},
		Inputs: []config.Input{
			{Path: "exports/*.csv", Line: 23},
			{Path: "exports/google_ads.csv", Currency: "EUR", Platform: kpi.GoogleAds, Line: 24},
		},
		CostSheets:        []string{"costs.csv"},
		RevenueSource:     "platforms",
		PrimaryConversion: "leads",
		BusinessModel:     "b2b",
		EngagementBase:    "impressions",
		CTRClicks:         "link_clicks",
		ConversionBase:    "link_clicks",
		OnBadRows:         "stop",
		OnOverlap:         "add",
		ActionValues: []config.ActionValue{
			{Action: "lead", Value: 60 * kpi.Micro},
			{Action: "link_click", Value: 400_000},
			{Action: "follow", Value: 1_500_000},
		},
		Goals: []config.Goal{
			{Metric: "roi", Target: 150, Direction: "at_least", Line: 60},
			{Metric: "cpl", Target: 45, Direction: "at_most", Platform: kpi.LinkedInAds, Line: 61},
			{Metric: "leads", Target: 180, Direction: "at_least", Line: 62},
		},
		Branding:   config.Branding{Name: "Brightside Agency", Logo: logo, PrimaryColor: "#1F4E79"},
		Commentary: "Free text from the account manager.\nOctober was the autumn jacket launch.",
	}
	if !equalConfig(c, want) {
		t.Errorf("Load(example) =\n%+v\nwant\n%+v", *c, *want)
	}
	if got, want := c.Choices(), (kpi.Choices{CTRClicks: "link_clicks", CPCClicks: "link_clicks",
		EngagementBase: "impressions", ConversionBase: "link_clicks", PrimaryConversion: "leads"}); got != want {
		t.Errorf("Choices() = %+v, want %+v", got, want)
	}
}

// equalConfig compares the exported fields of two configurations.
func equalConfig(a, b *config.Config) bool {
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := 0; i < va.NumField(); i++ {
		if !va.Type().Field(i).IsExported() {
			continue
		}
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return false
		}
	}
	return true
}

func TestConfigDefaults(t *testing.T) {
	c, err := config.Parse("roibook.yaml", []byte(head+"period: 2026-10\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.Period != kpi.Month(2026, 10) {
		t.Errorf("Period = %v, want 2026-10", c.Period)
	}
	d := config.DefaultConfig()
	if c.RevenueSource != "platforms" || c.PrimaryConversion != "conversions" || c.BusinessModel != "ecommerce" ||
		c.EngagementBase != "impressions" || c.CTRClicks != "link_clicks" || c.ConversionBase != "link_clicks" ||
		c.OnBadRows != "stop" || d.OnBadRows != "stop" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.Branding.Name != "Northwind Outdoor" {
		t.Errorf("Branding.Name = %q, want the client's name", c.Branding.Name)
	}
	if c.Choices() != kpi.DefaultChoices() {
		t.Errorf("Choices() = %+v, want kpi.DefaultChoices()", c.Choices())
	}
}

func TestConfigParseForms(t *testing.T) {
	c, err := config.Parse("roibook.yaml", []byte("\ufeffclient: 3M\ncurrency: usd\nperiod: 2026-10-01..2026-10-15\n"+
		"inputs: exports/meta.csv\nrates: {eur: 1.08, USD: 1.0}\naction_values: {Like: 0.1, video_view: 0}\n"+
		"branding: {primary_color: \"#1f4e79\"}\ngoals:\n  - {metric: ctr, target: 1.2, direction: at_least, platform: meta_ads}\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.Client != "3M" || c.Currency != "USD" || c.Period.String() != "2026-10-01..2026-10-15" {
		t.Errorf("client, currency, period = %q, %q, %v", c.Client, c.Currency, c.Period)
	}
	if len(c.Inputs) != 1 || c.Inputs[0].Path != "exports/meta.csv" || c.Inputs[0].Line != 4 {
		t.Errorf("Inputs = %+v, want exports/meta.csv on line 4", c.Inputs)
	}
	if r := c.Rates["EUR"]; r.String() != "1.08" {
		t.Errorf("Rates[EUR] = %v, want 1.08", r)
	}
	want := []config.ActionValue{{Action: "reaction", Value: 100_000}, {Action: "video_view", Value: 0}}
	if !reflect.DeepEqual(c.ActionValues, want) {
		t.Errorf("ActionValues = %+v, want %+v", c.ActionValues, want)
	}
	if c.Branding.PrimaryColor != "#1F4E79" {
		t.Errorf("PrimaryColor = %q, want #1F4E79", c.Branding.PrimaryColor)
	}
	if len(c.Goals) != 1 || c.Goals[0].Target != 1.2 || c.Goals[0].Platform != kpi.MetaAds || c.Goals[0].Line != 9 {
		t.Errorf("Goals = %+v", c.Goals)
	}
}

// TestValidate checks a configuration again after a flag changed it: the
// error names the line the key came from.
func TestConfigValidate(t *testing.T) {
	c, err := config.Parse("roibook.yaml", []byte(head+"on_bad_rows: skip\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	c.OnBadRows = "never"
	c.CTRClicks = "all"
	want := "roibook.yaml: ctr_clicks: got \"all\", want link_clicks or clicks\nroibook.yaml:3: on_bad_rows: got \"never\", want stop or skip"
	if err := c.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %q", err, want)
	}
	d := config.DefaultConfig()
	want = "client: missing, want the client's name\ncurrency: missing, want a 3-letter code such as \"EUR\""
	if err := d.Validate(); err == nil || err.Error() != want {
		t.Errorf("DefaultConfig().Validate() = %v, want %q", err, want)
	}
}

func TestConfigLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := config.Load(dir); err == nil || err.Error() != dir+": no roibook.yaml in this folder" {
		t.Errorf("Load(empty folder) = %v", err)
	}
	missing := filepath.Join(dir, "nope.yaml")
	if _, err := config.Load(missing); err == nil || err.Error() != missing+": no such file or folder" {
		t.Errorf("Load(missing) = %v", err)
	}
	writeFile(t, filepath.Join(dir, "roibook.yaml"), "client: N\ncurrency: euro\n")
	want := filepath.Join(dir, "roibook.yaml") + `:2: currency: got "euro", want a 3-letter code such as "EUR"`
	if _, err := config.Load(dir); err == nil || err.Error() != want {
		t.Errorf("Load(folder) = %v, want %q", err, want)
	}
	writeFile(t, filepath.Join(dir, "roibook.yaml"), head)
	c, err := config.Load(dir)
	if err != nil {
		t.Fatalf("Load(folder): %v", err)
	}
	if c.Dir != dir || c.File != filepath.Join(dir, "roibook.yaml") {
		t.Errorf("Load(folder): File, Dir = %q, %q", c.File, c.Dir)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConfigResolveInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"exports/b_meta.csv", "exports/a_google.csv", "exports/c.xlsx", "exports/old/x.csv",
		"costs.csv", "extra_costs.csv", "exports/costs_oct.csv"} {
		writeFile(t, filepath.Join(dir, f), "x")
	}
	yaml := head + `inputs:
  - exports/*.csv
  - exports/*
  - path: exports/a_google.csv
    currency: USD
    platform: google_ads
cost_sheets: ["*costs.csv", exports/costs_oct.csv, costs.csv]
`
	writeFile(t, filepath.Join(dir, "roibook.yaml"), yaml)
	c, err := config.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	inputs, costs, err := c.ResolveInputs()
	if err != nil {
		t.Fatalf("ResolveInputs: %v", err)
	}
	p := func(f string) string { return filepath.Join(dir, f) }
	wantInputs := []config.Input{
		{Path: p("exports/a_google.csv"), Currency: "USD", Platform: kpi.GoogleAds, Line: 6},
		{Path: p("exports/b_meta.csv"), Line: 4},
		{Path: p("exports/c.xlsx"), Line: 5},
	}
	if !reflect.DeepEqual(inputs, wantInputs) {
		t.Errorf("inputs =\n%+v\nwant\n%+v", inputs, wantInputs)
	}
	wantCosts := []string{p("costs.csv"), p("exports/costs_oct.csv"), p("extra_costs.csv")}
	if !reflect.DeepEqual(costs, wantCosts) {
		t.Errorf("cost sheets = %q, want %q", costs, wantCosts)
	}
}

func TestConfigResolveInputsErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "exports/meta.csv"), "x")
	tests := []struct{ name, yaml, want string }{
		{"no match", "inputs:\n  - exports/*.csv\n  - exports/*.xlsx\n", "roibook.yaml:5: inputs: \"exports/*.xlsx\" matches no file"},
		{"missing cost sheet", "cost_sheets: [costs.csv]\n", "roibook.yaml:3: cost_sheets: \"costs.csv\" matches no file"},
		{"bad pattern", "inputs: [\"exports/[.csv\"]\n", "roibook.yaml:3: inputs: got \"exports/[.csv\", want a path or glob (syntax error in pattern)"},
		{"two currencies", "inputs:\n  - {path: exports/meta.csv, currency: USD}\n  - {path: \"exports/*.csv\", currency: GBP}\n",
			"roibook.yaml:5: inputs: exports/meta.csv gets currency GBP here and USD on line 4"},
	}
	t.Chdir(dir) // the file is ./roibook.yaml
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Parse("roibook.yaml", []byte(head+tc.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, _, err = c.ResolveInputs()
			if err == nil || err.Error() != tc.want {
				t.Errorf("ResolveInputs() = %v, want %q", err, tc.want)
			}
		})
	}
	// A folder other than "." is named in the message.
	writeFile(t, filepath.Join(dir, "roibook.yaml"), head+"inputs: [exports/*.pdf]\n")
	c, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "roibook.yaml") + ":3: inputs: \"exports/*.pdf\" matches no file in " + dir
	if _, _, err := c.ResolveInputs(); err == nil || err.Error() != want {
		t.Errorf("ResolveInputs() = %v, want %q", err, want)
	}
}

// TestNoImports keeps the package free of the importers and the report
// builder: it may import only kpi and the YAML library.
func TestConfigNoImports(t *testing.T) {
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"roibook/importers", "roibook/reportgen", "roibook/engine"} {
		if strings.Contains(string(src), pkg) {
			t.Errorf("config.go imports %s", pkg)
		}
	}
}

// FuzzConfig checks that no file makes Parse panic and that every error
// names the file.
func FuzzConfig(f *testing.F) {
	for _, file := range []string{"testdata/example.roibook.yaml", "../samples/northwind-outdoor/roibook.yaml"} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + "goals:\n  - {metric: roi}\nperiod: {from: 2026-10-01}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := config.Parse("roibook.yaml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "roibook.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
