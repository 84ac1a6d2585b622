package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/demo"
	"dspdesk/forms"
	"dspdesk/storage"
)

// deskNow is Tuesday 24 November 2026, 11:00 in London.
var deskNow = time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

// openDesk opens a seeded database in a temp folder and the main window on it.
func openDesk(t *testing.T, people int) (*forms.MainWindow, *storage.Store, *backend) {
	t.Helper()
	w, s, b := openDeskAt(t, people)
	desks[w] = b
	return w, s, b
}

// desks remembers each test window's backend.
var desks = map[*forms.MainWindow]*backend{}

// openDeskBackend returns the backend behind a test window.
func openDeskBackend(t *testing.T, w *forms.MainWindow) (*forms.MainWindow, *storage.Store, *backend) {
	t.Helper()
	b := desks[w]
	return w, b.store, b
}

func openDeskAt(t *testing.T, people int) (*forms.MainWindow, *storage.Store, *backend) {
	t.Helper()
	forms.RunInForeground()
	ctx := context.Background()
	clock := app.FixedClock(deskNow)
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "desk.db"), storage.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := newBackend(store, clock, t.TempDir())
	rules, _ := b.Service.Rules(ctx)
	if _, err := demo.Generate(demo.Config{People: people, Seed: 11, Now: deskNow, Rules: rules}, func(fn func(demo.Sink) error) error {
		return store.Batch(ctx, "seed", func(bt *storage.Batch) error { return fn(bt) })
	}); err != nil {
		t.Fatal(err)
	}
	store.SaveSettings(ctx, "seed", withName(rules.Settings, "Test User"))
	a := test.NewTempApp(t)
	w := forms.NewMainWindow(a, forms.Deps{Backend: b, Clock: clock, Version: "test", DataDir: t.TempDir(), DBPath: "desk.db", Screen: forms.ScreenDSR})
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	return w, store, b
}

// find returns the first object under o (and the window's overlays) that matches.
func find[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) (T, bool) {
	var zero T
	var walk func(fyne.CanvasObject) (T, bool)
	walk = func(o fyne.CanvasObject) (T, bool) {
		if v, ok := o.(T); ok && match(v) {
			return v, true
		}
		var kids []fyne.CanvasObject
		switch c := o.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			if v, ok := walk(k); ok {
				return v, true
			}
		}
		return zero, false
	}
	return walk(o)
}

func inDialog[T fyne.CanvasObject](t *testing.T, w fyne.Window, match func(T) bool) T {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	v, ok := find(top, match)
	if !ok {
		t.Fatalf("the dialog has no such widget")
	}
	return v
}

