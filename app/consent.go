package app

import (
	"strings"
	"time"
)

// ConsentGiver says who gave consent, and so on what basis.
type ConsentGiver int

// Who can give consent to a DSP referral.
const (
	// GivenByPerson: the person themselves (under 16 only if Gillick competent).
	GivenByPerson ConsentGiver = iota + 1
	// GivenByParent: a parent with parental responsibility (under 18).
	GivenByParent
	// GivenByBestInterests: a best-interests decision under the Mental
	// Capacity Act 2005, for someone aged 16 or over who lacks capacity.
	GivenByBestInterests
)

// ConsentGivers lists the choices in form order.
var ConsentGivers = []ConsentGiver{GivenByPerson, GivenByParent, GivenByBestInterests}

func (g ConsentGiver) String() string {
	switch g {
	case GivenByPerson:
		return "The person"
	case GivenByParent:
		return "A parent with parental responsibility"
	case GivenByBestInterests:
		return "Best-interests decision (Mental Capacity Act)"
	}
	return ""
}

// Valid reports whether g is one of the choices.
func (g ConsentGiver) Valid() bool { return g >= GivenByPerson && g <= GivenByBestInterests }

// ConsentEvent is one row of a person's consent history. Consent is never
// edited or deleted: a withdrawal or a renewed consent is a new event.
type ConsentEvent struct {
	ID       int64
	PersonID int64
	// Withdrawn marks a withdrawal; otherwise the event records consent given.
	Withdrawn bool
	// Date is the day consent was given (or withdrawn), as the referrer recorded it.
	Date time.Time

	// For consent given:
	GivenBy          ConsentGiver
	GiverName        string // the parent or decision maker; empty when the person consented
	GillickCompetent bool   // for a person under 16 consenting themselves
	Scope            string // what the consent covers, e.g. "DSP referral, sharing with MAM agencies"
	// RecordSystem and RecordReference say where the referrer documented the
	// consent in their own records (e.g. "SystmOne", "case note 12/03").
	RecordSystem    string
	RecordReference string

	// For a withdrawal:
	Reason string

	RecordedBy string
	RecordedAt time.Time
}

// Validate checks a consent event for a person born on dob, on today.
// Field names: date, givenBy, giverName, gillickCompetent, scope,
// recordSystem, recordReference, reason.
func (c ConsentEvent) Validate(dob, today time.Time) Problems {
	var p Problems
	p.checkTexts(c.texts()...)
	switch {
	case c.Date.IsZero():
		p.Add("date", "Enter the date consent was %s.", c.verb())
	case DateOf(c.Date).After(DateOf(today)):
		p.Add("date", "The consent date cannot be in the future.")
	case !dob.IsZero() && DateOf(c.Date).Before(DateOf(dob)):
		p.Add("date", "The consent date is before the person's date of birth.")
	}
	if c.Withdrawn {
		if strings.TrimSpace(c.Reason) == "" {
			p.Add("reason", "Say how and why consent was withdrawn.")
		}
		return p
	}
	if !c.GivenBy.Valid() {
		p.Add("givenBy", "Choose who gave consent.")
	} else if !dob.IsZero() && !c.Date.IsZero() {
		age := AgeOn(dob, c.Date)
		switch c.GivenBy {
		case GivenByPerson:
			if age < 16 && !c.GillickCompetent {
				p.Add("gillickCompetent", "A child under 16 can consent only if Gillick competent; otherwise a parent gives consent.")
			}
		case GivenByParent:
			if age >= AgeAdult {
				p.Add("givenBy", "A parent cannot consent for an adult: consent comes from the person or, if they lack capacity, a best-interests decision.")
			}
		case GivenByBestInterests:
			if age < 16 {
				p.Add("givenBy", "A best-interests decision under the Mental Capacity Act applies from age 16; for a younger child a parent gives consent.")
			}
		}
	}
	if c.GivenBy == GivenByParent || c.GivenBy == GivenByBestInterests {
		if strings.TrimSpace(c.GiverName) == "" {
			p.Add("giverName", "Enter the name of the person who gave consent.")
		}
	}
	if strings.TrimSpace(c.Scope) == "" {
		p.Add("scope", "Say what the consent covers.")
	}
	if strings.TrimSpace(c.RecordSystem) == "" {
		p.Add("recordSystem", "Say which system the consent is documented in (your own records).")
	}
	if strings.TrimSpace(c.RecordReference) == "" {
		p.Add("recordReference", "Enter the reference of the consent in your own records.")
	}
	return p
}

func (c ConsentEvent) verb() string {
	if c.Withdrawn {
		return "withdrawn"
	}
	return "given"
}

// ConsentState is where a person's consent stands.
type ConsentState int

// Consent states.
const (
	ConsentMissing ConsentState = iota
	ConsentGiven
	ConsentWithdrawn
)

func (s ConsentState) String() string {
	switch s {
	case ConsentGiven:
		return "Consent given"
	case ConsentWithdrawn:
		return "Consent withdrawn"
	}
	return "No consent recorded"
}

// ConsentStatus is a person's consent as their history stands.
type ConsentStatus struct {
	State ConsentState
	// Latest is the event that decides the state (zero when missing).
	Latest ConsentEvent
}

// CurrentConsent reads a consent history (in any order) and returns the
// state: the latest event by date wins, ties broken by when it was recorded
// and then by id.
func CurrentConsent(history []ConsentEvent) ConsentStatus {
	var latest *ConsentEvent
	for i := range history {
		e := &history[i]
		if latest == nil || laterConsent(*e, *latest) {
			latest = e
		}
	}
	if latest == nil {
		return ConsentStatus{State: ConsentMissing}
	}
	st := ConsentGiven
	if latest.Withdrawn {
		st = ConsentWithdrawn
	}
	return ConsentStatus{State: st, Latest: *latest}
}

func laterConsent(a, b ConsentEvent) bool {
	if !DateOf(a.Date).Equal(DateOf(b.Date)) {
		return DateOf(a.Date).After(DateOf(b.Date))
	}
	if !a.RecordedAt.Equal(b.RecordedAt) {
		return a.RecordedAt.After(b.RecordedAt)
	}
	return a.ID > b.ID
}

// MayExport reports whether documents about the person may be exported, and
// if not, the sentence the screen shows.
func (s ConsentStatus) MayExport() (bool, string) {
	switch s.State {
	case ConsentGiven:
		return true, ""
	case ConsentWithdrawn:
		return false, "Consent was withdrawn: documents about this person are not exported."
	}
	return false, "No consent is recorded: record consent before exporting documents about this person."
}

// NeedsRecheck reports whether consent given before the person's 16th
// birthday needs a consent and capacity re-check on today.
func (s ConsentStatus) NeedsRecheck(dob, today time.Time) bool {
	if s.State != ConsentGiven || dob.IsZero() {
		return false
	}
	sixteen := Birthday(dob, AgeConsentRecheck)
	return !DateOf(today).Before(sixteen) && DateOf(s.Latest.Date).Before(sixteen)
}

// CheckDue is the date given consent falls due to be checked again: months
// after the day the latest consent was given (the same day of the month, or
// the month's last day when it has fewer days). It is zero unless consent is
// given and dated.
func (s ConsentStatus) CheckDue(months int) time.Time {
	if s.State != ConsentGiven || s.Latest.Date.IsZero() || months < 1 {
		return time.Time{}
	}
	return AddMonthsClamped(DateOf(s.Latest.Date), months)
}
