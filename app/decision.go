package app

import (
	"fmt"
	"strings"
	"time"

	"dspdesk/app/calendar"
)

// Rules applies the pathway's decisions with the team's settings and the
// working-day calendar. It is a value: build one from stored settings.
type Rules struct {
	Settings Settings
	Calendar *calendar.Calendar
}

// NewRules returns rules over the given settings and calendar; a nil
// calendar means the default England and Wales calendar.
func NewRules(s Settings, cal *calendar.Calendar) Rules {
	if cal == nil {
		cal = calendar.Default()
	}
	return Rules{Settings: s, Calendar: cal}
}

// Outcome is what a decision produces, for storage to keep in one
// transaction and for the screen to show ("what was created").
type Outcome struct {
	Registration   Registration
	RatingChange   RatingChange
	MeetingRequest *MeetingRequest
	ReviewRequest  *ReviewRequest
	// Summary says in plain sentences what the decision created.
	Summary []string
}

// Accept decides to accept a pending referral with a rating. The register
// follows the rating (Red -> ROAR, Amber and Green -> DSR, Blue the register
// requested) and the follow-ups follow the LLR rules:
//   - Amber: DSR inclusion and a MAM request, organised by the referrer when
//     they said they will organise it, otherwise by the team;
//   - Red: the ROAR and an urgent CETR (under 18) or CTR (18 and over) request;
//   - Green: the DSR;
//   - Blue: the registration is marked inpatient and a discharge MAM is to plan.
//
// reason is optional; the first rating change records it.
func (r Rules) Accept(ref Referral, rating Rating, reason, by string, at time.Time) (Outcome, error) {
	var p Problems
	if ref.Status != ReferralPending && ref.Status != 0 {
		p.Add("status", "This referral was already %s.", strings.ToLower(ref.Status.String()))
	}
	if !rating.Valid() {
		p.Add("rating", "Choose the rating to accept the referral with.")
	}
	if strings.TrimSpace(by) == "" {
		p.Add("by", "The decision must say who made it (the computer account was not known).")
	}
	if ref.Person.DateOfBirth.IsZero() {
		p.Add("person.dateOfBirth", "The referral has no date of birth, so the age group is unknown.")
	}
	if err := p.Err(); err != nil {
		return Outcome{}, err
	}
	group := AgeGroupOn(ref.Person.DateOfBirth, at)
	register := RegisterFor(rating, ref.RegisterRequested)
	if ref.Person.LocalAuthority == OutOfArea {
		// LLR takes children placed out of area onto the ROAR (for a
		// community CETR) only, whatever the rating.
		register = ROAR
	}
	day := DateOf(at.In(ServiceLocation))
	why := "Referral accepted at triage."
	if s := strings.TrimSpace(reason); s != "" {
		why = "Referral accepted: " + s
	}
	out := Outcome{
		Registration: Registration{
			PersonID:   ref.PersonID,
			ReferralID: ref.ID,
			Register:   register,
			Rating:     rating,
			Inpatient:  rating == Blue,
			Since:      day,
			ReviewDue:  r.Settings.ReviewDue(rating, group, at.In(ServiceLocation), r.Calendar),
		},
		RatingChange: RatingChange{
			To: rating, ToRegister: register, Reason: why, By: by, At: at,
		},
	}
	out.Summary = append(out.Summary, fmt.Sprintf("Added to the %s (%s) rated %s; first review due %s.",
		register, register.Title(), rating, FormatDate(out.Registration.ReviewDue)))
	organiser := OrganisedByTeam
	if ref.ReferrerOrganisesMAM {
		organiser = OrganisedByReferrer
	}
	switch rating {
	case Amber:
		out.MeetingRequest = &MeetingRequest{PersonID: ref.PersonID, Kind: InitialMAM, Organiser: organiser,
			Reason: "Amber: DSR inclusion and a MAM request are automatic once the referral is accepted.", RequestedAt: at, Status: RequestOpen}
		who := "the DSP team"
		if organiser == OrganisedByReferrer {
			who = "the referrer"
		}
		out.Summary = append(out.Summary, fmt.Sprintf("A MAM was requested, to be organised by %s.", who))
	case Red:
		kind := ReviewKindFor(group)
		out.ReviewRequest = &ReviewRequest{PersonID: ref.PersonID, Kind: kind, Urgent: true,
			Reason: "Red: admission risk is immediate.", RequestedAt: at, Status: RequestOpen}
		out.Summary = append(out.Summary, fmt.Sprintf("An urgent %s (%s) was requested.", kind, kind.Title()))
	case Blue:
		out.MeetingRequest = &MeetingRequest{PersonID: ref.PersonID, Kind: DischargeMAM, Organiser: organiser,
			Reason: "Blue: the person is an inpatient; a discharge MAM will monitor the discharge plan.", RequestedAt: at, Status: RequestOpen}
		out.Summary = append(out.Summary, "Marked as an inpatient; a discharge MAM is to be planned.")
	}
	return out, nil
}

