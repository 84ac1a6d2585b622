package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"dspdesk/app"
	"dspdesk/storage"
)

// noRawSQLite fails when SQLite's own words reach the user.
func noRawSQLite(t *testing.T, msg string) {
	t.Helper()
	for _, raw := range []string{"UNIQUE constraint", "no such table", "SQL logic", "readonly database", "constraint failed", "unable to open"} {
		if strings.Contains(msg, raw) {
			t.Errorf("raw SQLite text %q reached the user: %q", raw, msg)
		}
	}
}

func TestMessagesFitTheCause(t *testing.T) {
	t.Run("stats and check agree on a zero-byte file, and neither changes it", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "empty.db")
		if err := os.WriteFile(db, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"stats", "check"} {
			r := mustRun(t, exitFailed, cmd, "--db", db)
			if !strings.Contains(r.stderr, "is empty (0 bytes)") || !strings.Contains(r.stderr, "dspctl init") {
				t.Errorf("%s says %q", cmd, r.stderr)
			}
			oneSentence(t, r.stderr)
			if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
				t.Fatalf("%s changed the empty file", cmd)
			}
			if _, err := os.Stat(db + "-wal"); err == nil {
				t.Errorf("%s left a WAL file beside the empty file", cmd)
			}
		}
	})
	t.Run("a file with the app's id but the wrong tables is called damaged, not 'no such table'", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "odd.db")
		raw, err := sql.Open("sqlite3", db)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"PRAGMA application_id = 1146310724", "PRAGMA user_version = 3", "CREATE TABLE notes(x TEXT)"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		raw.Close()
		for _, cmd := range []string{"stats", "check"} {
			r := mustRun(t, exitFailed, cmd, "--db", db)
			last := r.stderr
			if !strings.Contains(last, "lacks some of its tables") || !strings.Contains(last, "restore the latest backup") {
				t.Errorf("%s says %q", cmd, last)
			}
			noRawSQLite(t, last)
		}
	})
	t.Run("a backup made but not recorded says it was made, and exits 3", func(t *testing.T) {
		// storage's TestBackupMadeButNotRecorded makes a real one; here, what dspctl says of it
		err := fmt.Errorf("storage: backup: %w: %w", storage.ErrBackupNotRecorded, errors.New("attempt to write a readonly database"))
		msg, code := backupFailure(err, "/backups/b.db")
		if code != exitPartly || !strings.Contains(msg, "was made and checked") || strings.Contains(msg, "not made") {
			t.Errorf("backupFailure = %q, %d", msg, code)
		}
		oneSentence(t, msg+"\n")
		noRawSQLite(t, msg)
		msg, code = backupFailure(fmt.Errorf("storage: backup: %w", storage.ErrDiskFull), "/backups/b.db")
		if code != exitFailed || !strings.Contains(msg, "not made") {
			t.Errorf("a backup that failed: %q, %d", msg, code)
		}
	})
	t.Run("two seeds at once number their people apart, and both add them", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "seeds.db")
		mustRun(t, exitOK, "init", "--db", db)
		var wg sync.WaitGroup
		results := make([]result, 2)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = dspctl("seed", "--db", db, "--people", "100", "--seed", "4", "--as-of", "2026-11-24")
			}()
		}
		wg.Wait()
		for _, r := range results {
			if r.code != exitOK {
				t.Errorf("exit %d: %s", r.code, r.stderr)
				noRawSQLite(t, r.stderr)
			}
		}
		if got := statsLine(t, mustRun(t, exitOK, "stats", "--db", db).stdout, "People:"); got != "People: 200" {
			t.Errorf("after two seeds of 100: %q", got)
		}
	})
}

func TestSeedFailedSaysWhatWasKept(t *testing.T) {
	clash := fmt.Errorf("storage: batch: %w: %w", app.ErrConflict, errors.New("UNIQUE constraint failed: people.nhs_number"))
	cases := []struct {
		name  string
		added int
		code  int
		says  string
	}{
		{"nothing kept is a refusal", 0, exitFailed, "No demo data was added"},
		{"some kept is partly done, with how many", 1000, exitPartly, "stopped after adding 1000 people"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			c := &cli{stdout: &out, stderr: &errs}
			if got := c.seedFailed("demo.db", tc.added, clash); got != tc.code {
				t.Errorf("exit %d, want %d", got, tc.code)
			}
			msg := errs.String()
			if !strings.Contains(msg, tc.says) || !strings.Contains(msg, "two seeds at once") {
				t.Errorf("stderr = %q", msg)
			}
			oneSentence(t, msg)
			noRawSQLite(t, msg)
		})
	}
}
