package app

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// gapReportToday is the day the test reports count time open to.
var gapReportToday = Date(2026, time.July, 10)

// testGap is a valid gap raised on date, still open, with identifiers in
// every free-text field the report must never print.
func testGap(date time.Time, c GapCategory) Gap {
	return Gap{
		Date: date, RaisedBy: "Priya Raisedby-Shah", PersonID: 4242, MeetingID: 77, ActionID: 88,
		LocalAuthority: LeicesterCity, AgeGroup: CYP, Category: c,
		Summary:     "No crisis bed within 50 miles",
		Description: "Samuel Fulldesc-Obrien (NHS 999 000 0001) waited in A&E",
		Impact:      "Impactname Jones", WhatTried: "Triedname Smith", EscalatedTo: "Escalatedname Brown",
		Response: "Responsename Green", Status: GapOpen,
	}
}

// gaps makes n gaps of a category on date.
func gaps(n int, date time.Time, c GapCategory) []Gap {
	out := make([]Gap, n)
	for i := range out {
		out[i] = testGap(date, c)
	}
	return out
}

func buildGapReport(t *testing.T, from, to time.Time, gs []Gap) GapReport {
	t.Helper()
	r, err := BuildGapReport(GapReportInput{From: from, To: to, Today: gapReportToday, Gaps: gs})
	if err != nil {
		t.Fatalf("BuildGapReport: %v", err)
	}
	return r
}

// q2 is the second quarter of 2026: the period of most tests.
var q2From, q2To = Date(2026, time.April, 1), Date(2026, time.June, 30)

func row(t *testing.T, rows []GapCount, label string) Cell {
	t.Helper()
	for _, r := range rows {
		if r.Label == label {
			return r.Cell
		}
	}
	t.Fatalf("no row %q in %v", label, rows)
	return Cell{}
}

