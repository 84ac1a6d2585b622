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
			{&st.People, "SELECT count(*) FROM people", nil},
			{&st.PendingReferrals, "SELECT count(*) FROM referrals WHERE status = ?", []any{int(app.ReferralPending)}},
			{&st.Meetings, "SELECT count(*) FROM meetings", nil},
			{&st.OpenActions, "SELECT count(*) FROM actions WHERE status IN (?, ?)", []any{int(app.ActionOpen), int(app.ActionInProgress)}},
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
