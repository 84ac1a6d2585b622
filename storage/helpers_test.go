package storage

import (
	"database/sql"
	"testing"
)

// openRaw opens a SQLite file directly, behind the store's back.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
