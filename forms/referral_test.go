package forms

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// fakeReferrals keeps drafts and submitted referrals in memory.
type fakeReferrals struct {
	drafts    []app.Draft
	submitted []app.Referral
}

func (f *fakeReferrals) SubmitReferral(_ context.Context, ref app.Referral, _ app.SubmitOptions) (app.SubmitResult, error) {
	ref.ID = int64(len(f.submitted) + 1)
	ref.ReceivedAt = referralNow
	f.submitted = append(f.submitted, ref)
	return app.SubmitResult{Referral: ref}, nil
}

func (f *fakeReferrals) SaveDraft(_ context.Context, d app.Draft) (app.Draft, error) {
	if d.ID == 0 {
		d.ID = int64(len(f.drafts) + 1)
	}
	f.drafts = append(f.drafts, d)
	return d, nil
}

func (f *fakeReferrals) Drafts(context.Context) ([]app.Draft, error) { return f.drafts, nil }

func (f *fakeReferrals) DiscardDraft(context.Context, int64, string) error { return nil }

// referralNow is Friday 20 November 2026, 10:00 in London.
var referralNow = time.Date(2026, 11, 20, 10, 0, 0, 0, app.ServiceLocation)

// openReferral opens an empty referral form in a window of size.
func openReferral(t *testing.T, size fyne.Size) (*ReferralForm, *fakeReferrals) {
	t.Helper()
	RunInForeground()
	a := test.NewTempApp(t)
	svc := &fakeReferrals{}
	f := NewReferralForm(a, svc, app.FixedClock(referralNow), app.Draft{}, nil)
	f.Window().Resize(size)
	t.Cleanup(f.Window().Close)
	return f, svc
}

// effort counts what a person does to fill in a form: the fields they
// fill, the mouse clicks and the keys they press.
type effort struct {
	fields, clicks, keys int
}

// referralUser fills in a referral the way a person at a desktop does:
// Tab to the next field when Tab gets there in at most three presses (and
// the field they are in lets Tab move on), else a click; then the
// characters, Enter for a new line. Choices are clicks.
type referralUser struct {
	t *testing.T
	f *ReferralForm
	c fyne.Canvas
	effort
}

func (u *referralUser) moveTo(target fyne.Focusable) {
	cur := u.c.Focused()
	if cur == target {
		return
	}
	if tb, ok := cur.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
		for presses := 1; presses <= 3; presses++ {
			u.c.FocusNext()
			if u.c.Focused() == target {
				u.keys += presses
				return
			}
		}
	}
	u.c.Focus(target)
	u.clicks++
}

// typeIn types text into a field, unless the field already shows it.
func (u *referralUser) typeIn(key, text string) {
	u.t.Helper()
	target, ok := u.f.focus[key]
	if !ok {
		u.t.Fatalf("no field %s", key)
	}
	if e, ok := u.f.Input(key).(*widget.Entry); ok && e.Text == text {
		return
	}
	u.fields++
	u.moveTo(target)
	for _, r := range text {
		if r == '\n' {
			u.c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		} else {
			u.c.Focused().TypedRune(r)
		}
		u.keys++
	}
}

// pick chooses an option, unless it is already chosen: one click on a
// radio button, two to open a list and choose from it.
func (u *referralUser) pick(key, option string) {
	u.t.Helper()
	switch w := u.f.Input(key).(type) {
	case *widget.Select:
		if w.Selected == option {
			return
		}
		u.fields++
		w.SetSelected(option)
		u.c.Focus(w)
		u.clicks += 2
	case *widget.RadioGroup:
		if w.Selected == option {
			return
		}
		u.fields++
		w.SetSelected(option)
		u.c.Unfocus()
		u.clicks++
	default:
		u.t.Fatalf("%s is %T", key, w)
	}
}

// tick ticks a box: one click.
func (u *referralUser) tick(c *widget.Check) {
	u.fields++
	c.SetChecked(true)
	u.c.Focus(c)
	u.clicks++
}

