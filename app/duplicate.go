package app

import (
	"fmt"
	"strings"
	"unicode"
)

// MatchReason says why a stored person may be the one being referred.
type MatchReason int

// Reasons for a possible duplicate, strongest first.
const (
	SameNHSNumber MatchReason = iota + 1
	SameBirthDateSimilarName
)

func (r MatchReason) String() string {
	switch r {
	case SameNHSNumber:
		return "Same NHS number"
	case SameBirthDateSimilarName:
		return "Same date of birth and a similar name"
	}
	return ""
}

// PersonMatch is a stored person who may be the one being referred.
type PersonMatch struct {
	Person Person
	Reason MatchReason
}

// MatchPeople picks, from candidates (people sharing the NHS number or the
// date of birth), those who may be p: the same NHS number, or the same date
// of birth and a similar name. Same-NHS-number matches come first.
func MatchPeople(p Person, candidates []Person) []PersonMatch {
	var strong, weak []PersonMatch
	for _, c := range candidates {
		switch {
		case p.NHSNumber != "" && c.NHSNumber == p.NHSNumber:
			strong = append(strong, PersonMatch{Person: c, Reason: SameNHSNumber})
		case !p.DateOfBirth.IsZero() && DateOf(c.DateOfBirth).Equal(DateOf(p.DateOfBirth)) && SimilarName(p, c):
			weak = append(weak, PersonMatch{Person: c, Reason: SameBirthDateSimilarName})
		}
	}
	return append(strong, weak...)
}

// SimilarName reports whether two people's names are alike enough to check
// by eye: family names within two edits (or one inside the other, as with
// double-barrelled names), and given names within two edits, or one a
// prefix of the other ("Sam" and "Samuel"), or one matching the other's
// preferred name.
func SimilarName(a, b Person) bool {
	af, bf := foldName(a.FamilyName), foldName(b.FamilyName)
	if af == "" || bf == "" {
		return false
	}
	if !(editDistance(af, bf) <= 2 || strings.Contains(af, bf) || strings.Contains(bf, af)) {
		return false
	}
	ag, bg := foldName(a.GivenName), foldName(b.GivenName)
	ap, bp := foldName(a.PreferredName), foldName(b.PreferredName)
	switch {
	case ag == "" || bg == "":
		return false
	case editDistance(ag, bg) <= 2, strings.HasPrefix(ag, bg), strings.HasPrefix(bg, ag):
		return true
	case ap != "" && (ap == bg || ap == bp), bp != "" && bp == ag:
		return true
	}
	return false
}

// foldName lower-cases a name and keeps only its letters, folding common
// accented Latin letters to their base ("Zoë O'Brien" -> "zoeobrien").
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := accentFold[r]; ok {
			r = f
		}
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var accentFold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ø': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'ł': 'l', 'ś': 's', 'ż': 'z', 'ź': 'z', 'ć': 'c', 'ń': 'n',
}

// editDistance is the Levenshtein distance between two strings, by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// PersonDifferences lists, in words, where what was typed differs from the
// stored person (blank typed fields are not differences).
func PersonDifferences(stored, typed Person) []string {
	var out []string
	add := func(what, was, now string) {
		if strings.TrimSpace(now) != "" && !strings.EqualFold(strings.TrimSpace(was), strings.TrimSpace(now)) {
			out = append(out, fmt.Sprintf("%s: %q on record, %q typed", what, was, now))
		}
	}
	add("First name", stored.GivenName, typed.GivenName)
	add("Last name", stored.FamilyName, typed.FamilyName)
	add("Preferred name", stored.PreferredName, typed.PreferredName)
	add("NHS number", stored.NHSNumber.String(), typed.NHSNumber.String())
	add("Address", stored.Address, typed.Address)
	add("Postcode", stored.Postcode, typed.Postcode)
	if typed.LocalAuthority.Valid() && typed.LocalAuthority != stored.LocalAuthority {
		out = append(out, fmt.Sprintf("Local authority: %s on record, %s typed", stored.LocalAuthority, typed.LocalAuthority))
	}
	if typed.Diagnosis.Valid() && typed.Diagnosis != stored.Diagnosis {
		out = append(out, fmt.Sprintf("Diagnosis: %s on record, %s typed", stored.Diagnosis, typed.Diagnosis))
	}
	add("Communication needs", stored.CommunicationNeeds, typed.CommunicationNeeds)
	if typed.Communication != (Communication{}) && typed.Communication != stored.Communication {
		out = append(out, fmt.Sprintf("Communication: %s on record, %s typed", orNone(stored.Communication.Needs()), orNone(typed.Communication.Needs())))
	}
	add("GP", stored.GP, typed.GP)
	return out
}

// MergeTyped updates a stored person with what was typed on a referral
// linked to them: every typed field that is not blank replaces the stored
// one, and typed contacts not already on record are added.
func MergeTyped(stored, typed Person) Person {
	out := stored
	set := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = strings.TrimSpace(v)
		}
	}
	set(&out.GivenName, typed.GivenName)
	set(&out.FamilyName, typed.FamilyName)
	set(&out.PreferredName, typed.PreferredName)
	if typed.NHSNumber != "" {
		out.NHSNumber, out.NHSNumberUnknownReason = typed.NHSNumber, ""
	}
	set(&out.Address, typed.Address)
	set(&out.Postcode, typed.Postcode)
	if typed.LocalAuthority.Valid() {
		out.LocalAuthority = typed.LocalAuthority
	}
	if typed.Diagnosis.Valid() {
		out.Diagnosis = typed.Diagnosis
	}
	set(&out.CommunicationNeeds, typed.CommunicationNeeds)
	if typed.Communication != (Communication{}) {
		out.Communication = typed.Communication
	}
	set(&out.GP, typed.GP)
	known := map[string]bool{}
	for _, c := range stored.Contacts {
		known[strings.ToLower(strings.TrimSpace(c.Name))] = true
	}
	out.Contacts = append([]Contact(nil), stored.Contacts...)
	for _, c := range typed.Contacts {
		if !known[strings.ToLower(strings.TrimSpace(c.Name))] {
			out.Contacts = append(out.Contacts, c)
		}
	}
	return out
}

// MayBeNewPerson reports whether the person referred may be recorded as a
// new person despite these possible matches: not when one of them has the
// same NHS number (the referral is linked to them instead).
func MayBeNewPerson(matches []PersonMatch) bool {
	for _, m := range matches {
		if m.Reason == SameNHSNumber {
			return false
		}
	}
	return true
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return strings.TrimSuffix(s, ".")
}
