package report

import (
	"errors"
	"io"
	"strconv"
	"time"

	"dspdesk/app"
)

// errNoPeriod is a caller's mistake: a gaps report not made by
// app.BuildGapReport has no period to print.
var errNoPeriod = errors.New("report: the gaps report has no period (make it with app.BuildGapReport)")

// gapsMarking is the gaps report's protective marking: it counts gaps and
// carries no personal data, so it is OFFICIAL, not OFFICIAL-SENSITIVE.
const gapsMarking = "OFFICIAL: contains no personal identifiers; counts under 5 suppressed"

// The gaps report's bar chart, in millimetres: the category names wrap in
// a column on the left, the bars start after it, and the count is written
// after each bar, in the room kept for it on the right.
const (
	gapsChartLabel  = 60.0 // the category column
	gapsChartGap    = 2.0  // between the category column and the bars
	gapsChartCount  = 18.0 // kept after the longest bar for its count
	gapsBarHeight   = 3.4
	gapsHiddenWidth = 14.0 // a hidden count's bar: hatched, never to scale
	gapsRowGap      = 1.6
)

// gapsLabelWidth is the width of the first column of the count tables.
const gapsLabelWidth = 74.0

// gapsKeepTogether is the height of a table, in millimetres, up to which it
// is kept on one page with its heading.
const gapsKeepTogether = 70.0

// GapsReportPDF writes the senior managers' report of gaps in service as an
// A4 PDF to w: the period, the number of gaps raised, a bar chart by
// category, tables by local authority, age group and status, how long gaps
// have been open, and the short descriptions of the categories with 5 or
// more gaps. It prints each count as r gives it (Cell.Shown), so counts
// under 5 read "<5". It holds no personal identifiers: r carries none.
// created is printed on every page and stored as the PDF's creation date.
func GapsReportPDF(w io.Writer, r app.GapReport, created time.Time) error {
	if created.IsZero() {
		return errNoCreated
	}
	if r.From.IsZero() || r.To.IsZero() {
		return errNoPeriod
	}
	d := newDoc("Gaps in service, "+r.Period(), created)
	d.runningHeader = planSmall.lineHeight() + 4
	section := ""
	d.onNewPage = func() {
		room := d.width()
		if section != "" {
			d.setStyle(planSmall.withBold(true))
			d.put(marginLeft, marginTop, d.width(), section, "R")
			room -= d.pdf.GetStringWidth(section) + 5
		}
		d.setStyle(planSmall)
		d.put(marginLeft, marginTop, room, fitText(d, "Gaps in service, "+r.Period(), room), "L")
		y := marginTop + planSmall.lineHeight() + 1
		d.pdf.Line(marginLeft, y, pageWidth-marginRight, y)
	}
	d.newPage()

	d.paragraph(planTitle, "Gaps in service")
	d.paragraph(planDetail, "For senior managers · Dynamic Support Pathway, Leicester, Leicestershire and Rutland")
	d.space(3)
	details := &table{d: d, cols: []column{{width: 48}, {width: d.width() - 48}}, text: planDetail, gap: 0.8}
	details.row([]cell{strong("Period"), plain(r.Period() + " (both days included)")})
	details.row([]cell{strong("Time open counted to"), plain(longDate(r.Today))})
	details.row([]cell{strong("Gaps raised"), plain(r.Total.Shown())})
	d.space(2)
	d.paragraph(planSmall, app.GapSuppressionNote)

	switch {
	case r.Empty():
		d.space(5)
		d.paragraph(planDetail, "No gaps in service were raised from "+r.Period()+".")
		return d.finish(w, gapsFooter(d, local(created)))
	case r.TooFew:
		d.space(5)
		d.paragraph(planDetail, r.TooFewSentence())
		return d.finish(w, gapsFooter(d, local(created)))
	}

	for _, part := range []struct {
		title, short string
		draw         func(title string, started func())
	}{
		{"By category", "By category", func(title string, started func()) { gapsChart(d, title, r.ByCategory, started) }},
		{"By local authority", "By local authority", func(title string, started func()) {
			gapsCounts(d, title, "Local authority", r.ByLocalAuthority, started)
		}},
		{"By age group", "By age group", func(title string, started func()) {
			gapsCounts(d, title, "Age group", r.ByAgeGroup, started)
		}},
		{"By status", "By status", func(title string, started func()) { gapsCounts(d, title, "Status", r.ByStatus, started) }},
		{"How long gaps have been open", "Time open", func(title string, started func()) { gapsTimeOpen(d, title, r, started) }},
		{"Short descriptions", "Short descriptions", func(title string, started func()) {
			gapsDescriptions(d, title, r, started, func(name string) { section = name })
		}},
	} {
		section = ""
		part.draw(part.title, func() { section = part.short + " (continued)" })
	}
	return d.finish(w, gapsFooter(d, local(created)))
}

