package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
	"dspdesk/storage"
)

// emptyDesk opens an empty database in a temp folder and a backend on it.
func emptyDesk(t *testing.T, path string) (*storage.Store, *backend, fyne.App) {
	t.Helper()
	forms.RunInForeground()
	if path == "" {
		path = filepath.Join(t.TempDir(), "ref.db")
	}
	clock := app.FixedClock(deskNow)
	store, err := storage.Open(context.Background(), path, storage.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, newBackend(store, clock, t.TempDir()), test.NewTempApp(t)
}

// typeInto types text into the entry of a field, replacing what was there.
func typeInto(t *testing.T, f *forms.ReferralForm, key, text string) {
	t.Helper()
	e, ok := f.Input(key).(*widget.Entry)
	if !ok {
		t.Fatalf("%s is %T, not an entry", key, f.Input(key))
	}
	e.SetText("")
	test.Type(e, text)
}

func choose(t *testing.T, f *forms.ReferralForm, key, option string) {
	t.Helper()
	switch w := f.Input(key).(type) {
	case *widget.Select:
		w.SetSelected(option)
	case *widget.RadioGroup:
		w.SetSelected(option)
	default:
		t.Fatalf("%s is %T", key, w)
	}
}

func tick(t *testing.T, f *forms.ReferralForm, key string, on bool) {
	t.Helper()
	c, ok := f.Input(key).(*widget.Check)
	if !ok {
		t.Fatalf("%s is %T, not a check", key, f.Input(key))
	}
	if c.Checked != on {
		test.Tap(c)
	}
}

// fillComplete types a complete, valid referral of a synthetic 14-year-old.
func fillComplete(t *testing.T, f *forms.ReferralForm) {
	t.Helper()
	choose(t, f, "registerRequested", "DSR")
	choose(t, f, "indicativeRating", "Amber")
	typeInto(t, f, "person.givenName", "Sam")
	typeInto(t, f, "person.familyName", "Testperson")
	typeInto(t, f, "person.preferredName", "Sammy")
	typeInto(t, f, "person.dateOfBirth", "14/03/2012")
	typeInto(t, f, "person.nhsNumber", "999 000 0018")
	typeInto(t, f, "person.address", "1 Example Street, Leicester")
	typeInto(t, f, "person.postcode", "le1 1aa")
	choose(t, f, "person.localAuthority", "Leicester City")
	choose(t, f, "person.diagnosis", "Autism")
	tick(t, f, "diagnosisConfirmed", true)
	typeInto(t, f, "referrer.name", "Jo Example")
	typeInto(t, f, "referrer.role", "Community nurse")
	choose(t, f, "referrer.sector", "Health")
	typeInto(t, f, "referrer.organisation", "Example NHS Trust")
	typeInto(t, f, "referrer.phone", "0116 496 0000")
	typeInto(t, f, "referrer.email", "jo.example@example.org")
	choose(t, f, "consent.givenBy", app.GivenByParent.String())
	typeInto(t, f, "consent.giverName", "Pat Testperson")
	typeInto(t, f, "consent.date", "20/11/2026")
	typeInto(t, f, "consent.scope", "DSP referral and sharing with MAM agencies")
	typeInto(t, f, "consent.recordSystem", "SystmOne")
	typeInto(t, f, "consent.recordReference", "CN-0001")
	f.Input("concerns.checklist").(*widget.CheckGroup).SetSelected([]string{app.ConcernBehaviourIncrease.Short()})
	typeInto(t, f, "whatChanged", "More distressed at school since September.")
	typeInto(t, f, "whatTried", "Behaviour support plan reviewed.")
	typeInto(t, f, "risks", "Risk of placement breakdown.")
}

func TestReferralFormStoresACompleteReferral(t *testing.T) {
	ctx := context.Background()
	store, b, a := emptyDesk(t, "")
	f := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, f)
	if p := f.Problems(); len(p) != 0 {
		t.Fatalf("a complete form has problems: %v", p)
	}
	f.Submit()
	pending, _ := store.PendingReferrals(ctx)
	if len(pending) != 1 {
		t.Fatalf("%d pending referrals, want 1", len(pending))
	}
	ref, _ := store.Referral(ctx, pending[0].ID)
	person, _ := store.Person(ctx, ref.PersonID)
	t.Run("the person, referral and consent are stored as typed and tidied", func(t *testing.T) {
		if person.NHSNumber != "9990000018" || person.Postcode != "LE1 1AA" || person.PreferredName != "Sammy" ||
			!person.DateOfBirth.Equal(app.Date(2012, 3, 14)) || person.LocalAuthority != app.LeicesterCity {
			t.Errorf("person = %+v", person)
		}
		if ref.Consent.GivenBy != app.GivenByParent || ref.Consent.RecordReference != "CN-0001" || ref.Referrer.Sector != app.Health ||
			ref.IndicativeRating != app.Amber || len(ref.Concerns) != 1 {
			t.Errorf("referral = %+v", ref)
		}
	})
	t.Run("its draft is gone once it is submitted", func(t *testing.T) {
		if ds, _ := store.Drafts(ctx); len(ds) != 0 {
			t.Errorf("%d drafts left", len(ds))
		}
	})
	t.Run("accepting it at triage stores the registration, rating, MAM request and audit rows", func(t *testing.T) {
		out, err := b.DecideReferral(ctx, ref.ID, app.Decision{Accept: true, Rating: app.Amber})
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := store.PersonRecord(ctx, ref.PersonID)
		cur, ok := rec.Current()
		if !ok || cur.Register != app.DSR || len(rec.RatingChanges[cur.ID]) != 1 || out.MeetingRequest == nil || len(rec.MeetingRequests) != 1 {
			t.Errorf("record = %+v", rec)
		}
		for _, entity := range []string{"person", "referral", "consent", "registration", "rating_change", "meeting_request"} {
			id := map[string]int64{"person": person.ID, "referral": ref.ID, "consent": ref.Consent.ID, "registration": cur.ID,
				"rating_change": rec.RatingChanges[cur.ID][0].ID, "meeting_request": out.MeetingRequest.ID}[entity]
			if trail, _ := store.AuditTrail(ctx, entity, id); len(trail) == 0 {
				t.Errorf("no audit row for %s %d", entity, id)
			}
		}
		if rep, _ := store.VerifyAudit(ctx); !rep.OK {
			t.Errorf("audit chain: %+v", rep)
		}
	})
}

func TestReferralFormRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, f *forms.ReferralForm)
		field  string
		want   string
	}{
		{"no first name", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.givenName", "") }, "person.givenName", "first name"},
		{"no last name", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.familyName", "  ") }, "person.familyName", "last name"},
		{"no date of birth", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.dateOfBirth", "") }, "person.dateOfBirth", "Enter the date of birth"},
		{"a date of birth that is not a date", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.dateOfBirth", "31/02/2012") }, "person.dateOfBirth", "day/month/year"},
		{"a date of birth in the future", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.dateOfBirth", "01/01/2030") }, "person.dateOfBirth", "future"},
		{"a date of birth 130 years ago", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.dateOfBirth", "01/01/1896") }, "person.dateOfBirth", "over 120"},
		{"an NHS number with a wrong check digit", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.nhsNumber", "943 476 5918") }, "person.nhsNumber", "check digit"},
		{"an NHS number too short", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.nhsNumber", "999 000 001") }, "person.nhsNumber", "10 digits"},
		{"an NHS number with letters", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.nhsNumber", "999 000 001X") }, "person.nhsNumber", "only digits"},
		{"an NHS number of one repeated digit", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.nhsNumber", "1111111111") }, "person.nhsNumber", "same digit"},
		{"NHS number not known without a reason", func(t *testing.T, f *forms.ReferralForm) { tick(t, f, "nhsNotKnown", true) }, "person.nhsNumberUnknownReason", "why the NHS number"},
		{"no address", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.address", "") }, "person.address", "address"},
		{"a postcode of the wrong shape", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "person.postcode", "LE1") }, "person.postcode", "UK postcode"},
		{"the diagnosis not confirmed", func(t *testing.T, f *forms.ReferralForm) { tick(t, f, "diagnosisConfirmed", false) }, "diagnosisConfirmed", "Confirm the diagnosis"},
		{"no referrer name", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "referrer.name", "") }, "referrer.name", "referrer's name"},
		{"a referrer email without a domain", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "referrer.email", "jo@") }, "referrer.email", "email address"},
		{"a referrer phone that is too short", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "referrer.phone", "0116 49") }, "referrer.phone", "UK phone"},
		{"no consent reference", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "consent.recordReference", "") }, "consent.recordReference", "reference"},
		{"consent dated in the future", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "consent.date", "01/12/2026") }, "consent.date", "future"},
		{"a 14-year-old consenting without Gillick competence", func(t *testing.T, f *forms.ReferralForm) {
			choose(t, f, "consent.givenBy", app.GivenByPerson.String())
		}, "consent.gillickCompetent", "Gillick"},
		{"no scope of consent", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "consent.scope", "") }, "consent.scope", "what the consent covers"},
		{"no concern ticked or described", func(t *testing.T, f *forms.ReferralForm) {
			f.Input("concerns.checklist").(*widget.CheckGroup).SetSelected(nil)
		}, "concerns", "at least one concern"},
		{"nothing about what has changed", func(t *testing.T, f *forms.ReferralForm) { typeInto(t, f, "whatChanged", "") }, "whatChanged", "what has changed"},
		{"an inpatient with no hospital", func(t *testing.T, f *forms.ReferralForm) {
			tick(t, f, "isInpatient", true)
			typeInto(t, f, "inpatient.admittedOn", "01/11/2026")
		}, "inpatient.hospital", "hospital"},
		{"an inpatient admission date that is not a date", func(t *testing.T, f *forms.ReferralForm) {
			tick(t, f, "isInpatient", true)
			typeInto(t, f, "inpatient.hospital", "Example Unit")
			typeInto(t, f, "inpatient.admittedOn", "yesterday")
		}, "inpatient.admittedOn", "day/month/year"},
		{"out of area without funding", func(t *testing.T, f *forms.ReferralForm) {
			choose(t, f, "person.localAuthority", "Out of area")
			choose(t, f, "registerRequested", "ROAR")
			typeInto(t, f, "outOfArea.commissioner", "Example ICB")
		}, "outOfArea.funding", "funded"},
		{"an out-of-area child whose placement is not health funded", func(t *testing.T, f *forms.ReferralForm) {
			choose(t, f, "person.localAuthority", "Out of area")
			choose(t, f, "registerRequested", "ROAR")
			choose(t, f, "outOfArea.funding", app.NotHealthFunded.String())
			typeInto(t, f, "outOfArea.commissioner", "Example ICB")
		}, "outOfArea.funding", "fully or partly health funded"},
		{"a family contact with a bad email", func(t *testing.T, f *forms.ReferralForm) {
			typeInto(t, f, "person.contacts[0].name", "Pat Testperson")
			typeInto(t, f, "person.contacts[0].email", "pat.example.org")
		}, "person.contacts[0].email", "email address"},
	}
	store, b, a := emptyDesk(t, "")
	for _, tt := range tests {
		t.Run(tt.name+" is refused beside the field and nothing is stored", func(t *testing.T) {
			f := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
			defer f.Window().Close()
			fillComplete(t, f)
			tt.change(t, f)
			f.Submit()
			if hint := f.Hint(tt.field); !strings.HasPrefix(hint, "⚠") || !strings.Contains(strings.ToLower(hint), strings.ToLower(tt.want)) {
				t.Errorf("hint beside %s = %q, want a warning about %q", tt.field, hint, tt.want)
			}
			if !strings.Contains(f.Status(), "to fix before this can be submitted") {
				t.Errorf("status = %q", f.Status())
			}
			if pending, _ := store.PendingReferrals(ctx); len(pending) != 0 {
				t.Fatalf("a referral was stored")
			}
		})
	}
}

func TestReferralDraftSurvivesARestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "drafts.db")
	store, b, a := emptyDesk(t, path)
	f := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	typeInto(t, f, "person.givenName", "Sam")
	typeInto(t, f, "person.familyName", "Testperson")
	typeInto(t, f, "person.nhsNumber", "999 000 00")
	typeInto(t, f, "whatChanged", "Half-typed notes")
	// when the window is closed (as when the app quits) and the database reopened
	f.Window().Close()
	f.Flush()
	store.Close()
	store2, b2, a2 := emptyDesk(t, path)
	drafts, err := store2.Drafts(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("%d drafts, %v", len(drafts), err)
	}
	d := drafts[0]
	if d.Title() != "Sam Testperson" || d.NHSNumberText != "999 000 00" || d.Referral.WhatChanged != "Half-typed notes" {
		t.Errorf("draft = %+v", d)
	}
	// then opening it resumes the typing, including the half-typed NHS number
	f2 := forms.NewReferralForm(a2, b2, app.FixedClock(deskNow), d, nil)
	if got := f2.Input("person.nhsNumber").(*widget.Entry).Text; got != "999 000 00" {
		t.Errorf("NHS number resumed as %q", got)
	}
	fillComplete(t, f2)
	f2.Submit()
	if ds, _ := store2.Drafts(ctx); len(ds) != 0 {
		t.Errorf("the draft was not removed after submitting: %d left", len(ds))
	}
}

func TestReferralFormOffersDuplicates(t *testing.T) {
	ctx := context.Background()
	store, b, a := emptyDesk(t, "")
	first := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, first)
	first.Submit()
	// a second referral of the same child, typed with a different NHS number layout
	f := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, f)
	typeInto(t, f, "person.nhsNumber", "9990000018")
	f.Submit()
	link := inDialog(t, f.Window(), func(b *widget.Button) bool { return b.Text == "Link to this person" })
	card := inDialog(t, f.Window(), func(c *widget.Card) bool { return c.Subtitle == app.SameNHSNumber.String() })
	if card == nil {
		t.Fatal("the match is not shown")
	}
	test.Tap(link)
	pending, _ := store.PendingReferrals(ctx)
	if len(pending) != 2 || pending[0].PersonID != pending[1].PersonID {
		t.Fatalf("pending = %+v", pending)
	}
	var people int
	if cands, _ := store.DuplicateCandidates(ctx, "9990000018", app.Date(2012, 3, 14)); true {
		people = len(cands)
	}
	if people != 1 {
		t.Errorf("%d people stored, want the one linked", people)
	}
}

