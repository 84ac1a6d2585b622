package forms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// SettingsScreen edits the team's settings: the display name forms fill in
// (the audit log records the computer account), working hours, review intervals, meeting and reminder lead times,
// backups, and the bank-holiday exceptions.
type SettingsScreen struct {
	widget.BaseWidget
	svc     SettingsService
	win     fyne.Window
	current app.Settings
	ex      []calendar.Exception

	entries  map[string]*widget.Entry
	form     *widget.Form
	items    map[string]*widget.FormItem
	errs     map[string]*widget.Label
	status   *widget.Label
	reload   *widget.Button // shown after a conflict
	exList   *widget.List
	exStatus *widget.Label
	content  fyne.CanvasObject
}

// settingField maps a form entry to a setting.
type settingField struct {
	key, label, hint string
	multi            bool // a multi-line entry
	get              func(app.Settings) string
	set              func(*app.Settings, string) error
}

func intField(key, label, hint string, ptr func(*app.Settings) *int) settingField {
	return settingField{key: key, label: label, hint: hint,
		get: func(s app.Settings) string { return strconv.Itoa(*ptr(&s)) },
		set: func(s *app.Settings, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("enter a whole number")
			}
			*ptr(s) = n
			return nil
		}}
}

func timeField(key, label string, ptr func(*app.Settings) *app.ClockTime) settingField {
	return settingField{key: key, label: label, hint: "hh:mm",
		get: func(s app.Settings) string { return ptr(&s).String() },
		set: func(s *app.Settings, v string) error {
			t, err := app.ParseClockTime(v)
			if err != nil {
				return err
			}
			*ptr(s) = t
			return nil
		}}
}

var settingFields = []settingField{
	{key: "displayName", label: "Your display name", hint: "Filled in on forms for you (who raised a gap, who organises a MAM). The audit log records your computer account.",
		get: func(s app.Settings) string { return s.DisplayName },
		set: func(s *app.Settings, v string) error { s.DisplayName = strings.TrimSpace(v); return nil }},
	timeField("workStart", "Working hours start", func(s *app.Settings) *app.ClockTime { return &s.WorkStart }),
	timeField("workEnd", "Working hours end", func(s *app.Settings) *app.ClockTime { return &s.WorkEnd }),
	intField("reviewDaysRed", "Review Red every (days)", "", func(s *app.Settings) *int { return &s.ReviewDaysRed }),
	intField("reviewDaysAmber", "Review Amber every (days)", "", func(s *app.Settings) *int { return &s.ReviewDaysAmber }),
	intField("reviewDaysGreen", "Review Green every (days)", "", func(s *app.Settings) *int { return &s.ReviewDaysGreen }),
	intField("reviewMonthsBlueCYP", "Review Blue, CYP (months)", "", func(s *app.Settings) *int { return &s.ReviewMonthsBlueCYP }),
	intField("reviewMonthsBlueAdult", "Review Blue, adults (months)", "", func(s *app.Settings) *int { return &s.ReviewMonthsBlueAdult }),
	intField("preMeetingMinutes", "Pre-meeting before the MAM (minutes)", "", func(s *app.Settings) *int { return &s.PreMeetingMinutes }),
	intField("familyContactWorkingDays", "Meet the family (working days before)", "", func(s *app.Settings) *int { return &s.FamilyContactWorkingDays }),
	intField("defaultMeetingMinutes", "Default MAM length (minutes)", "", func(s *app.Settings) *int { return &s.DefaultMeetingMinutes }),
	intField("consentCheckMonths", "Check consent every (months)", "Today shows a consent check this long after consent was given.", func(s *app.Settings) *int { return &s.ConsentCheckMonths }),
	intField("notifyPreMeetingMinutes", "Notify before the pre-meeting (minutes)", "A desktop notification while DSP Desk is open.", func(s *app.Settings) *int { return &s.NotifyPreMeetingMinutes }),
	intField("notifyMeetingMinutes", "Notify before the MAM (minutes)", "", func(s *app.Settings) *int { return &s.NotifyMeetingMinutes }),
	intField("reminderDays", "Today looks ahead (days)", "", func(s *app.Settings) *int { return &s.ReminderDays }),
	intField("birthdayReminderDays", "Birthdays ahead (days)", "16th, 17½ and 18th birthdays.", func(s *app.Settings) *int { return &s.BirthdayReminderDays }),
	{key: "teamName", label: "Team name for families", hint: "Empty: \"The Dynamic Support Pathway team\".",
		get: func(s app.Settings) string { return s.TeamName },
		set: func(s *app.Settings, v string) error { s.TeamName = strings.TrimSpace(v); return nil }},
	{key: "teamPhone", label: "Team phone for families", hint: "Printed on family agendas as who to contact.",
		get: func(s app.Settings) string { return s.TeamPhone },
		set: func(s *app.Settings, v string) error { s.TeamPhone = strings.TrimSpace(v); return nil }},
	{key: "teamEmail", label: "Team email for families", hint: "",
		get: func(s app.Settings) string { return s.TeamEmail },
		set: func(s *app.Settings, v string) error { s.TeamEmail = strings.TrimSpace(v); return nil }},
	{key: "backupFolder", label: "Backup folder", hint: "Empty: the backups folder beside the database.",
		get: func(s app.Settings) string { return s.BackupFolder },
		set: func(s *app.Settings, v string) error { s.BackupFolder = unquotePath(v); return nil }},
	intField("backupKeep", "Daily backups to keep", "", func(s *app.Settings) *int { return &s.BackupKeep }),
	{key: "agendaTemplate", label: "MAM agenda", multi: true,
		hint: "One item a line: the item, then | and the plain-English wording for the family copy (none: left off it). Outstanding actions are carried in after the item starting \"Action plan\".",
		get:  func(s app.Settings) string { return app.FormatAgendaTemplate(s.Agenda()) },
		set: func(s *app.Settings, v string) error {
			items, err := app.ParseAgendaTemplate(v)
			if err != nil {
				return err
			}
			s.AgendaTemplate = items
			return nil
		}},
}

