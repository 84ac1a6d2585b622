// Command dspctl is DSP Desk's headless companion for IT staff and scripts.
// It works on the same SQLite database as the desktop app: it creates it,
// checks it, backs it up, restores it, counts what is in it and seeds demo
// data.
//
// Every command takes --db PATH (default: the desktop app's database in
// this user's data folder) and --help. Exit codes: 0 success, 1 a check
// failed or the operation was refused, 2 usage error, 3 partly done (what
// was done is kept; stderr says what was not: an import that refused some
// rows, a backup not recorded), 4 unusable input file. Errors are one
// sentence on stderr, with no personal data.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"dspdesk/app"
	"dspdesk/storage"
)

// Exit codes a script can rely on.
const (
	exitOK       = 0
	exitFailed   = 1 // a check failed, or the operation was refused
	exitUsage    = 2
	exitPartly   = 3 // partly done: what was done is kept, and stderr says what was not (import: the refused rows are in the problems file)
	exitUnusable = 4 // the input file cannot be used at all (import)
)

// command is one dspctl command.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string // one line, for dspctl --help
	about   string // a paragraph, for dspctl COMMAND --help
	run     func(ctx context.Context, c *cli, args []string) int
}

// commands is the command table, in the order --help lists them. It is
// filled in init because the commands' help looks the table up.
var commands []command

