package forms

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// GapReportService writes the senior managers' report of gaps in service
// over a date range, as a PDF or a CSV file, and records the export.
type GapReportService interface {
	GapReportPDF(ctx ctxT, from, to time.Time, w io.Writer, fileName string) error
	GapReportCSV(ctx ctxT, from, to time.Time, w io.Writer, fileName string) error
}

// GapsScreen is the gaps register: every Gaps in Service form, newest
// first, filtered by category, local authority, age group, status and date
// range, with the senior managers' report.
type GapsScreen struct {
	widget.BaseWidget
	src      WorkSource
	svc      FollowUpService // nil: read-only
	clock    app.Clock
	win      fyne.Window
	onOpen   func(int64)
	onError  func(error)
	all      []app.GapRow
	loaded   bool // all has been read at least once
	rows     []app.GapRow
	category *widget.Select
	place    *widget.Select
	age      *widget.Select
	status   *widget.Select
	from, to *widget.Entry
	problem  *widget.Label
	summary  *widget.Label
	list     *widget.List
	content  fyne.CanvasObject
	ready    bool // every widget exists: filters may run
}

var gapStatuses = []app.GapStatus{app.GapOpen, app.GapEscalated, app.GapResponded, app.GapClosed}

// NewGapsScreen builds the gaps register; call Reload to fill it.
func NewGapsScreen(src WorkSource, svc FollowUpService, clock app.Clock, win fyne.Window, onOpen func(int64), onError func(error)) *GapsScreen {
	s := &GapsScreen{src: src, svc: svc, clock: clock, win: win, onOpen: onOpen, onError: onError}
	s.ExtendBaseWidget(s)
	// each filter's first choice ("All categories", ...) turns it off
	choose := func(all string, opts []string) *widget.Select {
		sel := widget.NewSelect(append([]string{all}, opts...), func(string) { s.filter() })
		sel.SetSelectedIndex(0)
		return sel
	}
	s.category = choose("All categories", names(app.GapCategories))
	s.place = choose("All local authorities", names(app.LocalAuthorities))
	s.age = choose("All ages", []string{app.CYP.String(), app.Adult.String()})
	s.status = choose("All statuses", append([]string{"Not closed"}, names(gapStatuses)...))
	s.from, s.to = widget.NewEntry(), widget.NewEntry()
	s.from.SetPlaceHolder("from dd/mm/yyyy")
	s.to.SetPlaceHolder("to dd/mm/yyyy")
	s.from.OnChanged = func(string) { s.filter() }
	s.to.OnChanged = func(string) { s.filter() }
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	s.summary = wrapped("Loading…")
	s.list = widget.NewList(func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			left := widget.NewLabel("28 Sep 2026")
			left.TextStyle.Bold = true
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewGridWrap(left.MinSize(), left), nil, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.rows) {
				return
			}
			g := s.rows[id]
			box := o.(*fyne.Container)
			box.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(shortDate(g.Date))
			box.Objects[0].(*widget.Label).SetText(gapLine(g, s.clock.Now()))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		if id < len(s.rows) {
			s.open(s.rows[id])
		}
	}
	var buttons []fyne.CanvasObject
	if svc != nil {
		add := widget.NewButtonWithIcon("Record a gap (anonymous)…", theme.ContentAddIcon(), func() {
			ShowRecordGap(win, svc, nil, clock.Now(), func(app.Gap) { s.Reload() })
		})
		buttons = append(buttons, add)
	}
	if rs, ok := src.(GapReportService); ok {
		report := widget.NewButtonWithIcon("Report for senior managers…", theme.DocumentIcon(), func() { s.showReport(rs) })
		report.Importance = widget.HighImportance
		buttons = append(buttons, report)
	}
	// each choice wide enough for its longest option
	wide := func(sel *widget.Select) fyne.CanvasObject {
		w := float32(0)
		for _, o := range sel.Options {
			w = fyne.Max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
		}
		return container.NewGridWrap(fyne.NewSize(w+6*theme.Padding()+theme.IconInlineSize()+16, sel.MinSize().Height), sel)
	}
	filters := container.NewHBox(wide(s.category), wide(s.place), wide(s.age), wide(s.status),
		container.NewGridWrap(fyne.NewSize(150, s.from.MinSize().Height), s.from),
		container.NewGridWrap(fyne.NewSize(150, s.to.MinSize().Height), s.to))
	top := container.NewVBox(container.NewBorder(nil, nil, heading("Gaps in service"), container.NewHBox(buttons...)),
		s.summary, container.NewHScroll(filters), s.problem, widget.NewSeparator())
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	s.ready = true
	return s
}

