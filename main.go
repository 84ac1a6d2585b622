// Command dspdesk is DSP Desk, the desktop app of the Dynamic Support Pathway
// team in Leicester, Leicestershire and Rutland.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/demo"
	"dspdesk/assets"
	"dspdesk/forms"
	"dspdesk/storage"
)

// version matches FyneApp.toml (a test checks it); release builds may set it
// with -ldflags "-X main.version=...".
var version = "0.1.0"

// userGuide is the team's guide, shipped inside the app so Help works
// offline (its pictures stay in docs/images).
//
//go:embed docs/user-guide.md
var userGuide string

// appID matches FyneApp.toml.
const appID = "uk.nhs.llr.dspdesk"

// options are the command-line flags.
type options struct {
	db      string
	demo    bool
	people  int
	screen  string
	person  int64
	open    string
	size    fyne.Size
	version bool
}

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("dspdesk", flag.ContinueOnError)
	fs.SetOutput(out)
	defaultDB, derr := storage.DefaultPath()
	fs.StringVar(&o.db, "db", defaultDB, "the database file to open (created if missing)")
	fs.BoolVar(&o.demo, "demo", false, "open a throw-away database of synthetic people (nothing is saved)")
	fs.IntVar(&o.people, "demo-people", 400, "how many synthetic people --demo makes")
	fs.StringVar(&o.screen, "screen", forms.ScreenToday, "the screen to open first: "+strings.Join(forms.ScreenNames(), ", "))
	fs.Int64Var(&o.person, "person", 0, "open this person's record (by id) over the first screen")
	fs.StringVar(&o.open, "open", "", "also open a window at start: "+strings.Join(openChoices, ", ")+
		" (action, new-action, new-gap and meeting are for the --person given, else the first that has one)")
	size := fs.String("size", "1280x800", "the window's size in pixels, WIDTHxHEIGHT")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(out, "DSP Desk %s: the Dynamic Support Pathway registers, meetings and action plans.\n\n", version)
		fmt.Fprintf(out, "Usage: dspdesk [flags]\n\n")
		if derr == nil {
			fmt.Fprintf(out, "Your data folder: %s\n\n", filepath.Dir(defaultDB))
		}
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var w, h float32
	if _, err := fmt.Sscanf(*size, "%fx%f", &w, &h); err != nil || w < 640 || h < 480 {
		return o, fmt.Errorf("--size must be WIDTHxHEIGHT, at least 640x480, for example 1280x800")
	}
	o.size = fyne.NewSize(w, h)
	if o.open != "" && !slices.Contains(openChoices, o.open) {
		return o, fmt.Errorf("--open must be one of %s", strings.Join(openChoices, ", "))
	}
	if o.open == "imported" && !o.demo {
		return o, fmt.Errorf("--open imported imports a synthetic sample register: it needs --demo")
	}
	if !o.demo && o.db == "" {
		return o, fmt.Errorf("%v", derr)
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if o.version {
		fmt.Println("DSP Desk", version)
		return
	}

	a := fyneapp.NewWithID(appID)
	a.SetIcon(assets.Icon)
	ctx := context.Background()

	path := o.db
	if o.demo {
		dir, err := os.MkdirTemp("", "dspdesk-demo-")
		if err != nil {
			fatalWindow(a, "DSP Desk could not make a folder for the demo database: "+err.Error())
			return
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	var backups sync.WaitGroup
	var store *storage.Store // set on the main goroutine, before the app's loop ends
	defer func() {
		backups.Wait() // the backup finishes before the database closes
		if store != nil {
			store.Close()
		}
	}()
	// Ctrl+C or a polite kill closes the app properly, so the deferred
	// clean-up runs (the demo's throw-away database is removed, the WAL is
	// checkpointed).
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		fyne.Do(a.Quit)
	}()
	if !o.demo && storage.UpgradeNeeded(ctx, path) {
		upgradeThenRun(ctx, a, path, func(s *storage.Store, restored string, restoreFailed bool) (func(), error) {
			store = s
			return runDesk(ctx, a, o, path, s, restored, restoreFailed, &backups)
		})
		return
	}
	s, restored, restoreFailed, err := openDatabase(ctx, path, o.demo)
	if err != nil {
		fatalWindow(a, openProblem(path, err))
		return
	}
	store = s
	start, err := runDesk(ctx, a, o, path, s, restored, restoreFailed, &backups)
	if err != nil {
		fatalWindow(a, err.Error())
		return
	}
	a.Lifecycle().SetOnStarted(start)
	a.Run()
}

// runDesk shows the main window on the open database (with the demo data
// for --demo); start is what must wait until the window is up.
func runDesk(ctx context.Context, a fyne.App, o options, path string, store *storage.Store, restored string, restoreFailed bool, backups *sync.WaitGroup) (start func(), err error) {
	clock := app.SystemClock{}
	dataDir := filepath.Dir(path)
	b := newBackend(store, clock, filepath.Join(dataDir, "backups"))
	b.printDir = filepath.Join(dataDir, "print")
	b.openFile = openPath
	if o.demo {
		if err := seedDemo(ctx, store, b, o.people, clock.Now()); err != nil {
			return nil, errors.New("DSP Desk could not make the demo data: " + err.Error())
		}
	}
	w := forms.NewMainWindow(a, forms.Deps{
		Backend: b, Clock: clock, Version: version, DataDir: dataDir, DBPath: path, Demo: o.demo,
		Screen:     o.screen,
		OpenFolder: openPath,
		ScheduleRestore: func(backup string) error {
			if o.demo {
				return errors.New("the demo's database is thrown away when DSP Desk closes: restore a backup when DSP Desk runs on your own data")
			}
			return scheduleRestore(ctx, path, backup)
		},
		CancelRestore: func() error { return cancelRestore(path) },
		Integrity:     b,
		Guide:         userGuide,
	})
	w.Resize(o.size)
	w.StartNotifications(a)
	if o.person != 0 && o.open != "imported" { // --open imported opens the person after the import
		w.OpenPerson(o.person)
	}
	w.Show()
	return func() { started(ctx, w, b, o, restored, restoreFailed, backups) }, nil
}

// upgradeMessage is what the window says while the database is upgraded.
const upgradeMessage = "DSP Desk is upgrading your register to this version. It checks the whole audit log and " +
	"rewrites it in the new, keyed form; with many people this takes a few minutes.\n\n" +
	"Please do not close DSP Desk or turn off the computer. The register opens by itself when the upgrade has finished. " +
	"Nothing is lost if it is interrupted, but the upgrade then starts again from the beginning."

// upgradeWindow is the window shown while the database is upgraded; it
// cannot be closed from its title bar until the upgrade has finished.
func upgradeWindow(a fyne.App) fyne.Window {
	w := a.NewWindow("DSP Desk: upgrading the register")
	msg := widget.NewLabel(upgradeMessage)
	msg.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	w.SetContent(container.NewBorder(nil, container.NewPadded(bar), nil, nil, container.NewPadded(msg)))
	w.SetCloseIntercept(func() {})
	w.Resize(fyne.NewSize(640, 280))
	return w
}

// upgradeThenRun opens a database that this version must upgrade behind a
// window that says so: the upgrade reads and rewrites the whole audit log
// (minutes for a large register), and no window at all meanwhile would look
// as if DSP Desk had not started. The main window replaces it when done.
func upgradeThenRun(ctx context.Context, a fyne.App, path string, run func(*storage.Store, string, bool) (func(), error)) {
	w := upgradeWindow(a)
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			s, restored, restoreFailed, err := openDatabase(ctx, path, false)
			fyne.Do(func() {
				problem := ""
				if err != nil {
					problem = openProblem(path, err)
				} else if start, err := run(s, restored, restoreFailed); err != nil {
					problem = err.Error()
				} else {
					w.Close()
					start()
					return
				}
				showFatal(a, w, problem)
			})
		}()
	})
	w.ShowAndRun()
}

