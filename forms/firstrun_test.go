package forms

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// fakeSettings keeps the settings saved, checked by the real rules.
type fakeSettings struct {
	SettingsService
	saved []app.Settings
}

func (f *fakeSettings) Settings(context.Context) (app.Settings, error) {
	return app.DefaultSettings(), nil
}

func (f *fakeSettings) SaveSettings(_ context.Context, s app.Settings) error {
	if err := s.Validate().Err(); err != nil {
		return err
	}
	f.saved = append(f.saved, s)
	return nil
}

func TestFirstRun(t *testing.T) {
	open := func(t *testing.T) (fyne.Window, *fakeSettings) {
		RunInForeground()
		a := test.NewTempApp(t)
		w := a.NewWindow("DSP Desk")
		w.Resize(fyne.NewSize(1024, 600))
		t.Cleanup(w.Close)
		svc := &fakeSettings{}
		showFirstRun(w, svc, app.DefaultSettings(), "/home/jo/.local/share/dspdesk")
		return w, svc
	}
	t.Run("what is typed is saved and the set-up is not offered again", func(t *testing.T) {
		w, svc := open(t)
		test.Type(triageInput[*widget.Entry](t, w, "Your display name"), "Jo Example")
		test.Type(triageInput[*widget.Entry](t, w, "Team name for families"), "LLR DSP team")
		test.Type(triageInput[*widget.Entry](t, w, "Team phone for families"), "0116 496 0999")
		test.Tap(triageDialog(t, w, triageButton("Save")))
		if len(svc.saved) != 1 {
			t.Fatalf("saved %d times, want once", len(svc.saved))
		}
		got := svc.saved[0]
		if got.DisplayName != "Jo Example" || got.TeamName != "LLR DSP team" || got.TeamPhone != "0116 496 0999" || !got.SetUpDone || got.NeedsSetUp() {
			t.Errorf("saved %+v", got)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Error("the set-up stays open after saving")
		}
	})
	t.Run("a phone number that is not one is shown beside it and nothing closes", func(t *testing.T) {
		w, svc := open(t)
		test.Type(triageInput[*widget.Entry](t, w, "Team phone for families"), "call us")
		test.Tap(triageDialog(t, w, triageButton("Save")))
		if len(svc.saved) != 0 || triageProblem(t, w, "Team phone for families") == "" {
			t.Errorf("saved %d, problem %q", len(svc.saved), triageProblem(t, w, "Team phone for families"))
		}
	})
	t.Run("skipping saves nothing typed, only that it was skipped", func(t *testing.T) {
		w, svc := open(t)
		test.Type(triageInput[*widget.Entry](t, w, "Your display name"), "Jo Example")
		test.Tap(triageDialog(t, w, triageButton("Skip for now")))
		if len(svc.saved) != 1 || svc.saved[0].DisplayName != "" || !svc.saved[0].SetUpDone {
			t.Errorf("skipping saved %+v", svc.saved)
		}
	})
	t.Run("it fits a 1024x640 screen with its buttons in view", func(t *testing.T) {
		w, _ := open(t)
		save := triageDialog(t, w, triageButton("Save"))
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(save)
		if pos.Y+save.Size().Height > w.Canvas().Size().Height || pos.X+save.Size().Width > w.Canvas().Size().Width {
			t.Errorf("Save at %v (size %v) is outside the %v window", pos, save.Size(), w.Canvas().Size())
		}
	})
}