// NewSettingsScreen builds the screen; call Reload to fill it.
func NewSettingsScreen(svc SettingsService, win fyne.Window, dataDir, dbPath string) *SettingsScreen {
	s := &SettingsScreen{svc: svc, win: win, entries: map[string]*widget.Entry{}, items: map[string]*widget.FormItem{}, errs: map[string]*widget.Label{}}
	s.ExtendBaseWidget(s)
	s.form = widget.NewForm()
	for _, f := range settingFields {
		e := widget.NewEntry()
		if f.multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(8)
		}
		s.entries[f.key] = e
		input, errLine := withProblem(e, f.hint)
		s.errs[f.key] = errLine
		item := widget.NewFormItem(f.label, input)
		s.items[f.key] = item
		s.form.AppendItem(item)
	}
	s.form.SubmitText = "Save settings"
	s.form.OnSubmit = s.save
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.reload = widget.NewButton("Reload", s.reloadNewer)
	s.reload.Hide()

	s.exStatus = wrapped("")
	s.exList = widget.NewList(func() int { return len(s.ex) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			e := s.ex[id]
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s", e.Date.Format("Mon 2 Jan 2006"), e.Kind, e.Name))
			box.Objects[1].(*widget.Button).OnTapped = func() { s.removeException(id) }
		})
	add := widget.NewButtonWithIcon("Add a change", theme.ContentAddIcon(), s.addException)
	holidays := container.NewBorder(
		container.NewVBox(wrapped("One-off changes to England and Wales bank holidays (moved, added or cancelled days). "+
			"The regular ones are computed. Working days, reviews and meeting slots use these."), s.exStatus),
		add, nil, nil, s.exList)

	where := wrapped(fmt.Sprintf("Database: %s\nData folder: %s", dbPath, dataDir))
	keys := wrapped(shortcutHelp())
	left := container.NewVScroll(container.NewVBox(heading("Settings"), s.form, s.status, container.NewHBox(s.reload)))
	right := container.NewVSplit(
		container.NewBorder(heading("Bank-holiday changes"), nil, nil, nil, holidays),
		container.NewVScroll(container.NewVBox(heading("Where your data is"), where, heading("Keyboard"), keys)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	s.content = split
	return s
}

// CreateRenderer draws the screen.
func (s *SettingsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// Reload reads the settings again.
func (s *SettingsScreen) Reload() {
	var set app.Settings
	var ex []calendar.Exception
	var err error
	background(func() {
		if set, err = s.svc.Settings(ctx()); err == nil {
			ex, err = s.svc.HolidayExceptions(ctx())
		}
	}, func() {
		if err != nil {
			showError(s.win, "Could not load the settings", err)
			return
		}
		s.current, s.ex = set, ex
		for _, f := range settingFields {
			s.entries[f.key].SetText(f.get(set))
		}
		s.exStatus.SetText(fmt.Sprintf("%d changes on record.", len(ex)))
		s.exList.Refresh()
	})
}

// Entry returns the entry of a setting (for tests).
func (s *SettingsScreen) Entry(key string) *widget.Entry { return s.entries[key] }

// Hint returns the problem shown under a setting, or its guidance (for tests).
func (s *SettingsScreen) Hint(key string) string {
	if l := s.errs[key]; l != nil && l.Visible() {
		return l.Text
	}
	for _, f := range settingFields {
		if f.key == key {
			return f.hint
		}
	}
	return ""
}

// Save saves the form (the Save button).
func (s *SettingsScreen) Save() { s.save() }

func (s *SettingsScreen) save() {
	set := s.current
	var p app.Problems
	for _, f := range settingFields {
		setProblem(s.errs[f.key], "")
		if err := f.set(&set, s.entries[f.key].Text); err != nil {
			p.Add(f.key, "%s", upperFirst(err.Error())+".")
		}
	}
	err := p.Err()
	if err == nil {
		err = s.svc.SaveSettings(ctx(), set)
	}
	if err != nil {
		if v, ok := app.AsValidation(err); ok {
			for _, pr := range v.Problems {
				if l, ok := s.errs[pr.Field]; ok {
					setProblem(l, pr.Message)
				}
			}
		}
		s.status.Importance = widget.DangerImportance
		s.status.SetText("Not saved: " + errorText(err))
		if _, ok := app.AsConflict(err); ok {
			s.reload.Show()
		}
		s.form.Refresh()
		return
	}
	s.current = set
	s.current.Version++ // every save raises the stored version by one
	s.status.Importance = widget.SuccessImportance
	s.status.SetText("Settings saved.")
	s.form.Refresh()
}

// saveExceptions stores ex in place of the list shown. When someone else
// changed the list since, nothing is saved and the newer list is shown, so
// the change can be made again on it.
func (s *SettingsScreen) saveExceptions(ex []calendar.Exception) error {
	if err := s.svc.SaveHolidayExceptions(ctx(), s.ex, ex); err != nil {
		if _, ok := app.AsConflict(err); ok {
			if newer, rerr := s.svc.HolidayExceptions(ctx()); rerr == nil {
				s.ex = newer
				s.exStatus.SetText(fmt.Sprintf("%d changes on record (someone else changed them: the list shows theirs).", len(newer)))
				s.exList.Refresh()
			}
		}
		return err
	}
	s.ex = ex
	s.exStatus.SetText(fmt.Sprintf("%d changes on record. Saved.", len(ex)))
	s.exList.Refresh()
	return nil
}

func (s *SettingsScreen) removeException(i int) {
	if i < 0 || i >= len(s.ex) {
		return
	}
	e := s.ex[i]
	dialog.ShowCustomConfirm("Remove this change?", "Remove", "Keep it", dialogText(fmt.Sprintf("%s %s: %s", e.Date.Format("Mon 2 Jan 2006"), e.Kind, e.Name)), func(ok bool) {
		if !ok {
			return
		}
		next := slices.Delete(slices.Clone(s.ex), i, i+1)
		if err := s.saveExceptions(next); err != nil {
			showError(s.win, "Not removed", err)
		}
	}, s.win)
}

func (s *SettingsScreen) addException() {
	date := dateEntry(time.Time{})
	kind := widget.NewSelect([]string{"Added: an extra bank holiday", "Removed: a usual bank holiday that does not happen"}, nil)
	kind.SetSelectedIndex(0)
	name := widget.NewEntry()
	name.SetPlaceHolder("e.g. State funeral")
	showFormDialog(s.win, "Add a bank-holiday change", "Add", []field{
		{key: "date", label: "Date", widget: date},
		{key: "kind", label: "Change", widget: kind},
		{key: "name", label: "Name", widget: name},
		{key: "exceptions", label: "", widget: widget.NewLabel("")},
	}, func() (func(), error) {
		var p app.Problems
		if date.Date == nil {
			p.Add("date", "Enter the date.")
		}
		if kind.SelectedIndex() == 0 && strings.TrimSpace(name.Text) == "" {
			p.Add("name", "Name the extra bank holiday.")
		}
		if err := p.Err(); err != nil {
			return nil, err
		}
		k := calendar.Added
		if kind.SelectedIndex() == 1 {
			k = calendar.Removed
		}
		next := append(slices.Clone(s.ex), calendar.Exception{Date: dateOf(date), Kind: k, Name: strings.TrimSpace(name.Text)})
		slices.SortFunc(next, func(a, b calendar.Exception) int { return a.Date.Compare(b.Date) })
		return nil, s.saveExceptions(next)
	})
}

// unquotePath trims a typed or pasted folder path, and the double quotes
// Windows Explorer's "Copy as path" puts round it.
func unquotePath(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}
