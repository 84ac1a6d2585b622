package forms

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dspdesk/app"
)

// settingsWindow is a main window that counts how often Settings opened.
type settingsWindow struct {
	fyne.Window
	opened int
}

func (w *settingsWindow) OpenSettings() { w.opened++ }

// fakePrinter writes nothing: it returns path and err as a print would,
// and records the folders it was asked to open.
type fakePrinter struct {
	path    string
	err     error
	folders []string
}

func (f *fakePrinter) OpenPDF(_ context.Context, _ string, write func(io.Writer) error) (string, error) {
	if err := write(io.Discard); err != nil {
		return "", err
	}
	return f.path, f.err
}

func (f *fakePrinter) OpenFolder(dir string) error {
	f.folders = append(f.folders, dir)
	return nil
}

func TestPrintDocument(t *testing.T) {
	path := filepath.Join("/home/user/.local/share/dspdesk/print", "family-agenda-4-1700000000000.pdf")
	write := func(io.Writer) error { return nil }
	open := func(t *testing.T) fyne.Window {
		RunInForeground()
		a := test.NewTempApp(t)
		w := a.NewWindow("Meeting")
		w.Resize(fyne.NewSize(1024, 640))
		t.Cleanup(w.Close)
		return w
	}

	t.Run("a file saved that no viewer opened says where it is and opens its folder", func(t *testing.T) {
		w := open(t)
		pr := &fakePrinter{path: path, err: errors.New("xdg-open could not open the file: exit status 3")}
		printDocument(w, pr, "the family agenda", "family-agenda-4.pdf", write)
		text := triageDialogText(t, w)
		if !strings.Contains(text, "The family agenda was saved as:\n"+path) || !strings.Contains(text, "no PDF viewer opened it") {
			t.Fatalf("the message does not say the file was saved and where:\n%s", text)
		}
		if strings.Contains(text, "nothing was saved") {
			t.Errorf("the message says nothing was saved:\n%s", text)
		}
		test.Tap(triageDialog(t, w, triageButton("Open the folder")))
		if len(pr.folders) != 1 || pr.folders[0] != filepath.Dir(path) {
			t.Errorf("folders opened %v, want %s", pr.folders, filepath.Dir(path))
		}
	})
	t.Run("a document refused for want of a setting offers to open Settings", func(t *testing.T) {
		w := &settingsWindow{Window: open(t)}
		pr := &fakePrinter{path: path}
		printDocument(w, pr, "the family agenda", "family-agenda-4.pdf", func(io.Writer) error {
			var p app.Problems
			p.Add("teamPhone", "Set the team phone or email for families in Settings first.")
			return p.Err()
		})
		if text := triageDialogText(t, w); !strings.Contains(text, "Set the team phone or email") {
			t.Errorf("the refusal is not shown:\n%s", text)
		}
		test.Tap(triageDialog(t, w, triageButton("Open Settings")))
		if w.opened != 1 || w.Canvas().Overlays().Top() != nil {
			t.Errorf("Settings opened %d times, dialogs left open: %v", w.opened, w.Canvas().Overlays().Top() != nil)
		}
	})
	t.Run("a document that could not be written says it was not printed", func(t *testing.T) {
		w := open(t)
		printDocument(w, &fakePrinter{path: path}, "the family agenda", "family-agenda-4.pdf", func(io.Writer) error {
			return errors.New("disk on fire")
		})
		if text := triageDialogText(t, w); !strings.Contains(text, "The family agenda was not printed") {
			t.Errorf("the failure is not shown:\n%s", text)
		}
	})
	t.Run("a document the viewer opened shows no message", func(t *testing.T) {
		w := open(t)
		printDocument(w, &fakePrinter{path: path}, "the family agenda", "family-agenda-4.pdf", write)
		if top := w.Canvas().Overlays().Top(); top != nil {
			t.Errorf("a dialog opened: %s", triageDialogText(t, w))
		}
	})
}
