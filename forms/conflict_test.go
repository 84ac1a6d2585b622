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

// sharedFollowUp is one store of gaps and actions that two windows use, with
// versions as storage keeps them: a save from an older version is a
// conflict naming who saved last and when.
type sharedFollowUp struct {
	gaps    map[int64]app.Gap
	actions map[int64]app.Action
	who     string // the user saving now
	at      time.Time
	last    map[string]app.ConflictError
}

func newSharedFollowUp() *sharedFollowUp {
	return &sharedFollowUp{
		gaps: map[int64]app.Gap{1: {ID: 1, Date: app.Date(2026, 11, 20), RaisedBy: "Jo Example", LocalAuthority: app.LocalAuthorities[0],
			AgeGroup: app.Adult, Category: app.GapCategories[0], Summary: "No short breaks", Description: "No provider",
			Impact: "Carer exhausted", Status: app.GapOpen, Version: 3}},
		actions: map[int64]app.Action{1: {ID: 1, PersonID: 1, Description: "Find short-break provision", Owner: "Jo Example",
			Agency: "Example City Council", Due: app.Date(2026, 12, 8), Status: app.ActionOpen, Version: 2}},
		last: map[string]app.ConflictError{},
	}
}

func (s *sharedFollowUp) stale(entity string, id int64) error {
	c := s.last[entity]
	c.Entity, c.ID = entity, id
	return &c
}

func (s *sharedFollowUp) Gap(_ context.Context, id int64) (app.Gap, error) { return s.gaps[id], nil }
func (s *sharedFollowUp) UpdateGap(_ context.Context, g app.Gap) (app.Gap, error) {
	if s.gaps[g.ID].Version != g.Version {
		return app.Gap{}, s.stale("gap", g.ID)
	}
	g.Version++
	s.gaps[g.ID] = g
	s.last["gap"] = app.ConflictError{By: s.who, At: s.at}
	return g, nil
}
func (s *sharedFollowUp) Action(_ context.Context, id int64) (app.Action, error) {
	return s.actions[id], nil
}
func (s *sharedFollowUp) UpdateActionDetails(_ context.Context, a app.Action) (app.Action, error) {
	if s.actions[a.ID].Version != a.Version {
		return app.Action{}, s.stale("action", a.ID)
	}
	a.Version++
	s.actions[a.ID] = a
	s.last["action"] = app.ConflictError{By: s.who, At: s.at}
	return a, nil
}
func (s *sharedFollowUp) AddAction(context.Context, app.Action) (app.Action, error) {
	return app.Action{}, nil
}
func (s *sharedFollowUp) ChangeActionStatus(context.Context, int64, app.StatusChange) (app.Action, error) {
	return app.Action{}, nil
}
func (s *sharedFollowUp) AddActionProgress(context.Context, int64, string) (app.Progress, error) {
	return app.Progress{}, nil
}
func (s *sharedFollowUp) RecordGap(context.Context, app.Gap) (app.Gap, error) { return app.Gap{}, nil }
func (s *sharedFollowUp) Calendar(context.Context) (*calendar.Calendar, error) {
	return calendar.Default(), nil
}
func (s *sharedFollowUp) Settings(context.Context) (app.Settings, error) {
	return app.DefaultSettings(), nil
}

var conflictNow = time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

func twoWindows(t *testing.T) (fyne.Window, fyne.Window) {
	t.Helper()
	RunInForeground()
	a := test.NewTempApp(t)
	var ws [2]fyne.Window
	for i := range ws {
		ws[i] = a.NewWindow("DSP Desk")
		ws[i].Resize(fyne.NewSize(1280, 800))
		t.Cleanup(ws[i].Close)
	}
	return ws[0], ws[1]
}

// typeInto replaces the text of the entry of a field in the dialog on top.
func typeInto(t *testing.T, w fyne.Window, label, text string) *widget.Entry {
	t.Helper()
	e := triageInput[*widget.Entry](t, w, label)
	e.SetText("")
	test.Type(e, text)
	return e
}

