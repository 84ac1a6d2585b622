package storage

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// A backup or restore writes a whole copy of the database to a hidden
// temporary file before it takes its final name. leftoverName names it
// after the process that writes it, so that a copy left behind by a process
// that was killed can be told from one being written now.
func leftoverName(base, kind string) string {
	return "." + base + "." + kind + "-" + strconv.Itoa(os.Getpid()) + "-*"
}

// leftoverPattern matches those temporary copies and SQLite's files beside
// them; the group is the writing process's id (absent from the names
// versions before 0.2 gave them: those are always left over).
var leftoverPattern = regexp.MustCompile(`^\..+\.(?:partial|restore)-(?:(\d+)-)?\d+(?:-wal|-journal|-shm)?$`)

// leftoverAge is how old a copy must be to be removed whatever its process
// seems to be doing (a process id can be reused).
const leftoverAge = 24 * time.Hour

// RemoveLeftovers removes from dir the temporary copies that backups and
// restores killed part-way left behind: those whose process is no longer
// running, and any older than a day. It returns how many it removed.
func RemoveLeftovers(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	removed := 0
	for _, e := range entries {
		m := leftoverPattern.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, _ := strconv.Atoi(m[1]) // 0: an older version's, whose process is gone
		info, err := e.Info()
		if err != nil {
			continue
		}
		if processRunning(pid) && time.Since(info.ModTime()) < leftoverAge {
			continue // being written now (perhaps by this process)
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed++
		}
	}
	return removed
}

// processRunning reports whether a process with id pid is running.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // on Windows: no such process
	}
	if runtime.GOOS == "windows" {
		_ = p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
