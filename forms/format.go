package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image/color"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/report"
)

// ratingColorName is the theme colour that shows a rating (never alone:
// the letter is always beside it).
func ratingColorName(r app.Rating) fyne.ThemeColorName {
	switch r {
	case app.Red:
		return theme.ColorNameError
	case app.Amber:
		return theme.ColorNameWarning
	case app.Green:
		return theme.ColorNameSuccess
	case app.Blue:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameDisabled
}

// ratingBadge is a coloured square with the rating's letter.
type ratingBadge struct {
	widget.BaseWidget
	rating app.Rating
	bg     *canvas.Rectangle
	letter *canvas.Text
}

func newRatingBadge(r app.Rating) *ratingBadge {
	b := &ratingBadge{rating: r}
	b.ExtendBaseWidget(b)
	return b
}

func (b *ratingBadge) SetRating(r app.Rating) {
	b.rating = r
	b.Refresh()
}

func (b *ratingBadge) CreateRenderer() fyne.WidgetRenderer {
	b.bg = canvas.NewRectangle(color.Transparent)
	b.bg.CornerRadius = 4
	b.letter = canvas.NewText("", color.White)
	b.letter.TextStyle = fyne.TextStyle{Bold: true}
	b.letter.Alignment = fyne.TextAlignCenter
	r := &badgeRenderer{b: b}
	r.Refresh()
	return r
}

type badgeRenderer struct{ b *ratingBadge }

func (r *badgeRenderer) Layout(s fyne.Size) {
	side := fyne.Min(s.Height, 28)
	pos := fyne.NewPos(0, (s.Height-side)/2)
	r.b.bg.Resize(fyne.NewSize(side, side))
	r.b.bg.Move(pos)
	r.b.letter.Resize(fyne.NewSize(side, side))
	r.b.letter.Move(pos)
}
func (r *badgeRenderer) MinSize() fyne.Size { return fyne.NewSize(24, 24) }
func (r *badgeRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.b.bg.FillColor = theme.Current().Color(ratingColorName(r.b.rating), v)
	r.b.letter.Text = r.b.rating.Letter()
	if r.b.rating == app.Amber {
		r.b.letter.Color = color.Black // contrast on amber
	} else {
		r.b.letter.Color = color.White
	}
	r.b.bg.Refresh()
	r.b.letter.Refresh()
}
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.bg, r.b.letter} }
func (r *badgeRenderer) Destroy()                     {}

// shortDate is "24 Nov 2026", or "" for no date.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// heading is a bold label in the heading size.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// wrapped is a label that wraps words.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showError tells the user what went wrong in a sentence: validation
// problems one per line, conflicts and storage errors as what to do.
func showError(w fyne.Window, title string, err error) {
	dialog.ShowCustom(title, "Close", container.NewPadded(dialogText(errorText(err))), w)
}

// errorText turns an error into what a user reads.
func errorText(err error) string {
	if v, ok := app.AsValidation(err); ok {
		s := ""
		for i, p := range v.Problems {
			if i > 0 {
				s += "\n"
			}
			s += "• " + p.Message
		}
		return s
	}
	if c, ok := app.AsConflict(err); ok {
		return c.UserMessage()
	}
	switch {
	case errors.Is(err, report.ErrNoConsent):
		return app.Sentence(err)
	case errors.Is(err, app.ErrConflict):
		return "Someone else changed this record while you were working on it. Nothing was saved: close this and try again with the latest details."
	case errors.Is(err, app.ErrNotFound):
		return "The record was not found. It may have been closed elsewhere: refresh the screen."
	}
	var u interface{ UserMessage() string }
	if errors.As(err, &u) { // a conflict, or an error with a kind (the database is locked, the disk is full...)
		return u.UserMessage()
	}
	return "Something went wrong and nothing was saved. Try again; if it keeps happening, tell IT support the reference " + ErrorReference(err) + "."
}

// ErrorReference is a short code for an unexpected error: the user quotes
// it, and the log line with the same code holds the technical detail (which
// carries record ids, never personal details).
func ErrorReference(err error) string {
	sum := sha256.Sum256([]byte(err.Error()))
	code := strings.ToUpper(hex.EncodeToString(sum[:3]))
	log.Printf("error %s: %v", code, err)
	return code
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

// withProblem puts a red, initially hidden, problem line under an input,
// and the grey guidance (hint) under that. Both are ordinary labels that
// wrap, so a long message never overlaps what follows.
func withProblem(input fyne.CanvasObject, hint string) (fyne.CanvasObject, *widget.Label) {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	box := container.NewVBox(input, l)
	if hint != "" {
		h := widget.NewLabel(hint)
		h.SizeName = theme.SizeNameCaptionText
		h.Wrapping = fyne.TextWrapWord
		box.Add(h)
	}
	return box, l
}

// setProblem shows msg under its input ("" hides the line).
func setProblem(l *widget.Label, msg string) {
	if msg == "" {
		if l.Visible() {
			l.SetText("")
			l.Hide()
		}
		return
	}
	text := "⚠ " + msg
	if l.Text != text {
		l.SetText(text)
	}
	if !l.Visible() {
		l.Show()
	}
}

// showInfo is a short message with an OK button; the text wraps.
func showInfo(w fyne.Window, title, text string) {
	dialog.ShowCustom(title, "OK", container.NewPadded(dialogText(text)), w)
}
