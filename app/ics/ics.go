// Package ics writes a multi-agency meeting (MAM) and its family
// pre-meeting as an iCalendar file (RFC 5545) that Outlook and Apple
// Calendar import.
//
// The file travels into professionals' calendars, so it carries the minimum
// personal data: the person is named by their initials only (never their
// name, date of birth, NHS number or address), and the meeting's internal
// notes and agenda notes are left out. Events are marked CLASS:PRIVATE so a
// shared calendar shows the time as busy without the details.
//
// It uses the standard library only.
package ics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dspdesk/app"
)

// TZID is the time zone the events' local times are given in; the file
// carries its VTIMEZONE, so calendars need not know it by name.
const TZID = "Europe/London"

// ProductID is the file's PRODID.
const ProductID = "-//DSP Desk//MAM//EN"

// PreMeetingSummary is the title of the pre-meeting's event.
const PreMeetingSummary = "Pre-meeting with the family before the MAM"

// PreMeetingAlarm is how long before the pre-meeting its reminder fires.
const PreMeetingAlarm = 15 * time.Minute

// DefaultAlarms are the MAM's reminders when Options.Alarms is empty: a day
// and half an hour before.
var DefaultAlarms = []time.Duration{24 * time.Hour, 30 * time.Minute}

// Options say what goes into the calendar file besides the meeting.
type Options struct {
	// Now is the file's DTSTAMP (when it was made). It is required, so the
	// same meeting and Options always give the same bytes.
	Now time.Time
	// PersonInitials name the person in the titles ("Initial MAM for S.T.");
	// see Initials. Empty leaves the person out of the titles.
	PersonInitials string
	// OrganiserEmail is the organiser's address for ORGANIZER; without it
	// the organiser is only named in the description.
	OrganiserEmail string
	// Alarms are the MAM's reminder lead times before its start; nil or
	// empty means DefaultAlarms. The pre-meeting always has PreMeetingAlarm.
	Alarms []time.Duration
}

// ErrNoTimestamp is returned when Options.Now is not set.
var ErrNoTimestamp = errors.New("ics: the time the file is made (Options.Now) is missing")

// MeetingCalendar writes m as an iCalendar file to w: a VCALENDAR (METHOD
// PUBLISH) with the Europe/London VTIMEZONE, one VEVENT for the MAM (UID
// "mam-ID@dspdesk.local") with its attendees and alarms and, when m has a
// pre-meeting, a second VEVENT for it (UID "pre-ID@dspdesk.local") from
// PreMeetingStart to Start with an alarm 15 minutes before.
//
// The MAM's title is its kind and the person's initials from
// in.PersonInitials, never a name. Invitees with an email address are
// attendees (family invitees too; only they are invited to the
// pre-meeting); the others are left out. The description lists the purpose,
// how to join, the pre-meeting time, the chair, the organiser and the agenda
// titles, never the notes.
//
// An invalid meeting (m.Validate), a meeting not yet stored (no ID), a
// missing in.Now, an invalid in.OrganiserEmail or a negative alarm is an
// error, and then nothing is written to w.
func MeetingCalendar(w io.Writer, m app.Meeting, in Options) error {
	if err := check(m, in); err != nil {
		return err
	}
	var b builder
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:" + text(ProductID))
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:PUBLISH")
	writeTimezone(&b)
	writeMAM(&b, m, in)
	if m.HasPreMeeting() {
		writePreMeeting(&b, m, in)
	}
	b.line("END:VCALENDAR")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("ics: write calendar of meeting %d: %w", m.ID, err)
	}
	return nil
}

// check returns why m and in cannot make a calendar file, or nil.
func check(m app.Meeting, in Options) error {
	if err := m.Validate().Err(); err != nil {
		return fmt.Errorf("ics: meeting %d cannot go in a calendar file: %w", m.ID, err)
	}
	if m.ID <= 0 {
		return errors.New("ics: save the meeting before making its calendar file (it has no id yet)")
	}
	if in.Now.IsZero() {
		return ErrNoTimestamp
	}
	if e := strings.TrimSpace(in.OrganiserEmail); e != "" && !app.ValidEmail(e) {
		return fmt.Errorf("ics: meeting %d: the organiser's email address is not valid", m.ID)
	}
	for _, a := range in.Alarms {
		if a < 0 {
			return fmt.Errorf("ics: meeting %d: a reminder must come before the meeting, not %s after it", m.ID, -a)
		}
	}
	return nil
}