// Decline decides to decline a pending referral; a reason is required (the
// referrer is told). It returns the referral as decided.
func (r Rules) Decline(ref Referral, reason, by string, at time.Time) (Referral, error) {
	var p Problems
	if ref.Status != ReferralPending && ref.Status != 0 {
		p.Add("status", "This referral was already %s.", strings.ToLower(ref.Status.String()))
	}
	if strings.TrimSpace(reason) == "" {
		p.Add("reason", "Give the reason for declining: the referrer is told.")
	}
	if strings.TrimSpace(by) == "" {
		p.Add("by", "The decision must say who made it (the computer account was not known).")
	}
	if err := p.Err(); err != nil {
		return ref, err
	}
	ref.Status = ReferralDeclined
	ref.DeclineReason = strings.TrimSpace(reason)
	ref.DecidedBy = by
	ref.DecidedAt = at
	return ref, nil
}

// RatingDecision is a change of rating (and, optionally, of register).
type RatingDecision struct {
	To     Rating
	Reason string
	By     string
	At     time.Time
	// Register moves the person to another register; zero means the
	// register follows the rating (Red -> ROAR, Amber/Green -> DSR, Blue stays).
	Register Register
	// Review records a scheduled review: the rating may stay the same, and
	// the next review date is set from this one.
	Review bool
	// SeenVersion, when set, is the registration's version the person
	// deciding was shown (Registration.Version): if it has changed since,
	// the decision is a conflict naming who changed it, and nothing is
	// recorded.
	SeenVersion *int
}

// ChangeRating applies a rating decision to an open registration of a person
// born on dob. A reason is always required. The rules:
//   - to Red: the ROAR and an urgent CETR/CTR request; from Amber after a MAM
//     with no improvement this needs no second MAM;
//   - from Blue (discharge): a discharge MAM request;
//   - from Green to Amber: a MAM request;
//   - the next review date follows the new rating's interval.
func (r Rules) ChangeRating(reg Registration, dob time.Time, d RatingDecision) (Outcome, error) {
	if d.To != reg.Rating && (d.To == Blue || reg.Rating == Blue) {
		var p Problems
		if d.To == Blue {
			p.Add("to", "Use Record admission to rate someone Blue: it records the hospital and the admission date.")
		} else {
			p.Add("to", "Use Record discharge to move someone off Blue: it records the discharge date and asks for a discharge MAM.")
		}
		return Outcome{}, p.Err()
	}
	return r.changeRating(reg, dob, d)
}

// changeRating applies a rating decision; Admit and Discharge use it for
// the moves onto and off Blue.
func (r Rules) changeRating(reg Registration, dob time.Time, d RatingDecision) (Outcome, error) {
	var p Problems
	if !reg.Open() {
		p.Add("registration", "The person has left the register: open a new referral instead.")
	}
	register := d.Register
	if !register.Valid() {
		register = RegisterFor(d.To, reg.Register)
	}
	change := RatingChange{RegistrationID: reg.ID, From: reg.Rating, To: d.To, FromRegister: reg.Register,
		ToRegister: register, Reason: strings.TrimSpace(d.Reason), By: d.By, At: d.At, Review: d.Review}
	p = append(p, change.Validate()...)
	if dob.IsZero() {
		p.Add("dateOfBirth", "The person has no date of birth, so the age group is unknown.")
	}
	if err := p.Err(); err != nil {
		return Outcome{}, err
	}
	group := AgeGroupOn(dob, d.At)
	next := reg
	next.Rating = d.To
	next.Register = register
	next.Inpatient = d.To == Blue
	next.ReviewDue = r.Settings.ReviewDue(d.To, group, d.At.In(ServiceLocation), r.Calendar)
	out := Outcome{Registration: next, RatingChange: change}
	switch {
	case change.From == change.To && change.FromRegister == register:
		out.Summary = append(out.Summary, fmt.Sprintf("Review recorded: the rating stays %s on the %s.", d.To, register))
	case change.From == change.To:
		out.Summary = append(out.Summary, fmt.Sprintf("Moved from the %s to the %s, still rated %s.", change.FromRegister, register, d.To))
	default:
		out.Summary = append(out.Summary, fmt.Sprintf("Rating changed from %s to %s on the %s.", change.From, d.To, register))
	}
	out.Summary = append(out.Summary, "Next review due "+FormatDate(next.ReviewDue)+".")
	if d.To == Red && change.From != Red {
		kind := ReviewKindFor(group)
		out.ReviewRequest = &ReviewRequest{PersonID: reg.PersonID, RegistrationID: reg.ID, Kind: kind, Urgent: true,
			Reason: "Escalated to Red: admission risk is immediate.", RequestedAt: d.At, Status: RequestOpen}
		out.Summary = append(out.Summary, fmt.Sprintf("An urgent %s was requested.", kind))
		if change.From == Amber {
			out.Summary = append(out.Summary, "No second MAM is needed: the escalation goes straight to the urgent review and the ROAR.")
		}
	}
	switch {
	case change.From == Blue && d.To != Blue:
		out.MeetingRequest = &MeetingRequest{PersonID: reg.PersonID, RegistrationID: reg.ID, Kind: DischargeMAM,
			Organiser: OrganisedByTeam, Reason: "Discharged from hospital: a discharge MAM monitors the discharge plan.",
			RequestedAt: d.At, Status: RequestOpen}
		out.Summary = append(out.Summary, "A discharge MAM was requested to monitor the discharge plan.")
	case change.From == Green && d.To == Amber:
		out.MeetingRequest = &MeetingRequest{PersonID: reg.PersonID, RegistrationID: reg.ID, Kind: ReviewMAM,
			Organiser: OrganisedByTeam, Reason: "Escalated to Amber: a MAM is needed.", RequestedAt: d.At, Status: RequestOpen}
		out.Summary = append(out.Summary, "A MAM was requested.")
	}
	return out, nil
}

