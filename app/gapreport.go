package app

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The senior managers' gaps in service report counts gaps without
// identifiers. It is built here, in the domain, so that the PDF and the CSV
// print the same numbers and the same suppression.
//
// Small-number suppression, the rules:
//
//  1. Primary: a count from 1 to 4 is shown as "<5". A count of 0 is shown
//     as 0: a true zero identifies nobody. This follows from the count
//     itself (Cell.Shown), so no caller can forget it.
//  2. Secondary: the cells of a breakdown add up to a total the report
//     prints, so a hidden count could be worked out by subtraction. In
//     every such sum (a relation) the report withholds more parts, the
//     smallest non-zero one first (the first in list order on a tie),
//     while either of these holds:
//     - a hidden number in the sum can be only one value, given that the
//     numbers add up, a "<5" is 1 to 4 and a withheld count is 5 or more.
//     The simple case is exactly one hidden cell: the total less the
//     others. But 6 gaps, shown as "<5" and withheld, must be 1 and 5.
//     - the total is printed and the hidden parts add up to less than 5:
//     that would give a small number by subtraction.
//     A count withheld this way is 5 or more and is shown as "withheld",
//     never as "<5", which would be untrue. When no part is left to
//     withhold, the sum's total is withheld instead: with very few gaps,
//     that can be the number of gaps raised itself.
//  3. The sums are: categories, local authorities, age groups and statuses
//     each add up to the gaps raised; still open and closed add up to the
//     gaps raised; open, escalated, response received (and any status not
//     recorded) add up to still open; closed is counted both by status and
//     in the time-open table; the time-open bands of still-open gaps add up
//     to still open and those of closed gaps to closed; and, for each band,
//     the still-open and closed counts add up to the number of listed
//     descriptions with that many days open, which a reader can count.
//     The rules run over all the sums again until nothing changes, because
//     withholding a cell in one sum can expose it in another. If a band
//     still gives a count away (nothing left to withhold) and every
//     description is listed, the descriptions are listed without their
//     days open. (With some descriptions withheld, counting the listed ones
//     gives a reader no more than a lower bound.)
//  4. Short descriptions are listed only for a category whose count is
//     shown (so 5 or more): listing them would count the category. A
//     description names its local authority and age group only when that
//     group's count is shown. Only the short description (Summary) is ever
//     printed: never the full description, who raised the gap, who it was
//     escalated to, the person, or any record id.
//  5. The median and longest time open are given only for 5 or more gaps.
//  6. With fewer than 5 gaps in all, nothing is broken down (TooFew): four
//     gaps in four categories would be 1 each, "<5" or not. The same
//     happens, as a safety net, if any printed sum still gives a count
//     away after rule 2.
//
// This is a sensible protection for a report of a few one-way breakdowns,
// not a full statistical disclosure audit; and what people type in a short
// description is theirs to keep free of identifiers.

// SmallCount is the count at and above which a number is printed.
const SmallCount = 5

// Cell is one count in the gaps report. Print it with Shown, never Count.
type Cell struct {
	// Count is the true number, for working the report out; a document
	// prints Shown.
	Count int
	// Withheld marks a count of 5 or more hidden so that a count under 5 in
	// the same sum cannot be worked out by subtraction.
	Withheld bool
}

// Small reports whether the count is from 1 to 4 (shown as "<5").
func (c Cell) Small() bool { return c.Count > 0 && c.Count < SmallCount }

// Hidden reports whether the count is not printed: it is small or withheld.
func (c Cell) Hidden() bool { return c.Small() || c.Withheld }

// Shown is the count as the report prints it: "<5" for 1 to 4, "withheld"
// for a larger count hidden to protect a small one, otherwise the number
// ("0", "12").
func (c Cell) Shown() string {
	switch {
	case c.Small():
		return "<5"
	case c.Withheld:
		return "withheld"
	}
	return strconv.Itoa(c.Count)
}

// GapSuppressionNote explains the suppression, for the report's readers.
const GapSuppressionNote = "To protect privacy, counts from 1 to 4 are shown as <5, and a few larger counts are " +
	"shown as withheld so that a count under 5 cannot be worked out from a total. " +
	"The report holds no names, NHS numbers or other personal identifiers."

// GapCount is one labelled count of a breakdown.
type GapCount struct {
	Label string
	Cell  Cell
}

// Time-open bands, in days open.
const (
	GapBandShortDays = 28 // under 4 weeks: 0 to 27 days
	GapBandLongDays  = 84 // 4 to 12 weeks: 28 to 84 days; over 12 weeks: 85 days or more
)

