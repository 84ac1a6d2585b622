package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fieldEntry is an entry of a long form: Tab always moves on to the next
// field (a multi-line entry takes Enter for a new line, never a tab), and
// leaving the field tells the form, which then checks it.
type fieldEntry struct {
	widget.Entry
	onLeave, onEscape func()
}

// TypedKey hands Escape to the form (which closes, keeping its draft).
func (e *fieldEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

func newFieldEntry(multiLine bool) *fieldEntry {
	e := &fieldEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves to the next field, also from a box of
// several lines.
func (e *fieldEntry) AcceptsTab() bool { return false }

// FocusLost checks the field once the user moves on.
func (e *fieldEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// wheelToForm lies over a box of several lines and hands the mouse wheel
// to the form's scroll, so the form scrolls wherever the pointer is (a
// text box would otherwise keep the wheel for itself). It takes nothing
// else: clicks, drags and the cursor reach the box under it.
type wheelToForm struct {
	widget.BaseWidget
	scroll func() *container.Scroll
}

func newWheelToForm(scroll func() *container.Scroll) *wheelToForm {
	w := &wheelToForm{scroll: scroll}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled scrolls the form.
func (w *wheelToForm) Scrolled(ev *fyne.ScrollEvent) {
	if s := w.scroll(); s != nil {
		s.Scrolled(ev)
	}
}

func (w *wheelToForm) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// withReservedProblem puts a one-line problem line under an input, and the
// grey guidance (hint) under that. The problem line keeps its place when
// empty, so a message appearing or going away never moves the fields
// below (a click meant for one field never lands on another); a message
// too long for the line ends in "…", and the form's status lists it whole.
func withReservedProblem(input fyne.CanvasObject, hint string) (fyne.CanvasObject, *widget.Label) {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	box := container.NewVBox(input, l)
	if hint != "" {
		h := widget.NewLabel(hint)
		h.SizeName = theme.SizeNameCaptionText
		h.Wrapping = fyne.TextWrapWord
		box.Add(h)
	}
	return box, l
}

// setReservedProblem shows msg on a reserved problem line ("" empties it).
func setReservedProblem(l *widget.Label, msg string) {
	text := ""
	if msg != "" {
		text = "⚠ " + msg
	}
	if l.Text != text {
		l.SetText(text)
	}
}

// searchEntry is a search box over a list: Down moves to the list's first
// row and Enter opens it, so a person is found and opened from the
// keyboard alone.
type searchEntry struct {
	widget.Entry
	onDown, onEnter func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey moves to the rows on Down and opens the first on Enter.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyDown && e.onDown != nil:
		e.onDown()
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && e.onEnter != nil:
		e.onEnter()
	default:
		e.Entry.TypedKey(k)
	}
}
