package main

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
)

func TestActionsScreen(t *testing.T) {
	w, store, _ := openDesk(t, 200)
	ctx := context.Background()
	w.Select(forms.ScreenActions)
	s := w.Body().(*forms.ActionsScreen)
	all := s.Rows()
	if len(all) < 10 {
		t.Fatalf("the Actions screen shows %d rows", len(all))
	}
	t.Run("every outstanding action is listed by due date, and only those", func(t *testing.T) {
		want, _ := store.OutstandingActions(ctx)
		if len(all) != len(want) {
			t.Errorf("%d rows, %d outstanding", len(all), len(want))
		}
		for i, r := range all {
			if !r.Outstanding() {
				t.Errorf("row %d is %s", i, r.Status)
			}
			if i > 0 && r.Due.Before(all[i-1].Due) {
				t.Errorf("row %d due %v before row %d", i, r.Due, i-1)
			}
		}
	})
	t.Run("filters: overdue, agency, owner and person narrow the list", func(t *testing.T) {
		s.SetFilters("", "", "", true)
		for _, r := range s.Rows() {
			if !r.Overdue(deskNow) {
				t.Errorf("%s is not overdue", r.Description)
			}
		}
		if len(s.Rows()) == 0 || len(s.Rows()) == len(all) {
			t.Errorf("overdue shows %d of %d", len(s.Rows()), len(all))
		}
		s.SetFilters(all[0].Agency, "", "", false)
		for _, r := range s.Rows() {
			if r.Agency != all[0].Agency {
				t.Errorf("agency %s shown", r.Agency)
			}
		}
		s.SetFilters("All", all[0].Owner, "", false)
		if len(s.Rows()) == 0 || s.Rows()[0].Owner != all[0].Owner {
			t.Errorf("owner filter: %+v", s.Rows())
		}
		name := all[0].PersonName
		s.SetFilters("All", "All", strings.ToLower(name[:4]), false)
		for _, r := range s.Rows() {
			if !strings.Contains(strings.ToLower(r.PersonName), strings.ToLower(name[:4])) {
				t.Errorf("%s shown for %q", r.PersonName, name[:4])
			}
		}
		s.SetFilters("All", "All", "", false)
		if len(s.Rows()) != len(all) {
			t.Errorf("clearing the filters shows %d of %d", len(s.Rows()), len(all))
		}
	})
	t.Run("a status changes in place: blocked asks why, then offers the gap form", func(t *testing.T) {
		target := s.Rows()[0]
		if target.Status == app.ActionBlocked {
			target = s.Rows()[1]
		}
		sel, ok := find(s, func(sel *widget.Select) bool { return sel.Selected == target.Status.String() && sel.OnChanged != nil })
		if !ok {
			t.Fatal("no status choice in the list")
		}
		// the first visible row is the target's (rows are by due date)
		sel.SetSelected(app.ActionBlocked.String())
		why := inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == "Why" })
		submit := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Change status" })
		test.Tap(submit)
		if l := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "⚠") && l.Visible() }); !strings.Contains(l.Text, "Say why") {
			t.Errorf("problem = %q", l.Text)
		}
		test.Type(why, "No provider has capacity")
		test.Tap(submit)
		got, _ := store.Action(ctx, target.ID)
		if got.Status != app.ActionBlocked || got.StatusReason != "No provider has capacity" {
			t.Fatalf("stored %s %q", got.Status, got.StatusReason)
		}
		// the gap form opens filled in from the action
		summary := inDialog(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "For example: no short-break") })
		test.Type(summary, "No provider capacity for short breaks.")
		cat := inDialog(t, w, func(sel *widget.Select) bool { return len(sel.Options) == len(app.GapCategories) })
		cat.SetSelected(app.GapShortBreaks.String())
		impact := inDialog(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "How it affects") })
		test.Type(impact, "Carer exhausted")
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Record gap" }))
		got, _ = store.Action(ctx, target.ID)
		if got.GapID == 0 {
			t.Fatal("no gap is linked to the action")
		}
		g, _ := store.Gap(ctx, got.GapID)
		if g.ActionID != target.ID || g.PersonID != target.PersonID || g.Description != "No provider has capacity" || g.RaisedBy != "Test User" {
			t.Errorf("gap = %+v", g)
		}
		trail, _ := store.AuditTrail(ctx, "action", target.ID)
		if last := trail[len(trail)-1]; last.Action != "progress" || !strings.Contains(last.Changes[0].New, "to blocked") {
			t.Errorf("last audit entry = %+v", last)
		}
	})
}

