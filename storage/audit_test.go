package storage

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dspdesk/app"
)

// keyedStore opens a new database holding synthetic people, with its keys
// in a folder of the test's own, and closes it: tests then tamper with the
// file behind DSP Desk's back.
func keyedStore(t *testing.T) (path string, keys FileKeys) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path, keys = filepath.Join(dir, "dsp.db"), FileKeys{Dir: filepath.Join(dir, "keys")}
	s, err := Open(ctx, path, WithClock(app.FixedClock(now)), WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedDemo(ctx, s, 6, 3, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, keys
}

// tamper runs statements on the file directly, as someone holding the file
// (but not the key) could.
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

const (
	dropProtection    = "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"
	restoreProtection = `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`
)

// recomputeChain edits row 3 and recomputes every row's MAC after it with
// a key of the attacker's own, as the unkeyed SHA-256 chain allowed.
func recomputeChain(t *testing.T, path string) {
	t.Helper()
	tamper(t, path, dropProtection, "UPDATE audit_log SET actor = 'someone else' WHERE id = 3")
	db := openRaw(t, path)
	defer db.Close()
	rows, err := db.Query("SELECT " + auditColumns + " FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var all []auditRow
	for rows.Next() {
		r, err := scanAuditRow(rows)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	guess := sha256.Sum256([]byte("the attacker's guess"))
	var prev []byte
	for _, r := range all {
		r.mac = auditMAC(guess[:], prev, r)
		if _, err := db.Exec("UPDATE audit_log SET mac = ? WHERE id = ?", r.mac, r.id); err != nil {
			t.Fatal(err)
		}
		prev = r.mac
	}
	if _, err := db.Exec(restoreProtection); err != nil {
		t.Fatal(err)
	}
}

func TestTamperingWithTheAuditLogIsReported(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		tamper func(t *testing.T, path string)
		// atOpen says the O(1) check at open sees it too (the anchor)
		atOpen bool
		want   string
	}{
		{"deleting the newest rows is reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)", restoreProtection)
		}, true, "the newest audit rows were deleted"},
		{"emptying the log while people remain is reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection, "DELETE FROM audit_log", restoreProtection)
		}, true, "emptied"},
		{"emptying the log and removing its key record is reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection, "DELETE FROM audit_log", "DELETE FROM audit_key", restoreProtection)
		}, true, "key record was removed"},
		{"recomputing the chain after an edit is reported", recomputeChain, false, "MAC does not match"},
		{"editing a row in the middle is reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection, "UPDATE audit_log SET changes = '{}' WHERE id = 4", restoreProtection)
		}, false, "MAC does not match"},
		{"removing a row in the middle is reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection, "DELETE FROM audit_log WHERE id = 4", restoreProtection)
		}, false, "MAC does not match"},
		{"do-nothing triggers with the append-only triggers' names are reported", func(t *testing.T, path string) {
			tamper(t, path, dropProtection,
				"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END",
				"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END")
		}, false, "append-only protection was removed or replaced"},
		{"an extra trigger on the audit log is reported", func(t *testing.T, path string) {
			tamper(t, path, "CREATE TRIGGER audit_quiet AFTER INSERT ON audit_log BEGIN SELECT 1; END")
		}, false, "append-only protection was removed or replaced"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// given a keyed database someone changed behind DSP Desk's back
			path, keys := keyedStore(t)
			tc.tamper(t, path)
			// when it is checked as dspctl check and restore check it
			rep, err := Check(ctx, path, WithKeys(keys))
			if err != nil {
				t.Fatal(err)
			}
			// then the check fails and says what happened
			if err := rep.Err(); !errors.Is(err, ErrAuditBroken) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check: %v, want %q", err, tc.want)
			}
			// and the app's check at open sees it too when the anchor can
			s, err := Open(ctx, path, WithKeys(keys))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if p := s.AuditStatus().Problem; tc.atOpen && !strings.Contains(p, tc.want) {
				t.Errorf("at open: %q, want %q", p, tc.want)
			}
			if tc.name == "recomputing the chain after an edit is reported" && !strings.Contains(s.AuditStatus().Problem, "rewritten") {
				t.Errorf("at open: %q, want the log rewritten", s.AuditStatus().Problem)
			}
			if r, err := s.VerifyAudit(ctx); err != nil || r.OK || !strings.Contains(r.Problem, tc.want) {
				t.Errorf("VerifyAudit: %+v, %v", r, err)
			}
			// and no backup of it is reported made
			if err := s.Backup(ctx, filepath.Join(t.TempDir(), "b.db")); !errors.Is(err, ErrAuditBroken) {
				t.Errorf("Backup: %v", err)
			}
			// and work done after it does not hide it from the next open
			if !tc.atOpen {
				return
			}
			_ = s.LogExport(ctx, "jo", "person", 1, "a letter")
			s.Close()
			s2, err := Open(ctx, path, WithKeys(keys))
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			if p := s2.AuditStatus().Problem; p == "" {
				t.Error("a write after the tampering hid it from the next open")
			}
		})
	}
}

