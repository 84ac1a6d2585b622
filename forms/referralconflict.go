package forms

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// showConflict says who changed the linked person's record, and when,
// while the user compared it with what they typed; nothing was stored and
// the form keeps its text. Reload looks for the people again, so the
// newer details show beside what was typed.
func (f *ReferralForm) showConflict(c *app.ConflictError) {
	var d dialog.Dialog
	reload := widget.NewButton("Reload", func() {
		d.Hide()
		d, _ := f.collect()
		res, err := f.svc.SubmitReferral(ctx(), d.Referral, app.SubmitOptions{CheckOnly: true})
		switch {
		case errors.Is(err, app.ErrPossibleDuplicate):
			showDuplicates(f.win, d.Referral.Person, res.Duplicates, func(o app.SubmitOptions) { f.submit(o) })
		case err != nil:
			showError(f.win, "Could not look for the person again", err)
		default:
			dialog.ShowCustom("No one recorded matches now", "Close", wrapped("The person you compared with no longer matches what you typed. Check the details and submit again."), f.win)
		}
	})
	reload.Importance = widget.HighImportance
	closeBtn := widget.NewButton("Close", func() { d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeBtn, reload), nil, nil, wrapped(c.UserMessage()))
	d = dialog.NewCustomWithoutButtons("The referral was not stored", body, f.win)
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
}
