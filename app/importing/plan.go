package importing

import (
	"fmt"
	"strings"
	"time"

	"dspdesk/app"
)

// Outcome is what the import does with one row.
type Outcome int

// Row outcomes.
const (
	Add    Outcome = iota + 1 // a new person, put on the register
	Link                      // a person already known: linked, not added
	SameAs                    // the same person as an earlier row of the sheet
	Refuse                    // refused, with reasons; written to the problems workbook
)

func (o Outcome) String() string {
	switch o {
	case Add:
		return "Add"
	case Link:
		return "Already known"
	case SameAs:
		return "Same person as an earlier row"
	case Refuse:
		return "Refused"
	}
	return ""
}

// Known is a person already stored, for the duplicate check.
type Known struct {
	app.Person
	// ImportBatch is the import that added the person (0: added another way).
	ImportBatch int64
}

// Table is a sheet read whole: the header and the rows below it. Number is
// the row's number in the sheet (1-based), for messages and the problems
// workbook.
type Table struct {
	FileName  string
	Sheet     string
	Hash      string // SHA-256 of the file, hex
	HeaderRow int    // 1-based
	Header    []string
	Rows      []Row
}

// Row is one row below the header, as it was in the sheet.
type Row struct {
	Number int
	Cells  []string
}

// Planned is one row with its outcome.
type Planned struct {
	Row
	Outcome   Outcome
	Reasons   []string // why it is refused
	Candidate Candidate
	// PersonID is the known person a Link row is linked to.
	PersonID int64
	Match    app.MatchReason
	// AlreadyImported marks a Link to a person an earlier import added.
	AlreadyImported bool
	// SameAsRow is the sheet row a SameAs row repeats.
	SameAsRow int
}

// Counts are the preview's totals.
type Counts struct {
	Rows, Added, Linked, AlreadyImported, SameAs, Refused, Incomplete int
}

// Plan is what an import will do, shown before anything is stored.
type Plan struct {
	Table   *Table
	Mapping Mapping
	Rows    []Planned
	Counts  Counts
	// EarlierBatch is an earlier import of the very same file (0: none).
	EarlierBatch int64
}

// Refused returns the refused rows, in sheet order.
func (p Plan) Refused() []Planned {
	var out []Planned
	for _, r := range p.Rows {
		if r.Outcome == Refuse {
			out = append(out, r)
		}
	}
	return out
}

// CheckTable refuses, up front and in one sentence, a file that is not a
// register: no header row, or a mapping that places too little.
func CheckTable(t *Table, m Mapping) error {
	if t == nil || len(t.Header) == 0 {
		return fmt.Errorf("no heading row was found: the sheet needs a row naming its columns (Surname, Forename, DOB, RAG, Register...)")
	}
	if len(t.Rows) == 0 {
		return fmt.Errorf("the sheet has headings but no rows below them")
	}
	nonBlank := 0
	for _, h := range t.Header {
		if strings.TrimSpace(h) != "" {
			nonBlank++
		}
	}
	if m.Column(FieldFullName) < 0 && m.Column(FieldFamilyName) < 0 && m.Column(FieldGivenName) < 0 {
		return fmt.Errorf("this does not look like a register: no column holds a name")
	}
	if placed := m.Placed(); placed*2 < nonBlank && placed < 4 {
		return fmt.Errorf("this does not look like a register: only %d of its %d columns were recognised", placed, nonBlank)
	}
	return nil
}

