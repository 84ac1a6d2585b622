package storage

import (
	"context"
	"database/sql"
	"fmt"

	"dspdesk/app"
)

// PersonRecord reads everything the person screen shows in one snapshot.
func (s *Store) PersonRecord(ctx context.Context, personID int64) (app.PersonRecord, error) {
	rec := app.PersonRecord{RatingChanges: map[int64][]app.RatingChange{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if rec.Person, err = getPerson(ctx, tx, personID); err != nil {
			return err
		}
		if rec.Registrations, err = registrationsOf(ctx, tx, personID); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, "SELECT "+ratingChangeColumns+` FROM rating_changes c JOIN registrations g ON g.id = c.registration_id
			WHERE g.person_id = ? ORDER BY c.at, c.id`, []any{personID}, func(r *sql.Rows) error {
			c, err := scanRatingChange(r)
			rec.RatingChanges[c.RegistrationID] = append(rec.RatingChanges[c.RegistrationID], c)
			return err
		}); err != nil {
			return err
		}
		if rec.Consent, err = consentsOf(ctx, tx, personID); err != nil {
			return err
		}
		if rec.Import, err = importStatus(ctx, tx, rec.Person); err != nil {
			return err
		}
		var refIDs []int64
		if err := eachRow(ctx, tx, "SELECT id FROM referrals WHERE person_id = ? ORDER BY received_at DESC, id DESC", []any{personID},
			func(r *sql.Rows) error {
				var id int64
				err := r.Scan(&id)
				refIDs = append(refIDs, id)
				return err
			}); err != nil {
			return err
		}
		for _, id := range refIDs {
			ref, err := getReferral(ctx, tx, id)
			if err != nil {
				return err
			}
			rec.Referrals = append(rec.Referrals, ref)
		}
		if err := eachRow(ctx, tx, `SELECT id, person_id, registration_id, hospital, admitted_on, planned_discharge, discharged_on
			FROM admissions WHERE person_id = ? ORDER BY admitted_on DESC, id DESC`, []any{personID}, func(r *sql.Rows) error {
			var a app.Admission
			var adm, planned, dis sql.NullString
			err := r.Scan(&a.ID, &a.PersonID, &a.RegistrationID, &a.Hospital, &adm, &planned, &dis)
			a.AdmittedOn, a.PlannedDischarge, a.DischargedOn = parseDate(adm), parseDate(planned), parseDate(dis)
			rec.Admissions = append(rec.Admissions, a)
			return err
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, person_id, coalesce(registration_id, 0), kind, urgent, reason, requested_at, status, held_on, outcome
			FROM review_requests WHERE person_id = ? ORDER BY requested_at DESC, id DESC`, []any{personID}, func(r *sql.Rows) error {
			var q app.ReviewRequest
			var at, held sql.NullString
			err := r.Scan(&q.ID, &q.PersonID, &q.RegistrationID, &q.Kind, &q.Urgent, &q.Reason, &at, &q.Status, &held, &q.Outcome)
			q.RequestedAt, q.HeldOn = parseTime(at), parseDate(held)
			rec.ReviewRequests = append(rec.ReviewRequests, q)
			return err
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT id, person_id, coalesce(registration_id, 0), kind, organiser, reason, requested_at, status,
			coalesce(meeting_id, 0) FROM meeting_requests WHERE person_id = ? ORDER BY requested_at DESC, id DESC`, []any{personID},
			func(r *sql.Rows) error {
				var q app.MeetingRequest
				var at sql.NullString
				err := r.Scan(&q.ID, &q.PersonID, &q.RegistrationID, &q.Kind, &q.Organiser, &q.Reason, &at, &q.Status, &q.MeetingID)
				q.RequestedAt = parseTime(at)
				rec.MeetingRequests = append(rec.MeetingRequests, q)
				return err
			}); err != nil {
			return err
		}
		if rec.Meetings, err = meetingsOf(ctx, tx, personID); err != nil {
			return err
		}
		if rec.Actions, err = actionsOf(ctx, tx, personID); err != nil {
			return err
		}
		rec.Gaps, err = gapsOf(ctx, tx, personID)
		return err
	})
	if err != nil {
		return rec, fmt.Errorf("storage: record of person %d: %w", personID, err)
	}
	return rec, nil
}

