package storage

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dspdesk/app"
)

// KeyStatus says whether this computer holds a database's audit key.
type KeyStatus int

// The key's states.
const (
	KeyFound   KeyStatus = iota // the key is here and matches the database
	KeyMissing                  // the key is not on this computer
	KeyWrong                    // a key is here but does not match (the database's key record was changed)
	KeyNone                     // a database from before the keyed log (schema 6 or older)
)

// AuditStatus is what Open found about the audit log: where its key is and
// what the quick check at open (the anchor) found.
type AuditStatus struct {
	Key        KeyStatus
	Where      string // which store holds the key, in words
	DatabaseID string
	// Problem is what the check at open found wrong, "" when nothing.
	Problem string
}

// AuditStatus returns what the check at open found.
func (s *Store) AuditStatus() AuditStatus {
	a := &s.auditKey
	a.mu.Lock()
	defer a.mu.Unlock()
	st := AuditStatus{Key: a.status, DatabaseID: a.dbID, Problem: a.problem}
	if a.status == KeyFound {
		st.Where = s.keys.Where(keyRef(a.dbID))
	}
	return st
}

func keyRef(dbID string) string    { return "key-" + dbID }
func anchorRef(dbID string) string { return "anchor-" + dbID }

// newKey makes a database id (16 random bytes) and a key (32).
func newKey() (string, []byte, error) {
	id := make([]byte, 16)
	key := make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		return "", nil, err
	}
	if _, err := rand.Read(key); err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(id), key, nil
}

// seal is HMAC-SHA-256 with key over parts, length-prefixed.
func seal(key []byte, parts ...string) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return h.Sum(nil)
}

func keySeal(key []byte, dbID string, adoptedFrom int64) []byte {
	return seal(key, "dspdesk audit key", dbID, strconv.FormatInt(adoptedFrom, 10))
}

// keyRecord is the database's audit_key row.
type keyRecord struct {
	dbID        string
	adoptedFrom int64
	seal        []byte
	present     bool // false: the table has no row (it was removed)
}

func readKeyRecord(ctx context.Context, q queryer) (keyRecord, error) {
	var k keyRecord
	err := q.QueryRowContext(ctx, "SELECT database_id, adopted_from, seal FROM audit_key WHERE id = 1").
		Scan(&k.dbID, &k.adoptedFrom, &k.seal)
	if err == sql.ErrNoRows {
		return k, nil
	}
	k.present = err == nil
	return k, err
}

// findKey looks the record's key up in ks and checks it against the seal.
func findKey(ks KeyStore, k keyRecord) ([]byte, KeyStatus) {
	if !k.present {
		return nil, KeyMissing
	}
	raw, err := ks.Get(keyRef(k.dbID))
	if err != nil {
		return nil, KeyMissing
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(raw))
	if err != nil || !hmac.Equal(keySeal(key, k.dbID, k.adoptedFrom), k.seal) {
		return nil, KeyWrong
	}
	return key, KeyFound
}

// loadAuditKey finds the database's key and runs the quick check at open.
func (s *Store) loadAuditKey(ctx context.Context) error {
	var k keyRecord
	err := s.read(ctx, func(tx *sql.Tx) (err error) { k, err = readKeyRecord(ctx, tx); return err })
	if err != nil {
		return fmt.Errorf("storage: read the audit key record: %w", err)
	}
	key, status := findKey(s.keys, k)
	a := &s.auditKey
	a.mu.Lock()
	a.dbID, a.key, a.adoptedFrom, a.status, a.problem = k.dbID, key, k.adoptedFrom, status, ""
	if !k.present {
		a.problem = "the audit log's key record was removed from the database"
	}
	a.mu.Unlock()
	if status != KeyFound {
		return nil
	}
	return s.checkAnchorAtOpen(ctx)
}

// anchor is the last audit row's id and MAC, kept outside the database.
type anchor struct {
	id  int64
	mac []byte
}

func (a anchor) String() string { return strconv.FormatInt(a.id, 10) + ":" + hex.EncodeToString(a.mac) }

func parseAnchor(s string) (anchor, error) {
	id, mac, ok := strings.Cut(strings.TrimSpace(s), ":")
	var a anchor
	var err error
	if !ok {
		return a, errors.New("not an anchor")
	}
	if a.id, err = strconv.ParseInt(id, 10, 64); err != nil {
		return a, err
	}
	a.mac, err = hex.DecodeString(mac)
	return a, err
}

// storedAnchor is the anchor the key store holds for dbID (ok false: none).
func storedAnchor(ks KeyStore, dbID string) (anchor, bool) {
	raw, err := ks.Get(anchorRef(dbID))
	if err != nil {
		return anchor{}, false
	}
	a, err := parseAnchor(raw)
	return a, err == nil
}

