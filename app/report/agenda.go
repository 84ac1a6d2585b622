package report

import (
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// ContactDetails is who the family contacts about the meeting.
type ContactDetails struct {
	Name  string
	Role  string // e.g. "Care navigator, DSP team"
	Phone string
	Email string
}

// FamilyAgendaInput is what the family copy of a MAM agenda is made from.
// Only what the family needs is printed: the person's preferred name, when
// and where, the pre-meeting, who will be there, what will be talked about
// (the items' FamilyText) and who to contact. Never the NHS number, date of
// birth, address, rating, register, notes or agenda titles.
type FamilyAgendaInput struct {
	Meeting app.Meeting
	Person  app.Person
	// Consent is the person's consent as it stands; the agenda is refused
	// unless consent is given.
	Consent app.ConsentStatus
	Contact ContactDetails
	// EasyRead chooses the easy-read version: short sentences, one idea a
	// line, larger type and more space.
	EasyRead bool
	// Created is when the document is made (printed in the footer and
	// stored as the PDF's creation date).
	Created time.Time
}

// Type sizes of the family agenda, in points. The body is never below 14
// points, and never below 18 in the easy-read version.
var (
	familyStandard = agendaStyles{
		title:   style{size: 28, bold: true, lead: 1.3},
		heading: style{size: 20, bold: true, lead: 1.3},
		body:    style{size: 14, lead: 1.4},
		footer:  style{size: 14, lead: 1.3},
		gap:     3,
	}
	familyEasyRead = agendaStyles{
		title:   style{size: 34, bold: true, lead: 1.3},
		heading: style{size: 26, bold: true, lead: 1.3},
		body:    style{size: 20, lead: 1.55},
		footer:  style{size: 18, lead: 1.3},
		gap:     6,
	}
)

// familyLargePrint is the large-print version (the family's recorded
// format): the same words, the body at 18 points.
var familyLargePrint = agendaStyles{
	title:   style{size: 32, bold: true, lead: 1.3},
	heading: style{size: 24, bold: true, lead: 1.3},
	body:    style{size: 18, lead: 1.45},
	footer:  style{size: 16, lead: 1.3},
	gap:     5,
}

// familyPlanStyles are the type sizes of the family action plan, in the
// family's recorded format: large print, or for easy read (the plan has no
// easy-read wording) the easy-read agenda's larger type and space.
func familyPlanStyles(p app.Person) agendaStyles {
	switch p.Communication.FamilyFormat {
	case app.FormatLargePrint:
		return familyLargePrint
	case app.FormatEasyRead:
		return familyEasyRead
	}
	return familyStandard
}

type agendaStyles struct {
	title, heading, body, footer style
	gap                          float64 // millimetres between list items
}

// FamilyAgenda writes the family copy of a MAM agenda as a PDF to w. It
// returns a *ConsentError (and writes nothing) unless consent is given.
func FamilyAgenda(w io.Writer, in FamilyAgendaInput) error {
	if err := checkConsent(in.Consent); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	st := familyStandard
	switch {
	case in.EasyRead:
		st = familyEasyRead
	case in.Person.Communication.FamilyFormat == app.FormatLargePrint:
		st = familyLargePrint
	}
	name := in.Person.CalledName()
	d := newDoc("Meeting about "+name, in.Created)
	d.newPage()
	a := agenda{d: d, st: st, in: in, name: name}
	a.title()
	a.when()
	a.where()
	a.preMeeting()
	a.who()
	a.what()
	a.contact()
	printed := "Printed on " + dayMonthYear(local(in.Created))
	return d.finish(w, func(page, total int) {
		d.setStyle(st.footer)
		y := footerTop
		pdf := d.pdf
		pdf.Line(marginLeft, y-2, pageWidth-marginRight, y-2)
		pageOf := "Page " + strconv.Itoa(page) + " of " + strconv.Itoa(total)
		if in.EasyRead {
			d.put(marginLeft, y, d.width(), pageOf, "R")
			return
		}
		d.put(marginLeft, y, d.width(), printed, "L")
		d.put(marginLeft, y, d.width(), pageOf, "R")
	})
}

// check refuses an agenda that would leave the family without the facts
// they need. Its messages name no one.
func (in FamilyAgendaInput) check() error {
	m := in.Meeting
	switch {
	case in.Created.IsZero():
		return errNoCreated
	case m.Start.IsZero():
		return errors.New("the meeting has no date and time: set them before printing the family agenda")
	case strings.TrimSpace(m.Place) == "" && strings.TrimSpace(m.VideoLink) == "":
		return errors.New("the meeting has no place or video link: add one before printing the family agenda")
	case in.Person.CalledName() == "":
		return errors.New("the person has no name to put on the family agenda")
	case strings.TrimSpace(in.Contact.Name) == "":
		return errors.New("add the name of the person the family can contact about the meeting")
	case strings.TrimSpace(in.Contact.Phone) == "" && strings.TrimSpace(in.Contact.Email) == "":
		return errors.New("add a phone number or email address the family can use to get in touch")
	}
	return nil
}

// agenda lays out the family agenda, section by section.
type agenda struct {
	d    *doc
	st   agendaStyles
	in   FamilyAgendaInput
	name string
}

func (a agenda) easy() bool { return a.in.EasyRead }

// section starts a section with its heading, kept on one page with the
// lines that follow it: all of texts (a short section is never split), or
// the first two lines when texts is empty.
func (a agenda) section(title string, texts ...string) {
	keep := 2 * a.st.body.lineHeight()
	if len(texts) > 0 {
		keep = 0
		for _, t := range texts {
			if strings.TrimSpace(t) != "" {
				keep += a.d.height(a.st.body, t)
			}
		}
	}
	a.d.onNewPage, a.d.runningHeader = nil, 0
	a.d.heading(a.st.heading, title, a.st.body.lineHeight()*0.9, keep)
	// A section that carries on over the page says so at the top.
	cont := a.st.body.withBold(true)
	a.d.onNewPage = func() {
		a.d.setStyle(cont)
		a.d.put(marginLeft, marginTop, a.d.width(), title+" (continued)", "L")
	}
	a.d.runningHeader = cont.lineHeight() * 1.3
}

// say writes one paragraph of body text.
func (a agenda) say(text string) { a.d.paragraph(a.st.body, text) }

// sayEach writes each sentence on a line of its own.
func (a agenda) sayEach(lines ...string) {
	for _, l := range lines {
		a.say(l)
	}
}

func (a agenda) title() {
	a.d.paragraph(a.st.title, "Meeting about "+a.name)
	a.d.space(a.st.body.lineHeight() * 0.3)
	if a.easy() {
		a.sayEach(easyPurpose(a.in.Meeting.Kind, a.name)...)
		return
	}
	a.say(familyPurpose(a.in.Meeting.Kind, a.name))
}

func (a agenda) when() {
	m := a.in.Meeting
	start := local(m.Start)
	var times string
	switch {
	case m.Duration <= 0:
		times = "At " + clock(start)
	case a.easy():
		times = "From " + clock(start) + " to " + clock(local(m.End()))
	default:
		times = clock(start) + " to " + clock(local(m.End())) + " (" + minutes(m.Duration) + ")"
	}
	a.section("When", longDate(start), times)
	a.sayEach(longDate(start), times)
}

func (a agenda) where() {
	m := a.in.Meeting
	place, link := strings.TrimSpace(m.Place), strings.TrimSpace(m.VideoLink)
	var how []string
	switch {
	case link == "":
	case place != "" && a.easy():
		how = []string{"You can also join on a video call.", "Use this link:"}
	case place != "":
		how = []string{"You can also join by video call, using this link:"}
	case a.easy():
		how = []string{"The meeting is on a video call.", "Use this link to join:"}
	default:
		how = []string{"The meeting is online, by video call. To join, use this link:"}
	}
	a.section("Where", append(append([]string{place}, how...), link)...)
	if place != "" {
		a.say(place)
	}
	if link == "" {
		return
	}
	if place != "" {
		a.d.space(a.st.body.lineHeight() * 0.4)
	}
	a.sayEach(how...)
	a.d.link(a.st.body.withBold(true), link)
}

func (a agenda) preMeeting() {
	m := a.in.Meeting
	if !m.HasPreMeeting() {
		return
	}
	at := clock(local(m.PreMeetingStart()))
	long := minutes(m.PreMeetingOffset)
	text := []string{"Before the meeting, at " + at + ", we will meet you and your family for " + long +
		" to go through the meeting together. You can tell us what you want to say, and ask anything you like."}
	if a.easy() {
		text = []string{
			"We will meet you and your family first.",
			"This is at " + at + ".",
			"It takes " + long + ".",
			"We will go through the meeting together.",
		}
	}
	a.section("Before the meeting", text...)
	a.sayEach(text...)
}

func (a agenda) who() {
	var family, services []app.Invitee
	for _, inv := range a.in.Meeting.Invitees {
		if strings.TrimSpace(inv.Name) == "" || inv.Attendance == app.SentApologies {
			continue
		}
		if inv.Family {
			family = append(family, inv)
		} else {
			services = append(services, inv)
		}
	}
	if len(family)+len(services) == 0 {
		return
	}
	a.section("Who will be there")
	nameW := a.d.width() * 0.42
	if a.easy() {
		nameW = a.d.width() * 0.48
	}
	list := &table{
		d:    a.d,
		cols: []column{{width: nameW}, {width: a.d.width() - nameW}},
		text: a.st.body,
		pad:  0,
		gap:  a.st.gap * 0.6,
	}
	group := func(heading string, people []app.Invitee, roleOf func(app.Invitee) string) {
		if len(people) == 0 {
			return
		}
		a.d.space(a.st.body.lineHeight() * 0.3)
		first := []cell{strong(people[0].Name), plain(roleOf(people[0]))}
		a.d.setStyle(a.st.body)
		a.d.ensure(a.st.body.lineHeight() + list.heightOf(first))
		a.say(heading)
		rows := make([][]cell, len(people))
		for i, inv := range people {
			rows[i] = []cell{strong(inv.Name), plain(roleOf(inv))}
		}
		list.rows(rows)
	}
	group("Your family:", family, func(inv app.Invitee) string { return inv.Role })
	group("From services:", services, func(inv app.Invitee) string {
		if a.easy() || strings.TrimSpace(inv.Agency) == "" {
			return inv.Role
		}
		return inv.Role + ", " + inv.Agency
	})
}

func (a agenda) what() {
	items := append([]app.AgendaItem(nil), a.in.Meeting.Agenda...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Position < items[j].Position })
	var texts []string
	for _, it := range items {
		if t := strings.TrimSpace(it.FamilyText); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) == 0 {
		return
	}
	a.section("What we will talk about")
	a.d.setStyle(a.st.body.withBold(true))
	numW := a.d.pdf.GetStringWidth("00.") + a.st.body.size*ptToMM
	list := &table{
		d:    a.d,
		cols: []column{{width: numW}, {width: a.d.width() - numW}},
		text: a.st.body,
		gap:  a.st.gap,
	}
	rows := make([][]cell, len(texts))
	for i, t := range texts {
		c := plain(t)
		if a.easy() {
			c = cell{}
			for _, s := range sentences(t) {
				c = c.add(span{text: s})
			}
		}
		rows[i] = []cell{strong(strconv.Itoa(i+1) + "."), c}
	}
	list.rows(rows)
}

