package app

import (
	"fmt"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

// lon is a wall-clock time in London.
func lon(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, ServiceLocation)
}

func triageRules() Rules { return NewRules(DefaultSettings(), calendar.Default()) }

func TestClockStart(t *testing.T) {
	tests := []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		{"a referral at 10:00 on a Monday starts the clock at once", lon(2026, 11, 23, 10, 0), lon(2026, 11, 23, 10, 0)},
		{"a referral at 09:00 exactly is within working hours", lon(2026, 11, 23, 9, 0), lon(2026, 11, 23, 9, 0)},
		{"a referral at 16:59 is within working hours", lon(2026, 11, 23, 16, 59), lon(2026, 11, 23, 16, 59)},
		{"a referral at 07:30 on a Monday counts from 09:00 that Monday", lon(2026, 11, 23, 7, 30), lon(2026, 11, 23, 9, 0)},
		{"a referral at 17:00 exactly counts from 09:00 the next day", lon(2026, 11, 23, 17, 0), lon(2026, 11, 24, 9, 0)},
		{"a referral at 18:00 on a Friday counts from 09:00 on Monday", lon(2026, 11, 20, 18, 0), lon(2026, 11, 23, 9, 0)},
		{"a referral on a Saturday counts from 09:00 on Monday", lon(2026, 11, 21, 11, 0), lon(2026, 11, 23, 9, 0)},
		{"a referral on Christmas Eve evening 2026 counts from Tuesday 29 December", lon(2026, 12, 24, 17, 30), lon(2026, 12, 29, 9, 0)},
		{"a referral on Good Friday 2026 counts from the Tuesday after Easter Monday", lon(2026, 4, 3, 10, 0), lon(2026, 4, 7, 9, 0)},
		{"a referral on the Saturday before the clocks go forward counts from 09:00 BST on Monday", lon(2026, 3, 28, 12, 0), lon(2026, 3, 30, 9, 0)},
		{"a referral given in UTC is read in London: 16:30 UTC in June is 17:30 BST, out of hours",
			time.Date(2026, 6, 1, 16, 30, 0, 0, time.UTC), lon(2026, 6, 2, 9, 0)},
		{"a referral given in UTC is read in London: 07:30 UTC in June is 08:30 BST, before hours",
			time.Date(2026, 6, 1, 7, 30, 0, 0, time.UTC), lon(2026, 6, 1, 9, 0)},
	}
	rules := triageRules()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.ClockStart(tt.received); !got.Equal(tt.want) {
				t.Errorf("ClockStart = %s, want %s", got.In(ServiceLocation).Format(time.RFC1123), tt.want.Format(time.RFC1123))
			}
		})
	}
}