func init() {
	commands = []command{
		{"init", "", "create the database if it is missing, and say where it is",
			"Creates the database (and its folder) if it is missing, or upgrades an existing one to this version's schema, and prints where it is.",
			runInit},
		{"check", "", "check the database's integrity, schema version and audit log",
			"Runs SQLite's quick_check, compares the schema version with this version's, and verifies the whole audit log: every row's MAC with the database's key (it says which store holds the key), the anchor (so deleted newest rows or an emptied log show), and that the append-only triggers are exactly DSP Desk's. It changes no records; it makes the database's files private to their owner. Exit code 1 when a check fails or the key is not on this computer.",
			runCheck},
		{"backup", "FILE", "copy the database to FILE while it stays in use",
			"Copies the database to FILE with SQLite's online backup, while DSP Desk may be using it. FILE may be a folder: the backup is then named after the date and time. The copy is checked exactly as restore will check it (integrity, schema, the whole audit log against its key and anchor) before it takes FILE's name, and the backup is recorded in the audit log. Exit code 1, and no file, when a check fails.",
			runBackup},
		{"restore", "FILE", "replace the database with the backup in FILE, keeping the old one",
			"Replaces the database with the backup in FILE, after checking the backup is a DSP Desk database that is not from a newer version, passes its integrity check and has an audit log that verifies. The database it replaces is kept beside it and its name printed, so a restore can be undone. DSP Desk must be closed. It asks no questions.",
			runRestore},
		{"stats", "", "count people, registrations, referrals, meetings, actions, gaps and audit rows",
			"Prints the database's headline counts. Counts only: no personal details.",
			runStats},
		{"seed", "", "add synthetic demo people (never into a database holding real records)",
			"Adds synthetic people with NHS numbers from the 999 test range and a realistic mix of referrals, ratings, meetings, actions and gaps. The same --seed and --as-of always make the same data. It refuses a database that holds people who are not demo data.",
			runSeed},
		{"ics", "", "write a MAM and its family pre-meeting as a calendar file (--meeting ID --out FILE)",
			"Writes the meeting --meeting ID as an iCalendar file (.ics) to --out FILE, the file the desktop app exports: the MAM and the family pre-meeting as two events, the invitees with an email as attendees, and reminders. The person is named by initials only. It refuses when the person's consent is withdrawn or missing, writes the file whole or not at all, and records the export in the audit log.",
			runICS},
		{"agenda", "", "write a MAM's family, easy-read or professional agenda as a PDF (--meeting ID --out FILE)",
			"Writes the agenda of the meeting --meeting ID as a PDF to --out FILE, the file the desktop app prints. Choose one: --family for the family's copy (plain English, the person's preferred name, no identifiers, who to contact: the organiser at the team phone or email from Settings), --easy-read for its easy-read version, or --professional for the full details (the person's identifiers, register and rating, the invitees with their agencies, the whole agenda and the outstanding actions). It refuses when the person's consent is withdrawn or missing, writes the file whole or not at all, and records the export in the audit log.",
			runAgenda},
		{"action-plan", "", "write a person's action plan as a PDF (--person ID --out FILE [--family])",
			"Writes the action plan of the person --person ID as a PDF to --out FILE, the file the desktop app saves: the professionals' version (name, date of birth, NHS number, register and rating, the MAM it came from, every action with owner, agency, due date and status, the review date), or with --family the family's copy in plain English and large type with no internal notes. --meeting ID names the MAM the plan came from (default: their latest MAM held). It refuses when the person's consent is withdrawn or missing, writes the file whole or not at all, and records the export in the audit log.",
			runActionPlan},
		{"key", "export [FILE] | import FILE | adopt", "move the audit log's key to another computer, or adopt a database whose key is not here",
			"The audit log is keyed with a secret kept outside the database, in this computer's credential store (or, where there is none, an owner-only key file in your config folder). export prints the key (or writes it to a new FILE, readable by you only): carry it like a password. import FILE stores a key exported on another computer, after checking it is this database's. adopt, for a database whose key is lost, makes a new key here: the rows written before are accepted as they are, and the log records the adoption.",
			runKey},
		{"gaps-report", "", "write the senior managers' gaps in service report (--from DATE --to DATE --out FILE.pdf|FILE.csv)",
			"Writes the gaps in service report for the period --from DATE to --to DATE (both included) to --out FILE: a PDF with a bar chart when FILE ends in .pdf, CSV for Excel when it ends in .csv. Counts by category, local authority and age group, how long gaps have been open, and short descriptions: no names or other identifiers, and numbers under 5 shown as <5. The export is recorded in the audit log.",
			runGapsReport},
		{"import", "", "import a team's register from Excel or CSV (--file FILE [--sheet NAME] [--mapping M.json] [--dry-run] [--problems OUT.xlsx])",
			"Imports a team's existing register (one row a person) from --file, an .xlsx workbook or a .csv file (comma or semicolon; UTF-8 or Windows-1252), as File > Import a register does on the desktop. It finds the heading row, maps the columns as guessed from their headings (or as --mapping M.json says: a JSON object of heading to field: familyName, givenName, fullName, preferredName, dateOfBirth, nhsNumber, rating, register, localAuthority, keyworker, lastMAM, nextReview, notes, address, postcode, diagnosis, gp, or \"\" to leave a column out), and adds each good row as a person on the sheet's register and rating, marked consent not yet confirmed and rating to review; a person already known is linked, not added, so importing the same file again adds nobody twice. All good rows are stored in one transaction, as one import, with audit rows. Refused rows (with the reason) are written to --problems (default FILE-problems.xlsx beside FILE). --dry-run stores nothing. Progress goes to stderr on a terminal. Exit code 0 when every row was (or would be) imported, 3 when some were refused, 4 when the file cannot be used.",
			runImport},
		{"export-register", "", "write the DSR or the ROAR to Excel or CSV (--register dsr|roar --out FILE.xlsx|FILE.csv)",
			"Writes everyone on the register --register (dsr or roar) to --out FILE: a workbook with a bold, frozen heading row and real dates when FILE ends in .xlsx, CSV for Excel (UTF-8, formulas neutralised) when it ends in .csv. People whose consent is withdrawn are left out and counted; people whose consent is not yet confirmed are included and marked. The file is written whole or not at all, and the export is recorded in the audit log.",
			runExportRegister},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs dspctl with args (without the program name) and returns its
// exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c.mainUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			if cmd, ok := lookup(args[1]); ok {
				return cmd.run(ctx, c, []string{"--help"})
			}
			return c.usageErr("", "unknown command %q", args[1])
		}
		c.mainUsage(stdout)
		return exitOK
	}
	cmd, ok := lookup(name)
	if !ok {
		return c.usageErr("", "unknown command %q", name)
	}
	return cmd.run(ctx, c, args[1:])
}