// typicalReferral is a referral as the team types one in: a 13-year-old on
// the DSR, rated Amber, two concerns, a two-line address and answers of a
// sentence or two.
func typicalReferral(u *referralUser) {
	u.pick("indicativeRating", "Amber")
	u.pick("registerRequested", "DSR")
	u.typeIn("person.givenName", "Sam")
	u.typeIn("person.familyName", "Testperson")
	u.typeIn("person.dateOfBirth", "14/03/2013")
	u.typeIn("person.nhsNumber", "999 000 0018")
	u.typeIn("person.address", "1 Example Street\nLeicester")
	u.typeIn("person.postcode", "LE1 1AA")
	u.pick("person.localAuthority", "Leicester City")
	u.pick("person.diagnosis", "Autism")
	u.tick(u.f.confirmDiagnosis)
	u.typeIn("referrer.name", "Jo Example")
	u.typeIn("referrer.role", "Community nurse")
	u.pick("referrer.sector", "Health")
	u.typeIn("referrer.organisation", "Example NHS Trust")
	u.typeIn("referrer.phone", "0116 496 0000")
	u.typeIn("referrer.email", "jo.example@example.org")
	u.pick("consent.givenBy", app.GivenByParent.String())
	u.typeIn("consent.giverName", "Pat Testperson")
	u.typeIn("consent.date", "20/11/2026")
	u.typeIn("consent.scope", "DSP referral and sharing with MAM agencies")
	u.typeIn("consent.recordSystem", "SystmOne")
	u.typeIn("consent.recordReference", "CN-0001")
	for _, c := range []app.Concern{app.ConcernBehaviourIncrease, app.ConcernCarerStrain} {
		u.fields++
		u.f.concerns.SetSelected(append(u.f.concerns.Selected, c.Short()))
		u.clicks++
	}
	u.typeIn("whatChanged", "More distressed at school since September.\nNot sleeping.")
	u.typeIn("whatTried", "Behaviour support plan reviewed.")
	u.typeIn("risks", "Risk of placement breakdown.")
	u.f.Submit()
	u.clicks++
}

func TestTypicalReferralEffort(t *testing.T) {
	// given an empty form at a laptop's size
	f, svc := openReferral(t, fyne.NewSize(1024, 640))
	u := &referralUser{t: t, f: f, c: f.Window().Canvas()}

	// when a typical referral is typed in
	typicalReferral(u)

	// then it is stored whole (each key landed in its field)
	if len(svc.submitted) != 1 {
		t.Fatalf("nothing was submitted; the form says: %s", f.Status())
	}
	got := svc.submitted[0]
	if got.Person.Address != "1 Example Street\nLeicester" || got.Risks != "Risk of placement breakdown." ||
		got.WhatTried != "Behaviour support plan reviewed." || got.Person.Postcode != "LE1 1AA" {
		t.Errorf("the typing landed in the wrong fields: address %q, tried %q, risks %q, postcode %q",
			got.Person.Address, got.WhatTried, got.Risks, got.Person.Postcode)
	}
	t.Logf("a typical referral: %d fields, %d clicks, %d keys", u.fields, u.clicks, u.keys)
	// Before issue 21 the same referral took 27 fields, 18 clicks and 350
	// keys: Tab typed a tab in the boxes of several lines (a click to move
	// on), the register was not filled in from the rating and the usual
	// consent was typed out each time; the local authority, sector and who
	// gave consent were lists (two clicks) rather than buttons in view.
	if want := (effort{fields: 25, clicks: 14, keys: 305}); u.fields > want.fields || u.clicks > want.clicks || u.keys > want.keys {
		t.Errorf("a typical referral takes %+v, more than the %+v it took when measured", u.effort, want)
	}
}

