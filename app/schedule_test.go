package app

import (
	"strings"
	"testing"
	"time"
)

func TestAgendaForCarriesOpenActions(t *testing.T) {
	open := []Action{
		{Description: "Carer's assessment", Owner: "Jo", Agency: "Council", Due: Date(2026, 12, 1), Status: ActionOpen},
		{Description: "Done already", Owner: "Jo", Agency: "Council", Due: Date(2026, 11, 1), Status: ActionDone},
		{Description: "PBS referral", Owner: "Kit", Agency: "Trust", Due: Date(2026, 12, 8), Status: ActionInProgress},
	}
	a := AgendaFor(open)
	if len(a) != len(DefaultAgenda())+2 {
		t.Fatalf("%d items, want the default plus the 2 outstanding actions", len(a))
	}
	if !strings.HasPrefix(a[6].Title, "Action plan") || !strings.Contains(a[7].Title, "Carer's assessment") || !strings.Contains(a[8].Title, "PBS referral") {
		t.Errorf("items 7-9 = %q / %q / %q", a[6].Title, a[7].Title, a[8].Title)
	}
	if a[7].FamilyText != "" {
		t.Error("carried actions are for the team, not the family copy")
	}
	for i, it := range a {
		if it.Position != i+1 {
			t.Errorf("item %d has position %d", i, it.Position)
		}
	}
}

func TestSuggestedInvitees(t *testing.T) {
	rec := PersonRecord{Person: aChild(), Referrals: []Referral{aReferral(), aReferral()}}
	rec.Person.Contacts = []Contact{{Name: "Pat Testperson", Relationship: "Mum", Email: "pat@example.org"}}
	got := SuggestedInvitees(rec, today)
	if len(got) != 2 || got[0].Name != "Pat Testperson" || !got[0].Family || got[1].Name != "Jo Example" || got[1].Family {
		t.Errorf("a 14-year-old's invitees = %+v", got)
	}
	rec.Person.DateOfBirth = Date(2008, 1, 1)
	if got := SuggestedInvitees(rec, today); got[0].Role != "The person" {
		t.Errorf("an 18-year-old is invited first: %+v", got)
	}
}

func TestClashes(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, ServiceLocation) }
	m := Meeting{ID: 0, PersonID: 1, Start: at(11, 0), Duration: time.Hour, PreMeetingOffset: 15 * time.Minute, OrganiserName: "Lee Lead"}
	others := []MeetingRow{
		{Meeting: Meeting{ID: 1, PersonID: 1, Start: at(12, 0), Duration: time.Hour, PreMeetingOffset: 15 * time.Minute}}, // its pre-meeting overlaps
		{Meeting: Meeting{ID: 2, PersonID: 2, Start: at(10, 0), Duration: time.Hour, OrganiserName: "lee lead"}},          // ends as the pre-meeting... overlaps 10:45-11
		{Meeting: Meeting{ID: 3, PersonID: 3, Start: at(11, 0), Duration: time.Hour, OrganiserName: "Dana Demo"}},         // another organiser
		{Meeting: Meeting{ID: 4, PersonID: 1, Start: at(14, 0), Duration: time.Hour}},                                     // later
		{Meeting: Meeting{ID: 5, PersonID: 1, Start: at(11, 0), Duration: time.Hour, Status: MeetingCancelled}},           // cancelled
		{Meeting: Meeting{ID: 6, PersonID: 2, Start: at(12, 0), Duration: time.Hour, OrganiserName: "Lee Lead"}},          // starts as we end
	}
	got := Clashes(m, others)
	var ids []int64
	for _, c := range got {
		ids = append(ids, c.Meeting.ID)
	}
	if len(ids) != 2 || ids[0] != 1 || ids[1] != 2 {
		t.Errorf("clashes %v, want meetings 1 (family) and 2 (organiser)", ids)
	}
	if got[0].Why != "the family already has a MAM then" || got[1].Why != "the organiser already has a MAM then" {
		t.Errorf("reasons %q / %q", got[0].Why, got[1].Why)
	}
}

