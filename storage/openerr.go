package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"dspdesk/app"
)

// IsDriverError reports whether err carries a raw SQLite error: its text
// is for developers, never for a user.
func IsDriverError(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se)
}

// ErrUnmergedReadOnly is a database in a folder that cannot be written
// whose -wal file still holds changes: reading it needs the folder.
var ErrUnmergedReadOnly = app.NewKindError(app.KindReadOnly,
	"the database's folder cannot be written, and changes not yet merged into the database wait in its -wal file beside it: check it from an account that may write to that folder, or copy the database with its -wal file to a folder you may write to and check the copy")

// openForCheck opens path to read for Check and reads its application id.
// A database in a folder that cannot be written (a read-only share, a
// backup disk) cannot get the shared-memory file SQLite's WAL mode uses;
// when its -wal file is absent or empty, the main file holds everything,
// so it is opened as immutable instead (nothing can be writing it).
func openForCheck(ctx context.Context, path string) (*sql.DB, int, error) {
	var appID int
	db, err := openQueryOnly(path)
	if err != nil {
		return nil, 0, err
	}
	err = classifyOpen(db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID))
	if err == nil || app.KindOf(err) != app.KindReadOnly {
		if err != nil {
			db.Close()
			return nil, 0, err
		}
		return db, appID, nil
	}
	db.Close()
	if fi, werr := os.Stat(path + "-wal"); werr == nil && fi.Size() > 0 {
		return nil, 0, ErrUnmergedReadOnly
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: "mode=ro&immutable=1"}
	if db, err = sql.Open("sqlite3", u.String()); err != nil {
		return nil, 0, fmt.Errorf("storage: open: %w", err)
	}
	db.SetMaxOpenConns(1)
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		db.Close()
		return nil, 0, classifyOpen(err)
	}
	return db, appID, nil
}

// ErrMissingTables is a file that carries DSP Desk's mark but not the
// tables its schema version has: damaged, or changed by another program.
var ErrMissingTables = app.NewKindError(app.KindCorrupt,
	"this file is marked as a DSP Desk database but lacks some of its tables, so it is damaged or was changed by another program: restore the latest backup (Settings, or dspctl restore)")

// ErrBackupNotRecorded is a backup that was made, checked and put in place,
// but whose audit row could not be written (a read-only database, most
// often): the file is good to use; the log does not show it.
var ErrBackupNotRecorded = app.NewKindError(app.KindPartlyDone,
	"the backup was made and checked, but it could not be recorded in the audit log because the database could not be written: check the database and its folder are on a working drive you may write to")

// coreTables are the tables every schema from 1 on has.
var coreTables = []string{"schema_migrations", "people", "contacts", "consents", "referrals", "registrations",
	"meetings", "actions", "gaps", "settings", "audit_log"}

// checkTables returns ErrMissingTables when a database at schema version
// 1 or later lacks one of the core tables, so that opening it says what is
// wrong instead of failing later with SQLite's "no such table".
func checkTables(ctx context.Context, q queryer, version int) error {
	if version < 1 {
		return nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('`+
		strings.Join(coreTables, "', '")+`')`).Scan(&n)
	if err != nil {
		return classifyOpen(err)
	}
	if n != len(coreTables) {
		return fmt.Errorf("storage: %w (%d of %d tables)", ErrMissingTables, n, len(coreTables))
	}
	return nil
}
