package report

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// ProfessionalAgendaInput is what the professionals' copy of a MAM agenda is
// made from. Unlike the family copy it carries the full details: the
// person's identifiers, register and rating, every invitee with their agency
// and contact details, every agenda item as titled (the carried-in "Review
// action" items included) and the person's outstanding actions.
type ProfessionalAgendaInput struct {
	Meeting app.Meeting
	Person  app.Person
	// Consent is the person's consent as it stands; the agenda is refused
	// unless consent is given.
	Consent app.ConsentStatus
	// Register and Rating are the person's open registration; zero when
	// they are not on a register.
	Register app.Register
	Rating   app.Rating
	// Actions are the person's actions; only the outstanding ones (open or
	// in progress) are printed.
	Actions []app.Action
	// Created is when the document is made: printed in the footer, stored
	// as the PDF's creation date, and the day overdue actions are judged on.
	Created time.Time
}

// The professional agenda's tables; each set of widths adds up to the text
// column (174 mm).
var (
	// proInviteeColumns: an email address breaks after its dots when it
	// does not fit; "Professional" fits its column on one line.
	proInviteeColumns = []column{
		{title: "Name", width: 35},
		{title: "Role", width: 31},
		{title: "Agency", width: 35},
		{title: "Email and phone", width: 46},
		{title: "Family or professional", width: 27},
	}
	// proActionColumns: Due fits the widest date, Status "In progress".
	proActionColumns = []column{
		{title: "Action", width: 62},
		{title: "Owner", width: 32},
		{title: "Agency", width: 35.5},
		{title: "Due", width: 23.5},
		{title: "Status", width: 21},
	}
)

// proLabelWidth is the width of the label column of the detail tables.
const proLabelWidth = 50.0

// ProfessionalAgenda writes the professionals' copy of a MAM agenda as a
// PDF to w: who the meeting is about (name, NHS number, date of birth and
// age group, local authority, register and rating, communication needs),
// the meeting (kind and purpose, when, where, the pre-meeting, organiser and
// chair), the invitees with their agencies, the whole agenda in order and
// the person's outstanding actions. It returns a *ConsentError (and writes
// nothing) unless consent is given.
func ProfessionalAgenda(w io.Writer, in ProfessionalAgendaInput) error {
	if err := checkConsent(in.Consent); err != nil {
		return err
	}
	if in.Created.IsZero() {
		return errNoCreated
	}
	today := local(in.Created)
	p := in.Person
	d := newDoc(proTitle(in.Meeting)+" for "+proName(p), in.Created)
	d.runningHeader = planSmall.lineHeight() + 4
	section := "" // the part being drawn, named on the pages it carries on to
	d.onNewPage = func() {
		// The part carrying on is named on the right, in bold; whose agenda
		// it is fills the rest of the line, cut short only for a very long
		// name.
		room := d.width()
		if section != "" {
			d.setStyle(planSmall.withBold(true))
			d.put(marginLeft, marginTop, d.width(), section, "R")
			room -= d.pdf.GetStringWidth(section) + 5
		}
		d.setStyle(planSmall)
		d.put(marginLeft, marginTop, room, proRunning(d, in, room), "L")
		y := marginTop + planSmall.lineHeight() + 1
		d.pdf.Line(marginLeft, y, pageWidth-marginRight, y)
	}
	d.newPage()

	d.paragraph(planTitle, proTitle(in.Meeting))
	d.paragraph(planDetail, "For professionals · Dynamic Support Pathway, Leicester, Leicestershire and Rutland")

	// Each part names itself (briefly) on the pages it carries on to, once
	// its heading is placed (a page started for the heading names none).
	for _, part := range []struct {
		title, short string
		draw         func(title string, started func())
	}{
		{"About the person", "About the person", func(title string, started func()) { proDetails(d, title, proPersonRows(in), started) }},
		{"The meeting", "The meeting", func(title string, started func()) { proDetails(d, title, proMeetingRows(in.Meeting), started) }},
		{"Invitees", "Invitees", func(title string, started func()) { proInvitees(d, title, in.Meeting.Invitees, started) }},
		{"Agenda", "Agenda", func(title string, started func()) { proAgendaItems(d, title, in.Meeting.Agenda, started) }},
		{"Outstanding actions", "Actions", func(title string, started func()) { proActions(d, title, in.Actions, today, started) }},
	} {
		section = ""
		part.draw(part.title, func() { section = part.short + " (continued)" })
	}

	return d.finish(w, sensitiveFooter(d, today))
}

