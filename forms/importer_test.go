package forms

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/importing"
)

var importNow = time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)

// fakeImports is an ImportService over an in-memory sheet; it plans with
// the real rules and records what it was asked to store.
type fakeImports struct {
	table    *importing.Table
	stored   []importing.Batch
	problems []string // paths the problems workbook was saved to
	// during runs inside RunImport after each row (a test taps Cancel there)
	during  func(done int)
	batches []importing.Batch
	undone  []int64
}

func (f *fakeImports) ImportSheets(path string) ([]string, error) {
	if !strings.HasSuffix(path, ".xlsx") {
		return []string{""}, nil
	}
	return []string{"DSR", "Notes"}, nil
}
func (f *fakeImports) ReadImport(path, sheet string) (*importing.Table, error) {
	t := *f.table
	t.Sheet = sheet
	return &t, nil
}
func (f *fakeImports) ImportMapping(_ context.Context, t *importing.Table) (importing.Mapping, bool, error) {
	return importing.GuessMapping(t.Header), false, nil
}
func (f *fakeImports) PreviewImport(_ context.Context, t *importing.Table, m importing.Mapping) (importing.Plan, error) {
	return importing.BuildPlan(t, m, nil, importNow), nil
}
func (f *fakeImports) RunImport(ctx context.Context, plan importing.Plan, progress func(done, total int)) (importing.Batch, error) {
	total := plan.Counts.Added + plan.Counts.Linked
	for i := 1; i <= total; i++ {
		progress(i, total)
		if f.during != nil {
			f.during(i)
		}
		if err := ctx.Err(); err != nil {
			return importing.Batch{}, err // nothing stored
		}
	}
	b := importing.Batch{ID: int64(len(f.stored) + 1), Added: plan.Counts.Added, Rows: plan.Counts.Rows}
	f.stored = append(f.stored, b)
	return b, nil
}
func (f *fakeImports) SaveImportProblems(_ importing.Plan, path string) error {
	f.problems = append(f.problems, path)
	return nil
}
func (f *fakeImports) ImportBatches(context.Context) ([]importing.Batch, error) {
	return f.batches, nil
}
func (f *fakeImports) UndoImport(_ context.Context, id int64) (importing.Batch, error) {
	f.undone = append(f.undone, id)
	return importing.Batch{ID: id}, nil
}

func importSheet(good, bad int) *importing.Table {
	t := &importing.Table{FileName: "team.xlsx", HeaderRow: 2, Header: []string{"Surname", "Forename", "D.O.B.", "Area", "RAG", "Register"}}
	for i := range good {
		t.Rows = append(t.Rows, importing.Row{Number: 3 + i, Cells: []string{fmt.Sprintf("Person%d", i), "Sam", fmt.Sprintf("%02d/04/2012", 1+i), "Leicester", "A", "DSR"}})
	}
	for i := range bad {
		t.Rows = append(t.Rows, importing.Row{Number: 3 + good + i, Cells: []string{"Bad", "Rating", "03/04/2012", "Leicester", "Purple", "DSR"}})
	}
	return t
}

// openMapping opens the window and reads the sheet of a chosen file.
func openMapping(t *testing.T, svc *fakeImports) *ImportWindow {
	t.Helper()
	a := test.NewTempApp(t)
	RunInForeground()
	w := ShowImport(a, svc, nil)
	w.path.SetText("/data/team.xlsx")
	w.fileChosen(w.path.Text)
	if w.sheets.Selected != "DSR" || len(w.sheets.Options) != 2 {
		t.Fatalf("sheets %v, chosen %q", w.sheets.Options, w.sheets.Selected)
	}
	w.readSheet(w.path.Text, w.sheets.Selected)
	if w.PreviewButton == nil {
		t.Fatalf("the mapping step did not open: %q", w.status.Text)
	}
	return w
}