func TestMeetingOutcomeAndEscalationOffer(t *testing.T) {
	m := Meeting{PersonID: 1, Kind: InitialMAM, Start: workday, Duration: time.Hour, Place: "Example House", Organiser: OrganisedByTeam,
		Status: MeetingOutcomeRecorded}
	if v, _ := AsValidation(m.Validate().Err()); v == nil || v.Field("outcome") == "" {
		t.Error("a recorded outcome must say what it is")
	}
	m.Outcome, m.NextDate = OutcomeNoChange, Date(2026, 11, 20)
	if v, _ := AsValidation(m.Validate().Err()); v == nil || v.Field("nextDate") == "" {
		t.Error("the next MAM must be after this one")
	}
	m.NextDate = Date(2026, 12, 22)
	if err := m.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	amber := Registration{ID: 1, Register: DSR, Rating: Amber}
	tests := []struct {
		name    string
		outcome MeetingOutcome
		reg     Registration
		dob     time.Time
		want    bool
	}{
		{"a child rated Amber with no change after the MAM is offered the escalation", OutcomeNoChange, amber, aChild().DateOfBirth, true},
		{"a child who deteriorated is offered it too", OutcomeDeteriorated, amber, aChild().DateOfBirth, true},
		{"a child who improved is not", OutcomeImproved, amber, aChild().DateOfBirth, false},
		{"an adult is not (the LLR rule is for children)", OutcomeNoChange, amber, anAdult().DateOfBirth, false},
		{"a child already Red is not", OutcomeNoChange, Registration{ID: 1, Register: ROAR, Rating: Red}, aChild().DateOfBirth, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m.Outcome = tt.outcome
			if got := EscalationOffer(m, tt.reg, tt.dob, today); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestAgendaTemplate(t *testing.T) {
	t.Run("the default agenda round-trips through its text form", func(t *testing.T) {
		got, err := ParseAgendaTemplate(FormatAgendaTemplate(DefaultAgenda()))
		if err != nil || len(got) != len(DefaultAgenda()) {
			t.Fatalf("%d items, %v", len(got), err)
		}
		for i, it := range got {
			if it.Title != DefaultAgenda()[i].Title || it.FamilyText != DefaultAgenda()[i].FamilyText {
				t.Errorf("item %d = %+v", i, it)
			}
		}
	})
	t.Run("a team's own template is used, with actions carried in at its end when it has no action-plan item", func(t *testing.T) {
		tpl, err := ParseAgendaTemplate("Welcome | Hello and welcome\n\n  Updates  \nClose | Thank you")
		if err != nil || len(tpl) != 3 || tpl[1].Title != "Updates" || tpl[1].FamilyText != "" {
			t.Fatalf("%+v, %v", tpl, err)
		}
		s := DefaultSettings()
		s.AgendaTemplate = tpl
		a := AgendaFrom(s.Agenda(), []Action{{Description: "X", Status: ActionOpen, Due: Date(2026, 12, 1)}})
		if len(a) != 4 || !strings.HasPrefix(a[3].Title, "Review action: X") || a[3].Position != 4 {
			t.Errorf("agenda = %+v", a)
		}
	})
	t.Run("a line without a title or an empty template is refused", func(t *testing.T) {
		if _, err := ParseAgendaTemplate(" | wording only"); err == nil {
			t.Error("want an error")
		}
		if _, err := ParseAgendaTemplate("\n  \n"); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("no template in the settings means the default agenda", func(t *testing.T) {
		if got := DefaultSettings().Agenda(); len(got) != len(DefaultAgenda()) {
			t.Errorf("%d items", len(got))
		}
	})
}

func TestPersonDifferencesAndMergeTyped(t *testing.T) {
	stored := aChild()
	stored.NHSNumber, stored.NHSNumberUnknownReason = "", "Not known to the school"
	stored.Contacts = []Contact{{Name: "Pat Testperson"}}
	typed := aChild()
	typed.Address, typed.LocalAuthority = "5 New Street, Oakham", Rutland
	typed.Contacts = []Contact{{Name: "pat testperson"}, {Name: "Kim Testperson", Relationship: "Aunt"}}
	typed.GP = ""
	diffs := PersonDifferences(stored, typed)
	if len(diffs) != 3 {
		t.Errorf("differences %q, want NHS number, address, local authority", diffs)
	}
	m := MergeTyped(stored, typed)
	if m.NHSNumber != "9990000018" || m.NHSNumberUnknownReason != "" || m.Address != "5 New Street, Oakham" || m.LocalAuthority != Rutland {
		t.Errorf("merged = %+v", m)
	}
	if len(m.Contacts) != 2 || m.Contacts[1].Name != "Kim Testperson" {
		t.Errorf("contacts = %+v (a known name is not added twice)", m.Contacts)
	}
	if m.ID != stored.ID {
		t.Error("the merged record keeps its id")
	}
}
