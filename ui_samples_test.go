package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/forms"
)

// TestWriteDialogSamples renders dialogs that screenshots.sh cannot reach
// without a mouse (schedule a MAM, record a MAM) into PNGs for a person to
// look at. It runs only when DSPDESK_UI_SAMPLES names a folder:
//
//	DSPDESK_UI_SAMPLES=/tmp/ui go test -tags migrated_fynedo -run TestWriteDialogSamples .
func TestWriteDialogSamples(t *testing.T) {
	dir := os.Getenv("DSPDESK_UI_SAMPLES")
	if dir == "" {
		t.Skip("set DSPDESK_UI_SAMPLES to a folder to write the samples")
	}
	w, store, b := openDesk(t, 120)
	w.Resize(fyne.NewSize(1280, 800))
	save := func(name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	w.OpenPerson(1)
	p := w.Body().(*forms.PersonScreen)
	save("person.png")
	schedule, _ := find(p, func(b *widget.Button) bool { return b.Text == "Schedule MAM" })
	test.Tap(schedule)
	save("schedule-mam.png")
	entry := inDialog(t, w, func(e *widget.Entry) bool { return e.PlaceHolder == "dd/mm/yyyy" })
	entry.SetText("25/12/2026")
	test.Tap(inDialog(t, w, func(b *widget.Button) bool { return b.Text == "Schedule" }))
	save("schedule-mam-refused.png")

	// the PDFs of the demo's first person, to render with pdftoppm
	rec, _ := store.PersonRecord(context.Background(), 1)
	for _, m := range rec.Meetings {
		for _, easy := range []bool{false, true} {
			var buf bytes.Buffer
			if err := b.FamilyAgendaPDF(context.Background(), m.ID, easy, &buf, "sample.pdf"); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("family-agenda-%d-easy-%v.pdf", m.ID, easy)), buf.Bytes(), 0o600)
		}
	}
	var plan bytes.Buffer
	if err := b.ActionPlanPDF(context.Background(), 1, 0, false, &plan, "sample.pdf"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "action-plan.pdf"), plan.Bytes(), 0o600)
}

// TestWriteFollowUpSamples renders the action and gap dialogs and writes
// the action plans and the gaps report, like TestWriteDialogSamples.
func TestWriteFollowUpSamples(t *testing.T) {
	dir := os.Getenv("DSPDESK_UI_SAMPLES")
	if dir == "" {
		t.Skip("set DSPDESK_UI_SAMPLES to a folder to write the samples")
	}
	w, store, b := openDesk(t, 200)
	ctx := context.Background()
	save := func(name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	closeDialogs := func() {
		for w.Canvas().Overlays().Top() != nil {
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
		}
	}
	rows, _ := store.OutstandingActions(ctx)
	var a app.ActionRow
	for _, r := range rows {
		if r.Status == app.ActionBlocked || a.ID == 0 {
			a = r
		}
	}
	forms.ShowAction(w, b, a.ID, deskNow, func() {}, func(int64) {})
	save("action.png")
	closeDialogs()
	forms.ShowAddAction(w, b, a.PersonID, 0, "Sam", deskNow, func(app.Action) {})
	test.Type(inDialog(t, w, func(e *widget.Entry) bool {
		return e.PlaceHolder == `dd/mm/yyyy, or "in 10 working days", "in 2 weeks"`
	}), "in 10 working days")
	save("action-add.png")
	closeDialogs()
	forms.ShowRaiseGapFromAction(w, b, a.Action, deskNow, func(app.Gap) {})
	save("gap-from-action.png")
	closeDialogs()
	forms.ShowRecordGap(w, b, nil, deskNow, func(app.Gap) {})
	test.Tap(inDialog(t, w, func(bt *widget.Button) bool { return bt.Text == "Record gap" }))
	save("gap-anonymous-refused.png")
	closeDialogs()

	for _, family := range []bool{false, true} {
		var buf bytes.Buffer
		if err := b.ActionPlanPDF(ctx, a.PersonID, 0, family, &buf, "sample.pdf"); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("action-plan-family-%v.pdf", family)), buf.Bytes(), 0o600)
	}
	var buf bytes.Buffer
	if err := b.GapReportPDF(ctx, app.Date(2025, 4, 1), app.DateOf(deskNow), &buf, "gaps.pdf"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gaps-report.pdf"), buf.Bytes(), 0o600)
	buf.Reset()
	if err := b.GapReportCSV(ctx, app.Date(2025, 4, 1), app.DateOf(deskNow), &buf, "gaps.csv"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gaps-report.csv"), buf.Bytes(), 0o600)
}
