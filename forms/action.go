package forms

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// FollowUpService keeps actions (followed to completion) and gaps in
// service.
type FollowUpService interface {
	AddAction(ctx ctxT, a app.Action) (app.Action, error)
	Action(ctx ctxT, id int64) (app.Action, error)
	UpdateActionDetails(ctx ctxT, a app.Action) (app.Action, error)
	ChangeActionStatus(ctx ctxT, actionID int64, c app.StatusChange) (app.Action, error)
	AddActionProgress(ctx ctxT, actionID int64, note string) (app.Progress, error)
	RecordGap(ctx ctxT, g app.Gap) (app.Gap, error)
	Gap(ctx ctxT, id int64) (app.Gap, error)
	UpdateGap(ctx ctxT, g app.Gap) (app.Gap, error)
	Calendar(ctx ctxT) (*calendar.Calendar, error)
	Settings(ctx ctxT) (app.Settings, error)
}

// dueEntry is an entry for a due date that also takes "in 10 working days"
// and shows, under it, the date that will be saved.
type dueEntry struct {
	entry *widget.Entry
	shows *widget.Label
	cal   *calendar.Calendar
	now   time.Time
	// from names the day spans count from: "today", or the MAM's date
	// when the action is agreed at a MAM.
	from string
}

func newDueEntry(cal *calendar.Calendar, now time.Time, initial time.Time) *dueEntry {
	d := &dueEntry{entry: widget.NewEntry(), shows: widget.NewLabel(""), cal: cal, now: now, from: "today"}
	d.entry.SetPlaceHolder(`dd/mm/yyyy, or "in 10 working days", "in 2 weeks"`)
	d.shows.Wrapping = fyne.TextWrapWord
	d.entry.OnChanged = func(string) { d.explain() }
	d.entry.SetText(formatUKDate(initial))
	d.explain()
	return d
}

// explain shows the date the text means, counted in working days from
// today (or the MAM's date).
func (d *dueEntry) explain() {
	t, err := d.value()
	switch {
	case strings.TrimSpace(d.entry.Text) == "":
		d.shows.SetText("")
	case err != nil:
		d.shows.SetText("Not a date yet: " + err.Error() + ".")
	default:
		n := d.cal.WorkingDaysBetween(app.DateOf(d.now), t)
		what := fmt.Sprintf("%s from %s", plural(n, "working day"), d.from)
		switch {
		case n == 1 && d.from == "today":
			what = "the next working day"
		case n == 0 && t.Equal(app.DateOf(d.now)):
			what = d.from
		case t.Before(app.DateOf(d.now)):
			what = "before " + d.from
		}
		note := ""
		if !d.cal.IsWorkingDay(t) {
			note = " It is not a working day."
		}
		d.shows.SetText(fmt.Sprintf("Due %s (%s).%s", t.Format("Monday 2 January 2006"), what, note))
	}
}

func (d *dueEntry) value() (time.Time, error) { return app.ParseDue(d.entry.Text, d.now, d.cal) }

func (d *dueEntry) widget() fyne.CanvasObject { return container.NewVBox(d.entry, d.shows) }

// calendarOf reads the team's calendar, falling back to the built-in one.
func calendarOf(svc FollowUpService) *calendar.Calendar {
	if cal, err := svc.Calendar(ctx()); err == nil && cal != nil {
		return cal
	}
	return calendar.Default()
}

// actionFields are the inputs for what, why, who and by when.
type actionFields struct {
	description, outcome, owner, agency *widget.Entry
	due                                 *dueEntry
}

func newActionFields(svc FollowUpService, now time.Time, a app.Action) actionFields {
	f := actionFields{description: widget.NewMultiLineEntry(), outcome: widget.NewEntry(), owner: widget.NewEntry(), agency: widget.NewEntry()}
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetMinRowsVisible(2)
	f.description.SetText(a.Description)
	f.description.SetPlaceHolder("What will be done")
	f.outcome.SetText(a.DesiredOutcome)
	f.outcome.SetPlaceHolder("Why: what it should achieve for the person")
	f.owner.SetText(a.Owner)
	f.owner.SetPlaceHolder("A named person")
	f.agency.SetText(a.Agency)
	f.agency.SetPlaceHolder("Their organisation")
	f.due = newDueEntry(calendarOf(svc), now, a.Due)
	return f
}

