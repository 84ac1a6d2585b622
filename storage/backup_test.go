package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// addPeople submits n referrals of distinct synthetic people, numbered from
// first (their NHS numbers come from the 999 test range), and returns the
// referrals' ids.
func addPeople(t *testing.T, svc *app.Service, first, n int) []int64 {
	t.Helper()
	var ids []int64
	for body := first * 11; len(ids) < n; body++ {
		nhs, ok := app.TestNHSNumber(body)
		if !ok {
			continue
		}
		p := apptest.Child()
		p.NHSNumber = nhs
		p.GivenName = "Person" + string(rune('A'+len(ids)%26))
		res, err := svc.SubmitReferral(context.Background(), apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			t.Fatalf("submit referral for body %d: %v", body, err)
		}
		ids = append(ids, res.Referral.ID)
	}
	return ids
}

// dbWithPeople makes a closed database at dir/name holding n people.
func dbWithPeople(t *testing.T, dir, name string, n int) string {
	t.Helper()
	path := filepath.Join(dir, name)
	s, err := Open(context.Background(), path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	addPeople(t, newService(s), 0, n)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// backupWithPeople makes a backup file holding n people, in its own folder.
func backupWithPeople(t *testing.T, n int) string {
	t.Helper()
	s, _ := openTemp(t)
	addPeople(t, newService(s), 100, n)
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(context.Background(), dest); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	return dest
}

// peopleIn counts the people in a database file, opened behind the store's back.
func peopleIn(t *testing.T, path string) int {
	t.Helper()
	db := openRaw(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM people").Scan(&n); err != nil {
		t.Fatalf("count people in %s: %v", filepath.Base(path), err)
	}
	return n
}

// folderState is every file in a folder with its content.
func folderState(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sameState(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

func names(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	t.Run("a backup taken while another goroutine keeps writing holds every row committed before it started", func(t *testing.T) {
		// given a database with 20 people and a writer that keeps adding more
		s, _ := openTemp(t)
		svc := newService(s)
		addPeople(t, svc, 0, 20)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var written atomic.Int64
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := 5000; ; body++ {
				select {
				case <-stop:
					return
				default:
				}
				nhs, ok := app.TestNHSNumber(body)
				if !ok {
					continue
				}
				p := apptest.Child()
				p.NHSNumber = nhs
				if _, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true}); err != nil {
					t.Errorf("writer: %v", err)
					return
				}
				written.Add(1)
			}
		}()
		for written.Load() < 3 { // the writer is under way
			time.Sleep(time.Millisecond)
		}
		before := 20 + int(written.Load())

		// when a backup is taken meanwhile
		dest := filepath.Join(t.TempDir(), "during writes.db")
		err := s.Backup(ctx, dest)
		close(stop)
		wg.Wait()
		if err != nil {
			t.Fatalf("Backup: %v", err)
		}
		t.Logf("%d people before the backup, %d written in all", before, 20+written.Load())

		// then it is a whole DSP Desk database with at least those rows
		rep, err := Check(ctx, dest)
		if err != nil || rep.Err() != nil {
			t.Fatalf("the backup fails its check: %v, %v", err, rep.Err())
		}
		if got := peopleIn(t, dest); got < before {
			t.Errorf("the backup has %d people, want at least the %d committed before it started", got, before)
		}
		db := openRaw(t, dest)
		defer db.Close()
		var referrals, people int
		db.QueryRow("SELECT count(*) FROM referrals").Scan(&referrals)
		db.QueryRow("SELECT count(*) FROM people").Scan(&people)
		if referrals != people {
			t.Errorf("the backup is not one snapshot: %d people but %d referrals", people, referrals)
		}
	})
	t.Run("the backup is one file, readable by its owner only, with no temporary files left beside it", func(t *testing.T) {
		s, _ := openTemp(t)
		addPeople(t, newService(s), 0, 2)
		dir := t.TempDir()
		dest := filepath.Join(dir, "backup.db")
		if err := s.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		if got := names(folderState(t, dir)); !slices.Equal(got, []string{"backup.db"}) {
			t.Errorf("the folder holds %v, want only backup.db", got)
		}
		fi, err := os.Stat(dest)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("permissions %o, want 600", perm)
		}
		head, _ := os.ReadFile(dest)
		if len(head) < 20 || head[18] != 1 || head[19] != 1 {
			t.Error("the backup still expects a WAL file beside it")
		}
	})
	t.Run("the backup is recorded in the audit log by its file name, and the log still verifies", func(t *testing.T) {
		s, _ := openTemp(t)
		dest := filepath.Join(t.TempDir(), "monday.db")
		if err := s.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		trail, err := s.AuditTrail(ctx, "backup", 0)
		if err != nil || len(trail) != 1 {
			t.Fatalf("trail %+v, %v; want one row", trail, err)
		}
		e := trail[0]
		if e.Action != "backup" || len(e.Changes) == 0 || e.Changes[0].New != "monday.db" {
			t.Errorf("audit row %+v, want the file name", e)
		}
		if strings.Contains(e.Changes[0].New, string(filepath.Separator)) {
			t.Error("the audit row holds the full path")
		}
		if rep, err := s.VerifyAudit(ctx); err != nil || !rep.OK {
			t.Errorf("VerifyAudit = %+v, %v", rep, err)
		}
	})
	t.Run("a new backup replaces an older backup of the same name", func(t *testing.T) {
		s, _ := openTemp(t)
		svc := newService(s)
		dest := filepath.Join(t.TempDir(), "backup.db")
		if err := s.Backup(ctx, dest); err != nil { // the older backup, with nobody in it
			t.Fatal(err)
		}
		if err := os.WriteFile(dest+"-wal", []byte("a stale WAL"), 0o600); err != nil {
			t.Fatal(err)
		}
		addPeople(t, svc, 0, 1)
		if err := s.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		if got := peopleIn(t, dest); got != 1 {
			t.Errorf("%d people, want 1", got)
		}
		if _, err := os.Stat(dest + "-wal"); !errors.Is(err, os.ErrNotExist) {
			t.Error("the stale WAL file is still there")
		}
	})
	t.Run("a file that is not a DSP Desk backup is never replaced by a backup", func(t *testing.T) {
		s, _ := openTemp(t)
		dir := t.TempDir()
		foreign := filepath.Join(dir, "other.db")
		db, err := sql.Open("sqlite3", foreign)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('theirs')"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		for name, content := range map[string][]byte{"letter.docx": []byte("a document someone needs"), "other.db": nil} {
			dest := filepath.Join(dir, name)
			if content != nil {
				if err := os.WriteFile(dest, content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(dest)
			err := s.Backup(ctx, dest)
			if !errors.Is(err, ErrBackupTargetTaken) {
				t.Errorf("%s: Backup = %v, want ErrBackupTargetTaken", name, err)
			}
			if after, _ := os.ReadFile(dest); !bytes.Equal(before, after) {
				t.Errorf("%s was changed", name)
			}
		}
		if err := s.Backup(ctx, dir); !errors.Is(err, ErrBackupTargetTaken) { // a folder, a device: not files a backup replaces
			t.Errorf("a backup onto a folder: %v, want ErrBackupTargetTaken", err)
		}
	})
	t.Run("a backup onto the database itself is refused and the database is unchanged", func(t *testing.T) {
		s, path := openTemp(t)
		addPeople(t, newService(s), 0, 2)
		if err := s.Backup(ctx, path); err == nil {
			t.Fatal("want an error")
		}
		if n := peopleIn(t, path); n != 2 {
			t.Errorf("%d people, want 2", n)
		}
	})
	t.Run("a backup into a folder that does not exist fails and leaves nothing behind", func(t *testing.T) {
		s, _ := openTemp(t)
		dir := t.TempDir()
		if err := s.Backup(ctx, filepath.Join(dir, "missing", "backup.db")); err == nil {
			t.Fatal("want an error")
		}
		if got := names(folderState(t, dir)); len(got) != 0 {
			t.Errorf("left %v", got)
		}
	})
}

func TestRollingBackup(t *testing.T) {
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 11, d, 18, 30, 0, 0, app.ServiceLocation) }
	t.Run("the first backup of a day is made and a second on the same day is skipped", func(t *testing.T) {
		s, _ := openTemp(t)
		dir := filepath.Join(t.TempDir(), "backups")
		path, made, err := s.RollingBackup(ctx, dir, 14, day(24))
		if err != nil || !made || filepath.Base(path) != "dspdesk-2026-11-24.db" {
			t.Fatalf("first = %q, %v, %v", path, made, err)
		}
		before, _ := os.ReadFile(path)
		addPeople(t, newService(s), 0, 1)
		path2, made, err := s.RollingBackup(ctx, dir, 14, day(24).Add(3*time.Hour))
		if err != nil || made || path2 != path {
			t.Fatalf("second = %q, %v, %v; want today's kept as it was", path2, made, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("today's backup was rewritten")
		}
	})
	t.Run("only the newest backups are kept and other files in the folder are left alone", func(t *testing.T) {
		s, _ := openTemp(t)
		dir := t.TempDir()
		others := []string{"dspdesk.db", "notes.txt", "dspdesk-2026-11-01.db.bak", "dspdesk-latest.db"}
		for _, name := range others {
			if err := os.WriteFile(filepath.Join(dir, name), []byte("keep me"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for d := 1; d <= 6; d++ {
			if _, made, err := s.RollingBackup(ctx, dir, 3, day(d)); err != nil || !made {
				t.Fatalf("day %d: made %v, %v", d, made, err)
			}
		}
		want := append([]string{"dspdesk-2026-11-04.db", "dspdesk-2026-11-05.db", "dspdesk-2026-11-06.db"}, others...)
		slices.Sort(want)
		if got := names(folderState(t, dir)); !slices.Equal(got, want) {
			t.Errorf("folder holds %v\nwant %v", got, want)
		}
	})
	t.Run("lowering the number kept deletes the oldest even when today's exists", func(t *testing.T) {
		s, _ := openTemp(t)
		dir := t.TempDir()
		for d := 1; d <= 4; d++ {
			if _, _, err := s.RollingBackup(ctx, dir, 14, day(d)); err != nil {
				t.Fatal(err)
			}
		}
		if _, made, err := s.RollingBackup(ctx, dir, 2, day(4)); err != nil || made {
			t.Fatalf("made %v, %v", made, err)
		}
		if got := names(folderState(t, dir)); !slices.Equal(got, []string{"dspdesk-2026-11-03.db", "dspdesk-2026-11-04.db"}) {
			t.Errorf("folder holds %v", got)
		}
	})
	t.Run("keeping fewer than one backup is refused", func(t *testing.T) {
		s, _ := openTemp(t)
		if _, _, err := s.RollingBackup(ctx, t.TempDir(), 0, day(1)); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("the day is the calendar day of the time given, in its own zone", func(t *testing.T) {
		late := time.Date(2026, 6, 30, 23, 30, 0, 0, app.ServiceLocation) // 22:30 UTC
		if got := RollingBackupName(late); got != "dspdesk-2026-06-30.db" {
			t.Errorf("got %q", got)
		}
	})
}

// corrupt functions damage a copy of a good backup in different ways.
func truncateHalf(t *testing.T, path string) {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func overwritePeoplePage(t *testing.T, path string) {
	db := openRaw(t, path)
	var root, pageSize int64
	err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'people'").Scan(&root)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, int(pageSize)), (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
}

func rawSQL(stmts ...string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		db := openRaw(t, path)
		defer db.Close()
		for _, q := range stmts {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	t.Run("a good backup replaces the data and the replaced database is kept", func(t *testing.T) {
		// given a database with 2 people and a backup with 5
		dir := t.TempDir()
		db := dbWithPeople(t, dir, "dspdesk.db", 2)
		bk := backupWithPeople(t, 5)
		bkBefore, _ := os.ReadFile(bk)

		// when the backup is restored
		kept, err := RestoreKeeping(ctx, bk, db)
		if err != nil {
			t.Fatalf("Restore: %v", err)
		}

		// then the database has the backup's data, the old one is kept, and
		// the backup file is untouched
		s, err := Open(ctx, db)
		if err != nil {
			t.Fatalf("Open after restore: %v", err)
		}
		defer s.Close()
		if p, err := s.Person(ctx, 5); err != nil || p.FamilyName != "Testperson" {
			t.Errorf("person 5 = %+v, %v", p, err)
		}
		if _, err := s.Person(ctx, 6); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("person 6: %v, want not found", err)
		}
		if !strings.HasPrefix(filepath.Base(kept), "dspdesk.db.before-restore-") || filepath.Dir(kept) != dir {
			t.Errorf("kept as %q", kept)
		}
		if n := peopleIn(t, kept); n != 2 {
			t.Errorf("the kept database has %d people, want 2", n)
		}
		if after, _ := os.ReadFile(bk); !bytes.Equal(bkBefore, after) {
			t.Error("the backup file was changed")
		}
		for name := range folderState(t, dir) {
			if strings.Contains(name, ".restore-") {
				t.Errorf("a temporary file was left: %s", name)
			}
		}
	})
	t.Run("a restore can be undone by restoring the kept database", func(t *testing.T) {
		dir := t.TempDir()
		db := dbWithPeople(t, dir, "dspdesk.db", 2)
		kept, err := RestoreKeeping(ctx, backupWithPeople(t, 5), db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := RestoreKeeping(ctx, kept, db); err != nil {
			t.Fatalf("undo: %v", err)
		}
		if n := peopleIn(t, db); n != 2 {
			t.Errorf("%d people after undoing, want 2", n)
		}
	})
	t.Run("a restore where there is no database yet puts the backup there and keeps nothing", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "new folder", "dspdesk.db")
		kept, err := RestoreKeeping(ctx, backupWithPeople(t, 3), db)
		if err != nil || kept != "" {
			t.Fatalf("kept %q, %v", kept, err)
		}
		if n := peopleIn(t, db); n != 3 {
			t.Errorf("%d people, want 3", n)
		}
	})
	t.Run("the current database's writes still in its WAL after a crash are kept with it", func(t *testing.T) {
		// given the files a crashed app leaves: a database whose last writes
		// are only in its WAL
		s, live := openTemp(t)
		addPeople(t, newService(s), 0, 3)
		dir := t.TempDir()
		db := filepath.Join(dir, "dspdesk.db")
		for _, ext := range []string{"", "-wal"} {
			b, err := os.ReadFile(live + ext)
			if err != nil || (ext == "-wal" && len(b) == 0) {
				t.Fatalf("read %q: %d bytes, %v", ext, len(b), err)
			}
			os.WriteFile(db+ext, b, 0o600)
		}
		// when a backup is restored over it
		kept, err := RestoreKeeping(ctx, backupWithPeople(t, 4), db)
		if err != nil {
			t.Fatal(err)
		}
		// then the kept copy has every committed write
		if n := peopleIn(t, kept); n != 3 {
			t.Errorf("kept %d people, want 3", n)
		}
		if n := peopleIn(t, db); n != 4 {
			t.Errorf("%d people, want 4", n)
		}
	})
	refusals := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   error
	}{
		{"a file that is not a database", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Dear team, these are not the records you are looking for.\n"), 0o600)
		}, ErrNotDSPDesk},
		{"an empty file", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, ErrNotDSPDesk},
		{"another program's SQLite database", func(t *testing.T, path string) {
			os.Remove(path)
			rawSQL("CREATE TABLE notes(body TEXT)", "INSERT INTO notes VALUES ('hello')")(t, path)
		}, ErrNotDSPDesk},
		{"a database from a newer version of DSP Desk", rawSQL("PRAGMA user_version = 99"), ErrTooNew},
		{"a backup cut off half way", truncateHalf, ErrCorrupt},
		{"a backup with bytes overwritten in the middle", overwritePeoplePage, ErrCorrupt},
		{"a backup whose audit log was edited behind the app's back", rawSQL(
			"DROP TRIGGER audit_no_update",
			"UPDATE audit_log SET actor = 'someone else' WHERE id = 2"), ErrAuditBroken},
		{"a backup whose audit log lost a row", rawSQL(
			"DROP TRIGGER audit_no_delete",
			"DELETE FROM audit_log WHERE id = 2"), ErrAuditBroken},
		{"a backup whose audit log lost its append-only protection", rawSQL("DROP TRIGGER audit_no_update"), ErrAuditBroken},
	}
	for _, tt := range refusals {
		t.Run("restoring "+tt.name+" is refused and the current database is unchanged", func(t *testing.T) {
			// given a current database and a damaged copy of a good backup
			dir := t.TempDir()
			db := dbWithPeople(t, dir, "dspdesk.db", 2)
			bk := filepath.Join(t.TempDir(), "backup.db")
			good, err := os.ReadFile(backupWithPeople(t, 4))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(bk, good, 0o600)
			tt.damage(t, bk)
			before := folderState(t, dir)

			// when it is restored
			err = Restore(ctx, bk, db)

			// then it is refused with the reason, and nothing changed
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if after := folderState(t, dir); !sameState(before, after) {
				t.Errorf("the data folder changed: %v -> %v", names(before), names(after))
			}
		})
	}
	t.Run("restoring a file that does not exist is refused and the current database is unchanged", func(t *testing.T) {
		dir := t.TempDir()
		db := dbWithPeople(t, dir, "dspdesk.db", 2)
		before := folderState(t, dir)
		err := Restore(ctx, filepath.Join(dir, "no such backup.db"), db)
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want not exist", err)
		}
		if !sameState(before, folderState(t, dir)) {
			t.Error("the data folder changed")
		}
	})
	t.Run("a database another program still has open is not replaced", func(t *testing.T) {
		s, db := openTemp(t)
		addPeople(t, newService(s), 0, 2)
		err := Restore(ctx, backupWithPeople(t, 4), db)
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("err = %v, want ErrLocked", err)
		}
		if n := peopleIn(t, db); n != 2 {
			t.Errorf("%d people, want 2", n)
		}
		if _, err := s.Person(ctx, 1); err != nil {
			t.Errorf("the open store broke: %v", err)
		}
	})
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	t.Run("a healthy database passes every check", func(t *testing.T) {
		db := dbWithPeople(t, t.TempDir(), "dspdesk.db", 3)
		rep, err := Check(ctx, db)
		if err != nil || rep.Err() != nil {
			t.Fatalf("%+v, %v", rep, err)
		}
		if rep.SchemaVersion != LatestSchemaVersion() || !rep.AuditChecked || !rep.AuditProtected || rep.Audit.Rows == 0 {
			t.Errorf("report %+v", rep)
		}
	})
	t.Run("a database that is missing is an error that says so", func(t *testing.T) {
		_, err := Check(ctx, filepath.Join(t.TempDir(), "none.db"))
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("checking a database does not migrate or otherwise change it", func(t *testing.T) {
		db := dbWithPeople(t, t.TempDir(), "dspdesk.db", 1)
		before, _ := os.ReadFile(db)
		rep, err := Check(ctx, db)
		if err != nil || rep.SchemaVersion > rep.LatestVersion {
			t.Fatalf("%+v, %v", rep, err)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Error("Check changed the file")
		}
	})
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	t.Run("an empty database counts zero everywhere and lists every register and rating", func(t *testing.T) {
		s, _ := openTemp(t)
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.People != 0 || st.PendingReferrals != 0 || st.OpenRegistrations() != 0 || len(st.Open) != 8 {
			t.Errorf("%+v", st)
		}
	})
	t.Run("people, pending referrals, open registrations by rating and audit rows are counted", func(t *testing.T) {
		s, _ := openTemp(t)
		svc := newService(s)
		ids := addPeople(t, svc, 0, 3)
		if _, err := svc.DecideReferral(ctx, ids[0], app.Decision{Accept: true, Rating: app.Amber}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var amberDSR int
		for _, c := range st.Open {
			if c.Register == app.DSR && c.Rating == app.Amber {
				amberDSR = c.Count
			}
		}
		if st.People != 3 || st.PendingReferrals != 2 || st.OpenRegistrations() != 1 || amberDSR != 1 {
			t.Errorf("%+v", st)
		}
		rep, _ := s.VerifyAudit(ctx)
		if st.AuditRows != rep.Rows || st.AuditRows == 0 {
			t.Errorf("audit rows %d, VerifyAudit saw %d", st.AuditRows, rep.Rows)
		}
	})
}

func TestBackupMadeButNotRecorded(t *testing.T) {
	ctx := context.Background()
	t.Run("a backup whose audit row cannot be written is kept, checks, and is partly done", func(t *testing.T) {
		// given a database whose audit log refuses the backup's row, as a
		// database that became read-only after the copy would
		s, _ := openTemp(t)
		addPeople(t, newService(s), 0, 3)
		s.oldAudit = func(_ context.Context, _ *sql.Tx, _, entity string, _ int64, _ string, _ []app.FieldChange) (bool, error) {
			if entity == "backup" {
				return true, errors.New("attempt to write a readonly database")
			}
			return false, nil
		}
		// when it is backed up
		dest := filepath.Join(t.TempDir(), "b.db")
		err := s.Backup(ctx, dest)
		// then the error says the backup was made but not recorded, and the copy restores
		if !errors.Is(err, ErrBackupNotRecorded) || app.KindOf(err) != app.KindPartlyDone {
			t.Fatalf("Backup = %v, want ErrBackupNotRecorded (partly done)", err)
		}
		rep, err := Check(ctx, dest)
		if err != nil || rep.Err() != nil {
			t.Errorf("the backup does not check: %v %v", err, rep.Err())
		}
	})
}
