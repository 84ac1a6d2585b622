// Package forms holds everything a person sees in DSP Desk: the main window,
// its screens and dialogs. It uses the domain in dspdesk/app and never the
// storage adapter.
package forms

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// Screen names, as the --screen flag and the navigation use them.
const (
	ScreenToday    = "today"
	ScreenTriage   = "triage"
	ScreenDSR      = "dsr"
	ScreenROAR     = "roar"
	ScreenMeetings = "meetings"
	ScreenActions  = "actions"
	ScreenGaps     = "gaps"
	ScreenSettings = "settings"
)

// navItem is one entry of the navigation list.
type navItem struct {
	id, title string
	icon      func() fyne.Resource // looked up when drawn: the theme needs a running app
	key       fyne.KeyName         // Ctrl/Cmd + key opens it
}

// navItems are the sidebar's entries, in its order; Ctrl+1 to Ctrl+8 follow it.
var navItems = []navItem{
	{ScreenToday, "Today", theme.HomeIcon, fyne.Key1},
	{ScreenTriage, "Triage", theme.MailComposeIcon, fyne.Key2},
	{ScreenDSR, "DSR", theme.ListIcon, fyne.Key3},
	{ScreenROAR, "ROAR", theme.WarningIcon, fyne.Key4},
	{ScreenMeetings, "Meetings", theme.CalendarIcon, fyne.Key5},
	{ScreenActions, "Actions", theme.ConfirmIcon, fyne.Key6},
	{ScreenGaps, "Gaps in service", theme.ErrorIcon, fyne.Key7},
	{ScreenSettings, "Settings", theme.SettingsIcon, fyne.Key8},
}

// shortcut is Ctrl (Cmd on a Mac) with key.
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// ScreenNames lists the screens the --screen flag accepts.
func ScreenNames() []string {
	out := make([]string, len(navItems))
	for i, n := range navItems {
		out[i] = n.id
	}
	return out
}

// MainWindow is DSP Desk's main window: navigation on the left, the chosen
// screen on the right, and a person's record opened over a screen.
type MainWindow struct {
	fyne.Window
	deps    Deps
	nav     *widget.List
	body    *fyne.Container
	screens map[string]fyne.CanvasObject
	current string

	today     *TodayScreen
	triage    *TriageScreen
	dsr, roar *RegisterScreen
	meetings  *ListScreen
	actions   *ActionsScreen
	gaps      *GapsScreen
	settings  *SettingsScreen
	// referrals are the referral forms opened, flushed when the app closes.
	referrals []*ReferralForm
	// banners are the messages across the top that need attention (see
	// banner.go), in bannerBox.
	banners   []banner
	bannerBox *fyne.Container
}

