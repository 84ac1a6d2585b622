package app

import (
	"context"
	"time"

	"dspdesk/app/calendar"
)

// The ports: small interfaces the services need, which package storage
// implements (and app/apptest fakes). Each method is one transaction: a
// write either stores everything it is given, with its audit rows, or
// nothing. actor is who the audit log names.

// PeopleStore reads people.
type PeopleStore interface {
	Person(ctx context.Context, id int64) (Person, error)
	// DuplicateCandidates returns the people with the given NHS number (when
	// set) or the given date of birth.
	DuplicateCandidates(ctx context.Context, nhs NHSNumber, dob time.Time) ([]Person, error)
	// UpdateCommunication replaces a person's communication needs, audited,
	// when the person is still at version (else a ConflictError).
	UpdateCommunication(ctx context.Context, actor string, personID int64, version int, c Communication) (Person, error)
}

// ReferralStore keeps referrals and their decisions.
type ReferralStore interface {
	// CreateReferral stores the referral and its consent, creating the person
	// from ref.Person when personID is 0 or linking to personID otherwise.
	CreateReferral(ctx context.Context, actor string, ref Referral, personID int64) (Referral, error)
	Referral(ctx context.Context, id int64) (Referral, error)
	// AcceptReferral marks a pending referral accepted and stores the
	// outcome (registration, first rating change, requests), returning it
	// with ids. ErrConflict if the referral is no longer pending or the
	// person already has an open registration.
	AcceptReferral(ctx context.Context, actor string, ref Referral, out Outcome) (Outcome, error)
	// DeclineReferral stores a decline decided by Rules.Decline.
	DeclineReferral(ctx context.Context, actor string, ref Referral) error
}

// RegistrationStore keeps registrations, their rating changes and admissions.
type RegistrationStore interface {
	Registration(ctx context.Context, id int64) (Registration, error)
	// OpenRegistration returns the person's open registration, or ErrNotFound.
	OpenRegistration(ctx context.Context, personID int64) (Registration, error)
	// ApplyRatingChange stores the new registration state, the rating change
	// and any requests; ErrConflict when the stored registration is no longer
	// in the state the change started from.
	ApplyRatingChange(ctx context.Context, actor string, out Outcome) (Outcome, error)
	// ApplyAdmission stores an admission with its rating change.
	ApplyAdmission(ctx context.Context, actor string, adm Admission, out Outcome) (Admission, Outcome, error)
	// CurrentAdmission returns the registration's admission not yet discharged.
	CurrentAdmission(ctx context.Context, registrationID int64) (Admission, error)
	// ApplyDischarge records the discharge date with its rating change.
	ApplyDischarge(ctx context.Context, actor string, admissionID int64, dischargedOn time.Time, out Outcome) (Outcome, error)
	// CloseRegistration stores a registration closed by Rules.Close.
	CloseRegistration(ctx context.Context, actor string, reg Registration) error
}

// ConsentStore keeps the append-only consent history.
type ConsentStore interface {
	AddConsent(ctx context.Context, actor string, e ConsentEvent) (ConsentEvent, error)
	ConsentHistory(ctx context.Context, personID int64) ([]ConsentEvent, error)
}

// SettingsStore keeps the team's settings and bank-holiday exceptions.
type SettingsStore interface {
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, actor string, s Settings) error
	HolidayExceptions(ctx context.Context) ([]calendar.Exception, error)
	// SaveHolidayExceptions replaces the exceptions seen (as read) with ex;
	// when the stored ones are no longer those seen it is a conflict.
	SaveHolidayExceptions(ctx context.Context, actor string, seen, ex []calendar.Exception) error
}

// Store is everything the pathway service needs.
type Store interface {
	PeopleStore
	ReferralStore
	RegistrationStore
	ConsentStore
	SettingsStore
}
