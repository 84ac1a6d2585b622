package forms

import (
	"context"
	"io"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"dspdesk/app"
)

// registerRows is a RegisterSource over fixed rows that records exports.
type registerRows struct {
	rows     []app.RegisterRow
	exported []app.RegisterRow
	file     string
}

func (f *registerRows) Register(context.Context, app.Register) ([]app.RegisterRow, error) {
	return f.rows, nil
}
func (f *registerRows) ExportRegister(_ context.Context, reg app.Register, rows []app.RegisterRow, _ io.Writer, name string) (app.RegisterExport, error) {
	f.exported, f.file = rows, name
	return app.ExportRegister(reg.String(), rows, time.Time{}), nil
}

func TestRegisterNeedsAttentionListsImportedPeopleAndExportsWhatIsShown(t *testing.T) {
	test.NewTempApp(t)
	RunInForeground()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)
	settled := app.RegisterRow{RegistrationID: 1, PersonID: 1, Register: app.DSR, Rating: app.Green, GivenName: "Settled", FamilyName: "Person",
		DateOfBirth: app.Date(2000, 1, 1), Consent: app.ConsentGiven, ConsentDate: app.Date(2026, 6, 1), ReviewDue: app.Date(2027, 1, 1)}
	imported := []app.RegisterRow{settled, settled, settled}
	imported[1].RegistrationID, imported[1].PersonID, imported[1].GivenName = 2, 2, "Incomplete"
	imported[1].DetailsIncomplete = true
	imported[2].RegistrationID, imported[2].PersonID, imported[2].GivenName = 3, 3, "Review"
	imported[2].RatingToReview = true
	src := &registerRows{rows: imported}
	s := NewRegisterScreen(app.DSR, src, app.FixedClock(now), nil, nil)
	s.Reload()
	if len(s.Rows()) != 3 {
		t.Fatalf("%d rows shown, want 3", len(s.Rows()))
	}
	s.attention.SetChecked(true)
	got := s.Rows()
	if len(got) != 2 || got[0].GivenName == "Settled" || got[1].GivenName == "Settled" {
		t.Fatalf("needs attention shows %v, want the two imported people to confirm", got)
	}
	e, err := s.WriteExport(io.Discard, "dsr.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(src.exported) != 2 || src.file != "dsr.xlsx" || len(e.Rows) != 2 {
		t.Errorf("exported %d rows to %q, want the 2 shown", len(src.exported), src.file)
	}
}
