package forms

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

var (
	// guidePicture is a picture in the guide: ![what it shows](images/x.png).
	guidePicture = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	// guideAnchor is a link within the guide: [text](#section).
	guideAnchor = regexp.MustCompile(`\[([^\]]*)\]\(#[^)]*\)`)
)

// guideText is the guide as the Help window shows it: the pictures (which
// stay in docs/ beside the guide, not in the app) are named in words, and
// links within the guide become plain text (the window scrolls instead).
func guideText(markdown string) string {
	s := guidePicture.ReplaceAllString(markdown, "*(Picture: $1.)*")
	s = guideAnchor.ReplaceAllString(s, "$1")
	return strings.ReplaceAll(s, ".).*", ".)*")
}

// ShowGuide opens the user guide in a window of its own, the keyboard
// shortcuts at its end. It is shipped inside the app, so it works offline.
func (w *MainWindow) ShowGuide() {
	win := fyne.CurrentApp().NewWindow("User guide: DSP Desk")
	text := "## Keyboard shortcuts\n\n" + markdownLines(shortcutHelp()) + "\n\n"
	if w.deps.Guide != "" {
		text = guideText(w.deps.Guide) + "\n\n" + text
	} else {
		text = "# DSP Desk\n\nThe guide is not part of this build: see docs/user-guide.md beside the program.\n\n" + text
	}
	rt := widget.NewRichTextFromMarkdown(text)
	rt.Wrapping = fyne.TextWrapWord
	closeB := widget.NewButton("Close", win.Close)
	win.SetContent(container.NewBorder(nil, container.NewHBox(closeB), nil, nil, container.NewVScroll(container.NewPadded(rt))))
	win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			win.Close()
		}
	})
	win.Resize(fitSize(fyne.NewSize(900, 760)))
	win.Show()
}

// markdownLines makes each line of text a line of its own in Markdown.
func markdownLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = "- " + l
	}
	return strings.Join(lines, "\n")
}
