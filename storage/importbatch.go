package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"dspdesk/app"
	"dspdesk/app/importing"
)

// removedPeople selects the people removed as imported in error: an undone
// batch closed their registration with that reason, which no user can
// choose. They leave every list and count. (Only the registrations table
// is named, so the queries using it also work on a database one schema
// older, as the migration test fills it.)
var removedPeople = "(SELECT person_id FROM registrations WHERE close_reason = " + strconv.Itoa(int(app.CloseImportedInError)) + ")"

// importFlagsQuery gives, in person order, the people with an import flag:
// details incomplete (no address, postcode or diagnosis), consent not yet
// confirmed (imported, no consent recorded since) and rating to review
// (imported, the registration has only the import's rating change).
const importFlagsQuery = `SELECT p.id, (p.address = '' OR p.postcode = '' OR p.diagnosis = 4),
	ip.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id),
	ip.person_id IS NOT NULL AND (SELECT count(*) FROM rating_changes rc WHERE rc.registration_id = ip.registration_id) <= 1
FROM people p LEFT JOIN (SELECT ip.person_id, ip.registration_id FROM import_people ip JOIN import_batches b ON b.id = ip.batch_id
	WHERE ip.added = 1 AND b.undone_at IS NULL) ip ON ip.person_id = p.id
WHERE p.address = '' OR p.postcode = '' OR p.diagnosis = 4 OR ip.person_id IS NOT NULL
ORDER BY p.id`

const batchColumns = `id, file_name, sheet, file_hash, row_count, added, linked, refused, imported_by, imported_at,
	undone_at, undone_by,
	(SELECT count(*) FROM import_people ip WHERE ip.batch_id = import_batches.id AND ip.added = 1 AND import_batches.undone_at IS NULL
		AND (NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ip.person_id)
		  OR (SELECT count(*) FROM rating_changes rc WHERE rc.registration_id = ip.registration_id) <= 1))`

func scanBatch(r scanner) (importing.Batch, error) {
	var b importing.Batch
	var at, undone sql.NullString
	err := r.Scan(&b.ID, &b.FileName, &b.Sheet, &b.Hash, &b.Rows, &b.Added, &b.Linked, &b.Refused, &b.By, &at,
		&undone, &b.UndoneBy, &b.Pending)
	b.At, b.UndoneAt = parseTime(at), parseTime(undone)
	return b, err
}

// KnownPeople lists every person not removed as imported in error, for the
// import's duplicate check, with the import that added them.
func (s *Store) KnownPeople(ctx context.Context) ([]importing.Known, error) {
	var out []importing.Known
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.nhs_number,
			coalesce((SELECT max(ip.batch_id) FROM import_people ip WHERE ip.person_id = p.id AND ip.added = 1), 0)
			FROM people p WHERE p.id NOT IN `+removedPeople+` ORDER BY p.id`, nil, func(r *sql.Rows) error {
			var k importing.Known
			var dob, nhs sql.NullString
			if err := r.Scan(&k.ID, &k.GivenName, &k.FamilyName, &k.PreferredName, &dob, &nhs, &k.ImportBatch); err != nil {
				return err
			}
			k.DateOfBirth, k.NHSNumber = parseDate(dob), app.NHSNumber(nhs.String)
			out = append(out, k)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: known people: %w", err)
	}
	return out, nil
}

// BatchByHash returns the latest batch, not undone, of a file with hash.
func (s *Store) BatchByHash(ctx context.Context, hash string) (importing.Batch, error) {
	var b importing.Batch
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanBatch(tx.QueryRowContext(ctx, "SELECT "+batchColumns+
			" FROM import_batches WHERE file_hash = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1", hash))
		return err
	})
	if err != nil {
		return b, fmt.Errorf("storage: import batch by hash: %w", mapErr(err))
	}
	return b, nil
}

// ImportBatch returns one batch.
func (s *Store) ImportBatch(ctx context.Context, id int64) (importing.Batch, error) {
	var b importing.Batch
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanBatch(tx.QueryRowContext(ctx, "SELECT "+batchColumns+" FROM import_batches WHERE id = ?", id))
		return err
	})
	if err != nil {
		return b, fmt.Errorf("storage: import batch %d: %w", id, mapErr(err))
	}
	return b, nil
}

// ImportBatches lists every import, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]importing.Batch, error) {
	var out []importing.Batch
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = collect(ctx, tx, "SELECT "+batchColumns+" FROM import_batches ORDER BY id DESC", nil, scanBatch)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: import batches: %w", err)
	}
	return out, nil
}

// SavedMapping returns the mapping saved for a header signature.
func (s *Store) SavedMapping(ctx context.Context, signature string) ([]byte, error) {
	var m string
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT mapping FROM import_mappings WHERE signature = ?", signature).Scan(&m)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: saved import mapping: %w", mapErr(err))
	}
	return []byte(m), nil
}

// SaveMapping keeps the mapping used for a header signature, to offer it
// next time.
func (s *Store) SaveMapping(ctx context.Context, actor, signature string, mapping []byte) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, "SELECT mapping FROM import_mappings WHERE signature = ?", signature).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old == string(mapping) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_mappings(signature, mapping, saved_by, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
			signature, string(mapping), actor, fmtTime(s.now())); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "import_mapping", 0, "save", diff(fields{"mapping": old}, fields{"mapping": string(mapping)}))
	})
	if err != nil {
		return fmt.Errorf("storage: save import mapping: %w", mapErr(err))
	}
	return nil
}

// StoreImport stores a batch in one transaction: the batch record, then
// for every new person their record, registration and first rating change
// (each audited as a referral's would be), and the rows linked to people
// already known. progress is called after each row; a cancelled ctx rolls
// everything back.
func (s *Store) StoreImport(ctx context.Context, actor string, b importing.Batch, progress func(done int)) (importing.Batch, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO import_batches(file_name, sheet, file_hash, row_count, added, linked, refused,
			imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.FileName, b.Sheet, b.Hash, b.Rows, b.Added, b.Linked,
			b.Refused, actor, fmtTime(b.At))
		if err != nil {
			return err
		}
		b.ID, _ = res.LastInsertId()
		if err := s.audit(ctx, tx, actor, "import_batch", b.ID, "create", diff(nil, fields{"fileName": b.FileName,
			"sheet": b.Sheet, "fileHash": b.Hash, "rows": strconv.Itoa(b.Rows), "added": strconv.Itoa(b.Added),
			"linked": strconv.Itoa(b.Linked), "refused": strconv.Itoa(b.Refused)})); err != nil {
			return err
		}
		done := 0
		step := func() error {
			done++
			if progress != nil {
				progress(done)
			}
			return ctx.Err()
		}
		for i := range b.New {
			if err := s.storeImported(ctx, tx, actor, b.ID, &b.New[i]); err != nil {
				return err
			}
			if err := step(); err != nil {
				return err
			}
		}
		for _, l := range b.Links {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO import_people(batch_id, person_id, sheet_row, added)
				VALUES (?, ?, ?, 0)`, b.ID, l.PersonID, l.Row); err != nil {
				return fmt.Errorf("link row %d to person %d: %w", l.Row, l.PersonID, err)
			}
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return importing.Batch{}, fmt.Errorf("storage: store import of %d rows: %w", b.Rows, mapErr(err))
	}
	return b, nil
}

