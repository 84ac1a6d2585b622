package forms

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// PersonScreen is a person's record: details and contacts, consent and its
// history, the registration with a timeline of every rating change, and
// their referrals, meetings, actions and gaps. From here the team changes
// the rating, moves register, records an admission or discharge, and
// closes the registration.
type PersonScreen struct {
	widget.BaseWidget
	svc      PersonService
	clock    app.Clock
	win      fyne.Window
	personID int64
	back     func()

	rec     app.PersonRecord
	loaded  bool
	title   *widget.Label
	badge   *ratingBadge
	status  *widget.Label
	buttons *fyne.Container
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

// NewPersonScreen builds the screen for one person; call Reload to fill it.
func NewPersonScreen(svc PersonService, clock app.Clock, win fyne.Window, personID int64, back func()) *PersonScreen {
	p := &PersonScreen{svc: svc, clock: clock, win: win, personID: personID, back: back}
	p.ExtendBaseWidget(p)
	p.title = heading("Loading…")
	p.badge = newRatingBadge(0)
	p.badge.Hide()
	p.status = wrapped("") // a long status (consent withdrawn) wraps rather than widening the window
	p.buttons = container.NewHBox()
	backButton := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { p.back() })
	p.tabs = container.NewAppTabs()
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(backButton, p.badge, p.title), nil),
		p.status, p.buttons, widget.NewSeparator())
	p.content = container.NewBorder(top, nil, nil, nil, p.tabs)
	return p
}

