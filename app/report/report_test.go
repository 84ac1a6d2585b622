package report

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

// The documents are read back with poppler's pdftotext, as a user's PDF
// reader would see them. CI installs it (scripts/deps.sh build).

// pdftotext runs pdftotext with args on a PDF and returns what it prints.
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (scripts/deps.sh build)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext %v: %v %s", args, err, stderr.String())
	}
	return string(out)
}

// text is the document's text, in the order it was drawn (cell by cell),
// with every run of white space made one
// space, and a line broken after a hyphen joined up again.
func text(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	return normalise(pdftotext(t, pdf, append([]string{"-raw"}, args...)...))
}

// unbroken is the document's text with its line breaks taken out, to find
// a long word (a link) that was broken over lines.
func unbroken(t *testing.T, pdf []byte) string {
	t.Helper()
	return strings.ReplaceAll(pdftotext(t, pdf, "-raw"), "\n", "")
}

var hyphenBreak = regexp.MustCompile(`-\s+`)

func normalise(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return hyphenBreak.ReplaceAllString(s, "-")
}

// pages is the number of pages pdftotext finds (it ends each with a form feed).
func pages(t *testing.T, pdf []byte) int {
	t.Helper()
	return strings.Count(pdftotext(t, pdf), "\f")
}

// word is one word as placed on a page, in points from the top left.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

// size is the font size of the word: DejaVu Sans spans 1.164 em from its
// ascender to its descender.
func (w word) size() float64 { return (w.yMax - w.yMin) / 1.164 }

var (
	pageRE = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// words reads every word's box with pdftotext -bbox.
func words(t *testing.T, pdf []byte) []word {
	t.Helper()
	var out []word
	page := 0
	for _, line := range strings.Split(pdftotext(t, pdf, "-bbox"), "\n") {
		if pageRE.MatchString(line) {
			page++
			continue
		}
		m := wordRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		out = append(out, word{page: page, text: html.UnescapeString(m[5]),
			xMin: f(m[1]), yMin: f(m[2]), xMax: f(m[3]), yMax: f(m[4])})
	}
	return out
}

const mmToPt = 72 / 25.4

// checkLayout fails when a word is outside the page margins, runs from the
// body into the footer, or overlaps another word.
func checkLayout(t *testing.T, ws []word) {
	t.Helper()
	const tol = 1.0 // points
	left, right := marginLeft*mmToPt-tol, (pageWidth-marginRight)*mmToPt+tol
	top, bodyEnd, footer := marginTop*mmToPt-tol, (pageHeight-marginBottom)*mmToPt+tol, (footerTop-2)*mmToPt
	for i, w := range ws {
		if w.xMin < left || w.xMax > right || w.yMin < top || w.yMax > pageHeight*mmToPt-tol {
			t.Errorf("page %d: %q is outside the margins (%.1f,%.1f)-(%.1f,%.1f)", w.page, w.text, w.xMin, w.yMin, w.xMax, w.yMax)
		}
		if w.yMax > bodyEnd && w.yMin < footer {
			t.Errorf("page %d: %q runs into the footer (y %.1f-%.1f)", w.page, w.text, w.yMin, w.yMax)
		}
		for _, v := range ws[i+1:] {
			if v.page == w.page && w.xMin < v.xMax-0.5 && v.xMin < w.xMax-0.5 && w.yMin < v.yMax-0.5 && v.yMin < w.yMax-0.5 {
				t.Errorf("page %d: %q overlaps %q", w.page, w.text, v.text)
			}
		}
	}
}

// minSize is the smallest font size of any word.
func minSize(ws []word) float64 {
	m := 1000.0
	for _, w := range ws {
		m = min(m, w.size())
	}
	return m
}

func render(t *testing.T, f func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatalf("render: %v", err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("render: not a PDF")
	}
	return b.Bytes()
}

func renderFamily(t *testing.T, in FamilyAgendaInput) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return FamilyAgenda(w, in) })
}

func renderPlan(t *testing.T, in ActionPlanInput) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return ActionPlan(w, in) })
}

