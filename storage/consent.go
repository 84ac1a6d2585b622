package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"dspdesk/app"
)

func consentFields(e app.ConsentEvent) fields {
	f := fields{"personId": strconv.FormatInt(e.PersonID, 10), "date": e.Date.Format(dateLayout),
		"withdrawn": strconv.FormatBool(e.Withdrawn)}
	if e.Withdrawn {
		f["reason"] = e.Reason
		return f
	}
	f["givenBy"], f["giverName"], f["scope"] = e.GivenBy.String(), e.GiverName, e.Scope
	f["gillickCompetent"] = strconv.FormatBool(e.GillickCompetent)
	f["recordSystem"], f["recordReference"] = e.RecordSystem, e.RecordReference
	return f
}

func (s *Store) insertConsent(ctx context.Context, tx *sql.Tx, actor string, e app.ConsentEvent) (app.ConsentEvent, error) {
	if e.RecordedAt.IsZero() {
		e.RecordedAt = s.now()
	}
	if e.RecordedBy == "" {
		e.RecordedBy = actor
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO consents(person_id, withdrawn, date, given_by, giver_name, gillick_competent,
		scope, record_system, record_reference, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.PersonID, boolInt(e.Withdrawn), fmtDate(e.Date), int(e.GivenBy), e.GiverName, boolInt(e.GillickCompetent),
		e.Scope, e.RecordSystem, e.RecordReference, e.Reason, e.RecordedBy, fmtTime(e.RecordedAt))
	if err != nil {
		return e, fmt.Errorf("storage: insert consent of person %d: %w", e.PersonID, mapErr(err))
	}
	e.ID, _ = res.LastInsertId()
	e.RecordedAt = e.RecordedAt.UTC().Truncate(time.Millisecond)
	action := "give"
	if e.Withdrawn {
		action = "withdraw"
	}
	return e, s.audit(ctx, tx, actor, "consent", e.ID, action, diff(nil, consentFields(e)))
}

// AddConsent appends a consent event (given, renewed or withdrawn).
func (s *Store) AddConsent(ctx context.Context, actor string, e app.ConsentEvent) (app.ConsentEvent, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		e, err = s.insertConsent(ctx, tx, actor, e)
		return err
	})
	return e, err
}

const consentColumns = `id, person_id, withdrawn, date, given_by, giver_name, gillick_competent, scope,
	record_system, record_reference, reason, recorded_by, recorded_at`

func scanConsent(r scanner) (app.ConsentEvent, error) {
	var e app.ConsentEvent
	var date, at sql.NullString
	err := r.Scan(&e.ID, &e.PersonID, &e.Withdrawn, &date, &e.GivenBy, &e.GiverName, &e.GillickCompetent, &e.Scope,
		&e.RecordSystem, &e.RecordReference, &e.Reason, &e.RecordedBy, &at)
	e.Date, e.RecordedAt = parseDate(date), parseTime(at)
	return e, err
}

// consentsOf reads a person's consent events, oldest first.
func consentsOf(ctx context.Context, q queryer, personID int64) ([]app.ConsentEvent, error) {
	return collect(ctx, q, "SELECT "+consentColumns+" FROM consents WHERE person_id = ? ORDER BY date, recorded_at, id",
		[]any{personID}, scanConsent)
}

// ConsentHistory returns a person's consent events, oldest first.
func (s *Store) ConsentHistory(ctx context.Context, personID int64) ([]app.ConsentEvent, error) {
	var out []app.ConsentEvent
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = consentsOf(ctx, tx, personID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: consent history of person %d: %w", personID, err)
	}
	return out, nil
}
