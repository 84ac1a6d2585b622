package forms

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// MeetingService schedules and keeps MAMs.
type MeetingService interface {
	ScheduleMeeting(ctx ctxT, m app.Meeting, confirmClashes bool) (app.ScheduleResult, error)
	UpdateMeeting(ctx ctxT, m app.Meeting) (app.Meeting, error)
	Meeting(ctx ctxT, id int64) (app.Meeting, error)
	Settings(ctx ctxT) (app.Settings, error)
	// FamilyAgendaPDF writes the family copy of the agenda (refused without
	// consent) and records the export.
	FamilyAgendaPDF(ctx ctxT, meetingID int64, easyRead bool, w io.Writer, fileName string) error
	// ProfessionalAgendaPDF writes the professionals' agenda (refused
	// without consent) and records the export.
	ProfessionalAgendaPDF(ctx ctxT, meetingID int64, w io.Writer, fileName string) error
	// MeetingICS writes the MAM and its pre-meeting as a calendar file
	// (refused without consent) and records the export.
	MeetingICS(ctx ctxT, meetingID int64, w io.Writer, fileName string) error
}

// parseClock reads a time of day typed as 10:00, 9.30 or 14:15.
func parseClock(s string) (app.ClockTime, error) {
	return app.ParseClockTime(strings.ReplaceAll(strings.TrimSpace(s), ".", ":"))
}