func TestImportWindowMapping(t *testing.T) {
	w := openMapping(t, &fakeImports{table: importSheet(3, 0)})
	t.Run("each column's field is guessed from its heading", func(t *testing.T) {
		want := []string{"Last name", "First name", "Date of birth", "Local authority", "Rating (RAG-B)", "Register (DSR or ROAR)"}
		for i, sel := range w.selects {
			if sel.Selected != want[i] {
				t.Errorf("column %d is mapped to %q, want %q", i, sel.Selected, want[i])
			}
		}
		if w.PreviewButton.Disabled() || w.MappingProblems.Text != "" {
			t.Errorf("a good mapping shows %q (preview disabled %v)", w.MappingProblems.Text, w.PreviewButton.Disabled())
		}
	})
	t.Run("two columns on one field are refused beside the mapping", func(t *testing.T) {
		w.selects[1].SetSelected("Last name")
		if !w.PreviewButton.Disabled() || !strings.Contains(w.MappingProblems.Text, `"Surname" and "Forename" are both mapped to Last name`) {
			t.Errorf("problems %q, preview disabled %v", w.MappingProblems.Text, w.PreviewButton.Disabled())
		}
		w.selects[1].SetSelected("First name")
		if w.PreviewButton.Disabled() {
			t.Error("the corrected mapping still cannot be previewed")
		}
	})
}

func TestImportWindowPreviewImportAndResult(t *testing.T) {
	svc := &fakeImports{table: importSheet(4, 2)}
	w := openMapping(t, svc)
	test.Tap(w.PreviewButton)
	if w.Summary == nil || !strings.Contains(w.Summary.Text, "6 rows: 4 to add") || !strings.Contains(w.Summary.Text, "2 refused") {
		t.Fatalf("preview %v", w.Summary)
	}
	if len(svc.stored) != 0 {
		t.Fatal("the preview stored something")
	}
	test.Tap(w.ImportButton)
	if w.Progress.Value != 4 || w.ProgressText.Text != "4 of 4 rows stored" {
		t.Errorf("progress %v, %q", w.Progress.Value, w.ProgressText.Text)
	}
	if len(svc.stored) != 1 || !strings.Contains(w.Result.Text, "Import 1 done: 6 rows: 4 added") {
		t.Errorf("stored %v, result %q", svc.stored, w.Result.Text)
	}
	if len(svc.problems) != 1 || svc.problems[0] != "/data/team-problems.xlsx" || !strings.Contains(w.Result.Text, "/data/team-problems.xlsx") {
		t.Errorf("problems saved to %v; result %q", svc.problems, w.Result.Text)
	}
}

func TestImportWindowCancelStoresNothing(t *testing.T) {
	svc := &fakeImports{table: importSheet(10, 0)}
	w := openMapping(t, svc)
	test.Tap(w.PreviewButton)
	svc.during = func(done int) {
		if done == 3 {
			test.Tap(w.CancelButton)
		}
	}
	test.Tap(w.ImportButton)
	if len(svc.stored) != 0 || w.Result.Text != "Import cancelled: nothing was stored." {
		t.Errorf("stored %v, result %q", svc.stored, w.Result.Text)
	}
}

func TestImportWindowListsEarlierImportsWithUndo(t *testing.T) {
	a := test.NewTempApp(t)
	RunInForeground()
	svc := &fakeImports{table: importSheet(1, 0), batches: []importing.Batch{
		{ID: 2, FileName: "b.csv", Added: 3, Pending: 3, By: "Jo", At: importNow},
		{ID: 1, FileName: "a.xlsx", Added: 5, By: "Jo", At: importNow, UndoneAt: importNow},
	}}
	w := ShowImport(a, svc, nil)
	texts := labelsIn(w.win.Content())
	joined := strings.Join(texts, "\n")
	if !strings.Contains(joined, "Import 2,") || !strings.Contains(joined, "(3 to confirm)") || !strings.Contains(joined, "a.xlsx, 5 added, 0 linked, 0 refused, by Jo. Undone.") {
		t.Errorf("earlier imports:\n%s", joined)
	}
}

// labelsIn lists the text of every label under o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x.Text)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, labelsIn(c)...)
		}
	case *container.Scroll:
		out = append(out, labelsIn(x.Content)...)
	}
	return out
}

func TestImportLabel(t *testing.T) {
	tests := []struct {
		name string
		c    importing.Counts
		want string
	}{
		{"a row repeated in the sheet is not counted as a link", importing.Counts{Added: 36, SameAs: 1}, "Import: add 36 people"},
		{"people already known are linked", importing.Counts{Added: 1, Linked: 2}, "Import: add 1 person, link 2 already known"},
		{"nobody new", importing.Counts{Linked: 3}, "Import: add 0 people, link 3 already known"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importLabel(tt.c); got != tt.want {
				t.Errorf("importLabel = %q, want %q", got, tt.want)
			}
		})
	}
}
