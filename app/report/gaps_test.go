package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dspdesk/app"
)

// Identifiers put into every gap's free text and ids: none may reach the
// report.
const (
	gapRaisedBy    = "Olga Raisedby-Petrova"
	gapEscalatedTo = "Desmond Escalatedto-Ng"
	gapPersonName  = "Samuel Fulldesc-Łukasz"
	gapNHSNumber   = "999 123 4560"
	gapResponder   = "Imogen Respondent-Okafor"
)

// gapIdentifiers are what a reader must never find in the report.
var gapIdentifiers = []string{"Raisedby", "Escalatedto", "Fulldesc", "Respondent", "Impactonly", "Triedonly",
	gapNHSNumber, "9991234560", "987654"}

// gapSummaries are short descriptions; some start like a spreadsheet formula.
var gapSummaries = []string{
	"No crisis bed available in the county overnight",
	"Short breaks provider closed; no alternative offered for six months",
	"=HYPERLINK(\"http://example.org\",\"click\")",
	"+44 out-of-hours line rang out",
	"-no respite offered after the placement ended",
	"@ the weekend no community LD nurse could visit",
	"Waiting list for an autism assessment is over two years, and the family were told there was no way to be seen sooner while things got worse at home",
	"",
	"Behaviour support plan not written because no practitioner was free",
	"School place lost after exclusion; no alternative provision found",
}

// gapCounts is how many gaps the test report has in each category:
// Short breaks (3) is under 5, and Behaviour support (5) is withheld to
// protect it; Community health and Social care capacity have none.
var gapCounts = map[app.GapCategory]int{
	app.GapAccommodation: 9, app.GapCrisisOutOfHours: 7, app.GapShortBreaks: 3, app.GapMentalHealth: 12,
	app.GapBehaviourSupport: 5, app.GapEducation: 6, app.GapDiagnosisWaitingList: 8, app.GapTransition: 6,
	app.GapOther: 5,
}

// gapsPeriod is the test report's period: the first quarter of 2026,
// counted to the created date (18 May 2026).
var gapsFrom, gapsTo = app.Date(2026, time.January, 1), app.Date(2026, time.March, 31)

// testGaps are 61 synthetic gaps raised in the first quarter of 2026 (and
// two outside it), every one carrying identifiers in its free text.
func testGaps() []app.Gap {
	var gs []app.Gap
	i := 0
	for _, c := range app.GapCategories {
		for range gapCounts[c] {
			g := app.Gap{
				ID: int64(100 + i), Date: gapsFrom.AddDate(0, 0, i*89/61), RaisedBy: gapRaisedBy,
				PersonID: 987654, MeetingID: 987654, ActionID: 987654,
				LocalAuthority: app.LeicesterCity, AgeGroup: app.CYP, Category: c,
				Summary:     gapSummaries[i%len(gapSummaries)],
				Description: gapPersonName + " (NHS number " + gapNHSNumber + ") had to go to A&E.",
				Impact:      "Impactonly words", WhatTried: "Triedonly words", EscalatedTo: gapEscalatedTo,
				Response: gapResponder + " replied.", Status: app.GapOpen,
			}
			switch {
			case i < 2:
				g.LocalAuthority = app.Rutland
			case i%2 == 1:
				g.LocalAuthority = app.Leicestershire
			}
			if i%3 == 0 {
				g.AgeGroup = app.Adult
			}
			switch i % 5 {
			case 1:
				g.Status = app.GapEscalated
			case 2, 4:
				g.Status, g.ClosedOn = app.GapClosed, g.Date.AddDate(0, 0, 5+(i*13)%100)
			case 3:
				g.Status = app.GapResponded
			}
			gs = append(gs, g)
			i++
		}
	}
	before, after := gs[0], gs[1]
	before.Date, after.Date = gapsFrom.AddDate(0, 0, -1), gapsTo.AddDate(0, 0, 1)
	before.Summary, after.Summary = "Outside the period, before", "Outside the period, after"
	return append(gs, before, after)
}

