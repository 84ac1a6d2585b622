package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dspdesk/app"
)

// olderWithData makes the database at path at schema version, holding
// what fill writes. fill runs on a database at the latest schema, through
// today's code (which reads columns older schemas lack); its rows are then
// copied into a database built by the migrations up to version, keeping
// the columns that schema has. fill must write only what that schema can
// hold (seedDemoAs picks the demo data's shape for a schema).
func olderWithData(t *testing.T, path string, version int, fill func(s *Store)) *Store {
	t.Helper()
	ctx := context.Background()
	src, err := Open(ctx, filepath.Join(t.TempDir(), "fill.db"), WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	fill(src)
	if _, err := src.rw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	dst := openUnprepared(t, path)
	if err := dst.migrateTo(ctx, version); err != nil {
		t.Fatalf("build schema %d: %v", version, err)
	}
	legacy := version < keyedAuditMigrationNumber
	if err := copyRows(ctx, dst, src.path, legacy); err != nil {
		t.Fatalf("copy into schema %d: %v", version, err)
	}
	if legacy {
		if err := copyAuditAsLegacy(ctx, dst, src); err != nil {
			t.Fatalf("copy the audit log into schema %d: %v", version, err)
		}
	}
	return dst
}

// copyAuditAsLegacy writes src's (keyed, compact) audit rows into dst's
// audit log as schema 6 and before kept it: each change with its old and
// new text, chained by SHA-256, so the upgrade to the keyed log verifies
// and converts them as it would a real older database.
func copyAuditAsLegacy(ctx context.Context, dst, src *Store) error {
	rows, err := src.ro.QueryContext(ctx, "SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log ORDER BY id")
	if err != nil {
		return err
	}
	type row struct {
		id, eid                        int64
		at, actor, entity, action, raw string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.at, &r.actor, &r.entity, &r.eid, &r.action, &r.raw); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	txt := newTexts(ctx, src.ro)
	states := map[string]fields{}
	prev := legacyGenesis
	for _, r := range all {
		k := fmt.Sprint(r.entity, r.eid)
		if states[k] == nil {
			states[k] = fields{}
		}
		changes, err := expandChanges(txt, r.raw, states[k])
		if err != nil {
			return err
		}
		if changes == nil {
			changes = []app.FieldChange{}
		}
		body, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		h := legacyHash(prev, r.at, r.actor, r.entity, r.eid, r.action, string(body))
		_, err = dst.rw.ExecContext(ctx, `INSERT INTO audit_log(id, at, actor, entity, entity_id, action, changes, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.id, r.at, r.actor, r.entity, r.eid, r.action, string(body), prev, h)
		if err != nil {
			return err
		}
		prev = h
	}
	return nil
}

// copyRows copies every row of every table of the database at srcPath
// into dst's tables of the same name (its schema_migrations aside, and the
// audit log when skipAudit: an older schema's log has another format), in
// the columns both have.
func copyRows(ctx context.Context, dst *Store, srcPath string, skipAudit bool) error {
	conn, err := dst.rw.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON") //nolint:errcheck // test helper
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS src", srcPath); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "DETACH DATABASE src") //nolint:errcheck // test helper
	var tables []string
	rows, err := conn.QueryContext(ctx, `SELECT name FROM main.sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, n)
	}
	rows.Close()
	for _, table := range tables {
		if skipAudit && table == "audit_log" {
			continue
		}
		if table == "audit_key" { // the copied log is keyed with the source's key
			if _, err := conn.ExecContext(ctx, "DELETE FROM main.audit_key"); err != nil {
				return err
			}
		}
		cols, err := commonColumns(ctx, conn, table)
		if err != nil {
			return err
		}
		list := strings.Join(cols, ", ")
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("INSERT INTO main.%s(%s) SELECT %s FROM src.%s", table, list, list, table)); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// commonColumns are the columns table has in both main and src.
func commonColumns(ctx context.Context, conn interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, table string) ([]string, error) {
	names := func(schema string) (map[string]bool, []string, error) {
		rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT name FROM pragma_table_info('%s', '%s')", table, schema))
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		set, list := map[string]bool{}, []string(nil)
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return nil, nil, err
			}
			set[n], list = true, append(list, n)
		}
		return set, list, rows.Err()
	}
	_, mainCols, err := names("main")
	if err != nil {
		return nil, err
	}
	srcCols, _, err := names("src")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range mainCols {
		if srcCols[c] {
			out = append(out, c)
		}
	}
	return out, nil
}
