package storage

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
)

// FileName is the database's file name in the data folder.
const FileName = "dspdesk.db"

// DataDirFor returns the folder a desktop app is expected to keep its data
// in, for the given operating system:
//   - Windows: %AppData%\DSP Desk
//   - macOS:   ~/Library/Application Support/DSP Desk
//   - others:  $XDG_DATA_HOME/dspdesk, or ~/.local/share/dspdesk
//
// getenv looks up environment variables and home is the user's home folder;
// they are parameters so every platform's rule is testable anywhere.
func DataDirFor(goos string, getenv func(string) string, home string) (string, error) {
	switch goos {
	case "windows":
		if dir := getenv("AppData"); dir != "" {
			return winJoin(dir, "DSP Desk"), nil
		}
		if home != "" {
			return winJoin(home, `AppData\Roaming`, "DSP Desk"), nil
		}
	case "darwin":
		if home != "" {
			return path.Join(filepath.ToSlash(home), "Library", "Application Support", "DSP Desk"), nil
		}
	default:
		if dir := getenv("XDG_DATA_HOME"); strings.HasPrefix(dir, "/") {
			return path.Join(dir, "dspdesk"), nil
		}
		if home != "" {
			return path.Join(filepath.ToSlash(home), ".local", "share", "dspdesk"), nil
		}
	}
	return "", errors.New("cannot tell where your data folder is: set --db to the database file to use")
}

// winJoin joins Windows path parts with backslashes whatever OS runs it.
func winJoin(parts ...string) string {
	out := strings.TrimRight(parts[0], `\/`)
	for _, p := range parts[1:] {
		out += `\` + strings.Trim(p, `\/`)
	}
	return out
}

// DataDir is this computer's data folder for DSP Desk.
func DataDir() (string, error) {
	home, _ := os.UserHomeDir()
	return DataDirFor(runtime.GOOS, os.Getenv, home)
}

// DefaultPath is the database file in this computer's data folder.
func DefaultPath() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}
