package app

import (
	"os"
	"os/user"
	"runtime"
	"strings"
)

// AccountName is the one rule for who the audit log names on a SQLite
// database: the operating-system account. On Windows that is DOMAIN\user
// (the domain from username when it carries one, else from domain); on
// macOS, Linux and the rest it is the user name alone. A display name is
// never a substitute: it is stored beside the actor, not instead of it.
// An account that cannot be told is "unknown".
func AccountName(goos, username, domain string) string {
	username, domain = strings.TrimSpace(username), strings.TrimSpace(domain)
	if goos == "windows" {
		if strings.Contains(username, `\`) {
			return username
		}
		if username != "" && domain != "" {
			return domain + `\` + username
		}
	}
	if username == "" {
		return "unknown"
	}
	return username
}

// OSAccount is this process's operating-system account by AccountName's
// rule: the desktop app, dspctl and storage's own audit rows all use it.
func OSAccount() string {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if name == "" {
		for _, k := range []string{"USER", "USERNAME"} {
			if v := os.Getenv(k); v != "" {
				name = v
				break
			}
		}
	}
	return AccountName(runtime.GOOS, name, os.Getenv("USERDOMAIN"))
}
