package app

import (
	"fmt"
	"strings"
	"time"
)

// ExportCell is one cell of a register export: text, or a date (a real date
// in a workbook, day/month/year in a CSV), or a whole number.
type ExportCell struct {
	Text   string
	Date   time.Time
	Number int
	Kind   ExportCellKind
}

// ExportCellKind says which of ExportCell's values is set.
type ExportCellKind int

// Cell kinds.
const (
	CellText ExportCellKind = iota
	CellDate
	CellNumber
)

// RegisterExport is a register as a spreadsheet: a header and a row per
// person, without the people whose consent is withdrawn (LeftOut counts
// them).
type RegisterExport struct {
	Title   string
	Header  []string
	Rows    [][]ExportCell
	LeftOut int
}

// RegisterExportHeader are the columns of a register export.
var RegisterExportHeader = []string{"Register", "Rating", "Last name", "First name", "Preferred name", "NHS number",
	"Date of birth", "Age", "Local authority", "On register since", "Last MAM", "Next review", "Open actions",
	"Overdue actions", "Organiser", "Consent", "Needs attention"}

// ExportRegister turns register rows (as filtered and sorted on screen)
// into an export on today. People whose consent is withdrawn are left out,
// row by row; consent not yet confirmed or not recorded is marked in the
// Consent column.
func ExportRegister(title string, rows []RegisterRow, today time.Time) RegisterExport {
	e := RegisterExport{Title: title, Header: RegisterExportHeader, Rows: make([][]ExportCell, 0, len(rows))}
	text := func(s string) ExportCell { return ExportCell{Text: s} }
	date := func(t time.Time) ExportCell {
		if t.IsZero() {
			return ExportCell{}
		}
		return ExportCell{Date: DateOf(t), Kind: CellDate}
	}
	num := func(n int) ExportCell { return ExportCell{Number: n, Kind: CellNumber} }
	for _, r := range rows {
		if r.Consent == ConsentWithdrawn {
			e.LeftOut++
			continue
		}
		e.Rows = append(e.Rows, []ExportCell{
			text(r.Register.String()), text(r.Rating.String()), text(r.FamilyName), text(r.GivenName),
			text(r.PreferredName), text(r.NHSNumber.String()), date(r.DateOfBirth), num(r.Age(today)),
			text(r.LocalAuthority.String()), date(r.Since), date(r.LastMAM), date(r.ReviewDue),
			num(r.OpenActions), num(r.OverdueActions), text(r.Organiser), text(exportConsent(r)),
			text(exportAttention(r, today)),
		})
	}
	return e
}

func exportConsent(r RegisterRow) string {
	switch {
	case r.ConsentUnconfirmed:
		return "Not yet confirmed (imported)"
	case r.Consent == ConsentGiven:
		return "Given"
	}
	return "Not recorded"
}

func exportAttention(r RegisterRow, today time.Time) string {
	var out []string
	if r.DetailsIncomplete {
		out = append(out, "details incomplete")
	}
	if r.RatingToReview {
		out = append(out, "rating to review")
	}
	if r.OverdueActions > 0 {
		out = append(out, "overdue actions")
	}
	if r.ReviewOverdue(today) {
		out = append(out, "review overdue")
	}
	return strings.Join(out, ", ")
}

// ReviewOverdue reports whether the row's review date has passed on today.
func (r RegisterRow) ReviewOverdue(today time.Time) bool {
	return !r.ReviewDue.IsZero() && DateOf(today).After(DateOf(r.ReviewDue))
}

// LeftOutSentence says how many people the export left out, or "".
func (e RegisterExport) LeftOutSentence() string {
	switch e.LeftOut {
	case 0:
		return ""
	case 1:
		return "1 person whose consent is withdrawn was left out."
	}
	return fmt.Sprintf("%d people whose consent is withdrawn were left out.", e.LeftOut)
}
