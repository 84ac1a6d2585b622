package app

import (
	"fmt"
	"time"
)

// NotifyLeads are how long before an event the desktop notification fires.
type NotifyLeads struct {
	PreMeeting time.Duration // before the family pre-meeting
	Meeting    time.Duration // before the MAM
}

// Key names a reminder so a notification is sent once per event.
func (r Reminder) Key() string {
	return fmt.Sprintf("%d/%d/%d/%d/%d/%s", r.Kind, r.PersonID, r.MeetingID, r.ActionID, r.RegistrationID, r.When.UTC().Format(time.RFC3339))
}

// NotificationsDue picks, from the current reminders, those to announce now
// with a desktop notification: a pre-meeting or MAM starting within its
// lead time, and a family pre-contact due today or overdue. sent holds the
// keys already announced (it is updated), so each fires once.
func NotificationsDue(reminders []Reminder, now time.Time, leads NotifyLeads, sent map[string]bool) []Reminder {
	today := DateOf(now.In(ServiceLocation))
	var out []Reminder
	for _, r := range reminders {
		due := false
		switch r.Kind {
		case RemindPreMeeting:
			due = r.When.After(now) && r.When.Sub(now) <= leads.PreMeeting
		case RemindMeeting:
			due = r.When.After(now) && r.When.Sub(now) <= leads.Meeting
		case RemindFamilyContact:
			due = !DateOf(r.When).After(today)
		}
		if !due || sent[r.Key()] {
			continue
		}
		sent[r.Key()] = true
		out = append(out, r)
	}
	return out
}