// proTitle is the document's title: "Initial MAM agenda".
func proTitle(m app.Meeting) string {
	if k := m.Kind.String(); k != "" {
		return k + " agenda"
	}
	return "MAM agenda"
}

// proName is the person's full name, or words that say it is missing.
func proName(p app.Person) string {
	if n := p.FullName(); n != "" {
		return n
	}
	return "a person with no name recorded"
}

// proRunning is the running header of the pages after the first, fitted to
// width w in the current style: whose agenda it is and which meeting. A name
// too long for the line is cut short before the NHS number and the meeting
// are.
func proRunning(d *doc, in ProfessionalAgendaInput, w float64) string {
	kind := in.Meeting.Kind.String()
	if kind == "" {
		kind = "MAM"
	}
	rest := " · NHS number " + nhsNumber(in.Person) + " · " + kind
	if !in.Meeting.Start.IsZero() {
		rest += " " + shortDate(local(in.Meeting.Start))
	}
	name := clean(proName(in.Person))
	if room := w - d.pdf.GetStringWidth(rest); room >= w/4 {
		return fitText(d, name, room) + rest
	}
	return fitText(d, name+rest, w)
}

// fitText is text cut (with an ellipsis) to fit one line of width w in the
// current style, for a running header that must stay on one line.
func fitText(d *doc, text string, w float64) string {
	text = clean(text)
	if d.pdf.GetStringWidth(text) <= w {
		return text
	}
	rs := []rune(text)
	for n := len(rs) - 1; n > 0; n-- {
		if s := strings.TrimSpace(string(rs[:n])) + "…"; d.pdf.GetStringWidth(s) <= w {
			return s
		}
	}
	return "…"
}

// proRow is one label and value of a detail table; a value with a url is
// a link to it.
type proRow struct {
	label, value string
	url          string
}

// proPersonRows are the details of the person the meeting is about.
func proPersonRows(in ProfessionalAgendaInput) []proRow {
	p := in.Person
	on, onWords := in.Created, "today"
	if !in.Meeting.Start.IsZero() {
		on, onWords = local(in.Meeting.Start), "on the day of the meeting"
	}
	dob, group := "Not recorded", "Not known: no date of birth recorded"
	if !p.DateOfBirth.IsZero() {
		dob = dayMonthYear(p.DateOfBirth) + " (aged " + strconv.Itoa(app.AgeOn(p.DateOfBirth, on)) + " " + onWords + ")"
		group = proAgeGroup(app.AgeGroupOn(p.DateOfBirth, on))
	}
	nhs := nhsNumber(p)
	if why := strings.TrimSpace(p.NHSNumberUnknownReason); p.NHSNumber.IsZero() && why != "" {
		nhs += ": " + why
	}
	la := p.LocalAuthority.String()
	if la == "" {
		la = "Not recorded"
	}
	register := "Not on a register"
	if in.Register.Valid() {
		register = in.Register.Title() + " (" + in.Register.String() + ")"
	}
	rating := "Not rated"
	if in.Rating.Valid() {
		rating = in.Rating.String() + ": " + in.Rating.Meaning()
	}
	needs := strings.TrimSpace(p.CommunicationNeeds)
	if needs == "" {
		needs = "None recorded"
	}
	name := p.FullName()
	if name == "" {
		name = "Not recorded"
	}
	if pref := strings.TrimSpace(p.PreferredName); pref != "" && pref != strings.TrimSpace(p.GivenName) {
		name += " (likes to be called " + pref + ")"
	}
	return []proRow{
		{label: "Name", value: name},
		{label: "NHS number", value: nhs},
		{label: "Date of birth", value: dob},
		{label: "Age group", value: group},
		{label: "Local authority", value: la},
		{label: "Register", value: register},
		{label: "Rating", value: rating},
		{label: "Communication needs and reasonable adjustments", value: needs},
	}
}

// proAgeGroup names an age group in words.
func proAgeGroup(g app.AgeGroup) string {
	switch g {
	case app.CYP:
		return "Children and young people (CYP)"
	case app.Adult:
		return "Adult"
	}
	return "Not known"
}

