package forms

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// triageNow is Tuesday 24 November 2026, 11:00 in London.
var triageNow = time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

// fakeTriage keeps pending referrals in memory and decides them with the
// real rules, recording each decision asked for.
type fakeTriage struct {
	pending   []app.Referral
	decisions []fakeDecision
	// refuse, when set, is returned by DecideReferral.
	refuse error
}

type fakeDecision struct {
	id int64
	d  app.Decision
}

func (f *fakeTriage) rules() app.Rules { return app.NewRules(app.DefaultSettings(), nil) }

func (f *fakeTriage) PendingReferrals(context.Context) ([]app.Referral, error) {
	return append([]app.Referral(nil), f.pending...), nil
}

func (f *fakeTriage) Rules(context.Context) (app.Rules, error) { return f.rules(), nil }

func (f *fakeTriage) DecideReferral(_ context.Context, id int64, d app.Decision) (app.Outcome, error) {
	f.decisions = append(f.decisions, fakeDecision{id, d})
	if f.refuse != nil {
		return app.Outcome{}, f.refuse
	}
	for i, ref := range f.pending {
		if ref.ID != id {
			continue
		}
		f.pending = append(f.pending[:i:i], f.pending[i+1:]...)
		if !d.Accept {
			declined, err := f.rules().Decline(ref, d.Reason, "Test User", triageNow)
			if err != nil {
				return app.Outcome{}, err
			}
			return app.Outcome{Summary: []string{"Referral declined. Tell the referrer: " + declined.DeclineReason}}, nil
		}
		return f.rules().Accept(ref, d.Rating, d.Reason, "Test User", triageNow)
	}
	return app.Outcome{}, app.ErrNotFound
}

// triageRef is a pending referral of a synthetic 14-year-old, rated Amber.
func triageRef(id int64, received time.Time) app.Referral {
	return app.Referral{
		ID: id, PersonID: 100 + id, ReceivedAt: received, Status: app.ReferralPending,
		Person: app.Person{GivenName: "Sam", FamilyName: "Testperson", DateOfBirth: app.Date(2012, 3, 14),
			NHSNumber: "9990000018", LocalAuthority: app.LeicesterCity, Diagnosis: app.Autism},
		RegisterRequested: app.DSR, IndicativeRating: app.Amber, DiagnosisConfirmed: true,
		Referrer: app.Referrer{Name: "Jo Example", Role: "Community nurse", Sector: app.Health,
			Organisation: "Example NHS Trust", Phone: "0116 496 0000", Email: "jo.example@example.org"},
		Concerns:    []app.Concern{app.ConcernBehaviourIncrease, app.ConcernCarerStrain},
		WhatChanged: "More distressed at school since September.",
		WhatTried:   "Positive behaviour support plan reviewed.",
		Risks:       "Risk of placement breakdown.",
		Consent: app.ConsentEvent{ID: 7, GivenBy: app.GivenByParent, GiverName: "Pat Testperson", Date: app.Date(2026, 11, 16),
			Scope: "DSP referral and sharing with MAM agencies", RecordSystem: "SystmOne", RecordReference: "CN-0001"},
	}
}

// fourReferrals are passed newest first: received today, on Friday evening,
// a week ago, and last Thursday.
func fourReferrals() *fakeTriage {
	return &fakeTriage{pending: []app.Referral{
		triageRef(1, time.Date(2026, 11, 24, 9, 30, 0, 0, app.ServiceLocation)),
		triageRef(2, time.Date(2026, 11, 20, 18, 0, 0, 0, app.ServiceLocation)),
		triageRef(3, time.Date(2026, 11, 16, 10, 0, 0, 0, app.ServiceLocation)),
		triageRef(4, time.Date(2026, 11, 19, 10, 0, 0, 0, app.ServiceLocation)),
	}}
}

// openTriage shows the triage screen over svc in a test window.
func openTriage(t *testing.T, svc TriageService) (*TriageScreen, fyne.Window) {
	t.Helper()
	RunInForeground()
	a := test.NewTempApp(t)
	w := a.NewWindow("Triage")
	s := NewTriageScreen(svc, app.FixedClock(triageNow), w, nil)
	w.SetContent(s)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	s.Reload()
	return s, w
}

