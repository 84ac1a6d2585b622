package app

import (
	"strings"
	"testing"
	"time"
)

func TestCommunication(t *testing.T) {
	long := strings.Repeat("x", TextLimit(NameText)+1)
	tests := []struct {
		name      string
		c         Communication
		needs     string
		problemAt string
	}{
		{"nothing needed says nothing", Communication{}, "", ""},
		{"easy read and an interpreter are both said", Communication{Format: FormatEasyRead, Interpreter: "British Sign Language"},
			"Documents in easy read; an interpreter (British Sign Language).", ""},
		{"the family's needs are said apart from the person's", Communication{FamilyFormat: FormatLargePrint, FamilyInterpreter: "Polish", ContactThrough: "their advocate"},
			"Family documents in large print; an interpreter for the family (Polish); contact through their advocate.", ""},
		{"an unknown format is refused", Communication{Format: DocumentFormat(9)}, "", "communication.format"},
		{"a language too long to be one is refused", Communication{FamilyInterpreter: long}, "An interpreter for the family (" + long + ").", "communication.familyInterpreter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Needs(); got != tt.needs {
				t.Errorf("Needs() = %q, want %q", got, tt.needs)
			}
			p := tt.c.Validate()
			switch {
			case tt.problemAt == "" && len(p) > 0:
				t.Errorf("unexpected problems %v", p)
			case tt.problemAt != "" && (len(p) != 1 || p[0].Field != tt.problemAt):
				t.Errorf("problems %v, want one at %s", p, tt.problemAt)
			}
		})
	}
}

func TestInvitationListShowsInterpreters(t *testing.T) {
	today := time.Date(2026, 12, 4, 10, 0, 0, 0, ServiceLocation)
	rec := PersonRecord{Person: Person{GivenName: "Sam", FamilyName: "Testperson", DateOfBirth: Date(2008, 1, 1),
		Communication: Communication{Interpreter: "British Sign Language", FamilyInterpreter: "Polish"},
		Contacts:      []Contact{{Name: "Pat Testperson", Relationship: "Mum"}}}}
	got := SuggestedInvitees(rec, today)
	if len(got) != 2 {
		t.Fatalf("%d invitees, want the person and their mum", len(got))
	}
	if got[0].Role != "The person · interpreter needed (British Sign Language)" || got[1].Role != "Mum · interpreter needed (Polish)" {
		t.Errorf("roles %q and %q do not say an interpreter is needed", got[0].Role, got[1].Role)
	}
	rec.Person.Communication = Communication{}
	if got := SuggestedInvitees(rec, today); strings.Contains(got[0].Role+got[1].Role, "interpreter") {
		t.Errorf("an interpreter is named though none is needed: %q, %q", got[0].Role, got[1].Role)
	}
}

func TestMergeTypedKeepsCommunication(t *testing.T) {
	stored := Person{GivenName: "Sam", Communication: Communication{FamilyFormat: FormatEasyRead}}
	if got := MergeTyped(stored, Person{GivenName: "Sam"}); got.Communication != stored.Communication {
		t.Errorf("a referral that says nothing about communication changed it to %+v", got.Communication)
	}
	typed := Person{Communication: Communication{FamilyFormat: FormatLargePrint}}
	if got := MergeTyped(stored, typed); got.Communication.FamilyFormat != FormatLargePrint {
		t.Errorf("a referral's new communication needs were not kept: %+v", got.Communication)
	}
	if diffs := PersonDifferences(stored, typed); !strings.Contains(strings.Join(diffs, "\n"), "Communication: Family documents in easy read on record, Family documents in large print typed") {
		t.Errorf("the differences do not show the communication needs: %v", diffs)
	}
}
