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
