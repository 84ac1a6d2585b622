package ics

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// stamp is when the test files are made: Tuesday 24 November 2026, 11:00 GMT.
var stamp = time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC)

func london(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, app.ServiceLocation)
}

// meeting is a stored initial MAM about apptest.Child() on Tuesday 15 June
// 2027 (BST) from 10:00 to 11:30, with a pre-meeting at 09:45 and four
// invitees, two of them without an email address.
func meeting() app.Meeting {
	agenda := app.DefaultAgenda()
	agenda[2].Notes = "Sam Testperson said school is hard (internal note)."
	return app.Meeting{
		ID: 42, PersonID: 7, Kind: app.InitialMAM,
		Start: london(2027, 6, 15, 10, 0), Duration: 90 * time.Minute,
		Place: "Room 2, Example House; 1 Example Street", VideoLink: "https://meet.example.org/j/123?pwd=a,b",
		Organiser: app.OrganisedByTeam, OrganiserName: "Lee Lead", Chair: "Chris Chair",
		PreMeetingOffset: 15 * time.Minute, Status: app.MeetingPlanned,
		Invitees: []app.Invitee{
			{Name: "Jo Example", Role: "Community nurse", Agency: "Example NHS Trust", Email: "jo.example@example.org"},
			{Name: "Riley Noemail", Role: "Social worker", Agency: "Leicester City Council"},
			{Name: "Pat Testperson", Role: "Mum", Family: true, Email: "pat@example.net"},
			{Name: "Kim Testperson", Role: "Grandad", Family: true, Phone: "07700 900456"},
		},
		Agenda: agenda,
		Notes:  "Internal: Sam Testperson's placement is at risk.",
	}
}

func options() Options {
	return Options{Now: stamp, PersonInitials: Initials(apptest.Child()), OrganiserEmail: "lee.lead@example.org"}
}

// write makes the calendar file of m, failing the test on an error.
func write(t *testing.T, m app.Meeting, in Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := MeetingCalendar(&buf, m, in); err != nil {
		t.Fatalf("MeetingCalendar: %v", err)
	}
	return buf.Bytes()
}

// parse reads a calendar file back with golang-ical and returns its events
// by UID.
func parse(t *testing.T, data []byte) (*ical.Calendar, map[string]*ical.VEvent) {
	t.Helper()
	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the file: %v\n%s", err, data)
	}
	events := map[string]*ical.VEvent{}
	for _, e := range cal.Events() {
		if _, dup := events[e.Id()]; dup {
			t.Errorf("two events with UID %s", e.Id())
		}
		events[e.Id()] = e
	}
	return cal, events
}

func value(t *testing.T, c *ical.ComponentBase, p ical.ComponentProperty) string {
	t.Helper()
	prop := c.GetProperty(p)
	if prop == nil {
		t.Fatalf("no %s", p)
	}
	return prop.Value
}