// triageFind returns the first object under o that matches.
func triageFind[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) (T, bool) {
	if v, ok := o.(T); ok && match(v) {
		return v, true
	}
	var kids []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		kids = c.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(c).Objects()
	}
	for _, k := range kids {
		if v, ok := triageFind(k, match); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// triageDialog returns the first matching object in the dialog on top.
func triageDialog[T fyne.CanvasObject](t *testing.T, w fyne.Window, match func(T) bool) T {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	v, ok := triageFind(top, match)
	if !ok {
		t.Fatal("the dialog has no such widget")
	}
	return v
}

func triageButton(text string) func(*widget.Button) bool {
	return func(b *widget.Button) bool { return b.Text == text }
}

// triageFormItem is the item of the dialog's form with the given label.
func triageFormItem(t *testing.T, w fyne.Window, label string) *widget.FormItem {
	t.Helper()
	form := triageDialog(t, w, func(*widget.Form) bool { return true })
	for _, it := range form.Items {
		if it.Text == label {
			return it
		}
	}
	return nil
}

// triageProblem is the problem shown beside a field of the dialog on top:
// the warning line under its input, or its hint when that is a warning.
func triageProblem(t *testing.T, w fyne.Window, label string) string {
	t.Helper()
	item := triageFormItem(t, w, label)
	if item == nil {
		t.Fatalf("the dialog has no %q field", label)
	}
	if l, ok := triageFind(item.Widget, func(l *widget.Label) bool { return l.Visible() && strings.HasPrefix(l.Text, "⚠") }); ok {
		return l.Text
	}
	if strings.HasPrefix(item.HintText, "⚠") {
		return item.HintText
	}
	return ""
}

// triageInput is the input of a field of the dialog on top.
func triageInput[T fyne.CanvasObject](t *testing.T, w fyne.Window, label string) T {
	t.Helper()
	item := triageFormItem(t, w, label)
	if item == nil {
		t.Fatalf("the dialog has no %q field", label)
	}
	v, ok := triageFind(item.Widget, func(T) bool { return true })
	if !ok {
		t.Fatalf("the %q field has no input of that kind", label)
	}
	return v
}

// triageDialogText is every label's text in the dialog on top, joined.
func triageDialogText(t *testing.T, w fyne.Window) string {
	t.Helper()
	var texts []string
	triageFind(w.Canvas().Overlays().Top(), func(l *widget.Label) bool {
		if l.Visible() {
			texts = append(texts, l.Text)
		}
		return false
	})
	return strings.Join(texts, "\n")
}

func TestTriageList(t *testing.T) {
	t.Run("the list shows the oldest referral first with the working days each has waited", func(t *testing.T) {
		// given referrals passed newest first, on Tuesday 24 November 2026
		s, _ := openTriage(t, fourReferrals())

		// then
		want := []struct {
			id         int64
			received   string
			waited     string
			importance widget.Importance
		}{
			{3, "Mon 16 Nov 2026 10:00", "6 working days", widget.DangerImportance},
			{4, "Thu 19 Nov 2026 10:00", "3 working days", widget.WarningImportance},
			{2, "Fri 20 Nov 2026 18:00", "1 working day", widget.MediumImportance},
			{1, "Tue 24 Nov 2026 09:30", "0 working days", widget.MediumImportance},
		}
		q := s.Queue()
		if len(q) != len(want) {
			t.Fatalf("the list has %d referrals, want %d", len(q), len(want))
		}
		for i, w := range want {
			line := triageLineOf(q[i], triageNow)
			if q[i].Referral.ID != w.id || line.received != w.received || line.waited != w.waited || line.importance != w.importance {
				t.Errorf("row %d = referral %d, %q, %q, importance %v; want referral %d, %q, %q, importance %v",
					i, q[i].Referral.ID, line.received, line.waited, line.importance, w.id, w.received, w.waited, w.importance)
			}
		}
	})
	t.Run("each row names the person as entered, the register and rating asked for, the referrer and the concerns", func(t *testing.T) {
		line := triageLineOf(app.Waiting{Referral: triageRef(1, triageNow)}, triageNow)
		if want := "Sam Testperson · CYP · Leicester City · DSR, indicative Amber"; line.who != want {
			t.Errorf("who = %q, want %q", line.who, want)
		}
		if want := "Jo Example (Example NHS Trust) · Behaviours that challenge; Carer strain"; line.from != want {
			t.Errorf("from = %q, want %q", line.from, want)
		}
	})
	t.Run("the rows drawn show the days waited, highlighted when long", func(t *testing.T) {
		s, _ := openTriage(t, fourReferrals())
		l, ok := triageFind(s, func(l *widget.Label) bool { return l.Text == "6 working days" })
		if !ok {
			t.Fatal("no row says 6 working days")
		}
		if l.Importance != widget.DangerImportance {
			t.Errorf("6 working days has importance %v, want danger", l.Importance)
		}
		if _, ok := triageFind(s, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Sam Testperson · CYP") }); !ok {
			t.Error("no row names the person")
		}
	})
	t.Run("the summary counts the referrals and those waiting too long", func(t *testing.T) {
		s, _ := openTriage(t, fourReferrals())
		if want := "4 referrals are waiting for a decision, oldest first. 1 has waited 5 working days or more."; s.summary.Text != want {
			t.Errorf("summary = %q, want %q", s.summary.Text, want)
		}
	})
	t.Run("an empty list says no referrals are waiting", func(t *testing.T) {
		s, _ := openTriage(t, &fakeTriage{})
		if s.summary.Text != "No referrals are waiting for a decision." {
			t.Errorf("summary = %q", s.summary.Text)
		}
		if _, ok := triageFind(s, func(b *widget.Button) bool { return b.Text == "Accept" }); ok {
			t.Error("an Accept button shows with nothing to accept")
		}
	})
	t.Run("choosing a referral shows its details, out-of-hours receipt and consent", func(t *testing.T) {
		s, _ := openTriage(t, fourReferrals())
		if !s.SelectReferral(2) {
			t.Fatal("referral 2 is not in the list")
		}
		for _, want := range []string{
			"Friday 20 November 2026 at 18:00 (out of hours: counts from Monday 23 November 2026 at 09:00)",
			"More distressed at school since September.",
			"Risk of placement breakdown.",
			"The referrer needs the DSP team to organise the MAM.",
			"Given by: A parent with parental responsibility, Pat Testperson",
		} {
			if _, ok := triageFind(s, func(l *widget.Label) bool { return strings.Contains(l.Text, want) }); !ok {
				t.Errorf("the details do not say %q", want)
			}
		}
	})
}

func TestTriageAccept(t *testing.T) {
	t.Run("accepting with the indicative rating decides with that rating and shows what was created", func(t *testing.T) {
		// given
		svc := fourReferrals()
		s, w := openTriage(t, svc)
		s.SelectReferral(3)
		accept, _ := triageFind(s, triageButton("Accept"))

		// when
		test.Tap(accept)
		choice := triageDialog(t, w, func(*widget.Select) bool { return true })
		if !strings.HasPrefix(choice.Selected, "Amber") {
			t.Errorf("the rating starts as %q, want the indicative Amber", choice.Selected)
		}
		if text := triageDialogText(t, w); !strings.Contains(text, "Accepting as Amber: DSR inclusion and a MAM request, organised by the DSP team.") {
			t.Errorf("the dialog does not say what Amber creates:\n%s", text)
		}
		test.Tap(triageDialog(t, w, triageButton("Accept referral")))

		// then
		if len(svc.decisions) != 1 || svc.decisions[0].id != 3 || svc.decisions[0].d != (app.Decision{Accept: true, Rating: app.Amber}) {
			t.Fatalf("decisions = %+v, want referral 3 accepted as Amber", svc.decisions)
		}
		text := triageDialogText(t, w)
		if !strings.Contains(text, "Added to the DSR (Dynamic Support Register) rated Amber") ||
			!strings.Contains(text, "A MAM was requested") {
			t.Errorf("the summary does not say what was created:\n%s", text)
		}
		if q := s.Queue(); len(q) != 3 || q[0].Referral.ID != 4 {
			t.Errorf("after the decision the list has %d referrals, first %d; want 3, first 4", len(q), q[0].Referral.ID)
		}
	})
	t.Run("the consequence follows the rating chosen", func(t *testing.T) {
		svc := fourReferrals()
		s, w := openTriage(t, svc)
		s.SelectReferral(1)
		accept, _ := triageFind(s, triageButton("Accept"))
		test.Tap(accept)
		choice := triageDialog(t, w, func(*widget.Select) bool { return true })
		for i, want := range []string{
			"Accepting as Red: the ROAR and an urgent CETR request (under 18).",
			"Accepting as Amber: DSR inclusion and a MAM request",
			"Accepting as Green: the DSR; no meeting or review is requested.",
			"Accepting as Blue: the DSR, marked as an inpatient; a discharge MAM is to be planned",
		} {
			choice.SetSelectedIndex(i)
			if text := triageDialogText(t, w); !strings.Contains(text, want) {
				t.Errorf("with %s the dialog does not say %q:\n%s", app.Ratings[i], want, text)
			}
		}
		choice.SetSelectedIndex(0)
		test.Tap(triageDialog(t, w, triageButton("Accept referral")))
		if len(svc.decisions) != 1 || svc.decisions[0].d.Rating != app.Red {
			t.Errorf("decisions = %+v, want one as Red", svc.decisions)
		}
	})
	t.Run("a person already on a register is refused in the dialog, which stays open", func(t *testing.T) {
		var p app.Problems
		p.Add("person", "This person is already on the DSR (rated Green): change their rating from their record instead.")
		svc := fourReferrals()
		svc.refuse = p.Err()
		s, w := openTriage(t, svc)
		s.SelectReferral(1)
		accept, _ := triageFind(s, triageButton("Accept"))
		test.Tap(accept)
		test.Tap(triageDialog(t, w, triageButton("Accept referral")))
		if text := triageDialogText(t, w); !strings.Contains(text, "This person is already on the DSR (rated Green)") {
			t.Errorf("the dialog does not say why:\n%s", text)
		}
		triageDialog(t, w, triageButton("Accept referral")) // still open
		if len(s.Queue()) != 4 {
			t.Errorf("the list has %d referrals, want all 4", len(s.Queue()))
		}
	})
	t.Run("a referral decided elsewhere says so and the list reloads", func(t *testing.T) {
		svc := fourReferrals()
		s, w := openTriage(t, svc)
		s.SelectReferral(1)
		svc.refuse = errors.Join(errors.New("storage: referral 1 was already decided"), app.ErrConflict)
		svc.pending = svc.pending[1:]
		accept, _ := triageFind(s, triageButton("Accept"))
		test.Tap(accept)
		test.Tap(triageDialog(t, w, triageButton("Accept referral")))
		if text := triageDialogText(t, w); !strings.Contains(text, "Someone else changed this record") {
			t.Errorf("the dialog does not explain:\n%s", text)
		}
		if len(s.Queue()) != 3 {
			t.Errorf("the list has %d referrals, want 3 after reloading", len(s.Queue()))
		}
	})
}

func TestTriageDecline(t *testing.T) {
	t.Run("declining without a reason stays open with the message beside the reason and decides nothing", func(t *testing.T) {
		svc := fourReferrals()
		s, w := openTriage(t, svc)
		s.SelectReferral(2)
		decline, _ := triageFind(s, triageButton("Decline"))
		test.Tap(decline)
		test.Tap(triageDialog(t, w, triageButton("Decline referral")))
		if hint := triageProblem(t, w, "Reason (required)"); hint != "⚠ Give the reason for declining: the referrer is told." {
			t.Errorf("hint beside the reason = %q", hint)
		}
		if len(svc.decisions) != 0 {
			t.Errorf("the service was asked to decide: %+v", svc.decisions)
		}
	})
	t.Run("declining with a reason decides and tells the user what to tell the referrer", func(t *testing.T) {
		svc := fourReferrals()
		s, w := openTriage(t, svc)
		s.SelectReferral(2)
		decline, _ := triageFind(s, triageButton("Decline"))
		test.Tap(decline)
		test.Type(triageInput[*widget.Entry](t, w, "Reason (required)"), "Does not meet the DSR criteria; signposted to the community team.")
		test.Tap(triageDialog(t, w, triageButton("Decline referral")))
		want := app.Decision{Reason: "Does not meet the DSR criteria; signposted to the community team."}
		if len(svc.decisions) != 1 || svc.decisions[0].id != 2 || svc.decisions[0].d != want {
			t.Fatalf("decisions = %+v, want referral 2 declined with the reason", svc.decisions)
		}
		if text := triageDialogText(t, w); !strings.Contains(text, "Referral declined. Tell the referrer: Does not meet the DSR criteria") {
			t.Errorf("the summary = %q", text)
		}
		if len(s.Queue()) != 3 {
			t.Errorf("the list has %d referrals, want 3", len(s.Queue()))
		}
	})
}

// fakeConsent checks consent with the real rules for a person born on dob.
type fakeConsent struct {
	dob    time.Time
	stored []app.ConsentEvent
}

func (f *fakeConsent) RecordConsent(_ context.Context, personID int64, e app.ConsentEvent) (app.ConsentEvent, error) {
	if err := e.Validate(f.dob, triageNow).Err(); err != nil {
		return app.ConsentEvent{}, err
	}
	e.ID, e.PersonID = int64(len(f.stored)+1), personID
	f.stored = append(f.stored, e)
	return e, nil
}

func (f *fakeConsent) WithdrawConsent(_ context.Context, personID int64, date time.Time, reason string) (app.ConsentEvent, error) {
	e := app.ConsentEvent{Withdrawn: true, Date: date, Reason: strings.TrimSpace(reason)}
	if err := e.Validate(f.dob, triageNow).Err(); err != nil {
		return app.ConsentEvent{}, err
	}
	e.ID, e.PersonID = int64(len(f.stored)+1), personID
	f.stored = append(f.stored, e)
	return e, nil
}

// openConsent opens a consent dialog for a synthetic person born on dob.
func openConsent(t *testing.T, dob time.Time, show func(fyne.Window, ConsentService, app.Person, time.Time, func())) (*fakeConsent, fyne.Window, *int) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Person")
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	svc := &fakeConsent{dob: dob}
	done := 0
	show(w, svc, app.Person{ID: 42, GivenName: "Sam", FamilyName: "Testperson", DateOfBirth: dob}, triageNow, func() { done++ })
	return svc, w, &done
}

