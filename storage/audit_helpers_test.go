package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"dspdesk/app"
)

// keyedAuditMigrationNumber is the number of migrations/NNNN_keyed_audit.sql:
// renumbering the migration is this one line.
const keyedAuditMigrationNumber = 8

// TestMain keeps every test's audit keys in a temporary folder (shared with
// the helper processes the reliability tests start), never in the real
// credential store or the user's config folder.
func TestMain(m *testing.M) {
	if os.Getenv("DSPDESK_KEY_DIR") == "" {
		dir, err := os.MkdirTemp("", "dspdesk-test-keys-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Setenv("DSPDESK_KEY_DIR", dir)
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// legacyAudit writes audit rows as schema 6 did (SHA-256 hash chain, the
// changes as a list of field, old, new), while the database has no keyed
// log yet.
func legacyAudit(ctx context.Context, tx *sql.Tx, actor, entity string, id int64, action string, changes []app.FieldChange) (bool, error) {
	if keyed, err := hasTable(ctx, tx, "audit_key"); err != nil || keyed {
		return false, err
	}
	if changes == nil {
		changes = []app.FieldChange{}
	}
	body, err := json.Marshal(changes)
	if err != nil {
		return true, err
	}
	prev := legacyGenesis
	if err := tx.QueryRowContext(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&prev); err != nil && err != sql.ErrNoRows {
		return true, err
	}
	at := now.UTC().Format(timeLayout)
	h := legacyHash(prev, at, actor, entity, id, action, string(body))
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log(at, actor, entity, entity_id, action, changes, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, at, actor, entity, id, action, string(body), prev, h)
	return true, err
}

// auditContent is the audit log's meaning, row by row, in either format:
// id, time, actor, record, action and each change with old and new text.
func auditContent(t *testing.T, db *sql.DB) []string {
	t.Helper()
	legacy, err := hasTable(context.Background(), db, "audit_key")
	if err != nil {
		t.Fatal(err)
	}
	legacy = !legacy
	rows, err := db.Query("SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id, eid                        int64
		at, actor, entity, action, raw string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.at, &r.actor, &r.entity, &r.eid, &r.action, &r.raw); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	states := map[string]fields{}
	txt := newTexts(context.Background(), db)
	var out []string
	for _, r := range all {
		id, eid, at, actor, entity, action, raw := r.id, r.eid, r.at, r.actor, r.entity, r.action, r.raw
		var changes []app.FieldChange
		if legacy {
			err = json.Unmarshal([]byte(raw), &changes)
		} else {
			k := fmt.Sprint(entity, eid)
			if states[k] == nil {
				states[k] = fields{}
			}
			changes, err = expandChanges(txt, raw, states[k])
		}
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(changes, func(i, j int) bool { return changes[i].Field < changes[j].Field })
		var b strings.Builder
		for _, c := range changes {
			fmt.Fprintf(&b, "[%s: %q -> %q]", c.Field, c.Old, c.New)
		}
		out = append(out, fmt.Sprintf("%d %s %s %s %d %s %s", id, at, actor, entity, eid, action, b.String()))
	}
	return out
}

// firstDifference is the first row where two audit contents differ.
func firstDifference(a, b []string) string {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("row %d:\n%s\n%s", i+1, a[i], b[i])
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d rows -> %d rows", len(a), len(b))
	}
	return ""
}