// CreateRenderer draws the screen.
func (p *PersonScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// Record is the record shown (for tests).
func (p *PersonScreen) Record() app.PersonRecord { return p.rec }

// Reload reads the record again.
func (p *PersonScreen) Reload() {
	var rec app.PersonRecord
	var err error
	background(func() { rec, err = p.svc.PersonRecord(ctx(), p.personID) }, func() {
		if err != nil {
			p.title.SetText("This record could not be loaded")
			showError(p.win, "Could not load the record", err)
			return
		}
		p.rec, p.loaded = rec, true
		p.render()
	})
}

func (p *PersonScreen) render() {
	rec, now := p.rec, p.clock.Now()
	person := rec.Person
	name := person.FullName()
	if person.PreferredName != "" && person.PreferredName != person.GivenName {
		name += " (" + person.PreferredName + ")"
	}
	p.title.SetText(name)
	cur, onRegister := rec.Current()
	var parts []string
	if onRegister {
		p.badge.SetRating(cur.Rating)
		p.badge.Show()
		parts = append(parts, fmt.Sprintf("%s (%s) since %s · rated %s", cur.Register.Title(), cur.Register, app.FormatDate(cur.Since), cur.Rating))
		if cur.Inpatient {
			parts = append(parts, "inpatient")
		}
		if !cur.ReviewDue.IsZero() {
			due := "review due " + app.FormatDate(cur.ReviewDue)
			if cur.ReviewOverdue(now) {
				due = "REVIEW OVERDUE since " + app.FormatDate(cur.ReviewDue)
			}
			parts = append(parts, due)
		}
	} else {
		p.badge.Hide()
		parts = append(parts, "Not on a register")
	}
	consent := rec.ConsentStatus()
	if ok, why := consent.MayExport(); !ok {
		parts = append(parts, why)
	} else if consent.NeedsRecheck(person.DateOfBirth, now) {
		parts = append(parts, "consent and capacity to re-check (turned 16)")
	}
	p.status.SetText(strings.Join(parts, " · "))
	if !onRegister || cur.ReviewOverdue(now) || consent.State != app.ConsentGiven {
		p.status.Importance = widget.WarningImportance
	} else {
		p.status.Importance = widget.MediumImportance
	}
	p.status.Refresh()

	// The frequent decisions are buttons; the rest sit under "More".
	p.buttons.Objects = nil
	var more []*fyne.MenuItem
	if onRegister {
		change := widget.NewButtonWithIcon("Change rating", theme.DocumentCreateIcon(), func() { p.changeRating(cur, false) })
		change.Importance = widget.HighImportance
		review := widget.NewButton("Record review", func() { p.changeRating(cur, true) })
		p.buttons.Objects = []fyne.CanvasObject{change, review}
		if ms, ok := p.svc.(MeetingService); ok {
			p.buttons.Add(widget.NewButtonWithIcon("Schedule MAM", theme.CalendarIcon(), func() {
				ShowScheduleMeeting(p.win, ms, p.rec, p.clock.Now(), p.Reload)
			}))
		}
		more = append(more, fyne.NewMenuItem("Move register", func() { p.moveRegister(cur) }))
		if cur.Inpatient {
			more = append(more, fyne.NewMenuItem("Record discharge", func() { p.discharge(cur) }))
		} else {
			more = append(more, fyne.NewMenuItem("Record admission", func() { p.admit(cur) }))
		}
		more = append(more, fyne.NewMenuItem("Close registration", func() { p.closeRegistration(cur) }))
	}
	if cs, ok := p.svc.(ConsentService); ok {
		p.buttons.Add(widget.NewButton("Record consent", func() { ShowRecordConsent(p.win, cs, p.rec.Person, p.clock.Now(), p.Reload) }))
		if consent.State == app.ConsentGiven {
			more = append(more, fyne.NewMenuItem("Withdraw consent", func() { ShowWithdrawConsent(p.win, cs, p.rec.Person, p.clock.Now(), p.Reload) }))
		}
	}
	if cs, ok := p.svc.(CommunicationService); ok {
		more = append(more, fyne.NewMenuItem("Formats and interpreters…", func() { ShowRecordCommunication(p.win, cs, p.rec.Person, p.Reload) }))
	}
	if ap, ok := p.svc.(ActionPlanService); ok && len(p.rec.Actions) > 0 {
		pr, _ := p.svc.(PrintService)
		more = append(more, actionPlanMenu(p.win, ap, pr, p.rec.Person, 0)...)
	}
	if len(more) > 0 {
		var moreB *widget.Button
		moreB = widget.NewButtonWithIcon("More", theme.MoreHorizontalIcon(), func() {
			menu := fyne.NewMenu("", more...)
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(moreB).Add(fyne.NewPos(0, moreB.Size().Height))
			widget.ShowPopUpMenuAtPosition(menu, p.win.Canvas(), pos)
		})
		p.buttons.Add(moreB)
	}
	p.buttons.Refresh()

	selected := p.tabs.SelectedIndex()
	p.tabs.SetItems([]*container.TabItem{
		container.NewTabItem("Overview", container.NewVScroll(p.overview())),
		container.NewTabItem(fmt.Sprintf("Timeline (%d)", p.changeCount()), container.NewVScroll(p.timeline())),
		container.NewTabItem("Consent", container.NewVScroll(p.consent())),
		container.NewTabItem(fmt.Sprintf("Referrals (%d)", len(rec.Referrals)), container.NewVScroll(p.referrals())),
		container.NewTabItem(fmt.Sprintf("Meetings (%d)", len(rec.Meetings)), container.NewVScroll(p.meetings())),
		container.NewTabItem(fmt.Sprintf("Actions (%d)", len(rec.Actions)), container.NewVScroll(p.actions())),
		container.NewTabItem(fmt.Sprintf("Gaps (%d)", len(rec.Gaps)), container.NewVScroll(p.gaps())),
	})
	if selected > 0 {
		p.tabs.SelectIndex(selected)
	}
}

func (p *PersonScreen) changeCount() int {
	n := 0
	for _, cs := range p.rec.RatingChanges {
		n += len(cs)
	}
	return n
}

// pairs lays out label/value rows.
func pairs(kv ...string) fyne.CanvasObject {
	f := widget.NewForm()
	for i := 0; i+1 < len(kv); i += 2 {
		v := wrapped(kv[i+1])
		f.Append(kv[i], v)
	}
	return f
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (p *PersonScreen) overview() fyne.CanvasObject {
	rec, now := p.rec, p.clock.Now()
	person := rec.Person
	nhs := person.NHSNumber.String()
	if nhs == "" {
		nhs = "not known: " + person.NHSNumberUnknownReason
	}
	age := app.AgeOn(person.DateOfBirth, now)
	details := pairs(
		"Date of birth", fmt.Sprintf("%s (age %d, %s)", app.FormatDate(person.DateOfBirth), age, app.AgeGroupOn(person.DateOfBirth, now)),
		"NHS number", nhs,
		"Address", orDash(strings.Trim(strings.TrimSpace(person.Address)+", "+strings.TrimSpace(person.Postcode), ", ")),
		"Local authority", person.LocalAuthority.String(),
		"Diagnosis", person.Diagnosis.String(),
		"Communication needs", orDash(person.CommunicationNeeds),
		"Formats and interpreters", orText(person.Communication.Needs(), "Standard print; no interpreter."),
		"GP", orDash(person.GP),
	)
	box := container.NewVBox(widget.NewCard("Details", "", details))
	if notes := rec.Import.Notes(); len(notes) > 0 {
		l := wrapped("• " + strings.Join(notes, "\n• "))
		l.Importance = widget.WarningImportance
		box = container.NewVBox(widget.NewCard("To confirm after the import", "From "+rec.Import.FileName, l),
			widget.NewCard("Details", "", details))
	}
	if len(person.Contacts) > 0 {
		var lines []string
		for _, c := range person.Contacts {
			line := c.Name
			if c.Relationship != "" {
				line += " (" + c.Relationship + ")"
			}
			for _, x := range []string{c.Phone, c.Email, c.PreferredContact} {
				if x != "" {
					line += " · " + x
				}
			}
			if c.ParentalResponsibility {
				line += " · parental responsibility"
			}
			lines = append(lines, line)
		}
		box.Add(widget.NewCard("Family and carers", "", wrapped(strings.Join(lines, "\n"))))
	}
	var milestones []string
	for _, m := range app.Milestones(person.DateOfBirth) {
		if !m.Date.Before(app.DateOf(now).AddDate(-1, 0, 0)) && m.Date.Before(app.DateOf(now).AddDate(2, 0, 0)) {
			milestones = append(milestones, fmt.Sprintf("%s: %s", m.Kind, app.FormatDate(m.Date)))
		}
	}
	if len(milestones) > 0 {
		box.Add(widget.NewCard("Age milestones", "", wrapped(strings.Join(milestones, "\n"))))
	}
	var open []string
	for _, r := range rec.ReviewRequests {
		if r.Status == app.RequestOpen {
			u := ""
			if r.Urgent {
				u = "Urgent "
			}
			open = append(open, fmt.Sprintf("%s%s requested %s: %s", u, r.Kind, shortDate(r.RequestedAt.In(app.ServiceLocation)), r.Reason))
		}
	}
	for _, r := range rec.MeetingRequests {
		if r.Status == app.RequestOpen {
			open = append(open, fmt.Sprintf("%s requested %s (organiser: %s): %s", r.Kind, shortDate(r.RequestedAt.In(app.ServiceLocation)), r.Organiser, r.Reason))
		}
	}
	if len(open) > 0 {
		box.Add(widget.NewCard("Open requests", "", wrapped(strings.Join(open, "\n"))))
	}
	if a, ok := rec.Admitted(); ok {
		box.Add(widget.NewCard("In hospital", "", wrapped(fmt.Sprintf("%s since %s", a.Hospital, app.FormatDate(a.AdmittedOn)))))
	}
	return box
}

func (p *PersonScreen) timeline() fyne.CanvasObject {
	box := container.NewVBox()
	for _, g := range p.rec.Registrations {
		state := "open"
		if !g.Open() {
			state = fmt.Sprintf("closed %s: %s %s", shortDate(g.ClosedAt.In(app.ServiceLocation)), g.CloseReason, g.CloseNote)
		}
		box.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s from %s (%s)", g.Register.Title(), app.FormatDate(g.Since), state),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		changes := p.rec.RatingChanges[g.ID]
		for i := len(changes) - 1; i >= 0; i-- {
			c := changes[i]
			what := "Rated " + c.To.String()
			switch {
			case c.From == 0:
				what = "Accepted, rated " + c.To.String()
			case c.Review && c.From == c.To:
				what = "Review: stays " + c.To.String()
			case c.From != c.To:
				what = c.From.String() + " → " + c.To.String()
			}
			if c.FromRegister != 0 && c.FromRegister != c.ToRegister {
				what += fmt.Sprintf(" (%s → %s)", c.FromRegister, c.ToRegister)
			}
			row := container.NewBorder(nil, nil, newRatingBadge(c.To), nil,
				wrapped(fmt.Sprintf("%s · %s by %s\n%s", c.At.In(app.ServiceLocation).Format("2 Jan 2006 15:04"), what, c.By, c.Reason)))
			box.Add(row)
		}
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("Not yet on a register."))
	}
	return box
}

func (p *PersonScreen) consent() fyne.CanvasObject {
	st := p.rec.ConsentStatus()
	head := widget.NewLabelWithStyle(st.State.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if st.State != app.ConsentGiven {
		head.Importance = widget.DangerImportance
	}
	box := container.NewVBox(head)
	if _, why := st.MayExport(); why != "" {
		box.Add(wrapped(why))
	}
	for i := len(p.rec.Consent) - 1; i >= 0; i-- {
		e := p.rec.Consent[i]
		var text string
		if e.Withdrawn {
			text = fmt.Sprintf("%s · Withdrawn: %s (recorded by %s)", app.FormatDate(e.Date), e.Reason, e.RecordedBy)
		} else {
			who := e.GivenBy.String()
			if e.GiverName != "" {
				who += ": " + e.GiverName
			}
			if e.GillickCompetent {
				who += " (Gillick competent)"
			}
			text = fmt.Sprintf("%s · Given by %s\nScope: %s · Documented in %s, ref %s (recorded by %s)",
				app.FormatDate(e.Date), who, e.Scope, e.RecordSystem, e.RecordReference, e.RecordedBy)
		}
		box.Add(wrapped(text))
	}
	return box
}

func (p *PersonScreen) referrals() fyne.CanvasObject {
	box := container.NewVBox()
	for _, r := range p.rec.Referrals {
		concerns := make([]string, len(r.Concerns))
		for i, c := range r.Concerns {
			concerns[i] = c.Short()
		}
		text := fmt.Sprintf("Received %s · %s · to the %s, indicative %s\nReferrer: %s, %s (%s, %s) · %s · %s\nConcerns: %s\nWhat has changed: %s\nWhat has been tried: %s\nRisks: %s",
			r.ReceivedAt.In(app.ServiceLocation).Format("2 Jan 2006 15:04"), r.Status, r.RegisterRequested, r.IndicativeRating,
			r.Referrer.Name, r.Referrer.Role, r.Referrer.Organisation, r.Referrer.Sector, r.Referrer.Phone, r.Referrer.Email,
			orDash(strings.Join(concerns, "; ")+" "+r.ConcernsOther), r.WhatChanged, r.WhatTried, r.Risks)
		if r.Status == app.ReferralDeclined {
			text += "\nDeclined: " + r.DeclineReason
		}
		box.Add(widget.NewCard("", "", wrapped(text)))
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("No referrals."))
	}
	return box
}

func (p *PersonScreen) meetings() fyne.CanvasObject {
	box := container.NewVBox()
	for _, m := range p.rec.Meetings {
		where := m.Place
		if where == "" {
			where = m.VideoLink
		}
		pre := ""
		if m.HasPreMeeting() {
			pre = fmt.Sprintf(" (family pre-meeting %s)", m.PreMeetingStart().In(app.ServiceLocation).Format("15:04"))
		}
		line := wrapped(fmt.Sprintf("%s · %s%s · %s · %s · organiser %s", app.FormatDateTime(m.Start), m.Kind, pre, where, m.Status, orDash(m.OrganiserName)))
		if ms, ok := p.svc.(MeetingService); ok {
			id := m.ID
			open := widget.NewButton("Open", func() { ShowMeeting(p.win, ms, id, p.clock.Now(), p.meetingSaved) })
			box.Add(container.NewBorder(nil, nil, nil, open, line))
			continue
		}
		box.Add(line)
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("No meetings yet."))
	}
	return box
}

