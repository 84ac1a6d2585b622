package app

import "time"

// today is the date the tests run "on": Sunday 22 November 2026.
var today = time.Date(2026, 11, 22, 10, 0, 0, 0, ServiceLocation)

// workday is Tuesday 24 November 2026, 11:00 in London.
var workday = time.Date(2026, 11, 24, 11, 0, 0, 0, ServiceLocation)

// aChild is a synthetic 14-year-old in Leicester City, NHS number from the test range.
func aChild() Person {
	return Person{
		GivenName: "Sam", FamilyName: "Testperson", PreferredName: "Sammy",
		DateOfBirth: Date(2012, 3, 14), NHSNumber: "9990000018",
		Address: "1 Example Street, Leicester", Postcode: "LE1 1AA",
		LocalAuthority: LeicesterCity, Diagnosis: Autism,
	}
}

// anAdult is a synthetic 30-year-old in Rutland.
func anAdult() Person {
	p := aChild()
	p.GivenName, p.PreferredName = "Alex", ""
	p.DateOfBirth = Date(1996, 6, 1)
	p.LocalAuthority = Rutland
	p.Postcode = "LE15 6AB"
	p.Diagnosis = LearningDisabilityAndAutism
	return p
}

// aReferral is a complete, valid referral of aChild by a health professional.
func aReferral() Referral {
	return Referral{
		Person:             aChild(),
		ReceivedAt:         workday,
		RegisterRequested:  DSR,
		IndicativeRating:   Amber,
		DiagnosisConfirmed: true,
		Referrer: Referrer{Name: "Jo Example", Role: "Community nurse", Sector: Health,
			Organisation: "Example NHS Trust", Phone: "0116 496 0000", Email: "jo.example@example.org"},
		Concerns:    []Concern{ConcernBehaviourIncrease, ConcernCarerStrain},
		WhatChanged: "More distressed at school since September.",
		WhatTried:   "Positive behaviour support plan reviewed.",
		Risks:       "Risk of placement breakdown.",
		Consent: ConsentEvent{GivenBy: GivenByParent, GiverName: "Pat Testperson", Date: Date(2026, 11, 20),
			Scope: "DSP referral and sharing with MAM agencies", RecordSystem: "SystmOne", RecordReference: "CN-0001"},
		Status: ReferralPending,
	}
}