// GapBands are the labels of the time-open bands, shortest first.
var GapBands = []string{"Under 4 weeks", "4 to 12 weeks", "Over 12 weeks"}

// gapBand is the index in GapBands of a number of days open.
func gapBand(days int) int {
	switch {
	case days < GapBandShortDays:
		return 0
	case days <= GapBandLongDays:
		return 1
	}
	return 2
}

// GapTimeOpen is how long one group of gaps (still open, or closed) has been
// or was open.
type GapTimeOpen struct {
	Label string
	Gaps  Cell
	// Bands count the gaps by days open, in GapBands order.
	Bands []GapCount
	// MedianDays and LongestDays are given only when StatsShown: for 5 or
	// more gaps.
	MedianDays  float64
	LongestDays int
	StatsShown  bool
}

// Median writes the median days open ("12 days", "12.5 days"), or "" when
// it is not shown.
func (t GapTimeOpen) Median() string {
	if !t.StatsShown {
		return ""
	}
	return strconv.FormatFloat(t.MedianDays, 'f', -1, 64) + " days"
}

// Longest writes the longest days open ("1 day", "120 days"), or "" when it
// is not shown.
func (t GapTimeOpen) Longest() string {
	if !t.StatsShown {
		return ""
	}
	if t.LongestDays == 1 {
		return "1 day"
	}
	return strconv.Itoa(t.LongestDays) + " days"
}

// GapDescription is one gap's short description as the report lists it.
type GapDescription struct {
	Summary string
	// LocalAuthority and AgeGroup are "" when the group's count is hidden.
	LocalAuthority string
	AgeGroup       string
	DaysOpen       int
}

// GapDescriptions are the short descriptions of one category.
type GapDescriptions struct {
	Category GapCategory
	Label    string
	Count    Cell
	Items    []GapDescription
}

// NoSummary stands in for a gap recorded without a short description.
const NoSummary = "(no short description)"

// GapReport is the senior managers' report of gaps in service raised in a
// period: counts with small numbers suppressed, how long gaps have been open,
// and short descriptions. It carries no identifiers.
type GapReport struct {
	// From and To are the first and last days of the period; Today is the
	// day time open is counted to.
	From, To, Today time.Time
	// Total is the number of gaps raised in the period.
	Total Cell
	// ByCategory lists every category in GapCategories order,
	// ByLocalAuthority every local authority in LocalAuthorities order,
	// ByAgeGroup children and young people then adults, ByStatus every
	// status in order. Each ends with a "Not recorded" row when some gaps
	// have no valid value.
	ByCategory       []GapCount
	ByLocalAuthority []GapCount
	ByAgeGroup       []GapCount
	ByStatus         []GapCount
	// StillOpen are the gaps not closed, timed to Today; Closed those
	// closed, timed to the day they closed.
	StillOpen GapTimeOpen
	Closed    GapTimeOpen
	// Descriptions are the short descriptions of the categories whose
	// count is shown, in category order, longest open first (by summary
	// when days open are not given).
	Descriptions []GapDescriptions
	// DescriptionsWithheld counts the gaps whose descriptions are not
	// listed because their category's count is hidden.
	DescriptionsWithheld Cell
	// TooFew is set when there are too few gaps to break down without a
	// small number being worked out (fewer than 5, or, as a safety net, a
	// breakdown that would still give one away): the report then has only
	// Total, with no breakdowns, time open or descriptions.
	TooFew bool
	// DescriptionDays is false when the descriptions are listed without
	// their days open (DaysOpen is then 0), because counting them by days
	// open would give a hidden count away.
	DescriptionDays bool
}

// Empty reports whether no gaps were raised in the period.
func (r GapReport) Empty() bool { return r.Total.Count == 0 }

// TooFewSentence says why a TooFew report is not broken down.
func (r GapReport) TooFewSentence() string {
	what := "by category, local authority, age group, status or time open without a risk of identifying someone."
	if r.Total.Small() {
		return "Fewer than 5 gaps in service were raised from " + r.Period() + ": too few to count " + what
	}
	return "The gaps in service raised from " + r.Period() + " cannot be counted " + what
}

// Period writes the period: "1 April 2026 to 30 June 2026".
func (r GapReport) Period() string {
	return r.From.Format("2 January 2006") + " to " + r.To.Format("2 January 2006")
}

