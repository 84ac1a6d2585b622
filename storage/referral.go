package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dspdesk/app"
)

const referralColumns = `id, person_id, consent_id, received_at, register_requested, indicative_rating, diagnosis_confirmed,
	referrer_name, referrer_role, referrer_sector, referrer_organisation, referrer_phone, referrer_email, referrer_organises_mam,
	concerns_other, what_changed, what_tried, risks, is_inpatient, inpatient_hospital, inpatient_admitted_on,
	inpatient_planned_discharge, ooa_funding, ooa_commissioner, education_setting, ehcp, professionals_involved, legal_status,
	person_as_entered, status, decided_at, decided_by, decline_reason`

func referralFields(r app.Referral) fields {
	concerns := make([]string, len(r.Concerns))
	for i, c := range r.Concerns {
		concerns[i] = c.Short()
	}
	f := fields{
		"personId": strconv.FormatInt(r.PersonID, 10), "receivedAt": r.ReceivedAt.UTC().Format(timeLayout),
		"registerRequested": r.RegisterRequested.String(), "indicativeRating": r.IndicativeRating.String(),
		"diagnosisConfirmed": strconv.FormatBool(r.DiagnosisConfirmed), "referrer.name": r.Referrer.Name,
		"referrer.role": r.Referrer.Role, "referrer.sector": r.Referrer.Sector.String(),
		"referrer.organisation": r.Referrer.Organisation, "referrer.phone": r.Referrer.Phone, "referrer.email": r.Referrer.Email,
		"referrerOrganisesMAM": strconv.FormatBool(r.ReferrerOrganisesMAM), "concerns": strings.Join(concerns, "; "),
		"concernsOther": r.ConcernsOther, "whatChanged": r.WhatChanged, "whatTried": r.WhatTried, "risks": r.Risks,
		"isInpatient": strconv.FormatBool(r.IsInpatient), "status": r.Status.String(),
		"educationSetting": r.EducationSetting, "ehcp": strconv.FormatBool(r.EHCP),
		"professionalsInvolved": r.ProfessionalsInvolved, "legalStatus": r.LegalStatus,
	}
	if r.IsInpatient {
		f["inpatient.hospital"] = r.Inpatient.Hospital
		f["inpatient.admittedOn"] = r.Inpatient.AdmittedOn.Format(dateLayout)
		if !r.Inpatient.PlannedDischarge.IsZero() {
			f["inpatient.plannedDischarge"] = r.Inpatient.PlannedDischarge.Format(dateLayout)
		}
	}
	if r.OutOfArea.Funding != 0 {
		f["outOfArea.funding"], f["outOfArea.commissioner"] = r.OutOfArea.Funding.String(), r.OutOfArea.Commissioner
	}
	return f
}

// CreateReferral stores a referral with its consent; it creates the person
// from ref.Person when personID is 0, otherwise links to personID.
func (s *Store) CreateReferral(ctx context.Context, actor string, ref app.Referral, personID int64) (app.Referral, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ref, err = s.createReferral(ctx, tx, actor, ref, personID)
		return err
	})
	if err != nil {
		return app.Referral{}, err
	}
	return ref, nil
}

