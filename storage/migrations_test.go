package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

func TestMigrationFiles(t *testing.T) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every embedded file is named NNNN_name.sql and is loaded", func(t *testing.T) {
		name := regexp.MustCompile(`^[0-9]{4}_[a-z0-9_]+\.sql$`)
		for _, e := range entries {
			if !name.MatchString(e.Name()) {
				t.Errorf("%s is not named NNNN_name.sql: loadMigrations would skip it silently", e.Name())
			}
		}
		if len(entries) != len(migrations) {
			t.Errorf("%d files embedded, %d migrations loaded", len(entries), len(migrations))
		}
	})
	t.Run("the migrations are numbered 1 to N without gaps or repeats", func(t *testing.T) {
		if len(migrations) == 0 {
			t.Fatal("no migrations")
		}
		for i, m := range migrations {
			if m.version != i+1 {
				t.Errorf("migration %d (%s) has number %d", i+1, m.name, m.version)
			}
		}
		if LatestSchemaVersion() != len(migrations) {
			t.Errorf("LatestSchemaVersion() = %d, want %d", LatestSchemaVersion(), len(migrations))
		}
	})
	t.Run("each file is valid SQL that applies in order inside one transaction", func(t *testing.T) {
		db := openRaw(t, filepath.Join(t.TempDir(), "scratch.db"))
		defer db.Close()
		for _, m := range migrations {
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Exec(m.sql); err != nil {
				tx.Rollback()
				t.Fatalf("migration %d (%s): %v", m.version, m.name, err)
			}
			// a COMMIT or BEGIN inside the file would end the transaction
			// early (or fail here), breaking the all-or-nothing rule
			if err := tx.Commit(); err != nil {
				t.Fatalf("migration %d (%s) does not leave its transaction to migrate: %v", m.version, m.name, err)
			}
		}
	})
	t.Run("no file sets a pragma: migrate sets the version itself, and most pragmas do nothing in a transaction", func(t *testing.T) {
		pragma := regexp.MustCompile(`(?im)^\s*PRAGMA\b`)
		for _, m := range migrations {
			if pragma.MatchString(m.sql) {
				t.Errorf("migration %d (%s) sets a pragma", m.version, m.name)
			}
		}
	})
}

func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, path string) {
		s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer s.Close()
		var version, appID int
		var mode string
		s.rw.QueryRow("PRAGMA user_version").Scan(&version)
		s.rw.QueryRow("PRAGMA application_id").Scan(&appID)
		s.rw.QueryRow("PRAGMA journal_mode").Scan(&mode)
		if version != LatestSchemaVersion() {
			t.Errorf("user_version = %d, want %d", version, LatestSchemaVersion())
		}
		if appID != 0x44535044 {
			t.Errorf("application_id = %#x, want 0x44535044 (DSPD)", appID)
		}
		if mode != "wal" {
			t.Errorf("journal_mode = %s, want wal", mode)
		}
		rows, err := s.ro.Query("SELECT version, name FROM schema_migrations ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var v int
			var name string
			rows.Scan(&v, &name)
			got = append(got, fmt.Sprintf("%d %s", v, name))
		}
		var want []string
		for _, m := range migrations {
			want = append(want, fmt.Sprintf("%d %s", m.version, m.name))
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("schema_migrations = %v, want %v", got, want)
		}
		if p := foreignKeyProblems(t, s.ro); len(p) > 0 {
			t.Errorf("foreign key problems: %v", p)
		}
	}
	t.Run("a file that does not exist is created at the latest schema", func(t *testing.T) {
		check(t, filepath.Join(t.TempDir(), "new.db"))
	})
	t.Run("an empty file becomes a database at the latest schema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		check(t, path)
	})
	t.Run("opening again applies nothing a second time", func(t *testing.T) {
		s, path := openTemp(t)
		before := snapshotTable(t, s.ro, "schema_migrations", tableColumns(t, s.ro, "schema_migrations"))
		s.Close()
		s2, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		after := snapshotTable(t, s2.ro, "schema_migrations", before.Columns)
		if after.Sum != before.Sum {
			t.Errorf("schema_migrations changed on reopening: %v -> %v", before.rows, after.rows)
		}
	})
}

