package app

import (
	"strings"
	"testing"
	"time"
)

func TestImportedValuesNoOneCanChoose(t *testing.T) {
	t.Run("diagnosis not recorded has a name but is not a choice", func(t *testing.T) {
		if DiagnosisNotRecorded.String() != "Not recorded" || DiagnosisNotRecorded.Valid() {
			t.Errorf("%q valid %v", DiagnosisNotRecorded, DiagnosisNotRecorded.Valid())
		}
		p := Person{Diagnosis: DiagnosisNotRecorded}
		if p.Validate(time.Now()).For("diagnosis") == "" {
			t.Error("a person whose diagnosis is not recorded passes a referral's check")
		}
		if StoredDiagnoses[len(StoredDiagnoses)-1] != DiagnosisNotRecorded || len(StoredDiagnoses) != len(Diagnoses)+1 {
			t.Errorf("StoredDiagnoses %v", StoredDiagnoses)
		}
	})
	t.Run("removed as imported in error is a reason no form offers", func(t *testing.T) {
		if CloseImportedInError.Valid() || CloseImportedInError.String() != "Removed: imported in error" {
			t.Errorf("%q valid %v", CloseImportedInError, CloseImportedInError.Valid())
		}
		for _, r := range CloseReasons {
			if r == CloseImportedInError {
				t.Error("the close reasons offered include imported in error")
			}
		}
	})
}

func TestNeedsAttentionIncludesImportFlags(t *testing.T) {
	today := Date(2026, 12, 4)
	settled := RegisterRow{Consent: ConsentGiven, ConsentDate: Date(2026, 6, 1), DateOfBirth: Date(2000, 1, 1), ReviewDue: Date(2027, 1, 1)}
	tests := []struct {
		name string
		edit func(r *RegisterRow)
		want bool
	}{
		{"a settled person needs nothing", func(*RegisterRow) {}, false},
		{"details incomplete need attention", func(r *RegisterRow) { r.DetailsIncomplete = true }, true},
		{"consent not yet confirmed needs attention", func(r *RegisterRow) { r.ConsentUnconfirmed = true }, true},
		{"a rating to review needs attention", func(r *RegisterRow) { r.RatingToReview = true }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := settled
			tt.edit(&r)
			if got := r.NeedsAttention(today); got != tt.want {
				t.Errorf("NeedsAttention = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTodayHasOneItemPerImport(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, ServiceLocation)
	g := Registration{ID: 1, PersonID: 1, Register: DSR, Rating: Amber, Since: Date(2026, 12, 4), ReviewDue: Date(2027, 1, 4)}
	g2 := g
	g2.ID, g2.PersonID = 2, 2
	in := ReminderInputs{
		Registrations: []Registration{g, g2},
		People: []ReminderPerson{{ID: 1, DateOfBirth: Date(2000, 1, 1), ImportPending: true},
			{ID: 2, DateOfBirth: Date(2000, 1, 1), ImportPending: true}},
		Imports: []ImportReminder{{BatchID: 7, FileName: "team.xlsx", At: now, Pending: 2}, {BatchID: 8, FileName: "done.csv", At: now}},
	}
	rem := NewRules(DefaultSettings(), nil).DueReminders(now, in)
	var kinds []string
	for _, r := range rem {
		kinds = append(kinds, r.Kind.String())
	}
	if len(rem) != 1 || rem[0].Kind != RemindImportReview || rem[0].ImportBatch != 7 ||
		!strings.HasPrefix(rem[0].Text, "2 people imported from team.xlsx") {
		t.Errorf("reminders %v: %+v", kinds, rem)
	}
}

func TestExportRegisterLeavesOutWithdrawnConsent(t *testing.T) {
	today := Date(2026, 12, 4)
	rows := []RegisterRow{
		{GivenName: "A", Consent: ConsentGiven},
		{GivenName: "B", Consent: ConsentWithdrawn},
		{GivenName: "C", Consent: ConsentWithdrawn},
		{GivenName: "D", Consent: ConsentMissing, ConsentUnconfirmed: true, RatingToReview: true},
		{GivenName: "E", Consent: ConsentMissing},
	}
	e := ExportRegister("DSR", rows, today)
	if len(e.Rows) != 3 || e.LeftOut != 2 || e.LeftOutSentence() != "2 people whose consent is withdrawn were left out." {
		t.Fatalf("%d rows, %d left out", len(e.Rows), e.LeftOut)
	}
	consent := func(i int) string { return e.Rows[i][15].Text }
	if consent(0) != "Given" || consent(1) != "Not yet confirmed (imported)" || consent(2) != "Not recorded" {
		t.Errorf("consent column %q %q %q", consent(0), consent(1), consent(2))
	}
	if e.Rows[1][16].Text != "rating to review" {
		t.Errorf("needs attention %q", e.Rows[1][16].Text)
	}
	if len(e.Header) != len(e.Rows[0]) {
		t.Errorf("%d headings for %d cells", len(e.Header), len(e.Rows[0]))
	}
}
