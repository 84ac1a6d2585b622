package forms

import (
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"dspdesk/app"
)

// PrintService hands a PDF to the system viewer to print, and opens the
// folder it was written to when no viewer took it.
type PrintService interface {
	// OpenPDF writes the document and opens it in the PDF viewer. It returns
	// the file's path once written, even when the viewer did not open.
	OpenPDF(ctx ctxT, name string, write func(io.Writer) error) (string, error)
	// OpenFolder shows a folder in the file manager.
	OpenFolder(dir string) error
}

// printDocument writes a document for printing and opens it in the PDF
// viewer, in the background. When the file was written but no viewer
// opened it, it says so, where the file is, and offers to open its folder;
// when it was not written, it says why. what names the document ("the
// family agenda").
func printDocument(win fyne.Window, pr PrintService, what, name string, write func(io.Writer) error) {
	var path string
	var err error
	background(func() { path, err = pr.OpenPDF(ctx(), name, write) }, func() {
		switch {
		case err == nil:
		case path == "":
			if text, ok := settingRefusal(err); ok {
				offerSettings(win, upperFirst(what)+" was not printed", text)
				return
			}
			showError(win, upperFirst(what)+" was not printed", err)
		default:
			notOpened(win, pr, what, path)
		}
	})
}

// notOpened says a document was saved for printing but no PDF viewer
// opened it, and offers its folder.
func notOpened(win fyne.Window, pr PrintService, what, path string) {
	text := upperFirst(what) + " was saved as:\n" + path + "\n\nbut no PDF viewer opened it. Open the folder and print " +
		"the file from there, or ask IT support to install a PDF reader. Print copies are removed after a day."
	dialog.ShowCustomConfirm("Saved, but not opened", "Open the folder", "Close", dialogText(text), func(open bool) {
		if !open {
			return
		}
		if err := pr.OpenFolder(filepath.Dir(path)); err != nil {
			showInfo(win, "The folder could not be opened", "The file is in:\n"+filepath.Dir(path))
		}
	}, win)
}

// settingsOpener is a window that can show the Settings screen: the main
// window is one.
type settingsOpener interface{ OpenSettings() }

// settingKeys are the fields of the Settings screen a refusal can name.
var settingKeys = map[string]bool{"teamPhone": true, "teamEmail": true, "displayName": true, "backupFolder": true}

// settingRefusal is the sentence of a refusal that depends on a setting
// (the team phone for the family copy), if err is one.
func settingRefusal(err error) (string, bool) {
	v, ok := app.AsValidation(err)
	if !ok {
		return "", false
	}
	for _, p := range v.Problems {
		if settingKeys[p.Field] {
			return p.Message, true
		}
	}
	return "", false
}

// offerSettings says something waits for a setting and offers to open
// Settings (closing the dialogs over the main window first; what was typed
// in them has been saved). On the team register only an admin may change
// the team's settings: the message says so.
func offerSettings(win fyne.Window, title, text string) {
	text += "\n\nOn the team register, the team's settings are changed by an admin."
	so, ok := win.(settingsOpener)
	if !ok {
		showInfo(win, title, text)
		return
	}
	dialog.ShowCustomConfirm(title, "Open Settings", "Close", dialogText(text), func(open bool) {
		if !open {
			return
		}
		for top := win.Canvas().Overlays().Top(); top != nil; top = win.Canvas().Overlays().Top() {
			win.Canvas().Overlays().Remove(top)
		}
		so.OpenSettings()
	}, win)
}

// settingsReader reads the settings (the services behind the screens do).
type settingsReader interface {
	Settings(ctx ctxT) (app.Settings, error)
}

// teamContactMissing checks, before a file is chosen, that the settings
// hold the team phone or email the family copies print; when they do not
// it offers Settings and returns true.
func teamContactMissing(win fyne.Window, settings func(ctxT) (app.Settings, error)) bool {
	set, err := settings(ctx())
	if err != nil {
		return false // the export itself will say what went wrong
	}
	if strings.TrimSpace(set.TeamPhone) != "" || strings.TrimSpace(set.TeamEmail) != "" {
		return false
	}
	offerSettings(win, "The team's phone or email is needed",
		"Family copies say who to contact: enter the team phone or email for families in Settings first.")
	return true
}
