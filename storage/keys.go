package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"dspdesk/app"
)

// KeyStore keeps the audit log's secret key and its anchor outside the
// database file, by name. The names are "key-<database id>" and
// "anchor-<database id>": a file that is copied, moved, backed up or
// restored keeps its id, so it still finds its key.
type KeyStore interface {
	// Get returns the value stored under name, or an error wrapping
	// ErrNoKey when there is none.
	Get(name string) (string, error)
	// Set stores value under name, replacing any value there.
	Set(name, value string) error
	// Where says in words which store holds name ("" when none does).
	Where(name string) string
}

// ErrNoKey is a name the key store does not hold.
var ErrNoKey = errors.New("no such key on this computer")

// keyName is what a key store may be asked for: a safe file name.
var keyName = regexp.MustCompile(`^(key|anchor)-[0-9a-f]{32}$`)

// FileKeys keeps each value in its own file in a folder only its owner may
// open (0700, files 0600), written whole by a rename.
type FileKeys struct{ Dir string }

// Get implements KeyStore.
func (f FileKeys) Get(name string) (string, error) {
	if !keyName.MatchString(name) {
		return "", fmt.Errorf("storage: key name %q: %w", name, ErrNoKey)
	}
	b, err := os.ReadFile(filepath.Join(f.Dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("storage: %s: %w", name, ErrNoKey)
	}
	if err != nil {
		return "", fmt.Errorf("storage: read the key file: %w", err)
	}
	return string(b), nil
}

// Set implements KeyStore.
func (f FileKeys) Set(name, value string) error {
	if !keyName.MatchString(name) {
		return fmt.Errorf("storage: key name %q is not one DSP Desk uses", name)
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return fmt.Errorf("storage: create the key folder: %w", err)
	}
	_ = os.Chmod(f.Dir, 0o700)
	tmp, err := os.CreateTemp(f.Dir, "."+name+".*")
	if err != nil {
		return fmt.Errorf("storage: write the key file: %w", err)
	}
	_, err = tmp.WriteString(value)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(f.Dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("storage: write the key file: %w", err)
	}
	return nil
}

// Where implements KeyStore.
func (f FileKeys) Where(name string) string {
	if _, err := f.Get(name); err != nil {
		return ""
	}
	return "the key file " + filepath.Join(f.Dir, name)
}

// keyringService is the service name the credential store lists.
const keyringService = "DSP Desk audit key"

// keyringTimeout bounds a credential-store call: a store that does not
// answer (a locked or missing Secret Service) must not hang DSP Desk.
const keyringTimeout = 3 * time.Second

// credentialStore is the operating system's credential store (Windows
// Credential Manager, the macOS Keychain, the Secret Service on Linux),
// through github.com/zalando/go-keyring. After one call that does not
// answer in time it is not asked again by this process.
type credentialStore struct {
	mu   sync.Mutex
	dead bool
}

func (c *credentialStore) call(fn func() error) error {
	c.mu.Lock()
	dead := c.dead
	c.mu.Unlock()
	if dead {
		return errNoCredentialStore
	}
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringTimeout):
		c.mu.Lock()
		c.dead = true
		c.mu.Unlock()
		return errNoCredentialStore
	}
}

var errNoCredentialStore = errors.New("the credential store did not answer")

func (c *credentialStore) Get(name string) (string, error) {
	var v string
	err := c.call(func() (err error) { v, err = keyring.Get(keyringService, name); return err })
	if errors.Is(err, keyring.ErrNotFound) {
		return "", fmt.Errorf("storage: %s: %w", name, ErrNoKey)
	}
	return v, err
}

func (c *credentialStore) Set(name, value string) error {
	return c.call(func() error { return keyring.Set(keyringService, name, value) })
}

func (c *credentialStore) Where(name string) string {
	if _, err := c.Get(name); err != nil {
		return ""
	}
	return credentialStoreName()
}

// credentialStoreName names the operating system's credential store.
func credentialStoreName() string {
	switch runtime.GOOS {
	case "windows":
		return "Windows Credential Manager"
	case "darwin":
		return "the macOS Keychain"
	}
	return "the Secret Service (the desktop's keyring)"
}

