package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dspdesk/app"
	"dspdesk/app/sheet"
)

// TestImportThroughTheRealWiring imports the sample register through the
// main window's import window over the real backend and storage, then
// exports the DSR the register screen shows.
func TestImportThroughTheRealWiring(t *testing.T) {
	w, s, b := openDesk(t, 10)
	ctx := context.Background()
	path, err := writeSample()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(filepath.Dir(path))
	before, _ := s.Stats(ctx)

	iw := w.ShowImport()
	iw.Open(path, nil)
	if iw.PreviewButton == nil || iw.PreviewButton.Disabled() {
		t.Fatalf("the sample's mapping cannot be previewed: %v", iw.MappingProblems)
	}
	test.Tap(iw.PreviewButton)
	if !strings.Contains(iw.Summary.Text, "41 rows: 36 to add") || !strings.Contains(iw.Summary.Text, "4 refused") {
		t.Fatalf("preview %q", iw.Summary.Text)
	}
	test.Tap(iw.ImportButton)
	if !strings.Contains(iw.Result.Text, "36 added") {
		t.Fatalf("result %q", iw.Result.Text)
	}
	after, _ := s.Stats(ctx)
	if after.People != before.People+36 {
		t.Errorf("%d people, want %d", after.People, before.People+36)
	}
	problems := strings.TrimSuffix(path, ".csv") + "-problems.xlsx"
	back, err := sheet.Read(problems, "")
	if err != nil || len(back.Rows) != 4 {
		t.Fatalf("problems workbook: %v, %+v", err, back)
	}

	// the DSR's needs-attention filter lists the imported people, and the
	// rows shown export
	dsr := w.RegisterScreen(app.DSR)
	dsr.Reload()
	dsr.SetNeedsAttention(true)
	imported := 0
	for _, r := range dsr.Rows() {
		if r.ConsentUnconfirmed {
			imported++
		}
	}
	if imported == 0 {
		t.Fatal("no imported person needs attention on the DSR")
	}
	var buf bytes.Buffer
	e, err := dsr.WriteExport(&buf, "dsr.csv")
	if err != nil || len(e.Rows)+e.LeftOut != len(dsr.Rows()) || !bytes.Contains(buf.Bytes(), []byte("Not yet confirmed (imported)")) {
		t.Errorf("export of %d rows (%d left out): %v", len(e.Rows), e.LeftOut, err)
	}
	trail, err := s.AuditTrail(ctx, "register", int64(app.DSR))
	if err != nil || len(trail) == 0 || !strings.Contains(trail[len(trail)-1].Changes[0].New, "dsr.csv") {
		t.Errorf("export audit %+v %v", trail, err)
	}

	// and the whole import can be undone
	batches, _ := b.ImportBatches(ctx)
	if len(batches) != 1 || batches[0].Pending != 36 {
		t.Fatalf("batches %+v", batches)
	}
	if _, err := b.UndoImport(ctx, batches[0].ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.People != before.People {
		t.Errorf("%d people after the undo, want %d", st.People, before.People)
	}
}
