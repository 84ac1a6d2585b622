package forms

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// TriageService is what the triage screen needs: the referrals awaiting a
// decision, the decision itself, and the rules (working hours and bank
// holidays count the days waited).
type TriageService interface {
	PendingReferrals(ctx context.Context) ([]app.Referral, error)
	DecideReferral(ctx context.Context, referralID int64, d app.Decision) (app.Outcome, error)
	Rules(ctx context.Context) (app.Rules, error)
}

// TriageScreen lists the referrals awaiting a decision, oldest first, with
// the working days each has waited (a referral received out of hours counts
// from the next working day). Choosing one shows its details with Accept
// (a rating, with what it creates spelled out) and Decline (a reason, which
// the referrer is told).
type TriageScreen struct {
	widget.BaseWidget
	svc    TriageService
	clock  app.Clock
	win    fyne.Window
	onOpen func(personID int64)
	// registered, when set, says whether a referral's person is already on
	// a register (the main window looks in the registers it has loaded).
	registered func(personID int64, nhs app.NHSNumber) (app.RegisterRow, bool)

	rules    app.Rules
	queue    []app.Waiting
	selected int64 // the referral shown in the details, 0 for none

	summary *widget.Label
	list    *widget.List
	detail  *fyne.Container
	content fyne.CanvasObject
}

// NewTriageScreen builds the screen; call Reload to fill it. onOpen, if not
// nil, opens a person's record.
func NewTriageScreen(svc TriageService, clock app.Clock, win fyne.Window, onOpen func(personID int64)) *TriageScreen {
	s := &TriageScreen{svc: svc, clock: clock, win: win, onOpen: onOpen}
	s.ExtendBaseWidget(s)
	s.summary = widget.NewLabel("Loading…")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	explain := widget.NewLabel("Days waited are working days since receipt; a referral received out of hours counts from the next working day.")
	explain.Truncation = fyne.TextTruncateEllipsis
	s.list = widget.NewList(func() int { return len(s.queue) }, newTriageItem, s.updateItem)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.queue) {
			s.show(s.queue[id])
		}
	}
	s.detail = container.NewVBox()
	s.showNothing()
	split := container.NewHSplit(s.list, container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.55
	s.content = container.NewBorder(container.NewVBox(heading("Triage"), s.summary, explain, widget.NewSeparator()), nil, nil, nil, split)
	return s
}

