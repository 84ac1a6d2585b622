package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dspdesk/app"
	"dspdesk/storage"
)

func TestActionPlan(t *testing.T) {
	db, meetingID, personID := withAgenda(t, "0116 496 0999")
	pid := strconv.FormatInt(personID, 10)
	t.Run("the professional plan has the identifiers, rating, every action and is audited", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "plan.pdf")
		r := mustRun(t, exitOK, "action-plan", "--db", db, "--person", pid, "--out", out)
		if !strings.Contains(r.stdout, out) || !strings.Contains(r.stdout, "3 actions") {
			t.Errorf("stdout %q", r.stdout)
		}
		got := pdfText(t, out)
		for _, w := range []string{"Action plan", "Sam Testperson", "999 000 0018", "14 March 2012", "Amber",
			overdueAction.Description, laterAction.Description, doneAction.Description, "Siân O'Neil", "Page 1 of"} {
			if !strings.Contains(got, w) && !strings.Contains(flat(got), flat(w)) {
				t.Errorf("the PDF lacks %q", w)
			}
		}
		if got := auditedExports(t, db, "person", personID); len(got) != 1 || got[0] != "action plan PDF plan.pdf" {
			t.Errorf("exports %q", got)
		}
	})
	t.Run("the family copy is plain English without the NHS number, and names who to contact", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "family.pdf")
		mustRun(t, exitOK, "action-plan", "--db", db, "--person", pid, "--meeting", strconv.FormatInt(meetingID, 10), "--family", "--out", out)
		got := pdfText(t, out)
		if !strings.Contains(flat(got), flat("0116 496 0999")) || !strings.Contains(flat(got), flat(laterAction.Description)) {
			t.Errorf("the family copy lacks the phone or an action: %s", got)
		}
		for _, b := range []string{"999 000 0018", "9990000018", "Amber"} {
			if strings.Contains(got, b) {
				t.Errorf("the family copy contains %q", b)
			}
		}
	})
	t.Run("a folder names the file after the person", func(t *testing.T) {
		dir := t.TempDir()
		mustRun(t, exitOK, "action-plan", "--db", db, "--person", pid, "--out", dir)
		if _, err := os.Stat(filepath.Join(dir, "action-plan-"+pid+".pdf")); err != nil {
			t.Error(err)
		}
	})
	t.Run("refusals: usage, unknown person or meeting, withdrawn consent (and no file)", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "plan.pdf")
		mustRun(t, exitUsage, "action-plan", "--db", db, "--out", out)
		mustRun(t, exitUsage, "action-plan", "--db", db, "--person", "x", "--out", out)
		mustRun(t, exitUsage, "action-plan", "--db", db, "--person", pid)
		r := mustRun(t, exitFailed, "action-plan", "--db", db, "--person", "9999", "--out", out)
		if !strings.Contains(r.stderr, "no person 9999") {
			t.Errorf("stderr %q", r.stderr)
		}
		mustRun(t, exitFailed, "action-plan", "--db", db, "--person", pid, "--meeting", "9999", "--out", out)
		s, err := storage.Open(context.Background(), db, storage.WithClock(app.FixedClock(now)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.NewService(s, app.FixedClock(now), "tester").WithdrawConsent(context.Background(), personID, now, "The family asked us to stop."); err != nil {
			t.Fatal(err)
		}
		s.Close()
		for _, kind := range [][]string{nil, {"--family"}} {
			args := append([]string{"action-plan", "--db", db, "--person", pid, "--out", out}, kind...)
			r := mustRun(t, exitFailed, args...)
			if !strings.Contains(r.stderr, "Consent was withdrawn") {
				t.Errorf("stderr %q", r.stderr)
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a refused plan left %d files", len(entries))
		}
	})
}

func TestGapsReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dspdesk.db")
	ctx := context.Background()
	s, err := storage.Open(ctx, db, storage.WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(s, app.FixedClock(now), "tester")
	for i := 0; i < 7; i++ {
		cat := app.GapShortBreaks
		if i >= 5 {
			cat = app.GapTransition
		}
		if _, err := svc.RecordGap(ctx, s, s, app.Gap{Date: app.Date(2026, 10, 1+i), RaisedBy: "Secret Raiser", LocalAuthority: app.Rutland,
			AgeGroup: app.CYP, Category: cat, Summary: "No short-break beds in the county.", Description: "Zoë Secretperson has no bed",
			Impact: "Carer exhausted"}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	dir := t.TempDir()
	t.Run("the PDF counts by category and suppresses small numbers, with no identifiers", func(t *testing.T) {
		out := filepath.Join(dir, "gaps.pdf")
		r := mustRun(t, exitOK, "gaps-report", "--db", db, "--from", "2026-04-01", "--to", "31/10/2026", "--out", out)
		if !strings.Contains(r.stdout, "7 gaps") {
			t.Errorf("stdout %q", r.stdout)
		}
		got := pdfText(t, out)
		for _, w := range []string{"Gaps in service", "Short breaks", "<5"} {
			if !strings.Contains(got, w) {
				t.Errorf("the PDF lacks %q", w)
			}
		}
		for _, b := range []string{"Secretperson", "Secret Raiser"} {
			if strings.Contains(got, b) {
				t.Errorf("the PDF contains %q", b)
			}
		}
	})
	t.Run("the CSV parses back", func(t *testing.T) {
		out := filepath.Join(dir, "gaps.csv")
		mustRun(t, exitOK, "gaps-report", "--db", db, "--from", "2026-04-01", "--to", "2026-10-31", "--out", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
		if err != nil || len(recs) < 3 {
			t.Fatalf("csv: %v, %d records", err, len(recs))
		}
		if strings.Contains(string(data), "Secretperson") {
			t.Error("the CSV names someone")
		}
	})
	t.Run("refusals", func(t *testing.T) {
		mustRun(t, exitUsage, "gaps-report", "--db", db, "--from", "2026-04-01", "--out", filepath.Join(dir, "x.pdf"))
		mustRun(t, exitUsage, "gaps-report", "--db", db, "--from", "2026-11-01", "--to", "2026-10-01", "--out", filepath.Join(dir, "x.pdf"))
		mustRun(t, exitUsage, "gaps-report", "--db", db, "--from", "2026-04-01", "--to", "2026-10-01", "--out", filepath.Join(dir, "x.txt"))
		mustRun(t, exitUsage, "gaps-report", "--db", db, "--from", "soon", "--to", "2026-10-01", "--out", filepath.Join(dir, "x.pdf"))
	})
}
