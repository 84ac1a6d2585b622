package forms

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// listRow is a heading (person 0, heading set) or an item of a list screen.
type listRow struct {
	heading    string
	left, text string
	importance widget.Importance
	personID   int64
}

// rowList is a widget.List over listRows; tapping an item opens its person.
func rowList(rows *[]listRow, onOpen func(int64)) *widget.List {
	l := widget.NewList(func() int { return len(*rows) },
		func() fyne.CanvasObject {
			left := widget.NewLabel("Wed 25 Nov 15:30")
			left.TextStyle.Bold = true
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, left, nil, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			text, left := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
			r := (*rows)[id]
			if r.heading != "" {
				left.SetText(r.heading)
				left.Importance = widget.HighImportance
				left.Refresh()
				text.SetText("")
				return
			}
			left.SetText(r.left)
			left.Importance = r.importance
			left.Refresh()
			text.SetText(r.text)
		})
	l.OnSelected = func(id widget.ListItemID) {
		l.Unselect(id)
		if r := (*rows)[id]; r.personID != 0 && onOpen != nil {
			onOpen(r.personID)
		}
	}
	return l
}

// MeetingsScreen lists MAMs across everyone by week: four weeks back to
// eight weeks ahead, with their state.
type MeetingsScreen struct {
	widget.BaseWidget
	source  WorkSource
	clock   app.Clock
	onError func(error)
	rows    []listRow
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

// NewMeetingsScreen builds the screen; call Reload to fill it.
func NewMeetingsScreen(src WorkSource, clock app.Clock, onOpen func(int64), onError func(error)) *MeetingsScreen {
	s := &MeetingsScreen{source: src, clock: clock, onError: onError}
	s.ExtendBaseWidget(s)
	s.summary = widget.NewLabel("Loading…")
	s.list = rowList(&s.rows, onOpen)
	s.content = container.NewBorder(container.NewVBox(heading("Meetings"), s.summary, widget.NewSeparator()), nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *MeetingsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// weekStart is the Monday of t's week, in London.
func weekStart(t time.Time) time.Time {
	d := app.DateOf(t.In(app.ServiceLocation))
	offset := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -offset)
}

// Reload reads the meetings again.
func (s *MeetingsScreen) Reload() {
	now := s.clock.Now()
	from, to := weekStart(now).AddDate(0, 0, -28), weekStart(now).AddDate(0, 0, 8*7)
	var ms []app.MeetingRow
	var err error
	background(func() { ms, err = s.source.MeetingsBetween(ctx(), from, to) }, func() {
		if err != nil {
			s.summary.SetText("The meetings could not be loaded.")
			s.onError(err)
			return
		}
		s.rows = meetingRows(ms, now)
		upcoming := 0
		for _, m := range ms {
			if m.Start.After(now) && m.Status != app.MeetingCancelled {
				upcoming++
			}
		}
		s.summary.SetText(fmt.Sprintf("%d meetings from %s to %s; %d still to come.", len(ms), app.FormatDate(from), app.FormatDate(to.AddDate(0, 0, -1)), upcoming))
		s.list.Refresh()
	})
}

func meetingRows(ms []app.MeetingRow, now time.Time) []listRow {
	var out []listRow
	var week time.Time
	for _, m := range ms {
		if ws := weekStart(m.Start); !ws.Equal(week) {
			week = ws
			label := "Week of " + ws.Format("Mon 2 Jan 2006")
			if ws.Equal(weekStart(now)) {
				label += " (this week)"
			}
			out = append(out, listRow{heading: label})
		}
		start := m.Start.In(app.ServiceLocation)
		imp := widget.MediumImportance
		state := m.Status.String()
		if m.End().Before(now) && (m.Status == app.MeetingPlanned || m.Status == app.MeetingFamilyContacted) {
			imp, state = widget.DangerImportance, "outcome not recorded"
		}
		pre := ""
		if m.HasPreMeeting() {
			pre = fmt.Sprintf(" (pre-meeting %s)", m.PreMeetingStart().In(app.ServiceLocation).Format("15:04"))
		}
		where := m.Place
		if where == "" {
			where = "online"
		}
		out = append(out, listRow{left: start.Format("Mon 2 Jan 15:04"), importance: imp, personID: m.PersonID,
			text: fmt.Sprintf("%s · %s%s · %s · %s · organiser %s", m.PersonName, m.Kind, pre, where, state, orDash(m.OrganiserName))})
	}
	return out
}

// Rows returns what the list shows (for tests).
func (s *MeetingsScreen) Rows() []listRow { return s.rows }

// ActionsScreen lists outstanding actions across everyone, overdue first.
type ActionsScreen struct {
	widget.BaseWidget
	source  WorkSource
	clock   app.Clock
	onError func(error)
	rows    []listRow
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

// NewActionsScreen builds the screen; call Reload to fill it.
func NewActionsScreen(src WorkSource, clock app.Clock, onOpen func(int64), onError func(error)) *ActionsScreen {
	s := &ActionsScreen{source: src, clock: clock, onError: onError}
	s.ExtendBaseWidget(s)
	s.summary = widget.NewLabel("Loading…")
	s.list = rowList(&s.rows, onOpen)
	s.content = container.NewBorder(container.NewVBox(heading("Actions"), s.summary, widget.NewSeparator()), nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *ActionsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Reload reads the actions again.
func (s *ActionsScreen) Reload() {
	now := s.clock.Now()
	var as []app.ActionRow
	var err error
	background(func() { as, err = s.source.OutstandingActions(ctx()) }, func() {
		if err != nil {
			s.summary.SetText("The actions could not be loaded.")
			s.onError(err)
			return
		}
		var overdue, rest []listRow
		for _, a := range as {
			r := listRow{left: "due " + shortDate(a.Due), personID: a.PersonID, importance: widget.MediumImportance,
				text: fmt.Sprintf("%s · %s · %s (%s) · %s", a.PersonName, a.Description, a.Owner, a.Agency, a.Status)}
			if a.Overdue(now) {
				r.importance = widget.DangerImportance
				overdue = append(overdue, r)
			} else {
				rest = append(rest, r)
			}
		}
		s.rows = nil
		if len(overdue) > 0 {
			s.rows = append(append(s.rows, listRow{heading: fmt.Sprintf("Overdue (%d)", len(overdue))}), overdue...)
		}
		if len(rest) > 0 {
			s.rows = append(append(s.rows, listRow{heading: fmt.Sprintf("Due (%d)", len(rest))}), rest...)
		}
		s.summary.SetText(fmt.Sprintf("%d outstanding actions, %d overdue. Actions are followed to completion.", len(as), len(overdue)))
		s.list.Refresh()
	})
}

// Rows returns what the list shows (for tests).
func (s *ActionsScreen) Rows() []listRow { return s.rows }

// GapsScreen lists the gaps in service, newest first, with counts by category.
type GapsScreen struct {
	widget.BaseWidget
	source  WorkSource
	onError func(error)
	rows    []listRow
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

// NewGapsScreen builds the screen; call Reload to fill it.
func NewGapsScreen(src WorkSource, onOpen func(int64), onError func(error)) *GapsScreen {
	s := &GapsScreen{source: src, onError: onError}
	s.ExtendBaseWidget(s)
	s.summary = wrapped("Loading…")
	s.list = rowList(&s.rows, onOpen)
	s.content = container.NewBorder(container.NewVBox(heading("Gaps in service"), s.summary, widget.NewSeparator()), nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *GapsScreen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Reload reads the gaps again.
func (s *GapsScreen) Reload() {
	var gs []app.GapRow
	var err error
	background(func() { gs, err = s.source.Gaps(ctx()) }, func() {
		if err != nil {
			s.summary.SetText("The gaps in service could not be loaded.")
			s.onError(err)
			return
		}
		counts := map[app.GapCategory]int{}
		open := 0
		s.rows = nil
		for _, g := range gs {
			counts[g.Category]++
			if g.Status != app.GapClosed {
				open++
			}
			who := g.PersonName
			if who == "" {
				who = "anonymous"
			}
			s.rows = append(s.rows, listRow{left: shortDate(g.Date), personID: g.PersonID, importance: widget.MediumImportance,
				text: fmt.Sprintf("%s · %s · %s · %s", g.Category, g.Status, who, g.Description)})
		}
		text := fmt.Sprintf("%d gaps recorded, %d not closed.", len(gs), open)
		for _, c := range app.GapCategories {
			if counts[c] > 0 {
				text += fmt.Sprintf(" %s: %d.", c, counts[c])
			}
		}
		s.summary.SetText(text)
		s.list.Refresh()
	})
}
