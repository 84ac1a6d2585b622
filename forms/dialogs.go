package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// field is one labelled input of a form dialog; key names the app field
// whose validation message shows beside it.
type field struct {
	key    string
	label  string
	widget fyne.CanvasObject
	hint   string
	// text, when set, is what the input holds for the list of what the
	// user typed after a reload (inputs made of many rows).
	text func() string
}

// maxFormHeight is the tallest a form dialog's fields grow before they
// scroll in a small window (a 1024x640 laptop screen still shows the
// buttons); a taller window lets them grow to its height.
const maxFormHeight = 440

// formDialogWidth is a form dialog's width: room for a label column and
// entries a sentence wide.
const formDialogWidth = 680

// formDialog is a modal form that stays open until its submit succeeds.
// Problems show beside their fields; other errors show above the buttons.
type formDialog struct {
	d      *dialog.CustomDialog
	form   *widget.Form
	items  map[string]*widget.FormItem
	errs   map[string]*widget.Label
	status *widget.Label
	submit *widget.Button
	// onCancel runs when the user cancels (not after a submit).
	onCancel func()
	fields   []field
	win      fyne.Window
	scroll   *container.Scroll
	content  *fyne.Container
	// buttons holds Cancel and submit; extra holds what goes under the status.
	buttons, extra *fyne.Container
	// reload, load and mine recover from a conflict (offerReload).
	reload *widget.Button
	load   func() error
	mine   *widget.Label
	opened map[string]string // the inputs as the record was when loaded
}

// showFormDialog opens a form. onSubmit returns an error to keep it open
// with the problems shown, or nil and (optionally) what to do once it has
// closed, such as showing what was created.
func showFormDialog(w fyne.Window, title, submitLabel string, fields []field, onSubmit func() (func(), error)) *formDialog {
	fd := &formDialog{items: map[string]*widget.FormItem{}, errs: map[string]*widget.Label{}, fields: fields}
	fd.form = widget.NewForm()
	for _, f := range fields {
		input := f.widget
		if f.key != "" {
			var errLine *widget.Label
			input, errLine = withProblem(f.widget, f.hint)
			fd.errs[f.key] = errLine
		}
		item := widget.NewFormItem(f.label, input)
		if f.key == "" {
			item.HintText = f.hint
		}
		fd.form.AppendItem(item)
		fd.items[f.key] = item
	}
	fd.status = widget.NewLabel("")
	fd.status.Importance = widget.DangerImportance
	fd.status.Wrapping = fyne.TextWrapWord
	fd.status.Hide()
	cancel := widget.NewButton("Cancel", func() {
		fd.d.Hide()
		if fd.onCancel != nil {
			fd.onCancel()
		}
	})
	fd.submit = widget.NewButton(submitLabel, func() { fd.trySubmit(onSubmit) })
	fd.submit.Importance = widget.HighImportance
	// A long form scrolls inside the dialog so its buttons stay on screen.
	fd.scroll, fd.win = container.NewVScroll(fd.form), w
	fd.buttons = container.NewHBox(layout.NewSpacer(), cancel, fd.submit)
	fd.extra = container.NewVBox()
	fd.content = container.NewBorder(nil, container.NewVBox(fd.status, fd.extra, fd.buttons), nil, nil, fd.scroll)
	fd.d = dialog.NewCustomWithoutButtons(title, fd.content, w)
	fd.fit()
	fd.d.Show()
	return fd
}

// fit sizes the dialog to the window: the fields scroll in the room the
// title, the messages under them and the buttons leave, so a long message
// never pushes the buttons off a small screen or over the fields.
func (fd *formDialog) fit() {
	// twice: a wrapped message knows its height only once laid out at the dialog's width
	for range 2 {
		fd.fitOnce()
	}
}

func (fd *formDialog) fitOnce() {
	below := fd.buttons.MinSize().Height
	if fd.status.Visible() {
		below += fd.status.MinSize().Height
	}
	if fd.extra.Visible() {
		below += fd.extra.MinSize().Height
	}
	room := fyne.Max(maxFormHeight, fd.win.Canvas().Size().Height-260) + fd.buttons.MinSize().Height - below
	fd.scroll.SetMinSize(fyne.NewSize(fd.form.MinSize().Width, fyne.Min(fd.form.MinSize().Height, fyne.Max(room, 120))))
	fd.d.Resize(fyne.NewSize(formDialogWidth, fd.content.MinSize().Height+80))
	fd.content.Refresh() // lay out again even when the size did not change
}

func (fd *formDialog) trySubmit(onSubmit func() (func(), error)) {
	for _, l := range fd.errs {
		setProblem(l, "")
	}
	fd.status.Hide()
	after, err := onSubmit()
	if err == nil {
		fd.d.Hide()
		if after != nil {
			after()
		}
		return
	}
	if v, ok := app.AsValidation(err); ok {
		var rest string
		for _, p := range v.Problems {
			if l, ok := fd.errs[p.Field]; ok {
				setProblem(l, p.Message)
			} else {
				rest += p.Message + " "
			}
		}
		if rest != "" {
			fd.status.SetText(rest)
			fd.status.Show()
		}
	} else {
		fd.status.SetText(errorText(err))
		fd.status.Show()
		fd.conflicted(err)
	}
	fd.fit()
}
