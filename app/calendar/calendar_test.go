package calendar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// date returns midnight UTC of the given date.
func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayString formats a date as in the test vectors, e.g. "Mon 3 Jan 2022".
func dayString(t time.Time) string {
	return t.Format("Mon 2 Jan 2006")
}

func holidayDays(hs []Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = dayString(h.Date)
	}
	return out
}

func TestBankHolidaysMatchTheKnownLists(t *testing.T) {
	tests := []struct {
		name string
		year int
		want []string
	}{
		{"2022 has the Platinum Jubilee and the State Funeral", 2022, []string{
			"Mon 3 Jan 2022", "Fri 15 Apr 2022", "Mon 18 Apr 2022", "Mon 2 May 2022", "Thu 2 Jun 2022",
			"Fri 3 Jun 2022", "Mon 29 Aug 2022", "Mon 19 Sep 2022", "Mon 26 Dec 2022", "Tue 27 Dec 2022",
		}},
		{"2026 moves Boxing Day to Monday 28 December", 2026, []string{
			"Thu 1 Jan 2026", "Fri 3 Apr 2026", "Mon 6 Apr 2026", "Mon 4 May 2026", "Mon 25 May 2026",
			"Mon 31 Aug 2026", "Fri 25 Dec 2026", "Mon 28 Dec 2026",
		}},
		{"2027 moves both Christmas days to 27 and 28 December", 2027, []string{
			"Fri 1 Jan 2027", "Fri 26 Mar 2027", "Mon 29 Mar 2027", "Mon 3 May 2027", "Mon 31 May 2027",
			"Mon 30 Aug 2027", "Mon 27 Dec 2027", "Tue 28 Dec 2027",
		}},
		{"2020 has early May on Friday 8 May for VE Day", 2020, []string{
			"Wed 1 Jan 2020", "Fri 10 Apr 2020", "Mon 13 Apr 2020", "Fri 8 May 2020", "Mon 25 May 2020",
			"Mon 31 Aug 2020", "Fri 25 Dec 2020", "Mon 28 Dec 2020",
		}},
		{"2023 adds the Coronation to the normal early May holiday", 2023, []string{
			"Mon 2 Jan 2023", "Fri 7 Apr 2023", "Mon 10 Apr 2023", "Mon 1 May 2023", "Mon 8 May 2023",
			"Mon 29 May 2023", "Mon 28 Aug 2023", "Mon 25 Dec 2023", "Tue 26 Dec 2023",
		}},
		{"1995 has early May on 8 May instead of 1 May", 1995, []string{
			"Mon 2 Jan 1995", "Fri 14 Apr 1995", "Mon 17 Apr 1995", "Mon 8 May 1995", "Mon 29 May 1995",
			"Mon 28 Aug 1995", "Mon 25 Dec 1995", "Tue 26 Dec 1995",
		}},
		{"1981 has the Royal Wedding", 1981, []string{
			"Thu 1 Jan 1981", "Fri 17 Apr 1981", "Mon 20 Apr 1981", "Mon 4 May 1981", "Mon 25 May 1981",
			"Wed 29 Jul 1981", "Mon 31 Aug 1981", "Fri 25 Dec 1981", "Mon 28 Dec 1981",
		}},
		{"1999 ends with the Millennium holiday", 1999, []string{
			"Fri 1 Jan 1999", "Fri 2 Apr 1999", "Mon 5 Apr 1999", "Mon 3 May 1999", "Mon 31 May 1999",
			"Mon 30 Aug 1999", "Mon 27 Dec 1999", "Tue 28 Dec 1999", "Fri 31 Dec 1999",
		}},
		{"2002 moves spring to 4 June and adds the Golden Jubilee", 2002, []string{
			"Tue 1 Jan 2002", "Fri 29 Mar 2002", "Mon 1 Apr 2002", "Mon 6 May 2002", "Mon 3 Jun 2002",
			"Tue 4 Jun 2002", "Mon 26 Aug 2002", "Wed 25 Dec 2002", "Thu 26 Dec 2002",
		}},
		{"2011 has the Royal Wedding and a Sunday Christmas", 2011, []string{
			"Mon 3 Jan 2011", "Fri 22 Apr 2011", "Mon 25 Apr 2011", "Fri 29 Apr 2011", "Mon 2 May 2011",
			"Mon 30 May 2011", "Mon 29 Aug 2011", "Mon 26 Dec 2011", "Tue 27 Dec 2011",
		}},
		{"2012 moves spring to 4 June and adds the Diamond Jubilee", 2012, []string{
			"Mon 2 Jan 2012", "Fri 6 Apr 2012", "Mon 9 Apr 2012", "Mon 7 May 2012", "Mon 4 Jun 2012",
			"Tue 5 Jun 2012", "Mon 27 Aug 2012", "Tue 25 Dec 2012", "Wed 26 Dec 2012",
		}},
		{"2010 has a Saturday Christmas", 2010, []string{
			"Fri 1 Jan 2010", "Fri 2 Apr 2010", "Mon 5 Apr 2010", "Mon 3 May 2010", "Mon 31 May 2010",
			"Mon 30 Aug 2010", "Mon 27 Dec 2010", "Tue 28 Dec 2010",
		}},
		{"2015 has a Friday Christmas", 2015, []string{
			"Thu 1 Jan 2015", "Fri 3 Apr 2015", "Mon 6 Apr 2015", "Mon 4 May 2015", "Mon 25 May 2015",
			"Mon 31 Aug 2015", "Fri 25 Dec 2015", "Mon 28 Dec 2015",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := holidayDays(BankHolidays(tt.year))
			if !slices.Equal(got, tt.want) {
				t.Errorf("BankHolidays(%d)\n got %q\nwant %q", tt.year, got, tt.want)
			}
		})
	}
}

