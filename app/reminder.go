package app

import (
	"fmt"
	"sort"
	"time"
)

// ReminderKind is what a reminder is about.
type ReminderKind int

// Reminder kinds.
const (
	RemindFamilyContact      ReminderKind = iota + 1 // meet the family before the MAM
	RemindPreMeeting                                 // the family pre-meeting
	RemindMeeting                                    // the MAM itself
	RemindMeetingOutcome                             // a MAM has passed with no outcome recorded
	RemindAction                                     // an action due or overdue
	RemindReview                                     // a registration review due or overdue
	RemindConsentRecheck                             // consent and capacity re-check at 16
	RemindTransitionPlanning                         // 17 and a half
	RemindEighteenth                                 // 18th birthday: the adult pathway
	RemindConsentCheck                               // consent of someone on a register: due again, withdrawn or missing
	RemindImportReview                               // people brought in by an import, to confirm: one per batch
)

func (k ReminderKind) String() string {
	switch k {
	case RemindFamilyContact:
		return "Family pre-contact"
	case RemindPreMeeting:
		return "Pre-meeting"
	case RemindMeeting:
		return "MAM"
	case RemindMeetingOutcome:
		return "MAM outcome"
	case RemindAction:
		return "Action"
	case RemindReview:
		return "Review"
	case RemindConsentRecheck:
		return "Consent re-check"
	case RemindTransitionPlanning:
		return "Transition planning"
	case RemindEighteenth:
		return "18th birthday"
	case RemindConsentCheck:
		return "Consent check"
	case RemindImportReview:
		return "Imported people"
	}
	return ""
}

// Reminder is one thing that needs attention. Text never names the person
// or their family (nor a consent giver): the screen adds the person's name
// from PersonID.
type Reminder struct {
	Kind           ReminderKind
	PersonID       int64
	MeetingID      int64
	ActionID       int64
	RegistrationID int64
	ImportBatch    int64 // the import a RemindImportReview is about
	// When is the meeting time, or midnight UTC of the due date.
	When    time.Time
	Overdue bool
	Text    string
}

// ReminderPerson is what the reminders need to know about a person on a register.
type ReminderPerson struct {
	ID          int64
	DateOfBirth time.Time
	Consent     ConsentStatus
	// ImportPending marks a person an import brought in whose consent is
	// not yet confirmed: their batch's one reminder covers them, so they get
	// no consent check of their own.
	ImportPending bool
}

// ImportReminder is an import batch with people still to confirm.
type ImportReminder struct {
	BatchID  int64
	FileName string
	At       time.Time
	Pending  int
}

// ReminderInputs are the open records DueReminders looks through. Callers
// pass meetings not yet held, outstanding actions, open registrations and
// the people on the registers; anything else is ignored. Consent checks
// apply to the people among People who have an open registration in
// Registrations.
type ReminderInputs struct {
	Meetings      []Meeting
	Actions       []Action
	Registrations []Registration
	People        []ReminderPerson
	Imports       []ImportReminder
}

