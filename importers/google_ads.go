package importers

import "github.com/roibook/roibook/kpi"

// GoogleAds is a stub until its importer lands.
type GoogleAds struct{}

// Platform names the export.
func (GoogleAds) Platform() kpi.Platform { return kpi.GoogleAds }

// Detect accepts nothing yet.
func (GoogleAds) Detect(*Input) bool { return false }

// Import is a stub.
func (GoogleAds) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return nil, nil
}
