// Package report renders DSP Desk's PDF documents (the family copy of a MAM
// agenda, the action plan) from app types into an io.Writer, never from
// widgets. Documents are A4 portrait with embedded UTF-8 fonts, so any name
// prints as typed. They are deterministic: the creation date comes from the
// caller and the same input gives the same bytes.
//
// Before anything is drawn, every document checks the person's consent: when
// consent is withdrawn or missing it returns a *ConsentError (errors.Is
// ErrNoConsent) and writes nothing. Nothing is written on any other error
// either: a document is rendered in memory and written out whole.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"dspdesk/app"
)

// ErrNoConsent is what every refused export wraps: consent is withdrawn or
// not recorded, so documents about the person are not exported.
var ErrNoConsent = errors.New("consent does not allow export")

// ConsentError refuses an export. Its message is the sentence the screen
// shows (from app.ConsentStatus.MayExport); it unwraps to ErrNoConsent.
type ConsentError struct {
	State  app.ConsentState
	Reason string
}

func (e *ConsentError) Error() string { return e.Reason }

// Unwrap makes errors.Is(err, ErrNoConsent) true.
func (e *ConsentError) Unwrap() error { return ErrNoConsent }

// errNoCreated is a caller's mistake: documents carry the date they are
// made, which the caller passes in (from its clock) so renders repeat exactly.
var errNoCreated = errors.New("report: no creation date given")

// checkConsent returns a *ConsentError unless consent allows the export.
func checkConsent(c app.ConsentStatus) error {
	if ok, why := c.MayExport(); !ok {
		return &ConsentError{State: c.State, Reason: why}
	}
	return nil
}

// Page geometry, in millimetres: A4 portrait.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 18.0
	marginRight  = 18.0
	marginTop    = 18.0
	marginBottom = 26.0 // the footer lives below the body, in this margin
	footerTop    = pageHeight - 18.0

	ptToMM = 25.4 / 72 // one typographic point in millimetres
)

// style is a font choice for a run of text.
type style struct {
	size float64 // points
	bold bool
	lead float64 // line height as a multiple of the size
}

// lineHeight is the height of one line of this style, in millimetres.
func (s style) lineHeight() float64 { return s.size * ptToMM * s.lead }

// withBold returns s in bold (or not).
func (s style) withBold(b bool) style { s.bold = b; return s }

// doc is a document being laid out. It never relies on gofpdf's automatic
// page breaks: every line is placed by this package, which checks it fits.
type doc struct {
	pdf *gofpdf.Fpdf
	cur style
	// fontSet says cur's font is the one selected in pdf.
	fontSet bool
	// onNewPage draws what continuation pages begin with (a running
	// header); runningHeader is its height. Both are optional.
	onNewPage     func()
	runningHeader float64
	// top is where the body starts on the current page.
	top float64
}

// gofpdfCompresses lets gofpdf compress each page itself (tests compare
// compressPages with it); otherwise finish does, with one compressor.
var gofpdfCompresses = false

// newDoc starts an A4 portrait document with the embedded fonts, stamped
// with the given creation date.
func newDoc(title string, created time.Time) *doc {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)             // a stable object order: same input, same bytes
	pdf.SetCompression(gofpdfCompresses) // else finish compresses the pages, faster
	pdf.SetCreationDate(created.UTC())
	pdf.SetModificationDate(created.UTC())
	pdf.SetTitle(title, true)
	pdf.SetCreator("DSP Desk", true)
	pdf.SetProducer("DSP Desk", true)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCellMargin(0)
	// Each document gets its own copy of the font bytes: gofpdf appends to
	// slices of them while subsetting, which would race between documents
	// made at the same time (and change the shared embedded bytes).
	pdf.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(dejaVuSans))
	pdf.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(dejaVuSansBold))
	pdf.SetDrawColor(140, 140, 140)
	pdf.SetLineWidth(0.25)
	pdf.SetTextColor(0, 0, 0)
	return &doc{pdf: pdf}
}

// width is the width of the text column.
func (d *doc) width() float64 { return pageWidth - marginLeft - marginRight }

// limit is the lowest y the body may reach.
func (d *doc) limit() float64 { return pageHeight - marginBottom }

// bodyTop is where the body starts on a page after the first.
func (d *doc) bodyTop() float64 { return marginTop + d.runningHeader }

// y is the current vertical position.
func (d *doc) y() float64 { return d.pdf.GetY() }

