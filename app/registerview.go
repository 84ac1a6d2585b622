package app

import "time"

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