func TestCellShown(t *testing.T) {
	tests := []struct {
		name string
		cell Cell
		want string
	}{
		{"a count of 0 is shown as 0", Cell{Count: 0}, "0"},
		{"a count of 1 is shown as <5", Cell{Count: 1}, "<5"},
		{"a count of 4 is shown as <5", Cell{Count: 4}, "<5"},
		{"a count of 5 is shown", Cell{Count: 5}, "5"},
		{"a count of 12 is shown", Cell{Count: 12}, "12"},
		{"a count of 12 withheld to protect another is shown as withheld, not <5", Cell{Count: 12, Withheld: true}, "withheld"},
		{"a small count is <5 even when also withheld", Cell{Count: 3, Withheld: true}, "<5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cell.Shown(); got != tt.want {
				t.Errorf("Shown() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGapReportInputValidate(t *testing.T) {
	tests := []struct {
		name     string
		in       GapReportInput
		field    string
		contains string
	}{
		{"a period with no first day is refused", GapReportInput{To: q2To, Today: gapReportToday}, "from", "Enter the first day"},
		{"a period with no last day is refused", GapReportInput{From: q2From, Today: gapReportToday}, "to", "Enter the last day"},
		{"a first day after the last day is refused in a sentence naming both",
			GapReportInput{From: Date(2026, time.June, 3), To: Date(2026, time.June, 1), Today: gapReportToday},
			"from", "The first day (3 June 2026) is after the last day (1 June 2026)"},
		{"a report without today's date is refused", GapReportInput{From: q2From, To: q2To}, "today", "today's date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := BuildGapReport(tt.in)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if msg := ve.Field(tt.field); !strings.Contains(msg, tt.contains) {
				t.Errorf("%s: %q, want it to contain %q", tt.field, msg, tt.contains)
			}
		})
	}
	t.Run("a period of one day is fine", func(t *testing.T) {
		in := GapReportInput{From: q2From, To: q2From, Today: gapReportToday}
		if p := in.Validate(); len(p) > 0 {
			t.Errorf("problems: %v", p)
		}
	})
}

func TestBuildGapReportPeriod(t *testing.T) {
	// given five gaps on each of the first and last days, and gaps on the
	// days either side
	var gs []Gap
	gs = append(gs, gaps(5, q2From, GapShortBreaks)...)
	// late in the evening of the last day, British Summer Time
	gs = append(gs, gaps(5, time.Date(2026, time.June, 30, 23, 30, 0, 0, ServiceLocation), GapShortBreaks)...)
	gs = append(gs, gaps(3, Date(2026, time.March, 31), GapShortBreaks)...)
	gs = append(gs, gaps(3, Date(2026, time.July, 1), GapShortBreaks)...)

	// when
	r := buildGapReport(t, q2From, q2To, gs)

	// then
	if r.Total.Count != 10 {
		t.Errorf("total = %d, want the 10 gaps on the first and last days only", r.Total.Count)
	}
	if got := r.Period(); got != "1 April 2026 to 30 June 2026" {
		t.Errorf("Period() = %q", got)
	}
	t.Run("the period's ends are read by date whatever the time of day", func(t *testing.T) {
		r := buildGapReport(t, time.Date(2026, time.April, 1, 17, 0, 0, 0, ServiceLocation),
			time.Date(2026, time.June, 30, 9, 0, 0, 0, ServiceLocation), gs)
		if r.Total.Count != 10 {
			t.Errorf("total = %d, want 10", r.Total.Count)
		}
	})
}

func TestBuildGapReportCounts(t *testing.T) {
	// given gaps in two categories, across places, ages and states
	d := Date(2026, time.May, 1)
	gs := gaps(6, d, GapAccommodation)
	gs = append(gs, gaps(7, d, GapEducation)...)
	for i := range gs {
		switch {
		case i < 8:
			gs[i].LocalAuthority = LeicesterCity
		default:
			gs[i].LocalAuthority = Leicestershire
		}
		if i%2 == 0 {
			gs[i].AgeGroup = Adult
		}
		if i < 6 {
			gs[i].Status, gs[i].ClosedOn = GapClosed, Date(2026, time.May, 20)
		}
	}
	r := buildGapReport(t, q2From, q2To, gs)

	t.Run("every category is listed, in form order, zeros included", func(t *testing.T) {
		if len(r.ByCategory) != len(GapCategories) {
			t.Fatalf("%d category rows, want %d", len(r.ByCategory), len(GapCategories))
		}
		for i, c := range GapCategories {
			if r.ByCategory[i].Label != c.String() {
				t.Errorf("row %d is %q, want %q", i, r.ByCategory[i].Label, c)
			}
		}
		if got := row(t, r.ByCategory, "Accommodation / placement").Shown(); got != "6" {
			t.Errorf("accommodation = %s, want 6", got)
		}
		if got := row(t, r.ByCategory, "Education").Shown(); got != "7" {
			t.Errorf("education = %s, want 7", got)
		}
		if got := row(t, r.ByCategory, "Transition").Shown(); got != "0" {
			t.Errorf("transition = %s, want 0", got)
		}
	})
	t.Run("every local authority is listed in order", func(t *testing.T) {
		var labels []string
		for _, row := range r.ByLocalAuthority {
			labels = append(labels, row.Label+"="+row.Cell.Shown())
		}
		want := "Leicester City=8 Leicestershire=5 Rutland=0 Out of area=0"
		if got := strings.Join(labels, " "); got != want {
			t.Errorf("by local authority %q, want %q", got, want)
		}
	})
	t.Run("age groups and states are counted", func(t *testing.T) {
		if got := row(t, r.ByAgeGroup, "Adults (18 and over)").Count; got != 7 {
			t.Errorf("adults = %d, want 7", got)
		}
		if got := row(t, r.ByAgeGroup, "Children and young people (under 18)").Count; got != 6 {
			t.Errorf("CYP = %d, want 6", got)
		}
		if got := row(t, r.ByStatus, "Closed").Shown(); got != "6" {
			t.Errorf("closed = %s, want 6", got)
		}
		if got := row(t, r.ByStatus, "Open").Shown(); got != "7" {
			t.Errorf("open = %s, want 7", got)
		}
		if r.StillOpen.Gaps.Count != 7 || r.Closed.Gaps.Count != 6 {
			t.Errorf("still open %d, closed %d; want 7 and 6", r.StillOpen.Gaps.Count, r.Closed.Gaps.Count)
		}
	})
	t.Run("no Not recorded row when every gap has a value", func(t *testing.T) {
		for _, rows := range [][]GapCount{r.ByCategory, r.ByLocalAuthority, r.ByAgeGroup, r.ByStatus} {
			for _, row := range rows {
				if row.Label == notRecorded {
					t.Errorf("unexpected %q row", notRecorded)
				}
			}
		}
	})
	t.Run("a gap without a valid category is counted as Not recorded", func(t *testing.T) {
		odd := append(gaps(5, d, GapOther), gaps(5, d, GapCategory(0))...)
		r := buildGapReport(t, q2From, q2To, odd)
		if got := row(t, r.ByCategory, notRecorded).Shown(); got != "5" {
			t.Errorf("not recorded = %s, want 5", got)
		}
	})
}

func TestBuildGapReportSuppression(t *testing.T) {
	d := Date(2026, time.May, 1)
	type cats map[GapCategory]int
	build := func(c cats) []Gap {
		var gs []Gap
		for _, cat := range GapCategories {
			gs = append(gs, gaps(c[cat], d, cat)...)
		}
		return gs
	}
	tests := []struct {
		name  string
		cats  cats
		want  map[GapCategory]string
		total string
	}{
		{"4 is <5 and 5 is shown, a second small cell makes the hidden ones add up to 5 or more",
			cats{GapAccommodation: 4, GapEducation: 5, GapTransition: 3},
			map[GapCategory]string{GapAccommodation: "<5", GapEducation: "5", GapTransition: "<5", GapOther: "0"}, "12"},
		{"one small cell also hides the next smallest, so the total does not give it away",
			cats{GapAccommodation: 3, GapShortBreaks: 7, GapEducation: 10},
			map[GapCategory]string{GapAccommodation: "<5", GapShortBreaks: "withheld", GapEducation: "10", GapOther: "0"}, "20"},
		{"two small cells that add up to under 5 also hide the next smallest",
			cats{GapAccommodation: 1, GapShortBreaks: 2, GapMentalHealth: 6, GapEducation: 9},
			map[GapCategory]string{GapAccommodation: "<5", GapShortBreaks: "<5", GapMentalHealth: "withheld", GapEducation: "9"}, "18"},
		{"two small cells that add up to 5 or more are enough on their own",
			cats{GapAccommodation: 2, GapShortBreaks: 3, GapEducation: 8},
			map[GapCategory]string{GapAccommodation: "<5", GapShortBreaks: "<5", GapEducation: "8"}, "13"},
		{"on a tie the first in form order is withheld",
			cats{GapAccommodation: 1, GapShortBreaks: 6, GapEducation: 6},
			map[GapCategory]string{GapAccommodation: "<5", GapShortBreaks: "withheld", GapEducation: "6"}, "13"},
		{"no small cell, nothing withheld",
			cats{GapAccommodation: 5, GapEducation: 6},
			map[GapCategory]string{GapAccommodation: "5", GapEducation: "6", GapShortBreaks: "0"}, "11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := buildGapReport(t, q2From, q2To, build(tt.cats))
			if got := r.Total.Shown(); got != tt.total {
				t.Errorf("total = %s, want %s", got, tt.total)
			}
			for c, want := range tt.want {
				if got := row(t, r.ByCategory, c.String()).Shown(); got != want {
					t.Errorf("%s = %s, want %s", c, got, want)
				}
			}
		})
	}

	t.Run("fewer than 5 gaps are not broken down at all", func(t *testing.T) {
		// Four gaps shown <5 in four categories would be 1 each.
		var gs []Gap
		for _, c := range GapCategories[:4] {
			gs = append(gs, testGap(d, c))
		}
		r := buildGapReport(t, q2From, q2To, gs)
		if !r.TooFew || r.Total.Shown() != "<5" {
			t.Errorf("TooFew %v, total %s; want true, <5", r.TooFew, r.Total.Shown())
		}
		if len(r.ByCategory)+len(r.ByLocalAuthority)+len(r.ByAgeGroup)+len(r.ByStatus)+len(r.Descriptions) > 0 ||
			len(r.StillOpen.Bands)+len(r.Closed.Bands) > 0 {
			t.Errorf("a report of 4 gaps breaks them down: %+v", r)
		}
	})
	t.Run("a report not broken down says why", func(t *testing.T) {
		few := GapReport{From: q2From, To: q2To, Total: Cell{Count: 3}, TooFew: true}
		if got := few.TooFewSentence(); !strings.HasPrefix(got, "Fewer than 5 gaps in service were raised from 1 April 2026 to 30 June 2026: too few to count by category") {
			t.Errorf("fewer than 5: %q", got)
		}
		// The safety net: more gaps than 4, yet a breakdown would give a count away.
		net := GapReport{From: q2From, To: q2To, Total: Cell{Count: 12}, TooFew: true}
		if got := net.TooFewSentence(); strings.Contains(got, "Fewer than 5") || !strings.Contains(got, "cannot be counted by category") {
			t.Errorf("safety net: %q", got)
		}
	})
	t.Run("5 gaps, 1 and 4, are broken down", func(t *testing.T) {
		gs := append(gaps(1, d, GapEducation), gaps(4, d, GapOther)...)
		r := buildGapReport(t, q2From, q2To, gs)
		if r.TooFew || r.Total.Shown() != "5" {
			t.Errorf("TooFew %v, total %s; want false, 5", r.TooFew, r.Total.Shown())
		}
	})
	t.Run("6 gaps, 1 and 5, withhold the total: <5 and withheld could only be 1 and 5", func(t *testing.T) {
		gs := append(gaps(1, d, GapEducation), gaps(5, d, GapOther)...)
		r := buildGapReport(t, q2From, q2To, gs)
		if got := r.Total.Shown(); got != "withheld" {
			t.Errorf("total %s, want withheld", got)
		}
		if a, b := row(t, r.ByCategory, "Education").Shown(), row(t, r.ByCategory, "Other").Shown(); a != "<5" || b != "withheld" {
			t.Errorf("education %s, other %s; want <5, withheld", a, b)
		}
	})
	t.Run("closed is hidden in the status table and the time-open table alike", func(t *testing.T) {
		gs := gaps(12, d, GapEducation)
		for i := range 3 {
			gs[i].Status, gs[i].ClosedOn = GapClosed, Date(2026, time.May, 3)
		}
		r := buildGapReport(t, q2From, q2To, gs)
		if got := row(t, r.ByStatus, "Closed").Shown(); got != "<5" {
			t.Errorf("closed = %s, want <5", got)
		}
		if got := r.Closed.Gaps.Shown(); got != "<5" {
			t.Errorf("closed (time open) = %s, want <5", got)
		}
		// 9 open = 12 - 3 would give the 3 away.
		if got := r.StillOpen.Gaps.Shown(); got != "withheld" {
			t.Errorf("still open = %s, want withheld", got)
		}
		if got := row(t, r.ByStatus, "Open").Shown(); got != "withheld" {
			t.Errorf("open = %s, want withheld", got)
		}
	})
}

