package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/app/calendar"
	"dspdesk/app/demo"
)

// Test-only helpers shared by the migration, reliability and benchmark
// tests.

// openUnprepared opens a Store's writer and reader pools on path exactly as
// Open does, but without prepare: no checks, no migrations, no default
// rows. Tests use it with migrateTo to build an older schema.
func openUnprepared(tb testing.TB, path string) *Store {
	tb.Helper()
	s := &Store{path: path, now: app.FixedClock(now).Now, keys: DefaultKeys(), oldAudit: legacyAudit}
	var err error
	if s.rw, err = sql.Open("sqlite3", dsn(path, false)); err != nil {
		tb.Fatal(err)
	}
	s.rw.SetMaxOpenConns(1)
	s.rw.SetConnMaxIdleTime(0)
	if s.ro, err = sql.Open("sqlite3", dsn(path, true)); err != nil {
		tb.Fatal(err)
	}
	s.ro.SetMaxOpenConns(4)
	tb.Cleanup(func() { s.Close() })
	return s
}

// tableState is one table's content in a form that can be compared: its
// columns, its row count and a SHA-256 over every row (each value through
// SQLite's quote(), so types and exact values count), in sorted order.
type tableState struct {
	Columns []string
	Rows    int
	Sum     string
	rows    []string
}

// tableNames lists the user tables of the database, by name.
func tableNames(tb testing.TB, db *sql.DB) []string {
	tb.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			tb.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func tableColumns(tb testing.TB, db *sql.DB, table string) []string {
	tb.Helper()
	rows, err := db.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			tb.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// snapshotTable reads the given columns of every row of table.
func snapshotTable(tb testing.TB, db *sql.DB, table string, cols []string) tableState {
	tb.Helper()
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = fmt.Sprintf(`quote("%s")`, c)
	}
	rows, err := db.Query(fmt.Sprintf(`SELECT %s FROM "%s"`, strings.Join(quoted, " || char(31) || "), table))
	if err != nil {
		tb.Fatalf("snapshot %s: %v", table, err)
	}
	defer rows.Close()
	st := tableState{Columns: cols}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			tb.Fatal(err)
		}
		st.rows = append(st.rows, line)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	sort.Strings(st.rows)
	h := sha256.New()
	for _, r := range st.rows {
		fmt.Fprintf(h, "%d:%s;", len(r), r)
	}
	st.Rows, st.Sum = len(st.rows), hex.EncodeToString(h.Sum(nil))
	return st
}

// snapshotTables reads every user table of the database.
func snapshotTables(tb testing.TB, db *sql.DB) map[string]tableState {
	tb.Helper()
	out := map[string]tableState{}
	for _, t := range tableNames(tb, db) {
		out[t] = snapshotTable(tb, db, t, tableColumns(tb, db, t))
	}
	return out
}