func TestWorkingDaysWaiting(t *testing.T) {
	tests := []struct {
		name          string
		received, now time.Time
		want          int
	}{
		{"received at 10:00 on a Monday, later that Monday it has waited 0 days", lon(2026, 11, 23, 10, 0), lon(2026, 11, 23, 16, 0), 0},
		{"received at 10:00 on a Monday, on the Tuesday it has waited 1 day", lon(2026, 11, 23, 10, 0), lon(2026, 11, 24, 11, 0), 1},
		{"received at 10:00 on a Monday, early on the Tuesday it has still waited 1 day", lon(2026, 11, 23, 10, 0), lon(2026, 11, 24, 7, 0), 1},
		{"received at 10:00 on a Monday, the next Monday it has waited 5 days", lon(2026, 11, 23, 10, 0), lon(2026, 11, 30, 10, 0), 5},
		{"received at 18:00 on a Friday, on the Saturday it has waited 0 days", lon(2026, 11, 20, 18, 0), lon(2026, 11, 21, 10, 0), 0},
		{"received at 18:00 on a Friday, on the Monday it has waited 0 days", lon(2026, 11, 20, 18, 0), lon(2026, 11, 23, 10, 0), 0},
		{"received at 18:00 on a Friday, at 08:00 on the Monday it has waited 0 days", lon(2026, 11, 20, 18, 0), lon(2026, 11, 23, 8, 0), 0},
		{"received at 18:00 on a Friday, on the Tuesday it has waited 1 day", lon(2026, 11, 20, 18, 0), lon(2026, 11, 24, 10, 0), 1},
		{"received at 16:00 on a Friday, on the Monday it has waited 1 day", lon(2026, 11, 20, 16, 0), lon(2026, 11, 23, 10, 0), 1},
		{"received on a Saturday, on the Tuesday it has waited 1 day", lon(2026, 11, 21, 11, 0), lon(2026, 11, 24, 10, 0), 1},
		{"received at 07:30 on a Monday, on the Tuesday it has waited 1 day", lon(2026, 11, 23, 7, 30), lon(2026, 11, 24, 10, 0), 1},
		{"received at 17:00 on a Monday, on the Tuesday it has waited 0 days", lon(2026, 11, 23, 17, 0), lon(2026, 11, 24, 10, 0), 0},
		{"received at 17:00 on a Monday, on the Wednesday it has waited 1 day", lon(2026, 11, 23, 17, 0), lon(2026, 11, 25, 10, 0), 1},
		{"received before now's clock start gives 0, never a negative count", lon(2026, 11, 24, 10, 0), lon(2026, 11, 23, 10, 0), 0},
		{"received at 16:00 on Christmas Eve 2026, on Tuesday 29 December it has waited 1 day",
			lon(2026, 12, 24, 16, 0), lon(2026, 12, 29, 10, 0), 1},
		{"received at 17:30 on Christmas Eve 2026, on Tuesday 29 December it has waited 0 days",
			lon(2026, 12, 24, 17, 30), lon(2026, 12, 29, 10, 0), 0},
		{"received at 17:30 on Christmas Eve 2026, on Wednesday 30 December it has waited 1 day",
			lon(2026, 12, 24, 17, 30), lon(2026, 12, 30, 10, 0), 1},
		{"received at 17:30 on Christmas Eve 2026, on Monday 4 January 2027 it has waited 3 days (New Year's Day is a bank holiday)",
			lon(2026, 12, 24, 17, 30), lon(2027, 1, 4, 10, 0), 3},
		{"received on Christmas Day 2026, on Thursday 31 December it has waited 2 days",
			lon(2026, 12, 25, 10, 0), lon(2026, 12, 31, 10, 0), 2},
		{"received at noon on Maundy Thursday 2026, on the Tuesday after Easter it has waited 1 day",
			lon(2026, 4, 2, 12, 0), lon(2026, 4, 7, 10, 0), 1},
		{"received at 17:15 on Maundy Thursday 2026, on the Wednesday after Easter it has waited 1 day",
			lon(2026, 4, 2, 17, 15), lon(2026, 4, 8, 10, 0), 1},
		{"received on Good Friday 2026, on the Tuesday after Easter it has waited 0 days",
			lon(2026, 4, 3, 10, 0), lon(2026, 4, 7, 10, 0), 0},
		{"received on Good Friday 2026, on the Thursday after Easter it has waited 2 days",
			lon(2026, 4, 3, 10, 0), lon(2026, 4, 9, 10, 0), 2},
		{"received at 16:30 UTC in June (17:30 BST), the next day it has waited 0 days",
			time.Date(2026, 6, 1, 16, 30, 0, 0, time.UTC), lon(2026, 6, 2, 10, 0), 0},
		{"a now given in UTC is read in London: 23:30 UTC on Tuesday 2 June is already Wednesday in BST",
			lon(2026, 6, 1, 10, 0), time.Date(2026, 6, 2, 23, 30, 0, 0, time.UTC), 2},
	}
	rules := triageRules()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.WorkingDaysWaiting(tt.received, tt.now); got != tt.want {
				t.Errorf("WorkingDaysWaiting = %d, want %d", got, tt.want)
			}
		})
	}

	t.Run("working hours are a setting: with hours to 18:00, a referral at 17:30 on a Monday has waited 1 day on the Tuesday", func(t *testing.T) {
		rules := triageRules()
		rules.Settings.WorkEnd = 18 * 60
		if got := rules.WorkingDaysWaiting(lon(2026, 11, 23, 17, 30), lon(2026, 11, 24, 10, 0)); got != 1 {
			t.Errorf("WorkingDaysWaiting = %d, want 1", got)
		}
	})
	t.Run("stored bank-holiday changes count: with 2 June 2026 added, a referral of 1 June has waited 1 day on 4 June", func(t *testing.T) {
		cal, err := calendar.New([]calendar.Exception{{Date: Date(2026, 6, 2), Kind: calendar.Added, Name: "Example holiday"}})
		if err != nil {
			t.Fatal(err)
		}
		rules := NewRules(DefaultSettings(), cal)
		if got := rules.WorkingDaysWaiting(lon(2026, 6, 1, 10, 0), lon(2026, 6, 3, 10, 0)); got != 1 {
			t.Errorf("WorkingDaysWaiting = %d, want 1", got)
		}
	})
}

