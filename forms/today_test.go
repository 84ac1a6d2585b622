package forms

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

func TestServiceDayText(t *testing.T) {
	cal := calendar.Default()
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"a Sunday says the service reopens on Monday", time.Date(2026, 11, 22, 10, 0, 0, 0, app.ServiceLocation),
			"Sunday 22 November 2026 is a weekend. The service reopens on Monday 23 November 2026."},
		{"Christmas Day names the holiday and the next working day", time.Date(2026, 12, 25, 10, 0, 0, 0, app.ServiceLocation),
			"Friday 25 December 2026 is a bank holiday (Christmas Day). The service reopens on Tuesday 29 December 2026."},
		{"a Tuesday is a working day", time.Date(2026, 11, 24, 10, 0, 0, 0, app.ServiceLocation),
			"Tuesday 24 November 2026 is a working day. The next working day is Wednesday 25 November 2026."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ServiceDayText(cal, tt.now); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGroupToday(t *testing.T) {
	now := time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)
	items := []app.TodayItem{
		{Reminder: app.Reminder{Kind: app.RemindAction, When: app.Date(2026, 11, 20), Overdue: true}},
		{Reminder: app.Reminder{Kind: app.RemindMeeting, When: time.Date(2026, 11, 24, 14, 0, 0, 0, app.ServiceLocation)}},
		{Reminder: app.Reminder{Kind: app.RemindReview, When: app.Date(2026, 11, 27)}},
		{Reminder: app.Reminder{Kind: app.RemindEighteenth, When: app.Date(2027, 1, 15)}},
		{Reminder: app.Reminder{Kind: app.RemindReview, When: app.Date(2026, 11, 10), Overdue: true}},
	}
	rows := groupToday(items, now)
	var got []string
	for _, r := range rows {
		if r.item == nil {
			got = append(got, r.heading)
		} else {
			got = append(got, r.item.Kind.String())
		}
	}
	want := []string{"Overdue (2)", "Action", "Review", "Today (1)", "MAM", "This week (1)", "Review", "Coming up (1)", "18th birthday"}
	if len(got) != len(want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// todayItems is a TodaySource over fixed items.
type todayItems struct{ items []app.TodayItem }

func (f todayItems) Today(context.Context) ([]app.TodayItem, error) { return f.items, nil }
func (f todayItems) Calendar(context.Context) (*calendar.Calendar, error) {
	return calendar.Default(), nil
}

func TestTodayImportItemShowsThePeopleToConfirm(t *testing.T) {
	test.NewTempApp(t)
	RunInForeground()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)
	src := todayItems{items: []app.TodayItem{{Reminder: app.Reminder{Kind: app.RemindImportReview, ImportBatch: 3, When: app.Date(2026, 12, 4),
		Text: "12 people imported from team.xlsx"}}}}
	var opened []int64
	shown := 0
	s := NewTodayScreen(src, app.FixedClock(now), func(id int64) { opened = append(opened, id) }, nil)
	s.OnImportItem = func() { shown++ }
	s.Reload()
	rows := s.Rows()
	if len(rows) != 2 || rows[1].item == nil || rows[1].item.Kind != app.RemindImportReview {
		t.Fatalf("rows %+v", rows)
	}
	s.list.Select(1)
	if shown != 1 || len(opened) != 0 {
		t.Errorf("choosing the import item showed the list %d times and opened %v", shown, opened)
	}
}
