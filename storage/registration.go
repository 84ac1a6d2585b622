package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"dspdesk/app"
)

const registrationColumns = `id, person_id, referral_id, register, rating, inpatient, since, review_due, closed_at, close_reason, close_note, version`

func registrationFields(r app.Registration) fields {
	f := fields{"personId": strconv.FormatInt(r.PersonID, 10), "register": r.Register.String(), "rating": r.Rating.String(),
		"inpatient": strconv.FormatBool(r.Inpatient), "since": r.Since.Format(dateLayout)}
	if !r.ReviewDue.IsZero() {
		f["reviewDue"] = r.ReviewDue.Format(dateLayout)
	}
	if !r.ClosedAt.IsZero() {
		f["closedAt"], f["closeReason"], f["closeNote"] = r.ClosedAt.UTC().Format(timeLayout), r.CloseReason.String(), r.CloseNote
	}
	return f
}

func scanRegistration(r scanner) (app.Registration, error) {
	var g app.Registration
	var refID sql.NullInt64
	var since, due, closed sql.NullString
	err := r.Scan(&g.ID, &g.PersonID, &refID, &g.Register, &g.Rating, &g.Inpatient, &since, &due, &closed, &g.CloseReason, &g.CloseNote, &g.Version)
	g.ReferralID = refID.Int64
	g.Since, g.ReviewDue, g.ClosedAt = parseDate(since), parseDate(due), parseTime(closed)
	return g, err
}

func (s *Store) insertRegistration(ctx context.Context, tx *sql.Tx, actor string, g app.Registration) (app.Registration, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO registrations(person_id, referral_id, register, rating, inpatient, since, review_due)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, g.PersonID, nullID(g.ReferralID), int(g.Register), int(g.Rating), boolInt(g.Inpatient),
		fmtDate(g.Since), fmtDate(g.ReviewDue))
	if err != nil {
		return g, fmt.Errorf("storage: insert registration of person %d: %w", g.PersonID, mapErr(err))
	}
	g.ID, _ = res.LastInsertId()
	return g, s.audit(ctx, tx, actor, "registration", g.ID, "create", diff(nil, registrationFields(g)))
}

func getRegistration(ctx context.Context, q queryer, id int64) (app.Registration, error) {
	g, err := scanRegistration(q.QueryRowContext(ctx, "SELECT "+registrationColumns+" FROM registrations WHERE id = ?", id))
	if err != nil {
		return g, fmt.Errorf("storage: get registration %d: %w", id, mapErr(err))
	}
	return g, nil
}

// Registration returns one registration.
func (s *Store) Registration(ctx context.Context, id int64) (app.Registration, error) {
	var g app.Registration
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = getRegistration(ctx, tx, id)
		return err
	})
	return g, err
}

// OpenRegistration returns the person's open registration, or app.ErrNotFound.
func (s *Store) OpenRegistration(ctx context.Context, personID int64) (app.Registration, error) {
	var g app.Registration
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = scanRegistration(tx.QueryRowContext(ctx, "SELECT "+registrationColumns+
			" FROM registrations WHERE person_id = ? AND closed_at IS NULL", personID))
		return err
	})
	if err != nil {
		return g, fmt.Errorf("storage: open registration of person %d: %w", personID, err)
	}
	return g, nil
}

// registrationsOf reads a person's registrations, newest first.
func registrationsOf(ctx context.Context, q queryer, personID int64) ([]app.Registration, error) {
	return collect(ctx, q, "SELECT "+registrationColumns+" FROM registrations WHERE person_id = ? ORDER BY since DESC, id DESC",
		[]any{personID}, scanRegistration)
}

const ratingChangeColumns = `c.id, c.registration_id, c.from_rating, c.to_rating, c.from_register, c.to_register, c.reason,
	c.changed_by, c.at, c.review`

func scanRatingChange(r scanner) (app.RatingChange, error) {
	var c app.RatingChange
	var at sql.NullString
	err := r.Scan(&c.ID, &c.RegistrationID, &c.From, &c.To, &c.FromRegister, &c.ToRegister, &c.Reason, &c.By, &at, &c.Review)
	c.At = parseTime(at)
	return c, err
}

// RatingChanges returns a registration's rating changes, oldest first.
func (s *Store) RatingChanges(ctx context.Context, registrationID int64) ([]app.RatingChange, error) {
	var out []app.RatingChange
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = collect(ctx, tx, "SELECT "+ratingChangeColumns+" FROM rating_changes c WHERE c.registration_id = ? ORDER BY c.at, c.id",
			[]any{registrationID}, scanRatingChange)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: rating changes of registration %d: %w", registrationID, err)
	}
	return out, nil
}

