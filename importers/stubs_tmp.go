package importers

import "github.com/roibook/roibook/kpi"

type Meta struct{ TikTok }
type GoogleAds struct{ TikTok }
type LinkedIn struct{ TikTok }
type CostSheet struct{ TikTok }

func (Meta) Platform() kpi.Platform      { return kpi.MetaAds }
func (GoogleAds) Platform() kpi.Platform { return kpi.GoogleAds }
func (LinkedIn) Platform() kpi.Platform  { return kpi.LinkedInAds }
func (CostSheet) Platform() kpi.Platform { return kpi.Costs }
func (Meta) Detect(*Input) bool          { return false }
func (GoogleAds) Detect(*Input) bool     { return false }
func (LinkedIn) Detect(*Input) bool      { return false }
func (CostSheet) Detect(*Input) bool     { return false }
