package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/storage"
)

// now is Tuesday 24 November 2026, 11:00 in London.
var now = time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

// result is what one dspctl run did.
type result struct {
	code           int
	stdout, stderr string
}

func dspctl(args ...string) result {
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return result{code, out.String(), errs.String()}
}

// mustRun runs dspctl and fails the test unless it exits with want.
func mustRun(t *testing.T, want int, args ...string) result {
	t.Helper()
	r := dspctl(args...)
	if r.code != want {
		t.Fatalf("dspctl %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, want, r.stdout, r.stderr)
	}
	return r
}

// oneSentence checks an error message is one line and one sentence, with
// no Go package prefixes.
func oneSentence(t *testing.T, msg string) {
	t.Helper()
	msg = strings.TrimSuffix(msg, "\n")
	if msg == "" || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") {
		t.Errorf("stderr is not one sentence on one line: %q", msg)
	}
	for _, bad := range []string{"storage:", "goroutine", "panic", "sqlite3"} {
		if strings.Contains(msg, bad) {
			t.Errorf("stderr contains %q: %q", bad, msg)
		}
	}
}

// addReferrals stores n referrals of synthetic people through the service.
func addReferrals(t *testing.T, path string, n int) {
	t.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, path, storage.WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := app.NewService(s, app.FixedClock(now), "tester")
	for body, added := 50, 0; added < n; body++ {
		nhs, ok := app.TestNHSNumber(body)
		if !ok {
			continue
		}
		p := apptest.Child()
		p.NHSNumber = nhs
		if _, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true}); err != nil {
			t.Fatal(err)
		}
		added++
	}
}

