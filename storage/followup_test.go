package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// acceptedPerson submits and accepts a referral of p, returning the person's id.
func acceptedPerson(t *testing.T, svc *app.Service, p app.Person) int64 {
	t.Helper()
	ctx := context.Background()
	res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
		t.Fatal(err)
	}
	return res.Referral.PersonID
}

func TestActionsFollowedToCompletion(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	personID := acceptedPerson(t, svc, apptest.Child())
	due := app.Date(2026, 12, 8)
	a, err := svc.AddAction(ctx, s, app.Action{PersonID: personID, Description: "Find short-break provision",
		DesiredOutcome: "Family gets a regular break", Owner: "Jo Example", Agency: "Example City Council", Due: due})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Status != app.ActionOpen {
		t.Fatalf("new action = %+v", a)
	}

	t.Run("a new action cannot be due in the past and nothing is stored", func(t *testing.T) {
		before := countRows(t, s)
		_, err := svc.AddAction(ctx, s, app.Action{PersonID: personID, Description: "x", Owner: "x", Agency: "x", Due: app.Date(2026, 11, 23)})
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems.For("due") == "" {
			t.Errorf("err = %v, want a problem on due", err)
		}
		if after := countRows(t, s); after["actions"] != before["actions"] || after["audit_log"] != before["audit_log"] {
			t.Error("a refused action changed the database")
		}
	})
	t.Run("blocked needs a reason; the refused change leaves the action as it was", func(t *testing.T) {
		_, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionBlocked})
		var ve *app.ValidationError
		if !errors.As(err, &ve) || ve.Problems.For("reason") == "" {
			t.Fatalf("err = %v, want a problem on reason", err)
		}
		got, _ := s.Action(ctx, a.ID)
		if got.Status != app.ActionOpen || len(got.Progress) != 0 {
			t.Errorf("action after a refused change = %+v", got)
		}
	})
	t.Run("each status change is in the progress log with its author and in the audit log", func(t *testing.T) {
		if _, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionBlocked, Reason: "No provider has capacity"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddActionProgress(ctx, s, a.ID, "Chased the commissioner"); err != nil {
			t.Fatal(err)
		}
		done, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionDone, On: app.Date(2026, 11, 23)})
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != app.ActionDone || !done.CompletedOn.Equal(app.Date(2026, 11, 23)) || done.StatusReason != "" {
			t.Errorf("done action = %+v", done)
		}
		got, _ := s.Action(ctx, a.ID)
		var notes []string
		for _, p := range got.Progress {
			notes = append(notes, p.By+": "+p.Note)
		}
		want := "tester: Status changed from not started to blocked: No provider has capacity|tester: Chased the commissioner|tester: Status changed from blocked to done."
		if strings.Join(notes, "|") != want {
			t.Errorf("progress log:\n%s\nwant\n%s", strings.Join(notes, "|"), want)
		}
		trail, _ := s.AuditTrail(ctx, "action", a.ID)
		var statuses []string
		for _, e := range trail {
			for _, c := range e.Changes {
				if c.Field == "status" {
					statuses = append(statuses, e.Action+":"+c.Old+"->"+c.New)
				}
			}
		}
		if got := strings.Join(statuses, ","); got != "create:->Not started,status:Not started->Blocked,status:Blocked->Done" {
			t.Errorf("audited status changes: %s", got)
		}
	})
	t.Run("a change made from a stale copy is a conflict", func(t *testing.T) {
		stale, _ := s.Action(ctx, a.ID) // done
		stale.Status, stale.StatusReason = app.ActionCancelled, "x"
		_, err := s.ChangeActionStatus(ctx, "tester", app.ActionInProgress, stale, app.Progress{Note: "x"})
		if !errors.Is(err, app.ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
	})
	t.Run("a change from a screen showing an old status is refused, not applied over the newer one", func(t *testing.T) {
		// the screen shows the action blocked; someone else has marked it done
		_, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{From: app.ActionBlocked, To: app.ActionInProgress})
		if !errors.Is(err, app.ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
		if got, _ := s.Action(ctx, a.ID); got.Status != app.ActionDone {
			t.Errorf("the action is now %s", got.Status)
		}
	})
	t.Run("a done action's details cannot change until it is reopened", func(t *testing.T) {
		got, _ := s.Action(ctx, a.ID)
		got.Owner = "Someone Else"
		if _, err := svc.UpdateActionDetails(ctx, s, got); err == nil {
			t.Error("a done action's owner was changed")
		}
		reopened, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionInProgress, Reason: "Provider withdrew"})
		if err != nil {
			t.Fatal(err)
		}
		got.Version = reopened.Version // the window shows the reopened action
		got.Due = app.Date(2026, 11, 2)
		if _, err := svc.UpdateActionDetails(ctx, s, got); err == nil {
			t.Error("a due date moved into the past was accepted")
		}
		got.Due = app.Date(2026, 12, 15)
		upd, err := svc.UpdateActionDetails(ctx, s, got)
		if err != nil || upd.Owner != "Someone Else" || upd.Status != app.ActionInProgress {
			t.Errorf("update = %+v, %v", upd, err)
		}
		trail, _ := s.AuditTrail(ctx, "action", a.ID)
		last := trail[len(trail)-1]
		if last.Action != "update" || len(last.Changes) != 2 {
			t.Errorf("last audit entry = %+v, want the owner and due date", last)
		}
	})
	t.Run("blocked actions are outstanding and counted as open in the register", func(t *testing.T) {
		if _, err := svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionBlocked, Reason: "Waiting list closed"}); err != nil {
			t.Fatal(err)
		}
		rows, err := s.OutstandingActions(ctx)
		if err != nil || len(rows) != 1 || rows[0].ID != a.ID || rows[0].PersonName == "" || rows[0].StatusReason != "Waiting list closed" {
			t.Errorf("outstanding = %+v, %v", rows, err)
		}
	})
}

