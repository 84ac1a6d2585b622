package app

import "time"

// Date returns midnight UTC on the given day: the form in which DSP Desk holds
// dates that have no time of day (date of birth, due dates, review dates).
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// DateOf returns midnight UTC of the calendar day t falls on in t's own location.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// AgeGroup is the pathway a person's age puts them on.
type AgeGroup int

// Age groups: children and young people under 18, adults 18 and over.
const (
	CYP AgeGroup = iota + 1
	Adult
)

func (g AgeGroup) String() string {
	switch g {
	case CYP:
		return "CYP"
	case Adult:
		return "Adult"
	}
	return ""
}

// Ages at which the pathway asks for something.
const (
	AgeConsentRecheck = 16 // consent and capacity re-check (the Mental Capacity Act applies from 16)
	AgeAdult          = 18 // the adult pathway
)

// Birthday returns the date on which someone born on dob reaches the given age.
// In England and Wales a person born on 29 February reaches an age on 1 March
// in a year that is not a leap year.
func Birthday(dob time.Time, age int) time.Time {
	y, m, d := dob.Date()
	y += age
	if m == time.February && d == 29 && !isLeap(y) {
		return Date(y, time.March, 1)
	}
	return Date(y, m, d)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// AgeOn returns the age in completed years on the date of on (read in on's own
// location). It is negative for a date before birth.
func AgeOn(dob, on time.Time) int {
	day := DateOf(on)
	dy, _, _ := dob.Date()
	age := day.Year() - dy
	if day.Before(Birthday(dob, age)) {
		age--
	}
	return age
}

// AgeGroupOn returns CYP for under-18s and Adult from the 18th birthday.
func AgeGroupOn(dob, on time.Time) AgeGroup {
	if AgeOn(dob, on) < AgeAdult {
		return CYP
	}
	return Adult
}

// MilestoneKind names a date in a young person's life that the pathway acts on.
type MilestoneKind int

// Milestones, in the order they happen.
const (
	MilestoneConsentRecheck     MilestoneKind = iota + 1 // 16th birthday
	MilestoneTransitionPlanning                          // 17 and a half
	MilestoneAdultPathway                                // 18th birthday
)

func (k MilestoneKind) String() string {
	switch k {
	case MilestoneConsentRecheck:
		return "Consent and capacity re-check (16)"
	case MilestoneTransitionPlanning:
		return "Transition planning (17½)"
	case MilestoneAdultPathway:
		return "Adult pathway (18)"
	}
	return ""
}

// Milestone is the date a milestone falls on for one person.
type Milestone struct {
	Kind MilestoneKind
	Date time.Time
}

// Milestones returns the three milestones for someone born on dob, in order:
// the 16th birthday, 17 years and 6 months (the 17th birthday plus six
// months, on the last day of the month when that month is shorter), and the
// 18th birthday.
func Milestones(dob time.Time) []Milestone {
	seventeen := Birthday(dob, 17)
	return []Milestone{
		{MilestoneConsentRecheck, Birthday(dob, AgeConsentRecheck)},
		{MilestoneTransitionPlanning, AddMonthsClamped(seventeen, 6)},
		{MilestoneAdultPathway, Birthday(dob, AgeAdult)},
	}
}

// MilestonesReached returns the milestones whose date is on or before on.
func MilestonesReached(dob, on time.Time) []MilestoneKind {
	day := DateOf(on)
	var out []MilestoneKind
	for _, m := range Milestones(dob) {
		if !m.Date.After(day) {
			out = append(out, m.Kind)
		}
	}
	return out
}

// AddMonthsClamped adds n months to the date of t, keeping the day of the
// month but never spilling into the month after: 31 August + 6 months is
// 28 (or 29) February, not 3 March.
func AddMonthsClamped(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := Date(y, m, 1).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return Date(first.Year(), first.Month(), d)
}
