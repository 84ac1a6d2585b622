package forms

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// gapContext says what a gap form is about: the person's record when the
// gap is raised from it (to choose the MAM or action it came from), or a
// line describing what it is linked to.
type gapContext struct {
	rec   *app.PersonRecord
	about string
}

// ShowRaiseGapFromAction opens the Gaps in Service form filled in from a
// blocked action: the person, the MAM and the action are linked, and the
// reason it is blocked becomes the description.
func ShowRaiseGapFromAction(win fyne.Window, svc FollowUpService, a app.Action, now time.Time, done func(app.Gap)) {
	g := app.GapFromAction(a, now)
	showGapForm(win, svc, g, gapContext{about: "The person the action is for (their place and age group come from their record). From the action: " + a.Description}, now, done)
}

// ShowRecordGap opens a new Gaps in Service form about the person whose
// record is given, or an anonymous one when rec is nil.
func ShowRecordGap(win fyne.Window, svc FollowUpService, rec *app.PersonRecord, now time.Time, done func(app.Gap)) {
	g := app.Gap{Date: app.DateOf(now), Status: app.GapOpen}
	c := gapContext{rec: rec}
	if rec != nil {
		g.PersonID = rec.Person.ID
	}
	showGapForm(win, svc, g, c, now, done)
}

// ShowGap opens a stored gap to record its escalation, response and status.
func ShowGap(win fyne.Window, svc FollowUpService, id int64, personName string, now time.Time, done func(app.Gap)) {
	g, err := svc.Gap(ctx(), id)
	if err != nil {
		showError(win, "Could not load the gap in service", err)
		return
	}
	about := "Anonymous"
	if g.PersonID != 0 {
		about = orDash(personName) + " (place and age group from their record: " + g.LocalAuthority.String() + ", " + g.AgeGroup.String() + ")"
	}
	if g.ActionID != 0 {
		about += ". Raised from one of their actions."
	} else if g.MeetingID != 0 {
		about += ". Raised at a MAM."
	}
	showGapForm(win, svc, g, gapContext{about: about}, now, done)
}