// checkFooters checks every page says "Page N of M" with the right numbers.
func checkFooters(t *testing.T, pdf []byte, also ...string) int {
	t.Helper()
	n := pages(t, pdf)
	for p := 1; p <= n; p++ {
		page := text(t, pdf, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
		for _, want := range append([]string{fmt.Sprintf("Page %d of %d", p, n)}, also...) {
			if !strings.Contains(page, want) {
				t.Errorf("page %d of %d lacks %q", p, n, want)
			}
		}
	}
	return n
}

func TestFamilyAgenda(t *testing.T) {
	in := familyInput(t)
	pdf := renderFamily(t, in)
	got := text(t, pdf)
	has := func(t *testing.T, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("the family agenda lacks %q", w)
			}
		}
	}
	lacks := func(t *testing.T, bad ...string) {
		t.Helper()
		for _, b := range bad {
			if strings.Contains(got, b) {
				t.Errorf("the family agenda contains %q", b)
			}
		}
	}

	t.Run("it is about the person by their preferred name", func(t *testing.T) {
		has(t, "Meeting about Sammy")
	})
	t.Run("it says when and where, and how to join by video", func(t *testing.T) {
		has(t, "Tuesday 26 May 2026", "10am to 11:30am", in.Meeting.Place)
		if !strings.Contains(unbroken(t, pdf), in.Meeting.VideoLink) {
			t.Errorf("lacks the video link %q", in.Meeting.VideoLink)
		}
	})
	t.Run("it gives the pre-meeting time and what it is for", func(t *testing.T) {
		has(t, "Before the meeting, at 9:45am, we will meet you and your family for 15 minutes to go through the meeting together.")
	})
	t.Run("it names everyone who will be there, with their role", func(t *testing.T) {
		for _, inv := range in.Meeting.Invitees {
			has(t, inv.Name, inv.Role)
			if !inv.Family {
				has(t, inv.Role+", "+inv.Agency)
			}
		}
	})
	t.Run("it lists the family wording of each agenda item, in order", func(t *testing.T) {
		last := -1
		for i, it := range in.Meeting.Agenda {
			if it.FamilyText == "" {
				continue
			}
			at := strings.Index(got, it.FamilyText)
			if at < 0 {
				t.Errorf("item %d %q is missing", i+1, it.FamilyText)
				continue
			}
			if at < last {
				t.Errorf("item %d is out of order", i+1)
			}
			last = at
		}
	})
	t.Run("it says who to contact", func(t *testing.T) {
		c := in.Contact
		has(t, c.Name, c.Role, "Phone: "+c.Phone, "Email: "+c.Email)
	})
	t.Run("it leaves out identifiers, ratings, notes and internal wording", func(t *testing.T) {
		p := in.Person
		lacks(t, p.NHSNumber.String(), p.NHSNumber.Digits(),
			"3 March 2012", "3 Mar 2012", "03/03/2012", "2012-03-03",
			"Amber", "DSR", "ROAR", "Dynamic Support Register", "rating",
			"Internal note", "Meeting note", "Gaps in service", "Welcome, introductions",
			p.Address, p.Postcode, p.GP, p.CommunicationNeeds)
		for _, it := range in.Meeting.Agenda {
			lacks(t, it.Notes, it.Title)
		}
	})
	t.Run("its type is at least 14 point and nothing is clipped or overlaps", func(t *testing.T) {
		ws := words(t, pdf)
		if s := minSize(ws); s < 14-0.1 {
			t.Errorf("the smallest type is %.1f pt", s)
		}
		checkLayout(t, ws)
	})
	t.Run("every page is numbered out of the total and dated", func(t *testing.T) {
		checkFooters(t, pdf, "Printed on 18 May 2026")
	})
}

func TestFamilyAgendaVariants(t *testing.T) {
	apologies := familyInput(t)
	apologies.Meeting.Invitees[3].Attendance = app.SentApologies
	videoOnly := familyInput(t)
	videoOnly.Meeting.Place = ""
	noPre := familyInput(t)
	noPre.Meeting.PreMeetingOffset = 0
	review := familyInput(t)
	review.Meeting.Kind = app.ReviewMAM
	review.Meeting.Start = time.Date(2026, time.June, 30, 12, 0, 0, 0, app.ServiceLocation)
	review.Meeting.Duration = time.Hour
	review.Meeting.PreMeetingOffset = 30 * time.Minute
	unnamed := familyInput(t)
	unnamed.Person.PreferredName = ""
	long := familyInput(t)
	long.Meeting = longAgenda(long.Meeting)

	cases := []struct {
		name  string
		in    FamilyAgendaInput
		has   []string
		lacks []string
	}{
		{"an invitee who sent apologies is not listed", apologies, nil, []string{"Priya Shah"}},
		{"a video-only meeting says it is online and gives the link", videoOnly,
			[]string{"The meeting is online, by video call. To join, use this link: " + videoOnly.Meeting.VideoLink},
			[]string{"Example House"}},
		{"a meeting without a pre-meeting does not mention one", noPre, nil, []string{"Before the meeting"}},
		{"a review at midday with a 30-minute pre-meeting says so", review,
			[]string{"Tuesday 30 June 2026", "midday to 1pm (1 hour)", "at 11:30am", "for 30 minutes", "meeting again"}, nil},
		{"a person with no preferred name is called by their first name", unnamed, []string{"Meeting about Samuel"}, nil},
		{"a long agenda carries on over the page with nothing lost", long,
			[]string{"1. Welcome.", "21. Extra topic 12.", "Who to contact"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := renderFamily(t, c.in)
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
			checkLayout(t, words(t, pdf))
			checkFooters(t, pdf)
		})
	}
}