func TestRegisterScreen(t *testing.T) {
	w, _, _ := openDesk(t, 300)
	dsr := w.RegisterScreen(app.DSR)
	all := dsr.Rows()
	if len(all) < 100 {
		t.Fatalf("the DSR shows %d rows", len(all))
	}
	t.Run("the DSR opens sorted by rating with everyone on it", func(t *testing.T) {
		for i := 1; i < len(all); i++ {
			if all[i-1].Rating > all[i].Rating {
				t.Fatalf("row %d (%v) before row %d (%v)", i-1, all[i-1].Rating, i, all[i].Rating)
			}
			if all[i].Register != app.DSR {
				t.Fatalf("row %d is on the %v", i, all[i].Register)
			}
		}
	})
	t.Run("typing in the search box narrows the table as you type", func(t *testing.T) {
		name := strings.ToLower(all[0].FamilyName)
		test.Type(dsr.Search(), name[:3])
		rows := dsr.Rows()
		if len(rows) == 0 || len(rows) >= len(all) {
			t.Fatalf("%d of %d rows after typing %q", len(rows), len(all), name[:3])
		}
		for _, r := range rows {
			hay := strings.ToLower(r.FamilyName + " " + r.GivenName + " " + r.PreferredName + " " + r.GivenName + " " + r.FamilyName)
			if !strings.Contains(hay, name[:3]) {
				t.Errorf("%s does not match %q", r.Name(), name[:3])
			}
		}
		dsr.Search().SetText("")
		if len(dsr.Rows()) != len(all) {
			t.Errorf("clearing the search shows %d of %d", len(dsr.Rows()), len(all))
		}
	})
	t.Run("searching an NHS number typed 3-3-4 finds that person", func(t *testing.T) {
		var target app.RegisterRow
		for _, r := range all {
			if r.NHSNumber != "" {
				target = r
				break
			}
		}
		dsr.Search().SetText(target.NHSNumber.String())
		rows := dsr.Rows()
		if len(rows) != 1 || rows[0].PersonID != target.PersonID {
			t.Errorf("got %d rows", len(rows))
		}
		dsr.Search().SetText("")
	})
	t.Run("ticking Amber shows only amber rows", func(t *testing.T) {
		check, ok := find(dsr, func(c *widget.Check) bool { return c.Text == "Amber" })
		if !ok {
			t.Fatal("no Amber check")
		}
		test.Tap(check)
		defer test.Tap(check)
		rows := dsr.Rows()
		if len(rows) == 0 {
			t.Fatal("no amber rows")
		}
		for _, r := range rows {
			if r.Rating != app.Amber {
				t.Errorf("%s is %v", r.Name(), r.Rating)
			}
		}
	})
	t.Run("tapping the Name header sorts by name, tapping again reverses", func(t *testing.T) {
		header, ok := find(dsr, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, "Name") })
		if !ok {
			t.Fatal("no Name header")
		}
		test.Tap(header)
		rows := dsr.Rows()
		for i := 1; i < len(rows); i++ {
			if strings.ToLower(rows[i-1].FamilyName) > strings.ToLower(rows[i].FamilyName) {
				t.Fatalf("not by name at %d: %s > %s", i, rows[i-1].FamilyName, rows[i].FamilyName)
			}
		}
		test.Tap(header)
		rows = dsr.Rows()
		if strings.ToLower(rows[0].FamilyName) < strings.ToLower(rows[len(rows)-1].FamilyName) {
			t.Errorf("not reversed: %s first, %s last", rows[0].FamilyName, rows[len(rows)-1].FamilyName)
		}
	})
}

func TestPersonScreenChangeRating(t *testing.T) {
	w, store, _ := openDesk(t, 200)
	ctx := context.Background()
	dsr := w.RegisterScreen(app.DSR)
	var target app.RegisterRow
	for _, r := range dsr.Rows() {
		if r.Rating == app.Amber && !r.Inpatient {
			target = r
			break
		}
	}
	if target.PersonID == 0 {
		t.Fatal("no amber person in the demo data")
	}
	w.OpenPerson(target.PersonID)
	p, ok := w.Body().(*forms.PersonScreen)
	if !ok {
		t.Fatalf("the body is %T, want the person screen", w.Body())
	}
	t.Run("the person screen shows the name, the registration and the timeline", func(t *testing.T) {
		rec := p.Record()
		if rec.Person.ID != target.PersonID {
			t.Fatalf("record of %d, want %d", rec.Person.ID, target.PersonID)
		}
		if _, ok := find(p, func(l *widget.Label) bool { return strings.Contains(l.Text, rec.Person.FamilyName) }); !ok {
			t.Error("the name is not shown")
		}
		if _, ok := find(p, func(l *widget.Label) bool { return strings.Contains(l.Text, "Dynamic Support Register") }); !ok {
			t.Error("the register is not shown")
		}
	})
	t.Run("changing the rating without a reason is refused beside the reason", func(t *testing.T) {
		change, _ := find(p, func(b *widget.Button) bool { return b.Text == "Change rating" })
		test.Tap(change)
		choice := inDialog(t, w, func(s *widget.Select) bool { return true })
		choice.SetSelectedIndex(0) // Red
		submit := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Change rating" })
		test.Tap(submit)
		problem := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "⚠") && l.Visible() })
		if !strings.Contains(problem.Text, "reason") || problem.Importance != widget.DangerImportance {
			t.Errorf("problem beside the reason = %q", problem.Text)
		}
		reg, _ := store.OpenRegistration(ctx, target.PersonID)
		if reg.Rating != app.Amber {
			t.Errorf("rating changed to %v without a reason", reg.Rating)
		}
	})
	t.Run("with a reason, Red moves the person to the ROAR and the timeline records who and why", func(t *testing.T) {
		reason := inDialog(t, w, func(e *widget.Entry) bool { return e.MultiLine })
		test.Type(reason, "No improvement following the MAM")
		submit := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Change rating" })
		test.Tap(submit)
		reg, _ := store.OpenRegistration(ctx, target.PersonID)
		if reg.Rating != app.Red || reg.Register != app.ROAR {
			t.Fatalf("registration = %+v", reg)
		}
		rec := p.Record()
		changes := rec.RatingChanges[reg.ID]
		last := changes[len(changes)-1]
		if last.Reason != "No improvement following the MAM" || last.By != osUser() || last.From != app.Amber || last.To != app.Red {
			t.Errorf("last change = %+v", last)
		}
		summary := inDialog(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, "urgent") })
		if !strings.Contains(summary.Text, "No second MAM") {
			t.Errorf("summary = %q", summary.Text)
		}
	})
}

