package forms

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// registerColumn is one column of a register table; cell is what it shows
// (see cellText).
type registerColumn struct {
	title string
	width float32
	sort  app.RegisterSort
	cell  int
}

// registerColumns come most important first, so a small screen shows the
// rating, the name, the next review and the actions without scrolling
// sideways; the rating and the name stay in view when the table scrolls.
var registerColumns = []registerColumn{
	{"Rating", 96, app.SortByRating, 0},
	{"Name", 210, app.SortByName, 1},
	{"Next review", 140, app.SortByReviewDue, 7},
	{"Actions", 128, app.SortByActions, 8},
	{"Age", 82, app.SortByAge, 3},
	{"NHS number", 112, app.SortByNHSNumber, 2},
	{"Area", 118, app.SortByLocalAuthority, 4},
	{"Last MAM", 100, app.SortByLastMAM, 6},
	{"Since", 100, app.SortBySince, 5},
	{"Organiser", 120, app.SortByOrganiser, 9},
}

// RegisterScreen is a register (DSR or ROAR) as a sortable, filterable
// table. All rows are loaded once; filtering and sorting run in memory off
// the UI goroutine, so typing and sorting never query the database.
type RegisterScreen struct {
	widget.BaseWidget

	register app.Register
	source   RegisterSource
	clock    app.Clock
	onOpen   func(personID int64)
	onError  func(error)

	view    *app.RegisterView
	visible []int32 // positions in view.Rows, filtered and sorted
	sortBy  app.RegisterSort
	desc    bool
	seq     int // drops stale background results

	search    *searchEntry
	ratings   map[app.Rating]*widget.Check
	la        *widget.Select
	age       *widget.Select
	attention *widget.Check
	summary   *widget.Label
	shown     *widget.Label
	table     *registerTable
	content   fyne.CanvasObject
	// win is where export dialogs open (set by the main window).
	win fyne.Window
}

// NewRegisterScreen builds the table for reg; call Reload to fill it.
func NewRegisterScreen(reg app.Register, src RegisterSource, clock app.Clock, onOpen func(int64), onError func(error)) *RegisterScreen {
	s := &RegisterScreen{register: reg, source: src, clock: clock, onOpen: onOpen, onError: onError, ratings: map[app.Rating]*widget.Check{},
		view: app.NewRegisterView(nil)}
	s.ExtendBaseWidget(s)
	s.search = newSearchEntry()
	s.search.SetPlaceHolder("Search name or NHS number (Down: the rows, Enter: open the first)")
	s.search.OnChanged = func(string) { s.apply() }
	s.search.onDown = func() { s.table.focusRow(0) }
	s.search.onEnter = func() {
		if len(s.visible) > 0 {
			s.open(0)
		}
	}
	filters := []fyne.CanvasObject{widget.NewLabel("Show:")}
	for _, r := range app.Ratings {
		c := widget.NewCheck(r.String(), func(bool) { s.apply() })
		s.ratings[r] = c
		filters = append(filters, c)
	}
	laOptions := []string{"All areas"}
	for _, a := range app.LocalAuthorities {
		laOptions = append(laOptions, a.String())
	}
	s.la = widget.NewSelect(laOptions, func(string) { s.apply() })
	s.la.SetSelectedIndex(0)
	s.age = widget.NewSelect([]string{"All ages", "CYP (under 18)", "Adults (18+)"}, func(string) { s.apply() })
	s.age.SetSelectedIndex(0)
	s.attention = widget.NewCheck("Needs attention", func(bool) { s.apply() })
	filters = append(filters, s.la, s.age, s.attention)
	s.summary = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.shown = widget.NewLabel("")
	s.table = newRegisterTable(s)
	toExcel := widget.NewButton("Export to Excel…", func() { s.export(".xlsx") })
	toCSV := widget.NewButton("Export to CSV…", func() { s.export(".csv") })
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading(reg.Title()+" ("+reg.String()+")"), container.NewHBox(toExcel, toCSV)),
		s.search,
		container.NewHBox(filters...),
		container.NewHBox(s.summary, s.shown),
	)
	s.content = container.NewBorder(top, nil, nil, nil, s.table)
	return s
}

