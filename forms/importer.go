package forms

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/importing"
)

// ImportService brings a team's existing register in (File > Import a
// register): the same use case dspctl import runs.
type ImportService interface {
	// ImportSheets lists the sheets of a workbook ("" alone for a CSV).
	ImportSheets(path string) ([]string, error)
	// ReadImport reads the sheet, finding its header row.
	ReadImport(path, sheet string) (*importing.Table, error)
	// ImportMapping is the mapping to propose: the one saved for these
	// headings (saved true), else the guess.
	ImportMapping(ctx context.Context, t *importing.Table) (m importing.Mapping, saved bool, err error)
	PreviewImport(ctx context.Context, t *importing.Table, m importing.Mapping) (importing.Plan, error)
	// RunImport stores the plan as one batch; cancelling ctx stores nothing.
	RunImport(ctx context.Context, plan importing.Plan, progress func(done, total int)) (importing.Batch, error)
	// SaveImportProblems writes the refused rows to a workbook at path.
	SaveImportProblems(plan importing.Plan, path string) error
	ImportBatches(ctx context.Context) ([]importing.Batch, error)
	UndoImport(ctx context.Context, batchID int64) (importing.Batch, error)
}

// ImportWindow walks through an import: choose the file and sheet, confirm
// the mapping, preview, import with progress, and the result.
type ImportWindow struct {
	win     fyne.Window
	svc     ImportService
	onDone  func() // after an import or an undo (the screens reload)
	body    *fyne.Container
	path    *widget.Entry
	sheets  *widget.Select
	status  *widget.Label
	table   *importing.Table
	mapping importing.Mapping
	selects []*widget.Select
	plan    importing.Plan
	cancel  context.CancelFunc
	// afterRead runs once after the sheet is read (Open's then).
	afterRead func()

	// the parts tests look at
	MappingProblems *widget.Label
	PreviewButton   *widget.Button
	Summary         *widget.Label
	ImportButton    *widget.Button
	Progress        *widget.ProgressBar
	ProgressText    *widget.Label
	CancelButton    *widget.Button
	Result          *widget.Label
}

// ShowImport opens the import window.
func ShowImport(a fyne.App, svc ImportService, onDone func()) *ImportWindow {
	w := &ImportWindow{win: a.NewWindow("Import a register: DSP Desk"), svc: svc, onDone: onDone}
	w.body = container.NewStack()
	w.win.SetContent(container.NewPadded(w.body))
	w.showChoose()
	// closing the window during an import cancels it: nothing is stored
	w.win.SetOnClosed(func() {
		if w.cancel != nil {
			w.cancel()
		}
	})
	w.win.Resize(fyne.NewSize(900, 620))
	w.win.Show()
	return w
}

// Open reads the sheet of path as if chosen and goes on to the mapping
// (for screenshots and guides).
// then runs once the mapping is shown.
func (w *ImportWindow) Open(path string, then func()) {
	w.path.SetText(path)
	w.fileChosen(path)
	w.afterRead = then
	w.readSheet(path, w.sheets.Selected)
}

// Preview previews with the mapping shown, as the Preview button does.
func (w *ImportWindow) Preview() {
	if w.PreviewButton != nil && !w.PreviewButton.Disabled() {
		w.preview()
	}
}

// Window is the import window (for tests and screenshots).
func (w *ImportWindow) Window() fyne.Window { return w.win }

func (w *ImportWindow) set(o fyne.CanvasObject) {
	w.body.Objects = []fyne.CanvasObject{o}
	w.body.Refresh()
}

// showChoose is the first step: the file, its sheet, and earlier imports.
func (w *ImportWindow) showChoose() {
	w.path = widget.NewEntry()
	w.path.SetPlaceHolder("The register to import: an .xlsx workbook or a .csv file")
	w.sheets = widget.NewSelect(nil, nil)
	w.sheets.PlaceHolder = "(choose the file first)"
	w.status = wrapped("")
	choose := widget.NewButton("Choose…", w.chooseFile)
	w.path.OnSubmitted = func(string) { w.fileChosen(w.path.Text) }
	next := widget.NewButton("Read the sheet", func() { w.readSheet(w.path.Text, w.sheets.Selected) })
	next.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("File", container.NewBorder(nil, nil, nil, choose, w.path)),
		widget.NewFormItem("Sheet", w.sheets),
	)
	intro := wrapped("Bring in the register your team keeps in Excel: one row a person, with their name, date of birth, " +
		"register and rating (and NHS number, area, keyworker, last MAM, next review, notes if you have them). " +
		"Nothing is stored until you have seen a preview.")
	top := container.NewVBox(heading("Import a register"), intro, form, container.NewHBox(layout.NewSpacer(), next), w.status,
		widget.NewSeparator(), heading("Earlier imports"))
	w.set(container.NewBorder(top, nil, nil, nil, w.batchList()))
}

