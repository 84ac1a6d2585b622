package storage

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"dspdesk/app"
)

// verifier checks rows against the database's key.
type verifier struct {
	key         []byte // nil: the key is not here, MACs are not checked
	dbID        string
	adoptedFrom int64
	mac         *macer // made on first use
}

const auditColumns = "id, at, actor, display_name, entity, entity_id, action, changes, mac"

func scanAuditRow(rows *sql.Rows) (auditRow, error) {
	var r auditRow
	err := rows.Scan(&r.id, &r.at, &r.actor, &r.display, &r.entity, &r.entityID, &r.action, &r.changes, &r.mac)
	return r, err
}

// macOK reports whether r's MAC is right after prev. Rows from before an
// adoption cannot be checked and pass.
func (v *verifier) macOK(prev []byte, r auditRow) bool {
	if r.id <= v.adoptedFrom {
		return true
	}
	if v.mac == nil {
		v.mac = newMacer(v.key)
	}
	return hmac.Equal(v.mac.sum(prev, r), r.mac)
}

const macProblem = "its MAC does not match: this row, or one before it, was altered, removed or reordered, or the chain was recomputed without the key"

// fromAnchor is the check at open: the anchored row exists with the
// anchored MAC, and every row after it chains from it. It returns what is
// wrong ("" when nothing) and the last row, the next anchor.
func (v *verifier) fromAnchor(ctx context.Context, q queryer, a anchor) (string, anchor, error) {
	if a.id == 0 { // no anchor yet: the last row becomes it
		err := q.QueryRowContext(ctx, "SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&a.id, &a.mac)
		if err == sql.ErrNoRows {
			err = nil
		}
		return "", a, err
	}
	if problem, err := anchoredRow(ctx, q, a); problem != "" || err != nil {
		return problem, a, err
	}
	rows, err := q.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log WHERE id > ? ORDER BY id", a.id)
	if err != nil {
		return "", a, err
	}
	defer rows.Close()
	last := a
	for rows.Next() {
		r, err := scanAuditRow(rows)
		if err != nil {
			return "", a, err
		}
		if !v.macOK(last.mac, r) {
			return fmt.Sprintf("audit row %d: %s", r.id, macProblem), a, rows.Err()
		}
		last = anchor{r.id, r.mac}
	}
	return "", last, rows.Err()
}

// olderCopy is the other reason the newest rows can be missing: a copy
// of the database made by hand before later work (not a backup, which
// carries its own anchor). Both leave the same file, so both are named.
const olderCopy = "if this file is an older copy of the database, made before later work on this computer, open the newer one instead"

// anchoredRow says what is wrong when the anchored row is missing or
// different ("" when it is there as written, or there is no anchor).
func anchoredRow(ctx context.Context, q queryer, a anchor) (string, error) {
	if a.id == 0 {
		return "", nil
	}
	var mac []byte
	err := q.QueryRowContext(ctx, "SELECT mac FROM audit_log WHERE id = ?", a.id).Scan(&mac)
	if err == sql.ErrNoRows {
		var last, n int64
		if err := q.QueryRowContext(ctx, "SELECT coalesce(max(id), 0), count(*) FROM audit_log").Scan(&last, &n); err != nil {
			return "", err
		}
		if n == 0 {
			return fmt.Sprintf("the audit log was emptied: it has no rows, but %d were written", a.id), nil
		}
		return fmt.Sprintf("the newest audit rows were deleted: the log ends at row %d, but row %d was written; "+olderCopy, last, a.id), nil
	}
	if err != nil {
		return "", err
	}
	if !hmac.Equal(mac, a.mac) {
		return fmt.Sprintf("audit row %d is not the row that was written: the log was rewritten", a.id), nil
	}
	return "", nil
}

// auditCheck is a full verification's result with where the key was.
type auditCheck struct {
	report app.AuditReport
	key    KeyStatus
	where  string
	// protected says the append-only triggers are exactly ours.
	protected bool
}

// verifyAuditLog verifies the whole log of the database q reads: every
// MAC (with the key from ks), the anchor (a backup's own sealed anchor if
// it has one, else the key store's), that the log is not empty while
// people are recorded, and that the append-only triggers are exactly ours.
// A database from before the keyed log has its old hash chain verified.
func verifyAuditLog(ctx context.Context, q queryer, ks KeyStore) (auditCheck, error) {
	var c auditCheck
	var err error
	if c.protected, err = auditProtected(ctx, q); err != nil {
		return c, err
	}
	keyed, err := hasTable(ctx, q, "audit_key")
	if err != nil || !keyed {
		c.key = KeyNone
		if err == nil {
			c.report, err = legacyReport(ctx, q, "audit_log")
		}
		return c, err
	}
	kr, err := readKeyRecord(ctx, q)
	if err != nil {
		return c, err
	}
	key, status := findKey(ks, kr)
	c.key = status
	if status == KeyFound {
		c.where = ks.Where(keyRef(kr.dbID))
	}
	v := &verifier{key: key, dbID: kr.dbID, adoptedFrom: kr.adoptedFrom}
	rep := &c.report
	rep.KeyMissing = key == nil
	if err := v.walk(ctx, q, rep); err != nil {
		return c, err
	}
	if !kr.present && rep.Problem == "" {
		rep.Problem = "the audit log's key record was removed from the database"
	}
	if key != nil && rep.Problem == "" {
		a, ok, problem, err := anchorFor(ctx, q, ks, v)
		if err != nil {
			return c, err
		}
		if rep.Problem = problem; ok && problem == "" {
			if rep.Problem, err = anchoredRow(ctx, q, a); err != nil {
				return c, err
			}
		}
	}
	if rep.Problem == "" && rep.Rows == 0 {
		var people int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM people").Scan(&people); err != nil {
			return c, err
		}
		if people > 0 {
			rep.Problem = fmt.Sprintf("the audit log is empty although %d people are recorded: it was emptied", people)
		}
	}
	rep.OK = rep.Problem == ""
	return c, nil
}

