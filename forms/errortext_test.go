package forms

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

func TestErrorTextChoosesByKind(t *testing.T) {
	locked := app.NewKindError(app.KindLocked, "the database is in use by another program: close it and try again")
	cases := []struct {
		name string
		err  error
		want string
		not  string
	}{
		{"an error with a kind says its own sentence, however it is wrapped",
			fmt.Errorf("storage: update gap 3: %w", locked), "The database is in use by another program: close it and try again.", "storage:"},
		{"a conflict names who changed the record and when",
			fmt.Errorf("storage: update gap 3: %w", &app.ConflictError{Entity: "gap", ID: 3, By: `NHS\alice`, At: time.Date(2026, 11, 24, 12, 30, 0, 0, time.UTC)}),
			`NHS\alice changed this record at 12:30 on Tuesday 24 November 2026`, "conflict"},
		{"a backup made but not recorded is not called a failure",
			app.NewKindError(app.KindPartlyDone, "the backup was made and checked, but it could not be recorded in the audit log"), "The backup was made and checked", "went wrong"},
		{"an unexpected error gives a reference, never the driver's words",
			errors.New("sqlite3: UNIQUE constraint failed: people.nhs_number"), "tell IT support the reference", "UNIQUE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := errorText(c.err)
			if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
				t.Errorf("errorText = %q, want %q without %q", got, c.want, c.not)
			}
		})
	}
}
