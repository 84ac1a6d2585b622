package app

import (
	"strings"
	"time"
)

// Register is one of the two registers a person can be on.
type Register int

// The registers: the Dynamic Support Register (crisis avoidance) and the Risk
// of Admission Register (crisis management).
const (
	DSR Register = iota + 1
	ROAR
)

// Registers lists both registers.
var Registers = []Register{DSR, ROAR}

func (r Register) String() string {
	switch r {
	case DSR:
		return "DSR"
	case ROAR:
		return "ROAR"
	}
	return ""
}

// Title is the register's full name.
func (r Register) Title() string {
	switch r {
	case DSR:
		return "Dynamic Support Register"
	case ROAR:
		return "Risk of Admission Register"
	}
	return ""
}

// Valid reports whether r is DSR or ROAR.
func (r Register) Valid() bool { return r == DSR || r == ROAR }

// Rating is the RAG-B rating of a person on a register.
type Rating int

// RAG-B ratings.
const (
	Red Rating = iota + 1
	Amber
	Green
	Blue
)

// Ratings lists the ratings in order of urgency (Blue last).
var Ratings = []Rating{Red, Amber, Green, Blue}

func (r Rating) String() string {
	switch r {
	case Red:
		return "Red"
	case Amber:
		return "Amber"
	case Green:
		return "Green"
	case Blue:
		return "Blue"
	}
	return ""
}

// Letter is the one-letter form shown beside the colour (never colour alone).
func (r Rating) Letter() string {
	if s := r.String(); s != "" {
		return s[:1]
	}
	return ""
}

// Valid reports whether r is one of the four ratings.
func (r Rating) Valid() bool { return r >= Red && r <= Blue }

// Meaning is the national definition of the rating.
func (r Rating) Meaning() string {
	switch r {
	case Red:
		return "Admission risk is immediate; the person or family is in crisis."
	case Amber:
		return "Without urgent help, the risk of admission will become immediate."
	case Green:
		return "Risks exist but are well managed at home."
	case Blue:
		return "Currently an inpatient in a mental health hospital."
	}
	return ""
}

// ParseRating reads a rating from its name or letter, ignoring case.
func ParseRating(s string) (Rating, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	for _, r := range Ratings {
		if s == strings.ToLower(r.String()) || s == strings.ToLower(r.Letter()) {
			return r, true
		}
	}
	return 0, false
}

// RegisterFor is the default register for a rating: Red -> ROAR, Amber and
// Green -> DSR, Blue keeps the current register (or the requested one when
// the person has none yet).
func RegisterFor(r Rating, current Register) Register {
	switch r {
	case Red:
		return ROAR
	case Amber, Green:
		return DSR
	}
	if current.Valid() {
		return current
	}
	return DSR
}

// CloseReason says why a person left a register.
type CloseReason int

// Reasons for leaving a register.
const (
	CloseRiskReduced CloseReason = iota + 1
	CloseConsentWithdrawn
	CloseMovedAway
	CloseAdultPathway // turned 18 and moved to the adult pathway
	CloseDied
	CloseOther
	// CloseImportedInError ends the registration of a person whose whole
	// import batch was undone; it is never offered on a form, and Valid is
	// false for it so no user can choose it.
	CloseImportedInError
)

// CloseReasons lists the reasons in form order.
var CloseReasons = []CloseReason{CloseRiskReduced, CloseConsentWithdrawn, CloseMovedAway, CloseAdultPathway, CloseDied, CloseOther}

func (c CloseReason) String() string {
	switch c {
	case CloseRiskReduced:
		return "Risk reduced"
	case CloseConsentWithdrawn:
		return "Consent withdrawn"
	case CloseMovedAway:
		return "Moved away"
	case CloseAdultPathway:
		return "Turned 18 and moved to the adult pathway"
	case CloseDied:
		return "Died"
	case CloseOther:
		return "Other"
	case CloseImportedInError:
		return "Removed: imported in error"
	}
	return ""
}

// Valid reports whether c is one of the reasons.
func (c CloseReason) Valid() bool { return c >= CloseRiskReduced && c <= CloseOther }

// Registration is a person's time on a register, with their current rating.
type Registration struct {
	ID         int64
	PersonID   int64
	ReferralID int64
	Register   Register
	Rating     Rating
	// Inpatient is set while the person is in hospital (rating Blue).
	Inpatient bool
	Since     time.Time // the day the person joined the register
	ReviewDue time.Time // the day the next review is due
	// ClosedAt is zero while the registration is open.
	ClosedAt    time.Time
	CloseReason CloseReason
	CloseNote   string
	// Version is the stored version this copy was read at; saving an older
	// version is refused as a conflict (ConflictError).
	Version int
}

// Open reports whether the person is still on the register.
func (r Registration) Open() bool { return r.ClosedAt.IsZero() }

// ReviewOverdue reports whether the review date has passed on today.
func (r Registration) ReviewOverdue(today time.Time) bool {
	return r.Open() && !r.ReviewDue.IsZero() && DateOf(today).After(DateOf(r.ReviewDue))
}

// Validate checks the registration's own fields.
func (r Registration) Validate() Problems {
	var p Problems
	p.checkTexts(r.texts()...)
	if !r.Register.Valid() {
		p.Add("register", "Choose the register: DSR or ROAR.")
	}
	if !r.Rating.Valid() {
		p.Add("rating", "Choose a rating: Red, Amber, Green or Blue.")
	}
	if r.Since.IsZero() {
		p.Add("since", "Enter the date the person joined the register.")
	}
	if !r.ClosedAt.IsZero() {
		if !r.CloseReason.Valid() {
			p.Add("closeReason", "Choose why the person is leaving the register.")
		}
		if r.CloseReason == CloseOther && strings.TrimSpace(r.CloseNote) == "" {
			p.Add("closeNote", "Say why the person is leaving the register.")
		}
	}
	return p
}

// RatingChange is one recorded decision about a rating: the first rating
// when a referral is accepted (From is zero), and every change after.
type RatingChange struct {
	ID             int64
	RegistrationID int64
	From           Rating
	To             Rating
	FromRegister   Register
	ToRegister     Register
	Reason         string
	By             string
	At             time.Time
	// Review marks a scheduled review; it may confirm the same rating.
	Review bool
}

// Validate checks that the change says what, why, who and when.
func (c RatingChange) Validate() Problems {
	var p Problems
	p.checkTexts(c.texts()...)
	if !c.To.Valid() {
		p.Add("to", "Choose the new rating.")
	}
	if c.From.Valid() && c.From == c.To && c.FromRegister == c.ToRegister && !c.Review {
		p.Add("to", "The rating is already %s.", c.To)
	}
	if strings.TrimSpace(c.Reason) == "" {
		p.Add("reason", "Give the reason for the rating.")
	}
	if strings.TrimSpace(c.By) == "" {
		p.Add("by", "The change must say who made it (the computer account was not known).")
	}
	if c.At.IsZero() {
		p.Add("at", "The change must say when it was made.")
	}
	return p
}