func lookup(name string) (command, bool) {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd, true
		}
	}
	return command{}, false
}

// cli is where a command writes.
type cli struct {
	stdout, stderr io.Writer
}

func (c *cli) mainUsage(w io.Writer) {
	fmt.Fprintln(w, "dspctl is DSP Desk's command-line companion: it works on the same database as the desktop app.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: dspctl COMMAND [--db PATH] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-15s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w)
	def, err := defaultPath()
	if err != nil {
		def = "none: this computer has no data folder"
	}
	fmt.Fprintf(w, "Every command takes --db PATH (default %s) and --help.\n", def)
	fmt.Fprintln(w, "Exit codes: 0 success, 1 a check failed or the operation was refused, 2 usage error,")
	fmt.Fprintln(w, "3 partly done (what was done is kept), 4 unusable input file (import).")
}

// flags starts a command's flag set, with --db.
func (c *cli) flags(cmd string) (*flag.FlagSet, *string) {
	set := flag.NewFlagSet("dspctl "+cmd, flag.ContinueOnError)
	set.SetOutput(io.Discard) // parse reports errors in one sentence
	set.Usage = func() {}
	db := set.String("db", "", "the database `PATH` (default: DSP Desk's database in your data folder)")
	return set, db
}

// parse parses a command's arguments, flags and positional ones in any
// order, and checks it got nargs positional arguments. When ok is false the
// command returns code: help was printed (0) or the usage was wrong (2).
func (c *cli) parse(set *flag.FlagSet, name string, args []string, nargs int) (pos []string, code int, ok bool) {
	return c.parseRange(set, name, args, nargs, nargs)
}

// parseRange is parse for a command taking from least to most positional
// arguments.
func (c *cli) parseRange(set *flag.FlagSet, name string, args []string, least, most int) (pos []string, code int, ok bool) {
	cmd, _ := lookup(name)
	for {
		if err := set.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.commandUsage(c.stdout, set, cmd)
				return nil, exitOK, false
			}
			return nil, c.usageErr(name, "%s", err), false
		}
		rest := set.Args()
		if len(rest) == 0 {
			break
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	if len(pos) < least || len(pos) > most {
		switch {
		case most == 0:
			return nil, c.usageErr(name, "unexpected argument %q", pos[0]), false
		case len(pos) < least:
			return nil, c.usageErr(name, "missing %s", cmd.args), false
		default:
			return nil, c.usageErr(name, "too many arguments: give one %s", cmd.args), false
		}
	}
	return pos, exitOK, true
}

func (c *cli) commandUsage(w io.Writer, set *flag.FlagSet, cmd command) {
	line := "dspctl " + cmd.name + " [flags]"
	if cmd.args != "" {
		line += " " + cmd.args
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", line, cmd.about)
	set.SetOutput(w)
	set.PrintDefaults()
	set.SetOutput(io.Discard)
}

// usageErr reports a usage error in one sentence and returns exitUsage.
func (c *cli) usageErr(cmd, format string, a ...any) int {
	prefix, help := "dspctl", "dspctl --help"
	if cmd != "" {
		prefix, help = "dspctl "+cmd, "dspctl "+cmd+" --help"
	}
	fmt.Fprintf(c.stderr, "%s: %s (see %s).\n", prefix, fmt.Sprintf(format, a...), help)
	return exitUsage
}

// fail reports a failure in one sentence and returns exitFailed.
func (c *cli) fail(format string, a ...any) int {
	fmt.Fprintln(c.stderr, sentence(fmt.Sprintf(format, a...)))
	return exitFailed
}

// dbPath is the --db value, or the default database path.
func (c *cli) dbPath(cmd, flagValue string) (string, int, bool) {
	if flagValue != "" {
		return flagValue, exitOK, true
	}
	p, err := defaultPath()
	if err != nil {
		return "", c.usageErr(cmd, "%s", strings.TrimSuffix(err.Error(), ".")), false
	}
	return p, exitOK, true
}

// mustExist fails, with a sentence a person can act on, when there is no
// database at path (so that a command that only reads does not create one).
func (c *cli) mustExist(path string) (int, bool) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c.fail("There is no database at %s: run dspctl init to create one, or give its path with --db", path), false
	case err != nil:
		return c.fail("Cannot read %s: %s", path, reason(err)), false
	case fi.IsDir():
		return c.fail("%s is a folder, not a database: give the database file with --db", path), false
	case fi.Size() == 0:
		return c.fail("%s is empty (0 bytes), so it holds no DSP Desk database, and nothing was changed: restore a backup to it, or run dspctl init to start a new database there", path), false
	}
	return exitOK, true
}