// TestBuildGapReportNothingWorksOut builds reports from random gaps and
// checks, sum by sum, that no hidden count can be worked out from the
// printed numbers (by brute force over the values the hidden ones could
// take: a "<5" 1 to 4, a withheld count 5 or more), and that the hidden
// parts of a printed total never add up to less than 5.
func TestBuildGapReportNothingWorksOut(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	d := Date(2026, time.May, 1)
	withheldCells := 0
	for run := range 600 {
		var gs []Gap
		for range rng.IntN(40) {
			g := testGap(d.AddDate(0, 0, -rng.IntN(120)), GapCategories[rng.IntN(3+rng.IntN(len(GapCategories)-2))])
			g.LocalAuthority = LocalAuthorities[rng.IntN(len(LocalAuthorities))]
			g.AgeGroup = []AgeGroup{CYP, Adult, Adult}[rng.IntN(3)]
			g.Status = GapStatus(1 + rng.IntN(4))
			if g.Status == GapClosed {
				g.ClosedOn = g.Date.AddDate(0, 0, rng.IntN(150))
			}
			gs = append(gs, g)
		}
		r := buildGapReport(t, Date(2026, time.January, 1), q2To, gs)
		if r.TooFew {
			if !r.Total.Small() || len(r.ByCategory)+len(r.ByLocalAuthority)+len(r.Descriptions) > 0 {
				t.Fatalf("run %d: too few, yet %+v", run, r)
			}
			continue
		}
		closed := row(t, r.ByStatus, "Closed")
		var notClosed []Cell
		for _, row := range r.ByStatus {
			if row.Label != "Closed" {
				notClosed = append(notClosed, row.Cell)
			}
		}
		sums := []struct {
			name  string
			total Cell
			parts []Cell
		}{
			{"by category", r.Total, rowCells(r.ByCategory)},
			{"by local authority", r.Total, rowCells(r.ByLocalAuthority)},
			{"by age group", r.Total, rowCells(r.ByAgeGroup)},
			{"by status", r.Total, rowCells(r.ByStatus)},
			{"still open or closed", r.Total, []Cell{r.StillOpen.Gaps, r.Closed.Gaps}},
			{"still open by status", r.StillOpen.Gaps, notClosed},
			{"still open by time", r.StillOpen.Gaps, rowCells(r.StillOpen.Bands)},
			{"closed by time", r.Closed.Gaps, rowCells(r.Closed.Bands)},
			{"closed by status and in time open", closed, []Cell{r.Closed.Gaps}},
		}
		for _, s := range sums {
			if msg := worksOut(s.total, true, s.parts); msg != "" {
				t.Fatalf("run %d, %s: %s (total %s; %s)", run, s.name, msg, s.total.Shown(), shown(s.parts))
			}
		}
		// Every description listed with its days open counts each band's
		// still-open and closed gaps together.
		if r.DescriptionDays && r.DescriptionsWithheld.Count == 0 {
			for i, band := range GapBands {
				parts := []Cell{r.StillOpen.Bands[i].Cell, r.Closed.Bands[i].Cell}
				known := Cell{Count: parts[0].Count + parts[1].Count}
				if msg := worksOut(known, false, parts); msg != "" {
					t.Fatalf("run %d, %s counted from the descriptions: %s (%s)", run, band, msg, shown(parts))
				}
			}
		}
		for _, rows := range [][]GapCount{r.ByCategory, r.ByLocalAuthority, r.ByAgeGroup, r.ByStatus} {
			for _, row := range rows {
				if row.Cell.Withheld && row.Cell.Count < SmallCount {
					t.Fatalf("run %d: %s is withheld at %d", run, row.Label, row.Cell.Count)
				}
				if row.Cell.Withheld {
					withheldCells++
				}
			}
		}
	}
	if withheldCells == 0 {
		t.Error("no random report withheld a count: the test data does not reach secondary suppression")
	}
}