func TestTamperingWhileTheAppRunsIsReportedAtTheNextWrite(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	s, err := Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// given the newest rows deleted behind the open store's back
	tamper(t, path, dropProtection, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)", restoreProtection)
	// when the store writes again
	_ = s.LogExport(ctx, "jo", "person", 1, "a letter")
	// then it reports it, and a backup is refused
	if p := s.AuditStatus().Problem; !strings.Contains(p, "newest audit rows were deleted") {
		t.Errorf("problem %q", p)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "b.db")); !errors.Is(err, ErrAuditBroken) {
		t.Errorf("Backup: %v", err)
	}
}

func TestAnUntouchedLogPassesEveryCheck(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	t.Run("a crash between a commit and the anchor's update is not a false alarm", func(t *testing.T) {
		// given the anchor a few rows behind the log, as a crash leaves it
		db := openRaw(t, path)
		var dbID string
		var a anchor
		if err := db.QueryRow("SELECT database_id FROM audit_key").Scan(&dbID); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET 2").Scan(&a.id, &a.mac); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if err := keys.Set(anchorRef(dbID), a.String()); err != nil {
			t.Fatal(err)
		}
		// when it opens, then nothing is reported and the anchor catches up
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if st := s.AuditStatus(); st.Problem != "" || st.Key != KeyFound || !strings.Contains(st.Where, "key file") {
			t.Errorf("status %+v", st)
		}
		if got, _ := storedAnchor(keys, dbID); got.id <= a.id {
			t.Errorf("anchor stayed at %d", got.id)
		}
	})
	t.Run("dspctl check's verification passes and names the key store", func(t *testing.T) {
		rep, err := Check(ctx, path, WithKeys(keys))
		if err != nil || rep.Err() != nil || rep.Key != KeyFound || rep.Audit.Keyed != rep.Audit.Rows || rep.Audit.Rows == 0 {
			t.Errorf("%+v %v %v", rep, err, rep.Err())
		}
		if !strings.Contains(rep.KeyWhere, keys.Dir) {
			t.Errorf("key store %q", rep.KeyWhere)
		}
	})
}

