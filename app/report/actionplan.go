package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// ActionPlanInput is what the action plan is made from: the professional
// plan (ActionPlan) and the family copy (FamilyActionPlan).
type ActionPlanInput struct {
	Person app.Person
	// Consent is the person's consent as it stands; the plan is refused
	// unless consent is given.
	Consent  app.ConsentStatus
	Register app.Register
	Rating   app.Rating
	// Meeting is the MAM the plan came from; the zero Meeting means the plan
	// was made from the person record.
	Meeting app.Meeting
	// ReviewDate is the next MAM or review date; zero when none is set.
	ReviewDate time.Time
	Actions    []app.Action
	// Created is when the document is made: printed in the footer, stored
	// as the PDF's creation date, and the day overdue actions are judged on.
	Created time.Time
	// Contact is who the family gets in touch with about the plan. The
	// family copy needs a name and a phone number or email address; the
	// professional plan does not print it.
	Contact ContactDetails
}

// Type sizes of the action plan, in points.
var (
	planTitle   = style{size: 20, bold: true, lead: 1.3}
	planSection = style{size: 13, bold: true, lead: 1.3}
	planDetail  = style{size: 10.5, lead: 1.3}
	planTable   = style{size: 9, lead: 1.3}
	planSmall   = style{size: 8.5, lead: 1.3}
)

// planColumns are the action table's columns; their widths add up to the
// text column (174 mm). Due and Status fit the widest date ("28 May 2026",
// 20.7 mm at 9 points) on one line, Owner fits a bold "Ольга Петрова", and
// Status is a little wider for the reason an action is blocked or cancelled.
var planColumns = []column{
	{title: "Action", width: 36},
	{title: "Desired outcome", width: 27},
	{title: "Owner and agency", width: 30},
	{title: "Due", width: 23.5},
	{title: "Status", width: 26},
	{title: "Latest progress", width: 31.5},
}

// planPad is the space inside each cell of the action table, in millimetres.
const planPad = 1.2

// overdueWord is the word that marks an overdue action (never colour alone).
const overdueWord = "Overdue"

// ActionPlan writes the professional action plan as a PDF to w: the person
// (name, date of birth and NHS number only), their register and rating, the
// MAM the plan came from, the next review, and every action as a table row,
// outstanding actions first. The table's header row is drawn again on every
// page it carries on to. A status cell gives the reason an action is blocked
// or cancelled, says Overdue in words (the tint is extra), and says when a
// gap in service was raised. Every page has "Page N of M" and the date
// printed. It returns a *ConsentError (and writes nothing) unless consent is
// given.
func ActionPlan(w io.Writer, in ActionPlanInput) error {
	if err := checkConsent(in.Consent); err != nil {
		return err
	}
	if in.Created.IsZero() {
		return errNoCreated
	}
	today := local(in.Created)
	p := in.Person
	d := newDoc("Action plan", in.Created)
	d.runningHeader = planSmall.lineHeight() + 4
	section := "" // the table being drawn, named on the pages it carries on to
	d.onNewPage = func() {
		d.setStyle(planSmall)
		left := planRunning(d, p, d.width())
		d.put(marginLeft, marginTop, d.width(), left, "L")
		if section != "" {
			w := d.pdf.GetStringWidth(left)
			d.setStyle(planSmall.withBold(true))
			if w+d.pdf.GetStringWidth(section)+5 <= d.width() {
				d.put(marginLeft, marginTop, d.width(), section, "R")
			}
		}
		y := marginTop + planSmall.lineHeight() + 1
		d.pdf.Line(marginLeft, y, pageWidth-marginRight, y)
	}
	d.newPage()

	d.paragraph(planTitle, "Action plan")
	d.paragraph(planDetail, "Dynamic Support Pathway, Leicester, Leicestershire and Rutland")
	d.space(3)
	details := &table{
		d:    d,
		cols: []column{{width: 42}, {width: d.width() - 42}},
		text: planDetail,
		gap:  0.8,
	}
	for _, kv := range planDetails(in, today) {
		details.row([]cell{strong(kv[0]), plain(kv[1])})
	}

	open, closed := splitActions(in.Actions)
	overdue, blocked := 0, 0
	for _, a := range open {
		if a.Overdue(today) {
			overdue++
		}
		if a.Status == app.ActionBlocked {
			blocked++
		}
	}
	d.space(3)
	d.paragraph(planDetail, summary(len(open), overdue, blocked, len(closed)))

	for _, part := range []struct {
		title   string
		actions []app.Action
	}{
		{"Actions still to do", open},
		{"Done or no longer needed", closed},
	} {
		if len(part.actions) > 0 {
			section = ""
			actionTable(d, part.title, part.actions, today, func() { section = part.title })
		}
	}

	return d.finish(w, sensitiveFooter(d, today))
}

// planDetails are the label and value rows under the title. A review date
// that has passed says so.
func planDetails(in ActionPlanInput, today time.Time) [][2]string {
	p := in.Person
	dob := "Not recorded"
	if !p.DateOfBirth.IsZero() {
		dob = dayMonthYear(p.DateOfBirth)
	}
	register := "Not on a register"
	if in.Register.Valid() {
		register = in.Register.Title() + " (" + in.Register.String() + ")"
	}
	rating := "Not rated"
	if in.Rating.Valid() {
		rating = in.Rating.String() + ": " + in.Rating.Meaning()
	}
	from := "Made from the person record, not at a meeting"
	if m := in.Meeting; !m.Start.IsZero() {
		from = m.Kind.String()
		if from == "" {
			from = "MAM"
		}
		from += " on " + longDate(local(m.Start))
	}
	review := "Not set yet"
	if r := in.ReviewDate; !r.IsZero() {
		review = longDate(r)
		if reviewPassed(r, today) {
			review += " (" + strings.ToLower(overdueWord) + ")"
		}
	}
	return [][2]string{
		{"Name", p.FullName()},
		{"NHS number", nhsNumber(p)},
		{"Date of birth", dob},
		{"Register", register},
		{"Rating", rating},
		{"From the meeting", from},
		{"Next review", review},
	}
}