func rowCells(rows []GapCount) []Cell {
	out := make([]Cell, len(rows))
	for i, r := range rows {
		out[i] = r.Cell
	}
	return out
}

func shown(cells []Cell) string {
	var s []string
	for _, c := range cells {
		s = append(s, fmt.Sprintf("%d:%s", c.Count, c.Shown()))
	}
	return strings.Join(s, " ")
}

// worksOut says how a hidden number of a sum (parts adding up to total) can
// be worked out, or "" when none can. A total that is not printed is known
// to the reader all the same (counted from the descriptions).
func worksOut(total Cell, printed bool, parts []Cell) string {
	// The unknowns and their signs: the hidden parts, and the total when
	// it is printed but hidden.
	var unknowns []Cell
	var signs []int
	rest := total.Count
	totalHidden := printed && total.Hidden()
	if totalHidden {
		unknowns, signs, rest = append(unknowns, total), append(signs, -1), 0
	}
	hiddenSum := 0
	for _, p := range parts {
		if p.Hidden() {
			unknowns, signs = append(unknowns, p), append(signs, 1)
			hiddenSum += p.Count
		} else {
			rest -= p.Count
		}
	}
	if printed && !totalHidden && len(unknowns) > 0 && hiddenSum < SmallCount {
		return fmt.Sprintf("the hidden parts add up to %d", hiddenSum)
	}
	const most = 80 // more than any random report's total
	values := func(c Cell) (int, int) {
		if c.Small() {
			return 1, SmallCount - 1
		}
		return SmallCount, most
	}
	for i, u := range unknowns {
		// The signed sums the others can make.
		reach := map[int]bool{0: true}
		for j, o := range unknowns {
			if j == i {
				continue
			}
			next := map[int]bool{}
			lo, hi := values(o)
			for s := range reach {
				for v := lo; v <= hi; v++ {
					next[s+signs[j]*v] = true
				}
			}
			reach = next
		}
		possible := 0
		lo, hi := values(u)
		for v := lo; v <= hi; v++ {
			if reach[rest-signs[i]*v] {
				possible++
			}
		}
		if possible < 2 {
			return fmt.Sprintf("hidden number %d (really %d) can be only %d value(s)", i, u.Count, possible)
		}
	}
	return ""
}