// CreateRenderer draws the screen.
func (s *RegisterScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Reload reads the register from the database again; the rows shown stay
// until the new ones arrive.
func (s *RegisterScreen) Reload() {
	var rows []app.RegisterRow
	var view *app.RegisterView
	var err error
	background(func() {
		if rows, err = s.source.Register(ctx(), s.register); err == nil {
			view = app.NewRegisterView(rows)
		}
	}, func() {
		if err != nil {
			s.summary.SetText("The register could not be loaded.")
			if s.onError != nil {
				s.onError(err)
			}
			return
		}
		s.view = view
		s.summary.SetText(app.RegisterSummary(s.register, rows))
		s.apply()
	})
}

// filter reads the filter widgets.
func (s *RegisterScreen) filter() app.RegisterFilter {
	f := app.RegisterFilter{Search: s.search.Text, NeedsAttention: s.attention.Checked, Today: s.clock.Now()}
	for _, r := range app.Ratings {
		if s.ratings[r].Checked {
			f.Ratings = append(f.Ratings, r)
		}
	}
	if i := s.la.SelectedIndex(); i > 0 {
		f.LocalAuthority = app.LocalAuthorities[i-1]
	}
	switch s.age.SelectedIndex() {
	case 1:
		f.AgeGroup = app.CYP
	case 2:
		f.AgeGroup = app.Adult
	}
	return f
}

// apply filters and sorts in the background and shows the result.
func (s *RegisterScreen) apply() {
	if s.table == nil {
		return
	}
	s.seq++
	seq, view, f, by, desc := s.seq, s.view, s.filter(), s.sortBy, s.desc
	var out []int32
	background(func() {
		out = view.Select(f, by, desc)
	}, func() {
		if seq != s.seq {
			return // a newer filter is on its way
		}
		s.visible = out
		if len(out) == len(view.Rows) {
			s.shown.SetText("")
		} else {
			s.shown.SetText(fmt.Sprintf("(showing %d)", len(out)))
		}
		s.table.UnselectAll()
		s.table.Refresh()
	})
}

// SortBy sorts by a column; sorting by the same column again reverses it.
func (s *RegisterScreen) SortBy(by app.RegisterSort) {
	if s.sortBy == by {
		s.desc = !s.desc
	} else {
		s.sortBy, s.desc = by, false
	}
	s.apply()
}

// Rows returns the rows shown, in order (for tests).
func (s *RegisterScreen) Rows() []app.RegisterRow {
	out := make([]app.RegisterRow, len(s.visible))
	for i, j := range s.visible {
		out[i] = s.view.Rows[j]
	}
	return out
}

// Search sets the search text as if typed.
func (s *RegisterScreen) Search() *widget.Entry { return &s.search.Entry }

// open opens the person on a visible row.
func (s *RegisterScreen) open(row int) {
	if row >= 0 && row < len(s.visible) && s.onOpen != nil {
		s.onOpen(s.view.Rows[s.visible[row]].PersonID)
	}
}

// cellText is the text of a column for a row; ok is false for the rating
// column, which draws a badge.
func cellText(r *app.RegisterRow, col int, today time.Time) (text string, importance widget.Importance) {
	switch col {
	case 0:
		return r.Rating.String(), widget.MediumImportance
	case 1:
		name := r.Name()
		if r.Inpatient {
			name += " · inpatient"
		}
		switch {
		case r.Consent == app.ConsentWithdrawn:
			return name + " · consent withdrawn", widget.DangerImportance
		case r.ConsentUnconfirmed:
			return name + " · to confirm", widget.WarningImportance
		case r.RatingToReview:
			return name + " · rating to review", widget.WarningImportance
		case r.DetailsIncomplete:
			name += " · details incomplete"
		case r.Consent == app.ConsentMissing:
			return name + " · no consent", widget.DangerImportance
		}
		return name, widget.MediumImportance
	case 2:
		if r.NHSNumber == "" {
			return "not known", widget.MediumImportance
		}
		return r.NHSNumber.String(), widget.MediumImportance
	case 3:
		age := r.Age(today)
		return fmt.Sprintf("%d · %s", age, app.AgeGroupOn(r.DateOfBirth, today)), widget.MediumImportance
	case 4:
		return r.LocalAuthority.String(), widget.MediumImportance
	case 5:
		return shortDate(r.Since), widget.MediumImportance
	case 6:
		if r.LastMAM.IsZero() {
			return "none yet", widget.MediumImportance
		}
		return shortDate(r.LastMAM.In(app.ServiceLocation)), widget.MediumImportance
	case 7:
		if r.ReviewDue.IsZero() {
			return "", widget.MediumImportance
		}
		if app.DateOf(today).After(r.ReviewDue) {
			return shortDate(r.ReviewDue) + " overdue", widget.DangerImportance
		}
		return shortDate(r.ReviewDue), widget.MediumImportance
	case 8:
		switch {
		case r.OverdueActions > 0:
			return fmt.Sprintf("%d open, %d overdue", r.OpenActions, r.OverdueActions), widget.DangerImportance
		case r.OpenActions > 0:
			return fmt.Sprintf("%d open", r.OpenActions), widget.MediumImportance
		}
		return "none open", widget.MediumImportance
	case 9:
		return r.Organiser, widget.MediumImportance
	}
	return "", widget.MediumImportance
}

// registerTable is a widget.Table that opens a row on Enter or double-click.
type registerTable struct {
	widget.Table
	screen *RegisterScreen
	row    int
}

func newRegisterTable(s *RegisterScreen) *registerTable {
	t := &registerTable{screen: s, row: -1}
	t.Length = func() (int, int) { return len(s.visible), len(registerColumns) }
	t.CreateCell = func() fyne.CanvasObject {
		badge := newRatingBadge(0)
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		return container.NewStack(container.NewHBox(badge, widget.NewLabel("")), label)
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		stack := o.(*fyne.Container)
		badgeBox, label := stack.Objects[0].(*fyne.Container), stack.Objects[1].(*widget.Label)
		if id.Row >= len(s.visible) {
			return
		}
		r := &s.view.Rows[s.visible[id.Row]]
		cell := registerColumns[id.Col].cell
		text, imp := cellText(r, cell, s.clock.Now())
		if cell == 0 {
			badgeBox.Show()
			label.Hide()
			badgeBox.Objects[0].(*ratingBadge).SetRating(r.Rating)
			badgeBox.Objects[1].(*widget.Label).SetText(text)
			return
		}
		badgeBox.Hide()
		label.Show()
		label.Importance = imp
		label.SetText(text)
	}
	t.ShowHeaderRow = true
	t.StickyColumnCount = 2
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(registerColumns) {
			b.SetText("")
			return
		}
		c := registerColumns[id.Col]
		title := c.title
		if s.sortBy == c.sort {
			if s.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		b.OnTapped = func() { s.SortBy(c.sort) }
	}
	t.OnSelected = func(id widget.TableCellID) { t.row = id.Row }
	t.OnUnselected = func(widget.TableCellID) { t.row = -1 }
	t.ExtendBaseWidget(t)
	for i, c := range registerColumns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// TypedKey opens the selected row on Enter or Return; Up and Down move
// the selection a row (Up from the first row goes back to the search).
func (t *registerTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.row >= 0 {
			t.screen.open(t.row)
		}
	case fyne.KeyDown:
		t.focusRow(t.row + 1)
	case fyne.KeyUp:
		if t.row <= 0 {
			if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
				c.Focus(t.screen.search)
			}
			return
		}
		t.focusRow(t.row - 1)
	default:
		t.Table.TypedKey(e)
	}
}

