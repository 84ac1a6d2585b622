package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"

	"dspdesk/app"
)

func TestOpenSaysWhatIsWrongWithTheFile(t *testing.T) {
	ctx := context.Background()
	t.Run("a file with the app's id but not its tables is damaged, and stays as it was", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "odd.db")
		raw, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{fmt.Sprintf("PRAGMA application_id = %d", applicationID), "PRAGMA user_version = 3", "CREATE TABLE notes(x TEXT)"} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		raw.Close()
		_, err = Open(ctx, path)
		if !errors.Is(err, ErrMissingTables) || app.KindOf(err) != app.KindCorrupt {
			t.Errorf("Open: %v (kind %v), want ErrMissingTables", err, app.KindOf(err))
		}
		// no migration ran over it (that bytes stay the same is the open path's own test)
		raw, _ = sql.Open("sqlite3", path+"?mode=ro")
		defer raw.Close()
		var n int
		if raw.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'people'").Scan(&n); n != 0 {
			t.Error("opening created tables in it")
		}
		if _, err := Check(ctx, path); !errors.Is(err, ErrMissingTables) {
			t.Errorf("Check: %v, want ErrMissingTables", err)
		}
	})
	t.Run("each open failure has the kind its cause fits", func(t *testing.T) {
		cases := []struct {
			err  error
			want app.Kind
		}{
			{&fs.PathError{Op: "mkdir", Path: "x", Err: fs.ErrPermission}, app.KindReadOnly},
			{&fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, app.KindReadOnly},
			{&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, app.KindDiskFull},
			{errors.New("something else"), app.KindUnexpected},
		}
		for _, c := range cases {
			if got := app.KindOf(classifyOpen(c.err)); got != c.want {
				t.Errorf("%v: kind %v, want %v", c.err, got, c.want)
			}
		}
	})
}

func TestABackupMadeButNotRecordedSaysSo(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	// the database turns read-only under the store (its one writer connection)
	if _, err := s.rw.Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "b.db")
	err := s.Backup(ctx, dest)
	if !errors.Is(err, ErrBackupNotRecorded) {
		t.Fatalf("Backup: %v, want ErrBackupNotRecorded", err)
	}
	if rep, err := Check(ctx, dest); err != nil || rep.Err() != nil {
		t.Errorf("the backup is not in place and good: %v %v", err, rep.Err())
	}
}