func TestTriageQueue(t *testing.T) {
	t.Run("pending referrals come oldest first by when their clock started, with the days waited; decided ones are left out", func(t *testing.T) {
		// given, on Tuesday 24 November 2026 at 11:00
		ref := func(id int64, received time.Time, status ReferralStatus) Referral {
			return Referral{ID: id, ReceivedAt: received, Status: status}
		}
		refs := []Referral{
			ref(1, lon(2026, 11, 23, 9, 30), ReferralPending),  // Monday in hours
			ref(2, lon(2026, 11, 23, 8, 0), ReferralPending),   // Monday before hours: clock from 09:00
			ref(3, lon(2026, 11, 20, 18, 0), ReferralPending),  // Friday evening: clock from Monday 09:00
			ref(4, lon(2026, 11, 16, 10, 0), ReferralAccepted), // decided
			ref(5, lon(2026, 11, 16, 10, 0), ReferralPending),  // a week ago
			ref(6, lon(2026, 11, 24, 10, 0), 0),                // not yet stored: pending
		}

		// when
		got := triageRules().TriageQueue(refs, lon(2026, 11, 24, 11, 0))

		// then
		want := []struct {
			id    int64
			start time.Time
			days  int
			ooh   bool
		}{
			{5, lon(2026, 11, 16, 10, 0), 6, false},
			{3, lon(2026, 11, 23, 9, 0), 1, true},
			{2, lon(2026, 11, 23, 9, 0), 1, true},
			{1, lon(2026, 11, 23, 9, 30), 1, false},
			{6, lon(2026, 11, 24, 10, 0), 0, false},
		}
		if len(got) != len(want) {
			t.Fatalf("got %d referrals, want %d", len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Referral.ID != w.id || !g.ClockStart.Equal(w.start) || g.WorkingDays != w.days || g.OutOfHours() != w.ooh {
				t.Errorf("row %d = referral %d from %s, %d days, out of hours %v; want referral %d from %s, %d days, out of hours %v",
					i, g.Referral.ID, g.ClockStart.Format(time.RFC1123), g.WorkingDays, g.OutOfHours(),
					w.id, w.start.Format(time.RFC1123), w.days, w.ooh)
			}
		}
	})
}

func TestAcceptPreview(t *testing.T) {
	byReferrer := aReferral()
	byReferrer.ReferrerOrganisesMAM = true
	adult := aReferral()
	adult.Person = anAdult()
	noBirth := aReferral()
	noBirth.Person.DateOfBirth = time.Time{}
	tests := []struct {
		name   string
		ref    Referral
		rating Rating
		want   string
	}{
		{"Amber for a child means DSR inclusion and a MAM organised by the team", aReferral(), Amber,
			"Accepting as Amber: DSR inclusion and a MAM request, organised by the DSP team. First review due Tuesday 22 December 2026."},
		{"Amber says the referrer organises the MAM when they said they will", byReferrer, Amber,
			"Accepting as Amber: DSR inclusion and a MAM request, organised by the referrer, who will organise and facilitate it. First review due Tuesday 22 December 2026."},
		{"Red for a child means the ROAR and an urgent CETR", aReferral(), Red,
			"Accepting as Red: the ROAR and an urgent CETR request (under 18). First review due Tuesday 1 December 2026."},
		{"Red for an adult means the ROAR and an urgent CTR", adult, Red,
			"Accepting as Red: the ROAR and an urgent CTR request (18 and over). First review due Tuesday 1 December 2026."},
		{"Green means the DSR and nothing more", aReferral(), Green,
			"Accepting as Green: the DSR; no meeting or review is requested. First review due Monday 22 February 2027."},
		{"Blue for a child keeps the register requested, marks an inpatient and plans a discharge MAM", aReferral(), Blue,
			"Accepting as Blue: the DSR, marked as an inpatient; a discharge MAM is to be planned to monitor the discharge plan. First review due Wednesday 24 February 2027."},
		{"no rating asks for one", aReferral(), 0, "Choose the rating to accept the referral with."},
		{"a referral without a date of birth says why it cannot be accepted", noBirth, Amber,
			"The referral has no date of birth, so the age group is unknown."},
	}
	rules := triageRules()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.AcceptPreview(tt.ref, tt.rating, workday); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	t.Run("the preview agrees with what Accept creates for every rating", func(t *testing.T) {
		for _, r := range Ratings {
			out, err := rules.Accept(aReferral(), r, "", "Test User", workday)
			if err != nil {
				t.Fatal(err)
			}
			preview := rules.AcceptPreview(aReferral(), r, workday)
			due := FormatDate(out.Registration.ReviewDue)
			if want := fmt.Sprintf("First review due %s.", due); len(preview) < len(want) || preview[len(preview)-len(want):] != want {
				t.Errorf("%s: preview %q does not end with %q", r, preview, want)
			}
		}
	})
}
