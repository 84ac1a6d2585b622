package app

import (
	"context"
	"strconv"
	"time"

	"dspdesk/app/calendar"
)

// PersonRecord is everything the person screen shows, read in one go.
type PersonRecord struct {
	Person        Person
	Registrations []Registration // newest first
	// RatingChanges holds each registration's changes, oldest first.
	RatingChanges   map[int64][]RatingChange
	Consent         []ConsentEvent // oldest first
	Referrals       []Referral     // newest first
	Admissions      []Admission    // newest first
	ReviewRequests  []ReviewRequest
	MeetingRequests []MeetingRequest
	Meetings        []Meeting // newest first, without invitees and agenda
	Actions         []Action  // by due date
	Gaps            []Gap
	// Import says how an import brought the person in (zero when none did).
	Import ImportStatus
}

// ImportStatus is what an import left to confirm about a person.
type ImportStatus struct {
	BatchID            int64
	FileName           string
	Row                int
	DetailsIncomplete  bool
	ConsentUnconfirmed bool
	RatingToReview     bool
	Removed            bool // removed: imported in error (the batch was undone)
}

// Notes are the sentences the person screen shows about the import, in the
// order a team member would deal with them ("" when nothing is pending).
func (s ImportStatus) Notes() []string {
	var out []string
	if s.Removed {
		return []string{"Removed: imported in error (import " + itoa(s.BatchID) + " was undone)."}
	}
	if s.DetailsIncomplete {
		out = append(out, "Details incomplete: the imported register had no address, postcode or diagnosis for this person.")
	}
	if s.ConsentUnconfirmed {
		out = append(out, "Consent not yet confirmed: record the consent the referrer documented.")
	}
	if s.RatingToReview {
		out = append(out, "Rating to review: the rating came from the imported register.")
	}
	return out
}

// Current is the open registration, if any.
func (r PersonRecord) Current() (Registration, bool) {
	for _, g := range r.Registrations {
		if g.Open() {
			return g, true
		}
	}
	return Registration{}, false
}

// ConsentStatus is the person's consent as the history stands.
func (r PersonRecord) ConsentStatus() ConsentStatus { return CurrentConsent(r.Consent) }

// Admitted is the admission not yet discharged, if any.
func (r PersonRecord) Admitted() (Admission, bool) {
	for _, a := range r.Admissions {
		if a.DischargedOn.IsZero() {
			return a, true
		}
	}
	return Admission{}, false
}

// RecordStore reads the views the screens need.
type RecordStore interface {
	PersonRecord(ctx context.Context, personID int64) (PersonRecord, error)
	ListRegister(ctx context.Context, q RegisterQuery) ([]RegisterRow, int, error)
	// RegisterAll loads every row of a register, unsorted (the table sorts).
	RegisterAll(ctx context.Context, reg Register, today time.Time) ([]RegisterRow, error)
	// ReminderInputs returns meetings not yet held, outstanding actions, open
	// registrations and the people on the registers, with each person's
	// display name for the Today screen.
	ReminderInputs(ctx context.Context) (ReminderInputs, map[int64]string, error)
}

// TodayItem is a reminder with the name of the person it is about.
type TodayItem struct {
	Reminder
	PersonName string
}

// Reader gives the screens their read-only views.
type Reader struct {
	Store RecordStore
	Clock Clock
	Rules func(ctx context.Context) (Rules, error)
}

// Register loads every row of a register, for the table to filter and sort
// in memory.
func (r Reader) Register(ctx context.Context, reg Register) ([]RegisterRow, error) {
	return r.Store.RegisterAll(ctx, reg, r.Clock.Now())
}

// Today lists what needs attention now, with names.
func (r Reader) Today(ctx context.Context) ([]TodayItem, error) {
	rules, err := r.Rules(ctx)
	if err != nil {
		return nil, err
	}
	in, names, err := r.Store.ReminderInputs(ctx)
	if err != nil {
		return nil, err
	}
	rem := rules.DueReminders(r.Clock.Now(), in)
	out := make([]TodayItem, len(rem))
	for i, x := range rem {
		out[i] = TodayItem{Reminder: x, PersonName: names[x.PersonID]}
	}
	return out, nil
}

// Calendar is the working-day calendar with the stored bank-holiday changes.
func (r Reader) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	rules, err := r.Rules(ctx)
	if err != nil {
		return nil, err
	}
	return rules.Calendar, nil
}

// Now is the reader's clock.
func (r Reader) Now() time.Time { return r.Clock.Now() }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
