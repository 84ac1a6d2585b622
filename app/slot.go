package app

import (
	"fmt"
	"time"

	"dspdesk/app/calendar"
)

// SlotRules decide whether a meeting may start at a given time: on a working
// day, with the MAM and its pre-meeting inside that day's working hours.
type SlotRules struct {
	Calendar  *calendar.Calendar
	WorkStart ClockTime
	WorkEnd   ClockTime
	// Location is where working hours are read (Europe/London).
	Location *time.Location
}

// NewSlotRules takes working hours from settings.
func NewSlotRules(s Settings, cal *calendar.Calendar) SlotRules {
	if cal == nil {
		cal = calendar.Default()
	}
	return SlotRules{Calendar: cal, WorkStart: s.WorkStart, WorkEnd: s.WorkEnd, Location: ServiceLocation}
}

// SlotError says why a slot was refused and offers the next valid one.
type SlotError struct {
	Reason string
	// Next is the next valid start at or after the refused one, with the same
	// duration and pre-meeting; zero when no slot can fit.
	Next time.Time
}

func (e *SlotError) Error() string {
	if e.Next.IsZero() {
		return e.Reason
	}
	return e.Reason + " The next possible time is " + FormatDateTime(e.Next) + "."
}

// FormatDate writes a date as people read it: "Monday 25 May 2026".
func FormatDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// FormatDateTime writes "Tuesday 26 May 2026 at 09:15" in the service's time zone.
func FormatDateTime(t time.Time) string {
	l := t.In(ServiceLocation)
	return FormatDate(l) + " at " + l.Format("15:04")
}

// Check returns nil when a meeting starting at start, lasting dur, with a
// pre-meeting pre before it, fits the rules; otherwise a *SlotError.
func (r SlotRules) Check(start time.Time, dur, pre time.Duration) error {
	reason := r.refusal(start, dur, pre)
	if reason == "" {
		return nil
	}
	next, _ := r.Next(start, dur, pre)
	return &SlotError{Reason: reason, Next: next}
}

func (r SlotRules) loc() *time.Location {
	if r.Location == nil {
		return ServiceLocation
	}
	return r.Location
}

// refusal gives the first reason the slot is refused, or "".
func (r SlotRules) refusal(start time.Time, dur, pre time.Duration) string {
	loc := r.loc()
	dayLength := time.Duration(r.WorkEnd-r.WorkStart) * time.Minute
	if dur+pre > dayLength {
		return fmt.Sprintf("A meeting of %s with a pre-meeting of %s does not fit in working hours (%s-%s).",
			formatDuration(dur), formatDuration(pre), r.WorkStart, r.WorkEnd)
	}
	day := start.In(loc)
	if h, ok := r.Calendar.IsBankHoliday(day); ok {
		return fmt.Sprintf("%s is a bank holiday (%s).", FormatDate(day), h.Name)
	}
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return fmt.Sprintf("%s is a weekend: meetings are held Monday to Friday.", FormatDate(day))
	}
	if !r.Calendar.IsWorkingDay(day) {
		return fmt.Sprintf("%s is not a working day.", FormatDate(day))
	}
	opens := r.WorkStart.At(day, loc)
	closes := r.WorkEnd.At(day, loc)
	if first := start.Add(-pre).In(loc); first.Before(opens) {
		what := "meeting"
		if pre > 0 {
			what = "pre-meeting"
		}
		return fmt.Sprintf("The %s would start at %s, before working hours begin at %s.", what, first.Format("15:04"), r.WorkStart)
	}
	if end := start.Add(dur).In(loc); end.After(closes) {
		return fmt.Sprintf("The meeting would end at %s, after working hours end at %s.", end.Format("15:04"), r.WorkEnd)
	}
	return ""
}

// Next returns the first valid start at or after start for a meeting of dur
// with a pre-meeting pre: the same time if it is valid, otherwise later the
// same day or the start of a later working day. ok is false when the meeting
// cannot fit in a working day at all.
func (r SlotRules) Next(start time.Time, dur, pre time.Duration) (time.Time, bool) {
	loc := r.loc()
	if dur+pre > time.Duration(r.WorkEnd-r.WorkStart)*time.Minute {
		return time.Time{}, false
	}
	cand := start.In(loc)
	// A year of calendar days is far more than enough: no year has a run of
	// more than a handful of non-working days.
	for range 400 {
		if !r.Calendar.IsWorkingDay(cand) {
			cand = r.WorkStart.At(r.Calendar.NextWorkingDay(cand), loc).Add(pre)
			continue
		}
		if earliest := r.WorkStart.At(cand, loc).Add(pre); cand.Before(earliest) {
			cand = earliest
		}
		if cand.Add(dur).After(r.WorkEnd.At(cand, loc)) {
			cand = r.WorkStart.At(r.Calendar.NextWorkingDay(cand), loc).Add(pre)
			continue
		}
		return cand, true
	}
	return time.Time{}, false
}

func formatDuration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d minutes", m)
	case m == 0 && h == 1:
		return "1 hour"
	case m == 0:
		return fmt.Sprintf("%d hours", h)
	}
	return fmt.Sprintf("%dh %02dm", h, m)
}
