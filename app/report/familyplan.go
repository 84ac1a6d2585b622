package report

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// The family copy of the action plan carries only what the family needs:
// the person's preferred name, what will happen, who will do it (name and
// agency), by when, where it is up to in plain words, what has been done,
// when the plan is looked at again, and who to contact. Never the NHS
// number, date of birth, register, rating, progress notes, the reasons
// recorded for a blocked or cancelled action, or gaps in service.

// Plain words for where an action is up to, in the family copy.
const (
	familyNotStarted = "Not started yet"
	familyInProgress = "Being worked on"
	familyHeldUp     = "Held up"
	familyDone       = "Done"
	familyLate       = "Taking longer than planned"
)

// familyLabels label the lines under each action in the family copy.
const (
	labelWhy   = "Why"
	labelWho   = "Who"
	labelWhen  = "By when"
	labelNow   = "Where it is up to"
	labelDone  = "Done on"
	labelDidIt = "Who did it"
)

// FamilyActionPlan writes the family copy of the action plan as a PDF to
// w, in plain English and large type (the family agenda's: body text 14
// points): what will happen, who will do it, by when and where each action
// is up to; what has been done; what is no longer needed (without the
// reason); when the plan will be looked at again; and who to contact. It
// carries only what the family needs (see the note above). Every page has
// "Page N of M" and the date printed.
//
// The copy still identifies the person, so it returns a *ConsentError (and
// writes nothing) unless consent is given, exactly as ActionPlan does. It
// also needs in.Contact: a name and a phone number or email address.
func FamilyActionPlan(w io.Writer, in ActionPlanInput) error {
	if err := checkConsent(in.Consent); err != nil {
		return err
	}
	if err := in.checkFamily(); err != nil {
		return err
	}
	name := in.Person.CalledName()
	d := newDoc("The plan for "+name, in.Created)
	d.newPage()
	f := familyPlan{d: d, st: familyPlanStyles(in.Person), in: in, name: name, today: local(in.Created)}
	f.d.setStyle(f.st.body.withBold(true))
	f.numW = f.d.pdf.GetStringWidth("00.") + f.st.body.size*ptToMM*0.8
	for _, l := range []string{labelWhy, labelWho, labelWhen, labelNow, labelDone, labelDidIt} {
		f.labelW = max(f.labelW, f.d.pdf.GetStringWidth(l))
	}
	f.labelW += f.st.body.size * ptToMM

	todo, closed := splitActions(in.Actions)
	var done, dropped []app.Action
	for _, a := range closed {
		if a.Status == app.ActionDone {
			done = append(done, a)
		} else {
			dropped = append(dropped, a)
		}
	}
	f.title(len(todo) + len(done))
	f.todo(todo)
	f.done(done, len(todo))
	f.dropped(dropped)
	f.next()
	f.contact(todo)
	return d.finish(w, familyFooter(d, f.st, f.today))
}

// checkFamily refuses a family copy that would leave the family without
// the facts they need. Its messages name no one.
func (in ActionPlanInput) checkFamily() error {
	switch {
	case in.Created.IsZero():
		return errNoCreated
	case in.Person.CalledName() == "":
		return errors.New("the person has no name to put on the family copy of the plan")
	case strings.TrimSpace(in.Contact.Name) == "":
		return errors.New("add the name of the person the family can contact about the plan")
	case strings.TrimSpace(in.Contact.Phone) == "" && strings.TrimSpace(in.Contact.Email) == "":
		return errors.New("add a phone number or email address the family can use to get in touch")
	}
	return nil
}

// familyPlan lays out the family copy, section by section.
type familyPlan struct {
	d     *doc
	st    agendaStyles
	in    ActionPlanInput
	name  string
	today time.Time
	// numW is the width of the action numbers; labelW of the labels
	// ("By when") beside an action's details.
	numW, labelW float64
}

// section starts a section: its heading, kept on one page with the next
// keep millimetres; pages it carries on to begin "<title> (continued)".
func (f familyPlan) section(title string, keep float64) {
	after := f.st.body.lineHeight() * 0.25
	f.d.onNewPage, f.d.runningHeader = nil, 0
	f.d.heading(f.st.heading, title, f.st.body.lineHeight()*0.9, keep+after)
	f.d.space(after)
	cont := f.st.body.withBold(true)
	f.d.onNewPage = func() {
		f.d.setStyle(cont)
		f.d.put(marginLeft, marginTop, f.d.width(), title+" (continued)", "L")
	}
	f.d.runningHeader = cont.lineHeight() * 1.3
}

