package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

func renderFamilyPlan(t *testing.T, in ActionPlanInput) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return FamilyActionPlan(w, in) })
}

// familySections are the family copy's section headings, in order.
var familySections = []string{"What will happen", "What has been done", "No longer needed", "What happens next", "Who to contact"}

func TestFamilyActionPlan(t *testing.T) {
	in := planInput(t, 40)
	pdf := renderFamilyPlan(t, in)
	got := text(t, pdf)
	today := local(in.Created)
	open, closed := splitActions(in.Actions)
	has := func(t *testing.T, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("the family plan lacks %q", w)
			}
		}
	}
	lacks := func(t *testing.T, bad ...string) {
		t.Helper()
		for _, b := range bad {
			if strings.Contains(got, b) {
				t.Errorf("the family plan contains %q", b)
			}
		}
	}

	t.Run("it is about the person by their preferred name, and says which meeting made it", func(t *testing.T) {
		has(t, "The plan for Sammy",
			"This is the plan we made for Sammy at the meeting on Tuesday 26 May 2026. It says what will happen, who will do it and by when.")
	})
	t.Run("each outstanding action says what, why, who and their agency, by when and where it is up to, in plain words", func(t *testing.T) {
		words := map[app.ActionStatus]string{app.ActionOpen: familyNotStarted, app.ActionInProgress: familyInProgress, app.ActionBlocked: familyHeldUp}
		for i, a := range open {
			want := fmt.Sprintf("%d. %s", i+1, a.Description)
			if a.DesiredOutcome != "" {
				want += " Why " + a.DesiredOutcome
			}
			want += " Who " + a.Owner + ", " + a.Agency + " By when " + longDate(a.Due) + " Where it is up to " + words[a.Status]
			if a.Overdue(today) {
				want += " " + familyLate
			}
			has(t, want)
		}
		if n, want := strings.Count(got, familyLate), countActions(in.Actions, func(a app.Action) bool { return a.Overdue(today) }); n != want {
			t.Errorf("%q is said %d times, want once for each of the %d overdue actions", familyLate, n, want)
		}
	})
	t.Run("done actions say who did them and when; cancelled ones are listed as no longer needed", func(t *testing.T) {
		n := len(open)
		for _, a := range closed {
			if a.Status == app.ActionDone {
				n++
				has(t, fmt.Sprintf("%d. %s Who did it %s, %s Done on %s", n, a.Description, a.Owner, a.Agency, longDate(a.CompletedOn)))
			}
		}
		at := strings.Index(got, "We agreed these before, but they are no longer needed:")
		if at < 0 {
			t.Fatal("there is no list of actions no longer needed")
		}
		for _, a := range closed {
			if a.Status == app.ActionCancelled && !strings.Contains(got[at:], "• "+a.Description) {
				t.Errorf("cancelled action %d is not listed as no longer needed", a.ID)
			}
		}
	})
	t.Run("it says when the plan is looked at again and who to contact", func(t *testing.T) {
		c := in.Contact
		has(t, "What happens next We will look at the plan again on Tuesday 23 June 2026",
			"Who to contact If you have a question about the plan", c.Name, c.Role, "Phone: "+c.Phone, "Email: "+c.Email,
			"They can also tell you why something is held up")
		last := -1
		for _, s := range familySections {
			at := strings.Index(got, s)
			if at < last {
				t.Errorf("%q is out of order", s)
			}
			last = at
		}
	})
	t.Run("it leaves out identifiers, register, rating, progress notes, reasons and internal words", func(t *testing.T) {
		p := in.Person
		lacks(t, p.NHSNumber.String(), p.NHSNumber.Digits(), "NHS number",
			"3 March 2012", "3 Mar 2012", "03/03/2012", "2012-03-03", p.GivenName+" ", p.Address, p.Postcode, p.GP,
			"Amber", "DSR", "Dynamic Support Register", "rating", "Rating",
			"Latest progress", "No updates yet", blockedReason, cancelledReason,
			"Blocked", "Cancelled", overdueWord, gapRaised, "Gap in service", "OFFICIAL")
		for _, a := range in.Actions {
			for _, pr := range a.Progress {
				lacks(t, pr.Note)
			}
		}
	})
	t.Run("its type is at least 14 point and nothing is clipped or overlaps", func(t *testing.T) {
		ws := words(t, pdf)
		if s := minSize(ws); s < 14-0.1 {
			t.Errorf("the smallest type is %.1f pt", s)
		}
		checkLayout(t, ws)
	})
	t.Run("every page is numbered out of the total and dated; each after the first says what carries on", func(t *testing.T) {
		n := checkFooters(t, pdf, "Printed on 18 May 2026")
		if n < 3 {
			t.Fatalf("40 actions in large type fit on %d pages", n)
		}
		if info := pdfinfoPages(t, pdf); info != n {
			t.Errorf("pdfinfo counts %d pages, pdftotext %d", info, n)
		}
		for p, page := range pageTexts(t, pdf)[1:] {
			ok := false
			for _, s := range familySections {
				ok = ok || strings.HasPrefix(page, s+" (continued)") || strings.HasPrefix(page, s)
			}
			if !ok {
				t.Errorf("page %d begins %.40q, not with a section or a section carried on", p+2, page)
			}
		}
	})
	t.Run("no action shorter than a page is split over two", func(t *testing.T) {
		pages := pageTexts(t, pdf)
		for i, a := range open {
			head := fmt.Sprintf("%d. %s", i+1, a.Description)
			p := pageOf(pages, head)
			if p < 0 || !strings.Contains(pages[p], head+" ") || !strings.Contains(pages[p], "By when "+longDate(a.Due)) {
				t.Errorf("action %d is split over pages", a.ID)
			}
		}
	})
}

