package storage

import (
	"testing"
)

func TestDataDirFor(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	appData := func(dir string) map[string]string { return map[string]string{"AppData": dir} }
	tests := []struct {
		name string
		goos string
		env  map[string]string
		home string
		want string
	}{
		// Windows: %AppData%\DSP Desk, whatever the user is called.
		{"Windows uses %AppData%", "windows", appData(`C:\Users\jo\AppData\Roaming`), `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk`},
		{"Windows copes with a space in the user name", "windows", appData(`C:\Users\Anne Marie\AppData\Roaming`), `C:\Users\Anne Marie`,
			`C:\Users\Anne Marie\AppData\Roaming\DSP Desk`},
		{"Windows copes with a non-ASCII user name", "windows", appData(`C:\Users\Zoë Ńowak\AppData\Roaming`), `C:\Users\Zoë Ńowak`,
			`C:\Users\Zoë Ńowak\AppData\Roaming\DSP Desk`},
		{"Windows copes with an apostrophe, hyphen and trailing backslash", "windows", appData(`C:\Users\Zoë O'Brien-Łukasz\AppData\Roaming\`), "",
			`C:\Users\Zoë O'Brien-Łukasz\AppData\Roaming\DSP Desk`},
		{"Windows drops several trailing separators", "windows", appData(`C:\Users\jo\AppData\Roaming\\/`), "",
			`C:\Users\jo\AppData\Roaming\DSP Desk`},
		{"Windows writes forward slashes in %AppData% as backslashes", "windows", appData(`C:/Users/Zoë Ńowak/AppData/Roaming/`), "",
			`C:\Users\Zoë Ńowak\AppData\Roaming\DSP Desk`},
		{"Windows keeps %AppData% at a drive's root", "windows", appData(`D:\`), "",
			`D:\DSP Desk`},
		{"Windows keeps a redirected %AppData% on a network share", "windows", appData(`\\fileserver\profiles$\Zoë Ńowak\AppData\Roaming`), `C:\Users\zn`,
			`\\fileserver\profiles$\Zoë Ńowak\AppData\Roaming\DSP Desk`},
		{"Windows without %AppData% falls back to the profile", "windows", nil, `C:\Users\Anne Marie`,
			`C:\Users\Anne Marie\AppData\Roaming\DSP Desk`},
		{"Windows falls back to a non-ASCII profile with a trailing backslash", "windows", nil, `C:\Users\Zoë Ńowak\`,
			`C:\Users\Zoë Ńowak\AppData\Roaming\DSP Desk`},
		{"Windows treats a blank %AppData% as missing", "windows", appData("  "), `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk`},
		{"Windows ignores a relative %AppData%", "windows", appData(`AppData\Roaming`), `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk`},
		{"Windows ignores XDG_DATA_HOME", "windows", map[string]string{"XDG_DATA_HOME": `C:\xdg`}, `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk`},

		// macOS: ~/Library/Application Support/DSP Desk.
		{"macOS uses Application Support", "darwin", nil, "/Users/jo smith", "/Users/jo smith/Library/Application Support/DSP Desk"},
		{"macOS copes with a non-ASCII user name", "darwin", nil, "/Users/Zoë Ńowak", "/Users/Zoë Ńowak/Library/Application Support/DSP Desk"},
		{"macOS drops a trailing slash", "darwin", nil, "/Users/Zoë Ńowak/", "/Users/Zoë Ńowak/Library/Application Support/DSP Desk"},
		{"macOS ignores XDG_DATA_HOME", "darwin", map[string]string{"XDG_DATA_HOME": "/data/xdg"}, "/Users/jo", "/Users/jo/Library/Application Support/DSP Desk"},

		// Linux and the BSDs: the XDG base directories.
		{"Linux honours XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": "/data/xdg"}, "/home/jo", "/data/xdg/dspdesk"},
		{"Linux honours an XDG_DATA_HOME with spaces and non-ASCII", "linux", map[string]string{"XDG_DATA_HOME": "/home/Zoë Ńowak/my data/"}, "/home/zn", "/home/Zoë Ńowak/my data/dspdesk"},
		{"Linux ignores a relative XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": "rel"}, "/home/jo", "/home/jo/.local/share/dspdesk"},
		{"Linux defaults to ~/.local/share", "linux", nil, "/home/jo", "/home/jo/.local/share/dspdesk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DataDirFor(tt.goos, env(tt.env), tt.home)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	for _, goos := range []string{"windows", "darwin", "linux"} {
		t.Run("on "+goos+" no home and no environment is a clear error", func(t *testing.T) {
			if got, err := DataDirFor(goos, env(nil), ""); err == nil {
				t.Errorf("got %q, want an error", got)
			}
		})
	}
	t.Run("on Windows a relative %AppData% and no home is a clear error", func(t *testing.T) {
		if got, err := DataDirFor("windows", env(appData("Roaming")), ""); err == nil {
			t.Errorf("got %q, want an error", got)
		}
	})
}
