package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/app/calendar"
	"dspdesk/app/demo"
)

// countRows returns the number of rows in each table, to prove a refused
// request left the database unchanged.
func countRows(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"people", "contacts", "consents", "referrals", "referral_concerns", "registrations",
		"rating_changes", "admissions", "review_requests", "meeting_requests", "meetings", "actions", "gaps", "audit_log"} {
		var n int
		if err := s.ro.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestSubmitAndDecide(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)

	// given a referral submitted and accepted as Amber
	res, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := res.Referral
	t.Run("the referral, person, contact, consent and concerns are stored", func(t *testing.T) {
		got, err := s.Referral(ctx, ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != app.ReferralPending || len(got.Concerns) != 2 || got.Consent.GivenBy != app.GivenByParent || got.Referrer.Email != "jo.example@example.org" {
			t.Errorf("stored referral = %+v", got)
		}
		p, _ := s.Person(ctx, ref.PersonID)
		if p.NHSNumber != "9990000018" || len(p.Contacts) != 1 || !p.DateOfBirth.Equal(app.Date(2012, 3, 14)) {
			t.Errorf("stored person = %+v", p)
		}
		pending, _ := s.PendingReferrals(ctx)
		if len(pending) != 1 || pending[0].ID != ref.ID || len(pending[0].Concerns) != 2 || pending[0].Consent.RecordReference != "CN-0001" {
			t.Errorf("pending = %+v", pending)
		}
	})
	t.Run("a second referral of the same NHS number is held back as a possible duplicate", func(t *testing.T) {
		before := countRows(t, s)
		again := apptest.Referral(apptest.Child(), now)
		again.Person.NHSNumber = "999 000 0018"
		res, err := svc.SubmitReferral(ctx, again, app.SubmitOptions{})
		if !errors.Is(err, app.ErrPossibleDuplicate) || len(res.Duplicates) != 1 || res.Duplicates[0].Reason != app.SameNHSNumber {
			t.Fatalf("got %+v, %v", res, err)
		}
		if after := countRows(t, s); !mapsEqual(before, after) {
			t.Errorf("rows changed: %v -> %v", before, after)
		}
	})
	t.Run("a check only, even with a link or a confirmation, names the possible duplicates and stores nothing", func(t *testing.T) {
		before := countRows(t, s)
		for _, opt := range []app.SubmitOptions{{CheckOnly: true}, {CheckOnly: true, ConfirmedNew: true}, {CheckOnly: true, LinkPersonID: ref.PersonID, UpdateLinked: true}} {
			res, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), opt)
			if !errors.Is(err, app.ErrPossibleDuplicate) || len(res.Duplicates) != 1 || res.Referral.ID != 0 {
				t.Errorf("%+v: got %+v, %v", opt, res, err)
			}
		}
		other := apptest.Child()
		other.NHSNumber, other.DateOfBirth = "999 000 0026", app.Date(2011, 1, 2)
		if res, err := svc.SubmitReferral(ctx, apptest.Referral(other, now), app.SubmitOptions{CheckOnly: true}); err != nil || res.Referral.ID != 0 || len(res.Duplicates) != 0 {
			t.Errorf("no match: got %+v, %v", res, err)
		}
		if after := countRows(t, s); !mapsEqual(before, after) {
			t.Errorf("rows changed: %v -> %v", before, after)
		}
	})
	t.Run("confirming a new person with a stored NHS number is refused beside the field", func(t *testing.T) {
		_, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{ConfirmedNew: true})
		if v, ok := app.AsValidation(err); !ok || v.Field("person.nhsNumber") == "" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("the same date of birth and a similar name is a possible duplicate too", func(t *testing.T) {
		p := apptest.Child()
		p.NHSNumber, p.NHSNumberUnknownReason, p.GivenName = "", "Not known to the school", "Samuel"
		res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{})
		if !errors.Is(err, app.ErrPossibleDuplicate) || len(res.Duplicates) != 1 || res.Duplicates[0].Reason != app.SameBirthDateSimilarName {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	var out app.Outcome
	t.Run("accepting as Amber stores the registration, first rating and MAM request in one go", func(t *testing.T) {
		out, err = svc.DecideReferral(ctx, ref.ID, app.Decision{Accept: true, Rating: app.Amber})
		if err != nil {
			t.Fatal(err)
		}
		reg, _ := s.OpenRegistration(ctx, ref.PersonID)
		if reg.ID != out.Registration.ID || reg.Register != app.DSR || reg.Rating != app.Amber || !reg.ReviewDue.Equal(app.Date(2026, 12, 22)) {
			t.Errorf("registration = %+v", reg)
		}
		changes, _ := s.RatingChanges(ctx, reg.ID)
		if len(changes) != 1 || changes[0].To != app.Amber || changes[0].By != "tester" {
			t.Errorf("rating changes = %+v", changes)
		}
		if out.MeetingRequest == nil || out.MeetingRequest.ID == 0 {
			t.Errorf("meeting request = %+v", out.MeetingRequest)
		}
	})
	t.Run("a referral cannot be decided twice", func(t *testing.T) {
		before := countRows(t, s)
		_, err := svc.DecideReferral(ctx, ref.ID, app.Decision{Accept: true, Rating: app.Red})
		if err == nil {
			t.Fatal("want an error")
		}
		if after := countRows(t, s); !mapsEqual(before, after) {
			t.Errorf("rows changed: %v -> %v", before, after)
		}
	})
	t.Run("escalating Amber to Red goes to the ROAR with an urgent CETR", func(t *testing.T) {
		o, err := svc.ChangeRating(ctx, out.Registration.ID, app.RatingDecision{To: app.Red, Reason: "No improvement following the MAM"})
		if err != nil {
			t.Fatal(err)
		}
		reg, _ := s.Registration(ctx, out.Registration.ID)
		if reg.Register != app.ROAR || reg.Rating != app.Red || o.ReviewRequest == nil || o.ReviewRequest.Kind != app.CETR {
			t.Errorf("registration %+v, review %+v", reg, o.ReviewRequest)
		}
	})
	t.Run("a stale rating change is refused as a conflict", func(t *testing.T) {
		reg, _ := s.Registration(ctx, out.Registration.ID)
		stale := reg
		stale.Rating = app.Amber // what an old screen still shows
		rules := app.NewRules(app.DefaultSettings(), calendar.Default())
		o, err := rules.ChangeRating(stale, apptest.Child().DateOfBirth, app.RatingDecision{To: app.Green, Reason: "x", By: "other", At: now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ApplyRatingChange(ctx, "other", o); !errors.Is(err, app.ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
	})
	t.Run("admission and discharge move through Blue and ask for a discharge MAM", func(t *testing.T) {
		id := out.Registration.ID
		if _, _, err := svc.RecordAdmission(ctx, id, app.Admission{Hospital: "Example Unit", AdmittedOn: app.Date(2026, 11, 23)}); err != nil {
			t.Fatal(err)
		}
		o, err := svc.RecordDischarge(ctx, id, app.Date(2026, 11, 24), app.Red, "")
		if err != nil {
			t.Fatal(err)
		}
		if o.MeetingRequest == nil || o.MeetingRequest.Kind != app.DischargeMAM {
			t.Errorf("meeting request = %+v", o.MeetingRequest)
		}
		if _, err := s.CurrentAdmission(ctx, id); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("the admission is still open: %v", err)
		}
	})
	t.Run("withdrawing consent adds a row and keeps the history", func(t *testing.T) {
		if _, err := svc.WithdrawConsent(ctx, ref.PersonID, app.Date(2026, 11, 24), "Parent withdrew consent by phone"); err != nil {
			t.Fatal(err)
		}
		h, _ := s.ConsentHistory(ctx, ref.PersonID)
		if len(h) != 2 || app.CurrentConsent(h).State != app.ConsentWithdrawn {
			t.Errorf("history = %+v", h)
		}
		if _, err := s.rw.Exec("DELETE FROM consents"); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("deleting consent history must be refused by the database: %v", err)
		}
	})
	t.Run("closing the registration needs a reason and then it is closed", func(t *testing.T) {
		if _, err := svc.CloseRegistration(ctx, out.Registration.ID, 0, ""); err == nil {
			t.Error("closing without a reason must be refused")
		}
		if _, err := svc.CloseRegistration(ctx, out.Registration.ID, app.CloseConsentWithdrawn, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.OpenRegistration(ctx, ref.PersonID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("still open: %v", err)
		}
	})
	t.Run("every write is in the audit log and the chain verifies", func(t *testing.T) {
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK || rep.Rows < 15 {
			t.Fatalf("report %+v, %v", rep, err)
		}
		trail, _ := s.AuditTrail(ctx, "registration", out.Registration.ID)
		actions := []string{}
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); got != "create,rate,rate,rate,close" {
			t.Errorf("registration trail = %s", got)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestAuditTamperIsCaught(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	for i, p := range []app.Person{apptest.Child(), apptest.Adult()} {
		if _, err := svc.SubmitReferral(ctx, apptest.Referral(p, now.Add(time.Duration(i)*time.Minute)), app.SubmitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	rep, _ := s.VerifyAudit(ctx)
	if !rep.OK {
		t.Fatalf("fresh log fails: %+v", rep)
	}
	t.Run("the database refuses to edit the audit log", func(t *testing.T) {
		if _, err := s.rw.Exec("UPDATE audit_log SET actor = 'someone else' WHERE id = 2"); err == nil {
			t.Fatal("update allowed")
		}
	})
	t.Run("an edit behind the app's back is reported at the row edited", func(t *testing.T) {
		// given someone removes the guard and changes row 3
		if _, err := s.rw.Exec("DROP TRIGGER audit_no_update"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.rw.Exec("UPDATE audit_log SET actor = 'someone else' WHERE id = 3"); err != nil {
			t.Fatal(err)
		}
		// when
		rep, err := s.VerifyAudit(ctx)
		// then
		if err != nil || rep.OK || rep.FirstBrokenID != 3 || !strings.Contains(rep.Problem, "altered") {
			t.Errorf("report = %+v, %v", rep, err)
		}
	})
	t.Run("a deleted row breaks the link of the row after it", func(t *testing.T) {
		s2, _ := openTemp(t)
		svc2 := newService(s2)
		svc2.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
		s2.rw.Exec("DROP TRIGGER audit_no_delete")
		if _, err := s2.rw.Exec("DELETE FROM audit_log WHERE id = 2"); err != nil {
			t.Fatal(err)
		}
		rep, _ := s2.VerifyAudit(ctx)
		if rep.OK || rep.FirstBrokenID != 3 {
			t.Errorf("report = %+v", rep)
		}
	})
}

func TestSeedAndListRegister(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	rules := app.NewRules(app.DefaultSettings(), calendar.Default())
	sum, err := demo.Generate(demo.Config{People: 600, Seed: 1, Now: now, Rules: rules}, func(fn func(demo.Sink) error) error {
		return s.Batch(ctx, "seed", func(b *Batch) error { return fn(b) })
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a page of the DSR is filtered, sorted and counted", func(t *testing.T) {
		rows, total, err := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, Ratings: []app.Rating{app.Amber},
			Sort: app.SortByName, Limit: 20, Today: now})
		if err != nil {
			t.Fatal(err)
		}
		if total == 0 || len(rows) != min(20, total) {
			t.Fatalf("%d rows of %d", len(rows), total)
		}
		for i, r := range rows {
			if r.Rating != app.Amber || r.Register != app.DSR {
				t.Errorf("row %d = %+v", i, r)
			}
			if i > 0 && strings.ToLower(rows[i-1].FamilyName) > strings.ToLower(r.FamilyName) {
				t.Errorf("not sorted by name at %d: %s > %s", i, rows[i-1].FamilyName, r.FamilyName)
			}
		}
	})
	t.Run("the whole DSR and ROAR together hold every accepted person", func(t *testing.T) {
		dsr, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, Today: now})
		roar, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.ROAR, Today: now})
		if len(dsr)+len(roar) != sum.Registrations {
			t.Errorf("%d + %d rows, want %d", len(dsr), len(roar), sum.Registrations)
		}
	})
	t.Run("searching by part of an NHS number typed with spaces finds the person", func(t *testing.T) {
		all, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, Today: now, Limit: 1})
		n := all[0].NHSNumber.String()
		rows, _, err := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, Today: now, Search: n[:7]})
		if err != nil || len(rows) == 0 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		for _, r := range rows {
			if !strings.HasPrefix(r.NHSNumber.Digits(), strings.ReplaceAll(n[:7], " ", "")) {
				t.Errorf("row %s does not match %q", r.NHSNumber, n[:7])
			}
		}
	})
	t.Run("the age-group filter splits children from adults", func(t *testing.T) {
		cyp, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, AgeGroup: app.CYP, Today: now})
		adults, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, AgeGroup: app.Adult, Today: now})
		all, _, _ := s.ListRegister(ctx, app.RegisterQuery{Register: app.DSR, Today: now})
		if len(cyp)+len(adults) != len(all) || len(cyp) == 0 || len(adults) == 0 {
			t.Errorf("%d + %d != %d", len(cyp), len(adults), len(all))
		}
		for _, r := range cyp {
			if app.AgeGroupOn(r.DateOfBirth, now) != app.CYP {
				t.Errorf("adult %d in the CYP filter", r.PersonID)
			}
		}
	})
	t.Run("the seeded audit log verifies", func(t *testing.T) {
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK {
			t.Errorf("%+v %v", rep, err)
		}
	})
}