func (p *PersonScreen) actions() fyne.CanvasObject {
	box := container.NewVBox()
	now := p.clock.Now()
	fu, canFollow := p.svc.(FollowUpService)
	cal := calendar.Default()
	if canFollow {
		cal = calendarOf(fu)
		add := widget.NewButtonWithIcon("Add an action…", theme.ContentAddIcon(), func() {
			ShowAddAction(p.win, fu, p.rec.Person.ID, 0, p.rec.Person.CalledName(), p.clock.Now(), func(app.Action) { p.Reload() })
		})
		box.Add(container.NewHBox(add, widget.NewLabel("Actions are followed to completion: open one to move it on or add progress.")))
	}
	open, closed := 0, 0
	for _, a := range p.rec.Actions {
		if a.Outstanding() {
			open++
		} else {
			closed++
		}
	}
	if len(p.rec.Actions) == 0 {
		box.Add(widget.NewLabel("No actions."))
		return box
	}
	box.Add(widget.NewLabel(fmt.Sprintf("%s outstanding, %s done or cancelled.", plural(open, "action"), plural(closed, "action"))))
	for _, outstanding := range []bool{true, false} {
		for _, a := range p.rec.Actions {
			if a.Outstanding() != outstanding {
				continue
			}
			l := wrapped(actionLine(a, now, cal))
			if a.Overdue(now) {
				l.Importance = widget.DangerImportance
			} else if !outstanding {
				l.Importance = widget.LowImportance
			}
			if !canFollow {
				box.Add(l)
				continue
			}
			id := a.ID
			openB := widget.NewButton("Open", func() {
				ShowAction(p.win, fu, id, p.clock.Now(), p.Reload, func(gapID int64) {
					ShowGap(p.win, fu, gapID, p.rec.Person.FullName(), p.clock.Now(), func(app.Gap) { p.Reload() })
				})
			})
			box.Add(container.NewBorder(nil, nil, nil, openB, l))
		}
	}
	return box
}

