// Package demo makes synthetic pathway data: people, referrals, decisions,
// meetings, actions and gaps in service, for the app's demo mode, dspctl
// seed and benchmarks. Everyone is made up; NHS numbers come from the
// 999 000 0000 - 999 999 9999 test range that the NHS never issues. The same
// seed always makes the same data.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"dspdesk/app"
)

// Sink stores what Generate makes. storage.Batch implements it.
type Sink interface {
	CreateReferral(ref app.Referral, personID int64) (app.Referral, error)
	AcceptReferral(ref app.Referral, out app.Outcome) (app.Outcome, error)
	DeclineReferral(ref app.Referral) error
	ApplyRatingChange(out app.Outcome) (app.Outcome, error)
	CreateMeeting(m app.Meeting) (app.Meeting, error)
	CreateAction(a app.Action) (app.Action, error)
	CreateGap(g app.Gap) (app.Gap, error)
	AddConsent(e app.ConsentEvent) (app.ConsentEvent, error)
}

// Config says how much to make.
type Config struct {
	People int
	Seed   uint64
	// Now is the moment the data is made "as of": referrals fall in the two
	// years before it, upcoming meetings in the four weeks after.
	Now   time.Time
	Rules app.Rules
	// ChunkSize is how many people go in one transaction (default 1000).
	ChunkSize int
	// FirstBody is the first NHS test-range body to use (default 1), so a
	// second seeding into the same database can avoid the first one's numbers.
	FirstBody int
}

// Summary counts what Generate made.
type Summary struct {
	People, Referrals, Pending, Declined, Registrations int
	ByRating                                            map[app.Rating]int
	Meetings, Actions, Gaps                             int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d people: %d accepted (red %d, amber %d, green %d, blue %d), %d awaiting a decision, %d declined; %d meetings, %d actions, %d gaps in service",
		s.People, s.Registrations, s.ByRating[app.Red], s.ByRating[app.Amber], s.ByRating[app.Green], s.ByRating[app.Blue],
		s.Pending, s.Declined, s.Meetings, s.Actions, s.Gaps)
}

