package main

import (
	"context"
	"fmt"

	"dspdesk/storage"
)

// runCheck runs the integrity, schema and audit checks without changing
// the database, printing each result. Exit code 1 when one fails.
func runCheck(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("check")
	if _, code, ok := c.parse(set, "check", args, 0); !ok {
		return code
	}
	path, code, ok := c.dbPath("check", *dbFlag)
	if !ok {
		return code
	}
	if code, ok := c.mustExist(path); !ok {
		return code
	}
	c.printf("Database: %s\n", path)
	rep, err := storage.Check(ctx, path)
	if err != nil {
		c.printf("Identity: FAILED: %s\n", reason(err))
		return c.fail("The check failed: %s", reason(err))
	}
	c.printf("Identity: a DSP Desk database: ok\n")

	integrity := "ok"
	if rep.Integrity != nil {
		integrity = "FAILED: " + reason(rep.Integrity)
	}
	c.printf("Integrity (quick_check): %s\n", integrity)

	schema := "ok"
	switch {
	case rep.SchemaVersion > rep.LatestVersion:
		schema = "FAILED: written by a newer version of DSP Desk"
	case rep.SchemaVersion < rep.LatestVersion:
		schema = "ok (it is upgraded when DSP Desk or dspctl next opens it)"
	}
	c.printf("Schema version: %d, this version knows %d: %s\n", rep.SchemaVersion, rep.LatestVersion, schema)

	var audit string
	switch {
	case !rep.AuditChecked:
		audit = "not checked (see above)"
	case !rep.Audit.OK:
		audit = fmt.Sprintf("FAILED: %d rows; row %d: %s", rep.Audit.Rows, rep.Audit.FirstBrokenID, rep.Audit.Problem)
	case !rep.AuditProtected:
		audit = fmt.Sprintf("FAILED: %d rows verified, but the append-only protection was removed", rep.Audit.Rows)
	default:
		audit = fmt.Sprintf("ok (%d rows, hash chain verified)", rep.Audit.Rows)
	}
	c.printf("Audit log: %s\n", audit)

	if err := rep.Err(); err != nil {
		return c.fail("The check failed: %s", reason(err))
	}
	c.printf("All checks passed.\n")
	return exitOK
}
