// Package forms holds everything a person sees in DSP Desk: the main window,
// its screens and dialogs. It uses the domain in dspdesk/app and never the
// storage adapter.
package forms

import (
	"fyne.io/fyne/v2"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// Deps is what the screens need from the rest of the program.
type Deps struct {
	Clock    app.Clock
	Calendar *calendar.Calendar
	Settings app.Settings
	Version  string
}

// NewMainWindow builds the main window titled "DSP Desk".
func NewMainWindow(a fyne.App, d Deps) fyne.Window {
	w := a.NewWindow("DSP Desk")
	w.SetContent(NewWelcome(d))
	w.Resize(fyne.NewSize(1100, 720))
	w.CenterOnScreen()
	w.SetMaster()
	return w
}
