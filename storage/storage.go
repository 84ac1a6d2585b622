// Package storage keeps DSP Desk's records in a local SQLite database
// (github.com/mattn/go-sqlite3). It implements the ports of package app: every
// public method is one transaction, every write appends to the hash-chained
// audit log in that same transaction, timestamps are stored in UTC, and
// errors carry record ids, never personal details.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"

	"dspdesk/app"
)

// applicationID marks a SQLite file as a DSP Desk database ("DSPD").
const applicationID = 0x44535044

// Errors Open returns (wrapped); each has a kind (app.KindOf) and a
// message a user can act on.
var (
	ErrNotDSPDesk = app.NewKindError(app.KindForeign, "this file is not a DSP Desk database")
	ErrTooNew     = app.NewKindError(app.KindTooNew, "this database was written by a newer version of DSP Desk: install the newer version to open it")
	ErrCorrupt    = app.NewKindError(app.KindCorrupt, "the database failed its integrity check: restore the latest backup (Settings, or dspctl restore)")
	ErrLocked     = app.NewKindError(app.KindLocked, "the database is in use by another program and did not become free in time: close the other program and try again")
	ErrPath       = errors.New("the database path cannot contain '?' or '#'")
	ErrClosed     = errors.New("the database is closed")
)

// busyTimeout is how long a writer waits for another writer before giving up.
const busyTimeout = 10 * time.Second

// Store is an open DSP Desk database. It is safe for concurrent use.
type Store struct {
	path string
	rw   *sql.DB // one connection: SQLite has one writer at a time
	ro   *sql.DB // readers, which WAL lets run beside the writer
	now  func() time.Time
	// closed makes calls after Close fail with ErrClosed instead of crashing.
	closed atomic.Bool
	// keys keeps the audit key and anchor outside the file; auditKey is
	// the key found for this database.
	keys     KeyStore
	auditKey auditKeyState
	// oldAudit, when set (by tests building an older schema), writes audit
	// rows the way an older version did; done is false once the schema is
	// the current one.
	oldAudit func(ctx context.Context, tx *sql.Tx, actor, entity string, id int64, action string, changes []app.FieldChange) (done bool, err error)
}

// Option adjusts a Store as it opens.
type Option func(*Store)

// WithClock makes the store stamp audit rows and records with the given
// clock (tests use a fixed one).
func WithClock(c app.Clock) Option { return func(s *Store) { s.now = c.Now } }

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "1")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_synchronous", "FULL")
	if readOnly {
		q.Set("_query_only", "1")
		q.Set("_txlock", "deferred")
	} else {
		q.Set("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// Open creates or opens the database at path, migrates it to the current
// schema and checks it. It refuses, with a clear error, a file that is not a
// DSP Desk database, one written by a newer version, and one that fails
// SQLite's quick_check.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, ErrPath
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("storage: create the data folder: %w", classifyFS(err))
		}
	}
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.keys == nil {
		s.keys = DefaultKeys()
	}
	if err := s.checkFile(); err != nil {
		return nil, err
	}
	if err := s.checkIdentityUntouched(ctx); err != nil {
		return nil, err
	}
	// The database is readable by its owner only (SQLite gives its WAL and
	// shared-memory files the same permissions): it holds health data.
	if err := makePrivate(path); err != nil {
		return nil, fmt.Errorf("storage: make the database private to you: %w", err)
	}
	if err := renameBackupCopy(ctx, path, s.keys); err != nil {
		return nil, fmt.Errorf("storage: give the backup put in place its own id: %w", err)
	}
	var err error
	if s.rw, err = sql.Open("sqlite3", dsn(path, false)); err != nil {
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	s.rw.SetMaxOpenConns(1)
	s.rw.SetConnMaxIdleTime(0)
	if s.ro, err = sql.Open("sqlite3", dsn(path, true)); err != nil {
		s.rw.Close()
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	s.ro.SetMaxOpenConns(4)
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.makeFoldersPrivate(ctx)
	RemoveLeftovers(filepath.Dir(path))
	return s, nil
}

// checkFile refuses a file that exists but does not start like SQLite, so
// that opening (which would write a WAL file beside it) leaves it untouched.
func (s *Store) checkFile() error {
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("storage: cannot read the database file: %w", classifyFS(err))
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n == 0 {
		return nil // an empty file becomes a new database
	}
	if n < 16 || string(head) != "SQLite format 3\x00" {
		return ErrNotDSPDesk
	}
	return nil
}

// prepare checks identity, version and integrity, then migrates.
func (s *Store) prepare(ctx context.Context) error {
	var appID, version, tables int
	// Read the identity under the write lock, so a migration another program
	// is applying to the same new file is never seen half done. Switching a
	// new file to WAL needs a moment alone with it, which SQLite reports as
	// busy without waiting: try again for up to the busy timeout.
	var err error
	for deadline := time.Now().Add(busyTimeout); ; {
		err = s.readIdentity(ctx, &appID, &version, &tables)
		if !errors.Is(classifyOpen(err), ErrLocked) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		return classifyOpen(err)
	}
	switch {
	case appID == 0 && tables == 0:
		// a new, empty database: migrations create it
	case appID != applicationID:
		return ErrNotDSPDesk
	case version > len(migrations):
		return fmt.Errorf("%w (schema %d, this version knows %d)", ErrTooNew, version, len(migrations))
	}
	if err := checkTables(ctx, s.rw, version); err != nil {
		return err
	}
	if err := s.QuickCheck(ctx); err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if err := s.openAudit(ctx); err != nil {
		return err
	}
	return s.seedDefaults(ctx)
}

func (s *Store) readIdentity(ctx context.Context, appID, version, tables *int) error {
	tx, err := s.rw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // read only
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(appID); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(version); err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(tables)
}

// classifyOpen turns a driver error met while opening into one of ours.
func classifyOpen(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return ErrNotDSPDesk
		case sqlite3.ErrCorrupt:
			return ErrCorrupt
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return ErrLocked
		case sqlite3.ErrFull:
			return fmt.Errorf("storage: open: %w: %w", ErrDiskFull, err)
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAuth:
			return fmt.Errorf("storage: open: %w: %w", ErrUnwritable, err)
		}
	}
	return fmt.Errorf("storage: open: %w", classifyFS(err))
}

