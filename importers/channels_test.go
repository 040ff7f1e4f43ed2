package importers_test

import (
	"testing"

	"github.com/roibook/roibook/importers"
	"github.com/roibook/roibook/kpi"
)

// TestMapChannel maps real GA4 source / medium and channel group values
// (from the GA4 downloads quoted in docs) with the default rules.
func TestMapChannel(t *testing.T) {
	tests := []struct {
		dimension string
		want      kpi.Platform
	}{
		// Meta: paid media to meta_ads, every other medium to meta_posts.
		{"l.facebook.com / referral", kpi.MetaPosts},
		{"m.facebook.com / referral", kpi.MetaPosts},
		{"lm.facebook.com / referral", kpi.MetaPosts},
		{"facebook.com / referral", kpi.MetaPosts},
		{"ig / social", kpi.MetaPosts},
		{"ig / paid", kpi.MetaAds},
		{"facebook / paid_social", kpi.MetaAds},
		{"Facebook / Paid Social", kpi.MetaAds},
		{"fb / cpc", kpi.MetaAds},
		{"instagram / cpm", kpi.MetaAds},
		{"l.instagram.com / referral", kpi.MetaPosts},
		{"facebook / social-paid", kpi.MetaAds},
		{"notfacebook.com / referral", ""},
		// LinkedIn.
		{"lnkd.in / social", kpi.LinkedInPage},
		{"linkedin.com / referral", kpi.LinkedInPage},
		{"www.linkedin.com / referral", kpi.LinkedInPage},
		{"linkedin / paidsocial", kpi.LinkedInAds},
		{"linkedin / ppc", kpi.LinkedInAds},
		// X.
		{"t.co / referral", kpi.XOrganic},
		{"x.com / referral", kpi.XOrganic},
		{"twitter / paid-social", kpi.XAds},
		// TikTok, Pinterest, Snapchat: no organic platform.
		{"tiktok / paid_social", kpi.TikTokAds},
		{"tiktok.com / referral", ""},
		{"pinterest / ads", kpi.PinterestAds},
		{"snapchat / social_paid", kpi.SnapchatAds},
		// YouTube and Google: Google Ads when paid.
		{"youtube.com / referral", kpi.YouTube},
		{"m.youtube.com / referral", kpi.YouTube},
		{"youtube / cpv", kpi.GoogleAds},
		{"google / cpc", kpi.GoogleAds},
		{"google / display", kpi.GoogleAds},
		{"google / organic", ""},
		{"mail.google.com / referral", ""},
		{"bing / cpc", kpi.MicrosoftAds},
		{"bing / organic", ""},
		// Not social.
		{"(direct) / (none)", ""},
		{"(not set)", ""},
		{"duckduckgo / organic", ""},
		{"statics.teams.cdn.office.net / referral", ""},
		// Channel groups.
		{"Paid Social", kpi.SocialPaid},
		{"Organic Social", kpi.SocialOrganic},
		{"organic  social", kpi.SocialOrganic},
		{"Paid Search", ""},
		{"Organic Video", ""},
		{"Cross-network", ""},
		{"Direct", ""},
	}
	rules := importers.DefaultChannelRules()
	for _, tc := range tests {
		t.Run(tc.dimension, func(t *testing.T) {
			if got := importers.MapChannel(tc.dimension, rules); got != tc.want {
				t.Errorf("MapChannel(%q) = %q, want %q", tc.dimension, got, tc.want)
			}
		})
	}
}

// TestMapChannel_customRules checks that rules given first override the
// defaults, and how a rule's Source and Medium match.
func TestMapChannel_customRules(t *testing.T) {
	custom := []importers.ChannelRule{
		{Source: "facebook", Medium: "social", Platform: kpi.MetaAds}, // boosted posts tagged "social"
		{Source: "newsletter.example.com", Platform: kpi.LinkedInPage},
		{Source: "", Medium: "influencer", Platform: kpi.SocialPaid},
		{Source: "Awin", Platform: kpi.SocialPaid}, // a custom channel group
		{Source: "google", Medium: "organic", Platform: ""},
	}
	rules := append(custom, importers.DefaultChannelRules()...)
	tests := []struct {
		dimension string
		want      kpi.Platform
	}{
		{"facebook / social", kpi.MetaAds},
		{"facebook / referral", kpi.MetaPosts},
		{"news.newsletter.example.com / email", kpi.LinkedInPage},
		{"example.com / email", ""},
		{"anyone / Influencer", kpi.SocialPaid},
		{"awin", kpi.SocialPaid},
		{"google / organic", ""},
		{"google / cpc", kpi.GoogleAds},
	}
	for _, tc := range tests {
		t.Run(tc.dimension, func(t *testing.T) {
			if got := importers.MapChannel(tc.dimension, rules); got != tc.want {
				t.Errorf("MapChannel(%q) = %q, want %q", tc.dimension, got, tc.want)
			}
		})
	}
	if got := importers.MapChannel("facebook / social", importers.DefaultChannelRules()); got != kpi.MetaPosts {
		t.Errorf("MapChannel(facebook / social) with defaults only = %q, want meta_posts", got)
	}
}

func TestIsPaidMedium(t *testing.T) {
	for _, m := range []string{"cpc", "PPC", "paid", "paidsocial", "paid_social", "paid-social", "Paid Social",
		"cpm", "cpv", "display", "ads", "social_paid", "social-paid", " cpc "} {
		if !importers.IsPaidMedium(m) {
			t.Errorf("IsPaidMedium(%q) = false, want true", m)
		}
	}
	for _, m := range []string{"referral", "social", "organic", "(none)", "email", "paid search", ""} {
		if importers.IsPaidMedium(m) {
			t.Errorf("IsPaidMedium(%q) = true, want false", m)
		}
	}
}
