package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

// proInput is the professional agenda of the test MAM, with n of the
// person's actions (testActions: some done, some overdue on the created
// date) and the agenda AgendaFor makes from them, so the outstanding ones
// are carried in as "Review action" items. The invitees have contact details.
func proInput(t testing.TB, n int) ProfessionalAgendaInput {
	m := testMeeting()
	actions := testActions(n)
	m.Agenda = app.AgendaFor(actions)
	contacts := []struct{ email, phone string }{
		{"", "07700 900100"},
		{"sofia.p@example.org", ""},
		{"olga.petrova@example.org", "0116 496 0201"},
		{"priya.shah@example.org", ""},
		{"tom.reid@example.org", "0116 496 0203"},
		{"", "0116 496 0204"},
		{"sian.oneil@example.org", "0116 496 0123"},
	}
	for i := range m.Invitees {
		m.Invitees[i].Email, m.Invitees[i].Phone = contacts[i].email, contacts[i].phone
	}
	return ProfessionalAgendaInput{
		Meeting:  m,
		Person:   testPerson(t),
		Consent:  givenConsent(),
		Register: app.DSR,
		Rating:   app.Amber,
		Actions:  actions,
		Created:  created,
	}
}

// manyInvitees adds n synthetic professionals to a meeting.
func manyInvitees(m app.Meeting, n int) app.Meeting {
	agencies := []string{"Leicestershire Partnership NHS Trust", "Leicester City Council", "Example Academy", "Rutland County Council"}
	for i := range n {
		m.Invitees = append(m.Invitees, app.Invitee{
			Name:   fmt.Sprintf("Invitee %02d Łukasz-O'Brien", i+1),
			Role:   "Positive behaviour support practitioner",
			Agency: agencies[i%len(agencies)],
			Email:  fmt.Sprintf("invitee.%02d@example.org", i+1),
			Phone:  "0116 496 0" + strconv.Itoa(100+i),
		})
	}
	return m
}

func renderPro(t *testing.T, in ProfessionalAgendaInput) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return ProfessionalAgenda(w, in) })
}