// atTop reports whether nothing has been placed on the page yet.
func (d *doc) atTop() bool { return d.y() <= d.top+0.01 }

// setStyle selects a font. Selecting the font already selected writes
// nothing, so measuring a table row's cells adds nothing to the page.
func (d *doc) setStyle(s style) {
	same := d.fontSet && s.size == d.cur.size && s.bold == d.cur.bold
	d.cur, d.fontSet = s, true
	if same {
		return
	}
	b := ""
	if s.bold {
		b = "B"
	}
	d.pdf.SetFont(fontFamily, b, s.size)
}

// newPage starts a page and draws its running header.
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.top = marginTop
	if d.pdf.PageNo() > 1 && d.onNewPage != nil {
		saved := d.cur
		d.onNewPage()
		d.top = d.bodyTop()
		d.setStyle(saved)
	}
	d.pdf.SetXY(marginLeft, d.top)
}

// ensure starts a new page unless h millimetres fit below the current
// position. It reports whether it started one.
func (d *doc) ensure(h float64) bool {
	if d.y()+h <= d.limit()+0.001 || d.atTop() {
		return false
	}
	d.newPage()
	return true
}

// space adds vertical space, except at the top of a page.
func (d *doc) space(h float64) {
	if d.atTop() {
		return
	}
	if d.y()+h > d.limit() {
		d.newPage()
		return
	}
	d.pdf.SetY(d.y() + h)
}

// put draws one line of text with its top at (x, y), in the current style.
func (d *doc) put(x, y, w float64, text, align string) {
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, d.cur.lineHeight(), text, "", 0, align, false, 0, "")
}

// lines draws text wrapped to width w starting at x, breaking pages between
// lines. It leaves the position under the last line.
func (d *doc) lines(x, w float64, s style, text string) {
	d.setStyle(s)
	lh := s.lineHeight()
	for _, l := range d.wrap(text, w) {
		d.ensure(lh)
		y := d.y()
		d.put(x, y, w, l, "L")
		d.pdf.SetY(y + lh)
	}
}

// link draws a web address across the text column in the given style,
// each of its lines a link to it.
func (d *doc) link(s style, url string) {
	d.setStyle(s)
	lh := s.lineHeight()
	for _, l := range d.wrap(url, d.width()) {
		d.ensure(lh)
		y := d.y()
		d.pdf.SetXY(marginLeft, y)
		d.pdf.CellFormat(d.pdf.GetStringWidth(l), lh, l, "", 0, "L", false, 0, url)
		d.pdf.SetY(y + lh)
	}
}

// paragraph draws wrapped text across the text column.
func (d *doc) paragraph(s style, text string) {
	d.lines(marginLeft, d.width(), s, text)
}

// height is how tall text would be, wrapped across the text column.
func (d *doc) height(s style, text string) float64 {
	d.setStyle(s)
	return float64(len(d.wrap(text, d.width()))) * s.lineHeight()
}

// heading draws a heading and keeps it on the same page as the next keep
// millimetres of what follows it.
func (d *doc) heading(s style, text string, before, keep float64) {
	d.space(before)
	d.setStyle(s)
	ls := d.wrap(text, d.width())
	d.ensure(float64(len(ls))*s.lineHeight() + keep)
	d.paragraph(s, text)
}

// finish draws the footer on every page now the page count is known, and
// writes the document to w in one piece.
func (d *doc) finish(w io.Writer, footer func(page, total int)) error {
	total := d.pdf.PageCount()
	for p := 1; p <= total; p++ {
		d.pdf.SetPage(p)
		// A page's own stream may end in any colour or font: set them again.
		d.fontSet = false
		d.pdf.SetFillColor(255, 255, 255)
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.SetDrawColor(140, 140, 140)
		d.pdf.SetLineWidth(0.25)
		footer(p, total)
	}
	d.pdf.SetPage(total)
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("report: render PDF: %w", err)
	}
	out := buf.Bytes()
	if !gofpdfCompresses {
		var err error
		if out, err = compressPages(out); err != nil {
			return err
		}
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("report: write PDF: %w", err)
	}
	return nil
}

// span is a run of text in a table cell.
type span struct {
	text string
	bold bool
}

// cell is the content of one table cell: runs of text, each starting on a
// new line, and an optional pale tint (always with words that say why:
// colour is never the only sign).
type cell struct {
	spans []span
	tint  bool
}

