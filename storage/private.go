package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Private files: a DSP Desk database holds health records, so the file,
// SQLite's -wal and -shm beside it, the backups folder and the print folder
// are for their owner only (0600 and 0700). On Windows these modes mean
// little (only the read-only bit); there a file takes its folder's access
// list, and a user's own folders (the app data folder DSP Desk uses) are
// private to the user by default.

// Folder names beside the database that the app writes into.
const (
	BackupsFolder = "backups"
	PrintFolder   = "print"
)

// checkIdentityUntouched refuses an existing SQLite file that belongs to
// another application before anything is written to it: it is read through
// a query-only connection that sets no journal mode, so a file in rollback
// journal mode is not switched to WAL, and no byte of it changes.
func (s *Store) checkIdentityUntouched(ctx context.Context) error {
	fi, err := os.Stat(s.path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return nil
	}
	db, err := openQueryOnly(s.path)
	if err != nil {
		return err
	}
	defer db.Close()
	var appID, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return classifyOpen(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return classifyOpen(err)
	}
	if appID != applicationID && (appID != 0 || tables > 0) {
		return ErrNotDSPDesk
	}
	return nil
}

// makePrivate makes the database file and its -wal and -shm owner-only,
// creating the file (0600) when it is missing, so that SQLite gives the
// -wal and -shm it creates the same mode.
func makePrivate(path string) error {
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o077 == 0 {
			continue // private already
		}
		if err := os.Chmod(p, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// MakeFoldersPrivate makes the backups and print folders beside the
// database, and any other folders given (the backup folder Settings
// names), owner-only, where they exist. Folders it cannot change (a shared
// drive) are left as they are.
func MakeFoldersPrivate(dbPath string, more ...string) {
	dir := filepath.Dir(dbPath)
	for _, d := range append([]string{filepath.Join(dir, BackupsFolder), filepath.Join(dir, PrintFolder)}, more...) {
		if strings.TrimSpace(d) == "" {
			continue
		}
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			_ = os.Chmod(d, 0o700)
		}
	}
}

// makeFoldersPrivate is MakeFoldersPrivate with the backup folder from
// the database's settings.
func (s *Store) makeFoldersPrivate(ctx context.Context) {
	var more []string
	if set, err := s.Settings(ctx); err == nil && set.BackupFolder != "" {
		more = append(more, set.BackupFolder)
	}
	MakeFoldersPrivate(s.path, more...)
}

// UpgradeNeeded says, without changing a byte of the file, whether opening
// the database at path will upgrade it to this version's schema (an
// existing DSP Desk database of an older schema). The upgrade to the keyed
// audit log reads and rewrites the whole log, which takes minutes for a large
// register, so the app tells the user before it starts. Anything else (a
// missing, new, foreign or unreadable file) is false: Open says what is wrong.
func UpgradeNeeded(ctx context.Context, path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		return false
	}
	db, err := openQueryOnly(path)
	if err != nil {
		return false
	}
	defer db.Close()
	var appID, version int
	if db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID) != nil ||
		db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version) != nil {
		return false
	}
	return appID == applicationID && version > 0 && version < len(migrations)
}