func TestMeetingCalendarTimes(t *testing.T) {
	tests := []struct {
		name               string
		start              time.Time
		duration, pre      time.Duration
		wantStartUTC       time.Time
		wantEndUTC         time.Time
		wantPreUTC         time.Time // zero: no pre-meeting event
		wantDTStart        string
		wantPreMeetingLine string
	}{
		{"a June MAM is at its London summer time (BST) and the pre-meeting 15 minutes before",
			london(2027, 6, 15, 10, 0), 90 * time.Minute, 15 * time.Minute,
			time.Date(2027, 6, 15, 9, 0, 0, 0, time.UTC), time.Date(2027, 6, 15, 10, 30, 0, 0, time.UTC),
			time.Date(2027, 6, 15, 8, 45, 0, 0, time.UTC),
			"DTSTART;TZID=Europe/London:20270615T100000", "DTSTART;TZID=Europe/London:20270615T094500"},
		{"a December MAM is at its London winter time (GMT)",
			london(2026, 12, 8, 14, 0), time.Hour, 15 * time.Minute,
			time.Date(2026, 12, 8, 14, 0, 0, 0, time.UTC), time.Date(2026, 12, 8, 15, 0, 0, 0, time.UTC),
			time.Date(2026, 12, 8, 13, 45, 0, 0, time.UTC),
			"DTSTART;TZID=Europe/London:20261208T140000", "DTSTART;TZID=Europe/London:20261208T134500"},
		{"a longer pre-meeting starts its own offset before the MAM",
			london(2027, 3, 30, 9, 30), 2 * time.Hour, 30 * time.Minute,
			time.Date(2027, 3, 30, 8, 30, 0, 0, time.UTC), time.Date(2027, 3, 30, 10, 30, 0, 0, time.UTC),
			time.Date(2027, 3, 30, 8, 0, 0, 0, time.UTC),
			"DTSTART;TZID=Europe/London:20270330T093000", "DTSTART;TZID=Europe/London:20270330T090000"},
		{"a meeting without a pre-meeting yields one event",
			london(2026, 12, 8, 14, 0), time.Hour, 0,
			time.Date(2026, 12, 8, 14, 0, 0, 0, time.UTC), time.Date(2026, 12, 8, 15, 0, 0, 0, time.UTC),
			time.Time{}, "DTSTART;TZID=Europe/London:20261208T140000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			m := meeting()
			m.Start, m.Duration, m.PreMeetingOffset = tt.start.UTC(), tt.duration, tt.pre // as storage returns it
			// when
			data := write(t, m, options())
			_, events := parse(t, data)
			// then
			wantEvents := 2
			if tt.wantPreUTC.IsZero() {
				wantEvents = 1
			}
			if len(events) != wantEvents {
				t.Fatalf("%d events, want %d", len(events), wantEvents)
			}
			mam := events["mam-42@dspdesk.local"]
			if mam == nil {
				t.Fatal("no MAM event with UID mam-42@dspdesk.local")
			}
			checkTimes(t, "MAM", mam, tt.wantStartUTC, tt.wantEndUTC)
			if !bytes.Contains(data, []byte("\r\n"+tt.wantDTStart+"\r\n")) {
				t.Errorf("no line %q", tt.wantDTStart)
			}
			if tt.wantPreUTC.IsZero() {
				return
			}
			pre := events["pre-42@dspdesk.local"]
			if pre == nil {
				t.Fatal("no pre-meeting event with UID pre-42@dspdesk.local")
			}
			checkTimes(t, "pre-meeting", pre, tt.wantPreUTC, tt.wantStartUTC)
			if got := value(t, &pre.ComponentBase, ical.ComponentPropertySummary); got != PreMeetingSummary {
				t.Errorf("pre-meeting SUMMARY %q", got)
			}
			if !bytes.Contains(data, []byte("\r\n"+tt.wantPreMeetingLine+"\r\n")) {
				t.Errorf("no line %q", tt.wantPreMeetingLine)
			}
		})
	}
}

func checkTimes(t *testing.T, what string, e *ical.VEvent, start, end time.Time) {
	t.Helper()
	gotStart, err := e.GetStartAt()
	if err != nil {
		t.Fatalf("%s start: %v", what, err)
	}
	gotEnd, err := e.GetEndAt()
	if err != nil {
		t.Fatalf("%s end: %v", what, err)
	}
	if !gotStart.Equal(start) || !gotEnd.Equal(end) {
		t.Errorf("%s from %s to %s, want %s to %s", what, gotStart.UTC(), gotEnd.UTC(), start, end)
	}
}

