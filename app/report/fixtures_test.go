package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

// Synthetic people only: NHS numbers from the never-issued 999 range,
// phone numbers from Ofcom's drama range, example.org addresses.

// created is the fixed creation date of every test document.
var created = time.Date(2026, time.May, 18, 14, 30, 0, 0, app.ServiceLocation)

func testNHSNumber(t testing.TB, body int) app.NHSNumber {
	t.Helper()
	for b := body; b < body+20; b++ {
		if n, ok := app.TestNHSNumber(b); ok {
			return n
		}
	}
	t.Fatalf("no test NHS number near %d", body)
	return ""
}

func givenConsent() app.ConsentStatus {
	return app.ConsentStatus{State: app.ConsentGiven, Latest: app.ConsentEvent{
		Date: app.Date(2026, time.April, 20), GivenBy: app.GivenByParent, GiverName: "Zoë Łukasz-O'Brien",
		Scope: "DSP referral, sharing with MAM agencies", RecordSystem: "SystmOne", RecordReference: "CN-0001",
	}}
}

func testPerson(t testing.TB) app.Person {
	return app.Person{
		ID:                 7,
		GivenName:          "Samuel",
		FamilyName:         "Łukasz-O'Brien",
		PreferredName:      "Sammy",
		DateOfBirth:        app.Date(2012, time.March, 3),
		NHSNumber:          testNHSNumber(t, 123456),
		Address:            "14 Sample Close, Wigston",
		Postcode:           "LE18 9ZZ",
		LocalAuthority:     app.Leicestershire,
		Diagnosis:          app.LearningDisabilityAndAutism,
		CommunicationNeeds: "Easy read; prefers mornings",
		GP:                 "Example Surgery",
	}
}

// testMeeting is an initial MAM on Tuesday 26 May 2026 at 10am with a
// 15-minute pre-meeting, in a room and on video, with family and services.
func testMeeting() app.Meeting {
	agenda := app.DefaultAgenda()
	for i := range agenda {
		agenda[i].Notes = fmt.Sprintf("Internal note %d: rating Amber agreed, NHS number checked, DOB 03/03/2012.", i+1)
	}
	return app.Meeting{
		ID:               3,
		PersonID:         7,
		Kind:             app.InitialMAM,
		Start:            time.Date(2026, time.May, 26, 10, 0, 0, 0, app.ServiceLocation),
		Duration:         90 * time.Minute,
		Place:            "Meeting Room 3, Example House, 1 Sample Street, Leicester",
		VideoLink:        "https://meet.example.org/dsp/mam-2026-05-26-room3",
		Organiser:        app.OrganisedByTeam,
		OrganiserName:    "Siân O'Neil",
		Chair:            "Dr Tom Reid",
		PreMeetingOffset: 15 * time.Minute,
		Status:           app.MeetingPlanned,
		Invitees: []app.Invitee{
			{Name: "Zoë Łukasz-O'Brien", Role: "Mum", Family: true},
			{Name: "Σοφία Παπαδοπούλου", Role: "Aunt", Family: true},
			{Name: "Ольга Петрова", Role: "Community learning disability nurse", Agency: "Leicestershire Partnership NHS Trust"},
			{Name: "Priya Shah", Role: "Social worker", Agency: "Leicestershire County Council"},
			{Name: "Dr Tom Reid", Role: "Consultant psychiatrist", Agency: "Leicestershire Partnership NHS Trust"},
			{Name: "Marek Żukowski", Role: "SENCo", Agency: "Example Academy"},
			{Name: "Siân O'Neil", Role: "Care navigator", Agency: "DSP team"},
		},
		Agenda: agenda,
		Notes:  "Meeting note: referral rated Amber on the DSR.",
	}
}

func testContact() ContactDetails {
	return ContactDetails{Name: "Siân O'Neil", Role: "Care navigator, DSP team", Phone: "0116 496 0123", Email: "dsp.team@example.org"}
}

func familyInput(t testing.TB) FamilyAgendaInput {
	return FamilyAgendaInput{
		Meeting: testMeeting(),
		Person:  testPerson(t),
		Consent: givenConsent(),
		Contact: testContact(),
		Created: created,
	}
}