// proMeetingRows are the details of the meeting.
func proMeetingRows(m app.Meeting) []proRow {
	kind := m.Kind.String()
	if kind == "" {
		kind = "MAM"
	}
	rows := []proRow{{label: "Meeting", value: kind}}
	if purpose := m.Kind.Purpose(); purpose != "" {
		rows = append(rows, proRow{label: "Purpose", value: purpose})
	}
	date, times := "Not set yet", "Not set yet"
	if !m.Start.IsZero() {
		start := local(m.Start)
		date = longDate(start)
		times = "At " + clock(start)
		if m.Duration > 0 {
			times = clock(start) + " to " + clock(local(m.End())) + " (" + minutes(m.Duration) + ")"
		}
	}
	rows = append(rows, proRow{label: "Date", value: date}, proRow{label: "Time", value: times})
	place, link := strings.TrimSpace(m.Place), strings.TrimSpace(m.VideoLink)
	switch {
	case place != "":
		rows = append(rows, proRow{label: "Place", value: place})
	case link == "":
		rows = append(rows, proRow{label: "Place", value: "Not set yet"})
	default:
		rows = append(rows, proRow{label: "Place", value: "Online only, by video call"})
	}
	if link != "" {
		rows = append(rows, proRow{label: "Video link", value: link, url: link})
	}
	pre := "None planned"
	if m.HasPreMeeting() {
		pre = "With the person, family and carers, " + minutes(m.PreMeetingOffset) + " before the MAM"
		if !m.Start.IsZero() {
			pre = "From " + clock(local(m.PreMeetingStart())) + " (" + minutes(m.PreMeetingOffset) +
				" before the MAM), with the person, family and carers, to go through the meeting together"
		}
	}
	rows = append(rows, proRow{label: "Pre-meeting", value: pre})
	organiser := strings.TrimSpace(m.OrganiserName)
	switch {
	case organiser == "" && m.Organiser.String() == "":
		organiser = "Not recorded"
	case organiser == "":
		organiser = m.Organiser.String()
	case m.Organiser.String() != "":
		organiser += " (" + m.Organiser.String() + ")"
	}
	chair := strings.TrimSpace(m.Chair)
	if chair == "" {
		chair = "Not set yet"
	}
	rows = append(rows, proRow{label: "Organiser", value: organiser}, proRow{label: "Chair", value: chair})
	if s := m.Status.String(); s != "" {
		if m.Status == app.MeetingFamilyContacted && !m.FamilyContactedOn.IsZero() {
			s += " on " + longDate(m.FamilyContactedOn)
		}
		rows = append(rows, proRow{label: "Status", value: s})
	}
	return rows
}

// proDetails draws a section of label and value rows.
func proDetails(d *doc, title string, rows []proRow, started func()) {
	t := &table{
		d:    d,
		cols: []column{{width: proLabelWidth}, {width: d.width() - proLabelWidth}},
		text: planDetail,
		gap:  0.8,
	}
	cells := func(r proRow) []cell { return []cell{strong(r.label), plain(r.value)} }
	d.heading(planSection, title, 5, t.heightOf(cells(rows[0]))+1)
	started()
	d.space(1)
	for _, r := range rows {
		page, y := d.pdf.PageNo(), d.y()
		t.row(cells(r))
		if r.url != "" && d.pdf.PageNo() == page {
			// The wrapped link is a link wherever it is clicked.
			d.pdf.LinkString(marginLeft+proLabelWidth, y, d.width()-proLabelWidth, d.y()-y-t.gap, r.url)
		}
	}
}

