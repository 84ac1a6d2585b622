package app

import (
	"strings"
	"time"
)

// MeetingKind is the purpose of a multi-agency meeting.
type MeetingKind int

// MAM kinds.
const (
	InitialMAM MeetingKind = iota + 1
	ReviewMAM
	DischargeMAM
)

// MeetingKinds lists the kinds in form order.
var MeetingKinds = []MeetingKind{InitialMAM, ReviewMAM, DischargeMAM}

func (k MeetingKind) String() string {
	switch k {
	case InitialMAM:
		return "Initial MAM"
	case ReviewMAM:
		return "Review MAM"
	case DischargeMAM:
		return "Discharge MAM"
	}
	return ""
}

// Purpose is the plain-English purpose, as the agenda states it.
func (k MeetingKind) Purpose() string {
	switch k {
	case InitialMAM:
		return "New referral: agree what support is needed and make an action plan."
	case ReviewMAM:
		return "Review: see how things are going and check the action plan."
	case DischargeMAM:
		return "Discharge monitoring: check the plan for leaving hospital is working."
	}
	return ""
}

// Valid reports whether k is one of the kinds.
func (k MeetingKind) Valid() bool { return k >= InitialMAM && k <= DischargeMAM }

// MeetingStatus is where a MAM is in its life.
type MeetingStatus int

// Meeting states, in order.
const (
	MeetingPlanned MeetingStatus = iota + 1
	MeetingFamilyContacted
	MeetingHeld
	MeetingOutcomeRecorded
	MeetingCancelled
)

func (s MeetingStatus) String() string {
	switch s {
	case MeetingPlanned:
		return "Planned"
	case MeetingFamilyContacted:
		return "Family contacted"
	case MeetingHeld:
		return "Held"
	case MeetingOutcomeRecorded:
		return "Outcome recorded"
	case MeetingCancelled:
		return "Cancelled"
	}
	return ""
}

// MeetingOutcome is how the person is doing, as the MAM judged it.
type MeetingOutcome int

// MAM outcomes; zero until recorded.
const (
	OutcomeImproved MeetingOutcome = iota + 1
	OutcomeNoChange
	OutcomeDeteriorated
)

// MeetingOutcomes lists the outcomes in form order.
var MeetingOutcomes = []MeetingOutcome{OutcomeImproved, OutcomeNoChange, OutcomeDeteriorated}

func (o MeetingOutcome) String() string {
	switch o {
	case OutcomeImproved:
		return "Improved"
	case OutcomeNoChange:
		return "No change"
	case OutcomeDeteriorated:
		return "Deteriorated"
	}
	return "Not recorded"
}

// NoImprovement reports whether the MAM found no improvement.
func (o MeetingOutcome) NoImprovement() bool { return o == OutcomeNoChange || o == OutcomeDeteriorated }

// Attendance is what happened with one invitee on the day.
type Attendance int

// Attendance values; AttendanceUnknown until the meeting is held.
const (
	AttendanceUnknown Attendance = iota
	Attended
	SentApologies
	DidNotAttend
)

func (a Attendance) String() string {
	switch a {
	case Attended:
		return "Attended"
	case SentApologies:
		return "Apologies"
	case DidNotAttend:
		return "Did not attend"
	}
	return "Not recorded"
}

// Invitee is someone invited to a MAM.
type Invitee struct {
	ID         int64
	MeetingID  int64
	Name       string
	Role       string
	Agency     string
	Email      string
	Phone      string
	Family     bool // the person, a family member or carer (shown on the family agenda by name and role)
	Attendance Attendance
}

// Validate checks an invitee.
func (i Invitee) Validate() Problems {
	var p Problems
	p.checkTexts(i.texts()...)
	if strings.TrimSpace(i.Name) == "" {
		p.Add("name", "Enter the invitee's name.")
	}
	if strings.TrimSpace(i.Role) == "" {
		p.Add("role", "Enter the invitee's role (for family: their relationship, e.g. Mum).")
	}
	if !i.Family && strings.TrimSpace(i.Agency) == "" {
		p.Add("agency", "Enter the invitee's agency.")
	}
	if i.Email != "" && !ValidEmail(i.Email) {
		p.Add("email", "Enter an email address like name@example.org.")
	}
	if i.Phone != "" && !ValidPhone(i.Phone) {
		p.Add("phone", "Enter a UK phone number, for example 0116 295 0000.")
	}
	return p
}

// AgendaItem is one item of a MAM agenda.
type AgendaItem struct {
	ID        int64
	MeetingID int64
	Position  int
	Title     string
	// FamilyText is the plain-English wording for the family copy; empty
	// means the item is left off the family agenda.
	FamilyText string
	Notes      string // what was said, recorded on the day (never on the family copy)
}

