// Package gen writes synthetic, deterministic platform exports for
// benchmarks and load tests. The files follow the real formats described
// in docs/export-formats.md byte for byte (BOM, quoting, header names), with
// invented names and numbers.
package gen

import (
	"bufio"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Shape of the account MetaDaily writes: each campaign has adSetsPerCampaign
// ad sets of adsPerAdSet ads.
const (
	adSetsPerCampaign = 4
	adsPerAdSet       = 3
)

// metaDailyHeader is a Meta Ads Reporting daily, ad-level header: names
// first, reporting dates last, ratio columns that roibook does not read in
// between, quoted by Meta's rule (only cells with a space, comma or quote).
const metaDailyHeader = "\ufeff" + `"Campaign name","Ad set name","Ad name","Delivery status",Reach,Impressions,Frequency,` +
	`"Amount spent (EUR)","Clicks (all)","Link clicks","CTR (link click-through rate)","CPC (cost per link click)",` +
	`"CPM (cost per 1,000 impressions)",Purchases,"Purchases conversion value",Leads,"Attribution setting",` +
	`"Reporting starts","Reporting ends"` + "\n"

// MetaDaily writes a Meta Ads Reporting export of the days of month,
// daily and at ad level (Reporting starts = Reporting ends on every row),
// with rows data rows, no summary row, in EUR. Each day has
// ceil(rows/days) ads, grouped into campaigns of 4 ad sets of 3 ads; rows
// are ordered by day, then campaign, ad set and ad, as Meta sorts them.
// The output depends only on rows and month.
func MetaDaily(w io.Writer, rows int, month kpi.Period) error {
	days := month.Days()
	if days <= 0 {
		return errors.New("gen: MetaDaily needs a period")
	}
	if rows < 0 {
		return errors.New("gen: MetaDaily needs rows >= 0")
	}
	ads := max(1, (rows+days-1)/days)
	rng := rand.New(rand.NewPCG(20261001, uint64(rows)))
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(metaDailyHeader)
	var buf []byte
	written := 0
	for d := 0; d < days && written < rows; d++ {
		date := month.From.AddDate(0, 0, d).Format(time.DateOnly)
		for a := 0; a < ads && written < rows; a++ {
			buf = metaDailyRow(buf[:0], rng, a, date)
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			written++
		}
	}
	return bw.Flush()
}

var (
	genThemes    = []string{"Prospecting", "Retargeting", "Brand", "Lookalike", "Catalog", "Lead Gen"}
	genAudiences = []string{"Broad FR 25-54", "Website visitors 30d", "Lookalike 1%", "Interests Outdoor",
		"Cart abandoners 14d", "Engaged IG 90d"}
	genCreatives = []string{"Video 15s", "Carousel", "Static", "UGC Reel", "Collection"}
	genDelivery  = []string{"active", "active", "active", "inactive", "not_delivering"}
)

// metaDailyRow appends the row of ad a on date to buf.
func metaDailyRow(buf []byte, rng *rand.Rand, a int, date string) []byte {
	adSet := a / adsPerAdSet
	c := adSet / adSetsPerCampaign
	camp := "FR_" + genThemes[c%len(genThemes)] + "_" + strconv.Itoa(c+1)
	set := genAudiences[adSet%len(genAudiences)] + " #" + strconv.Itoa(adSet+1)
	ad := genCreatives[a%len(genCreatives)] + " - v" + strconv.Itoa(a+1)

	impressions := 200 + rng.IntN(20000)
	reach := impressions * (60 + rng.IntN(35)) / 100
	clicks := impressions * (5 + rng.IntN(30)) / 1000
	linkClicks := clicks * (40 + rng.IntN(50)) / 100
	spendCents := impressions * (300 + rng.IntN(900)) / 1000 // CPM 3–12 EUR
	purchases, valueCents, leads := 0, 0, 0
	if linkClicks > 0 {
		purchases = rng.IntN(linkClicks/40 + 1)
		valueCents = purchases * (2500 + rng.IntN(9000))
		leads = rng.IntN(linkClicks/25 + 1)
	}

	buf = appendCell(buf, camp)
	buf = append(buf, ',')
	buf = appendCell(buf, set)
	buf = append(buf, ',')
	buf = appendCell(buf, ad)
	buf = append(buf, ',')
	buf = append(buf, genDelivery[a%len(genDelivery)]...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(reach), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(impressions), 10)
	buf = append(buf, ',')
	if reach > 0 {
		buf = appendRatio(buf, float64(impressions)/float64(reach))
	}
	buf = append(buf, ',')
	buf = appendCents(buf, spendCents)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(clicks), 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(linkClicks), 10)
	buf = append(buf, ',')
	if impressions > 0 {
		buf = appendRatio(buf, float64(linkClicks)*100/float64(impressions))
	}
	buf = append(buf, ',')
	if linkClicks > 0 {
		buf = appendRatio(buf, float64(spendCents)/100/float64(linkClicks))
	}
	buf = append(buf, ',')
	if impressions > 0 {
		buf = appendRatio(buf, float64(spendCents)*10/float64(impressions))
	}
	buf = append(buf, ',')
	if purchases > 0 { // Meta leaves zero conversions empty
		buf = strconv.AppendInt(buf, int64(purchases), 10)
		buf = append(buf, ',')
		buf = appendCents(buf, valueCents)
	} else {
		buf = append(buf, ',')
	}
	buf = append(buf, ',')
	if leads > 0 {
		buf = strconv.AppendInt(buf, int64(leads), 10)
	}
	buf = append(buf, `,"7-day click, 1-day view or 1-day engaged view",`...)
	buf = append(buf, date...)
	buf = append(buf, ',')
	buf = append(buf, date...)
	return append(buf, '\n')
}

// appendCell appends s, quoted the way Meta quotes: only when it holds a
// space, a comma or a quote, with quotes doubled.
func appendCell(buf []byte, s string) []byte {
	quote := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == ',' || c == '"' {
			quote = true
			break
		}
	}
	if !quote {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// appendCents appends an amount in cents the way Meta trims it: "12.3",
// "12", "12.34".
func appendCents(buf []byte, cents int) []byte {
	buf = strconv.AppendInt(buf, int64(cents/100), 10)
	switch c := cents % 100; {
	case c == 0:
	case c%10 == 0:
		buf = append(buf, '.', byte('0'+c/10))
	default:
		buf = append(buf, '.', byte('0'+c/10), byte('0'+c%10))
	}
	return buf
}

// appendRatio appends a ratio with up to 8 decimals, trailing zeros
// trimmed, as Meta writes Frequency, CTR, CPC and CPM.
func appendRatio(buf []byte, f float64) []byte {
	start := len(buf)
	buf = strconv.AppendFloat(buf, f, 'f', 8, 64)
	end := len(buf)
	for end > start && buf[end-1] == '0' {
		end--
	}
	if end > start && buf[end-1] == '.' {
		end--
	}
	return buf[:end]
}
