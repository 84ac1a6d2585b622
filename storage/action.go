package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"dspdesk/app"
)

func actionFields(a app.Action) fields {
	f := fields{"personId": strconv.FormatInt(a.PersonID, 10), "meetingId": strconv.FormatInt(a.MeetingID, 10),
		"description": a.Description, "desiredOutcome": a.DesiredOutcome, "owner": a.Owner, "agency": a.Agency,
		"due": a.Due.Format(dateLayout), "status": a.Status.String()}
	if !a.CompletedOn.IsZero() {
		f["completedOn"] = a.CompletedOn.Format(dateLayout)
	}
	return f
}

func (s *Store) createAction(ctx context.Context, tx *sql.Tx, actor string, a app.Action) (app.Action, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO actions(person_id, meeting_id, description, desired_outcome, owner, agency, due,
		status, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.PersonID, nullID(a.MeetingID), a.Description,
		a.DesiredOutcome, a.Owner, a.Agency, fmtDate(a.Due), int(a.Status), fmtDate(a.CompletedOn))
	if err != nil {
		return a, fmt.Errorf("storage: insert action of person %d: %w", a.PersonID, mapErr(err))
	}
	a.ID, _ = res.LastInsertId()
	if err := s.audit(ctx, tx, actor, "action", a.ID, "create", diff(nil, actionFields(a))); err != nil {
		return a, err
	}
	for i := range a.Progress {
		if a.Progress[i], err = s.addProgress(ctx, tx, actor, a.ID, a.Progress[i]); err != nil {
			return a, err
		}
	}
	return a, nil
}

func (s *Store) addProgress(ctx context.Context, tx *sql.Tx, actor string, actionID int64, p app.Progress) (app.Progress, error) {
	if p.By == "" {
		p.By = actor
	}
	if p.At.IsZero() {
		p.At = s.now()
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO action_progress(action_id, at, written_by, note) VALUES (?, ?, ?, ?)",
		actionID, fmtTime(p.At), p.By, p.Note)
	if err != nil {
		return p, fmt.Errorf("storage: insert progress of action %d: %w", actionID, mapErr(err))
	}
	p.ID, _ = res.LastInsertId()
	return p, s.audit(ctx, tx, actor, "action", actionID, "progress", []app.FieldChange{{Field: "progress", New: p.Note}})
}

// CreateAction stores an action (and any progress notes it carries).
func (s *Store) CreateAction(ctx context.Context, actor string, a app.Action) (app.Action, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = s.createAction(ctx, tx, actor, a)
		return err
	})
	return a, err
}

const actionColumns = `id, person_id, coalesce(meeting_id, 0), description, desired_outcome, owner, agency, due, status, completed_on`

func scanAction(r scanner) (app.Action, error) {
	var a app.Action
	var due, done sql.NullString
	err := r.Scan(&a.ID, &a.PersonID, &a.MeetingID, &a.Description, &a.DesiredOutcome, &a.Owner, &a.Agency, &due, &a.Status, &done)
	a.Due, a.CompletedOn = parseDate(due), parseDate(done)
	return a, err
}

// actionsOf reads a person's actions, by due date.
func actionsOf(ctx context.Context, q queryer, personID int64) ([]app.Action, error) {
	return collect(ctx, q, "SELECT "+actionColumns+" FROM actions WHERE person_id = ? ORDER BY due, id", []any{personID}, scanAction)
}

// ActionsOf returns a person's actions, by due date.
func (s *Store) ActionsOf(ctx context.Context, personID int64) ([]app.Action, error) {
	var out []app.Action
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = actionsOf(ctx, tx, personID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: actions of person %d: %w", personID, err)
	}
	return out, nil
}

func gapFields(g app.Gap) fields {
	return fields{"date": g.Date.Format(dateLayout), "raisedBy": g.RaisedBy, "personId": strconv.FormatInt(g.PersonID, 10),
		"meetingId": strconv.FormatInt(g.MeetingID, 10), "actionId": strconv.FormatInt(g.ActionID, 10),
		"category": g.Category.String(), "description": g.Description, "impact": g.Impact, "whatTried": g.WhatTried,
		"escalatedTo": g.EscalatedTo, "response": g.Response, "status": g.Status.String()}
}

func (s *Store) createGap(ctx context.Context, tx *sql.Tx, actor string, g app.Gap) (app.Gap, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO gaps(date, raised_by, person_id, meeting_id, action_id, category, description,
		impact, what_tried, escalated_to, response, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		fmtDate(g.Date), g.RaisedBy, nullID(g.PersonID), nullID(g.MeetingID), nullID(g.ActionID), int(g.Category),
		g.Description, g.Impact, g.WhatTried, g.EscalatedTo, g.Response, int(g.Status))
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
