package app

import (
	"errors"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

// slotLondon is a wall-clock time in the service's time zone (Europe/London).
func slotLondon(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, ServiceLocation)
}

// slotUTC is a wall-clock time in UTC.
func slotUTC(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
}

// slotRules are the default slot rules: 09:00-17:00 on working days of the
// default England and Wales calendar.
func slotRules() SlotRules {
	return NewSlotRules(DefaultSettings(), calendar.Default())
}

// slotRulesHours are slot rules with custom working hours.
func slotRulesHours(start, end ClockTime) SlotRules {
	s := DefaultSettings()
	s.WorkStart, s.WorkEnd = start, end
	return NewSlotRules(s, calendar.Default())
}

func TestSlotRulesCheck(t *testing.T) {
	const (
		hour    = time.Hour
		mam     = 90 * time.Minute
		noPre   = time.Duration(0)
		quarter = 15 * time.Minute
	)
	pre := DefaultSettings().PreMeeting() // 15 minutes
	if pre != quarter {
		t.Fatalf("the default pre-meeting is %s, want 15m", pre)
	}
	defaults := slotRules()
	longDay := slotRulesHours(8*60, 18*60)

	tests := []struct {
		name  string
		rules SlotRules
		start time.Time
		dur   time.Duration
		pre   time.Duration
		// wantReason is "" when the slot is accepted.
		wantReason string
		// wantNext is the offered slot; zero when none can fit.
		wantNext time.Time
	}{
		// Accepted slots.
		{
			name:  "a 90-minute MAM at 10:00 on a GMT Tuesday with its pre-meeting at 09:45 is accepted",
			rules: defaults, start: slotLondon(2026, 11, 24, 10, 0), dur: mam, pre: pre,
		},
		{
			name:  "a 90-minute MAM at 10:00 on a BST Wednesday with its pre-meeting at 09:45 is accepted",
			rules: defaults, start: slotLondon(2026, 6, 10, 10, 0), dur: mam, pre: pre,
		},
		{
			name:  "a MAM at 09:15 whose pre-meeting starts exactly as work begins is accepted",
			rules: defaults, start: slotLondon(2026, 11, 24, 9, 15), dur: mam, pre: pre,
		},
		{
			name:  "a MAM with no pre-meeting at 09:00 is accepted",
			rules: defaults, start: slotLondon(2026, 11, 24, 9, 0), dur: mam, pre: noPre,
		},
		{
			name:  "a MAM ending exactly at 17:00 is accepted",
			rules: defaults, start: slotLondon(2026, 11, 24, 15, 30), dur: mam, pre: pre,
		},
		{
			name:  "a MAM of 7h45m with a 15-minute pre-meeting fills the whole working day and is accepted",
			rules: defaults, start: slotLondon(2026, 11, 24, 9, 15), dur: 7*hour + 45*time.Minute, pre: pre,
		},
		{
			name:  "Monday 30 May 2022, the spring bank holiday's usual date that year, is a working day and is accepted",
			rules: defaults, start: slotLondon(2022, 5, 30, 10, 0), dur: mam, pre: pre,
		},

		// Outside working hours.
		{
			name:  "a MAM at 09:00 is refused because its pre-meeting would start at 08:45, and 09:15 the same day is offered",
			rules: defaults, start: slotLondon(2026, 11, 24, 9, 0), dur: mam, pre: pre,
			wantReason: "The pre-meeting would start at 08:45, before working hours begin at 09:00.",
			wantNext:   slotLondon(2026, 11, 24, 9, 15),
		},
		{
			name:  "a MAM with no pre-meeting at 08:30 is refused and 09:00 the same day is offered",
			rules: defaults, start: slotLondon(2026, 11, 24, 8, 30), dur: mam, pre: noPre,
			wantReason: "The meeting would start at 08:30, before working hours begin at 09:00.",
			wantNext:   slotLondon(2026, 11, 24, 9, 0),
		},
		{
			name:  "a MAM ending at 17:30 is refused and 09:15 on the next working day is offered",
			rules: defaults, start: slotLondon(2026, 5, 21, 16, 0), dur: mam, pre: pre,
			wantReason: "The meeting would end at 17:30, after working hours end at 17:00.",
			wantNext:   slotLondon(2026, 5, 22, 9, 15),
		},
		{
			name:  "a Friday MAM ending too late before the spring bank holiday is offered Tuesday at 09:15",
			rules: defaults, start: slotLondon(2026, 5, 22, 16, 0), dur: mam, pre: pre,
			wantReason: "The meeting would end at 17:30, after working hours end at 17:00.",
			wantNext:   slotLondon(2026, 5, 26, 9, 15),
		},
		{
			name:  "a MAM asked for at 18:00 is refused and 09:15 the next working day is offered",
			rules: defaults, start: slotLondon(2026, 11, 24, 18, 0), dur: hour, pre: pre,
			wantReason: "The meeting would end at 19:00, after working hours end at 17:00.",
			wantNext:   slotLondon(2026, 11, 25, 9, 15),
		},

		// Weekends.
		{
			name:  "a MAM on a Saturday is refused and Monday at 09:15 is offered",
			rules: defaults, start: slotLondon(2026, 11, 21, 10, 0), dur: mam, pre: pre,
			wantReason: "Saturday 21 November 2026 is a weekend: meetings are held Monday to Friday.",
			wantNext:   slotLondon(2026, 11, 23, 9, 15),
		},
		{
			name:  "a MAM on a Sunday is refused and Monday at 09:15 is offered",
			rules: defaults, start: slotLondon(2026, 11, 22, 14, 0), dur: mam, pre: pre,
			wantReason: "Sunday 22 November 2026 is a weekend: meetings are held Monday to Friday.",
			wantNext:   slotLondon(2026, 11, 23, 9, 15),
		},
		{
			name:  "a MAM on the Saturday before the spring bank holiday is offered Tuesday at 09:15",
			rules: defaults, start: slotLondon(2026, 5, 23, 10, 0), dur: mam, pre: pre,
			wantReason: "Saturday 23 May 2026 is a weekend: meetings are held Monday to Friday.",
			wantNext:   slotLondon(2026, 5, 26, 9, 15),
		},

		// Bank holidays.
		{
			name:  "a MAM on the spring bank holiday is refused and Tuesday is offered",
			rules: defaults, start: slotLondon(2026, 5, 25, 10, 0), dur: mam, pre: pre,
			wantReason: "Monday 25 May 2026 is a bank holiday (Spring bank holiday).",
			wantNext:   slotLondon(2026, 5, 26, 9, 15),
		},
		{
			name:  "a MAM with no pre-meeting on the spring bank holiday is offered Tuesday at 09:00",
			rules: defaults, start: slotLondon(2026, 5, 25, 10, 0), dur: mam, pre: noPre,
			wantReason: "Monday 25 May 2026 is a bank holiday (Spring bank holiday).",
			wantNext:   slotLondon(2026, 5, 26, 9, 0),
		},
		{
			name:  "a MAM on Christmas Day 2026, a Friday, is refused and Tuesday 29 December is offered",
			rules: defaults, start: slotLondon(2026, 12, 25, 10, 0), dur: mam, pre: pre,
			wantReason: "Friday 25 December 2026 is a bank holiday (Christmas Day).",
			wantNext:   slotLondon(2026, 12, 29, 9, 15),
		},
		{
			name:  "a MAM on Saturday 26 December 2026 is a weekend, not Boxing Day, and Tuesday 29 December is offered",
			rules: defaults, start: slotLondon(2026, 12, 26, 10, 0), dur: mam, pre: pre,
			wantReason: "Saturday 26 December 2026 is a weekend: meetings are held Monday to Friday.",
			wantNext:   slotLondon(2026, 12, 29, 9, 15),
		},
		{
			name:  "a MAM on Monday 28 December 2026, the Boxing Day substitute, is refused and Tuesday 29 December is offered",
			rules: defaults, start: slotLondon(2026, 12, 28, 10, 0), dur: mam, pre: pre,
			wantReason: "Monday 28 December 2026 is a bank holiday (Boxing Day (substitute day)).",
			wantNext:   slotLondon(2026, 12, 29, 9, 15),
		},
		{
			name:  "a MAM on Good Friday 2026 is refused and the Tuesday after Easter Monday is offered",
			rules: defaults, start: slotLondon(2026, 4, 3, 10, 0), dur: mam, pre: pre,
			wantReason: "Friday 3 April 2026 is a bank holiday (Good Friday).",
			wantNext:   slotLondon(2026, 4, 7, 9, 15),
		},
		{
			name:  "a MAM on Easter Monday 2026 is refused and Tuesday 7 April is offered",
			rules: defaults, start: slotLondon(2026, 4, 6, 10, 0), dur: mam, pre: pre,
			wantReason: "Monday 6 April 2026 is a bank holiday (Easter Monday).",
			wantNext:   slotLondon(2026, 4, 7, 9, 15),
		},
		{
			name:  "a MAM on Thursday 2 June 2022, the moved spring bank holiday, is refused and Monday 6 June is offered",
			rules: defaults, start: slotLondon(2022, 6, 2, 10, 0), dur: mam, pre: pre,
			wantReason: "Thursday 2 June 2022 is a bank holiday (Spring bank holiday).",
			wantNext:   slotLondon(2022, 6, 6, 9, 15),
		},
		{
			name:  "a MAM on Friday 3 June 2022, the Platinum Jubilee, is refused and Monday 6 June is offered",
			rules: defaults, start: slotLondon(2022, 6, 3, 10, 0), dur: mam, pre: pre,
			wantReason: "Friday 3 June 2022 is a bank holiday (Platinum Jubilee bank holiday).",
			wantNext:   slotLondon(2022, 6, 6, 9, 15),
		},
		{
			name:  "a MAM on Wednesday 1 June 2022 that ends too late is offered Monday 6 June, past both 2022 holidays",
			rules: defaults, start: slotLondon(2022, 6, 1, 16, 0), dur: mam, pre: pre,
			wantReason: "The meeting would end at 17:30, after working hours end at 17:00.",
			wantNext:   slotLondon(2022, 6, 6, 9, 15),
		},

		// A meeting that can never fit.
		{
			name:  "an 8-hour MAM with a 15-minute pre-meeting cannot fit a working day and no slot is offered",
			rules: defaults, start: slotLondon(2026, 11, 24, 9, 15), dur: 8 * hour, pre: pre,
			wantReason: "A meeting of 8 hours with a pre-meeting of 15 minutes does not fit in working hours (09:00-17:00).",
		},
		{
			name:  "a 7h50m MAM with a 15-minute pre-meeting cannot fit a working day even on a bank holiday",
			rules: defaults, start: slotLondon(2026, 5, 25, 9, 15), dur: 7*hour + 50*time.Minute, pre: pre,
			wantReason: "A meeting of 7h 50m with a pre-meeting of 15 minutes does not fit in working hours (09:00-17:00).",
		},

		// Custom working hours 08:00-18:00.
		{
			name:  "with hours of 08:00-18:00 a MAM at 08:15 with its pre-meeting at 08:00 is accepted",
			rules: longDay, start: slotLondon(2026, 11, 24, 8, 15), dur: mam, pre: pre,
		},
		{
			name:  "with hours of 08:00-18:00 a MAM ending at 18:00 is accepted",
			rules: longDay, start: slotLondon(2026, 11, 24, 16, 30), dur: mam, pre: pre,
		},
		{
			name:  "with hours of 08:00-18:00 an 8-hour MAM with its pre-meeting fits and is accepted",
			rules: longDay, start: slotLondon(2026, 11, 24, 9, 0), dur: 8 * hour, pre: pre,
		},
		{
			name:  "with hours of 08:00-18:00 a MAM at 08:00 is refused and 08:15 the same day is offered",
			rules: longDay, start: slotLondon(2026, 11, 24, 8, 0), dur: mam, pre: pre,
			wantReason: "The pre-meeting would start at 07:45, before working hours begin at 08:00.",
			wantNext:   slotLondon(2026, 11, 24, 8, 15),
		},
		{
			name:  "with hours of 08:00-18:00 a MAM ending at 18:30 is refused and 08:15 the next working day is offered",
			rules: longDay, start: slotLondon(2026, 11, 24, 17, 0), dur: mam, pre: pre,
			wantReason: "The meeting would end at 18:30, after working hours end at 18:00.",
			wantNext:   slotLondon(2026, 11, 25, 8, 15),
		},
		{
			name:  "with hours of 08:00-18:00 a 10-hour MAM is refused with the custom hours in the message",
			rules: longDay, start: slotLondon(2026, 11, 24, 8, 15), dur: 10 * hour, pre: pre,
			wantReason: "A meeting of 10 hours with a pre-meeting of 15 minutes does not fit in working hours (08:00-18:00).",
		},

		// Working hours are read in Europe/London, whatever the zone of start.
		{
			name:  "a start of 08:30 UTC on a BST weekday is 09:30 in London and is accepted with its pre-meeting at 09:15",
			rules: defaults, start: slotUTC(2026, 6, 10, 8, 30), dur: mam, pre: pre,
		},
		{
			name:  "a start of 08:00 UTC on a BST weekday is 09:00 in London and 09:15 BST is offered",
			rules: defaults, start: slotUTC(2026, 6, 10, 8, 0), dur: mam, pre: pre,
			wantReason: "The pre-meeting would start at 08:45, before working hours begin at 09:00.",
			wantNext:   slotLondon(2026, 6, 10, 9, 15),
		},
		{
			name:  "a one-hour MAM at 15:30 UTC on a BST weekday ends at 17:30 in London and is refused",
			rules: defaults, start: slotUTC(2026, 6, 10, 15, 30), dur: hour, pre: pre,
			wantReason: "The meeting would end at 17:30, after working hours end at 17:00.",
			wantNext:   slotLondon(2026, 6, 11, 9, 15),
		},
		{
			name:  "a start of 09:00 UTC on a GMT weekday is 09:00 in London and 09:15 GMT is offered",
			rules: defaults, start: slotUTC(2026, 11, 24, 9, 0), dur: mam, pre: pre,
			wantReason: "The pre-meeting would start at 08:45, before working hours begin at 09:00.",
			wantNext:   slotLondon(2026, 11, 24, 9, 15),
		},
		{
			name:  "a start of 23:30 UTC on Sunday 24 May 2026 is 00:30 on the spring bank holiday in London and is refused",
			rules: defaults, start: slotUTC(2026, 5, 24, 23, 30), dur: hour, pre: pre,
			wantReason: "Monday 25 May 2026 is a bank holiday (Spring bank holiday).",
			wantNext:   slotLondon(2026, 5, 26, 9, 15),
		},
		{
			name:  "slot rules with no Location still read working hours in London",
			rules: SlotRules{Calendar: calendar.Default(), WorkStart: 9 * 60, WorkEnd: 17 * 60},
			start: slotUTC(2026, 6, 10, 15, 30), dur: hour, pre: pre,
			wantReason: "The meeting would end at 17:30, after working hours end at 17:00.",
			wantNext:   slotLondon(2026, 6, 11, 9, 15),
		},

		// A start just after midnight: the pre-meeting would fall on the
		// evening before; working hours are those of the meeting's own day.
		{
			name:  "a MAM at 00:05 whose pre-meeting would start at 23:50 the evening before is offered 09:15 the same day",
			rules: defaults, start: slotLondon(2026, 11, 24, 0, 5), dur: hour, pre: pre,
			wantReason: "The pre-meeting would start at 23:50, before working hours begin at 09:00.",
			wantNext:   slotLondon(2026, 11, 24, 9, 15),
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// when
			err := tt.rules.Check(tt.start, tt.dur, tt.pre)

			// then
			if tt.wantReason == "" {
				if err != nil {
					t.Fatalf("Check(%s, %s, %s) = %q, want nil", tt.start, tt.dur, tt.pre, err)
				}
				return
			}
			var se *SlotError
			if !errors.As(err, &se) {
				t.Fatalf("Check(%s, %s, %s) = %v (%T), want a *SlotError", tt.start, tt.dur, tt.pre, err, err)
			}
			if se.Reason != tt.wantReason {
				t.Errorf("Reason = %q\nwant     %q", se.Reason, tt.wantReason)
			}
			if !se.Next.Equal(tt.wantNext) {
				t.Errorf("Next = %s, want %s", slotShow(se.Next), slotShow(tt.wantNext))
			}
			if se.Next.IsZero() {
				if got := se.Error(); got != tt.wantReason {
					t.Errorf("Error() = %q, want only the reason %q", got, tt.wantReason)
				}
				return
			}
			if loc := se.Next.Location(); loc != ServiceLocation {
				t.Errorf("Next is in %v, want %v", loc, ServiceLocation)
			}
			// The slot offered must itself be accepted.
			if err := tt.rules.Check(se.Next, tt.dur, tt.pre); err != nil {
				t.Errorf("the offered slot %s is refused: %v", slotShow(se.Next), err)
			}
		})
	}
}

