package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
	"dspdesk/app/report"
)

// runActionPlan writes a person's action plan as a PDF, the file the
// desktop app saves: the professionals' version, or with --family the
// family's plain-English copy.
func runActionPlan(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("action-plan")
	personFlag := set.String("person", "", "the person's `ID`")
	meetingFlag := set.String("meeting", "", "the MAM the plan came from (`ID`; default: their latest MAM held)")
	family := set.Bool("family", false, "write the family's copy: plain English, large type, no internal notes")
	outFlag := set.String("out", "", "the PDF `FILE` to write; a folder names it action-plan-ID.pdf")
	if _, code, ok := c.parse(set, "action-plan", args, 0); !ok {
		return code
	}
	personID, code, ok := c.recordID("action-plan", "person", "person", *personFlag, true)
	if !ok {
		return code
	}
	meetingID, code, ok := c.recordID("action-plan", "meeting", "meeting", *meetingFlag, false)
	if !ok {
		return code
	}
	if strings.TrimSpace(*outFlag) == "" {
		return c.usageErr("action-plan", "give the file to write with --out FILE")
	}
	what, file := "action plan", "action-plan-"
	if *family {
		what, file = "family action plan", "family-action-plan-"
	}
	out := outFile(*outFlag, file+strconv.FormatInt(personID, 10)+".pdf")
	path, code, ok := c.dbPath("action-plan", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()

	rec, err := s.PersonRecord(ctx, personID)
	if errors.Is(err, app.ErrNotFound) {
		return c.fail("There is no person %d in %s", personID, path)
	}
	if err != nil {
		return c.fail("Cannot read person %d: %s", personID, reason(err))
	}
	in, err := report.PlanFromRecord(rec, meetingID, time.Now())
	if errors.Is(err, app.ErrNotFound) {
		return c.fail("Meeting %d is not one of person %d's meetings", meetingID, personID)
	}
	if err != nil {
		return c.fail("Cannot read person %d's plan: %s", personID, reason(err))
	}
	var buf bytes.Buffer
	if *family {
		var why string
		if in.Contact, why = familyContact(ctx, s, in.Meeting); why != "" {
			return c.fail("%s", why)
		}
		err = report.FamilyActionPlan(&buf, in)
	} else {
		err = report.ActionPlan(&buf, in)
	}
	if err != nil {
		return c.fail("The %s of person %d was not made: %s", what, personID, strings.TrimPrefix(err.Error(), "report: "))
	}
	if code, ok := c.saveExport(ctx, s, out, "The "+what, "person", personID, what+" PDF", buf.Bytes()); !ok {
		return code
	}
	c.printf("Wrote the %s of person %d (%s) to %s.\n", what, personID, app.Plural(len(in.Actions), "action", ""), out)
	return exitOK
}

// runGapsReport writes the senior managers' report of gaps in service over
// a date range: a PDF with a bar chart, or CSV, chosen by --out's
// extension.
func runGapsReport(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("gaps-report")
	fromFlag := set.String("from", "", "the first `DATE` of the period (YYYY-MM-DD or DD/MM/YYYY)")
	toFlag := set.String("to", "", "the last `DATE` of the period, included")
	outFlag := set.String("out", "", "the `FILE` to write: .pdf or .csv")
	if _, code, ok := c.parse(set, "gaps-report", args, 0); !ok {
		return code
	}
	from, ferr := app.ParseUKDate(*fromFlag)
	to, terr := app.ParseUKDate(*toFlag)
	ext := strings.ToLower(filepath.Ext(*outFlag))
	switch {
	case *fromFlag == "" || *toFlag == "":
		return c.usageErr("gaps-report", "give the period with --from DATE --to DATE")
	case ferr != nil:
		return c.usageErr("gaps-report", "--from is not a date: %q (use YYYY-MM-DD or DD/MM/YYYY)", *fromFlag)
	case terr != nil:
		return c.usageErr("gaps-report", "--to is not a date: %q (use YYYY-MM-DD or DD/MM/YYYY)", *toFlag)
	case to.Before(from):
		return c.usageErr("gaps-report", "--to (%s) is before --from (%s)", *toFlag, *fromFlag)
	case strings.TrimSpace(*outFlag) == "":
		return c.usageErr("gaps-report", "give the file to write with --out FILE.pdf or FILE.csv")
	case ext != ".pdf" && ext != ".csv":
		return c.usageErr("gaps-report", "--out must end in .pdf or .csv, not %q", filepath.Base(*outFlag))
	}
	out := *outFlag
	path, code, ok := c.dbPath("gaps-report", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	rows, err := s.Gaps(ctx)
	if err != nil {
		return c.fail("Cannot read the gaps in service: %s", reason(err))
	}
	gaps := make([]app.Gap, len(rows))
	for i, r := range rows {
		gaps[i] = r.Gap
	}
	now := time.Now()
	r, err := app.BuildGapReport(app.GapReportInput{From: from, To: to, Today: app.DateOf(now), Gaps: gaps})
	if err != nil {
		return c.fail("The gaps report was not made: %s", app.Sentence(err))
	}
	var buf bytes.Buffer
	kind := "PDF"
	if ext == ".csv" {
		kind = "CSV"
		err = report.GapsReportCSV(&buf, r)
	} else {
		err = report.GapsReportPDF(&buf, r, now)
	}
	if err != nil {
		return c.fail("The gaps report was not made: %s", strings.TrimPrefix(err.Error(), "report: "))
	}
	if code, ok := c.saveExport(ctx, s, out, "The gaps report", "gaps", 0, "gaps in service report "+kind+" "+r.Period(), buf.Bytes()); !ok {
		return code
	}
	c.printf("Wrote the gaps in service report for %s (%s gaps) as %s to %s.\n", r.Period(), r.Total.Shown(), kind, out)
	return exitOK
}
