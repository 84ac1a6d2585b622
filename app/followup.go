package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ActionStore keeps actions and their progress logs.
type ActionStore interface {
	CreateAction(ctx context.Context, actor string, a Action) (Action, error)
	// Action returns one action with its progress log.
	Action(ctx context.Context, id int64) (Action, error)
	// UpdateAction stores new details (description, desired outcome, owner,
	// agency, due date) of an action; ErrConflict when it is no longer
	// outstanding.
	UpdateAction(ctx context.Context, actor string, a Action) (Action, error)
	// ChangeActionStatus stores a's new status with the progress note that
	// records it; ErrConflict when the stored status is no longer from.
	ChangeActionStatus(ctx context.Context, actor string, from ActionStatus, a Action, note Progress) (Action, error)
	// AddActionProgress adds a dated note to an action's progress log.
	AddActionProgress(ctx context.Context, actor string, actionID int64, p Progress) (Progress, error)
}

// GapStore keeps the Gaps in Service forms.
type GapStore interface {
	CreateGap(ctx context.Context, actor string, g Gap) (Gap, error)
	Gap(ctx context.Context, id int64) (Gap, error)
	// UpdateGap stores the gap's new state (escalation, response, status).
	UpdateGap(ctx context.Context, actor string, g Gap) (Gap, error)
}

// AddAction checks a new action and stores it. A new action starts not
// started unless another status is given, and cannot be due before today.
func (s *Service) AddAction(ctx context.Context, store ActionStore, a Action) (Action, error) {
	CleanStrings(&a)
	today := DateOf(s.Clock.Now())
	if a.Status == 0 {
		a.Status = ActionOpen
	}
	a.ID = 0
	p := a.Validate()
	if a.PersonID == 0 {
		p.Add("person", "Choose the person the action is for.")
	}
	if !a.Due.IsZero() && DateOf(a.Due).Before(today) {
		p.Add("due", "The due date has passed: choose today or a later date.")
	}
	if a.Status == ActionDone && DateOf(a.CompletedOn).After(today) {
		p.Add("completedOn", "The completion date cannot be in the future.")
	}
	if err := p.Err(); err != nil {
		return Action{}, err
	}
	var notes []Progress
	for _, n := range a.Progress {
		if strings.TrimSpace(n.Note) != "" {
			notes = append(notes, n)
		}
	}
	a.Progress = notes
	return store.CreateAction(ctx, s.Actor(ctx), a)
}

// UpdateActionDetails changes what, why, who and when of an outstanding
// action; its status changes through ChangeActionStatus.
func (s *Service) UpdateActionDetails(ctx context.Context, store ActionStore, a Action) (Action, error) {
	CleanStrings(&a)
	old, err := store.Action(ctx, a.ID)
	if err != nil {
		return Action{}, err
	}
	if !old.Outstanding() {
		var p Problems
		p.Add("status", "The action is %s: reopen it before changing its details.", strings.ToLower(old.Status.String()))
		return Action{}, p.Err()
	}
	a.PersonID, a.MeetingID, a.Status, a.StatusReason, a.CompletedOn = old.PersonID, old.MeetingID, old.Status, old.StatusReason, old.CompletedOn
	p := a.Validate()
	if !a.Due.IsZero() && !DateOf(a.Due).Equal(DateOf(old.Due)) && DateOf(a.Due).Before(DateOf(s.Clock.Now())) {
		p.Add("due", "The new due date has passed: choose today or a later date.")
	}
	if err := p.Err(); err != nil {
		return Action{}, err
	}
	return store.UpdateAction(ctx, s.Actor(ctx), a)
}

// ChangeActionStatus moves an action to another state (see
// Action.ChangeStatus for the rules), recording the change in its progress
// log and the audit log. ErrConflict when someone else changed it first.
func (s *Service) ChangeActionStatus(ctx context.Context, store ActionStore, actionID int64, c StatusChange) (Action, error) {
	c.Reason = CleanText(c.Reason, true)
	var p Problems
	if p.checkText("reason", "reason", c.Reason, ParagraphText); len(p) > 0 {
		return Action{}, p.Err()
	}
	a, err := store.Action(ctx, actionID)
	if err != nil {
		return Action{}, err
	}
	from := a.Status
	if c.From != 0 {
		from = c.From // the state shown: the store refuses, naming who changed it, if it is not the stored one
	}
	changed, note, err := a.ChangeStatus(c, s.Clock.Now())
	if err != nil && from != a.Status {
		return Action{}, fmt.Errorf("action %d is now %s, not %s as shown: %w", actionID, a.Status, c.From, ErrConflict)
	}
	if err != nil {
		return Action{}, err
	}
	note.By = s.Actor(ctx)
	return store.ChangeActionStatus(ctx, note.By, from, changed, note)
}

