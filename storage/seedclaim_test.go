package storage

import (
	"context"
	"testing"
)

func TestClaimTestBodies(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	t.Run("the first claim on a new database starts at body 1", func(t *testing.T) {
		if first, err := s.ClaimTestBodies(ctx, 100); err != nil || first != 1 {
			t.Errorf("first = %d, %v", first, err)
		}
	})
	t.Run("a second claim starts after the first one's room, before any person is stored", func(t *testing.T) {
		if first, err := s.ClaimTestBodies(ctx, 100); err != nil || first != 1+2*100+10+1 {
			t.Errorf("first = %d, %v", first, err)
		}
	})
	t.Run("a claim starts after the highest test-range number in use", func(t *testing.T) {
		if _, err := s.rw.Exec(`INSERT INTO people(given_name, family_name, date_of_birth, nhs_number, address, postcode,
			local_authority, diagnosis, created_at, updated_at) VALUES ('A', 'B', '2010-01-01', '9995000000', 'x', 'LE1 1AA', 1, 1,
			'2026-11-24T11:00:00.000Z', '2026-11-24T11:00:00.000Z')`); err != nil {
			t.Fatal(err)
		}
		if first, err := s.ClaimTestBodies(ctx, 10); err != nil || first != 500_001 {
			t.Errorf("first = %d, %v", first, err)
		}
	})
	t.Run("a claim past the end of the test range is refused", func(t *testing.T) {
		if _, err := s.ClaimTestBodies(ctx, 400_000); err == nil {
			t.Error("want a refusal")
		}
	})
}