func (p *PersonScreen) gaps() fyne.CanvasObject {
	box := container.NewVBox()
	fu, canFollow := p.svc.(FollowUpService)
	if canFollow {
		add := widget.NewButtonWithIcon("Record a gap in service…", theme.ContentAddIcon(), func() {
			rec := p.rec
			ShowRecordGap(p.win, fu, &rec, p.clock.Now(), func(app.Gap) { p.Reload() })
		})
		box.Add(container.NewHBox(add, widget.NewLabel("Tells senior managers about a service that is missing or not working for this person.")))
	}
	for _, g := range p.rec.Gaps {
		text := fmt.Sprintf("%s · %s · %s\n%s\nImpact: %s", app.FormatDate(g.Date), g.Category, g.Status, g.Description, g.Impact)
		if g.ActionID != 0 {
			for _, a := range p.rec.Actions {
				if a.ID == g.ActionID {
					text += "\nRaised from the action: " + a.Description
				}
			}
		}
		l := wrapped(text)
		if !canFollow {
			box.Add(l)
			continue
		}
		id := g.ID
		box.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Open", func() {
			ShowGap(p.win, fu, id, p.rec.Person.FullName(), p.clock.Now(), func(app.Gap) { p.Reload() })
		}), l))
	}
	if len(p.rec.Gaps) == 0 {
		box.Add(widget.NewLabel("No gaps in service recorded."))
	}
	return box
}