// gapsFooter is the gaps report's footer: its marking, "Page N of M", the
// date printed and "DSP Desk".
func gapsFooter(d *doc, today time.Time) func(page, total int) {
	printed := "Printed on " + longDate(today)
	return func(page, total int) {
		y := footerTop
		d.pdf.Line(marginLeft, y-1.5, pageWidth-marginRight, y-1.5)
		d.setStyle(planSmall.withBold(true))
		d.put(marginLeft, y, d.width(), gapsMarking, "L")
		d.put(marginLeft, y, d.width(), "Page "+strconv.Itoa(page)+" of "+strconv.Itoa(total), "R")
		d.setStyle(planSmall)
		d.put(marginLeft, y+planSmall.lineHeight(), d.width(), printed, "L")
		d.put(marginLeft, y+planSmall.lineHeight(), d.width(), "DSP Desk", "R")
	}
}

// gapsChart draws a horizontal bar chart of counts: a bar's length is its
// count against the largest printed count. A hidden count ("<5" or
// withheld) gets a short hatched bar that is never to scale, and a count of
// 0 no bar; every bar has its count written after it.
func gapsChart(d *doc, title string, rows []app.GapCount, started func()) {
	lh := planTable.lineHeight()
	rowHeight := func(label string) float64 {
		d.setStyle(planTable)
		return float64(len(d.wrap(label, gapsChartLabel)))*lh + gapsRowGap
	}
	first := 0.0
	for _, row := range rows[:min(3, len(rows))] {
		first += rowHeight(row.Label)
	}
	d.heading(planSection, title, 6, 2+first)
	started()
	d.space(2)

	most := 0
	for _, row := range rows {
		if !row.Cell.Hidden() {
			most = max(most, row.Cell.Count)
		}
	}
	x0 := marginLeft + gapsChartLabel + gapsChartGap
	span := d.width() - gapsChartLabel - gapsChartGap - gapsChartCount
	pdf := d.pdf
	for _, row := range rows {
		h := rowHeight(row.Label)
		d.ensure(h)
		y := d.y()
		d.lines(marginLeft, gapsChartLabel, planTable, row.Label)
		barY := y + (lh-gapsBarHeight)/2 // beside the first line of a wrapped name
		end := x0
		switch c := row.Cell; {
		case c.Hidden():
			end = x0 + gapsHiddenWidth
			gapsHatch(d, x0, barY, gapsHiddenWidth, gapsBarHeight)
		case c.Count > 0 && most > 0:
			bw := max(span*float64(c.Count)/float64(most), 0.6)
			end = x0 + bw
			pdf.SetFillColor(0, 94, 184) // NHS blue
			pdf.Rect(x0, barY, bw, gapsBarHeight, "F")
			pdf.SetFillColor(255, 255, 255)
		}
		d.setStyle(planTable.withBold(true))
		d.put(end+1.5, y, gapsChartCount, row.Cell.Shown(), "L")
		// The axis, down the side of the row.
		pdf.SetDrawColor(80, 80, 80)
		pdf.Line(x0, y, x0, y+h)
		pdf.SetDrawColor(140, 140, 140)
		d.pdf.SetY(y + h)
	}
	d.space(1)
	d.paragraph(planSmall, "Bars are to scale, except the short hatched ones: their count is hidden (<5 or withheld), "+
		"so their length means nothing.")
}

// gapsHatch draws a hidden count's bar: a pale box with diagonal lines.
func gapsHatch(d *doc, x, y, w, h float64) {
	pdf := d.pdf
	pdf.SetFillColor(238, 238, 238)
	pdf.SetDrawColor(120, 120, 120)
	pdf.Rect(x, y, w, h, "FD")
	pdf.ClipRect(x, y, w, h, false)
	pdf.SetLineWidth(0.2)
	for lx := x - h; lx < x+w; lx += 1.6 {
		pdf.Line(lx, y+h, lx+h, y)
	}
	pdf.ClipEnd()
	pdf.SetLineWidth(0.25)
	pdf.SetDrawColor(140, 140, 140)
	pdf.SetFillColor(255, 255, 255)
}

// gapsCounts draws a heading and a two-column table of counts.
func gapsCounts(d *doc, title, what string, rows []app.GapCount, started func()) {
	t := &table{d: d, cols: []column{{title: what, width: gapsLabelWidth}, {title: "Gaps", width: 24}},
		text: planTable, pad: planPad, borders: true, header: true}
	cells := make([][]cell, len(rows))
	for i, row := range rows {
		cells[i] = []cell{plain(row.Label), plain(row.Cell.Shown())}
	}
	gapsTable(d, title, t, cells, started)
}

// gapsTable draws a heading and then a table, the heading kept with the
// table's header and first rows, or with the whole table when it is short.
func gapsTable(d *doc, title string, t *table, rows [][]cell, started func()) {
	first, all := 0.0, 0.0
	for i, r := range rows {
		h := t.heightOf(r)
		if i < 2 {
			first += h
		}
		all += h + t.gap
	}
	if all <= gapsKeepTogether {
		first = all
	}
	d.heading(planSection, title, 6, t.headerHeight()+first+2)
	started()
	d.space(2)
	t.start(first)
	t.rows(rows)
}

