package forms

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
			"Sunday 22 November 2026 is a weekend.\nThe service reopens on Monday 23 November 2026."},
		{"Christmas Day names the holiday and the next working day", time.Date(2026, 12, 25, 10, 0, 0, 0, app.ServiceLocation),
			"Friday 25 December 2026 is a bank holiday (Christmas Day).\nThe service reopens on Tuesday 29 December 2026."},
		{"a Tuesday is a working day", time.Date(2026, 11, 24, 10, 0, 0, 0, app.ServiceLocation),
			"Tuesday 24 November 2026 is a working day.\nThe next working day is Wednesday 25 November 2026."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ServiceDayText(cal, tt.now); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestUpcomingHolidaysText(t *testing.T) {
	t.Run("late November lists Christmas, Boxing Day substitute and the new year's holidays", func(t *testing.T) {
		got := UpcomingHolidaysText(calendar.Default(), time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), 3)
		want := "Fri 25 Dec 2026: Christmas Day\nMon 28 Dec 2026: Boxing Day (substitute day)\nFri 1 Jan 2027: New Year's Day"
		if got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
}

func TestMainWindow(t *testing.T) {
	a := test.NewTempApp(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, app.ServiceLocation)
	w := NewMainWindow(a, Deps{Clock: app.FixedClock(now), Calendar: calendar.Default(), Settings: app.DefaultSettings(), Version: "0.1.0"})
	defer w.Close()

	t.Run("the window is titled DSP Desk", func(t *testing.T) {
		if w.Title() != "DSP Desk" {
			t.Errorf("title = %q", w.Title())
		}
	})
	t.Run("the welcome screen shows today's service day and the version", func(t *testing.T) {
		texts := labels(w.Content())
		all := strings.Join(texts, "\n")
		for _, want := range []string{"Sunday 22 November 2026 is a weekend.", "Christmas Day", "Red: every 7 days", "Version 0.1.0"} {
			if !strings.Contains(all, want) {
				t.Errorf("screen lacks %q; it shows:\n%s", want, all)
			}
		}
	})
}

// labels returns the text of every label under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Card:
			out = append(out, v.Title, v.Subtitle)
			if v.Content != nil {
				walk(v.Content)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(v)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
