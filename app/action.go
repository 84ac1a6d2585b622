package app

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"dspdesk/app/calendar"
)

// ActionStatus is where an action stands.
type ActionStatus int

// Action states. Not started, in progress and blocked are outstanding: they
// carry forward to the next MAM. Cancelled and blocked need a reason.
const (
	ActionOpen ActionStatus = iota + 1 // not started
	ActionInProgress
	ActionDone
	ActionCancelled
	ActionBlocked
)

// ActionStatuses lists the states in the order a user chooses from.
var ActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionBlocked, ActionDone, ActionCancelled}

func (s ActionStatus) String() string {
	switch s {
	case ActionOpen:
		return "Not started"
	case ActionInProgress:
		return "In progress"
	case ActionDone:
		return "Done"
	case ActionCancelled:
		return "Cancelled"
	case ActionBlocked:
		return "Blocked"
	}
	return ""
}

// Valid reports whether s is one of the states.
func (s ActionStatus) Valid() bool { return s >= ActionOpen && s <= ActionBlocked }

// NeedsReason reports whether moving to s needs a reason (cancelled, blocked).
func (s ActionStatus) NeedsReason() bool { return s == ActionCancelled || s == ActionBlocked }

// Closed reports whether s ends the action (done or cancelled).
func (s ActionStatus) Closed() bool { return s == ActionDone || s == ActionCancelled }

// Progress is one dated update on an action.
type Progress struct {
	ID   int64
	At   time.Time
	By   string
	Note string
}

// Action is one item of a person's action plan.
type Action struct {
	ID             int64
	PersonID       int64
	MeetingID      int64 // the MAM that agreed it; 0 when added from the person record
	Description    string
	DesiredOutcome string
	Owner          string // a named person
	Agency         string
	Due            time.Time
	Status         ActionStatus
	// StatusReason says why an action is cancelled or blocked.
	StatusReason string
	CompletedOn  time.Time
	Progress     []Progress
	// GapID is the latest gap in service raised from this action (read
	// from the gap's link; 0 when none).
	GapID int64
	// Version is the stored version this copy was read at; saving an older
	// version is refused as a conflict (ConflictError).
	Version int
}

// Outstanding reports whether the action still needs doing (it carries
// forward to the next MAM): not started, in progress or blocked.
func (a Action) Outstanding() bool { return a.Status.Valid() && !a.Status.Closed() }

// Overdue reports whether an outstanding action's due date has passed on
// today. It is worked out when asked, never stored.
func (a Action) Overdue(today time.Time) bool {
	return a.Outstanding() && !a.Due.IsZero() && DateOf(today).After(DateOf(a.Due))
}

// WorkingDaysOverdue counts the working days since the due date (0 when the
// action is not overdue): due on Friday and still open on Monday is one.
func (a Action) WorkingDaysOverdue(today time.Time, cal *calendar.Calendar) int {
	if !a.Overdue(today) {
		return 0
	}
	return cal.WorkingDaysBetween(DateOf(a.Due), DateOf(today))
}

// Validate checks an action. Field names: description, owner, agency, due,
// status, statusReason, completedOn.
func (a Action) Validate() Problems {
	var p Problems
	p.checkTexts(a.texts()...)
	if strings.TrimSpace(a.Description) == "" {
		p.Add("description", "Describe the action.")
	}
	if strings.TrimSpace(a.Owner) == "" {
		p.Add("owner", "Name the person who owns the action.")
	}
	if strings.TrimSpace(a.Agency) == "" {
		p.Add("agency", "Enter the owner's agency.")
	}
	if a.Due.IsZero() {
		p.Add("due", "Enter the due date.")
	}
	if !a.Status.Valid() {
		p.Add("status", "Choose the action's status.")
	}
	if a.Status.NeedsReason() && strings.TrimSpace(a.StatusReason) == "" {
		p.Add("statusReason", "Say why the action is %s.", strings.ToLower(a.Status.String()))
	}
	if a.Status == ActionDone && a.CompletedOn.IsZero() {
		p.Add("completedOn", "Enter the date the action was completed.")
	}
	return p
}

// StatusChange is a request to move an action to another state.
type StatusChange struct {
	// From is the status the user saw; when set, a change to an action
	// that is no longer in it is refused as a conflict (someone else moved
	// it first).
	From ActionStatus
	To   ActionStatus
	// Reason is required for cancelled and blocked, and to reopen an
	// action that was done or cancelled.
	Reason string
	// On is the day of the change (the completion date when done).
	On time.Time
}