func plain(s string) cell      { return cell{spans: []span{{text: s}}} }
func strong(s string) cell     { return cell{spans: []span{{text: s, bold: true}}} }
func (c cell) add(s span) cell { c.spans = append(c.spans, s); return c }

// column is one column of a table.
type column struct {
	title string
	width float64 // millimetres
}

// table draws rows of wrapped cells. A row that does not fit moves to the
// next page, where the header row (if any) is drawn again; a row taller than
// a whole page is split between pages line by line, so no text is lost. A
// header row is never left at the foot of a page without a row under it:
// a row that would leave it so is split instead (once at least three of
// its lines fit).
type table struct {
	d       *doc
	cols    []column
	text    style
	pad     float64 // inside each cell, millimetres
	gap     float64 // between rows, millimetres
	borders bool
	header  bool
	// headerPage and rowPage are the pages the header row and a body row
	// were last drawn on, so the table knows when its header row stands
	// alone at the foot of a page.
	headerPage, rowPage int
}

// laid is one wrapped line of a cell.
type laid struct {
	text string
	bold bool
}

// layout wraps every cell of a row to its column.
func (t *table) layout(cells []cell) [][]laid {
	out := make([][]laid, len(t.cols))
	for i := range t.cols {
		if i >= len(cells) {
			break
		}
		w := t.cols[i].width - 2*t.pad
		for _, sp := range cells[i].spans {
			if strings.TrimSpace(sp.text) == "" {
				continue
			}
			t.d.setStyle(t.text.withBold(sp.bold))
			for _, l := range t.d.wrap(sp.text, w) {
				out[i] = append(out[i], laid{text: l, bold: sp.bold})
			}
		}
	}
	return out
}

// rowLines is the number of lines of the tallest cell (at least one).
func rowLines(ls [][]laid) int {
	n := 1
	for _, c := range ls {
		n = max(n, len(c))
	}
	return n
}

// heightOf is how tall a row would be, in millimetres.
func (t *table) heightOf(cells []cell) float64 {
	return float64(rowLines(t.layout(cells)))*t.text.lineHeight() + 2*t.pad
}

// headerCells is the header row's content.
func (t *table) headerCells() []cell {
	cs := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cs[i] = cell{spans: []span{{text: c.title, bold: true}}, tint: true}
	}
	return cs
}

// headerHeight is the height of the header row (zero without one).
func (t *table) headerHeight() float64 {
	if !t.header {
		return 0
	}
	return t.heightOf(t.headerCells()) + t.gap
}

// start draws the header row, first moving to a new page unless the header
// and the first keep millimetres of rows fit here.
func (t *table) start(keep float64) {
	t.d.ensure(t.headerHeight() + keep)
	t.drawHeader()
}

func (t *table) drawHeader() {
	if t.header {
		hc := t.headerCells()
		ls := t.layout(hc)
		t.draw(ls, hc, 0, rowLines(ls), true)
	}
}

// pageBreak continues the table on a new page.
func (t *table) pageBreak() {
	t.d.newPage()
	t.drawHeader()
}

// row draws one row.
func (t *table) row(cells []cell) {
	ls := t.layout(cells)
	n := rowLines(ls)
	lh := t.text.lineHeight()
	// Lines that fit on a fresh page under the running header and table header.
	fresh := int(math.Floor((t.d.limit() - t.d.bodyTop() - t.headerHeight() - 2*t.pad + 0.001) / lh))
	fresh = max(fresh, 1)
	const minSplit = 3 // never leave fewer lines than this at the foot of a page
	for from := 0; from < n; {
		room := t.d.limit() - t.d.y()
		fits := int(math.Floor((room - 2*t.pad + 0.001) / lh))
		switch {
		case fits >= n-from:
			t.draw(ls, cells, from, n, false)
			return
		case t.onFreshPage():
			// Taller than a page: fill this one and carry on over the page.
			fits = max(fits, 1)
		case from == 0 && n <= fresh && !t.headerAlone(), fits < minSplit:
			t.pageBreak()
			continue
		}
		t.draw(ls, cells, from, from+fits, false)
		from += fits
		t.pageBreak()
	}
}

// rows draws rows in order, never leaving the last one alone at the top of
// a page: the one before it goes over with it, under the header row (if
// any) drawn again. It only does so when a row of the table is already on
// this page, so whatever is above the table is not left behind alone.
func (t *table) rows(rows [][]cell) {
	for i, r := range rows {
		if i == len(rows)-2 && t.rowPage == t.d.pdf.PageNo() {
			h := t.heightOf(r) + t.gap + t.heightOf(rows[i+1])
			if h <= t.d.limit()-t.d.bodyTop()-t.headerHeight() && t.d.y()+h > t.d.limit()+0.001 {
				t.pageBreak()
			}
		}
		t.row(r)
	}
}

