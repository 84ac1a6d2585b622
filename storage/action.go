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
		"due": a.Due.Format(dateLayout), "status": a.Status.String(), "statusReason": a.StatusReason}
	if !a.CompletedOn.IsZero() {
		f["completedOn"] = a.CompletedOn.Format(dateLayout)
	}
	return f
}

func (s *Store) createAction(ctx context.Context, tx *sql.Tx, actor string, a app.Action) (app.Action, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO actions(person_id, meeting_id, description, desired_outcome, owner, agency, due,
		status, status_reason, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.PersonID, nullID(a.MeetingID), a.Description,
		a.DesiredOutcome, a.Owner, a.Agency, fmtDate(a.Due), int(a.Status), a.StatusReason, fmtDate(a.CompletedOn))
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

// Action returns one action with its progress log, oldest note first.
func (s *Store) Action(ctx context.Context, id int64) (app.Action, error) {
	var a app.Action
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = actionByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("storage: action %d: %w", id, err)
	}
	return a, nil
}

func actionByID(ctx context.Context, q queryer, id int64) (app.Action, error) {
	as, err := collect(ctx, q, "SELECT "+actionColumns+" FROM actions WHERE id = ?", []any{id}, scanAction)
	if err != nil {
		return app.Action{}, err
	}
	if len(as) == 0 {
		return app.Action{}, app.ErrNotFound
	}
	if err := withProgress(ctx, q, as, "action_id = ?", id); err != nil {
		return app.Action{}, err
	}
	return as[0], nil
}

// UpdateAction stores new details of an outstanding action.
func (s *Store) UpdateAction(ctx context.Context, actor string, a app.Action) (app.Action, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := actionByID(ctx, tx, a.ID)
		if err != nil {
			return mapErr(err)
		}
		if !old.Outstanding() {
			return fmt.Errorf("action %d is %s: %w", a.ID, old.Status, staleError(ctx, tx, "action", a.ID))
		}
		res, err := tx.ExecContext(ctx, `UPDATE actions SET description = ?, desired_outcome = ?, owner = ?, agency = ?, due = ?,
			version = version + 1 WHERE id = ? AND version = ?`, a.Description, a.DesiredOutcome, a.Owner, a.Agency, fmtDate(a.Due),
			a.ID, a.Version)
		if err != nil {
			return mapErr(err)
		}
		if err := updated(ctx, tx, res, "action", a.ID); err != nil {
			return err
		}
		next := old
		next.Version = old.Version + 1
		next.Description, next.DesiredOutcome, next.Owner, next.Agency, next.Due = a.Description, a.DesiredOutcome, a.Owner, a.Agency, a.Due
		if err := s.audit(ctx, tx, actor, "action", a.ID, "update", diff(actionFields(old), actionFields(next))); err != nil {
			return err
		}
		a = next
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("storage: update action %d: %w", a.ID, err)
	}
	return a, nil
}

// ChangeActionStatus stores a's status (with its reason and completion
// date) and the progress note recording it, if the stored status is still
// from; otherwise app.ErrConflict and nothing changes.
func (s *Store) ChangeActionStatus(ctx context.Context, actor string, from app.ActionStatus, a app.Action, note app.Progress) (app.Action, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := actionByID(ctx, tx, a.ID)
		if err != nil {
			return mapErr(err)
		}
		if old.Status != from {
			return fmt.Errorf("action %d is now %s, not %s: %w", a.ID, old.Status, from, staleError(ctx, tx, "action", a.ID))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE actions SET status = ?, status_reason = ?, completed_on = ?, version = version + 1
			WHERE id = ?`, int(a.Status), a.StatusReason, fmtDate(a.CompletedOn), a.ID); err != nil {
			return mapErr(err)
		}
		next := old
		next.Version = old.Version + 1
		next.Status, next.StatusReason, next.CompletedOn = a.Status, a.StatusReason, a.CompletedOn
		if err := s.audit(ctx, tx, actor, "action", a.ID, "status", diff(actionFields(old), actionFields(next))); err != nil {
			return err
		}
		if note.Note != "" {
			if note, err = s.addProgress(ctx, tx, actor, a.ID, note); err != nil {
				return err
			}
			next.Progress = append(next.Progress, note)
		}
		a = next
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("storage: change status of action %d: %w", a.ID, err)
	}
	return a, nil
}

// AddActionProgress adds a note to an action's progress log.
func (s *Store) AddActionProgress(ctx context.Context, actor string, actionID int64, p app.Progress) (app.Progress, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := actionByID(ctx, tx, actionID); err != nil {
			return mapErr(err)
		}
		var err error
		p, err = s.addProgress(ctx, tx, actor, actionID, p)
		return err
	})
	return p, err
}

// actionColumns are read by scanAction; the last is the newest gap in
// service raised from the action.
const actionColumns = `id, person_id, coalesce(meeting_id, 0), description, desired_outcome, owner, agency, due, status,
	status_reason, completed_on, version, coalesce((SELECT max(g.id) FROM gaps g WHERE g.action_id = actions.id), 0)`

func scanAction(r scanner) (app.Action, error) {
	var a app.Action
	var due, done sql.NullString
	err := r.Scan(&a.ID, &a.PersonID, &a.MeetingID, &a.Description, &a.DesiredOutcome, &a.Owner, &a.Agency, &due, &a.Status,
		&a.StatusReason, &done, &a.Version, &a.GapID)
	a.Due, a.CompletedOn = parseDate(due), parseDate(done)
	return a, err
}

// withProgress fills in the progress logs of actions, reading the notes
// of the actions that where (on action_progress) selects.
func withProgress(ctx context.Context, q queryer, actions []app.Action, where string, args ...any) error {
	at := make(map[int64]int, len(actions))
	for i, a := range actions {
		at[a.ID] = i
	}
	return eachRow(ctx, q, "SELECT id, action_id, at, written_by, note FROM action_progress WHERE "+where+" ORDER BY at, id", args,
		func(r *sql.Rows) error {
			var p app.Progress
			var actionID int64
			var when sql.NullString
			if err := r.Scan(&p.ID, &actionID, &when, &p.By, &p.Note); err != nil {
				return err
			}
			p.At = parseTime(when)
			if i, ok := at[actionID]; ok {
				actions[i].Progress = append(actions[i].Progress, p)
			}
			return nil
		})
}

// actionsOf reads a person's actions, by due date, with their progress.
func actionsOf(ctx context.Context, q queryer, personID int64) ([]app.Action, error) {
	as, err := collect(ctx, q, "SELECT "+actionColumns+" FROM actions WHERE person_id = ? ORDER BY due, id", []any{personID}, scanAction)
	if err != nil || len(as) == 0 {
		return as, err
	}
	return as, withProgress(ctx, q, as, "action_id IN (SELECT id FROM actions WHERE person_id = ?)", personID)
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