// ShowScheduleMeeting asks for a MAM's details and stores it: the slot must
// be a working day inside working hours with its pre-meeting (a refused
// slot fills in the next possible time), clashes with the family's or the
// organiser's other MAMs are shown to confirm.
func ShowScheduleMeeting(win fyne.Window, svc MeetingService, rec app.PersonRecord, now time.Time, done func()) {
	set, err := svc.Settings(ctx())
	if err != nil {
		showError(win, "Could not load the settings", err)
		return
	}
	kind := widget.NewSelect(names(app.MeetingKinds), nil)
	kind.SetSelectedIndex(0)
	held := false
	for _, m := range rec.Meetings {
		if m.Status == app.MeetingHeld || m.Status == app.MeetingOutcomeRecorded {
			held = true
		}
	}
	if held {
		kind.SetSelectedIndex(1)
	}
	for _, r := range rec.MeetingRequests {
		if r.Status == app.RequestOpen {
			kind.SetSelected(r.Kind.String())
		}
	}
	next := app.NewRules(set, nil).Calendar.NextWorkingDay(now.In(app.ServiceLocation))
	date := widget.NewEntry()
	date.SetText(formatUKDate(next))
	date.SetPlaceHolder("dd/mm/yyyy")
	at := widget.NewEntry()
	at.SetText("10:00")
	at.SetPlaceHolder("hh:mm")
	duration := widget.NewSelect([]string{"60", "90", "120", "150"}, nil)
	duration.SetSelected(strconv.Itoa(set.DefaultMeetingMinutes))
	place := widget.NewEntry()
	place.SetPlaceHolder("Address and room")
	video := widget.NewEntry()
	video.SetPlaceHolder("Video link, if online")
	organiser := widget.NewSelect(names([]app.Organiser{app.OrganisedByTeam, app.OrganisedByReferrer}), nil)
	organiser.SetSelectedIndex(0)
	organiserName := widget.NewEntry()
	organiserName.SetText(set.DisplayName)
	chair := widget.NewEntry()
	pre := widget.NewEntry()
	pre.SetText(strconv.Itoa(set.PreMeetingMinutes))
	suggested := app.SuggestedInvitees(rec, now)
	labels := make([]string, len(suggested))
	for i, inv := range suggested {
		labels[i] = inv.Name + " (" + inv.Role + ")"
	}
	invitees := widget.NewCheckGroup(labels, nil)
	invitees.SetSelected(labels)
	var open []app.Action
	for _, a := range rec.Actions {
		if a.Outstanding() {
			open = append(open, a)
		}
	}
	confirm := false
	fields := []field{
		{key: "kind", label: "Kind", widget: kind},
		{key: "start", label: "Date (required)", widget: date},
		{key: "time", label: "Time (required)", widget: at, hint: fmt.Sprintf("Working hours %s-%s on working days; the pre-meeting must fit too.", set.WorkStart, set.WorkEnd)},
		{key: "duration", label: "Length (minutes)", widget: duration},
		{key: "place", label: "Place", widget: place, hint: "Or a video link below: one of the two is needed."},
		{key: "videoLink", label: "Video link", widget: video},
		{key: "organiser", label: "Organised by", widget: organiser},
		{key: "organiserName", label: "Organiser's name", widget: organiserName},
		{key: "chair", label: "Chair", widget: chair},
		{key: "preMeetingOffset", label: "Pre-meeting (minutes before)", widget: pre, hint: "With the family, to go through the meeting. 0 for none."},
		{key: "invitees", label: "Invite", widget: invitees, hint: "More invitees can be added later. " + carried(len(open))},
	}
	showFormDialog(win, "Schedule a MAM for "+rec.Person.CalledName(), "Schedule", fields, func() (func(), error) {
		var p app.Problems
		day, err := parseUKDate(date.Text)
		if err != nil || day.IsZero() {
			p.Add("start", "Enter the date as day/month/year.")
		}
		clock, err := parseClock(at.Text)
		if err != nil {
			p.Add("time", "Enter the time as hh:mm, for example 10:00.")
		}
		preMins, err := strconv.Atoi(strings.TrimSpace(pre.Text))
		if err != nil || preMins < 0 {
			p.Add("preMeetingOffset", "Enter the minutes as a whole number, 0 for no pre-meeting.")
		}
		if err := p.Err(); err != nil {
			return nil, err
		}
		mins, _ := strconv.Atoi(duration.Selected)
		m := app.Meeting{PersonID: rec.Person.ID, Kind: app.MeetingKinds[max(kind.SelectedIndex(), 0)],
			Start:    clock.At(time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, app.ServiceLocation), app.ServiceLocation),
			Duration: time.Duration(mins) * time.Minute, Place: strings.TrimSpace(place.Text), VideoLink: strings.TrimSpace(video.Text),
			Organiser: app.Organiser(organiser.SelectedIndex() + 1), OrganiserName: strings.TrimSpace(organiserName.Text),
			Chair: strings.TrimSpace(chair.Text), PreMeetingOffset: time.Duration(preMins) * time.Minute, Agenda: app.AgendaFrom(set.Agenda(), open)}
		for i, l := range labels {
			for _, sel := range invitees.Selected {
				if sel == l {
					m.Invitees = append(m.Invitees, suggested[i])
				}
			}
		}
		res, err := svc.ScheduleMeeting(ctx(), m, confirm)
		var sp *app.SlotProblem
		switch {
		case errors.As(err, &sp):
			if !sp.Next.IsZero() {
				n := sp.Next.In(app.ServiceLocation)
				date.SetText(formatUKDate(n))
				at.SetText(n.Format("15:04"))
				sp.Problems[len(sp.Problems)-1].Message += " It has been filled in: press Schedule to use it."
			}
			return nil, err
		case errors.Is(err, app.ErrClashes):
			confirm = true
			var lines []string
			for _, c := range res.Clashes {
				lines = append(lines, fmt.Sprintf("%s: %s %s (%s)", c.Why, c.Meeting.Kind, app.FormatDateTime(c.Meeting.Start), c.Meeting.PersonName))
			}
			return nil, errors.New("this clashes: " + strings.Join(lines, "; ") + ". Press Schedule again to book it anyway, or change the time")
		case err != nil:
			return nil, err
		}
		return func() {
			showInfo(win, "MAM scheduled", scheduledText(res.Meeting))
			done()
		}, nil
	})
}

