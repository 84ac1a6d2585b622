package storage

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"dspdesk/app"
)

// ErrAuditBroken is returned when a database's audit log does not verify:
// a row was altered or removed, or its append-only protection was removed.
var ErrAuditBroken = app.NewKindError(app.KindCorrupt, "the audit log of this database has been altered outside DSP Desk, so its history cannot be trusted")

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
	if err := replaceableBackup(dest); err != nil {
		return err
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
		return fmt.Errorf("storage: backup: %w: %w", ErrBackupNotRecorded, err)
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
// account, by the rule the desktop app and dspctl share (app.OSAccount);
// the display name is in the row's display_name.
func (s *Store) actor(context.Context) string { return app.OSAccount() }

// ErrBackupTargetTaken refuses a backup onto a file that is not an earlier
// DSP Desk database or backup: a document, another program's database or
// a device is never replaced by a backup.
var ErrBackupTargetTaken = app.NewKindError(app.KindForeign,
	"a file of that name is already there and it is not a DSP Desk backup, so it was left as it is: choose another name or folder")

// replaceableBackup is nil when dest does not exist, is empty, or holds a
// DSP Desk database (an older backup of the same name), which a backup may
// replace; otherwise ErrBackupTargetTaken. It reads the header only.
func replaceableBackup(dest string) error {
	fi, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("storage: backup: %w", classifyFS(err))
	}
	if !fi.Mode().IsRegular() {
		return ErrBackupTargetTaken
	}
	if fi.Size() == 0 {
		return nil
	}
	f, err := os.Open(dest)
	if err != nil {
		return fmt.Errorf("storage: backup: %w", classifyFS(err))
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || string(head[:16]) != sqliteMagic ||
		binary.BigEndian.Uint32(head[68:72]) != applicationID {
		return ErrBackupTargetTaken
	}
	return nil
}
