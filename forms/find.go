package forms

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// findDialog searches everyone from anywhere (Ctrl+F): both registers, by
// their search index, and the referrals awaiting a decision.
type findDialog struct {
	w       *MainWindow
	d       *dialog.CustomDialog
	search  *searchEntry
	list    *resultList
	summary *widget.Label
	found   []app.Found
}

// ShowFind opens the search for a person over the main window.
func (w *MainWindow) ShowFind() {
	f := &findDialog{w: w}
	f.search = newSearchEntry()
	f.search.SetPlaceHolder("Name, NHS number or record number (#123)")
	f.search.OnChanged = func(string) { f.run() }
	f.search.onEnter = func() { f.open(0) }
	f.search.onDown = func() {
		if len(f.found) > 0 {
			w.Canvas().Focus(f.list) // Up and Down move, Enter (or Space) opens
		}
	}
	f.summary = widget.NewLabel("Type to search the DSR, the ROAR and Triage.")
	f.summary.Wrapping = fyne.TextWrapWord
	f.list = newResultList(func() int { return len(f.found) }, func(id widget.ListItemID, l *widget.Label) {
		if id < len(f.found) {
			l.SetText(foundLine(f.found[id]))
		}
	})
	f.list.OnSelected = func(id widget.ListItemID) { f.open(id) }
	size := fitSize(fyne.NewSize(640, 420))
	body := container.NewBorder(container.NewVBox(f.search, f.summary), nil, nil, nil, f.list)
	f.d = dialog.NewCustom("Find a person", "Close", body, w)
	f.d.Resize(fyne.NewSize(fyne.Min(640, w.Canvas().Size().Width-40), fyne.Min(size.Height, w.Canvas().Size().Height-40)))
	f.d.Show()
	w.Canvas().Focus(f.search)
}

// foundLine describes a result: name, NHS number, where and record number.
func foundLine(f app.Found) string {
	nhs := f.NHSNumber.String()
	if nhs == "" {
		nhs = "NHS number not known"
	}
	s := fmt.Sprintf("%s · %s · %s", f.Name, nhs, f.Where)
	if f.Where == "Triage" {
		s += " (awaiting a decision)"
	}
	if f.PersonID != 0 {
		s += fmt.Sprintf(" · record %d", f.PersonID)
	}
	return s
}

func (f *findDialog) run() {
	f.found = app.FindPeople(f.search.Text, []*app.RegisterView{f.w.dsr.view, f.w.roar.view}, f.w.triage.queue)
	switch {
	case f.search.Text == "":
		f.summary.SetText("Type to search the DSR, the ROAR and Triage.")
	case len(f.found) == 0:
		f.summary.SetText("Nobody found. Check the spelling, or search by NHS number.")
	default:
		f.summary.SetText(app.Plural(len(f.found), "match", "matches") + ": Down to choose, Enter to open.")
	}
	f.list.UnselectAll()
	f.list.Refresh()
}

// open shows the person found at i (or the referral, in Triage).
func (f *findDialog) open(i int) {
	if i < 0 || i >= len(f.found) {
		return
	}
	r := f.found[i]
	f.d.Hide()
	if r.ReferralID != 0 {
		f.w.Select(ScreenTriage)
		f.w.triage.SelectReferral(r.ReferralID)
		return
	}
	f.w.OpenPerson(r.PersonID)
}

// resultList is a list of results that opens the highlighted one on Enter
// as well as Space (widget.List selects on Space only).
type resultList struct {
	widget.List
	highlighted widget.ListItemID
}

func newResultList(length func() int, update func(widget.ListItemID, *widget.Label)) *resultList {
	l := &resultList{}
	l.Length = length
	l.CreateItem = func() fyne.CanvasObject {
		lb := widget.NewLabel("Draftwood, Kieran · 999 000 1081 · DSR · record 12")
		lb.Truncation = fyne.TextTruncateEllipsis
		return lb
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { update(id, o.(*widget.Label)) }
	l.OnHighlighted = func(id widget.ListItemID) { l.highlighted = id }
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey opens the highlighted result on Enter.
func (l *resultList) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		l.Select(l.highlighted)
		return
	}
	l.List.TypedKey(e)
}