func TestMeetingCalendarContent(t *testing.T) {
	data := write(t, meeting(), options())
	cal, events := parse(t, data)
	mam, pre := events["mam-42@dspdesk.local"], events["pre-42@dspdesk.local"]
	if mam == nil || pre == nil {
		t.Fatalf("events %v", events)
	}

	t.Run("the calendar says its version, product, method and scale", func(t *testing.T) {
		for _, want := range []string{"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "PRODID:-//DSP Desk//MAM//EN\r\n",
			"METHOD:PUBLISH\r\n", "CALSCALE:GREGORIAN\r\n", "END:VCALENDAR\r\n"} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("no %q", want)
			}
		}
		if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
			t.Error("the file does not end with END:VCALENDAR")
		}
		if len(cal.Timezones()) != 1 {
			t.Errorf("%d VTIMEZONEs, want 1", len(cal.Timezones()))
		}
	})
	t.Run("the MAM is titled by its kind and the person's initials", func(t *testing.T) {
		if got := value(t, &mam.ComponentBase, ical.ComponentPropertySummary); got != "Initial MAM for S.T." {
			t.Errorf("SUMMARY %q", got)
		}
	})
	t.Run("a place with a comma and a semicolon round-trips exactly and is escaped in the file", func(t *testing.T) {
		for _, e := range []*ical.VEvent{mam, pre} {
			if got := value(t, &e.ComponentBase, ical.ComponentPropertyLocation); got != meeting().Place {
				t.Errorf("LOCATION %q, want %q", got, meeting().Place)
			}
		}
		if !bytes.Contains(data, []byte(`LOCATION:Room 2\, Example House\; 1 Example Street`+"\r\n")) {
			t.Error("LOCATION is not escaped")
		}
	})
	t.Run("the video link is the URL and a line of the description", func(t *testing.T) {
		if got := value(t, &mam.ComponentBase, ical.ComponentPropertyUrl); got != meeting().VideoLink {
			t.Errorf("URL %q", got)
		}
		if d := value(t, &mam.ComponentBase, ical.ComponentPropertyDescription); !strings.Contains(d, "\nJoin online: "+meeting().VideoLink+"\n") {
			t.Errorf("DESCRIPTION lacks the link:\n%s", d)
		}
	})
	t.Run("the description lists purpose, pre-meeting, chair, organiser and every agenda title", func(t *testing.T) {
		d := value(t, &mam.ComponentBase, ical.ComponentPropertyDescription)
		want := []string{app.InitialMAM.Purpose(), "Pre-meeting with the family: 09:45 to 10:00.", "Chair: Chris Chair",
			"Organised by: Lee Lead (DSP team)"}
		for _, it := range app.DefaultAgenda() {
			want = append(want, it.Title)
		}
		for _, w := range want {
			if !strings.Contains(d, w) {
				t.Errorf("DESCRIPTION lacks %q:\n%s", w, d)
			}
		}
	})
	t.Run("the organiser has their name and email", func(t *testing.T) {
		o := mam.GetProperty(ical.ComponentPropertyOrganizer)
		if o == nil || o.Value != "mailto:lee.lead@example.org" || !slices.Equal(o.ICalParameters["CN"], []string{"Lee Lead"}) {
			t.Errorf("ORGANIZER %+v", o)
		}
	})
	t.Run("invitees with an email are attendees asked to reply, the others are left out", func(t *testing.T) {
		tests := []struct {
			event *ical.VEvent
			want  []string
		}{
			{mam, []string{"jo.example@example.org", "pat@example.net"}},
			{pre, []string{"pat@example.net"}}, // only the family is invited to the pre-meeting
		}
		for _, tt := range tests {
			var got []string
			for _, a := range tt.event.Attendees() {
				got = append(got, a.Email())
				for param, want := range map[string]string{"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"} {
					if v := a.ICalParameters[param]; !slices.Equal(v, []string{want}) {
						t.Errorf("%s %s=%v, want %s", a.Email(), param, v, want)
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s attendees %v, want %v", tt.event.Id(), got, tt.want)
			}
		}
		attendee := mam.Attendees()[0]
		if cn := attendee.ICalParameters["CN"]; !slices.Equal(cn, []string{"Jo Example"}) {
			t.Errorf("CN %v", cn)
		}
		for _, absent := range []string{"Riley Noemail", "Kim Testperson"} {
			if bytes.Contains(data, []byte(absent)) {
				t.Errorf("%s has no email but is in the file", absent)
			}
		}
	})
	t.Run("nothing names the person in full or carries their details or the notes", func(t *testing.T) {
		p := apptest.Child()
		unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
		for _, bad := range []string{p.FullName(), p.PreferredName, string(p.NHSNumber), p.Address, p.Postcode,
			p.DateOfBirth.Format("20060102"), "internal note", "Internal:"} {
			if strings.Contains(unfolded, bad) {
				t.Errorf("the file contains %q", bad)
			}
		}
	})
	t.Run("both events are private and confirmed", func(t *testing.T) {
		for _, e := range []*ical.VEvent{mam, pre} {
			if c := value(t, &e.ComponentBase, ical.ComponentPropertyClass); c != "PRIVATE" {
				t.Errorf("%s CLASS %q", e.Id(), c)
			}
			if s := value(t, &e.ComponentBase, ical.ComponentPropertyStatus); s != "CONFIRMED" {
				t.Errorf("%s STATUS %q", e.Id(), s)
			}
			if s, err := e.GetDtStampTime(); err != nil || !s.Equal(stamp) {
				t.Errorf("%s DTSTAMP %s, %v", e.Id(), s, err)
			}
		}
	})
}

func TestMeetingCalendarAlarms(t *testing.T) {
	tests := []struct {
		name    string
		alarms  []time.Duration
		wantMAM []string
	}{
		{"without lead times the MAM reminds a day and 30 minutes before", nil, []string{"-P1D", "-PT30M"}},
		{"lead times from the options replace the defaults", []time.Duration{2 * time.Hour, 26*time.Hour + 30*time.Minute},
			[]string{"-PT2H", "-P1DT2H30M"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := options()
			in.Alarms = tt.alarms
			_, events := parse(t, write(t, meeting(), in))
			for uid, want := range map[string][]string{"mam-42@dspdesk.local": tt.wantMAM, "pre-42@dspdesk.local": {"-PT15M"}} {
				var got []string
				for _, a := range events[uid].Alarms() {
					got = append(got, value(t, &a.ComponentBase, ical.ComponentPropertyTrigger))
					if act := value(t, &a.ComponentBase, ical.ComponentPropertyAction); act != "DISPLAY" {
						t.Errorf("%s alarm ACTION %q", uid, act)
					}
					if d := value(t, &a.ComponentBase, ical.ComponentPropertyDescription); !strings.HasPrefix(d, "Reminder: ") {
						t.Errorf("%s alarm DESCRIPTION %q", uid, d)
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s triggers %v, want %v", uid, got, want)
				}
			}
		})
	}
}

func TestMeetingCalendarVariants(t *testing.T) {
	tests := []struct {
		name   string
		change func(*app.Meeting, *Options)
		check  func(t *testing.T, data []byte, events map[string]*ical.VEvent)
	}{
		{"an online-only meeting is located Online",
			func(m *app.Meeting, _ *Options) { m.Place = "" },
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				if l := value(t, &events["mam-42@dspdesk.local"].ComponentBase, ical.ComponentPropertyLocation); l != "Online" {
					t.Errorf("LOCATION %q", l)
				}
			}},
		{"a link that is not a web address stays in the description only",
			func(m *app.Meeting, _ *Options) { m.VideoLink = "Teams: ask Lee for the link" },
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				mam := events["mam-42@dspdesk.local"]
				if mam.GetProperty(ical.ComponentPropertyUrl) != nil {
					t.Error("a URL was written")
				}
				if d := value(t, &mam.ComponentBase, ical.ComponentPropertyDescription); !strings.Contains(d, "Join online: Teams: ask Lee for the link") {
					t.Errorf("DESCRIPTION %q", d)
				}
			}},
		{"a cancelled meeting's events are cancelled",
			func(m *app.Meeting, _ *Options) { m.Status = app.MeetingCancelled },
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				for uid, e := range events {
					if s := value(t, &e.ComponentBase, ical.ComponentPropertyStatus); s != "CANCELLED" {
						t.Errorf("%s STATUS %q", uid, s)
					}
				}
			}},
		{"without an organiser's email there is no ORGANIZER, and the description still names them",
			func(_ *app.Meeting, in *Options) { in.OrganiserEmail = "" },
			func(t *testing.T, data []byte, events map[string]*ical.VEvent) {
				if bytes.Contains(data, []byte("ORGANIZER")) {
					t.Error("ORGANIZER written without an address")
				}
				if d := value(t, &events["mam-42@dspdesk.local"].ComponentBase, ical.ComponentPropertyDescription); !strings.Contains(d, "Organised by: Lee Lead") {
					t.Errorf("DESCRIPTION %q", d)
				}
			}},
		{"without initials the title is the kind alone",
			func(_ *app.Meeting, in *Options) { in.PersonInitials = "" },
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				if s := value(t, &events["mam-42@dspdesk.local"].ComponentBase, ical.ComponentPropertySummary); s != "Initial MAM" {
					t.Errorf("SUMMARY %q", s)
				}
			}},
		{"names with commas, quotes and accents survive as attendee names",
			func(m *app.Meeting, _ *Options) {
				m.Invitees[0].Name = `Zoë "Zo" O'Neil, RN; Łukasz`
			},
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				cn := events["mam-42@dspdesk.local"].Attendees()[0].ICalParameters["CN"]
				if !slices.Equal(cn, []string{`Zoë 'Zo' O'Neil, RN; Łukasz`}) {
					t.Errorf("CN %q", cn)
				}
			}},
		{"agenda titles with commas, semicolons and backslashes round-trip (a title is one line: app validation refuses line breaks)",
			func(m *app.Meeting, _ *Options) {
				m.Agenda = []app.AgendaItem{{Title: `Risks; crisis plan, C:\plans`}, {Title: "and then Siân's update"}}
			},
			func(t *testing.T, _ []byte, events map[string]*ical.VEvent) {
				d := value(t, &events["mam-42@dspdesk.local"].ComponentBase, ical.ComponentPropertyDescription)
				if !strings.HasSuffix(d, "\nAgenda:\n1. Risks; crisis plan, C:\\plans\n2. and then Siân's update") {
					t.Errorf("DESCRIPTION ends %q", d[max(0, len(d)-80):])
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, in := meeting(), options()
			tt.change(&m, &in)
			data := write(t, m, in)
			_, events := parse(t, data)
			tt.check(t, data, events)
		})
	}
}