func gapReport(t testing.TB, gs []app.Gap) app.GapReport {
	t.Helper()
	r, err := app.BuildGapReport(app.GapReportInput{From: gapsFrom, To: gapsTo, Today: created, Gaps: gs})
	if err != nil {
		t.Fatalf("BuildGapReport: %v", err)
	}
	return r
}

func renderGaps(t *testing.T, r app.GapReport) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return GapsReportPDF(w, r, created) })
}

func TestGapsReportPDF(t *testing.T) {
	r := gapReport(t, testGaps())
	pdf := renderGaps(t, r)
	got := text(t, pdf)
	flat := compact(pdftotext(t, pdf, "-raw"))
	has := func(t *testing.T, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(flat, compact(w)) {
				t.Errorf("the gaps report lacks %q", w)
			}
		}
	}

	t.Run("the test data has a count under 5 and one withheld", func(t *testing.T) {
		shown := map[string]string{}
		for _, row := range r.ByCategory {
			shown[row.Label] = row.Cell.Shown()
		}
		if shown["Short breaks"] != "<5" || shown["Behaviour support"] != "withheld" || r.Total.Shown() != "61" {
			t.Fatalf("by category %v, total %s", shown, r.Total.Shown())
		}
	})
	t.Run("it has its title, period and the day time open is counted to", func(t *testing.T) {
		has(t, "Gaps in service", "1 January 2026 to 31 March 2026", "Monday 18 May 2026", "Gaps raised 61")
	})
	t.Run("it names every category, and prints small counts as <5", func(t *testing.T) {
		for _, c := range app.GapCategories {
			has(t, c.String())
		}
		has(t, "Short breaks <5", "Behaviour support withheld", "Mental health / CAMHS 12", "Community LD / autism health 0")
	})
	t.Run("it counts by local authority, age group and status", func(t *testing.T) {
		has(t, "Local authority Gaps", "Rutland <5", "Out of area 0", "Age group Gaps", "Status Gaps", "Closed")
		for _, row := range append(append(r.ByLocalAuthority, r.ByAgeGroup...), r.ByStatus...) {
			has(t, row.Label+" "+row.Cell.Shown())
		}
	})
	t.Run("it gives the time open", func(t *testing.T) {
		has(t, "How long gaps have been open", "Under 4 weeks", "4 to 12 weeks", "Over 12 weeks",
			"Still open "+r.StillOpen.Gaps.Shown(), r.StillOpen.Median(), r.Closed.Longest())
	})
	t.Run("it lists short descriptions of categories with 5 or more gaps, and says the rest are withheld", func(t *testing.T) {
		has(t, "Mental health / CAMHS: 12 gaps", gapSummaries[0], gapSummaries[2], app.NoSummary,
			"Descriptions of categories with fewer than 5 gaps are withheld")
		if strings.Contains(flat, compact("Short breaks: ")) {
			t.Error("the short breaks descriptions are listed")
		}
		if strings.Contains(got, "Outside the period") {
			t.Error("a gap outside the period is listed")
		}
	})
	t.Run("it holds no identifiers", func(t *testing.T) {
		for _, bad := range gapIdentifiers {
			if strings.Contains(flat, compact(bad)) {
				t.Errorf("the gaps report contains %q", bad)
			}
		}
	})
	t.Run("every page is marked, numbered out of the total and dated", func(t *testing.T) {
		n := checkFooters(t, pdf, gapsMarking, "Printed on Monday 18 May 2026")
		if n < 2 {
			t.Errorf("%d page(s): the test report should carry on over the page", n)
		}
	})
	t.Run("nothing is clipped or overlaps", func(t *testing.T) {
		checkLayout(t, words(t, pdf))
	})
	t.Run("a hidden count's bar is not to scale", func(t *testing.T) {
		// The count after each bar starts where the bar ends: for the
		// hidden ones, always at the same place; for the shown ones, at a
		// length in proportion to the count.
		x0 := (marginLeft + gapsChartLabel + gapsChartGap) * mmToPt
		span := (pageWidth - marginRight - gapsChartCount - marginLeft - gapsChartLabel - gapsChartGap) * mmToPt
		ws := chartWords(t, pdf)
		most := 12.0
		for _, row := range r.ByCategory {
			w, ok := ws[row.Cell.Shown()+"@"+row.Label]
			if !ok {
				t.Errorf("no count %q beside %q", row.Cell.Shown(), row.Label)
				continue
			}
			want := x0 + 1.5*mmToPt
			switch {
			case row.Cell.Hidden():
				want += gapsHiddenWidth * mmToPt
			case row.Cell.Count > 0:
				want += span * float64(row.Cell.Count) / most
			}
			if math.Abs(w.xMin-want) > 1 {
				t.Errorf("%s: its count %s starts at %.1f pt, want %.1f", row.Label, row.Cell.Shown(), w.xMin, want)
			}
		}
	})
	t.Run("the same report gives the same bytes", func(t *testing.T) {
		if !bytes.Equal(pdf, renderGaps(t, r)) {
			t.Error("two renders differ")
		}
	})
}

