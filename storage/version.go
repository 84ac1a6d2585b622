package storage

import (
	"context"
	"database/sql"
	"time"

	"dspdesk/app"
)

// staleError is the conflict a save meets when the record's stored version
// is not the one the save started from: it names who changed the record
// last and when, from the audit log's latest row about it.
func staleError(ctx context.Context, tx *sql.Tx, entity string, id int64) error {
	c := &app.ConflictError{Entity: entity, ID: id}
	var at, actor string
	err := tx.QueryRowContext(ctx, `SELECT at, actor FROM audit_log WHERE entity = ? AND entity_id = ?
		ORDER BY id DESC LIMIT 1`, entity, id).Scan(&at, &actor)
	if err == nil {
		c.By = actor
		c.At, _ = time.Parse(timeLayout, at)
	}
	return c
}

// updated checks that an UPDATE ... WHERE version = ? changed its one row,
// and returns the conflict naming the latest change when it did not.
func updated(ctx context.Context, tx *sql.Tx, res sql.Result, entity string, id int64) error {
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return staleError(ctx, tx, entity, id)
	}
	return nil
}
