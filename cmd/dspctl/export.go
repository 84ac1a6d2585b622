package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dspdesk/app"
	"dspdesk/storage"
)

// The export commands (ics, agenda, action-plan, gaps-report) share these
// steps: read a record number, name the file in a folder, and write the
// file whole with its audit row.

// recordID reads the record number given with --flag (noun: "meeting",
// "person"); 0 with ok when it is optional and not given.
func (c *cli) recordID(cmd, flag, noun, value string, required bool) (id int64, code int, ok bool) {
	if strings.TrimSpace(value) == "" {
		if required {
			return 0, c.usageErr(cmd, "give the %s with --%s ID", noun, flag), false
		}
		return 0, exitOK, true
	}
	id, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
	if err != nil || id <= 0 {
		return 0, c.usageErr(cmd, "--%s needs a %s number, not %q", flag, noun, value), false
	}
	return id, exitOK, true
}

// outFile is out, or the file name inside out when out is a folder.
func outFile(out, name string) string {
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return filepath.Join(out, name)
	}
	return out
}

// saveExport writes data to out whole and records "<document> <file name>"
// in the audit log against entity id, in the name of this computer's user
// (or the display name in the settings); what names the document in
// messages ("the calendar file").
func (c *cli) saveExport(ctx context.Context, s *storage.Store, out, what, entity string, id int64, document string, data []byte) (int, bool) {
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return c.fail("%s was not written: the folder %s does not exist", what, filepath.Dir(out)), false
	}
	actor := app.NewService(s, nil, osUser()).Actor(ctx)
	if err := writeExport(out, data, func() error {
		return s.LogExport(ctx, actor, entity, id, document+" "+filepath.Base(out))
	}); err != nil {
		return c.fail("%s was not written to %s: %s", what, out, reason(err)), false
	}
	return exitOK, true
}
