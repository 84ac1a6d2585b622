package storage

import (
	"context"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

func TestTextIsBoundedAndCleanWhenStored(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	personID := acceptedPerson(t, svc, apptest.Child())
	base := app.Action{PersonID: personID, Description: "Find short-break provision", Owner: "Jo Example",
		Agency: "Example City Council", Due: app.Date(2026, 12, 8)}

	t.Run("a 1 MB owner is refused beside its field and nothing is stored", func(t *testing.T) {
		before := countRows(t, s)
		a := base
		a.Owner = strings.Repeat("J", 1<<20)
		_, err := svc.AddAction(ctx, s, a)
		v, ok := app.AsValidation(err)
		if !ok || !strings.Contains(v.Field("owner"), "100 characters") {
			t.Fatalf("err = %.200v, want a problem beside the owner", err)
		}
		if after := countRows(t, s); after["actions"] != before["actions"] {
			t.Error("the refused action was stored")
		}
	})
	t.Run("NUL, terminal escapes, bidi overrides and invalid UTF-8 are stripped before storing", func(t *testing.T) {
		a := base
		a.Owner = "Jo\x00 Ex\x1b[2Jample\u202E\xff"
		a.Description = "Line one\r\nLine two\x07"
		saved, err := svc.AddAction(ctx, s, a)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.Action(ctx, saved.ID)
		if got.Owner != "Jo Ex[2Jample" || got.Description != "Line one\nLine two" {
			t.Errorf("stored owner %q, description %q", got.Owner, got.Description)
		}
	})
}
