package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/storage"
)

// peopleIn counts the people in the database at path.
func peopleIn(t *testing.T, path string) int {
	t.Helper()
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.People
}

func TestRestoreAtNextStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "dspdesk.db")
	backup := filepath.Join(dir, "backups", "backup.db")
	s, err := storage.Open(ctx, db, storage.WithClock(app.FixedClock(deskNow)))
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(s, app.FixedClock(deskNow), "tester")
	if _, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), deskNow), app.SubmitOptions{}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(backup), 0o700)
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// a second person after the backup: the restore takes the records back
	if _, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Adult(), deskNow), app.SubmitOptions{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	t.Run("a file that is not a DSP Desk backup is refused when chosen, and nothing is asked of the next start", func(t *testing.T) {
		bad := filepath.Join(dir, "notes.db")
		os.WriteFile(bad, []byte("not a database"), 0o600)
		if err := scheduleRestore(ctx, db, bad); err == nil {
			t.Error("a text file was accepted as a backup")
		}
		if err := scheduleRestore(ctx, db, db); err == nil {
			t.Error("the database itself was accepted as a backup")
		}
		if msg, _ := applyPendingRestore(ctx, db); msg != "" {
			t.Errorf("a refused backup was restored: %s", msg)
		}
	})
	t.Run("a cancelled restore is not done", func(t *testing.T) {
		if err := scheduleRestore(ctx, db, backup); err != nil {
			t.Fatal(err)
		}
		if err := cancelRestore(db); err != nil {
			t.Fatal(err)
		}
		if msg, _ := applyPendingRestore(ctx, db); msg != "" || peopleIn(t, db) != 2 {
			t.Errorf("restored after a cancel: %q", msg)
		}
	})
	t.Run("the next start restores the backup and keeps the database it replaced", func(t *testing.T) {
		if err := scheduleRestore(ctx, db, backup); err != nil {
			t.Fatal(err)
		}
		msg, failed := applyPendingRestore(ctx, db)
		if failed || !strings.Contains(msg, "was restored") || !strings.Contains(msg, "before-restore") {
			t.Fatalf("message %q, failed %v", msg, failed)
		}
		if n := peopleIn(t, db); n != 1 {
			t.Errorf("%d people after the restore, want the backup's 1", n)
		}
		if again, _ := applyPendingRestore(ctx, db); again != "" {
			t.Error("the restore was asked for again at the start after")
		}
	})
	t.Run("a backup that has gone by the next start: nothing changes and the user is told", func(t *testing.T) {
		gone := filepath.Join(dir, "gone.db")
		if err := storage.Restore(ctx, backup, gone); err != nil { // a valid copy to schedule
			t.Fatal(err)
		}
		if err := scheduleRestore(ctx, db, gone); err != nil {
			t.Fatal(err)
		}
		os.Remove(gone)
		msg, failed := applyPendingRestore(ctx, db)
		if !failed || !strings.Contains(msg, "was not restored") || !strings.Contains(msg, "as it was") {
			t.Errorf("message %q, failed %v", msg, failed)
		}
		if n := peopleIn(t, db); n != 1 {
			t.Errorf("%d people: the database changed", n)
		}
	})
}