func TestFamilyAgendaEasyRead(t *testing.T) {
	standardIn := familyInput(t)
	easyIn := familyInput(t)
	easyIn.EasyRead = true
	standard, easy := renderFamily(t, standardIn), renderFamily(t, easyIn)
	got := text(t, easy)

	t.Run("the type is at least 18 point, larger than the standard copy", func(t *testing.T) {
		if familyEasyRead.body.size < 18 || familyEasyRead.body.size <= familyStandard.body.size {
			t.Errorf("easy-read body %v pt, standard %v pt", familyEasyRead.body.size, familyStandard.body.size)
		}
		ws := words(t, easy)
		if s := minSize(ws); s < 18-0.1 {
			t.Errorf("the smallest type is %.1f pt", s)
		}
		checkLayout(t, ws)
	})
	t.Run("it takes more pages than the standard copy", func(t *testing.T) {
		if e, s := pages(t, easy), pages(t, standard); e <= s {
			t.Errorf("easy read has %d pages, standard %d", e, s)
		}
	})
	t.Run("each sentence of an agenda item is on a line of its own", func(t *testing.T) {
		lines := map[string]bool{}
		for _, l := range strings.Split(pdftotext(t, easy), "\n") {
			lines[strings.TrimSpace(l)] = true
		}
		for _, want := range []string{"Everyone says who they are.", "We will meet you and your family first.",
			"This is at 9:45am.", "It takes 15 minutes.", "Is the support working?"} {
			if !lines[want] {
				t.Errorf("no line reads %q", want)
			}
		}
	})
	t.Run("it still has everything the family needs and nothing more", func(t *testing.T) {
		if !strings.Contains(unbroken(t, easy), easyIn.Meeting.VideoLink) {
			t.Errorf("lacks the video link %q", easyIn.Meeting.VideoLink)
		}
		for _, w := range []string{"Meeting about Sammy", "Tuesday 26 May 2026", "From 10am to 11:30am",
			easyIn.Meeting.Place, "Siân O'Neil", "Phone: 0116 496 0123",
			"Zoë Łukasz-O'Brien", "Mum", "Ольга Петрова"} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
		for _, b := range []string{easyIn.Person.NHSNumber.String(), "3 March 2012", "Amber", "Internal note"} {
			if strings.Contains(got, b) {
				t.Errorf("contains %q", b)
			}
		}
		checkFooters(t, easy)
	})
}

func TestNamesSurviveTheRoundTrip(t *testing.T) {
	names := []string{"Zoë Łukasz-O'Brien", "Σοφία Παπαδοπούλου", "Ольга Петрова", "Siân O'Neil", "Marek Żukowski"}
	family := familyInput(t)
	easy := familyInput(t)
	easy.EasyRead = true
	plan := planInput(t, 5)
	plan.Person.GivenName, plan.Person.FamilyName = "Σοφία", "Ольга Łukasz-O'Brien"
	docs := []struct {
		name string
		pdf  func() []byte
		want []string
	}{
		{"in the family agenda", func() []byte { return renderFamily(t, family) }, names},
		{"in the easy-read agenda", func() []byte { return renderFamily(t, easy) }, names},
		{"in the action plan", func() []byte { return renderPlan(t, plan) },
			[]string{"Σοφία Ольга Łukasz-O'Brien", "Zoë Łukasz-O'Brien", "Ольга Петрова", "Siân O'Neil", "Marek Żukowski"}},
	}
	for _, d := range docs {
		t.Run("names in Latin, Greek and Cyrillic print as typed "+d.name, func(t *testing.T) {
			got := text(t, d.pdf())
			for _, n := range d.want {
				if !strings.Contains(got, n) {
					t.Errorf("lacks %q", n)
				}
			}
		})
	}
}

