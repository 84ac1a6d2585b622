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
	s, err := storage.Open(ctx, path)
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
	s, err := storage.Open(ctx, path)
	if err != nil {
		return nil, c.fail("Cannot open %s: %s", path, reason(err)), false
	}
	return s, exitOK, true
}

func (c *cli) printf(format string, a ...any) {
	fmt.Fprintf(c.stdout, format, a...)
}
