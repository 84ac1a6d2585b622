package storage

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
	"dspdesk/app/calendar"
)

// The reliability tests run this test binary again as a writer process.
// These variables tell TestHelperWriter what to do.
const (
	envWriterChild = "DSPDESK_CRASH_CHILD" // "1" makes TestHelperWriter the writer
	envWriterDB    = "DSPDESK_WRITER_DB"
	envWriterFirst = "DSPDESK_WRITER_FIRST" // first NHS test-range body to use
	envWriterCount = "DSPDESK_WRITER_COUNT" // referrals to submit; 0 means until killed
)

// TestHelperWriter is not a test: run by the reliability tests as a child
// process (with DSPDESK_CRASH_CHILD=1), it opens the database and submits
// referrals, accepting every third, printing "submitted ID" or "accepted ID"
// on stdout after each commit. Without the variable it does nothing.
func TestHelperWriter(t *testing.T) {
	if os.Getenv(envWriterChild) != "1" {
		return
	}
	os.Exit(runWriter())
}

func runWriter() int {
	ctx := context.Background()
	fail := func(format string, args ...any) int {
		fmt.Fprintf(os.Stderr, "writer: "+format+"\n", args...)
		return 1
	}
	first, err1 := strconv.Atoi(os.Getenv(envWriterFirst))
	count, err2 := strconv.Atoi(os.Getenv(envWriterCount))
	if err1 != nil || err2 != nil {
		return fail("bad environment")
	}
	s, err := Open(ctx, os.Getenv(envWriterDB), WithClock(app.FixedClock(now)))
	if err != nil {
		return fail("open: %v", err)
	}
	defer s.Close()
	svc := newService(s)
	// os.Stdout is unbuffered: each line is one write(2), which reaches the
	// pipe whole before the next statement runs
	fmt.Fprintln(os.Stdout, "ready")
	done := 0
	for body := first; count == 0 || done < count; body++ {
		p, ok := writerPerson(body)
		if !ok {
			continue
		}
		res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			return fail("submit body %d: %v", body, err)
		}
		fmt.Fprintf(os.Stdout, "submitted %d\n", res.Referral.ID)
		if done%3 == 0 {
			if _, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
				return fail("accept referral %d: %v", res.Referral.ID, err)
			}
			fmt.Fprintf(os.Stdout, "accepted %d\n", res.Referral.ID)
		}
		done++
	}
	if err := s.Close(); err != nil {
		return fail("close: %v", err)
	}
	return 0
}

// writer is a running writer process and what it has reported.
type writer struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	lines  chan string // closed when stdout closes
}

func startWriter(t *testing.T, path string, first, count int) *writer {
	t.Helper()
	w := &writer{lines: make(chan string, 1024)}
	w.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	w.cmd.Env = append(os.Environ(), envWriterChild+"=1", envWriterDB+"="+path,
		envWriterFirst+"="+strconv.Itoa(first), envWriterCount+"="+strconv.Itoa(count))
	w.cmd.Stderr = &w.stderr
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(w.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
	}()
	return w
}

// tally records what writers reported as committed.
type tally struct {
	submitted, accepted map[int64]bool
}

func newTally() *tally { return &tally{submitted: map[int64]bool{}, accepted: map[int64]bool{}} }

// add records one line of a writer's output; it reports false for lines
// that are not a commit report.
func (c *tally) add(line string) bool {
	kind, num, ok := strings.Cut(line, " ")
	id, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil {
		return false
	}
	switch kind {
	case "submitted":
		c.submitted[id] = true
	case "accepted":
		c.accepted[id] = true
	default:
		return false
	}
	return true
}

