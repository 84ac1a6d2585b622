package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"dspdesk/app/calendar"
)

// ErrPossibleDuplicate is returned by SubmitReferral when stored people may
// be the person referred: the user links the referral to one of them or
// confirms a new person, then submits again.
var ErrPossibleDuplicate = errors.New("people who may be the same person are already recorded: link the referral to one of them or confirm this is a new person")

// Service runs the pathway: it checks each request with the rules, then
// stores the result through the Store in one transaction.
type Service struct {
	Store Store
	Clock Clock
	// DefaultActor names the user in the audit log: the operating-system
	// account (OSAccount) on SQLite, the database login on the team register.
	DefaultActor string
}

// NewService returns a service over store using clock.
func NewService(store Store, clock Clock, defaultActor string) *Service {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Service{Store: store, Clock: clock, DefaultActor: defaultActor}
}

// Rules builds the rules from the stored settings and bank-holiday exceptions.
func (s *Service) Rules(ctx context.Context) (Rules, error) {
	set, err := s.Store.Settings(ctx)
	if err != nil {
		return Rules{}, err
	}
	ex, err := s.Store.HolidayExceptions(ctx)
	if err != nil {
		return Rules{}, err
	}
	cal, err := calendar.New(ex)
	if err != nil {
		// stored exceptions are validated when saved; fall back rather than stop work
		cal = calendar.Default()
	}
	return NewRules(set, cal), nil
}

// Actor is who the audit log names: the account the service was given
// (never the display name from settings, which is stored beside it).
func (s *Service) Actor(context.Context) string {
	if s.DefaultActor != "" {
		return s.DefaultActor
	}
	return "unknown"
}

// SubmitOptions say how to treat possible duplicates.
type SubmitOptions struct {
	// LinkPersonID links the referral to this stored person.
	LinkPersonID int64
	// ConfirmedNew says the user has seen the possible duplicates and this
	// is a new person.
	ConfirmedNew bool
	// UpdateLinked updates the linked person's record with what was typed.
	UpdateLinked bool
	// LinkPersonVersion is the version of the linked person's record the
	// user compared with what they typed (Person.Version).
	LinkPersonVersion int
	// CheckOnly only looks for the people who may be the one referred
	// (ErrPossibleDuplicate with them, or no error when there are none) and
	// stores nothing: the form shows the newer details after a conflict.
	CheckOnly bool
}

// SubmitResult is what SubmitReferral did, or the duplicates to confirm.
type SubmitResult struct {
	Referral   Referral
	Duplicates []PersonMatch
}

// NormaliseReferral tidies what was typed: the NHS number to its digits and
// the postcode to its standard form. Values that do not parse are kept so
// Validate can report them.
func NormaliseReferral(ref Referral) Referral {
	if n, err := ParseNHSNumber(string(ref.Person.NHSNumber)); err == nil {
		ref.Person.NHSNumber = n
	}
	if pc, ok := NormalisePostcode(ref.Person.Postcode); ok {
		ref.Person.Postcode = pc
	}
	ref.Person.GivenName = strings.TrimSpace(ref.Person.GivenName)
	ref.Person.FamilyName = strings.TrimSpace(ref.Person.FamilyName)
	ref.Person.PreferredName = strings.TrimSpace(ref.Person.PreferredName)
	ref.Person.DateOfBirth = DateOf(ref.Person.DateOfBirth)
	return ref
}

// SubmitReferral validates a referral, looks for people who may be the same
// person and, unless the user has linked or confirmed, returns them with
// ErrPossibleDuplicate and stores nothing. Otherwise it creates (or links)
// the person and stores the referral and its consent.
func (s *Service) SubmitReferral(ctx context.Context, ref Referral, opt SubmitOptions) (SubmitResult, error) {
	CleanStrings(&ref)
	now := s.Clock.Now()
	ref = NormaliseReferral(ref)
	if ref.ReceivedAt.IsZero() {
		ref.ReceivedAt = now
	}
	ref.Status = ReferralPending
	if err := ref.Validate(now).Err(); err != nil {
		return SubmitResult{}, err
	}
	actor := s.Actor(ctx)
	ref.Consent.RecordedBy, ref.Consent.RecordedAt = actor, now
	if opt.LinkPersonID != 0 && !opt.CheckOnly {
		if _, err := s.Store.Person(ctx, opt.LinkPersonID); err != nil {
			return SubmitResult{}, fmt.Errorf("app: link referral to person %d: %w", opt.LinkPersonID, err)
		}
		ref.UpdateLinkedPerson, ref.LinkedPersonVersion = opt.UpdateLinked, opt.LinkPersonVersion
	} else {
		cands, err := s.Store.DuplicateCandidates(ctx, ref.Person.NHSNumber, ref.Person.DateOfBirth)
		if err != nil {
			return SubmitResult{}, err
		}
		matches := MatchPeople(ref.Person, cands)
		if opt.ConfirmedNew && !opt.CheckOnly && !MayBeNewPerson(matches) {
			var p Problems
			p.Add("person.nhsNumber", "A person with this NHS number is already recorded: link the referral to them.")
			return SubmitResult{Duplicates: matches}, p.Err()
		}
		if len(matches) > 0 && (!opt.ConfirmedNew || opt.CheckOnly) {
			return SubmitResult{Duplicates: matches}, ErrPossibleDuplicate
		}
		if opt.CheckOnly {
			return SubmitResult{}, nil
		}
	}
	stored, err := s.Store.CreateReferral(ctx, actor, ref, opt.LinkPersonID)
	if err != nil {
		return SubmitResult{}, err
	}
	return SubmitResult{Referral: stored}, nil
}