// checkAnchorAtOpen is the O(1) check: the anchored row exists with its
// MAC and the few rows after it (a crash between a commit and the anchor's
// update) chain from it. It records a problem rather than refuse to open.
func (s *Store) checkAnchorAtOpen(ctx context.Context) error {
	key, dbID := s.auditKey.current()
	v := verifier{key: key, dbID: dbID}
	var problem string
	var last anchor
	err := s.read(ctx, func(tx *sql.Tx) error {
		a, ok := storedAnchor(s.keys, dbID)
		if !ok {
			a = anchor{}
		}
		var err error
		problem, last, err = v.fromAnchor(ctx, tx, a)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: check the audit log's anchor: %w", err)
	}
	s.auditKey.mu.Lock()
	s.auditKey.problem = problem
	s.auditKey.anchor = last
	s.auditKey.mu.Unlock()
	if problem == "" && last.id > 0 {
		_ = s.keys.Set(anchorRef(dbID), last.String()) // a failed write only makes the next check start earlier
	}
	return nil
}

// afterCommit moves the key store's anchor to the last row tx appended.
func (s *Store) afterCommit(tx *sql.Tx, committed bool) {
	a := &s.auditKey
	a.mu.Lock()
	p := a.pending[tx]
	delete(a.pending, tx)
	dbID := a.dbID
	move := committed && p != nil && p.lastID > 0 && dbID != "" && a.problem == ""
	if move {
		a.anchor = anchor{p.lastID, p.lastMAC}
	}
	a.mu.Unlock()
	if move {
		_ = s.keys.Set(anchorRef(dbID), anchor{p.lastID, p.lastMAC}.String())
	}
}

// keyedAuditMigration is the Go step of migrations/0008_keyed_audit.sql:
// it verifies the old hash chain, makes the database's id and key, stores
// the key outside the file, and moves every old row into the new table,
// compact and keyed, linked in the same order.
func keyedAuditMigration(ctx context.Context, s *Store, tx *sql.Tx) error {
	dbID, key, err := newKey()
	if err != nil {
		return err
	}
	if err := setKey(s.keys, keyRef(dbID), base64.StdEncoding.EncodeToString(key)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit_key(id, database_id, adopted_from, seal) VALUES (1, ?, 0, ?)",
		dbID, keySeal(key, dbID, 0)); err != nil {
		return err
	}
	p := &txAudit{mac: newMacer(key)}
	t := newTexts(ctx, tx)
	for {
		rows, err := readLegacyPage(ctx, tx, p.lastID)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		for _, r := range rows {
			if err := compactLegacy(ctx, tx, t, &r); err != nil {
				return fmt.Errorf("audit row %d: %w", r.id, err)
			}
			r.mac = p.mac.sum(p.lastMAC, r)
			if err := insertAuditRow(ctx, tx, r); err != nil {
				return err
			}
			p.lastID, p.lastMAC = r.id, r.mac
		}
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE audit_log_legacy"); err != nil {
		return err
	}
	a := &s.auditKey
	a.mu.Lock()
	a.dbID, a.key, a.adoptedFrom, a.status = dbID, key, 0, KeyFound
	if a.pending == nil {
		a.pending = map[*sql.Tx]*txAudit{}
	}
	a.pending[tx] = p
	a.mu.Unlock()
	return nil
}

// verifyBeforeKeying runs before migrations/0008_keyed_audit.sql: the old
// log's hash chain must verify and its append-only triggers be exactly the
// ones DSP Desk made, or the upgrade would key a log it cannot trust.
func verifyBeforeKeying(ctx context.Context, tx *sql.Tx) error {
	ok, err := auditProtected(ctx, tx)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w (its append-only protection was removed or replaced); restore a backup made before it was changed", ErrAuditBroken)
	}
	return verifyLegacyChain(ctx, tx, "audit_log")
}

