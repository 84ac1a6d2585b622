package storage

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"dspdesk/app"
)

// ErrAuditBroken is returned when a database's audit log does not verify:
// a row was altered or removed, or its append-only protection was removed.
var ErrAuditBroken = errors.New("the audit log of this database has been altered outside DSP Desk, so its history cannot be trusted")

// errSameFile refuses a backup onto the open database itself.
var errSameFile = errors.New("storage: backup: the backup file cannot be the database itself: choose another file name")

// sidecars are the files SQLite keeps beside a database. A stale one beside
// a file that is replaced would be applied to the new file and corrupt it.
var sidecars = []string{"-wal", "-journal", "-shm"}

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Backup copies the database to dest while it stays in use, with SQLite's
// online backup API: the copy is one consistent snapshot, and writers carry
// on meanwhile. The copy is written to a temporary file beside dest, checked
// (it must be a DSP Desk database that passes quick_check), made readable
// by its owner only (0600) and then renamed to dest, so dest is never a
// half-written backup. The backup is recorded in the audit log by its file
// name.
func (s *Store) Backup(ctx context.Context, dest string) error {
	return s.backup(ctx, dest, "backup")
}

// backupPattern matches the rolling backups' file names.
var backupPattern = regexp.MustCompile(`^dspdesk-\d{4}-\d{2}-\d{2}\.db$`)

// RollingBackupName is the file name of the rolling backup of day's date
// (in day's own location), like dspdesk-2026-11-24.db.
func RollingBackupName(day time.Time) string {
	return "dspdesk-" + day.Format(dateLayout) + ".db"
}

// RollingBackup makes the day's automatic backup in dir, at most one per
// calendar day of now (made is false when today's already exists), then
// deletes the oldest rolling backups in dir beyond keep. Only files named
// like RollingBackupName are counted or deleted. Nothing is deleted if the
// day's backup could not be made.
func (s *Store) RollingBackup(ctx context.Context, dir string, keep int, now time.Time) (path string, made bool, err error) {
	if keep < 1 {
		return "", false, fmt.Errorf("storage: rolling backup: keep %d backups: it must be at least 1", keep)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, fmt.Errorf("storage: rolling backup: create the backup folder: %w", err)
	}
	path = filepath.Join(dir, RollingBackupName(now))
	switch _, err := os.Stat(path); {
	case err == nil:
	case errors.Is(err, os.ErrNotExist):
		if err := s.backup(ctx, path, "daily backup"); err != nil {
			return "", false, err
		}
		made = true
	default:
		return "", false, fmt.Errorf("storage: rolling backup: %w", err)
	}
	if err := pruneBackups(dir, keep); err != nil {
		return path, made, err
	}
	return path, made, nil
}

// pruneBackups deletes the oldest rolling backups in dir beyond keep.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("storage: rolling backup: list old backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && backupPattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // the date in the name sorts oldest first
	var errs []error
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("storage: rolling backup: delete an old backup: %w", err))
		}
		names = names[1:]
	}
	return errors.Join(errs...)
}

func (s *Store) backup(ctx context.Context, dest, kind string) (err error) {
	if strings.ContainsAny(dest, "?#") {
		return ErrPath
	}
	if same, _ := sameFile(dest, s.path); same {
		return errSameFile
	}
	if p := s.AuditStatus().Problem; p != "" {
		return fmt.Errorf("storage: backup: %w (%s)", ErrAuditBroken, p)
	}
	// the anchor before the copy: the copy's snapshot holds its row
	key, dbID := s.auditKey.current()
	pre, hasPre := storedAnchor(s.keys, dbID)
	hasPre = hasPre && key != nil
	dir := filepath.Dir(dest)
	RemoveLeftovers(dir)
	f, err := os.CreateTemp(dir, leftoverName(filepath.Base(dest), "partial"))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("storage: backup: the folder %s does not exist", dir)
	}
	if err != nil {
		return fmt.Errorf("storage: backup: create the backup file: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			removeWithSidecars(tmp)
		}
	}()
	if err := s.copyInto(ctx, tmp); err != nil {
		return err
	}
	if hasPre {
		if err := copyHoldsAnchor(ctx, tmp, pre); err != nil {
			return fmt.Errorf("storage: backup: %w", err)
		}
	}
	if err := s.sealAnchor(ctx, tmp); err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	if err := checkBackup(ctx, tmp, s.keys); err != nil {
		return fmt.Errorf("storage: backup: the copy failed the checks a restore makes, so it was not kept: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	for _, ext := range sidecars {
		if err := os.Remove(dest + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("storage: backup: remove a stale %s file beside the old backup: %w", ext, err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("storage: backup: put the backup in place: %w", err)
	}
	syncDir(dir)
	if key, _ := s.auditKey.current(); key == nil {
		return nil // no row can be added until the key is here; the backup itself matters more
	}
	actor := s.actor(ctx)
	err = s.write(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "backup", 0, "backup", []app.FieldChange{
			{Field: "file", New: filepath.Base(dest)}, {Field: "kind", New: kind}})
	})
	if err != nil {
		// the backup is complete and in place: keep it, but say it is not logged
		return fmt.Errorf("storage: backup: the backup was made but could not be recorded in the audit log: %w", err)
	}
	return nil
}

