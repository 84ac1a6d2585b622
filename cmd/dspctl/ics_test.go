package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/storage"
)

// withMeeting makes a database holding apptest.Child(), referred through the
// service with a parent's consent, and an initial MAM about them on Tuesday
// 8 December 2026 at 10:00 with a pre-meeting at 09:45. It returns the
// database's path and the meeting's and person's ids.
func withMeeting(t *testing.T) (db string, meetingID, personID int64) {
	t.Helper()
	ctx := context.Background()
	db = filepath.Join(t.TempDir(), "dspdesk.db")
	s, err := storage.Open(ctx, db, storage.WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := app.NewService(s, app.FixedClock(now), "tester")
	res, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(ctx, "tester", app.Meeting{
		PersonID: res.Referral.PersonID, Kind: app.InitialMAM,
		Start: time.Date(2026, 12, 8, 10, 0, 0, 0, app.ServiceLocation), Duration: time.Hour,
		Place: "Room 2, Example House", Organiser: app.OrganisedByTeam, OrganiserName: "Lee Lead",
		PreMeetingOffset: 15 * time.Minute, Status: app.MeetingPlanned,
		Invitees: []app.Invitee{
			{Name: "Jo Example", Role: "Community nurse", Agency: "Example NHS Trust", Email: "jo.example@example.org"},
			{Name: "Pat Testperson", Role: "Parent", Family: true, Phone: "07700 900123"},
		},
		Agenda: app.DefaultAgenda(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, m.ID, res.Referral.PersonID
}

// exports returns the documents exported about a meeting, from the audit log.
func exports(t *testing.T, db string, meetingID int64) []string {
	t.Helper()
	return auditedExports(t, db, "meeting", meetingID)
}

// auditedExports returns the documents exported about one record (entity
// "meeting", "person", ...), from the audit log.
func auditedExports(t *testing.T, db, entity string, id int64) []string {
	t.Helper()
	s, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trail, err := s.AuditTrail(context.Background(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range trail {
		if e.Action == "export" {
			for _, c := range e.Changes {
				out = append(out, c.New)
			}
		}
	}
	return out
}

// parseICS reads a calendar file back with golang-ical.
func parseICS(t *testing.T, path string) *ical.Calendar {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.ParseCalendar(f)
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v", err)
	}
	return cal
}

func TestICS(t *testing.T) {
	t.Run("ics writes the MAM and its pre-meeting, says where, and records the export", func(t *testing.T) {
		// given
		db, id, _ := withMeeting(t)
		out := filepath.Join(t.TempDir(), "mam.ics")
		// when
		r := mustRun(t, exitOK, "ics", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--out", out)
		// then
		if !strings.Contains(r.stdout, out) {
			t.Errorf("stdout %q does not say where", r.stdout)
		}
		events := parseICS(t, out).Events()
		if len(events) != 2 {
			t.Fatalf("%d events, want the MAM and the pre-meeting", len(events))
		}
		mam := events[0]
		if s := mam.GetProperty(ical.ComponentPropertySummary); s == nil || s.Value != "Initial MAM for S.T." {
			t.Errorf("SUMMARY %+v", s)
		}
		start, err := mam.GetStartAt()
		if err != nil || !start.Equal(time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("MAM starts %s, %v", start, err)
		}
		preStart, err := events[1].GetStartAt()
		if err != nil || !preStart.Equal(time.Date(2026, 12, 8, 9, 45, 0, 0, time.UTC)) {
			t.Errorf("pre-meeting starts %s, %v", preStart, err)
		}
		if a := mam.Attendees(); len(a) != 1 || a[0].Email() != "jo.example@example.org" {
			t.Errorf("attendees %v", a)
		}
		data, _ := os.ReadFile(out)
		for _, bad := range []string{"Sam Testperson", "Sammy", "9990000018"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("the file contains %q", bad)
			}
		}
		if got := exports(t, db, id); len(got) != 1 || got[0] != "calendar file mam.ics" {
			t.Errorf("exports in the audit log %q", got)
		}
	})
	t.Run("ics into a folder names the file after the meeting", func(t *testing.T) {
		db, id, _ := withMeeting(t)
		dir := t.TempDir()
		mustRun(t, exitOK, "ics", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--out", dir)
		want := filepath.Join(dir, "mam-"+strconv.FormatInt(id, 10)+".ics")
		if _, err := os.Stat(want); err != nil {
			t.Error(err)
		}
	})
	t.Run("ics replaces an existing file whole and leaves no temporary file", func(t *testing.T) {
		db, id, _ := withMeeting(t)
		dir := t.TempDir()
		out := filepath.Join(dir, "mam.ics")
		if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		mustRun(t, exitOK, "ics", "--db", db, "--meeting", strconv.FormatInt(id, 10), "--out", out, "--organiser-email", "lee.lead@example.org")
		if o := parseICS(t, out).Events()[0].GetProperty(ical.ComponentPropertyOrganizer); o == nil || o.Value != "mailto:lee.lead@example.org" {
			t.Errorf("ORGANIZER %+v", o)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("the folder holds %d files, want only mam.ics", len(entries))
		}
	})
}

func TestICSRefusals(t *testing.T) {
	tests := []struct {
		name string
		// prepare changes the database and returns the arguments after --db
		prepare func(t *testing.T, db string, meetingID, personID int64, out string) []string
		want    string
	}{
		{"an unknown meeting",
			func(_ *testing.T, _ string, id, _ int64, out string) []string {
				return []string{"--meeting", strconv.FormatInt(id+99, 10), "--out", out}
			}, "There is no meeting"},
		{"a person whose consent was withdrawn",
			func(t *testing.T, db string, id, personID int64, out string) []string {
				s, err := storage.Open(context.Background(), db, storage.WithClock(app.FixedClock(now)))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				svc := app.NewService(s, app.FixedClock(now), "tester")
				if _, err := svc.WithdrawConsent(context.Background(), personID, now, "The family asked us to stop."); err != nil {
					t.Fatal(err)
				}
				return []string{"--meeting", strconv.FormatInt(id, 10), "--out", out}
			}, "Consent was withdrawn: documents about this person are not exported.\n"},
		{"a person with no consent recorded",
			func(t *testing.T, db string, id, _ int64, out string) []string {
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
				return []string{"--meeting", strconv.FormatInt(id, 10), "--out", out}
			}, "No consent is recorded: record consent before exporting documents about this person.\n"},
		{"a folder that does not exist",
			func(_ *testing.T, _ string, id, _ int64, out string) []string {
				return []string{"--meeting", strconv.FormatInt(id, 10), "--out", filepath.Join(filepath.Dir(out), "missing", "mam.ics")}
			}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run("ics refuses "+tt.name+" with one sentence and writes nothing", func(t *testing.T) {
			db, id, personID := withMeeting(t)
			out := filepath.Join(t.TempDir(), "mam.ics")
			args := append([]string{"ics", "--db", db}, tt.prepare(t, db, id, personID, out)...)
			r := mustRun(t, exitFailed, args...)
			oneSentence(t, r.stderr)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.want)
			}
			if strings.Contains(r.stderr, "Testperson") {
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
	t.Run("ics refuses a database that does not exist", func(t *testing.T) {
		r := mustRun(t, exitFailed, "ics", "--db", filepath.Join(t.TempDir(), "none.db"), "--meeting", "1", "--out", filepath.Join(t.TempDir(), "x.ics"))
		oneSentence(t, r.stderr)
	})
}

func TestICSUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dspdesk.db")
	out := filepath.Join(t.TempDir(), "mam.ics")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"without --meeting", []string{"--out", out}, "--meeting ID"},
		{"with a --meeting that is not a number", []string{"--meeting", "abc", "--out", out}, "meeting number"},
		{"with a --meeting of zero", []string{"--meeting", "0", "--out", out}, "meeting number"},
		{"without --out", []string{"--meeting", "1"}, "--out FILE"},
		{"with an organiser email that is not one", []string{"--meeting", "1", "--out", out, "--organiser-email", "lee@"}, "email address"},
		{"with a positional argument", []string{"--meeting", "1", "--out", out, "extra"}, "unexpected argument"},
		{"with an unknown flag", []string{"--meeting", "1", "--out", out, "--colour"}, "colour"},
	}
	for _, tt := range tests {
		t.Run("ics "+tt.name+" is a usage error", func(t *testing.T) {
			r := mustRun(t, exitUsage, append([]string{"ics", "--db", db}, tt.args...)...)
			oneSentence(t, r.stderr)
			if !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "dspctl ics --help") {
				t.Errorf("stderr %q, want %q", r.stderr, tt.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("a usage error created the database")
			}
		})
	}
	t.Run("ics --help explains the command and its flags", func(t *testing.T) {
		r := mustRun(t, exitOK, "ics", "--help")
		for _, want := range []string{"Usage: dspctl ics [flags]", "-meeting ID", "-out FILE", "-organiser-email EMAIL", "audit log"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("help lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("dspctl --help lists ics", func(t *testing.T) {
		if r := mustRun(t, exitOK, "--help"); !strings.Contains(r.stdout, "  ics ") {
			t.Errorf("help:\n%s", r.stdout)
		}
	})
}
