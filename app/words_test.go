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