var (
	consentChild14 = app.Date(2012, 3, 14)
	consentAdult30 = app.Date(1996, 6, 1)
)

func TestRecordConsent(t *testing.T) {
	t.Run("Gillick competence is asked only for a child under 16 consenting themselves", func(t *testing.T) {
		tests := []struct {
			name                   string
			dob                    time.Time
			giver                  app.ConsentGiver
			wantGillick, wantGiver bool
		}{
			{"a 14-year-old consenting themselves is asked about Gillick competence", consentChild14, app.GivenByPerson, true, false},
			{"a parent consenting for a 14-year-old is asked for their name", consentChild14, app.GivenByParent, false, true},
			{"an adult consenting themselves is asked neither", consentAdult30, app.GivenByPerson, false, false},
			{"a best-interests decision asks for the decision maker's name", consentAdult30, app.GivenByBestInterests, false, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, w, _ := openConsent(t, tt.dob, ShowRecordConsent)
				triageDialog(t, w, func(*widget.RadioGroup) bool { return true }).SetSelected(tt.giver.String())
				if got := triageFormItem(t, w, "Gillick competence") != nil; got != tt.wantGillick {
					t.Errorf("Gillick competence shown = %v, want %v", got, tt.wantGillick)
				}
				if got := triageFormItem(t, w, "Their name (required)") != nil; got != tt.wantGiver {
					t.Errorf("the giver's name shown = %v, want %v", got, tt.wantGiver)
				}
			})
		}
	})
	t.Run("an empty form stays open with each problem beside its field and stores nothing", func(t *testing.T) {
		svc, w, done := openConsent(t, consentChild14, ShowRecordConsent)
		test.Tap(triageDialog(t, w, triageButton("Record consent")))
		for label, want := range map[string]string{
			"Given by (required)":      "⚠ Choose who gave consent.",
			"Scope (required)":         "⚠ Say what the consent covers.",
			"Record system (required)": "⚠ Say which system the consent is documented in (your own records).",
			"Reference (required)":     "⚠ Enter the reference of the consent in your own records.",
			"Date (required)":          "", // today, to start with
		} {
			if got := triageProblem(t, w, label); got != want {
				t.Errorf("problem beside %s = %q, want %q", label, got, want)
			}
		}
		if len(svc.stored) != 0 || *done != 0 {
			t.Errorf("stored %+v, done %d times", svc.stored, *done)
		}
	})
	t.Run("a child under 16 consenting without Gillick competence is refused beside the tick box", func(t *testing.T) {
		svc, w, _ := openConsent(t, consentChild14, ShowRecordConsent)
		triageDialog(t, w, func(*widget.RadioGroup) bool { return true }).SetSelected(app.GivenByPerson.String())
		test.Type(triageInput[*widget.Entry](t, w, "Scope (required)"), "DSP referral")
		test.Type(triageInput[*widget.Entry](t, w, "Record system (required)"), "SystmOne")
		test.Type(triageInput[*widget.Entry](t, w, "Reference (required)"), "CN-0002")
		test.Tap(triageDialog(t, w, triageButton("Record consent")))
		if got := triageProblem(t, w, "Gillick competence"); !strings.HasPrefix(got, "⚠ A child under 16 can consent only if Gillick competent") {
			t.Errorf("hint beside Gillick competence = %q", got)
		}
		if len(svc.stored) != 0 {
			t.Errorf("stored %+v", svc.stored)
		}
	})
	t.Run("a parent's consent is stored with every field and the dialog says what was recorded", func(t *testing.T) {
		svc, w, done := openConsent(t, consentChild14, ShowRecordConsent)
		triageDialog(t, w, func(*widget.RadioGroup) bool { return true }).SetSelected(app.GivenByParent.String())
		test.Type(triageInput[*widget.Entry](t, w, "Their name (required)"), "Pat Testperson")
		test.Type(triageInput[*widget.Entry](t, w, "Scope (required)"), "DSP referral and sharing with MAM agencies")
		test.Type(triageInput[*widget.Entry](t, w, "Record system (required)"), "SystmOne")
		test.Type(triageInput[*widget.Entry](t, w, "Reference (required)"), "CN-0002")
		test.Tap(triageDialog(t, w, triageButton("Record consent")))
		want := app.ConsentEvent{ID: 1, PersonID: 42, Date: app.Date(2026, 11, 24), GivenBy: app.GivenByParent, GiverName: "Pat Testperson",
			Scope: "DSP referral and sharing with MAM agencies", RecordSystem: "SystmOne", RecordReference: "CN-0002"}
		if len(svc.stored) != 1 || svc.stored[0] != want {
			t.Fatalf("stored %+v\nwant %+v", svc.stored, want)
		}
		if *done != 1 {
			t.Errorf("done ran %d times", *done)
		}
		if text := triageDialogText(t, w); !strings.Contains(text, "Consent given on Tuesday 24 November 2026.\nGiven by: A parent with parental responsibility, Pat Testperson") {
			t.Errorf("the dialog says %q", text)
		}
	})
}