// GapReportInput is what the gaps report is made from.
type GapReportInput struct {
	// From and To are the first and last days of the period, both
	// included; a gap counts by its date.
	From, To time.Time
	// Today is the day time open is counted to.
	Today time.Time
	// Gaps may include gaps outside the period: they are left out.
	Gaps []Gap
}

// Validate checks the period and the day time open is counted to.
func (in GapReportInput) Validate() Problems {
	var p Problems
	if in.From.IsZero() {
		p.Add("from", "Enter the first day of the report.")
	}
	if in.To.IsZero() {
		p.Add("to", "Enter the last day of the report.")
	}
	if !in.From.IsZero() && !in.To.IsZero() && DateOf(in.From).After(DateOf(in.To)) {
		p.Add("from", "The first day (%s) is after the last day (%s): choose a first day on or before the last day.",
			DateOf(in.From).Format("2 January 2006"), DateOf(in.To).Format("2 January 2006"))
	}
	if in.Today.IsZero() {
		p.Add("today", "The report needs today's date to count how long gaps have been open.")
	}
	return p
}

// notRecorded labels gaps without a valid value for a breakdown.
const notRecorded = "Not recorded"

// Age group labels in the report.
const (
	cypLabel   = "Children and young people (under 18)"
	adultLabel = "Adults (18 and over)"
)

// BuildGapReport counts the gaps raised from in.From to in.To (both days
// included) and protects small numbers as the rules at the top of this
// file say. It returns a *ValidationError when the input is not valid.
func BuildGapReport(in GapReportInput) (GapReport, error) {
	if err := in.Validate().Err(); err != nil {
		return GapReport{}, err
	}
	from, to, today := DateOf(in.From), DateOf(in.To), DateOf(in.Today)
	var gaps []Gap
	for _, g := range in.Gaps {
		d := DateOf(g.Date)
		if !d.Before(from) && !d.After(to) {
			gaps = append(gaps, g)
		}
	}
	r := GapReport{From: from, To: to, Today: today, Total: Cell{Count: len(gaps)}}

	// Every breakdown has its "Not recorded" row while the sums are
	// protected; rows of zero are dropped at the end.
	r.ByCategory = make([]GapCount, 0, len(GapCategories)+1)
	for _, c := range GapCategories {
		r.ByCategory = append(r.ByCategory, GapCount{Label: c.String()})
	}
	r.ByCategory = append(r.ByCategory, GapCount{Label: notRecorded})
	r.ByLocalAuthority = make([]GapCount, 0, len(LocalAuthorities)+1)
	for _, a := range LocalAuthorities {
		r.ByLocalAuthority = append(r.ByLocalAuthority, GapCount{Label: a.String()})
	}
	r.ByLocalAuthority = append(r.ByLocalAuthority, GapCount{Label: notRecorded})
	r.ByAgeGroup = []GapCount{{Label: cypLabel}, {Label: adultLabel}, {Label: notRecorded}}
	r.ByStatus = []GapCount{{Label: GapOpen.String()}, {Label: GapEscalated.String()},
		{Label: GapResponded.String()}, {Label: GapClosed.String()}, {Label: notRecorded}}
	r.StillOpen = GapTimeOpen{Label: "Still open", Bands: bandRows()}
	r.Closed = GapTimeOpen{Label: "Closed", Bands: bandRows()}

	var openDays, closedDays []int
	for _, g := range gaps {
		r.ByCategory[categoryIndex(g.Category)].Cell.Count++
		r.ByLocalAuthority[authorityIndex(g.LocalAuthority)].Cell.Count++
		r.ByAgeGroup[ageIndex(g.AgeGroup)].Cell.Count++
		r.ByStatus[statusIndex(g.Status)].Cell.Count++
		days := g.DaysOpen(today)
		t := &r.StillOpen
		if g.Status == GapClosed {
			t = &r.Closed
			closedDays = append(closedDays, days)
		} else {
			openDays = append(openDays, days)
		}
		t.Gaps.Count++
		t.Bands[gapBand(days)].Cell.Count++
	}
	r.StillOpen.stats(openDays)
	r.Closed.stats(closedDays)

	closedStatus := &r.ByStatus[statusIndex(GapClosed)].Cell
	rels := []relation{
		{total: &r.Total, parts: cells(r.ByCategory)},
		{total: &r.Total, parts: cells(r.ByLocalAuthority)},
		{total: &r.Total, parts: cells(r.ByAgeGroup)},
		{total: &r.Total, parts: cells(r.ByStatus)},
		{total: &r.Total, parts: []*Cell{&r.StillOpen.Gaps, &r.Closed.Gaps}},
		{total: &r.StillOpen.Gaps, parts: []*Cell{&r.ByStatus[0].Cell, &r.ByStatus[1].Cell, &r.ByStatus[2].Cell, &r.ByStatus[4].Cell}},
		{total: &r.StillOpen.Gaps, parts: cells(r.StillOpen.Bands)},
		{total: &r.Closed.Gaps, parts: cells(r.Closed.Bands)},
		// The closed gaps are counted twice, by status and in time open:
		// both are hidden or neither.
		{total: closedStatus, parts: []*Cell{&r.Closed.Gaps}},
		{total: &r.Closed.Gaps, parts: []*Cell{closedStatus}},
	}
	// Per band, still open plus closed is what a reader could count from
	// the days open of the listed descriptions: a total known though not
	// printed.
	for i := range GapBands {
		rels = append(rels, relation{parts: []*Cell{&r.StillOpen.Bands[i].Cell, &r.Closed.Bands[i].Cell}})
	}
	protect(rels)
	if r.Total.Small() || slices.ContainsFunc(rels, func(rel relation) bool { return rel.total != nil && rel.exposed() }) {
		// Four gaps in four categories are 1 each, whatever is hidden.
		return GapReport{From: from, To: to, Today: today, Total: r.Total, TooFew: true}, nil
	}

	r.describe(gaps)
	r.DescriptionDays = true
	if r.DescriptionsWithheld.Count == 0 {
		for _, rel := range rels[len(rels)-len(GapBands):] {
			if rel.exposed() {
				r.DescriptionDays = false
			}
		}
	}
	if !r.DescriptionDays {
		for i := range r.Descriptions {
			items := r.Descriptions[i].Items
			for j := range items {
				items[j].DaysOpen = 0
			}
			slices.SortStableFunc(items, func(a, b GapDescription) int { return strings.Compare(a.Summary, b.Summary) })
		}
	}
	r.ByCategory = dropEmptyNotRecorded(r.ByCategory)
	r.ByLocalAuthority = dropEmptyNotRecorded(r.ByLocalAuthority)
	r.ByAgeGroup = dropEmptyNotRecorded(r.ByAgeGroup)
	r.ByStatus = dropEmptyNotRecorded(r.ByStatus)
	return r, nil
}

