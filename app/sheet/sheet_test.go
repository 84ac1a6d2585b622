package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"dspdesk/app"
	"dspdesk/app/importing"
)

var today = time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)

// makeWorkbook writes a team register as Excel would hold it: a merged
// title row, a blank row, a messy header, real dates (numbers with a date
// format), a blank row among the people, and a formula.
func makeWorkbook(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Team DSR"
	f.SetSheetName("Sheet1", sh)
	f.NewSheet("Notes")
	f.SetCellValue(sh, "A1", "LLR Dynamic Support Register: December")
	if err := f.MergeCell(sh, "A1", "H1"); err != nil {
		t.Fatal(err)
	}
	header := []any{" Surname ", "First Name", "D.O.B.", "NHS No.", "LA", "RAG rating", "Register", "Last MAM"}
	f.SetSheetRow(sh, "A3", &header)
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // Excel's "m/d/yy": a US display must not matter
	rows := [][]any{
		{"Example", "Sam", time.Date(2012, 4, 3, 0, 0, 0, 0, time.UTC), "999 000 0018", "Leicester", "A", "DSR", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		{"Sample", "Alex", time.Date(2001, 12, 11, 0, 0, 0, 0, time.UTC), 9990000026, "Rutland", "red", "ROAR", nil},
		{},
		{"Bad", "Digit", time.Date(2005, 1, 2, 0, 0, 0, 0, time.UTC), "999 000 0019", "Leicestershire", "G", "DSR", nil},
		{"Formula", "Fay", time.Date(2010, 6, 7, 0, 0, 0, 0, time.UTC), nil, "Leicestershire", nil, "DSR", nil},
	}
	for i, r := range rows {
		axis, _ := excelize.CoordinatesToCellName(1, 4+i)
		if err := f.SetSheetRow(sh, axis, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.SetCellStyle(sh, "C4", "C8", dateStyle)
	f.SetCellStyle(sh, "H4", "H8", dateStyle)
	if err := f.SetCellFormula(sh, "F8", `=UPPER("g")`); err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(0)
	path := filepath.Join(dir, "register.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadWorkbook(t *testing.T) {
	dir := t.TempDir()
	path := makeWorkbook(t, dir)
	sheets, err := Sheets(path)
	if err != nil || len(sheets) != 2 || sheets[0] != "Team DSR" {
		t.Fatalf("sheets %v, %v", sheets, err)
	}
	tab, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the header is found below the merged title and the blank row", func(t *testing.T) {
		if tab.HeaderRow != 3 || tab.Sheet != "Team DSR" || len(tab.Header) != 8 || tab.Header[0] != "Surname" {
			t.Errorf("header row %d of %q: %q", tab.HeaderRow, tab.Sheet, tab.Header)
		}
		if len(tab.Hash) != 64 {
			t.Errorf("hash %q", tab.Hash)
		}
	})
	plan := importing.BuildPlan(tab, importing.GuessMapping(tab.Header), nil, today)
	t.Run("dates are read from Excel date numbers, day and month never swapped", func(t *testing.T) {
		c := plan.Rows[0].Candidate
		if !c.Person.DateOfBirth.Equal(app.Date(2012, 4, 3)) || !c.LastMAM.Equal(app.Date(2026, 10, 1)) {
			t.Errorf("born %v, last MAM %v", c.Person.DateOfBirth, c.LastMAM)
		}
	})
	t.Run("a number cell holding an NHS number is read", func(t *testing.T) {
		if plan.Rows[1].Outcome != importing.Add || plan.Rows[1].Candidate.Person.NHSNumber != "9990000026" {
			t.Errorf("row %+v", plan.Rows[1])
		}
	})
	t.Run("the blank row is skipped and the bad row refused", func(t *testing.T) {
		if plan.Counts.Rows != 4 || plan.Counts.Refused != 1 || plan.Rows[2].Number != 7 {
			t.Errorf("counts %+v, third row %d", plan.Counts, plan.Rows[2].Number)
		}
	})
	t.Run("a formula saved without its value is calculated", func(t *testing.T) {
		if r := plan.Rows[3]; r.Outcome != importing.Add || r.Candidate.Rating != app.Green {
			t.Errorf("formula row %+v", r)
		}
	})

	t.Run("the problems workbook holds the header and the refused rows as they were, with the reason", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteProblems(&buf, plan); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "problems.xlsx")
		os.WriteFile(out, buf.Bytes(), 0o600)
		back, err := Read(out, "")
		if err != nil {
			t.Fatal(err)
		}
		if back.HeaderRow != 1 || back.Header[len(back.Header)-1] != ProblemColumn || len(back.Rows) != 1 {
			t.Fatalf("problems: header %q, %d rows", back.Header, len(back.Rows))
		}
		cells := back.Rows[0].Cells
		if cells[0] != "Bad" || cells[3] != "999 000 0019" || !strings.Contains(cells[len(cells)-1], "check digit") {
			t.Errorf("problem row %q", cells)
		}
		// fixed in Excel and imported again, it is read like the original
		cells[3] = "999 000 0034"
		again := importing.BuildPlan(back, importing.GuessMapping(back.Header), nil, today)
		if again.Counts.Refused != 0 || !again.Rows[0].Candidate.Person.DateOfBirth.Equal(app.Date(2005, 1, 2)) {
			t.Errorf("re-read problem row: %+v", again.Rows[0])
		}
	})
	t.Run("a sheet that does not exist is refused as unusable", func(t *testing.T) {
		if _, err := Read(path, "Nope"); !errors.Is(err, importing.ErrUnusableFile) || !strings.Contains(err.Error(), `no sheet called "Nope"`) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestReadCSVInEveryEncoding(t *testing.T) {
	text := "Register export\n\nSurname,Forename,DOB,NHS number,Area,RAG,Register,Notes\n" +
		"Zoë,O'Brien,03/04/2012,999 000 0018,Leicester City,Amber,Dynamic Support Register,\"Café, then home\"\n" +
		",,,,,,,\n" +
		"Émile,Brontë,3.4.12,,Rutland,G,dsr,£5 bus fare\n"
	semi := strings.NewReplacer(",", ";").Replace(strings.Replace(text, "\"Café, then home\"", "\"Café; then home\"", 1))
	win := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"UTF-8 with a byte order mark", append([]byte("\xef\xbb\xbf"), text...)},
		{"UTF-8 without a byte order mark", []byte(text)},
		{"Windows-1252 as Excel writes it", win(text)},
		{"semicolons, as Excel writes in UK and EU locales", []byte(semi)},
		{"Windows-1252 with semicolons", win(semi)},
		{"CRLF line ends", []byte(strings.ReplaceAll(text, "\n", "\r\n"))},
	}
	for _, c := range cases {
		t.Run("a CSV file in "+c.name+" is read", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "register.csv")
			os.WriteFile(path, c.data, 0o600)
			tab, err := Read(path, "")
			if err != nil {
				t.Fatal(err)
			}
			if tab.HeaderRow != 3 || tab.Header[0] != "Surname" || len(tab.Rows) != 3 {
				t.Fatalf("header row %d %q, %d rows", tab.HeaderRow, tab.Header, len(tab.Rows))
			}
			plan := importing.BuildPlan(tab, importing.GuessMapping(tab.Header), nil, today)
			if plan.Counts.Added != 2 || plan.Counts.Refused != 0 {
				t.Fatalf("counts %+v: %+v", plan.Counts, plan.Rows)
			}
			p := plan.Rows[0].Candidate
			if p.Person.FamilyName != "Zoë" || p.Person.GivenName != "O'Brien" || !strings.HasPrefix(p.Notes, "Café") {
				t.Errorf("first person %q %q, notes %q", p.Person.GivenName, p.Person.FamilyName, p.Notes)
			}
			if plan.Rows[1].Candidate.Notes != "£5 bus fare" || !plan.Rows[1].Candidate.Person.DateOfBirth.Equal(app.Date(2012, 4, 3)) {
				t.Errorf("second row %+v", plan.Rows[1].Candidate)
			}
		})
	}
	t.Run("a file that is not a workbook is refused as unusable", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "register.xlsx")
		os.WriteFile(path, []byte("not a zip"), 0o600)
		if _, err := Read(path, ""); !errors.Is(err, importing.ErrUnusableFile) {
			t.Errorf("err = %v, want unusable", err)
		}
	})
	t.Run("a CSV with no header row gives a table a check refuses", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "shopping.csv")
		os.WriteFile(path, []byte("apples,2\npears,3\n"), 0o600)
		tab, err := Read(path, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := importing.CheckTable(tab, importing.GuessMapping(tab.Header)); err == nil {
			t.Error("a shopping list was taken for a register")
		}
	})
}