// chartWords finds the count written after each bar of the chart on the
// first page, keyed "count@category": the word on the same line as the
// first word of the category's name, right of the category column.
func chartWords(t *testing.T, pdf []byte) map[string]word {
	t.Helper()
	ws := words(t, pdf)
	limit := (marginLeft + gapsChartLabel) * mmToPt
	var top, bottom float64
	for _, w := range ws {
		if w.page != 1 {
			continue
		}
		if w.text == "category" && top == 0 {
			top = w.yMax
		}
		if w.text == "Bars" {
			bottom = w.yMin
		}
	}
	out := map[string]word{}
	for _, c := range append(app.GapCategories, 0) {
		name := c.String()
		if c == 0 {
			name = "Not recorded"
		}
		first := strings.Fields(name)[0]
		for _, w := range ws {
			if w.page != 1 || w.text != first || w.xMin > limit || w.yMin < top || w.yMax > bottom {
				continue
			}
			for _, v := range ws {
				if v.page == 1 && v.xMin > limit && math.Abs(v.yMin-w.yMin) < 1 {
					out[v.text+"@"+name] = v
				}
			}
		}
	}
	return out
}

// gapsMany are the test gaps and 80 more with long short descriptions,
// enough to fill several pages.
func gapsMany() []app.Gap {
	many := testGaps()
	for i := range 80 {
		g := many[i%40]
		g.Summary = strings.Repeat("Wolfeschlegelsteinhausenbergerdorff ", i%4+1) + "waited for a bed"
		many = append(many, g)
	}
	return many
}

func TestGapsReportPDFVariants(t *testing.T) {
	empty := gapReport(t, nil)
	few := gapReport(t, testGaps()[:3])
	many := gapsMany()
	cases := []struct {
		name  string
		r     app.GapReport
		has   []string
		lacks []string
		pages int
	}{
		{"a period with no gaps says so instead of drawing empty charts", empty,
			[]string{"No gaps in service were raised from 1 January 2026 to 31 March 2026.", "Gaps raised 0"},
			[]string{"By category", "Short descriptions"}, 1},
		{"a period with fewer than 5 gaps says they are too few to break down", few,
			[]string{"Fewer than 5 gaps in service were raised", "Gaps raised <5"},
			[]string{"By category", "Short descriptions", "Under 4 weeks"}, 1},
		{"a long report carries on over the pages with nothing lost, naming the category carrying on", gapReport(t, many),
			[]string{"Mental health / CAMHS (continued)", "Wolfeschlegelsteinhausenbergerdorff waited for a bed"}, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := renderGaps(t, c.r)
			got := text(t, pdf)
			for _, w := range c.has {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, b := range c.lacks {
				if strings.Contains(got, b) {
					t.Errorf("contains %q", b)
				}
			}
			checkLayout(t, words(t, pdf))
			n := checkFooters(t, pdf, gapsMarking)
			if c.pages > 0 && n != c.pages {
				t.Errorf("%d pages, want %d", n, c.pages)
			}
		})
	}
}

