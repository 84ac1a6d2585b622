package app

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchRows makes n register rows with varied names, ratings and dates.
func benchRows(n int) []RegisterRow {
	rng := rand.New(rand.NewPCG(1, 2))
	rows := make([]RegisterRow, n)
	for i := range rows {
		nhs, _ := TestNHSNumber(i + 1)
		rows[i] = RegisterRow{RegistrationID: int64(i + 1), PersonID: int64(i + 1), Register: DSR,
			Rating: Ratings[rng.IntN(4)], GivenName: fmt.Sprintf("Given%d", rng.IntN(500)), FamilyName: fmt.Sprintf("Family%d", rng.IntN(5000)),
			NHSNumber: nhs, DateOfBirth: Date(1950+rng.IntN(70), time.Month(1+rng.IntN(12)), 1+rng.IntN(28)), LocalAuthority: LocalAuthorities[rng.IntN(4)],
			Since: Date(2024, time.Month(1+rng.IntN(12)), 1), ReviewDue: Date(2026, time.Month(1+rng.IntN(12)), 1+rng.IntN(28)), OpenActions: rng.IntN(4),
			Consent: ConsentGiven, ConsentDate: Date(2024, 1, 1)}
	}
	return rows
}

// BenchmarkRegisterView is loading 100,000 rows into the table's view
// (once per load from the database).
func BenchmarkRegisterView(b *testing.B) {
	rows := benchRows(100_000)
	for b.Loop() {
		NewRegisterView(rows)
	}
}

// BenchmarkRegisterTyping is what the register table does on each key
// press in the search box with 100,000 people: filter then sort.
func BenchmarkRegisterTyping(b *testing.B) {
	v := NewRegisterView(benchRows(100_000))
	f := RegisterFilter{Search: "family12", Today: Date(2026, 11, 24)}
	for b.Loop() {
		v.Select(f, SortByName, false)
	}
}

// BenchmarkRegisterSort is a change of sort column over 100,000 rows.
func BenchmarkRegisterSort(b *testing.B) {
	v := NewRegisterView(benchRows(100_000))
	f := RegisterFilter{Today: Date(2026, 11, 24)}
	for b.Loop() {
		v.Select(f, SortByReviewDue, true)
	}
}

// BenchmarkRegisterFilterRatings is ticking rating boxes and the age group
// over 100,000 rows.
func BenchmarkRegisterFilterRatings(b *testing.B) {
	v := NewRegisterView(benchRows(100_000))
	f := RegisterFilter{Ratings: []Rating{Red, Amber}, AgeGroup: CYP, Today: Date(2026, 11, 24)}
	for b.Loop() {
		v.Select(f, SortByRating, false)
	}
}

// BenchmarkRegisterNeedsAttention is the "needs attention" filter over 100,000 rows.
func BenchmarkRegisterNeedsAttention(b *testing.B) {
	v := NewRegisterView(benchRows(100_000))
	f := RegisterFilter{NeedsAttention: true, Today: Date(2026, 11, 24)}
	for b.Loop() {
		v.Select(f, SortByReviewDue, false)
	}
}
