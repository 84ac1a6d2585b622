package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dspdesk/app"
	"dspdesk/storage"
)

// registerCSV writes a team register of n good people (test-range NHS
// numbers from body) and bad refused rows, and returns its path.
func registerCSV(t *testing.T, dir string, n, body, bad int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Surname;Forename;D.O.B.;NHS No;LA;RAG;Register\r\n")
	for i := range n {
		nhs, _ := app.TestNHSNumber(body + i)
		fmt.Fprintf(&b, "Csvperson%d;Sam;%02d/02/2011;%s;Leicester;%s;DSR\r\n", i, 1+i%28, nhs, []string{"A", "G"}[i%2])
	}
	for i := range bad {
		fmt.Fprintf(&b, "Badperson%d;Jo;01/01/2001;999 000 0019;Rutland;G;DSR\r\n", i)
	}
	path := filepath.Join(dir, "register.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func newDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "dsp.db")
	mustRun(t, exitOK, "init", "--db", db)
	return db
}

func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := newDB(t)

	t.Run("a dry run of a clean file exits 0 and stores nothing", func(t *testing.T) {
		good := registerCSV(t, t.TempDir(), 5, 1200, 0)
		r := mustRun(t, exitOK, "import", "--db", db, "--file", good, "--dry-run")
		if !strings.Contains(r.stdout, "Dry run, nothing stored: 5 rows: 5 to add") {
			t.Errorf("stdout %q", r.stdout)
		}
		if st := stats(t, db); st.People != 0 {
			t.Errorf("a dry run stored %d people", st.People)
		}
	})
	t.Run("a clean file exits 0, and again adds nobody twice", func(t *testing.T) {
		good := registerCSV(t, t.TempDir(), 5, 1200, 0)
		mustRun(t, exitOK, "import", "--db", db, "--file", good)
		r := mustRun(t, exitOK, "import", "--db", db, "--file", good)
		if !strings.Contains(r.stdout, "imported before") || !strings.Contains(r.stdout, "0 added") {
			t.Errorf("second import said %q", r.stdout)
		}
		if st := stats(t, db); st.People != 5 {
			t.Errorf("%d people, want 5", st.People)
		}
	})
	t.Run("a file with refused rows exits 3 and writes them to the problems workbook", func(t *testing.T) {
		mixed := registerCSV(t, dir, 3, 1300, 2)
		problems := filepath.Join(dir, "fix-me.xlsx")
		r := mustRun(t, exitPartly, "import", "--db", db, "--file", mixed, "--problems", problems)
		if !strings.Contains(r.stdout, "3 added") || !strings.Contains(r.stdout, "Row 5 refused: The NHS number's check digit") {
			t.Errorf("stdout %q", r.stdout)
		}
		f, err := excelize.OpenFile(problems)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetName(0))
		if len(rows) != 3 || rows[0][7] != "Import problem" || rows[1][0] != "Badperson0" {
			t.Errorf("problems workbook %q", rows)
		}
	})
	t.Run("without --problems the refused rows go beside the file", func(t *testing.T) {
		d := t.TempDir()
		mixed := registerCSV(t, d, 1, 1400, 1)
		mustRun(t, exitPartly, "import", "--db", db, "--file", mixed, "--dry-run")
		if _, err := os.Stat(filepath.Join(d, "register-problems.xlsx")); err != nil {
			t.Errorf("no problems file beside the input: %v", err)
		}
	})
	t.Run("a file that is not a register exits 4 with a sentence", func(t *testing.T) {
		wrong := filepath.Join(dir, "shopping.csv")
		os.WriteFile(wrong, []byte("Item,Count\napples,2\n"), 0o600)
		r := mustRun(t, exitUnusable, "import", "--db", db, "--file", wrong)
		oneSentence(t, r.stderr)
		if !strings.Contains(r.stderr, "Nothing was imported") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("a missing file exits 4", func(t *testing.T) {
		r := mustRun(t, exitUnusable, "import", "--db", db, "--file", filepath.Join(dir, "nope.xlsx"))
		oneSentence(t, r.stderr)
	})
	t.Run("a mapping that puts two columns on one field exits 4", func(t *testing.T) {
		good := registerCSV(t, t.TempDir(), 2, 1500, 0)
		m := filepath.Join(dir, "m.json")
		os.WriteFile(m, []byte(`{"Surname": "familyName", "Forename": "familyName"}`), 0o600)
		r := mustRun(t, exitUnusable, "import", "--db", db, "--file", good, "--mapping", m)
		if !strings.Contains(r.stderr, "both mapped to Last name") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("a mapping file places columns whose headings are not guessed", func(t *testing.T) {
		d := t.TempDir()
		file := filepath.Join(d, "odd.csv")
		os.WriteFile(file, []byte("Family,Given,Born,Where,Colour,Which list\nMappedperson,Sam,03/04/2012,Rutland,G,DSR\n"), 0o600)
		m := filepath.Join(d, "m.json")
		os.WriteFile(m, []byte(`{"Family": "familyName", "Given": "givenName", "Born": "dateOfBirth", "Where": "localAuthority", "Colour": "rating", "Which list": "register"}`), 0o600)
		r := mustRun(t, exitOK, "import", "--db", db, "--file", file, "--mapping", m)
		if !strings.Contains(r.stdout, "1 rows: 1 added") {
			t.Errorf("stdout %q", r.stdout)
		}
		mustRun(t, exitUnusable, "import", "--db", db, "--file", file) // guessed: no name column
	})
	t.Run("usage errors exit 2", func(t *testing.T) {
		mustRun(t, exitUsage, "import", "--db", db)
		mustRun(t, exitUsage, "import", "--db", db, "--file", "register.txt")
		mustRun(t, exitUsage, "import", "--db", db, "--file", "x.csv", "--bogus")
	})
}

func stats(t *testing.T, db string) storage.Stats {
	t.Helper()
	s, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestExportRegister(t *testing.T) {
	db := newDB(t)
	mustRun(t, exitOK, "import", "--db", db, "--file", registerCSV(t, t.TempDir(), 4, 1600, 0))
	dir := t.TempDir()

	t.Run("the DSR is written as a workbook and audited", func(t *testing.T) {
		out := filepath.Join(dir, "dsr.xlsx")
		r := mustRun(t, exitOK, "export-register", "--db", db, "--register", "dsr", "--out", out)
		if !strings.Contains(r.stdout, "Wrote 4 people on the DSR") {
			t.Errorf("stdout %q", r.stdout)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("DSR")
		if len(rows) != 5 || rows[0][2] != "Last name" || rows[1][15] != "Not yet confirmed (imported)" {
			t.Errorf("rows %q", rows)
		}
		s, _ := storage.Open(context.Background(), db)
		defer s.Close()
		entries, err := s.AuditTrail(context.Background(), "register", int64(app.DSR))
		if err != nil || len(entries) == 0 || !strings.Contains(entries[len(entries)-1].Changes[0].New, "DSR export (4 rows)") {
			t.Errorf("audit %+v %v", entries, err)
		}
	})
	t.Run("the ROAR is written as CSV", func(t *testing.T) {
		out := filepath.Join(dir, "roar.csv")
		mustRun(t, exitOK, "export-register", "--db", db, "--register", "ROAR", "--out", out)
		data, _ := os.ReadFile(out)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil || len(recs) != 1 || recs[0][0] != "Register" {
			t.Errorf("records %q, %v", recs, err)
		}
	})
	t.Run("usage errors exit 2", func(t *testing.T) {
		mustRun(t, exitUsage, "export-register", "--db", db, "--out", filepath.Join(dir, "x.xlsx"))
		mustRun(t, exitUsage, "export-register", "--db", db, "--register", "waiting", "--out", filepath.Join(dir, "x.xlsx"))
		mustRun(t, exitUsage, "export-register", "--db", db, "--register", "dsr", "--out", filepath.Join(dir, "x.pdf"))
		mustRun(t, exitUsage, "export-register", "--db", db, "--register", "dsr")
	})
}