// reasonEntry is a multi-line entry for a reason.
func reasonEntry(placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder(placeholder)
	e.SetMinRowsVisible(3)
	e.Wrapping = fyne.TextWrapWord
	return e
}

func ratingNames() []string {
	out := make([]string, len(app.Ratings))
	for i, r := range app.Ratings {
		out[i] = r.String() + ": " + r.Meaning()
	}
	return out
}

// changeRating asks for the new rating and the reason; review records a
// scheduled review that may keep the rating.
func (p *PersonScreen) changeRating(cur app.Registration, review bool) {
	choice := widget.NewSelect(ratingNames(), nil)
	choice.SetSelectedIndex(int(cur.Rating) - 1)
	hint := wrapped("")
	choice.OnChanged = func(string) {
		to := app.Rating(choice.SelectedIndex() + 1)
		switch {
		case to == app.Red && cur.Rating != app.Red:
			kind := app.ReviewKindFor(app.AgeGroupOn(p.rec.Person.DateOfBirth, p.clock.Now()))
			hint.SetText(fmt.Sprintf("Moves to the ROAR and requests an urgent %s. No second MAM is needed.", kind))
		case cur.Rating == app.Blue && to != app.Blue:
			hint.SetText("Use Record discharge to record leaving hospital.")
		case to == app.Blue && cur.Rating != app.Blue:
			hint.SetText("Use Record admission to record a hospital stay.")
		case to == app.Amber && cur.Rating == app.Green:
			hint.SetText("Requests a MAM.")
		default:
			hint.SetText("")
		}
	}
	reason := reasonEntry("Why: what the MAM or review decided")
	title, submit := "Change rating", "Change rating"
	if review {
		title, submit = "Record review", "Record review"
	}
	var warn fyne.CanvasObject = widget.NewLabel("")
	if ok, why := p.rec.ConsentStatus().MayExport(); !ok {
		l := wrapped(why + " A decision can still be recorded; check it is right to keep the person on the register.")
		l.Importance = widget.WarningImportance
		warn = l
	}
	now := widget.NewLabel(ratingNow(cur))
	fd := showFormDialog(p.win, title, submit, []field{
		{key: "", label: "", widget: warn},
		{key: "now", label: "Rating now", widget: now},
		{key: "to", label: "New rating", widget: choice},
		{key: "", label: "", widget: hint},
		{key: "reason", label: "Reason (required)", widget: reason, hint: "Recorded in the timeline with your name and the time."},
	}, func() (func(), error) {
		seen := cur.Version
		out, err := p.svc.ChangeRating(ctx(), cur.ID, app.RatingDecision{To: app.Rating(choice.SelectedIndex() + 1), Reason: reason.Text, Review: review, SeenVersion: &seen})
		if err != nil {
			return nil, err
		}
		return func() { p.done(title, out.Summary) }, nil
	})
	fd.offerReload(func() error {
		newer, err := p.openRegistration(cur.ID)
		if err == nil {
			cur = newer
			now.SetText(ratingNow(cur))
		}
		return err
	})
	p.win.Canvas().Focus(reason)
}

