package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dspdesk/storage"
)

func TestVersionMatchesFyneAppToml(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != version {
		t.Errorf("FyneApp.toml version %q, main.version %q", m, version)
	}
	id := regexp.MustCompile(`(?m)^\s*ID\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if id == nil || string(id[1]) != appID {
		t.Errorf("FyneApp.toml ID %q, appID %q", id, appID)
	}
	if !bytes.Contains(b, []byte("fyneDo = true")) {
		t.Error("FyneApp.toml must set [Migrations] fyneDo = true")
	}
}

func TestParseFlags(t *testing.T) {
	t.Run("no flags open the data folder's database on Today", func(t *testing.T) {
		o, err := parseFlags(nil, &bytes.Buffer{})
		want, _ := storage.DefaultPath()
		if err != nil || o.db != want || o.screen != "today" || o.demo {
			t.Errorf("got %+v, %v", o, err)
		}
	})
	t.Run("--db, --demo and --screen are read", func(t *testing.T) {
		o, err := parseFlags([]string{"--db", "/tmp/x y/d.db", "--demo", "--screen", "roar"}, &bytes.Buffer{})
		if err != nil || o.db != "/tmp/x y/d.db" || !o.demo || o.screen != "roar" {
			t.Errorf("got %+v, %v", o, err)
		}
	})
	t.Run("--help says where the data folder is", func(t *testing.T) {
		var out bytes.Buffer
		_, err := parseFlags([]string{"--help"}, &out)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "Your data folder:") || !strings.Contains(out.String(), "-demo") {
			t.Errorf("help: %v\n%s", err, out.String())
		}
	})
	t.Run("--size sets the window size and refuses nonsense", func(t *testing.T) {
		o, err := parseFlags([]string{"--size", "1024x640"}, &bytes.Buffer{})
		if err != nil || o.size.Width != 1024 || o.size.Height != 640 {
			t.Errorf("got %+v, %v", o.size, err)
		}
		if _, err := parseFlags([]string{"--size", "big"}, &bytes.Buffer{}); err == nil {
			t.Error("--size big must be refused")
		}
	})
	t.Run("an unknown flag is an error", func(t *testing.T) {
		if _, err := parseFlags([]string{"--nope"}, &bytes.Buffer{}); err == nil {
			t.Error("want an error")
		}
	})
}

func TestOpenProblemSaysWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte("not a database at all, just some text\n"), 0o600)
	_, err := storage.Open(context.Background(), path)
	msg := openProblem(path, err)
	for _, want := range []string{path, "not a DSP Desk database", "Nothing has been changed"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	// restoring a backup is offered for damage only (app.CannotOpen's table test covers each kind)
	if strings.Contains(msg, "dspctl restore") {
		t.Errorf("a file that is not ours is not fixed by a restore:\n%s", msg)
	}
	if msg := openProblem(path, storage.ErrCorrupt); !strings.Contains(msg, "dspctl restore BACKUP-FILE") {
		t.Errorf("a damaged database should suggest a restore:\n%s", msg)
	}
}

func TestOpenProblemForAKeyThatCannotBeKeptIsASentence(t *testing.T) {
	dir := t.TempDir()
	notAFolder := filepath.Join(dir, "not-a-folder")
	os.WriteFile(notAFolder, nil, 0o600)
	path := filepath.Join(dir, "new.db")
	_, err := storage.Open(context.Background(), path, storage.WithKeys(storage.FileKeys{Dir: notAFolder}))
	msg := openProblem(path, err)
	if !strings.Contains(msg, "could not be kept on this computer") {
		t.Errorf("message:\n%s", msg)
	}
	for _, goText := range []string{"mkdir", "not a directory", "migrate to schema", "reference"} {
		if strings.Contains(msg, goText) {
			t.Errorf("message has %q:\n%s", goText, msg)
		}
	}
}
