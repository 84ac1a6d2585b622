package app

import "time"

// GapsRaisedBetween counts the gaps raised from from to to (whole days).
func GapsRaisedBetween(gaps []Gap, from, to time.Time) int {
	from, to = DateOf(from), DateOf(to)
	n := 0
	for _, g := range gaps {
		if d := DateOf(g.Date); !d.Before(from) && !d.After(to) {
			n++
		}
	}
	return n
}

// GapReportNote says, before the report is saved, what it will show for n
// gaps raised in its range: nothing broken down under SmallCount, and why.
func GapReportNote(n int) string {
	switch {
	case n == 0:
		return "No gaps in service were raised in this range: the report will say so and show no counts."
	case n < SmallCount:
		return Plural(n, "gap in service was", "gaps in service were") + " raised in this range. With fewer than 5 the " +
			"report shows no counts, only that there were fewer than 5: counting so few by category, area or age " +
			"could identify someone. Choose a longer range to see the breakdown."
	}
	return Plural(n, "gap in service was", "gaps in service were") + " raised in this range."
}
