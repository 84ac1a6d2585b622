package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered, forward-only schema change.
type migration struct {
	version int
	name    string
	sql     string
	// foreignKeysOff runs the file with foreign key enforcement off (a
	// table rebuild needs it), then checks every key before committing. A
	// file asks for it with the line "-- dspdesk:foreign-keys-off".
	foreignKeysOff bool
}

// foreignKeysOffMark is the line that asks for foreignKeysOff.
const foreignKeysOffMark = "-- dspdesk:foreign-keys-off"

// migrations are the embedded files migrations/NNNN_name.sql, in order.
// Numbers start at 1 and have no gaps (a test checks it).
var migrations = loadMigrations()

func loadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			continue
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			continue
		}
		out = append(out, migration{version: v, name: name, sql: string(b),
			foreignKeysOff: hasLine(string(b), foreignKeysOffMark)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

// hasLine reports whether text has line as one of its lines (ignoring
// surrounding spaces and a carriage return, so a checkout with Windows line
// ends reads the same).
func hasLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == line {
			return true
		}
	}
	return false
}

// migrationSteps are the Go parts of migrations, by the file's name (not
// its number, which may change when branches merge): each runs after the
// file's SQL, in the same transaction.
var migrationSteps = map[string]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	"keyed_audit": keyedAuditMigration,
}

// migrationChecks run before a migration's SQL, in its transaction, and
// stop it when the database is not fit for it.
var migrationChecks = map[string]func(ctx context.Context, tx *sql.Tx) error{
	"keyed_audit": verifyBeforeKeying,
}

// migrate applies every migration above the database's user_version, each
// in its own transaction together with its schema_migrations row and the new
// user_version, so a failure leaves the database at the previous version.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

// migrateTo migrates up to and including version target (tests use it to
// build an older schema).
func (s *Store) migrateTo(ctx context.Context, target int) error {
	for _, m := range migrations {
		if m.version > target {
			continue
		}
		apply := func(tx *sql.Tx) error {
			// Read the version inside the (immediate) transaction: another
			// program opening the same new file at the same moment may have
			// applied this migration while we waited for the lock.
			var current int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
				return err
			}
			if m.version <= current {
				return nil
			}
			if check := migrationChecks[m.name]; check != nil {
				if err := check(ctx, tx); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if step := migrationSteps[m.name]; step != nil {
				if err := step(ctx, s, tx); err != nil {
					return err
				}
			}
			if m.foreignKeysOff {
				if err := checkForeignKeys(ctx, tx); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, fmtTime(s.now())); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		}
		var err error
		if m.foreignKeysOff {
			err = s.writeForeignKeysOff(ctx, apply)
		} else {
			err = s.write(ctx, apply)
		}
		if err != nil {
			return fmt.Errorf("storage: migrate to schema %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// writeForeignKeysOff is write with foreign key enforcement off on the
// writer connection for the transaction (the pragma does nothing inside
// one, so it is set before BEGIN and set back after).
func (s *Store) writeForeignKeysOff(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := s.rw.Conn(ctx)
	if err != nil {
		return mapErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return mapErr(err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); err != nil {
			// a connection that cannot turn enforcement back on is not reused
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		s.afterCommit(tx, false)
		return mapErr(err)
	}
	err = tx.Commit()
	s.afterCommit(tx, err == nil)
	return mapErr(err)
}

// checkForeignKeys fails when any row points at a row that does not exist.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("row %d of %s points at a missing row of %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}
