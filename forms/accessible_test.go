package forms

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dspdesk/app"
)

func TestScreenReaderLabels(t *testing.T) {
	RunInForeground()
	a := test.NewTempApp(t)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)

	t.Run("a rating badge reads its rating in words, not its colour", func(t *testing.T) {
		tests := []struct {
			r    app.Rating
			want string
		}{
			{app.Red, "Rated Red: "},
			{app.Blue, "Rated Blue: "},
			{0, "Not rated"},
		}
		for _, tt := range tests {
			b := newRatingBadge(tt.r)
			if got := b.AccessibilityLabel(); !strings.HasPrefix(got, tt.want) || b.AccessibilityRole() != fyne.AccessibleRoleText {
				t.Errorf("badge %v reads %q (%s), want %q…", tt.r, got, b.AccessibilityRole(), tt.want)
			}
		}
	})
	t.Run("a register reads its title and count, and the chosen row column by column", func(t *testing.T) {
		w := a.NewWindow("DSR")
		t.Cleanup(w.Close)
		rows := &registerRows{rows: []app.RegisterRow{{PersonID: 7, Register: app.DSR, Rating: app.Amber, GivenName: "Aisha", FamilyName: "Demoford",
			NHSNumber: "9990002509", DateOfBirth: app.Date(2013, 5, 1), LocalAuthority: app.Rutland, ReviewDue: app.Date(2026, 12, 29), Since: app.Date(2026, 3, 2)}}}
		s := NewRegisterScreen(app.DSR, rows, app.FixedClock(now), nil, nil)
		w.SetContent(s)
		w.Resize(fyne.NewSize(1024, 640))
		s.Reload()
		if got := s.AccessibilityLabel(); !strings.HasPrefix(got, "Dynamic Support Register (DSR).") || !strings.Contains(got, "1 ") {
			t.Errorf("the register reads %q", got)
		}
		s.table.focusRow(0)
		got := s.AccessibilityLabel()
		for _, want := range []string{"Chosen: Rating: Amber", "Name: Demoford, Aisha", "Next review: ", "NHS number: 999 000 2509"} {
			if !strings.Contains(got, want) {
				t.Errorf("the register reads %q, want it to say %q", got, want)
			}
		}
	})
	t.Run("triage reads how many wait and the referral shown", func(t *testing.T) {
		s, _ := openTriage(t, fourReferrals())
		s.SelectReferral(3)
		if got := s.AccessibilityLabel(); !strings.Contains(got, "4 referrals are waiting") || !strings.Contains(got, "Shown: Sam Testperson") {
			t.Errorf("triage reads %q", got)
		}
	})
}