func (p *PersonScreen) moveRegister(cur app.Registration) {
	other := app.DSR
	if cur.Register == app.DSR {
		other = app.ROAR
	}
	reason := reasonEntry("Why the person moves register")
	showFormDialog(p.win, "Move to the "+other.String(), "Move", []field{
		{key: "", label: "", widget: wrapped(fmt.Sprintf("Moves from the %s to the %s. The rating stays %s.", cur.Register, other, cur.Rating))},
		{key: "reason", label: "Reason (required)", widget: reason},
	}, func() (func(), error) {
		seen := cur.Version
		out, err := p.svc.ChangeRating(ctx(), cur.ID, app.RatingDecision{To: cur.Rating, Register: other, Reason: reason.Text, SeenVersion: &seen})
		if err != nil {
			return nil, err
		}
		return func() { p.done("Register changed", out.Summary) }, nil
	})
	p.win.Canvas().Focus(reason)
}

// dateEntry is a date field in day/month/year form.
func dateEntry(initial time.Time) *widget.DateEntry {
	d := widget.NewDateEntry()
	if !initial.IsZero() {
		t := initial
		d.SetDate(&t)
	}
	return d
}

func dateOf(d *widget.DateEntry) time.Time {
	if d.Date == nil {
		return time.Time{}
	}
	return app.DateOf(*d.Date)
}

