package app

import (
	"time"
	_ "time/tzdata" // Europe/London must load on Windows laptops too
)

// Clock tells the time. Services and rules take one so tests can be exact
// about dates, weekends and bank holidays.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current local time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always returns the same instant. For tests and demo data.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }

// ServiceLocation is the time zone the service works in: Europe/London.
// Working hours and meeting times are wall-clock times there.
var ServiceLocation = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded, so this cannot happen; fall back rather than panic.
		return time.Local
	}
	return loc
}
