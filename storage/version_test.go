package storage

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/app/calendar"
)

// recordVersionsMigration is the schema that gave people, registrations,
// actions, gaps and settings a version (renumbered at merge: change it here).
const recordVersionsMigration = 7

// twoHandles opens one database file twice, as two processes would: alice
// and bob, each with their own clock and service.
type twoHandles struct {
	path       string
	a, b       *Store
	alice, bob *app.Service
	at         time.Time // when alice saves
}

func openTwice(t *testing.T) twoHandles {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	at := now.Add(90 * time.Minute)
	a, err := Open(ctx, path, WithClock(app.FixedClock(at)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return twoHandles{path: path, a: a, b: b, at: at,
		alice: app.NewService(a, app.FixedClock(at), `NHS\alice`), bob: app.NewService(b, app.FixedClock(now), `NHS\bob`)}
}

// wantConflictByAlice checks err is a conflict naming alice and when she saved.
func (h twoHandles) wantConflictByAlice(t *testing.T, err error, entity string) {
	t.Helper()
	c, ok := app.AsConflict(err)
	if !ok || !errors.Is(err, app.ErrConflict) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if c.Entity != entity || c.By != `NHS\alice` || !c.At.Equal(h.at) {
		t.Errorf("conflict = %+v, want %s changed by NHS\\alice at %s", c, entity, h.at)
	}
	msg := c.UserMessage()
	for _, want := range []string{`NHS\alice`, "12:30", "Nothing was saved", "reload"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}

func TestTwoProcessesCannotOverwriteEachOther(t *testing.T) {
	ctx := context.Background()
	h := openTwice(t)
	personID := acceptedPerson(t, h.bob, apptest.Child())
	act, err := h.bob.AddAction(ctx, h.b, app.Action{PersonID: personID, Description: "Find short-break provision",
		Owner: "Jo Example", Agency: "Example City Council", Due: app.Date(2026, 12, 8)})
	if err != nil {
		t.Fatal(err)
	}
	gap, err := h.bob.RecordGap(ctx, h.b, h.b, app.Gap{Date: app.Date(2026, 11, 20), RaisedBy: "Jo Example", PersonID: personID,
		Category: app.GapCategory(1), Summary: "No short breaks", Description: "No provider", Impact: "Carer exhausted"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a gap's response saved from an older copy is refused and the newer response kept", func(t *testing.T) {
		mine, _ := h.a.Gap(ctx, gap.ID)
		theirs, _ := h.b.Gap(ctx, gap.ID)
		mine.Response = "Commissioner agreed funding"
		if _, err := h.alice.UpdateGap(ctx, h.a, mine); err != nil {
			t.Fatal(err)
		}
		theirs.EscalatedTo = "Head of service"
		_, err := h.bob.UpdateGap(ctx, h.b, theirs)
		h.wantConflictByAlice(t, err, "gap")
		if got, _ := h.b.Gap(ctx, gap.ID); got.Response != "Commissioner agreed funding" || got.EscalatedTo != "" {
			t.Errorf("stored gap: response %q, escalated to %q", got.Response, got.EscalatedTo)
		}
	})
	t.Run("a stale gap form cannot reopen a gap someone else closed", func(t *testing.T) {
		mine, _ := h.a.Gap(ctx, gap.ID)
		theirs, _ := h.b.Gap(ctx, gap.ID)
		mine.Status = app.GapClosed
		if _, err := h.alice.UpdateGap(ctx, h.a, mine); err != nil {
			t.Fatal(err)
		}
		theirs.Impact = "Carer exhausted; school placement at risk"
		_, err := h.bob.UpdateGap(ctx, h.b, theirs)
		h.wantConflictByAlice(t, err, "gap")
		if got, _ := h.b.Gap(ctx, gap.ID); got.Status != app.GapClosed {
			t.Errorf("the closed gap is %s", got.Status)
		}
	})
	t.Run("an action's owner changed from an older copy is refused", func(t *testing.T) {
		mine, _ := h.a.Action(ctx, act.ID)
		theirs, _ := h.b.Action(ctx, act.ID)
		mine.Owner = "Sam Owner"
		if _, err := h.alice.UpdateActionDetails(ctx, h.a, mine); err != nil {
			t.Fatal(err)
		}
		theirs.Owner = "Pat Other"
		_, err := h.bob.UpdateActionDetails(ctx, h.b, theirs)
		h.wantConflictByAlice(t, err, "action")
		if got, _ := h.b.Action(ctx, act.ID); got.Owner != "Sam Owner" {
			t.Errorf("the owner is %q", got.Owner)
		}
	})
	t.Run("a status change raises the version, so details from before it are refused", func(t *testing.T) {
		theirs, _ := h.b.Action(ctx, act.ID)
		if _, err := h.alice.ChangeActionStatus(ctx, h.a, act.ID, app.StatusChange{From: theirs.Status, To: app.ActionInProgress}); err != nil {
			t.Fatal(err)
		}
		theirs.Agency = "Other agency"
		_, err := h.bob.UpdateActionDetails(ctx, h.b, theirs)
		h.wantConflictByAlice(t, err, "action")
	})
	t.Run("the action status change still refuses a stale status", func(t *testing.T) {
		_, err := h.bob.ChangeActionStatus(ctx, h.b, act.ID, app.StatusChange{From: app.ActionOpen, To: app.ActionDone})
		h.wantConflictByAlice(t, err, "action")
	})
	t.Run("a linked referral updating a person changed since it was compared is refused", func(t *testing.T) {
		seen, _ := h.b.Person(ctx, personID)
		mine, _ := h.a.Person(ctx, personID)
		// alice updates the person through a linked referral of her own
		typed := mine
		typed.GP = "Example Surgery"
		if _, err := h.alice.SubmitReferral(ctx, apptest.Referral(typed, now),
			app.SubmitOptions{LinkPersonID: personID, UpdateLinked: true, LinkPersonVersion: mine.Version}); err != nil {
			t.Fatal(err)
		}
		typed = seen
		typed.GP = "Other Surgery"
		_, err := h.bob.SubmitReferral(ctx, apptest.Referral(typed, now),
			app.SubmitOptions{LinkPersonID: personID, UpdateLinked: true, LinkPersonVersion: seen.Version})
		h.wantConflictByAlice(t, err, "person")
		if got, _ := h.b.Person(ctx, personID); got.GP != "Example Surgery" {
			t.Errorf("the GP is %q", got.GP)
		}
	})
	t.Run("settings saved from an older copy are refused", func(t *testing.T) {
		mine, _ := h.a.Settings(ctx)
		theirs, _ := h.b.Settings(ctx)
		mine.TeamPhone = "0116 496 0000"
		if err := h.alice.SaveSettings(ctx, mine); err != nil {
			t.Fatal(err)
		}
		theirs.BackupKeep = 3
		err := h.bob.SaveSettings(ctx, theirs)
		h.wantConflictByAlice(t, err, "settings")
		if got, _ := h.b.Settings(ctx); got.TeamPhone != "0116 496 0000" || got.BackupKeep == 3 {
			t.Errorf("settings: phone %q, keep %d", got.TeamPhone, got.BackupKeep)
		}
	})
	t.Run("a registration closed by one is not re-rated from the other's older copy", func(t *testing.T) {
		reg, err := h.b.OpenRegistration(ctx, personID)
		if err != nil {
			t.Fatal(err)
		}
		stale := reg
		stale.Rating = app.Red
		if _, err := h.alice.CloseRegistration(ctx, reg.ID, app.CloseRiskReduced, ""); err != nil {
			t.Fatal(err)
		}
		err = h.b.CloseRegistration(ctx, "bob", stale)
		h.wantConflictByAlice(t, err, "registration")
	})
}

func TestVersionsStartAtZeroOnRecordsFromBeforeThem(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "before.db")
	old := olderWithData(t, path, recordVersionsMigration-1, func(s *Store) {
		if _, err := seedDemoAs(ctx, s, recordVersionsMigration-1, 20, 3, 1); err != nil {
			t.Fatal(err)
		}
	})
	old.Close()
	s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gaps, err := s.Gaps(ctx)
	if err != nil || len(gaps) == 0 {
		t.Fatalf("gaps: %v (%d)", err, len(gaps))
	}
	g, err := s.Gap(ctx, gaps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("an old record reads at version 0", func(t *testing.T) {
		if g.Version != 0 {
			t.Errorf("version %d", g.Version)
		}
	})
	t.Run("saving it raises the version to 1, and a second save from version 0 is a conflict", func(t *testing.T) {
		g.Response = "Agreed"
		saved, err := s.UpdateGap(ctx, "tester", g)
		if err != nil || saved.Version != 1 {
			t.Fatalf("saved version %d, %v", saved.Version, err)
		}
		if _, err := s.UpdateGap(ctx, "tester", g); !errors.Is(err, app.ErrConflict) {
			t.Errorf("err = %v, want a conflict", err)
		}
	})
}

func TestTwoProcessesRatingOnePerson(t *testing.T) {
	ctx := context.Background()
	h := openTwice(t)
	personID := acceptedPerson(t, h.bob, apptest.Child())
	seen, err := h.b.OpenRegistration(ctx, personID) // bob's screen shows Amber
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.alice.ChangeRating(ctx, seen.ID, app.RatingDecision{To: app.Red, Reason: "Placement breaking down", SeenVersion: &seen.Version}); err != nil {
		t.Fatal(err)
	}
	t.Run("a decision made on the rating shown before someone else's is refused, naming them", func(t *testing.T) {
		_, err := h.bob.ChangeRating(ctx, seen.ID, app.RatingDecision{To: app.Green, Reason: "Settled at home", SeenVersion: &seen.Version})
		h.wantConflictByAlice(t, err, "registration")
		if got, _ := h.b.OpenRegistration(ctx, personID); got.Rating != app.Red {
			t.Errorf("rating = %v, want alice's Red kept", got.Rating)
		}
		if changes, _ := h.b.RatingChanges(ctx, seen.ID); len(changes) != 2 {
			t.Errorf("%d rating changes recorded, want the first and alice's", len(changes))
		}
	})
	t.Run("a decision made on the newer registration is recorded", func(t *testing.T) {
		newer, _ := h.b.OpenRegistration(ctx, personID)
		if _, err := h.bob.ChangeRating(ctx, seen.ID, app.RatingDecision{To: app.Amber, Reason: "Crisis plan working", SeenVersion: &newer.Version}); err != nil {
			t.Fatal(err)
		}
		if got, _ := h.b.OpenRegistration(ctx, personID); got.Rating != app.Amber {
			t.Errorf("rating = %v", got.Rating)
		}
	})
}

func TestTwoProcessesChangingBankHolidays(t *testing.T) {
	ctx := context.Background()
	h := openTwice(t)
	seenA, _ := h.a.HolidayExceptions(ctx)
	seenB, _ := h.b.HolidayExceptions(ctx)
	mine := append(slices.Clone(seenA), calendar.Exception{Date: app.Date(2027, 6, 7), Kind: calendar.Added, Name: "State funeral"})
	if err := h.alice.SaveHolidayExceptions(ctx, seenA, mine); err != nil {
		t.Fatal(err)
	}
	t.Run("a list changed from an older copy is refused, naming who changed it", func(t *testing.T) {
		theirs := append(slices.Clone(seenB), calendar.Exception{Date: app.Date(2027, 7, 5), Kind: calendar.Added, Name: "Jubilee"})
		err := h.bob.SaveHolidayExceptions(ctx, seenB, theirs)
		h.wantConflictByAlice(t, err, "bank_holidays")
		if got, _ := h.b.HolidayExceptions(ctx); len(got) != len(mine) {
			t.Errorf("%d exceptions stored, want alice's %d", len(got), len(mine))
		}
	})
	t.Run("the same change made on the newer list is saved, keeping both", func(t *testing.T) {
		newer, _ := h.b.HolidayExceptions(ctx)
		theirs := append(slices.Clone(newer), calendar.Exception{Date: app.Date(2027, 7, 5), Kind: calendar.Added, Name: "Jubilee"})
		if err := h.bob.SaveHolidayExceptions(ctx, newer, theirs); err != nil {
			t.Fatal(err)
		}
		if got, _ := h.a.HolidayExceptions(ctx); len(got) != len(mine)+1 {
			t.Errorf("%d exceptions stored, want %d", len(got), len(mine)+1)
		}
	})
}

func TestTwoProcessesDecidingOneReferral(t *testing.T) {
	ctx := context.Background()
	h := openTwice(t)
	res, err := h.bob.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{ConfirmedNew: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.alice.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
		t.Fatal(err)
	}
	t.Run("a decision made on the referral as pending is refused, naming who decided and when", func(t *testing.T) {
		// bob read it while it was pending: his decline reaches storage
		pending := res.Referral
		pending.DeclineReason = "Not eligible"
		err := h.b.DeclineReferral(ctx, `NHS\bob`, pending)
		h.wantConflictByAlice(t, err, "referral")
		if got, _ := h.b.Referral(ctx, res.Referral.ID); got.Status != app.ReferralAccepted {
			t.Errorf("status = %v, want alice's acceptance kept", got.Status)
		}
	})
}
