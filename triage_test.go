package main

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
)

// triageDesk is the backend as the triage screen sees it. backend's Rules
// is ambiguous (app.Service's method and app.Reader's field of that name),
// so it is named here.
type triageDesk struct{ *backend }

func (d triageDesk) Rules(ctx context.Context) (app.Rules, error) { return d.Service.Rules(ctx) }

var _ forms.TriageService = triageDesk{}

// tapIn taps the first button with the given text under o.
func tapIn(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b, ok := find(o, func(b *widget.Button) bool { return b.Text == text })
	if !ok {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

// labelsIn is the text of every visible label under o, one a line.
func labelsIn(o fyne.CanvasObject) string {
	var texts []string
	find(o, func(l *widget.Label) bool {
		if l.Visible() {
			texts = append(texts, l.Text)
		}
		return false
	})
	return strings.Join(texts, "\n")
}

func TestTriageOnARealDatabase(t *testing.T) {
	_, store, b := openDesk(t, 300)
	ctx := context.Background()
	pending, err := store.PendingReferrals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) < 3 {
		t.Fatalf("the demo data has %d pending referrals, want at least 3", len(pending))
	}
	rules, err := b.Service.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	win := fyne.CurrentApp().NewWindow("Triage")
	win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(win.Close)
	screen := forms.NewTriageScreen(triageDesk{b}, app.FixedClock(deskNow), win, nil)
	win.SetContent(screen)
	screen.Reload()

	queue := screen.Queue()
	t.Run("the list shows every pending referral, oldest first, with the working days waited", func(t *testing.T) {
		if len(queue) != len(pending) {
			t.Fatalf("the list has %d referrals, the database %d", len(queue), len(pending))
		}
		for i, w := range queue {
			if i > 0 && w.ClockStart.Before(queue[i-1].ClockStart) {
				t.Errorf("row %d started %s, before row %d (%s)", i, w.ClockStart, i-1, queue[i-1].ClockStart)
			}
			if want := rules.WorkingDaysWaiting(w.Referral.ReceivedAt, deskNow); w.WorkingDays != want {
				t.Errorf("referral %d has waited %d working days, want %d", w.Referral.ID, w.WorkingDays, want)
			}
		}
	})

	accepted := queue[0].Referral
	var registrationID int64
	t.Run("accepting as Amber through the dialog stores the registration, the first rating change and a MAM request", func(t *testing.T) {
		// given the oldest referral shown
		if !screen.SelectReferral(accepted.ID) {
			t.Fatal("the referral is not in the list")
		}

		// when Accept, Amber, a reason, Accept referral
		tapIn(t, screen, "Accept")
		inDialog(t, win, func(s *widget.Select) bool { return true }).SetSelectedIndex(1)
		test.Type(inDialog(t, win, func(e *widget.Entry) bool { return e.MultiLine }), "Meets the DSR criteria")
		tapIn(t, win.Canvas().Overlays().Top(), "Accept referral")

		// then
		reg, err := store.OpenRegistration(ctx, accepted.PersonID)
		if err != nil {
			t.Fatalf("no open registration: %v", err)
		}
		if reg.Register != app.DSR || reg.Rating != app.Amber || reg.ReferralID != accepted.ID {
			t.Errorf("registration = %+v", reg)
		}
		registrationID = reg.ID
		rec, err := store.PersonRecord(ctx, accepted.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		changes := rec.RatingChanges[reg.ID]
		if len(changes) != 1 || changes[0].From != 0 || changes[0].To != app.Amber || changes[0].By != osUser() ||
			changes[0].Reason != "Referral accepted: Meets the DSR criteria" {
			t.Errorf("rating changes = %+v", changes)
		}
		organiser := app.OrganisedByTeam
		if accepted.ReferrerOrganisesMAM {
			organiser = app.OrganisedByReferrer
		}
		if len(rec.MeetingRequests) != 1 || rec.MeetingRequests[0].Kind != app.InitialMAM ||
			rec.MeetingRequests[0].Organiser != organiser || rec.MeetingRequests[0].Status != app.RequestOpen {
			t.Errorf("meeting requests = %+v", rec.MeetingRequests)
		}
		ref, _ := store.Referral(ctx, accepted.ID)
		if ref.Status != app.ReferralAccepted || ref.DecidedBy != osUser() {
			t.Errorf("referral status %v decided by %q", ref.Status, ref.DecidedBy)
		}
		if text := labelsIn(win.Canvas().Overlays().Top()); !strings.Contains(text, "Added to the DSR") || !strings.Contains(text, "A MAM was requested") {
			t.Errorf("the summary says:\n%s", text)
		}
		tapIn(t, win.Canvas().Overlays().Top(), "OK")
		if len(screen.Queue()) != len(pending)-1 || screen.SelectReferral(accepted.ID) {
			t.Errorf("the accepted referral is still listed")
		}
	})

	declined := queue[1].Referral
	t.Run("declining another with a reason stores the decision and the reason", func(t *testing.T) {
		screen.SelectReferral(declined.ID)
		tapIn(t, screen, "Decline")
		tapIn(t, win.Canvas().Overlays().Top(), "Decline referral") // no reason yet
		if ref, _ := store.Referral(ctx, declined.ID); ref.Status != app.ReferralPending {
			t.Fatalf("declined without a reason: %v", ref.Status)
		}
		test.Type(inDialog(t, win, func(e *widget.Entry) bool { return e.MultiLine }), "Does not meet the DSR criteria; signposted to the community team.")
		tapIn(t, win.Canvas().Overlays().Top(), "Decline referral")
		ref, err := store.Referral(ctx, declined.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ref.Status != app.ReferralDeclined || ref.DeclineReason != "Does not meet the DSR criteria; signposted to the community team." ||
			ref.DecidedBy != osUser() || !ref.DecidedAt.Equal(deskNow) {
			t.Errorf("referral = status %v, reason %q, by %q at %s", ref.Status, ref.DeclineReason, ref.DecidedBy, ref.DecidedAt)
		}
		if _, err := store.OpenRegistration(ctx, declined.PersonID); err == nil {
			t.Error("a declined referral put the person on a register")
		}
		tapIn(t, win.Canvas().Overlays().Top(), "OK")
		if len(screen.Queue()) != len(pending)-2 {
			t.Errorf("the list has %d referrals, want %d", len(screen.Queue()), len(pending)-2)
		}
	})

	t.Run("a new referral for someone already on the register is refused in the dialog", func(t *testing.T) {
		// given a second referral linked to the person accepted above
		again, err := store.Referral(ctx, accepted.ID)
		if err != nil {
			t.Fatal(err)
		}
		again.ID, again.Status, again.ReceivedAt, again.DecidedAt, again.DecidedBy = 0, 0, deskNow, deskNow, ""
		again.Consent.ID = 0
		res, err := b.Service.SubmitReferral(ctx, again, app.SubmitOptions{LinkPersonID: accepted.PersonID})
		if err != nil {
			t.Fatal(err)
		}
		screen.Reload()

		// when
		if !screen.SelectReferral(res.Referral.ID) {
			t.Fatal("the new referral is not listed")
		}
		tapIn(t, screen, "Accept")
		tapIn(t, win.Canvas().Overlays().Top(), "Accept referral")

		// then
		if text := labelsIn(win.Canvas().Overlays().Top()); !strings.Contains(text, "This person is already on the DSR (rated Amber)") {
			t.Errorf("the dialog says:\n%s", text)
		}
		if ref, _ := store.Referral(ctx, res.Referral.ID); ref.Status != app.ReferralPending {
			t.Errorf("the second referral is %v", ref.Status)
		}
		tapIn(t, win.Canvas().Overlays().Top(), "Cancel")
	})

	t.Run("the audit log records both decisions, by whom, and verifies", func(t *testing.T) {
		for _, tt := range []struct {
			id     int64
			status app.ReferralStatus
		}{{accepted.ID, app.ReferralAccepted}, {declined.ID, app.ReferralDeclined}} {
			trail, err := store.AuditTrail(ctx, "referral", tt.id)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, e := range trail {
				for _, c := range e.Changes {
					if e.Action == "decide" && e.Actor == osUser() && c.Field == "status" && c.New == tt.status.String() {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("referral %d: no decision to %v by the operating-system account in %+v", tt.id, tt.status, trail)
			}
		}
		if trail, err := store.AuditTrail(ctx, "registration", registrationID); err != nil || len(trail) == 0 || trail[0].Actor != osUser() {
			t.Errorf("registration %d: audit trail %+v %v", registrationID, trail, err)
		}
		rep, err := store.VerifyAudit(ctx)
		if err != nil || !rep.OK {
			t.Errorf("audit: %+v %v", rep, err)
		}
	})
}