func TestHolidaysHaveTheRightNames(t *testing.T) {
	tests := []struct {
		name string
		date time.Time
		want string
	}{
		{"New Year on a Saturday is replaced by Monday 3 January", date(2011, 1, 3), "New Year's Day (substitute day)"},
		{"New Year on a Sunday is replaced by Monday 2 January", date(2012, 1, 2), "New Year's Day (substitute day)"},
		{"New Year on a Thursday stays put", date(2026, 1, 1), "New Year's Day"},
		{"Good Friday is two days before Easter", date(2026, 4, 3), "Good Friday"},
		{"Easter Monday is the day after Easter", date(2026, 4, 6), "Easter Monday"},
		{"the early May holiday is the first Monday in May", date(2026, 5, 4), "Early May bank holiday"},
		{"the spring holiday is the last Monday in May", date(2026, 5, 25), "Spring bank holiday"},
		{"the summer holiday is the last Monday in August", date(2026, 8, 31), "Summer bank holiday"},
		{"Christmas on a Saturday is replaced by Monday 27", date(2010, 12, 27), "Christmas Day (substitute day)"},
		{"Boxing Day on a Sunday is replaced by Tuesday 28", date(2010, 12, 28), "Boxing Day (substitute day)"},
		{"Boxing Day on a Monday stays put when Christmas is a Sunday", date(2011, 12, 26), "Boxing Day"},
		{"Christmas on a Sunday is replaced by Tuesday 27", date(2011, 12, 27), "Christmas Day (substitute day)"},
		{"Christmas on a Friday stays put", date(2015, 12, 25), "Christmas Day"},
		{"Boxing Day on a Saturday is replaced by Monday 28", date(2015, 12, 28), "Boxing Day (substitute day)"},
		{"VE Day 2020 replaces the early May holiday", date(2020, 5, 8), "Early May bank holiday (VE Day)"},
		{"the Platinum Jubilee is Friday 3 June 2022", date(2022, 6, 3), "Platinum Jubilee bank holiday"},
		{"the moved spring holiday keeps its name", date(2022, 6, 2), "Spring bank holiday"},
		{"the State Funeral is Monday 19 September 2022", date(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"},
		{"the Coronation is Monday 8 May 2023", date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := IsBankHoliday(tt.date)
			if !ok || h.Name != tt.want || !h.Date.Equal(tt.date) {
				t.Errorf("IsBankHoliday(%s) = %+v, %v; want %q", dayString(tt.date), h, ok, tt.want)
			}
		})
	}
}

// checkYear checks the invariants every year's list must meet.
func checkYear(t *testing.T, year int, hs []Holiday) {
	t.Helper()
	for i, h := range hs {
		if h.Date.Location() != time.UTC || h.Date.Hour() != 0 || h.Date.Minute() != 0 || h.Date.Second() != 0 || h.Date.Nanosecond() != 0 {
			t.Errorf("%d: %v is not midnight UTC", year, h.Date)
		}
		if h.Date.Year() != year {
			t.Errorf("%d: %s is in the wrong year", year, dayString(h.Date))
		}
		if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("%d: %s (%s) is at a weekend", year, dayString(h.Date), h.Name)
		}
		if h.Name == "" {
			t.Errorf("%d: %s has no name", year, dayString(h.Date))
		}
		if i > 0 && !hs[i-1].Date.Before(h.Date) {
			t.Errorf("%d: %s is not after %s", year, dayString(h.Date), dayString(hs[i-1].Date))
		}
	}
}