// collect runs a query and scans every row with scan.
func collect[T any](ctx context.Context, q queryer, query string, args []any, scan func(scanner) (T, error)) ([]T, error) {
	var out []T
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		v, err := scan(r)
		out = append(out, v)
		return err
	})
	return out, err
}

// eachRow runs a query and calls fn for each row.
func eachRow(ctx context.Context, q queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ReminderInputs reads what app.Rules.DueReminders looks through: meetings
// not yet held, outstanding actions, open registrations, and the people on
// the registers with their current consent; plus each person's display name.
func (s *Store) ReminderInputs(ctx context.Context) (app.ReminderInputs, map[int64]string, error) {
	var in app.ReminderInputs
	names := map[int64]string{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if in.Meetings, err = collect(ctx, tx, "SELECT "+meetingColumns+" FROM meetings WHERE status IN (1, 2) ORDER BY start", nil, scanMeeting); err != nil {
			return err
		}
		if in.Actions, err = collect(ctx, tx, "SELECT "+actionColumns+" FROM actions WHERE status IN (1, 2, 5) ORDER BY due", nil, scanAction); err != nil {
			return err
		}
		if in.Registrations, err = collect(ctx, tx, "SELECT "+registrationColumns+" FROM registrations WHERE closed_at IS NULL", nil, scanRegistration); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth,
			(SELECT c.withdrawn FROM consents c WHERE c.person_id = p.id ORDER BY c.date DESC, c.recorded_at DESC, c.id DESC LIMIT 1),
			(SELECT c.date FROM consents c WHERE c.person_id = p.id ORDER BY c.date DESC, c.recorded_at DESC, c.id DESC LIMIT 1),
			p.id IN (SELECT person_id FROM registrations WHERE closed_at IS NULL),
			p.id IN (SELECT ip.person_id FROM import_people ip JOIN import_batches b ON b.id = ip.batch_id
				WHERE ip.added = 1 AND b.undone_at IS NULL)
			FROM people p WHERE p.id IN (SELECT person_id FROM registrations WHERE closed_at IS NULL)
			   OR p.id IN (SELECT person_id FROM meetings WHERE status IN (1, 2))
			   OR p.id IN (SELECT person_id FROM actions WHERE status IN (1, 2, 5))`, nil, func(r *sql.Rows) error {
			var id int64
			var given, family, preferred string
			var dob, cdate sql.NullString
			var withdrawn sql.NullInt64
			var onRegister, imported bool
			if err := r.Scan(&id, &given, &family, &preferred, &dob, &withdrawn, &cdate, &onRegister, &imported); err != nil {
				return err
			}
			p := app.Person{GivenName: given, FamilyName: family, PreferredName: preferred}
			names[id] = p.FullName()
			if !onRegister {
				return nil
			}
			st := app.ConsentStatus{State: app.ConsentMissing}
			if withdrawn.Valid {
				st.State = app.ConsentGiven
				if withdrawn.Int64 == 1 {
					st.State = app.ConsentWithdrawn
				}
				st.Latest.Date = parseDate(cdate)
			}
			in.People = append(in.People, app.ReminderPerson{ID: id, DateOfBirth: parseDate(dob), Consent: st,
				ImportPending: imported && !withdrawn.Valid})
			return nil
		}); err != nil {
			return err
		}
		in.Imports, err = importReminders(ctx, tx)
		return err
	})
	if err != nil {
		return in, nil, fmt.Errorf("storage: reminder inputs: %w", err)
	}
	return in, names, nil
}