func (s *Store) createReferral(ctx context.Context, tx *sql.Tx, actor string, ref app.Referral, personID int64) (app.Referral, error) {
	if personID == 0 {
		p, err := s.insertPerson(ctx, tx, actor, ref.Person)
		if err != nil {
			return ref, err
		}
		personID = p.ID
		ref.Person = p
	} else {
		stored, err := getPerson(ctx, tx, personID)
		if err != nil {
			return ref, err
		}
		if ref.UpdateLinkedPerson {
			merged := app.MergeTyped(stored, ref.Person)
			merged.Version = ref.LinkedPersonVersion // the record the user compared, not the stored one
			if _, err := s.updatePerson(ctx, tx, actor, merged); err != nil {
				return ref, err
			}
		}
	}
	ref.PersonID = personID
	ref.Consent.PersonID = personID
	consent, err := s.insertConsent(ctx, tx, actor, ref.Consent)
	if err != nil {
		return ref, err
	}
	ref.Consent = consent
	entered, err := json.Marshal(ref.Person)
	if err != nil {
		return ref, err
	}
	if ref.Status == 0 {
		ref.Status = app.ReferralPending
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO referrals(person_id, consent_id, received_at, register_requested,
		indicative_rating, diagnosis_confirmed, referrer_name, referrer_role, referrer_sector, referrer_organisation,
		referrer_phone, referrer_email, referrer_organises_mam, concerns_other, what_changed, what_tried, risks, is_inpatient,
		inpatient_hospital, inpatient_admitted_on, inpatient_planned_discharge, ooa_funding, ooa_commissioner,
		education_setting, ehcp, professionals_involved, legal_status, person_as_entered, status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		personID, consent.ID, fmtTime(ref.ReceivedAt), int(ref.RegisterRequested), int(ref.IndicativeRating),
		boolInt(ref.DiagnosisConfirmed), ref.Referrer.Name, ref.Referrer.Role, int(ref.Referrer.Sector),
		ref.Referrer.Organisation, ref.Referrer.Phone, ref.Referrer.Email, boolInt(ref.ReferrerOrganisesMAM),
		ref.ConcernsOther, ref.WhatChanged, ref.WhatTried, ref.Risks, boolInt(ref.IsInpatient), ref.Inpatient.Hospital,
		fmtDate(ref.Inpatient.AdmittedOn), fmtDate(ref.Inpatient.PlannedDischarge), int(ref.OutOfArea.Funding),
		ref.OutOfArea.Commissioner, ref.EducationSetting, boolInt(ref.EHCP), ref.ProfessionalsInvolved, ref.LegalStatus,
		string(entered), int(ref.Status))
	if err != nil {
		return ref, fmt.Errorf("storage: insert referral of person %d: %w", personID, mapErr(err))
	}
	ref.ID, _ = res.LastInsertId()
	for _, c := range ref.Concerns {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO referral_concerns(referral_id, concern) VALUES (?, ?)", ref.ID, int(c)); err != nil {
			return ref, fmt.Errorf("storage: insert concerns of referral %d: %w", ref.ID, mapErr(err))
		}
	}
	return ref, s.audit(ctx, tx, actor, "referral", ref.ID, "create", diff(nil, referralFields(ref)))
}

func scanReferral(r scanner) (app.Referral, error) {
	var ref app.Referral
	var consentID sql.NullInt64
	var received, admitted, planned, decided sql.NullString
	var entered string
	err := r.Scan(&ref.ID, &ref.PersonID, &consentID, &received, &ref.RegisterRequested, &ref.IndicativeRating,
		&ref.DiagnosisConfirmed, &ref.Referrer.Name, &ref.Referrer.Role, &ref.Referrer.Sector, &ref.Referrer.Organisation,
		&ref.Referrer.Phone, &ref.Referrer.Email, &ref.ReferrerOrganisesMAM, &ref.ConcernsOther, &ref.WhatChanged,
		&ref.WhatTried, &ref.Risks, &ref.IsInpatient, &ref.Inpatient.Hospital, &admitted, &planned, &ref.OutOfArea.Funding,
		&ref.OutOfArea.Commissioner, &ref.EducationSetting, &ref.EHCP, &ref.ProfessionalsInvolved, &ref.LegalStatus,
		&entered, &ref.Status, &decided, &ref.DecidedBy, &ref.DeclineReason)
	if err != nil {
		return ref, err
	}
	ref.Consent.ID = consentID.Int64
	ref.ReceivedAt, ref.DecidedAt = parseTime(received), parseTime(decided)
	ref.Inpatient.AdmittedOn, ref.Inpatient.PlannedDischarge = parseDate(admitted), parseDate(planned)
	if err := json.Unmarshal([]byte(entered), &ref.Person); err != nil {
		return ref, fmt.Errorf("person details of referral %d: %w", ref.ID, err)
	}
	return ref, nil
}

func getReferral(ctx context.Context, q queryer, id int64) (app.Referral, error) {
	ref, err := scanReferral(q.QueryRowContext(ctx, "SELECT "+referralColumns+" FROM referrals WHERE id = ?", id))
	if err != nil {
		return ref, fmt.Errorf("storage: get referral %d: %w", id, mapErr(err))
	}
	rows, err := q.QueryContext(ctx, "SELECT concern FROM referral_concerns WHERE referral_id = ? ORDER BY concern", id)
	if err != nil {
		return ref, err
	}
	defer rows.Close()
	for rows.Next() {
		var c app.Concern
		if err := rows.Scan(&c); err != nil {
			return ref, err
		}
		ref.Concerns = append(ref.Concerns, c)
	}
	return ref, rows.Err()
}

// loadConsent fills ref.Consent from its consent row.
func loadConsent(ctx context.Context, q queryer, ref *app.Referral) error {
	if ref.Consent.ID == 0 {
		return nil
	}
	e, err := scanConsent(q.QueryRowContext(ctx, "SELECT "+consentColumns+" FROM consents WHERE id = ?", ref.Consent.ID))
	if err != nil {
		return fmt.Errorf("storage: consent of referral %d: %w", ref.ID, mapErr(err))
	}
	ref.Consent = e
	return nil
}

