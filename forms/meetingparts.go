package forms

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// attendanceChoices are the attendance a MAM form offers for each invitee.
var attendanceChoices = []app.Attendance{app.AttendanceUnknown, app.Attended, app.SentApologies, app.DidNotAttend}

// meetingAttendance is the MAM form's attendance: a choice for each
// invitee, and the inputs that invite someone else.
type meetingAttendance struct {
	box      *fyne.Container
	adder    fyne.CanvasObject
	invitees []app.Invitee
	selects  []*widget.Select
}

func newMeetingAttendance(invitees []app.Invitee) *meetingAttendance {
	a := &meetingAttendance{box: container.NewVBox()}
	a.set(invitees)
	// Another invitee: name, role and agency (family need no agency).
	newName, newRole, newAgency, newEmail := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	newName.SetPlaceHolder("Name")
	newRole.SetPlaceHolder("Role (for family: e.g. Dad)")
	newAgency.SetPlaceHolder("Agency (not for family)")
	newEmail.SetPlaceHolder("Email (optional)")
	newFamily := widget.NewCheck("Family or carer", nil)
	addProblem := widget.NewLabel("")
	addProblem.Importance = widget.DangerImportance
	addProblem.Wrapping = fyne.TextWrapWord
	addProblem.Hide()
	add := widget.NewButton("Add invitee", func() {
		inv := app.Invitee{Name: strings.TrimSpace(newName.Text), Role: strings.TrimSpace(newRole.Text), Agency: strings.TrimSpace(newAgency.Text),
			Email: strings.TrimSpace(newEmail.Text), Family: newFamily.Checked}
		if err := inv.Validate().Err(); err != nil {
			setProblem(addProblem, app.Sentence(err))
			return
		}
		setProblem(addProblem, "")
		a.invitees = append(a.invitees, inv)
		a.addRow(inv)
		for _, e := range []*widget.Entry{newName, newRole, newAgency, newEmail} {
			e.SetText("")
		}
		newFamily.SetChecked(false)
	})
	a.adder = container.NewVBox(container.NewGridWithColumns(2, newName, newRole, newAgency, newEmail), container.NewBorder(nil, nil, newFamily, add), addProblem)
	return a
}

// set shows these invitees, each with their recorded attendance.
func (a *meetingAttendance) set(invitees []app.Invitee) {
	a.invitees, a.selects = append([]app.Invitee(nil), invitees...), nil
	a.box.RemoveAll()
	for _, inv := range a.invitees {
		a.addRow(inv)
	}
}

func (a *meetingAttendance) addRow(inv app.Invitee) {
	s := widget.NewSelect(names(attendanceChoices), nil)
	s.SetSelected(inv.Attendance.String())
	a.selects = append(a.selects, s)
	who := inv.Name + " (" + inv.Role
	if inv.Agency != "" {
		who += ", " + inv.Agency
	}
	// wide enough for "Sent apologies" and "Not recorded" in full
	a.box.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(180, s.MinSize().Height), s), widget.NewLabel(who+")")))
}

// read is the invitees with the attendance chosen for each.
func (a *meetingAttendance) read() []app.Invitee {
	out := make([]app.Invitee, len(a.invitees))
	for i, inv := range a.invitees {
		inv.Attendance = attendanceChoices[max(a.selects[i].SelectedIndex(), 0)]
		out[i] = inv
	}
	return out
}

// text is the attendance chosen, for the list of what was typed.
func (a *meetingAttendance) text() string {
	var parts []string
	for i, inv := range a.invitees {
		parts = append(parts, inv.Name+": "+a.selects[i].Selected)
	}
	return strings.Join(parts, "; ")
}

// meetingAgenda is the MAM form's agenda, editable: each item's wording
// and a line for what was said; items can be added.
type meetingAgenda struct {
	box  *fyne.Container
	view fyne.CanvasObject
	rows []agendaRow
}

// agendaRow keeps the item it edits, so what is saved never shifts.
type agendaRow struct {
	item         app.AgendaItem
	title, notes *widget.Entry
}

func newMeetingAgenda(items []app.AgendaItem) *meetingAgenda {
	g := &meetingAgenda{box: container.NewVBox()}
	g.set(items)
	addAgenda := widget.NewButton("Add an agenda item", func() { g.addItem(app.AgendaItem{}) })
	scroll := container.NewVScroll(g.box)
	scroll.SetMinSize(fyne.NewSize(0, 160))
	g.view = container.NewBorder(nil, addAgenda, nil, nil, scroll)
	return g
}

// set shows these items.
func (g *meetingAgenda) set(items []app.AgendaItem) {
	g.rows = nil
	g.box.RemoveAll()
	for _, it := range items {
		g.addItem(it)
	}
}

func (g *meetingAgenda) addItem(it app.AgendaItem) {
	title := widget.NewEntry()
	title.SetText(it.Title)
	title.SetPlaceHolder("Agenda item")
	e := widget.NewEntry()
	e.SetPlaceHolder("Notes on this item (for the team)")
	e.SetText(it.Notes)
	g.rows = append(g.rows, agendaRow{item: it, title: title, notes: e})
	g.box.Add(container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", len(g.rows))), nil, title), e))
}

// read is the agenda as edited; an emptied item is dropped.
func (g *meetingAgenda) read() []app.AgendaItem {
	var out []app.AgendaItem
	for _, r := range g.rows {
		title := strings.TrimSpace(r.title.Text)
		if title == "" {
			continue
		}
		it := r.item
		it.Title, it.Notes = title, r.notes.Text
		out = append(out, it)
	}
	return out
}

// text is the agenda as edited, for the list of what was typed.
func (g *meetingAgenda) text() string {
	var parts []string
	for _, it := range g.read() {
		parts = append(parts, strings.TrimSpace(it.Title+" "+strings.TrimSpace(it.Notes)))
	}
	return strings.Join(parts, "; ")
}
