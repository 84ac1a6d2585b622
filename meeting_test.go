package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
			forms.ShowMeeting(w, desks[w], m.ID, deskNow, func() {})
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
			inDialog(t, w, func(e *widget.Entry) bool { return e.MultiLine }).SetText("Plan agreed; carer's assessment booked.")
			test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Save" }))
			got, _ := store.Meeting(ctx, m.ID)
			if got.Status != app.MeetingFamilyContacted || !got.FamilyContactedOn.Equal(app.DateOf(deskNow)) ||
				len(got.Invitees) != len(m.Invitees)+1 || got.Invitees[len(got.Invitees)-1].Agency != "Example NHS Trust" ||
				got.Notes != "Plan agreed; carer's assessment booked." {
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
			t.Run("the person's action plan PDF is written and the export audited", func(t *testing.T) {
				var plan bytes.Buffer
				if err := b.ActionPlanPDF(ctx, 1, &plan, "plan.pdf"); err != nil {
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
				if err := b.ActionPlanPDF(ctx, 1, &plan, "plan.pdf"); !errors.Is(err, report.ErrNoConsent) || plan.Len() != 0 {
					t.Errorf("action plan after withdrawal: %v, %d bytes", err, plan.Len())
				}
			})
		})
	})
}