// copyInto copies the database into the empty SQLite file at tmp with the
// online backup API, in one step: one read transaction, so one consistent
// snapshot, while writers carry on in the WAL. The copy is switched to a
// rollback journal so it is one self-contained file.
func (s *Store) copyInto(ctx context.Context, tmp string) error {
	dst, err := sql.Open("sqlite3", tmp)
	if err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	defer dst.Close()
	dconn, err := dst.Conn(ctx)
	if err != nil {
		return fmt.Errorf("storage: backup: open the backup file: %w", mapErr(err))
	}
	defer dconn.Close()
	sconn, err := s.ro.Conn(ctx)
	if err != nil {
		return fmt.Errorf("storage: backup: %w", mapErr(err))
	}
	defer sconn.Close()
	err = dconn.Raw(func(d any) error {
		return sconn.Raw(func(src any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := src.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("not a SQLite connection")
			}
			return runBackup(ctx, dc, sc)
		})
	})
	if err != nil {
		return fmt.Errorf("storage: backup: copy the database: %w", mapErr(err))
	}
	// the copied header says WAL, like the live database: make it a single file
	var mode string
	if err := dconn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return fmt.Errorf("storage: backup: %w", mapErr(err))
	}
	if !strings.EqualFold(mode, "delete") {
		return fmt.Errorf("storage: backup: the copy stayed in journal mode %q", mode)
	}
	if err := dconn.Close(); err != nil {
		return fmt.Errorf("storage: backup: %w", err)
	}
	return dst.Close()
}

