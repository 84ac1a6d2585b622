package app

import (
	"fmt"
	"strings"
	"time"

	"dspdesk/app/calendar"
)

// ClockTime is a time of day in minutes after midnight (09:00 is 540).
type ClockTime int

// At returns the instant of this time of day on t's date in loc.
func (c ClockTime) At(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, int(c)/60, int(c)%60, 0, 0, loc)
}

// Of returns the time of day of t in loc.
func Of(t time.Time, loc *time.Location) ClockTime {
	l := t.In(loc)
	return ClockTime(l.Hour()*60 + l.Minute())
}

func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// ParseClockTime reads "9:00", "09:00" or "17:30".
func ParseClockTime(s string) (ClockTime, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("enter a time as hh:mm, for example 09:00")
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// Settings are the team's choices that the rules read. Defaults come from
// DOMAIN.md and are all editable in the app.
type Settings struct {
	// DisplayName is how this user is named on forms (who raised a gap,
	// who organises a MAM). The audit log's actor is always the
	// operating-system account (OSAccount), never the display name.
	DisplayName string
	// WorkStart and WorkEnd are the service's working hours (Europe/London).
	WorkStart ClockTime
	WorkEnd   ClockTime
	// Review intervals per rating, in days; Blue in months by age group.
	ReviewDaysRed         int
	ReviewDaysAmber       int
	ReviewDaysGreen       int
	ReviewMonthsBlueCYP   int
	ReviewMonthsBlueAdult int
	// PreMeetingMinutes is how long before a MAM the family pre-meeting starts.
	PreMeetingMinutes int
	// FamilyContactWorkingDays is how many working days before a MAM the
	// family should be met to talk the meeting through.
	FamilyContactWorkingDays int
	// ReminderDays is how far ahead Today looks for meetings, actions and reviews.
	ReminderDays int
	// BirthdayReminderDays is how far ahead Today shows 16th and 18th
	// birthdays and transition planning dates.
	BirthdayReminderDays int
	// ConsentCheckMonths is how often the consent of a person on a register
	// is checked again: a check falls due this many months after the latest
	// consent was given, and appears on Today.
	ConsentCheckMonths int
	// DefaultMeetingMinutes is the length a new MAM starts with.
	DefaultMeetingMinutes int
	// BackupKeep is how many rolling backups to keep.
	BackupKeep int
	// BackupFolder is where backups go; empty means the "backups" folder
	// beside the database.
	BackupFolder string
	// NotifyPreMeetingMinutes and NotifyMeetingMinutes are how long before
	// the family pre-meeting and the MAM the desktop notification fires.
	NotifyPreMeetingMinutes int
	NotifyMeetingMinutes    int
	// AgendaTemplate is the team's MAM agenda; empty means DefaultAgenda.
	AgendaTemplate []AgendaItem `json:",omitempty"`
	// TeamPhone and TeamEmail are printed on family agendas as who to
	// contact (with the meeting's organiser).
	TeamPhone string
	TeamEmail string
	// TeamName is the team's name as families read it ("the Dynamic
	// Support Pathway team" when empty).
	TeamName string `json:",omitempty"`
	// SetUpDone records that the first-run set-up was filled in or skipped,
	// so it is not offered again (Settings holds the same fields).
	SetUpDone bool `json:",omitempty"`
	// Version is the stored version this copy was read at; saving an older
	// version is refused as a conflict (ConflictError).
	Version int `json:"-"`
}

// NeedsSetUp reports whether the first-run set-up should be offered: it
// has not been filled in or skipped, and the settings do not already say
// who the user is and how families reach the team (an older database).
func (s Settings) NeedsSetUp() bool {
	if s.SetUpDone {
		return false
	}
	hasContact := strings.TrimSpace(s.TeamPhone) != "" || strings.TrimSpace(s.TeamEmail) != ""
	return strings.TrimSpace(s.DisplayName) == "" || !hasContact
}

// DefaultSettings returns the defaults: working hours 09:00-17:00; reviews
// every 7 (Red), 28 (Amber) and 90 (Green) days, inpatients every 3 months
// (CYP) or 6 months (adults); pre-meeting 15 minutes before the MAM; family
// contact 3 working days before; reminders a week ahead, birthdays 90 days;
// consent checked every 12 months.
func DefaultSettings() Settings {
	return Settings{
		WorkStart:                9 * 60,
		WorkEnd:                  17 * 60,
		ReviewDaysRed:            7,
		ReviewDaysAmber:          28,
		ReviewDaysGreen:          90,
		ReviewMonthsBlueCYP:      3,
		ReviewMonthsBlueAdult:    6,
		PreMeetingMinutes:        15,
		FamilyContactWorkingDays: 3,
		ReminderDays:             7,
		BirthdayReminderDays:     90,
		ConsentCheckMonths:       12,
		DefaultMeetingMinutes:    90,
		BackupKeep:               14,
		NotifyPreMeetingMinutes:  15,
		NotifyMeetingMinutes:     30,
	}
}

// Validate checks every setting is in a sensible range.
func (s Settings) Validate() Problems {
	var p Problems
	p.checkTexts(s.texts()...)
	if s.WorkStart < 0 || s.WorkEnd > 24*60 || s.WorkEnd <= s.WorkStart {
		p.Add("workEnd", "Working hours must end after they start, within one day.")
	} else if s.WorkEnd-s.WorkStart < 60 {
		p.Add("workEnd", "Working hours must be at least one hour long.")
	}
	days := []struct {
		field string
		v     int
		max   int
		label string
	}{
		{"reviewDaysRed", s.ReviewDaysRed, 366, "The Red review interval"},
		{"reviewDaysAmber", s.ReviewDaysAmber, 366, "The Amber review interval"},
		{"reviewDaysGreen", s.ReviewDaysGreen, 366, "The Green review interval"},
		{"reviewMonthsBlueCYP", s.ReviewMonthsBlueCYP, 24, "The Blue (CYP) review interval"},
		{"reviewMonthsBlueAdult", s.ReviewMonthsBlueAdult, 24, "The Blue (adult) review interval"},
		{"reminderDays", s.ReminderDays, 60, "The reminder look-ahead"},
		{"birthdayReminderDays", s.BirthdayReminderDays, 366, "The birthday look-ahead"},
		{"consentCheckMonths", s.ConsentCheckMonths, 60, "The consent check interval (months)"},
		{"backupKeep", s.BackupKeep, 365, "The number of backups to keep"},
	}
	for _, d := range days {
		if d.v < 1 || d.v > d.max {
			p.Add(d.field, "%s must be between 1 and %d.", d.label, d.max)
		}
	}
	if s.PreMeetingMinutes < 0 || s.PreMeetingMinutes > 120 {
		p.Add("preMeetingMinutes", "The pre-meeting must start between 0 and 120 minutes before the MAM.")
	}
	if s.FamilyContactWorkingDays < 0 || s.FamilyContactWorkingDays > 30 {
		p.Add("familyContactWorkingDays", "Family contact must be between 0 and 30 working days before the MAM.")
	}
	for _, n := range []struct {
		field string
		v     int
	}{{"notifyPreMeetingMinutes", s.NotifyPreMeetingMinutes}, {"notifyMeetingMinutes", s.NotifyMeetingMinutes}} {
		if n.v < 0 || n.v > 24*60 {
			p.Add(n.field, "A notification must come between 0 minutes and 24 hours before.")
		}
	}
	if s.TeamPhone != "" && !ValidPhone(s.TeamPhone) {
		p.Add("teamPhone", "Enter a UK phone number, for example 0116 295 0000.")
	}
	if s.TeamEmail != "" && !ValidEmail(s.TeamEmail) {
		p.Add("teamEmail", "Enter an email address like team@example.org.")
	}
	if s.DefaultMeetingMinutes < 15 || s.DefaultMeetingMinutes > 8*60 {
		p.Add("defaultMeetingMinutes", "A meeting must last between 15 minutes and 8 hours.")
	}
	return p
}

// Agenda is the agenda template a new MAM starts from.
func (s Settings) Agenda() []AgendaItem {
	if len(s.AgendaTemplate) == 0 {
		return DefaultAgenda()
	}
	out := make([]AgendaItem, len(s.AgendaTemplate))
	copy(out, s.AgendaTemplate)
	return out
}

// ParseAgendaTemplate reads an agenda typed one item a line as
// "Title | wording for the family" (no wording: left off the family copy).
func ParseAgendaTemplate(text string) ([]AgendaItem, error) {
	var out []AgendaItem
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		title, family, _ := strings.Cut(line, "|")
		title, family = strings.TrimSpace(title), strings.TrimSpace(family)
		if title == "" {
			return nil, fmt.Errorf("every agenda line needs a title before the |")
		}
		out = append(out, AgendaItem{Position: len(out) + 1, Title: title, FamilyText: family})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the agenda needs at least one item")
	}
	return out, nil
}

