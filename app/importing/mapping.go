// Package importing holds the rules for bringing a team's existing register
// (a spreadsheet, one row a person) into DSP Desk: which column is which
// field, how values people type are read, what a row needs, which rows are
// the same person, and the plan a preview shows before anything is stored.
// It uses the standard library only; reading .xlsx and .csv files is
// package sheet's job.
package importing

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"dspdesk/app"
)

// Field is what a column of the sheet holds.
type Field int

// The fields a register sheet may have. FieldNone is a column left out.
const (
	FieldNone Field = iota
	FieldFamilyName
	FieldGivenName
	FieldFullName // "Name": given and family names in one cell
	FieldPreferredName
	FieldDateOfBirth
	FieldNHSNumber
	FieldRating
	FieldRegister
	FieldLocalAuthority
	FieldKeyworker
	FieldLastMAM
	FieldNextReview
	FieldNotes
	FieldAddress
	FieldPostcode
	FieldDiagnosis
	FieldGP
)

// Fields lists every field in the order the mapping screen offers them.
var Fields = []Field{FieldFamilyName, FieldGivenName, FieldFullName, FieldPreferredName, FieldDateOfBirth, FieldNHSNumber,
	FieldRating, FieldRegister, FieldLocalAuthority, FieldKeyworker, FieldLastMAM, FieldNextReview, FieldNotes,
	FieldAddress, FieldPostcode, FieldDiagnosis, FieldGP}

var fieldInfo = map[Field]struct{ key, label string }{
	FieldNone:           {"", "(not imported)"},
	FieldFamilyName:     {"familyName", "Last name"},
	FieldGivenName:      {"givenName", "First name"},
	FieldFullName:       {"fullName", "Full name (first and last)"},
	FieldPreferredName:  {"preferredName", "Preferred name"},
	FieldDateOfBirth:    {"dateOfBirth", "Date of birth"},
	FieldNHSNumber:      {"nhsNumber", "NHS number"},
	FieldRating:         {"rating", "Rating (RAG-B)"},
	FieldRegister:       {"register", "Register (DSR or ROAR)"},
	FieldLocalAuthority: {"localAuthority", "Local authority"},
	FieldKeyworker:      {"keyworker", "Keyworker"},
	FieldLastMAM:        {"lastMAM", "Last MAM"},
	FieldNextReview:     {"nextReview", "Next review"},
	FieldNotes:          {"notes", "Notes"},
	FieldAddress:        {"address", "Address"},
	FieldPostcode:       {"postcode", "Postcode"},
	FieldDiagnosis:      {"diagnosis", "Diagnosis"},
	FieldGP:             {"gp", "GP"},
}

// String is the field's label on the mapping screen.
func (f Field) String() string { return fieldInfo[f].label }

// Key is the field's name in a mapping file ("familyName").
func (f Field) Key() string { return fieldInfo[f].key }

// FieldByKey finds a field by its key, ignoring case; "" is FieldNone.
func FieldByKey(key string) (Field, bool) {
	key = strings.TrimSpace(key)
	for f, info := range fieldInfo {
		if strings.EqualFold(info.key, key) {
			return f, true
		}
	}
	return FieldNone, false
}

// headings are the header texts each field is known by, normalised (see
// normalise): lower case, letters and digits only.
var headings = map[Field][]string{
	FieldFamilyName:     {"surname", "lastname", "familyname", "secondname"},
	FieldGivenName:      {"forename", "forenames", "firstname", "givenname", "givennames", "christianname"},
	FieldFullName:       {"name", "fullname", "patientname", "personname", "clientname", "childname", "youngpersonname"},
	FieldPreferredName:  {"preferredname", "knownas", "nickname"},
	FieldDateOfBirth:    {"dob", "dateofbirth", "birthdate", "born", "birthday"},
	FieldNHSNumber:      {"nhs", "nhsno", "nhsnumber", "nhsnum", "nhsid"},
	FieldRating:         {"rag", "rating", "ragrating", "ragb", "ragbrating", "ragstatus", "riskrating"},
	FieldRegister:       {"register", "registertype", "dsrroar", "dsrorroar", "list"},
	FieldLocalAuthority: {"area", "localauthority", "la", "council", "locality", "authority"},
	FieldKeyworker:      {"keyworker", "keyworkername", "caseworker", "carenavigator", "leadprofessional"},
	FieldLastMAM:        {"lastmam", "lastmamdate", "mamdate", "datelastmam", "previousmam", "lastmeeting"},
	FieldNextReview:     {"nextreview", "reviewdate", "nextreviewdate", "reviewdue", "review"},
	FieldNotes:          {"notes", "note", "comments", "comment", "remarks"},
	FieldAddress:        {"address", "homeaddress", "addressline1"},
	FieldPostcode:       {"postcode", "postalcode", "pc", "zip"},
	FieldDiagnosis:      {"diagnosis", "ldautism", "ldasd", "condition"},
	FieldGP:             {"gp", "gppractice", "gpsurgery", "surgery", "practice"},
}

// normalise reduces a header to lower-case letters and digits ("D.O.B." ->
// "dob", "NHS No." -> "nhsno").
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var byHeading = func() map[string]Field {
	m := map[string]Field{}
	for f, hs := range headings {
		for _, h := range hs {
			m[normalise(h)] = f
		}
	}
	return m
}()

// GuessField is the field a header names, or FieldNone.
func GuessField(header string) Field {
	return byHeading[normalise(header)]
}

// Mapping says which field each column holds, by column position.
type Mapping []Field