func (f actionFields) fields() []field {
	return []field{
		{key: "description", label: "Action (required)", widget: f.description},
		{key: "desiredOutcome", label: "Desired outcome", widget: f.outcome},
		{key: "owner", label: "Owner (required)", widget: f.owner},
		{key: "agency", label: "Agency (required)", widget: f.agency},
		{key: "due", label: "Due (required)", widget: f.due.widget()},
	}
}

// set shows a's details in the inputs.
func (f actionFields) set(a app.Action) {
	f.description.SetText(a.Description)
	f.outcome.SetText(a.DesiredOutcome)
	f.owner.SetText(a.Owner)
	f.agency.SetText(a.Agency)
	f.due.entry.SetText(formatUKDate(a.Due))
}

// read fills a's details from the inputs, or returns the problem with the due date.
func (f actionFields) read(a app.Action) (app.Action, error) {
	due, err := f.due.value()
	if err != nil {
		var p app.Problems
		p.Add("due", "%s", upperFirst(err.Error())+".")
		return a, p.Err()
	}
	a.Description, a.DesiredOutcome = strings.TrimSpace(f.description.Text), strings.TrimSpace(f.outcome.Text)
	a.Owner, a.Agency, a.Due = strings.TrimSpace(f.owner.Text), strings.TrimSpace(f.agency.Text), due
	return a, nil
}

// ShowAddAction asks for a new action for a person (from a MAM when
// meetingID is set) and stores it.
func ShowAddAction(win fyne.Window, svc FollowUpService, personID, meetingID int64, who string, now time.Time, done func(app.Action)) {
	showAddAction(win, svc, personID, meetingID, who, newActionFields(svc, now, app.Action{}), done)
}

// ShowAgreeAction asks for an action agreed at MAM m: a span typed as the
// due date ("in 10 working days") counts from the MAM's date, not today.
func ShowAgreeAction(win fyne.Window, svc FollowUpService, m app.Meeting, who string, done func(app.Action)) {
	day := app.DateOf(m.Start.In(app.ServiceLocation))
	f := newActionFields(svc, day, app.Action{})
	f.due.from = "the MAM on " + day.Format("Mon 2 Jan")
	f.due.explain()
	showAddAction(win, svc, m.PersonID, m.ID, who, f, done)
}

func showAddAction(win fyne.Window, svc FollowUpService, personID, meetingID int64, who string, f actionFields, done func(app.Action)) {
	title := "Add an action for " + who
	if meetingID != 0 {
		title = "Agree an action at the MAM for " + who
	}
	showFormDialog(win, title, "Add action", f.fields(), func() (func(), error) {
		a, err := f.read(app.Action{PersonID: personID, MeetingID: meetingID})
		if err != nil {
			return nil, err
		}
		saved, err := svc.AddAction(ctx(), a)
		if err != nil {
			return nil, err
		}
		return func() { done(saved) }, nil
	})
}

// actionLine is one line about an action: what, owner and agency, due and status.
func actionLine(a app.Action, now time.Time, cal *calendar.Calendar) string {
	s := fmt.Sprintf("%s · %s (%s) · due %s · %s", a.Description, a.Owner, a.Agency, app.FormatDate(a.Due), statusText(a))
	if n := a.WorkingDaysOverdue(now, cal); n > 0 {
		s += fmt.Sprintf(" · OVERDUE by %s", plural(n, "working day"))
	} else if a.Overdue(now) { // since a day that is not a working day
		s += " · OVERDUE"
	}
	return s
}

