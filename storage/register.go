package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dspdesk/app"
)

// registerSelect computes each open registration's row in one query: the
// last MAM held, the open and overdue actions, the organiser of the latest
// meeting and the current consent state come from indexed sub-queries.
const registerSelect = `SELECT g.id, g.person_id, g.register, g.rating, g.inpatient, g.since, g.review_due,
	p.given_name, p.family_name, p.preferred_name, p.nhs_number, p.date_of_birth, p.local_authority,
	(SELECT max(m.start) FROM meetings m WHERE m.person_id = g.person_id AND m.status IN (3, 4)) AS last_mam,
	(SELECT count(*) FROM actions a WHERE a.person_id = g.person_id AND a.status IN (1, 2)) AS open_actions,
	(SELECT count(*) FROM actions a WHERE a.person_id = g.person_id AND a.status IN (1, 2) AND a.due < :today) AS overdue_actions,
	coalesce((SELECT m.organiser_name FROM meetings m WHERE m.person_id = g.person_id ORDER BY m.start DESC LIMIT 1), '') AS organiser,
	coalesce((SELECT c.withdrawn FROM consents c WHERE c.person_id = g.person_id ORDER BY c.date DESC, c.recorded_at DESC, c.id DESC LIMIT 1), -1) AS consent,
	(SELECT c.date FROM consents c WHERE c.person_id = g.person_id ORDER BY c.date DESC, c.recorded_at DESC, c.id DESC LIMIT 1) AS consent_date
FROM registrations g JOIN people p ON p.id = g.person_id
WHERE g.closed_at IS NULL AND g.register = :register`

var registerOrder = map[app.RegisterSort]string{
	app.SortByRating:         "g.rating %s, p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE",
	app.SortByName:           "p.family_name COLLATE NOCASE %s, p.given_name COLLATE NOCASE %[1]s",
	app.SortByNHSNumber:      "p.nhs_number %s",
	app.SortByAge:            "p.date_of_birth %s",
	app.SortByLocalAuthority: "p.local_authority %s, p.family_name COLLATE NOCASE",
	app.SortBySince:          "g.since %s",
	app.SortByLastMAM:        "last_mam %s",
	app.SortByReviewDue:      "g.review_due %s",
	app.SortByActions:        "overdue_actions %s, open_actions %[1]s",
	app.SortByOrganiser:      "organiser COLLATE NOCASE %s",
}

// ListRegister returns one page of a register, filtered and sorted in SQL,
// and the number of rows matching the filter.
func (s *Store) ListRegister(ctx context.Context, q app.RegisterQuery) ([]app.RegisterRow, int, error) {
	where, args := registerFilter(q)
	order, ok := registerOrder[q.Sort]
	if !ok {
		order = registerOrder[app.SortByRating]
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	query := registerSelect + where + " ORDER BY " + fmt.Sprintf(order, dir) + ", g.id"
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, max(q.Offset, 0))
	}
	var rows []app.RegisterRow
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		r, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			row, err := scanRegisterRow(r)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		if err := r.Err(); err != nil {
			return err
		}
		if q.Limit <= 0 {
			total = len(rows)
			return nil
		}
		countArgs := append([]any{}, args...)
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM registrations g JOIN people p ON p.id = g.person_id WHERE g.closed_at IS NULL AND g.register = :register"+where, countArgs...).Scan(&total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list %s register: %w", q.Register, err)
	}
	return rows, total, nil
}

func registerFilter(q app.RegisterQuery) (string, []any) {
	today := app.DateOf(q.Today)
	args := []any{sql.Named("register", int(q.Register)), sql.Named("today", today.Format(dateLayout))}
	var b strings.Builder
	if len(q.Ratings) > 0 {
		b.WriteString(" AND g.rating IN (")
		for i, r := range q.Ratings {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d", int(r))
		}
		b.WriteString(")")
	}
	if q.LocalAuthority.Valid() {
		b.WriteString(" AND p.local_authority = :la")
		args = append(args, sql.Named("la", int(q.LocalAuthority)))
	}
	adultFrom := today.AddDate(-app.AgeAdult, 0, 0).Format(dateLayout) // born on or before this day: 18+
	switch q.AgeGroup {
	case app.CYP:
		b.WriteString(" AND p.date_of_birth > :adultFrom")
		args = append(args, sql.Named("adultFrom", adultFrom))
	case app.Adult:
		b.WriteString(" AND p.date_of_birth <= :adultFrom")
		args = append(args, sql.Named("adultFrom", adultFrom))
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(s)
		b.WriteString(` AND (p.family_name LIKE :search ESCAPE '\' OR p.given_name LIKE :search ESCAPE '\'
			OR p.preferred_name LIKE :search ESCAPE '\' OR (p.given_name || ' ' || p.family_name) LIKE :search ESCAPE '\'
			OR p.nhs_number LIKE :digits ESCAPE '\')`)
		args = append(args, sql.Named("search", "%"+escapeLike(s)+"%"), sql.Named("digits", escapeLike(digits)+"%"))
	}
	return b.String(), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

func scanRegisterRow(r scanner) (app.RegisterRow, error) {
	var row app.RegisterRow
	var since, due, nhs, dob, lastMAM, consentDate sql.NullString
	var consent int
	err := r.Scan(&row.RegistrationID, &row.PersonID, &row.Register, &row.Rating, &row.Inpatient, &since, &due,
		&row.GivenName, &row.FamilyName, &row.PreferredName, &nhs, &dob, &row.LocalAuthority,
		&lastMAM, &row.OpenActions, &row.OverdueActions, &row.Organiser, &consent, &consentDate)
	row.Since, row.ReviewDue, row.DateOfBirth = parseDate(since), parseDate(due), parseDate(dob)
	row.NHSNumber, row.LastMAM, row.ConsentDate = app.NHSNumber(nhs.String), parseTime(lastMAM), parseDate(consentDate)
	switch consent {
	case 0:
		row.Consent = app.ConsentGiven
	case 1:
		row.Consent = app.ConsentWithdrawn
	default:
		row.Consent = app.ConsentMissing
	}
	return row, err
}
