package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAuditKeyCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "dspdesk.db")
	exported := filepath.Join(dir, "key.txt")
	// this computer's key store, then another computer's
	t.Setenv("DSPDESK_KEY_DIR", filepath.Join(dir, "keys-here"))
	mustRun(t, exitOK, "init", "--db", db)
	addReferrals(t, db, 2)
	t.Run("check names the store that holds the key", func(t *testing.T) {
		r := mustRun(t, exitOK, "check", "--db", db)
		if !strings.Contains(r.stdout, "Audit key: ok, kept in the key file "+filepath.Join(dir, "keys-here")) ||
			!strings.Contains(r.stdout, "every MAC verified with the key") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("key export writes the key to a new file only its owner may read", func(t *testing.T) {
		mustRun(t, exitOK, "key", "export", exported, "--db", db)
		fi, err := os.Stat(exported)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%v %v", fi, err)
		}
		mustRun(t, exitFailed, "key", "export", exported, "--db", db)
	})
	t.Setenv("DSPDESK_KEY_DIR", filepath.Join(dir, "keys-elsewhere"))
	t.Run("on a computer without the key, check fails and says what to do", func(t *testing.T) {
		r := mustRun(t, exitFailed, "check", "--db", db)
		if !strings.Contains(r.stdout, "Audit key: NOT ON THIS COMPUTER") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
		oneSentence(t, r.stderr)
		if !strings.Contains(r.stderr, "dspctl key import") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("key import brings the key, and the check passes", func(t *testing.T) {
		mustRun(t, exitOK, "key", "import", exported, "--db", db)
		r := mustRun(t, exitOK, "check", "--db", db)
		if !strings.Contains(r.stdout, filepath.Join(dir, "keys-elsewhere")) {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	})
	t.Setenv("DSPDESK_KEY_DIR", filepath.Join(dir, "keys-third"))
	t.Run("key adopt makes a new key here, and the check passes", func(t *testing.T) {
		mustRun(t, exitOK, "key", "adopt", "--db", db)
		r := mustRun(t, exitOK, "check", "--db", db)
		if !strings.Contains(r.stdout, "rows from before the database was adopted are not checked") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("a wrong action is a usage error", func(t *testing.T) {
		mustRun(t, exitUsage, "key", "lose", "--db", db)
		mustRun(t, exitUsage, "key", "import", "--db", db)
	})
}

func TestCheckAndBackupReportTampering(t *testing.T) {
	cases := []struct{ name, want string }{
		{"DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)", "the newest audit rows were deleted"},
		{"DELETE FROM audit_log", "emptied"},
		{"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END", "append-only protection was removed or replaced"},
	}
	for _, tc := range cases {
		t.Run("after "+tc.name+" check and backup fail", func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "dspdesk.db")
			mustRun(t, exitOK, "init", "--db", db)
			addReferrals(t, db, 2)
			raw, err := sql.Open("sqlite3", db)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete", tc.name} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			raw.Close()
			r := mustRun(t, exitFailed, "check", "--db", db)
			if !strings.Contains(r.stdout, "Audit log: FAILED") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stdout:\n%s\nstderr: %s", r.stdout, r.stderr)
			}
			backup := filepath.Join(dir, "b.db")
			r = mustRun(t, exitFailed, "backup", backup, "--db", db)
			oneSentence(t, r.stderr)
			if _, err := os.Stat(backup); err == nil {
				t.Error("a backup that cannot be restored was kept")
			}
		})
	}
}

func TestEveryCommandMakesTheDatabasePrivate(t *testing.T) {
	for _, cmd := range [][]string{{"stats"}, {"check"}, {"init"}} {
		t.Run(cmd[0]+" makes the database and its folders readable by their owner only", func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "dspdesk.db")
			mustRun(t, exitOK, "init", "--db", db)
			for _, d := range []string{"backups", "print"} {
				if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Chmod(db, 0o644); err != nil {
				t.Fatal(err)
			}
			mustRun(t, exitOK, append(cmd, "--db", db)...)
			for _, p := range []struct {
				path string
				want os.FileMode
			}{{db, 0o600}, {filepath.Join(dir, "backups"), 0o700}, {filepath.Join(dir, "print"), 0o700}} {
				if fi, err := os.Stat(p.path); err != nil || fi.Mode().Perm() != p.want {
					t.Errorf("%s: %v %v", filepath.Base(p.path), fi.Mode(), err)
				}
			}
		})
	}
}

func TestAKeyStoreThatCannotBeWrittenIsASentenceWithoutGoErrorText(t *testing.T) {
	dir := t.TempDir()
	notAFolder := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(notAFolder, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "dspdesk.db")
	t.Setenv("DSPDESK_KEY_DIR", filepath.Join(dir, "keys"))
	mustRun(t, exitOK, "init", "--db", db)
	exported := filepath.Join(dir, "key.txt")
	mustRun(t, exitOK, "key", "export", exported, "--db", db)
	t.Setenv("DSPDESK_KEY_DIR", notAFolder)
	for _, args := range [][]string{
		{"init", "--db", filepath.Join(dir, "new.db")},
		{"key", "adopt", "--db", db},
		{"key", "import", exported, "--db", db},
	} {
		t.Run(strings.Join(args[:2], " ")+" says the key could not be kept, in words", func(t *testing.T) {
			r := mustRun(t, exitFailed, args...)
			oneSentence(t, r.stderr)
			if !strings.Contains(r.stderr, "could not be kept on this computer") {
				t.Errorf("stderr %q", r.stderr)
			}
			for _, goText := range []string{"mkdir", "not a directory", "migrate to schema", notAFolder} {
				if strings.Contains(r.stderr, goText) {
					t.Errorf("stderr has %q: %q", goText, r.stderr)
				}
			}
		})
	}
}
