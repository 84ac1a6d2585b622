package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"dspdesk/app"
)

// SaveDraft creates or updates a referral draft. Creating one is audited;
// the many saves while typing are not (the draft is not a record).
func (s *Store) SaveDraft(ctx context.Context, actor string, d app.Draft) (app.Draft, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		d.UpdatedAt = s.now().UTC()
		data, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if d.ID == 0 {
			res, err := tx.ExecContext(ctx, "INSERT INTO referral_drafts(data, created_at, updated_at) VALUES (?, ?, ?)",
				string(data), fmtTime(d.UpdatedAt), fmtTime(d.UpdatedAt))
			if err != nil {
				return fmt.Errorf("storage: insert draft: %w", mapErr(err))
			}
			d.ID, _ = res.LastInsertId()
			return s.audit(ctx, tx, actor, "referral_draft", d.ID, "create", nil)
		}
		res, err := tx.ExecContext(ctx, "UPDATE referral_drafts SET data = ?, updated_at = ? WHERE id = ?", string(data), fmtTime(d.UpdatedAt), d.ID)
		if err != nil {
			return fmt.Errorf("storage: update draft %d: %w", d.ID, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("storage: draft %d: %w", d.ID, app.ErrNotFound)
		}
		return nil
	})
	return d, err
}

// Drafts returns the referral drafts, most recently changed first.
func (s *Store) Drafts(ctx context.Context) ([]app.Draft, error) {
	var out []app.Draft
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, "SELECT id, data, updated_at FROM referral_drafts ORDER BY updated_at DESC, id DESC", nil,
			func(r *sql.Rows) error {
				var id int64
				var data string
				var at sql.NullString
				if err := r.Scan(&id, &data, &at); err != nil {
					return err
				}
				var d app.Draft
				if err := json.Unmarshal([]byte(data), &d); err != nil {
					return fmt.Errorf("draft %d is unreadable: %w", id, err)
				}
				d.ID, d.UpdatedAt = id, parseTime(at)
				out = append(out, d)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: drafts: %w", err)
	}
	return out, nil
}

// DiscardDraft deletes a draft, recording why (submitted or discarded).
func (s *Store) DiscardDraft(ctx context.Context, actor string, id int64, reason string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM referral_drafts WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("storage: discard draft %d: %w", id, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("storage: draft %d: %w", id, app.ErrNotFound)
		}
		return s.audit(ctx, tx, actor, "referral_draft", id, "discard", []app.FieldChange{{Field: "reason", New: reason}})
	})
}