func TestBuildGapReportTimeOpen(t *testing.T) {
	// given gaps open for 0, 27, 28, 84 and 85 days on today, and closed
	// gaps timed to the day they closed
	open := func(days int) Gap { return testGap(gapReportToday.AddDate(0, 0, -days), GapEducation) }
	closed := func(date time.Time, days int) Gap {
		g := testGap(date, GapEducation)
		g.Status, g.ClosedOn = GapClosed, date.AddDate(0, 0, days)
		return g
	}
	gs := []Gap{open(0), open(27), open(28), open(84), open(85), open(85)}
	start := Date(2026, time.April, 1)
	gs = append(gs, closed(start, 3), closed(start, 30), closed(start, 10), closed(start, 90), closed(start, 20))
	r := buildGapReport(t, Date(2026, time.January, 1), gapReportToday, gs)

	t.Run("bands: under 28 days, 28 to 84 days, 85 days or more", func(t *testing.T) {
		want := []int{2, 2, 2}
		for i, b := range r.StillOpen.Bands {
			if b.Cell.Count != want[i] {
				t.Errorf("still open %s = %d, want %d", b.Label, b.Cell.Count, want[i])
			}
		}
		want = []int{3, 1, 1}
		for i, b := range r.Closed.Bands {
			if b.Cell.Count != want[i] {
				t.Errorf("closed %s = %d, want %d", b.Label, b.Cell.Count, want[i])
			}
		}
	})
	t.Run("median and longest, for 5 or more gaps", func(t *testing.T) {
		// still open: 0 27 28 84 85 85, closed: 3 10 20 30 90
		if got := r.StillOpen.Median(); got != "56 days" {
			t.Errorf("still open median %q, want 56 days", got)
		}
		if got := r.StillOpen.Longest(); got != "85 days" {
			t.Errorf("still open longest %q, want 85 days", got)
		}
		if got := r.Closed.Median(); got != "20 days" {
			t.Errorf("closed median %q, want 20 days (time to close, not to today)", got)
		}
		if got := r.Closed.Longest(); got != "90 days" {
			t.Errorf("closed longest %q", got)
		}
	})
	t.Run("a half-day median is written as such", func(t *testing.T) {
		r := buildGapReport(t, Date(2026, time.January, 1), gapReportToday, []Gap{open(1), open(2), open(3), open(4), open(5), open(6)})
		if got := r.StillOpen.Median(); got != "3.5 days" {
			t.Errorf("median %q, want 3.5 days", got)
		}
	})
	t.Run("no median or longest for fewer than 5 gaps", func(t *testing.T) {
		r := buildGapReport(t, Date(2026, time.January, 1), gapReportToday, []Gap{open(1), open(2), open(3), open(400)})
		if r.StillOpen.StatsShown || r.StillOpen.Median() != "" || r.StillOpen.Longest() != "" {
			t.Errorf("stats shown for 4 gaps: %+v", r.StillOpen)
		}
	})
}

