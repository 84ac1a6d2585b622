package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dspdesk/app"
)

// gapsCSVHeader names the gaps report's CSV columns. Count rows fill the
// first three; a short description fills all but count.
var gapsCSVHeader = []string{"section", "item", "count", "local_authority", "age_group", "days_open"}

// GapsReportCSV writes the senior managers' report of gaps in service as
// CSV to w, for a spreadsheet: RFC 4180 with CRLF line ends, after a UTF-8
// byte order mark so that Excel reads it as UTF-8. Every count is written
// as the report prints it ("<5", "withheld", "0", "12"). Rows of counts
// come first (section, item, count), then the short descriptions (section
// "Short description: <category>"). A cell that a spreadsheet would read as
// a formula (starting with =, +, -, @, a tab or a carriage return) gets a
// leading apostrophe.
func GapsReportCSV(w io.Writer, r app.GapReport) error {
	if r.From.IsZero() || r.To.IsZero() {
		return errNoPeriod
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("report: write gaps CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	write := func(cells ...string) {
		row := make([]string, len(gapsCSVHeader))
		for i, c := range cells {
			row[i] = csvSafe(c)
		}
		_ = cw.Write(row) // the error stays with cw: checked once, at the end
	}
	write(gapsCSVHeader...)
	write("Report", "Gaps in service, "+r.Period())
	write("Report", "Time open counted to "+longDate(r.Today))
	write("Report", gapsMarking)
	write("Report", app.GapSuppressionNote)
	write("Total", "Gaps raised", r.Total.Shown())
	if r.TooFew {
		write("Report", r.TooFewSentence())
	}
	counts := func(section string, rows []app.GapCount) {
		for _, row := range rows {
			write(section, row.Label, row.Cell.Shown())
		}
	}
	counts("Category", r.ByCategory)
	counts("Local authority", r.ByLocalAuthority)
	counts("Age group", r.ByAgeGroup)
	counts("Status", r.ByStatus)
	for _, g := range []app.GapTimeOpen{r.StillOpen, r.Closed} {
		if r.TooFew {
			break
		}
		section := "Time open: " + strings.ToLower(g.Label)
		write(section, "Gaps", g.Gaps.Shown())
		counts(section, g.Bands)
		if g.StatsShown {
			write(section, "Median days open", strconv.FormatFloat(g.MedianDays, 'f', -1, 64))
			write(section, "Longest days open", strconv.Itoa(g.LongestDays))
		} else {
			write(section, "Median and longest days open", "not given (fewer than 5 gaps)")
		}
	}
	for _, g := range r.Descriptions {
		for _, it := range g.Items {
			days := ""
			if r.DescriptionDays {
				days = strconv.Itoa(it.DaysOpen)
			}
			write("Short description: "+g.Label, it.Summary, "", orNotShown(it.LocalAuthority), orNotShown(it.AgeGroup), days)
		}
	}
	if r.DescriptionsWithheld.Count > 0 {
		write("Short descriptions withheld",
			"Descriptions of categories with fewer than 5 gaps (or whose count is withheld)", r.DescriptionsWithheld.Shown())
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write gaps CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: write gaps CSV: %w", err)
	}
	return nil
}

// csvSafe keeps a spreadsheet from reading a cell as a formula (CSV
// injection): a cell starting with =, +, -, @, a tab or a carriage return
// gets a leading apostrophe, which Excel and LibreOffice show as text.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