func TestEveryYearHasEightWeekdayHolidaysWhenNoExceptionApplies(t *testing.T) {
	plain, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	exceptionYears := map[int]bool{}
	for _, e := range DefaultExceptions() {
		exceptionYears[e.Date.Year()] = true
	}
	var zero Calendar
	for year := 1978; year <= 2199; year++ {
		hs := plain.BankHolidays(year)
		if len(hs) != 8 {
			t.Errorf("%d has %d computed holidays, want 8: %q", year, len(hs), holidayDays(hs))
		}
		checkYear(t, year, hs)
		if z := zero.BankHolidays(year); !slices.Equal(z, hs) {
			t.Errorf("%d: the zero Calendar gives %q, want %q", year, holidayDays(z), holidayDays(hs))
		}
		def := BankHolidays(year)
		checkYear(t, year, def)
		if !exceptionYears[year] && !slices.Equal(def, hs) {
			t.Errorf("%d has no exceptions but Default gives %q, want %q", year, holidayDays(def), holidayDays(hs))
		}
		if exceptionYears[year] && slices.Equal(def, hs) {
			t.Errorf("%d has exceptions but Default gives the plain list", year)
		}
	}
}

func TestEasterMatchesKnownDates(t *testing.T) {
	tests := []struct {
		name string
		year int
		want string
	}{
		{"Easter 1981 is 19 April", 1981, "1981-04-19"},
		{"Easter 2000 is 23 April", 2000, "2000-04-23"},
		{"Easter 2008 is 23 March", 2008, "2008-03-23"},
		{"Easter 2019 is 21 April", 2019, "2019-04-21"},
		{"Easter 2024 is 31 March", 2024, "2024-03-31"},
		{"Easter 2025 is 20 April", 2025, "2025-04-20"},
		{"Easter 2026 is 5 April", 2026, "2026-04-05"},
		{"Easter 2038 is 25 April, the latest possible", 2038, "2038-04-25"},
		{"Easter 1818 is 22 March, the earliest possible", 1818, "1818-03-22"},
		{"Easter 2285 is 22 March, outside the supported range", 2285, "2285-03-22"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, d := easter(tt.year)
			if got := date(tt.year, m, d).Format(time.DateOnly); got != tt.want {
				t.Errorf("easter(%d) = %s, want %s", tt.year, got, tt.want)
			}
			if !Supported(tt.year) {
				return
			}
			e := date(tt.year, m, d)
			if h, ok := IsBankHoliday(e.AddDate(0, 0, -2)); !ok || h.Name != "Good Friday" {
				t.Errorf("Good Friday %d: got %+v, %v", tt.year, h, ok)
			}
			if h, ok := IsBankHoliday(e.AddDate(0, 0, 1)); !ok || h.Name != "Easter Monday" {
				t.Errorf("Easter Monday %d: got %+v, %v", tt.year, h, ok)
			}
		})
	}
}

func TestSupportedCoversExactly1978To2199(t *testing.T) {
	tests := []struct {
		name string
		year int
		want bool
	}{
		{"1977 is too early", 1977, false},
		{"1978 is the first year", 1978, true},
		{"2026 is supported", 2026, true},
		{"2199 is the last year", 2199, true},
		{"2200 is too late", 2200, false},
		{"year 0 is not supported", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Supported(tt.year); got != tt.want {
				t.Errorf("Supported(%d) = %v, want %v", tt.year, got, tt.want)
			}
			if got := Default().Supported(tt.year); got != tt.want {
				t.Errorf("Default().Supported(%d) = %v, want %v", tt.year, got, tt.want)
			}
			if got := len(BankHolidays(tt.year)) > 0; got != tt.want {
				t.Errorf("BankHolidays(%d) non-empty = %v, want %v", tt.year, got, tt.want)
			}
		})
	}
}

func TestUnsupportedYearsHaveNoBankHolidays(t *testing.T) {
	for _, year := range []int{-400, 1, 1977, 2200, 9999} {
		if hs := BankHolidays(year); hs != nil {
			t.Errorf("BankHolidays(%d) = %q, want nil", year, holidayDays(hs))
		}
	}
	if h, ok := IsBankHoliday(date(1977, 12, 26)); ok {
		t.Errorf("IsBankHoliday(26 Dec 1977) = %+v, true; want false outside the range", h)
	}
	if !IsWorkingDay(date(1977, 12, 26)) || !IsWorkingDay(date(2200, 1, 1)) {
		t.Error("weekdays outside the supported range should be working days")
	}
	if IsWorkingDay(date(2200, 1, 4)) {
		t.Error("Saturday 4 January 2200 should not be a working day")
	}
}

