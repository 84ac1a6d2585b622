package storage

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

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
	kept, undo, err := keepCurrent(ctx, dbPath)
	if err != nil {
		return "", err
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

// keepCurrent keeps the database at dbPath, with its WAL, as
// <db>.before-restore-<UTC time> (kept is "" when there is none); undo puts
// it back.
func keepCurrent(ctx context.Context, dbPath string) (kept string, undo func(), err error) {
	var moved [][2]string // sidecars moved to the kept copy, to undo on failure
	undo = func() {
		for _, m := range moved {
			_ = os.Rename(m[1], m[0])
		}
		if kept != "" {
			_ = os.Remove(kept)
		}
		kept = ""
	}
	if _, err := os.Lstat(dbPath); errors.Is(err, os.ErrNotExist) {
		return "", undo, nil
	} else if err != nil {
		return "", undo, fmt.Errorf("storage: restore: %w", err)
	}
	if err := settle(ctx, dbPath); err != nil {
		return "", undo, err
	}
	if kept, err = keepCopy(dbPath); err != nil {
		return "", undo, fmt.Errorf("storage: restore: keep the current database: %w", err)
	}
	for _, ext := range sidecars {
		switch _, err := os.Lstat(dbPath + ext); {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			undo()
			return "", undo, fmt.Errorf("storage: restore: %w", err)
		}
		if ext == "-shm" { // an index of the WAL, rebuilt on open
			if err := os.Remove(dbPath + ext); err != nil {
				undo()
				return "", undo, fmt.Errorf("storage: restore: remove the old %s file: %w", ext, err)
			}
			continue
		}
		if err := os.Rename(dbPath+ext, kept+ext); err != nil {
			undo()
			return "", undo, fmt.Errorf("storage: restore: keep the current database's %s file: %w", ext, err)
		}
		moved = append(moved, [2]string{dbPath + ext, kept + ext})
	}
	// The kept copy holds every person as the restored one does: owner-only,
	// even when an older version left the database readable by others.
	if err := makePrivate(kept); err != nil {
		undo()
		return "", undo, fmt.Errorf("storage: restore: make the kept database private to you: %w", err)
	}
	return kept, undo, nil
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
	if err := setKey(ks, keyRef(newID), base64.StdEncoding.EncodeToString(key)); err != nil {
		return err
	}
	if err := setKey(ks, anchorRef(newID), a.String()); err != nil {
		return err
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

// renameBackupCopy gives a backup put in place by hand (copied over the
// database instead of restored with dspctl restore or the app) a database
// id of its own, as a restore does: otherwise the rows the replaced
// database wrote after the backup would look deleted, and opening the copy
// would clear its own anchor, so dspctl check, which passed before, would
// fail after. Only an untouched backup qualifies (its sealed anchor verifies
// with the key here and its log ends at that anchor's row); anything else
// is left as it is for the check at open to report.
func renameBackupCopy(ctx context.Context, path string, ks KeyStore) error {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil
	}
	db, err := openQueryOnly(path)
	if err != nil {
		return nil
	}
	untouched := untouchedBackup(ctx, db, ks)
	db.Close()
	if !untouched {
		return nil
	}
	return renameRestored(ctx, path, ks)
}

// untouchedBackup says whether db is a backup whose sealed anchor verifies
// with the key in ks and is its log's last row, while the key store's anchor
// has moved on from it.
func untouchedBackup(ctx context.Context, db *sql.DB, ks KeyStore) bool {
	if ok, err := hasTable(ctx, db, "audit_anchor"); err != nil || !ok {
		return false
	}
	kr, err := readKeyRecord(ctx, db)
	if err != nil || !kr.present {
		return false
	}
	key, status := findKey(ks, kr)
	if status != KeyFound {
		return false
	}
	var a anchor
	var sl, lastMAC []byte
	var lastID int64
	if db.QueryRowContext(ctx, "SELECT row_id, mac, seal FROM audit_anchor WHERE id = 1").Scan(&a.id, &a.mac, &sl) != nil ||
		db.QueryRowContext(ctx, "SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&lastID, &lastMAC) != nil {
		return false
	}
	if !hmac.Equal(sl, anchorSeal(key, kr.dbID, a)) || lastID != a.id || !hmac.Equal(lastMAC, a.mac) {
		return false
	}
	// Only when the database it came from went on after it: a copy restored
	// with dspctl restore (already given its own id) or one with nothing
	// written since the backup matches the key store's anchor as it is.
	stored, ok := storedAnchor(ks, kr.dbID)
	return ok && !(stored.id == a.id && hmac.Equal(stored.mac, a.mac))
}
