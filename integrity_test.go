package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
	"dspdesk/storage"
)

// integrityDesk opens the main window, with its banners, on the database
// at path, keeping keys in keys.
func integrityDesk(t *testing.T, path string, keys storage.KeyStore) (*forms.MainWindow, *backend) {
	t.Helper()
	forms.RunInForeground()
	clock := app.FixedClock(deskNow)
	store, err := storage.Open(context.Background(), path, storage.WithClock(clock), storage.WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := newBackend(store, clock, filepath.Join(filepath.Dir(path), "backups"))
	a := test.NewTempApp(t)
	w := forms.NewMainWindow(a, forms.Deps{Backend: b, Clock: clock, Version: "test", DataDir: filepath.Dir(path),
		DBPath: path, Screen: forms.ScreenToday, Integrity: b})
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	return w, b
}

// newDatabase makes a database with a few audited changes, its key in keys.
func newDatabase(t *testing.T, keys storage.KeyStore) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dspdesk.db")
	s, err := storage.Open(context.Background(), path, storage.WithKeys(keys))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		if err := s.LogExport(context.Background(), "jo", "person", 1, "a letter"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	return path
}

func TestTheWindowsBanners(t *testing.T) {
	t.Run("an audit log altered outside DSP Desk is shown in a banner after the full check", func(t *testing.T) {
		keys := storage.FileKeys{Dir: t.TempDir()}
		path := newDatabase(t, keys)
		raw, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"DROP TRIGGER audit_no_update", "UPDATE audit_log SET actor = 'someone else' WHERE id = 2",
			"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		raw.Close()
		w, _ := integrityDesk(t, path, keys)
		if got := w.BannerText(forms.BannerAudit); got != "" {
			t.Fatalf("a banner before the check: %q", got)
		}
		w.StartIntegrityChecks()
		if got := w.BannerText(forms.BannerAudit); !strings.Contains(got, "changes made outside DSP Desk") {
			t.Errorf("banner %q", got)
		}
	})
	t.Run("a missing key is shown in a banner, and adopting the database clears it", func(t *testing.T) {
		path := newDatabase(t, storage.FileKeys{Dir: t.TempDir()})
		w, b := integrityDesk(t, path, storage.FileKeys{Dir: t.TempDir()}) // another computer
		w.StartIntegrityChecks()
		if got := w.BannerText(forms.BannerKey); !strings.Contains(got, "audit key is not on this computer") {
			t.Fatalf("banner %q", got)
		}
		test.Tap(inWindow(t, w, func(b *widget.Button) bool { return b.Text == "Adopt this database…" }))
		test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Yes" }))
		if got := w.BannerText(forms.BannerKey); got != "" {
			t.Errorf("still shown: %q", got)
		}
		if err := b.store.LogExport(context.Background(), "jo", "person", 1, "a letter"); err != nil {
			t.Errorf("a change after adopting: %v", err)
		}
	})
	t.Run("a failed backup stays in a banner until a backup succeeds", func(t *testing.T) {
		keys := storage.FileKeys{Dir: t.TempDir()}
		path := newDatabase(t, keys)
		w, b := integrityDesk(t, path, keys)
		// given a backup folder that cannot be made (a file is in its way)
		blocked := filepath.Join(t.TempDir(), "not-a-folder")
		if err := os.WriteFile(blocked, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		b.backupDir = filepath.Join(blocked, "backups")
		w.ShowBackupResult(b.rollingBackup(context.Background()))
		if got := w.BannerText(forms.BannerBackup); !strings.Contains(got, "The last backup failed") {
			t.Fatalf("banner %q", got)
		}
		// when the folder is fixed and Back up now is pressed
		b.backupDir = t.TempDir()
		test.Tap(inWindow(t, w, func(b *widget.Button) bool { return b.Text == "Back up now" }))
		if got := w.BannerText(forms.BannerBackup); got != "" {
			t.Errorf("still shown: %q", got)
		}
	})
}

// inWindow finds a widget in the window's content (not its dialogs).
func inWindow[T fyne.CanvasObject](t *testing.T, w fyne.Window, match func(T) bool) T {
	t.Helper()
	v, ok := find(w.Content(), match)
	if !ok {
		t.Fatal("the window has no such widget")
	}
	return v
}

func TestTheUpgradeWindowSaysWhatIsHappening(t *testing.T) {
	t.Run("while the register is upgraded a window says so and asks not to close DSP Desk", func(t *testing.T) {
		a := test.NewTempApp(t)
		w := upgradeWindow(a)
		defer w.Close()
		w.Show()
		var text strings.Builder
		for _, o := range test.LaidOutObjects(w.Content()) {
			if l, ok := o.(*widget.Label); ok {
				text.WriteString(l.Text)
			}
		}
		for _, want := range []string{"upgrading your register", "do not close DSP Desk", "opens by itself"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("the window does not say %q: %q", want, text.String())
			}
		}
		if !strings.Contains(w.Title(), "upgrading") {
			t.Errorf("title %q", w.Title())
		}
	})
}