func TestIsWorkingDay(t *testing.T) {
	minus5 := time.FixedZone("UTC-5", -5*60*60)
	plus2 := time.FixedZone("UTC+2", 2*60*60)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"an ordinary Wednesday is a working day", date(2026, 3, 11), true},
		{"a Saturday is not a working day", date(2026, 3, 14), false},
		{"a Sunday is not a working day", date(2026, 3, 15), false},
		{"Good Friday is not a working day", date(2026, 4, 3), false},
		{"the Boxing Day substitute is not a working day", date(2026, 12, 28), false},
		{"the Coronation is not a working day", date(2023, 5, 8), false},
		{"the cancelled early May Monday of 2020 is a working day", date(2020, 5, 4), true},
		{"the clock time is ignored", time.Date(2026, 3, 11, 23, 59, 59, 999999999, time.UTC), true},
		{"late on Christmas Eve in UTC-5 is still Christmas Eve there", time.Date(2026, 12, 24, 23, 30, 0, 0, minus5), true},
		{"late on Friday 2 January in UTC-5 is still Friday there", time.Date(2026, 1, 2, 23, 30, 0, 0, minus5), true},
		{"just after midnight on Monday 28 December in UTC+2 is the holiday there", time.Date(2026, 12, 28, 0, 30, 0, 0, plus2), false},
		{"just after midnight on Tuesday 29 December in UTC+2 is a working day there", time.Date(2026, 12, 29, 0, 30, 0, 0, plus2), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsWorkingDay(tt.t); got != tt.want {
				t.Errorf("IsWorkingDay(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestIsBankHoliday(t *testing.T) {
	minus5 := time.FixedZone("UTC-5", -5*60*60)
	tests := []struct {
		name     string
		t        time.Time
		wantOK   bool
		wantName string
		wantDate time.Time
	}{
		{"Christmas Day 2026 is found", date(2026, 12, 25), true, "Christmas Day", date(2026, 12, 25)},
		{"an ordinary day is not a holiday", date(2026, 12, 24), false, "", time.Time{}},
		{"a weekend day is not a holiday", date(2026, 12, 26), false, "", time.Time{}},
		{"a holiday in another zone is returned at midnight UTC", time.Date(2026, 12, 25, 23, 0, 0, 0, minus5), true, "Christmas Day", date(2026, 12, 25)},
		{"the cancelled spring Monday of 2022 is not a holiday", date(2022, 5, 30), false, "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := IsBankHoliday(tt.t)
			if ok != tt.wantOK || h.Name != tt.wantName || !h.Date.Equal(tt.wantDate) || h.Date.Location() != time.UTC {
				t.Errorf("IsBankHoliday(%v) = %+v, %v; want %q on %v, %v", tt.t, h, ok, tt.wantName, tt.wantDate, tt.wantOK)
			}
		})
	}
}

func TestNextWorkingDay(t *testing.T) {
	tests := []struct {
		name string
		from time.Time
		want time.Time
	}{
		{"Christmas Eve 2026 skips the holidays and the weekend to Tuesday 29 December", date(2026, 12, 24), date(2026, 12, 29)},
		{"Friday 22 May 2026 skips the spring bank holiday weekend to Tuesday 26 May", date(2026, 5, 22), date(2026, 5, 26)},
		{"Thursday 2 April 2026 skips Easter to Tuesday 7 April", date(2026, 4, 2), date(2026, 4, 7)},
		{"a Wednesday is followed by the Thursday", date(2026, 3, 11), date(2026, 3, 12)},
		{"a Saturday is followed by the Monday", date(2026, 3, 14), date(2026, 3, 16)},
		{"a bank holiday is followed by the next working day", date(2026, 12, 25), date(2026, 12, 29)},
		{"the last day of 2026 skips New Year's Day 2027", date(2026, 12, 31), date(2027, 1, 4)},
		{"the last supported day is followed by an unsupported weekday", date(2199, 12, 31), date(2200, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextWorkingDay(tt.from); !got.Equal(tt.want) {
				t.Errorf("NextWorkingDay(%s) = %s, want %s", dayString(tt.from), dayString(got), dayString(tt.want))
			}
		})
	}
}

func TestReturnedDatesAreMidnightInTheInputLocation(t *testing.T) {
	locs := []*time.Location{time.UTC, time.Local, time.FixedZone("UTC+13", 13*60*60), time.FixedZone("UTC-11", -11*60*60)}
	for _, loc := range locs {
		t.Run("in "+loc.String()+" the result keeps the location and is at midnight", func(t *testing.T) {
			from := time.Date(2026, 12, 24, 22, 15, 30, 5, loc)
			for _, got := range []time.Time{NextWorkingDay(from), AddWorkingDays(from, 0), AddWorkingDays(from, -3), AddWorkingDays(from, 2)} {
				if got.Location() != loc {
					t.Errorf("%v has location %v, want %v", got, got.Location(), loc)
				}
				if h, m, s := got.Clock(); h != 0 || m != 0 || s != 0 || got.Nanosecond() != 0 {
					t.Errorf("%v is not at midnight", got)
				}
			}
			if got, want := NextWorkingDay(from), time.Date(2026, 12, 29, 0, 0, 0, 0, loc); !got.Equal(want) {
				t.Errorf("NextWorkingDay(%v) = %v, want %v", from, got, want)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"adding 0 to a working day returns that day", date(2026, 3, 11), 0, date(2026, 3, 11)},
		{"adding 0 to a Saturday returns the Saturday", date(2026, 3, 14), 0, date(2026, 3, 14)},
		{"adding 0 to a bank holiday returns the bank holiday", date(2026, 12, 25), 0, date(2026, 12, 25)},
		{"adding 1 to a Wednesday gives the Thursday", date(2026, 3, 11), 1, date(2026, 3, 12)},
		{"adding 5 to a Wednesday gives the next Wednesday", date(2026, 3, 11), 5, date(2026, 3, 18)},
		{"adding 1 to a Saturday gives the Monday", date(2026, 3, 14), 1, date(2026, 3, 16)},
		{"adding 1 before Easter 2026 skips to Tuesday 7 April", date(2026, 4, 2), 1, date(2026, 4, 7)},
		{"adding 3 before Easter 2026 gives Thursday 9 April", date(2026, 4, 2), 3, date(2026, 4, 9)},
		{"adding 10 before Easter 2026 gives Friday 17 April", date(2026, 4, 1), 10, date(2026, 4, 17)},
		{"adding 4 on Christmas Eve 2026 crosses into 2027", date(2026, 12, 24), 4, date(2027, 1, 4)},
		{"subtracting 1 from a Thursday gives the Wednesday", date(2026, 3, 12), -1, date(2026, 3, 11)},
		{"subtracting 1 from a Monday gives the Friday", date(2026, 3, 16), -1, date(2026, 3, 13)},
		{"subtracting 1 from a Saturday gives the Friday", date(2026, 3, 14), -1, date(2026, 3, 13)},
		{"subtracting 1 after Easter 2026 skips back to Thursday 2 April", date(2026, 4, 7), -1, date(2026, 4, 2)},
		{"subtracting 2 after Easter 2026 gives Wednesday 1 April", date(2026, 4, 7), -2, date(2026, 4, 1)},
		{"subtracting 1 from 4 January 2027 crosses back into 2026", date(2027, 1, 4), -1, date(2026, 12, 31)},
		{"subtracting 1 from the first supported day reaches an unsupported year", date(1978, 1, 3), -1, date(1977, 12, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddWorkingDays(tt.from, tt.n); !got.Equal(tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", dayString(tt.from), tt.n, dayString(got), dayString(tt.want))
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	plus14 := time.FixedZone("UTC+14", 14*60*60)
	minus12 := time.FixedZone("UTC-12", -12*60*60)
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"the same date gives 0", date(2026, 3, 11), date(2026, 3, 11), 0},
		{"the same date at different times gives 0", date(2026, 3, 11), time.Date(2026, 3, 11, 23, 0, 0, 0, time.UTC), 0},
		{"the same holiday gives 0", date(2026, 12, 25), date(2026, 12, 25), 0},
		{"Wednesday to Thursday is 1", date(2026, 3, 11), date(2026, 3, 12), 1},
		{"Thursday to Wednesday is -1", date(2026, 3, 12), date(2026, 3, 11), -1},
		{"Monday to Friday excludes the Monday and includes the Friday", date(2026, 3, 9), date(2026, 3, 13), 4},
		{"Friday to Monday counts only the Monday", date(2026, 3, 13), date(2026, 3, 16), 1},
		{"Friday to Sunday is 0", date(2026, 3, 13), date(2026, 3, 15), 0},
		{"Saturday to Monday is 1", date(2026, 3, 14), date(2026, 3, 16), 1},
		{"Monday back to Saturday is -1", date(2026, 3, 16), date(2026, 3, 14), -1},
		{"Thursday 2 April to Tuesday 7 April 2026 skips Easter", date(2026, 4, 2), date(2026, 4, 7), 1},
		{"Christmas Eve 2026 to 4 January 2027 crosses the year end", date(2026, 12, 24), date(2027, 1, 4), 4},
		{"4 January 2027 back to Christmas Eve 2026 is the mirror", date(2027, 1, 4), date(2026, 12, 24), -4},
		{"the whole of 2026 has 253 working days", date(2025, 12, 31), date(2026, 12, 31), 253},
		{"the whole of 2022 has 250 working days", date(2021, 12, 31), date(2022, 12, 31), 250},
		{"the whole of 2023 has 251 working days", date(2022, 12, 31), date(2023, 12, 31), 251},
		{"a span past 2199 counts weekdays only after 2199", date(2199, 12, 24), date(2200, 1, 3), 6},
		{"each date is read in its own location", time.Date(2026, 3, 11, 23, 0, 0, 0, minus12), time.Date(2026, 3, 12, 1, 0, 0, 0, plus14), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", dayString(tt.a), dayString(tt.b), got, tt.want)
			}
		})
	}
}

// bruteWorkingDaysBetween counts day by day.
func bruteWorkingDaysBetween(c *Calendar, a, b time.Time) int {
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

func TestWorkingDaysBetweenAgreesWithCountingDayByDay(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	start := date(1975, 1, 1)
	c := Default()
	for range 2000 {
		a := start.AddDate(0, 0, r.IntN(230*366))
		b := a.AddDate(0, 0, r.IntN(1500)-750)
		if got, want := c.WorkingDaysBetween(a, b), bruteWorkingDaysBetween(c, a, b); got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", dayString(a), dayString(b), got, want)
		}
	}
}

func TestWorkingDaysBetweenUndoesAddWorkingDays(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	start := date(1977, 6, 1)
	for range 3000 {
		from := start.AddDate(0, 0, r.IntN(224*366))
		n := r.IntN(121) - 60
		to := AddWorkingDays(from, n)
		got := WorkingDaysBetween(from, to)
		switch {
		case n >= 0 || IsWorkingDay(from):
			if got != n {
				t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(_, %d) = %s) = %d, want %d", dayString(from), n, dayString(to), got, n)
			}
		default: // from is not a working day and n < 0: from itself is not counted.
			if got != n+1 {
				t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(_, %d) = %s) = %d, want %d", dayString(from), n, dayString(to), got, n+1)
			}
		}
		if n != 0 && !IsWorkingDay(to) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, which is not a working day", dayString(from), n, dayString(to))
		}
	}
}

