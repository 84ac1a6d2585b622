package forms

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// Integrity is what the main window asks about the audit log's key and
// checks, and about backups, to show what needs the user's attention in
// banners above every screen.
type Integrity interface {
	// OpenCheck is what the quick check at open found: whether the key is
	// on this computer, and a problem in words ("" when none).
	OpenCheck() (keyMissing bool, problem string)
	// VerifyAudit verifies the whole audit log (it takes a while).
	VerifyAudit(ctx context.Context) (app.AuditReport, error)
	// Adopt makes this computer keep a new key for the database, once the
	// user has confirmed.
	Adopt(ctx context.Context) error
}

// Banner names: one banner of each kind at a time.
const (
	BannerAudit  = "audit"
	BannerKey    = "key"
	BannerBackup = "backup"
)

// banner is one message across the top of the window, with an optional
// button.
type banner struct {
	name string
	obj  fyne.CanvasObject
	text string
}

// ShowBanner shows (or replaces) the banner name with text and, when
// action is not nil, a button labelled button. It stays until ClearBanner.
func (w *MainWindow) ShowBanner(name, text, button string, action func()) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	var right fyne.CanvasObject
	if action != nil {
		b := widget.NewButton(button, action)
		b.Importance = widget.HighImportance
		right = container.NewCenter(b)
	}
	icon := widget.NewIcon(theme.WarningIcon())
	row := container.NewBorder(nil, nil, container.NewCenter(icon), right, msg)
	obj := container.NewVBox(row, widget.NewSeparator())
	for i, b := range w.banners {
		if b.name == name {
			w.banners[i].obj, w.banners[i].text = obj, text
			w.layoutBanners()
			return
		}
	}
	w.banners = append(w.banners, banner{name, obj, text})
	w.layoutBanners()
}

// ClearBanner removes the banner name, if it is shown.
func (w *MainWindow) ClearBanner(name string) {
	for i, b := range w.banners {
		if b.name == name {
			w.banners = append(w.banners[:i], w.banners[i+1:]...)
			w.layoutBanners()
			return
		}
	}
}

// BannerText is the text of the banner name ("" when none): for tests.
func (w *MainWindow) BannerText(name string) string {
	for _, b := range w.banners {
		if b.name == name {
			return b.text
		}
	}
	return ""
}

func (w *MainWindow) layoutBanners() {
	objs := make([]fyne.CanvasObject, len(w.banners))
	for i, b := range w.banners {
		objs[i] = b.obj
	}
	w.bannerBox.Objects = objs
	w.bannerBox.Refresh()
}

// auditProblemText is the audit banner's words for a problem found.
func auditProblemText(problem string) string {
	return "The audit log shows changes made outside DSP Desk (" + problem + "), so its history cannot be trusted. " +
		"Keep working, tell your IT support, and restore a backup made before the change if records are wrong."
}

// StartIntegrityChecks shows what the check at open found, then verifies
// the whole audit log in the background (call it once the first screen is
// up).
func (w *MainWindow) StartIntegrityChecks() {
	in := w.deps.Integrity
	if in == nil {
		return
	}
	keyMissing, problem := in.OpenCheck()
	if problem != "" {
		w.ShowBanner(BannerAudit, auditProblemText(problem), "", nil)
	}
	if keyMissing {
		w.ShowBanner(BannerKey, "This database's audit key is not on this computer (a new computer, a restored file or another user), "+
			"so its history cannot be checked and nothing can be changed yet. Import the key (dspctl key import), or adopt the database here.",
			"Adopt this database…", w.confirmAdopt)
	}
	var rep app.AuditReport
	var err error
	background(func() { rep, err = in.VerifyAudit(ctx()) }, func() {
		switch {
		case err != nil:
			w.ShowBanner(BannerAudit, "The audit log could not be checked (reference "+ErrorReference(err)+"): tell your IT support.", "", nil)
		case !rep.OK:
			w.ShowBanner(BannerAudit, auditProblemText(rep.Problem), "", nil)
		}
	})
}

func (w *MainWindow) confirmAdopt() {
	dialog.ShowConfirm("Adopt this database?",
		"This computer will keep a new audit key for this database. Everything recorded so far is accepted as it is, "+
			"without being checked, and the audit log records that you adopted it.\n\n"+
			"Do this only for a database you trust: one you restored yourself, or moved from your old computer.",
		func(ok bool) {
			if !ok {
				return
			}
			var err error
			background(func() { err = w.deps.Integrity.Adopt(ctx()) }, func() {
				if err != nil {
					showError(w, "The database was not adopted", err)
					return
				}
				w.ClearBanner(BannerKey)
			})
		}, w)
}

// ShowBackupResult shows a banner when a backup failed, and clears it when
// one succeeds.
func (w *MainWindow) ShowBackupResult(err error) {
	if err == nil {
		w.ClearBanner(BannerBackup)
		return
	}
	w.ShowBanner(BannerBackup, "The last backup failed, so no backup of today's records exists. "+errorText(err)+
		" This message stays until a backup succeeds (File > Backup now).", "Back up now", w.backupNow)
}
