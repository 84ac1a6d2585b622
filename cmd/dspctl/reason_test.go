package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"dspdesk/storage"
)

func TestReasonKeepsDriverTextOutOfTheSentence(t *testing.T) {
	driver := errors.New("database or disk is full")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"a full disk is its own sentence, without SQLite's words", fmt.Errorf("storage: backup: %w: %w", storage.ErrDiskFull, driver), storage.ErrDiskFull.Error()},
		{"an unwritable database is its own sentence", fmt.Errorf("storage: %w: %w", storage.ErrUnwritable, errors.New("attempt to write a readonly database")), storage.ErrUnwritable.Error()},
		{"a locked database is its own sentence", fmt.Errorf("storage: %w: %w", storage.ErrLocked, errors.New("database is locked")), storage.ErrLocked.Error()},
		{"a failed integrity check is its own sentence", fmt.Errorf("%w: %w", storage.ErrCorrupt, errors.New("*** in database main *** Page 5")), storage.ErrCorrupt.Error()},
		{"a newer schema keeps its detail", fmt.Errorf("%w (schema 9, this version knows 7)", storage.ErrTooNew), storage.ErrTooNew.Error() + " (schema 9, this version knows 7)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := reason(tc.err)
			if got != tc.want {
				t.Errorf("reason = %q, want %q", got, tc.want)
			}
			if strings.Contains(got, "database or disk") || strings.Contains(got, "***") || strings.Contains(got, "is locked") {
				t.Errorf("driver text in %q", got)
			}
		})
	}
}