func TestActionPlan(t *testing.T) {
	in := planInput(t, 40)
	pdf := renderPlan(t, in)
	got := text(t, pdf)
	today := local(in.Created)

	t.Run("the header identifies the person, register, rating and meeting", func(t *testing.T) {
		for _, w := range []string{"Action plan", "Name Samuel Łukasz-O'Brien", "NHS number 999 123 4578", "Date of birth 3 March 2012",
			"Dynamic Support Register (DSR)", "Amber: Without urgent help", "From the meeting Initial MAM on Tuesday 26 May 2026",
			"Next review Tuesday 23 June 2026", "40 actions: 30 still to do (11 overdue, 4 blocked), 10 done or no longer needed."} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
		if strings.Contains(got, in.Person.NHSNumber.Digits()) {
			t.Error("the NHS number is printed without its spaces")
		}
	})
	t.Run("every action has its description, outcome, owner, agency and due date", func(t *testing.T) {
		for _, a := range in.Actions {
			for _, w := range []string{a.Description, a.DesiredOutcome, a.Owner, a.Agency, shortDate(a.Due)} {
				if !strings.Contains(got, w) {
					t.Errorf("action %d: lacks %q", a.ID, w)
				}
			}
		}
		if n, want := strings.Count(got, "Not recorded"), countActions(in.Actions, func(a app.Action) bool { return a.DesiredOutcome == "" }); n != want {
			t.Errorf("%d outcomes say Not recorded, want the %d left empty", n, want)
		}
	})
	t.Run("the status cell gives the reason an action is blocked or cancelled, and says when a gap was raised", func(t *testing.T) {
		want := map[string]int{
			"Blocked: " + blockedReason:     countActions(in.Actions, func(a app.Action) bool { return a.Status == app.ActionBlocked }),
			"Cancelled: " + cancelledReason: countActions(in.Actions, func(a app.Action) bool { return a.Status == app.ActionCancelled }),
			gapRaised:                       countActions(in.Actions, func(a app.Action) bool { return a.GapID != 0 }),
		}
		for w, n := range want {
			if n == 0 {
				t.Fatalf("the fixture has no action for %q", w)
			}
			if got := strings.Count(got, w); got != n {
				t.Errorf("%q is printed %d times, want %d", w, got, n)
			}
		}
		ws := words(t, pdf)
		status := columnRange(4)
		for _, a := range in.Actions {
			if a.Status == app.ActionBlocked && !wordInCell(t, ws, a, status, "Blocked:") {
				t.Errorf("action %d: Blocked: is not in its status cell", a.ID)
			}
		}
	})
	t.Run("overdue actions and only they say Overdue in their status cell", func(t *testing.T) {
		ws := words(t, pdf)
		status := columnRange(4)
		for _, a := range in.Actions {
			marked := overdueMarked(t, ws, a, status)
			if want := a.Overdue(today); marked != want {
				t.Errorf("action %d (due %s, %s): marked overdue %v, want %v", a.ID, shortDate(a.Due), a.Status, marked, want)
			}
		}
	})
	t.Run("open actions come before done ones", func(t *testing.T) {
		lastOpen, firstClosed := -1, len(got)
		for _, a := range in.Actions {
			at := strings.Index(got, fmt.Sprintf("A%02d.", a.ID))
			if a.Outstanding() {
				lastOpen = max(lastOpen, at)
			} else {
				firstClosed = min(firstClosed, at)
			}
		}
		if lastOpen > firstClosed {
			t.Error("a done action is listed among the open ones")
		}
		for _, a := range in.Actions {
			if a.Status == app.ActionDone && !strings.Contains(got, "Done on "+shortDate(a.CompletedOn)) {
				t.Errorf("action %d does not say when it was done", a.ID)
			}
		}
	})
	t.Run("every page has the footer and the header row, each header row with a row under it", func(t *testing.T) {
		n := checkFooters(t, pdf, "OFFICIAL-SENSITIVE: contains personal health information", "Printed on Monday 18 May 2026")
		if n < 3 {
			t.Fatalf("40 actions fit on %d pages", n)
		}
		if info := pdfinfoPages(t, pdf); info != n {
			t.Errorf("pdfinfo counts %d pages, pdftotext %d", info, n)
		}
		for p, page := range pageTexts(t, pdf) {
			if !strings.Contains(page, planHeader) {
				t.Errorf("page %d has no header row", p+1)
			}
			for _, after := range strings.Split(page, planHeader)[1:] {
				if !actionID.MatchString(after) {
					t.Errorf("page %d: a header row has no row under it", p+1)
				}
			}
			if p > 0 && !strings.Contains(page, "Action plan for Samuel Łukasz-O'Brien · NHS number 999 123 4578 (continued)") {
				t.Errorf("page %d does not say whose plan it is", p+1)
			}
		}
	})
	t.Run("no row shorter than a page is split, and no table's last row is alone on a page", func(t *testing.T) {
		pages := pageTexts(t, pdf)
		open, closed := splitActions(in.Actions)
		for _, part := range [][]app.Action{open, closed} {
			onPage := map[int]int{} // rows of this table on each page
			for _, a := range part {
				p := pageOf(pages, fmt.Sprintf("A%02d.", a.ID))
				onPage[p]++
				if p < 0 || !strings.Contains(pages[p], normalise(a.Description)) {
					t.Errorf("action %d is split over pages", a.ID)
				}
			}
			last := part[len(part)-1]
			if n := onPage[pageOf(pages, fmt.Sprintf("A%02d.", last.ID))]; n < 2 {
				t.Errorf("action %d, the table's last row, is alone on its page", last.ID)
			}
		}
	})
	t.Run("no text is clipped by its cell or overlaps other text", func(t *testing.T) {
		ws := words(t, pdf)
		checkLayout(t, ws)
		checkCells(t, ws)
	})
}

