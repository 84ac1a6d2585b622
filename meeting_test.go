package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/report"
	"dspdesk/forms"
)

func TestScheduleMeetingFromThePersonScreen(t *testing.T) {
	w, store, _ := openDesk(t, 120)
	ctx := context.Background()
	// the demo's first person: an Amber child with a MAM held and one to come
	w.OpenPerson(1)
	p := w.Body().(*forms.PersonScreen)
	before := len(p.Record().Meetings)
	schedule, ok := find(p, func(b *widget.Button) bool { return b.Text == "Schedule MAM" })
	if !ok {
		t.Fatal("no Schedule MAM button")
	}
	test.Tap(schedule)
	entry := func(placeholder string) *widget.Entry {
		return inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
	}
	entry("dd/mm/yyyy").SetText("25/12/2026")
	entry("hh:mm").SetText("10:00")
	entry("Address and room").SetText("Example House, Room 2")
	submit := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Schedule" })

	t.Run("Christmas Day is refused and the next possible time is filled in", func(t *testing.T) {
		test.Tap(submit)
		problem := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "⚠") && l.Visible() })
		if !strings.Contains(problem.Text, "Friday 25 December 2026 is a bank holiday (Christmas Day)") || !strings.Contains(problem.Text, "filled in") {
			t.Errorf("problem = %q", problem.Text)
		}
		if got := entry("dd/mm/yyyy").Text; got != "29/12/2026" {
			t.Errorf("date filled in as %q, want Tuesday 29/12/2026", got)
		}
		if rec, _ := store.PersonRecord(ctx, 1); len(rec.Meetings) != before {
			t.Error("a meeting was stored")
		}
	})
	t.Run("pressing Schedule again books the suggested time with the default agenda and invitees", func(t *testing.T) {
		test.Tap(submit)
		rec, _ := store.PersonRecord(ctx, 1)
		if len(rec.Meetings) != before+1 {
			t.Fatalf("%d meetings, want %d", len(rec.Meetings), before+1)
		}
		var m app.Meeting
		for _, x := range rec.Meetings {
			if x.Start.Equal(time.Date(2026, 12, 29, 9, 15, 0, 0, app.ServiceLocation)) {
				m, _ = store.Meeting(ctx, x.ID)
			}
		}
		if m.ID == 0 || len(m.Invitees) == 0 || len(m.Agenda) < len(app.DefaultAgenda()) || m.PreMeetingOffset != 15*time.Minute {
			t.Fatalf("meeting = %+v", m)
		}
		t.Run("recording the MAM: family met, a new invitee, attendance and outcome are stored", func(t *testing.T) {
			forms.ShowMeeting(w, desks[w], m.ID, deskNow, func(app.Meeting) {})
			test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Family met today" }))
			inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == "Name" }).SetText("Dee Example")
			inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == "Role (for family: e.g. Dad)" }).SetText("Speech and language therapist")
			add := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Add invitee" })
			test.Tap(add)
			problem := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "⚠") && l.Visible() })
			if !strings.Contains(problem.Text, "agency") {
				t.Errorf("a professional without an agency: %q", problem.Text)
			}
			inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == "Agency (not for family)" }).SetText("Example NHS Trust")
			test.Tap(add)
			test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Add an agenda item" }))
			var empty *widget.Entry
			if top := w.Canvas().Overlays().Top(); top != nil {
				empty, _ = find(top, func(e *widget.Entry) bool { return e.PlaceHolder == "Agenda item" && e.Text == "" })
			}
			if empty == nil {
				t.Fatal("no new agenda item")
			}
			empty.SetText("Sensory assessment results")
			inDialog(t, w, func(e *widget.Entry) bool { return e.MultiLine }).SetText("Plan agreed; carer's assessment booked.")
			test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Save" }))
			got, _ := store.Meeting(ctx, m.ID)
			if got.Status != app.MeetingFamilyContacted || !got.FamilyContactedOn.Equal(app.DateOf(deskNow)) ||
				len(got.Invitees) != len(m.Invitees)+1 || got.Invitees[len(got.Invitees)-1].Agency != "Example NHS Trust" ||
				got.Notes != "Plan agreed; carer's assessment booked." ||
				len(got.Agenda) != len(m.Agenda)+1 || got.Agenda[len(got.Agenda)-1].Title != "Sensory assessment results" {
				t.Errorf("meeting = %+v", got)
			}
		})
		t.Run("its family agenda PDF is written and the export audited", func(t *testing.T) {
			_, _, b := openDeskBackend(t, w)
			var buf bytes.Buffer
			if err := b.FamilyAgendaPDF(ctx, m.ID, false, &buf, "agenda.pdf"); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
				t.Error("not a PDF")
			}
			trail, _ := store.AuditTrail(ctx, "meeting", m.ID)
			if last := trail[len(trail)-1]; last.Action != "export" || !strings.Contains(last.Changes[0].New, "family agenda PDF agenda.pdf") {
				t.Errorf("last audit row = %+v", last)
			}
			t.Run("its calendar file is written and the export audited", func(t *testing.T) {
				var cal bytes.Buffer
				if err := b.MeetingICS(ctx, m.ID, &cal, "mam.ics"); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(cal.String(), "BEGIN:VEVENT") || strings.Contains(cal.String(), p.Record().Person.FamilyName+",") {
					t.Errorf("calendar file:\n%s", cal.String())
				}
				trail, _ := store.AuditTrail(ctx, "meeting", m.ID)
				if last := trail[len(trail)-1]; !strings.Contains(last.Changes[0].New, "calendar file mam.ics") {
					t.Errorf("last audit row = %+v", last)
				}
			})
			t.Run("Print writes the agenda into the print folder and opens it in the viewer", func(t *testing.T) {
				dir := t.TempDir()
				var opened string
				b.printDir, b.openFile = dir, func(path string) error { opened = path; return nil }
				path, err := b.OpenPDF(ctx, "family-agenda.pdf", func(w io.Writer) error { return b.FamilyAgendaPDF(ctx, m.ID, false, w, "print") })
				if err != nil || opened != path || filepath.Dir(path) != dir {
					t.Fatalf("path %q opened %q: %v", path, opened, err)
				}
				if data, _ := os.ReadFile(path); !bytes.HasPrefix(data, []byte("%PDF")) {
					t.Error("not a PDF")
				}
				// a refused document leaves nothing behind
				if _, err := b.OpenPDF(ctx, "bad.pdf", func(io.Writer) error { return report.ErrNoConsent }); err == nil {
					t.Error("want an error")
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 1 {
					t.Errorf("the print folder holds %d files after a refused print, want only the agenda", len(entries))
				}
				// printing again never replaces the copy the viewer may still have open
				again, err := b.OpenPDF(ctx, "family-agenda.pdf", func(w io.Writer) error { return b.FamilyAgendaPDF(ctx, m.ID, false, w, "print") })
				if err != nil || again == path {
					t.Errorf("the second print went to %q (the first to %q): %v", again, path, err)
				}
			})
			t.Run("the professional agenda PDF is written and the export audited", func(t *testing.T) {
				var pro bytes.Buffer
				if err := b.ProfessionalAgendaPDF(ctx, m.ID, &pro, "pro.pdf"); err != nil {
					t.Fatal(err)
				}
				trail, _ := store.AuditTrail(ctx, "meeting", m.ID)
				if last := trail[len(trail)-1]; !strings.Contains(last.Changes[0].New, "professional agenda PDF pro.pdf") {
					t.Errorf("last audit row = %+v", last)
				}
			})
			t.Run("the person's action plan PDF is written and the export audited", func(t *testing.T) {
				var plan bytes.Buffer
				if err := b.ActionPlanPDF(ctx, 1, 0, false, &plan, "plan.pdf"); err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(plan.Bytes(), []byte("%PDF")) {
					t.Error("not a PDF")
				}
				trail, _ := store.AuditTrail(ctx, "person", 1)
				if last := trail[len(trail)-1]; last.Action != "export" || !strings.Contains(last.Changes[0].New, "action plan PDF plan.pdf") {
					t.Errorf("last audit row = %+v", last)
				}
			})
			t.Run("after consent is withdrawn the agenda is refused and nothing is written", func(t *testing.T) {
				if _, err := b.WithdrawConsent(ctx, 1, app.DateOf(deskNow), "Family withdrew consent by phone"); err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				err := b.FamilyAgendaPDF(ctx, m.ID, true, &buf, "agenda.pdf")
				if !errors.Is(err, report.ErrNoConsent) || buf.Len() != 0 {
					t.Errorf("err = %v, %d bytes", err, buf.Len())
				}
				var cal bytes.Buffer
				if err := b.MeetingICS(ctx, m.ID, &cal, "mam.ics"); err == nil || cal.Len() != 0 {
					t.Errorf("calendar file after withdrawal: %v, %d bytes", err, cal.Len())
				}
				var plan bytes.Buffer
				if err := b.ActionPlanPDF(ctx, 1, 0, false, &plan, "plan.pdf"); !errors.Is(err, report.ErrNoConsent) || plan.Len() != 0 {
					t.Errorf("action plan after withdrawal: %v, %d bytes", err, plan.Len())
				}
			})
		})
	})
}

