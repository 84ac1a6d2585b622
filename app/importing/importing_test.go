package importing

import (
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

var today = time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)

func TestGuessFieldReadsHeadersAsTeamsSpellThem(t *testing.T) {
	cases := map[string]Field{
		"Surname": FieldFamilyName, "Last name": FieldFamilyName, "FAMILY NAME": FieldFamilyName,
		"Forename": FieldGivenName, "First Name ": FieldGivenName, "given_name": FieldGivenName,
		"DOB": FieldDateOfBirth, "Date of birth": FieldDateOfBirth, "D.O.B.": FieldDateOfBirth,
		"NHS No": FieldNHSNumber, "NHS number": FieldNHSNumber, "NHS": FieldNHSNumber, "NHS No.": FieldNHSNumber,
		"RAG": FieldRating, "Rating": FieldRating, "RAG rating": FieldRating, "R.A.G.": FieldRating,
		"Register": FieldRegister, "Area": FieldLocalAuthority, "Local authority": FieldLocalAuthority, "LA": FieldLocalAuthority,
		"Keyworker": FieldKeyworker, "Key worker": FieldKeyworker, "Last MAM": FieldLastMAM, "Next review": FieldNextReview,
		"Notes": FieldNotes, "Name": FieldFullName, "Post code": FieldPostcode, "Favourite colour": FieldNone, "": FieldNone,
	}
	for header, want := range cases {
		t.Run(header+" is read as "+want.String(), func(t *testing.T) {
			if got := GuessField(header); got != want {
				t.Errorf("GuessField(%q) = %s, want %s", header, got, want)
			}
		})
	}
}

