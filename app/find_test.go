package app

import (
	"testing"
)

func TestFindPeople(t *testing.T) {
	dsr := NewRegisterView([]RegisterRow{
		{PersonID: 11, Register: DSR, GivenName: "Aisha", FamilyName: "Demoford", NHSNumber: "9990002509"},
		{PersonID: 12, Register: DSR, GivenName: "Kieran", FamilyName: "Draftwood", NHSNumber: "9990001081"},
	})
	roar := NewRegisterView([]RegisterRow{
		{PersonID: 21, Register: ROAR, GivenName: "Zara", FamilyName: "Demoford", NHSNumber: "9990000018"},
	})
	waiting := []Waiting{
		{Referral: Referral{ID: 5, Person: Person{GivenName: "Ruby", FamilyName: "Testley", NHSNumber: "9990003092"}}},
		{Referral: Referral{ID: 6, Person: Person{ID: 12, GivenName: "Kieran", FamilyName: "Draftwood", NHSNumber: "9990001081"}}},
	}
	registers := []*RegisterView{dsr, roar, nil}
	where := func(fs []Found) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Where+":"+f.Name)
		}
		return out
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"part of a family name finds people on both registers", "demof", []string{"DSR:Demoford, Aisha", "ROAR:Demoford, Zara"}},
		{"a given name then family name is found", "kieran draft", []string{"DSR:Draftwood, Kieran", "Triage:Draftwood, Kieran"}},
		{"the start of an NHS number with spaces finds the person", "999 000 25", []string{"DSR:Demoford, Aisha"}},
		{"an NHS number finds a referral awaiting a decision", "9990003092", []string{"Triage:Testley, Ruby"}},
		{"a record number finds the person on a register and their referral", "#12", []string{"DSR:Draftwood, Kieran", "Triage:Draftwood, Kieran"}},
		{"a record number typed without # finds the person too", "21", []string{"ROAR:Demoford, Zara"}},
		{"a name in triage is found by its lower-case part", "testl", []string{"Triage:Testley, Ruby"}},
		{"nothing typed finds nothing", "  ", nil},
		{"a name nobody has finds nothing", "nobody", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := where(FindPeople(tt.text, registers, waiting))
			if len(got) != len(tt.want) {
				t.Fatalf("FindPeople(%q) = %v, want %v", tt.text, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("FindPeople(%q) = %v, want %v", tt.text, got, tt.want)
					break
				}
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	dsr := NewRegisterView([]RegisterRow{{PersonID: 11, Register: DSR, Rating: Amber, NHSNumber: "9990002509"}})
	roar := NewRegisterView([]RegisterRow{{PersonID: 21, Register: ROAR, Rating: Red, NHSNumber: "9990000018"}})
	tests := []struct {
		name     string
		personID int64
		nhs      NHSNumber
		want     int64
	}{
		{"a linked person on the ROAR is found by record number", 21, "", 21},
		{"a person not yet linked is found by NHS number", 0, "9990002509", 11},
		{"a linked person is not matched by someone else's NHS number", 99, "9990002509", 0},
		{"nobody is found without a record or NHS number", 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := Registered([]*RegisterView{dsr, nil, roar}, tt.personID, tt.nhs)
			if ok != (tt.want != 0) || r.PersonID != tt.want {
				t.Errorf("Registered(%d, %q) = %d, %v; want %d", tt.personID, tt.nhs, r.PersonID, ok, tt.want)
			}
		})
	}
}

func TestMayBeNewPerson(t *testing.T) {
	tests := []struct {
		name    string
		matches []PersonMatch
		want    bool
	}{
		{"no matches: a new person", nil, true},
		{"a similar name and birth date may still be someone new", []PersonMatch{{Reason: SameBirthDateSimilarName}}, true},
		{"the same NHS number is the same person", []PersonMatch{{Reason: SameBirthDateSimilarName}, {Reason: SameNHSNumber}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayBeNewPerson(tt.matches); got != tt.want {
				t.Errorf("MayBeNewPerson = %v, want %v", got, tt.want)
			}
		})
	}
}
