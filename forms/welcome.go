package forms

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// NewWelcome is the first screen: what the service's calendar says about
// today and the bank holidays ahead, and the review intervals in force.
func NewWelcome(d Deps) fyne.CanvasObject {
	now := d.Clock.Now().In(app.ServiceLocation)
	title := widget.NewLabelWithStyle("DSP Desk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	intro := widget.NewLabel("The Dynamic Support Pathway for Leicester, Leicestershire and Rutland: " +
		"the DSR and ROAR registers, multi-agency meetings and action plans.")
	intro.Wrapping = fyne.TextWrapWord

	today := widget.NewCard("Service today", "", widget.NewLabel(ServiceDayText(d.Calendar, now)))
	holidays := widget.NewCard("Bank holidays ahead", "England and Wales: the service is closed",
		widget.NewLabel(UpcomingHolidaysText(d.Calendar, now, 6)))
	s := d.Settings
	reviews := widget.NewCard("Review intervals", "Change them in Settings",
		widget.NewLabel(fmt.Sprintf("Red: every %d days\nAmber: every %d days\nGreen: every %d days\n"+
			"Blue (inpatient): every %d months (CYP), %d months (adults)\nWorking hours: %s-%s",
			s.ReviewDaysRed, s.ReviewDaysAmber, s.ReviewDaysGreen, s.ReviewMonthsBlueCYP, s.ReviewMonthsBlueAdult,
			s.WorkStart, s.WorkEnd)))
	footer := widget.NewLabel("Version " + d.Version)
	footer.Importance = widget.LowImportance

	return container.NewPadded(container.NewVScroll(container.NewVBox(
		title, intro,
		container.NewGridWithColumns(3, today, holidays, reviews),
		footer,
	)))
}

// ServiceDayText says whether the service is open on the day of now and
// when it next is.
func ServiceDayText(cal *calendar.Calendar, now time.Time) string {
	day := app.FormatDate(now)
	next := app.FormatDate(cal.NextWorkingDay(now))
	if h, ok := cal.IsBankHoliday(now); ok {
		return fmt.Sprintf("%s is a bank holiday (%s).\nThe service reopens on %s.", day, h.Name, next)
	}
	if !cal.IsWorkingDay(now) {
		return fmt.Sprintf("%s is a weekend.\nThe service reopens on %s.", day, next)
	}
	return fmt.Sprintf("%s is a working day.\nThe next working day is %s.", day, next)
}

// UpcomingHolidaysText lists the next n bank holidays from the day of now.
func UpcomingHolidaysText(cal *calendar.Calendar, now time.Time, n int) string {
	today := app.DateOf(now)
	var out string
	count := 0
	for y := now.Year(); y <= now.Year()+1 && count < n; y++ {
		for _, h := range cal.BankHolidays(y) {
			if h.Date.Before(today) || count == n {
				continue
			}
			out += fmt.Sprintf("%s: %s\n", h.Date.Format("Mon 2 Jan 2006"), h.Name)
			count++
		}
	}
	if out == "" {
		return "No bank holidays are known for the coming year."
	}
	return out[:len(out)-1]
}