// GuessMapping guesses from the header texts; when two columns name the
// same field, the first keeps it. A "Name" column beside first and last
// name columns is left out (it is usually a display copy of them).
func GuessMapping(header []string) Mapping {
	m := make(Mapping, len(header))
	taken := map[Field]bool{}
	for i, h := range header {
		f := GuessField(h)
		if f != FieldNone && !taken[f] {
			m[i], taken[f] = f, true
		}
	}
	if taken[FieldFullName] && (taken[FieldFamilyName] || taken[FieldGivenName]) {
		m[m.Column(FieldFullName)] = FieldNone
	}
	return m
}

// Column returns the column holding f, or -1.
func (m Mapping) Column(f Field) int {
	for i, x := range m {
		if x == f {
			return i
		}
	}
	return -1
}

// Placed counts the columns given a field.
func (m Mapping) Placed() int {
	n := 0
	for _, f := range m {
		if f != FieldNone {
			n++
		}
	}
	return n
}

// Check refuses a mapping that cannot work: two columns on one field, or a
// field a row needs with no column. header names the columns in messages.
// Field names of the problems: "column[i]" for a clash, "mapping" otherwise.
func (m Mapping) Check(header []string) app.Problems {
	var p app.Problems
	first := map[Field]int{}
	for i, f := range m {
		if f == FieldNone {
			continue
		}
		if j, ok := first[f]; ok {
			p.Add(fmt.Sprintf("column[%d]", i), "Columns %q and %q are both mapped to %s: choose one.", colName(header, j), colName(header, i), f)
			continue
		}
		first[f] = i
	}
	hasFull := m.Column(FieldFullName) >= 0
	if !hasFull && (m.Column(FieldFamilyName) < 0 || m.Column(FieldGivenName) < 0) {
		if m.Column(FieldFamilyName) < 0 && m.Column(FieldGivenName) < 0 {
			p.Add("mapping", "No column holds the name: map the first and last name columns (or one full name column).")
		} else {
			p.Add("mapping", "Map both the first name and the last name columns (or one full name column).")
		}
	}
	if hasFull && (m.Column(FieldFamilyName) >= 0 || m.Column(FieldGivenName) >= 0) {
		p.Add("mapping", "Map either one full name column or the first and last name columns, not both.")
	}
	for _, f := range []Field{FieldDateOfBirth, FieldRegister, FieldRating} {
		if m.Column(f) < 0 {
			p.Add("mapping", "No column holds the %s: map one.", strings.ToLower(f.String()))
		}
	}
	return p
}

// colName names column i by its header, or by its letter when the header
// is blank.
func colName(header []string, i int) string {
	if i < len(header) && strings.TrimSpace(header[i]) != "" {
		return strings.TrimSpace(header[i])
	}
	return "column " + ColumnLetter(i)
}

// ColumnLetter is a column's spreadsheet letter (0 -> "A", 26 -> "AA").
func ColumnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// Signature identifies a header layout, so that a mapping saved for one
// sheet is offered for the next sheet laid out the same way.
func Signature(header []string) string {
	parts := make([]string, len(header))
	for i, h := range header {
		parts[i] = normalise(h)
	}
	return strings.Join(parts, "|")
}

// MarshalMapping writes a mapping as a JSON object from header text to
// field key, the form of a --mapping file ("" leaves a column out).
func MarshalMapping(header []string, m Mapping) ([]byte, error) {
	out := map[string]string{}
	for i, h := range header {
		if strings.TrimSpace(h) == "" && (i >= len(m) || m[i] == FieldNone) {
			continue
		}
		f := FieldNone
		if i < len(m) {
			f = m[i]
		}
		out[strings.TrimSpace(h)] = f.Key()
	}
	return json.MarshalIndent(out, "", "  ")
}

// UnmarshalMapping reads a mapping file against a sheet's header: each
// header text found in the file gets its field; a header the file does not
// name is guessed. Header texts match ignoring case, spaces and dots.
func UnmarshalMapping(data []byte, header []string) (Mapping, error) {
	var in map[string]string
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("the mapping file is not a JSON object of column heading to field: %w", err)
	}
	named := map[string]Field{}
	var unknown []string
	for h, key := range in {
		f, ok := FieldByKey(key)
		if !ok {
			unknown = append(unknown, key)
			continue
		}
		named[normalise(h)] = f
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("the mapping file names fields that do not exist: %s (use %s)", strings.Join(unknown, ", "), fieldKeys())
	}
	m := GuessMapping(header)
	for i, h := range header {
		if f, ok := named[normalise(h)]; ok {
			m[i] = f
		}
	}
	return m, nil
}

func fieldKeys() string {
	keys := make([]string, 0, len(Fields))
	for _, f := range Fields {
		keys = append(keys, f.Key())
	}
	return strings.Join(keys, ", ")
}

// FindHeader picks the header row among the first rows of a sheet: the row
// with the most cells naming a known field, or one of the extra headings (a
// mapping file's), at least two, so title rows and blank rows above it are
// skipped. It returns the row's index in rows, or -1 when no row looks like
// a header.
func FindHeader(rows [][]string, extra ...string) int {
	known := map[string]bool{}
	for _, h := range extra {
		known[normalise(h)] = true
	}
	best, bestN := -1, 1
	for i, r := range rows {
		if i >= 30 {
			break
		}
		n := 0
		seen := map[string]bool{}
		for _, c := range r {
			key := normalise(c)
			if f := GuessField(c); f != FieldNone {
				key = "field:" + f.Key()
			} else if !known[key] {
				continue
			}
			if !seen[key] {
				seen[key] = true
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// MappingHeadings lists the headings a mapping file names (nil when it is
// not a JSON object), so the header row can be found by them.
func MappingHeadings(data []byte) []string {
	var in map[string]string
	if json.Unmarshal(data, &in) != nil {
		return nil
	}
	out := make([]string, 0, len(in))
	for h := range in {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
