package report

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"dspdesk/app"
)

// longest is text of kind k at its limit: words of ten letters, or with
// oneWord a single unbroken word (the worst case for wrapping).
func longest(k app.TextKind, oneWord bool) string {
	n := app.TextLimit(k)
	if oneWord {
		return strings.Repeat("W", n)
	}
	return strings.Repeat("Abcdefghi ", n/10+1)[:n]
}

// longestPlanInput is an action plan whose every text holds the longest
// value app validation allows, with n actions.
func longestPlanInput(t testing.TB, n int) ActionPlanInput {
	in := planInput(t, n)
	p := &in.Person
	p.GivenName, p.FamilyName, p.PreferredName = longest(app.NameText, true), longest(app.NameText, true), longest(app.NameText, true)
	p.Address, p.GP = longest(app.AddressText, false), longest(app.LineText, true)
	in.Meeting.Chair, in.Meeting.OrganiserName = longest(app.NameText, true), longest(app.NameText, true)
	in.Meeting.Place = longest(app.LineText, false)
	for i := range in.Actions {
		a := &in.Actions[i]
		a.Description, a.DesiredOutcome = longest(app.ParagraphText, false), longest(app.ParagraphText, false)
		a.Owner, a.Agency = longest(app.NameText, true), longest(app.LineText, true)
		if a.StatusReason != "" {
			a.StatusReason = longest(app.ParagraphText, true)
		}
	}
	return in
}

func TestActionPlanOfTheLongestValues(t *testing.T) {
	in := longestPlanInput(t, 10)
	for _, a := range in.Actions {
		if err := a.Validate().Err(); err != nil {
			t.Fatalf("the test's action is not allowed: %v", err)
		}
	}
	if err := in.Person.Validate(created).Err(); err != nil {
		t.Fatalf("the test's person is not allowed: %v", err)
	}
	var buf bytes.Buffer
	if err := ActionPlan(&buf, in); err != nil {
		t.Fatal(err)
	}
	t.Run("it renders, with the long name broken rather than lost", func(t *testing.T) {
		text := strings.ReplaceAll(compact(pdftotext(t, buf.Bytes(), "-raw")), "-", "")
		if strings.Count(text, "W") < app.TextLimit(app.NameText) {
			t.Errorf("the name's letters are missing from the text")
		}
	})
}

func TestActionPlanRunningHeaderFitsItsLine(t *testing.T) {
	p := longestPlanInput(t, 1).Person
	cases := []struct {
		name        string
		given, last string
		wantCut     bool
	}{
		{"a usual name is shown in full", "Sam", "Testperson", false},
		{"the longest unbroken name is cut short with an ellipsis", p.GivenName, p.FamilyName, true},
		{"the longest name of words is cut short too", longest(app.NameText, false), longest(app.NameText, false), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDoc("test", created)
			d.newPage()
			d.setStyle(planSmall)
			person := p
			person.GivenName, person.FamilyName, person.PreferredName = c.given, c.last, ""
			got := planRunning(d, person, d.width())
			if w := d.pdf.GetStringWidth(got); w > d.width() {
				t.Errorf("%.1f mm wide, the line is %.1f mm: %q", w, d.width(), got)
			}
			if !strings.HasSuffix(got, " · NHS number 999 123 4578 (continued)") || !strings.HasPrefix(got, "Action plan for ") {
				t.Errorf("header = %q", got)
			}
			if strings.Contains(got, "…") != c.wantCut {
				t.Errorf("cut short: %v, want %v (%q)", !c.wantCut, c.wantCut, got)
			}
		})
	}
}

// BenchmarkActionPlanLongestValues renders the action plan of 40 actions
// whose every text is at its limit. The goal is under 200 ms.
func BenchmarkActionPlanLongestValues(b *testing.B) {
	in := longestPlanInput(b, 40)
	b.ReportAllocs()
	for b.Loop() {
		if err := ActionPlan(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkActionPlanLongestValuesTenActions is a MAM's plan of ten actions
// whose every text is at its limit.
func BenchmarkActionPlanLongestValuesTenActions(b *testing.B) {
	in := longestPlanInput(b, 10)
	b.ReportAllocs()
	for b.Loop() {
		if err := ActionPlan(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