// Decision is the triage decision on a referral.
type Decision struct {
	Accept bool
	Rating Rating // when accepting
	Reason string // why: optional when accepting, required when declining
}

// DecideReferral accepts (with the registration, first rating change and
// follow-ups of Rules.Accept) or declines a pending referral, storing
// everything in one transaction.
func (s *Service) DecideReferral(ctx context.Context, referralID int64, d Decision) (Outcome, error) {
	d.Reason = CleanText(d.Reason, true)
	var p Problems
	if p.checkText("reason", "reason", d.Reason, ParagraphText); len(p) > 0 {
		return Outcome{}, p.Err()
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return Outcome{}, err
	}
	ref, err := s.Store.Referral(ctx, referralID)
	if err != nil {
		return Outcome{}, err
	}
	actor, now := s.Actor(ctx), s.Clock.Now()
	if !d.Accept {
		declined, err := rules.Decline(ref, d.Reason, actor, now)
		if err != nil {
			return Outcome{}, err
		}
		if err := s.Store.DeclineReferral(ctx, actor, declined); err != nil {
			return Outcome{}, err
		}
		return Outcome{Summary: []string{"Referral declined. Tell the referrer: " + declined.DeclineReason}}, nil
	}
	if reg, err := s.Store.OpenRegistration(ctx, ref.PersonID); err == nil {
		var p Problems
		p.Add("person", "This person is already on the %s (rated %s): change their rating from their record instead.", reg.Register, reg.Rating)
		return Outcome{}, p.Err()
	} else if !errors.Is(err, ErrNotFound) {
		return Outcome{}, err
	}
	person, err := s.Store.Person(ctx, ref.PersonID)
	if err != nil {
		return Outcome{}, err
	}
	ref.Person.DateOfBirth = person.DateOfBirth
	out, err := rules.Accept(ref, d.Rating, d.Reason, actor, now)
	if err != nil {
		return Outcome{}, err
	}
	return s.Store.AcceptReferral(ctx, actor, ref, out)
}

// registrationAndBirth loads a registration and its person's date of birth.
func (s *Service) registrationAndBirth(ctx context.Context, id int64) (Registration, time.Time, error) {
	reg, err := s.Store.Registration(ctx, id)
	if err != nil {
		return Registration{}, time.Time{}, err
	}
	p, err := s.Store.Person(ctx, reg.PersonID)
	if err != nil {
		return Registration{}, time.Time{}, err
	}
	return reg, p.DateOfBirth, nil
}

// ChangeRating records a rating decision (with a reason) on a registration.
func (s *Service) ChangeRating(ctx context.Context, registrationID int64, d RatingDecision) (Outcome, error) {
	CleanStrings(&d)
	rules, err := s.Rules(ctx)
	if err != nil {
		return Outcome{}, err
	}
	reg, dob, err := s.registrationAndBirth(ctx, registrationID)
	if err != nil {
		return Outcome{}, err
	}
	d.By, d.At = s.Actor(ctx), s.Clock.Now()
	if d.SeenVersion != nil {
		reg.Version = *d.SeenVersion // storage refuses it if the registration changed since
	}
	out, err := rules.ChangeRating(reg, dob, d)
	if err != nil {
		return Outcome{}, err
	}
	return s.Store.ApplyRatingChange(ctx, d.By, out)
}

// CloseRegistration takes a person off the register with a reason.
func (s *Service) CloseRegistration(ctx context.Context, registrationID int64, reason CloseReason, note string) (Registration, error) {
	note = CleanText(note, true)
	rules, err := s.Rules(ctx)
	if err != nil {
		return Registration{}, err
	}
	reg, err := s.Store.Registration(ctx, registrationID)
	if err != nil {
		return Registration{}, err
	}
	actor := s.Actor(ctx)
	closed, err := rules.Close(reg, reason, note, actor, s.Clock.Now())
	if err != nil {
		return Registration{}, err
	}
	if err := s.Store.CloseRegistration(ctx, actor, closed); err != nil {
		return Registration{}, err
	}
	return closed, nil
}