// walk checks every row's MAC in order (when the key is here) and counts.
func (v *verifier) walk(ctx context.Context, q queryer, rep *app.AuditReport) error {
	rows, err := q.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	var prev []byte
	for rows.Next() {
		r, err := scanAuditRow(rows)
		if err != nil {
			return err
		}
		rep.Rows++
		if v.key == nil || rep.FirstBrokenID != 0 {
			continue
		}
		if !v.macOK(prev, r) {
			rep.FirstBrokenID, rep.Problem = r.id, macProblem
		} else if r.id > v.adoptedFrom {
			rep.Keyed++
		}
		prev = r.mac
	}
	return rows.Err()
}

// anchorFor is the anchor to check the database against: its own sealed
// anchor when it is a backup, else the key store's.
func anchorFor(ctx context.Context, q queryer, ks KeyStore, v *verifier) (anchor, bool, string, error) {
	var a anchor
	var sl []byte
	err := q.QueryRowContext(ctx, "SELECT row_id, mac, seal FROM audit_anchor WHERE id = 1").Scan(&a.id, &a.mac, &sl)
	switch {
	case err == sql.ErrNoRows:
		a, ok := storedAnchor(ks, v.dbID)
		return a, ok, "", nil
	case err != nil:
		return a, false, "", err
	case !hmac.Equal(sl, anchorSeal(v.key, v.dbID, a)):
		return a, false, "the backup's anchor was altered", nil
	}
	return a, true, "", nil
}

func anchorSeal(key []byte, dbID string, a anchor) []byte {
	return seal(key, "dspdesk audit anchor", dbID, a.String())
}

// auditTriggers are the append-only triggers, exactly as the migrations
// create them (compared with runs of white space made one space).
var auditTriggers = map[string]string{
	"audit_no_update": "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	"audit_no_delete": "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
}

// auditProtected reports whether the audit log's triggers are exactly the
// append-only ones, compared in full (a do-nothing trigger with the same
// name does not pass), and no others.
func auditProtected(ctx context.Context, q queryer) (bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	seen := 0
	ok := true
	for rows.Next() {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return false, err
		}
		seen++
		if want, known := auditTriggers[name]; !known || strings.Join(strings.Fields(text), " ") != want {
			ok = false
		}
	}
	return ok && seen == len(auditTriggers), rows.Err()
}

func hasTable(ctx context.Context, q queryer, name string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&n)
	return n > 0, err
}

// legacyGenesis is the previous hash of the old log's first row.
const legacyGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// legacyHash is the old log's SHA-256 over the previous hash and the row.
func legacyHash(prev, at, actor, entity string, id int64, action, changes string) string {
	h := sha256.New()
	for _, part := range []string{prev, at, actor, entity, strconv.FormatInt(id, 10), action, changes} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// legacyReport verifies the old, unkeyed hash chain in table.
func legacyReport(ctx context.Context, q queryer, table string) (app.AuditReport, error) {
	var rep app.AuditReport
	rows, err := q.QueryContext(ctx, `SELECT id, at, actor, entity, entity_id, action, changes, prev_hash, hash
		FROM `+table+` ORDER BY id`)
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	prev := legacyGenesis
	for rows.Next() {
		var (
			id, entityID                                   int64
			at, actor, entity, action, changes, ph, stored string
		)
		if err := rows.Scan(&id, &at, &actor, &entity, &entityID, &action, &changes, &ph, &stored); err != nil {
			return rep, err
		}
		rep.Rows++
		if rep.FirstBrokenID != 0 {
			continue
		}
		switch {
		case ph != prev:
			rep.FirstBrokenID, rep.Problem = id, "its link to the previous row is broken (a row was removed or altered before it)"
		case legacyHash(ph, at, actor, entity, entityID, action, changes) != stored:
			rep.FirstBrokenID, rep.Problem = id, "its content does not match its hash (the row was altered)"
		}
		prev = stored
	}
	rep.OK = rep.FirstBrokenID == 0
	return rep, rows.Err()
}

// verifyLegacyChain fails with ErrAuditBroken when the old chain does not
// verify: the upgrade keys only a log it could trust.
func verifyLegacyChain(ctx context.Context, q queryer, table string) error {
	rep, err := legacyReport(ctx, q, table)
	if err != nil {
		return err
	}
	if !rep.OK {
		return fmt.Errorf("%w (row %d: %s); restore a backup made before it was changed", ErrAuditBroken, rep.FirstBrokenID, rep.Problem)
	}
	return nil
}

// VerifyAudit verifies the whole audit log (see verifyAuditLog): the
// desktop app runs it in the background after the first screen.
func (s *Store) VerifyAudit(ctx context.Context) (app.AuditReport, error) {
	var c auditCheck
	err := s.read(ctx, func(tx *sql.Tx) (err error) { c, err = verifyAuditLog(ctx, tx, s.keys); return err })
	if err != nil {
		return c.report, fmt.Errorf("storage: verify audit: %w", err)
	}
	if c.report.OK && !c.protected {
		c.report.OK, c.report.Problem = false, "its append-only protection was removed or replaced"
	}
	return c.report, nil
}