func TestBuildGapReportDescriptionDays(t *testing.T) {
	// given every gap in one category, so every description is listed, and
	// 2 still open over 12 weeks with no closed gap that long
	var gs []Gap
	for i := range 10 {
		g := testGap(gapReportToday.AddDate(0, 0, -10), GapEducation)
		switch {
		case i < 2:
			g.Date = gapReportToday.AddDate(0, 0, -100)
		case i >= 7:
			g.Date, g.Status, g.ClosedOn = gapReportToday.AddDate(0, 0, -30), GapClosed, gapReportToday.AddDate(0, 0, -20)
		}
		gs = append(gs, g)
	}
	r := buildGapReport(t, Date(2026, time.January, 1), gapReportToday, gs)
	if r.StillOpen.Bands[2].Cell.Shown() != "<5" || r.Closed.Bands[2].Cell.Shown() != "0" {
		t.Fatalf("over 12 weeks: still open %s, closed %s; the test needs <5 and 0",
			r.StillOpen.Bands[2].Cell.Shown(), r.Closed.Bands[2].Cell.Shown())
	}
	// then counting the descriptions open over 12 weeks would give the 2
	if r.DescriptionDays {
		t.Error("the descriptions give their days open")
	}
	for _, it := range r.Descriptions[0].Items {
		if it.DaysOpen != 0 {
			t.Errorf("%+v gives its days open", it)
		}
	}
	t.Run("with no band count hidden, the days are given", func(t *testing.T) {
		gs := gs[2:7] // 5 open for 10 days
		for i := range 5 {
			old := testGap(gapReportToday.AddDate(0, 0, -100), GapEducation)
			closed := testGap(gapReportToday.AddDate(0, 0, -30), GapEducation)
			closed.Status, closed.ClosedOn = GapClosed, gapReportToday.AddDate(0, 0, -20-i)
			gs = append(gs, old, closed)
		}
		r := buildGapReport(t, Date(2026, time.January, 1), gapReportToday, gs)
		if !r.DescriptionDays || r.Descriptions[0].Items[0].DaysOpen != 100 {
			t.Errorf("days open withheld (%v), or not longest first: %+v", r.DescriptionDays, r.Descriptions[0].Items[0])
		}
	})
}

