package app

import (
	"strings"
	"testing"
)

func registerRows() []RegisterRow {
	return []RegisterRow{
		{RegistrationID: 1, Rating: Green, GivenName: "Sam", FamilyName: "Testperson", NHSNumber: "9990000018", DateOfBirth: Date(2012, 3, 14),
			LocalAuthority: LeicesterCity, Since: Date(2026, 1, 5), ReviewDue: Date(2026, 12, 1), Consent: ConsentGiven, ConsentDate: Date(2026, 1, 5)},
		{RegistrationID: 2, Rating: Red, GivenName: "Alex", FamilyName: "sampleton", NHSNumber: "9990000026", DateOfBirth: Date(1996, 6, 1),
			LocalAuthority: Rutland, Since: Date(2025, 6, 1), ReviewDue: Date(2026, 11, 20), Consent: ConsentGiven, ConsentDate: Date(2025, 6, 1),
			OpenActions: 2, OverdueActions: 1, Organiser: "Lee Lead"},
		{RegistrationID: 3, Rating: Amber, GivenName: "Priya", FamilyName: "Exampleby", PreferredName: "Pri", NHSNumber: "9990000034",
			DateOfBirth: Date(2010, 4, 10), LocalAuthority: Leicestershire, Since: Date(2025, 2, 1), ReviewDue: Date(2026, 12, 20),
			Consent: ConsentGiven, ConsentDate: Date(2025, 2, 1), Organiser: "dana demo"},
		{RegistrationID: 4, Rating: Blue, GivenName: "Jordan", FamilyName: "Demoford", DateOfBirth: Date(1990, 1, 1),
			LocalAuthority: Leicestershire, Since: Date(2026, 10, 1), ReviewDue: Date(2027, 4, 1), Consent: ConsentWithdrawn, ConsentDate: Date(2026, 11, 1)},
	}
}

func ids(rows []RegisterRow) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteByte(byte('0' + r.RegistrationID))
	}
	return b.String()
}