func TestFindHeaderSkipsTitleAndBlankRows(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want int
	}{
		{"a header on the first row is found", [][]string{{"Surname", "Forename", "DOB"}, {"A", "B", "1/1/2000"}}, 0},
		{"a merged title and a blank row above the header are skipped",
			[][]string{{"LLR Dynamic Support Register"}, {}, {"Surname", "Forename", "DOB", "RAG"}, {"A", "B", "1/1/2000", "R"}}, 2},
		{"a sheet with no header row is found to have none", [][]string{{"apples", "pears"}, {"1", "2"}}, -1},
		{"one recognised word is not a header", [][]string{{"Register of visitors"}, {"Name", "Time"}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindHeader(tt.rows); got != tt.want {
				t.Errorf("FindHeader = %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("headings a mapping file names find a header no guess knows", func(t *testing.T) {
		rows := [][]string{{"Team list"}, {"Family", "Given", "Born"}, {"A", "B", "1/1/2000"}}
		extra := MappingHeadings([]byte(`{"Family": "familyName", "Given": "givenName", "Born": "dateOfBirth"}`))
		if FindHeader(rows) != -1 || FindHeader(rows, extra...) != 1 {
			t.Errorf("without the file %d, with it %d; want -1 and 1", FindHeader(rows), FindHeader(rows, extra...))
		}
	})
}

func TestMappingCheck(t *testing.T) {
	header := []string{"Surname", "Forename", "DOB", "RAG", "Register", "Second surname"}
	full := Mapping{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldRating, FieldRegister, FieldNone}
	tests := []struct {
		name string
		m    Mapping
		want string // a fragment of the first problem; "" for none
	}{
		{"a complete mapping passes", full, ""},
		{"two columns on one field are refused", Mapping{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldRating, FieldRegister, FieldFamilyName},
			`"Surname" and "Second surname" are both mapped to Last name`},
		{"no name column is refused", Mapping{FieldNone, FieldNone, FieldDateOfBirth, FieldRating, FieldRegister, FieldNone}, "No column holds the name"},
		{"a first name without a last name is refused", Mapping{FieldNone, FieldGivenName, FieldDateOfBirth, FieldRating, FieldRegister, FieldNone}, "both the first name and the last name"},
		{"no date of birth column is refused", Mapping{FieldFamilyName, FieldGivenName, FieldNone, FieldRating, FieldRegister, FieldNone}, "date of birth"},
		{"no rating column is refused", Mapping{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldNone, FieldRegister, FieldNone}, "rating"},
		{"a full name with first and last names is refused", Mapping{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldRating, FieldRegister, FieldFullName}, "either one full name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.m.Check(header)
			switch {
			case tt.want == "" && len(p) > 0:
				t.Errorf("problems %v, want none", p)
			case tt.want != "" && (len(p) == 0 || !strings.Contains(p[0].Message, tt.want)):
				t.Errorf("problems %v, want one saying %q", p, tt.want)
			}
		})
	}
}

func TestGuessMapping(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   Mapping
	}{
		{"a second column with the same heading is left out", []string{"Surname", "Surname", "DOB"},
			Mapping{FieldFamilyName, FieldNone, FieldDateOfBirth}},
		{"a full name column alone holds the name", []string{"Name", "DOB"}, Mapping{FieldFullName, FieldDateOfBirth}},
		{"a name column beside first and last names is left out", []string{"Name", "Surname", "Forename"},
			Mapping{FieldNone, FieldFamilyName, FieldGivenName}},
		{"unknown headings are left out", []string{"Colour", "RAG"}, Mapping{FieldNone, FieldRating}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GuessMapping(tt.header)
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Errorf("column %d: %s, want %s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseRowSplitsAFullName(t *testing.T) {
	m := Mapping{FieldFullName, FieldDateOfBirth, FieldRating, FieldRegister, FieldLocalAuthority}
	for in, want := range map[string][2]string{"Sam Example": {"Sam", "Example"}, "Example, Sam": {"Sam", "Example"},
		"Mary Jane Example-Smith": {"Mary Jane", "Example-Smith"}} {
		t.Run(in+" is split into first and last names", func(t *testing.T) {
			c, why := ParseRow(m, []string{in, "03/04/2012", "A", "DSR", "Rutland"}, today)
			if len(why) > 0 || c.Person.GivenName != want[0] || c.Person.FamilyName != want[1] {
				t.Errorf("%q %q (%v), want %q", c.Person.GivenName, c.Person.FamilyName, why, want)
			}
		})
	}
	if _, why := ParseRow(m, []string{"Example", "03/04/2012", "A", "DSR", "Rutland"}, today); len(why) == 0 || why[0] != "No first name." {
		t.Errorf("one word is refused with %v, want no first name", why)
	}
}

func TestMappingFileRoundTrip(t *testing.T) {
	header := []string{"Family", "Given", "Born", "RAG", "List", "Extra"}
	m := Mapping{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldRating, FieldRegister, FieldNone}
	data, err := MarshalMapping(header, m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnmarshalMapping(data, header)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m {
		if got[i] != m[i] {
			t.Errorf("column %d: %s, want %s", i, got[i], m[i])
		}
	}
	t.Run("a mapping file naming an unknown field is refused", func(t *testing.T) {
		if _, err := UnmarshalMapping([]byte(`{"Surname": "lastname"}`), header); err == nil || !strings.Contains(err.Error(), "lastname") {
			t.Errorf("err = %v, want one naming the unknown field", err)
		}
	})
	t.Run("a heading the file does not name is guessed", func(t *testing.T) {
		got, err := UnmarshalMapping([]byte(`{"Given": "preferredName"}`), []string{"Surname", "Given"})
		if err != nil || got[0] != FieldFamilyName || got[1] != FieldPreferredName {
			t.Errorf("got %v, %v", got, err)
		}
	})
}

func TestParseDateReadsUKDatesAndExcelNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"03/04/2012", app.Date(2012, 4, 3), false},
		{"3.4.12", app.Date(2012, 4, 3), false},
		{"2012-04-03", app.Date(2012, 4, 3), false},
		{"3 Apr 2012", app.Date(2012, 4, 3), false},
		{" 3  April 2012 ", app.Date(2012, 4, 3), false},
		{"41002", app.Date(2012, 4, 3), false},
		{"41002.75", app.Date(2012, 4, 3), false},
		{"1/1/45", app.Date(1945, 1, 1), false},
		{"1/1/20", app.Date(2020, 1, 1), false},
		{"", time.Time{}, false},
		{"31/02/2012", time.Time{}, true},
		{"next week", time.Time{}, true},
		{"-5", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run("reads "+tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, 2026)
			if (err != nil) != tt.bad || !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.bad)
			}
		})
	}
}