// known are the errors whose own words a person can act on.
var known = []error{
	storage.ErrNotDSPDesk, storage.ErrTooNew, storage.ErrCorrupt, storage.ErrAuditBroken,
	storage.ErrLocked, storage.ErrPath, storage.ErrDiskFull, storage.ErrUnwritable,
	storage.ErrMissingTables, storage.ErrBackupNotRecorded, storage.ErrUnmergedReadOnly, storage.ErrBackupTargetTaken,
	storage.ErrAuditKeyMissing, storage.ErrKeyNotThisDatabase,
	storage.ErrKeyStore,
}

// whole are the known errors whose detail is the driver's own text (SQLite's
// words, a quick_check listing) or a Go error: only their sentence is shown.
var whole = []error{storage.ErrDiskFull, storage.ErrUnwritable, storage.ErrLocked, storage.ErrCorrupt, storage.ErrKeyStore}

// reason is err in words for a person: a known error's own message (with
// the detail that follows it), else the error without the package prefixes
// that only matter to developers.
func reason(err error) string {
	msg := err.Error()
	for _, k := range whole {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	for _, k := range known {
		if errors.Is(err, k) && storage.IsDriverError(err) {
			return k.Error() // what SQLite said after it is for developers
		}
		if errors.Is(err, k) {
			if i := strings.Index(msg, k.Error()); i >= 0 {
				return msg[i:]
			}
			return k.Error()
		}
	}
	var pe *fs.PathError
	switch {
	case app.KindOf(err) == app.KindConflict:
		return "it clashes with what is stored: another program changed the database at the same time"
	case storage.IsDriverError(err):
		return "the database reported an unexpected error: run dspctl check, and if it keeps happening tell IT support"
	case errors.Is(err, fs.ErrNotExist) && errors.As(err, &pe):
		return pe.Path + " does not exist"
	case errors.Is(err, fs.ErrPermission) && errors.As(err, &pe):
		return "you do not have permission to use " + pe.Path
	case errors.Is(err, context.Canceled):
		return "it was interrupted"
	}
	for _, p := range []string{"storage: backup: ", "storage: restore: ", "storage: ", "app: ", "demo: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

// sentence makes s one sentence: a capital first letter, a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// defaultPath is the desktop app's database path on this computer.
func defaultPath() (string, error) {
	home, _ := os.UserHomeDir()
	return defaultDBPath(runtime.GOOS, os.Getenv, home)
}

// defaultDBPath is the database the desktop app uses, for the operating
// system goos, the environment getenv and the home folder home:
// %AppData%\DSP Desk\dspdesk.db on Windows, ~/Library/Application
// Support/DSP Desk/dspdesk.db on macOS, $XDG_DATA_HOME/dspdesk/dspdesk.db or
// ~/.local/share/dspdesk/dspdesk.db elsewhere. It shares the rule with
// storage.DataDirFor, so dspctl and the app cannot disagree.
func defaultDBPath(goos string, getenv func(string) string, home string) (string, error) {
	dir, err := storage.DataDirFor(goos, getenv, home)
	if err != nil {
		return "", err
	}
	sep := "/"
	if goos == "windows" {
		sep = `\`
	}
	return strings.TrimRight(dir, `\/`) + sep + storage.FileName, nil
}
