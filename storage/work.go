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

// OutstandingActions returns open and in-progress actions, by due date, with names.
func (s *Store) OutstandingActions(ctx context.Context) ([]app.ActionRow, error) {
	var out []app.ActionRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT a.id, a.person_id, coalesce(a.meeting_id, 0), a.description, a.desired_outcome, a.owner,
			a.agency, a.due, a.status, p.given_name || ' ' || p.family_name
			FROM actions a JOIN people p ON p.id = a.person_id WHERE a.status IN (1, 2) ORDER BY a.due, a.id`, nil,
			func(r *sql.Rows) error {
				var row app.ActionRow
				var due sql.NullString
				a := &row.Action
				err := r.Scan(&a.ID, &a.PersonID, &a.MeetingID, &a.Description, &a.DesiredOutcome, &a.Owner, &a.Agency, &due,
					&a.Status, &row.PersonName)
				a.Due = parseDate(due)
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
		return eachRow(ctx, tx, `SELECT g.id, g.date, g.raised_by, coalesce(g.person_id, 0), coalesce(g.meeting_id, 0),
			coalesce(g.action_id, 0), g.category, g.description, g.impact, g.what_tried, g.escalated_to, g.response, g.status,
			coalesce(p.given_name || ' ' || p.family_name, '')
			FROM gaps g LEFT JOIN people p ON p.id = g.person_id ORDER BY g.date DESC, g.id DESC`, nil,
			func(r *sql.Rows) error {
				var row app.GapRow
				var date sql.NullString
				g := &row.Gap
				err := r.Scan(&g.ID, &date, &g.RaisedBy, &g.PersonID, &g.MeetingID, &g.ActionID, &g.Category, &g.Description,
					&g.Impact, &g.WhatTried, &g.EscalatedTo, &g.Response, &g.Status, &row.PersonName)
				g.Date = parseDate(date)
				out = append(out, row)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: gaps: %w", err)
	}
	return out, nil
}
