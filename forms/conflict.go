package forms

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// offerReload lets a form that edits a stored record recover from a
// conflict (someone else saved the record after the form opened it). The
// form keeps what the user typed and says who changed the record and when;
// a Reload button then calls load, which puts the stored record's newer
// values in the inputs and makes it the copy the next save starts from.
// What the user had typed that differs from the newer values stays listed
// under the form, so nothing they wrote is lost: they apply it again and
// save, or cancel.
func (fd *formDialog) offerReload(load func() error) {
	fd.load, fd.opened = load, fd.inputs()
	fd.reload = widget.NewButton("Reload", fd.reloadNewer)
	fd.reload.Hide()
	fd.mine = widget.NewLabel("")
	fd.mine.Wrapping = fyne.TextWrapWord
	fd.mine.Importance = widget.WarningImportance
	fd.mine.Hide()
	fd.buttons.Objects = append([]fyne.CanvasObject{fd.reload}, fd.buttons.Objects...)
	fd.buttons.Refresh()
	fd.extra.Add(fd.mine)
}

// conflicted shows the reload button when err is a conflict.
func (fd *formDialog) conflicted(err error) {
	if fd.reload == nil {
		return
	}
	if _, ok := app.AsConflict(err); ok {
		fd.reload.Show()
		fd.buttons.Refresh()
	}
}

// reloadNewer loads the newer record and lists what the user had changed
// (compared with the record as the form opened it) that the newer record
// does not already say.
func (fd *formDialog) reloadNewer() {
	typed := fd.inputs()
	if err := fd.load(); err != nil {
		fd.status.SetText(errorText(err))
		fd.status.Show()
		return
	}
	fd.reload.Hide()
	fd.buttons.Refresh()
	newer := fd.inputs()
	var lines []string
	for _, f := range fd.fields {
		if t, ok := typed[f.label]; ok && t != fd.opened[f.label] && t != newer[f.label] {
			lines = append(lines, "• "+strings.TrimSuffix(f.label, " (required)")+": "+orDash(t))
		}
	}
	fd.opened = newer
	fd.status.SetText("The form now shows the newer details. Apply your changes again where they still fit, then save.")
	fd.status.Show()
	if len(lines) > 0 {
		fd.mine.SetText("What you had typed (not saved):\n" + strings.Join(lines, "\n"))
		fd.mine.Show()
	}
	fd.fit()
}

// inputs is the text of each field's input, by label.
func (fd *formDialog) inputs() map[string]string {
	out := map[string]string{}
	for _, f := range fd.fields {
		if f.key == "" {
			continue
		}
		if f.text != nil {
			out[f.label] = f.text()
			continue
		}
		if t, ok := inputText(f.widget); ok {
			out[f.label] = t
		}
	}
	return out
}

// inputText is what an input holds: an entry's text, a choice, or the
// first input inside a container.
func inputText(o fyne.CanvasObject) (string, bool) {
	switch w := o.(type) {
	case *widget.Entry:
		return w.Text, true
	case *widget.Select:
		return w.Selected, true
	case *widget.Check:
		if w.Checked {
			return "yes", true
		}
		return "no", true
	case *fyne.Container:
		for _, c := range w.Objects {
			if t, ok := inputText(c); ok {
				return t, true
			}
		}
	}
	return "", false
}

// reloadNewer, after a conflict, shows the stored settings and lists what
// the user had typed that differs, so they can apply it again.
func (s *SettingsScreen) reloadNewer() {
	set, err := s.svc.Settings(ctx())
	if err != nil {
		s.status.SetText("Not reloaded: " + errorText(err))
		return
	}
	var lines []string
	for _, f := range settingFields {
		typed, newer := s.entries[f.key].Text, f.get(set)
		if typed != newer {
			lines = append(lines, "• "+f.label+": "+orDash(typed))
		}
		s.entries[f.key].SetText(newer)
	}
	s.current = set
	s.reload.Hide()
	s.status.Importance = widget.WarningImportance
	text := "The form now shows the newer settings. Apply your changes again where they still fit, then save."
	if len(lines) > 0 {
		text += "\nWhat you had typed (not saved):\n" + strings.Join(lines, "\n")
	}
	s.status.SetText(text)
	s.form.Refresh()
}
