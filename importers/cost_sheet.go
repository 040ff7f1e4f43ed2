package importers

import "github.com/roibook/roibook/kpi"

// CostSheet is a stub until its importer lands.
type CostSheet struct{}

// Platform names the export.
func (CostSheet) Platform() kpi.Platform { return kpi.Costs }

// Detect accepts nothing yet.
func (CostSheet) Detect(*Input) bool { return false }
