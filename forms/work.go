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

// ListScreen is a heading, a summary line and a list of rows (with
// headings) loaded in the background; tapping a row opens its person. The
// Meetings, Actions and Gaps screens are ListScreens with their own loader.
type ListScreen struct {
	widget.BaseWidget
	what    string // "meetings", "actions": named when loading fails
	load    func() ([]listRow, string, error)
	onError func(error)
	rows    []listRow
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

func newListScreen(title, what string, load func() ([]listRow, string, error), onOpen func(int64), onError func(error)) *ListScreen {
	s := &ListScreen{what: what, load: load, onError: onError}
	s.ExtendBaseWidget(s)
	s.summary = wrapped("Loading…")
	s.list = rowList(&s.rows, onOpen)
	s.content = container.NewBorder(container.NewVBox(heading(title), s.summary, widget.NewSeparator()), nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *ListScreen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Reload reads the rows again.
func (s *ListScreen) Reload() {
	var rows []listRow
	var summary string
	var err error
	background(func() { rows, summary, err = s.load() }, func() {
		if err != nil {
			s.summary.SetText("The " + s.what + " could not be loaded.")
			if s.onError != nil {
				s.onError(err)
			}
			return
		}
		s.rows = rows
		s.summary.SetText(summary)
		s.list.Refresh()
	})
}

// Rows returns what the list shows (for tests).
func (s *ListScreen) Rows() []listRow { return s.rows }

// weekStart is the Monday of t's week, in London.
func weekStart(t time.Time) time.Time {
	d := app.DateOf(t.In(app.ServiceLocation))
	offset := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -offset)
}

// NewMeetingsScreen lists MAMs across everyone by week: four weeks back to
// eight weeks ahead, with their state.
func NewMeetingsScreen(src WorkSource, clock app.Clock, onOpen func(int64), onError func(error)) *ListScreen {
	return newListScreen("Meetings", "meetings", func() ([]listRow, string, error) {
		now := clock.Now()
		from, to := weekStart(now).AddDate(0, 0, -28), weekStart(now).AddDate(0, 0, 8*7)
		ms, err := src.MeetingsBetween(ctx(), from, to)
		if err != nil {
			return nil, "", err
		}
		upcoming := 0
		for _, m := range ms {
			if m.Start.After(now) && m.Status != app.MeetingCancelled {
				upcoming++
			}
		}
		return meetingRows(ms, now), fmt.Sprintf("%s from %s to %s; %d still to come.", app.Plural(len(ms), "meeting", ""),
			app.FormatDate(from), app.FormatDate(to.AddDate(0, 0, -1)), upcoming), nil
	}, onOpen, onError)
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