// reviewPassed reports whether the review date is before today.
func reviewPassed(review, today time.Time) bool {
	return app.DateOf(review).Before(app.DateOf(today))
}

// nhsNumber is the person's NHS number 3-3-4, or "Not known".
func nhsNumber(p app.Person) string {
	if p.NHSNumber.IsZero() {
		return "Not known"
	}
	return p.NHSNumber.String()
}

// summary counts the actions in a sentence.
func summary(open, overdue, blocked, closed int) string {
	if open+closed == 0 {
		return "No actions have been agreed yet."
	}
	s := count(open+closed, "action") + ": " + strconv.Itoa(open) + " still to do"
	var notes []string
	if overdue > 0 {
		notes = append(notes, strconv.Itoa(overdue)+" overdue")
	}
	if blocked > 0 {
		notes = append(notes, strconv.Itoa(blocked)+" blocked")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s + ", " + strconv.Itoa(closed) + " done or no longer needed."
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// splitActions puts outstanding actions (by due date, undated last) before
// the rest (done or no longer needed, by due date).
func splitActions(all []app.Action) (open, closed []app.Action) {
	for _, a := range all {
		if a.Outstanding() {
			open = append(open, a)
		} else {
			closed = append(closed, a)
		}
	}
	byDue := func(as []app.Action) {
		sort.SliceStable(as, func(i, j int) bool {
			a, b := as[i], as[j]
			if a.Due.IsZero() != b.Due.IsZero() {
				return b.Due.IsZero()
			}
			if !a.Due.Equal(b.Due) {
				return a.Due.Before(b.Due)
			}
			return a.ID < b.ID
		})
	}
	byDue(open)
	byDue(closed)
	return open, closed
}

// actionTable draws a section heading and its table of actions; started is
// called once the heading is placed. The heading, the header row and the
// first row stay together (the first four lines of a row taller than a
// page); the last row never starts a page alone.
func actionTable(d *doc, title string, actions []app.Action, today time.Time, started func()) {
	t := &table{d: d, cols: planColumns, text: planTable, pad: planPad, borders: true, header: true}
	rows := make([][]cell, len(actions))
	for i, a := range actions {
		rows[i] = actionCells(a, today)
	}
	first := t.heightOf(rows[0])
	if first > d.limit()-d.bodyTop()-t.headerHeight() {
		first = 4*planTable.lineHeight() + 2*t.pad
	}
	d.heading(planSection, title, 5, t.headerHeight()+first+1)
	started()
	d.space(1)
	t.start(first)
	t.rows(rows)
}

// actionCells is one action as a table row.
func actionCells(a app.Action, today time.Time) []cell {
	due := plain(shortDate(a.Due))
	if a.Due.IsZero() {
		due = plain("Not set")
	}
	st := statusCell(a, today)
	due.tint = st.tint
	outcome := plain(a.DesiredOutcome)
	if strings.TrimSpace(a.DesiredOutcome) == "" {
		outcome = plain("Not recorded")
	}
	owner := strong(a.Owner).add(span{text: a.Agency})
	return []cell{plain(a.Description), outcome, owner, due, st, latestProgress(a.Progress)}
}

// gapRaised is what an action's status cell says when a gap in service
// was raised from it.
const gapRaised = "Gap in service raised"

// statusCell is an action's status in words: the reason after "Blocked:"
// or "Cancelled:", the completion date after "Done on", then Overdue (in
// bold, on a tint) and whether a gap in service was raised.
func statusCell(a app.Action, today time.Time) cell {
	status := a.Status.String()
	if status == "" {
		status = "Unknown"
	}
	var st cell
	switch why := strings.TrimSpace(a.StatusReason); {
	case a.Status.NeedsReason() && why != "":
		st = plain(status + ": " + why)
	case a.Status == app.ActionDone && !a.CompletedOn.IsZero():
		// The date on a line of its own, so it is never broken.
		st = plain(status + " on").add(span{text: shortDate(a.CompletedOn)})
	default:
		st = plain(status)
	}
	if a.Overdue(today) {
		st = st.add(span{text: overdueWord, bold: true})
		st.tint = true
	}
	if a.GapID != 0 {
		st = st.add(span{text: gapRaised})
	}
	return st
}

// latestProgress is the newest progress note, with its date and author.
func latestProgress(ps []app.Progress) cell {
	if len(ps) == 0 {
		return plain("No updates yet")
	}
	latest := ps[0]
	for _, p := range ps[1:] {
		if p.At.After(latest.At) || (p.At.Equal(latest.At) && p.ID > latest.ID) {
			latest = p
		}
	}
	head := shortDate(local(latest.At))
	if by := strings.TrimSpace(latest.By); by != "" {
		head += ", " + by
	}
	return strong(head).add(span{text: latest.Note})
}

// planRunning is the action plan's running header, whose plan it is, cut
// short (the name first) to fit one line of width w in the current style.
func planRunning(d *doc, p app.Person, w float64) string {
	const lead = "Action plan for "
	rest := " · NHS number " + nhsNumber(p) + " (continued)"
	name := clean(p.FullName())
	if room := w - d.pdf.GetStringWidth(lead+rest); room >= w/4 {
		return lead + fitText(d, name, room) + rest
	}
	return fitText(d, lead+name+rest, w)
}