func TestPersonRecordAndReminders(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	res, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(ctx, "tester", app.Meeting{PersonID: res.Referral.PersonID, Kind: app.InitialMAM,
		Start: time.Date(2026, 11, 26, 10, 0, 0, 0, app.ServiceLocation), Duration: time.Hour, Place: "Example House",
		Organiser: app.OrganisedByTeam, OrganiserName: "Lee Lead", PreMeetingOffset: 15 * time.Minute, Agenda: app.DefaultAgenda(),
		Invitees: []app.Invitee{{Name: "Pat Testperson", Role: "Mum", Family: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAction(ctx, "tester", app.Action{PersonID: res.Referral.PersonID, MeetingID: m.ID, Description: "Carer's assessment",
		Owner: "Jo Example", Agency: "Example City Council", Due: app.Date(2026, 11, 20), Status: app.ActionOpen}); err != nil {
		t.Fatal(err)
	}
	t.Run("the person record holds registration, timeline, consent, referral, meeting and action", func(t *testing.T) {
		rec, err := s.PersonRecord(ctx, res.Referral.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		cur, ok := rec.Current()
		if !ok || cur.ID != out.Registration.ID || len(rec.RatingChanges[cur.ID]) != 1 || len(rec.Consent) != 1 ||
			len(rec.Referrals) != 1 || len(rec.Meetings) != 1 || len(rec.Actions) != 1 || len(rec.MeetingRequests) != 1 {
			t.Errorf("record = %+v", rec)
		}
		if rec.ConsentStatus().State != app.ConsentGiven {
			t.Errorf("consent = %v", rec.ConsentStatus())
		}
	})
	t.Run("Today lists the MAM, its pre-meeting, the family contact and the overdue action with the person's name", func(t *testing.T) {
		reader := app.Reader{Store: s, Clock: app.FixedClock(now), Rules: svc.Rules}
		items, err := reader.Today(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[app.ReminderKind]bool{}
		for _, it := range items {
			kinds[it.Kind] = true
			if it.PersonName != "Sam Testperson" {
				t.Errorf("item %+v has name %q", it, it.PersonName)
			}
		}
		for _, k := range []app.ReminderKind{app.RemindMeeting, app.RemindPreMeeting, app.RemindFamilyContact, app.RemindAction} {
			if !kinds[k] {
				t.Errorf("no %v reminder in %+v", k, items)
			}
		}
	})
}

func TestSchedulingAMAMAnswersTheRequest(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	res, _ := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	out, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber})
	if err != nil {
		t.Fatal(err)
	}
	// given an open request for an initial MAM, when an initial MAM is scheduled
	m, err := s.CreateMeeting(ctx, "tester", app.Meeting{PersonID: res.Referral.PersonID, Kind: app.InitialMAM,
		Start: time.Date(2026, 11, 30, 10, 0, 0, 0, app.ServiceLocation), Duration: time.Hour, Place: "Example House",
		Organiser: app.OrganisedByTeam})
	if err != nil {
		t.Fatal(err)
	}
	// then the request is done and points at the meeting
	rec, _ := s.PersonRecord(ctx, res.Referral.PersonID)
	if len(rec.MeetingRequests) != 1 || rec.MeetingRequests[0].ID != out.MeetingRequest.ID ||
		rec.MeetingRequests[0].Status != app.RequestDone || rec.MeetingRequests[0].MeetingID != m.ID {
		t.Errorf("requests = %+v", rec.MeetingRequests)
	}
}

func TestScheduleAndUpdateMeeting(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)
	res, _ := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	if _, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
		t.Fatal(err)
	}
	mam := func(start time.Time) app.Meeting {
		return app.Meeting{PersonID: res.Referral.PersonID, Kind: app.InitialMAM, Start: start, Duration: 90 * time.Minute,
			Place: "Example House", Organiser: app.OrganisedByTeam, OrganiserName: "Lee Lead", PreMeetingOffset: 15 * time.Minute,
			Agenda: app.AgendaFor(nil), Invitees: []app.Invitee{{Name: "Pat Testperson", Role: "Mum", Family: true, Email: "pat@example.org"}}}
	}
	t.Run("a MAM on the spring bank holiday is refused with the next possible time", func(t *testing.T) {
		before := countRows(t, s)
		_, err := svc.ScheduleMeeting(ctx, s, mam(time.Date(2027, 5, 31, 10, 0, 0, 0, app.ServiceLocation)), false)
		var sp *app.SlotProblem
		if !errors.As(err, &sp) || !sp.Next.Equal(time.Date(2027, 6, 1, 9, 15, 0, 0, app.ServiceLocation)) {
			t.Fatalf("err = %v", err)
		}
		if v, ok := app.AsValidation(err); !ok || !strings.Contains(v.Field("start"), "bank holiday") {
			t.Errorf("validation = %v", err)
		}
		if !mapsEqual(before, countRows(t, s)) {
			t.Error("something was stored")
		}
	})
	var first app.Meeting
	t.Run("a MAM in working hours is stored and answers the MAM request", func(t *testing.T) {
		r, err := svc.ScheduleMeeting(ctx, s, mam(time.Date(2026, 11, 30, 10, 0, 0, 0, app.ServiceLocation)), false)
		if err != nil {
			t.Fatal(err)
		}
		first = r.Meeting
		rec, _ := s.PersonRecord(ctx, res.Referral.PersonID)
		if rec.MeetingRequests[0].Status != app.RequestDone {
			t.Errorf("request = %+v", rec.MeetingRequests[0])
		}
	})
	t.Run("a second MAM for the same family at an overlapping time is a clash to confirm", func(t *testing.T) {
		r, err := svc.ScheduleMeeting(ctx, s, mam(time.Date(2026, 11, 30, 11, 0, 0, 0, app.ServiceLocation)), false)
		if !errors.Is(err, app.ErrClashes) || len(r.Clashes) != 1 || r.Clashes[0].Meeting.ID != first.ID {
			t.Fatalf("got %+v, %v", r, err)
		}
		if _, err := svc.ScheduleMeeting(ctx, s, mam(time.Date(2026, 11, 30, 11, 0, 0, 0, app.ServiceLocation)), true); err != nil {
			t.Errorf("confirmed: %v", err)
		}
	})
	t.Run("recording the family contact, attendance and outcome updates the meeting and the audit log", func(t *testing.T) {
		m, _ := s.Meeting(ctx, first.ID)
		m.FamilyContactedOn, m.Status = app.Date(2026, 11, 25), app.MeetingFamilyContacted
		m.Invitees[0].Attendance = app.Attended
		m.Status, m.Notes, m.Outcome = app.MeetingOutcomeRecorded, "Plan agreed.", app.OutcomeNoChange
		m.NextDate = app.Date(2026, 12, 21)
		if _, err := svc.UpdateMeeting(ctx, s, m); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Meeting(ctx, first.ID)
		if got.Status != app.MeetingOutcomeRecorded || got.Invitees[0].Attendance != app.Attended || got.Notes != "Plan agreed." ||
			got.Outcome != app.OutcomeNoChange || !got.NextDate.Equal(app.Date(2026, 12, 21)) ||
			len(got.Agenda) != len(m.Agenda) {
			t.Errorf("meeting = %+v", got)
		}
		trail, _ := s.AuditTrail(ctx, "meeting", first.ID)
		if len(trail) != 2 || trail[1].Action != "update" {
			t.Errorf("trail = %+v", trail)
		}
		t.Run("a second update from the same old copy is refused as a conflict and changes nothing", func(t *testing.T) {
			m.Notes = "Someone else's notes"
			if _, err := svc.UpdateMeeting(ctx, s, m); !errors.Is(err, app.ErrConflict) {
				t.Fatalf("err = %v, want ErrConflict", err)
			}
			if got, _ := s.Meeting(ctx, first.ID); got.Notes != "Plan agreed." {
				t.Errorf("notes = %q", got.Notes)
			}
		})
		t.Run("agenda notes and invitee details are in the audit log", func(t *testing.T) {
			got, _ := s.Meeting(ctx, first.ID)
			got.Agenda[0].Notes = "Introductions done"
			got.Invitees[0].Phone = "07700 900111"
			if _, err := svc.UpdateMeeting(ctx, s, got); err != nil {
				t.Fatal(err)
			}
			trail, _ := s.AuditTrail(ctx, "meeting", first.ID)
			fields := map[string]bool{}
			for _, c := range trail[len(trail)-1].Changes {
				fields[c.Field] = true
			}
			if !fields["agenda[0].notes"] || !fields["invitees[0].phone"] {
				t.Errorf("changes = %+v", trail[len(trail)-1].Changes)
			}
		})
	})
}
