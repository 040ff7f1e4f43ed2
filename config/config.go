// Package config reads a client's configuration, roibook.yaml: who the
// client is, the reporting currency and period, which exports and cost
// sheets to read, exchange rates, action values, goals, the KPI variants and
// the branding of the report.
//
// The file is YAML, so people can comment it, and it is read strictly: an
// unknown key, a value of the wrong type or a bad value is an error that
// names the file, the line and the key,
//
//	roibook.yaml:4: currency: got "euro", want a 3-letter code such as "EUR"
//
// and every such error of a file is reported at once, in line order.
// Paths are relative to the folder holding the file. The keys:
//
//	client: Northwind Outdoor        # required: the client's name
//	currency: EUR                    # required: the reporting currency, an ISO 4217 code
//	period: 2026-10                  # a month, FROM..TO, or {from: 2026-10-01, to: 2026-10-15};
//	                                 # optional here when given on the command line
//	inputs:                          # platform exports: paths or globs, or maps with a path
//	  - exports/*.csv
//	  - path: exports/google_ads.csv
//	    currency: EUR                # for an export that states no currency
//	    platform: google_ads         # skips detection: meta_ads, google_ads, linkedin_ads, tiktok_ads
//	cost_sheets: [costs.csv]         # cost sheets: paths or globs
//	rates: {USD: 0.92, GBP: 1.17}    # 1 unit of the key is worth this much reporting currency;
//	                                 # positive; the reporting currency's own rate, if given, is 1
//	revenue_source: platforms        # platforms (default) | ga4 | crm
//	primary_conversion: conversions  # conversions (default) | purchases | leads
//	action_values: {lead: 60, link_click: 0.4, follow: 1.5}  # reporting currency per action
//	goals:                           # metric, target, direction, optional platform
//	  - {metric: roi, target: 150, direction: at_least}   # percent metrics in percent
//	  - {metric: cpl, target: 45, direction: at_most, platform: linkedin_ads}
//	business_model: b2b              # ecommerce (default) | b2b | saas | local | publisher
//	engagement_rate_base: impressions  # impressions (default) | reach
//	ctr_clicks: link_clicks          # link_clicks (default) | clicks; CPC uses the same clicks
//	conversion_rate_base: link_clicks  # link_clicks (default) | impressions | reach
//	on_bad_rows: stop                # stop (default) | skip: reject malformed rows and go on
//	branding: {name: Brightside Agency, logo: logo.png, primary_color: "#1F4E79"}
//	  # also secondary_color: "#E06C1F", client_logo: client.png, font: brand.ttf (TrueType)
//	commentary: |
//	  Free text from the account manager.
//
// Actions are lead, purchase, conversion, add_to_cart, checkout,
// landing_page_view, link_click, click, reaction (or like), comment, share,
// save, follow, video_view and engagement. Goal metrics are the KPI keys of
// kpi.Definitions (ctr, cpc, cpm, frequency, engagement_rate,
// conversion_rate, cpl, cpa, cpe, roas, media_roi, roi, roi_incl_modelled)
// or a total (spend, other_costs, total_cost, revenue, modelled_value,
// impressions, clicks, link_clicks, engagements, conversions, leads,
// purchases). The branding name defaults to the client's name; the logo must
// be a PNG file; primary_color is #RRGGBB and needs quotes, since # starts a
// YAML comment. testdata/example.roibook.yaml is a complete, commented
// example.
//
// The order of precedence is DefaultConfig, then the file, then the
// command-line flags; Validate checks a Config again after flags changed it.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/roibook/roibook/kpi"
)

// FileName is the name Load looks for in a folder.
const FileName = "roibook.yaml"

// A Config is one client's configuration.
type Config struct {
	File string // the configuration file as the user gave it; "" when not read from a file
	Dir  string // its folder: paths in the file are relative to it

	Client   string
	Currency string     // reporting currency, ISO 4217
	Period   kpi.Period // zero when not configured

	Inputs     []Input  // as written; see ResolveInputs
	CostSheets []string // paths or globs, as written

	// Rates convert a currency into the reporting currency: 1 unit of the
	// key is worth Rate units of Currency.
	Rates map[string]kpi.Rate

	RevenueSource     string // platforms, ga4, crm
	PrimaryConversion string // conversions, purchases, leads
	BusinessModel     string // ecommerce, b2b, saas, local, publisher
	EngagementBase    string // impressions, reach
	CTRClicks         string // link_clicks, clicks (CPC uses the same)
	ConversionBase    string // link_clicks, impressions, reach
	OnBadRows         string // stop, skip
	// OnOverlap decides what happens when two exports of one platform and
	// account report the same day of the same campaign: add (both count,
	// with a warning), newest (the newer file replaces the older one for
	// those days) or error.
	OnOverlap string
	// Channels extend the built-in mapping of GA4 source / medium (and CRM
	// sources) to platforms; they are tried first, in file order.
	Channels []Channel

	ActionValues []ActionValue // in file order
	Goals        []Goal        // in file order
	Branding     Branding
	Commentary   string

	lines         map[string]int // key id ("rates.USD", "goals.1.metric") → line in File
	costLines     []int          // line of each CostSheets entry
	logoAsWritten string         // branding.logo as written, for messages

	asWritten map[string]string // branding.client_logo and .font as written
}