func bandRows() []GapCount {
	rows := make([]GapCount, len(GapBands))
	for i, b := range GapBands {
		rows[i].Label = b
	}
	return rows
}

// stats sets the median and longest days open, for 5 or more gaps.
func (t *GapTimeOpen) stats(days []int) {
	if len(days) < SmallCount {
		return
	}
	slices.Sort(days)
	n := len(days)
	t.MedianDays = float64(days[n/2])
	if n%2 == 0 {
		t.MedianDays = float64(days[n/2-1]+days[n/2]) / 2
	}
	t.LongestDays = days[n-1]
	t.StatsShown = true
}

// describe lists the short descriptions of the categories whose count is
// shown and counts the rest as withheld.
func (r *GapReport) describe(gaps []Gap) {
	byCat := map[int][]Gap{}
	for _, g := range gaps {
		i := categoryIndex(g.Category)
		byCat[i] = append(byCat[i], g)
	}
	for i, row := range r.ByCategory {
		if row.Cell.Count == 0 {
			continue
		}
		if row.Cell.Hidden() {
			r.DescriptionsWithheld.Count += row.Cell.Count
			continue
		}
		group := GapDescriptions{Label: row.Label, Count: row.Cell}
		if i < len(GapCategories) {
			group.Category = GapCategories[i]
		}
		for _, g := range byCat[i] {
			item := GapDescription{Summary: ShortSummary(g.Summary), DaysOpen: g.DaysOpen(r.Today)}
			if la := r.ByLocalAuthority[authorityIndex(g.LocalAuthority)]; !la.Cell.Hidden() && la.Label != notRecorded {
				item.LocalAuthority = la.Label
			}
			if ag := r.ByAgeGroup[ageIndex(g.AgeGroup)]; !ag.Cell.Hidden() && ag.Label != notRecorded {
				item.AgeGroup = g.AgeGroup.String()
			}
			group.Items = append(group.Items, item)
		}
		slices.SortStableFunc(group.Items, func(a, b GapDescription) int {
			if a.DaysOpen != b.DaysOpen {
				return b.DaysOpen - a.DaysOpen
			}
			return strings.Compare(a.Summary, b.Summary)
		})
		r.Descriptions = append(r.Descriptions, group)
	}
}

