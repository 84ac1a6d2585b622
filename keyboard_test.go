package main

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
)

// menuItem is the main menu's item with the given label.
func menuItem(t *testing.T, w *forms.MainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("the menu has no %q", label)
	return nil
}

func TestKeyboard(t *testing.T) {
	t.Run("Ctrl+1 to Ctrl+8 follow the sidebar and sit on the menu, which takes them even in a search box", func(t *testing.T) {
		w, _, _ := openDesk(t, 30)
		screens := []struct{ title, screen string }{
			{"Today", forms.ScreenToday}, {"Triage", forms.ScreenTriage}, {"DSR", forms.ScreenDSR}, {"ROAR", forms.ScreenROAR},
			{"Meetings", forms.ScreenMeetings}, {"Actions", forms.ScreenActions}, {"Gaps in service", forms.ScreenGaps}, {"Settings", forms.ScreenSettings},
		}
		for i, s := range screens {
			it := menuItem(t, w, s.title)
			sc, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok || sc.KeyName != fyne.KeyName(string(rune('1'+i))) || sc.Modifier != fyne.KeyModifierShortcutDefault {
				t.Errorf("%s has the shortcut %v, want Ctrl+%d", s.title, it.Shortcut, i+1)
				continue
			}
			it.Action()
			if w.Current() != s.screen {
				t.Errorf("Ctrl+%d showed %s, want %s", i+1, w.Current(), s.screen)
			}
		}
		for _, label := range []string{"New referral", "Find a person…", "User guide", "Keyboard shortcuts"} {
			if it := menuItem(t, w, label); it.Action == nil {
				t.Errorf("%s does nothing", label)
			}
		}
	})
	t.Run("Down goes from the search to the rows and Enter opens the person", func(t *testing.T) {
		w, _, _ := openDesk(t, 30)
		c := w.Canvas()
		dsr := w.RegisterScreen(app.DSR)
		if c.Focused() == nil {
			t.Fatal("nothing has the keyboard on the DSR")
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if _, ok := c.Focused().(*widget.Entry); ok || c.Focused() == nil {
			t.Fatalf("Down left the keyboard in %T", c.Focused())
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the second row
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		p, ok := w.Body().(*forms.PersonScreen)
		if !ok {
			t.Fatalf("Enter showed %T, not a person", w.Body())
		}
		if want := dsr.Rows()[1].PersonID; p.Record().Person.ID != want {
			t.Errorf("Enter opened person %d, want the second row's %d", p.Record().Person.ID, want)
		}
	})
	t.Run("Escape closes nothing behind an open dialog, and goes back once it is closed", func(t *testing.T) {
		w, _, _ := openDesk(t, 30)
		w.OpenPerson(w.RegisterScreen(app.DSR).Rows()[0].PersonID)
		menuItem(t, w, "Keyboard shortcuts").Action()
		escape := &fyne.KeyEvent{Name: fyne.KeyEscape}
		w.Canvas().OnTypedKey()(escape)
		if _, ok := w.Body().(*forms.PersonScreen); !ok {
			t.Fatalf("Escape with a dialog open left the person for %T", w.Body())
		}
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "OK" }))
		w.Canvas().OnTypedKey()(escape)
		if _, ok := w.Body().(*forms.PersonScreen); ok {
			t.Errorf("Escape did not go back from the person")
		}
	})
	t.Run("Ctrl+F finds a person on either register by name, NHS number or record number and opens them", func(t *testing.T) {
		w, _, _ := openDesk(t, 30)
		roar := w.RegisterScreen(app.ROAR).Rows()
		if len(roar) == 0 {
			t.Fatal("the demo has nobody on the ROAR")
		}
		target := roar[0]
		for _, typed := range []string{target.GivenName + " " + target.FamilyName, target.NHSNumber.String(), "#" + strconv.FormatInt(target.PersonID, 10)} {
			w.Select(forms.ScreenToday)
			menuItem(t, w, "Find a person…").Action()
			keyboard := w.Canvas().Focused()
			if keyboard == nil {
				t.Fatalf("nothing has the keyboard in Find (searching %q)", typed)
			}
			for _, r := range strings.ToLower(typed) {
				keyboard.TypedRune(r)
			}
			w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			p, ok := w.Body().(*forms.PersonScreen)
			if !ok || p.Record().Person.ID != target.PersonID {
				t.Errorf("searching %q and Enter did not open person %d (body %T)", typed, target.PersonID, w.Body())
			}
		}
	})
	t.Run("in Find, Down goes to the results without opening one, and Enter opens the one highlighted", func(t *testing.T) {
		w, _, _ := openDesk(t, 30)
		family := w.RegisterScreen(app.DSR).Rows()[0].FamilyName
		w.Select(forms.ScreenToday)
		menuItem(t, w, "Find a person…").Action()
		for _, r := range strings.ToLower(family) {
			w.Canvas().Focused().TypedRune(r)
		}
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if w.Canvas().Overlays().Top() == nil {
			t.Fatal("Down closed Find")
		}
		if _, ok := w.Canvas().Focused().(*widget.Entry); ok {
			t.Fatal("Down left the keyboard in the search")
		}
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		p, ok := w.Body().(*forms.PersonScreen)
		if !ok || p.Record().Person.FamilyName != family {
			t.Errorf("Enter on the first result did not open a %s (body %T)", family, w.Body())
		}
	})
}