// An Input is one entry of inputs: a path or glob, and what to assume of
// the files it matches.
type Input struct {
	Path     string       // relative to Config.Dir, or absolute; after ResolveInputs, one file
	Currency string       // for exports that state no currency; "" for none
	Platform kpi.Platform // overrides detection; "" to detect
	// Sheet names the sheet of an XLSX workbook to read; "" reads the
	// first (a LinkedIn page's "Update engagement" sheet holds its posts).
	Sheet string
	Line  int // line of the entry in the file
}

// A Channel maps a traffic source to a platform: Source matches a GA4
// session source (a domain also matches its subdomains), Medium the
// medium ("" for any).
type Channel struct {
	Source, Medium string
	Platform       kpi.Platform
	Line           int
}

// An ActionValue is what one action is worth, in the reporting currency.
type ActionValue struct {
	Action string // one of Actions
	Value  kpi.Money
}

// A Goal is a target for a metric over the report period. Percent metrics
// (CTR, ROI, ...) are given in percent: 150 means 150 %.
type Goal struct {
	Metric    string // a KPI key or a total: see GoalMetrics
	Target    float64
	Direction string       // at_least, at_most
	Platform  kpi.Platform // "" for the whole report
	Line      int
}

// Branding is how the report presents the agency.
type Branding struct {
	Name         string // defaults to the client's name
	Logo         string // absolute path of a PNG file, or ""
	PrimaryColor string // #RRGGBB, or ""
	// SecondaryColor is the accent of charts and the cover, #RRGGBB or "".
	SecondaryColor string
	ClientLogo     string // absolute path of the client's PNG logo, or ""
	Font           string // absolute path of a TrueType font for the deck, or ""
}

// Actions are the action names action_values accepts ("like" is read as
// reaction).
var Actions = kpi.Actions

var actionAliases = map[string]string{"like": "reaction"}

// Totals are the goal metrics that are sums rather than KPIs.
var Totals = kpi.TotalMetrics

// GoalMetrics returns every metric a goal may name (kpi.GoalMetrics).
func GoalMetrics() []string { return kpi.GoalMetrics() }

// The accepted values of the enumerated keys.
var (
	revenueSources     = []string{"platforms", "ga4", "crm"}
	primaryConversions = []string{"conversions", "purchases", "leads"}
	businessModels     = []string{"ecommerce", "b2b", "saas", "local", "publisher"}
	engagementBases    = []string{"impressions", "reach", "followers"}
	ctrClicks          = []string{"link_clicks", "clicks"}
	conversionBases    = []string{"link_clicks", "impressions", "reach"}
	onBadRows          = []string{"stop", "skip"}
	onOverlap          = []string{"add", "newest", "error"}
	directions         = []string{"at_least", "at_most"}
)

// DefaultConfig returns the values that apply before the file is read.
func DefaultConfig() *Config {
	return &Config{
		Rates:             map[string]kpi.Rate{},
		RevenueSource:     "platforms",
		PrimaryConversion: "conversions",
		BusinessModel:     "ecommerce",
		EngagementBase:    "impressions",
		CTRClicks:         "link_clicks",
		ConversionBase:    "link_clicks",
		OnBadRows:         "stop",
		OnOverlap:         "add",
		lines:             map[string]int{},
	}
}

// Choices returns the KPI variants the configuration selects.
func (c *Config) Choices() kpi.Choices {
	return kpi.Choices{CTRClicks: c.CTRClicks, CPCClicks: c.CTRClicks, EngagementBase: c.EngagementBase,
		ConversionBase: c.ConversionBase, PrimaryConversion: c.PrimaryConversion}
}