// say writes one paragraph of body text.
func (f familyPlan) say(text string) { f.d.paragraph(f.st.body, text) }

// sayHeight is how tall a paragraph of body text is.
func (f familyPlan) sayHeight(text string) float64 { return f.d.height(f.st.body, text) }

func (f familyPlan) title(actions int) {
	f.d.paragraph(f.st.title, "The plan for "+f.name)
	f.d.space(f.st.body.lineHeight() * 0.3)
	intro := "This is the plan for " + f.name + "."
	if m := f.in.Meeting; !m.Start.IsZero() {
		intro = "This is the plan we made for " + f.name + " at the meeting on " + longDate(local(m.Start)) + "."
	}
	if actions > 0 {
		intro += " It says what will happen, who will do it and by when."
	}
	f.say(intro)
}

// block is one action: its number and description in bold, then its
// details as label and value lines. It is kept on one page when it fits
// on one.
type block struct {
	head    []cell
	details [][]cell
}

func (f familyPlan) heads() *table {
	return &table{d: f.d, cols: []column{{width: f.numW}, {width: f.d.width() - f.numW}}, text: f.st.body, gap: 1}
}

func (f familyPlan) lines() *table {
	return &table{
		d:    f.d,
		cols: []column{{width: f.numW}, {width: f.labelW}, {width: f.d.width() - f.numW - f.labelW}},
		text: f.st.body,
		gap:  0.6,
	}
}

func (f familyPlan) height(b block) float64 {
	h := f.heads().heightOf(b.head) + 1
	for _, r := range b.details {
		h += f.lines().heightOf(r) + 0.6
	}
	return h
}

// page is the height of the body of a page a section carries on to.
func (f familyPlan) page() float64 {
	return f.d.limit() - marginTop - f.st.body.withBold(true).lineHeight()*1.3
}

// draw draws blocks one after another, with space between them. A block
// that fits on a page is never split.
func (f familyPlan) draw(blocks []block) {
	heads, lines := f.heads(), f.lines()
	for i, b := range blocks {
		if i > 0 {
			f.d.space(f.st.gap * 2)
		}
		if h := f.height(b); h <= f.page() {
			f.d.ensure(h)
		}
		heads.row(b.head)
		for _, r := range b.details {
			lines.row(r)
		}
	}
}

// firstKeep is how much of the first block a section's heading is kept
// with: all of it, or its first three lines when it is taller than a page.
func (f familyPlan) firstKeep(blocks []block) float64 {
	if h := f.height(blocks[0]); h <= f.page() {
		return h
	}
	return 3 * f.st.body.lineHeight()
}

// detail is one label and value line under an action.
func detail(label string, value cell) []cell {
	return []cell{plain(""), strong(label), value}
}

// who is an action's owner and agency: "Priya Shah, Leicestershire County
// Council".
func who(a app.Action) cell {
	owner, agency := strings.TrimSpace(a.Owner), strings.TrimSpace(a.Agency)
	if agency == "" {
		return plain(owner)
	}
	return plain(owner + ", " + agency)
}

// familyStatus says in plain words where an outstanding action is up to,
// and whether it is late. It never gives the reason recorded for it.
func familyStatus(a app.Action, today time.Time) cell {
	var c cell
	switch a.Status {
	case app.ActionInProgress:
		c = plain(familyInProgress)
	case app.ActionBlocked:
		c = plain(familyHeldUp)
	default:
		c = plain(familyNotStarted)
	}
	if a.Overdue(today) {
		c = c.add(span{text: familyLate})
	}
	return c
}

func (f familyPlan) todo(actions []app.Action) {
	if len(actions) == 0 {
		f.section("What will happen", f.sayHeight("There is nothing left to do on the plan at the moment."))
		f.say("There is nothing left to do on the plan at the moment.")
		return
	}
	blocks := make([]block, len(actions))
	for i, a := range actions {
		b := block{head: []cell{strong(strconv.Itoa(i+1) + "."), strong(a.Description)}}
		if why := strings.TrimSpace(a.DesiredOutcome); why != "" {
			b.details = append(b.details, detail(labelWhy, plain(why)))
		}
		b.details = append(b.details, detail(labelWho, who(a)))
		when := "No date set yet"
		if !a.Due.IsZero() {
			when = longDate(a.Due)
		}
		b.details = append(b.details, detail(labelWhen, plain(when)), detail(labelNow, familyStatus(a, f.today)))
		blocks[i] = b
	}
	f.section("What will happen", f.firstKeep(blocks))
	f.draw(blocks)
}