func TestTheAuditRowFormat(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	set, _ := s.Settings(ctx)
	set.DisplayName = "Jo Keyworker"
	if err := s.SaveSettings(ctx, "jkeyworker", set); err != nil {
		t.Fatal(err)
	}
	var p app.Person
	err := s.write(ctx, func(tx *sql.Tx) (err error) {
		p, err = s.insertPerson(ctx, tx, "jkeyworker", app.Person{GivenName: "Sam", FamilyName: "Testperson",
			NHSNumber: "9990000018", DateOfBirth: app.Date(2010, 1, 2), LocalAuthority: app.LeicesterCity, Postcode: "LE1 1AA", Diagnosis: app.LearningDisability})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p.Postcode = "LE2 2BB"
	if err := s.write(ctx, func(tx *sql.Tx) error { _, err := s.updatePerson(ctx, tx, "jkeyworker", p); return err }); err != nil {
		t.Fatal(err)
	}
	var actor, display, changes string
	var mac []byte
	err = s.ro.QueryRow(`SELECT actor, display_name, changes, mac FROM audit_log
		WHERE entity = 'person' AND entity_id = ? ORDER BY id DESC LIMIT 1`, p.ID).Scan(&actor, &display, &changes, &mac)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("an update row holds only the changed field and its new text", func(t *testing.T) {
		if changes != `{"postcode":"LE2 2BB"}` {
			t.Errorf("changes = %s", changes)
		}
	})
	t.Run("the row names the account and the display name at the time, and carries a 32-byte MAC", func(t *testing.T) {
		if actor != "jkeyworker" || display != "Jo Keyworker" || len(mac) != 32 {
			t.Errorf("actor %q, display %q, mac %d bytes", actor, display, len(mac))
		}
	})
	t.Run("the trail gives each change its old text back", func(t *testing.T) {
		trail, err := s.AuditTrail(ctx, "person", p.ID)
		if err != nil || len(trail) != 2 {
			t.Fatalf("%v %v", trail, err)
		}
		want := []app.FieldChange{{Field: "postcode", Old: "LE1 1AA", New: "LE2 2BB"}}
		if got := trail[1].Changes; len(got) != 1 || got[0] != want[0] || trail[1].DisplayName != "Jo Keyworker" {
			t.Errorf("trail = %+v", trail[1])
		}
	})
	t.Run("an old text the earlier rows do not give is kept beside the new", func(t *testing.T) {
		tx, err := s.rw.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		got, err := encodeChanges(ctx, tx, newTexts(ctx, tx), 999, []app.FieldChange{{Field: "status", Old: "Open", New: "Done"}}, fields{"status": "Planned"})
		var back map[string][2]string
		if err != nil || json.Unmarshal([]byte(got), &back) != nil || back["status"] != [2]string{"Open", "Done"} {
			t.Errorf("%s %v", got, err)
		}
	})
	t.Run("a long text already in the log is referred to, not repeated, and reads back whole", func(t *testing.T) {
		long := "Agree a reduced school timetable and review it with the family."
		for i := 0; i < 2; i++ {
			if err := s.LogExport(ctx, "jo", "person", p.ID, long); err != nil {
				t.Fatal(err)
			}
		}
		var first, second int64
		var raw string
		if err := s.ro.QueryRow("SELECT max(id) - 1, max(id) FROM audit_log").Scan(&first, &second); err != nil {
			t.Fatal(err)
		}
		s.ro.QueryRow("SELECT changes FROM audit_log WHERE id = ?", second).Scan(&raw)
		if raw != fmt.Sprintf(`{"document":["",%d]}`, first) {
			t.Errorf("the second row holds %s", raw)
		}
		trail, err := s.AuditTrail(ctx, "person", p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := trail[len(trail)-1].Changes; len(last) != 1 || last[0].New != long || last[0].Old != "" {
			t.Errorf("read back %+v", last)
		}
	})
}

func TestTheUpgradeKeysOnlyALogItCouldVerify(t *testing.T) {
	ctx := context.Background()
	build := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "schema6.db")
		old := olderWithData(t, path, keyedAuditMigrationNumber-1, func(s *Store) {
			if _, err := seedDemoAs(ctx, s, keyedAuditMigrationNumber-1, 5, 2, 1); err != nil {
				t.Fatal(err)
			}
		})
		old.Close()
		return path
	}
	t.Run("an old log that verifies is keyed, with the same rows", func(t *testing.T) {
		path := build(t)
		keys := FileKeys{Dir: t.TempDir()}
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK || rep.Keyed != rep.Rows || rep.Rows < 10 {
			t.Errorf("%+v %v", rep, err)
		}
		if ok, _ := hasTable(ctx, s.ro, "audit_log_legacy"); ok {
			t.Error("the old table was kept")
		}
	})
	for name, stmts := range map[string][]string{
		"an old log with an altered row":      {dropProtection, "UPDATE audit_log SET actor = 'someone else' WHERE id = 3", restoreProtection},
		"an old log with do-nothing triggers": {dropProtection, "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END"},
	} {
		t.Run(name+" is refused, and the file stays at the old schema", func(t *testing.T) {
			path := build(t)
			tamper(t, path, stmts...)
			_, err := Open(ctx, path, WithKeys(FileKeys{Dir: t.TempDir()}))
			if !errors.Is(err, ErrAuditBroken) {
				t.Fatalf("err = %v", err)
			}
			db := openRaw(t, path)
			defer db.Close()
			var v int
			db.QueryRow("PRAGMA user_version").Scan(&v)
			if v != keyedAuditMigrationNumber-1 {
				t.Errorf("schema %d", v)
			}
		})
	}
}

func TestAMissingKey(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	elsewhere := FileKeys{Dir: t.TempDir()} // another computer's key store
	t.Run("the database opens, says the key is missing and refuses changes", func(t *testing.T) {
		s, err := Open(ctx, path, WithKeys(elsewhere))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if st := s.AuditStatus(); st.Key != KeyMissing {
			t.Errorf("status %+v", st)
		}
		if err := s.LogExport(ctx, "jo", "person", 1, "test"); !errors.Is(err, ErrAuditKeyMissing) {
			t.Errorf("write: %v", err)
		}
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK || !rep.KeyMissing || rep.Keyed != 0 {
			t.Errorf("%+v %v", rep, err)
		}
	})
	t.Run("an exported key imported elsewhere verifies the file there", func(t *testing.T) {
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		line, err := s.AuditKeyExport()
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		s2, err := Open(ctx, path, WithKeys(elsewhere))
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		if err := s2.ImportAuditKey(ctx, "dspdesk-key-1 "+strings.Repeat("0", 32)+" AAAA"); !errors.Is(err, ErrKeyNotThisDatabase) {
			t.Errorf("a wrong key: %v", err)
		}
		if err := s2.ImportAuditKey(ctx, line); err != nil {
			t.Fatal(err)
		}
		if st := s2.AuditStatus(); st.Key != KeyFound || st.Problem != "" {
			t.Errorf("%+v", st)
		}
		if err := s2.LogExport(ctx, "jo", "person", 1, "test"); err != nil {
			t.Error(err)
		}
	})
	t.Run("adopting starts a new key and records it; rows before stay unchecked", func(t *testing.T) {
		third := FileKeys{Dir: t.TempDir()}
		s, err := Open(ctx, path, WithKeys(third))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Adopt(ctx, "jo"); err != nil {
			t.Fatal(err)
		}
		if err := s.LogExport(ctx, "jo", "person", 1, "test"); err != nil {
			t.Fatal(err)
		}
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK || rep.Keyed != 2 {
			t.Errorf("%+v %v", rep, err)
		}
		trail, _ := s.AuditTrail(ctx, "audit_key", 0)
		if len(trail) != 1 || trail[0].Action != "adopt" {
			t.Errorf("trail %+v", trail)
		}
	})
}

func TestAuditMACIsKeyed(t *testing.T) {
	r := auditRow{id: 1, at: "2026-12-04T10:00:00.000Z", actor: "jo", entity: "person", entityID: 1, action: "create", changes: "{}"}
	a, b := auditMAC([]byte("key one"), nil, r), auditMAC([]byte("key two"), nil, r)
	if hmac.Equal(a, b) {
		t.Error("two keys gave the same MAC")
	}
}

func TestABackupPutInPlaceByHandIsNoFalseAlarm(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	s, err := Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// given work done after the backup, then the backup copied over the
	// database by hand (as IT support might, instead of dspctl restore)
	for i := 0; i < 3; i++ {
		if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	putInPlace(t, backup, path)
	// when it is opened, used, and checked again
	s, err = Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if p := s.AuditStatus().Problem; p != "" {
		t.Errorf("at open: %q", p)
	}
	if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// then neither the open nor dspctl check calls it tampered
	rep, err := Check(ctx, path, WithKeys(keys))
	if err != nil || rep.Err() != nil {
		t.Errorf("check: %v %v", err, rep.Err())
	}
	t.Run("but rows deleted from the copy put in place are still reported", func(t *testing.T) {
		putInPlace(t, backup, path)
		tamper(t, path, dropProtection, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)", restoreProtection)
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if p := s.AuditStatus().Problem; !strings.Contains(p, "newest audit rows were deleted") {
			t.Errorf("problem %q", p)
		}
	})
}

// putInPlace copies the file at from over the database at path, by hand.
func putInPlace(t *testing.T, from, path string) {
	t.Helper()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	if err := copyFile(from, path); err != nil {
		t.Fatal(err)
	}
}

func TestAnOlderCopyOfTheDatabaseSaysItMayBeOne(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	// given a copy made by hand, and work done in the original afterwards
	older := filepath.Join(t.TempDir(), "older.db")
	putInPlace(t, path, older)
	s, err := Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// when the older copy is checked, then the sentence names both causes
	rep, err := Check(ctx, older, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rep.Err()); !strings.Contains(got, "newest audit rows were deleted") || !strings.Contains(got, "older copy") {
		t.Errorf("check says %q", got)
	}
}

func TestARestoredBackupKeepsTheIdTheRestoreGaveIt(t *testing.T) {
	ctx := context.Background()
	path, keys := keyedStore(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	s, err := Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := RestoreKeeping(ctx, backup, path, WithKeys(keys)); err != nil {
		t.Fatal(err)
	}
	restoredID := databaseID(t, path)
	s, err = Open(ctx, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := s.AuditStatus(); st.Problem != "" || st.DatabaseID != restoredID {
		t.Errorf("status %+v, the restore gave id %s", st, restoredID)
	}
}

func databaseID(t *testing.T, path string) string {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	var id string
	if err := db.QueryRow("SELECT database_id FROM audit_key").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