// Load reads a configuration. path is a roibook.yaml or a folder holding one.
func Load(path string) (*Config, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or folder", path)
		}
		return nil, err
	}
	if st.IsDir() {
		dir := path
		path = filepath.Join(path, FileName)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no %s in this folder", dir, FileName)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a configuration from data; name is the file's path, used in
// messages and as the base of relative paths (a logo is checked on disk).
func Parse(name string, data []byte) (*Config, error) {
	c := DefaultConfig()
	c.File = name
	c.Dir = filepath.Dir(name)
	l := &errList{file: name}
	d := &decoder{c: c, errs: l}
	if d.decode(data) {
		if c.Branding.Name == "" {
			c.Branding.Name = c.Client
		}
		c.validate(l)
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate checks the values of c, for instance after command-line flags
// changed them. Errors name the line of the key when it came from the file.
func (c *Config) Validate() error {
	l := &errList{file: c.File}
	c.validate(l)
	return l.err()
}

// An Error is one problem with a configuration. It prints as
//
//	FILE:LINE: KEY: MESSAGE
//
// without LINE when the key is missing or did not come from the file.
type Error struct {
	File string
	Line int    // 0 when unknown
	Key  string // "currency", "rates.USD", "goals.metric"
	Msg  string // "got \"euro\", want a 3-letter code such as \"EUR\""
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// errList collects the errors of one file. bad holds the key ids that
// failed to decode, so that validation does not report them twice.
type errList struct {
	file string
	errs []*Error
	bad  map[string]bool
}

// add records an error for key id (its numeric parts are dropped when
// printed: "goals.2.metric" is goals.metric).
func (l *errList) add(line int, id, format string, args ...any) {
	if l.bad == nil {
		l.bad = map[string]bool{}
	}
	l.bad[id] = true
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Key: keyName(id), Msg: fmt.Sprintf(format, args...)})
}

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	sort.SliceStable(l.errs, func(i, j int) bool { return l.errs[i].Line < l.errs[j].Line })
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	errs := make([]error, len(l.errs))
	for i, e := range l.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// keyName drops the list indexes of a key id.
func keyName(id string) string {
	parts := strings.Split(id, ".")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// line returns the line of key id in the file, 0 when it is not there.
func (c *Config) line(id string) int { return c.lines[id] }

// decoder walks the YAML syntax tree into a Config, recording the line of
// every key.
type decoder struct {
	c    *Config
	errs *errList
}

var topKeys = []string{"client", "currency", "period", "inputs", "cost_sheets", "rates", "revenue_source",
	"primary_conversion", "action_values", "goals", "business_model", "engagement_rate_base", "ctr_clicks",
	"conversion_rate_base", "on_bad_rows", "on_overlap", "channels", "branding", "commentary"}

// decode reads data into d.c. It returns false when the file as a whole
// cannot be read (a syntax error, not a map of settings), so that
// validation does not add noise.
func (d *decoder) decode(data []byte) bool {
	data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
			if m := dupKey.FindStringSubmatch(se.Message); m != nil {
				d.errs.add(se.Token.Position.Line, m[1], "given twice (first on line %s)", m[2])
				return false
			}
			d.errs.add(se.Token.Position.Line, "", "%s", se.Message)
			return false
		}
		d.errs.add(0, "", "%v", err)
		return false
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if i > 0 {
			d.errs.add(line(doc.Body), "", "a second YAML document; want one document")
			return false
		}
		body = doc.Body
	}
	if body == nil {
		return true // an empty file: validation reports what is missing
	}
	body, ok := d.unwrap(body, "")
	if !ok {
		return false
	}
	m, ok := body.(*ast.MappingNode)
	if !ok {
		d.errs.add(line(body), "", "got %s, want settings such as client: and currency:", describe(body))
		return false
	}
	d.mapping(m, "", topKeys, func(key, id string, v ast.Node) {
		c := d.c
		switch key {
		case "client":
			c.Client, _ = d.text(v, id, "the client's name")
		case "currency":
			c.Currency, _ = d.text(v, id, currencyWant)
			c.Currency = currencyCase(c.Currency)
		case "period":
			d.period(v, id)
		case "inputs":
			d.inputs(v, id)
		case "cost_sheets":
			d.list(v, id, "a list of paths or globs such as [costs.csv]", func(e ast.Node, eid string) {
				p, ok := d.text(e, id, "a path or glob such as costs.csv")
				if ok && p == "" {
					d.errs.add(line(e), id, "got nothing, want a path or glob such as costs.csv")
					return
				}
				if ok {
					c.CostSheets = append(c.CostSheets, p)
					c.costLines = append(c.costLines, line(e))
				}
			})
		case "rates":
			d.rates(v, id)
		case "revenue_source":
			c.RevenueSource, _ = d.text(v, id, oneOf(revenueSources))
		case "primary_conversion":
			c.PrimaryConversion, _ = d.text(v, id, oneOf(primaryConversions))
		case "action_values":
			d.actionValues(v, id)
		case "goals":
			d.goals(v, id)
		case "business_model":
			c.BusinessModel, _ = d.text(v, id, oneOf(businessModels))
		case "engagement_rate_base":
			c.EngagementBase, _ = d.text(v, id, oneOf(engagementBases))
		case "ctr_clicks":
			c.CTRClicks, _ = d.text(v, id, oneOf(ctrClicks))
		case "conversion_rate_base":
			c.ConversionBase, _ = d.text(v, id, oneOf(conversionBases))
		case "on_bad_rows":
			c.OnBadRows, _ = d.text(v, id, oneOf(onBadRows))
		case "on_overlap":
			c.OnOverlap, _ = d.text(v, id, oneOf(onOverlap))
		case "channels":
			d.channels(v, id)
		case "branding":
			d.branding(v, id)
		case "commentary":
			s, _ := d.text(v, id, "text")
			c.Commentary = strings.TrimRight(s, "\n")
		}
	})
	return true
}

const currencyWant = `a 3-letter code such as "EUR"`

// dupKey is the parser's message for a key given twice in one map.
var dupKey = regexp.MustCompile(`^mapping key "([^"]*)" already defined at \[(\d+):\d+\]$`)

// currencyCase upper-cases a currency code written in lower case.
func currencyCase(s string) string {
	if u := strings.ToUpper(s); kpi.IsCurrency(u) {
		return u
	}
	return s
}

// oneOf lists values for a message: "a, b or c".
func oneOf(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// line returns the line a node starts on.
func line(n ast.Node) int {
	if n == nil {
		return 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

// describe names a node's kind for "got ..." in messages.
func describe(n ast.Node) string {
	switch n := n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a map"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "nothing"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode, *ast.BoolNode:
		return n.GetToken().Value
	case *ast.StringNode:
		return strconv.Quote(n.Value)
	case *ast.LiteralNode:
		return "a block of text"
	}
	return "a " + n.Type().String()
}

// unwrap returns the value under an anchor or a tag. Aliases are refused:
// a configuration is clearer without them.
func (d *decoder) unwrap(n ast.Node, id string) (ast.Node, bool) {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			d.errs.add(line(n), id, "got an alias (*name); write the value out")
			return nil, false
		case nil:
			return &ast.NullNode{}, true
		default:
			return n, true
		}
	}
}

// mapping walks the keys of a map, reporting unknown keys, and calls f
// with each known key, its id and its value.
func (d *decoder) mapping(m *ast.MappingNode, prefix string, known []string, f func(key, id string, v ast.Node)) {
	for _, mv := range m.Values {
		key, kline, ok := d.key(mv, prefix)
		if !ok {
			continue
		}
		id := join(prefix, key)
		if !slices.Contains(known, key) {
			d.errs.add(kline, id, "unknown key; %s", suggest(key, known))
			continue
		}
		d.c.lines[id] = kline
		v, ok := d.unwrap(mv.Value, id)
		if !ok {
			continue
		}
		f(key, id, v)
	}
}

// key returns the text and line of a map entry's key.
func (d *decoder) key(mv *ast.MappingValueNode, prefix string) (string, int, bool) {
	var k ast.Node = mv.Key
	if mk, ok := k.(*ast.MappingKeyNode); ok {
		k = mk.Value
	}
	kline := line(k)
	if kline == 0 {
		kline = line(mv)
	}
	switch k := k.(type) {
	case *ast.MergeKeyNode:
		d.errs.add(kline, prefix, "got a merge key (<<); write the keys out")
		return "", 0, false
	case *ast.StringNode:
		return k.Value, kline, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode:
		return k.GetToken().Value, kline, true
	}
	d.errs.add(kline, prefix, "got %s as a key, want a name", describe(k))
	return "", 0, false
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// suggest names the closest known key, or lists them all.
func suggest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dd := distance(strings.ToLower(key), k); dd < bestD {
			best, bestD = k, dd
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %s?", best)
	}
	return "known keys are " + strings.Join(known, ", ")
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// text returns a scalar's text: strings as written, numbers and booleans
// by their source text, nothing as "". A map or a list is an error.
func (d *decoder) text(n ast.Node, id, want string) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	case *ast.NullNode:
		return "", true
	}
	d.errs.add(line(n), id, "got %s, want %s", describe(n), want)
	return "", false
}