// AddActionProgress adds a dated note, by the current user, to an action's
// progress log.
func (s *Service) AddActionProgress(ctx context.Context, store ActionStore, actionID int64, note string) (Progress, error) {
	note = strings.TrimSpace(CleanText(note, true))
	var p Problems
	if note == "" {
		p.Add("note", "Write what has happened.")
	}
	p.checkText("note", "note", note, ParagraphText)
	if err := p.Err(); err != nil {
		return Progress{}, err
	}
	actor := s.Actor(ctx)
	return store.AddActionProgress(ctx, actor, actionID, Progress{At: s.Clock.Now(), By: actor, Note: note})
}

// RecordGap checks a Gaps in Service form and stores it. A gap about a
// known person takes the local authority and age group (on the gap's date)
// from their record; a gap raised from an action must be about the same
// person, and takes its MAM.
func (s *Service) RecordGap(ctx context.Context, gaps GapStore, actions ActionStore, g Gap) (Gap, error) {
	CleanStrings(&g)
	g.ID = 0
	if g.Status == 0 {
		g.Status = GapOpen
	}
	if err := s.fillGap(ctx, actions, &g); err != nil {
		return Gap{}, err
	}
	g.ClosedOn = s.closedOn(g)
	if err := g.Validate(s.Clock.Now()).Err(); err != nil {
		return Gap{}, err
	}
	return gaps.CreateGap(ctx, s.Actor(ctx), g)
}

// UpdateGap stores a gap's new state: escalated to, response, status (the
// day it closed). Who it is about and where it came from do not change.
func (s *Service) UpdateGap(ctx context.Context, gaps GapStore, g Gap) (Gap, error) {
	CleanStrings(&g)
	old, err := gaps.Gap(ctx, g.ID)
	if err != nil {
		return Gap{}, err
	}
	g.PersonID, g.MeetingID, g.ActionID = old.PersonID, old.MeetingID, old.ActionID
	if old.PersonID != 0 {
		g.LocalAuthority, g.AgeGroup = old.LocalAuthority, old.AgeGroup
		if !g.Date.Equal(old.Date) {
			p, err := s.Store.Person(ctx, old.PersonID)
			if err != nil {
				return Gap{}, err
			}
			g.AgeGroup = AgeGroupOn(p.DateOfBirth, g.Date)
		}
	}
	g.ClosedOn = s.closedOn(g)
	if err := g.Validate(s.Clock.Now()).Err(); err != nil {
		return Gap{}, err
	}
	return gaps.UpdateGap(ctx, s.Actor(ctx), g)
}

// closedOn is a gap's closing date: none unless it is closed, today when
// closed without one.
func (s *Service) closedOn(g Gap) time.Time {
	switch {
	case g.Status != GapClosed:
		return time.Time{}
	case g.ClosedOn.IsZero():
		return DateOf(s.Clock.Now())
	}
	return g.ClosedOn
}

// fillGap completes a new gap from the person and action it is linked to.
func (s *Service) fillGap(ctx context.Context, actions ActionStore, g *Gap) error {
	if g.ActionID != 0 {
		a, err := actions.Action(ctx, g.ActionID)
		if err != nil {
			return fmt.Errorf("the action the gap is raised from: %w", err)
		}
		if g.PersonID != 0 && g.PersonID != a.PersonID {
			var p Problems
			p.Add("person", "The action belongs to someone else: raise the gap from their record.")
			return p.Err()
		}
		g.PersonID = a.PersonID
		if g.MeetingID == 0 {
			g.MeetingID = a.MeetingID
		}
	}
	if g.PersonID != 0 {
		p, err := s.Store.Person(ctx, g.PersonID)
		if err != nil {
			return err
		}
		g.LocalAuthority = p.LocalAuthority
		on := g.Date
		if on.IsZero() {
			on = s.Clock.Now()
		}
		g.AgeGroup = AgeGroupOn(p.DateOfBirth, on)
	}
	return nil
}
