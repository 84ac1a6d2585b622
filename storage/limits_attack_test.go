package storage

import (
	"context"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/app/calendar"
)

// Every text a service stores is bounded: a page of text past the longest
// limit is refused with a problem, never stored.
func TestEveryServiceTextIsBounded(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	personID := acceptedPerson(t, svc, apptest.Child())
	reg, err := s.OpenRegistration(ctx, personID)
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("Abcdefghi ", 700)
	refused := func(t *testing.T, err error) {
		t.Helper()
		if _, ok := app.AsValidation(err); !ok {
			t.Errorf("a %d-character text was not refused as a problem: %v", len(huge), err)
		}
	}
	t.Run("a note taking someone off the register", func(t *testing.T) {
		_, err := svc.CloseRegistration(ctx, reg.ID, app.CloseOther, huge)
		refused(t, err)
	})
	t.Run("a hospital on admission", func(t *testing.T) {
		_, _, err := svc.RecordAdmission(ctx, reg.ID, app.Admission{AdmittedOn: app.Date(2026, 11, 20), Hospital: huge})
		refused(t, err)
	})
	t.Run("a holiday exception's name and note", func(t *testing.T) {
		refused(t, svc.SaveHolidayExceptions(ctx, nil, []calendar.Exception{{Date: app.Date(2027, 6, 7), Kind: calendar.Added, Name: huge}}))
		refused(t, svc.SaveHolidayExceptions(ctx, nil, []calendar.Exception{{Date: app.Date(2027, 6, 7), Kind: calendar.Added, Name: "Extra day", Note: huge}}))
	})
}