// NewMainWindow builds the main window titled "DSP Desk".
func NewMainWindow(a fyne.App, d Deps) *MainWindow {
	title := "DSP Desk"
	if d.Demo {
		title += " (demo: synthetic people)"
	}
	w := &MainWindow{Window: a.NewWindow(title), deps: d, screens: map[string]fyne.CanvasObject{}}
	onErr := func(err error) { showError(w, "Could not load", err) }
	w.today = NewTodayScreen(d.Backend, d.Clock, w.OpenPerson, onErr)
	w.today.OnImportItem = func() {
		w.Select(ScreenDSR)
		w.dsr.SetNeedsAttention(true)
	}
	w.triage = NewTriageScreen(d.Backend, d.Clock, w, w.OpenPerson)
	w.triage.registered = func(personID int64, nhs app.NHSNumber) (app.RegisterRow, bool) {
		return app.Registered([]*app.RegisterView{w.dsr.view, w.roar.view}, personID, nhs)
	}
	w.dsr = NewRegisterScreen(app.DSR, d.Backend, d.Clock, w.OpenPerson, onErr)
	w.roar = NewRegisterScreen(app.ROAR, d.Backend, d.Clock, w.OpenPerson, onErr)
	w.dsr.win, w.roar.win = w, w
	w.meetings = NewMeetingsScreen(d.Backend, d.Clock, w.OpenPerson, onErr)
	w.actions = NewActionsScreen(d.Backend, d.Backend, d.Clock, w, w.OpenPerson, onErr)
	w.gaps = NewGapsScreen(d.Backend, d.Backend, d.Clock, w, w.OpenPerson, onErr)
	w.settings = NewSettingsScreen(d.Backend, w, d.DataDir, d.DBPath)
	w.screens = map[string]fyne.CanvasObject{
		ScreenToday: w.today, ScreenTriage: w.triage, ScreenDSR: w.dsr, ScreenROAR: w.roar, ScreenMeetings: w.meetings,
		ScreenActions: w.actions, ScreenGaps: w.gaps, ScreenSettings: w.settings,
	}

	w.nav = widget.NewList(func() int { return len(navItems) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Gaps in service"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(navItems[id].icon())
			box.Objects[1].(*widget.Label).SetText(navItems[id].title)
		})
	w.nav.OnSelected = func(id widget.ListItemID) { w.show(navItems[id].id) }
	w.body = container.NewStack()

	brand := widget.NewLabelWithStyle("DSP Desk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	newRef := widget.NewButtonWithIcon("New referral", theme.ContentAddIcon(), func() { w.NewReferral(app.Draft{}) })
	newRef.Importance = widget.HighImportance
	drafts := widget.NewButton("Referral drafts", w.ShowDrafts)
	side := container.NewBorder(container.NewVBox(brand, newRef, drafts, widget.NewSeparator()), w.footer(), nil, nil, w.nav)
	split := container.NewHSplit(side, container.NewPadded(w.body))
	split.Offset = 0.14
	w.bannerBox = container.NewVBox()
	w.SetContent(container.NewBorder(w.bannerBox, nil, nil, nil, split))
	w.SetMainMenu(w.menu())
	w.shortcuts()
	w.SetCloseIntercept(func() {
		for _, f := range w.referrals {
			// nothing typed is lost when the app closes
			if err := f.Flush(); err != nil {
				showError(w, "A referral draft could not be saved, so DSP Desk stays open", err)
				return
			}
		}
		w.Close()
	})
	w.Resize(fyne.NewSize(1280, 800))
	w.SetMaster()

	start := d.Screen
	if _, ok := w.screens[start]; !ok {
		start = ScreenToday
	}
	w.Select(start)
	// Load both registers now, in the background, so opening one later
	// shows its table at once (and refreshes it behind the scenes).
	if start != ScreenDSR {
		w.dsr.Reload()
	}
	if start != ScreenROAR {
		w.roar.Reload()
	}
	if start != ScreenTriage {
		w.triage.Reload() // Find a person searches it too
	}
	return w
}

func (w *MainWindow) footer() fyne.CanvasObject {
	text := "Version " + w.deps.Version
	if w.deps.Demo {
		text = "Demo data · v" + w.deps.Version
	}
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// Select shows a screen by name and highlights it in the navigation.
func (w *MainWindow) Select(screen string) {
	for i, n := range navItems {
		if n.id == screen {
			w.nav.Select(i)
			if w.current != screen {
				w.show(screen)
			}
			return
		}
	}
}

// OpenSettings shows the Settings screen (a refusal that waits for a
// setting offers it).
func (w *MainWindow) OpenSettings() { w.Select(ScreenSettings) }

// Current is the name of the screen shown.
func (w *MainWindow) Current() string { return w.current }

func (w *MainWindow) show(screen string) {
	obj, ok := w.screens[screen]
	if !ok {
		return
	}
	w.current = screen
	w.body.Objects = []fyne.CanvasObject{obj}
	w.body.Refresh()
	w.reload(screen)
	w.focusFirst(screen)
}

func (w *MainWindow) focusFirst(screen string) {
	switch screen {
	case ScreenDSR:
		w.Canvas().Focus(w.dsr.search)
	case ScreenROAR:
		w.Canvas().Focus(w.roar.search)
	}
}

// reload refreshes a screen's data from the database.
func (w *MainWindow) reload(screen string) {
	switch screen {
	case ScreenToday:
		w.today.Reload()
	case ScreenTriage:
		w.triage.Reload()
	case ScreenDSR:
		w.dsr.Reload()
	case ScreenROAR:
		w.roar.Reload()
	case ScreenMeetings:
		w.meetings.Reload()
	case ScreenActions:
		w.actions.Reload()
	case ScreenGaps:
		w.gaps.Reload()
	case ScreenSettings:
		w.settings.Reload()
	}
}

// ShowGapReport opens the gaps report dialog of the Gaps screen.
func (w *MainWindow) ShowGapReport() {
	if rs, ok := w.deps.Backend.(GapReportService); ok {
		w.gaps.showReport(rs)
	}
}

// OpenPerson shows a person's record over the current screen; Back (or
// Escape) returns to it, refreshed.
func (w *MainWindow) OpenPerson(personID int64) {
	back := w.current
	p := NewPersonScreen(w.deps.Backend, w.deps.Clock, w, personID, func() {
		w.current = ""
		w.show(back)
	})
	w.body.Objects = []fyne.CanvasObject{p}
	w.body.Refresh()
	p.Reload()
}

// NewReferral opens the referral form (resuming a draft when given one).
func (w *MainWindow) NewReferral(d app.Draft) *ReferralForm {
	f := NewReferralForm(fyne.CurrentApp(), w.deps.Backend, w.deps.Clock, d, func(app.Referral) {
		if w.current != "" {
			w.reload(w.current)
		}
	})
	w.referrals = append(w.referrals, f)
	return f
}

// ShowImport opens File > Import a register; the screens reload after an
// import or an undo.
func (w *MainWindow) ShowImport() *ImportWindow {
	return ShowImport(fyne.CurrentApp(), w.deps.Backend, func() {
		for _, id := range []string{ScreenToday, ScreenDSR, ScreenROAR} {
			w.reload(id)
		}
	})
}

// ShowDrafts lists the referral drafts to resume or discard.
func (w *MainWindow) ShowDrafts() {
	ShowDrafts(w, w.deps.Backend, func(d app.Draft) { w.NewReferral(d) })
}

// Body is the object shown on the right (for tests).
func (w *MainWindow) Body() fyne.CanvasObject {
	if len(w.body.Objects) == 0 {
		return nil
	}
	return w.body.Objects[0]
}

func (w *MainWindow) menu() *fyne.MainMenu {
	backup := fyne.NewMenuItem("Backup now", w.backupNow)
	folder := fyne.NewMenuItem("Open data folder", func() {
		if w.deps.OpenFolder == nil || w.deps.DataDir == "" {
			return
		}
		if err := w.deps.OpenFolder(w.deps.DataDir); err != nil {
			showInfo(w, "Data folder", "Your data is in:\n"+w.deps.DataDir)
		}
	})
	about := fyne.NewMenuItem("About DSP Desk", func() {
		dialog.ShowCustom("About DSP Desk", "Close", container.NewPadded(dialogText(fmt.Sprintf(
			"DSP Desk %s\n\nThe Dynamic Support Pathway for Leicester, Leicestershire and Rutland: the DSR and ROAR "+
				"registers, multi-agency meetings, family agendas and action plans.\n\nDatabase: %s",
			w.deps.Version, w.deps.DBPath))), w)
	})
	// The shortcuts sit on the menu items: the menu takes them first, so
	// they work wherever the cursor is (the register's search box too).
	newRef := fyne.NewMenuItem("New referral", func() { w.NewReferral(app.Draft{}) })
	newRef.Shortcut = shortcut(fyne.KeyN)
	find := fyne.NewMenuItem("Find a person…", func() { w.ShowFind() })
	find.Shortcut = shortcut(fyne.KeyF)
	drafts := fyne.NewMenuItem("Referral drafts", w.ShowDrafts)
	importReg := fyne.NewMenuItem("Import a register…", func() { w.ShowImport() })
	file := fyne.NewMenu("File", newRef, find, drafts, importReg, fyne.NewMenuItemSeparator(), backup)
	if w.deps.ScheduleRestore != nil {
		file.Items = append(file.Items, fyne.NewMenuItem("Restore from a backup…", w.restoreBackup))
	}
	file.Items = append(file.Items, folder)
	view := fyne.NewMenu("Go")
	for _, n := range navItems {
		n := n
		item := fyne.NewMenuItem(n.title, func() { w.Select(n.id) })
		item.Shortcut = shortcut(n.key)
		view.Items = append(view.Items, item)
	}
	keys := fyne.NewMenuItem("Keyboard shortcuts", w.ShowShortcuts)
	guide := fyne.NewMenuItem("User guide", w.ShowGuide)
	guide.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	return fyne.NewMainMenu(file, view, fyne.NewMenu("Help", guide, keys, about))
}

// restoreBackup asks for a backup file, checks it, and asks the next start
// to restore it (a database cannot be replaced while it is open).
func (w *MainWindow) restoreBackup() {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		text := "DSP Desk will replace your records with the ones in\n" + path + "\n\nThe records you have now are kept " +
			"beside the database, so this can be undone. Anything recorded after the backup was made will not be in " +
			"the restored records. The restore happens when you next start DSP Desk."
		dialog.ShowCustomConfirm("Restore this backup?", "Restore at next start", "Cancel", dialogText(text), func(yes bool) {
			if !yes {
				return
			}
			if err := w.deps.ScheduleRestore(path); err != nil {
				showError(w, "The backup will not be restored", err)
				return
			}
			var d *dialog.CustomDialog
			closeNow := widget.NewButton("Close DSP Desk now", func() { d.Hide(); w.Close() })
			closeNow.Importance = widget.HighImportance
			later := widget.NewButton("Later", func() { d.Hide() })
			undo := widget.NewButton("Do not restore", func() {
				d.Hide()
				if err := w.deps.CancelRestore(); err != nil {
					showError(w, "The restore could not be cancelled", err)
					return
				}
				showInfo(w, "Restore cancelled", "Nothing will be restored: your records stay as they are.")
			})
			d = dialog.NewCustomWithoutButtons("Close DSP Desk to restore", container.NewVBox(
				wrapped("The backup has been checked. Close DSP Desk and start it again: the backup is restored as it starts."),
				container.NewHBox(undo, layout.NewSpacer(), later, closeNow)), w)
			d.Resize(fyne.NewSize(520, d.MinSize().Height))
			d.Show()
		}, w)
	}, w)
	open.SetFilter(fynestorage.NewExtensionFileFilter([]string{".db"}))
	if w.deps.DataDir != "" {
		if dir, err := fynestorage.ListerForURI(fynestorage.NewFileURI(filepath.Join(w.deps.DataDir, "backups"))); err == nil {
			open.SetLocation(dir)
		}
	}
	open.Show()
}

