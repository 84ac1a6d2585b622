package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
	"dspdesk/app/ics"
	"dspdesk/storage"
)

// runICS writes a MAM and its family pre-meeting as a calendar file (.ics),
// the same file the desktop app exports, and records the export in the
// audit log.
func runICS(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("ics")
	idFlag := set.String("meeting", "", "the meeting's `ID`")
	outFlag := set.String("out", "", "the calendar `FILE` to write (.ics); a folder names it mam-ID.ics")
	emailFlag := set.String("organiser-email", "", "the organiser's `EMAIL`, so calendars show who organised it (optional)")
	if _, code, ok := c.parse(set, "ics", args, 0); !ok {
		return code
	}
	id, code, ok := c.recordID("ics", "meeting", "meeting", *idFlag, true)
	if !ok {
		return code
	}
	switch {
	case strings.TrimSpace(*outFlag) == "":
		return c.usageErr("ics", "give the file to write with --out FILE")
	case *emailFlag != "" && !app.ValidEmail(*emailFlag):
		return c.usageErr("ics", "--organiser-email needs an email address like name@example.org")
	}
	out := outFile(*outFlag, "mam-"+strconv.FormatInt(id, 10)+".ics")
	path, code, ok := c.dbPath("ics", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()

	m, p, _, code, ok := c.meetingForExport(ctx, s, path, id)
	if !ok {
		return code
	}

	var buf bytes.Buffer
	err := ics.MeetingCalendar(&buf, m, ics.Options{Now: time.Now(), PersonInitials: ics.Initials(p),
		OrganiserEmail: strings.TrimSpace(*emailFlag)})
	var invalid *app.ValidationError
	if errors.As(err, &invalid) && len(invalid.Problems) > 0 {
		return c.fail("Meeting %d cannot go in a calendar file: %s", id, invalid.Problems[0].Message)
	}
	if err != nil {
		return c.fail("The calendar file of meeting %d was not made: %s", id, strings.TrimPrefix(err.Error(), "ics: "))
	}
	if code, ok := c.saveExport(ctx, s, out, "The calendar file", "meeting", id, "calendar file", buf.Bytes()); !ok {
		return code
	}
	c.printf("Wrote the calendar file of meeting %d to %s.\n", id, out)
	return exitOK
}

// writeExport writes data to path atomically: to a temporary file beside
// it first, then, once logged by record (so that no export escapes the
// audit log), renamed to path. On an error path is left as it was.
func writeExport(path string, data []byte, record func() error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()           //nolint:errcheck // already failing
			os.Remove(tmp.Name()) //nolint:errcheck // best effort
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = record(); err != nil {
		return fmt.Errorf("the export could not be recorded in the audit log: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// osUser is the operating-system account the audit log names (DOMAIN\user
// on Windows), by the rule the desktop app and storage share.
func osUser() string { return app.OSAccount() }

// meetingForExport reads a meeting, its person and their consent for an
// export, refusing (ok false, with the exit code) when the meeting is
// unknown or consent is withdrawn or missing.
func (c *cli) meetingForExport(ctx context.Context, s *storage.Store, path string, id int64) (app.Meeting, app.Person, app.ConsentStatus, int, bool) {
	m, err := s.Meeting(ctx, id)
	if errors.Is(err, app.ErrNotFound) {
		return m, app.Person{}, app.ConsentStatus{}, c.fail("There is no meeting %d in %s", id, path), false
	}
	if err != nil {
		return m, app.Person{}, app.ConsentStatus{}, c.fail("Cannot read meeting %d: %s", id, reason(err)), false
	}
	p, err := s.Person(ctx, m.PersonID)
	if err != nil {
		return m, p, app.ConsentStatus{}, c.fail("Cannot read the person of meeting %d: %s", id, reason(err)), false
	}
	history, err := s.ConsentHistory(ctx, p.ID)
	if err != nil {
		return m, p, app.ConsentStatus{}, c.fail("Cannot read the consent of person %d: %s", p.ID, reason(err)), false
	}
	consent := app.CurrentConsent(history)
	if ok, why := consent.MayExport(); !ok {
		return m, p, consent, c.fail("%s", why), false
	}
	return m, p, consent, exitOK, true
}
