package forms

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// ConsentService records consent given and consent withdrawn. Nothing is
// edited or deleted: each is a new row of the person's consent history.
type ConsentService interface {
	RecordConsent(ctx context.Context, personID int64, e app.ConsentEvent) (app.ConsentEvent, error)
	WithdrawConsent(ctx context.Context, personID int64, date time.Time, reason string) (app.ConsentEvent, error)
}

// ShowRecordConsent opens a form to record consent given (or renewed) for
// person: who gave it and on what basis, their name, Gillick competence
// (asked only for a child under 16 consenting themselves), the date (today
// to start with), the scope, and where the referrer documented it. Problems
// show beside their fields; done runs once the consent is stored.
func ShowRecordConsent(win fyne.Window, svc ConsentService, person app.Person, now time.Time, done func()) {
	givers := make([]string, len(app.ConsentGivers))
	for i, g := range app.ConsentGivers {
		givers[i] = g.String()
	}
	givenBy := widget.NewRadioGroup(givers, nil)
	giver := func() app.ConsentGiver {
		for i, g := range givers {
			if g == givenBy.Selected {
				return app.ConsentGivers[i]
			}
		}
		return 0
	}
	giverName := widget.NewEntry()
	giverName.SetPlaceHolder("The parent's or decision maker's full name")
	gillick := widget.NewCheck("Gillick competent: understands the referral and can decide for themselves", nil)
	date := dateEntry(app.DateOf(now))
	scope := widget.NewEntry()
	scope.SetPlaceHolder("For example: DSP referral and sharing with MAM agencies")
	system := widget.NewEntry()
	system.SetPlaceHolder("For example: SystmOne, Liquidlogic, Mosaic")
	reference := widget.NewEntry()
	reference.SetPlaceHolder("For example: case note 12/03")

	fd := showFormDialog(win, "Record consent for "+consentName(person), "Record consent", []field{
		{key: "givenBy", label: "Given by (required)", widget: givenBy,
			hint: "Under 16: the child if Gillick competent, otherwise a parent."},
		{key: "giverName", label: "Their name (required)", widget: giverName, hint: "Who gave consent for the person."},
		{key: "gillickCompetent", label: "Gillick competence", widget: gillick, hint: "A child under 16 consents only if Gillick competent."},
		{key: "date", label: "Date (required)", widget: date, hint: "The day consent was given, as in your records."},
		{key: "scope", label: "Scope (required)", widget: scope, hint: "What the consent covers."},
		{key: "recordSystem", label: "Record system (required)", widget: system, hint: "Where the referrer documented the consent."},
		{key: "recordReference", label: "Reference (required)", widget: reference, hint: "The consent's reference in that system."},
	}, func() (func(), error) {
		if strings.TrimSpace(date.Text) != "" && date.Validate() != nil {
			var p app.Problems
			p.Add("date", "Enter the date consent was given, or pick it from the calendar.")
			return nil, p.Err()
		}
		e := app.ConsentEvent{GivenBy: giver(), Date: dateOf(date), Scope: strings.TrimSpace(scope.Text),
			RecordSystem: strings.TrimSpace(system.Text), RecordReference: strings.TrimSpace(reference.Text)}
		if e.GivenBy == app.GivenByParent || e.GivenBy == app.GivenByBestInterests {
			e.GiverName = strings.TrimSpace(giverName.Text)
		}
		if e.GivenBy == app.GivenByPerson && consentUnder16(person, dateOf(date), now) {
			e.GillickCompetent = gillick.Checked
		}
		stored, err := svc.RecordConsent(ctx(), person.ID, e)
		if err != nil {
			return nil, err
		}
		return func() { consentDone(win, "Consent recorded", describeConsent(stored), done) }, nil
	})

	rows := newFormRows(fd)
	update := func() {
		g := giver()
		rows.show("giverName", g == app.GivenByParent || g == app.GivenByBestInterests)
		rows.show("gillickCompetent", g == app.GivenByPerson && consentUnder16(person, dateOf(date), now))
	}
	givenBy.OnChanged = func(string) { update() }
	date.OnChanged = func(*time.Time) { update() }
	update()
}