func TestMeetingCalendarLines(t *testing.T) {
	long := meeting()
	long.Place = strings.Repeat("Zoë's house, Siân's road; Łukasz's flat 🏠 ", 4) // near the 200-character limit
	for i := range long.Agenda {
		long.Agenda[i].Title = strings.Repeat("é", i) + long.Agenda[i].Title + " — " + strings.Repeat("ü😀", 10)
	}
	long.Invitees[0].Name = strings.Repeat("Ååå Ëëë ", 12)
	tests := []struct {
		name string
		m    app.Meeting
	}{
		{"the usual meeting", meeting()},
		{"a meeting with long multi-byte text", long},
	}
	for _, tt := range tests {
		data := write(t, tt.m, options())
		t.Run("every physical line of "+tt.name+" is at most 75 octets, whole UTF-8 and CRLF-terminated", func(t *testing.T) {
			if !bytes.HasSuffix(data, []byte("\r\n")) {
				t.Fatal("the file does not end with CRLF")
			}
			lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
			for i, l := range lines {
				switch {
				case len(l) > 75:
					t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
				case !utf8.ValidString(l):
					t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
				case strings.ContainsAny(l, "\r\n"):
					t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
				case l == "":
					t.Errorf("line %d is empty", i+1)
				}
			}
		})
		t.Run(tt.name+" parses back with the same place and agenda", func(t *testing.T) {
			_, events := parse(t, data)
			mam := events["mam-42@dspdesk.local"]
			if got := value(t, &mam.ComponentBase, ical.ComponentPropertyLocation); got != strings.TrimSpace(tt.m.Place) {
				t.Errorf("LOCATION %q, want %q", got, tt.m.Place)
			}
			d := value(t, &mam.ComponentBase, ical.ComponentPropertyDescription)
			for _, it := range tt.m.Agenda {
				if !strings.Contains(d, strings.TrimSpace(it.Title)) {
					t.Errorf("DESCRIPTION lacks %q", it.Title)
				}
			}
		})
	}
}

