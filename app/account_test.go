package app

import (
	"context"
	"testing"
)

func TestAccountName(t *testing.T) {
	cases := []struct {
		name, goos, username, domain, want string
	}{
		{"a Windows account keeps its domain", "windows", `NHS\jsmith`, "", `NHS\jsmith`},
		{"a Windows account without one gets the logon domain", "windows", "jsmith", "NHS", `NHS\jsmith`},
		{"a Windows account with no domain known is the user name", "windows", "jsmith", "", "jsmith"},
		{"a Windows domain in the user name wins over the environment's", "windows", `LPT\jsmith`, "NHS", `LPT\jsmith`},
		{"a macOS account is the user name", "darwin", "jsmith", "", "jsmith"},
		{"a Linux account is the user name, whatever the domain", "linux", "jsmith", "NHS", "jsmith"},
		{"spaces around are trimmed", "linux", " jsmith ", "", "jsmith"},
		{"no user name is unknown", "linux", "", "", "unknown"},
		{"no user name on Windows is unknown even with a domain", "windows", "", "NHS", "unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := AccountName(c.goos, c.username, c.domain); got != c.want {
				t.Errorf("AccountName(%q, %q, %q) = %q, want %q", c.goos, c.username, c.domain, got, c.want)
			}
		})
	}
}

func TestActorIsTheAccountNotTheDisplayName(t *testing.T) {
	t.Run("a display name in settings does not replace the account", func(t *testing.T) {
		st := &settingsOnly{set: Settings{DisplayName: "Jo Smith"}}
		s := NewService(st, FixedClock{}, `NHS\jsmith`)
		if got := s.Actor(t.Context()); got != `NHS\jsmith` {
			t.Errorf("Actor = %q, want the account NHS\\jsmith", got)
		}
	})
	t.Run("no account given is unknown", func(t *testing.T) {
		s := NewService(&settingsOnly{}, FixedClock{}, "")
		if got := s.Actor(t.Context()); got != "unknown" {
			t.Errorf("Actor = %q, want unknown", got)
		}
	})
}

// settingsOnly is a Store that answers only Settings.
type settingsOnly struct {
	Store
	set Settings
}

func (s *settingsOnly) Settings(context.Context) (Settings, error) { return s.set, nil }
