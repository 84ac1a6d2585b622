package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"dspdesk/storage"
)

// runInit creates the database if it is missing and says where it is.
func runInit(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("init")
	if _, code, ok := c.parse(set, "init", args, 0); !ok {
		return code
	}
	path, code, ok := c.dbPath("init", *dbFlag)
	if !ok {
		return code
	}
	existed := fileExists(path)
	s, err := c.openStore(ctx, path)
	if err != nil {
		return c.fail("Cannot open %s: %s", path, reason(err))
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return c.fail("Cannot read the schema version of %s: %s", path, reason(err))
	}
	if existed {
		c.printf("The database at %s is ready (schema %d).\n", path, v)
	} else {
		c.printf("Created a new database at %s (schema %d).\n", path, v)
	}
	return exitOK
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// open opens the existing database at path for a command, or reports why
// it cannot.
func (c *cli) open(ctx context.Context, path string) (*storage.Store, int, bool) {
	if code, ok := c.mustExist(path); !ok {
		return nil, code, false
	}
	s, err := c.openStore(ctx, path)
	if err != nil {
		return nil, c.fail("Cannot open %s: %s", path, reason(err)), false
	}
	return s, exitOK, true
}

// openStore opens the database at path, saying first when this version
// must upgrade it: the upgrade to the keyed audit log checks and rewrites
// the whole log (minutes for a large register), which would otherwise look
// like a hang.
func (c *cli) openStore(ctx context.Context, path string, opts ...storage.Option) (*storage.Store, error) {
	if storage.UpgradeNeeded(ctx, path) {
		fmt.Fprintf(c.stderr, "Upgrading %s to this version: the audit log is checked and keyed; with a large register this takes a few minutes, so do not interrupt it.\n", path)
	}
	return storage.Open(ctx, path, opts...)
}

func (c *cli) printf(format string, a ...any) {
	fmt.Fprintf(c.stdout, format, a...)
}
