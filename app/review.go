package app

import (
	"strings"
	"time"
)

// ReviewKind is the kind of treatment review: a Care, Education and Treatment
// Review for under-18s, a Care and Treatment Review for adults.
type ReviewKind int

// Review kinds.
const (
	CETR ReviewKind = iota + 1
	CTR
)

func (k ReviewKind) String() string {
	switch k {
	case CETR:
		return "CETR"
	case CTR:
		return "CTR"
	}
	return ""
}

// Title is the review's full name.
func (k ReviewKind) Title() string {
	switch k {
	case CETR:
		return "Care, Education and Treatment Review"
	case CTR:
		return "Care and Treatment Review"
	}
	return ""
}

// ReviewKindFor returns CETR for children and young people, CTR for adults.
func ReviewKindFor(g AgeGroup) ReviewKind {
	if g == Adult {
		return CTR
	}
	return CETR
}

// RequestStatus is where a request for a meeting or review stands.
type RequestStatus int

// Request states.
const (
	RequestOpen RequestStatus = iota + 1
	RequestDone               // the review was held, or the meeting scheduled
	RequestCancelled
)

func (s RequestStatus) String() string {
	switch s {
	case RequestOpen:
		return "Open"
	case RequestDone:
		return "Done"
	case RequestCancelled:
		return "Cancelled"
	}
	return ""
}

// ReviewRequest asks for a C(E)TR.
type ReviewRequest struct {
	ID             int64
	PersonID       int64
	RegistrationID int64
	Kind           ReviewKind
	Urgent         bool
	Reason         string
	RequestedAt    time.Time
	Status         RequestStatus
	HeldOn         time.Time // zero until held
	Outcome        string
}

// Validate checks a review request.
func (r ReviewRequest) Validate() Problems {
	var p Problems
	if r.Kind != CETR && r.Kind != CTR {
		p.Add("kind", "Choose CETR (under 18) or CTR (18 and over).")
	}
	if strings.TrimSpace(r.Reason) == "" {
		p.Add("reason", "Give the reason for the review.")
	}
	if r.RequestedAt.IsZero() {
		p.Add("requestedAt", "The request must say when it was made.")
	}
	if r.Status == RequestDone && r.HeldOn.IsZero() {
		p.Add("heldOn", "Enter the date the review was held.")
	}
	if !r.HeldOn.IsZero() && DateOf(r.HeldOn).Before(DateOf(r.RequestedAt)) {
		p.Add("heldOn", "The review cannot be held before it was requested.")
	}
	return p
}

// Organiser says who organises and facilitates a MAM.
type Organiser int

// MAM organisers.
const (
	OrganisedByTeam     Organiser = iota + 1 // the DSP team
	OrganisedByReferrer                      // the referrer, who said they need no help
)

func (o Organiser) String() string {
	switch o {
	case OrganisedByTeam:
		return "DSP team"
	case OrganisedByReferrer:
		return "Referrer"
	}
	return ""
}

// Valid reports whether o is one of the organisers.
func (o Organiser) Valid() bool { return o == OrganisedByTeam || o == OrganisedByReferrer }

// MeetingRequest asks for a MAM to be arranged; it is done when one is scheduled.
type MeetingRequest struct {
	ID             int64
	PersonID       int64
	RegistrationID int64
	Kind           MeetingKind
	Organiser      Organiser
	Reason         string
	RequestedAt    time.Time
	Status         RequestStatus
	MeetingID      int64 // the meeting that answered it
}

// Validate checks a meeting request.
func (m MeetingRequest) Validate() Problems {
	var p Problems
	if !m.Kind.Valid() {
		p.Add("kind", "Choose the kind of MAM: initial, review or discharge.")
	}
	if !m.Organiser.Valid() {
		p.Add("organiser", "Choose who organises the MAM: the DSP team or the referrer.")
	}
	if strings.TrimSpace(m.Reason) == "" {
		p.Add("reason", "Give the reason for the MAM.")
	}
	if m.RequestedAt.IsZero() {
		p.Add("requestedAt", "The request must say when it was made.")
	}
	return p
}