// headerAlone reports whether the header row is the last thing drawn on
// this page, with no row under it yet.
func (t *table) headerAlone() bool {
	page := t.d.pdf.PageNo()
	return t.header && t.headerPage == page && t.rowPage != page
}

// onFreshPage reports whether only the running header and table header are
// on this page.
func (t *table) onFreshPage() bool {
	return t.d.y() <= t.d.top+t.headerHeight()+0.01
}

// draw places lines [from, to) of each cell as one band across the page.
func (t *table) draw(ls [][]laid, cells []cell, from, to int, header bool) {
	pdf := t.d.pdf
	lh := t.text.lineHeight()
	y := t.d.y()
	h := float64(to-from)*lh + 2*t.pad
	x := marginLeft
	for i, col := range t.cols {
		tint := i < len(cells) && cells[i].tint
		switch {
		case header && tint:
			pdf.SetFillColor(225, 225, 225)
		case tint:
			pdf.SetFillColor(253, 228, 210)
		}
		switch {
		case t.borders && tint:
			pdf.Rect(x, y, col.width, h, "FD")
		case t.borders:
			pdf.Rect(x, y, col.width, h, "D")
		case tint:
			pdf.Rect(x, y, col.width, h, "F")
		}
		for k := from; k < to && k < len(ls[i]); k++ {
			t.d.setStyle(t.text.withBold(ls[i][k].bold))
			t.d.put(x+t.pad, y+t.pad+float64(k-from)*lh, col.width-2*t.pad, ls[i][k].text, "L")
		}
		x += col.width
	}
	pdf.SetFillColor(255, 255, 255)
	pdf.SetXY(marginLeft, y+h+t.gap)
	if header {
		t.headerPage = pdf.PageNo()
	} else {
		t.rowPage = pdf.PageNo()
	}
}

// Dates and times, as the documents write them.

// longDate is "Tuesday 26 May 2026" for a day.
func longDate(t time.Time) string { return app.FormatDate(t) }

// shortDate is "26 May 2026" for a day, or "" for the zero time.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// dayMonthYear is "3 March 2012".
func dayMonthYear(t time.Time) string { return t.Format("2 January 2006") }

// local is t in the service's time zone.
func local(t time.Time) time.Time { return t.In(app.ServiceLocation) }

// clock writes a time of day the way the NHS style guide does: "9am",
// "9:45am", "2:30pm", "midday", "midnight".
func clock(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	switch {
	case h == 12 && m == 0:
		return "midday"
	case h == 0 && m == 0:
		return "midnight"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	h %= 12
	if h == 0 {
		h = 12
	}
	if m == 0 {
		return fmt.Sprintf("%d%s", h, suffix)
	}
	return fmt.Sprintf("%d:%02d%s", h, m, suffix)
}

// minutes writes a duration in words: "15 minutes", "1 hour", "1 hour and 30 minutes".
func minutes(d time.Duration) string {
	total := int(d.Round(time.Minute) / time.Minute)
	h, m := total/60, total%60
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case h == 0:
		return plural(m, "minute")
	case m == 0:
		return plural(h, "hour")
	}
	return plural(h, "hour") + " and " + plural(m, "minute")
}

// sensitiveFooter is the footer of the documents for professionals:
// "OFFICIAL-SENSITIVE", "Page N of M", the date printed and "DSP Desk".
func sensitiveFooter(d *doc, today time.Time) func(page, total int) {
	printed := "Printed on " + longDate(today)
	return func(page, total int) {
		y := footerTop
		d.pdf.Line(marginLeft, y-1.5, pageWidth-marginRight, y-1.5)
		d.setStyle(planSmall.withBold(true))
		d.put(marginLeft, y, d.width(), "OFFICIAL-SENSITIVE: contains personal health information", "L")
		d.put(marginLeft, y, d.width(), "Page "+strconv.Itoa(page)+" of "+strconv.Itoa(total), "R")
		d.setStyle(planSmall)
		d.put(marginLeft, y+planSmall.lineHeight(), d.width(), printed, "L")
		d.put(marginLeft, y+planSmall.lineHeight(), d.width(), "DSP Desk", "R")
	}
}