func (p *PersonScreen) admit(cur app.Registration) {
	hospital := widget.NewEntry()
	admitted := dateEntry(app.DateOf(p.clock.Now()))
	planned := dateEntry(time.Time{})
	showFormDialog(p.win, "Record admission", "Record admission", []field{
		{key: "hospital", label: "Hospital (required)", widget: hospital},
		{key: "admittedOn", label: "Admitted on (required)", widget: admitted},
		{key: "plannedDischarge", label: "Planned discharge", widget: planned},
		{key: "", label: "", widget: wrapped("The rating becomes Blue. The person stays on the " + cur.Register.String() + ".")},
	}, func() (func(), error) {
		_, out, err := p.svc.RecordAdmission(ctx(), cur.ID, app.Admission{Hospital: hospital.Text, AdmittedOn: dateOf(admitted), PlannedDischarge: dateOf(planned)})
		if err != nil {
			return nil, err
		}
		return func() { p.done("Admission recorded", out.Summary) }, nil
	})
	p.win.Canvas().Focus(hospital)
}

func (p *PersonScreen) discharge(cur app.Registration) {
	on := dateEntry(app.DateOf(p.clock.Now()))
	names := ratingNames()[:3]
	to := widget.NewSelect(names, nil)
	to.SetSelectedIndex(0) // Red: after discharge a person is usually rated Red for at least 14 days
	reason := reasonEntry("Anything to add (optional)")
	showFormDialog(p.win, "Record discharge", "Record discharge", []field{
		{key: "dischargedOn", label: "Discharged on (required)", widget: on},
		{key: "to", label: "Rating after discharge", widget: to, hint: "Usually Red for at least the first 14 days."},
		{key: "reason", label: "Notes", widget: reason},
		{key: "", label: "", widget: wrapped("A discharge MAM is requested to monitor the discharge plan.")},
	}, func() (func(), error) {
		out, err := p.svc.RecordDischarge(ctx(), cur.ID, dateOf(on), app.Rating(to.SelectedIndex()+1), reason.Text)
		if err != nil {
			return nil, err
		}
		return func() { p.done("Discharge recorded", out.Summary) }, nil
	})
}

func (p *PersonScreen) closeRegistration(cur app.Registration) {
	reasons := make([]string, len(app.CloseReasons))
	for i, r := range app.CloseReasons {
		reasons[i] = r.String()
	}
	reason := widget.NewSelect(reasons, nil)
	note := reasonEntry("Details (required for Other)")
	showFormDialog(p.win, "Close registration", "Close registration", []field{
		{key: "closeReason", label: "Reason (required)", widget: reason},
		{key: "closeNote", label: "Details", widget: note},
		{key: "", label: "", widget: wrapped("The person leaves the " + cur.Register.String() + ". Nothing is deleted: the record stays, closed with your reason.")},
	}, func() (func(), error) {
		r := app.CloseReason(0)
		if i := reason.SelectedIndex(); i >= 0 {
			r = app.CloseReasons[i]
		}
		if _, err := p.svc.CloseRegistration(ctx(), cur.ID, r, note.Text); err != nil {
			return nil, err
		}
		return func() {
			p.done("Registration closed", []string{"The person has left the " + cur.Register.String() + "."})
		}, nil
	})
}