// diffSnapshots describes how two snapshots differ, or returns "".
func diffSnapshots(before, after map[string]tableState) string {
	var out []string
	for name, b := range before {
		a, ok := after[name]
		switch {
		case !ok:
			out = append(out, name+" is gone")
		case a.Rows != b.Rows:
			out = append(out, fmt.Sprintf("%s: %d rows -> %d", name, b.Rows, a.Rows))
		case a.Sum != b.Sum:
			out = append(out, name+": same row count, different content")
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			out = append(out, name+" is new")
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// foreignKeyProblems returns the rows PRAGMA foreign_key_check reports.
func foreignKeyProblems(tb testing.TB, db *sql.DB) []string {
	tb.Helper()
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			tb.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s row %d -> %s", table, rowid.Int64, parent))
	}
	return out
}

// seedDemo stores people synthetic people (app/demo) through Batch, so the
// rows are written by the same code, with the same audit rows, as the app's.
func seedDemo(ctx context.Context, s *Store, people int, seed uint64, firstBody int) (demo.Summary, error) {
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return demo.Summary{}, err
	}
	return seedDemoAs(ctx, s, version, people, seed, firstBody)
}

// seedDemoAs writes demo data shaped as schema version could hold it (into
// a database at the latest schema, for olderWithData to copy).
func seedDemoAs(ctx context.Context, s *Store, version, people int, seed uint64, firstBody int) (demo.Summary, error) {
	rules := app.NewRules(app.DefaultSettings(), calendar.Default())
	return demo.Generate(demo.Config{People: people, Seed: seed, Now: now, Rules: rules, FirstBody: firstBody},
		func(fn func(demo.Sink) error) error {
			return s.Batch(ctx, "seed", func(b *Batch) error {
				switch {
				case version < 4:
					return fn(schema3Sink{schema5Sink{b}})
				case version < 6:
					return fn(schema5Sink{b})
				}
				return fn(b)
			})
		})
}

// schema3Sink writes demo data as a schema older than 4 could hold it:
// meetings without an outcome or next date (the columns came in schema 4).
type schema3Sink struct{ schema5Sink }

func (s schema3Sink) CreateMeeting(m app.Meeting) (app.Meeting, error) {
	m.Outcome, m.NextDate = 0, time.Time{}
	if m.Status == app.MeetingOutcomeRecorded {
		m.Status = app.MeetingHeld
	}
	return s.Batch.CreateMeeting(m)
}

// schema5Sink writes demo actions and gaps as a schema older than 6 held
// them: no blocked status or reasons, no place, age group, short
// description or closing date on gaps.
type schema5Sink struct{ *Batch }

func (s schema5Sink) CreateAction(a app.Action) (app.Action, error) {
	if a.Status == app.ActionBlocked {
		a.Status = app.ActionInProgress
	}
	res, err := s.tx.ExecContext(s.ctx, `INSERT INTO actions(person_id, meeting_id, description, desired_outcome, owner, agency, due,
		status, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.PersonID, nullID(a.MeetingID), a.Description,
		a.DesiredOutcome, a.Owner, a.Agency, fmtDate(a.Due), int(a.Status), fmtDate(a.CompletedOn))
	if err != nil {
		return a, err
	}
	a.ID, _ = res.LastInsertId()
	for i := range a.Progress {
		if a.Progress[i], err = s.s.addProgress(s.ctx, s.tx, s.actor, a.ID, a.Progress[i]); err != nil {
			return a, err
		}
	}
	return a, nil
}

func (s schema5Sink) CreateGap(g app.Gap) (app.Gap, error) {
	res, err := s.tx.ExecContext(s.ctx, `INSERT INTO gaps(date, raised_by, person_id, meeting_id, action_id, category, description,
		impact, what_tried, escalated_to, response, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		fmtDate(g.Date), g.RaisedBy, nullID(g.PersonID), nullID(g.MeetingID), nullID(g.ActionID), int(g.Category),
		g.Description, g.Impact, g.WhatTried, g.EscalatedTo, g.Response, int(g.Status))
	if err != nil {
		return g, err
	}
	g.ID, _ = res.LastInsertId()
	return g, nil
}

// writerPerson returns a valid, distinct synthetic person for NHS test-range
// body n, or false when n has no valid check digit. Dates of birth vary with
// n so duplicate matching stays small.
func writerPerson(n int) (app.Person, bool) {
	nhs, ok := app.TestNHSNumber(n)
	if !ok {
		return app.Person{}, false
	}
	p := apptest.Child()
	p.NHSNumber = nhs
	p.DateOfBirth = app.Date(1992, 1, 1).AddDate(0, 0, n%8000)
	return p, true
}

func TestSnapshotsCatchLostAndChangedRows(t *testing.T) {
	s, _ := openTemp(t)
	for _, p := range []app.Person{apptest.Child(), apptest.Adult()} {
		if _, err := newService(s).SubmitReferral(context.Background(), apptest.Referral(p, now), app.SubmitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, sql, want string
	}{
		{"a row deleted behind the app's back is reported", "DELETE FROM contacts WHERE id = 1", "contacts: 1 rows -> 0"},
		{"a value changed behind the app's back is reported", "UPDATE people SET postcode = 'LE1 1AB' WHERE id = 1", "people: same row count, different content"},
		{"rewriting rows with the values they had is not a change", "UPDATE referral_concerns SET concern = concern", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshotTables(t, s.ro)
			if _, err := s.rw.Exec(tt.sql); err != nil {
				t.Fatal(err)
			}
			if got := diffSnapshots(before, snapshotTables(t, s.ro)); got != tt.want {
				t.Errorf("diff = %q, want %q", got, tt.want)
			}
		})
	}
}