// ChangeStatus applies c to a on today, returning the changed action and
// the progress note that records it (its author is filled in by the
// store). Field names: status, reason, on.
func (a Action) ChangeStatus(c StatusChange, today time.Time) (Action, Progress, error) {
	var p Problems
	reason := strings.TrimSpace(c.Reason)
	on := DateOf(c.On)
	if c.On.IsZero() {
		on = DateOf(today)
	}
	switch {
	case !c.To.Valid():
		p.Add("status", "Choose the new status.")
	case c.To == a.Status:
		p.Add("status", "The action is already %s.", strings.ToLower(a.Status.String()))
	case c.To.NeedsReason() && reason == "":
		p.Add("reason", "Say why the action is %s.", strings.ToLower(c.To.String()))
	case a.Status.Closed() && !c.To.Closed() && reason == "":
		p.Add("reason", "Say why the action is being reopened.")
	}
	if on.After(DateOf(today)) {
		p.Add("on", "The date cannot be in the future.")
	}
	if err := p.Err(); err != nil {
		return a, Progress{}, err
	}
	from := a.Status
	a.Status = c.To
	a.StatusReason = ""
	if c.To.NeedsReason() {
		a.StatusReason = reason
	}
	a.CompletedOn = time.Time{}
	if c.To == ActionDone {
		a.CompletedOn = on
	}
	note := fmt.Sprintf("Status changed from %s to %s.", strings.ToLower(from.String()), strings.ToLower(c.To.String()))
	if reason != "" {
		note = strings.TrimSuffix(note, ".") + ": " + reason
	}
	return a, Progress{At: today, Note: note}, nil
}

// dueIn matches "in 10 working days", "10 working days", "in 3 weeks",
// "in 5 days", "2 wd".
var dueIn = regexp.MustCompile(`^(?:in\s+)?(\d{1,3})\s*(working\s+days?|work\s+days?|wd|days?|weeks?|months?)$`)

// ParseDue reads a due date typed as a date (day first) or as a span from
// today: "in 10 working days" counts working days (weekends and bank
// holidays skipped), "in 2 weeks", "in 5 days" and "in 1 month" count
// calendar time and then move to the next working day, as does
// "tomorrow"; "today" is today. A date typed is kept as typed, even on a
// weekend or bank holiday, and a two-digit year is this century (a due date
// is never in the 1900s). Empty text is the zero time.
func ParseDue(text string, today time.Time, cal *calendar.Calendar) (time.Time, error) {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	day := DateOf(today)
	switch s {
	case "":
		return time.Time{}, nil
	case "today":
		return day, nil
	case "tomorrow":
		return onWorkingDay(day.AddDate(0, 0, 1), cal), nil
	}
	if m := dueIn.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		if n == 0 {
			return day, nil
		}
		switch unit := m[2]; {
		case strings.HasPrefix(unit, "w"):
			if unit == "wd" || strings.HasPrefix(unit, "work") {
				return DateOf(cal.AddWorkingDays(day, n)), nil
			}
			return onWorkingDay(day.AddDate(0, 0, 7*n), cal), nil
		case strings.HasPrefix(unit, "month"):
			return onWorkingDay(addMonths(day, n), cal), nil
		default:
			return onWorkingDay(day.AddDate(0, 0, n), cal), nil
		}
	}
	if t, err := parseDate(s, false); err == nil {
		return t, nil
	}
	return time.Time{}, errDueFormat
}

// addMonths is the same day n months on, or the last day of that month
// when it is shorter (31 March + 1 month is 30 April, not 1 May).
func addMonths(day time.Time, n int) time.Time {
	first := time.Date(day.Year(), day.Month()+time.Month(n), 1, 0, 0, 0, 0, day.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(day.Day(), last), 0, 0, 0, 0, day.Location())
}

// errDueFormat is the message for a due date that cannot be read.
var errDueFormat = errors.New("enter a date such as 14/03/2027, or a span such as \"in 10 working days\" or \"in 2 weeks\"")

// onWorkingDay is t's date when it is a working day, else the next one.
func onWorkingDay(t time.Time, cal *calendar.Calendar) time.Time {
	if cal.IsWorkingDay(t) {
		return DateOf(t)
	}
	return DateOf(cal.NextWorkingDay(t))
}