// BuildPlan decides every row's outcome on today: refused rows with their
// reasons, rows repeating an earlier row (by NHS number, or by date of
// birth and a similar name), rows matching a known person (the referrals'
// duplicate check), and the rest added.
func BuildPlan(t *Table, m Mapping, known []Known, today time.Time) Plan {
	plan := Plan{Table: t, Mapping: m, Rows: make([]Planned, 0, len(t.Rows))}
	idx := newPeopleIndex(known)
	sheet := newPeopleIndex(nil)
	for _, r := range t.Rows {
		if Blank(r.Cells) {
			continue
		}
		pr := Planned{Row: r}
		c, why := ParseRow(m, r.Cells, today)
		switch {
		case len(why) > 0:
			pr.Outcome, pr.Reasons = Refuse, why
		default:
			pr.Candidate = c
			if first, _, ok := sheet.match(c.Person); ok {
				pr.Outcome, pr.SameAsRow = SameAs, int(first.ID)
			} else if k, reason, ok := idx.match(c.Person); ok {
				pr.Outcome, pr.PersonID, pr.Match, pr.AlreadyImported = Link, k.ID, reason, k.ImportBatch != 0
			} else {
				pr.Outcome = Add
			}
			if pr.Outcome != SameAs {
				p := c.Person
				p.ID = int64(r.Number)
				sheet.add(Known{Person: p})
			}
		}
		plan.Rows = append(plan.Rows, pr)
		plan.Counts.add(pr)
	}
	return plan
}

func (c *Counts) add(p Planned) {
	c.Rows++
	switch p.Outcome {
	case Add:
		c.Added++
		if p.Candidate.DetailsIncomplete() {
			c.Incomplete++
		}
	case Link:
		c.Linked++
		if p.AlreadyImported {
			c.AlreadyImported++
		}
	case SameAs:
		c.SameAs++
	case Refuse:
		c.Refused++
	}
}

// Summary is the preview's line: "120 rows: 100 to add (12 with details
// incomplete), 15 already known, 2 repeated in the sheet, 3 refused."
func (c Counts) Summary(dryRun bool) string {
	verb := "to add"
	if !dryRun {
		verb = "added"
	}
	s := fmt.Sprintf("%d rows: %d %s", c.Rows, c.Added, verb)
	if c.Incomplete > 0 {
		s += fmt.Sprintf(" (%d with details incomplete)", c.Incomplete)
	}
	s += fmt.Sprintf(", %d already known", c.Linked)
	if c.AlreadyImported > 0 {
		s += fmt.Sprintf(" (%d from an earlier import)", c.AlreadyImported)
	}
	if c.SameAs > 0 {
		s += fmt.Sprintf(", %d repeated in the sheet", c.SameAs)
	}
	return s + fmt.Sprintf(", %d refused.", c.Refused)
}

// peopleIndex finds people by NHS number and by date of birth.
type peopleIndex struct {
	byNHS map[app.NHSNumber]Known
	byDOB map[time.Time][]Known
}

func newPeopleIndex(known []Known) *peopleIndex {
	x := &peopleIndex{byNHS: map[app.NHSNumber]Known{}, byDOB: map[time.Time][]Known{}}
	for _, k := range known {
		x.add(k)
	}
	return x
}

func (x *peopleIndex) add(k Known) {
	if k.NHSNumber != "" {
		if _, ok := x.byNHS[k.NHSNumber]; !ok {
			x.byNHS[k.NHSNumber] = k
		}
	}
	d := app.DateOf(k.DateOfBirth)
	x.byDOB[d] = append(x.byDOB[d], k)
}

// match is the referrals' duplicate check: the same NHS number, or the
// same date of birth and a similar name (unless both have NHS numbers and
// they differ).
func (x *peopleIndex) match(p app.Person) (Known, app.MatchReason, bool) {
	if p.NHSNumber != "" {
		if k, ok := x.byNHS[p.NHSNumber]; ok {
			return k, app.SameNHSNumber, true
		}
	}
	for _, k := range x.byDOB[app.DateOf(p.DateOfBirth)] {
		if p.NHSNumber != "" && k.NHSNumber != "" && k.NHSNumber != p.NHSNumber {
			continue
		}
		if app.SimilarName(p, k.Person) {
			return k, app.SameBirthDateSimilarName, true
		}
	}
	return Known{}, 0, false
}