// gapsTimeOpen draws how long gaps have been open: still open and closed,
// by band, with the median and longest days open.
func gapsTimeOpen(d *doc, title string, r app.GapReport, started func()) {
	cols := []column{{title: "", width: 25}, {title: "Gaps", width: 17}}
	for _, b := range app.GapBands {
		cols = append(cols, column{title: b, width: 23})
	}
	cols = append(cols, column{title: "Median", width: 32}, column{title: "Longest", width: 31})
	t := &table{d: d, cols: cols, text: planTable, pad: planPad, borders: true, header: true}
	var rows [][]cell
	for _, g := range []app.GapTimeOpen{r.StillOpen, r.Closed} {
		row := []cell{strong(g.Label), plain(g.Gaps.Shown())}
		for _, b := range g.Bands {
			row = append(row, plain(b.Cell.Shown()))
		}
		median, longest := g.Median(), g.Longest()
		if !g.StatsShown {
			median, longest = "Not given (fewer than 5 gaps)", "Not given"
		}
		rows = append(rows, append(row, plain(median), plain(longest)))
	}
	intro := "Days open run from the day a gap was raised to the day it closed, or to " + longDate(r.Today) +
		" for a gap still open. Under 4 weeks is 0 to 27 days, 4 to 12 weeks 28 to 84 days, and over 12 weeks " +
		"85 days or more."
	d.heading(planSection, title, 6, d.height(planDetail, intro)+t.headerHeight()+t.heightOf(rows[0])+4)
	started()
	d.space(1)
	d.paragraph(planDetail, intro)
	d.space(2)
	t.start(t.heightOf(rows[0]))
	t.rows(rows)
}

// gapsDescriptions lists the short descriptions by category, and says how
// many were withheld. name names the category being listed on the pages
// its table carries on to.
func gapsDescriptions(d *doc, title string, r app.GapReport, started func(), name func(string)) {
	intro := "Each gap's short description, as the person who raised it wrote it for this report. " +
		"The full description, names and other details stay in DSP Desk."
	if r.DescriptionDays {
		intro += " Longest open first."
	} else {
		intro += " Days open are left out: with them, a count under 5 could be worked out."
	}
	switch {
	case r.DescriptionsWithheld.Count == 0:
	case len(r.Descriptions) == 0:
		intro += "\nNo category has a count that is shown, so no descriptions are listed: descriptions of " +
			"categories with fewer than 5 gaps are withheld, and so are those of a category whose count is withheld."
	default:
		intro += "\nDescriptions of categories with fewer than 5 gaps are withheld, and so are those of a category " +
			"whose count is withheld: " + r.DescriptionsWithheld.Shown() + " gaps in all."
	}
	if gapsNotShown(r) {
		intro += "\n\"Not shown\" stands for a local authority or age group whose count is hidden."
	}
	d.heading(planSection, title, 6, d.height(planDetail, intro)+20)
	started()
	d.space(1)
	d.paragraph(planDetail, intro)

	cols := []column{{title: "Short description", width: 106}, {title: "Local authority", width: 30},
		{title: "Age group", width: 18}, {title: "Days open", width: 20}}
	if !r.DescriptionDays {
		cols = []column{{title: "Short description", width: 126}, {title: "Local authority", width: 30},
			{title: "Age group", width: 18}}
	}
	for _, g := range r.Descriptions {
		t := &table{d: d, cols: cols, text: planTable, pad: planPad, borders: true, header: true}
		rows := make([][]cell, len(g.Items))
		for i, it := range g.Items {
			rows[i] = []cell{plain(it.Summary), plain(orNotShown(it.LocalAuthority)), plain(orNotShown(it.AgeGroup))}
			if r.DescriptionDays {
				rows[i] = append(rows[i], plain(strconv.Itoa(it.DaysOpen)))
			}
		}
		first := 0.0
		for _, row := range rows[:min(2, len(rows))] {
			first += t.heightOf(row)
		}
		// A page started for the category's heading carries on the part,
		// not the category before.
		name(title + " (continued)")
		d.heading(planDetail.withBold(true), g.Label+": "+g.Count.Shown()+" gaps", 4, t.headerHeight()+first+1)
		name(g.Label + " (continued)")
		d.space(1)
		t.start(first)
		t.rows(rows)
	}
}

// gapsNotShown reports whether a listed description leaves out its local
// authority or age group.
func gapsNotShown(r app.GapReport) bool {
	for _, g := range r.Descriptions {
		for _, it := range g.Items {
			if it.LocalAuthority == "" || it.AgeGroup == "" {
				return true
			}
		}
	}
	return false
}

// orNotShown is s, or "Not shown" for a group whose count is hidden.
func orNotShown(s string) string {
	if s == "" {
		return "Not shown"
	}
	return s
}
