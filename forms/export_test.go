package forms

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	t.Run("a document is written whole under its name", func(t *testing.T) {
		path := filepath.Join(dir, "agenda.pdf")
		if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "%PDF-1.3 ..."); return err }); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "%PDF-1.3 ..." {
			t.Errorf("file holds %q", b)
		}
	})
	t.Run("a refused document leaves nothing, not even the empty file the save dialog made", func(t *testing.T) {
		path := filepath.Join(dir, "refused.pdf")
		os.WriteFile(path, nil, 0o600) // what the file dialog leaves behind
		refusal := errors.New("consent withdrawn")
		if err := writeFileAtomic(path, func(io.Writer) error { return refusal }); !errors.Is(err, refusal) {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("the file is still there: %v", err)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".dspdesk-*"))
		if len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
}
