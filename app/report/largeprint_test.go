package report

import (
	"testing"

	"dspdesk/app"
)

func TestFamilyCopiesFollowTheFamilysFormat(t *testing.T) {
	tests := []struct {
		name    string
		format  app.DocumentFormat
		minBody float64
	}{
		{"standard print keeps the family copies' 14 point type", app.FormatStandard, 14},
		{"large print makes the type at least 16 point", app.FormatLargePrint, 16},
		{"easy read makes the action plan's type at least 18 point", app.FormatEasyRead, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planInput(t, 6)
			plan.Person.Communication.FamilyFormat = tt.format
			if s := minSize(words(t, renderFamilyPlan(t, plan))); s < tt.minBody-0.1 {
				t.Errorf("the family action plan's smallest type is %.1f pt, want at least %.0f", s, tt.minBody)
			}
			if tt.format == app.FormatEasyRead {
				return // the agenda's easy-read version is chosen in the meeting window (it starts ticked)
			}
			agenda := familyInput(t)
			agenda.Person.Communication.FamilyFormat = tt.format
			ws := words(t, renderFamily(t, agenda))
			if s := minSize(ws); s < tt.minBody-0.1 {
				t.Errorf("the family agenda's smallest type is %.1f pt, want at least %.0f", s, tt.minBody)
			}
			checkLayout(t, ws)
		})
	}
}