func TestFilterRegister(t *testing.T) {
	tests := []struct {
		name string
		f    RegisterFilter
		want string
	}{
		{"no filter keeps everyone in order", RegisterFilter{}, "1234"},
		{"a rating filter keeps only those ratings", RegisterFilter{Ratings: []Rating{Red, Amber}}, "23"},
		{"a local authority filter", RegisterFilter{LocalAuthority: Leicestershire}, "34"},
		{"children and young people only", RegisterFilter{AgeGroup: CYP}, "13"},
		{"adults only", RegisterFilter{AgeGroup: Adult}, "24"},
		{"needs attention: an overdue review and action, withdrawn consent, a 16th birthday since consent", RegisterFilter{NeedsAttention: true}, "234"},
		{"a name search ignores case", RegisterFilter{Search: "SAMPLE"}, "2"},
		{"a preferred name is searched", RegisterFilter{Search: "pri"}, "3"},
		{"the start of a first and last name together is searched", RegisterFilter{Search: "sam test"}, "1"},
		{"a full name is searched", RegisterFilter{Search: "sam testperson"}, "1"},
		{"an NHS number prefix typed with spaces is searched", RegisterFilter{Search: "999 000 002"}, "2"},
		{"digits only match NHS numbers from the start", RegisterFilter{Search: "0018"}, ""},
		{"filters combine", RegisterFilter{Ratings: []Rating{Amber, Blue}, LocalAuthority: Leicestershire, AgeGroup: Adult}, "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.Today = today
			if got := ids(FilterRegister(registerRows(), tt.f)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSortRegister(t *testing.T) {
	tests := []struct {
		name string
		by   RegisterSort
		desc bool
		want string
	}{
		{"by rating: red, amber, green, blue", SortByRating, false, "2314"},
		{"by rating descending", SortByRating, true, "4132"},
		{"by name ignoring case", SortByName, false, "4321"},
		{"by NHS number, none last when descending is first", SortByNHSNumber, false, "4123"},
		{"by age, youngest first", SortByAge, false, "1324"},
		{"by age descending, oldest first", SortByAge, true, "4231"},
		{"by local authority", SortByLocalAuthority, false, "1432"},
		{"by review due, soonest first", SortByReviewDue, false, "2134"},
		{"by actions, most overdue last ascending", SortByActions, false, "4312"},
		{"by organiser ignoring case, empty first", SortByOrganiser, false, "4132"},
		{"by on-the-register-since", SortBySince, false, "3214"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := registerRows()
			SortRegister(rows, tt.by, tt.desc)
			if got := ids(rows); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegisterSummaryAndNames(t *testing.T) {
	if got := RegisterSummary(DSR, registerRows()); got != "DSR: 4 people: 1 red, 1 amber, 1 green, 1 blue" {
		t.Errorf("summary = %q", got)
	}
	if got := RegisterSummary(ROAR, registerRows()[:1]); got != "ROAR: 1 person: 0 red, 0 amber, 1 green, 0 blue" {
		t.Errorf("summary = %q", got)
	}
	if got := registerRows()[2].Name(); got != "Exampleby, Priya (Pri)" {
		t.Errorf("name = %q", got)
	}
	if got := registerRows()[1].Age(today); got != 30 {
		t.Errorf("age = %d", got)
	}
}

func TestRegisterViewSelectAgreesWithMatch(t *testing.T) {
	rows := benchRows(3000)
	v := NewRegisterView(rows)
	filters := []RegisterFilter{
		{}, {Search: "family1"}, {Search: "GIVEN4"}, {Search: "999 000 01"}, {Ratings: []Rating{Blue}},
		{LocalAuthority: Rutland, AgeGroup: Adult}, {AgeGroup: CYP, Ratings: []Rating{Red, Green}}, {NeedsAttention: true},
	}
	for _, f := range filters {
		f.Today = today
		t.Run("the view selects what Match accepts for "+strings.TrimSpace(f.Search+" "+fmtRatings(f.Ratings)), func(t *testing.T) {
			idx := v.Select(f, SortByName, false)
			want := 0
			for _, r := range rows {
				if f.Match(r) {
					want++
				}
			}
			if len(idx) != want {
				t.Fatalf("%d selected, Match accepts %d", len(idx), want)
			}
			for i := 1; i < len(idx); i++ {
				a, b := rows[idx[i-1]], rows[idx[i]]
				if strings.ToLower(a.FamilyName) > strings.ToLower(b.FamilyName) {
					t.Fatalf("not sorted by name at %d", i)
				}
			}
		})
	}
}

func fmtRatings(rs []Rating) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	return strings.Join(s, "+")
}

func TestRatingGuidanceAndConsequence(t *testing.T) {
	if g := RatingGuidance(CYP); !strings.Contains(g, "second MAM is not needed") || !strings.Contains(g, "health funded") {
		t.Error("CYP guidance lacks the LLR criteria")
	}
	if g := RatingGuidance(Adult); !strings.Contains(g, "Care and Treatment Review") {
		t.Error("adult guidance lacks the national definitions")
	}
	tests := []struct {
		name string
		r    Rating
		g    AgeGroup
		org  bool
		want string
	}{
		{"Red for a child names the urgent CETR and the ROAR", Red, CYP, false, "urgent CETR"},
		{"Red for an adult names the urgent CTR", Red, Adult, false, "urgent CTR"},
		{"Amber says DSR inclusion and a MAM request are automatic", Amber, CYP, false, "DSR inclusion and a MAM request are automatic"},
		{"Amber with the referrer organising says so", Amber, CYP, true, "organised by you, the referrer"},
		{"Blue plans a discharge MAM", Blue, Adult, false, "discharge MAM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RatingConsequence(tt.r, tt.g, tt.org); !strings.Contains(got, tt.want) {
				t.Errorf("got %q", got)
			}
		})
	}
}
