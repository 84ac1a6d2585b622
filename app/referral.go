package app

import (
	"strings"
	"time"
)

// Sector is the kind of organisation a referrer works for.
type Sector int

// The sectors allowed to refer.
const (
	Health Sector = iota + 1
	SocialCare
	Education
)

// Sectors lists the sectors in form order.
var Sectors = []Sector{Health, SocialCare, Education}

func (s Sector) String() string {
	switch s {
	case Health:
		return "Health"
	case SocialCare:
		return "Social care"
	case Education:
		return "Education"
	}
	return ""
}

// Valid reports whether s is health, social care or education.
func (s Sector) Valid() bool { return s >= Health && s <= Education }

// Concern is one item of the concerns checklist (LLR criteria for Amber).
type Concern int

// The concerns checklist.
const (
	ConcernBehaviourIncrease Concern = iota + 1
	ConcernHealthDeterioration
	ConcernCarerStrain
	ConcernSafeguarding
	ConcernCarerHealth
)

// Concerns lists the checklist in form order.
var Concerns = []Concern{ConcernBehaviourIncrease, ConcernHealthDeterioration, ConcernCarerStrain, ConcernSafeguarding, ConcernCarerHealth}

func (c Concern) String() string {
	switch c {
	case ConcernBehaviourIncrease:
		return "Significant increase in behaviours that challenge"
	case ConcernHealthDeterioration:
		return "Deterioration in physical or mental health (e.g. social withdrawal, self-neglect, anxiety, aggression to self or others, damage to property, self-harm, suicidal thoughts, increased ritualistic behaviours, hearing voices)"
	case ConcernCarerStrain:
		return "Family or carer finding the situation difficult; carer strain"
	case ConcernSafeguarding:
		return "A new safeguarding issue for the person, carer or family member; more than one vulnerable person in the household"
	case ConcernCarerHealth:
		return "The carer has a significant physical or mental health condition affecting their ability to care"
	}
	return ""
}

// Short is a few words naming the concern, for tables and PDFs.
func (c Concern) Short() string {
	switch c {
	case ConcernBehaviourIncrease:
		return "Behaviours that challenge"
	case ConcernHealthDeterioration:
		return "Health deterioration"
	case ConcernCarerStrain:
		return "Carer strain"
	case ConcernSafeguarding:
		return "Safeguarding"
	case ConcernCarerHealth:
		return "Carer's own health"
	}
	return ""
}

// Valid reports whether c is on the checklist.
func (c Concern) Valid() bool { return c >= ConcernBehaviourIncrease && c <= ConcernCarerHealth }

// Funding is how an out-of-area placement is paid for.
type Funding int

// Placement funding.
const (
	HealthFundedFully Funding = iota + 1
	HealthFundedPartly
	NotHealthFunded
)

// Fundings lists the choices in form order.
var Fundings = []Funding{HealthFundedFully, HealthFundedPartly, NotHealthFunded}

func (f Funding) String() string {
	switch f {
	case HealthFundedFully:
		return "Fully health funded"
	case HealthFundedPartly:
		return "Partly health funded"
	case NotHealthFunded:
		return "Not health funded"
	}
	return ""
}

// Valid reports whether f is one of the choices.
func (f Funding) Valid() bool { return f >= HealthFundedFully && f <= NotHealthFunded }

// Referrer is the professional making a referral.
type Referrer struct {
	Name         string
	Role         string
	Sector       Sector
	Organisation string
	Phone        string
	Email        string
}

// Validate checks every referrer field (all are mandatory).
func (r Referrer) Validate() Problems {
	var p Problems
	p.checkTexts(r.texts()...)
	if strings.TrimSpace(r.Name) == "" {
		p.Add("name", "Enter the referrer's name.")
	}
	if strings.TrimSpace(r.Role) == "" {
		p.Add("role", "Enter the referrer's role.")
	}
	if !r.Sector.Valid() {
		p.Add("sector", "Choose the referrer's sector: health, social care or education.")
	}
	if strings.TrimSpace(r.Organisation) == "" {
		p.Add("organisation", "Enter the referrer's organisation.")
	}
	switch {
	case strings.TrimSpace(r.Phone) == "":
		p.Add("phone", "Enter the referrer's phone number.")
	case !ValidPhone(r.Phone):
		p.Add("phone", "Enter a UK phone number, for example 0116 295 0000 or 07700 900123.")
	}
	switch {
	case strings.TrimSpace(r.Email) == "":
		p.Add("email", "Enter the referrer's email address.")
	case !ValidEmail(r.Email):
		p.Add("email", "Enter an email address like name@example.org.")
	}
	return p
}

// Inpatient holds the details of a current hospital stay.
type Inpatient struct {
	Hospital         string
	AdmittedOn       time.Time
	PlannedDischarge time.Time // zero when not known
}

// OutOfAreaPlacement holds the funding of a placement outside LLR.
type OutOfAreaPlacement struct {
	Funding      Funding
	Commissioner string // the responsible commissioner
}

// ReferralStatus is where a referral is in triage.
type ReferralStatus int

// Referral states.
const (
	ReferralPending ReferralStatus = iota + 1
	ReferralAccepted
	ReferralDeclined
)

func (s ReferralStatus) String() string {
	switch s {
	case ReferralPending:
		return "Awaiting decision"
	case ReferralAccepted:
		return "Accepted"
	case ReferralDeclined:
		return "Declined"
	}
	return ""
}

