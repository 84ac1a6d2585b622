package forms

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// fakeFollowUp stores the actions added; the rest of FollowUpService is
// not used by the screens under test (a call would panic).
type fakeFollowUp struct {
	FollowUpService
	added []app.Action
}

func (f *fakeFollowUp) AddAction(_ context.Context, a app.Action) (app.Action, error) {
	a.ID = int64(len(f.added) + 1)
	f.added = append(f.added, a)
	return a, nil
}

func (f *fakeFollowUp) Calendar(context.Context) (*calendar.Calendar, error) {
	return calendar.Default(), nil
}

func (f *fakeFollowUp) Settings(context.Context) (app.Settings, error) {
	return app.DefaultSettings(), nil
}

func TestAgreeActionCountsFromTheMAM(t *testing.T) {
	// given a MAM held on Tuesday 10 November 2026, recorded two weeks later
	RunInForeground()
	a := test.NewTempApp(t)
	w := a.NewWindow("MAM")
	w.Resize(fyne.NewSize(1024, 640))
	t.Cleanup(w.Close)
	mam := app.Meeting{ID: 9, PersonID: 3, Start: time.Date(2026, 11, 10, 10, 0, 0, 0, app.ServiceLocation)}
	svc := &fakeFollowUp{}
	ShowAgreeAction(w, svc, mam, "Sam", func(app.Action) {})

	// when the due date is typed as a span
	test.Type(triageInput[*widget.Entry](t, w, "Action (required)"), "Book the sensory assessment")
	test.Type(triageInput[*widget.Entry](t, w, "Owner (required)"), "A. Owner")
	test.Type(triageInput[*widget.Entry](t, w, "Agency (required)"), "CAMHS")
	test.Type(triageInput[*widget.Entry](t, w, "Due (required)"), "in 10 working days")

	// then the hint and the stored date count from the MAM, not today
	if text := triageDialogText(t, w); !strings.Contains(text, "Tuesday 24 November 2026 (10 working days from the MAM on Tue 10 Nov)") {
		t.Errorf("the due date's hint does not count from the MAM:\n%s", text)
	}
	test.Tap(triageDialog(t, w, triageButton("Add action")))
	if len(svc.added) != 1 {
		t.Fatalf("%d actions stored, want 1", len(svc.added))
	}
	got := svc.added[0]
	if want := app.Date(2026, 11, 24); !got.Due.Equal(want) || got.MeetingID != 9 {
		t.Errorf("stored due %s at meeting %d, want %s at meeting 9", got.Due.Format(time.DateOnly), got.MeetingID, want.Format(time.DateOnly))
	}
}

func TestScheduledTextNamesThePreMeeting(t *testing.T) {
	start := time.Date(2026, 11, 10, 10, 0, 0, 0, app.ServiceLocation)
	tests := []struct {
		name string
		m    app.Meeting
		want string
	}{
		{"a MAM with a pre-meeting says when it starts", app.Meeting{Start: start, PreMeetingOffset: 30 * time.Minute, Place: "Room 2"}, "The pre-meeting starts at 09:30."},
		{"a MAM without one says there is none", app.Meeting{Start: start, Place: "Room 2"}, "There is no pre-meeting."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scheduledText(tt.m); !strings.Contains(got, tt.want) || !strings.Contains(got, "Room 2") {
				t.Errorf("scheduledText = %q, want it to say %q and where", got, tt.want)
			}
		})
	}
}

func TestDialogMessagesAreReadableWidth(t *testing.T) {
	// given a short confirmation and a long file path
	a := test.NewTempApp(t)
	w := a.NewWindow("Main")
	w.Resize(fyne.NewSize(1024, 640))
	t.Cleanup(w.Close)
	showInfo(w, "Backup made", "A copy of the database was saved as:\n/home/someone/.local/share/dspdesk/backups/dspdesk-2026-12-04.db")

	// then the message is at least messageWidth wide and the dialog fits the window
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	l, _ := triageFind(top, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "A copy") })
	if l == nil || l.Size().Width < messageWidth {
		t.Fatalf("the message is %v wide, want at least %d", l.Size().Width, messageWidth)
	}
	line := widget.NewLabel("x").MinSize().Height
	if lines := l.MinSize().Height / line; lines > 3.5 {
		t.Errorf("the message wraps into %.1f lines, want at most 3", lines)
	}
}
