package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// checkReadOnlyEnv names the database TestHelperCheck checks.
const checkReadOnlyEnv = "DSPCTL_TEST_CHECK_DB"

// TestHelperCheck runs dspctl check on the database checkReadOnlyEnv names,
// as a child process of TestCheckInAReadOnlyFolder (it does nothing alone).
func TestHelperCheck(t *testing.T) {
	db := os.Getenv(checkReadOnlyEnv)
	if db == "" {
		t.Skip("run by TestCheckInAReadOnlyFolder")
	}
	r := dspctl("check", "--db", db)
	os.Stdout.WriteString(r.stdout + r.stderr)
	os.Exit(r.code)
}

func TestCheckInAReadOnlyFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses a read-only bind mount (root) or folder permissions (others) on Linux")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "dspdesk.db")
	// the child process finds the audit key where the seed left it
	t.Setenv("DSPDESK_KEY_DIR", t.TempDir())
	mustRun(t, exitOK, "seed", "--db", db, "--people", "5", "--as-of", "2026-11-24")
	var cmd *exec.Cmd
	if os.Geteuid() == 0 { // root writes anywhere: make the folder read-only with a read-only bind mount
		ro := t.TempDir()
		cmd = exec.Command("unshare", "-m", "sh", "-c", `mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && exec "$3" -test.run '^TestHelperCheck$'`,
			"sh", dir, ro, os.Args[0])
		cmd.Env = append(os.Environ(), checkReadOnlyEnv+"="+filepath.Join(ro, "dspdesk.db"))
		if err := exec.Command("unshare", "-m", "true").Run(); err != nil {
			t.Skipf("cannot make a mount namespace here: %v", err)
		}
	} else {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		cmd = exec.Command(os.Args[0], "-test.run", "^TestHelperCheck$")
		cmd.Env = append(os.Environ(), checkReadOnlyEnv+"="+db)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("check in a read-only folder failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "All checks passed.") {
		t.Errorf("check output:\n%s", out)
	}
}