// TestGapsReportWithoutDays: every description listed with its days open
// would give away the 2 gaps still open over 12 weeks (none closed was open
// that long), so the days are left out of the PDF and the CSV.
func TestGapsReportWithoutDays(t *testing.T) {
	today := app.DateOf(created)
	var gs []app.Gap
	for i := range 10 {
		g := testGaps()[0]
		g.Category, g.Date = app.GapEducation, today.AddDate(0, 0, -10)
		switch {
		case i < 2:
			g.Date = today.AddDate(0, 0, -100)
		case i >= 7:
			g.Date, g.Status, g.ClosedOn = today.AddDate(0, 0, -30), app.GapClosed, today.AddDate(0, 0, -20)
		}
		gs = append(gs, g)
	}
	r, err := app.BuildGapReport(app.GapReportInput{From: gapsFrom, To: today, Today: created, Gaps: gs})
	if err != nil {
		t.Fatal(err)
	}
	if r.DescriptionDays {
		t.Fatal("the test report gives days open")
	}
	pdf := renderGaps(t, r)
	got := text(t, pdf)
	for _, want := range []string{"Days open are left out", "Education: 10 gaps", "Short description Local authority Age group"} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Contains(got, "Age group Days open") {
		t.Error("the PDF has a days open column")
	}
	checkLayout(t, words(t, pdf))
	for _, row := range readGapsCSV(t, r) {
		if strings.HasPrefix(row[0], "Short description") && row[5] != "" {
			t.Errorf("the CSV gives days open: %q", row)
		}
	}
}

func TestGapsReportRefusals(t *testing.T) {
	r := gapReport(t, testGaps())
	var b bytes.Buffer
	if err := GapsReportPDF(&b, r, time.Time{}); !errors.Is(err, errNoCreated) {
		t.Errorf("no creation date: err = %v", err)
	}
	if err := GapsReportPDF(&b, app.GapReport{}, created); !errors.Is(err, errNoPeriod) {
		t.Errorf("no period: err = %v", err)
	}
	if err := GapsReportCSV(&b, app.GapReport{}); !errors.Is(err, errNoPeriod) {
		t.Errorf("CSV with no period: err = %v", err)
	}
	if b.Len() > 0 {
		t.Errorf("a refused report wrote %d bytes", b.Len())
	}
}

// readGapsCSV checks the byte order mark and line ends, and parses the rest.
func readGapsCSV(t *testing.T, r app.GapReport) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := GapsReportCSV(&b, r); err != nil {
		t.Fatalf("GapsReportCSV: %v", err)
	}
	raw := b.Bytes()
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 byte order mark: starts % x", raw[:min(3, len(raw))])
	}
	raw = raw[3:]
	if n, crlf := bytes.Count(raw, []byte("\n")), bytes.Count(raw, []byte("\r\n")); n != crlf || n == 0 {
		t.Errorf("%d line ends, %d of them CRLF", n, crlf)
	}
	rd := csv.NewReader(bytes.NewReader(raw))
	rows, err := rd.ReadAll() // every row as wide as the header, or an error
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}