// CreateRenderer draws the screen.
func (s *GapsScreen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Rows returns the gaps shown (for tests).
func (s *GapsScreen) Rows() []app.GapRow { return s.rows }

// SetFilters sets the filters by their shown names, for tests ("" keeps one).
func (s *GapsScreen) SetFilters(category, place, age, status, from, to string) {
	for sel, v := range map[*widget.Select]string{s.category: category, s.place: place, s.age: age, s.status: status} {
		chooseNamed(sel, v)
	}
	s.from.SetText(from)
	s.to.SetText(to)
	s.filter()
}

// Reload reads the gaps again.
func (s *GapsScreen) Reload() {
	var rows []app.GapRow
	var err error
	background(func() { rows, err = s.src.Gaps(ctx()) }, func() {
		if err != nil {
			s.summary.SetText("The gaps in service could not be loaded.")
			if s.onError != nil {
				s.onError(err)
			}
			return
		}
		s.all, s.loaded = rows, true
		s.filter()
	})
}

func gapLine(g app.GapRow, now time.Time) string {
	who := g.PersonName
	if who == "" {
		who = "anonymous"
	}
	open := fmt.Sprintf("open %d days", g.DaysOpen(now))
	if g.Status == app.GapClosed {
		open = fmt.Sprintf("closed %s after %d days", shortDate(g.ClosedOn), g.DaysOpen(now))
	}
	text := g.Summary
	if text == "" {
		text = g.Description
	}
	return fmt.Sprintf("%s · %s · %s · %s, %s · %s · %s", g.Category, g.Status, open, g.LocalAuthority, g.AgeGroup, who, text)
}

// filter shows the gaps that match every filter.
func (s *GapsScreen) filter() {
	if !s.ready {
		return
	}
	var p []string
	from, err := parseUKDate(s.from.Text)
	if err != nil {
		p = append(p, "The 'from' date: "+err.Error()+".")
	}
	to, err := parseUKDate(s.to.Text)
	if err != nil {
		p = append(p, "The 'to' date: "+err.Error()+".")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		p = append(p, "The 'to' date is before the 'from' date.")
	}
	if len(p) > 0 {
		setProblem(s.problem, strings.Join(p, " "))
		return
	}
	setProblem(s.problem, "")
	s.rows = s.rows[:0]
	notClosed := 0
	for _, g := range s.all {
		st := s.status.Selected
		switch {
		case s.category.SelectedIndex() > 0 && g.Category.String() != s.category.Selected,
			s.place.SelectedIndex() > 0 && g.LocalAuthority.String() != s.place.Selected,
			s.age.SelectedIndex() > 0 && g.AgeGroup.String() != s.age.Selected,
			st == "Not closed" && g.Status == app.GapClosed,
			s.status.SelectedIndex() > 1 && g.Status.String() != st,
			!from.IsZero() && g.Date.Before(from),
			!to.IsZero() && g.Date.After(to):
			continue
		}
		s.rows = append(s.rows, g)
		if g.Status != app.GapClosed {
			notClosed++
		}
	}
	s.summary.SetText(fmt.Sprintf("%s in service recorded; %d shown, %d of them not closed. They tell senior managers where services are missing: the report counts them without identifiers.",
		app.Plural(len(s.all), "gap", ""), len(s.rows), notClosed))
	s.list.Refresh()
}

func (s *GapsScreen) open(g app.GapRow) {
	if s.svc == nil {
		if g.PersonID != 0 {
			s.onOpen(g.PersonID)
		}
		return
	}
	ShowGap(s.win, s.svc, g.ID, g.PersonName, s.clock.Now(), func(app.Gap) { s.Reload() })
}

// showReport asks for the date range (this screen's, else the last
// financial year to date) and saves the report as PDF or CSV.
func (s *GapsScreen) showReport(rs GapReportService) {
	now := app.DateOf(s.clock.Now())
	start := app.Date(now.Year(), 4, 1) // the NHS year starts on 1 April
	if now.Before(start) {
		start = app.Date(now.Year()-1, 4, 1)
	}
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetText(orText(s.from.Text, formatUKDate(start)))
	to.SetText(orText(s.to.Text, formatUKDate(now)))
	format := widget.NewRadioGroup([]string{"PDF with a bar chart", "CSV for Excel"}, nil)
	format.SetSelected("PDF with a bar chart")
	// how many gaps the range holds, and what the report can show of them
	note := wrapped("")
	count := func(string) {
		f, ferr := parseUKDate(from.Text)
		t, terr := parseUKDate(to.Text)
		if !s.loaded || ferr != nil || terr != nil || f.IsZero() || t.IsZero() || t.Before(f) {
			note.SetText("") // nothing to count yet
			return
		}
		gaps := make([]app.Gap, len(s.all))
		for i, g := range s.all {
			gaps[i] = g.Gap
		}
		n := app.GapsRaisedBetween(gaps, f, t)
		note.Importance = widget.MediumImportance
		if n < app.SmallCount {
			note.Importance = widget.WarningImportance
		}
		note.SetText(app.GapReportNote(n))
	}
	from.OnChanged, to.OnChanged = count, count
	count("")
	showFormDialog(s.win, "Gaps in service: report for senior managers", "Save as…", []field{
		{key: "", label: "", widget: wrapped("Counts by category, local authority and age group, how long gaps have been open, and the short descriptions. No names or other identifiers; numbers under 5 are shown as \"<5\".")},
		{key: "from", label: "From", widget: from},
		{key: "to", label: "To", widget: to},
		{key: "", label: "In this range", widget: note},
		{key: "", label: "Format", widget: format},
	}, func() (func(), error) {
		var p app.Problems
		f, err := parseUKDate(from.Text)
		if err != nil || f.IsZero() {
			p.Add("from", "Enter the date as day/month/year.")
		}
		t, err := parseUKDate(to.Text)
		if err != nil || t.IsZero() {
			p.Add("to", "Enter the date as day/month/year.")
		}
		if err := p.Err(); err != nil {
			return nil, err
		}
		if t.Before(f) {
			p.Add("to", "The end of the range is before its start.")
			return nil, p.Err()
		}
		csv := format.Selected == "CSV for Excel"
		return func() {
			name := fmt.Sprintf("gaps-in-service-%s-to-%s", f.Format("2006-01-02"), t.Format("2006-01-02"))
			if csv {
				saveExport(s.win, "the gaps report", name+".csv", "", func(w io.Writer, base string) error {
					return rs.GapReportCSV(ctx(), f, t, w, base)
				})
				return
			}
			saveExport(s.win, "the gaps report", name+".pdf", "", func(w io.Writer, base string) error {
				return rs.GapReportPDF(ctx(), f, t, w, base)
			})
		}, nil
	})
}

func orText(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}