// schemaSQL returns the database's schema (tables, indexes, triggers,
// views) as name -> SQL.
func schemaSQL(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, name, text string
		rows.Scan(&typ, &name, &text)
		out[typ+" "+name] = text
	}
	return out
}

// fillAtCurrentSchema writes records of every kind through the store's own
// code (the demo data shaped for schema version): demo people with meetings, actions and gaps, and through the
// service an accepted Amber child, an adult admitted and discharged,
// consent withdrawn, a registration closed, settings and an export.
func fillAtCurrentSchema(t *testing.T, s *Store, version int) {
	t.Helper()
	ctx := context.Background()
	if _, err := seedDemoAs(ctx, s, version, 250, 7, 1); err != nil {
		t.Fatalf("seed: %v", err)
	}
	if version >= importMigration { // an import batch, its people and its saved mapping
		importAll(t, newImporter(s), importTable(5, 700_000, "fill-at-current-schema"))
	}
	svc := newService(s)
	set := app.DefaultSettings()
	set.DisplayName = "Migration Tester"
	if err := svc.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	child, _ := writerPerson(900_001)
	adult := apptest.Adult()
	adult.NHSNumber, _ = app.TestNHSNumber(900_002)
	var regs []int64
	var personIDs []int64
	for i, p := range []app.Person{child, adult} {
		res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			t.Fatalf("submit %d: %v", i, err)
		}
		rating := []app.Rating{app.Amber, app.Green}[i]
		out, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: rating})
		if err != nil {
			t.Fatalf("accept %d: %v", i, err)
		}
		regs, personIDs = append(regs, out.Registration.ID), append(personIDs, res.Referral.PersonID)
	}
	if _, _, err := svc.RecordAdmission(ctx, regs[1], app.Admission{Hospital: "Example Unit", AdmittedOn: app.Date(2026, 11, 20)}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RecordDischarge(ctx, regs[1], app.Date(2026, 11, 24), app.Red, "Planned discharge"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.WithdrawConsent(ctx, personIDs[0], app.Date(2026, 11, 24), "Parent withdrew consent by phone"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CloseRegistration(ctx, regs[0], app.CloseConsentWithdrawn, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.LogExport(ctx, "Migration Tester", "person", personIDs[1], "person record PDF"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDraft(ctx, "Migration Tester", app.Draft{NHSNumberText: "999 000 00",
		Referral: app.Referral{Person: app.Person{GivenName: "Half", FamilyName: "Typed"}}}); err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromPreviousSchemaWithData(t *testing.T) {
	ctx := context.Background()
	latest := LatestSchemaVersion()
	previous := latest - 1
	if previous < 1 {
		// only schema 1 exists: the "previous" state is schema 1 itself,
		// holding data, and Open must keep every row of it
		previous = 1
	}
	path := filepath.Join(t.TempDir(), "previous.db")

	// given a database at the previous schema holding records of every kind
	old := olderWithData(t, path, previous, func(s *Store) { fillAtCurrentSchema(t, s, previous) })
	if v, _ := old.SchemaVersion(ctx); v != previous {
		t.Fatalf("built schema %d, want %d", v, previous)
	}
	before := snapshotTables(t, old.ro)
	for name, st := range before {
		if st.Rows == 0 && name != "audit_anchor" { // a backup's sealed anchor: empty in a live database
			t.Errorf("the previous schema's %s table is empty: the test would not prove it is kept", name)
		}
	}
	oldAudit, err := old.VerifyAudit(ctx)
	if err != nil || !oldAudit.OK {
		t.Fatalf("audit before: %+v, %v", oldAudit, err)
	}
	beforeAudit := auditContent(t, old.ro)
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	// when it is opened by this version
	s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()

	t.Run("it is at the latest schema with one schema_migrations row per migration", func(t *testing.T) {
		v, _ := s.SchemaVersion(ctx)
		var n, maxV int
		s.ro.QueryRow("SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &maxV)
		if v != latest || n != latest || maxV != latest {
			t.Errorf("user_version %d, %d rows up to %d; want %d", v, n, maxV, latest)
		}
	})
	t.Run("every row of every table is still there, unchanged", func(t *testing.T) {
		for name, b := range before {
			if name == "schema_migrations" {
				continue
			}
			if name == "audit_log" && previous == keyedAuditMigrationNumber-1 {
				// the keyed log's migration changes the row format, not the rows' meaning
				if d := firstDifference(beforeAudit, auditContent(t, s.ro)); d != "" {
					t.Errorf("the audit rows' meaning changed: %s", d)
				}
				continue
			}
			a := snapshotTable(t, s.ro, name, b.Columns)
			if a.Rows != b.Rows || a.Sum != b.Sum {
				t.Errorf("%s: %d rows (%s) -> %d rows (%s)", name, b.Rows, b.Sum[:12], a.Rows, a.Sum[:12])
			}
		}
	})
	t.Run("the earlier migrations' records are kept and only the new ones added", func(t *testing.T) {
		b := before["schema_migrations"]
		a := snapshotTable(t, s.ro, "schema_migrations", b.Columns)
		if a.Rows != b.Rows+latest-previous {
			t.Errorf("%d rows, want %d", a.Rows, b.Rows+latest-previous)
		}
		have := map[string]bool{}
		for _, r := range a.rows {
			have[r] = true
		}
		for _, r := range b.rows {
			if !have[r] {
				t.Errorf("row %s was lost or changed", r)
			}
		}
	})
	t.Run("the audit chain still verifies, with the same rows", func(t *testing.T) {
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK || rep.Rows != oldAudit.Rows {
			t.Errorf("audit after: %+v, %v (before %d rows)", rep, err, oldAudit.Rows)
		}
	})
	t.Run("the database passes its checks and its foreign keys hold", func(t *testing.T) {
		if err := s.QuickCheck(ctx); err != nil {
			t.Error(err)
		}
		if p := foreignKeyProblems(t, s.ro); len(p) > 0 {
			t.Errorf("foreign key problems: %v", p)
		}
	})
	t.Run("the migrated schema is the same as a new database's", func(t *testing.T) {
		fresh, _ := openTemp(t)
		want, got := schemaSQL(t, fresh.ro), schemaSQL(t, s.ro)
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s differs:\nmigrated: %s\nnew:      %s", k, got[k], w)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s is only in the migrated database", k)
			}
		}
	})
	t.Run("the migrated database takes new work", func(t *testing.T) {
		p, _ := writerPerson(900_003)
		res, err := newService(s).SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := newService(s).DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
			t.Fatal(err)
		}
	})
}

// withMigrations replaces the package's migration list for one test.
// Tests that call it must not run in parallel.
func withMigrations(t *testing.T, list []migration) {
	saved := migrations
	migrations = list
	t.Cleanup(func() { migrations = saved })
}

func TestFailedMigrationLeavesPreviousVersion(t *testing.T) {
	ctx := context.Background()
	latest := LatestSchemaVersion()
	broken := migration{version: latest + 1, name: "broken",
		// the first statements succeed, the last fails: all must be undone
		sql: `CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;
			INSERT INTO half_done(id) VALUES (1);
			CREATE INDEX people_half_done ON people(postcode);
			INSERT INTO no_such_table(id) VALUES (1);`}
	withBroken := append(append([]migration{}, migrations...), broken)

	// given a database at the latest schema holding a referral
	s, path := openTemp(t)
	if _, err := newService(s).SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{}); err != nil {
		t.Fatal(err)
	}
	before := snapshotTables(t, s.ro)
	beforeSchema := schemaSQL(t, s.ro)
	s.Close()

	atPrevious := func(t *testing.T, want int) {
		t.Helper()
		db := openRaw(t, path)
		defer db.Close()
		var v int
		db.QueryRow("PRAGMA user_version").Scan(&v)
		if v != want {
			t.Errorf("user_version = %d, want %d", v, want)
		}
		if d := diffSnapshots(before, snapshotTables(t, db)); d != "" {
			t.Errorf("the data changed: %s", d)
		}
		got := schemaSQL(t, db)
		if len(got) != len(beforeSchema) {
			t.Errorf("the schema changed: %d objects -> %d", len(beforeSchema), len(got))
		}
		if _, ok := got["table half_done"]; ok {
			t.Error("the broken migration's first table was kept")
		}
	}

	t.Run("Open reports the failing migration and leaves the database at the previous version", func(t *testing.T) {
		withMigrations(t, withBroken)
		_, err := Open(ctx, path)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("migrate to schema %d (broken)", latest+1)) {
			t.Fatalf("err = %v", err)
		}
		atPrevious(t, latest)
	})
	t.Run("migrateTo commits the good migration before the broken one and stops there", func(t *testing.T) {
		// given a database at the latest schema and two more migrations to
		// apply, a good one and then a broken one
		good := migration{version: latest + 1, name: "good", sql: "CREATE TABLE good_extra (id INTEGER PRIMARY KEY) STRICT;"}
		bad := broken
		bad.version = latest + 2
		p2 := filepath.Join(t.TempDir(), "behind.db")
		s2 := openUnprepared(t, p2)
		if err := s2.migrateTo(ctx, latest); err != nil {
			t.Fatal(err)
		}
		withMigrations(t, append(append([]migration{}, migrations...), good, bad))
		// when
		err := s2.migrateTo(ctx, latest+2)
		// then
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("schema %d (broken)", latest+2)) {
			t.Fatalf("err = %v", err)
		}
		var v, n, goodN, half int
		s2.rw.QueryRow("PRAGMA user_version").Scan(&v)
		s2.rw.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n)
		s2.rw.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'good_extra'").Scan(&goodN)
		s2.rw.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name IN ('half_done', 'people_half_done')").Scan(&half)
		if v != latest+1 || n != latest+1 || goodN != 1 || half != 0 {
			t.Errorf("user_version %d, %d schema_migrations rows, good table %d, %d objects of the broken migration; want %d, %d, 1, 0",
				v, n, goodN, half, latest+1, latest+1)
		}
	})
	t.Run("a failing statement in a new database leaves no tables behind", func(t *testing.T) {
		p3 := filepath.Join(t.TempDir(), "new.db")
		withMigrations(t, []migration{{version: 1, name: "broken", sql: broken.sql}})
		if _, err := Open(ctx, p3); err == nil {
			t.Fatal("want an error")
		}
		db := openRaw(t, p3)
		defer db.Close()
		var v, n int
		db.QueryRow("PRAGMA user_version").Scan(&v)
		db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&n)
		if v != 0 || n != 0 {
			t.Errorf("user_version %d with %d schema objects, want an empty database", v, n)
		}
	})
	t.Run("once the fault is fixed the database opens and migrates normally", func(t *testing.T) {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if v, _ := s.SchemaVersion(ctx); v != latest {
			t.Errorf("schema %d, want %d", v, latest)
		}
		if errors.Is(s.QuickCheck(ctx), ErrCorrupt) {
			t.Error("corrupt")
		}
	})
}