func TestNewBuildsAnIndependentCalendar(t *testing.T) {
	london := time.FixedZone("BST", 60*60)
	c, err := New([]Exception{
		{Date: date(2026, 9, 1), Kind: Added, Name: "Team away day", Note: "local holiday"},
		{Date: time.Date(2026, 8, 31, 23, 30, 0, 0, london), Kind: Removed, Name: "Summer bank holiday"},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Run("the custom calendar has the added day and lacks the removed day", func(t *testing.T) {
		want := []string{
			"Thu 1 Jan 2026", "Fri 3 Apr 2026", "Mon 6 Apr 2026", "Mon 4 May 2026", "Mon 25 May 2026",
			"Tue 1 Sep 2026", "Fri 25 Dec 2026", "Mon 28 Dec 2026",
		}
		if got := holidayDays(c.BankHolidays(2026)); !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		if h, ok := c.IsBankHoliday(date(2026, 9, 1)); !ok || h.Name != "Team away day" {
			t.Errorf("IsBankHoliday(1 Sep 2026) = %+v, %v", h, ok)
		}
		if !c.IsWorkingDay(date(2026, 8, 31)) || c.IsWorkingDay(date(2026, 9, 1)) {
			t.Error("31 August should be a working day and 1 September not")
		}
		if got := c.NextWorkingDay(date(2026, 8, 28)); !got.Equal(date(2026, 8, 31)) {
			t.Errorf("NextWorkingDay(28 Aug 2026) = %s", dayString(got))
		}
		if got := c.AddWorkingDays(date(2026, 8, 28), 2); !got.Equal(date(2026, 9, 2)) {
			t.Errorf("AddWorkingDays(28 Aug 2026, 2) = %s", dayString(got))
		}
		if got := c.WorkingDaysBetween(date(2026, 8, 28), date(2026, 9, 4)); got != 4 {
			t.Errorf("WorkingDaysBetween(28 Aug, 4 Sep 2026) = %d, want 4", got)
		}
	})
	t.Run("the custom calendar has none of the default exceptions", func(t *testing.T) {
		if _, ok := c.IsBankHoliday(date(2023, 5, 8)); ok {
			t.Error("8 May 2023 should not be a holiday without the default exceptions")
		}
	})
	t.Run("the Default calendar is unchanged", func(t *testing.T) {
		if !IsWorkingDay(date(2026, 9, 1)) || IsWorkingDay(date(2026, 8, 31)) {
			t.Error("Default should keep the summer bank holiday on 31 August 2026")
		}
		if got := len(Default().Exceptions()); got != len(DefaultExceptions()) {
			t.Errorf("Default has %d exceptions, want %d", got, len(DefaultExceptions()))
		}
	})
	t.Run("Exceptions returns normalised dates in date order", func(t *testing.T) {
		got := c.Exceptions()
		if len(got) != 2 || !got[0].Date.Equal(date(2026, 8, 31)) || got[0].Date.Location() != time.UTC || got[0].Kind != Removed ||
			!got[1].Date.Equal(date(2026, 9, 1)) || got[1].Kind != Added || got[1].Note != "local holiday" {
			t.Errorf("Exceptions() = %+v", got)
		}
	})
	t.Run("Exceptions returns a copy", func(t *testing.T) {
		got := c.Exceptions()
		got[0].Name = "changed"
		if c.Exceptions()[0].Name == "changed" {
			t.Error("changing the returned slice changed the calendar")
		}
	})
	t.Run("BankHolidays returns a copy", func(t *testing.T) {
		hs := c.BankHolidays(2026)
		hs[0].Name = "changed"
		if c.BankHolidays(2026)[0].Name == "changed" {
			t.Error("changing the returned slice changed the calendar")
		}
	})
}

func TestNewRejectsBadExceptions(t *testing.T) {
	tests := []struct {
		name string
		exc  []Exception
		want []string
	}{
		{"an exception with no kind is rejected", []Exception{{Date: date(2026, 9, 1), Name: "x"}},
			[]string{"exceptions[0] (ExceptionKind(0) 2026-09-01): the kind must be Added or Removed"}},
		{"an unknown kind is rejected", []Exception{{Date: date(2026, 9, 1), Kind: 7, Name: "x"}},
			[]string{"ExceptionKind(7)"}},
		{"a year before 1978 is rejected", []Exception{{Date: date(1977, 6, 7), Kind: Added, Name: "Silver Jubilee"}},
			[]string{"the year 1977 is outside the supported range 1978-2199"}},
		{"a year after 2199 is rejected", []Exception{{Date: date(2200, 6, 2), Kind: Added, Name: "x"}},
			[]string{"the year 2200 is outside the supported range 1978-2199"}},
		{"two exceptions on one date are rejected", []Exception{
			{Date: date(2026, 9, 1), Kind: Added, Name: "a"},
			{Date: time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC), Kind: Added, Name: "b"},
		}, []string{"exceptions[1] (Added 2026-09-01): the date is already used by exceptions[0]"}},
		{"removing a day that is not a computed holiday is rejected", []Exception{{Date: date(2026, 9, 1), Kind: Removed}},
			[]string{"Tuesday 1 September 2026 is not a computed bank holiday, so there is nothing to remove"}},
		{"removing a day added by the default table is rejected", []Exception{{Date: date(2023, 5, 8), Kind: Removed}},
			[]string{"Monday 8 May 2023 is not a computed bank holiday"}},
		{"adding a computed holiday is rejected", []Exception{{Date: date(2026, 12, 28), Kind: Added, Name: "x"}},
			[]string{"Monday 28 December 2026 is already a bank holiday (Boxing Day (substitute day)), so it cannot be added"}},
		{"adding a weekend day is rejected", []Exception{{Date: date(2026, 9, 5), Kind: Added, Name: "x"}},
			[]string{"Saturday 5 September 2026 is at a weekend, and a bank holiday must fall on a weekday"}},
		{"adding a day with no name is rejected", []Exception{{Date: date(2026, 9, 1), Kind: Added}},
			[]string{"exceptions[0] (Added 2026-09-01): an added bank holiday needs a name"}},
		{"every problem is reported", []Exception{
			{Date: date(2026, 9, 1), Kind: Added},
			{Date: date(2026, 9, 2), Kind: Added, Name: "fine"},
			{Date: date(2026, 9, 3), Kind: Removed},
		}, []string{"exceptions[0]", "exceptions[2]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.exc)
			if err == nil {
				t.Fatalf("New(%+v) succeeded, want an error", tt.exc)
			}
			if c != nil {
				t.Error("New returned a calendar with its error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "calendar: ") {
				t.Errorf("error %q does not start with the package name", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			wantProblems := 1
			if len(tt.exc) == 3 {
				wantProblems = 2
			}
			var joined interface{ Unwrap() []error }
			if !errors.As(err, &joined) || len(joined.Unwrap()) != wantProblems {
				t.Errorf("error %q should join %d errors, one per problem", msg, wantProblems)
			}
		})
	}
}

func TestDefaultExceptions(t *testing.T) {
	t.Run("the default table is valid and in date order", func(t *testing.T) {
		exc := DefaultExceptions()
		if _, err := New(exc); err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(exc, func(a, b Exception) int { return a.Date.Compare(b.Date) }) {
			t.Error("DefaultExceptions is not in date order")
		}
		if got := Default().Exceptions(); !slices.Equal(got, exc) {
			t.Errorf("Default().Exceptions() = %+v, want %+v", got, exc)
		}
		for _, e := range exc {
			if e.Name == "" || e.Note == "" {
				t.Errorf("%s %v lacks a name or a note", e.Date.Format(time.DateOnly), e.Kind)
			}
		}
	})
	t.Run("each call returns a fresh copy", func(t *testing.T) {
		a := DefaultExceptions()
		a[0].Name = "changed"
		if DefaultExceptions()[0].Name == "changed" {
			t.Error("DefaultExceptions shares its slice between calls")
		}
	})
	t.Run("Default returns the same calendar every time", func(t *testing.T) {
		first, second := Default(), Default()
		if first != second {
			t.Error("Default returned two different calendars")
		}
	})
}

func TestExceptionKindString(t *testing.T) {
	tests := []struct {
		kind ExceptionKind
		want string
	}{{Added, "Added"}, {Removed, "Removed"}, {0, "ExceptionKind(0)"}, {3, "ExceptionKind(3)"}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("kind %d is called %s", int(tt.kind), tt.want), func(t *testing.T) {
			if got := tt.kind.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	t.Run("a valid date parses to midnight UTC", func(t *testing.T) {
		got, err := ParseDate("2022-06-03")
		if err != nil || !got.Equal(date(2022, 6, 3)) || got.Location() != time.UTC {
			t.Errorf("ParseDate = %v, %v", got, err)
		}
	})
	for _, s := range []string{"", "3/6/2022", "2022-02-30", "2022-6-3"} {
		t.Run("an invalid date "+s+" is rejected", func(t *testing.T) {
			if _, err := ParseDate(s); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Errorf("ParseDate(%q) error = %v", s, err)
			}
		})
	}
}

func TestDayNumbersMatchTheTimePackage(t *testing.T) {
	// From 0400-03-01 to 2400-12-31, covering negative day numbers and
	// several 400-year eras.
	lo := daysFromCivil(400, time.March, 1)
	hi := daysFromCivil(2400, time.December, 31)
	for z := lo; z <= hi; z++ {
		tm := time.Unix(z*86400, 0).UTC()
		y, m, d := civilFromDays(z)
		ty, tmo, td := tm.Date()
		if y != ty || m != tmo || d != td {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %v", z, y, m, d, tm)
		}
		if got := daysFromCivil(ty, tmo, td); got != z {
			t.Fatalf("daysFromCivil(%v) = %d, want %d", tm, got, z)
		}
		if weekday(z) != tm.Weekday() {
			t.Fatalf("weekday(%d) = %v, want %v", z, weekday(z), tm.Weekday())
		}
	}
	if daysFromCivil(2026, 13, 1) != daysFromCivil(2027, time.January, 1) {
		t.Error("month 13 should be January of the next year")
	}
}

func TestCalendarIsSafeForConcurrentUse(t *testing.T) {
	c, err := New(DefaultExceptions())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	counts := make([]int, 8)
	for g := range counts {
		wg.Go(func() {
			for y := 1978; y <= 2199; y++ {
				counts[g] += len(c.BankHolidays(y))
				c.IsWorkingDay(date(y, 6, 1))
			}
		})
	}
	wg.Wait()
	for g, n := range counts[1:] {
		if n != counts[0] {
			t.Errorf("goroutine %d saw %d holidays, goroutine 0 saw %d", g+1, n, counts[0])
		}
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	days := make([]time.Time, 1024)
	for i := range days {
		days[i] = date(2020, 1, 1).AddDate(0, 0, i)
	}
	IsWorkingDay(days[0]) // build the cache outside the timed loop
	for i := 0; b.Loop(); i++ {
		IsWorkingDay(days[i%len(days)])
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	from := date(2026, 12, 1)
	AddWorkingDays(from, 20)
	for b.Loop() {
		AddWorkingDays(from, 20)
	}
}
