package forms

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"dspdesk/app"
)

// messageWidth is how wide a dialog's message is: about 60 characters a
// line, so a file path or a sentence is not broken every few words, and
// the dialog still fits a 1024x640 screen.
const messageWidth = 480

// dialogText is a dialog's message: it wraps at messageWidth rather than
// shrinking to a column a dozen characters wide.
func dialogText(text string) fyne.CanvasObject {
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(messageWidth, 0))
	return container.NewStack(strut, wrapped(text))
}

// scheduledText says what was booked: the MAM, its pre-meeting and where.
func scheduledText(m app.Meeting) string {
	pre := "There is no pre-meeting."
	if m.HasPreMeeting() {
		pre = "The pre-meeting starts at " + m.PreMeetingStart().In(app.ServiceLocation).Format("15:04") + "."
	}
	return fmt.Sprintf("%s on %s at %s. %s Meet the family beforehand to talk it through: Today will remind you.",
		m.Kind, app.FormatDateTime(m.Start), orDash(m.Place+" "+m.VideoLink), pre)
}