func TestWriteProfessionalSamples(t *testing.T) {
	dir := os.Getenv("DSPDESK_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("set DSPDESK_REPORT_SAMPLES to a folder to write sample PDFs into")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	long := proInput(t, 40)
	long.Meeting = manyInvitees(longAgenda(long.Meeting), 24)
	odd := proInput(t, 16)
	odd.Person.GivenName = "Maximiliana Zoë Σοφία Ольга"
	odd.Person.FamilyName = "Wolfeschlegelsteinhausenbergerdorff-Łukasz-O'Brien-Papadopoulou"
	odd.Person.NHSNumber, odd.Person.NHSNumberUnknownReason = "", "Newly arrived, not yet registered with a GP"
	odd.Meeting.Place, odd.Meeting.Kind, odd.Meeting.PreMeetingOffset = "", app.ReviewMAM, 0
	odd.Meeting.Invitees[3].Attendance = app.SentApologies
	odd.Meeting.Invitees[4].Email = "consultant.psychiatrist.learning.disabilities@leicspart.example.nhs.uk"
	odd.Actions[0].Description = longWords("word", 300)
	samples := []struct {
		name string
		in   ProfessionalAgendaInput
	}{
		{"professional-agenda", proInput(t, 16)},
		{"professional-agenda-long", long},
		{"professional-agenda-odd", odd},
	}
	for _, s := range samples {
		var b bytes.Buffer
		if err := ProfessionalAgenda(&b, s.in); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compact is text with all white space taken out, to find a phrase however
// its cell wrapped it.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// proInviteeHeader and proActionHeader are the tables' header rows as
// pdftotext reads them.
const (
	proInviteeHeader = "Name Role Agency Email and phone Family or professional"
	proActionHeader  = "Action Owner Agency Due Status"
)

// proInviteeRow is an invitee's row as read back: every cell in order.
func proInviteeRow(inv app.Invitee) string {
	kind := "Professional"
	if inv.Family {
		kind = "Family"
	}
	parts := []string{inv.Name, inv.Role, inv.Agency, inv.Email, inv.Phone, kind}
	if inv.Agency == "" && !inv.Family {
		parts[2] = "Not given"
	}
	if inv.Email == "" && inv.Phone == "" {
		parts[3] = "Not given"
	}
	if inv.Attendance != app.AttendanceUnknown {
		parts = append(parts, inv.Attendance.String())
	}
	return compact(strings.Join(parts, " "))
}

// proActionRow is an outstanding action's row as read back, up to its status.
func proActionRow(a app.Action) string {
	return compact(strings.Join([]string{a.Description, a.Owner, a.Agency, shortDate(a.Due), a.Status.String()}, " "))
}

func TestProfessionalAgenda(t *testing.T) {
	in := proInput(t, 16)
	pdf := renderPro(t, in)
	got := text(t, pdf)
	flat := compact(pdftotext(t, pdf, "-raw"))
	today := local(in.Created)
	has := func(t *testing.T, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("the professional agenda lacks %q", w)
			}
		}
	}

	t.Run("the header identifies the person in full", func(t *testing.T) {
		has(t, "Initial MAM agenda", "For professionals",
			"Name Samuel Łukasz-O'Brien (likes to be called Sammy)",
			"NHS number "+in.Person.NHSNumber.String(),
			"Date of birth 3 March 2012 (aged 14 on the day of the meeting)",
			"Age group Children and young people (CYP)",
			"Local authority Leicestershire",
			"Register Dynamic Support Register (DSR)",
			"Rating Amber: Without urgent help, the risk of admission will become immediate.",
			"Communication needs and reasonable adjustments Easy read; prefers mornings")
		if strings.Contains(got, in.Person.NHSNumber.Digits()) {
			t.Error("the NHS number is printed without its spaces")
		}
	})
	t.Run("it gives the meeting's kind, purpose, time, place, link, pre-meeting, organiser and chair", func(t *testing.T) {
		has(t, "Meeting Initial MAM", "Purpose "+app.InitialMAM.Purpose(),
			"Date Tuesday 26 May 2026", "Time 10am to 11:30am (1 hour and 30 minutes)",
			"Place "+in.Meeting.Place,
			"Pre-meeting From 9:45am (15 minutes before the MAM), with the person, family and carers",
			"Organiser Siân O'Neil (DSP team)", "Chair Dr Tom Reid", "Status Planned")
		if !strings.Contains(unbroken(t, pdf), in.Meeting.VideoLink) {
			t.Errorf("lacks the video link %q", in.Meeting.VideoLink)
		}
	})
	t.Run("every invitee has a row with role, agency, contact details and family or professional", func(t *testing.T) {
		has(t, "7 people invited: 2 family or carers, 5 from services.", proInviteeHeader)
		for _, inv := range in.Meeting.Invitees {
			if !strings.Contains(flat, proInviteeRow(inv)) {
				t.Errorf("no row reads %q", proInviteeRow(inv))
			}
		}
	})
	t.Run("the whole agenda is there in order, numbered, with the carried-in actions", func(t *testing.T) {
		last, reviews, outstanding := -1, 0, 0
		for _, a := range in.Actions {
			if a.Outstanding() {
				outstanding++
			}
		}
		for i, it := range in.Meeting.Agenda {
			want := compact(strconv.Itoa(i+1) + ". " + it.Title)
			at := strings.Index(flat, want)
			if at < 0 {
				t.Errorf("item %d %q is missing", i+1, it.Title)
				continue
			}
			if at < last {
				t.Errorf("item %d is out of order", i+1)
			}
			last = at
			if strings.HasPrefix(it.Title, "Review action: ") {
				reviews++
			}
		}
		if reviews != outstanding {
			t.Errorf("%d review items, want the %d outstanding actions", reviews, outstanding)
		}
	})
	t.Run("each outstanding action has a row, and done ones are left out", func(t *testing.T) {
		overdue, outstanding := 0, 0
		for _, a := range in.Actions {
			id := fmt.Sprintf("A%02d.", a.ID)
			if !a.Outstanding() {
				if strings.Contains(got, id) {
					t.Errorf("action %d (%s) is printed", a.ID, a.Status)
				}
				continue
			}
			outstanding++
			if a.Overdue(today) {
				overdue++
			}
			if !strings.Contains(flat, proActionRow(a)) {
				t.Errorf("no row reads %q", proActionRow(a))
			}
		}
		if overdue == 0 || overdue == outstanding {
			t.Fatalf("%d of %d actions overdue: the fixture should have both kinds", overdue, outstanding)
		}
		has(t, fmt.Sprintf("%d outstanding actions, %d overdue on Monday 18 May 2026.", outstanding, overdue), proActionHeader)
	})
	t.Run("overdue actions and only they say Overdue in their status cell", func(t *testing.T) {
		ws := words(t, pdf)
		marked := 0
		for _, a := range in.Actions {
			if !a.Outstanding() {
				continue
			}
			m := proOverdueMarked(t, ws, a)
			if want := a.Overdue(today); m != want {
				t.Errorf("action %d (due %s): marked overdue %v, want %v", a.ID, shortDate(a.Due), m, want)
			}
			if m {
				marked++
			}
		}
		if marked == 0 {
			t.Error("the fixture has no overdue action")
		}
	})
	t.Run("every page has the footer", func(t *testing.T) {
		checkFooters(t, pdf, "OFFICIAL-SENSITIVE: contains personal health information", "Printed on Monday 18 May 2026")
	})
	t.Run("no text is clipped by its cell or overlaps other text", func(t *testing.T) {
		ws := words(t, pdf)
		checkLayout(t, ws)
		proCheckCells(t, ws)
	})
}

func TestProfessionalAgendaSpansPages(t *testing.T) {
	in := proInput(t, 40)
	in.Meeting = manyInvitees(longAgenda(in.Meeting), 24)
	pdf := renderPro(t, in)
	got := text(t, pdf)
	flat := compact(pdftotext(t, pdf, "-raw"))
	n := checkFooters(t, pdf, "OFFICIAL-SENSITIVE: contains personal health information", "Printed on Monday 18 May 2026")

	t.Run("a long agenda, many invitees and many actions take several pages and lose nothing", func(t *testing.T) {
		if n < 5 {
			t.Fatalf("it takes %d pages; the fixture should need at least 5", n)
		}
		for _, inv := range in.Meeting.Invitees {
			if !strings.Contains(flat, proInviteeRow(inv)) {
				t.Errorf("no row reads %q", proInviteeRow(inv))
			}
		}
		items := append([]app.AgendaItem(nil), in.Meeting.Agenda...)
		sort.SliceStable(items, func(i, j int) bool { return items[i].Position < items[j].Position })
		last := -1
		for i, it := range items {
			at := strings.Index(flat, compact(strconv.Itoa(i+1)+". "+it.Title))
			if at < last {
				t.Errorf("item %d %q is missing or out of order", i+1, it.Title)
			}
			last = at
		}
		for _, a := range in.Actions {
			if a.Outstanding() && !strings.Contains(flat, proActionRow(a)) {
				t.Errorf("no row reads %q", proActionRow(a))
			}
		}
		if !strings.Contains(got, "30 outstanding actions, 11 overdue on Monday 18 May 2026.") {
			t.Error("the actions are not counted")
		}
	})
	t.Run("every page a table carries on to repeats its header row and says whose agenda it is", func(t *testing.T) {
		// pdftotext reads the part carrying on (drawn first), then whose
		// agenda it is, then the header row.
		const running = "Samuel Łukasz-O'Brien · NHS number 999 123 4578 · Initial MAM 26 May 2026"
		seen := map[string]int{}
		for p := 2; p <= n; p++ {
			page := text(t, pdf, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
			if !strings.Contains(page, running) {
				t.Errorf("page %d does not say whose agenda it is", p)
			}
			for _, c := range []struct{ part, header string }{
				{"Invitees (continued)", proInviteeHeader},
				{"Actions (continued)", proActionHeader},
				{"Agenda (continued)", ""},
			} {
				if !strings.Contains(page, c.part) {
					continue
				}
				seen[c.part]++
				if c.header != "" && !strings.HasPrefix(page, c.part+" "+running+" "+c.header) {
					t.Errorf("page %d carries on %q without the header row first", p, c.part)
				}
			}
		}
		for _, part := range []string{"Invitees (continued)", "Actions (continued)", "Agenda (continued)"} {
			if seen[part] == 0 {
				t.Errorf("no page says %q: the fixture should carry every part over a page", part)
			}
		}
	})
	t.Run("no text is clipped by its cell or overlaps other text", func(t *testing.T) {
		ws := words(t, pdf)
		checkLayout(t, ws)
		proCheckCells(t, ws)
	})
}

func TestProfessionalAgendaVariants(t *testing.T) {
	nothing := proInput(t, 0)
	nothing.Meeting.Invitees = nil
	nothing.Meeting.Agenda = nil
	unknown := proInput(t, 3)
	unknown.Person.NHSNumber, unknown.Person.NHSNumberUnknownReason = "", "Newly arrived, not yet registered with a GP"
	unknown.Person.CommunicationNeeds = ""
	unknown.Person.PreferredName = ""
	unknown.Register, unknown.Rating = 0, 0
	videoOnly := proInput(t, 3)
	videoOnly.Meeting.Place = ""
	videoOnly.Meeting.PreMeetingOffset = 0
	videoOnly.Meeting.Kind = app.ReviewMAM
	videoOnly.Meeting.Organiser, videoOnly.Meeting.OrganiserName = app.OrganisedByReferrer, "Jo Example"
	adult := proInput(t, 3)
	adult.Person.DateOfBirth = app.Date(1996, time.June, 1)
	adult.Register, adult.Rating = app.ROAR, app.Red
	apologies := proInput(t, 3)
	apologies.Meeting.Invitees[3].Attendance = app.SentApologies
	apologies.Meeting.Invitees[4].Attendance = app.Attended
	oneOverdue := proInput(t, 1)
	noneOverdue := proInput(t, 3)
	noneOverdue.Created = time.Date(2026, time.April, 1, 9, 0, 0, 0, app.ServiceLocation)
	allOverdue := proInput(t, 3)
	longName := proInput(t, 40)
	longName.Person.GivenName = "Maximiliana Zoë Σοφία Ольга"
	longName.Person.FamilyName = "Wolfeschlegelsteinhausenbergerdorff-Łukasz-O'Brien-Papadopoulou"

	cases := []struct {
		name  string
		in    ProfessionalAgendaInput
		has   []string
		lacks []string
	}{
		{"with no invitees, agenda or actions it says so", nothing,
			[]string{"No one has been invited yet.", "No agenda items yet.", "No outstanding actions."}, []string{proActionHeader}},
		{"an unknown NHS number says why, and missing details say they are missing", unknown,
			[]string{"NHS number Not known: Newly arrived, not yet registered with a GP", "Register Not on a register", "Rating Not rated",
				"Communication needs and reasonable adjustments None recorded", "Name Samuel Łukasz-O'Brien NHS number"},
			[]string{"likes to be called"}},
		{"a video-only review organised by the referrer says so, without a pre-meeting", videoOnly,
			[]string{"Review MAM agenda", "Purpose " + app.ReviewMAM.Purpose(), "Place Online only, by video call",
				"Pre-meeting None planned", "Organiser Jo Example (Referrer)"}, []string{"Example House"}},
		{"an adult on the ROAR rated Red is shown so", adult,
			[]string{"1 June 1996 (aged 29 on the day of the meeting)", "Age group Adult", "Register Risk of Admission Register (ROAR)",
				"Rating Red: Admission risk is immediate"}, nil},
		{"apologies and attendance are shown with the invitee", apologies,
			[]string{"7 people invited: 2 family or carers, 5 from services (1 sent apologies).",
				"Social worker Leicestershire County Council priya.shah@example.org Professional Apologies",
				"Professional Attended"}, nil},
		{"one overdue action is counted in words", oneOverdue,
			[]string{"1 outstanding action, overdue on Monday 18 May 2026."}, nil},
		{"actions not yet due are counted in words", noneOverdue,
			[]string{"3 outstanding actions, none overdue on Wednesday 1 April 2026."}, []string{overdueWord}},
		{"actions all past due are counted in words", allOverdue,
			[]string{"3 outstanding actions, all overdue on Monday 18 May 2026."}, nil},
		{"a very long name is cut short in the running header, never over the edge", longName,
			[]string{"Maximiliana Zoë Σοφία Ольга Wolfeschlegelsteinhausenbergerdorff-Łukasz-O'Brien-Papadopoulou",
				"… · NHS number 999 123 4578 · Initial MAM 26 May 2026"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := renderPro(t, c.in)
			got := text(t, pdf)
			for _, w := range c.has {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, b := range c.lacks {
				if strings.Contains(got, b) {
					t.Errorf("contains %q", b)
				}
			}
			ws := words(t, pdf)
			checkLayout(t, ws)
			proCheckCells(t, ws)
			checkFooters(t, pdf)
		})
	}
}

func TestProfessionalAgendaNames(t *testing.T) {
	t.Run("names in Latin, Greek and Cyrillic print as typed", func(t *testing.T) {
		in := proInput(t, 5)
		in.Person.GivenName, in.Person.FamilyName = "Σοφία", "Ольга Łukasz-O'Brien"
		got := text(t, renderPro(t, in))
		for _, n := range []string{"Σοφία Ольга Łukasz-O'Brien", "Zoë Łukasz-O'Brien", "Σοφία Παπαδοπούλου", "Ольга Петрова",
			"Siân O'Neil", "Marek Żukowski"} {
			if !strings.Contains(got, n) {
				t.Errorf("lacks %q", n)
			}
		}
	})
}

func TestProfessionalAgendaSameBytes(t *testing.T) {
	t.Run("the professional agenda renders to the same bytes every time", func(t *testing.T) {
		in := proInput(t, 40)
		in.Meeting = longAgenda(in.Meeting)
		first := renderPro(t, in)
		for range 3 {
			if again := renderPro(t, in); !bytes.Equal(first, again) {
				t.Fatal("two renders of the same input differ")
			}
		}
		if !bytes.Contains(first, []byte("/CreationDate (D:20260518133000)")) {
			t.Error("the creation date is not the one passed in")
		}
	})
}

func TestProfessionalAgendaRefusals(t *testing.T) {
	withdrawn := app.ConsentStatus{State: app.ConsentWithdrawn, Latest: app.ConsentEvent{
		Withdrawn: true, Date: app.Date(2026, time.May, 1), Reason: "Family asked to stop"}}
	for _, c := range []struct {
		name    string
		consent app.ConsentStatus
	}{
		{"withdrawn consent", withdrawn},
		{"missing consent", app.ConsentStatus{}},
	} {
		t.Run("with "+c.name+" the professional agenda is refused with the screen's sentence and nothing is written", func(t *testing.T) {
			in := proInput(t, 3)
			in.Consent = c.consent
			var w countingWriter
			err := ProfessionalAgenda(&w, in)
			if !errors.Is(err, ErrNoConsent) {
				t.Fatalf("err = %v, want ErrNoConsent", err)
			}
			_, sentence := c.consent.MayExport()
			var ce *ConsentError
			if !errors.As(err, &ce) || ce.State != c.consent.State || err.Error() != sentence {
				t.Errorf("err = %q, want %q", err, sentence)
			}
			if w.n != 0 {
				t.Errorf("%d bytes written", w.n)
			}
		})
	}
	t.Run("without a creation date it is refused and nothing is written", func(t *testing.T) {
		in := proInput(t, 3)
		in.Created = time.Time{}
		var w countingWriter
		if err := ProfessionalAgenda(&w, in); err == nil || !strings.Contains(err.Error(), "creation date") {
			t.Errorf("err = %v", err)
		}
		if w.n != 0 {
			t.Errorf("%d bytes written", w.n)
		}
	})
}

// proRange is the left and right edge of column i of cols, in points.
func proRange(cols []column, i int) [2]float64 {
	x := marginLeft
	for _, c := range cols[:i] {
		x += c.width
	}
	return [2]float64{x * mmToPt, (x + cols[i].width) * mmToPt}
}

// isTableText reports whether w is in the tables' type size.
func isTableText(w word) bool { return w.size() > planTable.size-0.1 && w.size() < planTable.size+0.1 }

// proOverdueMarked reports whether the word Overdue is in the status cell
// of action a's row in the actions table: from its first word down to the
// next row's first word.
func proOverdueMarked(t *testing.T, ws []word, a app.Action) bool {
	t.Helper()
	id := fmt.Sprintf("A%02d.", a.ID)
	first, status := proRange(proActionColumns, 0), proRange(proActionColumns, 4)
	isID := func(w word) bool {
		return isTableText(w) && w.xMin < first[1] && len(w.text) == 4 && strings.HasPrefix(w.text, "A") && strings.HasSuffix(w.text, ".")
	}
	for i, w := range ws {
		if w.text != id || !isID(w) {
			continue
		}
		end := 1e9
		for _, v := range ws[i+1:] {
			if v.page == w.page && v.yMin > w.yMax && isID(v) {
				end = v.yMin
				break
			}
		}
		for _, v := range ws {
			if v.page == w.page && v.text == overdueWord && v.xMin >= status[0] && v.xMax <= status[1] && v.yMin >= w.yMin-0.5 && v.yMin < end {
				return true
			}
		}
		return false
	}
	t.Fatalf("action %d is not in the actions table", a.ID)
	return false
}

// proCheckCells fails when a word of table text is not inside one column of
// its table, clear of the padding: the invitees table runs from its heading
// to the agenda's, the actions table from its heading on.
func proCheckCells(t *testing.T, ws []word) {
	t.Helper()
	type at struct {
		page int
		y    float64
	}
	before := func(a, b at) bool { return a.page < b.page || a.page == b.page && a.y < b.y }
	heading := func(text string) at {
		for _, w := range ws {
			if w.text == text && w.size() > planSection.size-0.2 && w.size() < planSection.size+0.2 {
				return at{w.page, w.yMin}
			}
		}
		return at{1 << 30, 0}
	}
	invitees, agenda, actions := heading("Invitees"), heading("Agenda"), heading("Outstanding")
	pad := planPad*mmToPt - 0.5
	for _, w := range ws {
		if !isTableText(w) {
			continue
		}
		pos := at{w.page, w.yMin}
		var cols []column
		switch {
		case before(actions, pos):
			cols = proActionColumns
		case before(invitees, pos) && before(pos, agenda):
			cols = proInviteeColumns
		default:
			t.Errorf("page %d: %q is table text outside a table", w.page, w.text)
			continue
		}
		inside := false
		for i := range cols {
			r := proRange(cols, i)
			if w.xMin >= r[0]+pad && w.xMax <= r[1]-pad {
				inside = true
				break
			}
		}
		if !inside {
			t.Errorf("page %d: %q (x %.1f-%.1f) is not inside a column", w.page, w.text, w.xMin, w.xMax)
		}
	}
}