// runBackup copies every page of src into dst. A step that meets a busy
// database (rare with WAL) is retried until busyTimeout or ctx ends.
func runBackup(ctx context.Context, dst, src *sqlite3.SQLiteConn) error {
	b, err := dst.Backup("main", src, "main")
	if err != nil {
		return err
	}
	deadline := time.Now().Add(busyTimeout)
	for {
		if err := ctx.Err(); err != nil {
			b.Close()
			return err
		}
		done, err := b.Step(-1)
		if err != nil {
			b.Close()
			return err
		}
		if done {
			return b.Close()
		}
		if time.Now().After(deadline) {
			b.Close()
			return ErrLocked
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sealAnchor writes the copy's anchor into it: its last audit row's id
// and MAC, sealed with the key, so that the copy verifies on its own when it
// is restored, however far the database moved on since. A database whose key
// is not here gets none (its copy is checked as far as it can be).
func (s *Store) sealAnchor(ctx context.Context, path string) error {
	key, dbID := s.auditKey.current()
	if key == nil {
		return nil
	}
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=2000")
	if err != nil {
		return err
	}
	defer db.Close()
	var a anchor
	switch err := db.QueryRowContext(ctx, "SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&a.id, &a.mac); {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return mapErr(err)
	}
	_, err = db.ExecContext(ctx, "INSERT OR REPLACE INTO audit_anchor(id, row_id, mac, seal) VALUES (1, ?, ?, ?)",
		a.id, a.mac, anchorSeal(key, dbID, a))
	if err != nil {
		return mapErr(err)
	}
	return db.Close()
}

// copyHoldsAnchor fails with ErrAuditBroken when the copy does not hold
// the anchored row as it was written (the newest rows were deleted or
// rewritten), before the copy's own anchor is sealed into it.
func copyHoldsAnchor(ctx context.Context, path string, a anchor) error {
	db, err := openQueryOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	problem, err := anchoredRow(ctx, db, a)
	if err != nil {
		return mapErr(err)
	}
	if problem != "" {
		return fmt.Errorf("%w (%s)", ErrAuditBroken, problem)
	}
	return nil
}

// checkBackup checks a copy exactly as restore will (see Check).
func checkBackup(ctx context.Context, path string, ks KeyStore) error {
	rep, err := Check(ctx, path, WithKeys(ks))
	if err == nil {
		err = rep.Err()
	}
	return err
}

// openQueryOnly opens path for reading only (query_only), without changing
// its journal mode. The caller has checked the file exists.
func openQueryOnly(path string) (*sql.DB, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, ErrPath
	}
	db, err := sql.Open("sqlite3", fmt.Sprintf("%s?_query_only=1&_busy_timeout=%d", path, busyTimeout.Milliseconds()))
	if err != nil {
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// actor names who made a backup in the audit log: the operating-system
// user (the display name is in the row's display_name).
func (s *Store) actor(_ context.Context) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

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
	db, err := openQueryOnly(path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	var appID int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return rep, classifyOpen(err)
	}
	if appID != applicationID {
		return rep, ErrNotDSPDesk
	}
	// a DSP Desk database: its files and folders are its owner's only
	if err := makePrivate(path); err != nil {
		return rep, fmt.Errorf("storage: check: make the database private to you: %w", err)
	}
	MakeFoldersPrivate(path)
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&rep.SchemaVersion); err != nil {
		return rep, classifyOpen(err)
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

// Restore replaces the database at dbPath with the backup at backupPath.
// The Store on dbPath must be closed. See RestoreKeeping.
func Restore(ctx context.Context, backupPath, dbPath string, opts ...Option) error {
	_, err := RestoreKeeping(ctx, backupPath, dbPath, opts...)
	return err
}

// RestoreKeeping replaces the database at dbPath with the backup at
// backupPath, and returns where the database it replaced was kept ("" when
// there was none).
//
// Nothing is replaced until a copy of the backup, made beside the database,
// has passed Check: it must be a DSP Desk database (ErrNotDSPDesk), not
// newer than this build (ErrTooNew), pass quick_check (ErrCorrupt) and have
// an audit log that verifies (ErrAuditBroken). The backup file itself is
// never changed. Then the current database is kept as
// <db>.before-restore-<UTC time> (with its WAL, so nothing committed is
// lost, and so the restore can be undone by restoring that file), and the
// checked copy is renamed into place. If the current database is in use,
// ErrLocked is returned and nothing changes. At every moment there is a
// database at dbPath: the old one, then the restored one. The backup's own
// sealed anchor becomes the key store's anchor (WithKeys, else
// DefaultKeys), so the restored file verifies at its next open.
func RestoreKeeping(ctx context.Context, backupPath, dbPath string, opts ...Option) (kept string, err error) {
	cfg := &Store{}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.keys == nil {
		cfg.keys = DefaultKeys()
	}
	if strings.ContainsAny(dbPath, "?#") {
		return "", ErrPath
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("storage: restore: create the data folder: %w", err)
	}
	if same, _ := sameFile(backupPath, dbPath); same {
		return "", errors.New("storage: restore: the backup is the database itself: choose a backup file")
	}

	// 1. a private copy of the backup, beside the database, checked
	RemoveLeftovers(dir)
	tmp, err := copyToTemp(backupPath, dir, leftoverName(filepath.Base(dbPath), "restore"))
	if err != nil {
		return "", fmt.Errorf("storage: restore: read the backup: %w", err)
	}
	placed := false
	defer func() {
		if !placed {
			removeWithSidecars(tmp)
		}
	}()
	if err := checkBackup(ctx, tmp, cfg.keys); err != nil {
		return "", fmt.Errorf("storage: restore: the backup was not used: %w", err)
	}
	if err := renameRestored(ctx, tmp, cfg.keys); err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}
	for _, ext := range sidecars { // a clean close removes them; be sure
		_ = os.Remove(tmp + ext)
	}
	if err := syncFile(tmp); err != nil {
		return "", fmt.Errorf("storage: restore: %w", err)
	}

	// 2. keep the current database, with its WAL
	var moved [][2]string // sidecars moved to the kept copy, to undo on failure
	undo := func() {
		for _, m := range moved {
			_ = os.Rename(m[1], m[0])
		}
		if kept != "" {
			_ = os.Remove(kept)
		}
		kept = ""
	}
	if _, err := os.Lstat(dbPath); err == nil {
		if err := settle(ctx, dbPath); err != nil {
			return "", err
		}
		kept, err = keepCopy(dbPath)
		if err != nil {
			return "", fmt.Errorf("storage: restore: keep the current database: %w", err)
		}
		for _, ext := range sidecars {
			switch _, err := os.Lstat(dbPath + ext); {
			case errors.Is(err, os.ErrNotExist):
				continue
			case err != nil:
				undo()
				return "", fmt.Errorf("storage: restore: %w", err)
			}
			if ext == "-shm" { // an index of the WAL, rebuilt on open
				if err := os.Remove(dbPath + ext); err != nil {
					undo()
					return "", fmt.Errorf("storage: restore: remove the old %s file: %w", ext, err)
				}
				continue
			}
			if err := os.Rename(dbPath+ext, kept+ext); err != nil {
				undo()
				return "", fmt.Errorf("storage: restore: keep the current database's %s file: %w", ext, err)
			}
			moved = append(moved, [2]string{dbPath + ext, kept + ext})
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("storage: restore: %w", err)
	}

	// 3. the checked copy takes the database's place in one rename
	if err := os.Rename(tmp, dbPath); err != nil {
		undo()
		return "", fmt.Errorf("storage: restore: put the backup in place: %w", err)
	}
	placed = true
	syncDir(dir)
	return kept, nil
}

// renameRestored gives the checked copy of a backup a database id of its
// own, with the same key and the backup's sealed anchor as its anchor: the
// database it replaces (kept beside it) carries on under the old id, so
// opening either one later is no false alarm about the other. A backup
// whose key is not here, or that carries no anchor, is left as it is.
func renameRestored(ctx context.Context, path string, ks KeyStore) error {
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=2000")
	if err != nil {
		return err
	}
	defer db.Close()
	if ok, err := hasTable(ctx, db, "audit_anchor"); err != nil || !ok {
		return err
	}
	kr, err := readKeyRecord(ctx, db)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	key, status := findKey(ks, kr)
	var a anchor
	err = db.QueryRowContext(ctx, "SELECT row_id, mac FROM audit_anchor WHERE id = 1").Scan(&a.id, &a.mac)
	if status != KeyFound || err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	newID, _, err := newKey()
	if err != nil {
		return err
	}
	if err := ks.Set(keyRef(newID), base64.StdEncoding.EncodeToString(key)); err != nil {
		return fmt.Errorf("the audit key could not be stored on this computer: %w", err)
	}
	if err := ks.Set(anchorRef(newID), a.String()); err != nil {
		return fmt.Errorf("the audit key could not be stored on this computer: %w", err)
	}
	_, err = db.ExecContext(ctx, "UPDATE audit_key SET database_id = ?, seal = ? WHERE id = 1",
		newID, keySeal(key, newID, kr.adoptedFrom))
	if err == nil {
		_, err = db.ExecContext(ctx, "UPDATE audit_anchor SET seal = ? WHERE id = 1", anchorSeal(key, newID, a))
	}
	if err != nil {
		return mapErr(err)
	}
	return db.Close()
}

// settle makes sure no other program has the database open, and folds its
// WAL into the main file (so the kept copy is whole). A database that is
// too damaged to open is left as it is, to be kept as it is.
func settle(ctx context.Context, dbPath string) error {
	if checkHeader(dbPath) != nil {
		return nil // not a SQLite file: keep it as it is
	}
	// Exclusive locking mode takes an exclusive lock on the first write and
	// keeps it: it fails while another connection has the database open.
	db, err := sql.Open("sqlite3", dbPath+"?_locking_mode=EXCLUSIVE&_busy_timeout=2000")
	if err != nil {
		return nil
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return settleErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		return settleErr(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return settleErr(err)
	}
	var busy, frames, done int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
		return settleErr(err)
	}
	if busy != 0 {
		return fmt.Errorf("storage: restore: %w", ErrLocked)
	}
	return nil
}

// settleErr turns "in use" into ErrLocked; other errors (a damaged
// database) do not stop the restore: the file is kept as it is.
func settleErr(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("storage: restore: %w", ErrLocked)
	}
	return nil
}

// keepCopy makes <db>.before-restore-<UTC time> a copy of the database: a
// hard link when the file system has them, else a byte copy.
func keepCopy(dbPath string) (string, error) {
	base := dbPath + ".before-restore-" + time.Now().UTC().Format("2006-01-02T150405Z")
	for i := 1; i < 100; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(name); err == nil {
			continue
		}
		if err := os.Link(dbPath, name); err == nil {
			return name, nil
		}
		err := copyFile(dbPath, name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return name, err
	}
	return "", errors.New("too many kept databases with the same time")
}

// copyToTemp copies src into a new temporary file in dir (mode 0600).
func copyToTemp(src, dir, pattern string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	if fi, err := in.Stat(); err != nil {
		return "", err
	} else if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a file", filepath.Base(src))
	}
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// copyFile copies src to the new file dst (mode 0600), synced to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// syncFile flushes a file's contents to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a rename) to disk, where the system
// allows it.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeWithSidecars removes a temporary database and any files SQLite
// made beside it.
func removeWithSidecars(path string) {
	_ = os.Remove(path)
	for _, ext := range sidecars {
		_ = os.Remove(path + ext)
	}
}

// sameFile reports whether a and b name the same existing file.
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