func TestActionPlanPages(t *testing.T) {
	t.Run("a plan that needs two pages says Page 1 of 2 and Page 2 of 2, with the header row on page 2", func(t *testing.T) {
		in := planInput(t, 12)
		pdf := renderPlan(t, in)
		if n := pages(t, pdf); n != 2 {
			t.Fatalf("12 actions take %d pages; adjust the fixture so they take 2", n)
		}
		got := text(t, pdf)
		for _, w := range []string{"Page 1 of 2", "Page 2 of 2"} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
		if !strings.Contains(text(t, pdf, "-f", "2", "-l", "2"), planHeader) {
			t.Error("page 2 does not repeat the header row")
		}
	})
	t.Run("a row taller than a page is split across pages and no word is lost", func(t *testing.T) {
		in := planInput(t, 3)
		in.Actions[0].Description = longWords("w", 600)
		in.Actions[1].DesiredOutcome = longWords("o", 300)
		pdf := renderPlan(t, in)
		got := " " + text(t, pdf) + " "
		for i := 1; i <= 600; i++ {
			if w := fmt.Sprintf(" w%04d ", i); !strings.Contains(got, w) {
				t.Fatalf("lacks %q", w)
			}
		}
		for i := 1; i <= 300; i++ {
			if w := fmt.Sprintf(" o%04d ", i); !strings.Contains(got, w) {
				t.Fatalf("lacks %q", w)
			}
		}
		ws := words(t, pdf)
		checkLayout(t, ws)
		checkCells(t, ws)
		checkFooters(t, pdf)
	})
	t.Run("a word too long for its column is broken, not clipped", func(t *testing.T) {
		in := planInput(t, 2)
		in.Actions[0].Description = "See https://intranet.example.org/dsp/policies/positive-behaviour-support/plan-template-v12.docx"
		in.Actions[0].Owner = "Wolfeschlegelsteinhausenbergerdorff"
		in.Actions[1].Progress[1].Note = "Family said thanks 🙂\tby text\x00."
		pdf := renderPlan(t, in)
		got := unbroken(t, pdf)
		for _, w := range []string{in.Actions[0].Owner, "https://intranet.example.org/dsp/policies/positive-behaviour-support/plan-template-v12.docx"} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
		ws := words(t, pdf)
		checkLayout(t, ws)
		checkCells(t, ws)
	})
	t.Run("a review date that has passed says it is overdue", func(t *testing.T) {
		in := planInput(t, 1)
		in.ReviewDate = app.Date(2026, time.May, 15)
		if got := text(t, renderPlan(t, in)); !strings.Contains(got, "Next review Friday 15 May 2026 (overdue)") {
			t.Errorf("the review line reads %q", got[strings.Index(got, "Next review"):][:40])
		}
	})
	t.Run("a plan with no actions says so", func(t *testing.T) {
		in := planInput(t, 0)
		in.Meeting = app.Meeting{}
		in.ReviewDate = time.Time{}
		got := text(t, renderPlan(t, in))
		for _, w := range []string{"No actions have been agreed yet.", "From the meeting Made from the person record", "Next review Not set yet", "Page 1 of 1"} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
	})
}

// planHeader is the action table's header row as read back.
const planHeader = "Action Desired outcome Owner and agency Due Status Latest progress"

// actionID finds the start of an action's row in the test plans.
var actionID = regexp.MustCompile(`A\d\d\. `)

// countActions counts the actions for which f is true.
func countActions(as []app.Action, f func(app.Action) bool) int {
	n := 0
	for _, a := range as {
		if f(a) {
			n++
		}
	}
	return n
}

// pageTexts is the text of each page, as text gives it for the document.
func pageTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, p := range strings.Split(pdftotext(t, pdf, "-raw"), "\f") {
		out = append(out, normalise(p))
	}
	return out[:len(out)-1] // the text after the last form feed is no page
}

// pageOf is the index of the first page containing s, or -1.
func pageOf(pages []string, s string) int {
	for i, p := range pages {
		if strings.Contains(p, s) {
			return i
		}
	}
	return -1
}