func TestLineFolding(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantLines int
	}{
		{"a line of 75 octets is not folded", strings.Repeat("a", 75), 1},
		{"a line of 76 octets folds once", strings.Repeat("a", 76), 2},
		{"continuation lines hold 74 octets after their space", strings.Repeat("a", 75+74), 2},
		{"two-byte characters are never split", strings.Repeat("é", 100), 3},
		{"four-byte characters are never split", strings.Repeat("😀", 40), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b builder
			b.line(tt.in)
			out := b.String()
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			if len(lines) != tt.wantLines {
				t.Errorf("%d lines, want %d: %q", len(lines), tt.wantLines, out)
			}
			for i, l := range lines {
				if len(l) > 75 || !utf8.ValidString(l) || (i > 0 && !strings.HasPrefix(l, " ")) {
					t.Errorf("bad physical line %d: %q", i, l)
				}
			}
			if unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); unfolded != tt.in {
				t.Errorf("unfolds to %q", unfolded)
			}
		})
	}
}

func TestMeetingCalendarIsDeterministic(t *testing.T) {
	t.Run("the same meeting and options give the same bytes", func(t *testing.T) {
		a, b := write(t, meeting(), options()), write(t, meeting(), options())
		if !bytes.Equal(a, b) {
			t.Error("two runs differ")
		}
	})
	t.Run("the time zone of the start does not change the file", func(t *testing.T) {
		m := meeting()
		m.Start = m.Start.In(time.FixedZone("elsewhere", -5*3600))
		if !bytes.Equal(write(t, m, options()), write(t, meeting(), options())) {
			t.Error("files differ")
		}
	})
}

func TestMeetingCalendarRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*app.Meeting, *Options)
		want   string
	}{
		{"a meeting with neither place nor link", func(m *app.Meeting, _ *Options) { m.Place, m.VideoLink = "", "" },
			"Enter where the meeting is, or the video link to join it."},
		{"a meeting without a start", func(m *app.Meeting, _ *Options) { m.Start = time.Time{} }, "Enter the date and time"},
		{"an invitee with a bad email", func(m *app.Meeting, _ *Options) { m.Invitees[0].Email = "jo at example" }, "Enter an email address"},
		{"a meeting not yet stored", func(m *app.Meeting, _ *Options) { m.ID = 0 }, "save the meeting"},
		{"options without the time the file is made", func(_ *app.Meeting, in *Options) { in.Now = time.Time{} }, "Options.Now"},
		{"an organiser email that is not one", func(_ *app.Meeting, in *Options) { in.OrganiserEmail = "lee@" }, "organiser's email"},
		{"a reminder after the start", func(_ *app.Meeting, in *Options) { in.Alarms = []time.Duration{-time.Minute} }, "before the meeting"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused and nothing is written", func(t *testing.T) {
			m, in := meeting(), options()
			tt.change(&m, &in)
			var buf bytes.Buffer
			err := MeetingCalendar(&buf, m, in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
			if strings.Contains(err.Error(), "Testperson") {
				t.Errorf("error names someone: %v", err)
			}
		})
	}
	t.Run("an invalid meeting's error carries the validation problems", func(t *testing.T) {
		m := meeting()
		m.Duration = time.Minute
		var ve *app.ValidationError
		if err := MeetingCalendar(&bytes.Buffer{}, m, options()); !errors.As(err, &ve) || ve.Problems[0].Field != "duration" {
			t.Errorf("error %v", err)
		}
	})
}

func TestInitials(t *testing.T) {
	tests := []struct {
		name, given, family, want string
	}{
		{"given and family names give two initials", "Sam", "Testperson", "S.T."},
		{"lower-case and accented names are upper-cased", "łukasz", "o'neil", "Ł.O."},
		{"spaces and punctuation before a name are skipped", "  Zoë", "'Adebayo-Smith", "Z.A."},
		{"a missing family name gives one initial", "Siân", "", "S."},
		{"no names give none", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Initials(app.Person{GivenName: tt.given, FamilyName: tt.family}); got != tt.want {
				t.Errorf("Initials(%q, %q) = %q, want %q", tt.given, tt.family, got, tt.want)
			}
		})
	}
}

func TestTrigger(t *testing.T) {
	tests := []struct {
		name string
		in   time.Duration
		want string
	}{
		{"a day before", 24 * time.Hour, "-P1D"},
		{"half an hour before", 30 * time.Minute, "-PT30M"},
		{"a day, two hours and a half before", 26*time.Hour + 30*time.Minute, "-P1DT2H30M"},
		{"seconds are kept", 90 * time.Second, "-PT1M30S"},
		{"at the start", 0, "PT0S"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Trigger(tt.in); got != tt.want {
				t.Errorf("Trigger(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTimezoneRules checks the VTIMEZONE against the tz database: in every
// year from 2000 to 2040, London changes to BST at 01:00 UTC on the last
// Sunday of March and back to GMT at 01:00 UTC on the last Sunday of
// October, which is what its two RRULEs say.
func TestTimezoneRules(t *testing.T) {
	var b builder
	writeTimezone(&b)
	vtz := b.String()
	for _, want := range []string{
		"BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT",
		"BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD",
	} {
		if !strings.Contains(vtz, want) {
			t.Fatalf("VTIMEZONE lacks %q", want)
		}
	}
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC) // last day of the month, 01:00 UTC
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	offset := func(at time.Time) int {
		_, off := at.In(app.ServiceLocation).Zone()
		return off
	}
	for y := 2000; y <= 2040; y++ {
		for _, c := range []struct {
			month         time.Month
			before, after int
		}{{time.March, 0, 3600}, {time.October, 3600, 0}} {
			at := lastSunday(y, c.month)
			if offset(at.Add(-time.Second)) != c.before || offset(at) != c.after {
				t.Errorf("%d %s: London does not change at %s as the VTIMEZONE says", y, c.month, at)
			}
		}
	}
}