func (w *ImportWindow) chooseFile() {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		w.path.SetText(path)
		w.fileChosen(path)
	}, w.win)
	open.SetFilter(fynestorage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".XLSX", ".CSV"}))
	open.Resize(fyne.NewSize(800, 520))
	open.Show()
}

// fileChosen lists the file's sheets, choosing the first.
func (w *ImportWindow) fileChosen(path string) {
	names, err := w.svc.ImportSheets(strings.TrimSpace(path))
	if err != nil {
		w.status.SetText(errorText(err))
		return
	}
	w.status.SetText("")
	w.sheets.Options = nil
	for _, n := range names {
		if n != "" {
			w.sheets.Options = append(w.sheets.Options, n)
		}
	}
	if len(w.sheets.Options) == 0 {
		w.sheets.PlaceHolder = "(a CSV file has one sheet)"
		w.sheets.ClearSelected()
		return
	}
	w.sheets.SetSelectedIndex(0)
}

// readSheet reads the file and goes on to the mapping.
func (w *ImportWindow) readSheet(path, sheetName string) {
	path = strings.TrimSpace(path)
	if path == "" {
		w.status.SetText("Choose the file to import first.")
		return
	}
	w.status.SetText("Reading " + filepath.Base(path) + "…")
	var t *importing.Table
	var m importing.Mapping
	var saved bool
	var err error
	background(func() {
		if t, err = w.svc.ReadImport(path, sheetName); err == nil {
			m, saved, err = w.svc.ImportMapping(ctx(), t)
		}
	}, func() {
		if err != nil {
			w.status.SetText(errorText(err))
			return
		}
		if len(t.Header) == 0 {
			w.status.SetText("Nothing was imported: no heading row was found. The sheet needs a row naming its columns (Surname, Forename, DOB, RAG, Register...).")
			return
		}
		w.table, w.mapping = t, m
		w.showMapping(saved)
		if then := w.afterRead; then != nil {
			w.afterRead = nil
			then()
		}
	})
}

// showMapping lists each column with the field it goes to, for the user
// to confirm or change.
func (w *ImportWindow) showMapping(saved bool) {
	t := w.table
	where := fmt.Sprintf("Headings found on row %d", t.HeaderRow)
	if t.Sheet != "" {
		where += " of the sheet " + t.Sheet
	}
	where += fmt.Sprintf(", with %d rows below. ", len(t.Rows))
	if saved {
		where += "The mapping you used last time for these headings is filled in."
	} else {
		where += "Each column's field is guessed from its heading: check them."
	}
	options := []string{importing.FieldNone.String()}
	for _, f := range importing.Fields {
		options = append(options, f.String())
	}
	grid := container.New(layout.NewFormLayout())
	w.selects = make([]*widget.Select, len(t.Header))
	for i, h := range t.Header {
		i := i
		sel := widget.NewSelect(options, func(string) { w.mappingChanged() })
		if i < len(w.mapping) {
			sel.SetSelected(w.mapping[i].String())
		} else {
			sel.SetSelected(importing.FieldNone.String())
		}
		w.selects[i] = sel
		label := h
		if label == "" {
			label = "(no heading)"
		}
		if v := firstValue(t, i); v != "" {
			label += " (e.g. " + v + ")"
		}
		grid.Add(widget.NewLabel(importing.ColumnLetter(i) + ": " + label))
		grid.Add(sel)
	}
	w.MappingProblems = wrapped("")
	w.MappingProblems.Importance = widget.DangerImportance
	w.PreviewButton = widget.NewButton("Preview", w.preview)
	w.PreviewButton.Importance = widget.HighImportance
	back := widget.NewButton("Back", w.showChoose)
	top := container.NewVBox(heading("Which column is which?"), wrapped(where))
	bottom := container.NewVBox(w.MappingProblems, container.NewHBox(back, layout.NewSpacer(), w.PreviewButton))
	w.set(container.NewBorder(top, bottom, nil, nil, container.NewVScroll(grid)))
	w.mappingChanged()
}