// Generate makes cfg.People people and their records. batch is called once
// per chunk and must run its function in one transaction, passing a Sink.
func Generate(cfg Config, batch func(func(Sink) error) error) (Summary, error) {
	sum := Summary{ByRating: map[app.Rating]int{}}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = 1000
	}
	body := cfg.FirstBody
	if body <= 0 {
		body = 1
	}
	for start := 0; start < cfg.People; start += cfg.ChunkSize {
		end := min(start+cfg.ChunkSize, cfg.People)
		err := batch(func(sink Sink) error {
			for i := start; i < end; i++ {
				var nhs app.NHSNumber
				for {
					n, ok := app.TestNHSNumber(body)
					body++
					if ok {
						nhs = n
						break
					}
					if body > 999_999 {
						return fmt.Errorf("demo: the NHS test range is used up after %d people", i)
					}
				}
				g := &gen{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, uint64(i))), sink: sink, sum: &sum}
				if err := g.person(i, nhs); err != nil {
					return fmt.Errorf("demo: person %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			return sum, err
		}
	}
	return sum, nil
}

type gen struct {
	cfg  Config
	rng  *rand.Rand
	sink Sink
	sum  *Summary
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

// workingTime returns a time during working hours on a working day around t.
func (g *gen) workingTime(t time.Time, minuteOfDay int) time.Time {
	cal := g.cfg.Rules.Calendar
	day := t.In(app.ServiceLocation)
	if !cal.IsWorkingDay(day) {
		day = cal.NextWorkingDay(day)
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, minuteOfDay/60, minuteOfDay%60, 0, 0, app.ServiceLocation)
}

func (g *gen) person(i int, nhs app.NHSNumber) error {
	now := g.cfg.Now
	cyp := g.chance(0.55) || i == 0
	var age int
	if cyp {
		age = 4 + g.rng.IntN(14)
	} else {
		age = 18 + g.rng.IntN(45)
	}
	dob := app.DateOf(now).AddDate(-age, 0, -g.rng.IntN(365))
	p := app.Person{
		GivenName: g.pick(givenNames), FamilyName: g.pick(familyNames), DateOfBirth: dob, NHSNumber: nhs,
		Diagnosis: app.Diagnoses[g.rng.IntN(3)], CommunicationNeeds: g.pick(communicationNeeds),
	}
	if g.chance(0.2) {
		r := []rune(p.GivenName) // whole letters: "Zoë" must not become invalid UTF-8
		p.PreferredName = string(r[:min(3, len(r))])
	}
	p.Communication = demoCommunication(i)
	if g.chance(0.02) {
		p.NHSNumber, p.NHSNumberUnknownReason = "", "Recently moved to the area; GP registration pending"
	}
	switch r := g.rng.Float64(); {
	case r < 0.40:
		p.LocalAuthority, p.Postcode = app.LeicesterCity, fmt.Sprintf("LE%d %d%s", 1+g.rng.IntN(5), 1+g.rng.IntN(9), g.pick(postcodeEnds))
	case r < 0.85:
		p.LocalAuthority, p.Postcode = app.Leicestershire, fmt.Sprintf("LE%d %d%s", 7+g.rng.IntN(12), 1+g.rng.IntN(9), g.pick(postcodeEnds))
	case r < 0.96 || !cyp:
		p.LocalAuthority, p.Postcode = app.Rutland, fmt.Sprintf("%s %d%s", g.pick([]string{"LE15", "PE9"}), 1+g.rng.IntN(9), g.pick(postcodeEnds))
	default:
		p.LocalAuthority, p.Postcode = app.OutOfArea, fmt.Sprintf("NG%d %d%s", 1+g.rng.IntN(20), 1+g.rng.IntN(9), g.pick(postcodeEnds))
	}
	p.Address = fmt.Sprintf("%d %s", 1+g.rng.IntN(180), g.pick(streets))
	parent := app.Contact{Name: g.pick(givenNames) + " " + p.FamilyName, Relationship: g.pick([]string{"Mum", "Dad", "Grandparent", "Foster carer"}),
		Phone: fmt.Sprintf("07700 900%03d", g.rng.IntN(1000)), ParentalResponsibility: cyp}
	p.Contacts = []app.Contact{parent}

	// 4% still await a decision (received in the last fortnight), 2% were declined.
	fate := g.rng.Float64()
	pending := fate < 0.04 && i != 0
	received := g.workingTime(now.AddDate(0, 0, -1-g.rng.IntN(730)), 9*60+g.rng.IntN(7*60))
	if pending {
		received = g.workingTime(now.AddDate(0, 0, -g.rng.IntN(15)), 8*60+g.rng.IntN(10*60))
		if received.After(now) {
			received = now.Add(-time.Hour)
		}
	}
	rating := g.rating()
	if i == 0 {
		// The first person is a full example for newcomers and screenshots: a
		// child rated Amber two months ago, with a MAM held and one to come.
		received, rating = g.workingTime(now.AddDate(0, 0, -60), 10*60), app.Amber
	}
	if p.LocalAuthority == app.OutOfArea && rating != app.Red {
		// as the referral form allows: a child living outside LLR goes on
		// the ROAR only (a community CETR), never the DSR
		if i == 0 {
			p.LocalAuthority = app.Rutland
		} else {
			rating = app.Red
		}
	}
	ref := app.Referral{
		Person: p, ReceivedAt: received, IndicativeRating: rating, RegisterRequested: app.RegisterFor(rating, app.DSR),
		DiagnosisConfirmed: true, ReferrerOrganisesMAM: g.chance(0.3),
		Referrer: app.Referrer{Name: g.pick(givenNames) + " " + g.pick(familyNames), Role: g.pick(roles), Sector: app.Sectors[g.rng.IntN(3)],
			Organisation: g.pick(organisations), Phone: fmt.Sprintf("0116 496 %04d", g.rng.IntN(10000)), Email: "referrer@example.org"},
		Concerns:    []app.Concern{app.Concerns[g.rng.IntN(len(app.Concerns))]},
		WhatChanged: g.pick(changes), WhatTried: g.pick(tried), Risks: g.pick(risks),
		Consent: app.ConsentEvent{GivenBy: app.GivenByPerson, Date: app.DateOf(received), Scope: "DSP referral and sharing with MAM agencies",
			RecordSystem: g.pick([]string{"SystmOne", "Liquidlogic", "Mosaic", "School records"}), RecordReference: fmt.Sprintf("REF-%06d", i)},
	}
	if app.AgeOn(dob, received) < 16 {
		ref.Consent.GivenBy, ref.Consent.GiverName = app.GivenByParent, parent.Name
	}
	if p.LocalAuthority == app.OutOfArea {
		ref.RegisterRequested, ref.OutOfArea = app.ROAR, app.OutOfAreaPlacement{Funding: app.HealthFundedPartly, Commissioner: "Example Integrated Care Board"}
	}
	if rating == app.Blue {
		ref.IsInpatient = true
		ref.Inpatient = app.Inpatient{Hospital: g.pick(hospitals), AdmittedOn: app.DateOf(received).AddDate(0, 0, -g.rng.IntN(60))}
	}
	if cyp {
		ref.EducationSetting, ref.EHCP = g.pick(schools), g.chance(0.6)
	}
	if err := ref.Validate(received).Err(); err != nil {
		return fmt.Errorf("generated an invalid referral: %w", err)
	}
	ref, err := g.sink.CreateReferral(ref, 0)
	if err != nil {
		return err
	}
	g.sum.People++
	g.sum.Referrals++

	switch {
	case i == 0:
	case pending:
		g.sum.Pending++
		return nil
	case fate < 0.06:
		decided, err := g.cfg.Rules.Decline(ref, "Does not meet the DSR criteria; signposted to the community team.", "Demo Team Lead", received)
		if err != nil {
			return err
		}
		g.sum.Declined++
		return g.sink.DeclineReferral(decided)
	}
	decidedAt := g.workingTime(g.cfg.Rules.Calendar.AddWorkingDays(received, 1+g.rng.IntN(3)), 10*60+g.rng.IntN(5*60))
	if decidedAt.After(now) {
		g.sum.Pending++
		return nil
	}
	ref.Person.DateOfBirth = dob
	out, err := g.cfg.Rules.Accept(ref, rating, "Meets the criteria", "Demo Team Lead", decidedAt)
	if err != nil {
		return err
	}
	if out, err = g.sink.AcceptReferral(ref, out); err != nil {
		return err
	}
	g.sum.Registrations++
	g.sum.ByRating[rating]++
	reg := out.Registration

	// A recent review keeps most reviews in the future; about one in ten is
	// a little overdue (up to two weeks), as on a real register.
	if reg.ReviewDue.Before(app.DateOf(now)) {
		interval := 7
		switch rating {
		case app.Amber:
			interval = 28
		case app.Green, app.Blue:
			interval = 90
		}
		back := g.rng.IntN(interval)
		if g.chance(0.1) {
			back = interval + 1 + g.rng.IntN(14)
		}
		at := g.workingTime(now.AddDate(0, 0, -back), 14*60)
		if !at.Before(now) {
			at = g.workingTime(g.cfg.Rules.Calendar.AddWorkingDays(now, -1), 14*60)
		}
		if at.After(decidedAt) && at.Before(now) {
			rev, err := g.cfg.Rules.ChangeRating(reg, dob, app.RatingDecision{To: rating, Reason: "Reviewed: rating confirmed.", By: "Demo Team Lead", At: at, Review: true})
			if err != nil {
				return err
			}
			if rev, err = g.sink.ApplyRatingChange(rev); err != nil {
				return err
			}
			reg = rev.Registration
			// Consent is confirmed at the review when it is nearly a year old.
			if at.Sub(received) > 330*24*time.Hour {
				renewed := ref.Consent
				renewed.ID, renewed.Date, renewed.RecordedAt, renewed.RecordReference = 0, app.DateOf(at), at, fmt.Sprintf("REF-%06d-R", i)
				if app.AgeOn(dob, at) >= 16 && renewed.GivenBy == app.GivenByParent {
					renewed.GivenBy, renewed.GiverName = app.GivenByPerson, ""
				}
				if _, err := g.sink.AddConsent(renewed); err != nil {
					return err
				}
			}
		}
	}
	if rating == app.Green && g.chance(0.7) {
		return nil
	}
	return g.meetings(ref, reg, decidedAt, i == 0)
}

func (g *gen) rating() app.Rating {
	switch r := g.rng.Float64(); {
	case r < 0.05:
		return app.Red
	case r < 0.33:
		return app.Amber
	case r < 0.98:
		return app.Green
	}
	return app.Blue
}

func (g *gen) meetings(ref app.Referral, reg app.Registration, decidedAt time.Time, full bool) error {
	now := g.cfg.Now
	slots := app.NewSlotRules(g.cfg.Rules.Settings, g.cfg.Rules.Calendar)
	organiser, organiserName := app.OrganisedByTeam, g.pick(teamMembers)
	if ref.ReferrerOrganisesMAM {
		organiser, organiserName = app.OrganisedByReferrer, ref.Referrer.Name
	}
	family := ref.Person.Contacts[0]
	newMeeting := func(kind app.MeetingKind, around time.Time, status app.MeetingStatus) (app.Meeting, error) {
		start, ok := slots.Next(g.workingTime(around, 9*60+15+15*g.rng.IntN(22)), 90*time.Minute, 15*time.Minute)
		if !ok {
			return app.Meeting{}, fmt.Errorf("no meeting slot")
		}
		m := app.Meeting{PersonID: reg.PersonID, Kind: kind, Start: start, Duration: 90 * time.Minute,
			Place: g.pick(places), Organiser: organiser, OrganiserName: organiserName, Chair: g.pick(teamMembers),
			PreMeetingOffset: 15 * time.Minute, Status: status, Agenda: app.DefaultAgenda(),
			Invitees: []app.Invitee{
				{Name: family.Name, Role: family.Relationship, Family: true},
				{Name: ref.Referrer.Name, Role: ref.Referrer.Role, Agency: ref.Referrer.Organisation, Email: "referrer@example.org"},
				{Name: g.pick(givenNames) + " " + g.pick(familyNames), Role: "Social worker", Agency: "Example City Council"},
			}}
		if status == app.MeetingHeld || status == app.MeetingOutcomeRecorded {
			m.Outcome = app.MeetingOutcomes[g.rng.IntN(2)] // improved or no change
			m.NextDate = app.DateOf(g.cfg.Rules.Calendar.AddWorkingDays(start, 20))
			m.FamilyContactedOn = app.DateOf(g.cfg.Rules.Calendar.AddWorkingDays(start, -3))
			for i := range m.Invitees {
				m.Invitees[i].Attendance = app.Attended
			}
			m.Invitees[2].Attendance = app.SentApologies
		}
		m, err := g.sink.CreateMeeting(m)
		if err == nil {
			g.sum.Meetings++
		}
		return m, err
	}
	first := g.cfg.Rules.Calendar.AddWorkingDays(decidedAt, 5+g.rng.IntN(10))
	var held app.Meeting
	var err error
	if first.Before(now.AddDate(0, 0, -2)) {
		if held, err = newMeeting(app.InitialMAM, first, app.MeetingOutcomeRecorded); err != nil {
			return err
		}
		var blocked app.Action
		for k := 0; k < 1+g.rng.IntN(4); k++ {
			due := app.DateOf(g.cfg.Rules.Calendar.AddWorkingDays(held.Start, 10+g.rng.IntN(40)))
			a := app.Action{PersonID: reg.PersonID, MeetingID: held.ID, Description: g.pick(actionTexts), DesiredOutcome: "Person stays well at home",
				Owner: g.pick(givenNames) + " " + g.pick(familyNames), Agency: g.pick(organisations), Due: due, Status: app.ActionOpen}
			switch {
			case due.Before(app.DateOf(now).AddDate(0, 0, -21)) && g.chance(0.97), due.Before(app.DateOf(now)) && g.chance(0.6):
				a.Status, a.CompletedOn = app.ActionDone, due
			case g.chance(0.12):
				a.Status, a.StatusReason = app.ActionBlocked, "No provider has capacity; waiting list closed."
				a.Progress = []app.Progress{{At: held.Start.AddDate(0, 0, 5), By: a.Owner, Note: "Status changed from not started to blocked: " + a.StatusReason}}
			case g.chance(0.3):
				a.Status = app.ActionInProgress
				a.Progress = []app.Progress{{At: held.Start.AddDate(0, 0, 7), By: a.Owner, Note: "Started; first contact made."}}
			}
			a, err := g.sink.CreateAction(a)
			if err != nil {
				return err
			}
			if a.Status == app.ActionBlocked {
				blocked = a
			}
			g.sum.Actions++
		}
		if blocked.ID != 0 || g.chance(0.25) {
			t := gapTexts[g.rng.IntN(len(gapTexts))]
			gap := app.Gap{Date: app.DateOf(held.Start), RaisedBy: organiserName, PersonID: reg.PersonID, MeetingID: held.ID,
				LocalAuthority: ref.Person.LocalAuthority, AgeGroup: app.AgeGroupOn(ref.Person.DateOfBirth, held.Start),
				Category: t.category, Summary: t.summary, Description: t.description,
				Impact: "Risk of placement breakdown and admission.", WhatTried: "Spot purchase explored; none available.", Status: app.GapOpen}
			if blocked.ID != 0 {
				gap.ActionID, gap.Date = blocked.ID, app.DateOf(held.Start.AddDate(0, 0, 5))
				if gap.Date.After(now) {
					gap.Date = app.DateOf(now)
				}
			}
			switch r := g.rng.Float64(); {
			case r < 0.3:
				gap.Status, gap.EscalatedTo = app.GapEscalated, "Head of Commissioning"
			case r < 0.45:
				gap.Status, gap.EscalatedTo, gap.Response = app.GapResponded, "Head of Commissioning", "Added to the commissioning plan for next year."
			case r < 0.6 && gap.Date.Before(now.AddDate(0, 0, -30)):
				gap.Status, gap.EscalatedTo, gap.Response = app.GapClosed, "Head of Commissioning", "Provision found through a spot purchase."
				gap.ClosedOn = app.DateOf(gap.Date.AddDate(0, 0, 14+g.rng.IntN(14)))
			}
			if _, err := g.sink.CreateGap(gap); err != nil {
				return err
			}
			g.sum.Gaps++
		}
	}
	if full || (reg.Rating != app.Green && g.chance(0.5)) {
		status := app.MeetingPlanned
		if g.chance(0.4) {
			status = app.MeetingFamilyContacted
		}
		kind := app.ReviewMAM
		if reg.Rating == app.Blue {
			kind = app.DischargeMAM
		}
		m, err := newMeeting(kind, now.AddDate(0, 0, 1+g.rng.IntN(28)), status)
		if err != nil {
			return err
		}
		_ = m
	}
	return nil
}

// Draft is a half-typed referral with two typing mistakes (an NHS number
// whose check digit is wrong and a postcode cut short), as a newcomer might
// find in the drafts list.
func Draft(now time.Time) app.Draft {
	return app.Draft{
		NHSNumberText: "999 000 0019",
		Referral: app.Referral{
			RegisterRequested: app.DSR, IndicativeRating: app.Amber,
			Person: app.Person{GivenName: "Riley", FamilyName: "Sampleton", DateOfBirth: app.DateOf(now).AddDate(-13, -2, 0),
				Address: "12 Example Road, Loughborough", Postcode: "LE11", LocalAuthority: app.Leicestershire, Diagnosis: app.Autism},
			Referrer: app.Referrer{Name: "Kit Keyworker", Role: "SENCo", Sector: app.Education, Organisation: "Example Academy Trust"},
			Concerns: []app.Concern{app.ConcernCarerStrain},
			Consent:  app.ConsentEvent{GivenBy: app.GivenByParent, Date: app.DateOf(now)},
		},
	}
}

// demoCommunication gives some people and families communication needs,
// by their place in the list (the random sequence stays as it was).
func demoCommunication(i int) app.Communication {
	var c app.Communication
	switch {
	case i%13 == 4:
		c.FamilyFormat = app.FormatEasyRead
	case i%19 == 6:
		c.FamilyFormat = app.FormatLargePrint
	}
	if i%17 == 5 {
		c.FamilyInterpreter = []string{"Polish", "Gujarati", "Urdu", "Somali", "Romanian"}[(i/17)%5]
	}
	if i%29 == 9 {
		c.Interpreter = "British Sign Language"
	}
	return c
}