func TestNoImprovementAfterTheMAMOffersTheEscalation(t *testing.T) {
	w, store, _ := openDesk(t, 120)
	ctx := context.Background()
	w.OpenPerson(1) // the demo's first person: a child rated Amber with a MAM held
	p := w.Body().(*forms.PersonScreen)
	tabs, _ := find(p, func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(4) // Meetings
	open, ok := find(p, func(b *widget.Button) bool { return b.Text == "Open" })
	if !ok {
		t.Fatal("no meeting to open")
	}
	test.Tap(open)
	before, _ := store.Meeting(ctx, meetingIDOf(t, p))
	// empty the second agenda item (it is dropped on saving)
	var titles []*widget.Entry
	collect(w.Canvas().Overlays().Top(), func(e *widget.Entry) {
		if e.PlaceHolder == "Agenda item" {
			titles = append(titles, e)
		}
	})
	if len(titles) != len(before.Agenda) {
		t.Fatalf("%d agenda rows for %d items", len(titles), len(before.Agenda))
	}
	titles[1].SetText("")
	state := inDialog(t, w, func(s *widget.Select) bool { return s.Selected != "" && len(s.Options) == 5 })
	state.SetSelected(app.MeetingOutcomeRecorded.String())
	save := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Save" })
	t.Run("recording an outcome without saying what it was is refused beside it", func(t *testing.T) {
		test.Tap(save)
		problem := inDialog(t, w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "⚠") && l.Visible() })
		if !strings.Contains(problem.Text, "Choose the outcome") {
			t.Errorf("problem = %q", problem.Text)
		}
	})
	t.Run("no change after the MAM offers Red, and accepting it goes to the ROAR with an urgent CETR", func(t *testing.T) {
		outcome := inDialog(t, w, func(s *widget.Select) bool {
			return len(s.Options) == 3 && s.Options[0] == app.OutcomeImproved.String()
		})
		outcome.SetSelected(app.OutcomeNoChange.String())
		test.Tap(save)
		escalate := inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Escalate to Red" })
		test.Tap(escalate)
		reg, _ := store.OpenRegistration(ctx, 1)
		if reg.Rating != app.Red || reg.Register != app.ROAR {
			t.Fatalf("registration = %+v", reg)
		}
		rec, _ := store.PersonRecord(ctx, 1)
		urgent := false
		for _, r := range rec.ReviewRequests {
			urgent = urgent || (r.Urgent && r.Kind == app.CETR)
		}
		if !urgent {
			t.Errorf("no urgent CETR request: %+v", rec.ReviewRequests)
		}
		changes := rec.RatingChanges[reg.ID]
		if last := changes[len(changes)-1]; !strings.Contains(last.Reason, "No improvement following the MAM") {
			t.Errorf("reason = %q", last.Reason)
		}
	})
	t.Run("after the refused save, the saved agenda lost only the emptied item and kept each item's own family wording", func(t *testing.T) {
		after, _ := store.Meeting(ctx, before.ID)
		want := append(append([]app.AgendaItem{}, before.Agenda[:1]...), before.Agenda[2:]...)
		if len(after.Agenda) != len(want) {
			t.Fatalf("%d items, want %d", len(after.Agenda), len(want))
		}
		for i := range want {
			if after.Agenda[i].Title != want[i].Title || after.Agenda[i].FamilyText != want[i].FamilyText {
				t.Errorf("item %d = %q / %q, want %q / %q", i, after.Agenda[i].Title, after.Agenda[i].FamilyText, want[i].Title, want[i].FamilyText)
			}
		}
	})
}

// meetingIDOf is the id of the newest meeting on a person screen.
func meetingIDOf(t *testing.T, p *forms.PersonScreen) int64 {
	t.Helper()
	ms := p.Record().Meetings
	if len(ms) == 0 {
		t.Fatal("no meetings")
	}
	return ms[0].ID
}

// collect calls fn for every object of type T under o.
func collect[T fyne.CanvasObject](o fyne.CanvasObject, fn func(T)) {
	if v, ok := o.(T); ok {
		fn(v)
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			collect(k, fn)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(c).Objects() {
			collect(k, fn)
		}
	}
}
