package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// now is Tuesday 24 November 2026, 11:00 in London.
var now = time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dsp.db")
	s, err := Open(context.Background(), path, WithClock(app.FixedClock(now)))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func newService(s *Store) *app.Service {
	return app.NewService(s, app.FixedClock(now), "tester")
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("a new file is created at the latest schema with the default bank-holiday exceptions", func(t *testing.T) {
		s, _ := openTemp(t)
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != LatestSchemaVersion() || v < 1 {
			t.Fatalf("schema %d (%v), want %d", v, err, LatestSchemaVersion())
		}
		ex, err := s.HolidayExceptions(ctx)
		if err != nil || len(ex) != 18 {
			t.Errorf("%d exceptions (%v), want the 18 defaults", len(ex), err)
		}
	})
	t.Run("a new database file is readable by its owner only", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Windows has no Unix permissions")
		}
		_, path := openTemp(t)
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, %v", fi.Mode().Perm(), err)
		}
	})
	t.Run("reopening keeps the data and does not seed twice", func(t *testing.T) {
		s, path := openTemp(t)
		svc := newService(s)
		if _, err := svc.SubmitReferral(ctx, apptest.Referral(apptest.Child(), now), app.SubmitOptions{}); err != nil {
			t.Fatal(err)
		}
		seen, _ := s.HolidayExceptions(ctx)
		if err := s.SaveHolidayExceptions(ctx, "tester", seen, nil); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		if p, err := s2.Person(ctx, 1); err != nil || p.FamilyName != "Testperson" {
			t.Errorf("person 1 = %+v, %v", p, err)
		}
		if ex, _ := s2.HolidayExceptions(ctx); len(ex) != 0 {
			t.Errorf("removed exceptions came back: %d", len(ex))
		}
	})
	t.Run("a file that is not a database is refused and left untouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte("these are someone's notes, not a database\n")
		os.WriteFile(path, content, 0o600)
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrNotDSPDesk) {
			t.Fatalf("err = %v, want ErrNotDSPDesk", err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(content) {
			t.Error("the file was changed")
		}
	})
	t.Run("another program's SQLite database is refused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		s, _ := Open(ctx, filepath.Join(t.TempDir(), "x.db"))
		s.Close()
		other := openRaw(t, path)
		other.Exec("CREATE TABLE songs(id INTEGER PRIMARY KEY, title TEXT)")
		other.Close()
		if _, err := Open(ctx, path); !errors.Is(err, ErrNotDSPDesk) {
			t.Fatalf("err = %v, want ErrNotDSPDesk", err)
		}
	})
	t.Run("a database from a newer version is refused", func(t *testing.T) {
		s, path := openTemp(t)
		s.rw.Exec("PRAGMA user_version = 999")
		s.Close()
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrTooNew) {
			t.Fatalf("err = %v, want ErrTooNew", err)
		}
	})
	t.Run("a path with a question mark is refused", func(t *testing.T) {
		if _, err := Open(ctx, filepath.Join(t.TempDir(), "what?.db")); !errors.Is(err, ErrPath) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestClosedStoreRefusesCalmly(t *testing.T) {
	s, _ := openTemp(t)
	s.Close()
	if err := s.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := s.Settings(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Settings after Close: %v", err)
	}
	if _, err := s.SaveDraft(context.Background(), "x", app.Draft{}); !errors.Is(err, ErrClosed) {
		t.Errorf("SaveDraft after Close: %v", err)
	}
}