// showGapForm is the Gaps in Service form of DOMAIN.md section 4.8.
func showGapForm(win fyne.Window, svc FollowUpService, g app.Gap, c gapContext, now time.Time, done func(app.Gap)) {
	raisedBy := widget.NewEntry()
	raisedBy.SetText(g.RaisedBy)
	if g.RaisedBy == "" {
		if set, err := svc.Settings(ctx()); err == nil {
			raisedBy.SetText(set.DisplayName)
		}
	}
	date := widget.NewEntry()
	date.SetPlaceHolder("dd/mm/yyyy")
	date.SetText(formatUKDate(g.Date))
	var fields []field
	fields = append(fields, field{key: "date", label: "Date (required)", widget: date},
		field{key: "raisedBy", label: "Raised by (required)", widget: raisedBy})

	// who it is about: a person (place and age group from their record), or
	// anonymous with both chosen here
	place := widget.NewSelect(names(app.LocalAuthorities), nil)
	ageGroup := widget.NewSelect([]string{"Children and young people (under 18)", "Adults (18 and over)"}, nil)
	if g.LocalAuthority.Valid() {
		place.SetSelected(g.LocalAuthority.String())
	}
	switch g.AgeGroup {
	case app.CYP:
		ageGroup.SetSelectedIndex(0)
	case app.Adult:
		ageGroup.SetSelectedIndex(1)
	}
	var meetingSel, actionSel *widget.Select
	var meetings []app.Meeting
	var actions []app.Action
	switch {
	case g.PersonID == 0:
		fields = append(fields, field{key: "", label: "About", widget: wrapped("Anonymous: no one is named. Choose where the person lives and their age group, for the report.")},
			field{key: "localAuthority", label: "Local authority (required)", widget: place},
			field{key: "ageGroup", label: "Age group (required)", widget: ageGroup})
	case c.rec != nil:
		fields = append(fields, field{key: "", label: "About", widget: wrapped(c.rec.Person.FullName() + " (place and age group from their record)")})
		meetingNames := []string{"None"}
		for _, m := range c.rec.Meetings {
			if m.Status != app.MeetingCancelled {
				meetings = append(meetings, m)
				meetingNames = append(meetingNames, m.Kind.String()+", "+app.FormatDate(m.Start.In(app.ServiceLocation)))
			}
		}
		meetingSel = widget.NewSelect(meetingNames, nil)
		meetingSel.SetSelectedIndex(0)
		if len(meetings) > 0 && meetings[0].Start.Before(now) {
			meetingSel.SetSelectedIndex(1) // the latest MAM held
		}
		actionNames := []string{"None"}
		for _, a := range c.rec.Actions {
			actions = append(actions, a)
			actionNames = append(actionNames, fmt.Sprintf("%s (%s, %s)", a.Description, a.Owner, a.Status))
		}
		actionSel = widget.NewSelect(actionNames, nil)
		actionSel.SetSelectedIndex(0)
		fields = append(fields, field{key: "meeting", label: "Raised at the MAM", widget: meetingSel},
			field{key: "action", label: "From the action", widget: actionSel})
	default:
		fields = append(fields, field{key: "", label: "About", widget: wrapped(c.about)})
	}

	category := widget.NewSelect(names(app.GapCategories), nil)
	if g.Category.Valid() {
		category.SetSelected(g.Category.String())
	}
	summary := widget.NewEntry()
	summary.SetText(g.Summary)
	summary.SetPlaceHolder("For example: no short-break beds for autistic young people in the county")
	left := widget.NewLabel("")
	left.SizeName = theme.SizeNameCaptionText
	count := func(s string) {
		n := app.SummaryLimit - utf8.RuneCountInString(strings.TrimSpace(s))
		if n >= 0 {
			left.SetText(fmt.Sprintf("%d characters left.", n))
		} else {
			left.SetText(fmt.Sprintf("%d characters too many.", -n))
		}
	}
	summary.OnChanged = count
	count(g.Summary)
	multi := func(text, placeholder string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	description := multi(g.Description, "What is missing or not working")
	impact := multi(g.Impact, "How it affects the person's health and wellbeing, and their ability to stay in the community")
	tried := multi(g.WhatTried, "What the team and agencies tried")
	escalated := widget.NewEntry()
	escalated.SetText(g.EscalatedTo)
	escalated.SetPlaceHolder("The senior manager told")
	response := multi(g.Response, "What they said or did")
	status := widget.NewSelect(names([]app.GapStatus{app.GapOpen, app.GapEscalated, app.GapResponded, app.GapClosed}), nil)
	status.SetSelected(g.Status.String())
	closedOn := widget.NewEntry()
	closedOn.SetPlaceHolder("dd/mm/yyyy")
	closedOn.SetText(formatUKDate(g.ClosedOn))
	status.OnChanged = func(s string) {
		if s == app.GapClosed.String() && closedOn.Text == "" {
			closedOn.SetText(formatUKDate(app.DateOf(now)))
		}
	}
	fields = append(fields,
		field{key: "category", label: "Category (required)", widget: category},
		field{key: "summary", label: "Short description (required)", widget: summary,
			hint: "Goes in the senior managers' report: no names, dates of birth or other details that identify anyone."},
		field{key: "", label: "", widget: left},
		field{key: "description", label: "Description (required)", widget: description},
		field{key: "impact", label: "Impact on the person (required)", widget: impact},
		field{key: "whatTried", label: "What was tried", widget: tried},
		field{key: "escalatedTo", label: "Escalated to", widget: escalated},
		field{key: "response", label: "Response", widget: response},
		field{key: "status", label: "Status", widget: status},
		field{key: "closedOn", label: "Closed on", widget: closedOn, hint: "When the status is Closed."},
	)
	title, submit := "Record a gap in service", "Record gap"
	if g.ID != 0 {
		title, submit = "Gap in service", "Save"
	}
	in := gapInputs{date, raisedBy, place, ageGroup, category, summary, description, impact, tried, escalated, response, status, closedOn}
	fd := showFormDialog(win, title, submit, fields, func() (func(), error) {
		var p app.Problems
		day, err := parseUKDate(date.Text)
		if err != nil || day.IsZero() {
			p.Add("date", "Enter the date as day/month/year.")
		}
		closed, err := parseUKDate(closedOn.Text)
		if err != nil {
			p.Add("closedOn", "Enter the date as day/month/year.")
		}
		if err := p.Err(); err != nil {
			return nil, err
		}
		upd := g
		upd.Date, upd.RaisedBy = day, strings.TrimSpace(raisedBy.Text)
		if g.PersonID == 0 {
			upd.LocalAuthority = 0
			if i := place.SelectedIndex(); i >= 0 {
				upd.LocalAuthority = app.LocalAuthorities[i]
			}
			upd.AgeGroup = 0
			if i := ageGroup.SelectedIndex(); i >= 0 {
				upd.AgeGroup = []app.AgeGroup{app.CYP, app.Adult}[i]
			}
		}
		if meetingSel != nil {
			upd.MeetingID = 0
			if i := meetingSel.SelectedIndex(); i > 0 {
				upd.MeetingID = meetings[i-1].ID
			}
		}
		if actionSel != nil {
			upd.ActionID = 0
			if i := actionSel.SelectedIndex(); i > 0 {
				upd.ActionID = actions[i-1].ID
			}
		}
		upd.Category = 0
		if i := category.SelectedIndex(); i >= 0 {
			upd.Category = app.GapCategories[i]
		}
		upd.Summary, upd.Description, upd.Impact = strings.TrimSpace(summary.Text), strings.TrimSpace(description.Text), strings.TrimSpace(impact.Text)
		upd.WhatTried, upd.EscalatedTo, upd.Response = strings.TrimSpace(tried.Text), strings.TrimSpace(escalated.Text), strings.TrimSpace(response.Text)
		upd.Status = []app.GapStatus{app.GapOpen, app.GapEscalated, app.GapResponded, app.GapClosed}[max(status.SelectedIndex(), 0)]
		upd.ClosedOn = closed
		var saved app.Gap
		if g.ID == 0 {
			saved, err = svc.RecordGap(ctx(), upd)
		} else {
			saved, err = svc.UpdateGap(ctx(), upd)
		}
		if err != nil {
			return nil, err
		}
		return func() { done(saved) }, nil
	})
	if g.ID != 0 {
		fd.offerReload(func() error {
			newer, err := svc.Gap(ctx(), g.ID)
			if err == nil {
				g = newer
				in.set(newer)
			}
			return err
		})
	}
}

// gapInputs are the gap form's inputs that a reload fills in again.
type gapInputs struct {
	date, raisedBy                                 *widget.Entry
	place, ageGroup, category                      *widget.Select
	summary, description, impact, tried, escalated *widget.Entry
	response                                       *widget.Entry
	status                                         *widget.Select
	closedOn                                       *widget.Entry
}

// set shows g in the inputs.
func (in gapInputs) set(g app.Gap) {
	in.date.SetText(formatUKDate(g.Date))
	in.raisedBy.SetText(g.RaisedBy)
	in.place.ClearSelected()
	if g.LocalAuthority.Valid() {
		in.place.SetSelected(g.LocalAuthority.String())
	}
	in.ageGroup.ClearSelected()
	switch g.AgeGroup {
	case app.CYP:
		in.ageGroup.SetSelectedIndex(0)
	case app.Adult:
		in.ageGroup.SetSelectedIndex(1)
	}
	in.category.ClearSelected()
	if g.Category.Valid() {
		in.category.SetSelected(g.Category.String())
	}
	in.summary.SetText(g.Summary)
	in.description.SetText(g.Description)
	in.impact.SetText(g.Impact)
	in.tried.SetText(g.WhatTried)
	in.escalated.SetText(g.EscalatedTo)
	in.response.SetText(g.Response)
	in.status.SetSelected(g.Status.String())
	in.closedOn.SetText(formatUKDate(g.ClosedOn))
}