// checkAfterWriters opens the database as the app would and checks it
// holds every reported commit, whole, with a verifying audit chain.
func checkAfterWriters(t *testing.T, path string, c *tally) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatalf("Open after the writers: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.QuickCheck(ctx); err != nil {
		t.Errorf("quick_check: %v", err)
	}
	if rep, err := s.VerifyAudit(ctx); err != nil || !rep.OK {
		t.Errorf("audit chain: %+v, %v", rep, err)
	}
	if p := foreignKeyProblems(t, s.ro); len(p) > 0 {
		t.Errorf("foreign key problems: %v", p)
	}
	for id := range c.submitted {
		ref, err := s.Referral(ctx, id)
		if err != nil {
			t.Errorf("referral %d was reported committed but is missing: %v", id, err)
			continue
		}
		if c.accepted[id] && ref.Status != app.ReferralAccepted {
			t.Errorf("referral %d was reported accepted but is %s", id, ref.Status)
		}
	}
	for id := range c.accepted {
		if _, err := s.OpenRegistration(ctx, mustReferral(t, s, id).PersonID); err != nil {
			t.Errorf("referral %d was reported accepted but has no open registration: %v", id, err)
		}
	}
	// nothing half-written: every referral has its person, consent and
	// audit row, every accepted one its registration and rating change
	var orphans int
	err = s.ro.QueryRow(`SELECT
		(SELECT count(*) FROM referrals r WHERE r.consent_id IS NULL
			OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'referral' AND a.entity_id = r.id AND a.action = 'create'))
		+ (SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.id))
		+ (SELECT count(*) FROM referrals r WHERE r.status = 2 AND NOT EXISTS (SELECT 1 FROM registrations g
			JOIN rating_changes c ON c.registration_id = g.id WHERE g.referral_id = r.id))
		+ (SELECT count(*) FROM registrations g WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = g.referral_id AND r.status = 2))`).Scan(&orphans)
	if err != nil || orphans != 0 {
		t.Errorf("%d half-written records (%v)", orphans, err)
	}
	return s
}