// focusRow puts the keyboard on the table and selects row (kept inside
// the rows shown), scrolling to it.
func (t *registerTable) focusRow(row int) {
	n := len(t.screen.visible)
	if n == 0 {
		return
	}
	row = max(0, min(row, n-1))
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
	id := widget.TableCellID{Row: row, Col: 1}
	t.Select(id)
	t.ScrollTo(id)
}

// DoubleTapped opens the row that was tapped.
func (t *registerTable) DoubleTapped(e *fyne.PointEvent) {
	t.Tapped(e)
	if t.row >= 0 {
		t.screen.open(t.row)
	}
}

// export saves the rows shown (filtered and sorted as on screen) as a
// workbook (ext ".xlsx") or CSV (".csv"), audited, and says how many people
// whose consent is withdrawn were left out.
func (s *RegisterScreen) export(ext string) {
	if s.win == nil {
		return
	}
	name := strings.ToLower(s.register.String()) + "-" + s.clock.Now().In(app.ServiceLocation).Format("2006-01-02") + ext
	var done app.RegisterExport
	saveExportThen(s.win, "the "+s.register.String()+" export", name, func(w io.Writer, base string) error {
		var err error
		done, err = s.WriteExport(w, base)
		return err
	}, func() string {
		return strings.TrimSpace(fmt.Sprintf("%d people written. %s", len(done.Rows), done.LeftOutSentence()))
	})
}

// WriteExport writes the rows shown, filtered and sorted as on screen, to
// w as the file base (.xlsx or .csv).
func (s *RegisterScreen) WriteExport(w io.Writer, base string) (app.RegisterExport, error) {
	return s.source.ExportRegister(ctx(), s.register, s.Rows(), w, base)
}

// SetNeedsAttention ticks or clears the "Needs attention" filter.
func (s *RegisterScreen) SetNeedsAttention(on bool) { s.attention.SetChecked(on) }
