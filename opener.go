package main

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// openCommand is the command that opens path (a PDF or a folder) the way
// the desktop of goos does: the default PDF viewer (Edge, Acrobat; Preview
// on a Mac; Evince...), or the file manager for a folder. The path goes as
// one argument, never through a shell or a URL, so spaces, apostrophes and
// non-ASCII user names (C:\Users\Zoë Ńowak\...) arrive whole.
func openCommand(goos, path string) []string {
	switch goos {
	case "windows":
		// rundll32's FileProtocolHandler opens a file with its default
		// program and a folder in Explorer, from a plain Windows path.
		return []string{"rundll32.exe", "url.dll,FileProtocolHandler", path}
	case "darwin":
		return []string{"open", path}
	default:
		return []string{"xdg-open", path}
	}
}

// openWait is how long openPath waits to hear that the opener failed (no
// program for PDFs): xdg-open and rundll32 fail within a second, while a
// viewer they start may keep running.
var openWait = 3 * time.Second

// openPath opens path with the desktop's default program. It returns an
// error when the opener cannot start or fails within openWait (no program
// is set for the file); a viewer still running after that is left to run.
func openPath(path string) error {
	args := openCommand(runtime.GOOS, path)
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not open the file with %s: %w", args[0], err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }() // reaps the opener whenever it exits
	select {
	case err := <-exited:
		if err != nil {
			return fmt.Errorf("%s could not open the file: %w", args[0], err)
		}
	case <-time.After(openWait):
	}
	return nil
}

// printName is a file name for a print copy that is new each time: a copy
// printed before may still be open in the viewer, and Windows refuses to
// replace an open file.
func printName(name string, n int64) string {
	base, ext := strings.TrimSuffix(name, ".pdf"), ".pdf"
	return fmt.Sprintf("%s-%d%s", base, n, ext)
}