// openDatabase opens the database at path, after restoring the backup the
// last session asked for (restored says what happened). The demo's audit
// key lives and dies with its throw-away database, in the folder beside it.
func openDatabase(ctx context.Context, path string, demo bool) (store *storage.Store, restored string, restoreFailed bool, err error) {
	var opts []storage.Option
	if demo {
		opts = append(opts, storage.WithKeys(storage.FileKeys{Dir: filepath.Join(filepath.Dir(path), "keys")}))
	} else {
		restored, restoreFailed = applyPendingRestore(ctx, path)
	}
	store, err = storage.Open(ctx, path, opts...)
	return store, restored, restoreFailed, err
}

// started runs once the main window is up, so what it opens is in front
// of it: the restore's result, the audit log's checks, today's backup.
func started(ctx context.Context, w *forms.MainWindow, b *backend, o options, restored string, restoreFailed bool, backups *sync.WaitGroup) {
	// The screen's size is known once the app has started: a window
	// larger than the screen (less its taskbar) is made to fit.
	if area, ok := workArea(w.Canvas()); ok {
		w.FitScreen(area)
	}
	// Behind the first paint: asks once for the settings documents need.
	w.OfferFirstRun()
	if restored != "" {
		w.ShowRestoreResult(restored, restoreFailed)
	}
	w.StartIntegrityChecks()
	if !o.demo {
		// Today's automatic backup copies the whole database: do it behind
		// the window; a failure stays in a banner until a backup succeeds.
		backups.Add(1)
		go func() {
			defer backups.Done()
			err := b.rollingBackup(ctx)
			if err != nil {
				log.Printf("automatic backup failed: %v", err) // ids only, never personal data
			}
			fyne.Do(func() { w.ShowBackupResult(err) })
		}()
	}
	openAtStart(ctx, w, b, o)
}

