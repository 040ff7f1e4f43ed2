package kpi

// A Note is one row that was not used, and why.
type Note struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// A Column is one header cell of an export and the record field it fills
// ("" when roibook does not use it).
type Column struct {
	Index  int    `json:"index"` // 0-based
	Letter string `json:"letter"`
	Header string `json:"header"`
	Field  string `json:"field,omitempty"`
}

// The states of a totals check.
const (
	CheckNone     = "none"     // the export has no totals row
	CheckMatch    = "match"    // our sums equal the export's own totals
	CheckMismatch = "mismatch" // they differ; Diffs says how
)

// A TotalsCheck compares the sums of the rows roibook read with the
// platform's own totals row.
type TotalsCheck struct {
	Status string   `json:"status"`
	Line   int      `json:"line,omitempty"` // the totals row
	Diffs  []string `json:"diffs,omitempty"`
}

// FileStats is what an importer did with one file: every data row is
// counted once as used, outside the period, skipped (a row the export
// legitimately carries, like a totals row) or rejected (a malformed row,
// only when bad rows are skipped rather than fatal).
type FileStats struct {
	File      string   `json:"file"`
	SHA256    string   `json:"sha256,omitempty"`
	Platform  Platform `json:"platform"`
	Level     string   `json:"level,omitempty"` // campaign, ad_set, ad
	Format    string   `json:"format"`          // csv, xlsx
	Encoding  string   `json:"encoding"`
	Delimiter string   `json:"delimiter,omitempty"`
	Period    Period   `json:"-"` // the period the file states, if any
	Currency  string   `json:"currency"`
	// TimeZone is the time zone the export states its days in ("UTC",
	// "(GMT+01:00) Amsterdam, Berlin …"), "" when it does not say.
	TimeZone string `json:"time_zone,omitempty"`

	Columns  []Column `json:"columns,omitempty"`
	Unmapped []string `json:"unmapped,omitempty"`

	Rows          int `json:"rows"` // data rows read, totals rows included
	Used          int `json:"used"`
	OutsidePeriod int `json:"outside_period"`
	// Comparison counts the rows outside the period that fall in a
	// comparison period (the previous period, a year earlier) and were read
	// for the report's comparisons; they are in OutsidePeriod too.
	Comparison int `json:"comparison_rows,omitempty"`
	// Replaced counts the used rows a newer export replaced (on_overlap:
	// newest); they are no longer in Used.
	Replaced   int    `json:"replaced,omitempty"`
	Aggregates int    `json:"aggregates"` // used rows covering a span, not one day
	Skipped    []Note `json:"skipped,omitempty"`
	Rejected   []Note `json:"rejected,omitempty"`

	// Totals sums every valid data row of the file, in the file's currency,
	// whatever the report period; PlatformTotals is the export's own totals
	// row, when it has one.
	Totals         Totals      `json:"-"`
	PlatformTotals *Totals     `json:"-"`
	Check          TotalsCheck `json:"totals_check"`
	Warnings       []string    `json:"warnings,omitempty"`
}