func exportFixture() app.RegisterExport {
	rows := []app.RegisterRow{
		{Register: app.DSR, Rating: app.Amber, GivenName: "Sam", FamilyName: "=Example", NHSNumber: "9990000018",
			DateOfBirth: app.Date(2012, 4, 3), LocalAuthority: app.LeicesterCity, Since: app.Date(2026, 1, 5), Consent: app.ConsentGiven},
		{Register: app.DSR, Rating: app.Green, GivenName: "Withdrawn", FamilyName: "Person", Consent: app.ConsentWithdrawn},
		{Register: app.DSR, Rating: app.Red, GivenName: "Imported", FamilyName: "Person", DateOfBirth: app.Date(2000, 1, 1),
			Consent: app.ConsentMissing, ConsentUnconfirmed: true, RatingToReview: true, DetailsIncomplete: true},
	}
	return app.ExportRegister("DSR", rows, today)
}

func TestWriteRegisterXLSX(t *testing.T) {
	e := exportFixture()
	if e.LeftOut != 1 || len(e.Rows) != 2 || e.LeftOutSentence() != "1 person whose consent is withdrawn was left out." {
		t.Fatalf("export left out %d, %d rows", e.LeftOut, len(e.Rows))
	}
	var buf bytes.Buffer
	if err := WriteRegisterXLSX(&buf, e); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("DSR")
	if len(rows) != 3 || rows[0][0] != "Register" || rows[1][2] != "=Example" {
		t.Fatalf("rows %q", rows)
	}
	raw, _ := f.GetCellValue("DSR", "G2", excelize.Options{RawCellValue: true})
	if raw != "41002" {
		t.Errorf("date of birth is stored as %q, want the Excel date number 41002", raw)
	}
	if got, _ := f.GetCellValue("DSR", "G2"); got != "03/04/2012" {
		t.Errorf("date of birth shows as %q", got)
	}
	if typ, _ := f.GetCellType("DSR", "H2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("age cell type %v, want a number", typ)
	}
	panes, _ := f.GetPanes("DSR")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, want the header frozen", panes)
	}
	if rows[2][15] != "Not yet confirmed (imported)" || !strings.Contains(rows[2][16], "rating to review") {
		t.Errorf("imported row %q", rows[2])
	}
}

func TestWriteRegisterCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRegisterCSV(&buf, exportFixture()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Error("no byte order mark: Excel would not read it as UTF-8")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[1][2] != "'=Example" || recs[1][6] != "03/04/2012" || recs[1][5] != "999 000 0018" {
		t.Errorf("records %q", recs)
	}
	for in, want := range map[string]string{"=1+2": "'=1+2", "+44": "'+44", "-x": "'-x", "@SUM": "'@SUM", "plain": "plain", "": ""} {
		if got := CSVSafe(in); got != want {
			t.Errorf("CSVSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