func TestForeignKeysOffMarkIsReadWithWindowsLineEnds(t *testing.T) {
	for _, m := range migrations {
		crlf := strings.ReplaceAll(m.sql, "\n", "\r\n")
		if hasLine(crlf, foreignKeysOffMark) != m.foreignKeysOff {
			t.Errorf("migration %d: the mark reads differently with CRLF line ends", m.version)
		}
	}
	if !migrations[5].foreignKeysOff {
		t.Error("migration 6 rebuilds a table: it must run with foreign keys off")
	}
}

func TestMigration6RebuildsActionsAndPlacesGaps(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "schema5.db")
	old := olderWithData(t, path, 5, func(s *Store) {
		if _, err := seedDemoAs(ctx, s, 5, 120, 11, 1); err != nil {
			t.Fatal(err)
		}
	})
	var cancelled, cancelledNoNote int64
	if err := old.rw.QueryRow(`INSERT INTO actions(person_id, description, owner, agency, due, status)
		SELECT person_id, 'Old cancelled action', 'Jo Example', 'Example NHS Trust', '2026-01-05', 4 FROM actions LIMIT 1
		RETURNING id`).Scan(&cancelled); err != nil {
		t.Fatal(err)
	}
	if _, err := old.rw.Exec(`INSERT INTO action_progress(action_id, at, written_by, note) VALUES
		(?, '2026-01-02T10:00:00.000Z', 'Jo Example', 'Started'), (?, '2026-01-03T10:00:00.000Z', 'Jo Example', 'No longer needed: the family moved away')`,
		cancelled, cancelled); err != nil {
		t.Fatal(err)
	}
	if err := old.rw.QueryRow(`INSERT INTO actions(person_id, description, owner, agency, due, status)
		SELECT person_id, 'Cancelled without a note', 'Jo Example', 'Example NHS Trust', '2026-01-05', 4 FROM actions LIMIT 1
		RETURNING id`).Scan(&cancelledNoNote); err != nil {
		t.Fatal(err)
	}
	if _, err := old.rw.Exec(`INSERT INTO gaps(date, raised_by, category, description, impact, status)
		VALUES ('2026-02-02', 'Jo Example', 3, 'Anonymous old gap', 'Carer exhausted', 1)`); err != nil {
		t.Fatal(err)
	}
	var progress int
	old.rw.QueryRow("SELECT count(*) FROM action_progress").Scan(&progress)
	if progress == 0 {
		t.Fatal("the demo wrote no progress notes: the test would not prove their links survive")
	}
	old.Close()

	s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p := foreignKeyProblems(t, s.ro); len(p) > 0 {
		t.Errorf("foreign key problems: %v", p)
	}
	for _, table := range []string{"action_progress", "gaps"} {
		var def string
		s.ro.QueryRow("SELECT sql FROM sqlite_schema WHERE name = ?", table).Scan(&def)
		if !strings.Contains(def, "REFERENCES actions(id)") || strings.Contains(def, "actions_schema") {
			t.Errorf("%s no longer points at actions: %s", table, def)
		}
	}
	a, err := s.Action(ctx, cancelled)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != app.ActionCancelled || a.StatusReason != "No longer needed: the family moved away" {
		t.Errorf("the old cancelled action is %s with reason %q; want its latest note", a.Status, a.StatusReason)
	}
	if b, _ := s.Action(ctx, cancelledNoNote); b.Status != app.ActionCancelled || !strings.Contains(b.StatusReason, "before reasons were kept") {
		t.Errorf("the old cancelled action without notes is %s with reason %q", b.Status, b.StatusReason)
	}
	gaps, err := s.Gaps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	known := 0
	for _, g := range gaps {
		if g.PersonID == 0 {
			if g.LocalAuthority != 0 || g.AgeGroup != 0 {
				t.Errorf("anonymous gap %d was given a place or age group", g.ID)
			}
			continue
		}
		known++
		p, err := s.Person(ctx, g.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if g.LocalAuthority != p.LocalAuthority || g.AgeGroup != app.AgeGroupOn(p.DateOfBirth, g.Date) {
			t.Errorf("gap %d: %s %s, want %s %s", g.ID, g.LocalAuthority, g.AgeGroup, p.LocalAuthority, app.AgeGroupOn(p.DateOfBirth, g.Date))
		}
	}
	if known == 0 {
		t.Error("the demo recorded no gaps about people: the test would not prove they are placed")
	}
	if _, err := s.rw.Exec("INSERT INTO action_progress(action_id, at, written_by, note) VALUES (999999, '2026-11-22', 'x', 'x')"); err == nil {
		t.Error("foreign keys are not enforced after the migration that turned them off")
	}
	// the new states can be stored
	a.Status, a.StatusReason = app.ActionBlocked, "Waiting list closed"
	if _, err := s.ChangeActionStatus(ctx, "Tester", app.ActionCancelled, a, app.Progress{Note: "Blocked"}); err != nil {
		t.Errorf("store a blocked action: %v", err)
	}
}