// writeTimezone writes the VTIMEZONE for Europe/London: GMT in winter, BST
// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the UK rule since 1996).
func writeTimezone(b *builder) {
	b.line("BEGIN:VTIMEZONE")
	b.line("TZID:" + TZID)
	b.line("BEGIN:DAYLIGHT")
	b.line("TZOFFSETFROM:+0000")
	b.line("TZOFFSETTO:+0100")
	b.line("TZNAME:BST")
	b.line("DTSTART:19700329T010000")
	b.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	b.line("END:DAYLIGHT")
	b.line("BEGIN:STANDARD")
	b.line("TZOFFSETFROM:+0100")
	b.line("TZOFFSETTO:+0000")
	b.line("TZNAME:GMT")
	b.line("DTSTART:19701025T020000")
	b.line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	b.line("END:STANDARD")
	b.line("END:VTIMEZONE")
}

// Summary is the MAM's title: its kind, and the initials when given
// ("Initial MAM for S.T.").
func Summary(m app.Meeting, initials string) string {
	s := m.Kind.String()
	if i := strings.TrimSpace(initials); i != "" {
		s += " for " + i
	}
	return s
}

func writeMAM(b *builder, m app.Meeting, in Options) {
	summary := Summary(m, in.PersonInitials)
	b.line("BEGIN:VEVENT")
	writeCommon(b, m, in, "mam", m.Start, m.End(), summary)
	b.line("DESCRIPTION:" + text(mamDescription(m)))
	writeOrganiser(b, m, in)
	for _, inv := range m.Invitees {
		writeAttendee(b, inv)
	}
	alarms := in.Alarms
	if len(alarms) == 0 {
		alarms = DefaultAlarms
	}
	for _, a := range alarms {
		writeAlarm(b, a, "Reminder: "+summary)
	}
	b.line("END:VEVENT")
}

func writePreMeeting(b *builder, m app.Meeting, in Options) {
	b.line("BEGIN:VEVENT")
	writeCommon(b, m, in, "pre", m.PreMeetingStart(), m.Start, PreMeetingSummary)
	b.line("DESCRIPTION:" + text(preDescription(m, in.PersonInitials)))
	writeOrganiser(b, m, in)
	for _, inv := range m.Invitees {
		if inv.Family {
			writeAttendee(b, inv)
		}
	}
	writeAlarm(b, PreMeetingAlarm, "Reminder: "+PreMeetingSummary)
	b.line("END:VEVENT")
}

// writeCommon writes what both events share: UID, stamps, times, title,
// place, link, status and class.
func writeCommon(b *builder, m app.Meeting, in Options, uidPrefix string, start, end time.Time, summary string) {
	b.line("UID:" + uidPrefix + "-" + strconv.FormatInt(m.ID, 10) + "@dspdesk.local")
	b.line("DTSTAMP:" + in.Now.UTC().Format("20060102T150405Z"))
	b.line("DTSTART;TZID=" + TZID + ":" + localTime(start))
	b.line("DTEND;TZID=" + TZID + ":" + localTime(end))
	b.line("SUMMARY:" + text(summary))
	b.line("LOCATION:" + text(Location(m)))
	if link, ok := videoURL(m.VideoLink); ok {
		b.line("URL:" + link)
	}
	if m.Status == app.MeetingCancelled {
		b.line("STATUS:CANCELLED")
	} else {
		b.line("STATUS:CONFIRMED")
	}
	b.line("CLASS:PRIVATE")
	b.line("TRANSP:OPAQUE")
}

// Location is the event's LOCATION: the place, or "Online" when the
// meeting only has a video link.
func Location(m app.Meeting) string {
	if p := strings.TrimSpace(m.Place); p != "" {
		return p
	}
	return "Online"
}

func mamDescription(m app.Meeting) string {
	var d strings.Builder
	d.WriteString(m.Kind.Purpose() + "\n")
	if link := strings.TrimSpace(m.VideoLink); link != "" {
		d.WriteString("Join online: " + link + "\n")
	}
	if m.HasPreMeeting() {
		fmt.Fprintf(&d, "Pre-meeting with the family: %s to %s.\n", clock(m.PreMeetingStart()), clock(m.Start))
	}
	if c := strings.TrimSpace(m.Chair); c != "" {
		d.WriteString("Chair: " + c + "\n")
	}
	d.WriteString("Organised by: " + organiserName(m) + "\n")
	if len(m.Agenda) > 0 {
		d.WriteString("\nAgenda:\n")
		for i, it := range m.Agenda {
			fmt.Fprintf(&d, "%d. %s\n", i+1, strings.TrimSpace(it.Title))
		}
	}
	return strings.TrimSuffix(d.String(), "\n")
}

func preDescription(m app.Meeting, initials string) string {
	var d strings.Builder
	fmt.Fprintf(&d, "Before the %s at %s: meet the family, carers and the person to talk through the meeting, the agenda and who is invited.\n",
		Summary(m, initials), clock(m.Start))
	if link := strings.TrimSpace(m.VideoLink); link != "" {
		d.WriteString("Join online: " + link + "\n")
	}
	d.WriteString("Organised by: " + organiserName(m))
	return d.String()
}

