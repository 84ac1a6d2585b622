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
	// Import flags of a person brought in from a team's old register: their
	// details are incomplete (no address, postcode or diagnosis), their
	// consent is not yet confirmed, or the rating from the sheet is still
	// to be reviewed. Each clears when the team records what is missing.
	DetailsIncomplete  bool
	ConsentUnconfirmed bool
	RatingToReview     bool
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
// withdrawn, consent given before the 16th birthday and not yet
// re-checked, or an imported person whose details, consent or rating are
// still to be confirmed.
func (r RegisterRow) NeedsAttention(today time.Time) bool {
	if r.DetailsIncomplete || r.ConsentUnconfirmed || r.RatingToReview {
		return true
	}
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

// RegisterView holds a register's rows with search and sort keys worked out
// once, so that each key press or change of sort only compares small
// values: no lower-casing, no dates to parse, no rows copied.
type RegisterView struct {
	Rows []RegisterRow
	keys []rowKey
}

type rowKey struct {
	hay                            string // lower-case names, for search
	nameRank, orgRank              int32  // position when sorted by name / organiser
	dob, since, lastMAM, reviewDue int64  // Unix seconds
	rating, la, overdue, open      int32
}

// NewRegisterView works out the keys of rows (which it keeps, unchanged).
func NewRegisterView(rows []RegisterRow) *RegisterView {
	v := &RegisterView{Rows: rows, keys: make([]rowKey, len(rows))}
	lowerFamily := make([]string, len(rows))
	lowerGiven := make([]string, len(rows))
	lowerOrg := make([]string, len(rows))
	for i, r := range rows {
		lowerFamily[i], lowerGiven[i], lowerOrg[i] = strings.ToLower(r.FamilyName), strings.ToLower(r.GivenName), strings.ToLower(r.Organiser)
		k := &v.keys[i]
		k.hay = lowerFamily[i] + " " + lowerGiven[i] + " " + strings.ToLower(r.PreferredName) + "\x00" + lowerGiven[i] + " " + lowerFamily[i]
		k.dob, k.since, k.lastMAM, k.reviewDue = unix(r.DateOfBirth), unix(r.Since), unix(r.LastMAM), unix(r.ReviewDue)
		k.rating, k.la, k.overdue, k.open = int32(r.Rating), int32(r.LocalAuthority), int32(r.OverdueActions), int32(r.OpenActions)
	}
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(lowerFamily[a], lowerFamily[b]); c != 0 {
			return c
		}
		if c := strings.Compare(lowerGiven[a], lowerGiven[b]); c != 0 {
			return c
		}
		return cmpInt(int(rows[a].RegistrationID), int(rows[b].RegistrationID))
	})
	for rank, i := range order {
		v.keys[i].nameRank = int32(rank)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(lowerOrg[a], lowerOrg[b]); c != 0 {
			return c
		}
		return cmpInt(int(v.keys[a].nameRank), int(v.keys[b].nameRank))
	})
	for rank, i := range order {
		v.keys[i].orgRank = int32(rank)
	}
	return v
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return -1 << 62
	}
	return t.Unix()
}

// Select returns the positions (in Rows) of the rows that pass f, sorted by
// a column; ties fall back to name then registration id, so the order is
// the same every time.
func (v *RegisterView) Select(f RegisterFilter, by RegisterSort, desc bool) []int32 {
	out := make([]int32, 0, len(v.Rows))
	search := strings.ToLower(strings.TrimSpace(f.Search))
	digits := strings.NewReplacer(" ", "", "-", "").Replace(search)
	nhsSearch := digits != "" && strings.Trim(digits, "0123456789") == ""
	var ratings [8]bool
	for _, r := range f.Ratings {
		if r >= 0 && int(r) < len(ratings) {
			ratings[r] = true
		}
	}
	for i := range v.Rows {
		r := &v.Rows[i]
		if len(f.Ratings) > 0 && (r.Rating < 0 || int(r.Rating) >= len(ratings) || !ratings[r.Rating]) {
			continue
		}
		if f.LocalAuthority.Valid() && r.LocalAuthority != f.LocalAuthority {
			continue
		}
		if search != "" {
			if nhsSearch {
				if !strings.HasPrefix(string(r.NHSNumber), digits) {
					continue
				}
			} else if !strings.Contains(v.keys[i].hay, search) {
				continue
			}
		}
		if f.AgeGroup != 0 && AgeGroupOn(r.DateOfBirth, f.Today) != f.AgeGroup {
			continue
		}
		if f.NeedsAttention && !r.NeedsAttention(f.Today) {
			continue
		}
		out = append(out, int32(i))
	}
	keys := v.keys
	key := func(a, b *rowKey) int {
		switch by {
		case SortByRating:
			return cmpInt(int(a.rating), int(b.rating))
		case SortByNHSNumber:
			return 0 // handled below: compares the numbers themselves
		case SortByAge:
			return -cmp64(a.dob, b.dob)
		case SortByLocalAuthority:
			return cmpInt(int(a.la), int(b.la))
		case SortBySince:
			return cmp64(a.since, b.since)
		case SortByLastMAM:
			return cmp64(a.lastMAM, b.lastMAM)
		case SortByReviewDue:
			return cmp64(a.reviewDue, b.reviewDue)
		case SortByActions:
			if c := cmpInt(int(a.overdue), int(b.overdue)); c != 0 {
				return c
			}
			return cmpInt(int(a.open), int(b.open))
		case SortByOrganiser:
			return cmpInt(int(a.orgRank), int(b.orgRank))
		}
		return 0
	}
	slices.SortFunc(out, func(ai, bi int32) int {
		a, b := &keys[ai], &keys[bi]
		c := key(a, b)
		switch by {
		case SortByName:
			c = cmpInt(int(a.nameRank), int(b.nameRank))
		case SortByNHSNumber:
			c = strings.Compare(string(v.Rows[ai].NHSNumber), string(v.Rows[bi].NHSNumber))
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmpInt(int(a.nameRank), int(b.nameRank))
	})
	return out
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
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
	v := NewRegisterView(rows)
	idx := v.Select(RegisterFilter{}, by, desc)
	sorted := make([]RegisterRow, len(rows))
	for i, j := range idx {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
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
