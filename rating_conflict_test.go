package main

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
)

func TestTwoWindowsRatingOnePerson(t *testing.T) {
	ctx := context.Background()
	w1, store, b := openDesk(t, 30)
	w2 := forms.NewMainWindow(fyne.CurrentApp(), forms.Deps{Backend: b, Clock: app.FixedClock(deskNow), Version: "test", DataDir: t.TempDir(), DBPath: "desk.db", Screen: forms.ScreenDSR})
	w2.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w2.Close)
	var target app.RegisterRow
	for _, r := range w1.RegisterScreen(app.DSR).Rows() {
		if r.Rating == app.Amber && !r.Inpatient {
			target = r
			break
		}
	}
	if target.PersonID == 0 {
		t.Fatal("no amber person in the demo data")
	}
	open := func(w *forms.MainWindow) {
		w.OpenPerson(target.PersonID)
		change, _ := find(w.Body(), func(b *widget.Button) bool { return b.Text == "Change rating" })
		test.Tap(change)
	}
	decide := func(w *forms.MainWindow, rating int, why string) {
		inDialog(t, w, func(s *widget.Select) bool { return true }).SetSelectedIndex(rating)
		reason := inDialog(t, w, func(e *widget.Entry) bool { return e.MultiLine })
		reason.SetText(why)
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Change rating" }))
	}
	open(w1)
	open(w2)
	decide(w1, 0, "Placement breaking down") // Red
	decide(w2, 2, "Settled at home")         // Green, from the Amber it was shown
	t.Run("the decision made on the older rating is refused and the newer rating kept", func(t *testing.T) {
		if reg, _ := store.OpenRegistration(ctx, target.PersonID); reg.Rating != app.Red {
			t.Errorf("rating = %v, want Red kept", reg.Rating)
		}
	})
	t.Run("the form keeps the reason and says who changed the rating", func(t *testing.T) {
		if got := inDialog(t, w2, func(e *widget.Entry) bool { return e.MultiLine }).Text; got != "Settled at home" {
			t.Errorf("reason = %q", got)
		}
		if _, ok := find(w2.Canvas().Overlays().Top(), func(l *widget.Label) bool { return strings.Contains(l.Text, osUser()+" changed this record") }); !ok {
			t.Error("the form does not say who changed the registration")
		}
	})
	t.Run("Reload shows the newer rating, and deciding again records it", func(t *testing.T) {
		test.Tap(inDialog(t, w2, func(b *widget.Button) bool { return b.Text == "Reload" }))
		if _, ok := find(w2.Canvas().Overlays().Top(), func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Red, on the") }); !ok {
			t.Error("the form does not show the newer rating")
		}
		test.Tap(inDialog(t, w2, func(b *widget.Button) bool { return b.Text == "Change rating" }))
		if reg, _ := store.OpenRegistration(ctx, target.PersonID); reg.Rating != app.Green {
			t.Errorf("rating = %v, want Green", reg.Rating)
		}
	})
}