func TestActionsFromThePersonRecord(t *testing.T) {
	w, store, b := openDesk(t, 60)
	ctx := context.Background()
	w.OpenPerson(1)
	p := w.Body().(*forms.PersonScreen)
	before := len(p.Record().Actions)
	tabs, _ := find(p, func(*container.AppTabs) bool { return true })
	for i, it := range tabs.Items {
		if strings.HasPrefix(it.Text, "Actions") {
			tabs.SelectIndex(i)
		}
	}
	add, ok := find(p, func(b *widget.Button) bool { return b.Text == "Add an action…" })
	if !ok {
		t.Fatal("no Add an action button")
	}
	test.Tap(add)
	entry := func(prefix string) *widget.Entry {
		return inDialog(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, prefix) })
	}
	test.Type(entry("What will be done"), "Arrange a carer's assessment")
	test.Type(entry("A named person"), "Jo Example")
	test.Type(entry("Their organisation"), "Example City Council")
	test.Type(entry("dd/mm/yyyy, or"), "in 10 working days")
	explained := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Due ") })
	// Tuesday 24 November 2026 + 10 working days = Tuesday 8 December
	if !strings.Contains(explained.Text, "Tuesday 8 December 2026") || !strings.Contains(explained.Text, "10 working days from today") {
		t.Errorf("the due date is explained as %q", explained.Text)
	}
	test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Add action" }))
	rec, _ := store.PersonRecord(ctx, 1)
	if len(rec.Actions) != before+1 {
		t.Fatalf("%d actions, want %d", len(rec.Actions), before+1)
	}
	var a app.Action
	for _, x := range rec.Actions {
		if x.Description == "Arrange a carer's assessment" {
			a = x
		}
	}
	if !a.Due.Equal(app.Date(2026, 12, 8)) || a.Status != app.ActionOpen || a.Owner != "Jo Example" {
		t.Errorf("stored action = %+v", a)
	}
	t.Run("the action opens with its progress log; a note is signed and dated", func(t *testing.T) {
		forms.ShowAction(w, b, a.ID, deskNow, func() {}, func(int64) {})
		note := inDialog(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "What has happened") })
		test.Type(note, "Called the council")
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Add note" }))
		got, _ := store.Action(ctx, a.ID)
		if len(got.Progress) != 1 || got.Progress[0].By != osUser() || got.Progress[0].Note != "Called the council" {
			t.Errorf("progress = %+v", got.Progress)
		}
		inDialog(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, osUser()+": Called the council") })
		// the window says whose action it is
		inDialog(t, w, func(l *widget.Label) bool { return l.Text == rec.Person.FullName() })
	})
}

func TestGapsScreen(t *testing.T) {
	w, store, _ := openDesk(t, 200)
	w.Select(forms.ScreenGaps)
	s := w.Body().(*forms.GapsScreen)
	all := s.Rows()
	if len(all) < 5 {
		t.Fatalf("the gaps register shows %d rows", len(all))
	}
	t.Run("filters by category, local authority, age group, status and date range", func(t *testing.T) {
		first := all[0]
		s.SetFilters(first.Category.String(), "", "", "", "", "")
		for _, g := range s.Rows() {
			if g.Category != first.Category {
				t.Errorf("%s shown", g.Category)
			}
		}
		s.SetFilters("All", first.LocalAuthority.String(), first.AgeGroup.String(), first.Status.String(), "", "")
		if len(s.Rows()) == 0 {
			t.Error("no rows for the first gap's own place, age group and status")
		}
		for _, g := range s.Rows() {
			if g.LocalAuthority != first.LocalAuthority || g.AgeGroup != first.AgeGroup || g.Status != first.Status {
				t.Errorf("%+v shown", g.Gap)
			}
		}
		day := formsDate(first.Date)
		s.SetFilters("All", "All", "All", "All", day, day)
		for _, g := range s.Rows() {
			if !g.Date.Equal(first.Date) {
				t.Errorf("gap of %v shown for %s", g.Date, day)
			}
		}
		s.SetFilters("All", "All", "All", "All", "", "")
		if len(s.Rows()) != len(all) {
			t.Errorf("clearing shows %d of %d", len(s.Rows()), len(all))
		}
	})
	t.Run("an anonymous gap needs its place and age group", func(t *testing.T) {
		add, _ := find(s, func(b *widget.Button) bool { return strings.HasPrefix(b.Text, "Record a gap") })
		test.Tap(add)
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Record gap" }))
		for _, want := range []string{"Choose the local authority", "Choose children and young people or adults", "short description"} {
			inDialog(t, w, func(l *widget.Label) bool { return l.Visible() && strings.Contains(l.Text, want) })
		}
		rows, _ := store.Gaps(context.Background())
		if len(rows) != len(all) {
			t.Error("a refused gap was stored")
		}
	})
}

// formsDate writes a date as the forms read it.
func formsDate(d interface{ Format(string) string }) string { return d.Format("02/01/2006") }