func mustReferral(t *testing.T, s *Store, id int64) app.Referral {
	t.Helper()
	r, err := s.Referral(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCrashSafety(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	rounds := 25
	if testing.Short() {
		rounds = 8
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("random seed %d", seed)
	path := filepath.Join(t.TempDir(), "crash.db")
	c := newTally()
	killedWriting := 0
	for r := 0; r < rounds; r++ {
		// each round uses its own NHS numbers, so a commit made but not
		// reported before the kill cannot clash with the next round's
		w := startWriter(t, path, 1+r*10_000, 0)
		var delay time.Duration
		if r%5 == 0 {
			// kill anywhere from start-up, through Open (and, in round 0,
			// the creation and migration of the database) to writing
			delay = time.Duration(5+rng.IntN(150)) * time.Millisecond
		} else {
			// kill while writing
			if !waitReady(t, w) {
				continue
			}
			delay = time.Duration(20+rng.IntN(181)) * time.Millisecond
		}
		timer := time.NewTimer(delay)
		n := 0
	collect:
		for {
			select {
			case line, ok := <-w.lines:
				if !ok {
					break collect
				}
				if c.add(line) {
					n++
				}
			case <-timer.C:
				w.cmd.Process.Kill() // SIGKILL on Unix: no clean-up runs
				break collect
			}
		}
		// lines written before the kill are still in the pipe
		for line := range w.lines {
			if c.add(line) {
				n++
			}
		}
		err := w.cmd.Wait()
		if w.cmd.ProcessState.ExitCode() != -1 {
			t.Fatalf("round %d: the writer stopped by itself (%v) before it was killed:\n%s", r, err, w.stderr.String())
		}
		if n > 0 {
			killedWriting++
		}
	}
	t.Logf("%d rounds, %d killed after writing; %d referrals and %d acceptances reported committed",
		rounds, killedWriting, len(c.submitted), len(c.accepted))
	if len(c.submitted) == 0 {
		t.Fatal("no writer committed anything: the test proved nothing")
	}
	s := checkAfterWriters(t, path, c)
	var stored int
	s.ro.QueryRow("SELECT count(*) FROM referrals").Scan(&stored)
	if stored < len(c.submitted) {
		t.Errorf("%d referrals stored, %d reported", stored, len(c.submitted))
	}
}

func TestCrashWhileCreating(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	files := 10
	if testing.Short() {
		files = 4
	}
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	// how long a writer takes to start and create a new database
	start := time.Now()
	w := startWriter(t, filepath.Join(t.TempDir(), "timing.db"), 1, 0)
	waitReady(t, w)
	startup := time.Since(start)
	w.cmd.Process.Kill()
	for range w.lines {
	}
	w.cmd.Wait()
	states := map[string]int{}
	for i := 0; i < files; i++ {
		// given a writer killed at a random moment while it creates and
		// migrates a new database
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new%d.db", i))
		w := startWriter(t, path, 1, 0)
		time.Sleep(time.Duration(float64(startup) * (0.3 + 0.8*rng.Float64())))
		w.cmd.Process.Kill()
		for range w.lines {
		}
		w.cmd.Wait()
		states[fileState(path)]++
		// then the file opens at the latest schema, whole
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("file %d: Open after the kill: %v", i, err)
		}
		v, _ := s.SchemaVersion(ctx)
		var holidays int
		s.ro.QueryRow("SELECT count(*) FROM bank_holiday_exceptions").Scan(&holidays)
		if v != LatestSchemaVersion() || s.QuickCheck(ctx) != nil || holidays == 0 {
			t.Errorf("file %d: schema %d, quick_check %v, %d bank-holiday exceptions", i, v, s.QuickCheck(ctx), holidays)
		}
		s.Close()
	}
	t.Logf("writer start-up %v; %d writers killed during it, leaving %v", startup.Round(time.Millisecond), files, states)
}

// fileState describes what a killed writer left, without opening it.
func fileState(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return "no file"
	case fi.Size() == 0:
		return "an empty file"
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return "a file with a WAL"
	}
	return "a file without a WAL"
}

// waitReady waits for the writer's "ready" line; a writer that fails to
// start fails the test.
func waitReady(t *testing.T, w *writer) bool {
	t.Helper()
	select {
	case line, ok := <-w.lines:
		if ok && line == "ready" {
			return true
		}
	case <-time.After(30 * time.Second):
		w.cmd.Process.Kill()
	}
	w.cmd.Wait()
	t.Fatalf("the writer did not start:\n%s", w.stderr.String())
	return false
}

func TestTwoProcessesWriting(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("runs on Unix CI")
	}
	each := 200
	if testing.Short() {
		each = 50
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// given two processes writing the same database at the same time
	ws := []*writer{startWriter(t, path, 1, each), startWriter(t, path, 500_000, each)}
	c := newTally()
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := make([]int, len(ws))
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for line := range w.lines {
				mu.Lock()
				if c.add(line) && strings.HasPrefix(line, "submitted ") {
					counts[i]++
				}
				mu.Unlock()
			}
		}()
	}
	deadline := time.AfterFunc(60*time.Second, func() {
		for _, w := range ws {
			w.cmd.Process.Kill()
		}
	})
	wg.Wait()
	deadline.Stop()
	// then both finish without an error reaching them
	for i, w := range ws {
		if err := w.cmd.Wait(); err != nil {
			t.Errorf("writer %d: %v\n%s", i+1, err, w.stderr.String())
		}
		if strings.Contains(w.stderr.String(), "locked") || strings.Contains(w.stderr.String(), "busy") {
			t.Errorf("writer %d met a locked database: %s", i+1, w.stderr.String())
		}
		if counts[i] != each {
			t.Errorf("writer %d reported %d referrals, want %d", i+1, counts[i], each)
		}
	}
	// and every write landed
	s2 := checkAfterWriters(t, path, c)
	var stored int
	s2.ro.QueryRow("SELECT count(*) FROM referrals").Scan(&stored)
	if stored != 2*each {
		t.Errorf("%d referrals stored, want %d", stored, 2*each)
	}
}