// mappingChanged reads the choices and says what is wrong with them.
func (w *ImportWindow) mappingChanged() {
	if w.MappingProblems == nil {
		return // still being built
	}
	m := make(importing.Mapping, len(w.selects))
	for i, sel := range w.selects {
		for _, f := range append([]importing.Field{importing.FieldNone}, importing.Fields...) {
			if sel.Selected == f.String() {
				m[i] = f
			}
		}
	}
	w.mapping = m
	var lines []string
	for _, p := range m.Check(w.table.Header) {
		lines = append(lines, "• "+p.Message)
	}
	w.MappingProblems.SetText(strings.Join(lines, "\n"))
	if len(lines) > 0 {
		w.PreviewButton.Disable()
	} else {
		w.PreviewButton.Enable()
	}
}

// preview builds the plan (nothing stored) and shows its counts and the
// refused rows.
func (w *ImportWindow) preview() {
	var plan importing.Plan
	var err error
	w.MappingProblems.SetText("Checking every row…")
	background(func() { plan, err = w.svc.PreviewImport(ctx(), w.table, w.mapping) }, func() {
		if err != nil {
			w.MappingProblems.SetText(errorText(err))
			return
		}
		w.plan = plan
		w.showPreview()
	})
}

func (w *ImportWindow) showPreview() {
	c := w.plan.Counts
	text := "Preview, nothing stored yet: " + c.Summary(true)
	if w.plan.EarlierBatch != 0 {
		text += fmt.Sprintf(" This file was imported before (import %d): the people it added are recognised, not added twice.", w.plan.EarlierBatch)
	}
	if c.Added > 0 {
		text += " The people added go on the register and rating the sheet gives, marked \"consent not yet confirmed\" and \"rating to review\"."
	}
	w.Summary = wrapped(text)
	refused := w.plan.Refused()
	list := widget.NewList(func() int { return len(refused) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Row 10000: reason")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("Row %d: %s", refused[id].Number, strings.Join(refused[id].Reasons, " ")))
		})
	w.ImportButton = widget.NewButton(importLabel(c), w.runImport)
	w.ImportButton.Importance = widget.HighImportance
	if c.Added+c.Linked+c.SameAs == 0 {
		w.ImportButton.Disable()
	}
	back := widget.NewButton("Back to the mapping", func() { w.showMapping(false) })
	var refusedHead fyne.CanvasObject = widget.NewLabel("No row is refused.")
	if len(refused) > 0 {
		refusedHead = wrapped(fmt.Sprintf("%d rows will be refused, for these reasons. They are saved to a problems workbook "+
			"beside the file, to fix in Excel and import again.", len(refused)))
	}
	top := container.NewVBox(heading("Preview"), w.Summary, refusedHead)
	w.set(container.NewBorder(top, container.NewHBox(back, layout.NewSpacer(), w.ImportButton), nil, nil, list))
}

// runImport stores the plan with a progress bar and Cancel.
func (w *ImportWindow) runImport() {
	total := w.plan.Counts.Added + w.plan.Counts.Linked
	w.Progress = widget.NewProgressBar()
	w.Progress.Max = float64(max(total, 1))
	w.ProgressText = widget.NewLabel(fmt.Sprintf("0 of %d rows stored", total))
	c, cancel := context.WithCancel(ctx())
	w.cancel = cancel
	w.CancelButton = widget.NewButton("Cancel", func() {
		cancel()
		w.CancelButton.Disable()
		w.ProgressText.SetText("Cancelling: nothing will be stored…")
	})
	w.set(container.NewVBox(heading("Importing"), w.ProgressText, w.Progress, container.NewHBox(layout.NewSpacer(), w.CancelButton)))
	step := max(total/200, 1) // at most about 200 updates of the bar
	progress := func(done, total int) {
		if done%step != 0 && done != total {
			return
		}
		fyne.Do(func() {
			w.Progress.SetValue(float64(done))
			if c.Err() == nil {
				w.ProgressText.SetText(fmt.Sprintf("%d of %d rows stored", done, total))
			}
		})
	}
	var b importing.Batch
	var err error
	background(func() { b, err = w.svc.RunImport(c, w.plan, progress) }, func() {
		cancel()
		w.showResult(b, err)
	})
}

