package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dspdesk/app"
	"dspdesk/app/importing"
)

// ProblemColumn is the heading of the column the problems workbook adds.
const ProblemColumn = "Import problem"

// dateFormat is the number format of dates in the workbooks written here.
const dateFormat = "dd/mm/yyyy"

// WriteProblems writes the problems workbook of a plan: the sheet's header
// and only the refused rows, as they were, with an "Import problem" column
// giving the reasons, so the team can fix them in Excel and import the file
// again. Date numbers in date columns are written as dates.
func WriteProblems(w io.Writer, plan importing.Plan) error {
	f := excelize.NewFile()
	defer f.Close()
	const name = "Import problems"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("sheet: problems workbook: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet: problems workbook: %w", err)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	dates, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateFormat)})
	header := plan.Table.Header
	width := len(header)
	for _, r := range plan.Refused() {
		width = max(width, len(r.Cells))
	}
	dateCol := map[int]bool{}
	for _, fld := range []importing.Field{importing.FieldDateOfBirth, importing.FieldLastMAM, importing.FieldNextReview} {
		if c := plan.Mapping.Column(fld); c >= 0 {
			dateCol[c] = true
		}
	}
	head := make([]any, width+1)
	for i := range width {
		if i < len(header) {
			head[i] = excelize.Cell{Value: header[i], StyleID: bold}
		}
	}
	head[width] = excelize.Cell{Value: ProblemColumn, StyleID: bold}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("sheet: problems workbook: %w", err)
	}
	for i, r := range plan.Refused() {
		row := make([]any, width+1)
		for c, v := range r.Cells {
			row[c] = problemCell(v, dateCol[c], dates)
		}
		row[width] = strings.Join(r.Reasons, " ")
		axis, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(axis, row); err != nil {
			return fmt.Errorf("sheet: problems workbook: %w", err)
		}
	}
	_ = sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet: problems workbook: %w", err)
	}
	_ = f.SetColWidth(name, importing.ColumnLetter(width), importing.ColumnLetter(width), 60)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheet: write problems workbook: %w", err)
	}
	return nil
}

// problemCell is a cell as it was: a number stays a number (a date number
// in a date column is shown as a date), anything else stays text.
func problemCell(v string, isDate bool, dateStyle int) any {
	if v == "" {
		return nil
	}
	n, err := strconv.ParseFloat(v, 64)
	numeric := err == nil && (v == "0" || !strings.HasPrefix(v, "0"))
	switch {
	case numeric && isDate:
		return excelize.Cell{Value: n, StyleID: dateStyle}
	case numeric && len(strings.TrimLeft(v, "-")) < 10: // long digit strings (NHS numbers) stay text
		return n
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// WriteRegister writes a register export as a workbook when name ends in
// .xlsx, else as CSV.
func WriteRegister(w io.Writer, name string, e app.RegisterExport) error {
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		return WriteRegisterXLSX(w, e)
	}
	return WriteRegisterCSV(w, e)
}

// WriteRegisterXLSX writes a register export as a workbook: one sheet with
// a bold, frozen header row, real dates and whole numbers.
func WriteRegisterXLSX(w io.Writer, e app.RegisterExport) error {
	f := excelize.NewFile()
	defer f.Close()
	name := e.Title
	if name == "" {
		name = "Register"
	}
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("sheet: register workbook: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet: register workbook: %w", err)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	dates, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateFormat)})
	for i, wd := range exportWidths(len(e.Header)) {
		_ = sw.SetColWidth(i+1, i+1, wd)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet: register workbook: %w", err)
	}
	head := make([]any, len(e.Header))
	for i, h := range e.Header {
		head[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("sheet: register workbook: %w", err)
	}
	row := make([]any, len(e.Header))
	for i, cells := range e.Rows {
		for c, cell := range cells {
			switch cell.Kind {
			case app.CellDate:
				row[c] = excelize.Cell{Value: cell.Date, StyleID: dates}
			case app.CellNumber:
				row[c] = cell.Number
			default:
				if cell.Text == "" {
					row[c] = nil
				} else {
					row[c] = cell.Text
				}
			}
			if cell.Kind == app.CellDate && cell.Date.IsZero() {
				row[c] = nil
			}
		}
		axis, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(axis, row); err != nil {
			return fmt.Errorf("sheet: register workbook: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet: register workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheet: write register workbook: %w", err)
	}
	return nil
}

func exportWidths(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 16
	}
	return out
}

// WriteRegisterCSV writes a register export as CSV for Excel: UTF-8 with a
// byte order mark, CRLF line ends, dates as day/month/year, and any cell a
// spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
// carriage return) given a leading apostrophe.
func WriteRegisterCSV(w io.Writer, e app.RegisterExport) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("sheet: write register CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	_ = cw.Write(e.Header)
	rec := make([]string, len(e.Header))
	for _, cells := range e.Rows {
		for c, cell := range cells {
			switch cell.Kind {
			case app.CellDate:
				rec[c] = ""
				if !cell.Date.IsZero() {
					rec[c] = cell.Date.Format("02/01/2006")
				}
			case app.CellNumber:
				rec[c] = strconv.Itoa(cell.Number)
			default:
				rec[c] = CSVSafe(cell.Text)
			}
		}
		_ = cw.Write(rec) // the error stays with cw: checked once, below
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheet: write register CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("sheet: write register CSV: %w", err)
	}
	return nil
}

// CSVSafe keeps a spreadsheet from reading a cell as a formula (CSV
// injection), as the gaps report's CSV does.
func CSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