// FormatAgendaTemplate writes an agenda the way ParseAgendaTemplate reads it.
func FormatAgendaTemplate(items []AgendaItem) string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = it.Title
		if it.FamilyText != "" {
			lines[i] += " | " + it.FamilyText
		}
	}
	return strings.Join(lines, "\n")
}

// Leads are the notification lead times.
func (s Settings) Leads() NotifyLeads {
	return NotifyLeads{PreMeeting: time.Duration(s.NotifyPreMeetingMinutes) * time.Minute, Meeting: time.Duration(s.NotifyMeetingMinutes) * time.Minute}
}

// PreMeeting is the pre-meeting offset as a duration.
func (s Settings) PreMeeting() time.Duration {
	return time.Duration(s.PreMeetingMinutes) * time.Minute
}

// ReviewDue returns the date the next review is due for a rating set on
// from: the rating's interval later, moved forward to a working day when it
// falls on a weekend or bank holiday. Blue uses months, by age group.
func (s Settings) ReviewDue(r Rating, group AgeGroup, from time.Time, cal *calendar.Calendar) time.Time {
	day := DateOf(from)
	var due time.Time
	switch r {
	case Red:
		due = day.AddDate(0, 0, s.ReviewDaysRed)
	case Amber:
		due = day.AddDate(0, 0, s.ReviewDaysAmber)
	case Green:
		due = day.AddDate(0, 0, s.ReviewDaysGreen)
	case Blue:
		months := s.ReviewMonthsBlueAdult
		if group == CYP {
			months = s.ReviewMonthsBlueCYP
		}
		due = AddMonthsClamped(day, months)
	default:
		return time.Time{}
	}
	if !cal.IsWorkingDay(due) {
		due = cal.NextWorkingDay(due)
	}
	return due
}
