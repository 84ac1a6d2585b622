package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCannotOpenFitsTheCause(t *testing.T) {
	const path = `C:\Users\jo\AppData\Roaming\DSP Desk\dspdesk.db`
	ref := func(error) string { return "ABC123" }
	cases := []struct {
		name           string
		err            error
		says           string
		suggestRestore bool
	}{
		{"a lock says to close the other program, not to restore",
			fmt.Errorf("storage: open: %w", NewKindError(KindLocked, "in use")), "Close it, then start DSP Desk again", false},
		{"a permission problem says to check the folder, not to restore",
			NewKindError(KindReadOnly, "cannot write"), "check the folder's permissions", false},
		{"damage suggests restoring a backup",
			NewKindError(KindCorrupt, "damaged"), "dspctl restore BACKUP-FILE --db \"" + path + "\"", true},
		{"a foreign file says to check the path",
			NewKindError(KindForeign, "not ours"), "not a DSP Desk database", false},
		{"a newer schema says to install the newer version",
			NewKindError(KindTooNew, "newer"), "Install the newer version", false},
		{"a full disk says to free space",
			NewKindError(KindDiskFull, "full"), "Free some space", false},
		{"the unexpected gives a reference and no raw text",
			errors.New("sqlite3: SQL logic error near \"SELEC\""), "reference ABC123", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CannotOpen(path, c.err, ref)
			if !strings.Contains(got, c.says) {
				t.Errorf("message does not say %q:\n%s", c.says, got)
			}
			if restore := strings.Contains(got, "restore"); restore != c.suggestRestore {
				t.Errorf("suggests a restore: %v, want %v:\n%s", restore, c.suggestRestore, got)
			}
			if strings.Contains(got, "sqlite") || strings.Contains(got, "SQL") {
				t.Errorf("raw SQLite text reached the user:\n%s", got)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want Kind
	}{
		{"a wrapped kind error keeps its kind", fmt.Errorf("x: %w", NewKindError(KindDiskFull, "full")), KindDiskFull},
		{"not found is its own kind", fmt.Errorf("x: %w", ErrNotFound), KindNotFound},
		{"a conflict is its own kind", &ConflictError{Entity: "gap"}, KindConflict},
		{"anything else is unexpected", errors.New("boom"), KindUnexpected},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := KindOf(c.err); got != c.want {
				t.Errorf("KindOf = %v, want %v", got, c.want)
			}
		})
	}
}