func TestReferralFormKeepsStill(t *testing.T) {
	t.Run("Tab moves on from a box of several lines", func(t *testing.T) {
		f, _ := openReferral(t, fyne.NewSize(1024, 640))
		c := f.Window().Canvas()
		c.Focus(f.address)
		test.Type(f.address, "1 Example Street")
		if f.address.AcceptsTab() {
			t.Fatal("the address box keeps Tab for itself")
		}
		c.FocusNext()
		if c.Focused() != f.postcode {
			t.Errorf("Tab from the address went to %T, want the postcode", c.Focused())
		}
		if strings.Contains(f.address.Text, "\t") {
			t.Errorf("the address holds a tab: %q", f.address.Text)
		}
	})
	t.Run("a message appearing under a field does not move the fields below", func(t *testing.T) {
		f, _ := openReferral(t, fyne.NewSize(1024, 640))
		d := fyne.CurrentApp().Driver()
		before := d.AbsolutePositionForObject(f.nhs)
		c := f.Window().Canvas()
		c.Focus(f.dob)
		test.Type(f.dob, "31/02")
		if hint := f.Hint("person.dateOfBirth"); strings.HasPrefix(hint, "⚠") {
			t.Errorf("a message shows while the date is still being typed: %q", hint)
		}
		c.Focus(f.nhs) // the user moves on
		if hint := f.Hint("person.dateOfBirth"); !strings.HasPrefix(hint, "⚠") {
			t.Fatalf("no message under the date once left: %q", hint)
		}
		if after := d.AbsolutePositionForObject(f.nhs); after != before {
			t.Errorf("the NHS number moved from %v to %v when the message appeared", before, after)
		}
		f.dob.SetText("14/03/2013")
		if hint := f.Hint("person.dateOfBirth"); strings.HasPrefix(hint, "⚠") {
			t.Errorf("the message stays after the date was corrected: %q", hint)
		}
		if after := d.AbsolutePositionForObject(f.nhs); after != before {
			t.Errorf("the NHS number moved from %v to %v when the message went", before, after)
		}
	})
	t.Run("the mouse wheel over a box of several lines scrolls the form", func(t *testing.T) {
		f, _ := openReferral(t, fyne.NewSize(1024, 640))
		c := f.Window().Canvas()
		f.goTo("person.address") // the address box near the top of the window
		d := fyne.CurrentApp().Driver()
		over := d.AbsolutePositionForObject(f.address).Add(fyne.NewPos(20, 10))
		// what takes the wheel takes nothing else: clicks, drags, the
		// pointer's shape and the cursor reach the box under it
		var wheel any = newWheelToForm(func() *container.Scroll { return nil })
		_, tappable := wheel.(fyne.Tappable)
		_, mouse := wheel.(desktop.Mouseable)
		_, hover := wheel.(desktop.Hoverable)
		_, focus := wheel.(fyne.Focusable)
		_, drag := wheel.(fyne.Draggable)
		if tappable || mouse || hover || focus || drag {
			t.Errorf("the wheel catcher takes clicks %v, mouse %v, hover %v, focus %v, drags %v", tappable, mouse, hover, focus, drag)
		}
		offset := f.scroll.Offset.Y
		test.Scroll(c, over, 0, -120)
		if f.scroll.Offset.Y <= offset {
			t.Errorf("the form did not scroll: offset %v, was %v", f.scroll.Offset.Y, offset)
		}
	})
	t.Run("the rating fills in its usual register and the usual consent is filled in", func(t *testing.T) {
		f, _ := openReferral(t, fyne.NewSize(1024, 640))
		f.rating.SetSelected(app.Red.String())
		if f.register.Selected != app.ROAR.String() {
			t.Errorf("Red filled in the register %q, want ROAR", f.register.Selected)
		}
		f.rating.SetSelected(app.Amber.String())
		if f.register.Selected != app.ROAR.String() {
			t.Errorf("a register already chosen was changed to %q", f.register.Selected)
		}
		if f.scope.Text != usualConsentScope {
			t.Errorf("the consent scope starts as %q", f.scope.Text)
		}
	})
}

// oneRecord reads one person's record.
type oneRecord struct{ rec app.PersonRecord }

func (o oneRecord) PersonRecord(context.Context, int64) (app.PersonRecord, error) { return o.rec, nil }

func TestReferralRecordsCommunicationNeeds(t *testing.T) {
	f, svc := openReferral(t, fyne.NewSize(1024, 640))
	u := &referralUser{t: t, f: f, c: f.Window().Canvas()}
	f.familyFormat.SetSelected(app.FormatEasyRead.String())
	f.familyInterpreter.SetText("Polish")
	f.contactThrough.SetText("their advocate")
	typicalReferral(u)
	if len(svc.submitted) != 1 {
		t.Fatalf("nothing was submitted: %s", f.Status())
	}
	want := app.Communication{FamilyFormat: app.FormatEasyRead, FamilyInterpreter: "Polish", ContactThrough: "their advocate"}
	if got := svc.submitted[0].Person.Communication; got != want {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	// and the family agenda starts in the family's format
	rec := app.PersonRecord{Person: svc.submitted[0].Person}
	if got := familyFormatOf(oneRecord{rec}, 1); got != app.FormatEasyRead {
		t.Errorf("the family agenda starts in %v, want easy read", got)
	}
	if got := familyFormatOf(struct{}{}, 1); got != app.FormatStandard {
		t.Errorf("without a record the family agenda starts in %v", got)
	}
}

func TestEscapeInAFieldClosesTheReferralKeepingTheDraft(t *testing.T) {
	RunInForeground()
	svc := &fakeReferrals{}
	f := NewReferralForm(test.NewTempApp(t), svc, app.FixedClock(referralNow), app.Draft{}, nil) // Escape closes it
	c := f.Window().Canvas()
	c.Focus(f.given)
	test.Type(f.given, "Sam")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(svc.drafts) == 0 || svc.drafts[len(svc.drafts)-1].Referral.Person.GivenName != "Sam" {
		t.Errorf("closing with Escape kept no draft: %+v", svc.drafts)
	}
	if f.DraftID() == 0 {
		t.Error("the form has no draft after Escape")
	}
}