func statsLine(t *testing.T, out, prefix string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("no %q line in:\n%s", prefix, out)
	return ""
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data folder", "dspdesk.db")
	backup := filepath.Join(t.TempDir(), "backup.db")

	t.Run("init creates the database and its folder and says where", func(t *testing.T) {
		r := mustRun(t, exitOK, "init", "--db", db)
		if !strings.Contains(r.stdout, "Created") || !strings.Contains(r.stdout, db) {
			t.Errorf("stdout %q", r.stdout)
		}
		if _, err := os.Stat(db); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("init again says the database is ready and keeps it", func(t *testing.T) {
		r := mustRun(t, exitOK, "init", "--db", db)
		if !strings.Contains(r.stdout, "is ready") {
			t.Errorf("stdout %q", r.stdout)
		}
	})
	addReferrals(t, db, 3)
	t.Run("check passes every check and prints each result", func(t *testing.T) {
		r := mustRun(t, exitOK, "check", "--db", db)
		for _, want := range []string{"Integrity (quick_check): ok", fmt.Sprintf("Schema version: %d, this version knows %[1]d: ok", storage.LatestSchemaVersion()), "Audit log: ok", "All checks passed."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("stats counts the people and pending referrals", func(t *testing.T) {
		r := mustRun(t, exitOK, "stats", "--db", db)
		if got := statsLine(t, r.stdout, "People:"); got != "People: 3" {
			t.Errorf("%q", got)
		}
		if got := statsLine(t, r.stdout, "Pending referrals:"); got != "Pending referrals: 3" {
			t.Errorf("%q", got)
		}
	})
	t.Run("backup writes a checked copy, with flags after the file name too", func(t *testing.T) {
		r := mustRun(t, exitOK, "backup", backup, "--db", db)
		if !strings.Contains(r.stdout, backup) {
			t.Errorf("stdout %q", r.stdout)
		}
		mustRun(t, exitOK, "check", "--db", backup)
	})
	t.Run("seed adds demo people to a demo database", func(t *testing.T) {
		mustRun(t, exitOK, "seed", "--db", db, "--people", "20", "--seed", "7", "--as-of", "2026-11-24")
		r := mustRun(t, exitOK, "stats", "--db", db)
		if got := statsLine(t, r.stdout, "People:"); got != "People: 23" {
			t.Errorf("%q", got)
		}
	})
	t.Run("restore puts the backup back and prints where the replaced database was kept", func(t *testing.T) {
		r := mustRun(t, exitOK, "restore", backup, "--db", db)
		kept := strings.TrimSuffix(strings.TrimPrefix(statsLine(t, r.stdout, "The database it replaced is kept as "), "The database it replaced is kept as "), ".")
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("kept file %q: %v", kept, err)
		}
		r = mustRun(t, exitOK, "stats", "--db", db)
		if got := statsLine(t, r.stdout, "People:"); got != "People: 3" {
			t.Errorf("after restore %q", got)
		}
		r = mustRun(t, exitOK, "stats", "--db", kept, "--json")
		if !strings.Contains(r.stdout, `"people": 23`) {
			t.Errorf("the kept database: %s", r.stdout)
		}
		mustRun(t, exitOK, "check", "--db", db)
	})
}

func TestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dspdesk.db")
	tests := []struct {
		name string
		args []string
		want int
		out  string // in stdout (exit 0) or stderr
	}{
		{"no command at all is a usage error that lists the commands", nil, exitUsage, "Commands:"},
		{"--help lists every command", []string{"--help"}, exitOK, "restore"},
		{"help with a command shows that command's help", []string{"help", "backup"}, exitOK, "Usage: dspctl backup [flags] FILE"},
		{"a command's --help shows its flags", []string{"seed", "--help"}, exitOK, "-people"},
		{"every command's --help mentions --db", []string{"stats", "-h"}, exitOK, "-db PATH"},
		{"an unknown command is a usage error", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"help for an unknown command is a usage error", []string{"help", "frobnicate"}, exitUsage, "unknown command"},
		{"an unknown flag is a usage error", []string{"check", "--db", db, "--fast"}, exitUsage, "flag provided but not defined"},
		{"backup without a file is a usage error", []string{"backup", "--db", db}, exitUsage, "missing FILE"},
		{"restore with two files is a usage error", []string{"restore", "a.db", "b.db", "--db", db}, exitUsage, "too many arguments"},
		{"init with an argument is a usage error", []string{"init", "extra", "--db", db}, exitUsage, `unexpected argument "extra"`},
		{"seed with no people is a usage error", []string{"seed", "--db", db, "--people", "0"}, exitUsage, "--people must be"},
		{"seed with a number that is not a number is a usage error", []string{"seed", "--db", db, "--people", "many"}, exitUsage, "invalid value"},
		{"seed with a date that is not a date is a usage error", []string{"seed", "--db", db, "--as-of", "24/11/2026"}, exitUsage, "--as-of"},
		{"--db with no value is a usage error", []string{"stats", "--db"}, exitUsage, "flag needs an argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := dspctl(tt.args...)
			if r.code != tt.want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.want, r.stdout, r.stderr)
			}
			where := r.stderr
			if tt.want == exitOK {
				where = r.stdout
			}
			if !strings.Contains(where, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, where)
			}
			if tt.want == exitUsage && len(tt.args) > 0 {
				oneSentence(t, r.stderr)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("a usage error created the database")
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	t.Run("check on a database whose audit log was tampered with fails with a clear message", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "dspdesk.db")
		mustRun(t, exitOK, "init", "--db", db)
		addReferrals(t, db, 2)
		raw, err := sql.Open("sqlite3", db)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"DROP TRIGGER audit_no_update", "UPDATE audit_log SET changes = '[]' WHERE id = 3"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		raw.Close()
		r := mustRun(t, exitFailed, "check", "--db", db)
		if !strings.Contains(r.stdout, "Audit log: FAILED") || !strings.Contains(r.stdout, "row 3") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
		oneSentence(t, r.stderr)
		if !strings.Contains(r.stderr, "audit log") || !strings.Contains(r.stderr, "altered") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("restoring a file that is not a database fails and leaves the database unchanged", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "dspdesk.db")
		mustRun(t, exitOK, "init", "--db", db)
		addReferrals(t, db, 1)
		before, _ := os.ReadFile(db)
		notes := filepath.Join(t.TempDir(), "notes.db")
		os.WriteFile(notes, []byte("not a database, just some words\n"), 0o600)
		r := mustRun(t, exitFailed, "restore", notes, "--db", db)
		oneSentence(t, r.stderr)
		if !strings.Contains(r.stderr, "not a DSP Desk database") || !strings.Contains(r.stderr, "unchanged") {
			t.Errorf("stderr %q", r.stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Error("the database changed")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("the data folder holds %d files, want 1", len(entries))
		}
	})
	t.Run("commands that read do not create a missing database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "dspdesk.db")
		for _, args := range [][]string{{"check"}, {"stats"}, {"backup", filepath.Join(t.TempDir(), "b.db")}} {
			r := mustRun(t, exitFailed, append(args, "--db", db)...)
			oneSentence(t, r.stderr)
			if !strings.Contains(r.stderr, "There is no database at") {
				t.Errorf("%s: stderr %q", args[0], r.stderr)
			}
		}
		if _, err := os.Stat(db); err == nil {
			t.Error("the database was created")
		}
	})
	t.Run("check on a file that is not a database fails", func(t *testing.T) {
		notes := filepath.Join(t.TempDir(), "notes.db")
		os.WriteFile(notes, []byte("words"), 0o600)
		r := mustRun(t, exitFailed, "check", "--db", notes)
		oneSentence(t, r.stderr)
	})
	t.Run("seed refuses a database that holds real records", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "dspdesk.db")
		s, err := storage.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		p := apptest.Child()
		p.NHSNumber = "9434765919" // a valid number outside the test range
		_, err = app.NewService(s, app.FixedClock(now), "tester").SubmitReferral(context.Background(), apptest.Referral(p, now), app.SubmitOptions{})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, exitFailed, "seed", "--db", db, "--people", "5")
		oneSentence(t, r.stderr)
		r = mustRun(t, exitOK, "stats", "--db", db)
		if got := statsLine(t, r.stdout, "People:"); got != "People: 1" {
			t.Errorf("%q", got)
		}
	})
	t.Run("a backup cannot overwrite the database itself", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "dspdesk.db")
		mustRun(t, exitOK, "init", "--db", db)
		r := mustRun(t, exitFailed, "backup", db, "--db", db)
		oneSentence(t, r.stderr)
		mustRun(t, exitOK, "check", "--db", db)
	})
}