// showResult says what the import did and where the refused rows are.
func (w *ImportWindow) showResult(b importing.Batch, err error) {
	w.Result = wrapped("")
	switch {
	case errors.Is(err, context.Canceled):
		w.Result.SetText("Import cancelled: nothing was stored.")
	case err != nil:
		w.Result.SetText("Nothing was imported. " + errorText(err))
	default:
		text := fmt.Sprintf("Import %d done: %s", b.ID, w.plan.Counts.Summary(false))
		if n := len(w.plan.Refused()); n > 0 {
			text += "\n\n" + w.saveProblems(n)
		}
		if b.Added > 0 {
			text += "\n\nToday shows one item for this import until everyone's consent and rating are confirmed; " +
				"the registers' \"Needs attention\" filter lists them."
		}
		w.Result.SetText(text)
		if w.onDone != nil {
			w.onDone()
		}
	}
	closeB := widget.NewButton("Close", w.win.Close)
	again := widget.NewButton("Import another file", w.showChoose)
	w.set(container.NewVBox(heading("Import"), w.Result, container.NewHBox(again, layout.NewSpacer(), closeB)))
}

// saveProblems writes the refused rows beside the imported file and says
// where they are.
func (w *ImportWindow) saveProblems(n int) string {
	path := problemsPath(strings.TrimSpace(w.path.Text))
	if err := w.svc.SaveImportProblems(w.plan, path); err != nil {
		return fmt.Sprintf("The %d refused rows could not be saved beside the file: %s", n, errorText(err))
	}
	return fmt.Sprintf("The %d refused rows are in %s, with the reason in the \"Import problem\" column: fix them there and import that file.", n, path)
}

// problemsPath is FILE-problems.xlsx beside the imported file.
func problemsPath(source string) string {
	return strings.TrimSuffix(source, filepath.Ext(source)) + "-problems.xlsx"
}

// batchList lists earlier imports, each with Undo while it can be undone.
func (w *ImportWindow) batchList() fyne.CanvasObject {
	batches, err := w.svc.ImportBatches(ctx())
	if err != nil {
		return wrapped("The earlier imports could not be read. " + errorText(err))
	}
	if len(batches) == 0 {
		return widget.NewLabel("None yet.")
	}
	rows := container.NewVBox()
	for _, b := range batches {
		b := b
		text := fmt.Sprintf("Import %d, %s: %s, %d added, %d linked, %d refused, by %s", b.ID,
			app.FormatDateTime(b.At.In(app.ServiceLocation)), b.FileName, b.Added, b.Linked, b.Refused, b.By)
		if b.Undone() {
			rows.Add(widget.NewLabel(text + ". Undone."))
			continue
		}
		if b.Pending > 0 {
			text += fmt.Sprintf(" (%d to confirm)", b.Pending)
		}
		undo := widget.NewButton("Undo…", func() { w.confirmUndo(b) })
		if b.Added == 0 {
			undo.Disable()
		}
		label := widget.NewLabel(text)
		label.Truncation = fyne.TextTruncateEllipsis
		rows.Add(container.NewBorder(nil, nil, nil, undo, label))
	}
	return container.NewVScroll(rows)
}

func (w *ImportWindow) confirmUndo(b importing.Batch) {
	msg := fmt.Sprintf("The %d people import %d added will be marked \"removed: imported in error\" and leave every list and count. "+
		"Nothing is deleted, and the audit log keeps what happened. This is only possible while none of them has been changed since.", b.Added, b.ID)
	dialog.ShowCustomConfirm("Undo the whole import?", "Undo the import", "Keep it", wrapped(msg), func(yes bool) {
		if !yes {
			return
		}
		if _, err := w.svc.UndoImport(ctx(), b.ID); err != nil {
			showError(w.win, "The import was not undone", err)
			return
		}
		if w.onDone != nil {
			w.onDone()
		}
		w.showChoose()
	}, w.win)
}

// firstValue is column i's first value below the header, shortened.
func firstValue(t *importing.Table, i int) string {
	for _, r := range t.Rows {
		if i < len(r.Cells) && strings.TrimSpace(r.Cells[i]) != "" {
			v := strings.TrimSpace(r.Cells[i])
			if len([]rune(v)) > 24 {
				v = string([]rune(v)[:24]) + "…"
			}
			return v
		}
	}
	return ""
}

// importLabel is the import button's text: how many people are added and
// how many already known are linked (a row repeated in the sheet joins the
// person its first row adds, so it is not counted again).
func importLabel(c importing.Counts) string {
	label := "Import: add " + app.Plural(c.Added, "person", "people")
	if c.Linked > 0 {
		label += fmt.Sprintf(", link %d already known", c.Linked)
	}
	return label
}
