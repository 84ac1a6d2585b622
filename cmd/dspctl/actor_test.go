package main

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"dspdesk/app"
	"dspdesk/storage"
)

// actorsOf returns who the audit log names for the rows about one record.
func actorsOf(t *testing.T, db, entity string, id int64, action string) []string {
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
		if e.Action == action {
			out = append(out, e.Actor)
		}
	}
	return out
}

func TestTheActorIsTheOperatingSystemAccount(t *testing.T) {
	// given a database whose settings name a display name
	db, meetingID, _ := withMeeting(t)
	ctx := context.Background()
	s, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.DisplayName = "Jo Display"
	if err := s.SaveSettings(ctx, "tester", set); err != nil {
		t.Fatal(err)
	}
	s.Close()
	want := app.OSAccount()

	t.Run("a backup is recorded under the account, not the display name", func(t *testing.T) {
		mustRun(t, exitOK, "backup", "--db", db, filepath.Join(t.TempDir(), "b.db"))
		got := actorsOf(t, db, "backup", 0, "backup")
		if len(got) != 1 || got[0] != want {
			t.Errorf("backup actors = %q, want [%q]", got, want)
		}
	})
	t.Run("an export is recorded under the account, not the display name", func(t *testing.T) {
		mustRun(t, exitOK, "ics", "--db", db, "--meeting", strconv.FormatInt(meetingID, 10), "--out", filepath.Join(t.TempDir(), "m.ics"))
		got := actorsOf(t, db, "meeting", meetingID, "export")
		if len(got) != 1 || got[0] != want {
			t.Errorf("export actors = %q, want [%q]", got, want)
		}
	})
}