// CreateRenderer draws the screen.
func (s *TriageScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Queue is what the list shows, oldest first (for tests).
func (s *TriageScreen) Queue() []app.Waiting { return s.queue }

// SelectReferral shows the details of a referral in the list, and reports
// whether it is there.
func (s *TriageScreen) SelectReferral(id int64) bool {
	for i, w := range s.queue {
		if w.Referral.ID == id {
			s.list.UnselectAll()
			s.list.Select(i) // OnSelected shows it
			return true
		}
	}
	return false
}

// Reload reads the referrals awaiting a decision again, keeping the one
// shown if it is still waiting.
func (s *TriageScreen) Reload() {
	now := s.clock.Now()
	var refs []app.Referral
	var rules app.Rules
	var err error
	background(func() {
		if rules, err = s.svc.Rules(ctx()); err == nil {
			refs, err = s.svc.PendingReferrals(ctx())
		}
	}, func() {
		if err != nil {
			s.summary.SetText("The referrals could not be loaded.")
			showError(s.win, "Could not load the referrals", err)
			return
		}
		s.rules = rules
		s.queue = rules.TriageQueue(refs, now)
		s.summary.SetText(triageSummary(s.queue))
		s.list.Refresh()
		if !s.SelectReferral(s.selected) {
			s.list.UnselectAll()
			s.showNothing()
		}
	})
}

// triageSummary is the sentence above the list.
func triageSummary(queue []app.Waiting) string {
	if len(queue) == 0 {
		return "No referrals are waiting for a decision."
	}
	long := 0
	for _, w := range queue {
		if w.WorkingDays >= app.TriageWaitLimit {
			long++
		}
	}
	text := app.Plural(len(queue), "referral is", "referrals are") + " waiting for a decision, oldest first."
	if len(queue) == 1 {
		text = "1 referral is waiting for a decision."
	}
	switch long {
	case 0:
	case 1:
		text += fmt.Sprintf(" 1 has waited %d working days or more.", app.TriageWaitLimit)
	default:
		text += fmt.Sprintf(" %d have waited %d working days or more.", long, app.TriageWaitLimit)
	}
	return text
}

// triageLine is what one row of the list says.
type triageLine struct {
	received, waited string
	importance       widget.Importance
	name, about      string // who is the name and what is asked for
	who, from        string
}

// triageLineOf writes a row on now: when it was received, how long it has
// waited (highlighted from app.TriageWaitWarning working days), the person
// as the referrer entered them, the register and rating asked for, the
// referrer and the concerns.
func triageLineOf(w app.Waiting, now time.Time) triageLine {
	ref := w.Referral
	p := ref.Person
	name := p.FullName()
	if p.PreferredName != "" && p.PreferredName != p.GivenName {
		name += " (" + p.PreferredName + ")"
	}
	group := "age unknown"
	if !p.DateOfBirth.IsZero() {
		group = app.AgeGroupOn(p.DateOfBirth, now).String()
	}
	about := []string{group}
	if p.LocalAuthority.Valid() {
		about = append(about, p.LocalAuthority.String())
	}
	about = append(about, fmt.Sprintf("%s, indicative %s", ref.RegisterRequested, ref.IndicativeRating))
	from := ref.Referrer.Name
	if ref.Referrer.Organisation != "" {
		from += " (" + ref.Referrer.Organisation + ")"
	}
	return triageLine{
		received:   ref.ReceivedAt.In(app.ServiceLocation).Format("Mon 2 Jan 2006 15:04"),
		waited:     waitedText(w.WorkingDays),
		importance: waitedImportance(w.WorkingDays),
		name:       orDash(name),
		about:      strings.Join(about, " · "),
		who:        orDash(name) + " · " + strings.Join(about, " · "),
		from:       orDash(from) + " · " + concernsText(ref),
	}
}

// waitedText is "1 working day", "3 working days".
func waitedText(days int) string {
	if days == 1 {
		return "1 working day"
	}
	return fmt.Sprintf("%d working days", days)
}

// waitedImportance highlights a long wait: warning from
// app.TriageWaitWarning working days, danger from app.TriageWaitLimit.
func waitedImportance(days int) widget.Importance {
	switch {
	case days >= app.TriageWaitLimit:
		return widget.DangerImportance
	case days >= app.TriageWaitWarning:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// concernsText lists the concerns ticked, in short, and the concern
// described in the referrer's words.
func concernsText(ref app.Referral) string {
	var parts []string
	for _, c := range ref.Concerns {
		if c.Valid() {
			parts = append(parts, c.Short())
		}
	}
	if other := strings.TrimSpace(ref.ConcernsOther); other != "" {
		parts = append(parts, other)
	}
	if len(parts) == 0 {
		return "no concerns listed"
	}
	return strings.Join(parts, "; ")
}

func newTriageItem() fyne.CanvasObject {
	received := widget.NewLabelWithStyle("Wed 30 Dec 2026 22:00", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	waited := widget.NewLabel("")
	who := widget.NewLabel("")
	who.Truncation = fyne.TextTruncateEllipsis
	from := widget.NewLabel("")
	from.Truncation = fyne.TextTruncateEllipsis
	// The column keeps one width whatever the date, so the rows line up.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(received.MinSize().Width+theme.Padding(), 0))
	left := container.NewHBox(container.NewStack(width, container.NewVBox(received, waited)), newRatingBadge(0))
	return container.NewBorder(nil, nil, left, nil, container.NewVBox(who, from))
}

func (s *TriageScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.queue) {
		return
	}
	line := triageLineOf(s.queue[id], s.clock.Now())
	box := o.(*fyne.Container)
	text := box.Objects[0].(*fyne.Container)
	left := box.Objects[1].(*fyne.Container)
	times := left.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container)
	times.Objects[0].(*widget.Label).SetText(line.received)
	waited := times.Objects[1].(*widget.Label)
	waited.Importance = line.importance
	waited.SetText(line.waited)
	left.Objects[1].(*ratingBadge).SetRating(s.queue[id].Referral.IndicativeRating)
	text.Objects[0].(*widget.Label).SetText(line.who)
	text.Objects[1].(*widget.Label).SetText(line.from)
}

// showNothing empties the details.
func (s *TriageScreen) showNothing() {
	s.selected = 0
	s.detail.Objects = []fyne.CanvasObject{wrapped("Choose a referral to see its details and decide: accept it onto a register with a rating, or decline it with a reason.")}
	s.detail.Refresh()
}

// show puts a referral's details and the decision buttons beside the list.
func (s *TriageScreen) show(w app.Waiting) {
	ref, now := w.Referral, s.clock.Now()
	s.selected = ref.ID
	line := triageLineOf(w, now)

	accept := widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { s.accept(w) })
	accept.Importance = widget.HighImportance
	decline := widget.NewButtonWithIcon("Decline", theme.CancelIcon(), func() { s.decline(w) })
	buttons := container.NewHBox(accept, decline)
	if s.onOpen != nil && ref.PersonID != 0 {
		buttons.Add(widget.NewButtonWithIcon("Open record", theme.AccountIcon(), func() { s.onOpen(ref.PersonID) }))
	}

	received := app.FormatDateTime(ref.ReceivedAt)
	if w.OutOfHours() {
		received += " (out of hours: counts from " + app.FormatDateTime(w.ClockStart) + ")"
	}
	waited := widget.NewLabel(line.waited + " waiting for a decision")
	waited.Importance = line.importance
	mam := "The referrer needs the DSP team to organise the MAM."
	if ref.ReferrerOrganisesMAM {
		mam = "The referrer will organise and facilitate the MAM themselves."
	}
	r := ref.Referrer
	referral := pairs(
		"Received", received,
		"Register requested", fmt.Sprintf("%s (%s)", ref.RegisterRequested, ref.RegisterRequested.Title()),
		"Indicative rating", fmt.Sprintf("%s: %s", ref.IndicativeRating, ref.IndicativeRating.Meaning()),
		"Referrer", fmt.Sprintf("%s, %s (%s)\n%s · %s · %s", r.Name, r.Role, r.Sector, r.Organisation, r.Phone, r.Email),
		"MAM", mam,
	)

	p := ref.Person
	nhs := p.NHSNumber.String()
	if nhs == "" {
		nhs = "not known: " + orDash(p.NHSNumberUnknownReason)
	}
	born := "not given"
	if !p.DateOfBirth.IsZero() {
		born = fmt.Sprintf("%s (age %d, %s)", app.FormatDate(p.DateOfBirth), app.AgeOn(p.DateOfBirth, now), app.AgeGroupOn(p.DateOfBirth, now))
	}
	diagnosis := p.Diagnosis.String()
	if ref.DiagnosisConfirmed {
		diagnosis += " (confirmed by the referrer)"
	} else {
		diagnosis += " (not confirmed)"
	}
	kv := []string{"Date of birth", born, "NHS number", nhs, "Local authority", orDash(p.LocalAuthority.String()), "Diagnosis", diagnosis}
	if p.LocalAuthority == app.OutOfArea {
		kv = append(kv, "Out-of-area placement", fmt.Sprintf("%s; commissioner %s", orDash(ref.OutOfArea.Funding.String()), orDash(ref.OutOfArea.Commissioner)))
	}
	if ref.EducationSetting != "" {
		ehcp := "no EHCP"
		if ref.EHCP {
			ehcp = "has an EHCP"
		}
		kv = append(kv, "Education", ref.EducationSetting+" ("+ehcp+")")
	}
	if ref.LegalStatus != "" {
		kv = append(kv, "Legal status", ref.LegalStatus)
	}
	if ref.ProfessionalsInvolved != "" {
		kv = append(kv, "Professionals involved", ref.ProfessionalsInvolved)
	}
	if p.CommunicationNeeds != "" {
		kv = append(kv, "Communication needs", p.CommunicationNeeds)
	}
	if needs := p.Communication.Needs(); needs != "" {
		kv = append(kv, "Formats and interpreters", needs)
	}

	var ticked []string
	for _, c := range ref.Concerns {
		if c.Valid() {
			ticked = append(ticked, "• "+c.String())
		}
	}
	if other := strings.TrimSpace(ref.ConcernsOther); other != "" {
		ticked = append(ticked, "• "+other)
	}
	concerns := pairs(
		"Concerns", orDash(strings.Join(ticked, "\n")),
		"What has changed", orDash(ref.WhatChanged),
		"What has been tried", orDash(ref.WhatTried),
		"Risks", orDash(ref.Risks),
	)

	title := heading(line.name)
	title.Truncation = fyne.TextTruncateEllipsis
	about := widget.NewLabel(line.about)
	about.Truncation = fyne.TextTruncateEllipsis
	box := []fyne.CanvasObject{
		container.NewBorder(nil, nil, newRatingBadge(ref.IndicativeRating), nil, title),
		about,
		waited,
	}
	if on := s.alreadyRegistered(ref); on != "" {
		l := wrapped(on)
		l.Importance = widget.WarningImportance
		box = append(box, l)
	}
	box = append(box,
		buttons,
		widget.NewCard("Referral", "", referral),
		widget.NewCard("Person, as the referrer entered them", "", pairs(kv...)),
		widget.NewCard("Concerns", "", concerns),
		widget.NewCard("Consent", "", wrapped(describeConsent(ref.Consent))),
	)
	if ref.IsInpatient {
		planned := "not known"
		if !ref.Inpatient.PlannedDischarge.IsZero() {
			planned = app.FormatDate(ref.Inpatient.PlannedDischarge)
		}
		box = append(box, widget.NewCard("In hospital", "", pairs(
			"Hospital", orDash(ref.Inpatient.Hospital),
			"Admitted", app.FormatDate(ref.Inpatient.AdmittedOn),
			"Planned discharge", planned)))
	}
	s.detail.Objects = box
	s.detail.Refresh()
}

// triageName is the person's name as entered, for dialog titles.
func triageName(ref app.Referral) string {
	if n := ref.Person.FullName(); n != "" {
		return n
	}
	return fmt.Sprintf("referral %d", ref.ID)
}

// accept asks for the rating (the indicative one to start with), says live
// what accepting with it creates, and records the decision.
func (s *TriageScreen) accept(w app.Waiting) {
	ref := w.Referral
	now := s.clock.Now()
	rules := s.rules
	choice := widget.NewSelect(ratingNames(), nil)
	consequence := wrapped("")
	rating := func() app.Rating {
		if i := choice.SelectedIndex(); i >= 0 && i < len(app.Ratings) {
			return app.Ratings[i]
		}
		return 0
	}
	choice.OnChanged = func(string) { consequence.SetText(rules.AcceptPreview(ref, rating(), now)) }
	if ref.IndicativeRating.Valid() {
		choice.SetSelectedIndex(int(ref.IndicativeRating) - 1)
	}
	consequence.SetText(rules.AcceptPreview(ref, rating(), now))
	reason := reasonEntry("Why (optional)")
	showFormDialog(s.win, "Accept the referral of "+triageName(ref), "Accept referral", []field{
		{key: "rating", label: "Rating", widget: choice, hint: fmt.Sprintf("The referrer's indicative rating is %s.", orDash(ref.IndicativeRating.String()))},
		{key: "", label: "", widget: consequence},
		{key: "reason", label: "Reason", widget: reason, hint: "Optional. Recorded in the timeline with your name and the time."},
	}, func() (func(), error) {
		out, err := s.svc.DecideReferral(ctx(), ref.ID, app.Decision{Accept: true, Rating: rating(), Reason: reason.Text})
		if err != nil {
			s.reloadIfStale(err)
			return nil, err
		}
		return func() { s.done("Referral accepted", out.Summary) }, nil
	})
}

// decline asks for the reason, which the referrer is told, and records it.
func (s *TriageScreen) decline(w app.Waiting) {
	ref := w.Referral
	reason := reasonEntry("Why the referral is declined, and where the referrer might turn instead")
	showFormDialog(s.win, "Decline the referral of "+triageName(ref), "Decline referral", []field{
		{key: "", label: "", widget: wrapped("Declining closes the referral without adding the person to a register. The reason is kept on the person's record.")},
		{key: "reason", label: "Reason (required)", widget: reason, hint: "The referrer is told."},
	}, func() (func(), error) {
		if strings.TrimSpace(reason.Text) == "" {
			var p app.Problems
			p.Add("reason", "Give the reason for declining: the referrer is told.")
			return nil, p.Err()
		}
		out, err := s.svc.DecideReferral(ctx(), ref.ID, app.Decision{Accept: false, Reason: reason.Text})
		if err != nil {
			s.reloadIfStale(err)
			return nil, err
		}
		return func() { s.done("Referral declined", out.Summary) }, nil
	})
	s.win.Canvas().Focus(reason)
}

// reloadIfStale reloads the list when a decision failed because the
// referral was decided or removed elsewhere.
func (s *TriageScreen) reloadIfStale(err error) {
	if errors.Is(err, app.ErrConflict) || errors.Is(err, app.ErrNotFound) {
		s.Reload()
	}
}

// done says what the decision created and reloads the list.
func (s *TriageScreen) done(title string, summary []string) {
	dialog.ShowCustom(title, "OK", container.NewPadded(dialogText(strings.Join(summary, "\n"))), s.win)
	s.Reload()
}

// alreadyRegistered says, before any decision, that the person referred is
// already on a register ("" when not, or not known).
func (s *TriageScreen) alreadyRegistered(ref app.Referral) string {
	if s.registered == nil {
		return ""
	}
	r, ok := s.registered(ref.PersonID, ref.Person.NHSNumber)
	if !ok {
		return ""
	}
	return fmt.Sprintf("Already on the %s (%s), rated %s since %s (record %d). This referral cannot add them again: "+
		"change their rating from their record, then decline this referral with that reason.", r.Register, r.Register.Title(), r.Rating, app.FormatDate(r.Since), r.PersonID)
}