func (f familyPlan) done(actions []app.Action, before int) {
	if len(actions) == 0 {
		return
	}
	blocks := make([]block, len(actions))
	for i, a := range actions {
		b := block{head: []cell{strong(strconv.Itoa(before+i+1) + "."), strong(a.Description)}}
		b.details = append(b.details, detail(labelDidIt, who(a)))
		if !a.CompletedOn.IsZero() {
			b.details = append(b.details, detail(labelDone, plain(longDate(a.CompletedOn))))
		}
		blocks[i] = b
	}
	f.section("What has been done", f.firstKeep(blocks))
	f.draw(blocks)
}

func (f familyPlan) dropped(actions []app.Action) {
	if len(actions) == 0 {
		return
	}
	intro := "We agreed these before, but they are no longer needed:"
	list := f.heads()
	rows := make([][]cell, len(actions))
	for i, a := range actions {
		rows[i] = []cell{strong("•"), plain(a.Description)}
	}
	f.section("No longer needed", f.sayHeight(intro)+list.heightOf(rows[0]))
	f.say(intro)
	f.d.space(f.st.body.lineHeight() * 0.3)
	list.rows(rows)
}

func (f familyPlan) next() {
	// A date that has passed is no use to the family: they are told the
	// new one will follow.
	text := []string{"We will let you know when we will look at the plan again."}
	if r := f.in.ReviewDate; !r.IsZero() && !reviewPassed(r, f.today) {
		text = []string{
			"We will look at the plan again on " + longDate(r) + ", to see how things are going and what else is needed.",
		}
	}
	text = append(text, "Until then, the people named in this plan will keep working on their part of it.")
	keep := 0.0
	for _, t := range text {
		keep += f.sayHeight(t) + f.st.body.lineHeight()*0.3
	}
	f.section("What happens next", keep)
	for i, t := range text {
		if i > 0 {
			f.d.space(f.st.body.lineHeight() * 0.3)
		}
		f.say(t)
	}
}

func (f familyPlan) contact(todo []app.Action) {
	c := f.in.Contact
	intro := []string{"If you have a question about the plan, or something changes, please get in touch with:"}
	for _, a := range todo {
		if a.Status == app.ActionBlocked {
			intro = append(intro, "They can also tell you why something is held up, and what is being done about it.")
			break
		}
	}
	var details []string
	for _, d := range []struct{ label, value string }{{"", c.Role}, {"Phone: ", c.Phone}, {"Email: ", c.Email}} {
		if v := strings.TrimSpace(d.value); v != "" {
			details = append(details, d.label+v)
		}
	}
	// The whole section stays on one page.
	keep := f.sayHeight(intro[0]) + f.st.body.lineHeight()*0.3 + f.d.height(f.st.body.withBold(true), c.Name)
	for _, t := range append(details, intro[1:]...) {
		keep += f.sayHeight(t) + f.st.body.lineHeight()*0.3
	}
	f.section("Who to contact", keep)
	f.say(intro[0])
	f.d.space(f.st.body.lineHeight() * 0.3)
	f.d.paragraph(f.st.body.withBold(true), strings.TrimSpace(c.Name))
	for _, t := range details {
		f.say(t)
	}
	for _, t := range intro[1:] {
		f.d.space(f.st.body.lineHeight() * 0.3)
		f.say(t)
	}
}

// familyFooter is the footer of the family copies: the date printed and
// "Page N of M", in the body's large type.
func familyFooter(d *doc, st agendaStyles, today time.Time) func(page, total int) {
	printed := "Printed on " + dayMonthYear(today)
	return func(page, total int) {
		d.setStyle(st.footer)
		y := footerTop
		d.pdf.Line(marginLeft, y-2, pageWidth-marginRight, y-2)
		d.put(marginLeft, y, d.width(), printed, "L")
		d.put(marginLeft, y, d.width(), "Page "+strconv.Itoa(page)+" of "+strconv.Itoa(total), "R")
	}
}
