package forms

import "fyne.io/fyne/v2"

// screenArea is the part of the screen a window may use (the screen less
// the taskbar or dock), once FitScreen has been told it; zero until then.
var screenArea fyne.Size

// windowFrame is room for a window's title bar and borders, which the
// window manager adds around the size asked for.
var windowFrame = fyne.NewSize(16, 40)

// fitSize is want, made small enough to fit the screen area with the
// window's frame (want itself while the area is not known).
func fitSize(want fyne.Size) fyne.Size {
	if screenArea.Width <= 0 || screenArea.Height <= 0 {
		return want
	}
	return fyne.NewSize(fyne.Min(want.Width, screenArea.Width-windowFrame.Width),
		fyne.Min(want.Height, screenArea.Height-windowFrame.Height))
}

// FitScreen tells the forms how much of the screen windows may use (main.go
// measures it once the app has started) and shrinks the main window to it
// when it is larger, so its buttons never sit under the taskbar. Windows
// opened later are sized to fit too.
func (w *MainWindow) FitScreen(area fyne.Size) {
	screenArea = area
	size := w.Canvas().Size()
	if fitted := fitSize(size); fitted != size {
		w.Resize(fitted)
	}
}