func TestParseValuesAsPeopleWriteThem(t *testing.T) {
	ratings := map[string]app.Rating{"R": app.Red, "red": app.Red, " Amber ": app.Amber, "a": app.Amber, "GREEN": app.Green, "B": app.Blue, "Blue (inpatient)": app.Blue}
	for in, want := range ratings {
		t.Run("the rating "+in+" is "+want.String(), func(t *testing.T) {
			if got, ok := ParseRating(in); !ok || got != want {
				t.Errorf("ParseRating(%q) = %s, %v", in, got, ok)
			}
		})
	}
	registers := map[string]app.Register{"DSR": app.DSR, "dsr": app.DSR, "Dynamic Support Register": app.DSR, "ROAR": app.ROAR,
		"risk of admission": app.ROAR, "Risk-of-Admission Register": app.ROAR}
	for in, want := range registers {
		t.Run("the register "+in+" is the "+want.String(), func(t *testing.T) {
			if got, ok := ParseRegister(in); !ok || got != want {
				t.Errorf("ParseRegister(%q) = %s, %v", in, got, ok)
			}
		})
	}
	areas := map[string]app.LocalAuthority{"Leicester City": app.LeicesterCity, "leicester": app.LeicesterCity,
		"Leicestershire": app.Leicestershire, "LEICESTERSHIRE COUNTY COUNCIL": app.Leicestershire, "Rutland": app.Rutland, "Out of area": app.OutOfArea}
	for in, want := range areas {
		t.Run("the area "+in+" is "+want.String(), func(t *testing.T) {
			if got, ok := ParseLocalAuthority(in); !ok || got != want {
				t.Errorf("ParseLocalAuthority(%q) = %s, %v", in, got, ok)
			}
		})
	}
	for _, in := range []string{"Nottingham", "Leics City", "Purple", "X"} {
		t.Run(in+" is not guessed", func(t *testing.T) {
			_, la := ParseLocalAuthority(in)
			_, r := ParseRating(in)
			_, g := ParseRegister(in)
			if la || r || g {
				t.Errorf("%q was read as an area (%v), a rating (%v) or a register (%v)", in, la, r, g)
			}
		})
	}
	diagnoses := map[string]app.Diagnosis{"": app.DiagnosisNotRecorded, "LD": app.LearningDisability, "ASD": app.Autism,
		"autism": app.Autism, "LD & autism": app.LearningDisabilityAndAutism, "Learning disability/ASC": app.LearningDisabilityAndAutism}
	for in, want := range diagnoses {
		t.Run("the diagnosis "+in+" is "+want.String(), func(t *testing.T) {
			if got, ok := ParseDiagnosis(in); !ok || got != want {
				t.Errorf("ParseDiagnosis(%q) = %s, %v", in, got, ok)
			}
		})
	}
}

// registerHeader is a typical register's header; row fills a row of it.
var registerHeader = []string{"Surname", "Forename", "DOB", "NHS No", "Area", "RAG", "Register", "Keyworker", "Last MAM", "Next review", "Notes"}

func row(family, given, dob, nhs, area, rag, reg string) []string {
	return []string{family, given, dob, nhs, area, rag, reg, "Kim Keyworker", "01/10/2026", "", ""}
}

