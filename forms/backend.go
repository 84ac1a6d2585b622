package forms

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// The screens' narrow views of the program. main.go wires a backend that
// implements them over app.Service and the storage adapter; tests use
// storage in a temporary folder, or fakes.

// RegisterSource loads a whole register for the table, and exports the
// rows shown.
type RegisterSource interface {
	Register(ctx context.Context, reg app.Register) ([]app.RegisterRow, error)
	// ExportRegister writes rows (as filtered and sorted on screen) to w as
	// a workbook when fileName ends in .xlsx, else as CSV, and records the
	// export in the audit log; it returns what was written (and left out).
	ExportRegister(ctx context.Context, reg app.Register, rows []app.RegisterRow, w io.Writer, fileName string) (app.RegisterExport, error)
}

// PersonService reads a person's record and records decisions on it.
type PersonService interface {
	PersonRecord(ctx context.Context, personID int64) (app.PersonRecord, error)
	ChangeRating(ctx context.Context, registrationID int64, d app.RatingDecision) (app.Outcome, error)
	CloseRegistration(ctx context.Context, registrationID int64, reason app.CloseReason, note string) (app.Registration, error)
	RecordAdmission(ctx context.Context, registrationID int64, adm app.Admission) (app.Admission, app.Outcome, error)
	RecordDischarge(ctx context.Context, registrationID int64, dischargedOn time.Time, to app.Rating, reason string) (app.Outcome, error)
}

// TodaySource lists what needs attention.
type TodaySource interface {
	Today(ctx context.Context) ([]app.TodayItem, error)
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// WorkSource lists meetings, actions and gaps across everyone.
type WorkSource interface {
	MeetingsBetween(ctx context.Context, from, to time.Time) ([]app.MeetingRow, error)
	OutstandingActions(ctx context.Context) ([]app.ActionRow, error)
	Gaps(ctx context.Context) ([]app.GapRow, error)
}

// SettingsService reads and saves the team's settings.
type SettingsService interface {
	Settings(ctx context.Context) (app.Settings, error)
	SaveSettings(ctx context.Context, s app.Settings) error
	HolidayExceptions(ctx context.Context) ([]calendar.Exception, error)
	SaveHolidayExceptions(ctx context.Context, seen, ex []calendar.Exception) error
}

// Backend is everything the main window needs.
type Backend interface {
	RegisterSource
	PersonService
	TodaySource
	WorkSource
	SettingsService
	ReferralService
	TriageService
	ConsentService
	MeetingService
	ActionPlanService
	FollowUpService
	GapReportService
	ImportService
	// BackupNow writes a backup into the backup folder and returns its path.
	BackupNow(ctx context.Context) (string, error)
}

// Deps is what the main window needs from the rest of the program.
type Deps struct {
	Backend Backend
	Clock   app.Clock
	Version string
	// DataDir is the folder holding the database and its backups.
	DataDir string
	// DBPath is the open database file.
	DBPath string
	// Demo marks a throw-away database of synthetic people.
	Demo bool
	// OpenFolder shows a folder in the system's file manager.
	OpenFolder func(path string) error
	// Screen is the screen to open first ("today", "dsr", "roar", ...).
	Screen string
	// ScheduleRestore checks a backup and asks the next start to restore
	// it; CancelRestore forgets that. Nil: File has no Restore.
	ScheduleRestore func(backupPath string) error
	CancelRestore   func() error
	// Integrity reports on the audit log's key and checks (nil: no banners
	// about them).
	Integrity Integrity
	// Guide is the user guide (Markdown), shipped inside the app so Help
	// works offline.
	Guide string
}

// background runs work off the UI goroutine and then done on it. Tests
// replace it with a synchronous version.
var background = func(work func(), done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// ctx is the context screens use for storage calls.
func ctx() context.Context { return context.Background() }

// ctxType names context.Context where a short name keeps lines readable.
type ctxType = context.Context

// RunInForeground makes screens load and filter on the calling goroutine,
// so headless tests can check results straight after an action. For tests.
func RunInForeground() {
	background = func(work func(), done func()) {
		work()
		done()
	}
	// Drafts are then saved only by Flush (and closing a form), never from
	// a timer goroutine racing the test's own widget updates.
	draftDelay = 24 * time.Hour
}