// ShowWithdrawConsent opens a form to record that person's consent was
// withdrawn: the date (today to start with) and how and why. Nothing is
// deleted; done runs once the withdrawal is stored.
func ShowWithdrawConsent(win fyne.Window, svc ConsentService, person app.Person, now time.Time, done func()) {
	date := dateEntry(app.DateOf(now))
	reason := reasonEntry("For example: the person's mother phoned the team to withdraw consent; the family no longer want the MAM")
	showFormDialog(win, "Withdraw consent for "+consentName(person), "Record withdrawal", []field{
		{key: "", label: "", widget: wrapped("Nothing is deleted: the withdrawal is added to the consent history. While consent is withdrawn, documents about the person are not exported, and the registers and the record say so.")},
		{key: "date", label: "Withdrawn on (required)", widget: date, hint: "The day consent was withdrawn."},
		{key: "reason", label: "How and why (required)", widget: reason, hint: "Who withdrew consent, how they said so, and why, if they said."},
	}, func() (func(), error) {
		if strings.TrimSpace(date.Text) != "" && date.Validate() != nil {
			var p app.Problems
			p.Add("date", "Enter the date consent was withdrawn, or pick it from the calendar.")
			return nil, p.Err()
		}
		stored, err := svc.WithdrawConsent(ctx(), person.ID, dateOf(date), reason.Text)
		if err != nil {
			return nil, err
		}
		return func() {
			consentDone(win, "Consent withdrawn", describeConsent(stored)+
				"\nDocuments about this person are not exported. Review whether they stay on the register.", done)
		}, nil
	})
	win.Canvas().Focus(reason)
}

// consentName is the person's name for a dialog title.
func consentName(p app.Person) string {
	if n := p.FullName(); n != "" {
		return n
	}
	return "this person"
}

// consentUnder16 reports whether the person was under 16 on the consent
// date (today when none is entered); false when the birth date is unknown.
func consentUnder16(p app.Person, on, now time.Time) bool {
	if p.DateOfBirth.IsZero() {
		return false
	}
	if on.IsZero() {
		on = now
	}
	return app.AgeOn(p.DateOfBirth, on) < app.AgeConsentRecheck
}

// consentDone says what was stored, then runs done.
func consentDone(win fyne.Window, title, text string, done func()) {
	dialog.ShowCustom(title, "OK", container.NewPadded(dialogText(text)), win)
	if done != nil {
		done()
	}
}

// describeConsent says in a sentence or two what a consent event records.
func describeConsent(e app.ConsentEvent) string {
	if e.Withdrawn {
		return fmt.Sprintf("Consent withdrawn on %s: %s", app.FormatDate(e.Date), orDash(e.Reason))
	}
	if !e.GivenBy.Valid() {
		if e.ID != 0 {
			return "Consent was recorded with the referral; its details are on the person's record."
		}
		return "No consent is recorded."
	}
	who := e.GivenBy.String()
	if e.GiverName != "" {
		who += ", " + e.GiverName
	}
	if e.GillickCompetent {
		who += " (Gillick competent)"
	}
	return fmt.Sprintf("Consent given on %s.\nGiven by: %s\nScope: %s\nDocumented in %s, reference %s.",
		app.FormatDate(e.Date), who, orDash(e.Scope), orDash(e.RecordSystem), orDash(e.RecordReference))
}

// formRows shows and hides rows of a form dialog, keeping their order.
type formRows struct {
	fd    *formDialog
	all   []*widget.FormItem
	shown map[*widget.FormItem]bool
}

func newFormRows(fd *formDialog) *formRows {
	r := &formRows{fd: fd, all: append([]*widget.FormItem(nil), fd.form.Items...), shown: map[*widget.FormItem]bool{}}
	for _, it := range r.all {
		r.shown[it] = true
	}
	return r
}

// show shows or hides the row of the field named key.
func (r *formRows) show(key string, visible bool) {
	item, ok := r.fd.items[key]
	if !ok || r.shown[item] == visible {
		return
	}
	r.shown[item] = visible
	var items []*widget.FormItem
	for _, it := range r.all {
		if r.shown[it] {
			items = append(items, it)
		}
	}
	r.fd.form.Items = items
	r.fd.form.Refresh()
	r.fd.d.Resize(fyne.NewSize(560, r.fd.d.MinSize().Height))
}