// ShortSummary is a gap's short description as the report prints it: on
// one line, trimmed, at most SummaryLimit characters (cut with an
// ellipsis), or NoSummary when there is none.
func ShortSummary(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if s == "" {
		return NoSummary
	}
	if rs := []rune(s); len(rs) > SummaryLimit {
		s = strings.TrimSpace(string(rs[:SummaryLimit-1])) + "…"
	}
	return s
}

func dropEmptyNotRecorded(rows []GapCount) []GapCount {
	if n := len(rows); n > 0 && rows[n-1].Label == notRecorded && rows[n-1].Cell.Count == 0 {
		return rows[:n-1]
	}
	return rows
}

func cells(rows []GapCount) []*Cell {
	out := make([]*Cell, len(rows))
	for i := range rows {
		out[i] = &rows[i].Cell
	}
	return out
}

// categoryIndex is the row of a category in the breakdown (the last for
// one not recorded).
func categoryIndex(c GapCategory) int {
	if i := slices.Index(GapCategories, c); i >= 0 {
		return i
	}
	return len(GapCategories)
}

func authorityIndex(a LocalAuthority) int {
	if i := slices.Index(LocalAuthorities, a); i >= 0 {
		return i
	}
	return len(LocalAuthorities)
}

func ageIndex(g AgeGroup) int {
	switch g {
	case CYP:
		return 0
	case Adult:
		return 1
	}
	return 2
}

func statusIndex(s GapStatus) int {
	if s.Valid() {
		return int(s - GapOpen)
	}
	return 4
}

// relation is a sum the report lets a reader make: its parts add up to its
// total. A nil total is one a reader knows though the report does not
// print it.
type relation struct {
	total *Cell
	parts []*Cell
}

// exposed reports whether the sum gives a hidden count away (rule 2): a
// hidden count that can be only one number, given that a "<5" is 1 to 4, a
// withheld count 5 or more, and the numbers add up; or hidden parts of a
// total a reader knows that add up to less than 5.
func (r relation) exposed() bool {
	// The hidden numbers, each with a sign, add up to rest.
	type unknown struct {
		cell *Cell
		sign float64
	}
	var us []unknown
	rest := 0.0
	// The hidden parts of a printed total add up to a number a reader can
	// work out; of a total known only from the listed descriptions, to one
	// they can count anyway.
	printed := r.total != nil
	for _, p := range r.parts {
		if p.Hidden() {
			us = append(us, unknown{p, 1})
			rest += float64(p.Count)
		}
	}
	if r.total != nil && r.total.Hidden() {
		us = append(us, unknown{r.total, -1})
		printed = false
		rest -= float64(r.total.Count)
	}
	if len(us) == 0 {
		return false
	}
	if printed && rest < SmallCount {
		return true
	}
	bounds := func(u unknown) (lo, hi float64) {
		lo, hi = SmallCount, math.Inf(1)
		if u.cell.Small() {
			lo, hi = 1, SmallCount-1
		}
		if u.sign < 0 {
			return -hi, -lo
		}
		return lo, hi
	}
	for i, u := range us {
		lo, hi := 0.0, 0.0 // the signed sum of the others
		for j, o := range us {
			if j != i {
				l, h := bounds(o)
				lo, hi = lo+l, hi+h
			}
		}
		// u's signed value is rest less the others.
		l, h := bounds(u)
		if math.Max(l, rest-hi) == math.Min(h, rest-lo) {
			return true
		}
	}
	return false
}

// smallestShown is the smallest non-zero part still printed, or nil.
func (r relation) smallestShown() *Cell {
	var best *Cell
	for _, p := range r.parts {
		if p.Count > 0 && !p.Hidden() && (best == nil || p.Count < best.Count) {
			best = p
		}
	}
	return best
}

// protect withholds counts until no relation gives a hidden count away, or
// nothing more can be withheld. When no part is left to withhold, the
// relation's total is withheld: with few gaps that can be the number of
// gaps raised itself (6 gaps, 5 in one category and 1 in another).
func protect(rels []relation) {
	for changed := true; changed; {
		changed = false
		for _, r := range rels {
			for r.exposed() {
				c := r.smallestShown()
				if c == nil && r.total != nil && !r.total.Hidden() {
					c = r.total
				}
				if c == nil {
					break
				}
				c.Withheld = true
				changed = true
			}
		}
	}
}
