package forms

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// sharedMeetings is one store of a MAM that two windows use, with versions
// as storage keeps them. Methods the meeting form does not call while
// editing come from the embedded (nil) interface and would fail the test.
type sharedMeetings struct {
	MeetingService
	m    app.Meeting
	who  string
	at   time.Time
	last app.ConflictError
}

func (s *sharedMeetings) Meeting(context.Context, int64) (app.Meeting, error) { return s.m, nil }
func (s *sharedMeetings) Settings(context.Context) (app.Settings, error) {
	return app.DefaultSettings(), nil
}
func (s *sharedMeetings) UpdateMeeting(_ context.Context, m app.Meeting) (app.Meeting, error) {
	if m.Version != s.m.Version {
		c := s.last
		c.Entity, c.ID = "meeting", m.ID
		return app.Meeting{}, &c
	}
	m.Version++
	s.m = m
	s.last = app.ConflictError{By: s.who, At: s.at}
	return m, nil
}

func TestTwoWindowsEditingOneMeeting(t *testing.T) {
	svc := &sharedMeetings{m: app.Meeting{ID: 7, PersonID: 1, Kind: app.InitialMAM, Status: app.MeetingPlanned,
		Start: conflictNow.Add(48 * time.Hour), Duration: time.Hour, Place: "Room 1", OrganiserName: "Jo Example",
		Invitees: []app.Invitee{{Name: "Sam Carer", Role: "Dad", Family: true}},
		Agenda:   []app.AgendaItem{{Title: "Introductions"}}, Version: 2}}
	w1, w2 := twoWindows(t)
	ShowMeeting(w1, svc, 7, conflictNow, func(app.Meeting) {})
	ShowMeeting(w2, svc, 7, conflictNow, func(app.Meeting) {})

	svc.who, svc.at = `NHS\alice`, conflictNow.Add(90*time.Minute)
	typeInto(t, w1, "Decisions and notes", "Agreed a short-break referral")
	test.Tap(triageDialog(t, w1, triageButton("Save")))
	if svc.m.Notes != "Agreed a short-break referral" || svc.m.Version != 3 {
		t.Fatalf("window 1 saved %+v", svc.m)
	}

	svc.who = `NHS\bob`
	mine := typeInto(t, w2, "Decisions and notes", "Family asked for an easy-read plan")
	triageInput[*widget.Select](t, w2, "Attendance").SetSelected(app.Attended.String())
	test.Tap(triageDialog(t, w2, triageButton("Save")))

	t.Run("the older copy is refused and the newer notes kept", func(t *testing.T) {
		if svc.m.Notes != "Agreed a short-break referral" || svc.m.Invitees[0].Attendance != app.AttendanceUnknown {
			t.Errorf("stored notes %q, attendance %v", svc.m.Notes, svc.m.Invitees[0].Attendance)
		}
	})
	t.Run("the form stays open with the typed notes, saying who changed the meeting and when", func(t *testing.T) {
		if w2.Canvas().Overlays().Top() == nil || mine.Text != "Family asked for an easy-read plan" {
			t.Fatalf("the form closed or lost the typed text (%q)", mine.Text)
		}
		if text := triageDialogText(t, w2); !strings.Contains(text, `NHS\alice changed this record at 12:30 on Tuesday 24 November 2026`) {
			t.Errorf("the form does not say who changed the meeting and when:\n%s", text)
		}
	})
	t.Run("Reload shows the newer notes and lists the typed notes and attendance", func(t *testing.T) {
		test.Tap(triageDialog(t, w2, triageButton("Reload")))
		if got := triageInput[*widget.Entry](t, w2, "Decisions and notes").Text; got != "Agreed a short-break referral" {
			t.Errorf("notes after reload = %q", got)
		}
		if got := triageInput[*widget.Select](t, w2, "Attendance").Selected; got != app.AttendanceUnknown.String() {
			t.Errorf("attendance after reload = %q", got)
		}
		text := triageDialogText(t, w2)
		for _, want := range []string{"What you had typed (not saved):", "• Decisions and notes: Family asked for an easy-read plan", "• Attendance: Sam Carer: " + app.Attended.String()} {
			if !strings.Contains(text, want) {
				t.Errorf("the form does not list %q:\n%s", want, text)
			}
		}
	})
	t.Run("applying it again saves over the newer version", func(t *testing.T) {
		typeInto(t, w2, "Decisions and notes", "Agreed a short-break referral. Family asked for an easy-read plan")
		test.Tap(triageDialog(t, w2, triageButton("Save")))
		if svc.m.Version != 4 || !strings.HasSuffix(svc.m.Notes, "easy-read plan") {
			t.Errorf("stored meeting: version %d, notes %q", svc.m.Version, svc.m.Notes)
		}
	})
}