// proInvitees draws the invitees as a table, in the meeting's order.
func proInvitees(d *doc, title string, invitees []app.Invitee, started func()) {
	var rows [][]cell
	family, services, apologies := 0, 0, 0
	for _, inv := range invitees {
		if strings.TrimSpace(inv.Name) == "" {
			continue
		}
		who := plain("Professional")
		if inv.Family {
			who = plain("Family")
			family++
		} else {
			services++
		}
		if inv.Attendance != app.AttendanceUnknown {
			who = who.add(span{text: inv.Attendance.String(), bold: true})
		}
		if inv.Attendance == app.SentApologies {
			apologies++
		}
		contact := cell{}
		for _, s := range []string{inv.Email, inv.Phone} {
			if s = strings.TrimSpace(s); s != "" {
				contact = contact.add(span{text: s})
			}
		}
		if len(contact.spans) == 0 {
			contact = plain("Not given")
		}
		agency := strings.TrimSpace(inv.Agency)
		if agency == "" && !inv.Family {
			agency = "Not given"
		}
		rows = append(rows, []cell{strong(inv.Name), plain(inv.Role), plain(agency), contact, who})
	}
	if len(rows) == 0 {
		d.heading(planSection, title, 5, planDetail.lineHeight())
		started()
		d.paragraph(planDetail, "No one has been invited yet.")
		return
	}
	people := "1 person"
	if len(rows) != 1 {
		people = strconv.Itoa(len(rows)) + " people"
	}
	summary := people + " invited: " + strconv.Itoa(family) + " family or carers, " + strconv.Itoa(services) + " from services"
	if apologies > 0 {
		summary += " (" + strconv.Itoa(apologies) + " sent apologies)"
	}
	proTable(d, title, summary+".", proInviteeColumns, rows, started)
}

// proAgendaItems draws every agenda item's title, numbered, in order.
func proAgendaItems(d *doc, title string, items []app.AgendaItem, started func()) {
	items = append([]app.AgendaItem(nil), items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Position < items[j].Position })
	var rows [][]cell
	for _, it := range items {
		if t := strings.TrimSpace(it.Title); t != "" {
			rows = append(rows, []cell{strong(strconv.Itoa(len(rows)+1) + "."), plain(t)})
		}
	}
	if len(rows) == 0 {
		d.heading(planSection, title, 5, planDetail.lineHeight())
		started()
		d.paragraph(planDetail, "No agenda items yet.")
		return
	}
	d.setStyle(planDetail.withBold(true))
	numW := d.pdf.GetStringWidth("000.") + 2
	list := &table{
		d:    d,
		cols: []column{{width: numW}, {width: d.width() - numW}},
		text: planDetail,
		gap:  1.2,
	}
	d.heading(planSection, title, 5, list.heightOf(rows[0])+1)
	started()
	d.space(1)
	list.rows(rows)
}

// proActions draws the person's outstanding actions, by due date, with
// "Overdue" in words on those past due on today.
func proActions(d *doc, title string, all []app.Action, today time.Time, started func()) {
	open, _ := splitActions(all)
	overdue := 0
	rows := make([][]cell, len(open))
	for i, a := range open {
		if a.Overdue(today) {
			overdue++
		}
		rows[i] = proActionCells(a, today)
	}
	if len(open) == 0 {
		d.heading(planSection, title, 5, planDetail.lineHeight())
		started()
		d.paragraph(planDetail, "No outstanding actions.")
		return
	}
	summary := count(len(open), "outstanding action")
	switch {
	case len(open) == 1 && overdue == 1:
		summary += ", overdue"
	case len(open) == 1:
		summary += ", not overdue"
	case overdue == 0:
		summary += ", none overdue"
	case overdue == len(open):
		summary += ", all overdue"
	default:
		summary += ", " + strconv.Itoa(overdue) + " overdue"
	}
	summary += " on " + longDate(today) + ". They are reviewed under the action plan item."
	proTable(d, title, summary, proActionColumns, rows, started)
}

// proActionCells is one outstanding action as a table row.
func proActionCells(a app.Action, today time.Time) []cell {
	due := plain(shortDate(a.Due))
	if a.Due.IsZero() {
		due = plain("Not set")
	}
	status := a.Status.String()
	if status == "" {
		status = "Unknown"
	}
	st := plain(status)
	if a.Overdue(today) {
		st = st.add(span{text: overdueWord, bold: true})
		st.tint, due.tint = true, true
	}
	return []cell{plain(a.Description), strong(a.Owner), plain(a.Agency), due, st}
}

// proTable draws a section heading, a sentence and a table with a header
// row that is drawn again on every page the table carries on to.
func proTable(d *doc, title, summary string, cols []column, rows [][]cell, started func()) {
	t := &table{d: d, cols: cols, text: planTable, pad: planPad, borders: true, header: true}
	first := min(t.heightOf(rows[0]), 4*planTable.lineHeight()+2*t.pad)
	d.heading(planSection, title, 5, d.height(planDetail, summary)+1+t.headerHeight()+first+1)
	started()
	d.paragraph(planDetail, summary)
	d.space(1.5)
	t.start(first)
	t.rows(rows) // the last row never goes over the page alone
}