func TestParseRowRefusesWithAReasonForEachProblem(t *testing.T) {
	m := GuessMapping(registerHeader)
	good := row("Example", "Sam", "03/04/2012", "999 000 0018", "Leicester", "A", "DSR")
	tests := []struct {
		name  string
		edit  func(c []string)
		wants string
	}{
		{"a missing first name", func(c []string) { c[1] = "" }, "No first name."},
		{"a missing last name", func(c []string) { c[0] = "" }, "No last name."},
		{"a missing name", func(c []string) { c[0], c[1] = "", "" }, "No name."},
		{"a missing date of birth", func(c []string) { c[2] = "" }, "No date of birth."},
		{"an unreadable date of birth", func(c []string) { c[2] = "soon" }, "date of birth is not understood"},
		{"a date of birth in the future", func(c []string) { c[2] = "01/01/2030" }, "cannot be in the future"},
		{"a bad NHS number check digit", func(c []string) { c[3] = "999 000 0019" }, "check digit does not match"},
		{"an NHS number too short", func(c []string) { c[3] = "12345" }, "NHS number is not valid"},
		{"an unknown rating", func(c []string) { c[5] = "Purple" }, "rating \"Purple\" is not understood"},
		{"a missing rating", func(c []string) { c[5] = "" }, "No rating"},
		{"an unknown register", func(c []string) { c[6] = "Waiting list" }, "register \"Waiting list\" is not understood"},
		{"a missing register", func(c []string) { c[6] = "" }, "No register"},
		{"an unknown area", func(c []string) { c[4] = "Nottingham" }, "local authority \"Nottingham\" is not known"},
		{"a missing area", func(c []string) { c[4] = "" }, "No local authority"},
		{"an unreadable last MAM date", func(c []string) { c[8] = "last week" }, "last MAM date"},
		{"a last MAM in the future", func(c []string) { c[8] = "01/01/2027" }, "last MAM date is in the future"},
		{"an unreadable next review", func(c []string) { c[9] = "tbc" }, "next review date"},
		{"a last name longer than the forms allow", func(c []string) { c[0] = strings.Repeat("A", 150) }, "Keep the last name to 100 characters"},
		{"a keyworker's name longer than the forms allow", func(c []string) { c[7] = strings.Repeat("K", 150) }, "Keep the keyworker to 100 characters"},
		{"notes longer than the forms allow", func(c []string) { c[10] = strings.Repeat("n ", 1500) }, "Keep the notes to 2000 characters"},
	}
	if _, why := ParseRow(m, good, today); len(why) > 0 {
		t.Fatalf("the good row is refused: %v", why)
	}
	for _, tt := range tests {
		t.Run("a row with "+tt.name+" is refused saying so", func(t *testing.T) {
			cells := append([]string(nil), good...)
			tt.edit(cells)
			_, why := ParseRow(m, cells, today)
			if !strings.Contains(strings.Join(why, " "), tt.wants) {
				t.Errorf("reasons %q, want one saying %q", why, tt.wants)
			}
		})
	}
}

func TestParseRowMarksDetailsIncomplete(t *testing.T) {
	c, why := ParseRow(GuessMapping(registerHeader), row("Example", "Sam", "41002", "", "Rutland", "g", "dsr"), today)
	if len(why) > 0 {
		t.Fatal(why)
	}
	if !c.DetailsIncomplete() || c.Person.Diagnosis != app.DiagnosisNotRecorded {
		t.Errorf("missing %v, diagnosis %s: want details incomplete, not recorded", c.Missing, c.Person.Diagnosis)
	}
	if c.Person.NHSNumberUnknownReason == "" || !c.Person.DateOfBirth.Equal(app.Date(2012, 4, 3)) {
		t.Errorf("person %+v", c.Person)
	}
	if c.Rating != app.Green || c.Register != app.DSR || c.Person.LocalAuthority != app.Rutland {
		t.Errorf("rating %s register %s area %s", c.Rating, c.Register, c.Person.LocalAuthority)
	}
}

func TestBuildPlan(t *testing.T) {
	m := GuessMapping(registerHeader)
	known := []Known{
		{Person: app.Person{ID: 7, GivenName: "Alex", FamilyName: "Known", DateOfBirth: app.Date(2010, 5, 6), NHSNumber: "9990000026"}},
		{Person: app.Person{ID: 8, GivenName: "Robin", FamilyName: "Earlier", DateOfBirth: app.Date(2011, 1, 2)}, ImportBatch: 3},
	}
	tab := &Table{Header: registerHeader, Rows: []Row{
		{2, row("New", "Pat", "01/02/2015", "999 000 0018", "Leicester", "A", "DSR")},
		{3, row("New", "Pat", "1.2.15", "9990000018", "Leicester City", "Amber", "DSR")}, // the same, typed again
		{4, row("Known", "Alex", "06/05/2010", "999-000-0026", "Rutland", "G", "DSR")},
		{5, row("Earlier", "Robyn", "02/01/2011", "", "Rutland", "G", "DSR")}, // similar name, same date of birth
		{6, []string{"", " ", ""}}, // blank
		{7, row("Bad", "Row", "01/02/2015", "9990000019", "Leicester", "A", "DSR")},
		{8, row("Other", "Person", "01/02/2015", "", "Leicestershire", "R", "ROAR")},
	}}
	plan := BuildPlan(tab, m, known, today)
	want := []Outcome{Add, SameAs, Link, Link, Refuse, Add}
	if len(plan.Rows) != len(want) {
		t.Fatalf("%d planned rows, want %d (blank rows skipped)", len(plan.Rows), len(want))
	}
	for i, w := range want {
		if plan.Rows[i].Outcome != w {
			t.Errorf("row %d: %s, want %s (%v)", plan.Rows[i].Number, plan.Rows[i].Outcome, w, plan.Rows[i].Reasons)
		}
	}
	if plan.Rows[1].SameAsRow != 2 {
		t.Errorf("row 3 repeats row %d, want 2", plan.Rows[1].SameAsRow)
	}
	if plan.Rows[2].PersonID != 7 || plan.Rows[2].Match != app.SameNHSNumber {
		t.Errorf("row 4 linked to %d by %s", plan.Rows[2].PersonID, plan.Rows[2].Match)
	}
	if plan.Rows[3].PersonID != 8 || !plan.Rows[3].AlreadyImported {
		t.Errorf("row 5 linked to %d (already imported %v)", plan.Rows[3].PersonID, plan.Rows[3].AlreadyImported)
	}
	c := plan.Counts
	if c.Rows != 6 || c.Added != 2 || c.Linked != 2 || c.AlreadyImported != 1 || c.SameAs != 1 || c.Refused != 1 {
		t.Errorf("counts %+v", c)
	}
	if got := c.Summary(true); got != "6 rows: 2 to add (2 with details incomplete), 2 already known (1 from an earlier import), 1 repeated in the sheet, 1 refused." {
		t.Errorf("summary %q", got)
	}
	if r := plan.Refused(); len(r) != 1 || r[0].Number != 7 {
		t.Errorf("refused %v", r)
	}
}

