// Package calendar computes working days and England and Wales bank holidays
// offline, for service hours of Monday to Friday excluding bank holidays.
//
// Bank holidays are computed from the rules in force since 1978 (New Year's
// Day, Good Friday, Easter Monday, the early May, spring and summer bank
// holidays, Christmas Day and Boxing Day, with substitute days when they fall
// at a weekend), then adjusted by a table of one-off exceptions such as
// jubilees, royal weddings and moved holidays. Years 1978 to 2199 inclusive
// are supported; outside that range no bank holidays are known, and only
// Saturdays and Sundays count as non-working days.
//
// Dates: every function reads only the date part (year, month, day) of the
// time it is given, as returned by t.Date() in that time's own location; the
// clock time is ignored. Functions that return a date (NextWorkingDay,
// AddWorkingDays) return midnight of that date in the same location as their
// input (as normalised by time.Date if a clock change skips midnight).
// Holiday.Date is always midnight UTC.
//
// The package-level functions use Default, the calendar seeded with
// DefaultExceptions. Build a different calendar with New; nothing global is
// ever modified. A *Calendar is safe for concurrent use.
package calendar

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// The supported range of years.
const (
	minYear = 1978
	maxYear = 2199
)

// Holiday is one bank holiday. Date is midnight UTC of the day it is observed
// on; Name is its official-style name, such as "Boxing Day (substitute day)".
type Holiday struct {
	Date time.Time
	Name string
}

// Calendar is a set of bank holiday rules plus a fixed list of exceptions.
// Per-year holiday tables are computed on first use and cached, so a
// Calendar is safe for concurrent use and cheap to query repeatedly. The zero
// value is a usable calendar with no exceptions; a Calendar must not be
// copied after first use.
type Calendar struct {
	exceptions []Exception         // normalised to midnight UTC, in date order
	byYear     map[int][]Exception // exceptions grouped by year
	years      [maxYear - minYear + 1]yearSlot
}

// yearSlot lazily holds the holiday table of one supported year.
type yearSlot struct {
	once sync.Once
	set  *yearSet
}

// yearSet is the holiday table of one year.
type yearSet struct {
	first    int64     // day number of 1 January
	holidays []Holiday // in date order
	days     []int64   // day numbers of holidays, same order
	index    [366]uint8
	// index[d] is 1 + the position in holidays of the holiday on day
	// first+d, or 0 when that day is not a bank holiday.
}

// Supported reports whether year is within the supported range 1978-2199
// inclusive.
func Supported(year int) bool {
	return year >= minYear && year <= maxYear
}

// ParseDate parses a date in the form "2006-01-02" and returns midnight UTC
// of that date, for building Exceptions from configuration text.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("calendar: %q is not a date in the form YYYY-MM-DD", s)
	}
	return t, nil
}