// readLegacyPage reads the old log's rows after id, a page at a time.
func readLegacyPage(ctx context.Context, tx *sql.Tx, after int64) ([]auditRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, entity, entity_id, action, changes
		FROM audit_log_legacy WHERE id > ? ORDER BY id LIMIT 5000`, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.id, &r.at, &r.actor, &r.entity, &r.entityID, &r.action, &r.changes); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// compactLegacy rewrites an old row's changes (a JSON list of field, old,
// new) in the compact form.
func compactLegacy(ctx context.Context, tx *sql.Tx, t *texts, r *auditRow) error {
	var changes []app.FieldChange
	if err := json.Unmarshal([]byte(r.changes), &changes); err != nil {
		return err
	}
	body, err := compactChanges(ctx, tx, t, r.id, r.entity, r.entityID, changes)
	r.changes = body
	return err
}

// AuditKeyExport is the key and anchor of a database as one line of text,
// for `dspctl key export`: whoever holds it can verify, and write to, the
// database, so it is handled like a password.
func (s *Store) AuditKeyExport() (string, error) {
	key, dbID := s.auditKey.current()
	if key == nil {
		return "", ErrAuditKeyMissing
	}
	line := "dspdesk-key-1 " + dbID + " " + base64.StdEncoding.EncodeToString(key)
	if a, ok := storedAnchor(s.keys, dbID); ok {
		line += " " + a.String()
	}
	return line, nil
}

// ErrKeyNotThisDatabase refuses a key that belongs to another database.
var ErrKeyNotThisDatabase = app.NewKindError(app.KindKeyMissing, "this key does not belong to this database: export the key from the computer that last used this database")

// ImportAuditKey stores a key exported with AuditKeyExport, after checking
// it is this database's, and runs the check at open again with it.
func (s *Store) ImportAuditKey(ctx context.Context, line string) error {
	f := strings.Fields(line)
	if len(f) < 3 || f[0] != "dspdesk-key-1" {
		return errors.New("this is not a DSP Desk key: it starts with dspdesk-key-1")
	}
	var k keyRecord
	err := s.read(ctx, func(tx *sql.Tx) (err error) { k, err = readKeyRecord(ctx, tx); return err })
	if err != nil {
		return fmt.Errorf("storage: import key: %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(f[2])
	if err != nil || f[1] != k.dbID || !hmac.Equal(keySeal(key, k.dbID, k.adoptedFrom), k.seal) {
		return ErrKeyNotThisDatabase
	}
	if err := setKey(s.keys, keyRef(k.dbID), f[2]); err != nil {
		return err
	}
	if len(f) > 3 {
		if a, err := parseAnchor(f[3]); err == nil {
			if old, ok := storedAnchor(s.keys, k.dbID); !ok || old.id < a.id {
				if err := setKey(s.keys, anchorRef(k.dbID), a.String()); err != nil {
					return err
				}
			}
		}
	}
	return s.loadAuditKey(ctx)
}

// Adopt makes this computer the keeper of a database whose key it does not
// hold (a restored file, a new laptop), once the user has confirmed: a new
// id and key, kept here; the rows so far are accepted as they are (they
// cannot be checked without their key), and an audit row records the
// adoption, so the log says from which row it is verified.
func (s *Store) Adopt(ctx context.Context, actor string) error {
	if st := s.AuditStatus(); st.Key == KeyFound {
		return nil
	}
	dbID, key, err := newKey()
	if err != nil {
		return fmt.Errorf("storage: adopt: %w", err)
	}
	if err := setKey(s.keys, keyRef(dbID), base64.StdEncoding.EncodeToString(key)); err != nil {
		return err
	}
	a := &s.auditKey
	a.mu.Lock()
	oldID, oldKey, oldFrom := a.dbID, a.key, a.adoptedFrom
	a.mu.Unlock()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var last int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM audit_log").Scan(&last); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_key(id, database_id, adopted_from, seal) VALUES (1, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET database_id = excluded.database_id, adopted_from = excluded.adopted_from,
			seal = excluded.seal`, dbID, last, keySeal(key, dbID, last)); err != nil {
			return err
		}
		a.mu.Lock()
		a.dbID, a.key, a.adoptedFrom = dbID, key, last
		a.mu.Unlock()
		return s.audit(ctx, tx, actor, "audit_key", 0, "adopt", []app.FieldChange{
			{Field: "previous database id", New: oldID}, {Field: "rows accepted unchecked", New: strconv.FormatInt(last, 10)}})
	})
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.dbID, a.key, a.adoptedFrom = oldID, oldKey, oldFrom
		return fmt.Errorf("storage: adopt: %w", err)
	}
	a.status, a.problem = KeyFound, ""
	return nil
}

// openAudit finds the audit key and runs the check at open. A restored
// backup carries its own sealed anchor; once the file is in use the key
// store's anchor takes over, so the copy's is cleared.
func (s *Store) openAudit(ctx context.Context) error {
	if err := s.loadAuditKey(ctx); err != nil {
		return err
	}
	var n int
	if err := s.rw.QueryRowContext(ctx, "SELECT count(*) FROM audit_anchor").Scan(&n); err != nil || n == 0 {
		return classifyOpen(err)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM audit_anchor")
		return err
	})
}
