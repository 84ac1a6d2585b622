package calendar

import (
	"fmt"
	"time"
)

// ExceptionKind says what an Exception does to the computed bank holidays.
type ExceptionKind int

// The kinds of Exception. The zero value is not a valid kind, so an
// Exception with no Kind set is rejected by New.
const (
	// Added makes Date an extra bank holiday called Name.
	Added ExceptionKind = iota + 1
	// Removed cancels the bank holiday the standing rules put on Date.
	Removed
)

// String returns "Added", "Removed" or "ExceptionKind(n)" for other values.
func (k ExceptionKind) String() string {
	switch k {
	case Added:
		return "Added"
	case Removed:
		return "Removed"
	}
	return fmt.Sprintf("ExceptionKind(%d)", int(k))
}

// Exception is a one-off change to the computed bank holidays: an extra day
// (Added) or a cancelled day (Removed). A holiday moved to another date is a
// Removed exception on the old date plus an Added exception on the new one.
// Only the date part of Date (in its own location) is used. Name is the
// holiday's name (required for Added, informational for Removed) and Note is
// free text explaining the change.
type Exception struct {
	Date time.Time
	Kind ExceptionKind
	Name string
	Note string
}

// DefaultExceptions returns the known one-off changes to England and Wales
// bank holidays between 1978 and 2199, in date order. Each call returns a
// fresh slice that the caller may modify.
func DefaultExceptions() []Exception {
	return []Exception{
		added(1981, time.July, 29, "Royal Wedding", "Wedding of Prince Charles and Lady Diana Spencer"),
		removed(1995, time.May, 1, nameEarlyMay, "Moved to Monday 8 May 1995 for the 50th anniversary of VE Day"),
		added(1995, time.May, 8, "Early May bank holiday (VE Day)", "50th anniversary of VE Day; replaces Monday 1 May 1995"),
		added(1999, time.December, 31, "Millennium Celebrations", "Extra day for the millennium"),
		removed(2002, time.May, 27, nameSpring, "Moved to Tuesday 4 June 2002 for the Golden Jubilee"),
		added(2002, time.June, 3, "Golden Jubilee bank holiday", "Golden Jubilee of Queen Elizabeth II"),
		added(2002, time.June, 4, nameSpring, "Moved from Monday 27 May 2002 for the Golden Jubilee"),
		added(2011, time.April, 29, "Royal Wedding", "Wedding of Prince William and Catherine Middleton"),
		removed(2012, time.May, 28, nameSpring, "Moved to Monday 4 June 2012 for the Diamond Jubilee"),
		added(2012, time.June, 4, nameSpring, "Moved from Monday 28 May 2012 for the Diamond Jubilee"),
		added(2012, time.June, 5, "Queen's Diamond Jubilee", "Diamond Jubilee of Queen Elizabeth II"),
		removed(2020, time.May, 4, nameEarlyMay, "Moved to Friday 8 May 2020 for the 75th anniversary of VE Day"),
		added(2020, time.May, 8, "Early May bank holiday (VE Day)", "75th anniversary of VE Day; replaces Monday 4 May 2020"),
		removed(2022, time.May, 30, nameSpring, "Moved to Thursday 2 June 2022 for the Platinum Jubilee"),
		added(2022, time.June, 2, nameSpring, "Moved from Monday 30 May 2022 for the Platinum Jubilee"),
		added(2022, time.June, 3, "Platinum Jubilee bank holiday", "Platinum Jubilee of Queen Elizabeth II"),
		added(2022, time.September, 19, "Bank holiday for the State Funeral of Queen Elizabeth II", "State Funeral of Queen Elizabeth II"),
		added(2023, time.May, 8, "Bank holiday for the coronation of King Charles III", "Coronation of King Charles III"),
	}
}

func added(y int, m time.Month, d int, name, note string) Exception {
	return Exception{Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Kind: Added, Name: name, Note: note}
}

func removed(y int, m time.Month, d int, name, note string) Exception {
	return Exception{Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Kind: Removed, Name: name, Note: note}
}
