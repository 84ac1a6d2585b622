package storage

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// communicationMigration is the migration that records communication needs
// (renumbered at merge time: change it here only).
const communicationMigration = 7

// fillOldSchema fills old, a database at an earlier schema, with what fill
// writes through the current code: fill runs on a new database at the
// latest schema, and every row is then copied into old, in the columns old
// has (a column a later migration added is left out). So the migrations'
// tests start from real records even when the current code writes columns
// the old schema lacks.
func fillOldSchema(t *testing.T, old *Store, fill func(*Store)) {
	t.Helper()
	ctx := context.Background()
	fresh, freshPath := openTemp(t)
	fill(fresh)
	newCols := map[string][]string{}
	for _, table := range tableNames(t, fresh.ro) {
		newCols[table] = tableColumns(t, fresh.ro, table)
	}
	if err := fresh.Close(); err != nil {
		t.Fatal(err)
	}
	conn, err := old.rw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := conn.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("PRAGMA foreign_keys = OFF")
	exec("ATTACH DATABASE ? AS fresh", freshPath)
	for _, table := range tableNames(t, old.ro) {
		if table == "schema_migrations" {
			continue
		}
		var cols []string
		for _, c := range tableColumns(t, old.ro, table) {
			if slices.Contains(newCols[table], c) {
				cols = append(cols, `"`+c+`"`)
			}
		}
		list := strings.Join(cols, ", ")
		var rows int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM main."`+table+`"`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows > 0 && table == "audit_log" {
			t.Fatal("fillOldSchema needs an old database with nothing audited yet: its rows come from the new one")
		}
		if rows > 0 {
			exec(`DELETE FROM main."` + table + `"`) // defaults seeded by the migrations themselves
		}
		exec(`INSERT OR IGNORE INTO main."` + table + `"(` + list + `) SELECT ` + list + ` FROM fresh."` + table + `"`)
	}
	exec("DETACH DATABASE fresh")
	// A row the old schema refused (a value a later migration allowed) is
	// left out, and so are the rows that pointed at it.
	for {
		rows, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		type orphan struct {
			table string
			rowid int64
		}
		var orphans []orphan
		for rows.Next() {
			var o orphan
			var parent string
			var fkid int
			if err := rows.Scan(&o.table, &o.rowid, &parent, &fkid); err != nil {
				t.Fatal(err)
			}
			orphans = append(orphans, o)
		}
		rows.Close()
		if len(orphans) == 0 {
			break
		}
		for _, o := range orphans {
			exec(`DELETE FROM main."`+o.table+`" WHERE rowid = ?`, o.rowid)
		}
	}
	exec("PRAGMA foreign_keys = ON")
}

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
		if _, err := svc.RecordCommunication(ctx, id, app.Communication{FamilyFormat: app.FormatLargePrint, FamilyInterpreter: "  Urdu "}); err != nil {
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
		if _, err := svc.RecordCommunication(ctx, id, app.Communication{Format: app.DocumentFormat(7)}); err == nil {
			t.Error("a format that does not exist was recorded")
		}
		if _, err := svc.RecordCommunication(ctx, 99_999, want); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("a person not on record: %v, want not found", err)
		}
	})
	t.Run("people recorded before the migration need nothing until it is recorded", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "before.db")
		old := openUnprepared(t, path)
		if err := old.migrateTo(ctx, communicationMigration-1); err != nil {
			t.Fatal(err)
		}
		fillOldSchema(t, old, func(s *Store) {
			if _, err := seedDemo(ctx, s, 40, 3, 1); err != nil {
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
