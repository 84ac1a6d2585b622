package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dspdesk/app"
	"dspdesk/forms"
	"dspdesk/storage"
)

// A backup cannot replace the database while DSP Desk has it open, so the
// app asks the next start to do it: File > Restore from a backup checks the
// backup and writes its path into this file beside the database; the next
// start restores it before opening the database (keeping the database it
// replaces) and says what happened.
const pendingRestoreName = "restore-pending.txt"

// scheduleRestore checks the backup at backupPath (a DSP Desk database, not
// newer than this version, intact, with an audit log that verifies) and
// asks the next start to restore it over dbPath.
func scheduleRestore(ctx context.Context, dbPath, backupPath string) error {
	abs, err := filepath.Abs(backupPath)
	if err != nil {
		return err
	}
	if same, _ := sameFile(abs, dbPath); same {
		return errors.New("that file is the database itself: choose a backup")
	}
	rep, err := storage.Check(ctx, abs)
	if err == nil {
		err = rep.Err()
	}
	if err != nil {
		return fmt.Errorf("this backup cannot be restored: %w", err)
	}
	marker := filepath.Join(filepath.Dir(dbPath), pendingRestoreName)
	tmp := marker + ".tmp"
	if err := os.WriteFile(tmp, []byte(abs+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, marker)
}

// cancelRestore forgets a restore asked for and not yet done.
func cancelRestore(dbPath string) error {
	err := os.Remove(filepath.Join(filepath.Dir(dbPath), pendingRestoreName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// applyPendingRestore restores the backup the last session asked for, if
// any, before the database opens. It returns what to tell the user ("" when
// nothing was asked for) and whether the restore failed (the database is
// then as it was).
func applyPendingRestore(ctx context.Context, dbPath string) (message string, failed bool) {
	marker := filepath.Join(filepath.Dir(dbPath), pendingRestoreName)
	data, err := os.ReadFile(marker)
	if errors.Is(err, os.ErrNotExist) {
		return "", false
	}
	// asked once: whatever happens now, the next start does not try again
	defer os.Remove(marker)
	if err != nil {
		return "DSP Desk could not read which backup to restore, so nothing was restored: " + err.Error(), true
	}
	backup := strings.TrimSpace(string(data))
	kept, err := storage.RestoreKeeping(ctx, backup, dbPath)
	if err != nil {
		return fmt.Sprintf("The backup %s was not restored, and the database is as it was.\n\nThe problem: %s.",
			backup, restoreProblem(err)), true
	}
	msg := "The backup " + backup + " was restored: DSP Desk now shows the records as they were when it was made."
	if kept != "" {
		msg += "\n\nThe database it replaced is kept as " + kept + ": IT support can restore that file to undo this."
	}
	return msg, false
}

// sameFile reports whether a and b are the same file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// restoreProblem is why a restore failed, in words for the user: a kind's
// own sentence, or a reference code for SQLite's words (never shown).
func restoreProblem(err error) string {
	var k *app.KindError
	switch {
	case errors.As(err, &k):
		return k.Error()
	case storage.IsDriverError(err):
		return "the database reported an unexpected error (reference " + forms.ErrorReference(err) + ")"
	}
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), "storage: "), "restore: ")
}
