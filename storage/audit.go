package storage

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"dspdesk/app"
)

// The audit log's row format (schema: migrations/0007_keyed_audit.sql):
//
//	id, at (UTC), actor (the operating-system account), display_name (the
//	Settings display name at that moment), entity, entity_id, action,
//	changes, mac
//
// changes is a JSON object of the fields that changed, each with its new
// text: {"Status":"accepted"}. A field's old text is its new text in the
// record's previous row that named it, so it is not written again; where it
// differs (a value changed outside the log, or an event that names a field
// afresh) the row holds both, as ["old","new"]. A long text already written
// in full by an earlier row is a reference to that row (audittext.go), so
// no text is repeated. mac is HMAC-SHA-256, keyed
// with the database's secret key, over the previous row's mac and every
// column of this row, each length-prefixed.

// fields is a record flattened to field -> text, for audit diffs.
type fields map[string]string

// diff lists the fields whose text differs between old and new, by name.
func diff(old, new fields) []app.FieldChange {
	names := map[string]bool{}
	for k := range old {
		names[k] = true
	}
	for k := range new {
		names[k] = true
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []app.FieldChange
	for _, k := range keys {
		if old[k] != new[k] {
			out = append(out, app.FieldChange{Field: k, Old: old[k], New: new[k]})
		}
	}
	return out
}

// ErrAuditKeyMissing refuses a change to a database whose audit key is not
// on this computer, until the key is imported or the file adopted.
var ErrAuditKeyMissing = errors.New("this database's audit key is not on this computer, so nothing can be changed yet: import the key (dspctl key import) or confirm that this computer adopts the database")

// auditRow is one row of the audit log, as stored.
type auditRow struct {
	id                         int64
	at, actor, display, entity string
	entityID                   int64
	action, changes            string
	mac                        []byte
}

// auditMAC is the row's MAC: HMAC-SHA-256 with key over the previous row's
// MAC and the row's columns, each length-prefixed so that no two different
// rows encode alike. (Not the database's id: a restore gives the restored
// file an id of its own, keeping the key.)
func auditMAC(key, prev []byte, r auditRow) []byte {
	return newMacer(key).sum(prev, r)
}

// macer computes MACs with one key, reusing its buffers: verifying a
// million rows makes no garbage per row.
type macer struct {
	h   hash.Hash
	buf []byte
}

func newMacer(key []byte) *macer { return &macer{h: hmac.New(sha256.New, key)} }

func (m *macer) add(part []byte) {
	m.buf = strconv.AppendInt(m.buf, int64(len(part)), 10)
	m.buf = append(m.buf, ':')
	m.buf = append(m.buf, part...)
	m.buf = append(m.buf, ';')
}

func (m *macer) addString(part string) {
	m.buf = strconv.AppendInt(m.buf, int64(len(part)), 10)
	m.buf = append(m.buf, ':')
	m.buf = append(m.buf, part...)
	m.buf = append(m.buf, ';')
}

func (m *macer) addInt(n int64) {
	var b [20]byte
	m.add(strconv.AppendInt(b[:0], n, 10))
}

func (m *macer) sum(prev []byte, r auditRow) []byte {
	m.buf = m.buf[:0]
	m.add(prev)
	m.addInt(r.id)
	for _, part := range []string{r.at, r.actor, r.display, r.entity} {
		m.addString(part)
	}
	m.addInt(r.entityID)
	m.addString(r.action)
	m.addString(r.changes)
	m.h.Reset()
	m.h.Write(m.buf)
	return m.h.Sum(nil)
}

// txAudit is what one write transaction has appended so far: the last row
// (the next one links to it) and the display name read inside it.
type txAudit struct {
	lastID  int64
	lastMAC []byte
	display string
	mac     *macer
	texts   *texts
}

// auditKeyState is the store's audit key, found by the database's id.
type auditKeyState struct {
	mu          sync.Mutex
	dbID        string
	key         []byte // nil when the key is not on this computer
	adoptedFrom int64
	status      KeyStatus
	problem     string // what the check at open found, "" when nothing
	pending     map[*sql.Tx]*txAudit
	// anchor is the last row known written: a write that finds the log
	// ending before it reports the newest rows deleted, and once a problem
	// is found the anchor stays where it was, as evidence.
	anchor anchor
}

func (a *auditKeyState) current() (key []byte, dbID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.key, a.dbID
}

// txState returns what tx has appended, reading the last row the first
// time tx appends.
func (s *Store) txState(ctx context.Context, tx *sql.Tx) (*txAudit, error) {
	a := &s.auditKey
	a.mu.Lock()
	p := a.pending[tx]
	a.mu.Unlock()
	if p != nil {
		return p, nil
	}
	p = &txAudit{}
	err := tx.QueryRowContext(ctx, "SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&p.lastID, &p.lastMAC)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	set, err := getSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	p.display = strings.TrimSpace(set.DisplayName)
	a.mu.Lock()
	if known := a.anchor; a.problem == "" && known.id > 0 &&
		(p.lastID < known.id || p.lastID == known.id && !hmac.Equal(p.lastMAC, known.mac)) {
		a.problem = fmt.Sprintf("the newest audit rows were deleted or rewritten: the log ends at row %d, but row %d was written", p.lastID, known.id)
	}
	if a.pending == nil {
		a.pending = map[*sql.Tx]*txAudit{}
	}
	a.pending[tx] = p
	a.mu.Unlock()
	return p, nil
}

// audit appends one row to the keyed audit log inside tx. The caller's
// transaction is immediate, so no other writer can interleave.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor, entity string, id int64, action string, changes []app.FieldChange) error {
	if s.oldAudit != nil {
		if done, err := s.oldAudit(ctx, tx, actor, entity, id, action, changes); done {
			return err
		}
	}
	key, _ := s.auditKey.current()
	if key == nil {
		return ErrAuditKeyMissing
	}
	if strings.TrimSpace(actor) == "" {
		actor = "unknown"
	}
	p, err := s.txState(ctx, tx)
	if err != nil {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	// a settings change may rename the user in this very transaction
	if entity == "settings" {
		if set, err := getSettings(ctx, tx); err == nil {
			p.display = strings.TrimSpace(set.DisplayName)
		}
	}
	if p.texts == nil {
		p.texts = newTexts(ctx, tx)
	}
	body, err := compactChanges(ctx, tx, p.texts, p.lastID+1, entity, id, changes)
	if err != nil {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	r := auditRow{id: p.lastID + 1, at: s.now().UTC().Format(timeLayout), actor: actor, display: p.display,
		entity: entity, entityID: id, action: action, changes: body}
	if p.mac == nil {
		p.mac = newMacer(key)
	}
	r.mac = p.mac.sum(p.lastMAC, r)
	if err := insertAuditRow(ctx, tx, r); err != nil {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	p.lastID, p.lastMAC = r.id, r.mac
	return nil
}

func insertAuditRow(ctx context.Context, tx *sql.Tx, r auditRow) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log(id, at, actor, display_name, entity, entity_id, action, changes, mac)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.id, r.at, r.actor, r.display, r.entity, r.entityID, r.action, r.changes, r.mac)
	return err
}

// priorState is a record's fields as its audit rows so far leave them.
func priorState(ctx context.Context, t *texts, entity string, id int64) (fields, error) {
	rows, err := t.q.QueryContext(ctx, "SELECT changes FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id", entity, id)
	if err != nil {
		return nil, err
	}
	var raws []string
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			rows.Close()
			return nil, err
		}
		raws = append(raws, raw)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	state := fields{}
	for _, raw := range raws { // after the rows are closed: resolving queries too
		if _, err := expandChanges(t, raw, state); err != nil {
			return nil, err
		}
	}
	return state, nil
}

// compactChanges encodes changes as the row format's JSON object (see the
// top of this file and audittext.go) for the row rowID will be.
func compactChanges(ctx context.Context, tx *sql.Tx, t *texts, rowID int64, entity string, id int64, changes []app.FieldChange) (string, error) {
	if len(changes) == 0 {
		return "{}", nil
	}
	state, err := priorState(ctx, t, entity, id)
	if err != nil {
		return "", err
	}
	return encodeChanges(ctx, tx, t, rowID, changes, state)
}

func encodeChanges(ctx context.Context, tx *sql.Tx, t *texts, rowID int64, changes []app.FieldChange, state fields) (string, error) {
	out := make(map[string]any, len(changes))
	for _, c := range changes {
		var v any = c.New
		if len(c.New) >= textRefMin {
			ref, err := t.ref(c.Field, c.New)
			if err != nil {
				return "", err
			}
			if ref != nil {
				v = ref
			} else if err := seen(ctx, tx, rowID, c.Field, c.New); err != nil {
				return "", err
			}
		}
		if c.Old != state[c.Field] {
			v = []any{c.Old, v}
		}
		out[c.Field] = v
	}
	b, err := json.Marshal(out) // keys sorted: the same changes encode alike
	return string(b), err
}

// expandChanges decodes a row's changes against the record's state before
// the row, and moves state on past it.
func expandChanges(t *texts, raw string, state fields) ([]app.FieldChange, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]app.FieldChange, 0, len(m))
	for _, k := range names {
		old, new, hasOld, err := t.value(m[k], k)
		if err != nil {
			return nil, err
		}
		if !hasOld {
			old = state[k]
		}
		state[k] = new
		out = append(out, app.FieldChange{Field: k, Old: old, New: new})
	}
	return out, nil
}

