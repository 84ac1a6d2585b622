package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/storage"
)

// The agendas' actions: one overdue whenever the test runs, one not due
// for a long time, one done (never on the professional agenda).
var (
	overdueAction = app.Action{Description: "Send the sensory assessment report to school", Owner: "Jo Example",
		Agency: "Example NHS Trust", Due: app.Date(2020, 1, 6), Status: app.ActionOpen}
	laterAction = app.Action{Description: "Review the crisis plan with Zoë Łukasz-O'Brien", Owner: "Siân O'Neil",
		Agency: "DSP team", Due: app.Date(2099, 1, 5), Status: app.ActionInProgress}
	doneAction = app.Action{Description: "Book the occupational therapy visit", Owner: "Jo Example",
		Agency: "Example NHS Trust", Due: app.Date(2020, 1, 3), Status: app.ActionDone, CompletedOn: app.Date(2020, 1, 2)}
)

// withAgenda is withMeeting with the person accepted onto the DSR rated
// Amber, three actions (overdue, later, done), the meeting's agenda made
// with the outstanding ones carried in, and, when phone is not empty, the
// team phone for families set in the settings.
func withAgenda(t *testing.T, phone string) (db string, meetingID, personID int64) {
	t.Helper()
	ctx := context.Background()
	db, meetingID, personID = withMeeting(t)
	s, err := storage.Open(ctx, db, storage.WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := app.NewService(s, app.FixedClock(now), "tester")
	rec, err := s.PersonRecord(ctx, personID)
	if err != nil || len(rec.Referrals) == 0 {
		t.Fatalf("the person's referral: %v", err)
	}
	if _, err := svc.DecideReferral(ctx, rec.Referrals[0].ID, app.Decision{Accept: true, Rating: app.Amber, Reason: "Meets the DSR criteria"}); err != nil {
		t.Fatal(err)
	}
	var actions []app.Action
	for _, a := range []app.Action{overdueAction, laterAction, doneAction} {
		a.PersonID = personID
		saved, err := s.CreateAction(ctx, "tester", a)
		if err != nil {
			t.Fatal(err)
		}
		actions = append(actions, saved)
	}
	m, err := s.Meeting(ctx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	m.Agenda = app.AgendaFor(actions)
	if _, err := s.UpdateMeeting(ctx, "tester", m); err != nil {
		t.Fatal(err)
	}
	if phone != "" {
		set, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.TeamPhone = phone
		if err := s.SaveSettings(ctx, "tester", set); err != nil {
			t.Fatal(err)
		}
	}
	return db, meetingID, personID
}

// pdfText is the text of the PDF at path as pdftotext reads it (poppler;
// scripts/deps.sh build installs it), in drawing order with every run of
// white space made one space.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (scripts/deps.sh build)")
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-enc", "UTF-8", "-raw", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext: %v %s", err, stderr.String())
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// flat is text with no white space at all, to find a phrase however a
// table cell wrapped it.
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

func TestAgenda(t *testing.T) {
	tests := []struct {
		name  string
		kind  string
		audit string
		has   []string
		lacks []string
	}{
		{"the family agenda says when, where, who and whom to contact, without identifiers", "--family", "family agenda PDF agenda.pdf",
			[]string{"Meeting about Sammy", "Tuesday 8 December 2026", "10am to 11am (1 hour)", "Room 2, Example House",
				"Before the meeting, at 9:45am", "Pat Testperson", "Jo Example", "Community nurse, Example NHS Trust",
				"Lee Lead", "Organiser, Dynamic Support Pathway", "Phone: 0116 496 0999", "Why we are meeting."},
			[]string{"999 000 0018", "9990000018", "14 March 2012", "Amber", "Review action", overdueAction.Description}},
		{"the easy-read agenda is the family's, in short sentences", "--easy-read", "easy-read family agenda PDF agenda.pdf",
			[]string{"Meeting about Sammy", "From 10am to 11am", "We will meet you and your family first.", "Phone: 0116 496 0999"},
			[]string{"999 000 0018", "Amber", "Review action"}},
		{"the professional agenda has the full details and the outstanding actions", "--professional", "professional agenda PDF agenda.pdf",
			[]string{"Initial MAM agenda", "Name Sam Testperson (likes to be called Sammy)", "NHS number 999 000 0018",
				"Date of birth 14 March 2012", "Local authority Leicester City", "Register Dynamic Support Register (DSR)",
				"Rating Amber: Without urgent help", "Organiser Lee Lead (DSP team)", "Place Room 2, Example House",
				"Pre-meeting From 9:45am", "2 people invited: 1 family or carers, 1 from services.",
				"Jo Example Community nurse Example NHS Trust jo.example@example.org Professional",
				"Pat Testperson Parent 07700 900123 Family",
				"1. Welcome, introductions and apologies", "Review action: " + overdueAction.Description,
				"Review action: " + laterAction.Description,
				"2 outstanding actions, 1 overdue on",
				overdueAction.Description + " Jo Example Example NHS Trust 6 Jan 2020 Not started Overdue",
				laterAction.Description + " Siân O'Neil DSP team 5 Jan 2099 In progress",
				"OFFICIAL-SENSITIVE: contains personal health information", "Page 1 of"},
			[]string{doneAction.Description, "In progress Overdue"}},
	}
	for _, tt := range tests {
		t.Run("agenda "+tt.kind+": "+tt.name+", and the export is recorded", func(t *testing.T) {
			// given
			db, id, _ := withAgenda(t, "0116 496 0999")
			out := filepath.Join(t.TempDir(), "agenda.pdf")
			// when
			r := mustRun(t, exitOK, "agenda", "--db", db, "--meeting", strconv.FormatInt(id, 10), tt.kind, "--out", out)
			// then
			if !strings.Contains(r.stdout, out) {
				t.Errorf("stdout %q does not say where", r.stdout)
			}
			got := pdfText(t, out)
			for _, w := range tt.has {
				if !strings.Contains(got, w) && !strings.Contains(flat(got), flat(w)) {
					t.Errorf("the PDF lacks %q", w)
				}
			}
			for _, b := range tt.lacks {
				if strings.Contains(got, b) {
					t.Errorf("the PDF contains %q", b)
				}
			}
			if got := exports(t, db, id); len(got) != 1 || got[0] != tt.audit {
				t.Errorf("exports in the audit log %q, want %q", got, tt.audit)
			}
		})
	}
	t.Run("agenda into a folder names the file after the meeting and the kind", func(t *testing.T) {
		db, id, _ := withAgenda(t, "0116 496 0999")
		dir := t.TempDir()
		sid := strconv.FormatInt(id, 10)
		for kind, name := range map[string]string{"--family": "family-agenda", "--easy-read": "easy-read-agenda", "--professional": "professional-agenda"} {
			mustRun(t, exitOK, "agenda", "--db", db, "--meeting", sid, kind, "--out", dir)
			if _, err := os.Stat(filepath.Join(dir, "mam-"+sid+"-"+name+".pdf")); err != nil {
				t.Error(err)
			}
		}
		if got := exports(t, db, id); len(got) != 3 {
			t.Errorf("exports in the audit log %q, want 3", got)
		}
	})
	t.Run("agenda replaces an existing file whole and leaves no temporary file", func(t *testing.T) {
		db, id, _ := withAgenda(t, "0116 496 0999")
		dir := t.TempDir()
		out := filepath.Join(dir, "agenda.pdf")
		if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		mustRun(t, exitOK, "agenda", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--professional", "--out", out)
		if data, _ := os.ReadFile(out); !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Error("the file is not the new PDF")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("the folder holds %d files, want only agenda.pdf", len(entries))
		}
	})
	t.Run("the professional agenda of a person on no register says so", func(t *testing.T) {
		db, id, _ := withMeeting(t)
		out := filepath.Join(t.TempDir(), "agenda.pdf")
		mustRun(t, exitOK, "agenda", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--professional", "--out", out)
		got := pdfText(t, out)
		for _, w := range []string{"Register Not on a register", "Rating Not rated", "No outstanding actions."} {
			if !strings.Contains(got, w) {
				t.Errorf("the PDF lacks %q", w)
			}
		}
	})
}

func TestAgendaRefusals(t *testing.T) {
	withdraw := func(t *testing.T, db string, personID int64) {
		s, err := storage.Open(context.Background(), db, storage.WithClock(app.FixedClock(now)))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		svc := app.NewService(s, app.FixedClock(now), "tester")
		if _, err := svc.WithdrawConsent(context.Background(), personID, now, "The family asked us to stop."); err != nil {
			t.Fatal(err)
		}
	}
	forget := func(t *testing.T, db string, _ int64) {
		raw, err := sql.Open("sqlite3", db)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, q := range []string{"DROP TRIGGER consents_no_delete", "DELETE FROM consents"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		phone string
		kinds []string
		// prepare changes the database; args returns the arguments after
		// the kind, given the meeting and the file to write.
		prepare func(t *testing.T, db string, personID int64)
		args    func(id int64, out string) []string
		want    string
	}{
		{"a person whose consent was withdrawn", "0116 496 0999", []string{"--family", "--easy-read", "--professional"},
			withdraw, nil, "Consent was withdrawn: documents about this person are not exported.\n"},
		{"a person with no consent recorded", "0116 496 0999", []string{"--family", "--easy-read", "--professional"},
			forget, nil, "No consent is recorded: record consent before exporting documents about this person.\n"},
		{"a family agenda when the settings have no team phone or email", "", []string{"--family", "--easy-read"},
			nil, nil, "Set the team phone or email for families in Settings first"},
		{"an unknown meeting", "0116 496 0999", []string{"--family", "--professional"}, nil,
			func(id int64, out string) []string {
				return []string{"--meeting", strconv.FormatInt(id+99, 10), "--out", out}
			}, "There is no meeting"},
		{"a folder that does not exist", "0116 496 0999", []string{"--family", "--professional"}, nil,
			func(id int64, out string) []string {
				return []string{"--meeting", strconv.FormatInt(id, 10), "--out", filepath.Join(filepath.Dir(out), "missing", "agenda.pdf")}
			}, "does not exist"},
	}
	for _, tt := range tests {
		for _, kind := range tt.kinds {
			t.Run("agenda "+kind+" refuses "+tt.name+" with one sentence and writes nothing", func(t *testing.T) {
				db, id, personID := withAgenda(t, tt.phone)
				if tt.prepare != nil {
					tt.prepare(t, db, personID)
				}
				out := filepath.Join(t.TempDir(), "agenda.pdf")
				args := []string{"--meeting", strconv.FormatInt(id, 10), "--out", out}
				if tt.args != nil {
					args = tt.args(id, out)
				}
				r := mustRun(t, exitFailed, append([]string{"agenda", "--db", db, kind}, args...)...)
				oneSentence(t, r.stderr)
				if !strings.Contains(r.stderr, tt.want) {
					t.Errorf("stderr %q, want %q", r.stderr, tt.want)
				}
				if strings.Contains(r.stderr, "Testperson") || strings.Contains(r.stderr, "Sammy") {
					t.Errorf("stderr names the person: %q", r.stderr)
				}
				if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
					t.Errorf("%d files written", len(entries))
				}
				if got := exports(t, db, id); len(got) != 0 {
					t.Errorf("exports recorded %q", got)
				}
			})
		}
	}
	t.Run("agenda --professional needs no team phone or email", func(t *testing.T) {
		db, id, _ := withAgenda(t, "")
		mustRun(t, exitOK, "agenda", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--professional", "--out", filepath.Join(t.TempDir(), "a.pdf"))
	})
	t.Run("agenda refuses a database that does not exist", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "none.db")
		r := mustRun(t, exitFailed, "agenda", "--db", db, "--meeting", "1", "--family", "--out", filepath.Join(t.TempDir(), "x.pdf"))
		oneSentence(t, r.stderr)
		if _, err := os.Stat(db); err == nil {
			t.Error("the database was created")
		}
	})
}

func TestAgendaUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dspdesk.db")
	out := filepath.Join(t.TempDir(), "agenda.pdf")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"without --meeting", []string{"--family", "--out", out}, "--meeting ID"},
		{"with a --meeting that is not a number", []string{"--meeting", "abc", "--family", "--out", out}, "meeting number"},
		{"with a --meeting of zero", []string{"--meeting", "0", "--family", "--out", out}, "meeting number"},
		{"without a kind of agenda", []string{"--meeting", "1", "--out", out}, "--family, --easy-read or --professional"},
		{"with two kinds of agenda", []string{"--meeting", "1", "--family", "--professional", "--out", out}, "only one of"},
		{"with all three kinds of agenda", []string{"--meeting", "1", "--family", "--easy-read", "--professional", "--out", out}, "only one of"},
		{"without --out", []string{"--meeting", "1", "--easy-read"}, "--out FILE"},
		{"with a positional argument", []string{"--meeting", "1", "--family", "--out", out, "extra"}, "unexpected argument"},
		{"with an unknown flag", []string{"--meeting", "1", "--family", "--out", out, "--colour"}, "colour"},
	}
	for _, tt := range tests {
		t.Run("agenda "+tt.name+" is a usage error", func(t *testing.T) {
			r := mustRun(t, exitUsage, append([]string{"agenda", "--db", db}, tt.args...)...)
			oneSentence(t, r.stderr)
			if !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "dspctl agenda --help") {
				t.Errorf("stderr %q, want %q", r.stderr, tt.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("a usage error created the database")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a usage error wrote the file")
			}
		})
	}
	t.Run("agenda --help explains the command and its flags", func(t *testing.T) {
		r := mustRun(t, exitOK, "agenda", "--help")
		for _, want := range []string{"Usage: dspctl agenda [flags]", "-meeting ID", "-out FILE", "-family", "-easy-read", "-professional", "audit log"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("help lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("dspctl --help lists agenda", func(t *testing.T) {
		if r := mustRun(t, exitOK, "--help"); !strings.Contains(r.stdout, "  agenda ") {
			t.Errorf("help:\n%s", r.stdout)
		}
	})
}