func TestTwoWindowsEditingOneGap(t *testing.T) {
	svc := newSharedFollowUp()
	w1, w2 := twoWindows(t)
	ShowGap(w1, svc, 1, "", conflictNow, func(app.Gap) {})
	ShowGap(w2, svc, 1, "", conflictNow, func(app.Gap) {})

	// window 1 saves a response
	svc.who, svc.at = `NHS\alice`, conflictNow.Add(90*time.Minute)
	typeInto(t, w1, "Response", "Commissioner agreed funding")
	test.Tap(triageDialog(t, w1, triageButton("Save")))
	if got := svc.gaps[1]; got.Response != "Commissioner agreed funding" || got.Version != 4 {
		t.Fatalf("window 1 saved %+v", got)
	}

	// window 2, opened before, saves its older copy
	svc.who = `NHS\bob`
	mine := typeInto(t, w2, "Escalated to", "Head of service")
	test.Tap(triageDialog(t, w2, triageButton("Save")))

	t.Run("the older copy is refused and the newer response kept", func(t *testing.T) {
		if got := svc.gaps[1]; got.Response != "Commissioner agreed funding" || got.EscalatedTo != "" {
			t.Errorf("stored gap: response %q, escalated to %q", got.Response, got.EscalatedTo)
		}
	})
	t.Run("the form stays open with the typed text, saying who changed the gap and when", func(t *testing.T) {
		if w2.Canvas().Overlays().Top() == nil || mine.Text != "Head of service" {
			t.Fatalf("the form closed or lost the typed text (%q)", mine.Text)
		}
		text := triageDialogText(t, w2)
		for _, want := range []string{`NHS\alice changed this record at 12:30 on Tuesday 24 November 2026`, "your changes are still in the form"} {
			if !strings.Contains(text, want) {
				t.Errorf("the form does not say %q:\n%s", want, text)
			}
		}
	})
	t.Run("Reload shows the newer values and keeps what was typed listed", func(t *testing.T) {
		test.Tap(triageDialog(t, w2, triageButton("Reload")))
		if got := triageInput[*widget.Entry](t, w2, "Response").Text; got != "Commissioner agreed funding" {
			t.Errorf("response after reload = %q", got)
		}
		if got := triageInput[*widget.Entry](t, w2, "Escalated to").Text; got != "" {
			t.Errorf("escalated to after reload = %q, want the stored (empty) value", got)
		}
		if text := triageDialogText(t, w2); !strings.Contains(text, "What you had typed (not saved):\n• Escalated to: Head of service") {
			t.Errorf("the typed text is not listed:\n%s", text)
		}
	})
	t.Run("applying it again saves over the newer version, keeping both changes", func(t *testing.T) {
		typeInto(t, w2, "Escalated to", "Head of service")
		test.Tap(triageDialog(t, w2, triageButton("Save")))
		if got := svc.gaps[1]; got.Response != "Commissioner agreed funding" || got.EscalatedTo != "Head of service" || got.Version != 5 {
			t.Errorf("stored gap %+v", got)
		}
	})
}

func TestTwoWindowsEditingOneAction(t *testing.T) {
	svc := newSharedFollowUp()
	w1, w2 := twoWindows(t)
	ShowAction(w1, svc, 1, conflictNow, func() {}, func(int64) {})
	ShowAction(w2, svc, 1, conflictNow, func() {}, func(int64) {})
	test.Tap(triageDialog(t, w1, triageButton("Edit details…")))
	test.Tap(triageDialog(t, w2, triageButton("Edit details…")))

	svc.who, svc.at = `NHS\alice`, conflictNow.Add(90*time.Minute)
	typeInto(t, w1, "Owner (required)", "Sam Owner")
	test.Tap(triageDialog(t, w1, triageButton("Save")))
	if svc.actions[1].Owner != "Sam Owner" {
		t.Fatalf("window 1 saved %+v", svc.actions[1])
	}

	svc.who = `NHS\bob`
	mine := typeInto(t, w2, "Owner (required)", "Pat Other")
	test.Tap(triageDialog(t, w2, triageButton("Save")))
	if got := svc.actions[1].Owner; got != "Sam Owner" {
		t.Errorf("the owner was overwritten with %q", got)
	}
	if mine.Text != "Pat Other" || !strings.Contains(triageDialogText(t, w2), `NHS\alice changed this record`) {
		t.Errorf("typed %q; the form says:\n%s", mine.Text, triageDialogText(t, w2))
	}
	test.Tap(triageDialog(t, w2, triageButton("Reload")))
	if got := triageInput[*widget.Entry](t, w2, "Owner (required)").Text; got != "Sam Owner" {
		t.Errorf("owner after reload = %q", got)
	}
	if text := triageDialogText(t, w2); !strings.Contains(text, "• Owner: Pat Other") {
		t.Errorf("the typed owner is not listed:\n%s", text)
	}
}

// sharedSettings is one store of settings that two screens use.
type sharedSettings struct {
	set app.Settings
	ex  []calendar.Exception
	by  string
	at  time.Time
}