// systemKeys is the credential store when there is one that answers, and
// the key file in the user's config folder otherwise.
type systemKeys struct {
	ring *credentialStore // nil where there is none (no D-Bus session)
	file FileKeys
}

// SystemKeys is the key store DSP Desk uses for a user's own databases:
// the operating system's credential store, falling back to owner-only key
// files in the user's config folder (dspdesk/keys) when no credential
// store answers. On Linux without a D-Bus session (a server, CI) it does
// not try the credential store at all.
func SystemKeys() KeyStore {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	s := &systemKeys{file: FileKeys{Dir: filepath.Join(dir, "dspdesk", "keys")}}
	if hasCredentialStore() {
		s.ring = &credentialStore{}
	}
	return s
}

// hasCredentialStore is false where asking would only wait for a timeout:
// Linux and the BSDs without a D-Bus session bus.
func hasCredentialStore() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DBUS_SESSION_BUS_ADDRESS") != ""
}

func (s *systemKeys) Get(name string) (string, error) {
	if v, err := s.file.Get(name); err == nil {
		return v, nil
	}
	if s.ring == nil {
		return "", fmt.Errorf("storage: %s: %w", name, ErrNoKey)
	}
	v, err := s.ring.Get(name)
	if err != nil && !errors.Is(err, ErrNoKey) {
		return "", fmt.Errorf("storage: %s: %w (%v)", name, ErrNoKey, err)
	}
	return v, err
}

// Set writes where the value already is, else to the credential store,
// else to the key file.
func (s *systemKeys) Set(name, value string) error {
	if s.file.Where(name) == "" && s.ring != nil {
		if err := s.ring.Set(name, value); err == nil {
			return nil
		}
	}
	return s.file.Set(name, value)
}

func (s *systemKeys) Where(name string) string {
	if w := s.file.Where(name); w != "" {
		return w
	}
	if s.ring != nil {
		return s.ring.Where(name)
	}
	return ""
}

// memoryKeys keeps values in memory: test binaries use it, so that no test
// ever writes into the real credential store or the user's key folder.
type memoryKeys struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *memoryKeys) Get(name string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[name]
	if !ok {
		return "", fmt.Errorf("storage: %s: %w", name, ErrNoKey)
	}
	return v, nil
}

func (k *memoryKeys) Set(name, value string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[name] = value
	return nil
}

func (k *memoryKeys) Where(name string) string {
	if _, err := k.Get(name); err != nil {
		return ""
	}
	return "memory (a test)"
}

var testKeys = &memoryKeys{m: map[string]string{}}

// DefaultKeys is the key store Open uses without WithKeys: the folder
// named by DSPDESK_KEY_DIR when it is set, else SystemKeys. Inside a test
// binary it is a store in memory, never the real credential store.
func DefaultKeys() KeyStore {
	if dir := os.Getenv("DSPDESK_KEY_DIR"); dir != "" {
		return FileKeys{Dir: dir}
	}
	if testing.Testing() {
		return testKeys
	}
	return SystemKeys()
}

// WithKeys makes the store keep its audit key and anchor in ks (--demo and
// tests use a FileKeys in a temporary folder).
func WithKeys(ks KeyStore) Option { return func(s *Store) { s.keys = ks } }

// ErrKeyStore says the audit key or its anchor could not be kept outside the
// database (the config folder cannot be written, or the credential store
// refused). Its sentence is what the user reads; the cause is kept for logs.
var ErrKeyStore = app.NewKindError(app.KindKeyMissing, "the audit log's key could not be kept on this computer: check that your config folder can be written (or that the credential store is unlocked), then try again")

// keyStoreError is ErrKeyStore with its cause.
type keyStoreError struct{ cause error }

func (e keyStoreError) Error() string   { return ErrKeyStore.Error() }
func (e keyStoreError) Unwrap() []error { return []error{ErrKeyStore, e.cause} }

// setKey stores value under ref in ks, an ErrKeyStore when it cannot.
func setKey(ks KeyStore, ref, value string) error {
	if err := ks.Set(ref, value); err != nil {
		return keyStoreError{err}
	}
	return nil
}
