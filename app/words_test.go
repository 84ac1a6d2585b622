package app

import "testing"

func TestPlural(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		one, many string
		want      string
	}{
		{"one takes the singular", 1, "action", "", "1 action"},
		{"none takes the plural", 0, "action", "", "0 actions"},
		{"two or more take the plural", 3, "meeting", "", "3 meetings"},
		{"an irregular plural is used as given", 2, "person", "people", "2 people"},
		{"an irregular noun is singular for one", 1, "person", "people", "1 person"},
		{"minus one is singular too", -1, "working day", "", "-1 working day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Plural(tt.n, tt.one, tt.many); got != tt.want {
				t.Errorf("Plural(%d, %q, %q) = %q, want %q", tt.n, tt.one, tt.many, got, tt.want)
			}
		})
	}
}

func TestSettingsNeedsSetUp(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		want bool
	}{
		{"a new database needs the set-up", Settings{}, true},
		{"a name without a way for families to reach the team needs it", Settings{DisplayName: "Jo"}, true},
		{"a phone without the user's name needs it", Settings{TeamPhone: "0116 496 0999"}, true},
		{"a name and a phone need nothing more", Settings{DisplayName: "Jo", TeamPhone: "0116 496 0999"}, false},
		{"a name and an email need nothing more", Settings{DisplayName: "Jo", TeamEmail: "team@example.org"}, false},
		{"a set-up skipped is not offered again", Settings{SetUpDone: true}, false},
		{"spaces are not a name", Settings{DisplayName: "  ", TeamPhone: "0116 496 0999"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.NeedsSetUp(); got != tt.want {
				t.Errorf("NeedsSetUp() = %v, want %v", got, tt.want)
			}
		})
	}
}