func TestWithdrawConsent(t *testing.T) {
	t.Run("a withdrawal without how and why stays open with the message beside the reason", func(t *testing.T) {
		svc, w, done := openConsent(t, consentAdult30, ShowWithdrawConsent)
		test.Tap(triageDialog(t, w, triageButton("Record withdrawal")))
		if got := triageProblem(t, w, "How and why (required)"); got != "⚠ Say how and why consent was withdrawn." {
			t.Errorf("hint beside the reason = %q", got)
		}
		if len(svc.stored) != 0 || *done != 0 {
			t.Errorf("stored %+v, done %d times", svc.stored, *done)
		}
	})
	t.Run("a withdrawal dated today with a reason is stored and says documents are not exported", func(t *testing.T) {
		svc, w, done := openConsent(t, consentAdult30, ShowWithdrawConsent)
		test.Type(triageInput[*widget.Entry](t, w, "How and why (required)"), "Phoned the team: no longer wants the MAM")
		test.Tap(triageDialog(t, w, triageButton("Record withdrawal")))
		want := app.ConsentEvent{ID: 1, PersonID: 42, Withdrawn: true, Date: app.Date(2026, 11, 24), Reason: "Phoned the team: no longer wants the MAM"}
		if len(svc.stored) != 1 || svc.stored[0] != want || *done != 1 {
			t.Fatalf("stored %+v, done %d times; want %+v once", svc.stored, *done, want)
		}
		if text := triageDialogText(t, w); !strings.Contains(text, "Documents about this person are not exported.") {
			t.Errorf("the dialog says %q", text)
		}
	})
	t.Run("a withdrawal dated in the future is refused beside the date", func(t *testing.T) {
		svc, w, _ := openConsent(t, consentAdult30, ShowWithdrawConsent)
		tomorrow := app.Date(2026, 11, 25)
		triageInput[*widget.DateEntry](t, w, "Withdrawn on (required)").SetDate(&tomorrow)
		test.Type(triageInput[*widget.Entry](t, w, "How and why (required)"), "By letter")
		test.Tap(triageDialog(t, w, triageButton("Record withdrawal")))
		if got := triageProblem(t, w, "Withdrawn on (required)"); got != "⚠ The consent date cannot be in the future." {
			t.Errorf("hint beside the date = %q", got)
		}
		if len(svc.stored) != 0 {
			t.Errorf("stored %+v", svc.stored)
		}
	})
}