// storeOutcomeParts stores the rating change and any requests of an outcome
// whose registration is already stored, filling in their ids.
func (s *Store) storeOutcomeParts(ctx context.Context, tx *sql.Tx, actor string, out *app.Outcome) error {
	reg := out.Registration
	c := &out.RatingChange
	c.RegistrationID = reg.ID
	res, err := tx.ExecContext(ctx, `INSERT INTO rating_changes(registration_id, from_rating, to_rating, from_register, to_register,
		reason, changed_by, at, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, reg.ID, int(c.From), int(c.To), int(c.FromRegister),
		int(c.ToRegister), c.Reason, c.By, fmtTime(c.At), boolInt(c.Review))
	if err != nil {
		return fmt.Errorf("storage: insert rating change of registration %d: %w", reg.ID, mapErr(err))
	}
	c.ID, _ = res.LastInsertId()
	if err := s.audit(ctx, tx, actor, "rating_change", c.ID, "create", diff(nil, fields{
		"registrationId": strconv.FormatInt(reg.ID, 10), "from": c.From.String(), "to": c.To.String(),
		"fromRegister": c.FromRegister.String(), "toRegister": c.ToRegister.String(), "reason": c.Reason,
		"review": strconv.FormatBool(c.Review)})); err != nil {
		return err
	}
	if m := out.MeetingRequest; m != nil {
		m.PersonID, m.RegistrationID = reg.PersonID, reg.ID
		res, err := tx.ExecContext(ctx, `INSERT INTO meeting_requests(person_id, registration_id, kind, organiser, reason,
			requested_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)`, m.PersonID, m.RegistrationID, int(m.Kind), int(m.Organiser),
			m.Reason, fmtTime(m.RequestedAt), int(m.Status))
		if err != nil {
			return fmt.Errorf("storage: insert meeting request of registration %d: %w", reg.ID, mapErr(err))
		}
		m.ID, _ = res.LastInsertId()
		if err := s.audit(ctx, tx, actor, "meeting_request", m.ID, "create", diff(nil, fields{
			"personId": strconv.FormatInt(m.PersonID, 10), "kind": m.Kind.String(), "organiser": m.Organiser.String(),
			"reason": m.Reason})); err != nil {
			return err
		}
	}
	if r := out.ReviewRequest; r != nil {
		r.PersonID, r.RegistrationID = reg.PersonID, reg.ID
		res, err := tx.ExecContext(ctx, `INSERT INTO review_requests(person_id, registration_id, kind, urgent, reason,
			requested_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)`, r.PersonID, r.RegistrationID, int(r.Kind), boolInt(r.Urgent),
			r.Reason, fmtTime(r.RequestedAt), int(r.Status))
		if err != nil {
			return fmt.Errorf("storage: insert review request of registration %d: %w", reg.ID, mapErr(err))
		}
		r.ID, _ = res.LastInsertId()
		if err := s.audit(ctx, tx, actor, "review_request", r.ID, "create", diff(nil, fields{
			"personId": strconv.FormatInt(r.PersonID, 10), "kind": r.Kind.String(), "urgent": strconv.FormatBool(r.Urgent),
			"reason": r.Reason})); err != nil {
			return err
		}
	}
	return nil
}

// updateRegistration writes a registration's new state, but only if the
// stored row is still in the state old describes and at g's version (an
// optimistic check, so two people changing the same rating cannot
// overwrite each other).
func (s *Store) updateRegistration(ctx context.Context, tx *sql.Tx, actor string, old, g app.Registration, action string) error {
	res, err := tx.ExecContext(ctx, `UPDATE registrations SET register = ?, rating = ?, inpatient = ?, review_due = ?,
		closed_at = ?, close_reason = ?, close_note = ?, version = version + 1
		WHERE id = ? AND register = ? AND rating = ? AND inpatient = ? AND closed_at IS NULL AND version = ?`,
		int(g.Register), int(g.Rating), boolInt(g.Inpatient), fmtDate(g.ReviewDue), fmtTime(g.ClosedAt), int(g.CloseReason),
		g.CloseNote, g.ID, int(old.Register), int(old.Rating), boolInt(old.Inpatient), g.Version)
	if err != nil {
		return fmt.Errorf("storage: update registration %d: %w", g.ID, mapErr(err))
	}
	if err := updated(ctx, tx, res, "registration", g.ID); err != nil {
		return fmt.Errorf("storage: update registration %d: %w", g.ID, err)
	}
	return s.audit(ctx, tx, actor, "registration", g.ID, action, diff(registrationFields(old), registrationFields(g)))
}

// ApplyRatingChange stores the outcome of app.Rules.ChangeRating.
func (s *Store) ApplyRatingChange(ctx context.Context, actor string, out app.Outcome) (app.Outcome, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		return s.applyRatingChange(ctx, tx, actor, &out)
	})
	return out, err
}

func (s *Store) applyRatingChange(ctx context.Context, tx *sql.Tx, actor string, out *app.Outcome) error {
	old, err := getRegistration(ctx, tx, out.Registration.ID)
	if err != nil {
		return err
	}
	if old.Rating != out.RatingChange.From || old.Register != out.RatingChange.FromRegister || old.Version != out.Registration.Version {
		return fmt.Errorf("storage: registration %d: %w", old.ID, staleError(ctx, tx, "registration", old.ID))
	}
	if err := s.updateRegistration(ctx, tx, actor, old, out.Registration, "rate"); err != nil {
		return err
	}
	out.Registration.Version = old.Version + 1
	return s.storeOutcomeParts(ctx, tx, actor, out)
}

func admissionFields(a app.Admission) fields {
	f := fields{"personId": strconv.FormatInt(a.PersonID, 10), "registrationId": strconv.FormatInt(a.RegistrationID, 10),
		"hospital": a.Hospital, "admittedOn": a.AdmittedOn.Format(dateLayout)}
	if !a.PlannedDischarge.IsZero() {
		f["plannedDischarge"] = a.PlannedDischarge.Format(dateLayout)
	}
	if !a.DischargedOn.IsZero() {
		f["dischargedOn"] = a.DischargedOn.Format(dateLayout)
	}
	return f
}

func (s *Store) insertAdmission(ctx context.Context, tx *sql.Tx, actor string, a app.Admission) (app.Admission, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO admissions(person_id, registration_id, hospital, admitted_on, planned_discharge,
		discharged_on) VALUES (?, ?, ?, ?, ?, ?)`, a.PersonID, a.RegistrationID, a.Hospital, fmtDate(a.AdmittedOn),
		fmtDate(a.PlannedDischarge), fmtDate(a.DischargedOn))
	if err != nil {
		return a, fmt.Errorf("storage: insert admission of person %d: %w", a.PersonID, mapErr(err))
	}
	a.ID, _ = res.LastInsertId()
	return a, s.audit(ctx, tx, actor, "admission", a.ID, "create", diff(nil, admissionFields(a)))
}

