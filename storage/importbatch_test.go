package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/app/importing"
)

// importMigration is the schema that added import batches (renumbered at
// merge time: change it here only).
const importMigration = 9

var importHeader = []string{"Surname", "Forename", "DOB", "NHS No", "Area", "RAG", "Register", "Keyworker", "Notes"}

// importTable is a register sheet of n people with test-range NHS numbers
// (from body), plus one row refused for a bad check digit.
func importTable(n, body int, hash string) *importing.Table {
	t := &importing.Table{FileName: "team-register.xlsx", Sheet: "DSR", Hash: hash, HeaderRow: 1, Header: importHeader}
	for i := range n {
		nhs, _ := app.TestNHSNumber(body + i)
		rag := []string{"R", "A", "G", "B"}[i%4]
		reg := map[string]string{"R": "ROAR", "A": "DSR", "G": "dsr", "B": "Dynamic Support Register"}[rag]
		t.Rows = append(t.Rows, importing.Row{Number: i + 2, Cells: []string{fmt.Sprintf("Importson%d", i), "Sam",
			fmt.Sprintf("%02d/03/2010", 1+i%28), nhs.String(), "Leicester", rag, reg, "Kim Keyworker", "Likes trains"}})
	}
	t.Rows = append(t.Rows, importing.Row{Number: n + 2, Cells: []string{"Bad", "Number", "01/01/2001", "999 000 0019", "Rutland", "G", "DSR"}})
	return t
}