// number returns the source text of a number. Quoted numbers, text and
// nothing are errors.
func (d *decoder) number(n ast.Node, id, want string) (string, bool) {
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return v.GetToken().Value, true
	case *ast.StringNode:
		if _, err := strconv.ParseFloat(v.Value, 64); err == nil {
			d.errs.add(line(n), id, "got %q, want %s, without quotes", v.Value, want)
			return "", false
		}
	}
	d.errs.add(line(n), id, "got %s, want %s", describe(n), want)
	return "", false
}

// list calls f for each entry of a list; a single scalar is a list of one.
func (d *decoder) list(n ast.Node, id, want string, f func(e ast.Node, eid string)) {
	switch v := n.(type) {
	case *ast.SequenceNode:
		for i, e := range v.Values {
			eid := fmt.Sprintf("%s.%d", id, i)
			e, ok := d.unwrap(e, id)
			if !ok {
				continue
			}
			d.c.lines[eid] = line(e)
			f(e, eid)
		}
	case *ast.StringNode:
		d.c.lines[id+".0"] = line(n)
		f(n, id+".0")
	case *ast.NullNode:
	default:
		d.errs.add(line(n), id, "got %s, want %s", describe(n), want)
	}
}

// mapOf checks that n is a map (nothing counts as an empty map).
func (d *decoder) mapOf(n ast.Node, id, want string) (*ast.MappingNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v, true
	case *ast.NullNode:
		return nil, false
	}
	d.errs.add(line(n), id, "got %s, want %s", describe(n), want)
	return nil, false
}