// RecordAdmission records a hospital admission: rating Blue, inpatient.
func (s *Service) RecordAdmission(ctx context.Context, registrationID int64, adm Admission) (Admission, Outcome, error) {
	CleanStrings(&adm)
	rules, err := s.Rules(ctx)
	if err != nil {
		return Admission{}, Outcome{}, err
	}
	reg, dob, err := s.registrationAndBirth(ctx, registrationID)
	if err != nil {
		return Admission{}, Outcome{}, err
	}
	actor := s.Actor(ctx)
	adm.PersonID, adm.RegistrationID = reg.PersonID, reg.ID
	out, err := rules.Admit(reg, dob, adm, actor, s.Clock.Now())
	if err != nil {
		return Admission{}, Outcome{}, err
	}
	return s.Store.ApplyAdmission(ctx, actor, adm, out)
}

// RecordDischarge records a discharge with the rating after it, and
// requests a discharge MAM.
func (s *Service) RecordDischarge(ctx context.Context, registrationID int64, dischargedOn time.Time, to Rating, reason string) (Outcome, error) {
	reason = CleanText(reason, true)
	rules, err := s.Rules(ctx)
	if err != nil {
		return Outcome{}, err
	}
	reg, dob, err := s.registrationAndBirth(ctx, registrationID)
	if err != nil {
		return Outcome{}, err
	}
	adm, err := s.Store.CurrentAdmission(ctx, registrationID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Outcome{}, err
	}
	actor := s.Actor(ctx)
	out, err := rules.Discharge(reg, dob, dischargedOn, to, reason, actor, s.Clock.Now())
	if err != nil {
		return Outcome{}, err
	}
	if !adm.AdmittedOn.IsZero() && DateOf(dischargedOn).Before(DateOf(adm.AdmittedOn)) {
		var p Problems
		p.Add("dischargedOn", "The discharge date is before the admission on %s.", FormatDate(adm.AdmittedOn))
		return Outcome{}, p.Err()
	}
	return s.Store.ApplyDischarge(ctx, actor, adm.ID, DateOf(dischargedOn), out)
}

// RecordCommunication records what a person and their family need to take
// part (formats, interpreters, another contact), checked first. version is
// the person's version the user started from: a newer one is a conflict.
func (s *Service) RecordCommunication(ctx context.Context, personID int64, version int, c Communication) (Person, error) {
	CleanStrings(&c)
	c.Interpreter, c.FamilyInterpreter = strings.TrimSpace(c.Interpreter), strings.TrimSpace(c.FamilyInterpreter)
	c.ContactThrough = strings.TrimSpace(c.ContactThrough)
	if err := c.Validate().Err(); err != nil {
		return Person{}, err
	}
	return s.Store.UpdateCommunication(ctx, s.Actor(ctx), personID, version, c)
}

// RecordConsent adds consent given (or renewed) to a person's history.
func (s *Service) RecordConsent(ctx context.Context, personID int64, e ConsentEvent) (ConsentEvent, error) {
	e.Withdrawn = false
	return s.addConsent(ctx, personID, e)
}

// WithdrawConsent records that consent was withdrawn, on date, with how and
// why. Nothing is deleted: the withdrawal is a new row in the history.
func (s *Service) WithdrawConsent(ctx context.Context, personID int64, date time.Time, reason string) (ConsentEvent, error) {
	return s.addConsent(ctx, personID, ConsentEvent{Withdrawn: true, Date: date, Reason: strings.TrimSpace(reason)})
}

func (s *Service) addConsent(ctx context.Context, personID int64, e ConsentEvent) (ConsentEvent, error) {
	CleanStrings(&e)
	p, err := s.Store.Person(ctx, personID)
	if err != nil {
		return ConsentEvent{}, err
	}
	now := s.Clock.Now()
	e.PersonID = personID
	e.Date = DateOf(e.Date)
	if err := e.Validate(p.DateOfBirth, now).Err(); err != nil {
		return ConsentEvent{}, err
	}
	actor := s.Actor(ctx)
	e.RecordedBy, e.RecordedAt = actor, now
	return s.Store.AddConsent(ctx, actor, e)
}

// SaveSettings validates and stores the settings.
func (s *Service) SaveSettings(ctx context.Context, set Settings) error {
	CleanStrings(&set)
	if err := set.Validate().Err(); err != nil {
		return err
	}
	return s.Store.SaveSettings(ctx, s.Actor(ctx), set)
}

// SaveHolidayExceptions checks the exceptions build a valid calendar, then
// stores them in place of those seen (a conflict if someone changed them).
func (s *Service) SaveHolidayExceptions(ctx context.Context, seen, ex []calendar.Exception) error {
	seen, ex = cleanExceptions(seen), cleanExceptions(ex)
	if err := holidayProblems(ex).Err(); err != nil {
		return err
	}
	if _, err := calendar.New(ex); err != nil {
		var p Problems
		p.Add("exceptions", "%s", strings.TrimPrefix(err.Error(), "calendar: "))
		return p.Err()
	}
	return s.Store.SaveHolidayExceptions(ctx, s.Actor(ctx), seen, ex)
}