// ShowMeeting shows a MAM to record what happened: the family contacted
// beforehand, who attended or sent apologies, the outcome, or a
// cancellation.
func ShowMeeting(win fyne.Window, svc MeetingService, id int64, now time.Time, done func(app.Meeting)) {
	m, err := svc.Meeting(ctx(), id)
	if err != nil {
		showError(win, "Could not load the meeting", err)
		return
	}
	statuses := []app.MeetingStatus{app.MeetingPlanned, app.MeetingFamilyContacted, app.MeetingHeld, app.MeetingOutcomeRecorded, app.MeetingCancelled}
	status := widget.NewSelect(names(statuses), nil)
	status.SetSelected(m.Status.String())
	contacted := widget.NewEntry()
	contacted.SetPlaceHolder("dd/mm/yyyy")
	contacted.SetText(formatUKDate(m.FamilyContactedOn))
	metToday := widget.NewButton("Family met today", func() {
		contacted.SetText(formatUKDate(app.DateOf(now)))
		if status.Selected == app.MeetingPlanned.String() {
			status.SetSelected(app.MeetingFamilyContacted.String())
		}
	})
	att := newMeetingAttendance(m.Invitees)
	agenda := newMeetingAgenda(m.Agenda)
	outcome := widget.NewSelect(names(app.MeetingOutcomes), nil)
	if m.Outcome != 0 {
		outcome.SetSelected(m.Outcome.String())
	}
	nextDate := widget.NewEntry()
	nextDate.SetPlaceHolder("dd/mm/yyyy")
	nextDate.SetText(formatUKDate(m.NextDate))
	notes := widget.NewMultiLineEntry()
	notes.SetText(m.Notes)
	notes.Wrapping = fyne.TextWrapWord
	notes.SetMinRowsVisible(3)
	where := m.Place
	if m.VideoLink != "" {
		where = strings.TrimSpace(where + " " + m.VideoLink)
	}
	pre := "no pre-meeting"
	if m.HasPreMeeting() {
		pre = "pre-meeting with the family at " + m.PreMeetingStart().In(app.ServiceLocation).Format("15:04")
	}
	summary := wrapped(fmt.Sprintf("%s on %s (%s), %s. Organiser: %s. Chair: %s.", m.Kind, app.FormatDateTime(m.Start), pre, orDash(where), orDash(m.OrganiserName), orDash(m.Chair)))
	easy := widget.NewCheck("Easy read", nil)
	easy.SetChecked(familyFormatOf(svc, m.PersonID) == app.FormatEasyRead) // the family's recorded format
	var saveThen func(func(app.Meeting)) func()
	printAgenda := widget.NewButton("Save the family agenda (PDF)…", func() { saveThen(func(m app.Meeting) { saveFamilyAgenda(win, svc, m, easy.Checked) })() })
	printNow := widget.NewButton("Print", func() {
		saveThen(func(m app.Meeting) {
			pr, ok := svc.(PrintService)
			if !ok {
				return
			}
			if teamContactMissing(win, svc.Settings) {
				return
			}
			name := fmt.Sprintf("family-agenda-%d.pdf", m.ID)
			printDocument(win, pr, "the family agenda", name, func(w io.Writer) error { return svc.FamilyAgendaPDF(ctx(), m.ID, easy.Checked, w, name+" (print)") })
		})()
	})
	// saveNow reads the dialog into a copy of the meeting and stores it; m
	// changes only once the store has accepted it.
	saveNow := func() (app.Meeting, error) {
		var p app.Problems
		day, err := parseUKDate(contacted.Text)
		if err != nil {
			p.Add("familyContactedOn", "Enter the date as day/month/year.")
		}
		next, err := parseUKDate(nextDate.Text)
		if err != nil {
			p.Add("nextDate", "Enter the date as day/month/year.")
		}
		if err := p.Err(); err != nil {
			return m, err
		}
		upd := m
		upd.FamilyContactedOn, upd.NextDate = day, next
		upd.Status = statuses[max(status.SelectedIndex(), 0)]
		if i := outcome.SelectedIndex(); i >= 0 {
			upd.Outcome = app.MeetingOutcomes[i]
		}
		upd.Invitees, upd.Agenda = att.read(), agenda.read()
		upd.Notes = notes.Text
		saved, err := svc.UpdateMeeting(ctx(), upd)
		if err != nil {
			return m, err
		}
		m = saved
		return saved, nil
	}
	// reloadMeeting shows a newer copy after a conflict (state, dates,
	// attendance, agenda, notes); the next save starts from it.
	reloadMeeting := func(newer app.Meeting) {
		m = newer
		status.SetSelected(newer.Status.String())
		contacted.SetText(formatUKDate(newer.FamilyContactedOn))
		outcome.ClearSelected()
		if newer.Outcome != 0 {
			outcome.SetSelected(newer.Outcome.String())
		}
		nextDate.SetText(formatUKDate(newer.NextDate))
		notes.SetText(newer.Notes)
		att.set(newer.Invitees)
		agenda.set(newer.Agenda)
	}
	var fd *formDialog
	// exports show what is on screen: they save first
	saveThen = func(export func(app.Meeting)) func() {
		return func() {
			saved, err := saveNow()
			if err != nil {
				showError(win, "Save the meeting first", err)
				fd.conflicted(err)
				return
			}
			export(saved)
		}
	}
	planRow := meetingPlanRow(win, svc, m, now, func(export func(app.Meeting)) { saveThen(export)() })
	fd = showFormDialog(win, m.Kind.String(), "Save", []field{
		{key: "", label: "", widget: summary},
		{key: "status", label: "State", widget: status},
		{key: "familyContactedOn", label: "Family met on", widget: container.NewBorder(nil, nil, nil, metToday, contacted), hint: "Talked the family through the meeting, the agenda and who is invited."},
		{key: "invitees", label: "Attendance", widget: att.box, text: att.text},
		{key: "newInvitee", label: "Invite someone else", widget: att.adder},
		{key: "agenda", label: "Agenda", widget: agenda.view, text: agenda.text, hint: "New items are for the team; the family copy keeps its own plain-English items."},
		{key: "professional", label: "Professionals' copy", widget: widget.NewButton("Save the professional agenda (PDF)…", func() { saveThen(func(m app.Meeting) { saveProfessionalAgenda(win, svc, m) })() }),
			hint: "Full details, invitees with agencies, the outstanding actions. OFFICIAL-SENSITIVE."},
		{key: "calendar", label: "Calendar", widget: widget.NewButton("Save a calendar file (.ics)…", func() { saveThen(func(m app.Meeting) { saveCalendarFile(win, svc, m) })() }),
			hint: "The MAM and the pre-meeting, with the invitees and alarms, for Outlook or Apple Calendar."},
		{key: "print", label: "Family copy", widget: container.NewHBox(printNow, printAgenda, easy), hint: "Plain English, large type: when and where, the pre-meeting, who will be there, what will be talked about, who to contact. No internal notes."},
		{key: "actions", label: "Action plan", widget: planRow, hint: "Agree each action with a named owner, agency and due date. The plan can be saved or printed for the professionals and, in plain English, for the family."},
		{key: "outcome", label: "Outcome for the person", widget: outcome, hint: "Needed when the state is Outcome recorded."},
		{key: "nextDate", label: "Next MAM or review", widget: nextDate},
		{key: "notes", label: "Decisions and notes", widget: notes, hint: "For the team: never printed on the family agenda."},
	}, func() (func(), error) {
		saved, err := saveNow()
		if err != nil {
			return nil, err
		}
		return func() { done(saved) }, nil
	})
	fd.offerReload(func() error {
		newer, err := svc.Meeting(ctx(), id)
		if err == nil {
			reloadMeeting(newer)
		}
		return err
	})
}

