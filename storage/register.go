package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// registerSelect computes each open registration's row in one query: the
// last MAM held, the open and overdue actions, the organiser of the latest
// meeting and the current consent state come from indexed sub-queries.
const registerSelect = `SELECT g.id, g.person_id, g.register, g.rating, g.inpatient, g.since, g.review_due,
	p.given_name, p.family_name, p.preferred_name, p.nhs_number, p.date_of_birth, p.local_authority,
	(SELECT max(m.start) FROM meetings m WHERE m.person_id = g.person_id AND m.status IN (3, 4)) AS last_mam,
	(SELECT count(*) FROM actions a WHERE a.person_id = g.person_id AND a.status IN (1, 2, 5)) AS open_actions,
	(SELECT count(*) FROM actions a WHERE a.person_id = g.person_id AND a.status IN (1, 2, 5) AND a.due < :today) AS overdue_actions,
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

// listRegisterFull is the plain register query: every matching row's
// columns computed by correlated sub-queries, then sorted and paged.
func (s *Store) listRegisterFull(ctx context.Context, q app.RegisterQuery) ([]app.RegisterRow, int, error) {
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

// ListRegister returns one page of a register, filtered and sorted in SQL,
// and the number of rows matching the filter. It counts from the narrowest
// source, picks the page's ids with a query shaped so SQLite walks an index
// in the sort order and stops after the page, and computes the per-person
// columns for the page's rows only. Sorts by a computed column (last MAM,
// actions, organiser), and no limit, use the plain query.
func (s *Store) ListRegister(ctx context.Context, q app.RegisterQuery) ([]app.RegisterRow, int, error) {
	switch q.Sort {
	case app.SortByLastMAM, app.SortByActions, app.SortByOrganiser:
		return s.listRegisterFull(ctx, q)
	}
	if q.Limit <= 0 {
		return s.listRegisterFull(ctx, q)
	}
	where, args, needsPeople, nhsSearch := pagedFilter(q)
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	offset := max(q.Offset, 0)
	// the ratings present, in sort order, with their counts: the total, and
	// where each rating's block starts when sorting by rating
	countSQL := "SELECT g.rating, count(*) FROM registrations g WHERE g.closed_at IS NULL AND g.register = :register" + where +
		" GROUP BY g.rating ORDER BY g.rating " + dir
	if needsPeople {
		countSQL = "SELECT g.rating, count(*) FROM people p CROSS JOIN registrations g ON g.person_id = p.id" +
			" WHERE g.closed_at IS NULL AND g.register = :register" + where + " GROUP BY g.rating ORDER BY g.rating " + dir
	}
	// as ListRegister: ties go by registration id, ascending
	byName := fmt.Sprintf("p.family_name COLLATE NOCASE %s, p.given_name COLLATE NOCASE %[1]s, g.id", dir)
	// people first: SQLite walks people_name in order and probes each
	// person's open registration, stopping once the page is full
	// (unless an NHS number prefix, found by its own index, narrows people
	// more)
	nameFrom := " FROM people p INDEXED BY people_name CROSS JOIN registrations g ON g.person_id = p.id WHERE g.closed_at IS NULL AND g.register = :register"
	if nhsSearch {
		nameFrom = strings.Replace(nameFrom, " INDEXED BY people_name", "", 1)
	}
	var out []app.RegisterRow
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		type block struct{ rating, n int }
		var blocks []block
		err := eachRow(ctx, tx, countSQL, args, func(r *sql.Rows) error {
			var b block
			if err := r.Scan(&b.rating, &b.n); err != nil {
				return err
			}
			blocks, total = append(blocks, b), total+b.n
			return nil
		})
		if err != nil {
			return err
		}
		var ids []int64
		page := func(query string) error {
			more, err := queryIDs(ctx, tx, query, args)
			ids = append(ids, more...)
			return err
		}
		limit := func(n, off int) string { return fmt.Sprintf(" LIMIT %d OFFSET %d", n, off) }
		switch q.Sort {
		case app.SortByName:
			err = page("SELECT g.id" + nameFrom + where + " ORDER BY " + byName + limit(q.Limit, offset))
		case app.SortByReviewDue:
			err = page("SELECT g.id FROM registrations g INDEXED BY registrations_review_due JOIN people p ON p.id = g.person_id" +
				" WHERE g.closed_at IS NULL AND g.register = :register" + where +
				" ORDER BY g.review_due " + dir + ", g.id" + limit(q.Limit, offset))
		case app.SortByRating:
			// each rating's block by name, skipping whole blocks before the page
			skip, want := offset, q.Limit
			for _, b := range blocks {
				if want == 0 {
					break
				}
				if skip >= b.n {
					skip -= b.n
					continue
				}
				before := len(ids)
				// within a rating, names go A to Z whichever way ratings go
				err = page("SELECT g.id" + nameFrom + where + fmt.Sprintf(" AND g.rating = %d", b.rating) +
					" ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, g.id" + limit(want, skip))
				if err != nil {
					return err
				}
				want -= len(ids) - before
				skip = 0
			}
		default:
			order := registerOrder[q.Sort]
			err = page("SELECT g.id FROM registrations g JOIN people p ON p.id = g.person_id WHERE g.closed_at IS NULL AND g.register = :register" +
				where + " ORDER BY " + fmt.Sprintf(order, dir) + ", g.id" + limit(q.Limit, offset))
		}
		if err != nil || len(ids) == 0 {
			return err
		}
		list := make([]string, len(ids))
		pos := make(map[int64]int, len(ids))
		for i, id := range ids {
			list[i], pos[id] = strconv.FormatInt(id, 10), i
		}
		// the page's rows by id alone: with the filter's conditions too,
		// SQLite may walk the filter's index instead of fetching 50 ids
		columns, _, ok := strings.Cut(registerSelect, "FROM registrations g")
		if !ok {
			return fmt.Errorf("registerSelect changed shape")
		}
		out = make([]app.RegisterRow, len(ids))
		details := columns + "FROM registrations g JOIN people p ON p.id = g.person_id WHERE g.id IN (" + strings.Join(list, ",") + ")"
		return eachRow(ctx, tx, details, args, func(r *sql.Rows) error {
			row, err := scanRegisterRow(r)
			out[pos[row.RegistrationID]] = row
			return err
		})
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list %s register: %w", q.Register, err)
	}
	return out, total, nil
}

// pagedFilter is registerFilter, except that a search of digits only looks
// up NHS numbers by prefix (as app.RegisterFilter does in memory), which the
// NHS number's unique index answers. needsPeople says whether the filter
// reads people's columns.
func pagedFilter(q app.RegisterQuery) (where string, args []any, needsPeople, nhsSearch bool) {
	search := strings.TrimSpace(q.Search)
	digits := strings.NewReplacer(" ", "", "-", "").Replace(search)
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		where, args := registerFilter(q)
		return where, args, q.LocalAuthority.Valid() || q.AgeGroup != 0 || search != "", false
	}
	q.Search = ""
	where, args = registerFilter(q)
	where += " AND p.nhs_number >= :nhsFrom AND p.nhs_number < :nhsTo"
	args = append(args, sql.Named("nhsFrom", digits), sql.Named("nhsTo", digits+":")) // ':' sorts after '9'
	return where, args, true, true
}

// RegisterAll loads a whole register for the desktop table: one pass over the open registrations and their people in person
// order, and one grouped pass over each of meetings, actions and consents in
// the same order, merged in Go, instead of six correlated sub-queries per
// row. Rows come back in person order, unsorted: the desktop table sorts
// them itself (app.RegisterView), so a sort in SQL would be wasted.
func (s *Store) RegisterAll(ctx context.Context, reg app.Register, today time.Time) ([]app.RegisterRow, error) {
	args := []any{sql.Named("register", int(reg)), sql.Named("today", app.DateOf(today).Format(dateLayout))}
	var out []app.RegisterRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := eachRow(ctx, tx, `SELECT g.id, g.person_id, g.register, g.rating, g.inpatient, g.since, g.review_due,
			p.given_name, p.family_name, p.preferred_name, p.nhs_number, p.date_of_birth, p.local_authority
			FROM registrations g INDEXED BY registrations_one_open JOIN people p ON p.id = g.person_id
			WHERE g.closed_at IS NULL AND g.register = :register ORDER BY g.person_id`, args, func(r *sql.Rows) error {
			var row app.RegisterRow
			var since, due, nhs, dob sql.NullString
			err := r.Scan(&row.RegistrationID, &row.PersonID, &row.Register, &row.Rating, &row.Inpatient, &since, &due,
				&row.GivenName, &row.FamilyName, &row.PreferredName, &nhs, &dob, &row.LocalAuthority)
			row.Since, row.ReviewDue, row.DateOfBirth = parseDate(since), parseDate(due), parseDate(dob)
			row.NHSNumber, row.Consent = app.NHSNumber(nhs.String), app.ConsentMissing
			out = append(out, row)
			return err
		})
		if err != nil {
			return err
		}
		// each pass below yields person ids in ascending order, as out is:
		// it scans into dest (whose first target is pid) and apply copies
		// the values into the person's row
		var pid int64
		merge := func(query string, dest []any, apply func(row *app.RegisterRow)) error {
			i := 0
			return eachRow(ctx, tx, query, args, func(r *sql.Rows) error {
				if err := r.Scan(dest...); err != nil {
					return err
				}
				for i < len(out) && out[i].PersonID < pid {
					i++
				}
				if i < len(out) && out[i].PersonID == pid {
					apply(&out[i])
				}
				return nil
			})
		}
		var text sql.NullString
		var open, overdue int
		var flag bool
		if err := merge(`SELECT person_id, max(start) FROM meetings WHERE status IN (3, 4) GROUP BY person_id ORDER BY person_id`,
			[]any{&pid, &text}, func(row *app.RegisterRow) { row.LastMAM = parseTime(text) }); err != nil {
			return err
		}
		if err := merge(`SELECT person_id, count(*), sum(due < :today) FROM actions WHERE status IN (1, 2, 5) GROUP BY person_id ORDER BY person_id`,
			[]any{&pid, &open, &overdue}, func(row *app.RegisterRow) { row.OpenActions, row.OverdueActions = open, overdue }); err != nil {
			return err
		}
		// SQLite takes a bare column from the row holding the max()
		var organiser, start sql.RawBytes
		if err := merge(`SELECT person_id, organiser_name, max(start) FROM meetings GROUP BY person_id ORDER BY person_id`,
			[]any{&pid, &organiser, &start}, func(row *app.RegisterRow) { row.Organiser = string(organiser) }); err != nil {
			return err
		}
		// every consent event in order; the last one per person wins
		if err := merge(`SELECT person_id, withdrawn, date FROM consents ORDER BY person_id, date, recorded_at, id`,
			[]any{&pid, &flag, &text}, func(row *app.RegisterRow) {
				row.Consent, row.ConsentDate = app.ConsentGiven, parseDate(text)
				if flag {
					row.Consent = app.ConsentWithdrawn
				}
			}); err != nil {
			return err
		}
		var incomplete, unconfirmed, review bool
		return merge(importFlagsQuery, []any{&pid, &incomplete, &unconfirmed, &review}, func(row *app.RegisterRow) {
			row.DetailsIncomplete, row.ConsentUnconfirmed, row.RatingToReview = incomplete, unconfirmed, review
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: load %s register: %w", reg, err)
	}
	return out, nil
}

func queryIDs(ctx context.Context, tx *sql.Tx, query string, args []any) ([]int64, error) {
	r, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var ids []int64
	for r.Next() {
		var id int64
		if err := r.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, r.Err()
}
