// Package sheet reads a team's register from an .xlsx workbook or a .csv
// file into an importing.Table, and writes spreadsheets: the problems
// workbook of an import and the register exports. It is the only package
// that uses excelize and golang.org/x/text; the rules about what the cells
// mean live in package importing.
package sheet

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"dspdesk/app/importing"
)

// headerScan is how many rows at the top of a sheet are searched for the
// header row.
const headerScan = 30

// Sheets lists the sheet names of an .xlsx file (a .csv has one, "").
func Sheets(path string) ([]string, error) {
	if !isXLSX(path) {
		return []string{""}, nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, importing.Unusable(openProblem(path, err))
	}
	defer f.Close()
	var out []string
	for _, name := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(name); err == nil && v {
			out = append(out, name)
		}
	}
	return out, nil
}

// Read reads a register from path: an .xlsx (sheet names the sheet; empty
// is the first) or a .csv. It finds the header row (by the headings it
// knows, and the extra ones a mapping file names; else the first row that
// is not blank, for the user to map), keeps the rows below it (blank rows
// too: the plan skips them) and the file's SHA-256.
func Read(path, sheetName string, extraHeadings ...string) (*importing.Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, importing.Unusable(openProblem(path, err))
	}
	sum := sha256.Sum256(data)
	var rows [][]string
	if isXLSX(path) {
		rows, sheetName, err = readXLSX(data, sheetName)
	} else {
		rows, err = readCSV(data)
	}
	if err != nil {
		return nil, importing.Unusable(err)
	}
	t := &importing.Table{FileName: filepath.Base(path), Sheet: sheetName, Hash: hex.EncodeToString(sum[:])}
	h := importing.FindHeader(rows[:min(len(rows), headerScan)], extraHeadings...)
	for i := 0; h < 0 && i < len(rows); i++ {
		if !importing.Blank(rows[i]) {
			h = i
		}
	}
	if h < 0 {
		return t, nil // an empty sheet: CheckTable says why
	}
	t.HeaderRow, t.Header = h+1, trimRight(rows[h])
	t.Rows = make([]importing.Row, 0, len(rows)-h-1)
	for i := h + 1; i < len(rows); i++ {
		t.Rows = append(t.Rows, importing.Row{Number: i + 1, Cells: rows[i]})
	}
	return t, nil
}

func isXLSX(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".xlsx" || ext == ".xlsm"
}

func openProblem(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s does not exist", filepath.Base(path))
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("you do not have permission to read %s", filepath.Base(path))
	}
	return fmt.Errorf("%s could not be read as an Excel workbook (.xlsx): save it from Excel as .xlsx or .csv and try again", filepath.Base(path))
}

// readXLSX streams the sheet's rows with their raw values (dates stay Excel
// date numbers, so no display format can swap day and month). A formula
// cell whose cached value is missing is calculated.
func readXLSX(data []byte, sheetName string) ([][]string, string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, "", fmt.Errorf("the file could not be read as an Excel workbook (.xlsx): save it from Excel as .xlsx or .csv and try again")
	}
	defer f.Close()
	if sheetName == "" {
		sheetName = f.GetSheetName(f.GetActiveSheetIndex())
		if sheetName == "" {
			sheetName = f.GetSheetName(0)
		}
	}
	if idx, err := f.GetSheetIndex(sheetName); err != nil || idx < 0 {
		return nil, "", fmt.Errorf("the workbook has no sheet called %q", sheetName)
	}
	it, err := f.Rows(sheetName)
	if err != nil {
		return nil, "", fmt.Errorf("the sheet %q could not be read", sheetName)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, "", fmt.Errorf("row %d of sheet %q could not be read", len(rows)+1, sheetName)
		}
		rows = append(rows, cells)
	}
	if err := it.Error(); err != nil {
		return nil, "", fmt.Errorf("the sheet %q could not be read", sheetName)
	}
	fillFormulas(f, sheetName, rows)
	return rows, sheetName, nil
}

// fillFormulas calculates formula cells that were saved without a value
// (files written by programs rather than Excel). Only empty cells within a
// row's width are looked at.
func fillFormulas(f *excelize.File, sheetName string, rows [][]string) {
	if !hasFormulas(f) {
		return
	}
	for r, cells := range rows {
		for c, v := range cells {
			if v != "" {
				continue
			}
			axis, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				continue
			}
			if formula, err := f.GetCellFormula(sheetName, axis); err == nil && formula != "" {
				if val, err := f.CalcCellValue(sheetName, axis, excelize.Options{RawCellValue: true}); err == nil {
					rows[r][c] = val
				}
			}
		}
	}
}

// hasFormulas reports whether any worksheet has a formula element in its
// XML (so that a workbook without formulas costs no cell look-ups).
func hasFormulas(f *excelize.File) bool {
	// excelize keeps the workbook's parts by path; a quick look at every
	// worksheet part is cheap next to reading the rows
	found := false
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		b, _ := v.([]byte)
		if strings.HasPrefix(name, "xl/worksheets/") && bytes.Contains(b, []byte("<f")) {
			found = true
			return false
		}
		return true
	})
	return found
}

// readCSV reads comma- or semicolon-separated text in UTF-8 (with or
// without a byte order mark) or, when it is not valid UTF-8, Windows-1252
// as Excel writes it.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("the CSV file's characters could not be read: save it from Excel as CSV UTF-8")
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("the CSV file could not be read near line %d: check its quotes", len(rows)+1)
		}
		// encoding/csv skips blank lines: keep them as blank rows, so that
		// row numbers are the file's line numbers, as Excel shows them
		line, _ := r.FieldPos(0)
		for len(rows)+1 < line {
			rows = append(rows, nil)
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("the CSV file is empty")
	}
	return rows, nil
}

// separator picks ';' when the first lines have more semicolons than
// commas outside quotes (Excel in UK/EU locales), else ','.
func separator(data []byte) rune {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	commas, semis := 0, 0
	for n := 0; n < 10 && sc.Scan(); n++ {
		quoted := false
		for _, c := range sc.Text() {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ',':
				commas++
			case c == ';':
				semis++
			}
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

func trimRight(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	out := make([]string, n)
	for i := range out {
		out[i] = strings.TrimSpace(cells[i])
	}
	return out
}