// writeFileAtomic writes a file through a temporary file beside it, so a
// failure (or a refusal such as missing consent) never leaves a partial
// file; a refused export leaves nothing at all.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dspdesk-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(path) // the save dialog may have created it empty
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func carried(n int) string {
	switch n {
	case 0:
		return "No outstanding actions to carry into the agenda."
	case 1:
		return "1 outstanding action is carried into the agenda."
	}
	return fmt.Sprintf("%d outstanding actions are carried into the agenda.", n)
}

// saveExport asks where to save a document (offering fileName), writes it
// there through write (which gets the chosen file's name for the audit
// log), and says where it went; a refused or failed export leaves no file.
func saveExport(win fyne.Window, what, fileName, after string, write func(w io.Writer, base string) error) {
	saveExportThen(win, what, fileName, write, func() string { return after })
}

// saveExportThen is saveExport with the closing sentence worked out after
// the file is written.
func saveExportThen(win fyne.Window, what, fileName string, write func(w io.Writer, base string) error, after func() string) {
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if err := writeFileAtomic(path, func(w io.Writer) error { return write(w, filepath.Base(path)) }); err != nil {
			if text, ok := settingRefusal(err); ok {
				offerSettings(win, upperFirst(what)+" was not saved", text)
				return
			}
			showError(win, upperFirst(what)+" was not saved", err)
			return
		}
		showInfo(win, upperFirst(what)+" saved", strings.TrimSpace("Saved as "+path+". "+after()))
	}, win)
	save.SetFileName(fileName)
	save.Show()
}