// countImportRows is countRows with the import tables.
func countImportRows(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := countRows(t, s)
	for _, table := range []string{"import_batches", "import_people", "import_mappings"} {
		var n int
		if err := s.ro.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func newImporter(s *Store) importing.Importer {
	return importing.NewImporter(s, newService(s))
}

func importAll(t *testing.T, im importing.Importer, tab *importing.Table) (importing.Plan, importing.Batch) {
	t.Helper()
	ctx := context.Background()
	m, _, err := im.Mapping(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := im.Preview(ctx, tab, m)
	if err != nil {
		t.Fatal(err)
	}
	b, err := im.Import(ctx, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	return plan, b
}

func TestImportStoresABatchWithAuditRowsAndFlags(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	im := newImporter(s)
	before := countImportRows(t, s)

	// when a sheet of 12 good rows and one bad one is imported
	plan, b := importAll(t, im, importTable(12, 5000, "hash-1"))

	// then the 12 are added as one batch, with audit rows for every record
	if b.ID == 0 || b.Added != 12 || b.Refused != 1 || b.Rows != 13 || len(b.New) != 12 {
		t.Fatalf("batch %+v", b)
	}
	after := countImportRows(t, s)
	for table, want := range map[string]int{"people": 12, "registrations": 12, "rating_changes": 12, "import_batches": 1, "import_people": 12} {
		if got := after[table] - before[table]; got != want {
			t.Errorf("%d new %s rows, want %d", got, table, want)
		}
	}
	var audits int
	s.ro.QueryRow(`SELECT count(*) FROM audit_log WHERE entity IN ('person', 'registration', 'rating_change', 'import_batch') AND action = 'create'`).Scan(&audits)
	if audits != 12*3+1 {
		t.Errorf("%d create audit rows, want %d", audits, 12*3+1)
	}
	if res, err := s.VerifyAudit(ctx); err != nil || !res.OK {
		t.Errorf("audit chain: %+v %v", res, err)
	}

	// and each person is on the sheet's register and rating, flagged
	rows, err := s.RegisterAll(ctx, app.DSR, now)
	if err != nil {
		t.Fatal(err)
	}
	roar, _ := s.RegisterAll(ctx, app.ROAR, now)
	if len(rows)+len(roar) != 12 || len(roar) != 3 {
		t.Fatalf("%d on the DSR and %d on the ROAR, want 9 and 3", len(rows), len(roar))
	}
	for _, r := range append(rows, roar...) {
		if !r.DetailsIncomplete || !r.ConsentUnconfirmed || !r.RatingToReview || !r.NeedsAttention(now) {
			t.Errorf("row %d flags %v %v %v", r.PersonID, r.DetailsIncomplete, r.ConsentUnconfirmed, r.RatingToReview)
		}
	}
	rec, err := s.PersonRecord(ctx, b.New[0].Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Person.Diagnosis != app.DiagnosisNotRecorded || rec.Import.BatchID != b.ID || len(rec.Import.Notes()) != 3 {
		t.Errorf("record: diagnosis %s, import %+v", rec.Person.Diagnosis, rec.Import)
	}
	g, _ := rec.Current()
	if changes := rec.RatingChanges[g.ID]; len(changes) != 1 || !strings.Contains(changes[0].Reason, "Imported from team-register.xlsx (row 2)") ||
		!strings.Contains(changes[0].Reason, "Keyworker: Kim Keyworker.") {
		t.Errorf("timeline source %+v", changes)
	}

	// and Today has one item for the batch, not one per person
	in, _, err := s.ReminderInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rules, _ := newService(s).Rules(ctx)
	items := rules.DueReminders(now, in)
	var batchItems, consentItems int
	for _, it := range items {
		switch it.Kind {
		case app.RemindImportReview:
			batchItems++
			if !strings.Contains(it.Text, "12 people imported from team-register.xlsx") {
				t.Errorf("batch item %q", it.Text)
			}
		case app.RemindConsentCheck:
			consentItems++
		}
	}
	if batchItems != 1 || consentItems != 0 {
		t.Errorf("%d batch items and %d consent checks, want 1 and 0", batchItems, consentItems)
	}
	if plan.Counts.Refused != 1 {
		t.Errorf("plan %+v", plan.Counts)
	}
}

func TestReimportAddsNobodyTwice(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	im := newImporter(s)
	_, first := importAll(t, im, importTable(8, 6000, "hash-2"))

	// when the same file is previewed again
	tab := importTable(8, 6000, "hash-2")
	plan, err := im.Preview(ctx, tab, importing.GuessMapping(tab.Header))
	if err != nil {
		t.Fatal(err)
	}
	// then it is recognised, and every good row is linked
	if plan.EarlierBatch != first.ID || plan.Counts.Added != 0 || plan.Counts.AlreadyImported != 8 {
		t.Errorf("earlier batch %d, counts %+v", plan.EarlierBatch, plan.Counts)
	}
	b, err := im.Import(ctx, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Stats(ctx)
	if b.Added != 0 || b.Linked != 8 || st.People != 8 {
		t.Errorf("second batch %+v; %d people", b, st.People)
	}
	// and the mapping used was saved and is offered next time
	if _, saved, err := im.Mapping(ctx, tab); err != nil || !saved {
		t.Errorf("saved mapping offered: %v, %v", saved, err)
	}
}

func TestUndoImport(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	im := newImporter(s)
	_, b := importAll(t, im, importTable(6, 7000, "hash-3"))

	t.Run("a batch whose people changed cannot be undone", func(t *testing.T) {
		_, other := importAll(t, im, importTable(2, 7100, "hash-4"))
		svc := newService(s)
		if _, err := svc.RecordConsent(ctx, other.New[0].Person.ID, app.ConsentEvent{GivenBy: app.GivenByPerson,
			Date: app.DateOf(now), Scope: "DSP", RecordSystem: "SystmOne", RecordReference: "REF-1"}); err != nil {
			t.Fatal(err)
		}
		_, err := im.Undo(ctx, other.ID)
		if !errors.Is(err, app.ErrConflict) || !strings.Contains(err.Error(), "1 of the people import") {
			t.Errorf("undo = %v, want a conflict naming one changed person", err)
		}
	})

	st, _ := s.Stats(ctx)
	peopleBefore := st.People
	undone, err := im.Undo(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !undone.Undone() {
		t.Errorf("batch %+v not marked undone", undone)
	}
	// the people leave every list and count, and nothing is deleted
	rows, _ := s.RegisterAll(ctx, app.DSR, now)
	roar, _ := s.RegisterAll(ctx, app.ROAR, now)
	for _, r := range append(rows, roar...) {
		for _, n := range b.New {
			if r.PersonID == n.Person.ID {
				t.Errorf("person %d is still on the %s", r.PersonID, r.Register)
			}
		}
	}
	st, _ = s.Stats(ctx)
	if st.People != peopleBefore-6 {
		t.Errorf("%d people counted, want %d", st.People, peopleBefore-6)
	}
	var stored int
	s.ro.QueryRow("SELECT count(*) FROM people").Scan(&stored)
	if stored != peopleBefore {
		t.Errorf("%d people rows, want %d kept", stored, peopleBefore)
	}
	p := b.New[0].Person
	cands, _ := s.DuplicateCandidates(ctx, "", p.DateOfBirth)
	for _, c := range cands {
		for _, n := range b.New {
			if c.ID == n.Person.ID {
				t.Errorf("removed person %d is still a duplicate candidate", c.ID)
			}
		}
	}
	rec, _ := s.PersonRecord(ctx, p.ID)
	if !rec.Import.Removed {
		t.Errorf("record import %+v, want removed", rec.Import)
	}
	var removes int
	s.ro.QueryRow(`SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'remove'`).Scan(&removes)
	if removes != 6 {
		t.Errorf("%d remove audit rows, want 6", removes)
	}
	if _, err := im.Undo(ctx, b.ID); !errors.Is(err, app.ErrConflict) {
		t.Errorf("a second undo = %v, want a conflict", err)
	}

	// and the same file can be imported again, adding them afresh
	_, again := importAll(t, im, importTable(6, 7000, "hash-3"))
	if again.Added != 6 {
		t.Errorf("re-import after undo added %d, want 6", again.Added)
	}
}

func TestCancelledImportStoresNothing(t *testing.T) {
	s, _ := openTemp(t)
	im := newImporter(s)
	tab := importTable(20, 8000, "hash-5")
	plan, err := im.Preview(context.Background(), tab, importing.GuessMapping(tab.Header))
	if err != nil {
		t.Fatal(err)
	}
	before := countImportRows(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	var seen []int
	_, err = im.Import(ctx, plan, func(done, total int) {
		seen = append(seen, done)
		if done == 5 {
			cancel()
		}
		if total != 20 {
			t.Errorf("total %d, want 20", total)
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want cancelled", err)
	}
	if len(seen) != 5 {
		t.Errorf("progress %v", seen)
	}
	if after := countImportRows(t, s); !mapsEqual(before, after) {
		t.Errorf("rows changed: %v -> %v", before, after)
	}
}

func TestMigrationToImportBatchesKeepsPeopleAndAllowsNotRecorded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "before-import.db")
	old := olderWithData(t, path, importMigration-1, func(s *Store) {
		if _, err := seedDemoAs(ctx, s, importMigration-1, 60, 5, 1); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := old.rw.Exec("INSERT INTO people(given_name, family_name, date_of_birth, address, postcode, local_authority, diagnosis, created_at, updated_at) VALUES ('A', 'B', '2001-01-01', '', '', 1, 4, 'x', 'x')"); err == nil {
		t.Fatal("schema 6 already took diagnosis 4: the test would prove nothing")
	}
	cols := tableColumns(t, old.ro, "people") // later migrations may add columns: compare these
	before := snapshotTable(t, old.ro, "people", cols)
	old.Close()

	s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := snapshotTable(t, s.ro, "people", cols)
	if d := diffSnapshots(map[string]tableState{"people": before}, map[string]tableState{"people": after}); d != "" {
		t.Errorf("people changed: %s", d)
	}
	if p := foreignKeyProblems(t, s.ro); len(p) > 0 {
		t.Errorf("foreign key problems: %v", p)
	}
	for _, idx := range []string{"people_dob", "people_family_name", "people_name", "people_local_authority"} {
		var n int
		s.ro.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?", idx).Scan(&n)
		if n != 1 {
			t.Errorf("index %s missing after the rebuild", idx)
		}
	}
	if _, err := s.rw.Exec("INSERT INTO people(given_name, family_name, date_of_birth, address, postcode, local_authority, diagnosis, created_at, updated_at) VALUES ('A', 'B', '2001-01-01', '', '', 1, 4, 'x', 'x')"); err != nil {
		t.Errorf("diagnosis not recorded cannot be stored: %v", err)
	}
	if _, err := s.rw.Exec("INSERT INTO contacts(person_id, position, name) VALUES (999999, 0, 'x')"); err == nil {
		t.Error("foreign keys are not enforced after the migration")
	}
}
