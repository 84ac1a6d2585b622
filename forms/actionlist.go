package forms

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// The first choice of a filter turns it off. allChoice stands for it in
// SetFilters (for tests).
const (
	allChoice   = "All"
	allAgencies = "All agencies"
	allOwners   = "All owners"
)

// ActionsScreen is every outstanding action across people, by due date,
// filtered by agency, owner, person and overdue; each row's status changes
// in place (audited), and tapping a row opens the action.
type ActionsScreen struct {
	widget.BaseWidget
	src      WorkSource
	svc      FollowUpService // nil: the list is read-only
	clock    app.Clock
	win      fyne.Window
	onOpen   func(int64)
	onError  func(error)
	cal      *calendar.Calendar
	all      []app.ActionRow
	rows     []app.ActionRow
	agency   *widget.Select
	owner    *widget.Select
	person   *widget.Entry
	overdue  *widget.Check
	blocked  *widget.Check
	summary  *widget.Label
	list     *widget.List
	content  fyne.CanvasObject
	updating bool
}

// NewActionsScreen builds the Actions screen; call Reload to fill it.
func NewActionsScreen(src WorkSource, svc FollowUpService, clock app.Clock, win fyne.Window, onOpen func(int64), onError func(error)) *ActionsScreen {
	s := &ActionsScreen{src: src, svc: svc, clock: clock, win: win, onOpen: onOpen, onError: onError, cal: calendar.Default()}
	s.ExtendBaseWidget(s)
	s.updating = true // no filtering until every widget exists
	defer func() { s.updating = false }()
	s.agency = widget.NewSelect([]string{allAgencies}, func(string) { s.filter() })
	s.agency.SetSelectedIndex(0)
	s.owner = widget.NewSelect([]string{allOwners}, func(string) { s.filter() })
	s.owner.SetSelectedIndex(0)
	s.person = widget.NewEntry()
	s.person.SetPlaceHolder("Person's name")
	s.person.OnChanged = func(string) { s.filter() }
	s.overdue = widget.NewCheck("Overdue only", func(bool) { s.filter() })
	s.blocked = widget.NewCheck("Blocked only", func(bool) { s.filter() })
	s.summary = wrapped("Loading…")
	s.list = widget.NewList(func() int { return len(s.rows) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		if id < len(s.rows) {
			s.open(s.rows[id])
		}
	}
	filters := container.NewHBox(s.agency, s.owner,
		container.NewGridWrap(fyne.NewSize(190, s.person.MinSize().Height), s.person), s.overdue, s.blocked)
	top := container.NewVBox(heading("Actions"), s.summary, container.NewHScroll(filters), widget.NewSeparator())
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *ActionsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Rows returns the actions shown (for tests).
func (s *ActionsScreen) Rows() []app.ActionRow { return s.rows }

// SetFilters sets the filters, for tests: "" leaves one as it is.
func (s *ActionsScreen) SetFilters(agency, owner, person string, overdue bool) {
	chooseNamed(s.agency, agency)
	chooseNamed(s.owner, owner)
	s.person.SetText(person)
	s.overdue.SetChecked(overdue)
	s.filter()
}

// Reload reads the outstanding actions again.
func (s *ActionsScreen) Reload() {
	var rows []app.ActionRow
	var err error
	cal := s.cal
	background(func() {
		rows, err = s.src.OutstandingActions(ctx())
		if s.svc != nil {
			cal = calendarOf(s.svc)
		}
	}, func() {
		if err != nil {
			s.summary.SetText("The actions could not be loaded.")
			if s.onError != nil {
				s.onError(err)
			}
			return
		}
		s.all, s.cal = rows, cal
		s.choices()
		s.filter()
	})
}

// choices fills the agency and owner filters from the actions loaded.
func (s *ActionsScreen) choices() {
	set := func(sel *widget.Select, all string, of func(app.ActionRow) string) {
		seen := map[string]bool{}
		var opts []string
		for _, r := range s.all {
			if v := strings.TrimSpace(of(r)); v != "" && !seen[strings.ToLower(v)] {
				seen[strings.ToLower(v)] = true
				opts = append(opts, v)
			}
		}
		sort.Slice(opts, func(i, j int) bool { return strings.ToLower(opts[i]) < strings.ToLower(opts[j]) })
		keep := strings.ToLower(sel.Selected)
		s.updating = true
		sel.Options = append([]string{all}, opts...)
		sel.SetSelectedIndex(0)
		for i, o := range sel.Options {
			// the same choice, however another record spells it
			if i > 0 && strings.ToLower(o) == keep {
				sel.SetSelectedIndex(i)
			}
		}
		s.updating = false
	}
	set(s.agency, allAgencies, func(r app.ActionRow) string { return r.Agency })
	set(s.owner, allOwners, func(r app.ActionRow) string { return r.Owner })
}

// filter shows the actions that match every filter, by due date.
func (s *ActionsScreen) filter() {
	if s.updating {
		return
	}
	now := s.clock.Now()
	agency, owner := s.agency.Selected, s.owner.Selected
	person := strings.ToLower(strings.TrimSpace(s.person.Text))
	s.rows = s.rows[:0]
	overdue, blocked := 0, 0
	for _, r := range s.all {
		switch {
		case s.agency.SelectedIndex() > 0 && !strings.EqualFold(strings.TrimSpace(r.Agency), agency),
			s.owner.SelectedIndex() > 0 && !strings.EqualFold(strings.TrimSpace(r.Owner), owner),
			person != "" && !strings.Contains(strings.ToLower(r.PersonName), person),
			s.overdue.Checked && !r.Overdue(now),
			s.blocked.Checked && r.Status != app.ActionBlocked:
			continue
		}
		s.rows = append(s.rows, r)
		if r.Overdue(now) {
			overdue++
		}
		if r.Status == app.ActionBlocked {
			blocked++
		}
	}
	sort.SliceStable(s.rows, func(i, j int) bool { return s.rows[i].Due.Before(s.rows[j].Due) })
	text := fmt.Sprintf("%d outstanding actions across everyone; %d shown, %d of them overdue and %d blocked. Actions are followed to completion: change a status here, or tap an action for its progress log.",
		len(s.all), len(s.rows), overdue, blocked)
	s.summary.SetText(text)
	s.list.Refresh()
}

func (s *ActionsScreen) newRow() fyne.CanvasObject {
	// the widest due line sets the column, so a long overdue note never
	// runs into the text beside it
	due := widget.NewLabel("due 28 Dec 2026 · 999 working days overdue")
	due.TextStyle.Bold = true
	width := due.MinSize().Width
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewSelect(names(app.ActionStatuses), nil)
	person := widget.NewButtonWithIcon("", theme.AccountIcon(), nil)
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(width, due.MinSize().Height), due),
		container.NewHBox(status, person), text)
}