func (a agenda) contact() {
	c := a.in.Contact
	intro := []string{"If you have a question, or you cannot come, please get in touch with:"}
	if a.easy() {
		intro = []string{"Do you have a question?", "Or you cannot come?", "Please get in touch with:"}
	}
	var details []string
	for _, d := range []struct{ label, value string }{{"", c.Role}, {"Phone: ", c.Phone}, {"Email: ", c.Email}} {
		if v := strings.TrimSpace(d.value); v != "" {
			details = append(details, d.label+v)
		}
	}
	// The whole section stays on one page.
	a.section("Who to contact", append(append(intro, c.Name), details...)...)
	a.sayEach(intro...)
	a.d.space(a.st.body.lineHeight() * 0.3)
	a.d.paragraph(a.st.body.withBold(true), c.Name)
	a.sayEach(details...)
}

// familyPurpose says in plain English why the meeting is happening.
func familyPurpose(k app.MeetingKind, name string) string {
	switch k {
	case app.ReviewMAM:
		return "We are meeting again to see how things are going for " + name + ", and to check the plan is working."
	case app.DischargeMAM:
		return "We are meeting to check that the plan for " + name + " leaving hospital is working."
	}
	return "This is a meeting with " + name + ", their family and the services that support them. " +
		"Together we will agree what support is needed, and make a plan."
}

// easyPurpose is familyPurpose in short sentences.
func easyPurpose(k app.MeetingKind, name string) []string {
	switch k {
	case app.ReviewMAM:
		return []string{"We are meeting again.", "We will talk about how things are going.", "We will check the plan."}
	case app.DischargeMAM:
		return []string{"We are meeting about " + name + " leaving hospital.", "We will check the plan is working."}
	}
	return []string{"We are having a meeting about " + name + ".", "We will talk about what help is needed.", "We will make a plan together."}
}

// sentences splits text after each full stop, question or exclamation mark
// followed by a space.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		if (r == '.' || r == '?' || r == '!') && (i+1 == len(rs) || rs[i+1] == ' ') {
			if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}