func organiserName(m app.Meeting) string {
	if n := strings.TrimSpace(m.OrganiserName); n != "" {
		return n + " (" + m.Organiser.String() + ")"
	}
	return m.Organiser.String()
}

func writeOrganiser(b *builder, m app.Meeting, in Options) {
	email := strings.TrimSpace(in.OrganiserEmail)
	if email == "" {
		return
	}
	name := strings.TrimSpace(m.OrganiserName)
	if name == "" {
		name = m.Organiser.String()
	}
	b.line("ORGANIZER;CN=" + param(name) + ":mailto:" + email)
}

// writeAttendee writes an invitee with an email address as a required
// participant asked to reply; an invitee without one is left out.
func writeAttendee(b *builder, inv app.Invitee) {
	email := strings.TrimSpace(inv.Email)
	if email == "" {
		return
	}
	b.line("ATTENDEE;CN=" + param(strings.TrimSpace(inv.Name)) +
		";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + email)
}

func writeAlarm(b *builder, before time.Duration, description string) {
	b.line("BEGIN:VALARM")
	b.line("ACTION:DISPLAY")
	b.line("DESCRIPTION:" + text(description))
	b.line("TRIGGER;RELATED=START:" + Trigger(before))
	b.line("END:VALARM")
}

// Trigger is the RFC 5545 duration of a reminder lead time before the
// start: 24h -> "-P1D", 30m -> "-PT30M", 26h30m -> "-P1DT2H30M", 0 -> "PT0S".
// Seconds are rounded.
func Trigger(before time.Duration) string {
	s := int64(before.Round(time.Second) / time.Second)
	if s <= 0 {
		return "PT0S"
	}
	days, s := s/86400, s%86400
	h, s := s/3600, s%3600
	mins, s := s/60, s%60
	out := "-P"
	if days > 0 {
		out += strconv.FormatInt(days, 10) + "D"
	}
	if h > 0 || mins > 0 || s > 0 {
		out += "T"
		if h > 0 {
			out += strconv.FormatInt(h, 10) + "H"
		}
		if mins > 0 {
			out += strconv.FormatInt(mins, 10) + "M"
		}
		if s > 0 {
			out += strconv.FormatInt(s, 10) + "S"
		}
	}
	return out
}

// localTime is t as a local date-time in Europe/London, for TZID=Europe/London.
func localTime(t time.Time) string {
	return t.In(app.ServiceLocation).Format("20060102T150405")
}

// clock is t's time of day in London, as "09:45".
func clock(t time.Time) string {
	return t.In(app.ServiceLocation).Format("15:04")
}

// videoURL returns the link as a URL value when it is an absolute http(s)
// URL with no spaces; any other link only goes in the description.
func videoURL(link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" || strings.ContainsFunc(link, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "", false
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", false
	}
	return link, true
}

// Initials are a person's given and family names' first letters, each with
// a full stop: "Sam Testperson" -> "S.T.", "łukasz o'neil" -> "Ł.O.". They
// name the person in a calendar file instead of their name.
func Initials(p app.Person) string {
	var out strings.Builder
	for _, name := range []string{p.GivenName, p.FamilyName} {
		for _, r := range strings.TrimSpace(name) {
			if unicode.IsLetter(r) {
				out.WriteRune(unicode.ToUpper(r))
				out.WriteByte('.')
				break
			}
		}
	}
	return out.String()
}

// text escapes s as an RFC 5545 TEXT value: backslash, semicolon, comma
// and newline are escaped (any line break becomes \n), and other control
// characters, which TEXT may not hold, are dropped.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			out.WriteByte('\\')
			out.WriteRune(r)
		case r == '\n' || r == '\r':
			out.WriteString(`\n`)
		case r == '\t':
			out.WriteRune(r)
		case unicode.IsControl(r) || r == utf8.RuneError:
		default:
			out.WriteRune(r)
		}
	}
	return out.String()
}

// param makes s a parameter value: double quotes (which a parameter cannot
// hold) become single ones, control characters are dropped, and the value
// is quoted when it holds a colon, semicolon or comma.
func param(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// builder collects content lines, folded at 75 octets and ended by CRLF.
type builder struct {
	bytes.Buffer
}

// maxLine is the most octets a physical line may hold, without its CRLF.
const maxLine = 75

// line writes one content line, folded so that no physical line is longer
// than 75 octets: a fold never splits a UTF-8 character, and each
// continuation line starts with a space.
func (b *builder) line(s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
