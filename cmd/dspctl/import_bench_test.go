package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dspdesk/app"
	"dspdesk/app/importing"
	"dspdesk/app/sheet"
	"dspdesk/storage"
)

// The figures: preview then import of a 10,000-row sheet in under
// 10 s and 300 MB; export of 100,000 rows in under 10 s. Benchmarks run
// only with -bench, so the large fixtures are never made by go test alone:
//
//	go test -tags migrated_fynedo -run '^$' -bench 'Import10k|Export100k' -benchmem ./cmd/dspctl/

// benchWorkbook writes a register workbook of n people (test-range NHS
// numbers, dates as Excel dates, a title row above the header) to dir.
func benchWorkbook(tb testing.TB, dir string, n int) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	dates, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"Team register (synthetic)"})
	sw.SetRow("A2", []any{"Surname", "Forename", "DOB", "NHS No", "LA", "RAG", "Register", "Keyworker", "Last MAM", "Notes"})
	body := 0
	for i := range n {
		var nhs app.NHSNumber
		for ok := false; !ok; body++ {
			nhs, ok = app.TestNHSNumber(200_000 + body)
		}
		rag := []string{"R", "A", "G", "B"}[i%4]
		reg := map[string]string{"R": "ROAR", "A": "DSR", "G": "DSR", "B": "DSR"}[rag]
		row := []any{fmt.Sprintf("Benchperson%d", i), "Sam", excelize.Cell{Value: time.Date(1960+i%60, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), StyleID: dates},
			nhs.String(), []string{"Leicester", "Leicestershire", "Rutland"}[i%3], rag, reg, "Kim Keyworker",
			excelize.Cell{Value: time.Date(2026, time.Month(1+i%10), 1+i%28, 0, 0, 0, 0, time.UTC), StyleID: dates}, "Synthetic row"}
		axis, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(axis, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("register-%d.xlsx", n))
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

func BenchmarkImport10k(b *testing.B) {
	dir := b.TempDir()
	path := benchWorkbook(b, dir, 10_000)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s, err := storage.Open(ctx, filepath.Join(dir, fmt.Sprintf("bench-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		tab, err := sheet.Read(path, "")
		if err != nil {
			b.Fatal(err)
		}
		im := importing.NewImporter(s, app.NewService(s, nil, "bench"))
		plan, err := im.Preview(ctx, tab, importing.GuessMapping(tab.Header))
		if err != nil {
			b.Fatal(err)
		}
		batch, err := im.Import(ctx, plan, nil)
		if err != nil || batch.Added != 10_000 {
			b.Fatalf("added %d: %v", batch.Added, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// exportRows are n synthetic register rows.
func exportRows(n int) []app.RegisterRow {
	rows := make([]app.RegisterRow, n)
	for i := range rows {
		nhs, _ := app.TestNHSNumber(i % 999_999)
		rows[i] = app.RegisterRow{RegistrationID: int64(i + 1), PersonID: int64(i + 1), Register: app.DSR, Rating: app.Rating(1 + i%4),
			GivenName: "Sam", FamilyName: fmt.Sprintf("Exportperson%d", i), NHSNumber: nhs, DateOfBirth: app.Date(1960+i%60, 1+time.Month(i%12), 1+i%28),
			LocalAuthority: app.LocalAuthority(1 + i%4), Since: app.Date(2025, 1, 1), LastMAM: app.Date(2026, 3, 1), ReviewDue: app.Date(2026, 12, 1),
			OpenActions: i % 3, Organiser: "DSP team", Consent: app.ConsentState(i % 3)}
	}
	return rows
}

func BenchmarkExport100k(b *testing.B) {
	rows := exportRows(100_000)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)
	for _, name := range []string{"dsr.xlsx", "dsr.csv"} {
		b.Run(name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), name)
			b.ReportAllocs()
			for range b.N {
				f, err := os.Create(out)
				if err != nil {
					b.Fatal(err)
				}
				e := app.ExportRegister("DSR", rows, now)
				if err := sheet.WriteRegister(f, name, e); err != nil {
					b.Fatal(err)
				}
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
