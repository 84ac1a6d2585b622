package main

import (
	"context"
	"errors"
	"os"
	"strings"

	"dspdesk/storage"
)

// runKey moves a database's audit key between computers, or adopts a
// database whose key is not here: dspctl key export [FILE], dspctl key
// import FILE, dspctl key adopt.
func runKey(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("key")
	pos, code, ok := c.parseRange(set, "key", args, 1, 2)
	if !ok {
		return code
	}
	path, code, ok := c.dbPath("key", *dbFlag)
	if !ok {
		return code
	}
	action, file := pos[0], ""
	if len(pos) == 2 {
		file = pos[1]
	}
	switch {
	case action == "import" && file == "":
		return c.usageErr("key", "key import needs the FILE the key was exported to")
	case action == "adopt" && file != "":
		return c.usageErr("key", "key adopt takes no FILE")
	case action != "export" && action != "import" && action != "adopt":
		return c.usageErr("key", "unknown key action %q: use export, import or adopt", action)
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	switch action {
	case "export":
		return c.keyExport(s, file)
	case "import":
		return c.keyImport(ctx, s, file)
	}
	return c.keyAdopt(ctx, s)
}

func (c *cli) keyExport(s *storage.Store, file string) int {
	line, err := s.AuditKeyExport()
	if err != nil {
		return c.fail("The key was not exported: %s", reason(err))
	}
	if file == "" {
		c.printf("%s\n", line)
		return exitOK
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return c.fail("%s already exists: choose a new file name", file)
	}
	if err != nil {
		return c.fail("The key was not exported: %s", reason(err))
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		return c.fail("The key was not exported: %s", reason(err))
	}
	c.printf("The audit key of %s is in %s: carry it like a password, import it on the other computer with dspctl key import, then delete the file.\n", s.Path(), file)
	return exitOK
}

func (c *cli) keyImport(ctx context.Context, s *storage.Store, file string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return c.fail("The key was not imported: %s", reason(err))
	}
	if err := s.ImportAuditKey(ctx, strings.TrimSpace(string(data))); err != nil {
		return c.fail("The key was not imported: %s", reason(err))
	}
	st := s.AuditStatus()
	c.printf("The audit key of %s is now kept in %s.\n", s.Path(), st.Where)
	if st.Problem != "" {
		return c.fail("The audit log has a problem: %s", st.Problem)
	}
	return exitOK
}

func (c *cli) keyAdopt(ctx context.Context, s *storage.Store) int {
	if st := s.AuditStatus(); st.Key == storage.KeyFound {
		c.printf("This computer already holds the audit key of %s (in %s): nothing to adopt.\n", s.Path(), st.Where)
		return exitOK
	}
	if err := s.Adopt(ctx, osUser()); err != nil {
		return c.fail("The database was not adopted: %s", reason(err))
	}
	c.printf("This computer now keeps a new audit key for %s, in %s. The rows written before now are accepted as they are; the log records the adoption.\n",
		s.Path(), s.AuditStatus().Where)
	return exitOK
}