// seedDemo fills a fresh database with synthetic people, as of now.
func seedDemo(ctx context.Context, store *storage.Store, b *backend, people int, now time.Time) error {
	rules, err := b.Service.Rules(ctx)
	if err != nil {
		return err
	}
	if err := store.SaveSettings(ctx, "demo", withName(rules.Settings, "Demo user")); err != nil {
		return err
	}
	_, err = demo.Generate(demo.Config{People: people, Seed: 2026, Now: now, Rules: rules}, func(fn func(demo.Sink) error) error {
		return store.Batch(ctx, "demo", func(bt *storage.Batch) error { return fn(bt) })
	})
	if err != nil {
		return err
	}
	// A half-typed referral, so the drafts list has something to show.
	_, err = store.SaveDraft(ctx, "demo", demo.Draft(now))
	return err
}

func withName(s app.Settings, name string) app.Settings {
	s.DisplayName = name
	if s.TeamPhone == "" && s.TeamEmail == "" {
		s.TeamPhone, s.TeamEmail = "0116 496 0999", "dsp.team@example.org" // synthetic, for demo data
	}
	return s
}

// openProblem says in plain words why the database did not open and what
// to do, by the error's kind (app.CannotOpen).
func openProblem(path string, err error) string {
	return app.CannotOpen(path, err, forms.ErrorReference)
}

// fatalWindow shows a problem that stops the app in a window of its own,
// instead of a crash, and waits for the user to close it.
func fatalWindow(a fyne.App, message string) {
	w := a.NewWindow("")
	showFatal(a, w, message)
	w.ShowAndRun()
}

// showFatal turns w into the window that says why DSP Desk cannot start.
func showFatal(a fyne.App, w fyne.Window, message string) {
	w.SetTitle("DSP Desk: cannot start")
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewHBox(widget.NewButton("Close", a.Quit)), nil, nil, container.NewPadded(msg)))
	w.SetCloseIntercept(a.Quit)
	w.Resize(fyne.NewSize(640, 280))
}

// openChoices are what --open opens at start (for screenshots and guides).
var openChoices = []string{"new-referral", "latest-draft", "action", "new-action", "new-gap", "gap-report", "meeting",
	"import", "import-mapping", "import-preview", "imported", "find", "guide", "shortcuts"}

// openAtStart opens the window --open names in front of the main window.
func openAtStart(ctx context.Context, w *forms.MainWindow, b *backend, o options) {
	if o.open == "" {
		return
	}
	now := b.Service.Clock.Now()
	// the person: --person, else the one with the first outstanding action
	// (blocked first), read only for the windows that need them
	personID := o.person
	var action app.Action
	if o.open == "action" || o.open == "new-action" || o.open == "meeting" {
		if rows, err := b.store.OutstandingActions(ctx); err == nil {
			for _, r := range rows {
				if (personID == 0 || r.PersonID == personID) && (action.ID == 0 || r.Status == app.ActionBlocked && action.Status != app.ActionBlocked) {
					action = r.Action
				}
			}
		}
		if personID == 0 {
			personID = action.PersonID
		}
	}
	switch o.open {
	case "find":
		w.ShowFind()
	case "guide":
		w.ShowGuide()
	case "shortcuts":
		w.ShowShortcuts()
	case "new-referral":
		w.NewReferral(app.Draft{})
	case "latest-draft":
		if ds, err := b.Drafts(ctx); err == nil && len(ds) > 0 {
			w.NewReferral(ds[0])
		}
	case "action":
		if action.ID != 0 {
			forms.ShowAction(w, b, action.ID, now, func() {}, func(int64) {})
		}
	case "new-action":
		if p, err := b.store.Person(ctx, personID); err == nil {
			forms.ShowAddAction(w, b, p.ID, 0, p.CalledName(), now, func(app.Action) {})
		}
	case "new-gap":
		var rec *app.PersonRecord
		if o.person != 0 {
			if r, err := b.store.PersonRecord(ctx, o.person); err == nil {
				rec = &r
			}
		}
		forms.ShowRecordGap(w, b, rec, now, func(app.Gap) {})
	case "gap-report":
		w.Select(forms.ScreenGaps)
		w.ShowGapReport()
	case "import", "import-mapping", "import-preview":
		openImport(w, o.open)
	case "imported":
		importSample(ctx, w, b, o.person)
	case "meeting":
		if rec, err := b.store.PersonRecord(ctx, personID); err == nil && len(rec.Meetings) > 0 {
			forms.ShowMeeting(w, b, rec.Meetings[0].ID, now, func(app.Meeting) {})
		}
	}
}
