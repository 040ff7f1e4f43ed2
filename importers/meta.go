package importers

import "github.com/roibook/roibook/kpi"

// Meta is a stub until its importer lands.
type Meta struct{}

// Platform names the export.
func (Meta) Platform() kpi.Platform { return kpi.MetaAds }

// Detect accepts nothing yet.
func (Meta) Detect(*Input) bool { return false }

// Import is a stub.
func (Meta) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	return nil, nil
}