func TestBuildGapReportDescriptions(t *testing.T) {
	d := Date(2026, time.May, 1)
	gs := gaps(9, d, GapAccommodation)
	gs[0].Summary = "  Waiting\n for a   placement\t"
	gs[1].Summary = "   "
	gs[2].Summary = strings.Repeat("a", SummaryLimit+20)
	gs[3].Date = Date(2026, time.April, 2) // open longest
	gs[3].Summary = "Oldest"
	gs[4].LocalAuthority = Rutland // Rutland's count is 1: not named
	gs[5].LocalAuthority, gs[6].LocalAuthority = Leicestershire, Leicestershire
	gs = append(gs, gaps(3, d, GapTransition)...)
	gs = append(gs, gaps(5, d, GapEducation)...) // withheld, to protect the 3
	for i := len(gs) - 5; i < len(gs); i++ {
		gs[i].LocalAuthority = Leicestershire // 7 in all: withheld, to protect Rutland's 1
	}
	r := buildGapReport(t, q2From, q2To, gs)

	if len(r.Descriptions) != 1 || r.Descriptions[0].Category != GapAccommodation {
		t.Fatalf("descriptions of %v, want accommodation only", r.Descriptions)
	}
	items := r.Descriptions[0].Items
	t.Run("categories whose count is hidden have their descriptions withheld and counted", func(t *testing.T) {
		if got := r.DescriptionsWithheld.Shown(); got != "8" {
			t.Errorf("withheld = %s, want 8", got)
		}
	})
	t.Run("longest open first", func(t *testing.T) {
		if items[0].Summary != "Oldest" || items[0].DaysOpen != 99 {
			t.Errorf("first item %+v, want Oldest open 99 days", items[0])
		}
	})
	t.Run("short descriptions are trimmed to one line, cut at the limit, never the full description", func(t *testing.T) {
		var got []string
		for _, it := range items {
			got = append(got, it.Summary)
			if strings.Contains(it.Summary, "Fulldesc") {
				t.Errorf("the full description is printed: %q", it.Summary)
			}
		}
		all := strings.Join(got, "|")
		for _, want := range []string{"Waiting for a placement", NoSummary, strings.Repeat("a", SummaryLimit-1) + "…"} {
			if !strings.Contains(all, want) {
				t.Errorf("summaries %q lack %q", all, want)
			}
		}
	})
	t.Run("a local authority whose count is hidden is not named", func(t *testing.T) {
		for _, it := range items {
			if it.LocalAuthority == "Rutland" || it.LocalAuthority == "Leicestershire" {
				t.Errorf("%s named on %+v", it.LocalAuthority, it)
			}
		}
		if items[0].LocalAuthority != "Leicester City" || items[0].AgeGroup != "CYP" {
			t.Errorf("first item %+v, want Leicester City, CYP", items[0])
		}
	})
	t.Run("nothing that identifies anyone is in the report", func(t *testing.T) {
		dump := fmt.Sprintf("%+v", r)
		for _, bad := range []string{"Raisedby", "Fulldesc", "999 000 0001", "Impactname", "Triedname",
			"Escalatedname", "Responsename", "4242"} {
			if strings.Contains(dump, bad) {
				t.Errorf("the report holds %q", bad)
			}
		}
	})
}
