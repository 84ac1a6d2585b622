package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	samples := []struct {
		name string
		in   ProfessionalAgendaInput
	}{
		{"professional-agenda", proInput(t, 8)},
		{"professional-agenda-long", long},
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

var (
	_ = errors.Is
	_ = time.Now
)