func TestGapRaisedFromABlockedAction(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	child := acceptedPerson(t, svc, apptest.Child())
	adult := acceptedPerson(t, svc, apptest.Adult())
	a, err := svc.AddAction(ctx, s, app.Action{PersonID: child, Description: "Find short-break provision", Owner: "Jo Example",
		Agency: "Example City Council", Due: app.Date(2026, 12, 8)})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = svc.ChangeActionStatus(ctx, s, a.ID, app.StatusChange{To: app.ActionBlocked, Reason: "No short-break beds"}); err != nil {
		t.Fatal(err)
	}
	g := app.GapFromAction(a, now)
	g.RaisedBy, g.Category, g.Impact, g.Summary = "Jo Example", app.GapShortBreaks, "Carer exhausted", "No short-break beds for autistic young people."

	t.Run("a gap from someone else's action is refused", func(t *testing.T) {
		other := g
		other.PersonID = adult
		if _, err := svc.RecordGap(ctx, s, s, other); err == nil {
			t.Error("a gap about one person was linked to another person's action")
		}
	})
	saved, err := svc.RecordGap(ctx, s, s, g)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the gap points at the action, and the action at the gap", func(t *testing.T) {
		if saved.ActionID != a.ID || saved.PersonID != child {
			t.Errorf("gap = %+v", saved)
		}
		got, _ := s.Action(ctx, a.ID)
		if got.GapID != saved.ID {
			t.Errorf("action's gap = %d, want %d", got.GapID, saved.ID)
		}
		rec, _ := s.PersonRecord(ctx, child)
		if len(rec.Gaps) != 1 || rec.Gaps[0].ActionID != a.ID || rec.Actions[0].GapID != saved.ID {
			t.Errorf("record gaps %+v actions %+v", rec.Gaps, rec.Actions)
		}
	})
	t.Run("the place and age group come from the person's record", func(t *testing.T) {
		p, _ := s.Person(ctx, child)
		if saved.LocalAuthority != p.LocalAuthority || saved.AgeGroup != app.CYP {
			t.Errorf("gap placed %s %s, person %s", saved.LocalAuthority, saved.AgeGroup, p.LocalAuthority)
		}
	})
	t.Run("closing the gap records the day; reopening clears it; every change is audited", func(t *testing.T) {
		saved.Status, saved.EscalatedTo, saved.Response = app.GapClosed, "Head of Commissioning", "Spot purchase agreed"
		closed, err := svc.UpdateGap(ctx, s, saved)
		if err != nil {
			t.Fatal(err)
		}
		if !closed.ClosedOn.Equal(app.DateOf(now)) {
			t.Errorf("closed on %v", closed.ClosedOn)
		}
		closed.Status = app.GapResponded
		reopened, err := svc.UpdateGap(ctx, s, closed)
		if err != nil || !reopened.ClosedOn.IsZero() {
			t.Errorf("reopened = %+v, %v", reopened, err)
		}
		trail, _ := s.AuditTrail(ctx, "gap", saved.ID)
		if len(trail) != 3 || trail[1].Action != "update" {
			t.Errorf("audit trail = %+v", trail)
		}
	})
	t.Run("a new gap keeps a closing date only when it is closed", func(t *testing.T) {
		open := app.Gap{Date: app.DateOf(now), RaisedBy: "Jo Example", LocalAuthority: app.Rutland, AgeGroup: app.Adult,
			Category: app.GapOther, Summary: "x", Description: "x", Impact: "y", Status: app.GapOpen, ClosedOn: app.DateOf(now)}
		g, err := svc.RecordGap(ctx, s, s, open)
		if err != nil || !g.ClosedOn.IsZero() {
			t.Errorf("open gap closed on %v, %v", g.ClosedOn, err)
		}
		open.Status, open.ClosedOn = app.GapClosed, time.Time{}
		g, err = svc.RecordGap(ctx, s, s, open)
		if err != nil || !g.ClosedOn.Equal(app.DateOf(now)) {
			t.Errorf("closed gap closed on %v, %v", g.ClosedOn, err)
		}
	})
	t.Run("an anonymous gap keeps the place and age group chosen on the form", func(t *testing.T) {
		anon, err := svc.RecordGap(ctx, s, s, app.Gap{Date: app.DateOf(now), RaisedBy: "Jo Example", LocalAuthority: app.Rutland,
			AgeGroup: app.Adult, Category: app.GapTransition, Summary: "No transition worker.", Description: "x", Impact: "y"})
		if err != nil || anon.PersonID != 0 || anon.LocalAuthority != app.Rutland || anon.AgeGroup != app.Adult {
			t.Errorf("anonymous gap = %+v, %v", anon, err)
		}
		all, _ := s.Gaps(ctx)
		if len(all) != 4 || all[0].PersonName != "" && all[1].PersonName != "" {
			t.Errorf("gaps = %+v", all)
		}
	})
}
