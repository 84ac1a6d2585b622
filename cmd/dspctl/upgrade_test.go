package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnUpgradeIsAnnouncedBeforeItStarts(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DSPDESK_KEY_DIR", filepath.Join(dir, "keys"))
	current := filepath.Join(dir, "current.db")
	mustRun(t, exitOK, "init", "--db", current)
	// an older version's database, as far as its header says (application
	// id and schema version); its tables are not there, so the upgrade fails
	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite3", old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA application_id = 1146310724; PRAGMA user_version = 1; CREATE TABLE settings(id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Run("a database this version must upgrade is announced, with what to expect", func(t *testing.T) {
		r := dspctl("stats", "--db", old)
		if !strings.Contains(r.stderr, "Upgrading "+old+" to this version") || !strings.Contains(r.stderr, "do not interrupt") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("a current database is opened without a word about upgrades", func(t *testing.T) {
		r := mustRun(t, exitOK, "stats", "--db", current)
		if strings.Contains(r.stderr+r.stdout, "Upgrading") {
			t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
		}
	})
}