const (
	periodWant = "a month such as 2026-10, or 2026-10-01..2026-10-15, or {from: 2026-10-01, to: 2026-10-15}"
	dateWant   = "a date such as 2026-10-01"
)

func (d *decoder) period(n ast.Node, id string) {
	if m, ok := n.(*ast.MappingNode); ok {
		var from, to time.Time
		var fromOK, toOK bool
		before := len(d.errs.errs)
		d.mapping(m, id, []string{"from", "to"}, func(key, kid string, v ast.Node) {
			s, ok := d.text(v, kid, dateWant)
			if !ok {
				return
			}
			t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
			if err != nil {
				d.errs.add(line(v), kid, "got %s, want %s", describe(v), dateWant)
				return
			}
			if key == "from" {
				from, fromOK = t, true
			} else {
				to, toOK = t, true
			}
		})
		switch {
		case len(d.errs.errs) > before:
		case !fromOK:
			d.errs.add(line(m), id+".from", "missing, want %s", dateWant)
		case !toOK:
			d.errs.add(line(m), id+".to", "missing, want %s", dateWant)
		case to.Before(from):
			d.errs.add(d.c.line(id+".to"), id+".to", "got %s, want a date on or after from (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
		default:
			d.c.Period = kpi.Period{From: from, To: to}
		}
		return
	}
	s, ok := d.text(n, id, periodWant)
	if !ok {
		return
	}
	if _, null := n.(*ast.NullNode); null {
		return
	}
	p, err := kpi.ParsePeriod(s)
	if err != nil {
		d.errs.add(line(n), id, "got %s, want %s", describe(n), periodWant)
		return
	}
	d.c.Period = p
}

const (
	inputWant    = "a path or glob such as exports/*.csv, or {path: ..., currency: ..., platform: ..., sheet: ...}"
	platformWant = "a platform key: meta_ads, google_ads, linkedin_ads, tiktok_ads, microsoft_ads, x_ads, pinterest_ads, snapchat_ads, meta_posts, linkedin_page, x_organic, youtube, ga4, crm, invoices or fx"
)

func (d *decoder) inputs(n ast.Node, id string) {
	d.list(n, id, "a list of paths or globs such as [exports/*.csv]", func(e ast.Node, eid string) {
		in := Input{Line: line(e)}
		switch v := e.(type) {
		case *ast.MappingNode:
			in.Line = d.c.lines[eid]
			if len(v.Values) > 0 {
				if _, kl, ok := d.key(v.Values[0], id); ok {
					in.Line = kl
				}
			}
			d.c.lines[eid] = in.Line
			d.mapping(v, eid, []string{"path", "currency", "platform", "sheet"}, func(key, kid string, v ast.Node) {
				switch key {
				case "sheet":
					in.Sheet, _ = d.text(v, kid, "the name of a sheet of the workbook, such as Update engagement")
				case "path":
					in.Path, _ = d.text(v, kid, "a path or glob such as exports/*.csv")
				case "currency":
					s, _ := d.text(v, kid, currencyWant)
					in.Currency = currencyCase(s)
				case "platform":
					s, _ := d.text(v, kid, platformWant)
					in.Platform = kpi.Platform(s)
				}
			})
			if _, given := d.c.lines[eid+".path"]; !given {
				d.errs.add(in.Line, eid+".path", "missing, want a path or glob such as exports/*.csv")
				return
			}
			if in.Path == "" && !d.errs.bad[eid+".path"] {
				d.errs.add(d.c.line(eid+".path"), eid+".path", "got nothing, want a path or glob such as exports/*.csv")
				return
			}
		default:
			s, ok := d.text(e, id, inputWant)
			if !ok {
				return
			}
			if s == "" {
				d.errs.add(line(e), id, "got nothing, want %s", inputWant)
				return
			}
			in.Path = s
		}
		d.c.Inputs = append(d.c.Inputs, in)
	})
}

func (d *decoder) rates(n ast.Node, id string) {
	m, ok := d.mapOf(n, id, "a map of currency to rate such as {USD: 0.92}")
	if !ok {
		return
	}
	for _, mv := range m.Values {
		key, kline, ok := d.key(mv, id)
		if !ok {
			continue
		}
		code := currencyCase(key)
		kid := join(id, code)
		if !kpi.IsCurrency(code) {
			d.errs.add(kline, id, "got %q, want %s", key, rateKeyWant)
			continue
		}
		if l, dup := d.c.lines[kid]; dup {
			d.errs.add(kline, kid, "given twice (first on line %d)", l)
			continue
		}
		d.c.lines[kid] = kline
		v, ok := d.unwrap(mv.Value, kid)
		if !ok {
			continue
		}
		s, ok := d.number(v, kid, "a positive number such as 0.92")
		if !ok {
			continue
		}
		r, err := kpi.ParseRate(s)
		if err != nil {
			d.errs.add(line(v), kid, "got %s, want a positive number such as 0.92", s)
			continue
		}
		d.c.Rates[code] = r
	}
}

func (d *decoder) actionValues(n ast.Node, id string) {
	m, ok := d.mapOf(n, id, "a map of action to value such as {lead: 60}")
	if !ok {
		return
	}
	for _, mv := range m.Values {
		key, kline, ok := d.key(mv, id)
		if !ok {
			continue
		}
		action := strings.ToLower(key)
		if a, ok := actionAliases[action]; ok {
			action = a
		}
		kid := join(id, action)
		if !slices.Contains(Actions, action) {
			d.errs.add(kline, id, "got %q, want %s", key, actionWant)
			continue
		}
		if l, dup := d.c.lines[kid]; dup {
			d.errs.add(kline, join(id, key), "%s given twice (first on line %d)", action, l)
			continue
		}
		d.c.lines[kid] = kline
		v, ok := d.unwrap(mv.Value, kid)
		if !ok {
			continue
		}
		s, ok := d.number(v, kid, "a value of 0 or more such as 1.5")
		if !ok {
			continue
		}
		money, err := kpi.ParseMoney(s)
		if err != nil || money < 0 {
			d.errs.add(line(v), kid, "got %s, want a value of 0 or more such as 1.5", s)
			continue
		}
		d.c.ActionValues = append(d.c.ActionValues, ActionValue{Action: action, Value: money})
	}
}

const goalWant = "a goal such as {metric: roi, target: 150, direction: at_least}"

func (d *decoder) goals(n ast.Node, id string) {
	d.list(n, id, "a list of goals such as [{metric: roi, target: 150, direction: at_least}]", func(e ast.Node, eid string) {
		m, ok := e.(*ast.MappingNode)
		if !ok {
			d.errs.add(line(e), id, "got %s, want %s", describe(e), goalWant)
			return
		}
		g := Goal{Line: line(e)}
		if len(m.Values) > 0 {
			if _, kl, ok := d.key(m.Values[0], id); ok {
				g.Line = kl
			}
		}
		d.c.lines[eid] = g.Line
		d.mapping(m, eid, []string{"metric", "target", "direction", "platform"}, func(key, kid string, v ast.Node) {
			switch key {
			case "metric":
				g.Metric, _ = d.text(v, kid, "a KPI or a total such as roi")
			case "target":
				s, ok := d.number(v, kid, "a number such as 150")
				if !ok {
					return
				}
				f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
				if err != nil {
					d.errs.add(line(v), kid, "got %s, want a number such as 150", s)
					return
				}
				g.Target = f
			case "direction":
				g.Direction, _ = d.text(v, kid, oneOf(directions))
			case "platform":
				s, _ := d.text(v, kid, platformWant)
				g.Platform = kpi.Platform(s)
			}
		})
		for _, k := range []string{"metric", "target", "direction"} {
			if _, given := d.c.lines[eid+"."+k]; !given {
				d.errs.add(g.Line, eid+"."+k, "missing, want %s", goalWant)
			}
		}
		d.c.Goals = append(d.c.Goals, g)
	})
}

const (
	channelWant         = "a map with source, optional medium, and platform, such as {source: newsletter.example.com, medium: social, platform: linkedin_page}"
	channelPlatformWant = "an ad or organic platform such as meta_ads or linkedin_page"
)

func (d *decoder) channels(n ast.Node, id string) {
	d.list(n, id, "a list of "+channelWant, func(e ast.Node, eid string) {
		m, ok := e.(*ast.MappingNode)
		if !ok {
			d.errs.add(line(e), id, "got %s, want %s", describe(e), channelWant)
			return
		}
		ch := Channel{Line: line(e)}
		d.mapping(m, eid, []string{"source", "medium", "platform"}, func(key, kid string, v ast.Node) {
			switch key {
			case "source":
				ch.Source, _ = d.text(v, kid, "a source such as newsletter.example.com")
			case "medium":
				ch.Medium, _ = d.text(v, kid, "a medium such as social or cpc")
			case "platform":
				s, _ := d.text(v, kid, channelPlatformWant)
				ch.Platform = kpi.Platform(s)
			}
		})
		if strings.TrimSpace(ch.Source) == "" {
			d.errs.add(ch.Line, eid+".source", "missing, want %s", channelWant)
		}
		if ch.Platform == "" {
			d.errs.add(ch.Line, eid+".platform", "missing, want %s", channelPlatformWant)
		}
		d.c.Channels = append(d.c.Channels, ch)
	})
}

func (d *decoder) branding(n ast.Node, id string) {
	m, ok := d.mapOf(n, id, "a map with name, logo and primary_color")
	if !ok {
		return
	}
	b := &d.c.Branding
	d.mapping(m, id, []string{"name", "logo", "primary_color", "secondary_color", "client_logo", "font"}, func(key, kid string, v ast.Node) {
		switch key {
		case "name":
			b.Name, _ = d.text(v, kid, "a name")
		case "logo":
			s, _ := d.text(v, kid, "a PNG file such as logo.png")
			if s != "" {
				p := s
				if !filepath.IsAbs(p) {
					p = filepath.Join(d.c.Dir, p)
				}
				if abs, err := filepath.Abs(p); err == nil {
					p = abs
				}
				b.Logo = p
				d.c.logoAsWritten = s
			}
		case "primary_color":
			b.PrimaryColor, _ = d.text(v, kid, colorWant)
			if _, null := v.(*ast.NullNode); null && !d.errs.bad[kid] {
				d.errs.add(line(v), kid, "got nothing, want %s in quotes (an unquoted # starts a comment)", colorWant)
			}
		default:
			d.brandingExtra(b, key, kid, v)
		}
	})
}

const colorWant = `a colour such as "#1F4E79"`

const rateKeyWant = `a 3-letter currency code such as "USD"`

var actionWant = "an action: " + strings.Join(Actions, ", ") + " (like is reaction)"

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// pngMagic starts every PNG file.
const pngMagic = "\x89PNG\r\n\x1a\n"

// validate checks the values, whether they came from the file, the
// defaults or flags. Keys that failed to decode are not checked again.
func (c *Config) validate(l *errList) {
	check := func(id string, ok bool, format string, args ...any) {
		if !ok && !l.bad[id] {
			l.add(c.line(id), id, format, args...)
		}
	}
	required := func(id, value, want string) bool {
		if strings.TrimSpace(value) != "" {
			return true
		}
		if _, given := c.lines[id]; given {
			check(id, false, "got nothing, want %s", want)
		} else if !l.bad[id] {
			l.add(0, id, "missing, want %s", want)
		}
		return false
	}
	if required("client", c.Client, "the client's name") {
		c.Client = strings.TrimSpace(c.Client)
	}
	if required("currency", c.Currency, currencyWant) {
		check("currency", kpi.IsCurrency(c.Currency), "got %q, want %s", c.Currency, currencyWant)
	}
	enum := func(id, value string, values []string) {
		if value == "" {
			check(id, false, "got nothing, want %s", oneOf(values))
			return
		}
		check(id, slices.Contains(values, value), "got %q, want %s", value, oneOf(values))
	}
	enum("revenue_source", c.RevenueSource, revenueSources)
	enum("primary_conversion", c.PrimaryConversion, primaryConversions)
	enum("business_model", c.BusinessModel, businessModels)
	enum("engagement_rate_base", c.EngagementBase, engagementBases)
	enum("ctr_clicks", c.CTRClicks, ctrClicks)
	enum("conversion_rate_base", c.ConversionBase, conversionBases)
	enum("on_bad_rows", c.OnBadRows, onBadRows)
	enum("on_overlap", c.OnOverlap, onOverlap)
	for i, ch := range c.Channels {
		id := fmt.Sprintf("channels.%d", i)
		check(id+".platform", ch.Platform.IsPaid() || ch.Platform.IsOrganic(), "got %q, want %s", ch.Platform, channelPlatformWant)
	}

	codes := make([]string, 0, len(c.Rates))
	for code := range c.Rates {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		id := "rates." + code
		r := c.Rates[code]
		check(id, kpi.IsCurrency(code), "got %q, want %s", code, rateKeyWant)
		check(id, !r.IsZero(), "got nothing, want a positive number such as 0.92")
		if code == c.Currency && !r.IsZero() {
			check(id, r.String() == "1", "got %s, want 1 (%s is the reporting currency)", r, code)
		}
	}

	for i, in := range c.Inputs {
		id := fmt.Sprintf("inputs.%d", i)
		if in.Currency != "" {
			check(id+".currency", kpi.IsCurrency(in.Currency), "got %q, want %s", in.Currency, currencyWant)
		}
		if in.Platform != "" {
			check(id+".platform", isAdPlatform(in.Platform), "got %q, want %s", in.Platform, platformWant)
		}
	}

	for _, a := range c.ActionValues {
		id := "action_values." + a.Action
		check(id, slices.Contains(Actions, a.Action), "got %q, want %s", a.Action, actionWant)
		check(id, a.Value >= 0, "got %s, want a value of 0 or more such as 1.5", a.Value)
	}

	metrics := GoalMetrics()
	for i, g := range c.Goals {
		id := fmt.Sprintf("goals.%d", i)
		if g.Metric != "" || c.lines[id+".metric"] > 0 {
			check(id+".metric", slices.Contains(metrics, g.Metric), "got %q, want a KPI (%s) or a total (%s)",
				g.Metric, strings.Join(metrics[:len(metrics)-len(Totals)], ", "), strings.Join(Totals, ", "))
		}
		if g.Direction != "" || c.lines[id+".direction"] > 0 {
			check(id+".direction", slices.Contains(directions, g.Direction), "got %q, want %s", g.Direction, oneOf(directions))
		}
		if g.Platform != "" {
			check(id+".platform", isAdPlatform(g.Platform), "got %q, want %s", g.Platform, platformWant)
		}
	}

	if b := c.Branding; b.PrimaryColor != "" {
		check("branding.primary_color", hexColor.MatchString(b.PrimaryColor), "got %q, want %s", b.PrimaryColor, colorWant)
		if hexColor.MatchString(b.PrimaryColor) {
			c.Branding.PrimaryColor = strings.ToUpper(b.PrimaryColor)
		}
	}
	c.validateBrandingExtra(l, check)
	if c.Branding.Logo != "" && !l.bad["branding.logo"] {
		got := c.logoAsWritten
		if got == "" {
			got = c.Branding.Logo
		}
		if err := checkPNG(c.Branding.Logo); err != nil {
			l.add(c.line("branding.logo"), "branding.logo", "got %q, want a PNG file (%v)", got, err)
		}
	}
}

// isAdPlatform reports whether p is a platform whose exports roibook reads.
func isAdPlatform(p kpi.Platform) bool { return p.Known() && p != kpi.Costs }

// checkPNG reports a file that does not exist or is not a PNG image.
func checkPNG(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("no such file")
		}
		return err
	}
	defer f.Close()
	head := make([]byte, len(pngMagic))
	n, _ := f.Read(head)
	if string(head[:n]) != pngMagic {
		return errors.New("this file is not a PNG")
	}
	return nil
}

