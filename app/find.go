package app

import (
	"strconv"
	"strings"
)

// Found is one person (or referral awaiting a decision) a search found.
type Found struct {
	PersonID   int64 // 0 for a referral of someone not yet recorded
	ReferralID int64 // set for a referral awaiting a decision
	Name       string
	NHSNumber  NHSNumber
	Where      string // "DSR", "ROAR" or "Triage"
}

// maxFound is the most results FindPeople returns: a search that finds
// more is too vague to read through.
const maxFound = 50

// FindPeople searches the registers (through their views' search index)
// and the referrals awaiting a decision for text: part of a name, the
// start of an NHS number, or a record number (the person's id, typed as
// 123 or #123). Register rows come first, then triage, each in its own
// order; at most maxFound are returned.
func FindPeople(text string, registers []*RegisterView, waiting []Waiting) []Found {
	q := strings.TrimSpace(text)
	if q == "" {
		return nil
	}
	record := int64(0)
	if n, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64); err == nil && n > 0 {
		record = n
	}
	var out []Found
	add := func(f Found) bool {
		out = append(out, f)
		return len(out) < maxFound
	}
	for _, v := range registers {
		if v == nil {
			continue
		}
		seen := map[int32]bool{}
		for _, i := range v.Select(RegisterFilter{Search: strings.TrimPrefix(q, "#")}, SortByName, false) {
			seen[i] = true
			r := v.Rows[i]
			if !add(Found{PersonID: r.PersonID, Name: r.Name(), NHSNumber: r.NHSNumber, Where: r.Register.String()}) {
				return out
			}
		}
		for i, r := range v.Rows {
			if record != 0 && r.PersonID == record && !seen[int32(i)] {
				if !add(Found{PersonID: r.PersonID, Name: r.Name(), NHSNumber: r.NHSNumber, Where: r.Register.String()}) {
					return out
				}
			}
		}
	}
	for _, w := range waiting {
		if waitingMatches(w.Referral, q, record) {
			p := w.Referral.Person
			if !add(Found{PersonID: p.ID, ReferralID: w.Referral.ID, Name: p.FamilyName + ", " + p.GivenName, NHSNumber: p.NHSNumber, Where: "Triage"}) {
				return out
			}
		}
	}
	return out
}

// waitingMatches is FindPeople's test for a referral awaiting a decision.
func waitingMatches(ref Referral, q string, record int64) bool {
	p := ref.Person
	if record != 0 && p.ID == record {
		return true
	}
	digits := strings.NewReplacer(" ", "", "-", "").Replace(q)
	if digits != "" && strings.Trim(digits, "0123456789") == "" {
		return p.NHSNumber != "" && strings.HasPrefix(string(p.NHSNumber), digits)
	}
	hay := strings.ToLower(p.FamilyName + " " + p.GivenName + " " + p.PreferredName + "\x00" + p.GivenName + " " + p.FamilyName)
	return strings.Contains(hay, strings.ToLower(q))
}

// Registered finds the person on the registers' rows: by record number
// when personID is set, else by NHS number when one is known. A referral
// of someone already registered shows it at triage.
func Registered(registers []*RegisterView, personID int64, nhs NHSNumber) (RegisterRow, bool) {
	if personID == 0 && nhs == "" {
		return RegisterRow{}, false
	}
	for _, v := range registers {
		if v == nil {
			continue
		}
		for _, r := range v.Rows {
			if (personID != 0 && r.PersonID == personID) || (personID == 0 && r.NHSNumber == nhs) {
				return r, true
			}
		}
	}
	return RegisterRow{}, false
}
