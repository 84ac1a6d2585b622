package app

import (
	"strings"
	"testing"
	"time"
)

func TestActionValidateAndOverdue(t *testing.T) {
	valid := Action{Description: "Refer to positive behaviour support", Owner: "Jo Example", Agency: "Example NHS Trust", Due: Date(2026, 12, 4), Status: ActionOpen}
	tests := []struct {
		name   string
		change func(*Action)
		want   string
	}{
		{"a complete action is valid", func(*Action) {}, ""},
		{"an empty action lists what is missing", func(a *Action) { *a = Action{} }, "description,owner,agency,due,status"},
		{"a done action needs its completion date", func(a *Action) { a.Status = ActionDone }, "completedOn"},
		{"a blocked action needs its reason", func(a *Action) { a.Status = ActionBlocked }, "statusReason"},
		{"a cancelled action needs its reason", func(a *Action) { a.Status, a.StatusReason = ActionCancelled, "  " }, "statusReason"},
		{"a blocked action with a reason is valid", func(a *Action) { a.Status, a.StatusReason = ActionBlocked, "No beds" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid
			tt.change(&a)
			if got := strings.Join(fields(a.Validate()), ","); got != tt.want {
				t.Errorf("problems on %q, want %q", got, tt.want)
			}
		})
	}
	overdue := []struct {
		name   string
		status ActionStatus
		on     time.Time
		want   bool
	}{
		{"an open action is not overdue on its due date", ActionOpen, Date(2026, 12, 4), false},
		{"an open action is overdue the day after", ActionOpen, Date(2026, 12, 5), true},
		{"an action in progress can be overdue", ActionInProgress, Date(2026, 12, 5), true},
		{"a done action is never overdue", ActionDone, Date(2027, 1, 1), false},
		{"a cancelled action is never overdue", ActionCancelled, Date(2027, 1, 1), false},
		{"a blocked action is still overdue", ActionBlocked, Date(2026, 12, 5), true},
	}
	for _, tt := range overdue {
		t.Run(tt.name, func(t *testing.T) {
			a := valid
			a.Status = tt.status
			if got := a.Overdue(tt.on); got != tt.want {
				t.Errorf("Overdue = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGapValidate(t *testing.T) {
	valid := Gap{Date: Date(2026, 11, 20), RaisedBy: "Jo Example", Category: GapShortBreaks, Description: "No short-break beds for autistic teenagers",
		LocalAuthority: Rutland, AgeGroup: CYP, Summary: "No short-break beds for autistic teenagers.",
		Impact: "Carer exhausted; placement at risk", Status: GapOpen}
	tests := []struct {
		name   string
		change func(*Gap)
		want   string
	}{
		{"a complete anonymous gap is valid", func(*Gap) {}, ""},
		{"an empty gap lists what is missing", func(g *Gap) { *g = Gap{} }, "date,raisedBy,category,localAuthority,ageGroup,summary,description,impact,status"},
		{"a gap dated tomorrow is refused", func(g *Gap) { g.Date = Date(2026, 11, 23) }, "date"},
		{"an escalated gap says to whom", func(g *Gap) { g.Status = GapEscalated }, "escalatedTo"},
		{"a gap with a response records it", func(g *Gap) { g.Status = GapResponded }, "response"},
		{"a closed gap says when", func(g *Gap) { g.Status = GapClosed }, "closedOn"},
		{"a gap cannot close before it was raised", func(g *Gap) { g.Status, g.ClosedOn = GapClosed, Date(2026, 11, 19) }, "closedOn"},
		{"a closed gap with its date is valid", func(g *Gap) { g.Status, g.ClosedOn = GapClosed, Date(2026, 11, 22) }, ""},
		{"the short description is kept short", func(g *Gap) { g.Summary = strings.Repeat("x", SummaryLimit+1) }, "summary"},
		{"an unknown age group is refused", func(g *Gap) { g.AgeGroup = 0 }, "ageGroup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := valid
			tt.change(&g)
			if got := strings.Join(fields(g.Validate(today)), ","); got != tt.want {
				t.Errorf("problems on %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMeetingValidate(t *testing.T) {
	valid := Meeting{PersonID: 1, Kind: InitialMAM, Start: workday, Duration: 90 * time.Minute, Place: "Example House",
		Organiser: OrganisedByTeam, PreMeetingOffset: 15 * time.Minute,
		Invitees: []Invitee{{Name: "Pat Testperson", Role: "Mum", Family: true}, {Name: "Jo Example", Role: "Nurse", Agency: "Example NHS Trust", Email: "jo@example.org"}}}
	tests := []struct {
		name   string
		change func(*Meeting)
		want   string
	}{
		{"a complete meeting is valid", func(*Meeting) {}, ""},
		{"a video link is enough instead of a place", func(m *Meeting) { m.Place, m.VideoLink = "", "https://meet.example.org/abc" }, ""},
		{"an empty meeting lists what is missing", func(m *Meeting) { *m = Meeting{} }, "person,kind,start,duration,place,organiser"},
		{"a 10-minute meeting is refused", func(m *Meeting) { m.Duration = 10 * time.Minute }, "duration"},
		{"a pre-meeting three hours early is refused", func(m *Meeting) { m.PreMeetingOffset = 3 * time.Hour }, "preMeetingOffset"},
		{"a professional invitee needs an agency", func(m *Meeting) { m.Invitees[1].Agency = "" }, "invitees[1].agency"},
		{"a family invitee needs no agency but a name", func(m *Meeting) { m.Invitees[0].Name = "" }, "invitees[0].name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid
			m.Invitees = append([]Invitee(nil), valid.Invitees...)
			tt.change(&m)
			if got := strings.Join(fields(m.Validate()), ","); got != tt.want {
				t.Errorf("problems on %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("the pre-meeting starts the offset before the MAM", func(t *testing.T) {
		if got := valid.PreMeetingStart(); !got.Equal(workday.Add(-15 * time.Minute)) {
			t.Errorf("PreMeetingStart = %v", got)
		}
		if !valid.End().Equal(workday.Add(90 * time.Minute)) {
			t.Errorf("End = %v", valid.End())
		}
	})
}

func TestDefaultAgenda(t *testing.T) {
	a := DefaultAgenda()
	if len(a) != 10 {
		t.Fatalf("%d items, want the 10 of DOMAIN.md section 5", len(a))
	}
	for i, it := range a {
		if it.Position != i+1 || it.Title == "" {
			t.Errorf("item %d = %+v", i, it)
		}
	}
	if a[7].FamilyText != "" {
		t.Error("gaps in service is an internal item, left off the family copy")
	}
	if !strings.Contains(a[6].Title, "Action plan") {
		t.Errorf("item 7 = %q, want the action plan", a[6].Title)
	}
}

func TestRatingsAndRegisters(t *testing.T) {
	for _, r := range Ratings {
		t.Run(r.String()+" has a letter, a meaning and parses back", func(t *testing.T) {
			if r.Letter() != r.String()[:1] || r.Meaning() == "" {
				t.Errorf("%v: %q %q", r, r.Letter(), r.Meaning())
			}
			if got, ok := ParseRating(strings.ToLower(r.Letter())); !ok || got != r {
				t.Errorf("ParseRating(%q) = %v %v", r.Letter(), got, ok)
			}
		})
	}
	if _, ok := ParseRating("purple"); ok {
		t.Error("purple is not a rating")
	}
	mapping := []struct {
		rating  Rating
		current Register
		want    Register
	}{
		{Red, DSR, ROAR}, {Amber, ROAR, DSR}, {Green, ROAR, DSR}, {Blue, ROAR, ROAR}, {Blue, DSR, DSR}, {Blue, 0, DSR},
	}
	for _, m := range mapping {
		t.Run(m.rating.String()+" from "+m.current.String()+" goes to "+m.want.String(), func(t *testing.T) {
			if got := RegisterFor(m.rating, m.current); got != m.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestRegistrationValidateAndOverdue(t *testing.T) {
	r := Registration{Register: DSR, Rating: Green, Since: Date(2026, 1, 5), ReviewDue: Date(2026, 11, 20)}
	if len(r.Validate()) != 0 {
		t.Errorf("valid registration refused: %v", r.Validate())
	}
	if !r.ReviewOverdue(today) {
		t.Error("a review due on 20 November is overdue on the 22nd")
	}
	r.ClosedAt = workday
	if r.ReviewOverdue(today) {
		t.Error("a closed registration is never overdue")
	}
	if got := strings.Join(fields(r.Validate()), ","); got != "closeReason" {
		t.Errorf("closed without a reason: problems on %q", got)
	}
	if got := strings.Join(fields((Registration{}).Validate()), ","); got != "register,rating,since" {
		t.Errorf("empty: problems on %q", got)
	}
}

func TestReviewAndMeetingRequests(t *testing.T) {
	if ReviewKindFor(CYP) != CETR || ReviewKindFor(Adult) != CTR {
		t.Error("CETR for under-18s, CTR for adults")
	}
	rr := ReviewRequest{Kind: CETR, Reason: "Red", RequestedAt: workday, Status: RequestDone}
	if got := strings.Join(fields(rr.Validate()), ","); got != "heldOn" {
		t.Errorf("a held review needs its date: %q", got)
	}
	rr.HeldOn = Date(2026, 11, 1)
	if got := strings.Join(fields(rr.Validate()), ","); got != "heldOn" {
		t.Errorf("a review held before its request: %q", got)
	}
	mr := MeetingRequest{}
	if got := strings.Join(fields(mr.Validate()), ","); got != "kind,organiser,reason,requestedAt" {
		t.Errorf("empty meeting request: %q", got)
	}
}
