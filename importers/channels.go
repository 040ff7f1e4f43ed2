package importers

import (
	"strings"

	"github.com/roibook/roibook/kpi"
)

// A ChannelRule maps web traffic (a GA4 session source / medium such as
// "l.facebook.com / referral", or a CRM source written the same way) to
// the platform it is attributed to.
//
// Source is compared case-insensitively. A source with a dot
// ("facebook.com", "lnkd.in") matches itself and every subdomain
// ("m.facebook.com", "l.facebook.com", "lm.facebook.com"); a bare name
// ("facebook", "ig") matches only itself. An empty Source matches any
// source.
//
// Medium is compared case-insensitively too. An empty Medium matches any
// medium, PaidMedia matches any paid medium (see IsPaidMedium), any other
// value matches only itself.
//
// Platform is the result; "" says the traffic is not attributed to a
// social or ad platform (search, direct, e-mail...).
type ChannelRule struct {
	Source, Medium string
	Platform       kpi.Platform
}

// PaidMedia is the ChannelRule.Medium that matches every paid medium.
const PaidMedia = "(paid)"

// paidMedia are the media that mark paid traffic, lower case.
var paidMedia = map[string]bool{
	"cpc": true, "ppc": true, "paid": true, "paidsocial": true, "paid_social": true,
	"paid-social": true, "paid social": true, "cpm": true, "cpv": true, "display": true,
	"ads": true, "social_paid": true, "social-paid": true,
}

// IsPaidMedium reports whether medium marks paid traffic: cpc, ppc, paid,
// paidsocial, paid_social, paid-social, paid social, cpm, cpv, display,
// ads, social_paid or social-paid, in any case.
func IsPaidMedium(medium string) bool {
	return paidMedia[strings.ToLower(strings.TrimSpace(medium))]
}

// A network is one social or ad network: the sources its traffic comes
// from, its ad platform and its organic platform ("" when roibook has none).
type network struct {
	sources       []string
	paid, organic kpi.Platform
}

var networks = []network{
	{[]string{"facebook.com", "instagram.com", "facebook", "fb", "ig", "instagram"}, kpi.MetaAds, kpi.MetaPosts},
	{[]string{"linkedin.com", "lnkd.in", "linkedin"}, kpi.LinkedInAds, kpi.LinkedInPage},
	{[]string{"t.co", "twitter.com", "x.com", "twitter"}, kpi.XAds, kpi.XOrganic},
	{[]string{"tiktok.com", "tiktok"}, kpi.TikTokAds, ""},
	{[]string{"youtube.com", "youtu.be", "youtube"}, kpi.GoogleAds, kpi.YouTube},
	{[]string{"pinterest.com", "pinterest"}, kpi.PinterestAds, ""},
	{[]string{"snapchat.com", "snapchat"}, kpi.SnapchatAds, ""},
	// bing / organic and google / organic are search, not social: "".
	{[]string{"bing.com", "bing"}, kpi.MicrosoftAds, ""},
	{[]string{"google"}, kpi.GoogleAds, ""},
}

// DefaultChannelRules returns roibook's rules, in the order they are
// tried: for each network, a rule for its paid media (Medium PaidMedia,
// its ad platform) and then one for every other medium (its organic
// platform, or "" where roibook has none). So "ig / paid" is meta_ads,
// "l.facebook.com / referral" meta_posts, "lnkd.in / social"
// linkedin_page, "t.co / referral" x_organic, "youtube.com / referral"
// youtube, "google / cpc" google_ads and "google / organic" "". The
// caller owns the returned slice.
func DefaultChannelRules() []ChannelRule {
	var rules []ChannelRule
	for _, n := range networks {
		for _, s := range n.sources {
			rules = append(rules, ChannelRule{Source: s, Medium: PaidMedia, Platform: n.paid})
		}
		for _, s := range n.sources {
			rules = append(rules, ChannelRule{Source: s, Platform: n.organic})
		}
	}
	return rules
}

// MapChannel returns the platform that dimension, a GA4 dimension value,
// is attributed to, trying rules in order; the first match wins. Pass the
// configuration's rules followed by DefaultChannelRules() so that they
// override the defaults.
//
// A value written "source / medium" is matched by source and medium. Any
// other value is a channel group ("Organic Search", a custom group) or a
// bare source: it matches a rule with an empty Medium whose Source is the
// whole value (exactly, case-insensitively); failing that, the GA4
// channel groups "Paid Social" and "Organic Social" give kpi.SocialPaid
// and kpi.SocialOrganic, as GA4 does not say which network. Everything
// else, "(direct) / (none)" and "(not set)" included, gives "".
func MapChannel(dimension string, rules []ChannelRule) kpi.Platform {
	v := strings.TrimSpace(dimension)
	source, medium, ok := strings.Cut(v, " / ")
	if !ok {
		for _, r := range rules {
			if r.Medium == "" && r.Source != "" && strings.EqualFold(strings.TrimSpace(r.Source), v) {
				return r.Platform
			}
		}
		switch strings.ToLower(strings.Join(strings.Fields(v), " ")) {
		case "paid social":
			return kpi.SocialPaid
		case "organic social":
			return kpi.SocialOrganic
		}
		return ""
	}
	source, medium = strings.TrimSpace(source), strings.TrimSpace(medium)
	for _, r := range rules {
		if sourceMatches(r.Source, source) && mediumMatches(r.Medium, medium) {
			return r.Platform
		}
	}
	return ""
}

// sourceMatches reports whether a rule's source matches a traffic source.
func sourceMatches(rule, source string) bool {
	rule = strings.ToLower(strings.TrimSpace(rule))
	if rule == "" {
		return true
	}
	source = strings.ToLower(source)
	if source == rule {
		return true
	}
	return strings.Contains(rule, ".") && strings.HasSuffix(source, "."+rule)
}

// mediumMatches reports whether a rule's medium matches a traffic medium.
func mediumMatches(rule, medium string) bool {
	switch rule = strings.TrimSpace(rule); rule {
	case "":
		return true
	case PaidMedia:
		return IsPaidMedium(medium)
	}
	return strings.EqualFold(rule, medium)
}
