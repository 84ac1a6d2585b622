package app

import (
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