func TestTodayAndListsShowTheSeededWork(t *testing.T) {
	w, _, _ := openDesk(t, 200)
	for _, screen := range []string{forms.ScreenToday, forms.ScreenMeetings, forms.ScreenActions, forms.ScreenGaps, forms.ScreenSettings, forms.ScreenROAR} {
		t.Run("the "+screen+" screen opens and shows content", func(t *testing.T) {
			w.Select(screen)
			if w.Current() != screen {
				t.Fatalf("current = %q", w.Current())
			}
			if _, ok := find(w.Body(), func(l *widget.Label) bool {
				return strings.Contains(l.Text, "could not be loaded")
			}); ok {
				t.Error("the screen says it could not load")
			}
			if ls, ok := w.Body().(*forms.ListScreen); ok && len(ls.Rows()) == 0 {
				t.Error("the list is empty")
			}
		})
	}
}

func TestSettingsScreenRefusesBadValuesBesideTheField(t *testing.T) {
	w, store, _ := openDesk(t, 20)
	w.Select(forms.ScreenSettings)
	s, ok := w.Body().(*forms.SettingsScreen)
	if !ok {
		t.Fatalf("body is %T", w.Body())
	}
	s.Entry("reviewDaysRed").SetText("0")
	s.Entry("workStart").SetText("nine")
	s.Save()
	if !strings.Contains(s.Hint("workStart"), "hh:mm") || !strings.HasPrefix(s.Hint("workStart"), "⚠") {
		t.Errorf("work start hint = %q", s.Hint("workStart"))
	}
	set, _ := store.Settings(context.Background())
	if set.ReviewDaysRed != 7 {
		t.Errorf("a bad value was saved: %d", set.ReviewDaysRed)
	}
	s.Entry("workStart").SetText("08:30")
	s.Save()
	if !strings.Contains(s.Hint("reviewDaysRed"), "between 1 and") {
		t.Errorf("red hint = %q", s.Hint("reviewDaysRed"))
	}
	s.Entry("reviewDaysRed").SetText("14")
	s.Save()
	set, _ = store.Settings(context.Background())
	if set.ReviewDaysRed != 14 || set.WorkStart != 8*60+30 {
		t.Errorf("settings not saved: %+v", set)
	}
}

func TestSettingsScreenEditsTheAgendaTemplate(t *testing.T) {
	w, store, _ := openDesk(t, 10)
	w.Select(forms.ScreenSettings)
	s := w.Body().(*forms.SettingsScreen)
	if !strings.Contains(s.Entry("agendaTemplate").Text, "Welcome, introductions and apologies") {
		t.Fatalf("the default agenda is not shown: %q", s.Entry("agendaTemplate").Text)
	}
	s.Entry("agendaTemplate").SetText("   \n ")
	s.Save()
	if !strings.Contains(s.Hint("agendaTemplate"), "at least one item") {
		t.Errorf("hint = %q", s.Hint("agendaTemplate"))
	}
	s.Entry("agendaTemplate").SetText("Welcome | Hello, everyone\nUpdates\nAction plan | What happens next")
	s.Save()
	set, _ := store.Settings(context.Background())
	if len(set.AgendaTemplate) != 3 || set.AgendaTemplate[2].FamilyText != "What happens next" {
		t.Errorf("template = %+v", set.AgendaTemplate)
	}
}