// Admission is a stay in a mental health hospital.
type Admission struct {
	ID               int64
	PersonID         int64
	RegistrationID   int64
	Hospital         string
	AdmittedOn       time.Time
	PlannedDischarge time.Time
	DischargedOn     time.Time // zero while in hospital
}

// Validate checks an admission on today.
func (a Admission) Validate(today time.Time) Problems {
	var p Problems
	p.checkTexts(a.texts()...)
	if strings.TrimSpace(a.Hospital) == "" {
		p.Add("hospital", "Enter the hospital.")
	}
	switch {
	case a.AdmittedOn.IsZero():
		p.Add("admittedOn", "Enter the admission date.")
	case DateOf(a.AdmittedOn).After(DateOf(today)):
		p.Add("admittedOn", "The admission date cannot be in the future.")
	}
	if !a.PlannedDischarge.IsZero() && !a.AdmittedOn.IsZero() && a.PlannedDischarge.Before(a.AdmittedOn) {
		p.Add("plannedDischarge", "The planned discharge is before the admission.")
	}
	if !a.DischargedOn.IsZero() {
		switch {
		case !a.AdmittedOn.IsZero() && DateOf(a.DischargedOn).Before(DateOf(a.AdmittedOn)):
			p.Add("dischargedOn", "The discharge date is before the admission date.")
		case DateOf(a.DischargedOn).After(DateOf(today)):
			p.Add("dischargedOn", "The discharge date cannot be in the future.")
		}
	}
	return p
}

// Admit records an admission: the rating becomes Blue (the register is kept
// and the registration marked inpatient).
func (r Rules) Admit(reg Registration, dob time.Time, adm Admission, by string, at time.Time) (Outcome, error) {
	var p Problems
	p = append(p, adm.Validate(at)...)
	if reg.Inpatient || reg.Rating == Blue {
		p.Add("registration", "The person is already recorded as an inpatient.")
	}
	if err := p.Err(); err != nil {
		return Outcome{}, err
	}
	return r.changeRating(reg, dob, RatingDecision{To: Blue, By: by, At: at, Register: reg.Register,
		Reason: fmt.Sprintf("Admitted to %s on %s.", strings.TrimSpace(adm.Hospital), FormatDate(adm.AdmittedOn))})
}

// Discharge records a discharge from hospital with the rating after it
// (usually Red for at least the first two weeks) and requests a discharge MAM.
func (r Rules) Discharge(reg Registration, dob time.Time, dischargedOn time.Time, to Rating, reason, by string, at time.Time) (Outcome, error) {
	var p Problems
	if reg.Rating != Blue {
		p.Add("registration", "The person is not recorded as an inpatient.")
	}
	if to == Blue {
		p.Add("to", "Choose the rating after discharge: Red, Amber or Green.")
	}
	if dischargedOn.IsZero() {
		p.Add("dischargedOn", "Enter the discharge date.")
	} else if DateOf(dischargedOn).After(DateOf(at)) {
		p.Add("dischargedOn", "The discharge date cannot be in the future.")
	}
	if err := p.Err(); err != nil {
		return Outcome{}, err
	}
	why := "Discharged on " + FormatDate(dischargedOn) + "."
	if s := strings.TrimSpace(reason); s != "" {
		why += " " + s
	}
	return r.changeRating(reg, dob, RatingDecision{To: to, Reason: why, By: by, At: at})
}

// Close takes a person off the register with a reason.
func (r Rules) Close(reg Registration, reason CloseReason, note, by string, at time.Time) (Registration, error) {
	var p Problems
	if !reg.Open() {
		p.Add("registration", "The person has already left the register.")
	}
	if !reason.Valid() {
		p.Add("closeReason", "Choose why the person is leaving the register.")
	}
	if reason == CloseOther && strings.TrimSpace(note) == "" {
		p.Add("closeNote", "Say why the person is leaving the register.")
	}
	p.checkTexts(Registration{CloseNote: note}.texts()...)
	if strings.TrimSpace(by) == "" {
		p.Add("by", "The decision must say who made it (the computer account was not known).")
	}
	if err := p.Err(); err != nil {
		return reg, err
	}
	reg.ClosedAt = at
	reg.CloseReason = reason
	reg.CloseNote = strings.TrimSpace(note)
	return reg, nil
}