func (s *sharedSettings) Settings(context.Context) (app.Settings, error) { return s.set, nil }
func (s *sharedSettings) SaveSettings(_ context.Context, set app.Settings) error {
	if set.Version != s.set.Version {
		return &app.ConflictError{Entity: "settings", By: s.by, At: s.at}
	}
	set.Version++
	s.set = set
	return nil
}
func (s *sharedSettings) HolidayExceptions(context.Context) ([]calendar.Exception, error) {
	return s.ex, nil
}
func (s *sharedSettings) SaveHolidayExceptions(_ context.Context, seen, ex []calendar.Exception) error {
	if len(seen) != len(s.ex) {
		return &app.ConflictError{Entity: "bank_holidays", By: s.by, At: s.at}
	}
	s.ex = ex
	return nil
}

func TestTwoSettingsScreens(t *testing.T) {
	svc := &sharedSettings{set: app.DefaultSettings()}
	w1, w2 := twoWindows(t)
	s1, s2 := NewSettingsScreen(svc, w1, "", ""), NewSettingsScreen(svc, w2, "", "")
	w1.SetContent(s1)
	w2.SetContent(s2)
	s1.Reload()
	s2.Reload()

	svc.by, svc.at = `NHS\alice`, conflictNow.Add(90*time.Minute)
	s1.Entry("teamPhone").SetText("0116 496 0000")
	s1.Save()
	t.Run("one screen saves twice in a row without a conflict with itself", func(t *testing.T) {
		s1.Entry("teamEmail").SetText("team@example.org")
		s1.Save()
		if svc.set.TeamPhone != "0116 496 0000" || svc.set.TeamEmail != "team@example.org" {
			t.Errorf("stored phone %q, email %q; screen says %q", svc.set.TeamPhone, svc.set.TeamEmail, s1.status.Text)
		}
	})
	t.Run("the other screen's older copy is refused, its typing kept, and Reload lists it", func(t *testing.T) {
		s2.Entry("teamPhone").SetText("0116 496 1111")
		s2.Save()
		if svc.set.TeamPhone != "0116 496 0000" {
			t.Errorf("the phone was overwritten with %q", svc.set.TeamPhone)
		}
		if s2.Entry("teamPhone").Text != "0116 496 1111" || !strings.Contains(s2.status.Text, `NHS\alice changed this record`) {
			t.Errorf("typed %q; status %q", s2.Entry("teamPhone").Text, s2.status.Text)
		}
		if !s2.reload.Visible() {
			t.Fatal("no Reload button after the conflict")
		}
		test.Tap(s2.reload)
		if s2.Entry("teamPhone").Text != "0116 496 0000" || !strings.Contains(s2.status.Text, ": 0116 496 1111") {
			t.Errorf("after reload: phone %q; status %q", s2.Entry("teamPhone").Text, s2.status.Text)
		}
	})
}

func TestTwoSettingsScreensAddingABankHolidayChange(t *testing.T) {
	svc := &sharedSettings{set: app.DefaultSettings(), by: `NHS\alice`, at: conflictNow.Add(90 * time.Minute)}
	w1, w2 := twoWindows(t)
	s1, s2 := NewSettingsScreen(svc, w1, "", ""), NewSettingsScreen(svc, w2, "", "")
	w1.SetContent(s1)
	w2.SetContent(s2)
	s1.Reload()
	s2.Reload()
	add := func(w fyne.Window, s *SettingsScreen, name string) {
		s.addException()
		day := time.Date(2027, 6, 7, 0, 0, 0, 0, time.UTC)
		triageInput[*widget.DateEntry](t, w, "Date").SetDate(&day)
		typeInto(t, w, "Name", name)
		test.Tap(triageDialog(t, w, triageButton("Add")))
	}
	add(w1, s1, "State funeral")
	add(w2, s2, "Jubilee")
	t.Run("the change made on the older list is refused, the first kept, the typed name still in the form", func(t *testing.T) {
		if len(svc.ex) != 1 || svc.ex[0].Name != "State funeral" {
			t.Errorf("stored %+v", svc.ex)
		}
		if got := triageInput[*widget.Entry](t, w2, "Name").Text; got != "Jubilee" {
			t.Errorf("typed name = %q", got)
		}
		if text := triageDialogText(t, w2); !strings.Contains(text, `NHS\alice changed this record`) {
			t.Errorf("the form does not say who changed the list:\n%s", text)
		}
	})
	t.Run("the list shows the newer changes, and adding again keeps both", func(t *testing.T) {
		if len(s2.ex) != 1 {
			t.Fatalf("the screen lists %d changes, want the newer 1", len(s2.ex))
		}
		test.Tap(triageDialog(t, w2, triageButton("Add")))
		if len(svc.ex) != 2 {
			t.Errorf("stored %+v", svc.ex)
		}
	})
}
