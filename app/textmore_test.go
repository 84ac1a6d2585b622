package app

import (
	"strings"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

func TestTextsCheckedOutsideARecordsValidate(t *testing.T) {
	long := strings.Repeat("Abcdefghi ", 700)
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	open := Registration{ID: 1, PersonID: 1, Register: DSR, Rating: Amber}
	cases := []struct {
		name     string
		problems func() Problems
		want     int // problems about length
	}{
		{"a note taking someone off the register within its limit is accepted", func() Problems {
			_, err := NewRules(DefaultSettings(), calendar.Default()).Close(open, CloseOther, "Moved out of the area", "tester", at)
			return problemsOf(err)
		}, 0},
		{"an over-long note taking someone off the register is refused", func() Problems {
			_, err := NewRules(DefaultSettings(), calendar.Default()).Close(open, CloseOther, long, "tester", at)
			return problemsOf(err)
		}, 1},
		{"a bank holiday change with a short name and note is accepted", func() Problems {
			return holidayProblems([]calendar.Exception{{Name: "Extra day", Note: "Announced by the government"}})
		}, 0},
		{"an over-long bank holiday name and note are both refused", func() Problems {
			return holidayProblems([]calendar.Exception{{Name: long, Note: long}})
		}, 2},
		{"a bank holiday name with a right-to-left override is cleaned before the check", func() Problems {
			return holidayProblems(cleanExceptions([]calendar.Exception{{Name: "Extra\u202e day\x00"}}))
		}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := limitProblems(c.problems()); got != c.want {
				t.Errorf("%d problems about length, want %d: %v", got, c.want, c.problems())
			}
		})
	}
	t.Run("cleaning a bank holiday change keeps the caller's copy", func(t *testing.T) {
		ex := []calendar.Exception{{Name: "Extra\u202e day"}}
		if got := cleanExceptions(ex); got[0].Name != "Extra day" || ex[0].Name != "Extra\u202e day" {
			t.Errorf("cleaned %q, caller's %q", got[0].Name, ex[0].Name)
		}
	})
}

// problemsOf is the problems inside err (none when err is nil).
func problemsOf(err error) Problems {
	if v, ok := AsValidation(err); ok {
		return v.Problems
	}
	return nil
}