// DefaultAgenda is the agenda of DOMAIN.md section 5, with plain-English
// wording for the family copy.
func DefaultAgenda() []AgendaItem {
	items := []struct{ title, family string }{
		{"Welcome, introductions and apologies; consent and confidentiality confirmed", "Welcome. Everyone says who they are. We check you are happy for us to talk about you."},
		{"Purpose of the meeting", "Why we are meeting."},
		{"The person's and family's views; what the pre-meeting raised", "What you and your family think. This comes first."},
		{"Updates from each agency since the referral or last MAM", "What each service has done since we last met."},
		{"Key questions: safe? good care? plan for the future? needs met in the community? Health, behaviour support, education, placement, carer wellbeing, safeguarding, crisis plan", "Is everyone safe and well? Is the support working? What could help?"},
		{"Risk and rating agreed, with reasons; register and escalation decisions", "How worried we are, and why."},
		{"Action plan: review existing actions; agree new ones (owner, agency, due date)", "What will happen next, who will do it, and by when."},
		{"Gaps in service identified", ""},
		{"Who tells the person and family the outcome, and how", "How you will hear what was decided."},
		{"Next MAM or review date", "When we will meet again."},
	}
	out := make([]AgendaItem, len(items))
	for i, it := range items {
		out[i] = AgendaItem{Position: i + 1, Title: it.title, FamilyText: it.family}
	}
	return out
}

// Meeting is a multi-agency meeting about one person, with its pre-meeting.
type Meeting struct {
	ID       int64
	PersonID int64
	Kind     MeetingKind
	Start    time.Time
	Duration time.Duration
	// Place is the address or room; VideoLink is how to join online. One is needed.
	Place     string
	VideoLink string
	Organiser Organiser
	// OrganiserName is the person who organises (a team member or the referrer).
	OrganiserName string
	Chair         string
	// PreMeetingOffset is how long before Start the family pre-meeting
	// begins; zero means no pre-meeting.
	PreMeetingOffset time.Duration
	Status           MeetingStatus
	// FamilyContactedOn is the day the family was met to talk the meeting
	// through; zero until done.
	FamilyContactedOn time.Time
	Invitees          []Invitee
	Agenda            []AgendaItem
	Notes             string
	// Outcome and NextDate are what the MAM decided: how the person is
	// doing, and when the next MAM or review is.
	Outcome  MeetingOutcome
	NextDate time.Time
	// Version is the stored version this copy was read at; an update of an
	// older version is refused as a conflict.
	Version int
}

// End is when the MAM finishes.
func (m Meeting) End() time.Time { return m.Start.Add(m.Duration) }

// PreMeetingStart is when the pre-meeting begins (Start when there is none).
func (m Meeting) PreMeetingStart() time.Time { return m.Start.Add(-m.PreMeetingOffset) }

// HasPreMeeting reports whether a pre-meeting is planned.
func (m Meeting) HasPreMeeting() bool { return m.PreMeetingOffset > 0 }

// Validate checks the meeting's own fields (the slot is checked by SlotRules).
func (m Meeting) Validate() Problems {
	var p Problems
	p.checkTexts(m.texts()...)
	if m.PersonID == 0 {
		p.Add("person", "Choose the person the meeting is about.")
	}
	if !m.Kind.Valid() {
		p.Add("kind", "Choose the kind of MAM: initial, review or discharge.")
	}
	if m.Start.IsZero() {
		p.Add("start", "Enter the date and time of the meeting.")
	}
	if m.Duration < 15*time.Minute || m.Duration > 8*time.Hour {
		p.Add("duration", "A meeting must last between 15 minutes and 8 hours.")
	}
	if strings.TrimSpace(m.Place) == "" && strings.TrimSpace(m.VideoLink) == "" {
		p.Add("place", "Enter where the meeting is, or the video link to join it.")
	}
	if !m.Organiser.Valid() {
		p.Add("organiser", "Choose who organises the meeting.")
	}
	if m.PreMeetingOffset < 0 || m.PreMeetingOffset > 2*time.Hour {
		p.Add("preMeetingOffset", "The pre-meeting must start between 0 and 120 minutes before the MAM.")
	}
	for i, inv := range m.Invitees {
		p.Merge(indexed("invitees", i), inv.Validate())
	}
	if m.Status == MeetingOutcomeRecorded && !(m.Outcome >= OutcomeImproved && m.Outcome <= OutcomeDeteriorated) {
		p.Add("outcome", "Choose the outcome: improved, no change or deteriorated.")
	}
	if !m.NextDate.IsZero() && !m.Start.IsZero() && !DateOf(m.NextDate).After(DateOf(m.Start)) {
		p.Add("nextDate", "The next MAM or review must be after this meeting.")
	}
	return p
}

// EscalationOffer says whether a recorded MAM should offer the escalation of
// the LLR criteria: a child rated Amber who has not improved after the MAM
// goes to Red, the ROAR and an urgent CETR, with no second MAM.
func EscalationOffer(m Meeting, reg Registration, dob, today time.Time) bool {
	return m.Status == MeetingOutcomeRecorded && m.Outcome.NoImprovement() && reg.Open() && reg.Rating == Amber &&
		AgeGroupOn(dob, today) == CYP
}
