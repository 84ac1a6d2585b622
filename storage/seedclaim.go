package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// claimedBodiesKey is the settings row holding the last NHS test-range body
// a demo seeding has claimed.
const claimedBodiesKey = "demo_bodies_claimed"

// lastTestBody is the highest body of the 999 test range (999 999 999x).
const lastTestBody = 999_999

// ClaimTestBodies reserves room for n demo people in the NHS test range and
// returns the first body to number them from: after every test-range number
// in use and after every earlier claim, in one write transaction, so two
// seedings at once number their people apart instead of clashing. It claims
// 2n+10 bodies, since some bodies have no valid check digit.
func (s *Store) ClaimTestBodies(ctx context.Context, n int) (int, error) {
	var first int
	err := s.write(ctx, func(tx *sql.Tx) error {
		var highest sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT max(nhs_number) FROM people WHERE nhs_number LIKE '999%'").Scan(&highest); err != nil {
			return err
		}
		first = 1
		if h := highest.String; len(h) == 10 {
			if body, err := strconv.Atoi(h[3:9]); err == nil {
				first = body + 1
			}
		}
		var claimed string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", claimedBodiesKey).Scan(&claimed)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if c, err := strconv.Atoi(claimed); err == nil && c+1 > first {
			first = c + 1
		}
		last := first + 2*n + 10
		if last > lastTestBody {
			return fmt.Errorf("the NHS test range has room for no more demo people here")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, claimedBodiesKey, strconv.Itoa(last))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: claim test-range numbers: %w", err)
	}
	return first, nil
}
