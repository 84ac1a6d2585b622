package main

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// workArea is the primary screen's area less the taskbar or dock, in the
// units of canvas c (the screen's pixels divided by its scale). It is read
// on the app's main thread once GLFW has started: call it from the
// Lifecycle's OnStarted. ok is false when the system does not say.
func workArea(c fyne.Canvas) (area fyne.Size, ok bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		return fyne.Size{}, false
	}
	scale := c.Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), true
}