func TestCheckTableRefusesAWrongFileUpFront(t *testing.T) {
	tests := []struct {
		name string
		t    *Table
		want string
	}{
		{"a sheet with no header", &Table{}, "no heading row"},
		{"a header with no rows", &Table{Header: registerHeader}, "no rows"},
		{"a sheet without a name column", &Table{Header: []string{"DOB", "RAG", "Register", "Colour", "Size"}, Rows: []Row{{2, []string{"x"}}}}, "no column holds a name"},
		{"a sheet with most columns unplaced", &Table{Header: []string{"Surname", "DOB", "a", "b", "c", "d", "e", "f"}, Rows: []Row{{2, []string{"x"}}}}, "only 2 of its 8 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			err := CheckTable(tt.t, GuessMapping(tt.t.Header))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestParseRowReadsAddressAndPostcode(t *testing.T) {
	header := append(append([]string(nil), registerHeader...), "Address", "Postcode", "Diagnosis")
	m := GuessMapping(header)
	base := row("Example", "Sam", "03/04/2012", "", "Leicester", "A", "DSR")
	tests := []struct {
		name              string
		address, pc, diag string
		refused, complete bool
	}{
		{"a full address and diagnosis make the details complete", "1 Example Street", "le1 6ab", "LD", false, true},
		{"a postcode of the wrong shape is refused", "1 Example Street", "LE1", "LD", true, false},
		{"an unknown diagnosis is refused", "1 Example Street", "LE1 6AB", "Hay fever", true, false},
		{"no postcode leaves the details incomplete", "1 Example Street", "", "autism", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := append(append([]string(nil), base...), tt.address, tt.pc, tt.diag)
			c, why := ParseRow(m, cells, today)
			if (len(why) > 0) != tt.refused {
				t.Fatalf("reasons %v, want refused %v", why, tt.refused)
			}
			if !tt.refused && c.DetailsIncomplete() == tt.complete {
				t.Errorf("missing %v, want complete %v", c.Missing, tt.complete)
			}
			if tt.complete && c.Person.Postcode != "LE1 6AB" {
				t.Errorf("postcode %q", c.Person.Postcode)
			}
		})
	}
}

func TestParseRowCleansHiddenCharacters(t *testing.T) {
	// a name pasted with a right-to-left override, a NUL and a line break keeps only what a person can see
	c, why := ParseRow(GuessMapping(registerHeader), row("Evil\u202eName\x00", "Sam\nJo", "03/04/2012", "", "Rutland", "G", "DSR"), today)
	if len(why) > 0 {
		t.Fatal(why)
	}
	if c.Person.FamilyName != "EvilName" || c.Person.GivenName != "Sam Jo" {
		t.Errorf("names %q %q, want %q %q", c.Person.FamilyName, c.Person.GivenName, "EvilName", "Sam Jo")
	}
}
