package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RegisterRow is one line of a register table: a person on a register with
// what the team scans for. Rows are computed once per load, never per cell.
type RegisterRow struct {
	RegistrationID int64
	PersonID       int64
	Register       Register
	Rating         Rating
	Inpatient      bool
	GivenName      string
	FamilyName     string
	PreferredName  string
	NHSNumber      NHSNumber
	DateOfBirth    time.Time
	LocalAuthority LocalAuthority
	Since          time.Time
	LastMAM        time.Time // zero when no MAM has been held
	ReviewDue      time.Time
	OpenActions    int
	OverdueActions int
	Organiser      string // who organises the person's MAMs (latest meeting)
	Consent        ConsentState
	ConsentDate    time.Time // date of the latest consent event
}

// RegisterSort is the column a register is sorted by.
type RegisterSort int

// Register sort columns.
const (
	SortByRating RegisterSort = iota
	SortByName
	SortByNHSNumber
	SortByAge
	SortByLocalAuthority
	SortBySince
	SortByLastMAM
	SortByReviewDue
	SortByActions
	SortByOrganiser
)

// RegisterQuery selects, sorts and pages a register.
type RegisterQuery struct {
	Register       Register
	Ratings        []Rating // empty means all
	LocalAuthority LocalAuthority
	AgeGroup       AgeGroup
	// Search narrows to names or NHS numbers containing it.
	Search string
	Sort   RegisterSort
	Desc   bool
	Offset int
	Limit  int // 0 means no limit
	// Today decides age groups and overdue actions.
	Today time.Time
}

// Age is the row's age on today.
func (r RegisterRow) Age(today time.Time) int { return AgeOn(r.DateOfBirth, today) }

// Name is "Family, Given (Preferred)" as the register shows it.
func (r RegisterRow) Name() string {
	n := r.FamilyName + ", " + r.GivenName
	if r.PreferredName != "" && r.PreferredName != r.GivenName {
		n += " (" + r.PreferredName + ")"
	}
	return n
}

// NeedsAttention reports whether the row needs the team's attention on
// today: an overdue review, an overdue action, consent missing or
// withdrawn, or consent given before the 16th birthday and not yet
// re-checked.
func (r RegisterRow) NeedsAttention(today time.Time) bool {
	day := DateOf(today)
	if !r.ReviewDue.IsZero() && day.After(r.ReviewDue) {
		return true
	}
	if r.OverdueActions > 0 || r.Consent != ConsentGiven {
		return true
	}
	return ConsentStatus{State: r.Consent, Latest: ConsentEvent{Date: r.ConsentDate}}.NeedsRecheck(r.DateOfBirth, day)
}

// RegisterFilter narrows rows in memory, as the register table does while
// the user types.
type RegisterFilter struct {
	Ratings        []Rating
	LocalAuthority LocalAuthority
	AgeGroup       AgeGroup
	NeedsAttention bool
	Search         string
	Today          time.Time
}

// Match reports whether a row passes the filter.
func (f RegisterFilter) Match(r RegisterRow) bool {
	if len(f.Ratings) > 0 {
		ok := false
		for _, x := range f.Ratings {
			if x == r.Rating {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.LocalAuthority.Valid() && r.LocalAuthority != f.LocalAuthority {
		return false
	}
	if f.AgeGroup != 0 && AgeGroupOn(r.DateOfBirth, f.Today) != f.AgeGroup {
		return false
	}
	if f.NeedsAttention && !r.NeedsAttention(f.Today) {
		return false
	}
	return f.Search == "" || searchMatch(f.Search, r)
}

func searchMatch(search string, r RegisterRow) bool {
	s := strings.ToLower(strings.TrimSpace(search))
	if s == "" {
		return true
	}
	digits := strings.NewReplacer(" ", "", "-", "").Replace(s)
	if digits != "" && strings.Trim(digits, "0123456789") == "" {
		return strings.HasPrefix(r.NHSNumber.Digits(), digits)
	}
	for _, n := range []string{r.FamilyName, r.GivenName, r.PreferredName, r.GivenName + " " + r.FamilyName} {
		if strings.Contains(strings.ToLower(n), s) {
			return true
		}
	}
	return false
}

// FilterRegister returns the rows that pass f, in their order.
func FilterRegister(rows []RegisterRow, f RegisterFilter) []RegisterRow {
	out := make([]RegisterRow, 0, len(rows))
	for _, r := range rows {
		if f.Match(r) {
			out = append(out, r)
		}
	}
	return out
}

// SortRegister sorts rows in place by a column; ties fall back to name then
// registration id so the order is stable and repeatable.
func SortRegister(rows []RegisterRow, by RegisterSort, desc bool) {
	cmpTime := func(a, b time.Time) int { return a.Compare(b) }
	key := func(a, b RegisterRow) int {
		switch by {
		case SortByRating:
			return cmpInt(int(a.Rating), int(b.Rating))
		case SortByNHSNumber:
			return strings.Compare(string(a.NHSNumber), string(b.NHSNumber))
		case SortByAge:
			return -cmpTime(a.DateOfBirth, b.DateOfBirth) // older first means earlier birth
		case SortByLocalAuthority:
			return cmpInt(int(a.LocalAuthority), int(b.LocalAuthority))
		case SortBySince:
			return cmpTime(a.Since, b.Since)
		case SortByLastMAM:
			return cmpTime(a.LastMAM, b.LastMAM)
		case SortByReviewDue:
			return cmpTime(a.ReviewDue, b.ReviewDue)
		case SortByActions:
			if c := cmpInt(a.OverdueActions, b.OverdueActions); c != 0 {
				return c
			}
			return cmpInt(a.OpenActions, b.OpenActions)
		case SortByOrganiser:
			return strings.Compare(strings.ToLower(a.Organiser), strings.ToLower(b.Organiser))
		}
		return 0
	}
	byName := func(a, b RegisterRow) int {
		if c := strings.Compare(strings.ToLower(a.FamilyName), strings.ToLower(b.FamilyName)); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(a.GivenName), strings.ToLower(b.GivenName)); c != 0 {
			return c
		}
		return cmpInt(int(a.RegistrationID), int(b.RegistrationID))
	}
	slices.SortStableFunc(rows, func(a, b RegisterRow) int {
		c := key(a, b)
		if by == SortByName {
			c = byName(a, b)
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return byName(a, b)
	})
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// RegisterSummary is the line above a register table:
// "DSR: 212 people: 9 red, 61 amber, 140 green, 2 blue".
func RegisterSummary(reg Register, rows []RegisterRow) string {
	counts := map[Rating]int{}
	for _, r := range rows {
		counts[r.Rating]++
	}
	noun := "people"
	if len(rows) == 1 {
		noun = "person"
	}
	return fmt.Sprintf("%s: %d %s: %d red, %d amber, %d green, %d blue", reg, len(rows), noun,
		counts[Red], counts[Amber], counts[Green], counts[Blue])
}