// testActions returns n synthetic actions of varied lengths: some done,
// some overdue on the created date, some not yet due.
func testActions(n int) []app.Action {
	owners := []struct{ name, agency string }{
		{"Ольга Петрова", "Leicestershire Partnership NHS Trust"},
		{"Priya Shah", "Leicestershire County Council"},
		{"Marek Żukowski", "Example Academy"},
		{"Siân O'Neil", "DSP team"},
		{"Zoë Łukasz-O'Brien", "Family"},
	}
	what := []string{
		"Arrange a sensory assessment with the occupational therapist",
		"Review the positive behaviour support plan with the family and school, and agree how the strategies are used at home and in class",
		"Refer to short breaks",
		"Check the medication review has happened and share the outcome with the GP and the family",
		"Agree a crisis plan",
		"Ask the housing team about adaptations to the bedroom so that Sammy has a safe quiet space when anxious, including soft furnishings and a lock-free door",
	}
	outcome := []string{
		"Sammy's sensory needs are understood and the plan reflects them",
		"Everyone uses the same approach",
		"The family get a regular break",
		"",
		"Everyone knows what to do in a crisis, out of hours included",
	}
	progress := []string{
		"Referral sent; waiting list is about six weeks.",
		"Met the family at home and went through the plan together; school meeting booked.",
		"Called twice, no answer yet.",
	}
	out := make([]app.Action, n)
	for i := range out {
		o := owners[i%len(owners)]
		a := app.Action{
			ID:             int64(i + 1),
			PersonID:       7,
			MeetingID:      3,
			Description:    fmt.Sprintf("A%02d. %s", i+1, what[i%len(what)]),
			DesiredOutcome: outcome[i%len(outcome)],
			Owner:          o.name,
			Agency:         o.agency,
			Due:            app.Date(2026, time.April, 6).AddDate(0, 0, 3*i),
			Status:         app.ActionOpen,
		}
		switch i % 4 {
		case 1:
			a.Status = app.ActionInProgress
		case 3:
			a.Status = app.ActionDone
			a.CompletedOn = earliest(a.Due.AddDate(0, 0, -1), app.DateOf(created).AddDate(0, 0, -1))
		}
		if i%3 != 2 {
			last := earliest(a.Due.AddDate(0, 0, -5), app.DateOf(created).AddDate(0, 0, -1-i%7))
			a.Progress = []app.Progress{
				{ID: int64(100 + i), At: app.Date(2026, time.March, 30).Add(11 * time.Hour), By: "Siân O'Neil", Note: "Action agreed at the MAM."},
				{ID: int64(200 + i), At: last.Add(15 * time.Hour), By: o.name, Note: progress[i%len(progress)]},
			}
		}
		out[i] = a
	}
	return out
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// planInput is the action plan of the test person, from the test MAM, with
// n of planActions.
func planInput(t testing.TB, n int) ActionPlanInput {
	return ActionPlanInput{
		Person:     testPerson(t),
		Consent:    givenConsent(),
		Register:   app.DSR,
		Rating:     app.Amber,
		Meeting:    testMeeting(),
		ReviewDate: app.Date(2026, time.June, 23),
		Actions:    planActions(n),
		Created:    created,
		Contact:    testContact(),
	}
}

// Reasons the plan's blocked and cancelled actions give.
const (
	blockedReason   = "No provider has capacity for the assessment until September"
	cancelledReason = "The family moved house, so the adaptations are no longer needed"
)

// planActions are testActions with every status: actions 6, 16, 26... are
// blocked (with a reason), 8, 18, 28... cancelled (with a reason), and a
// gap in service was raised from 3, 13, 23...
func planActions(n int) []app.Action {
	as := testActions(n)
	for i := range as {
		a := &as[i]
		switch i % 10 {
		case 5:
			a.Status, a.StatusReason, a.CompletedOn = app.ActionBlocked, blockedReason, time.Time{}
		case 7:
			a.Status, a.StatusReason, a.CompletedOn = app.ActionCancelled, cancelledReason, time.Time{}
		case 2:
			a.GapID = int64(50 + i)
		}
	}
	return as
}

// longAgenda adds items until the family agenda spans pages.
func longAgenda(m app.Meeting) app.Meeting {
	for i := range 12 {
		m.Agenda = append(m.Agenda, app.AgendaItem{
			Position: 20 + i,
			Title:    fmt.Sprintf("Extra item %d", i+1),
			FamilyText: fmt.Sprintf("Extra topic %d. We will talk about how school, home and short breaks fit together, "+
				"and what would make mornings calmer for everyone.", i+1),
		})
	}
	return m
}

// longWords is a long text of numbered words, to check none is lost.
func longWords(prefix string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%04d", prefix, i+1)
	}
	return strings.Join(ws, " ")
}
