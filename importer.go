package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dspdesk/app"
	"dspdesk/app/demo"
	"dspdesk/app/importing"
	"dspdesk/app/sheet"
	"dspdesk/forms"
)

// The backend's import and register export (forms.ImportService and the
// export of forms.RegisterSource): the use case in app/importing, the
// spreadsheets in app/sheet, the same as dspctl import and export-register.

func (b *backend) importer() importing.Importer { return importing.NewImporter(b.store, b.Service) }

// ImportSheets lists a workbook's sheets.
func (b *backend) ImportSheets(path string) ([]string, error) { return sheet.Sheets(path) }

// ReadImport reads a register file.
func (b *backend) ReadImport(path, sheetName string) (*importing.Table, error) {
	return sheet.Read(path, sheetName)
}

// ImportMapping proposes the saved mapping, else the guess.
func (b *backend) ImportMapping(ctx context.Context, t *importing.Table) (importing.Mapping, bool, error) {
	return b.importer().Mapping(ctx, t)
}

// PreviewImport plans the import; nothing is stored.
func (b *backend) PreviewImport(ctx context.Context, t *importing.Table, m importing.Mapping) (importing.Plan, error) {
	return b.importer().Preview(ctx, t, m)
}

// RunImport stores the plan as one batch.
func (b *backend) RunImport(ctx context.Context, plan importing.Plan, progress func(done, total int)) (importing.Batch, error) {
	return b.importer().Import(ctx, plan, progress)
}

// SaveImportProblems writes the refused rows to a workbook at path, whole
// or not at all.
func (b *backend) SaveImportProblems(plan importing.Plan, path string) error {
	var buf bytes.Buffer
	if err := sheet.WriteProblems(&buf, plan); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return err
	}
	ctx := context.Background()
	if err := b.store.LogExport(ctx, b.Service.Actor(ctx), "import_problems", 0,
		fmt.Sprintf("import problems workbook (%d rows) %s", len(plan.Refused()), filepath.Base(path))); err != nil {
		os.Remove(tmp) //nolint:errcheck // best effort: the export failed already
		return err
	}
	return os.Rename(tmp, path)
}

// ImportBatches lists the imports, newest first.
func (b *backend) ImportBatches(ctx context.Context) ([]importing.Batch, error) {
	return b.importer().Batches(ctx)
}

// UndoImport removes a whole batch as imported in error.
func (b *backend) UndoImport(ctx context.Context, batchID int64) (importing.Batch, error) {
	return b.importer().Undo(ctx, batchID)
}

// ExportRegister writes the rows shown as a workbook or CSV and records
// the export in the audit log.
func (b *backend) ExportRegister(ctx context.Context, reg app.Register, rows []app.RegisterRow, w io.Writer, fileName string) (app.RegisterExport, error) {
	e := app.ExportRegister(reg.String(), rows, b.Service.Clock.Now())
	if err := sheet.WriteRegister(w, fileName, e); err != nil {
		return e, err
	}
	what := fmt.Sprintf("%s export (%d rows) %s", reg, len(e.Rows), fileName)
	return e, b.store.LogExport(ctx, b.Service.Actor(ctx), "register", int64(reg), what)
}

// openImport opens File > Import a register for --open: "import" at its
// first step; "import-mapping" and "import-preview" with a synthetic sample
// register (written to a temporary folder) at the mapping or the preview.
func openImport(w *forms.MainWindow, which string) {
	iw := w.ShowImport()
	if which == "import" {
		return
	}
	path, err := writeSample()
	if err != nil {
		return
	}
	iw.Open(path, func() {
		if which == "import-preview" {
			iw.Preview()
		}
	})
}

// writeSample writes the sample register into a new temporary folder.
func writeSample() (string, error) {
	dir, err := os.MkdirTemp("", "dspdesk-sample-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "team-register.csv")
	return path, os.WriteFile(path, []byte(demo.SampleRegisterCSV()), 0o600)
}

// importSample imports the sample register into the demo database through
// the import use case, then shows the DSR filtered to "Needs attention"
// (--open imported, for screenshots and guides; --demo only), or the record
// of personID when given (opened again, now that the import is stored).
func importSample(ctx context.Context, w *forms.MainWindow, b *backend, personID int64) {
	path, err := writeSample()
	if err != nil {
		return
	}
	t, err := b.ReadImport(path, "")
	if err != nil {
		return
	}
	m, _, err := b.ImportMapping(ctx, t)
	if err != nil {
		return
	}
	plan, err := b.PreviewImport(ctx, t, m)
	if err != nil {
		return
	}
	if _, err := b.RunImport(ctx, plan, nil); err != nil {
		return
	}
	w.Select(forms.ScreenDSR)
	w.RegisterScreen(app.DSR).Reload()
	w.RegisterScreen(app.DSR).SetNeedsAttention(true)
	if personID != 0 {
		w.OpenPerson(personID)
	}
}
