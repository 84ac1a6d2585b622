package forms

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dspdesk/app"
)

// workRows is a WorkSource over fixed actions.
type workRows struct{ rows []app.ActionRow }

func (f *workRows) MeetingsBetween(context.Context, time.Time, time.Time) ([]app.MeetingRow, error) {
	return nil, nil
}
func (f *workRows) OutstandingActions(context.Context) ([]app.ActionRow, error) { return f.rows, nil }
func (f *workRows) Gaps(context.Context) ([]app.GapRow, error)                  { return nil, nil }

func TestAgencyFilterKeepsItsChoiceHoweverItIsSpelt(t *testing.T) {
	test.NewTempApp(t)
	RunInForeground()
	row := func(id int64, agency string) app.ActionRow {
		return app.ActionRow{Action: app.Action{ID: id, PersonID: 1, Description: "x", Owner: "Jo", Agency: agency,
			Due: app.Date(2026, 12, 1), Status: app.ActionOpen}, PersonName: "A B"}
	}
	src := &workRows{rows: []app.ActionRow{row(1, "Social Care"), row(2, "social care"), row(3, "NHS")}}
	s := NewActionsScreen(src, nil, app.FixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, app.ServiceLocation)), nil, func(int64) {}, nil)
	s.Reload()
	s.agency.SetSelected("Social Care")
	if len(s.Rows()) != 2 {
		t.Fatalf("Social Care shows %d rows, want both spellings", len(s.Rows()))
	}
	// action 1 is done elsewhere: the other spelling is now the choice offered
	src.rows = src.rows[1:]
	s.Reload()
	if s.agency.SelectedIndex() < 1 || s.agency.Selected != "social care" || len(s.Rows()) != 1 {
		t.Errorf("after reload the filter shows %q (index %d) with %d rows; want social care with 1", s.agency.Selected, s.agency.SelectedIndex(), len(s.Rows()))
	}
	// the only Social Care action is done too: the filter turns off and says so
	src.rows = src.rows[1:]
	s.Reload()
	if s.agency.Selected != allAgencies || len(s.Rows()) != 1 {
		t.Errorf("with no Social Care action left the filter shows %q and %d rows", s.agency.Selected, len(s.Rows()))
	}
}

func TestUnquotePath(t *testing.T) {
	for in, want := range map[string]string{
		`"C:\Users\Zoë Ńowak\OneDrive - NHS\DSP backups"`: `C:\Users\Zoë Ńowak\OneDrive - NHS\DSP backups`,
		`  \\fileserver\DSP team\backups  `:               `\\fileserver\DSP team\backups`,
		`"`:                                               `"`,
		``:                                                ``,
	} {
		if got := unquotePath(in); got != want {
			t.Errorf("unquotePath(%q) = %q, want %q", in, got, want)
		}
	}
}
