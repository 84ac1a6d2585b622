package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dspdesk/app"
)

// CheckReport is what Check found in a database file.
type CheckReport struct {
	// Integrity is nil when SQLite's quick_check passed, else ErrCorrupt.
	Integrity error
	// SchemaVersion is the file's schema; LatestVersion is this build's.
	SchemaVersion, LatestVersion int
	// AuditChecked says the audit log was verified: it is not when the
	// integrity check failed or the schema is newer than this build knows.
	AuditChecked bool
	// Audit is the audit chain's verification.
	Audit app.AuditReport
	// AuditProtected says the audit log's append-only triggers are exactly
	// the ones DSP Desk made (their SQL compared in full).
	AuditProtected bool
	// Key says whether this computer holds the audit key, KeyWhere which
	// store holds it.
	Key      KeyStatus
	KeyWhere string
}

// Err is the first failure Check found, wrapping ErrCorrupt, ErrTooNew or
// ErrAuditBroken, or nil when every check passed.
func (r CheckReport) Err() error {
	switch {
	case r.Integrity != nil:
		return r.Integrity
	case r.SchemaVersion > r.LatestVersion:
		return fmt.Errorf("%w (schema %d, this version knows %d)", ErrTooNew, r.SchemaVersion, r.LatestVersion)
	case !r.AuditChecked:
		return fmt.Errorf("%w (it could not be checked)", ErrAuditBroken)
	case !r.Audit.OK && r.Audit.FirstBrokenID != 0:
		return fmt.Errorf("%w (row %d: %s)", ErrAuditBroken, r.Audit.FirstBrokenID, r.Audit.Problem)
	case !r.Audit.OK:
		return fmt.Errorf("%w (%s)", ErrAuditBroken, r.Audit.Problem)
	case !r.AuditProtected:
		return fmt.Errorf("%w (its append-only protection was removed or replaced)", ErrAuditBroken)
	case r.Key == KeyWrong:
		return fmt.Errorf("%w (the key on this computer does not match the database's key record)", ErrAuditBroken)
	}
	return nil
}

// Check examines the database file at path without migrating it: it must
// be a DSP Desk database (else ErrNotDSPDesk is returned), and the report
// says whether it passes quick_check, how its schema compares with this
// build's, and whether its audit chain verifies. The error is for a file
// that is missing, not a DSP Desk database or cannot be read; failed checks
// are in the report (see CheckReport.Err). The audit key is looked up in
// the key store WithKeys gives (else DefaultKeys).
func Check(ctx context.Context, path string, opts ...Option) (CheckReport, error) {
	rep := CheckReport{LatestVersion: LatestSchemaVersion()}
	cfg := &Store{}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.keys == nil {
		cfg.keys = DefaultKeys()
	}
	if err := checkHeader(path); err != nil {
		return rep, err
	}
	db, appID, err := openForCheck(ctx, path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	if appID != applicationID {
		return rep, ErrNotDSPDesk
	}
	// a DSP Desk database: its files and folders are its owner's only (a
	// file on a read-only disk cannot change, and is checked as it is)
	if err := makePrivate(path); err != nil && app.KindOf(classifyFS(err)) != app.KindReadOnly {
		return rep, fmt.Errorf("storage: check: make the database private to you: %w", err)
	}
	MakeFoldersPrivate(path)
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&rep.SchemaVersion); err != nil {
		return rep, classifyOpen(err)
	}
	if err := checkTables(ctx, db, rep.SchemaVersion); err != nil {
		return rep, err
	}
	probe := &Store{path: path, rw: db, ro: db, now: time.Now}
	if err := probe.QuickCheck(ctx); err != nil {
		if !errors.Is(err, ErrCorrupt) {
			return rep, err
		}
		rep.Integrity = ErrCorrupt
		return rep, nil
	}
	if rep.SchemaVersion > rep.LatestVersion {
		return rep, nil
	}
	c, err := verifyAuditLog(ctx, db, cfg.keys)
	if err != nil {
		if errors.Is(classifyOpen(err), ErrCorrupt) {
			rep.Integrity = ErrCorrupt
			return rep, nil
		}
		return rep, fmt.Errorf("storage: check: %w", mapErr(err))
	}
	rep.Audit, rep.AuditProtected, rep.Key, rep.KeyWhere = c.report, c.protected, c.key, c.where
	rep.AuditChecked = true
	return rep, nil
}

// checkHeader refuses a path that does not exist (the error wraps
// os.ErrNotExist) or a file that does not start like a SQLite database.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("storage: read %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	head := make([]byte, 100) // the database header
	if _, err := io.ReadFull(f, head); err != nil || string(head[:16]) != sqliteMagic {
		return ErrNotDSPDesk
	}
	return nil
}
