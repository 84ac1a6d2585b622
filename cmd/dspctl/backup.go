package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dspdesk/storage"
)

// runBackup copies the database to a file (or into a folder) while it
// stays in use.
func runBackup(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("backup")
	pos, code, ok := c.parse(set, "backup", args, 1)
	if !ok {
		return code
	}
	path, code, ok := c.dbPath("backup", *dbFlag)
	if !ok {
		return code
	}
	dest := pos[0]
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, "dspdesk-"+time.Now().Format("2006-01-02-150405")+".db")
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	if err := s.Backup(ctx, dest); err != nil {
		msg, code := backupFailure(err, dest)
		fmt.Fprintln(c.stderr, msg)
		return code
	}
	c.printf("Backed up %s to %s.\n", path, dest)
	return exitOK
}

// backupFailure is what dspctl says, and its exit code, when a backup to
// dest returned err: a backup made and checked but not recorded in the
// audit log is partly done (the copy is kept); anything else made nothing.
func backupFailure(err error, dest string) (string, int) {
	if errors.Is(err, storage.ErrBackupNotRecorded) {
		return sentence("The backup " + dest + " was made and checked, but it could not be recorded in the audit log because the database could not be written: check the database and its folder are on a working drive you may write to"), exitPartly
	}
	return sentence("The backup was not made: " + reason(err)), exitFailed
}

// runRestore replaces the database with a checked backup, keeping the old
// one beside it.
func runRestore(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("restore")
	pos, code, ok := c.parse(set, "restore", args, 1)
	if !ok {
		return code
	}
	path, code, ok := c.dbPath("restore", *dbFlag)
	if !ok {
		return code
	}
	kept, err := storage.RestoreKeeping(ctx, pos[0], path)
	if err != nil {
		return c.fail("The backup was not restored, and the database is unchanged: %s", reason(err))
	}
	c.printf("Restored %s into %s.\n", pos[0], path)
	if kept != "" {
		c.printf("The database it replaced is kept as %s.\n", kept)
	} else {
		c.printf("There was no database there before, so nothing was kept.\n")
	}
	return exitOK
}
