package storage

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// communicationMigration is the migration that records communication needs
// (renumbered at merge time: change it here only).
const communicationMigration = 10

func TestCommunicationNeeds(t *testing.T) {
	ctx := context.Background()
	t.Run("a person's and family's communication needs are stored, read back and audited", func(t *testing.T) {
		s, _ := openTemp(t)
		svc := newService(s)
		p := apptest.Child()
		p.Communication = app.Communication{Format: app.FormatEasyRead, Interpreter: "British Sign Language",
			FamilyFormat: app.FormatLargePrint, FamilyInterpreter: "Polish", ContactThrough: "their advocate, Sam Example"}
		res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Person(ctx, res.Referral.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Communication != p.Communication {
			t.Errorf("read back %+v, want %+v", got.Communication, p.Communication)
		}
		trail, err := s.AuditTrail(ctx, "person", got.ID)
		if err != nil || len(trail) == 0 {
			t.Fatalf("no audit trail: %v", err)
		}
		if !slices.Contains(trail[0].Changes, app.FieldChange{Field: "communication.familyInterpreter", New: "Polish"}) {
			t.Errorf("the audit trail does not record the needs: %+v", trail[0].Changes)
		}
	})
	t.Run("the needs recorded later on the person's record replace the old ones, audited", func(t *testing.T) {
		s, _ := openTemp(t)
		svc := newService(s)
		res, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			t.Fatal(err)
		}
		id := res.Referral.PersonID
		want := app.Communication{FamilyFormat: app.FormatLargePrint, FamilyInterpreter: "Urdu"}
		start, _ := s.Person(ctx, id)
		if _, err := svc.RecordCommunication(ctx, id, start.Version, app.Communication{FamilyFormat: app.FormatLargePrint, FamilyInterpreter: "  Urdu "}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Person(ctx, id)
		if got.Communication != want || len(got.Contacts) != len(apptest.Child().Contacts) {
			t.Errorf("read back %+v with %d contacts, want %+v with %d", got.Communication, len(got.Contacts), want, len(apptest.Child().Contacts))
		}
		trail, _ := s.AuditTrail(ctx, "person", id)
		if last := trail[len(trail)-1]; last.Action != "update" || !slices.Contains(last.Changes, app.FieldChange{Field: "communication.familyInterpreter", New: "Urdu"}) {
			t.Errorf("the change is not audited: %+v", last)
		}
		if _, err := svc.RecordCommunication(ctx, id, got.Version, app.Communication{Format: app.DocumentFormat(7)}); err == nil {
			t.Error("a format that does not exist was recorded")
		}
		if _, err := svc.RecordCommunication(ctx, 99_999, 0, want); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("a person not on record: %v, want not found", err)
		}
		// a second window still showing the first version: its save is a conflict, and nothing changes
		_, err = svc.RecordCommunication(ctx, id, start.Version, app.Communication{Interpreter: "Polish"})
		if _, ok := app.AsConflict(err); !ok {
			t.Errorf("a save from an older copy: %v, want a conflict naming who changed it", err)
		}
		if again, _ := s.Person(ctx, id); again.Communication != want || again.Version != got.Version {
			t.Errorf("after the refused save: %+v at version %d, want %+v at %d", again.Communication, again.Version, want, got.Version)
		}
	})
	t.Run("people recorded before the migration need nothing until it is recorded", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "before.db")
		old := olderWithData(t, path, communicationMigration-1, func(s *Store) {
			if _, err := seedDemoAs(ctx, s, communicationMigration-1, 40, 3, 1); err != nil {
				t.Fatal(err)
			}
		})
		var people int
		old.ro.QueryRow("SELECT count(*) FROM people").Scan(&people)
		old.Close()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var standard int
		s.ro.QueryRow(`SELECT count(*) FROM people WHERE document_format = 0 AND family_document_format = 0
			AND interpreter = '' AND family_interpreter = '' AND contact_through = ''`).Scan(&standard)
		if people == 0 || standard != people {
			t.Errorf("%d of %d people need nothing after the migration, want all", standard, people)
		}
		if _, err := s.rw.Exec("UPDATE people SET document_format = 3 WHERE id = (SELECT min(id) FROM people)"); err == nil {
			t.Error("a format that does not exist was stored")
		}
	})
}
