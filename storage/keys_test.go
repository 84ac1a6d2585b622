package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestKeyStores(t *testing.T) {
	t.Run("a key file is written whole, readable by its owner only", func(t *testing.T) {
		k := FileKeys{Dir: filepath.Join(t.TempDir(), "keys")}
		name := "key-" + strings.Repeat("ab", 16)
		if _, err := k.Get(name); !errors.Is(err, ErrNoKey) {
			t.Errorf("an absent key: %v", err)
		}
		if err := k.Set(name, "secret"); err != nil {
			t.Fatal(err)
		}
		if v, err := k.Get(name); err != nil || v != "secret" {
			t.Errorf("%q %v", v, err)
		}
		if runtime.GOOS != "windows" {
			fi, _ := os.Stat(filepath.Join(k.Dir, name))
			di, _ := os.Stat(k.Dir)
			if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
				t.Errorf("modes %v %v", fi.Mode(), di.Mode())
			}
		}
		if err := k.Set("../escape", "x"); err == nil {
			t.Error("a name that is not a key's was accepted")
		}
	})
	t.Run("without a D-Bus session the system store uses the key file at once", func(t *testing.T) {
		if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
			t.Skip("D-Bus is how Linux reaches its credential store")
		}
		home := t.TempDir()
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
		t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
		start := time.Now()
		ks := SystemKeys()
		name := "key-" + strings.Repeat("cd", 16)
		if err := ks.Set(name, "secret"); err != nil {
			t.Fatal(err)
		}
		v, err := ks.Get(name)
		if err != nil || v != "secret" {
			t.Fatalf("%q %v", v, err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("took %v: it waited for a credential store", took)
		}
		want := filepath.Join(home, "config", "dspdesk", "keys", name)
		if w := ks.Where(name); w != "the key file "+want {
			t.Errorf("where %q, want the key file %s", w, want)
		}
	})
	t.Run("a test binary's default store is never the real one", func(t *testing.T) {
		t.Setenv("DSPDESK_KEY_DIR", "")
		if _, ok := DefaultKeys().(*memoryKeys); !ok {
			t.Errorf("DefaultKeys() = %T", DefaultKeys())
		}
	})
}