// ShowRestoreResult says what the restore asked for last time did.
func (w *MainWindow) ShowRestoreResult(message string, failed bool) {
	if failed {
		showInfo(w, "The backup was not restored", message)
		return
	}
	showInfo(w, "Backup restored", message)
}

func (w *MainWindow) backupNow() {
	var path string
	var err error
	background(func() { path, err = w.deps.Backend.BackupNow(ctx()) }, func() {
		switch {
		case app.KindOf(err) == app.KindPartlyDone: // the backup is there; the audit log does not show it
			w.ShowBackupResult(nil)
			showInfo(w, "Backup made, not recorded", errorText(err)+"\n\nThe copy was saved as:\n"+path)
		case err != nil:
			w.ShowBackupResult(err)
			showError(w, "Backup failed", err)
		default:
			w.ShowBackupResult(nil)
			dialog.ShowInformation("Backup made", "A copy of the database was saved as:\n"+path, w)
		}
	})
}

// shortcuts are the keys that are not on the menu: Escape goes back from
// a person's record, unless a dialog is open over it (the dialog is what
// the user is looking at).
func (w *MainWindow) shortcuts() {
	w.Canvas().SetOnTypedKey(w.typedKey)
}

func (w *MainWindow) typedKey(e *fyne.KeyEvent) {
	if e.Name != fyne.KeyEscape || w.Canvas().Overlays().Top() != nil {
		return
	}
	if p, ok := w.Body().(*PersonScreen); ok {
		p.back()
	}
}

