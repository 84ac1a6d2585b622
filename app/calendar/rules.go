package calendar

import "time"

// This file holds the fixed rules for England and Wales bank holidays and the
// small amount of date arithmetic the package needs. Dates are handled as day
// numbers (days since 1970-01-01 in the proleptic Gregorian calendar) so that
// stepping and counting days needs no time.Time values or locations.

// Holiday names used by the computed rules.
const (
	nameNewYear          = "New Year's Day"
	nameNewYearSub       = "New Year's Day (substitute day)"
	nameGoodFriday       = "Good Friday"
	nameEasterMonday     = "Easter Monday"
	nameEarlyMay         = "Early May bank holiday"
	nameSpring           = "Spring bank holiday"
	nameSummer           = "Summer bank holiday"
	nameChristmas        = "Christmas Day"
	nameChristmasSub     = "Christmas Day (substitute day)"
	nameBoxingDay        = "Boxing Day"
	nameBoxingDaySub     = "Boxing Day (substitute day)"
	computedPerYearCount = 8
)

// dayEntry is one holiday as a day number and a name.
type dayEntry struct {
	day  int64
	name string
}

// computedHolidays returns the eight bank holidays the standing rules give
// for year, in date order, before any exceptions are applied.
func computedHolidays(year int) []dayEntry {
	hs := make([]dayEntry, 0, computedPerYearCount+4)

	// New Year's Day, moved to the following Monday at a weekend.
	ny := daysFromCivil(year, time.January, 1)
	switch weekday(ny) {
	case time.Saturday:
		hs = append(hs, dayEntry{ny + 2, nameNewYearSub})
	case time.Sunday:
		hs = append(hs, dayEntry{ny + 1, nameNewYearSub})
	default:
		hs = append(hs, dayEntry{ny, nameNewYear})
	}

	// Good Friday and Easter Monday.
	em, ed := easter(year)
	e := daysFromCivil(year, em, ed)
	hs = append(hs, dayEntry{e - 2, nameGoodFriday}, dayEntry{e + 1, nameEasterMonday})

	// The three Monday holidays.
	hs = append(hs,
		dayEntry{firstMonday(year, time.May), nameEarlyMay},
		dayEntry{lastMonday(year, time.May), nameSpring},
		dayEntry{lastMonday(year, time.August), nameSummer},
	)

	// Christmas Day and Boxing Day with their substitutes.
	xmas := daysFromCivil(year, time.December, 25)
	switch weekday(xmas) {
	case time.Saturday: // Mon 27 and Tue 28 are both substitutes.
		hs = append(hs, dayEntry{xmas + 2, nameChristmasSub}, dayEntry{xmas + 3, nameBoxingDaySub})
	case time.Sunday: // Boxing Day itself is Mon 26; Christmas moves to Tue 27.
		hs = append(hs, dayEntry{xmas + 1, nameBoxingDay}, dayEntry{xmas + 2, nameChristmasSub})
	case time.Friday: // Boxing Day falls on Sat 26 and moves to Mon 28.
		hs = append(hs, dayEntry{xmas, nameChristmas}, dayEntry{xmas + 3, nameBoxingDaySub})
	default:
		hs = append(hs, dayEntry{xmas, nameChristmas}, dayEntry{xmas + 1, nameBoxingDay})
	}
	return hs
}

// easter returns the month and day of Easter Sunday in the Gregorian
// calendar for year, using the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher).
func easter(year int) (time.Month, int) {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Month(month), day
}

// firstMonday returns the day number of the first Monday of month in year.
func firstMonday(year int, month time.Month) int64 {
	first := daysFromCivil(year, month, 1)
	return first + int64((8-int(weekday(first)))%7)
}

// lastMonday returns the day number of the last Monday of month in year.
func lastMonday(year int, month time.Month) int64 {
	last := daysFromCivil(year, month+1, 1) - 1 // month+1 may be 13: see daysFromCivil
	return last - int64((int(weekday(last))+6)%7)
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date. A month of 13 is read as January of the next
// year. (Howard Hinnant's days_from_civil.)
func daysFromCivil(year int, month time.Month, day int) int64 {
	y, m := int64(year), int64(month)
	if m > 12 {
		y, m = y+1, m-12
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + int64(day) - 1   // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (int, time.Month, int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d := doy - (153*mp+2)/5 + 1              // [1, 31]
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	return int(y), time.Month(m), int(d)
}

// dayNumber returns the day number of t's date in t's own location.
func dayNumber(t time.Time) (int64, int) {
	y, m, d := t.Date()
	return daysFromCivil(y, m, d), y
}

// timeOf returns midnight of day z in loc.
func timeOf(z int64, loc *time.Location) time.Time {
	y, m, d := civilFromDays(z)
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// weekday returns the day of the week of day z (1970-01-01 was a Thursday).
func weekday(z int64) time.Weekday {
	return time.Weekday(floorMod(z+4, 7))
}

// isWeekend reports whether day z is a Saturday or Sunday.
func isWeekend(z int64) bool {
	wd := weekday(z)
	return wd == time.Saturday || wd == time.Sunday
}

// weekdaysThrough returns the number of Mondays to Fridays from a fixed
// Monday up to and including day z; only differences are meaningful.
func weekdaysThrough(z int64) int64 {
	s := z - 4 // day 4 (1970-01-05) was a Monday
	q := floorDiv(s, 7)
	r := s - 7*q // 0 = Monday ... 6 = Sunday
	return 5*q + min(r+1, 5)
}

// floorDiv returns a/b rounded towards negative infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// floorMod returns a modulo b in [0, b) (b > 0).
func floorMod(a, b int64) int64 {
	return a - b*floorDiv(a, b)
}
