package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// genesisHash is the previous hash of the first audit row.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

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

// audit appends one row to the hash-chained audit log inside tx. The
// caller's transaction is immediate, so no other writer can interleave.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor, entity string, id int64, action string, changes []app.FieldChange) error {
	if strings.TrimSpace(actor) == "" {
		actor = "unknown"
	}
	if changes == nil {
		changes = []app.FieldChange{}
	}
	body, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	prev := genesisHash
	err = tx.QueryRowContext(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	at := s.now().UTC().Format(timeLayout)
	h := auditHash(prev, at, actor, entity, id, action, string(body))
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log(at, actor, entity, entity_id, action, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, at, actor, entity, id, action, string(body), prev, h)
	if err != nil {
		return fmt.Errorf("storage: audit %s %d: %w", entity, id, err)
	}
	return nil
}

// auditHash is SHA-256 over the previous hash and the row's content, each
// length-prefixed so that no two different rows can encode alike.
func auditHash(prev, at, actor, entity string, id int64, action, changes string) string {
	h := sha256.New()
	for _, part := range []string{prev, at, actor, entity, strconv.FormatInt(id, 10), action, changes} {
		fmt.Fprintf(h, "%d:%s;", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// VerifyAudit walks the audit log in order, recomputing every hash, and
// reports the first row whose content or link does not match.
func (s *Store) VerifyAudit(ctx context.Context) (app.AuditReport, error) {
	var rep app.AuditReport
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, entity, entity_id, action, changes, prev_hash, hash
			FROM audit_log ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		prev := genesisHash
		for rows.Next() {
			var (
				id, entityID                                   int64
				at, actor, entity, action, changes, ph, stored string
			)
			if err := rows.Scan(&id, &at, &actor, &entity, &entityID, &action, &changes, &ph, &stored); err != nil {
				return err
			}
			rep.Rows++
			if rep.FirstBrokenID != 0 {
				continue
			}
			switch {
			case ph != prev:
				rep.FirstBrokenID, rep.Problem = id, "its link to the previous row is broken (a row was removed or altered before it)"
			case auditHash(ph, at, actor, entity, entityID, action, changes) != stored:
				rep.FirstBrokenID, rep.Problem = id, "its content does not match its hash (the row was altered)"
			}
			prev = stored
		}
		return rows.Err()
	})
	if err != nil {
		return rep, fmt.Errorf("storage: verify audit: %w", err)
	}
	rep.OK = rep.FirstBrokenID == 0
	return rep, nil
}

// AuditTrail returns the audit rows about one record, oldest first.
func (s *Store) AuditTrail(ctx context.Context, entity string, id int64) ([]app.AuditEntry, error) {
	var out []app.AuditEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, entity, entity_id, action, changes
			FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id`, entity, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e app.AuditEntry
			var at, changes string
			if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action, &changes); err != nil {
				return err
			}
			e.At, _ = time.Parse(timeLayout, at)
			if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
				return fmt.Errorf("audit row %d: %w", e.ID, err)
			}
			out = append(out, e)
		}
		return rows.Err()
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