// pdfinfoPages is the page count pdfinfo reads from the document.
func pdfinfoPages(t *testing.T, pdf []byte) int {
	t.Helper()
	bin, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Fatal("pdfinfo not found: install poppler-utils (scripts/deps.sh build)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// columnRange is the left and right edge of an action table column, in points.
func columnRange(i int) [2]float64 {
	x := marginLeft
	for _, c := range planColumns[:i] {
		x += c.width
	}
	return [2]float64{x * mmToPt, (x + planColumns[i].width) * mmToPt}
}

// overdueMarked reports whether the word Overdue is in the status cell of
// action a's row: between its description's first word and the next row's.
func overdueMarked(t *testing.T, ws []word, a app.Action, status [2]float64) bool {
	t.Helper()
	return wordInCell(t, ws, a, status, overdueWord)
}

// wordInCell reports whether the word is in the column of action a's row.
func wordInCell(t *testing.T, ws []word, a app.Action, status [2]float64, want string) bool {
	t.Helper()
	id := fmt.Sprintf("A%02d.", a.ID)
	for i, w := range ws {
		if w.text != id {
			continue
		}
		end := 1e9
		for _, v := range ws[i+1:] {
			if v.page == w.page && v.xMin < columnRange(1)[0] && v.yMin > w.yMax && strings.HasPrefix(v.text, "A") && strings.HasSuffix(v.text, ".") && len(v.text) == 4 {
				end = v.yMin
				break
			}
		}
		for _, v := range ws {
			if v.page == w.page && v.text == want && v.xMin >= status[0] && v.xMax <= status[1] && v.yMin >= w.yMin-0.5 && v.yMin < end {
				return true
			}
		}
		return false
	}
	t.Fatalf("action %d is not in the plan", a.ID)
	return false
}

// checkCells fails when a word of table text (the table's type size) is not
// inside one column, clear of its padding.
func checkCells(t *testing.T, ws []word) {
	t.Helper()
	pad := planPad*mmToPt - 0.5
	for _, w := range ws {
		if s := w.size(); s < planTable.size-0.1 || s > planTable.size+0.1 {
			continue
		}
		inside := false
		for i := range planColumns {
			r := columnRange(i)
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

func TestSameInputSameBytes(t *testing.T) {
	easy := familyInput(t)
	easy.EasyRead = true
	cases := []struct {
		name   string
		render func(io.Writer) error
	}{
		{"the family agenda renders to the same bytes every time", func(w io.Writer) error { return FamilyAgenda(w, familyInput(t)) }},
		{"the easy-read agenda renders to the same bytes every time", func(w io.Writer) error { return FamilyAgenda(w, easy) }},
		{"the action plan renders to the same bytes every time", func(w io.Writer) error { return ActionPlan(w, planInput(t, 40)) }},
		{"the family action plan renders to the same bytes every time", func(w io.Writer) error { return FamilyActionPlan(w, planInput(t, 40)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first := render(t, c.render)
			for range 3 {
				if again := render(t, c.render); !bytes.Equal(first, again) {
					t.Fatal("two renders of the same input differ")
				}
			}
			if !bytes.Contains(first, []byte("/CreationDate (D:20260518133000)")) {
				t.Error("the creation date is not the one passed in")
			}
		})
	}
}

func TestConcurrentRenders(t *testing.T) {
	t.Run("documents rendered at the same time on several goroutines match one rendered alone", func(t *testing.T) {
		in := planInput(t, 10)
		want := renderPlan(t, in)
		const n = 4
		got := make([][]byte, n)
		errs := make([]error, n)
		done := make(chan int)
		for i := range n {
			go func() {
				var b bytes.Buffer
				errs[i] = ActionPlan(&b, in)
				got[i] = b.Bytes()
				done <- i
			}()
		}
		for range n {
			<-done
		}
		for i := range n {
			if errs[i] != nil || !bytes.Equal(got[i], want) {
				t.Errorf("goroutine %d: err %v, same bytes %v", i, errs[i], bytes.Equal(got[i], want))
			}
		}
	})
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

func TestConsentRefusesExport(t *testing.T) {
	withdrawn := app.ConsentStatus{State: app.ConsentWithdrawn, Latest: app.ConsentEvent{
		Withdrawn: true, Date: app.Date(2026, time.May, 1), Reason: "Family asked to stop"}}
	missing := app.ConsentStatus{}
	for _, c := range []struct {
		name    string
		consent app.ConsentStatus
	}{
		{"withdrawn consent", withdrawn},
		{"missing consent", missing},
	} {
		_, sentence := c.consent.MayExport()
		docs := []struct {
			name   string
			render func(io.Writer) error
		}{
			{"family agenda", func(w io.Writer) error {
				in := familyInput(t)
				in.Consent = c.consent
				return FamilyAgenda(w, in)
			}},
			{"easy-read agenda", func(w io.Writer) error {
				in := familyInput(t)
				in.Consent, in.EasyRead = c.consent, true
				return FamilyAgenda(w, in)
			}},
			{"action plan", func(w io.Writer) error {
				in := planInput(t, 3)
				in.Consent = c.consent
				return ActionPlan(w, in)
			}},
			{"family action plan", func(w io.Writer) error {
				in := planInput(t, 3)
				in.Consent = c.consent
				return FamilyActionPlan(w, in)
			}},
		}
		for _, d := range docs {
			t.Run("with "+c.name+" the "+d.name+" is refused and nothing is written", func(t *testing.T) {
				var w countingWriter
				err := d.render(&w)
				if !errors.Is(err, ErrNoConsent) {
					t.Fatalf("err = %v, want ErrNoConsent", err)
				}
				var ce *ConsentError
				if !errors.As(err, &ce) || ce.State != c.consent.State || err.Error() != sentence {
					t.Errorf("err = %q, want the screen's sentence %q", err, sentence)
				}
				if w.n != 0 {
					t.Errorf("%d bytes written", w.n)
				}
			})
		}
	}
}

func TestIncompleteInputIsRefused(t *testing.T) {
	noDate := familyInput(t)
	noDate.Meeting.Start = time.Time{}
	nowhere := familyInput(t)
	nowhere.Meeting.Place, nowhere.Meeting.VideoLink = "", " "
	noContact := familyInput(t)
	noContact.Contact = ContactDetails{Name: "Siân O'Neil"}
	noCreated := familyInput(t)
	noCreated.Created = time.Time{}
	planNoCreated := planInput(t, 1)
	planNoCreated.Created = time.Time{}
	planNoContact := planInput(t, 1)
	planNoContact.Contact = ContactDetails{Name: "Siân O'Neil", Role: "Care navigator"}
	planNoName := planInput(t, 1)
	planNoName.Contact.Name = " "
	unnamed := planInput(t, 1)
	unnamed.Person.GivenName, unnamed.Person.PreferredName = "", ""
	cases := []struct {
		name   string
		render func(io.Writer) error
		want   string
	}{
		{"a family agenda without a date", func(w io.Writer) error { return FamilyAgenda(w, noDate) }, "no date and time"},
		{"a family agenda without a place or link", func(w io.Writer) error { return FamilyAgenda(w, nowhere) }, "no place or video link"},
		{"a family agenda without a contact phone or email", func(w io.Writer) error { return FamilyAgenda(w, noContact) }, "phone number or email"},
		{"a family agenda without a creation date", func(w io.Writer) error { return FamilyAgenda(w, noCreated) }, "creation date"},
		{"an action plan without a creation date", func(w io.Writer) error { return ActionPlan(w, planNoCreated) }, "creation date"},
		{"a family action plan without a creation date", func(w io.Writer) error { return FamilyActionPlan(w, planNoCreated) }, "creation date"},
		{"a family action plan without a contact phone or email", func(w io.Writer) error { return FamilyActionPlan(w, planNoContact) }, "phone number or email"},
		{"a family action plan without a contact's name", func(w io.Writer) error { return FamilyActionPlan(w, planNoName) }, "name of the person the family can contact"},
		{"a family action plan for a person with no name", func(w io.Writer) error { return FamilyActionPlan(w, unnamed) }, "no name"},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused with a reason and nothing is written", func(t *testing.T) {
			var w countingWriter
			err := c.render(&w)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
			if w.n != 0 {
				t.Errorf("%d bytes written", w.n)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorIsReturned(t *testing.T) {
	t.Run("a writer that fails gives an error that says so", func(t *testing.T) {
		err := ActionPlan(failingWriter{}, planInput(t, 1))
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestClock(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 5, 26, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{at(9, 0), "9am"}, {at(9, 45), "9:45am"}, {at(12, 0), "midday"}, {at(12, 30), "12:30pm"},
		{at(14, 5), "2:05pm"}, {at(0, 0), "midnight"}, {at(0, 15), "12:15am"},
	} {
		t.Run(c.t.Format("15:04")+" is written "+c.want, func(t *testing.T) {
			if got := clock(c.t); got != c.want {
				t.Errorf("clock = %q", got)
			}
		})
	}
}

func TestMinutes(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{time.Minute, "1 minute"}, {15 * time.Minute, "15 minutes"}, {time.Hour, "1 hour"},
		{90 * time.Minute, "1 hour and 30 minutes"}, {2*time.Hour + time.Minute, "2 hours and 1 minute"},
	} {
		t.Run(c.d.String()+" is written "+c.want, func(t *testing.T) {
			if got := minutes(c.d); got != c.want {
				t.Errorf("minutes = %q", got)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Welcome. Everyone says who they are.", []string{"Welcome.", "Everyone says who they are."}},
		{"Is everyone safe? What could help!", []string{"Is everyone safe?", "What could help!"}},
		{"Meet at 9.45 at St. Mary's", []string{"Meet at 9.45 at St.", "Mary's"}},
		{"No full stop", []string{"No full stop"}},
		{"", nil},
	} {
		t.Run(fmt.Sprintf("%q is split into %d sentences", c.in, len(c.want)), func(t *testing.T) {
			got := sentences(c.in)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("sentences = %q", got)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	d := newDoc("test", created)
	d.newPage()
	d.setStyle(planTable)
	for _, c := range []struct {
		name, text string
		width      float64
	}{
		{"words wrap at spaces", "Review the positive behaviour support plan with the family", 30},
		{"a double-barrelled name breaks after its hyphen", "Zoë Łukasz-O'Brien", 20},
		{"a long link breaks after its slashes", "https://meet.example.org/dsp/mam-2026-05-26-room3", 25},
		{"a word with no break point is cut between letters", strings.Repeat("Ж", 60), 20},
		{"line breaks in the text are kept", "one\ntwo\r\nthree", 100},
		{"a very narrow column still gets every letter", "Łukasz", 0.1},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := d.wrap(c.text, c.width)
			for _, l := range lines {
				if w := d.pdf.GetStringWidth(l); w > c.width && len([]rune(l)) > 1 {
					t.Errorf("line %q is %.1f mm wide, more than %.1f", l, w, c.width)
				}
			}
			joined := strings.Join(lines, "")
			if strip(joined) != strip(c.text) {
				t.Errorf("lines %q lose text of %q", lines, c.text)
			}
		})
	}
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }

func TestClean(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"tabs become spaces", "a\tb", "a b"},
		{"control and format characters go", "a\x00b\u200bc", "abc"},
		{"characters beyond the font tables become a replacement mark", "ok 🙂", "ok \uFFFD"},
		{"accents, Greek and Cyrillic are kept", "Zoë Σοφία Ольга £€", "Zoë Σοφία Ольга £€"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := clean(c.in); got != c.want {
				t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func BenchmarkActionPlan(b *testing.B) {
	in := planInput(b, 40)
	b.ReportAllocs()
	for b.Loop() {
		if err := ActionPlan(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFamilyAgenda(b *testing.B) {
	in := familyInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := FamilyAgenda(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// tableDoc is a page with a running header, as the documents have, and a
// two-column table of planTable type on it.
func tableDoc(header bool) (*doc, *table) {
	d := newDoc("Table", created)
	d.runningHeader = planSmall.lineHeight() + 4
	d.onNewPage = func() {
		d.setStyle(planSmall)
		d.put(marginLeft, marginTop, d.width(), "Running header (continued)", "L")
	}
	d.newPage()
	t := &table{d: d, cols: []column{{title: "Name", width: 60}, {title: "Role", width: d.width() - 60}},
		text: planTable, pad: planPad, borders: true, header: header}
	return d, t
}

func finishTable(t *testing.T, d *doc) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return d.finish(w, func(int, int) {}) })
}

func TestTableRows(t *testing.T) {
	oneLine := func(n int) [][]cell {
		rows := make([][]cell, n)
		for i := range rows {
			rows[i] = []cell{plain(fmt.Sprintf("R%03d", i+1)), plain("Role")}
		}
		return rows
	}
	rowsOn := func(page string) []string { return regexp.MustCompile(`R\d{3}`).FindAllString(page, -1) }
	for _, header := range []bool{true, false} {
		name := "a table without a header row"
		if header {
			name = "a table with a header row"
		}
		t.Run(name+" takes the row before its last over the page with it, under the header row drawn again", func(t *testing.T) {
			// given as many rows as leave the last alone on page 2 when drawn one by one
			d, tb := tableDoc(header)
			tb.start(0)
			for _, r := range oneLine(200) {
				tb.row(r)
			}
			fit := len(rowsOn(pageTexts(t, finishTable(t, d))[0]))
			rows := oneLine(fit + 1)
			d, tb = tableDoc(header)
			tb.start(0)
			for _, r := range rows {
				tb.row(r)
			}
			if got := rowsOn(pageTexts(t, finishTable(t, d))[1]); len(got) != 1 {
				t.Fatalf("drawn one by one, page 2 has rows %v; the test needs the last alone", got)
			}
			// when they are drawn as rows
			d, tb = tableDoc(header)
			tb.start(0)
			tb.rows(rows)
			pages := pageTexts(t, finishTable(t, d))
			// then the last two are on page 2, under the header row
			if got, want := rowsOn(pages[1]), []string{fmt.Sprintf("R%03d", fit), fmt.Sprintf("R%03d", fit+1)}; !slices.Equal(got, want) {
				t.Errorf("page 2 has rows %v, want %v", got, want)
			}
			if hasHeader := strings.Contains(pages[1], "Name Role R"); hasHeader != header {
				t.Errorf("page 2 begins with the header row: %v, want %v", hasHeader, header)
			}
		})
	}
	t.Run("a header row is never left alone at the foot of a page: the row under it is split instead", func(t *testing.T) {
		// given room at the foot of the page for the header row and four lines
		d, tb := tableDoc(true)
		lh := planTable.lineHeight()
		d.pdf.SetY(d.limit() - tb.headerHeight() - 2*tb.pad - 4.5*lh)
		tall := plain("L1")
		for i := 2; i <= 6; i++ {
			tall = tall.add(span{text: fmt.Sprintf("L%d", i)})
		}
		// when the table starts with a six-line row
		tb.start(0)
		tb.row([]cell{tall, plain("Role")})
		pages := pageTexts(t, finishTable(t, d))
		// then page 1 has the header row and the row's first lines, page 2 the rest under the header row
		if len(pages) != 2 || !strings.Contains(pages[0], "Name Role L1") || !strings.Contains(pages[1], "Name Role L5") {
			t.Errorf("pages read %q", pages)
		}
	})
}
