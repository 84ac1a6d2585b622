package forms

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

func TestTriageShowsSomeoneAlreadyRegistered(t *testing.T) {
	svc := &fakeTriage{pending: []app.Referral{
		triageRef(1, time.Date(2026, 11, 20, 9, 30, 0, 0, app.ServiceLocation)),
		triageRef(2, time.Date(2026, 11, 23, 9, 30, 0, 0, app.ServiceLocation)),
	}}
	s, _ := openTriage(t, svc)
	view := app.NewRegisterView([]app.RegisterRow{{PersonID: 101, Register: app.DSR, Rating: app.Amber, Since: app.Date(2026, 3, 2)}})
	s.registered = func(personID int64, nhs app.NHSNumber) (app.RegisterRow, bool) {
		return app.Registered([]*app.RegisterView{view}, personID, nhs)
	}
	text := func() string {
		var out []string
		triageFind(s.detail, func(l *widget.Label) bool { out = append(out, l.Text); return false })
		return strings.Join(out, "\n")
	}

	s.SelectReferral(1) // person 101, on the DSR
	if got := text(); !strings.Contains(got, "Already on the DSR") || !strings.Contains(got, "rated Amber since Monday 2 March 2026") {
		t.Errorf("the referral of someone on the DSR does not say so before a decision:\n%s", got)
	}
	s.SelectReferral(2) // person 102, on no register
	if got := text(); strings.Contains(got, "Already on") {
		t.Errorf("a referral of someone on no register says they are on one:\n%s", got)
	}
}

func TestDuplicatesWithTheSameNHSNumberOfferNoNewPerson(t *testing.T) {
	typed := app.Person{GivenName: "Sam", FamilyName: "Testperson", NHSNumber: "9990000018", DateOfBirth: app.Date(2012, 3, 14)}
	tests := []struct {
		name   string
		reason app.MatchReason
		offer  bool
	}{
		{"a similar name and birth date may be a new person", app.SameBirthDateSimilarName, true},
		{"the same NHS number is not offered as a new person", app.SameNHSNumber, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			w := a.NewWindow("Referral")
			w.Resize(fyne.NewSize(900, 600))
			t.Cleanup(w.Close)
			stored := typed
			stored.ID = 5
			showDuplicates(w, typed, []app.PersonMatch{{Person: stored, Reason: tt.reason}}, func(app.SubmitOptions) {})
			_, offered := triageFind(w.Canvas().Overlays().Top(), triageButton("This is a new person"))
			if offered != tt.offer {
				t.Errorf("\"This is a new person\" offered: %v, want %v", offered, tt.offer)
			}
			triageDialog(t, w, triageButton("Link to this person"))
		})
	}
}