// classifyFS gives a file-system error met while opening its kind: a
// permission refused is ErrUnwritable, a full disk ErrDiskFull.
func classifyFS(err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w: %w", ErrUnwritable, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return err
}

// QuickCheck runs SQLite's quick_check and returns ErrCorrupt if it fails.
func (s *Store) QuickCheck(ctx context.Context) error {
	rows, err := s.rw.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return classifyOpen(err)
	}
	defer rows.Close()
	var first string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return classifyOpen(err)
		}
		if first == "" {
			first = line
		}
	}
	if err := rows.Err(); err != nil {
		return classifyOpen(err)
	}
	if first != "ok" {
		return ErrCorrupt
	}
	return nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database, checkpointing the WAL into the main file. A
// second Close does nothing.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	var errs []error
	if s.ro != nil {
		errs = append(errs, s.ro.Close())
	}
	if s.rw != nil {
		_, _ = s.rw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, s.rw.Close())
	}
	return errors.Join(errs...)
}

// SchemaVersion is the schema version the database is at.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// LatestSchemaVersion is the schema version this build migrates to.
func LatestSchemaVersion() int { return len(migrations) }

// write runs fn in one immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
	tx, err := s.rw.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		s.afterCommit(tx, false)
		return mapErr(err)
	}
	err = tx.Commit()
	s.afterCommit(tx, err == nil)
	return mapErr(err)
}

// read runs fn in one read transaction, so it sees a consistent snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
	tx, err := s.ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	return mapErr(fn(tx))
}

// mapErr maps driver errors to the app's: no rows -> app.ErrNotFound,
// constraint violations -> app.ErrConflict, busy -> ErrLocked, a full disk
// -> ErrDiskFull. Other errors pass through wrapped.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", app.ErrNotFound, err)
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrConstraint:
			return fmt.Errorf("%w: %w", app.ErrConflict, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w: %w", ErrLocked, err)
		case sqlite3.ErrFull:
			return fmt.Errorf("%w: %w", ErrDiskFull, err)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrIoErr:
			return fmt.Errorf("%w: %w", ErrUnwritable, err)
		}
	}
	return err
}

// More errors a user may meet while working.
var (
	ErrDiskFull   = app.NewKindError(app.KindDiskFull, "the disk is full: nothing was saved; free some space and try again")
	ErrUnwritable = app.NewKindError(app.KindReadOnly, "the database could not be written: check the data folder is on a working drive you may write to")
)

// Time formats: instants in UTC with milliseconds, dates as days.
const (
	timeLayout = "2006-01-02T15:04:05.000Z"
	dateLayout = "2006-01-02"
)

func fmtTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

func fmtDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

func parseTime(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s.String)
	}
	return t.UTC()
}

func parseDate(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, _ := time.Parse(dateLayout, s.String)
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