// ResolveInputs expands the inputs and cost sheets into files, relative
// to Dir: each sorted by path and listed once. A file matched by several
// inputs takes the currency and platform any of them gives (two different
// ones are an error); a file listed as a cost sheet is not an input. An
// entry that matches no file is an error naming it and its line.
func (c *Config) ResolveInputs() ([]Input, []string, error) {
	l := &errList{file: c.File}
	isCost := map[string]bool{}
	var costs []string
	for i, pat := range c.CostSheets {
		lineNo := 0
		if i < len(c.costLines) {
			lineNo = c.costLines[i]
		}
		for _, m := range c.glob(l, lineNo, "cost_sheets", pat) {
			if !isCost[m] {
				isCost[m] = true
				costs = append(costs, m)
			}
		}
	}
	sort.Strings(costs)

	byPath := map[string]*Input{}
	var paths []string
	for _, in := range c.Inputs {
		for _, m := range c.glob(l, in.Line, "inputs", in.Path) {
			if isCost[m] {
				continue
			}
			cur, seen := byPath[m]
			if !seen {
				x := in
				x.Path = m
				byPath[m] = &x
				paths = append(paths, m)
				continue
			}
			if in.Currency != "" {
				if cur.Currency != "" && cur.Currency != in.Currency {
					l.add(in.Line, "inputs", "%s gets currency %s here and %s on line %d", m, in.Currency, cur.Currency, cur.Line)
					continue
				}
			}
			if in.Platform != "" {
				if cur.Platform != "" && cur.Platform != in.Platform {
					l.add(in.Line, "inputs", "%s gets platform %s here and %s on line %d", m, in.Platform, cur.Platform, cur.Line)
					continue
				}
			}
			if (in.Currency != "" && cur.Currency == "") || (in.Platform != "" && cur.Platform == "") {
				cur.Line = in.Line
			}
			if in.Currency != "" {
				cur.Currency = in.Currency
			}
			if in.Sheet != "" {
				cur.Sheet = in.Sheet
			}
			if in.Platform != "" {
				cur.Platform = in.Platform
			}
		}
	}
	if err := l.err(); err != nil {
		return nil, nil, err
	}
	sort.Strings(paths)
	inputs := make([]Input, len(paths))
	for i, p := range paths {
		inputs[i] = *byPath[p]
	}
	return inputs, costs, nil
}

// glob returns the files pat matches, relative to Dir, sorted; folders are
// left out. A path that exists is taken as is, even with glob characters
// in its name.
func (c *Config) glob(l *errList, lineNo int, key, pat string) []string {
	p := pat
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Dir, p)
	}
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return []string{p}
	}
	matches, err := filepath.Glob(p)
	if err != nil {
		l.add(lineNo, key, "got %q, want a path or glob (%v)", pat, err)
		return nil
	}
	var files []string
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && !st.IsDir() {
			files = append(files, m)
		}
	}
	if len(files) == 0 {
		where := ""
		if c.Dir != "." && c.Dir != "" && !filepath.IsAbs(pat) {
			where = " in " + c.Dir
		}
		l.add(lineNo, key, "%q matches no file%s", pat, where)
	}
	return files
}