func TestGapsReportCSV(t *testing.T) {
	r := gapReport(t, testGaps())
	rows := readGapsCSV(t, r)
	find := func(section, item string) []string {
		for _, row := range rows {
			if row[0] == section && row[1] == item {
				return row
			}
		}
		return nil
	}

	t.Run("the header names the columns", func(t *testing.T) {
		if got := strings.Join(rows[0], ","); got != "section,item,count,local_authority,age_group,days_open" {
			t.Errorf("header %q", got)
		}
	})
	t.Run("it gives the period and every count as the report shows it", func(t *testing.T) {
		if find("Report", "Gaps in service, 1 January 2026 to 31 March 2026") == nil {
			t.Error("no period row")
		}
		for _, want := range [][3]string{
			{"Total", "Gaps raised", "61"},
			{"Category", "Short breaks", "<5"},
			{"Category", "Behaviour support", "withheld"},
			{"Category", "Community LD / autism health", "0"},
			{"Category", "Mental health / CAMHS", "12"},
			{"Local authority", "Rutland", "<5"},
		} {
			if row := find(want[0], want[1]); row == nil || row[2] != want[2] {
				t.Errorf("%s %s: row %q, want count %s", want[0], want[1], row, want[2])
			}
		}
		for _, c := range app.GapCategories {
			if find("Category", c.String()) == nil {
				t.Errorf("no row for %s", c)
			}
		}
		if row := find("Time open: still open", "Median days open"); row == nil || row[2]+" days" != r.StillOpen.Median() {
			t.Errorf("median row %q, want %s", row, r.StillOpen.Median())
		}
	})
	t.Run("short descriptions come with their place, age group and days open, formulas neutralised", func(t *testing.T) {
		row := find("Short description: Mental health / CAMHS", "'"+gapSummaries[2])
		if row == nil {
			t.Fatalf("no neutralised %q", gapSummaries[2])
		}
		for _, s := range gapSummaries[3:6] {
			if find("Short description: Accommodation / placement", "'"+s) == nil &&
				find("Short description: Mental health / CAMHS", "'"+s) == nil {
				t.Errorf("%q is not neutralised", s)
			}
		}
		for _, row := range rows[1:] {
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("cell %q could be read as a formula", c)
				}
			}
		}
		if find("Short descriptions withheld", "Descriptions of categories with fewer than 5 gaps (or whose count is withheld)") == nil {
			t.Error("no count of withheld descriptions")
		}
	})
	t.Run("no description of a category under 5 and no identifiers", func(t *testing.T) {
		all := ""
		for _, row := range rows {
			if row[0] == "Short description: Short breaks" {
				t.Errorf("short breaks description listed: %q", row)
			}
			all += strings.Join(row, "|")
		}
		for _, bad := range gapIdentifiers {
			if strings.Contains(all, bad) {
				t.Errorf("the CSV contains %q", bad)
			}
		}
	})
	t.Run("a report of fewer than 5 gaps breaks nothing down", func(t *testing.T) {
		rows := readGapsCSV(t, gapReport(t, testGaps()[:4]))
		for _, row := range rows[1:] {
			if row[0] != "Report" && row[0] != "Total" {
				t.Errorf("row %q", row)
			}
		}
	})
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+44 123", "'+44 123"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"<5", "<5"},
		{"Plain text = fine", "Plain text = fine"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run("cell "+strings.ReplaceAll(tt.in, "\t", "tab"), func(t *testing.T) {
			if got := csvSafe(tt.in); got != tt.want {
				t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestWriteGapsSamples writes sample gaps reports (synthetic data only)
// into the folder named by DSPDESK_REPORT_SAMPLES, to look at:
//
//	DSPDESK_REPORT_SAMPLES=/tmp/samples go test -tags migrated_fynedo -run TestWriteGapsSamples ./app/report
//	pdftoppm -png -r 80 /tmp/samples/gaps-report.pdf /tmp/samples/gaps-report
//
// Without the variable it is skipped.
func TestWriteGapsSamples(t *testing.T) {
	dir := os.Getenv("DSPDESK_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("set DSPDESK_REPORT_SAMPLES to a folder to write sample PDFs into")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	samples := []struct {
		name string
		r    app.GapReport
	}{
		{"gaps-report", gapReport(t, testGaps())},
		{"gaps-report-empty", gapReport(t, nil)},
		{"gaps-report-few", gapReport(t, testGaps()[:3])},
		{"gaps-report-long", gapReport(t, gapsMany())},
	}
	for _, s := range samples {
		var b bytes.Buffer
		if err := GapsReportPDF(&b, s.r, created); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Reset()
		if err := GapsReportCSV(&b, s.r); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".csv"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
