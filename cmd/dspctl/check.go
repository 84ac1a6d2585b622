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

	c.printf("Audit key: %s\n", keyLine(rep))
	c.printf("Audit log: %s\n", auditLine(rep))

	if err := rep.Err(); err != nil {
		return c.fail("The check failed: %s", reason(err))
	}
	if rep.AuditChecked && rep.Key == storage.KeyMissing {
		return c.fail("The audit log could not be fully checked: this database's key is not on this computer; import it with dspctl key import, or adopt the database with dspctl key adopt")
	}
	c.printf("All checks passed.\n")
	return exitOK
}

// keyLine says which store holds the audit key.
func keyLine(rep storage.CheckReport) string {
	switch {
	case !rep.AuditChecked:
		return "not checked (see above)"
	case rep.Key == storage.KeyFound:
		return "ok, kept in " + rep.KeyWhere
	case rep.Key == storage.KeyMissing:
		return "NOT ON THIS COMPUTER: the rows' MACs cannot be checked"
	case rep.Key == storage.KeyWrong:
		return "FAILED: the key on this computer does not match the database's key record"
	}
	return "none yet (the log is keyed when DSP Desk or dspctl next opens the database)"
}

// auditLine says what the audit log's verification found.
func auditLine(rep storage.CheckReport) string {
	a := rep.Audit
	switch {
	case !rep.AuditChecked:
		return "not checked (see above)"
	case !a.OK && a.FirstBrokenID != 0:
		return fmt.Sprintf("FAILED: %d rows; row %d: %s", a.Rows, a.FirstBrokenID, a.Problem)
	case !a.OK:
		return fmt.Sprintf("FAILED: %d rows; %s", a.Rows, a.Problem)
	case !rep.AuditProtected:
		return fmt.Sprintf("FAILED: %d rows verified, but the append-only protection was removed or replaced", a.Rows)
	case rep.Key == storage.KeyNone:
		return fmt.Sprintf("ok (%d rows, hash chain verified)", a.Rows)
	case a.KeyMissing:
		return fmt.Sprintf("ok as far as it can be checked without the key (%d rows; protection in place)", a.Rows)
	}
	unchecked := ""
	if n := a.Rows - a.Keyed; n > 0 {
		unchecked = fmt.Sprintf("; %d rows from before the database was adopted are not checked", n)
	}
	return fmt.Sprintf("ok (%d rows, every MAC verified with the key, the newest row matches its anchor%s)", a.Rows, unchecked)
}
