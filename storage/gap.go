package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"dspdesk/app"
)

func gapFields(g app.Gap) fields {
	f := fields{"date": g.Date.Format(dateLayout), "raisedBy": g.RaisedBy, "personId": strconv.FormatInt(g.PersonID, 10),
		"meetingId": strconv.FormatInt(g.MeetingID, 10), "actionId": strconv.FormatInt(g.ActionID, 10),
		"localAuthority": g.LocalAuthority.String(), "ageGroup": g.AgeGroup.String(), "category": g.Category.String(),
		"summary": g.Summary, "description": g.Description, "impact": g.Impact, "whatTried": g.WhatTried,
		"escalatedTo": g.EscalatedTo, "response": g.Response, "status": g.Status.String()}
	if !g.ClosedOn.IsZero() {
		f["closedOn"] = g.ClosedOn.Format(dateLayout)
	}
	return f
}

func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

func (s *Store) createGap(ctx context.Context, tx *sql.Tx, actor string, g app.Gap) (app.Gap, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO gaps(date, raised_by, person_id, meeting_id, action_id, local_authority, age_group,
		category, summary, description, impact, what_tried, escalated_to, response, status, closed_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		fmtDate(g.Date), g.RaisedBy, nullID(g.PersonID), nullID(g.MeetingID), nullID(g.ActionID), nullInt(int(g.LocalAuthority)),
		nullInt(int(g.AgeGroup)), int(g.Category), g.Summary, g.Description, g.Impact, g.WhatTried, g.EscalatedTo, g.Response,
		int(g.Status), fmtDate(g.ClosedOn))
	if err != nil {
		return g, fmt.Errorf("storage: insert gap in service: %w", mapErr(err))
	}
	g.ID, _ = res.LastInsertId()
	return g, s.audit(ctx, tx, actor, "gap", g.ID, "create", diff(nil, gapFields(g)))
}

// CreateGap stores a Gaps in Service form.
func (s *Store) CreateGap(ctx context.Context, actor string, g app.Gap) (app.Gap, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = s.createGap(ctx, tx, actor, g)
		return err
	})
	return g, err
}

// Gap returns one gap in service.
func (s *Store) Gap(ctx context.Context, id int64) (app.Gap, error) {
	var g app.Gap
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = gapByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return g, fmt.Errorf("storage: gap %d: %w", id, err)
	}
	return g, nil
}

func gapByID(ctx context.Context, q queryer, id int64) (app.Gap, error) {
	gs, err := collect(ctx, q, "SELECT "+gapColumns+" FROM gaps WHERE id = ?", []any{id}, scanGap)
	if err != nil {
		return app.Gap{}, err
	}
	if len(gs) == 0 {
		return app.Gap{}, app.ErrNotFound
	}
	return gs[0], nil
}

// UpdateGap stores a gap's changed fields (the links it was raised with
// stay as they are).
func (s *Store) UpdateGap(ctx context.Context, actor string, g app.Gap) (app.Gap, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := gapByID(ctx, tx, g.ID)
		if err != nil {
			return mapErr(err)
		}
		g.PersonID, g.MeetingID, g.ActionID = old.PersonID, old.MeetingID, old.ActionID
		res, err := tx.ExecContext(ctx, `UPDATE gaps SET date = ?, raised_by = ?, local_authority = ?, age_group = ?, category = ?,
			summary = ?, description = ?, impact = ?, what_tried = ?, escalated_to = ?, response = ?, status = ?, closed_on = ?,
			version = version + 1 WHERE id = ? AND version = ?`, fmtDate(g.Date), g.RaisedBy, nullInt(int(g.LocalAuthority)),
			nullInt(int(g.AgeGroup)), int(g.Category), g.Summary, g.Description, g.Impact, g.WhatTried, g.EscalatedTo, g.Response,
			int(g.Status), fmtDate(g.ClosedOn), g.ID, g.Version)
		if err != nil {
			return mapErr(err)
		}
		if err := updated(ctx, tx, res, "gap", g.ID); err != nil {
			return err
		}
		g.Version = old.Version + 1
		return s.audit(ctx, tx, actor, "gap", g.ID, "update", diff(gapFields(old), gapFields(g)))
	})
	if err != nil {
		return g, fmt.Errorf("storage: update gap %d: %w", g.ID, err)
	}
	return g, nil
}

// gapColumns are read by scanGap.
const gapColumns = `id, date, raised_by, coalesce(person_id, 0), coalesce(meeting_id, 0), coalesce(action_id, 0),
	coalesce(local_authority, 0), coalesce(age_group, 0), category, summary, description, impact, what_tried, escalated_to,
	response, status, closed_on, version`

func scanGap(r scanner) (app.Gap, error) {
	var g app.Gap
	var date, closed sql.NullString
	err := r.Scan(&g.ID, &date, &g.RaisedBy, &g.PersonID, &g.MeetingID, &g.ActionID, &g.LocalAuthority, &g.AgeGroup,
		&g.Category, &g.Summary, &g.Description, &g.Impact, &g.WhatTried, &g.EscalatedTo, &g.Response, &g.Status, &closed, &g.Version)
	g.Date, g.ClosedOn = parseDate(date), parseDate(closed)
	return g, err
}

// gapsOf reads a person's gaps in service, newest first.
func gapsOf(ctx context.Context, q queryer, personID int64) ([]app.Gap, error) {
	return collect(ctx, q, "SELECT "+gapColumns+" FROM gaps WHERE person_id = ? ORDER BY date DESC, id DESC", []any{personID}, scanGap)
}