// meetingDay is a meeting's date for file names: 2026-11-30.
func meetingDay(m app.Meeting) string { return m.Start.In(app.ServiceLocation).Format("2006-01-02") }

// saveFamilyAgenda saves the family agenda (plain or easy read).
func saveFamilyAgenda(win fyne.Window, svc MeetingService, m app.Meeting, easyRead bool) {
	if teamContactMissing(win, svc.Settings) {
		return
	}
	name := "family-agenda-" + meetingDay(m) + ".pdf"
	if easyRead {
		name = "easy-read-" + name
	}
	saveExport(win, "the family agenda", name, "Open it to print it.", func(w io.Writer, base string) error {
		return svc.FamilyAgendaPDF(ctx(), m.ID, easyRead, w, base)
	})
}

// saveProfessionalAgenda saves the professionals' agenda.
func saveProfessionalAgenda(win fyne.Window, svc MeetingService, m app.Meeting) {
	saveExport(win, "the professional agenda", "mam-agenda-"+meetingDay(m)+".pdf", "", func(w io.Writer, base string) error {
		return svc.ProfessionalAgendaPDF(ctx(), m.ID, w, base)
	})
}

// saveCalendarFile saves the MAM and its pre-meeting as a calendar file.
func saveCalendarFile(win fyne.Window, svc MeetingService, m app.Meeting) {
	saveExport(win, "the calendar file", "mam-"+meetingDay(m)+".ics", "Open it to add the MAM and the pre-meeting to your calendar.",
		func(w io.Writer, base string) error { return svc.MeetingICS(ctx(), m.ID, w, base) })
}

// meetingPlanRow is the MAM's action plan: how many actions it agreed, a
// button to agree another, and the plan's Save as and Print (after saving
// the meeting, so the plan shows its next date).
func meetingPlanRow(win fyne.Window, svc MeetingService, m app.Meeting, now time.Time, saveThen func(func(app.Meeting))) fyne.CanvasObject {
	row := container.NewHBox()
	fu, ok := svc.(FollowUpService)
	if !ok {
		return row
	}
	agreed := widget.NewLabel("")
	count := 0
	show := func() { agreed.SetText(plural(count, "action") + " agreed at this MAM") }
	person := app.Person{ID: m.PersonID, GivenName: "this person"}
	if ps, ok := svc.(interface {
		PersonRecord(ctx ctxT, personID int64) (app.PersonRecord, error)
	}); ok {
		if rec, err := ps.PersonRecord(ctx(), m.PersonID); err == nil {
			person = rec.Person
			for _, a := range rec.Actions {
				if a.MeetingID == m.ID {
					count++
				}
			}
		}
	}
	show()
	add := widget.NewButtonWithIcon("Agree an action…", theme.ContentAddIcon(), func() {
		ShowAgreeAction(win, fu, m, person.CalledName(), func(app.Action) {
			count++
			show()
		})
	})
	row.Objects = []fyne.CanvasObject{add}
	if ap, ok := svc.(ActionPlanService); ok {
		pr, _ := svc.(PrintService)
		var plan *widget.Button
		plan = widget.NewButtonWithIcon("Action plan (PDF)", theme.DocumentIcon(), func() {
			saveThen(func(saved app.Meeting) {
				items := actionPlanMenu(win, ap, pr, person, saved.ID)
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(plan).Add(fyne.NewPos(0, plan.Size().Height))
				widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), win.Canvas(), pos)
			})
		})
		row.Add(plan)
	}
	row.Add(agreed)
	return row
}
