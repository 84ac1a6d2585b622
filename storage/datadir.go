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
//   - Windows: %AppData%\DSP Desk, or <home>\AppData\Roaming\DSP Desk when
//     %AppData% is unset or not an absolute path
//   - macOS:   ~/Library/Application Support/DSP Desk
//   - others:  $XDG_DATA_HOME/dspdesk, or ~/.local/share/dspdesk
//
// getenv looks up environment variables and home is the user's home folder;
// they are parameters so every platform's rule is testable anywhere.
func DataDirFor(goos string, getenv func(string) string, home string) (string, error) {
	switch goos {
	case "windows":
		if dir := strings.TrimSpace(getenv("AppData")); winAbs(dir) {
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

// winJoin joins Windows path parts with backslashes whatever OS runs it,
// and writes any forward slash in them as a backslash.
func winJoin(parts ...string) string {
	out := strings.TrimRight(parts[0], `\/`)
	for _, p := range parts[1:] {
		out += `\` + strings.Trim(p, `\/`)
	}
	return strings.ReplaceAll(out, "/", `\`)
}

// winAbs reports whether p is an absolute Windows path: on a drive (C:\...)
// or a network share (\\server\share\...).
func winAbs(p string) bool {
	if strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, "//") {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') &&
		('A' <= p[0] && p[0] <= 'Z' || 'a' <= p[0] && p[0] <= 'z')
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
