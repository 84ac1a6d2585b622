package storage

import (
	"testing"
)

func TestDataDirFor(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		goos string
		env  map[string]string
		home string
		want string
	}{
		{"Windows uses %AppData%", "windows", map[string]string{"AppData": `C:\Users\jo\AppData\Roaming`}, `C:\Users\jo`,
			`C:\Users\jo\AppData\Roaming\DSP Desk`},
		{"Windows copes with spaces and non-ASCII user names", "windows", map[string]string{"AppData": `C:\Users\Zoë O'Brien-Łukasz\AppData\Roaming\`}, "",
			`C:\Users\Zoë O'Brien-Łukasz\AppData\Roaming\DSP Desk`},
		{"Windows without %AppData% falls back to the profile", "windows", nil, `C:\Users\Anne Marie`,
			`C:\Users\Anne Marie\AppData\Roaming\DSP Desk`},
		{"macOS uses Application Support", "darwin", nil, "/Users/jo smith", "/Users/jo smith/Library/Application Support/DSP Desk"},
		{"Linux honours XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": "/data/xdg"}, "/home/jo", "/data/xdg/dspdesk"},
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
	t.Run("no home and no environment is a clear error", func(t *testing.T) {
		if _, err := DataDirFor("linux", env(nil), ""); err == nil {
			t.Error("want an error")
		}
	})
}
