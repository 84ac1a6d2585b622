package forms

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// showDuplicates shows the people who may be the one referred, beside what
// was typed; the user links to one or confirms a new person.
func showDuplicates(win fyne.Window, typed app.Person, matches []app.PersonMatch, choose func(app.SubmitOptions)) {
	describe := func(p app.Person) string {
		nhs := p.NHSNumber.String()
		if nhs == "" {
			nhs = "not known"
		}
		return fmt.Sprintf("%s\nBorn %s\nNHS number %s\n%s, %s\n%s", p.FullName(), app.FormatDate(p.DateOfBirth), nhs, p.Address, p.Postcode, p.LocalAuthority)
	}
	var d dialog.Dialog
	cols := []fyne.CanvasObject{widget.NewCard("You entered", "", wrapped(describe(typed)))}
	for _, m := range matches {
		m := m
		link := widget.NewButton("Link to this person", func() {
			d.Hide()
			choose(app.SubmitOptions{LinkPersonID: m.Person.ID})
		})
		link.Importance = widget.HighImportance
		box := container.NewVBox(wrapped(describe(m.Person)), link)
		if diffs := app.PersonDifferences(m.Person, typed); len(diffs) > 0 {
			update := widget.NewButton("Link and update their details", func() {
				d.Hide()
				choose(app.SubmitOptions{LinkPersonID: m.Person.ID, UpdateLinked: true, LinkPersonVersion: m.Person.Version})
			})
			diffLabel := wrapped("Different from what you typed:\n" + strings.Join(diffs, "\n"))
			diffLabel.Importance = widget.WarningImportance
			box = container.NewVBox(wrapped(describe(m.Person)), diffLabel, link, update)
		}
		cols = append(cols, widget.NewCard("Already recorded", m.Reason.String(), box))
	}
	cancel := widget.NewButton("Go back to the form", func() { d.Hide() })
	intro := "Someone like this is already recorded. Link the referral to them, or confirm this is a new person."
	buttons := container.NewHBox(cancel)
	if app.MayBeNewPerson(matches) {
		buttons.Add(widget.NewButton("This is a new person", func() {
			d.Hide()
			choose(app.SubmitOptions{ConfirmedNew: true})
		}))
	} else {
		// the same NHS number is the same person: no second record
		intro = "This NHS number is already recorded. Link the referral to the person who has it, or go back and check the number."
	}
	body := container.NewBorder(wrapped(intro),
		buttons, nil, nil, container.NewHScroll(container.NewGridWithColumns(len(cols), cols...)))
	d = dialog.NewCustomWithoutButtons("Is this someone already known?", body, win)
	width := fyne.Min(float32(300*len(cols)+60), win.Canvas().Size().Width-40)
	d.Resize(fyne.NewSize(width, fyne.Min(420, win.Canvas().Size().Height-40)))
	d.Show()
}

// ShowDrafts lists the referral drafts: open one to carry on, or discard it.
func ShowDrafts(win fyne.Window, svc ReferralService, onOpen func(app.Draft)) {
	drafts, err := svc.Drafts(ctx())
	if err != nil {
		showError(win, "Could not load the drafts", err)
		return
	}
	if len(drafts) == 0 {
		showInfo(win, "Referral drafts", "There are no drafts. A draft is kept while a referral is being typed.")
		return
	}
	var d dialog.Dialog
	list := container.NewVBox()
	var fill func()
	fill = func() {
		list.Objects = nil
		for _, dr := range drafts {
			dr := dr
			open := widget.NewButton("Open", func() { d.Hide(); onOpen(dr) })
			open.Importance = widget.HighImportance
			discard := widget.NewButton("Discard", func() {
				dialog.ShowCustomConfirm("Discard this draft?", "Discard", "Keep it", dialogText("The draft \""+dr.Title()+"\" will be deleted. A submitted referral is not affected."), func(ok bool) {
					if !ok {
						return
					}
					if err := svc.DiscardDraft(ctx(), dr.ID, "discarded by the user"); err != nil {
						showError(win, "The draft was not discarded", err)
						return
					}
					drafts = removeDraft(drafts, dr.ID)
					fill()
				}, win)
			})
			label := widget.NewLabel(fmt.Sprintf("%s · last changed %s", dr.Title(), dr.UpdatedAt.In(app.ServiceLocation).Format("Mon 2 Jan 15:04")))
			list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, discard), label))
		}
		if len(drafts) == 0 {
			list.Add(widget.NewLabel("No drafts left."))
		}
		list.Refresh()
	}
	fill()
	d = dialog.NewCustom("Referral drafts", "Close", container.NewVScroll(list), win)
	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

func removeDraft(ds []app.Draft, id int64) []app.Draft {
	out := ds[:0:0]
	for _, d := range ds {
		if d.ID != id {
			out = append(out, d)
		}
	}
	return out
}