func TestFamilyActionPlanVariants(t *testing.T) {
	noMeeting := planInput(t, 3)
	noMeeting.Meeting, noMeeting.ReviewDate = app.Meeting{}, time.Time{}
	none := planInput(t, 0)
	allDone := planInput(t, 4)
	allDone.Actions = allDone.Actions[3:4]
	unnamed := planInput(t, 2)
	unnamed.Person.PreferredName = ""
	emailOnly := planInput(t, 2)
	emailOnly.Contact.Phone = ""
	undated := planInput(t, 1)
	undated.Actions[0].Due = time.Time{}
	undated.Actions[0].DesiredOutcome = ""
	tall := planInput(t, 3)
	tall.Actions[0].Description = longWords("w", 500)
	tall.Actions[1].Owner = "Wolfeschlegelsteinhausenbergerdorff"
	tall.Actions[2].Description = "See https://intranet.example.org/dsp/policies/positive-behaviour-support/plan-template-v12.docx"
	noneBlocked := planInput(t, 5)
	pastReview := planInput(t, 2)
	pastReview.ReviewDate = app.Date(2026, time.May, 15)
	reviewToday := planInput(t, 2)
	reviewToday.ReviewDate = app.Date(2026, time.May, 18)

	cases := []struct {
		name  string
		in    ActionPlanInput
		has   []string
		lacks []string
	}{
		{"a plan made from the person record says so, and that the review date will follow", noMeeting,
			[]string{"This is the plan for Sammy. It says what will happen", "We will let you know when we will look at the plan again."},
			[]string{"at the meeting on"}},
		{"a plan with no actions says there is nothing to do", none,
			[]string{"There is nothing left to do on the plan at the moment.", "Who to contact"},
			[]string{"What has been done", "No longer needed", "It says what will happen"}},
		{"a plan whose actions are all done says there is nothing left and what was done", allDone,
			[]string{"There is nothing left to do", "What has been done 1. A04."}, []string{"No longer needed"}},
		{"a person with no preferred name is called by their first name", unnamed, []string{"The plan for Samuel"}, nil},
		{"a contact with only an email address is enough", emailOnly, []string{"Email: dsp.team@example.org"}, []string{"Phone:"}},
		{"an action without a due date or outcome says so plainly", undated,
			[]string{"Who Ольга Петрова, Leicestershire Partnership NHS Trust By when No date set yet"}, []string{"Why"}},
		{"a plan with nothing held up does not talk about it", noneBlocked, nil, []string{"held up", "Held up"}},
		{"a review date that has passed is not given: the family will be told the new one", pastReview,
			[]string{"We will let you know when we will look at the plan again."}, []string{"15 May 2026"}},
		{"a review today is given", reviewToday, []string{"We will look at the plan again on Monday 18 May 2026"}, nil},
		{"an action taller than a page carries on over it with nothing lost", tall, []string{"w0001", "w0500", "Who to contact"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := renderFamilyPlan(t, c.in)
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
			if s := minSize(ws); s < 14-0.1 {
				t.Errorf("the smallest type is %.1f pt", s)
			}
			checkFooters(t, pdf, "Printed on 18 May 2026")
		})
	}
	t.Run("a long word or link is broken over lines, never clipped", func(t *testing.T) {
		got := unbroken(t, renderFamilyPlan(t, tall))
		for _, w := range []string{"Wolfeschlegelsteinhausenbergerdorff", "https://intranet.example.org/dsp/policies/positive-behaviour-support/plan-template-v12.docx"} {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q", w)
			}
		}
		all := " " + text(t, renderFamilyPlan(t, tall)) + " "
		for i := 1; i <= 500; i++ {
			if w := fmt.Sprintf(" w%04d ", i); !strings.Contains(all, w) {
				t.Fatalf("lacks %q", w)
			}
		}
	})
}

func TestFamilyActionPlanIsLargerThanTheProfessionalOne(t *testing.T) {
	t.Run("the family copy's smallest type is bigger than the professional plan's table text", func(t *testing.T) {
		in := planInput(t, 10)
		pro, family := minSize(words(t, renderPlan(t, in))), minSize(words(t, renderFamilyPlan(t, in)))
		if pro > planTable.size+0.1 || family < 14-0.1 {
			t.Errorf("smallest type: professional %.1f pt, family %.1f pt", pro, family)
		}
	})
}

// numbered matches the family copy's action numbers.
var numbered = regexp.MustCompile(`(?:^| )(\d+)\. A\d\d\.`)

func TestFamilyActionPlanNumbersEveryAction(t *testing.T) {
	t.Run("the actions to do and done are numbered 1 to n without a gap", func(t *testing.T) {
		in := planInput(t, 40)
		got := text(t, renderFamilyPlan(t, in))
		ms := numbered.FindAllStringSubmatch(got, -1)
		want := countActions(in.Actions, func(a app.Action) bool { return a.Status != app.ActionCancelled })
		if len(ms) != want {
			t.Fatalf("%d numbered actions, want %d", len(ms), want)
		}
		for i, m := range ms {
			if m[1] != fmt.Sprint(i+1) {
				t.Fatalf("action %d is numbered %s", i+1, m[1])
			}
		}
	})
}

func BenchmarkFamilyActionPlan(b *testing.B) {
	in := planInput(b, 40)
	b.ReportAllocs()
	for b.Loop() {
		if err := FamilyActionPlan(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
