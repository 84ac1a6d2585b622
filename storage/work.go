package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"dspdesk/app"
)

// MeetingsBetween returns the meetings starting in [from, to), with names, by start.
func (s *Store) MeetingsBetween(ctx context.Context, from, to time.Time) ([]app.MeetingRow, error) {
	var out []app.MeetingRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT m.id, m.person_id, m.kind, m.start, m.duration_minutes, m.place, m.video_link, m.organiser,
			m.organiser_name, m.chair, m.pre_meeting_minutes, m.status, m.family_contacted_on, m.notes,
			p.given_name || ' ' || p.family_name
			FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.start >= ? AND m.start < ? ORDER BY m.start, m.id`,
			[]any{fmtTime(from), fmtTime(to)}, func(r *sql.Rows) error {
				var row app.MeetingRow
				var start, contacted sql.NullString
				var dur, pre int
				m := &row.Meeting
				err := r.Scan(&m.ID, &m.PersonID, &m.Kind, &start, &dur, &m.Place, &m.VideoLink, &m.Organiser, &m.OrganiserName,
					&m.Chair, &pre, &m.Status, &contacted, &m.Notes, &row.PersonName)
				m.Start, m.FamilyContactedOn = parseTime(start), parseDate(contacted)
				m.Duration, m.PreMeetingOffset = time.Duration(dur)*time.Minute, time.Duration(pre)*time.Minute
				out = append(out, row)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: meetings between: %w", err)
	}
	return out, nil
}

// OutstandingActions returns the actions not started, in progress or
// blocked, by due date, with names.
func (s *Store) OutstandingActions(ctx context.Context) ([]app.ActionRow, error) {
	var out []app.ActionRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, "SELECT "+actionColumns+`, (SELECT p.given_name || ' ' || p.family_name FROM people p WHERE p.id = actions.person_id)
			FROM actions WHERE status IN (1, 2, 5) ORDER BY due, id`, nil,
			func(r *sql.Rows) error {
				var row app.ActionRow
				var name sql.NullString
				a, err := scanAction(withExtra{r, &name})
				row.Action, row.PersonName = a, name.String
				out = append(out, row)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: outstanding actions: %w", err)
	}
	return out, nil
}

// Gaps returns every gap in service, newest first, with names when recorded.
func (s *Store) Gaps(ctx context.Context) ([]app.GapRow, error) {
	var out []app.GapRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, "SELECT "+gapColumns+`, (SELECT p.given_name || ' ' || p.family_name FROM people p WHERE p.id = gaps.person_id)
			FROM gaps ORDER BY date DESC, id DESC`, nil,
			func(r *sql.Rows) error {
				var row app.GapRow
				var name sql.NullString
				g, err := scanGap(withExtra{r, &name})
				row.Gap, row.PersonName = g, name.String
				out = append(out, row)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: gaps: %w", err)
	}
	return out, nil
}

// withExtra scans a row whose last columns (after a record's own) go into extra.
type withExtra struct {
	r     scanner
	extra *sql.NullString
}

func (w withExtra) Scan(dest ...any) error { return w.r.Scan(append(dest, w.extra)...) }