// storeImported stores one new person of a batch.
func (s *Store) storeImported(ctx context.Context, tx *sql.Tx, actor string, batchID int64, n *importing.NewPerson) error {
	p, err := s.insertPerson(ctx, tx, actor, n.Person)
	if err != nil {
		return fmt.Errorf("row %d: %w", n.Row, err)
	}
	n.Person = p
	n.Registration.PersonID = p.ID
	g, err := s.insertRegistration(ctx, tx, actor, n.Registration)
	if err != nil {
		return fmt.Errorf("row %d: %w", n.Row, err)
	}
	out := app.Outcome{Registration: g, RatingChange: n.RatingChange}
	if err := s.storeOutcomeParts(ctx, tx, actor, &out); err != nil {
		return fmt.Errorf("row %d: %w", n.Row, err)
	}
	n.Registration, n.RatingChange = out.Registration, out.RatingChange
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_people(batch_id, person_id, sheet_row, added, registration_id)
		VALUES (?, ?, ?, 1, ?)`, batchID, p.ID, n.Row, g.ID); err != nil {
		return fmt.Errorf("row %d: %w", n.Row, err)
	}
	return nil
}

// changedSince lists the people a batch added who have changed since: their
// record edited, their registration closed or re-rated, or anything
// recorded about them (consent, referral, meeting, action, gap, admission).
const changedSince = `SELECT ip.person_id FROM import_people ip JOIN people p ON p.id = ip.person_id
	LEFT JOIN registrations g ON g.id = ip.registration_id
	WHERE ip.batch_id = ? AND ip.added = 1 AND (
		p.updated_at <> p.created_at OR g.id IS NULL OR g.closed_at IS NOT NULL
		OR (SELECT count(*) FROM rating_changes rc WHERE rc.registration_id = g.id) > 1
		OR EXISTS (SELECT 1 FROM registrations g2 WHERE g2.person_id = p.id AND g2.id <> g.id)
		OR EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id)
		OR EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.id)
		OR EXISTS (SELECT 1 FROM meetings m WHERE m.person_id = p.id)
		OR EXISTS (SELECT 1 FROM actions a WHERE a.person_id = p.id)
		OR EXISTS (SELECT 1 FROM gaps x WHERE x.person_id = p.id)
		OR EXISTS (SELECT 1 FROM admissions d WHERE d.person_id = p.id))
	ORDER BY ip.person_id`

// UndoImport removes a whole batch as imported in error, while none of the
// people it added has changed since: each one's registration is closed
// ("removed: imported in error") and their NHS number set aside (kept in
// the batch, so the number can be imported again), audited; nothing is
// deleted. ErrConflict when the batch was undone already or someone changed.
func (s *Store) UndoImport(ctx context.Context, actor string, batchID int64, at time.Time) (importing.Batch, error) {
	var b importing.Batch
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if b, err = scanBatch(tx.QueryRowContext(ctx, "SELECT "+batchColumns+" FROM import_batches WHERE id = ?", batchID)); err != nil {
			return err
		}
		if b.Undone() {
			return fmt.Errorf("%w: import %d was already undone on %s", app.ErrConflict, batchID, app.FormatDate(b.UndoneAt))
		}
		changed, err := queryIDs(ctx, tx, changedSince, []any{batchID})
		if err != nil {
			return err
		}
		if len(changed) > 0 {
			return &importing.UndoRefusedError{BatchID: batchID, Changed: len(changed), First: changed[0]}
		}
		if err := s.removeImported(ctx, tx, actor, batchID, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?", fmtTime(at), actor, batchID); err != nil {
			return err
		}
		b.UndoneAt, b.UndoneBy = at.UTC().Truncate(time.Millisecond), actor
		return s.audit(ctx, tx, actor, "import_batch", batchID, "undo", diff(fields{"undone": "false"}, fields{"undone": "true"}))
	})
	if err != nil {
		return importing.Batch{}, fmt.Errorf("storage: undo import %d: %w", batchID, mapErr(err))
	}
	return b, nil
}

// removeImported closes the registrations of the people batch added and
// sets their NHS numbers aside, auditing each change.
func (s *Store) removeImported(ctx context.Context, tx *sql.Tx, actor string, batchID int64, at time.Time) error {
	type removed struct {
		person, reg int64
		nhs         sql.NullString
	}
	var rs []removed
	err := eachRow(ctx, tx, `SELECT ip.person_id, ip.registration_id, p.nhs_number FROM import_people ip JOIN people p ON p.id = ip.person_id
		WHERE ip.batch_id = ? AND ip.added = 1 ORDER BY ip.person_id`, []any{batchID}, func(r *sql.Rows) error {
		var x removed
		rs = append(rs, x)
		return r.Scan(&rs[len(rs)-1].person, &rs[len(rs)-1].reg, &rs[len(rs)-1].nhs)
	})
	if err != nil {
		return err
	}
	note := "Import " + strconv.FormatInt(batchID, 10) + " undone"
	for _, x := range rs {
		old, err := getRegistration(ctx, tx, x.reg)
		if err != nil {
			return err
		}
		g := old
		g.ClosedAt, g.CloseReason, g.CloseNote = at, app.CloseImportedInError, note
		if err := s.updateRegistration(ctx, tx, actor, old, g, "close"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET nhs_number = NULL, nhs_number_unknown_reason = ?, updated_at = ? WHERE id = ?`,
			app.CloseImportedInError.String(), fmtTime(at), x.person); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE import_people SET removed_nhs_number = ? WHERE batch_id = ? AND person_id = ?",
			x.nhs, batchID, x.person); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "person", x.person, "remove", []app.FieldChange{
			{Field: "removed", Old: "", New: app.CloseImportedInError.String() + " (" + note + ")"},
			{Field: "nhsNumber", Old: x.nhs.String, New: ""}}); err != nil {
			return err
		}
	}
	return nil
}