func TestSlotErrorMessage(t *testing.T) {
	tests := []struct {
		name  string
		start time.Time
		dur   time.Duration
		want  string
	}{
		{
			name:  "a refusal on the spring bank holiday says why and offers Tuesday 26 May at 09:15",
			start: slotLondon(2026, 5, 25, 10, 0), dur: 90 * time.Minute,
			want: "Monday 25 May 2026 is a bank holiday (Spring bank holiday). " +
				"The next possible time is Tuesday 26 May 2026 at 09:15.",
		},
		{
			name:  "a refusal for a start given in UTC names the next time in London's clock",
			start: slotUTC(2026, 6, 10, 8, 0), dur: 90 * time.Minute,
			want: "The pre-meeting would start at 08:45, before working hours begin at 09:00. " +
				"The next possible time is Wednesday 10 June 2026 at 09:15.",
		},
		{
			name:  "a meeting too long for any working day says so and offers no time",
			start: slotLondon(2026, 5, 26, 9, 15), dur: 8 * time.Hour,
			want: "A meeting of 8 hours with a pre-meeting of 15 minutes does not fit in working hours (09:00-17:00).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			rules := slotRules()

			// when
			err := rules.Check(tt.start, tt.dur, DefaultSettings().PreMeeting())

			// then
			var se *SlotError
			if !errors.As(err, &se) {
				t.Fatalf("Check = %v (%T), want a *SlotError", err, err)
			}
			if got := se.Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant      %q", got, tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("err.Error() = %q\nwant          %q", got, tt.want)
			}
		})
	}
}

