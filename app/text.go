package app

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextKind is what a text field holds; it decides how long the text may be
// and whether it may span lines.
type TextKind int

// The kinds of text, from a name to a page of free text.
const (
	NameText      TextKind = iota + 1 // a person's, owner's or chair's name
	LineText                          // one line: a role, an agency, a place, a phone number, an email address
	PathText                          // a folder or a video link
	AddressText                       // a postal address, on a few lines
	ParagraphText                     // free text: a description, an impact, a reason
	NotesText                         // a meeting's notes and decisions, written on the day
)

// textLimits is the one table of how many characters each kind of text may
// hold, and whether it may hold line breaks and tabs. A name fits a form,
// a table cell and a PDF heading; free text fits a page of a report.
var textLimits = map[TextKind]struct {
	max       int
	multiLine bool
	what      string
}{
	NameText:      {100, false, "a name"},
	LineText:      {200, false, "one line"},
	PathText:      {500, false, "a path or link"},
	AddressText:   {300, true, "an address"},
	ParagraphText: {2000, true, "free text"},
	NotesText:     {6000, true, "notes"},
}

// TextLimit is the most characters a kind of text may hold.
func TextLimit(k TextKind) int { return textLimits[k].max }

// checkText adds a problem for field when value is longer than its kind
// allows, breaks a line where it may not, or holds characters that cannot
// be stored: invalid UTF-8, control characters, or the invisible marks that
// reverse the direction of text (CleanText removes all of them).
func (p *Problems) checkText(field, label, value string, k TextKind) {
	lim := textLimits[k]
	switch n := utf8.RuneCountInString(value); {
	case !utf8.ValidString(value) || hasHiddenControl(value, lim.multiLine):
		p.Add(field, "The %s holds hidden control or text-direction characters: type it again rather than pasting it.", label)
	case n > lim.max:
		p.Add(field, "Keep the %s to %d characters (it has %d).", label, lim.max, n)
	}
}

// hasHiddenControl reports control characters (line breaks and tabs are
// allowed in multi-line text) and bidirectional overrides and isolates.
func hasHiddenControl(s string, multiLine bool) bool {
	for _, r := range s {
		if dropRune(r, multiLine) {
			return true
		}
	}
	return false
}

// dropRune is true for a character text may not hold.
func dropRune(r rune, multiLine bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !multiLine
	case r == utf8.RuneError:
		return true
	case unicode.IsControl(r): // C0, DEL and C1, including the escape of terminal sequences
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides and isolates
		return true
	}
	return false
}

// CleanText removes what text may not hold: invalid UTF-8, control
// characters and bidirectional overrides. Carriage returns become line
// breaks (Windows text), and in one-line text line breaks and tabs become
// spaces. Everything a person can see is kept.
func CleanText(s string, multiLine bool) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if !multiLine && (r == '\n' || r == '\t') {
			return ' '
		}
		if dropRune(r, multiLine) {
			return -1
		}
		return r
	}, s)
}

// CleanStrings cleans every string field of the struct v points to, and
// of the structs and slices of structs inside it, with CleanText (line
// breaks kept: a one-line field that still holds one is reported by its
// Validate). Services call it on what a form or an import hands them,
// before validating.
func CleanStrings(v any) {
	cleanValue(reflect.ValueOf(v))
}

func cleanValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			cleanValue(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				cleanValue(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			cleanValue(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(CleanText(v.String(), true))
		}
	}
}
