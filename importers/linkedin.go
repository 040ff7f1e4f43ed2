package importers

import "github.com/roibook/roibook/kpi"

// LinkedIn is a stub until its importer lands.
type LinkedIn struct{}

// Platform names the export.
func (LinkedIn) Platform() kpi.Platform { return kpi.LinkedInAds }

// Detect accepts nothing yet.
func (LinkedIn) Detect(*Input) bool { return false }

// Import is a stub.
func (LinkedIn) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return nil, nil
}
