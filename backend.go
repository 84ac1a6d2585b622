package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"dspdesk/app"
	"dspdesk/app/calendar"
	"dspdesk/app/ics"
	"dspdesk/app/report"
	"dspdesk/forms"
	"dspdesk/storage"
)

// backend joins the domain service and the storage adapter into what the
// screens need (forms.Backend). It is the one place that knows both.
type backend struct {
	*app.Service
	app.Reader
	store *storage.Store
	// backupDir is used when Settings names no backup folder.
	backupDir string
	// printDir holds the PDFs handed to the system viewer for printing;
	// openFile opens one there.
	printDir string
	openFile func(path string) error
}

func newBackend(store *storage.Store, clock app.Clock, backupDir string) *backend {
	svc := app.NewService(store, clock, osUser())
	return &backend{
		Service:   svc,
		Reader:    app.Reader{Store: store, Clock: clock, Rules: svc.Rules},
		store:     store,
		backupDir: backupDir,
	}
}

// osUser is the operating-system account the audit log names (DOMAIN\user
// on Windows), by the rule dspctl and storage share.
func osUser() string { return app.OSAccount() }

func (b *backend) PersonRecord(ctx context.Context, id int64) (app.PersonRecord, error) {
	return b.store.PersonRecord(ctx, id)
}

func (b *backend) MeetingsBetween(ctx context.Context, from, to time.Time) ([]app.MeetingRow, error) {
	return b.store.MeetingsBetween(ctx, from, to)
}

func (b *backend) OutstandingActions(ctx context.Context) ([]app.ActionRow, error) {
	return b.store.OutstandingActions(ctx)
}

func (b *backend) Gaps(ctx context.Context) ([]app.GapRow, error) { return b.store.Gaps(ctx) }

func (b *backend) Settings(ctx context.Context) (app.Settings, error) { return b.store.Settings(ctx) }

func (b *backend) HolidayExceptions(ctx context.Context) ([]calendar.Exception, error) {
	return b.store.HolidayExceptions(ctx)
}

// SaveDraft keeps a referral draft as it is typed.
func (b *backend) SaveDraft(ctx context.Context, d app.Draft) (app.Draft, error) {
	return b.store.SaveDraft(ctx, b.Actor(ctx), d)
}

// Drafts lists the referral drafts.
func (b *backend) Drafts(ctx context.Context) ([]app.Draft, error) { return b.store.Drafts(ctx) }

// DiscardDraft removes a draft.
func (b *backend) DiscardDraft(ctx context.Context, id int64, reason string) error {
	return b.store.DiscardDraft(ctx, b.Actor(ctx), id, reason)
}

// Rules are the pathway rules with the stored settings and bank holidays.
func (b *backend) Rules(ctx context.Context) (app.Rules, error) { return b.Service.Rules(ctx) }

// PendingReferrals lists the referrals awaiting a decision, oldest first.
func (b *backend) PendingReferrals(ctx context.Context) ([]app.Referral, error) {
	return b.store.PendingReferrals(ctx)
}

// ScheduleMeeting checks and stores a MAM.
func (b *backend) ScheduleMeeting(ctx context.Context, m app.Meeting, confirm bool) (app.ScheduleResult, error) {
	return b.Service.ScheduleMeeting(ctx, b.store, m, confirm)
}

// UpdateMeeting stores what happened at a MAM.
func (b *backend) UpdateMeeting(ctx context.Context, m app.Meeting) (app.Meeting, error) {
	return b.Service.UpdateMeeting(ctx, b.store, m)
}

// Meeting reads a MAM with its invitees and agenda.
func (b *backend) Meeting(ctx context.Context, id int64) (app.Meeting, error) {
	return b.store.Meeting(ctx, id)
}

// meetingForExport reads a meeting, its person and their consent.
func (b *backend) meetingForExport(ctx context.Context, meetingID int64) (app.Meeting, app.Person, app.ConsentStatus, error) {
	m, err := b.store.Meeting(ctx, meetingID)
	if err != nil {
		return m, app.Person{}, app.ConsentStatus{}, err
	}
	p, err := b.store.Person(ctx, m.PersonID)
	if err != nil {
		return m, p, app.ConsentStatus{}, err
	}
	history, err := b.store.ConsentHistory(ctx, m.PersonID)
	return m, p, app.CurrentConsent(history), err
}

// FamilyAgendaPDF writes the family copy of a MAM's agenda, refusing when
// consent is withdrawn or missing, and records the export in the audit log.
func (b *backend) FamilyAgendaPDF(ctx context.Context, meetingID int64, easyRead bool, w io.Writer, fileName string) error {
	m, p, consent, err := b.meetingForExport(ctx, meetingID)
	if err != nil {
		return err
	}
	contact, err := b.familyContact(ctx, m)
	if err != nil {
		return err
	}
	err = report.FamilyAgenda(w, report.FamilyAgendaInput{Meeting: m, Person: p, Consent: consent,
		Contact: contact, EasyRead: easyRead, Created: time.Now()})
	if err != nil {
		return err
	}
	what := "family agenda"
	if easyRead {
		what = "easy-read family agenda"
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "meeting", meetingID, what+" PDF "+fileName)
}

