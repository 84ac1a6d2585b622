package calendar_test

import (
	"fmt"
	"time"

	"dspdesk/app/calendar"
)

func ExampleBankHolidays() {
	for _, h := range calendar.BankHolidays(2026) {
		fmt.Println(h.Date.Format("Mon 2 Jan"), h.Name)
	}
	// Output:
	// Thu 1 Jan New Year's Day
	// Fri 3 Apr Good Friday
	// Mon 6 Apr Easter Monday
	// Mon 4 May Early May bank holiday
	// Mon 25 May Spring bank holiday
	// Mon 31 Aug Summer bank holiday
	// Fri 25 Dec Christmas Day
	// Mon 28 Dec Boxing Day (substitute day)
}

func ExampleWorkingDaysBetween() {
	christmasEve := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	back := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	// Counts 29, 30 and 31 December and 4 January: the start is excluded.
	fmt.Println(calendar.WorkingDaysBetween(christmasEve, back))
	fmt.Println(calendar.WorkingDaysBetween(back, christmasEve))
	// Output:
	// 4
	// -4
}

func ExampleAddWorkingDays() {
	due := calendar.AddWorkingDays(time.Date(2026, 4, 2, 15, 30, 0, 0, time.UTC), 3)
	fmt.Println(due.Format("Mon 2 Jan 2006 15:04"))
	// Output: Thu 9 Apr 2026 00:00
}

func ExampleNew() {
	away, _ := calendar.ParseDate("2026-09-01")
	c, err := calendar.New([]calendar.Exception{
		{Date: away, Kind: calendar.Added, Name: "Team away day"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.IsWorkingDay(away), calendar.IsWorkingDay(away))
	// Output: false true
}
