package forms

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// TodayScreen lists what needs attention: overdue first, then today, this
// week and coming up. Each item opens its person.
type TodayScreen struct {
	widget.BaseWidget
	source  TodaySource
	clock   app.Clock
	onOpen  func(int64)
	onError func(error)
	// OnImportItem runs when an import's item is chosen (the main window
	// shows the register's people needing attention).
	OnImportItem func()

	rows    []todayRow
	day     *widget.Label
	counts  *widget.Label
	list    *widget.List
	content fyne.CanvasObject
}

// todayRow is a section heading (item nil) or an item.
type todayRow struct {
	heading string
	item    *app.TodayItem
}

// NewTodayScreen builds the screen; call Reload to fill it.
func NewTodayScreen(src TodaySource, clock app.Clock, onOpen func(int64), onError func(error)) *TodayScreen {
	s := &TodayScreen{source: src, clock: clock, onOpen: onOpen, onError: onError}
	s.ExtendBaseWidget(s)
	s.day = widget.NewLabel("")
	s.counts = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.list = widget.NewList(func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			kind := widget.NewLabel("Transition planning")
			kind.TextStyle.Bold = true
			name := widget.NewLabel("")
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(kind, name), nil, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			text := box.Objects[0].(*widget.Label)
			left := box.Objects[1].(*fyne.Container)
			kind, name := left.Objects[0].(*widget.Label), left.Objects[1].(*widget.Label)
			r := s.rows[id]
			if r.item == nil {
				kind.SetText(r.heading)
				kind.Importance = widget.HighImportance
				kind.Refresh()
				name.SetText("")
				text.SetText("")
				return
			}
			kind.SetText(r.item.Kind.String())
			kind.Importance = widget.MediumImportance
			if r.item.Overdue {
				kind.Importance = widget.DangerImportance
			}
			kind.Refresh()
			name.SetText(r.item.PersonName)
			text.SetText(r.item.Text)
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		r := s.rows[id]
		if r.item != nil && r.item.Kind == app.RemindImportReview && s.OnImportItem != nil {
			s.OnImportItem()
			return
		}
		if r.item != nil && r.item.PersonID != 0 && s.onOpen != nil {
			s.onOpen(r.item.PersonID)
		}
	}
	s.content = container.NewBorder(container.NewVBox(heading("Today"), s.day, s.counts, widget.NewSeparator()), nil, nil, nil, s.list)
	return s
}

// CreateRenderer draws the screen.
func (s *TodayScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Reload reads the reminders again.
func (s *TodayScreen) Reload() {
	now := s.clock.Now()
	var items []app.TodayItem
	var cal *calendar.Calendar
	var err error
	background(func() {
		if cal, err = s.source.Calendar(ctx()); err == nil {
			items, err = s.source.Today(ctx())
		}
	}, func() {
		if err != nil {
			s.counts.SetText("The reminders could not be loaded.")
			if s.onError != nil {
				s.onError(err)
			}
			return
		}
		s.day.SetText(ServiceDayText(cal, now.In(app.ServiceLocation)))
		s.rows = groupToday(items, now)
		overdue := 0
		for _, it := range items {
			if it.Overdue {
				overdue++
			}
		}
		switch {
		case len(items) == 0:
			s.counts.SetText("Nothing needs attention.")
		default:
			s.counts.SetText(fmt.Sprintf("%s attention, %d overdue.", app.Plural(len(items), "thing needs", "things need"), overdue))
		}
		s.list.Refresh()
	})
}

// Rows returns the headings and items shown (for tests).
func (s *TodayScreen) Rows() []todayRow { return s.rows }

// groupToday puts items under Overdue, Today, This week and Coming up.
func groupToday(items []app.TodayItem, now time.Time) []todayRow {
	today := app.DateOf(now.In(app.ServiceLocation))
	week := today.AddDate(0, 0, 7)
	sections := []struct {
		title string
		match func(app.TodayItem) bool
	}{
		{"Overdue", func(it app.TodayItem) bool { return it.Overdue }},
		{"Today", func(it app.TodayItem) bool {
			return !it.Overdue && app.DateOf(it.When.In(app.ServiceLocation)).Equal(today)
		}},
		{"This week", func(it app.TodayItem) bool {
			d := app.DateOf(it.When.In(app.ServiceLocation))
			return !it.Overdue && d.After(today) && d.Before(week)
		}},
		{"Coming up", func(it app.TodayItem) bool {
			d := app.DateOf(it.When.In(app.ServiceLocation))
			return !it.Overdue && !d.Before(week)
		}},
	}
	var out []todayRow
	for _, sec := range sections {
		var group []todayRow
		for i := range items {
			if sec.match(items[i]) {
				group = append(group, todayRow{item: &items[i]})
			}
		}
		if len(group) > 0 {
			out = append(out, todayRow{heading: fmt.Sprintf("%s (%d)", sec.title, len(group))})
			out = append(out, group...)
		}
	}
	return out
}

// ServiceDayText says whether the service is open on the day of now and
// when it next is.
func ServiceDayText(cal *calendar.Calendar, now time.Time) string {
	day := app.FormatDate(now)
	next := app.FormatDate(cal.NextWorkingDay(now))
	if h, ok := cal.IsBankHoliday(now); ok {
		return fmt.Sprintf("%s is a bank holiday (%s). The service reopens on %s.", day, h.Name, next)
	}
	if !cal.IsWorkingDay(now) {
		return fmt.Sprintf("%s is a weekend. The service reopens on %s.", day, next)
	}
	return fmt.Sprintf("%s is a working day. The next working day is %s.", day, next)
}