// done tells the user what a decision created and reloads the record.
func (p *PersonScreen) done(title string, summary []string) {
	dialog.ShowCustom(title, "OK", container.NewPadded(dialogText(strings.Join(summary, "\n"))), p.win)
	p.Reload()
}

// ActionPlanService writes a person's action plan as a PDF.
type ActionPlanService interface {
	// ActionPlanPDF writes the professionals' action plan, or the family's
	// plain-English copy, from the MAM meetingID (0: the latest MAM held);
	// refused without consent; the export is audited.
	ActionPlanPDF(ctx ctxT, personID, meetingID int64, family bool, w io.Writer, fileName string) error
}

// actionPlanMenu is Save as and Print for both copies of the action plan
// (Print only when pr is set).
func actionPlanMenu(win fyne.Window, ap ActionPlanService, pr PrintService, person app.Person, meetingID int64) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, family := range []bool{false, true} {
		what, base := "the action plan", "action-plan-"
		if family {
			what, base = "the family copy of the action plan", "family-action-plan-"
		}
		// named by record number, like the agendas by date: a name in a file
		// name would travel into the audit log and folders, and Windows
		// refuses some of the characters names can hold
		name := fmt.Sprintf("%s%d.pdf", base, person.ID)
		items = append(items, fyne.NewMenuItem("Save "+what+" (PDF)…", func() {
			if ss, ok := ap.(settingsReader); ok && family && teamContactMissing(win, ss.Settings) {
				return // said before the file is chosen, with Settings offered
			}
			saveExport(win, what, name, "", func(w io.Writer, fileName string) error {
				return ap.ActionPlanPDF(ctx(), person.ID, meetingID, family, w, fileName)
			})
		}))
		if pr != nil {
			items = append(items, fyne.NewMenuItem("Print "+what, func() {
				printName := fmt.Sprintf("%s%d.pdf", base, person.ID)
				printDocument(win, pr, what, printName, func(w io.Writer) error {
					return ap.ActionPlanPDF(ctx(), person.ID, meetingID, family, w, printName+" (print)")
				})
			}))
		}
	}
	return items
}

// meetingSaved reloads the record and, when a child rated Amber has not
// improved after the MAM, offers the escalation of the LLR criteria.
func (p *PersonScreen) meetingSaved(m app.Meeting) {
	cur, ok := p.rec.Current()
	if ok && app.EscalationOffer(m, cur, p.rec.Person.DateOfBirth, p.clock.Now()) {
		kind := app.ReviewKindFor(app.AgeGroupOn(p.rec.Person.DateOfBirth, p.clock.Now()))
		text := fmt.Sprintf("The MAM found %s. Under the LLR criteria a child who has not improved after the MAM goes to Red: "+
			"the ROAR and an urgent %s request follow, and no second MAM is needed. Escalate now?", strings.ToLower(m.Outcome.String()), kind)
		dialog.ShowCustomConfirm("Escalate to Red?", "Escalate to Red", "Not now", dialogText(text), func(yes bool) {
			if !yes {
				p.Reload()
				return
			}
			out, err := p.svc.ChangeRating(ctx(), cur.ID, app.RatingDecision{To: app.Red,
				Reason: "No improvement following the MAM on " + app.FormatDate(m.Start.In(app.ServiceLocation)) + " (" + strings.ToLower(m.Outcome.String()) + ")."})
			if err != nil {
				showError(p.win, "The rating was not changed", err)
				return
			}
			p.done("Escalated to Red", out.Summary)
		}, p.win)
		return
	}
	p.Reload()
}