func TestLinkingAReferralCanUpdateThePersonsDetails(t *testing.T) {
	ctx := context.Background()
	store, b, a := emptyDesk(t, "")
	first := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, first)
	first.Submit()
	// the same child, now living elsewhere
	f := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, f)
	typeInto(t, f, "person.address", "5 New Street, Oakham")
	typeInto(t, f, "person.postcode", "LE15 6XY")
	choose(t, f, "person.localAuthority", "Rutland")
	f.Submit()
	diff := inDialog(t, f.Window(), func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Different from what you typed") })
	if !strings.Contains(diff.Text, "5 New Street, Oakham") || !strings.Contains(diff.Text, "Rutland") {
		t.Errorf("differences = %q", diff.Text)
	}
	test.Tap(inDialog(t, f.Window(), func(b *widget.Button) bool { return b.Text == "Link and update their details" }))
	pending, _ := store.PendingReferrals(ctx)
	if len(pending) != 2 {
		t.Fatalf("%d referrals", len(pending))
	}
	p, _ := store.Person(ctx, pending[1].PersonID)
	if p.Address != "5 New Street, Oakham" || p.Postcode != "LE15 6XY" || p.LocalAuthority != app.Rutland || p.NHSNumber != "9990000018" {
		t.Errorf("person = %+v", p)
	}
	trail, _ := store.AuditTrail(ctx, "person", p.ID)
	if last := trail[len(trail)-1]; last.Action != "update" {
		t.Errorf("the update is not audited: %+v", last)
	}
}

func TestTwoReferralFormsUpdatingOneLinkedPerson(t *testing.T) {
	ctx := context.Background()
	store, b, a := emptyDesk(t, "")
	first := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, first)
	first.Submit()
	// two windows refer the same child, each with a newer address
	f1 := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, f1)
	typeInto(t, f1, "person.address", "5 New Street, Oakham")
	f2 := forms.NewReferralForm(a, b, app.FixedClock(deskNow), app.Draft{}, nil)
	fillComplete(t, f2)
	typeInto(t, f2, "person.address", "9 Other Road, Leicester")
	f1.Submit()
	f2.Submit()
	linkAndUpdate := func(b *widget.Button) bool { return b.Text == "Link and update their details" }
	test.Tap(inDialog(t, f1.Window(), linkAndUpdate))
	test.Tap(inDialog(t, f2.Window(), linkAndUpdate))

	pending, _ := store.PendingReferrals(ctx)
	t.Run("the older comparison is refused: one referral more, the first update kept", func(t *testing.T) {
		if len(pending) != 2 {
			t.Fatalf("%d referrals stored, want 2", len(pending))
		}
		if p, _ := store.Person(ctx, pending[0].PersonID); p.Address != "5 New Street, Oakham" {
			t.Errorf("address = %q", p.Address)
		}
	})
	t.Run("the form keeps the typed address and says who changed the person", func(t *testing.T) {
		if got := f2.Input("person.address").(*widget.Entry).Text; got != "9 Other Road, Leicester" {
			t.Errorf("typed address = %q", got)
		}
		msg := inDialog(t, f2.Window(), func(l *widget.Label) bool { return strings.Contains(l.Text, "changed this record at") })
		if !strings.Contains(msg.Text, osUser()+" changed this record") {
			t.Errorf("message = %q", msg.Text)
		}
	})
	t.Run("Reload shows the newer details beside what was typed", func(t *testing.T) {
		test.Tap(inDialog(t, f2.Window(), func(b *widget.Button) bool { return b.Text == "Reload" }))
		diff := inDialog(t, f2.Window(), func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Different from what you typed") })
		if !strings.Contains(diff.Text, "9 Other Road, Leicester") {
			t.Errorf("differences = %q", diff.Text)
		}
		if _, ok := find(f2.Window().Canvas().Overlays().Top(), func(l *widget.Label) bool { return strings.Contains(l.Text, "5 New Street, Oakham") }); !ok {
			t.Error("the newer address is not shown")
		}
		if again, _ := store.PendingReferrals(ctx); len(again) != 2 {
			t.Errorf("reloading stored a referral: %d", len(again))
		}
	})
	t.Run("linking and updating from the newer copy stores it", func(t *testing.T) {
		test.Tap(inDialog(t, f2.Window(), linkAndUpdate))
		if p, _ := store.Person(ctx, pending[0].PersonID); p.Address != "9 Other Road, Leicester" {
			t.Errorf("address = %q", p.Address)
		}
	})
}