// DueReminders lists what needs attention at now: overdue items, and items
// due from today to Settings.ReminderDays ahead (birthdays up to
// Settings.BirthdayReminderDays ahead), oldest first. For people on a
// register it adds a consent check: overdue when their consent is withdrawn
// or missing (their documents are not exported), and due, then overdue,
// Settings.ConsentCheckMonths after their latest consent was given (unless
// the re-check at 16 already asks for it).
func (r Rules) DueReminders(now time.Time, in ReminderInputs) []Reminder {
	now = now.In(ServiceLocation)
	today := DateOf(now)
	horizon := today.AddDate(0, 0, r.Settings.ReminderDays)
	birthdayHorizon := today.AddDate(0, 0, r.Settings.BirthdayReminderDays)
	within := func(day, until time.Time) bool { return !day.Before(today) && !day.After(until) }
	var out []Reminder

	for _, m := range in.Meetings {
		if m.Status == MeetingCancelled || m.Status == MeetingHeld || m.Status == MeetingOutcomeRecorded || m.Start.IsZero() {
			continue
		}
		start := m.Start.In(ServiceLocation)
		day := DateOf(start)
		if !m.End().After(now) {
			out = append(out, Reminder{Kind: RemindMeetingOutcome, PersonID: m.PersonID, MeetingID: m.ID, When: m.Start, Overdue: true,
				Text: fmt.Sprintf("%s on %s: record who attended and the outcome.", m.Kind, FormatDateTime(m.Start))})
			continue
		}
		if within(day, horizon) {
			out = append(out, Reminder{Kind: RemindMeeting, PersonID: m.PersonID, MeetingID: m.ID, When: m.Start,
				Text: fmt.Sprintf("%s on %s.", m.Kind, FormatDateTime(m.Start))})
			if m.HasPreMeeting() && m.PreMeetingStart().After(now) {
				out = append(out, Reminder{Kind: RemindPreMeeting, PersonID: m.PersonID, MeetingID: m.ID, When: m.PreMeetingStart(),
					Text: fmt.Sprintf("Pre-meeting with the family at %s, before the %s.", m.PreMeetingStart().In(ServiceLocation).Format("15:04"), m.Kind)})
			}
		}
		if m.FamilyContactedOn.IsZero() {
			due := DateOf(r.Calendar.AddWorkingDays(start, -r.Settings.FamilyContactWorkingDays))
			if !due.After(horizon) {
				out = append(out, Reminder{Kind: RemindFamilyContact, PersonID: m.PersonID, MeetingID: m.ID, When: due,
					Overdue: today.After(due),
					Text:    fmt.Sprintf("Meet the family to talk through the %s on %s (due %s).", m.Kind, FormatDate(start), FormatDate(due))})
			}
		}
	}

	for _, a := range in.Actions {
		if !a.Outstanding() || a.Due.IsZero() {
			continue
		}
		due := DateOf(a.Due)
		if a.Overdue(today) || within(due, horizon) {
			word := "due"
			if a.Overdue(today) {
				word = "overdue since"
			}
			out = append(out, Reminder{Kind: RemindAction, PersonID: a.PersonID, ActionID: a.ID, MeetingID: a.MeetingID, When: due,
				Overdue: a.Overdue(today), Text: fmt.Sprintf("Action %s %s (owner %s, %s).", word, FormatDate(due), a.Owner, a.Agency)})
		}
	}

	for _, g := range in.Registrations {
		if !g.Open() || g.ReviewDue.IsZero() {
			continue
		}
		due := DateOf(g.ReviewDue)
		if g.ReviewOverdue(today) || within(due, horizon) {
			word := "due"
			if g.ReviewOverdue(today) {
				word = "overdue since"
			}
			out = append(out, Reminder{Kind: RemindReview, PersonID: g.PersonID, RegistrationID: g.ID, When: due,
				Overdue: g.ReviewOverdue(today), Text: fmt.Sprintf("%s review (%s) %s %s.", g.Register, g.Rating, word, FormatDate(due))})
		}
	}

	open := map[int64]Registration{}
	for _, g := range in.Registrations {
		if g.Open() {
			open[g.PersonID] = g
		}
	}
	for _, p := range in.People {
		if g, ok := open[p.ID]; ok && !p.ImportPending {
			if rem, ok := r.consentCheck(p, g, today, horizon); ok {
				out = append(out, rem)
			}
		}
		if p.DateOfBirth.IsZero() {
			continue
		}
		ms := Milestones(p.DateOfBirth)
		if p.Consent.NeedsRecheck(p.DateOfBirth, today) {
			out = append(out, Reminder{Kind: RemindConsentRecheck, PersonID: p.ID, When: ms[0].Date, Overdue: today.After(ms[0].Date),
				Text: fmt.Sprintf("Turned 16 on %s: re-check consent and capacity.", FormatDate(ms[0].Date))})
		} else if within(ms[0].Date, birthdayHorizon) {
			out = append(out, Reminder{Kind: RemindConsentRecheck, PersonID: p.ID, When: ms[0].Date,
				Text: fmt.Sprintf("Turns 16 on %s: re-check consent and capacity.", FormatDate(ms[0].Date))})
		}
		if within(ms[1].Date, birthdayHorizon) {
			out = append(out, Reminder{Kind: RemindTransitionPlanning, PersonID: p.ID, When: ms[1].Date,
				Text: fmt.Sprintf("Reaches 17½ on %s: start transition planning.", FormatDate(ms[1].Date))})
		}
		if within(ms[2].Date, birthdayHorizon) {
			out = append(out, Reminder{Kind: RemindEighteenth, PersonID: p.ID, When: ms[2].Date,
				Text: fmt.Sprintf("Turns 18 on %s: the adult pathway.", FormatDate(ms[2].Date))})
		}
	}
	for _, b := range in.Imports {
		if b.Pending > 0 {
			out = append(out, importReminder(b, today))
		}
	}

	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].When.Equal(out[j].When) {
			return out[i].When.Before(out[j].When)
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// consentCheck is the consent reminder, if any, for person p on the register
// of g on today, looking ahead to horizon.
func (r Rules) consentCheck(p ReminderPerson, g Registration, today, horizon time.Time) (Reminder, bool) {
	rem := Reminder{Kind: RemindConsentCheck, PersonID: p.ID, RegistrationID: g.ID, Overdue: true}
	switch p.Consent.State {
	case ConsentWithdrawn:
		rem.When = DateOf(p.Consent.Latest.Date)
		if p.Consent.Latest.Date.IsZero() {
			rem.When = DateOf(g.Since)
		}
		rem.Text = fmt.Sprintf("Consent withdrawn on %s: documents are not exported; review whether the person stays on the %s.",
			FormatDate(rem.When), g.Register)
		return rem, true
	case ConsentMissing:
		rem.When = DateOf(g.Since)
		rem.Text = fmt.Sprintf("No consent is recorded: documents are not exported; record consent, or review whether the person stays on the %s.", g.Register)
		return rem, true
	}
	if !p.DateOfBirth.IsZero() && p.Consent.NeedsRecheck(p.DateOfBirth, today) {
		return Reminder{}, false // the re-check at 16 asks for it
	}
	due := p.Consent.CheckDue(r.Settings.ConsentCheckMonths)
	if due.IsZero() || due.After(horizon) {
		return Reminder{}, false
	}
	rem.When, rem.Overdue = due, today.After(due)
	word := "due"
	if rem.Overdue {
		word = "overdue since"
	}
	rem.Text = fmt.Sprintf("Consent check %s %s: consent was given on %s. Confirm it still stands and record it again.",
		word, FormatDate(due), FormatDate(p.Consent.Latest.Date))
	return rem, true
}

// importReminder is the one Today item for an import batch: how many of its
// people still need their consent recorded or their rating reviewed.
// It stays under Today until everyone is confirmed.
func importReminder(b ImportReminder, today time.Time) Reminder {
	noun := "people"
	if b.Pending == 1 {
		noun = "person"
	}
	return Reminder{Kind: RemindImportReview, ImportBatch: b.BatchID, When: today,
		Text: fmt.Sprintf("%d %s imported from %s on %s: confirm consent and review the rating (Needs attention on the register).",
			b.Pending, noun, b.FileName, FormatDate(b.At.In(ServiceLocation)))}
}