func (s *ActionsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	r := s.rows[id]
	now := s.clock.Now()
	box := o.(*fyne.Container)
	text := box.Objects[0].(*widget.Label)
	due := box.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	right := box.Objects[2].(*fyne.Container)
	status, person := right.Objects[0].(*widget.Select), right.Objects[1].(*widget.Button)

	d := "due " + shortDate(r.Due)
	due.Importance = widget.MediumImportance
	if r.Overdue(now) {
		if n := r.WorkingDaysOverdue(now, s.cal); n > 0 {
			d += " · " + plural(n, "working day") + " overdue"
		} else {
			d += " · overdue"
		}
		due.Importance = widget.DangerImportance
	}
	due.SetText(d)
	line := fmt.Sprintf("%s · %s · %s (%s)", r.PersonName, r.Description, r.Owner, r.Agency)
	if r.Status == app.ActionBlocked && r.StatusReason != "" {
		line += " · blocked: " + r.StatusReason
	}
	if r.GapID != 0 {
		line += " · gap in service raised"
	}
	text.SetText(line)
	status.OnChanged = nil
	status.SetSelected(r.Status.String())
	if s.svc == nil {
		status.Disable()
	} else {
		status.Enable()
		action := r.Action
		status.OnChanged = func(v string) {
			to := statusNamed(v)
			if to == action.Status || to == 0 {
				return
			}
			changeStatus(s.win, s.svc, action, to, s.clock.Now(), func(app.Action) { s.Reload() }, s.raiseGap)
		}
	}
	personID := r.PersonID
	person.OnTapped = func() { s.onOpen(personID) }
}

// chooseNamed selects the choice named v in a filter: allChoice is its
// first choice (the filter off), "" leaves it as it is. For tests.
func chooseNamed(sel *widget.Select, v string) {
	switch v {
	case "":
	case allChoice:
		sel.SetSelectedIndex(0)
	default:
		sel.SetSelected(v)
	}
}

// statusNamed is the status whose name is v (0 when none).
func statusNamed(v string) app.ActionStatus {
	for _, st := range app.ActionStatuses {
		if st.String() == v {
			return st
		}
	}
	return 0
}

func (s *ActionsScreen) raiseGap(a app.Action) {
	ShowRaiseGapFromAction(s.win, s.svc, a, s.clock.Now(), func(app.Gap) { s.Reload() })
}

func (s *ActionsScreen) open(r app.ActionRow) {
	if s.svc == nil {
		s.onOpen(r.PersonID)
		return
	}
	ShowAction(s.win, s.svc, r.ID, s.clock.Now(), s.Reload, func(gapID int64) {
		ShowGap(s.win, s.svc, gapID, r.PersonName, s.clock.Now(), func(app.Gap) { s.Reload() })
	})
}
