// Package apptest holds synthetic fixtures and fakes for tests of services
// and forms. Every person in it is made up, with an NHS number from the 999
// test range.
package apptest

import (
	"time"

	"dspdesk/app"
)

// Child returns a synthetic 14-year-old (on 22 November 2026) in Leicester City.
func Child() app.Person {
	return app.Person{
		GivenName: "Sam", FamilyName: "Testperson", PreferredName: "Sammy",
		DateOfBirth: app.Date(2012, 3, 14), NHSNumber: "9990000018",
		Address: "1 Example Street, Leicester", Postcode: "LE1 1AA",
		LocalAuthority: app.LeicesterCity, Diagnosis: app.Autism,
		Contacts: []app.Contact{{Name: "Pat Testperson", Relationship: "Parent", Phone: "07700 900123", ParentalResponsibility: true}},
	}
}

// Adult returns a synthetic 30-year-old in Rutland.
func Adult() app.Person {
	return app.Person{
		GivenName: "Alex", FamilyName: "Sampleton",
		DateOfBirth: app.Date(1996, 6, 1), NHSNumber: "9990000026",
		Address: "2 Example Road, Oakham", Postcode: "LE15 6AB",
		LocalAuthority: app.Rutland, Diagnosis: app.LearningDisabilityAndAutism,
	}
}

// Referral returns a complete, valid referral of p received at receivedAt
// by a synthetic health professional, with consent from a parent (for a
// child) or the person.
func Referral(p app.Person, receivedAt time.Time) app.Referral {
	consent := app.ConsentEvent{GivenBy: app.GivenByPerson, Date: app.DateOf(receivedAt),
		Scope: "DSP referral and sharing with MAM agencies", RecordSystem: "SystmOne", RecordReference: "CN-0001"}
	if app.AgeOn(p.DateOfBirth, receivedAt) < 16 {
		consent.GivenBy, consent.GiverName = app.GivenByParent, "Pat Testperson"
	}
	return app.Referral{
		Person: p, ReceivedAt: receivedAt, RegisterRequested: app.DSR, IndicativeRating: app.Amber,
		DiagnosisConfirmed: true,
		Referrer: app.Referrer{Name: "Jo Example", Role: "Community nurse", Sector: app.Health,
			Organisation: "Example NHS Trust", Phone: "0116 496 0000", Email: "jo.example@example.org"},
		Concerns:    []app.Concern{app.ConcernBehaviourIncrease, app.ConcernCarerStrain},
		WhatChanged: "More distressed since September.", WhatTried: "Behaviour support plan reviewed.",
		Risks: "Risk of placement breakdown.", Consent: consent,
	}
}
