package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dspdesk/app"
	"dspdesk/app/importing"
	"dspdesk/app/sheet"
	"dspdesk/storage"
)

// runImport imports a team's register from an .xlsx or .csv file, through
// the same use case as the desktop's File > Import a register.
func runImport(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("import")
	fileFlag := set.String("file", "", "the register to import: an .xlsx workbook or a .csv `FILE`")
	sheetFlag := set.String("sheet", "", "the workbook's sheet to read (`NAME`; default: the sheet open when it was saved)")
	mappingFlag := set.String("mapping", "", "a JSON `FILE` of column heading to field (default: guessed from the headings)")
	dryRun := set.Bool("dry-run", false, "say what would be imported, and store nothing")
	problemsFlag := set.String("problems", "", "where to write the refused rows (`OUT.xlsx`; default: beside FILE, named FILE-problems.xlsx)")
	if _, code, ok := c.parse(set, "import", args, 0); !ok {
		return code
	}
	if strings.TrimSpace(*fileFlag) == "" {
		return c.usageErr("import", "give the register to import with --file FILE.xlsx or FILE.csv")
	}
	if ext := strings.ToLower(filepath.Ext(*fileFlag)); ext != ".xlsx" && ext != ".xlsm" && ext != ".csv" {
		return c.usageErr("import", "--file must be an .xlsx workbook or a .csv file, not %q", filepath.Base(*fileFlag))
	}
	path, code, ok := c.dbPath("import", *dbFlag)
	if !ok {
		return code
	}
	var mappingFile []byte
	if *mappingFlag != "" {
		var err error
		if mappingFile, err = os.ReadFile(*mappingFlag); err != nil {
			return c.unusable(fmt.Errorf("the mapping file %s cannot be read", filepath.Base(*mappingFlag)))
		}
	}
	tab, err := sheet.Read(*fileFlag, *sheetFlag, importing.MappingHeadings(mappingFile)...)
	if err != nil {
		return c.unusable(err)
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	im := importing.NewImporter(s, app.NewService(s, nil, osUser()))
	m, code, ok := c.importMapping(tab, mappingFile)
	if !ok {
		return code
	}
	plan, err := im.Preview(ctx, tab, m)
	switch {
	case errors.Is(err, importing.ErrUnusableFile):
		return c.unusable(err)
	case err != nil && isValidation(err):
		return c.unusable(err)
	case err != nil:
		return c.fail("Cannot preview the import: %s", reason(err))
	}
	problems := *problemsFlag
	if problems == "" {
		problems = strings.TrimSuffix(*fileFlag, filepath.Ext(*fileFlag)) + "-problems.xlsx"
	}
	return c.finishImport(ctx, s, im, plan, *dryRun, problems)
}

// importMapping is the --mapping file read against the sheet's header, or
// else the mapping guessed from the headings (never the one saved on the
// desktop: a script gets the same result from the same file every time).
func (c *cli) importMapping(tab *importing.Table, file []byte) (importing.Mapping, int, bool) {
	if file == nil {
		return importing.GuessMapping(tab.Header), exitOK, true
	}
	m, err := importing.UnmarshalMapping(file, tab.Header)
	if err != nil {
		return nil, c.unusable(err), false
	}
	return m, exitOK, true
}

func isValidation(err error) bool {
	var v *app.ValidationError
	return errors.As(err, &v)
}

// unusable reports a file that cannot be imported and returns exitUnusable.
func (c *cli) unusable(err error) int {
	var u *importing.UnusableError
	if errors.As(err, &u) {
		err = u.Reason
	}
	fmt.Fprintln(c.stderr, sentence("Nothing was imported: "+err.Error()))
	return exitUnusable
}

// finishImport stores the plan (unless dryRun), writes the refused rows to
// problems, prints the summary and picks the exit code.
func (c *cli) finishImport(ctx context.Context, s *storage.Store, im importing.Importer, plan importing.Plan, dryRun bool, problems string) int {
	if plan.EarlierBatch != 0 {
		c.printf("This file was imported before (import %d): the people it added are recognised and linked, not added again.\n", plan.EarlierBatch)
	}
	if dryRun {
		c.printf("Dry run, nothing stored: %s\n", plan.Counts.Summary(true))
	} else {
		b, err := im.Import(ctx, plan, c.progress())
		if err != nil {
			return c.fail("Nothing was imported: %s", reason(err))
		}
		c.printf("Import %d: %s\n", b.ID, plan.Counts.Summary(false))
	}
	refused := plan.Refused()
	if len(refused) == 0 {
		return exitOK
	}
	for _, r := range refused {
		c.printf("Row %d refused: %s\n", r.Number, strings.Join(r.Reasons, " "))
	}
	var buf bytes.Buffer
	if err := sheet.WriteProblems(&buf, plan); err != nil {
		return c.fail("The problems workbook was not made: %s", reason(err))
	}
	if err := writeExport(problems, buf.Bytes(), func() error {
		actor := app.NewService(s, nil, osUser()).Actor(ctx)
		return s.LogExport(ctx, actor, "import_problems", 0, fmt.Sprintf("import problems workbook (%d rows) %s", len(refused), filepath.Base(problems)))
	}); err != nil {
		return c.fail("The refused rows were not written to %s: %s", problems, reason(err))
	}
	c.printf("The %s in %s: fix them there and import that file.\n", app.Plural(len(refused), "refused row is", "refused rows are"), problems)
	return exitPartly
}

// progress prints "Importing: 1200 of 10000 rows" on stderr, over itself,
// when stderr is a terminal; otherwise nothing.
func (c *cli) progress() func(done, total int) {
	f, ok := c.stderr.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	last := -1
	return func(done, total int) {
		pct := done * 100 / max(total, 1)
		if pct == last && done != total {
			return
		}
		last = pct
		fmt.Fprintf(f, "\rImporting: %d of %d rows (%d%%)", done, total, pct)
		if done == total {
			fmt.Fprintln(f)
		}
	}
}

// runExportRegister writes the DSR or the ROAR as an .xlsx workbook or a
// .csv file, as the register screen's export does.
func runExportRegister(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("export-register")
	regFlag := set.String("register", "", "the register to export: `dsr` or roar")
	outFlag := set.String("out", "", "the `FILE` to write: .xlsx for a workbook, .csv for CSV")
	if _, code, ok := c.parse(set, "export-register", args, 0); !ok {
		return code
	}
	var reg app.Register
	switch strings.ToLower(strings.TrimSpace(*regFlag)) {
	case "dsr":
		reg = app.DSR
	case "roar":
		reg = app.ROAR
	case "":
		return c.usageErr("export-register", "give the register with --register dsr or --register roar")
	default:
		return c.usageErr("export-register", "--register must be dsr or roar, not %q", *regFlag)
	}
	out := strings.TrimSpace(*outFlag)
	if out == "" {
		return c.usageErr("export-register", "give the file to write with --out FILE.xlsx or FILE.csv")
	}
	out = outFile(out, strings.ToLower(reg.String())+".xlsx")
	if ext := strings.ToLower(filepath.Ext(out)); ext != ".xlsx" && ext != ".csv" {
		return c.usageErr("export-register", "--out must end in .xlsx or .csv, not %q", filepath.Base(out))
	}
	path, code, ok := c.dbPath("export-register", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	return c.exportRegister(ctx, s, reg, out)
}

func (c *cli) exportRegister(ctx context.Context, s *storage.Store, reg app.Register, out string) int {
	rows, err := s.RegisterAll(ctx, reg, app.SystemClock{}.Now())
	if err != nil {
		return c.fail("Cannot read the %s: %s", reg, reason(err))
	}
	app.SortRegister(rows, app.SortByName, false)
	e := app.ExportRegister(reg.String(), rows, app.SystemClock{}.Now())
	var buf bytes.Buffer
	if err := sheet.WriteRegister(&buf, out, e); err != nil {
		return c.fail("The %s export was not made: %s", reg, reason(err))
	}
	if code, ok := c.saveExport(ctx, s, out, "the "+reg.String()+" export", "register", int64(reg),
		fmt.Sprintf("%s export (%d rows)", reg, len(e.Rows)), buf.Bytes()); !ok {
		return code
	}
	c.printf("Wrote %d people on the %s to %s.\n", len(e.Rows), reg, out)
	if s := e.LeftOutSentence(); s != "" {
		c.printf("%s\n", s)
	}
	return exitOK
}