// Referral returns a referral with its concerns, the person's details as
// entered, and its consent event.
func (s *Store) Referral(ctx context.Context, id int64) (app.Referral, error) {
	var ref app.Referral
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if ref, err = getReferral(ctx, tx, id); err != nil {
			return err
		}
		return loadConsent(ctx, tx, &ref)
	})
	return ref, err
}

// PendingReferrals returns the referrals awaiting a decision, oldest first,
// each with its concerns and consent.
func (s *Store) PendingReferrals(ctx context.Context) ([]app.Referral, error) {
	var out []app.Referral
	err := s.read(ctx, func(tx *sql.Tx) error {
		var ids []int64
		if err := eachRow(ctx, tx, "SELECT id FROM referrals WHERE status = ? ORDER BY received_at, id",
			[]any{int(app.ReferralPending)}, func(r *sql.Rows) error {
				var id int64
				err := r.Scan(&id)
				ids = append(ids, id)
				return err
			}); err != nil {
			return err
		}
		for _, id := range ids {
			ref, err := getReferral(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := loadConsent(ctx, tx, &ref); err != nil {
				return err
			}
			out = append(out, ref)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: pending referrals: %w", err)
	}
	return out, nil
}

// markDecided moves a referral from pending to its decision, refusing with
// app.ErrConflict when someone else decided it first.
func (s *Store) markDecided(ctx context.Context, tx *sql.Tx, actor string, ref app.Referral, status app.ReferralStatus) error {
	res, err := tx.ExecContext(ctx, `UPDATE referrals SET status = ?, decided_at = ?, decided_by = ?, decline_reason = ?
		WHERE id = ? AND status = ?`, int(status), fmtTime(s.now()), actor, ref.DeclineReason, ref.ID, int(app.ReferralPending))
	if err != nil {
		return fmt.Errorf("storage: decide referral %d: %w", ref.ID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("storage: referral %d was already decided: %w", ref.ID, staleError(ctx, tx, "referral", ref.ID))
	}
	changes := []app.FieldChange{{Field: "status", Old: app.ReferralPending.String(), New: status.String()}}
	if ref.DeclineReason != "" {
		changes = append(changes, app.FieldChange{Field: "declineReason", New: ref.DeclineReason})
	}
	return s.audit(ctx, tx, actor, "referral", ref.ID, "decide", changes)
}

// AcceptReferral marks the referral accepted and stores the outcome of
// app.Rules.Accept in the same transaction: the registration, its first
// rating change, any meeting or review request, and (for an inpatient) the
// admission from the referral.
func (s *Store) AcceptReferral(ctx context.Context, actor string, ref app.Referral, out app.Outcome) (app.Outcome, error) {
	err := s.write(ctx, func(tx *sql.Tx) error { return s.acceptReferral(ctx, tx, actor, ref, &out) })
	if err != nil {
		if errors.Is(err, app.ErrConflict) && !strings.Contains(err.Error(), "already decided") {
			return app.Outcome{}, fmt.Errorf("storage: person %d already has an open registration: %w", ref.PersonID, err)
		}
		return app.Outcome{}, err
	}
	return out, nil
}

func (s *Store) acceptReferral(ctx context.Context, tx *sql.Tx, actor string, ref app.Referral, out *app.Outcome) error {
	if err := s.markDecided(ctx, tx, actor, ref, app.ReferralAccepted); err != nil {
		return err
	}
	reg := out.Registration
	reg.PersonID, reg.ReferralID = ref.PersonID, ref.ID
	var err error
	if reg, err = s.insertRegistration(ctx, tx, actor, reg); err != nil {
		return err
	}
	out.Registration = reg
	if reg.Inpatient && ref.IsInpatient {
		adm := app.Admission{PersonID: ref.PersonID, RegistrationID: reg.ID, Hospital: ref.Inpatient.Hospital,
			AdmittedOn: ref.Inpatient.AdmittedOn, PlannedDischarge: ref.Inpatient.PlannedDischarge}
		if _, err := s.insertAdmission(ctx, tx, actor, adm); err != nil {
			return err
		}
	}
	return s.storeOutcomeParts(ctx, tx, actor, out)
}

// DeclineReferral stores a declined referral.
func (s *Store) DeclineReferral(ctx context.Context, actor string, ref app.Referral) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return s.markDecided(ctx, tx, actor, ref, app.ReferralDeclined)
	})
}
