package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// No repeated text in the audit log: a text of at least textRefMin bytes
// (an agenda line, a reason) is written in full the first time a row holds
// it; a later row that holds the same text refers to that row instead. In
// a row's changes a reference is the number of the row that holds the
// text, for the same field name ({"agenda[0]": 17}), or [row, "field"] for
// another. The reference is part of the row, so its MAC covers it, and the
// row it names is covered by its own. audit_text_seen finds a text's first
// row by its SHA-256; it is only an index: every reference is checked
// against the row it names before it is written.
const textRefMin = 40

// texts resolves references, and finds earlier rows holding a text, within
// one transaction; it keeps the rows it read.
type texts struct {
	ctx  context.Context
	q    queryer
	rows map[int64]map[string]json.RawMessage
}

func newTexts(ctx context.Context, q queryer) *texts {
	return &texts{ctx: ctx, q: q, rows: map[int64]map[string]json.RawMessage{}}
}

func (t *texts) row(id int64) (map[string]json.RawMessage, error) {
	if m, ok := t.rows[id]; ok {
		return m, nil
	}
	var raw string
	if err := t.q.QueryRowContext(t.ctx, "SELECT changes FROM audit_log WHERE id = ?", id).Scan(&raw); err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	if len(t.rows) > 512 {
		clear(t.rows)
	}
	t.rows[id] = m
	return m, nil
}

// resolve is the text row id holds in field, as written there in full.
func (t *texts) resolve(id int64, field string) (string, error) {
	m, err := t.row(id)
	if err != nil {
		return "", fmt.Errorf("the text referred to in row %d: %w", id, err)
	}
	var s string
	if err := json.Unmarshal(m[field], &s); err == nil {
		return s, nil
	}
	var pair [2]string
	if err := json.Unmarshal(m[field], &pair); err != nil {
		return "", fmt.Errorf("row %d holds no text in %s", id, field)
	}
	return pair[1], nil
}

func textDigest(text string) []byte {
	d := sha256.Sum256([]byte(text))
	return d[:16]
}

// ref is a reference to the earlier row that holds text, or nil when
// there is none (or the index points at a row that does not hold it).
func (t *texts) ref(field, text string) (any, error) {
	var row int64
	var f string
	err := t.q.QueryRowContext(t.ctx, "SELECT row_id, field FROM audit_text_seen WHERE digest = ?", textDigest(text)).Scan(&row, &f)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if got, err := t.resolve(row, f); err != nil || got != text {
		return nil, nil //nolint:nilerr // a stale index entry: write the text in full
	}
	if f == field {
		return row, nil
	}
	return []any{row, f}, nil
}

// seen records that row rowID holds text in full in field (the first row
// that does stays the one referred to).
func seen(ctx context.Context, tx *sql.Tx, rowID int64, field, text string) error {
	_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO audit_text_seen(digest, row_id, field) VALUES (?, ?, ?)",
		textDigest(text), rowID, field)
	return err
}

// decodeValue reads one field's value in a row's changes: its new text and,
// when the row gives it, its old text (hasOld). A value is the new text, a
// reference (row, or [row, "field"]), or [old text, new text or reference].
func (t *texts) decodeValue(raw json.RawMessage) (old, new string, hasOld bool, err error) {
	if err := json.Unmarshal(raw, &new); err == nil {
		return "", new, false, nil
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err == nil {
		return "", "", false, errSameField(n)
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) != 2 {
		return "", "", false, fmt.Errorf("an unreadable change %s", raw)
	}
	var field string
	if json.Unmarshal(parts[0], &n) == nil && json.Unmarshal(parts[1], &field) == nil {
		new, err = t.resolve(n, field)
		return "", new, false, err
	}
	if err := json.Unmarshal(parts[0], &old); err != nil {
		return "", "", false, fmt.Errorf("an unreadable change %s", raw)
	}
	_, new, _, err = t.decodeValue(parts[1])
	return old, new, true, err
}

// value is decodeValue with a reference to the same field resolved.
func (t *texts) value(raw json.RawMessage, field string) (old, new string, hasOld bool, err error) {
	old, new, hasOld, err = t.decodeValue(raw)
	var same errSameField
	if errors.As(err, &same) {
		new, err = t.resolve(int64(same), field)
	}
	return old, new, hasOld, err
}

// errSameField carries a reference to the same field, which the caller
// resolves knowing the field's name.
type errSameField int64

func (e errSameField) Error() string { return fmt.Sprintf("a reference to row %d", int64(e)) }
