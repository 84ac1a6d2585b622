package app

import (
	"strings"
	"time"
)

// ActionStatus is where an action stands.
type ActionStatus int

// Action states. Open and InProgress carry forward to the next MAM.
const (
	ActionOpen ActionStatus = iota + 1
	ActionInProgress
	ActionDone
	ActionCancelled // no longer needed; a reason is recorded in the progress notes
)

func (s ActionStatus) String() string {
	switch s {
	case ActionOpen:
		return "Open"
	case ActionInProgress:
		return "In progress"
	case ActionDone:
		return "Done"
	case ActionCancelled:
		return "No longer needed"
	}
	return ""
}

// Valid reports whether s is one of the states.
func (s ActionStatus) Valid() bool { return s >= ActionOpen && s <= ActionCancelled }

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
	CompletedOn    time.Time
	Progress       []Progress
}

// Outstanding reports whether the action still needs doing (it carries
// forward to the next MAM).
func (a Action) Outstanding() bool { return a.Status == ActionOpen || a.Status == ActionInProgress }

// Overdue reports whether an outstanding action's due date has passed on today.
func (a Action) Overdue(today time.Time) bool {
	return a.Outstanding() && !a.Due.IsZero() && DateOf(today).After(DateOf(a.Due))
}

// Validate checks an action. Field names: description, owner, agency, due,
// status, completedOn.
func (a Action) Validate() Problems {
	var p Problems
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
	if a.Status == ActionDone && a.CompletedOn.IsZero() {
		p.Add("completedOn", "Enter the date the action was completed.")
	}
	return p
}
