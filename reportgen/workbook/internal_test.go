package workbook

import "testing"

func TestCrit(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Autumn Sale", `"=Autumn Sale"`},
		{"", `"="`},
		{"50% *off*?", `"=50% ~*off~*~?"`},
		{`say "hi" ~now`, `"=say ""hi"" ~~now"`},
		{`=HYPERLINK("x")`, `"==HYPERLINK(""x"")"`},
	}
	for _, tc := range tests {
		if got := crit(tc.in); got != tc.want {
			t.Errorf("crit(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestSheetRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Summary", "Summary!"},
		{"Meta Ads", "'Meta Ads'!"},
		{"O'Brien", "'O''Brien'!"},
		{"AB12", "'AB12'!"},
		{"R1C1", "'R1C1'!"},
	}
	for _, tc := range tests {
		if got := sheetRef(tc.in); got != tc.want {
			t.Errorf("sheetRef(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestSheetName(t *testing.T) {
	fl := &filler{}
	used := []string{"Summary", "Costs", "Meta Ads"}
	tests := []struct{ in, want string }{
		{"Google Ads", "Google Ads"},
		{"meta ads", "meta ads (2)"},
		{"Data", "Data (2)"},
		{"a/b:c*d?[e]", "a-b-c-d(e)"},
		{"An extremely long platform display name here", "An extremely long platform disp"},
		{"'quoted'", "quoted"},
		{"", "Platform"},
	}
	for _, tc := range tests {
		got := fl.sheetName(tc.in, used)
		if got != tc.want || len([]rune(got)) > 31 {
			t.Errorf("sheetName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct{ cur, want string }{
		{"EUR", `"€"#,##0.00;-"€"#,##0.00`},
		{"JPY", `"¥"#,##0;-"¥"#,##0`},
		{"CHF", `"CHF "#,##0.00;-"CHF "#,##0.00`},
		{"AUD", `"A$"#,##0.00;-"A$"#,##0.00`},
		{"KRW", `"KRW "#,##0;-"KRW "#,##0`},
	}
	for _, tc := range tests {
		if got := moneyFormat(tc.cur); got != tc.want {
			t.Errorf("moneyFormat(%s) = %s, want %s", tc.cur, got, tc.want)
		}
	}
}
