package storage

import (
	"context"
	"database/sql"
	"fmt"

	"dspdesk/app"
)

// RatingCount is how many open registrations one register has at one rating.
type RatingCount struct {
	Register app.Register
	Rating   app.Rating
	Count    int
}

// Stats are the database's headline counts, for dspctl stats and support.
// They hold numbers only, never personal details.
type Stats struct {
	People int
	// Open lists every register and rating, in order, zeros included.
	Open             []RatingCount
	PendingReferrals int
	Meetings         int
	// OpenActions are those open or in progress.
	OpenActions int
	Gaps        int
	// OpenGaps are the gaps not yet closed.
	OpenGaps  int
	AuditRows int
}

// OpenRegistrations is the total of Open.
func (s Stats) OpenRegistrations() int {
	n := 0
	for _, c := range s.Open {
		n += c.Count
	}
	return n
}

// Stats counts people, open registrations by register and rating, pending
// referrals, meetings, open actions, gaps and audit rows, in one snapshot.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read(ctx, func(tx *sql.Tx) error {
		counts := []struct {
			dst   *int
			query string
			args  []any
		}{
			{&st.People, "SELECT count(*) FROM people WHERE id NOT IN " + removedPeople, nil},
			{&st.PendingReferrals, "SELECT count(*) FROM referrals WHERE status = ?", []any{int(app.ReferralPending)}},
			{&st.Meetings, "SELECT count(*) FROM meetings", nil},
			{&st.OpenActions, "SELECT count(*) FROM actions WHERE status IN (?, ?, ?)", []any{int(app.ActionOpen), int(app.ActionInProgress), int(app.ActionBlocked)}},
			{&st.Gaps, "SELECT count(*) FROM gaps", nil},
			{&st.OpenGaps, "SELECT count(*) FROM gaps WHERE status <> ?", []any{int(app.GapClosed)}},
			{&st.AuditRows, "SELECT count(*) FROM audit_log", nil},
		}
		for _, c := range counts {
			if err := tx.QueryRowContext(ctx, c.query, c.args...).Scan(c.dst); err != nil {
				return err
			}
		}
		byKey := map[[2]int]int{}
		rows, err := tx.QueryContext(ctx, `SELECT register, rating, count(*) FROM registrations
			WHERE closed_at IS NULL GROUP BY register, rating`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var reg, rating, n int
			if err := rows.Scan(&reg, &rating, &n); err != nil {
				return err
			}
			byKey[[2]int{reg, rating}] = n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, reg := range app.Registers {
			for _, r := range app.Ratings {
				st.Open = append(st.Open, RatingCount{Register: reg, Rating: r, Count: byKey[[2]int{int(reg), int(r)}]})
			}
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("storage: stats: %w", err)
	}
	return st, nil
}

// TestRangeUse says how the people's NHS numbers use the 999 test range
// that demo data comes from. dspctl seed refuses a database that may hold
// real records, and starts numbering after Highest.
type TestRangeUse struct {
	// Synthetic people have an NHS number from the test range.
	Synthetic int
	// Real people have an NHS number outside the test range.
	Real int
	// Unnumbered people have no NHS number (demo data has a few).
	Unnumbered int
	// Highest is the highest test-range number in use ("" when none).
	Highest app.NHSNumber
}

// MayHoldRealRecords reports whether any person may be real: one has a
// real NHS number, or people without one are not beside demo people.
func (u TestRangeUse) MayHoldRealRecords() bool {
	return u.Real > 0 || (u.Unnumbered > 0 && u.Synthetic == 0)
}

// TestRangeUse counts the people with and without test-range NHS numbers.
func (s *Store) TestRangeUse(ctx context.Context) (TestRangeUse, error) {
	var u TestRangeUse
	err := s.read(ctx, func(tx *sql.Tx) error {
		var highest sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE nhs_number LIKE '999%'),
			count(*) FILTER (WHERE nhs_number NOT LIKE '999%'),
			count(*) FILTER (WHERE nhs_number IS NULL),
			max(nhs_number) FILTER (WHERE nhs_number LIKE '999%')
			FROM people`).Scan(&u.Synthetic, &u.Real, &u.Unnumbered, &highest)
		u.Highest = app.NHSNumber(highest.String)
		return err
	})
	if err != nil {
		return TestRangeUse{}, fmt.Errorf("storage: test range use: %w", err)
	}
	return u, nil
}