// ProfessionalAgendaPDF writes the professionals' agenda of a MAM: the full
// details, invitees with agencies and the outstanding actions; refused
// without consent; the export is audited.
func (b *backend) ProfessionalAgendaPDF(ctx context.Context, meetingID int64, w io.Writer, fileName string) error {
	m, p, consent, err := b.meetingForExport(ctx, meetingID)
	if err != nil {
		return err
	}
	in := report.ProfessionalAgendaInput{Meeting: m, Person: p, Consent: consent, Created: time.Now()}
	if reg, err := b.store.OpenRegistration(ctx, m.PersonID); err == nil {
		in.Register, in.Rating = reg.Register, reg.Rating
	}
	actions, err := b.store.ActionsOf(ctx, m.PersonID)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if a.Outstanding() {
			in.Actions = append(in.Actions, a)
		}
	}
	if err := report.ProfessionalAgenda(w, in); err != nil {
		return err
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "meeting", meetingID, "professional agenda PDF "+fileName)
}

// MeetingICS writes a MAM (and its pre-meeting) as a calendar file,
// refusing when consent is withdrawn or missing, and records the export.
func (b *backend) MeetingICS(ctx context.Context, meetingID int64, w io.Writer, fileName string) error {
	m, p, consent, err := b.meetingForExport(ctx, meetingID)
	if err != nil {
		return err
	}
	if ok, why := consent.MayExport(); !ok {
		var pr app.Problems
		pr.Add("consent", "%s", why)
		return pr.Err()
	}
	if err := ics.MeetingCalendar(w, m, ics.Options{Now: time.Now(), PersonInitials: ics.Initials(p)}); err != nil {
		return err
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "meeting", meetingID, "calendar file "+fileName)
}

// OpenPDF writes a document into the print folder and opens it in the
// system's PDF viewer (Preview, Edge, Evince...) to print. Print copies
// older than a day are removed first: they hold personal data.
func (b *backend) OpenPDF(ctx context.Context, name string, write func(io.Writer) error) (string, error) {
	if b.printDir == "" || b.openFile == nil {
		return "", errors.New("printing is not available here: save the PDF instead")
	}
	if err := os.MkdirAll(b.printDir, 0o700); err != nil {
		return "", err
	}
	if old, err := os.ReadDir(b.printDir); err == nil {
		for _, e := range old {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				os.Remove(filepath.Join(b.printDir, e.Name()))
			}
		}
	}
	path := filepath.Join(b.printDir, printName(name, time.Now().UnixMilli()))
	tmp, err := os.CreateTemp(b.printDir, ".print-*.pdf")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	return path, b.openFile(path)
}

// OpenFolder shows a folder (the print folder) in the file manager.
func (b *backend) OpenFolder(dir string) error {
	if b.openFile == nil {
		return errors.New("opening folders is not available here")
	}
	return b.openFile(dir)
}

// backupFolder is Settings' backup folder, or the default.
func (b *backend) backupFolder(ctx context.Context) (string, int) {
	set, err := b.store.Settings(ctx)
	if err != nil {
		return b.backupDir, app.DefaultSettings().BackupKeep
	}
	dir := set.BackupFolder
	if dir == "" {
		dir = b.backupDir
	}
	return dir, set.BackupKeep
}

// BackupNow writes a backup named for this moment into the backup folder.
func (b *backend) BackupNow(ctx context.Context) (string, error) {
	dir, _ := b.backupFolder(ctx)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "dspdesk-"+time.Now().Format("2006-01-02-150405")+".db")
	return path, b.store.Backup(ctx, path)
}

// rollingBackup makes today's automatic backup if it is not made yet,
// after removing what backups killed part-way left in the folder.
func (b *backend) rollingBackup(ctx context.Context) error {
	dir, keep := b.backupFolder(ctx)
	storage.RemoveLeftovers(dir)
	_, _, err := b.store.RollingBackup(ctx, dir, keep, time.Now())
	return err
}

// OpenCheck is what the store's check at open found (forms.Integrity).
func (b *backend) OpenCheck() (keyMissing bool, problem string) {
	st := b.store.AuditStatus()
	if st.Key == storage.KeyWrong && st.Problem == "" {
		st.Problem = "the audit key on this computer does not match the database's key record"
	}
	return st.Key == storage.KeyMissing, st.Problem
}

// VerifyAudit verifies the whole audit log (forms.Integrity).
func (b *backend) VerifyAudit(ctx context.Context) (app.AuditReport, error) {
	return b.store.VerifyAudit(ctx)
}

// Adopt keeps a new audit key for the database here (forms.Integrity).
func (b *backend) Adopt(ctx context.Context) error {
	return b.store.Adopt(ctx, osUser())
}

var (
	_ forms.Backend   = (*backend)(nil)
	_ forms.Integrity = (*backend)(nil)
)
