package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

func TestActionChangeStatus(t *testing.T) {
	open := Action{ID: 7, Description: "Find short-break provision", Owner: "Jo Example", Agency: "Example City Council",
		Due: Date(2026, 12, 4), Status: ActionOpen}
	done := open
	done.Status, done.CompletedOn = ActionDone, Date(2026, 11, 20)
	blocked := open
	blocked.Status, blocked.StatusReason = ActionBlocked, "No provider"
	tests := []struct {
		name       string
		from       Action
		change     StatusChange
		problem    string // field with a problem, "" when allowed
		wantReason string
		wantDone   time.Time
		noteHas    string
	}{
		{"start work", open, StatusChange{To: ActionInProgress}, "", "", time.Time{}, "from not started to in progress."},
		{"done today by default", open, StatusChange{To: ActionDone}, "", "", Date(2026, 11, 22), "to done."},
		{"done on an earlier day", open, StatusChange{To: ActionDone, On: Date(2026, 11, 19)}, "", "", Date(2026, 11, 19), "to done."},
		{"done tomorrow is refused", open, StatusChange{To: ActionDone, On: Date(2026, 11, 23)}, "on", "", time.Time{}, ""},
		{"blocked needs a reason", open, StatusChange{To: ActionBlocked, Reason: " "}, "reason", "", time.Time{}, ""},
		{"blocked with a reason", open, StatusChange{To: ActionBlocked, Reason: " No provider has capacity "}, "", "No provider has capacity", time.Time{}, "No provider has capacity"},
		{"cancelled needs a reason", open, StatusChange{To: ActionCancelled}, "reason", "", time.Time{}, ""},
		{"cancelled with a reason", blocked, StatusChange{To: ActionCancelled, Reason: "Family moved away"}, "", "Family moved away", time.Time{}, "from blocked to cancelled: Family moved away"},
		{"unblocked: the reason goes", blocked, StatusChange{To: ActionInProgress}, "", "", time.Time{}, "from blocked to in progress."},
		{"the same status is refused", open, StatusChange{To: ActionOpen}, "status", "", time.Time{}, ""},
		{"an unknown status is refused", open, StatusChange{To: 9}, "status", "", time.Time{}, ""},
		{"reopening a done action needs a reason", done, StatusChange{To: ActionInProgress}, "reason", "", time.Time{}, ""},
		{"reopening with a reason clears the completion date", done, StatusChange{To: ActionInProgress, Reason: "Referral was rejected"}, "", "", time.Time{}, "from done to in progress: Referral was rejected"},
		{"done to cancelled needs a reason", done, StatusChange{To: ActionCancelled}, "reason", "", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := tt.from.ChangeStatus(tt.change, today)
			if tt.problem != "" {
				var ve *ValidationError
				if !errors.As(err, &ve) || ve.Problems.For(tt.problem) == "" {
					t.Fatalf("err = %v, want a problem on %q", err, tt.problem)
				}
				if got.Status != tt.from.Status {
					t.Errorf("a refused change moved the action to %s", got.Status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.change.To || got.StatusReason != tt.wantReason || !got.CompletedOn.Equal(tt.wantDone) {
				t.Errorf("got %s %q done %v, want %s %q done %v", got.Status, got.StatusReason, got.CompletedOn, tt.change.To, tt.wantReason, tt.wantDone)
			}
			if err := got.Validate().Err(); err != nil {
				t.Errorf("the changed action is invalid: %v", err)
			}
			if !strings.Contains(note.Note, tt.noteHas) || note.At.IsZero() {
				t.Errorf("progress note %q at %v, want it to contain %q", note.Note, note.At, tt.noteHas)
			}
		})
	}
}

func TestOverdueCountsWorkingDays(t *testing.T) {
	cal := calendar.Default()
	a := Action{Description: "x", Owner: "x", Agency: "x", Status: ActionInProgress, Due: Date(2026, 12, 24)} // Thursday
	tests := []struct {
		on   time.Time
		want int
	}{
		{Date(2026, 12, 24), 0}, // due today: not overdue
		{Date(2026, 12, 25), 0}, // Christmas Day is not a working day
		{Date(2026, 12, 28), 0}, // Boxing Day substitute (Mon 28) is not one either
		{Date(2026, 12, 29), 1}, // Tuesday 29: the first working day after
		{Date(2027, 1, 4), 4},   // 29, 30, 31 Dec and Mon 4 Jan (1 Jan is a bank holiday)
	}
	for _, tt := range tests {
		if got := a.WorkingDaysOverdue(tt.on, cal); got != tt.want {
			t.Errorf("on %s: %d working days overdue, want %d", tt.on.Format("Mon 2 Jan"), got, tt.want)
		}
	}
	if !a.Overdue(Date(2026, 12, 25)) {
		t.Error("overdue is by date: the day after the due date it is overdue, working day or not")
	}
	a.Status, a.CompletedOn = ActionDone, Date(2026, 12, 29)
	if a.WorkingDaysOverdue(Date(2027, 1, 4), cal) != 0 {
		t.Error("a done action is not overdue")
	}
}

func TestParseDue(t *testing.T) {
	cal := calendar.Default()
	fri := Date(2026, 12, 18) // the Friday before Christmas
	tests := []struct {
		text string
		want time.Time
	}{
		{"", time.Time{}},
		{"in 10 working days", Date(2027, 1, 6)}, // skips 25, 28 Dec and 1 Jan
		{"In 10 Working Days", Date(2027, 1, 6)},
		{"10 working days", Date(2027, 1, 6)},
		{"in 1 working day", Date(2026, 12, 21)},
		{"2 wd", Date(2026, 12, 22)},
		{"in 1 week", Date(2026, 12, 29)}, // Fri 25 is Christmas, Mon 28 the Boxing Day substitute
		{"in 2 weeks", Date(2027, 1, 4)},  // Fri 1 Jan is a bank holiday
		{"in 3 days", Date(2026, 12, 21)}, // Mon 21
		{"in 1 month", Date(2027, 1, 18)},
		{"tomorrow", Date(2026, 12, 21)},
		{"today", fri},
		{"04/01/2027", Date(2027, 1, 4)},
		{"26/12/2026", Date(2026, 12, 26)}, // a date typed is kept as typed
		{"4 Jan 2027", Date(2027, 1, 4)},
		{"04/01/27", Date(2027, 1, 4)}, // a due date's two-digit year is this century
		{"04/01/99", Date(2099, 1, 4)},
	}
	for _, tt := range tests {
		got, err := ParseDue(tt.text, fri, cal)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDue(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
	for _, bad := range []string{"soon", "in ten days", "in 10 fortnights", "32/01/2027", "in -3 days"} {
		if _, err := ParseDue(bad, fri, cal); err == nil {
			t.Errorf("ParseDue(%q) was accepted", bad)
		}
	}
}

func TestParseDueMonths(t *testing.T) {
	cal := calendar.Default()
	tests := []struct {
		from, want time.Time
	}{
		{Date(2026, 1, 30), Date(2026, 3, 2)},  // 28 Feb 2026 is a Saturday: Monday 2 March
		{Date(2027, 3, 31), Date(2027, 4, 30)}, // 30 April 2027, a Friday, not May
		{Date(2028, 1, 31), Date(2028, 2, 29)}, // a leap year's 29 February (a Tuesday)
		{Date(2026, 11, 24), Date(2026, 12, 24)},
	}
	for _, tt := range tests {
		got, err := ParseDue("in 1 month", tt.from, cal)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("in 1 month from %s = %v, %v; want %s", tt.from.Format("2 Jan 2006"), got, err, tt.want.Format("Mon 2 Jan 2006"))
		}
	}
	if dob, _ := ParseUKDate("14/03/45"); dob.Year() != 1945 {
		t.Errorf("a date of birth typed 14/03/45 is %d, want 1945", dob.Year())
	}
}

func TestGapFromAction(t *testing.T) {
	a := Action{ID: 4, PersonID: 9, MeetingID: 3, Description: "Find short-break provision", Agency: "Example City Council",
		Status: ActionBlocked, StatusReason: "No provider in the county has capacity"}
	g := GapFromAction(a, today)
	if g.ActionID != 4 || g.PersonID != 9 || g.MeetingID != 3 || g.Status != GapOpen || !g.Date.Equal(DateOf(today)) {
		t.Errorf("links and state: %+v", g)
	}
	if g.Description != a.StatusReason || !strings.Contains(g.WhatTried, "Example City Council") {
		t.Errorf("description %q, what tried %q", g.Description, g.WhatTried)
	}
}

func TestGapDaysOpen(t *testing.T) {
	g := Gap{Date: Date(2026, 11, 1), Status: GapOpen}
	if got := g.DaysOpen(today); got != 21 {
		t.Errorf("open gap: %d days, want 21", got)
	}
	g.Status, g.ClosedOn = GapClosed, Date(2026, 11, 15)
	if got := g.DaysOpen(today); got != 14 {
		t.Errorf("closed gap: %d days, want 14", got)
	}
	// 25 October 2026 is when the clocks go back: still whole days
	g = Gap{Date: Date(2026, 10, 20), Status: GapOpen}
	if got := g.DaysOpen(Date(2026, 10, 30)); got != 10 {
		t.Errorf("across the clock change: %d days, want 10", got)
	}
}