// importReminders lists the batches, not undone, with people still to
// confirm, for Today's one item per batch.
func importReminders(ctx context.Context, q queryer) ([]app.ImportReminder, error) {
	bs, err := collect(ctx, q, "SELECT "+batchColumns+" FROM import_batches WHERE undone_at IS NULL ORDER BY id", nil, scanBatch)
	if err != nil {
		return nil, err
	}
	var out []app.ImportReminder
	for _, b := range bs {
		if b.Pending > 0 {
			out = append(out, app.ImportReminder{BatchID: b.ID, FileName: b.FileName, At: b.At, Pending: b.Pending})
		}
	}
	return out, nil
}

// importStatus is what the import that added p left to confirm.
func importStatus(ctx context.Context, q queryer, p app.Person) (app.ImportStatus, error) {
	var st app.ImportStatus
	var undone sql.NullString
	var reg sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT ip.batch_id, b.file_name, ip.sheet_row, ip.registration_id, b.undone_at
		FROM import_people ip JOIN import_batches b ON b.id = ip.batch_id WHERE ip.person_id = ? AND ip.added = 1
		ORDER BY ip.batch_id DESC LIMIT 1`, p.ID).Scan(&st.BatchID, &st.FileName, &st.Row, &reg, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		st.DetailsIncomplete = p.Address == "" || p.Postcode == "" || p.Diagnosis == app.DiagnosisNotRecorded
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if st.Removed = undone.Valid; st.Removed {
		return st, nil
	}
	st.DetailsIncomplete = p.Address == "" || p.Postcode == "" || p.Diagnosis == app.DiagnosisNotRecorded
	var consents, changes int
	if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM consents WHERE person_id = ?),
		(SELECT count(*) FROM rating_changes WHERE registration_id = ?)`, p.ID, reg.Int64).Scan(&consents, &changes); err != nil {
		return st, err
	}
	st.ConsentUnconfirmed, st.RatingToReview = consents == 0, changes <= 1
	return st, nil
}