// Referral is a request to put a person on the DSR or the ROAR.
type Referral struct {
	ID       int64
	PersonID int64
	// Person holds the person's details as the referrer entered them.
	Person     Person
	ReceivedAt time.Time

	RegisterRequested Register
	IndicativeRating  Rating

	DiagnosisConfirmed bool // the referrer confirms the diagnosis
	Referrer           Referrer
	// ReferrerOrganisesMAM: the referrer needs no help organising the MAM and
	// will organise and facilitate it themselves.
	ReferrerOrganisesMAM bool

	Concerns      []Concern
	ConcernsOther string // free text beside the checklist
	WhatChanged   string
	WhatTried     string
	Risks         string

	Consent ConsentEvent

	IsInpatient bool
	Inpatient   Inpatient
	OutOfArea   OutOfAreaPlacement // when Person.LocalAuthority is OutOfArea

	// Optional details.
	EducationSetting      string
	EHCP                  bool
	ProfessionalsInvolved string
	LegalStatus           string // MHA section, CTO, S117, DoLS

	// UpdateLinkedPerson asks, when the referral is linked to a stored
	// person, for their record to be updated with what was typed (not
	// stored on the referral itself).
	UpdateLinkedPerson bool `json:"-"`
	// LinkedPersonVersion is the version of the linked person's record the
	// user saw when choosing to update it: a newer stored record is a
	// conflict, not overwritten.
	LinkedPersonVersion int `json:"-"`

	Status        ReferralStatus
	DecidedAt     time.Time
	DecidedBy     string
	DeclineReason string
}

// Validate checks every mandatory field of a referral and the LLR rules, on
// today. Field names are those of the form: "person.givenName",
// "registerRequested", "referrer.email", "consent.scope" and so on.
func (r Referral) Validate(today time.Time) Problems {
	var p Problems
	p.checkTexts(r.texts()...)
	p.Merge("person", r.Person.Validate(today))
	if !r.RegisterRequested.Valid() {
		p.Add("registerRequested", "Choose the register you are referring to: DSR or ROAR.")
	}
	if !r.IndicativeRating.Valid() {
		p.Add("indicativeRating", "Choose your indicative rating: Red, Amber, Green or Blue.")
	}
	if !r.DiagnosisConfirmed {
		p.Add("diagnosisConfirmed", "Confirm the diagnosis of learning disability, autism, or both.")
	}
	p.Merge("referrer", r.Referrer.Validate())
	if r.Consent.Withdrawn {
		p.Add("consent", "A referral needs consent given, not withdrawn.")
	} else {
		p.Merge("consent", r.Consent.Validate(r.Person.DateOfBirth, today))
	}
	hasConcern, badConcern := strings.TrimSpace(r.ConcernsOther) != "", false
	for _, c := range r.Concerns {
		if !c.Valid() {
			badConcern = true
			continue
		}
		hasConcern = true
	}
	if badConcern {
		p.Add("concerns", "One of the concerns is not on the checklist.")
	} else if !hasConcern {
		p.Add("concerns", "Tick at least one concern, or describe the concern.")
	}
	if strings.TrimSpace(r.WhatChanged) == "" {
		p.Add("whatChanged", "Describe what has changed.")
	}
	if strings.TrimSpace(r.WhatTried) == "" {
		p.Add("whatTried", "Describe what has been tried.")
	}
	if strings.TrimSpace(r.Risks) == "" {
		p.Add("risks", "Describe the risks.")
	}
	if r.IsInpatient {
		if strings.TrimSpace(r.Inpatient.Hospital) == "" {
			p.Add("inpatient.hospital", "Enter the hospital.")
		}
		switch {
		case r.Inpatient.AdmittedOn.IsZero():
			p.Add("inpatient.admittedOn", "Enter the admission date.")
		case DateOf(r.Inpatient.AdmittedOn).After(DateOf(today)):
			p.Add("inpatient.admittedOn", "The admission date cannot be in the future.")
		case !r.Inpatient.PlannedDischarge.IsZero() && r.Inpatient.PlannedDischarge.Before(r.Inpatient.AdmittedOn):
			p.Add("inpatient.plannedDischarge", "The planned discharge date is before the admission date.")
		}
	}
	if r.Person.LocalAuthority == OutOfArea {
		p = append(p, r.validateOutOfArea(today)...)
	}
	return p
}

// validateOutOfArea applies the LLR rule: someone living outside LLR may be
// referred (to the ROAR / a community CETR) only if they are under 18 and
// their placement is fully or partly health funded.
func (r Referral) validateOutOfArea(today time.Time) Problems {
	var p Problems
	if !r.OutOfArea.Funding.Valid() {
		p.Add("outOfArea.funding", "Choose how the out-of-area placement is funded.")
	}
	if strings.TrimSpace(r.OutOfArea.Commissioner) == "" {
		p.Add("outOfArea.commissioner", "Enter the responsible commissioner.")
	}
	if r.Person.DateOfBirth.IsZero() || !r.OutOfArea.Funding.Valid() {
		return p
	}
	if AgeGroupOn(r.Person.DateOfBirth, today) == Adult {
		p.Add("person.localAuthority", "Adults living outside Leicester, Leicestershire and Rutland cannot be referred to the LLR pathway: refer them to their home area's Dynamic Support Register.")
		return p
	}
	if r.OutOfArea.Funding == NotHealthFunded {
		p.Add("outOfArea.funding", "A child living outside LLR can be referred only when their placement is fully or partly health funded.")
	}
	if r.RegisterRequested == DSR {
		p.Add("registerRequested", "A child living outside LLR is referred to the ROAR (for a community CETR), not the DSR.")
	}
	return p
}

// HasConcern reports whether c is ticked.
func (r Referral) HasConcern(c Concern) bool {
	for _, x := range r.Concerns {
		if x == c {
			return true
		}
	}
	return false
}
