package app

import (
	"reflect"
	"testing"
	"time"
)

func TestAgeOn(t *testing.T) {
	tests := []struct {
		name string
		dob  time.Time
		on   time.Time
		want int
	}{
		{"the day before a birthday the age is still the old one", Date(2008, 11, 23), Date(2026, 11, 22), 17},
		{"turning 18 on the day counts as 18 on that day", Date(2008, 11, 22), Date(2026, 11, 22), 18},
		{"the day after a birthday the age is the new one", Date(2008, 11, 21), Date(2026, 11, 22), 18},
		{"a baby born today is 0", Date(2026, 11, 22), Date(2026, 11, 22), 0},
		{"a date before birth gives a negative age", Date(2026, 11, 23), Date(2026, 11, 22), -1},
		{"a leap-day baby is not yet 18 on 28 February of a common year", Date(2008, 2, 29), Date(2026, 2, 28), 17},
		{"a leap-day baby turns 18 on 1 March of a common year", Date(2008, 2, 29), Date(2026, 3, 1), 18},
		{"a leap-day baby turns 16 on 29 February of a leap year", Date(2008, 2, 29), Date(2024, 2, 29), 16},
		{"a leap-day baby is 15 on 28 February of a leap year", Date(2008, 2, 29), Date(2024, 2, 28), 15},
		{"the date part of on is read in its own location", Date(2008, 11, 22),
			time.Date(2026, 11, 21, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600)), 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeOn(tt.dob, tt.on); got != tt.want {
				t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.dob.Format(time.DateOnly), tt.on, got, tt.want)
			}
		})
	}
}

func TestAgeGroupOn(t *testing.T) {
	tests := []struct {
		name string
		dob  time.Time
		want AgeGroup
	}{
		{"someone who is 17 is a child or young person", Date(2009, 1, 1), CYP},
		{"someone who turns 18 today is an adult", Date(2008, 11, 22), Adult},
		{"someone who turns 18 tomorrow is still a child or young person", Date(2008, 11, 23), CYP},
		{"someone of 40 is an adult", Date(1986, 5, 5), Adult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeGroupOn(tt.dob, Date(2026, 11, 22)); got != tt.want {
				t.Errorf("AgeGroupOn = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMilestones(t *testing.T) {
	tests := []struct {
		name string
		dob  time.Time
		want []time.Time // 16, 17½, 18
	}{
		{"an ordinary birthday", Date(2010, 4, 10), []time.Time{Date(2026, 4, 10), Date(2027, 10, 10), Date(2028, 4, 10)}},
		{"a 31 August birthday gives transition planning on the last day of February",
			Date(2010, 8, 31), []time.Time{Date(2026, 8, 31), Date(2028, 2, 29), Date(2028, 8, 31)}},
		{"a leap-day birthday falls on 1 March in common years",
			Date(2008, 2, 29), []time.Time{Date(2024, 2, 29), Date(2025, 9, 1), Date(2026, 3, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Milestones(tt.dob)
			kinds := []MilestoneKind{MilestoneConsentRecheck, MilestoneTransitionPlanning, MilestoneAdultPathway}
			for i, m := range got {
				if m.Kind != kinds[i] || !m.Date.Equal(tt.want[i]) {
					t.Errorf("milestone %d = %v %s, want %v %s", i, m.Kind, m.Date.Format(time.DateOnly), kinds[i], tt.want[i].Format(time.DateOnly))
				}
			}
		})
	}
}

func TestMilestonesReached(t *testing.T) {
	dob := Date(2010, 4, 10)
	tests := []struct {
		name string
		on   time.Time
		want []MilestoneKind
	}{
		{"at 15 none is reached", Date(2026, 4, 9), nil},
		{"on the 16th birthday consent is due for a re-check", Date(2026, 4, 10), []MilestoneKind{MilestoneConsentRecheck}},
		{"at 17 and a half transition planning starts", Date(2027, 10, 10), []MilestoneKind{MilestoneConsentRecheck, MilestoneTransitionPlanning}},
		{"on the 18th birthday all three are reached", Date(2028, 4, 10), []MilestoneKind{MilestoneConsentRecheck, MilestoneTransitionPlanning, MilestoneAdultPathway}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MilestonesReached(dob, tt.on); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MilestonesReached = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAddMonthsClamped(t *testing.T) {
	tests := []struct {
		name     string
		from     time.Time
		months   int
		wantDate time.Time
	}{
		{"31 January plus one month is the end of February", Date(2026, 1, 31), 1, Date(2026, 2, 28)},
		{"31 January plus one month in a leap year is 29 February", Date(2028, 1, 31), 1, Date(2028, 2, 29)},
		{"15 March minus three months is 15 December", Date(2026, 3, 15), -3, Date(2025, 12, 15)},
		{"30 November plus 6 months is 30 May", Date(2026, 11, 30), 6, Date(2027, 5, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddMonthsClamped(tt.from, tt.months); !got.Equal(tt.wantDate) {
				t.Errorf("got %s, want %s", got.Format(time.DateOnly), tt.wantDate.Format(time.DateOnly))
			}
		})
	}
}