// New returns a Calendar that applies exceptions to the computed bank
// holidays. The dates of the exceptions are normalised to midnight UTC of
// their date part. New reports every problem it finds, joined into one
// error, and returns a nil Calendar if:
//   - an exception's Kind is neither Added nor Removed;
//   - its year is outside 1978-2199;
//   - two exceptions share a date;
//   - a Removed exception's date is not a computed bank holiday;
//   - an Added exception has no Name, falls at a weekend or falls on a
//     computed bank holiday.
//
// New(nil) returns a calendar with no exceptions.
func New(exceptions []Exception) (*Calendar, error) {
	c := &Calendar{byYear: make(map[int][]Exception)}
	var errs []error
	seen := make(map[int64]int, len(exceptions))
	for i, e := range exceptions {
		y, m, d := e.Date.Date()
		z := daysFromCivil(y, m, d)
		e.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		fail := func(format string, args ...any) {
			prefix := fmt.Sprintf("calendar: exceptions[%d] (%v %s): ", i, e.Kind, e.Date.Format(time.DateOnly))
			errs = append(errs, errors.New(prefix+fmt.Sprintf(format, args...)))
		}
		if e.Kind != Added && e.Kind != Removed {
			fail("the kind must be Added or Removed")
			continue
		}
		if !Supported(y) {
			fail("the year %d is outside the supported range %d-%d", y, minYear, maxYear)
			continue
		}
		if j, dup := seen[z]; dup {
			fail("the date is already used by exceptions[%d], and each date may appear only once", j)
			continue
		}
		seen[z] = i
		var hit *dayEntry
		for _, h := range computedHolidays(y) {
			if h.day == z {
				hit = &h
				break
			}
		}
		long := e.Date.Format("Monday 2 January 2006")
		switch {
		case e.Kind == Removed && hit == nil:
			fail("%s is not a computed bank holiday, so there is nothing to remove", long)
			continue
		case e.Kind == Added && hit != nil:
			fail("%s is already a bank holiday (%s), so it cannot be added", long, hit.name)
			continue
		case e.Kind == Added && isWeekend(z):
			fail("%s is at a weekend, and a bank holiday must fall on a weekday", long)
			continue
		case e.Kind == Added && e.Name == "":
			fail("an added bank holiday needs a name")
			continue
		}
		c.exceptions = append(c.exceptions, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(c.exceptions, func(a, b Exception) int { return a.Date.Compare(b.Date) })
	for _, e := range c.exceptions {
		c.byYear[e.Date.Year()] = append(c.byYear[e.Date.Year()], e)
	}
	return c, nil
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := New(DefaultExceptions())
	if err != nil {
		panic(err) // the built-in table is tested; this cannot happen
	}
	return c
})

// Default returns the shared calendar seeded with DefaultExceptions. The
// package-level functions use it.
func Default() *Calendar {
	return defaultCalendar()
}

// Exceptions returns a copy of the calendar's exceptions in date order, with
// dates at midnight UTC.
func (c *Calendar) Exceptions() []Exception {
	return slices.Clone(c.exceptions)
}

// Supported reports whether year is within the supported range 1978-2199
// inclusive; it is the same for every Calendar.
func (c *Calendar) Supported(year int) bool {
	return Supported(year)
}

// BankHolidays returns the bank holidays of year in date order, or nil when
// the year is not supported. The slice is a fresh copy.
func (c *Calendar) BankHolidays(year int) []Holiday {
	if !Supported(year) {
		return nil
	}
	return slices.Clone(c.year(year).holidays)
}

// IsBankHoliday reports whether the date of t (in t's location) is a bank
// holiday, and returns that holiday if it is.
func (c *Calendar) IsBankHoliday(t time.Time) (Holiday, bool) {
	z, y := dayNumber(t)
	if !Supported(y) {
		return Holiday{}, false
	}
	s := c.year(y)
	if i := s.index[z-s.first]; i > 0 {
		return s.holidays[i-1], true
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether the date of t (in t's location) is a Monday
// to Friday that is not a bank holiday.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	z, y := dayNumber(t)
	return c.isWorking(z, y)
}

// NextWorkingDay returns the first working day strictly after the date of t,
// at midnight in t's location.
func (c *Calendar) NextWorkingDay(t time.Time) time.Time {
	return c.AddWorkingDays(t, 1)
}

// AddWorkingDays returns the date n working days after the date of t, at
// midnight in t's location. Only days strictly after t's date are counted, so
// n = 1 is the next working day whether or not t's date is one. A negative n
// counts back over days strictly before t's date. n = 0 returns t's own date,
// even if it is not a working day.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	z, _ := dayNumber(t)
	step := int64(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		z += step
		y, _, _ := civilFromDays(z)
		if c.isWorking(z, y) {
			n--
		}
	}
	return timeOf(z, t.Location())
}

// WorkingDaysBetween counts working days by date: for b after a it returns
// the number of working days d with a < d <= b, so a's date is excluded and
// b's date is included. For b before a it returns the mirror,
// -WorkingDaysBetween(b, a); on the same date it returns 0. Each argument's
// date is read in its own location.
//
// Hence WorkingDaysBetween(t, AddWorkingDays(t, n)) == n for every n >= 0,
// and also for n < 0 when t's date is itself a working day.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	za, _ := dayNumber(a)
	zb, _ := dayNumber(b)
	if zb < za {
		return -c.countWorking(zb, za)
	}
	return c.countWorking(za, zb)
}

// countWorking returns the number of working days d with lo < d <= hi.
func (c *Calendar) countWorking(lo, hi int64) int {
	if hi <= lo {
		return 0
	}
	n := weekdaysThrough(hi) - weekdaysThrough(lo)
	ylo, _, _ := civilFromDays(lo + 1)
	yhi, _, _ := civilFromDays(hi)
	for y := max(ylo, minYear); y <= min(yhi, maxYear); y++ {
		for _, d := range c.year(y).days { // bank holidays are all weekdays
			if d > lo && d <= hi {
				n--
			}
		}
	}
	return int(n)
}

// isWorking reports whether day z, which falls in year y, is a working day.
func (c *Calendar) isWorking(z int64, y int) bool {
	if isWeekend(z) {
		return false
	}
	if !Supported(y) {
		return true
	}
	s := c.year(y)
	return s.index[z-s.first] == 0
}

// year returns the holiday table of the supported year y, building it on
// first use.
func (c *Calendar) year(y int) *yearSet {
	slot := &c.years[y-minYear]
	slot.once.Do(func() { slot.set = c.build(y) })
	return slot.set
}

// build computes the holiday table of year y with the exceptions applied.
func (c *Calendar) build(y int) *yearSet {
	entries := computedHolidays(y)
	for _, e := range c.byYear[y] {
		z := daysFromCivil(e.Date.Date())
		switch e.Kind {
		case Removed:
			entries = slices.DeleteFunc(entries, func(h dayEntry) bool { return h.day == z })
		case Added:
			entries = append(entries, dayEntry{z, e.Name})
		}
	}
	slices.SortFunc(entries, func(a, b dayEntry) int { return int(a.day - b.day) })
	s := &yearSet{
		first:    daysFromCivil(y, time.January, 1),
		holidays: make([]Holiday, len(entries)),
		days:     make([]int64, len(entries)),
	}
	for i, h := range entries {
		s.holidays[i] = Holiday{Date: timeOf(h.day, time.UTC), Name: h.name}
		s.days[i] = h.day
		s.index[h.day-s.first] = uint8(i + 1)
	}
	return s
}

// BankHolidays returns the bank holidays of year in date order from the
// Default calendar, or nil when the year is not supported.
func BankHolidays(year int) []Holiday { return Default().BankHolidays(year) }

// IsBankHoliday reports whether the date of t (in t's location) is a bank
// holiday in the Default calendar, and returns that holiday if it is.
func IsBankHoliday(t time.Time) (Holiday, bool) { return Default().IsBankHoliday(t) }

// IsWorkingDay reports whether the date of t (in t's location) is a Monday
// to Friday that is not a bank holiday in the Default calendar.
func IsWorkingDay(t time.Time) bool { return Default().IsWorkingDay(t) }

// NextWorkingDay returns the first working day strictly after the date of t,
// at midnight in t's location, using the Default calendar.
func NextWorkingDay(t time.Time) time.Time { return Default().NextWorkingDay(t) }

// AddWorkingDays returns the date n working days after the date of t, at
// midnight in t's location, using the Default calendar. See
// Calendar.AddWorkingDays for the counting convention.
func AddWorkingDays(t time.Time, n int) time.Time { return Default().AddWorkingDays(t, n) }

// WorkingDaysBetween returns the number of working days d with a < d <= b
// (by date; a excluded, b included) using the Default calendar, the negated
// count -WorkingDaysBetween(b, a) when b is before a, and 0 on the same date.
// See Calendar.WorkingDaysBetween.
func WorkingDaysBetween(a, b time.Time) int { return Default().WorkingDaysBetween(a, b) }