func TestSeedIsDeterministic(t *testing.T) {
	t.Run("the same seed and date make the same counts", func(t *testing.T) {
		var outs []string
		for range 2 {
			db := filepath.Join(t.TempDir(), "dspdesk.db")
			mustRun(t, exitOK, "seed", "--db", db, "--people", "40", "--seed", "42", "--as-of", "2026-11-24")
			outs = append(outs, mustRun(t, exitOK, "stats", "--db", db, "--json").stdout)
		}
		if outs[0] != outs[1] {
			t.Errorf("different data:\n%s\n%s", outs[0], outs[1])
		}
	})
	t.Run("seeding twice adds new people after the first ones", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "dspdesk.db")
		mustRun(t, exitOK, "seed", "--db", db, "--people", "10")
		mustRun(t, exitOK, "seed", "--db", db, "--people", "10")
		r := mustRun(t, exitOK, "stats", "--db", db)
		if got := statsLine(t, r.stdout, "People:"); got != "People: 20" {
			t.Errorf("%q", got)
		}
	})
}

func TestDefaultDBPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		goos string
		env  map[string]string
		home string
		want string
	}{
		{"on Windows the database is in %AppData%", "windows",
			map[string]string{"AppData": `C:\Users\jo\AppData\Roaming`}, `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk\dspdesk.db`},
		{"on Windows a user name with spaces and accents is kept as it is", "windows",
			map[string]string{"AppData": `C:\Users\Zoë Ó Briain\AppData\Roaming`}, "",
			`C:\Users\Zoë Ó Briain\AppData\Roaming\DSP Desk\dspdesk.db`},
		{"on Windows without %AppData% the profile folder is used", "windows", nil, `D:\Profiles\Anne Marie`,
			`D:\Profiles\Anne Marie\AppData\Roaming\DSP Desk\dspdesk.db`},
		{"on macOS the database is in Application Support", "darwin", nil, "/Users/jo smith",
			"/Users/jo smith/Library/Application Support/DSP Desk/dspdesk.db"},
		{"on macOS a non-ASCII user name is kept as it is", "darwin", nil, "/Users/łukasz",
			"/Users/łukasz/Library/Application Support/DSP Desk/dspdesk.db"},
		{"on Linux XDG_DATA_HOME is honoured", "linux", map[string]string{"XDG_DATA_HOME": "/srv/data home"}, "/home/jo",
			"/srv/data home/dspdesk/dspdesk.db"},
		{"on Linux the default is ~/.local/share", "linux", nil, "/home/zoë", "/home/zoë/.local/share/dspdesk/dspdesk.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultDBPath(tt.goos, env(tt.env), tt.home)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("with no home folder and no environment it is an error", func(t *testing.T) {
		if _, err := defaultDBPath("linux", env(nil), ""); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("it is the path the desktop app uses", func(t *testing.T) {
		want, err := storage.DefaultPath()
		if err != nil {
			t.Skip(err)
		}
		if got, err := defaultPath(); err != nil || got != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("commands use it when --db is not given", func(t *testing.T) {
		if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
			t.Skip("uses XDG_DATA_HOME")
		}
		data := t.TempDir()
		t.Setenv("XDG_DATA_HOME", data)
		r := mustRun(t, exitOK, "init")
		want := filepath.Join(data, "dspdesk", "dspdesk.db")
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout %q, want %q", r.stdout, want)
		}
		if _, err := os.Stat(want); err != nil {
			t.Error(err)
		}
	})
}