// ApplyAdmission stores an admission and its change of rating to Blue.
func (s *Store) ApplyAdmission(ctx context.Context, actor string, adm app.Admission, out app.Outcome) (app.Admission, app.Outcome, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.applyRatingChange(ctx, tx, actor, &out); err != nil {
			return err
		}
		adm.PersonID, adm.RegistrationID = out.Registration.PersonID, out.Registration.ID
		var err error
		adm, err = s.insertAdmission(ctx, tx, actor, adm)
		return err
	})
	return adm, out, err
}

// CurrentAdmission returns the registration's admission not yet discharged.
func (s *Store) CurrentAdmission(ctx context.Context, registrationID int64) (app.Admission, error) {
	var a app.Admission
	err := s.read(ctx, func(tx *sql.Tx) error {
		var adm, planned, dis sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, person_id, registration_id, hospital, admitted_on, planned_discharge, discharged_on
			FROM admissions WHERE registration_id = ? AND discharged_on IS NULL ORDER BY admitted_on DESC, id DESC LIMIT 1`,
			registrationID).Scan(&a.ID, &a.PersonID, &a.RegistrationID, &a.Hospital, &adm, &planned, &dis)
		a.AdmittedOn, a.PlannedDischarge, a.DischargedOn = parseDate(adm), parseDate(planned), parseDate(dis)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("storage: current admission of registration %d: %w", registrationID, err)
	}
	return a, nil
}

// ApplyDischarge records the discharge date on the admission (when there is
// one) and stores the rating change with its discharge MAM request.
func (s *Store) ApplyDischarge(ctx context.Context, actor string, admissionID int64, dischargedOn time.Time, out app.Outcome) (app.Outcome, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if admissionID != 0 {
			res, err := tx.ExecContext(ctx, "UPDATE admissions SET discharged_on = ? WHERE id = ? AND discharged_on IS NULL",
				fmtDate(dischargedOn), admissionID)
			if err != nil {
				return fmt.Errorf("storage: discharge admission %d: %w", admissionID, mapErr(err))
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("storage: admission %d was already discharged: %w", admissionID, app.ErrConflict)
			}
			if err := s.audit(ctx, tx, actor, "admission", admissionID, "discharge",
				[]app.FieldChange{{Field: "dischargedOn", New: dischargedOn.Format(dateLayout)}}); err != nil {
				return err
			}
		}
		return s.applyRatingChange(ctx, tx, actor, &out)
	})
	return out, err
}

// CloseRegistration stores a registration closed by app.Rules.Close.
func (s *Store) CloseRegistration(ctx context.Context, actor string, g app.Registration) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getRegistration(ctx, tx, g.ID)
		if err != nil {
			return err
		}
		return s.updateRegistration(ctx, tx, actor, old, g, "close")
	})
}
