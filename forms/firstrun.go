package forms

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// firstRunKeys are the settings the first-run set-up asks for: who the user
// is, how families reach the team, and where backups go.
var firstRunKeys = []string{"displayName", "teamName", "teamPhone", "teamEmail", "backupFolder"}

// firstRun is the set-up offered at first start.
type firstRun struct {
	d       *dialog.CustomDialog
	svc     SettingsService
	current app.Settings
	entries map[string]*widget.Entry
	errs    map[string]*widget.Label
	status  *widget.Label
}

// OfferFirstRun reads the settings behind the window and, when nothing says
// who the user is or how families reach the team, offers the first-run
// set-up. It is never offered in the demo, and can be skipped (Settings
// holds the same fields).
func (w *MainWindow) OfferFirstRun() {
	if w.deps.Demo {
		return
	}
	var set app.Settings
	var err error
	background(func() { set, err = w.deps.Backend.Settings(ctx()) }, func() {
		if err == nil && set.NeedsSetUp() {
			showFirstRun(w, w.deps.Backend, set, w.deps.DataDir)
		}
	})
}

func showFirstRun(win fyne.Window, svc SettingsService, set app.Settings, dataDir string) *firstRun {
	fr := &firstRun{svc: svc, current: set, entries: map[string]*widget.Entry{}, errs: map[string]*widget.Label{}}
	form := widget.NewForm()
	for _, f := range settingFields {
		if !containsKey(firstRunKeys, f.key) {
			continue
		}
		e := widget.NewEntry()
		e.SetText(f.get(set))
		hint := f.hint
		if f.key == "backupFolder" && dataDir != "" {
			hint = "Empty: " + filepath.Join(dataDir, "backups") + ". A folder on another drive keeps a copy if this laptop fails."
		}
		input, errLine := withProblem(e, hint)
		fr.entries[f.key], fr.errs[f.key] = e, errLine
		form.AppendItem(widget.NewFormItem(f.label, input))
	}
	fr.status = widget.NewLabel("")
	fr.status.Importance = widget.DangerImportance
	fr.status.Wrapping = fyne.TextWrapWord
	fr.status.Hide()
	intro := dialogText("Family agendas and action plans say how to reach the team, and the audit log records who made " +
		"each change. Fill these in now, or skip: they are all in Settings.")
	skip := widget.NewButton("Skip for now", func() { fr.save(true) })
	save := widget.NewButton("Save", func() { fr.save(false) })
	save.Importance = widget.HighImportance
	scroll := container.NewVScroll(form)
	limit := fyne.Max(200, win.Canvas().Size().Height-300) // the dialog's title, text and buttons stay on screen
	scroll.SetMinSize(fyne.NewSize(form.MinSize().Width, fyne.Min(form.MinSize().Height, limit)))
	content := container.NewVBox(intro, scroll, fr.status, container.NewHBox(layout.NewSpacer(), skip, save))
	fr.d = dialog.NewCustomWithoutButtons("Welcome to DSP Desk", content, win)
	fr.d.Resize(fyne.NewSize(fyne.Min(formDialogWidth, win.Canvas().Size().Width-40), content.MinSize().Height+80))
	fr.d.Show()
	if e := fr.entries["displayName"]; e != nil {
		win.Canvas().Focus(e)
	}
	return fr
}

// save stores what was typed (or, skipping, only that the set-up was seen).
func (fr *firstRun) save(skip bool) {
	set := fr.current
	set.SetUpDone = true
	if !skip {
		for _, f := range settingFields {
			if e, ok := fr.entries[f.key]; ok {
				setProblem(fr.errs[f.key], "")
				_ = f.set(&set, e.Text) // these fields' setters only trim
			}
		}
	}
	if err := fr.svc.SaveSettings(ctx(), set); err != nil {
		if v, ok := app.AsValidation(err); ok {
			for _, p := range v.Problems {
				if l, ok := fr.errs[p.Field]; ok {
					setProblem(l, p.Message)
				}
			}
		}
		fr.status.SetText("Not saved: " + errorText(err))
		fr.status.Show()
		return
	}
	fr.d.Hide()
}

func containsKey(keys []string, key string) bool {
	for _, k := range keys {
		if k == key {
			return true
		}
	}
	return false
}