func TestBadInputIsRefused(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	svc := newService(s)

	// given a pending referral, and an adult on the DSR rated Green
	pending, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	adult, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Adult(), now), app.SubmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	accepted, err := svc.DecideReferral(ctx, adult.Referral.ID, app.Decision{Accept: true, Rating: app.Green})
	if err != nil {
		t.Fatal(err)
	}
	regID, personID := accepted.Registration.ID, adult.Referral.PersonID
	const unknown = 987_654

	withPerson := func(edit func(*app.Referral)) app.Referral {
		p := apptest.Child()
		p.NHSNumber, _ = app.TestNHSNumber(4242)
		ref := apptest.Referral(p, now)
		edit(&ref)
		return ref
	}
	submit := func(ref app.Referral) func() error {
		return func() error {
			_, err := svc.SubmitReferral(ctx, ref, app.SubmitOptions{ConfirmedNew: true})
			return err
		}
	}
	badSettings := func(edit func(*app.Settings)) func() error {
		return func() error {
			set := app.DefaultSettings()
			edit(&set)
			return svc.SaveSettings(ctx, set)
		}
	}
	tests := []struct {
		name   string
		call   func() error
		fields []string // the fields that must carry a message; none means app.ErrNotFound
	}{
		{"a referral with nothing filled in is refused beside each missing field", submit(app.Referral{}),
			[]string{"person.givenName", "person.familyName", "registerRequested", "indicativeRating", "diagnosisConfirmed", "referrer.name"}},
		{"a referral with an NHS number failing its check digit is refused beside the number",
			submit(withPerson(func(r *app.Referral) { r.Person.NHSNumber = "9990000017" })), []string{"person.nhsNumber"}},
		{"a referral with a malformed referrer email is refused beside the email",
			submit(withPerson(func(r *app.Referral) { r.Referrer.Email = "not an email" })), []string{"referrer.email"}},
		{"a referral whose consent has no scope is refused beside the scope",
			submit(withPerson(func(r *app.Referral) { r.Consent.Scope = " " })), []string{"consent.scope"}},
		{"a referral with no concern is refused beside the concerns",
			submit(withPerson(func(r *app.Referral) { r.Concerns, r.ConcernsOther = nil, "" })), []string{"concerns"}},
		{"accepting a referral without a rating is refused beside the rating", func() error {
			_, err := svc.DecideReferral(ctx, pending.Referral.ID, app.Decision{Accept: true})
			return err
		}, []string{"rating"}},
		{"declining a referral without a reason is refused beside the reason", func() error {
			_, err := svc.DecideReferral(ctx, pending.Referral.ID, app.Decision{Reason: "  "})
			return err
		}, []string{"reason"}},
		{"deciding a referral that does not exist is not found", func() error {
			_, err := svc.DecideReferral(ctx, unknown, app.Decision{Accept: true, Rating: app.Green})
			return err
		}, nil},
		{"changing a rating without a reason is refused beside the reason", func() error {
			_, err := svc.ChangeRating(ctx, regID, app.RatingDecision{To: app.Amber})
			return err
		}, []string{"reason"}},
		{"changing a rating to no rating is refused beside the rating", func() error {
			_, err := svc.ChangeRating(ctx, regID, app.RatingDecision{Reason: "Worse"})
			return err
		}, []string{"to"}},
		{"changing the rating of a registration that does not exist is not found", func() error {
			_, err := svc.ChangeRating(ctx, unknown, app.RatingDecision{To: app.Amber, Reason: "x"})
			return err
		}, nil},
		{"closing a registration without saying why is refused beside the reason", func() error {
			_, err := svc.CloseRegistration(ctx, regID, 0, "")
			return err
		}, []string{"closeReason"}},
		{"closing for another reason without a note is refused beside the note", func() error {
			_, err := svc.CloseRegistration(ctx, regID, app.CloseOther, " ")
			return err
		}, []string{"closeNote"}},
		{"recording an admission with no hospital is refused beside the hospital", func() error {
			_, _, err := svc.RecordAdmission(ctx, regID, app.Admission{AdmittedOn: app.Date(2026, 11, 23)})
			return err
		}, []string{"hospital"}},
		{"recording an admission dated tomorrow is refused beside the date", func() error {
			_, _, err := svc.RecordAdmission(ctx, regID, app.Admission{Hospital: "Example Unit", AdmittedOn: app.Date(2026, 11, 25)})
			return err
		}, []string{"admittedOn"}},
		{"discharging someone who is not in hospital is refused beside the registration", func() error {
			_, err := svc.RecordDischarge(ctx, regID, app.Date(2026, 11, 24), app.Green, "")
			return err
		}, []string{"registration"}},
		{"withdrawing consent without a reason is refused beside the reason", func() error {
			_, err := svc.WithdrawConsent(ctx, personID, app.Date(2026, 11, 24), "   ")
			return err
		}, []string{"reason"}},
		{"withdrawing consent of someone not recorded is not found", func() error {
			_, err := svc.WithdrawConsent(ctx, unknown, app.Date(2026, 11, 24), "Asked by phone")
			return err
		}, nil},
		{"recording consent with no scope is refused beside the scope", func() error {
			_, err := svc.RecordConsent(ctx, personID, app.ConsentEvent{GivenBy: app.GivenByPerson, Date: app.Date(2026, 11, 24),
				RecordSystem: "SystmOne", RecordReference: "CN-2"})
			return err
		}, []string{"scope"}},
		{"settings whose working day ends before it starts are refused beside the end",
			badSettings(func(s *app.Settings) { s.WorkStart, s.WorkEnd = 17*60, 9*60 }), []string{"workEnd"}},
		{"settings with no Red review interval are refused beside the interval",
			badSettings(func(s *app.Settings) { s.ReviewDaysRed = 0 }), []string{"reviewDaysRed"}},
		{"a bank holiday added on a Saturday is refused beside the exceptions", func() error {
			seen, _ := s.HolidayExceptions(ctx)
			return svc.SaveHolidayExceptions(ctx, seen, []calendar.Exception{{Date: app.Date(2027, 1, 2), Kind: calendar.Added, Name: "Extra day"}})
		}, []string{"exceptions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			before := snapshotTables(t, s.ro)
			// when
			err := tt.call()
			// then
			if len(tt.fields) == 0 {
				if !errors.Is(err, app.ErrNotFound) {
					t.Errorf("err = %v, want app.ErrNotFound", err)
				}
			} else {
				v, ok := app.AsValidation(err)
				if !ok {
					t.Fatalf("err = %v, want a validation error", err)
				}
				for _, f := range tt.fields {
					if v.Field(f) == "" {
						t.Errorf("no message for %s; the messages are for %v", f, v.Fields())
					}
				}
			}
			if d := diffSnapshots(before, snapshotTables(t, s.ro)); d != "" {
				t.Errorf("the database changed: %s", d)
			}
		})
	}
}

func TestTwoProcessesOpeningANewDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("runs on Unix CI")
	}
	rounds := 3
	if testing.Short() {
		rounds = 2
	}
	for r := 0; r < rounds; r++ {
		// given two processes that open the same new file at the same moment
		path := filepath.Join(t.TempDir(), "new.db")
		ws := []*writer{startWriter(t, path, 1, 3), startWriter(t, path, 500_000, 3)}
		c := newTally()
		for _, w := range ws {
			for line := range w.lines {
				c.add(line)
			}
		}
		// then both create or find the schema and write
		for i, w := range ws {
			if err := w.cmd.Wait(); err != nil {
				t.Errorf("round %d, writer %d: %v\n%s", r, i+1, err, w.stderr.String())
			}
		}
		if len(c.submitted) != 6 {
			t.Errorf("round %d: %d referrals reported, want 6", r, len(c.submitted))
		}
	}
}

func TestTwoProcessesUpgradingADatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("runs on Unix CI")
	}
	if LatestSchemaVersion() < 2 {
		t.Skip("needs a migration to apply")
	}
	ctx := context.Background()
	rounds := 3
	if testing.Short() {
		rounds = 2
	}
	for r := 0; r < rounds; r++ {
		// given a database one schema behind, holding data
		path := filepath.Join(t.TempDir(), "old.db")
		previous := LatestSchemaVersion() - 1
		old := olderWithData(t, path, previous, func(s *Store) {
			if _, err := seedDemoAs(ctx, s, previous, 300, 1, 1); err != nil {
				t.Fatal(err)
			}
		})
		old.Close()
		// when two processes open it at the same moment
		ws := []*writer{startWriter(t, path, 600_000, 3), startWriter(t, path, 700_000, 3)}
		for _, w := range ws {
			for range w.lines {
			}
		}
		// then both upgrade it or find it upgraded, and write
		for i, w := range ws {
			if err := w.cmd.Wait(); err != nil {
				t.Errorf("round %d, writer %d: %v\n%s", r, i+1, err, w.stderr.String())
			}
		}
	}
}