// ShowShortcuts lists the keyboard shortcuts (Help menu).
func (w *MainWindow) ShowShortcuts() { showInfo(w, "Keyboard shortcuts", shortcutHelp()) }

// shortcutHelp describes the keyboard shortcuts, for Help and Settings.
func shortcutHelp() string {
	var b strings.Builder
	for _, n := range navItems {
		fmt.Fprintf(&b, "Ctrl+%s  %s\n", strings.TrimPrefix(string(n.key), "Key"), n.title)
	}
	b.WriteString("Ctrl+N  new referral\nCtrl+F  find a person (both registers and Triage)\nF1  the user guide\n" +
		"In a register's search: Down to the rows, Enter to open the first\nIn the rows: Up and Down to move, Enter or double-click to open\n" +
		"Tab and Shift+Tab  the next and previous field\nEscape  back from a person, or close the referral form (its draft is kept)\n" +
		"On a Mac, Cmd instead of Ctrl.")
	return b.String()
}

// RegisterScreen returns the DSR or ROAR screen.
func (w *MainWindow) RegisterScreen(reg app.Register) *RegisterScreen {
	if reg == app.ROAR {
		return w.roar
	}
	return w.dsr
}

// StartNotifications checks the reminders every minute while the app runs
// and raises a desktop notification for a pre-meeting or MAM about to
// start and for a family pre-contact due; at start it also says how many
// reminders became overdue while the app was closed. Notifications never
// name the person (they can show on a locked screen).
func (w *MainWindow) StartNotifications(a fyne.App) {
	sent := map[string]bool{}
	check := func(first bool) {
		items, err := w.deps.Backend.Today(ctx())
		if err != nil {
			return
		}
		set, err := w.deps.Backend.Settings(ctx())
		if err != nil {
			return
		}
		rs := make([]app.Reminder, len(items))
		overdue := 0
		for i, it := range items {
			rs[i] = it.Reminder
			if it.Overdue {
				overdue++
			}
		}
		due := app.NotificationsDue(rs, w.deps.Clock.Now(), set.Leads(), sent)
		fyne.Do(func() {
			if first && overdue > 0 {
				a.SendNotification(fyne.NewNotification("DSP Desk", app.Plural(overdue, "reminder is", "reminders are")+" overdue: see Today."))
			}
			for _, r := range due {
				a.SendNotification(fyne.NewNotification("DSP Desk: "+r.Kind.String(), r.Text))
			}
		})
	}
	go func() {
		check(true)
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for range t.C {
			check(false)
		}
	}()
}
