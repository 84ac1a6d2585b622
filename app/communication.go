package app

import (
	"fmt"
	"strings"
)

// DocumentFormat is how someone needs written information (the Accessible
// Information Standard): the usual print, easy read or large print.
type DocumentFormat int

// Document formats; the zero value is the usual print.
const (
	FormatStandard DocumentFormat = iota
	FormatEasyRead
	FormatLargePrint
)

// DocumentFormats lists the formats in the order the forms offer them.
var DocumentFormats = []DocumentFormat{FormatStandard, FormatEasyRead, FormatLargePrint}

func (f DocumentFormat) String() string {
	switch f {
	case FormatStandard:
		return "Standard print"
	case FormatEasyRead:
		return "Easy read"
	case FormatLargePrint:
		return "Large print"
	}
	return ""
}

// Valid reports whether f is one of DocumentFormats.
func (f DocumentFormat) Valid() bool { return f >= FormatStandard && f <= FormatLargePrint }

// Communication is what a person and their family need to take part
// (recorded as the Accessible Information Standard asks): the format of
// documents, an interpreter and its language, and another way to make
// contact. The free text beside it (Person.CommunicationNeeds) holds the
// rest (reasonable adjustments).
type Communication struct {
	Format            DocumentFormat // documents for the person
	Interpreter       string         // the language an interpreter is needed for (British Sign Language, Polish); empty: none
	FamilyFormat      DocumentFormat // documents for the family (the family agenda and action plan)
	FamilyInterpreter string         // the family's interpreter language; empty: none
	ContactThrough    string         // another contact to go through (an advocate, a social worker); empty: none
}

// Validate checks the formats and the lengths; field names are those of the
// person ("communication.format", ...).
func (c Communication) Validate() Problems {
	var p Problems
	if !c.Format.Valid() {
		p.Add("communication.format", "Choose the format of documents for the person.")
	}
	if !c.FamilyFormat.Valid() {
		p.Add("communication.familyFormat", "Choose the format of documents for the family.")
	}
	p.checkTexts(c.texts()...)
	return p
}

// Needs says in a line what is needed ("" when nothing is): for the person
// record, the triage details and the professional agenda.
func (c Communication) Needs() string {
	var out []string
	if c.Format != FormatStandard && c.Format.Valid() {
		out = append(out, "documents in "+strings.ToLower(c.Format.String()))
	}
	if s := strings.TrimSpace(c.Interpreter); s != "" {
		out = append(out, "an interpreter ("+s+")")
	}
	if c.FamilyFormat != FormatStandard && c.FamilyFormat.Valid() {
		out = append(out, "family documents in "+strings.ToLower(c.FamilyFormat.String()))
	}
	if s := strings.TrimSpace(c.FamilyInterpreter); s != "" {
		out = append(out, "an interpreter for the family ("+s+")")
	}
	if s := strings.TrimSpace(c.ContactThrough); s != "" {
		out = append(out, "contact through "+s)
	}
	if len(out) == 0 {
		return ""
	}
	return upperFirstASCII(strings.Join(out, "; ")) + "."
}

// interpreterNote is what an invitee's role says when they need an
// interpreter.
func interpreterNote(language string) string {
	if s := strings.TrimSpace(language); s != "" {
		return fmt.Sprintf(" · interpreter needed (%s)", s)
	}
	return ""
}

func upperFirstASCII(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