// statusText is the status with its reason or completion date.
func statusText(a app.Action) string {
	switch {
	case a.Status.NeedsReason() && a.StatusReason != "":
		return a.Status.String() + ": " + a.StatusReason
	case a.Status == app.ActionDone && !a.CompletedOn.IsZero():
		return "Done " + app.FormatDate(a.CompletedOn)
	}
	return a.Status.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// changeStatus moves an action to status to. Moves that need nothing more
// (starting work, unblocking) happen at once; cancelled and blocked ask
// for the reason, done for the day it was done, and reopening for why.
// Blocked offers to raise a gap in service straight after. changed is
// called with the stored action; a refusal is shown and changes nothing.
func changeStatus(win fyne.Window, svc FollowUpService, a app.Action, to app.ActionStatus, now time.Time, changed func(app.Action), raiseGap func(app.Action)) {
	reopening := a.Status.Closed() && !to.Closed()
	if !to.NeedsReason() && to != app.ActionDone && !reopening {
		saved, err := svc.ChangeActionStatus(ctx(), a.ID, app.StatusChange{From: a.Status, To: to})
		if err != nil {
			showError(win, "The status was not changed", err)
			changed(a)
			return
		}
		changed(saved)
		return
	}
	reason := reasonEntry("Why")
	on := widget.NewEntry()
	on.SetText(formatUKDate(app.DateOf(now)))
	on.SetPlaceHolder("dd/mm/yyyy")
	gap := widget.NewCheck("Raise a gap in service about this now", nil)
	gap.SetChecked(a.GapID == 0)
	var fields []field
	title := fmt.Sprintf("Mark the action %s", strings.ToLower(to.String()))
	switch {
	case to == app.ActionDone:
		fields = append(fields, field{key: "on", label: "Done on", widget: on})
		if reopening {
			fields = append(fields, field{key: "reason", label: "Why (optional)", widget: reason})
		}
	case to == app.ActionBlocked:
		fields = append(fields, field{key: "reason", label: "What is holding it up (required)", widget: reason,
			hint: "For example: no provider has capacity, waiting list closed."})
		if a.GapID == 0 {
			fields = append(fields, field{key: "", label: "Gap in service", widget: gap, hint: "A service that is not there is a gap in service: senior managers are told through the Gaps in Service form."})
		}
	case to == app.ActionCancelled:
		fields = append(fields, field{key: "reason", label: "Why it is no longer needed (required)", widget: reason})
	default:
		title = "Reopen the action"
		fields = append(fields, field{key: "reason", label: "Why it is reopened (required)", widget: reason})
	}
	fields = append([]field{{key: "", label: "", widget: wrapped(a.Description)}}, fields...)
	d := showFormDialog(win, title, "Change status", fields, func() (func(), error) {
		c := app.StatusChange{From: a.Status, To: to, Reason: reason.Text}
		if to == app.ActionDone {
			day, err := parseUKDate(on.Text)
			if err != nil || day.IsZero() {
				var p app.Problems
				p.Add("on", "Enter the date as day/month/year.")
				return nil, p.Err()
			}
			c.On = day
		}
		saved, err := svc.ChangeActionStatus(ctx(), a.ID, c)
		if err != nil {
			return nil, err
		}
		return func() {
			changed(saved)
			if to == app.ActionBlocked && a.GapID == 0 && gap.Checked && raiseGap != nil {
				raiseGap(saved)
			}
		}, nil
	})
	d.onCancel = func() { changed(a) }
}

// ShowAction shows an action: its details, status, progress log and any
// gap in service raised from it, with the ways to move it on. changed is
// called after every stored change.
func ShowAction(win fyne.Window, svc FollowUpService, id int64, now time.Time, changed func(), openGap func(gapID int64)) {
	a, err := svc.Action(ctx(), id)
	if err != nil {
		showError(win, "Could not load the action", err)
		return
	}
	cal := calendarOf(svc)
	body := container.NewVBox()
	var d *dialog.CustomDialog
	var render func()
	reload := func() {
		if fresh, err := svc.Action(ctx(), id); err == nil {
			a = fresh
		}
		changed()
		render()
	}
	raiseGap := func(act app.Action) {
		ShowRaiseGapFromAction(win, svc, act, now, func(g app.Gap) { reload() })
	}
	// whose action it is, when the service can say
	who := ""
	if ps, ok := svc.(interface {
		PersonRecord(ctx ctxT, personID int64) (app.PersonRecord, error)
	}); ok {
		if rec, err := ps.PersonRecord(ctx(), a.PersonID); err == nil {
			who = rec.Person.FullName()
		}
	}
	render = func() {
		body.Objects = nil
		details := widget.NewForm()
		if who != "" {
			details.Append("For", wrapped(who))
		}
		for _, it := range []*widget.FormItem{
			widget.NewFormItem("Action", wrapped(a.Description)),
			widget.NewFormItem("Desired outcome", wrapped(orDash(a.DesiredOutcome))),
			widget.NewFormItem("Owner", wrapped(a.Owner+" ("+a.Agency+")")),
			widget.NewFormItem("Due", wrapped(dueText(a, now, cal))),
			widget.NewFormItem("Status", wrapped(statusText(a))),
		} {
			details.AppendItem(it)
		}
		body.Add(details)
		if a.GapID != 0 {
			body.Add(container.NewHBox(widget.NewLabel("A gap in service was raised from this action."),
				widget.NewButton("Open the gap", func() { d.Hide(); openGap(a.GapID) })))
		}
		// the moves open from here
		var moves []fyne.CanvasObject
		for _, to := range app.ActionStatuses {
			if to == a.Status {
				continue
			}
			to := to
			label := statusVerb(a.Status, to)
			moves = append(moves, widget.NewButton(label, func() {
				changeStatus(win, svc, a, to, now, func(saved app.Action) { reload() }, raiseGap)
			}))
		}
		body.Add(widget.NewLabelWithStyle("Move it on", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		body.Add(container.NewGridWrap(fyne.NewSize(170, 36), moves...))
		if a.Status == app.ActionBlocked && a.GapID == 0 {
			body.Add(widget.NewButton("Raise a gap in service from this action…", func() { raiseGap(a) }))
		}
		body.Add(widget.NewLabelWithStyle("Progress", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if len(a.Progress) == 0 {
			body.Add(widget.NewLabel("No progress recorded yet."))
		}
		for i := len(a.Progress) - 1; i >= 0; i-- { // newest first
			p := a.Progress[i]
			body.Add(wrapped(fmt.Sprintf("%s, %s: %s", app.FormatDateTime(p.At), orDash(p.By), p.Note)))
		}
		note := widget.NewEntry()
		note.SetPlaceHolder("What has happened (dated and signed with your name)")
		problem := widget.NewLabel("")
		problem.Importance = widget.DangerImportance
		problem.Wrapping = fyne.TextWrapWord
		problem.Hide()
		add := widget.NewButton("Add note", func() {
			if _, err := svc.AddActionProgress(ctx(), id, note.Text); err != nil {
				setProblem(problem, app.Sentence(err))
				return
			}
			reload()
		})
		note.OnSubmitted = func(string) { add.OnTapped() }
		body.Add(container.NewBorder(nil, nil, nil, add, note))
		body.Add(problem)
		body.Refresh()
	}
	render()
	edit := widget.NewButton("Edit details…", func() {
		if !a.Outstanding() {
			showInfo(win, "Reopen the action first", "The action is "+strings.ToLower(a.Status.String())+": reopen it to change its details.")
			return
		}
		base := a
		f := newActionFields(svc, now, base)
		fd := showFormDialog(win, "Edit the action", "Save", f.fields(), func() (func(), error) {
			upd, err := f.read(base)
			if err != nil {
				return nil, err
			}
			if _, err := svc.UpdateActionDetails(ctx(), upd); err != nil {
				return nil, err
			}
			return reload, nil
		})
		fd.offerReload(func() error {
			newer, err := svc.Action(ctx(), base.ID)
			if err == nil {
				base = newer
				f.set(newer)
			}
			return err
		})
	})
	closeB := widget.NewButton("Close", func() { d.Hide() })
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(620, 420))
	d = dialog.NewCustomWithoutButtons("Action", container.NewBorder(nil, container.NewHBox(edit, layout.NewSpacer(), closeB), nil, nil, scroll), win)
	d.Resize(fyne.NewSize(700, 600))
	d.Show()
}

// dueText is the due date with how far off or overdue it is.
func dueText(a app.Action, now time.Time, cal *calendar.Calendar) string {
	s := app.FormatDate(a.Due)
	switch {
	case a.Overdue(now) && a.WorkingDaysOverdue(now, cal) > 0:
		s += fmt.Sprintf(" · OVERDUE by %s", plural(a.WorkingDaysOverdue(now, cal), "working day"))
	case a.Overdue(now): // due on a working day, and none has passed since
		s += " · OVERDUE"
	case a.Outstanding():
		if n := cal.WorkingDaysBetween(app.DateOf(now), a.Due); n > 0 {
			s += fmt.Sprintf(" · in %s", plural(n, "working day"))
		} else {
			s += " · due today"
		}
	}
	return s
}

// statusVerb names the move from one state to another as a button does.
func statusVerb(from, to app.ActionStatus) string {
	switch {
	case from.Closed() && !to.Closed():
		return "Reopen: " + strings.ToLower(to.String())
	case to == app.ActionInProgress:
		return "Mark in progress"
	case to == app.ActionOpen:
		return "Mark not started"
	case to == app.ActionBlocked:
		return "Mark blocked…"
	case to == app.ActionDone:
		return "Mark done…"
	case to == app.ActionCancelled:
		return "Mark cancelled…"
	}
	return to.String()
}