func TestSlotRulesNext(t *testing.T) {
	pre := DefaultSettings().PreMeeting()
	tests := []struct {
		name   string
		rules  SlotRules
		start  time.Time
		dur    time.Duration
		pre    time.Duration
		want   time.Time
		wantOK bool
	}{
		{
			name:  "a valid slot on a GMT day is returned unchanged",
			rules: slotRules(), start: slotLondon(2026, 11, 24, 10, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 11, 24, 10, 0), wantOK: true,
		},
		{
			name:  "a valid slot on a BST day is returned unchanged",
			rules: slotRules(), start: slotLondon(2026, 6, 10, 14, 30), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 6, 10, 14, 30), wantOK: true,
		},
		{
			name:  "a valid slot given in UTC is returned as the same instant",
			rules: slotRules(), start: slotUTC(2026, 6, 10, 8, 30), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 6, 10, 9, 30), wantOK: true,
		},
		{
			name:  "a slot at 09:15 with its pre-meeting at 09:00 is returned unchanged",
			rules: slotRules(), start: slotLondon(2026, 11, 24, 9, 15), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 11, 24, 9, 15), wantOK: true,
		},
		{
			name:  "an early start moves to 09:15 the same day",
			rules: slotRules(), start: slotLondon(2026, 11, 24, 7, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 11, 24, 9, 15), wantOK: true,
		},
		{
			name:  "a start on Christmas Day 2026 moves to Tuesday 29 December at 09:15",
			rules: slotRules(), start: slotLondon(2026, 12, 25, 11, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 12, 29, 9, 15), wantOK: true,
		},
		{
			name:  "a start on Good Friday 2026 moves past Easter Monday to Tuesday 7 April at 09:15",
			rules: slotRules(), start: slotLondon(2026, 4, 3, 11, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 4, 7, 9, 15), wantOK: true,
		},
		{
			name:  "a start on Thursday 2 June 2022 moves past the jubilee to Monday 6 June at 09:15",
			rules: slotRules(), start: slotLondon(2022, 6, 2, 11, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2022, 6, 6, 9, 15), wantOK: true,
		},
		{
			name:  "with hours of 08:00-18:00 a late start moves to 08:15 the next working day",
			rules: slotRulesHours(8*60, 18*60), start: slotLondon(2026, 11, 27, 17, 0), dur: 90 * time.Minute, pre: pre,
			want: slotLondon(2026, 11, 30, 8, 15), wantOK: true,
		},
		{
			name:  "a meeting too long for a working day has no next slot",
			rules: slotRules(), start: slotLondon(2026, 11, 24, 9, 15), dur: 8 * time.Hour, pre: pre,
			want: time.Time{}, wantOK: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.rules.Next(tt.start, tt.dur, tt.pre)
			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("Next(%s, %s, %s) = %s, %v; want %s, %v",
					tt.start, tt.dur, tt.pre, slotShow(got), ok, slotShow(tt.want), tt.wantOK)
			}
			if ok && got.Location() != ServiceLocation {
				t.Errorf("Next is in %v, want %v", got.Location(), ServiceLocation)
			}
		})
	}
}

// slotShow prints a time in London for failure messages.
func slotShow(t time.Time) string {
	if t.IsZero() {
		return "no time"
	}
	return t.In(ServiceLocation).Format("Mon 2 Jan 2006 15:04 MST")
}