// AuditTrail returns the audit rows about one record, oldest first, each
// change with its old and new text.
func (s *Store) AuditTrail(ctx context.Context, entity string, id int64) ([]app.AuditEntry, error) {
	var out []app.AuditEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, display_name, entity, entity_id, action, changes
			FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id`, entity, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		var entries []app.AuditEntry
		var raws []string
		for rows.Next() {
			var e app.AuditEntry
			var at, changes string
			if err := rows.Scan(&e.ID, &at, &e.Actor, &e.DisplayName, &e.Entity, &e.EntityID, &e.Action, &changes); err != nil {
				return err
			}
			e.At, _ = time.Parse(timeLayout, at)
			entries, raws = append(entries, e), append(raws, changes)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		t, state := newTexts(ctx, tx), fields{}
		for i, e := range entries {
			if e.Changes, err = expandChanges(t, raws[i], state); err != nil {
				return fmt.Errorf("audit row %d: %w", e.ID, err)
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: audit trail of %s %d: %w", entity, id, err)
	}
	return out, nil
}

// LogExport records that a document about a record was exported (a PDF,
// a CSV, a calendar file): what, and to where in general terms.
func (s *Store) LogExport(ctx context.Context, actor, entity string, id int64, what string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, entity, id, "export", []app.FieldChange{{Field: "document", New: what}})
	})
}
