package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"dspdesk/app"
)

func TestBackupsAreCheckedAsRestoreChecksThem(t *testing.T) {
	ctx := context.Background()
	t.Run("a backup of a database whose audit log was altered is refused and leaves no file", func(t *testing.T) {
		// given a database with an altered audit row
		path, keys := keyedStore(t)
		tamper(t, path, dropProtection, "UPDATE audit_log SET actor = 'someone else' WHERE id = 4", restoreProtection)
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		dir := t.TempDir()
		// when it is backed up, daily or by hand
		_, _, rollErr := s.RollingBackup(ctx, dir, 3, now)
		err = s.Backup(ctx, filepath.Join(dir, "manual.db"))
		// then both fail, saying why, and nothing is left in the folder
		if !errors.Is(err, ErrAuditBroken) || !errors.Is(rollErr, ErrAuditBroken) {
			t.Errorf("backup: %v; daily backup: %v", err, rollErr)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("left behind: %v", names)
		}
	})
	t.Run("a backup restores and verifies after the database has moved on", func(t *testing.T) {
		// given a backup, and more work after it
		path, keys := keyedStore(t)
		s, err := Open(ctx, path, WithKeys(keys), WithClock(app.FixedClock(now)))
		if err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(t.TempDir(), "b.db")
		if err := s.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		// when it is restored
		if _, err := RestoreKeeping(ctx, backup, path, WithKeys(keys)); err != nil {
			t.Fatal(err)
		}
		// then the restored file passes its checks, before and after it opens
		if rep, err := Check(ctx, path, WithKeys(keys)); err != nil || rep.Err() != nil {
			t.Errorf("before it opens: %v %v", err, rep.Err())
		}
		s2, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		if st := s2.AuditStatus(); st.Problem != "" || st.Key != KeyFound {
			t.Errorf("status %+v", st)
		}
		if rep, err := Check(ctx, path, WithKeys(keys)); err != nil || rep.Err() != nil {
			t.Errorf("%v %v", err, rep.Err())
		}
	})
	t.Run("a backup whose newest rows were deleted is refused by restore", func(t *testing.T) {
		path, keys := keyedStore(t)
		s, err := Open(ctx, path, WithKeys(keys))
		if err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(t.TempDir(), "b.db")
		err = s.Backup(ctx, backup)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		tamper(t, backup, dropProtection, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)", restoreProtection)
		if _, err := RestoreKeeping(ctx, backup, path, WithKeys(keys)); !errors.Is(err, ErrAuditBroken) {
			t.Errorf("restore: %v", err)
		}
	})
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestLeftoversOfAKilledBackupOrRestoreAreRemovedAtTheNextStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "dsp.db")
	backups := filepath.Join(dir, BackupsFolder)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	dead := deadPID(t)
	stale := []string{
		filepath.Join(dir, fmt.Sprintf(".dsp.db.restore-%d-123", dead)),
		filepath.Join(dir, fmt.Sprintf(".dsp.db.restore-%d-123-journal", dead)),
		filepath.Join(backups, fmt.Sprintf(".dspdesk-2026-12-03.db.partial-%d-456", dead)),
		filepath.Join(backups, ".dspdesk-2026-12-02.db.partial-1234567"), // as older versions named them
	}
	busy := filepath.Join(backups, fmt.Sprintf(".dspdesk-2026-12-04.db.partial-%d-789", os.Getpid()))
	for _, f := range append(stale, busy) {
		if err := os.WriteFile(f, []byte("half a copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.RollingBackup(ctx, backups, 3, now); err != nil {
		t.Fatal(err)
	}
	for _, f := range stale {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was left behind", filepath.Base(f))
		}
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("a copy a running process is writing was removed: %v", err)
	}
}

// deadPID is a process id no process has.
func deadPID(t *testing.T) int {
	for pid := 4_000_000; pid > 3_000_000; pid -= 7919 {
		if !processRunning(pid) {
			return pid
		}
	}
	t.Skip("no free process id found")
	return 0
}

func TestDatabaseFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows keeps access in the folder's access list, not in these modes")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "dsp.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// given a database, its WAL and folders that others may read
	for _, f := range []string{path, path + "-wal"} {
		if err := os.WriteFile(f, nil, 0o644); err != nil && f != path {
			t.Fatal(err)
		}
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{BackupsFolder, PrintFolder} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// when it is opened
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.LogExport(ctx, "jo", "person", 1, "a letter"); err != nil {
		t.Fatal(err)
	}
	// then the files are its owner's only, and the folders too
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", filepath.Base(f), fi.Mode(), err)
		}
	}
	for _, d := range []string{BackupsFolder, PrintFolder} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v", d, fi.Mode(), err)
		}
	}
}

func TestAnotherApplicationsFileIsRefusedWithoutChangingAByte(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "other.db")
	// given another application's SQLite file, in rollback-journal mode
	db := openRaw(t, path)
	if _, err := db.Exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('hello')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	names := dirNames(t, dir)
	// when DSP Desk is asked to open it
	_, err := Open(ctx, path)
	// then it is refused, and the file, its mode and the folder are as they were
	if !errors.Is(err, ErrNotDSPDesk) {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("its mode changed to %v", fi.Mode())
	}
	if got := dirNames(t, dir); fmt.Sprint(got) != fmt.Sprint(names) {
		t.Errorf("files beside it: %v -> %v", names, got)
	}
}

func TestTheAppCanTellBeforeOpeningThatTheDatabaseWillBeUpgraded(t *testing.T) {
	ctx := context.Background()
	t.Run("an older schema's database with data is upgraded, and asking changes no byte", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		old := openUnprepared(t, path)
		if err := old.migrateTo(ctx, keyedAuditMigrationNumber-1); err != nil {
			t.Fatal(err)
		}
		if err := old.seedDefaults(ctx); err != nil {
			t.Fatal(err)
		}
		old.Close()
		before, _ := os.ReadFile(path)
		names := dirNames(t, filepath.Dir(path))
		if !UpgradeNeeded(ctx, path) {
			t.Error("an upgrade was not foreseen")
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the file changed")
		}
		if got := dirNames(t, filepath.Dir(path)); fmt.Sprint(got) != fmt.Sprint(names) {
			t.Errorf("files beside it: %v -> %v", names, got)
		}
	})
	t.Run("a current database, a missing file and another application's file need no upgrade", func(t *testing.T) {
		dir := t.TempDir()
		current := filepath.Join(dir, "current.db")
		s, err := Open(ctx, current, WithKeys(FileKeys{Dir: t.TempDir()}))
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		other := filepath.Join(dir, "other.db")
		db := openRaw(t, other)
		if _, err := db.Exec("CREATE TABLE notes(id INTEGER PRIMARY KEY); PRAGMA user_version = 3"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, p := range []string{current, filepath.Join(dir, "missing.db"), other} {
			if UpgradeNeeded(ctx, p) {
				t.Errorf("%s: an upgrade was foreseen", filepath.Base(p))
			}
		}
	})
}

func TestTheDatabaseARestoreReplacesIsKeptPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes are ACLs on Windows")
	}
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
	s.Close()
	// given a database another user of the laptop could read (as older versions left it)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	// when a backup is restored over it
	kept, err := RestoreKeeping(ctx, backup, path, WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	// then the replaced database, kept beside it, is readable by its owner only
	for _, p := range []string{path, kept} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", filepath.Base(p), fi.Mode(), err)
		}
	}
}
