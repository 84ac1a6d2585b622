package demo

import (
	"reflect"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// memSink keeps what it is given, numbering records like a database would.
type memSink struct {
	refs     []app.Referral
	regs     []app.Registration
	meetings []app.Meeting
	actions  []app.Action
	gaps     []app.Gap
	changes  int
}

func (m *memSink) CreateReferral(ref app.Referral, _ int64) (app.Referral, error) {
	ref.ID, ref.PersonID = int64(len(m.refs)+1), int64(len(m.refs)+1)
	m.refs = append(m.refs, ref)
	return ref, nil
}
func (m *memSink) AcceptReferral(_ app.Referral, out app.Outcome) (app.Outcome, error) {
	out.Registration.ID = int64(len(m.regs) + 1)
	m.regs = append(m.regs, out.Registration)
	return out, nil
}
func (m *memSink) DeclineReferral(app.Referral) error { return nil }
func (m *memSink) ApplyRatingChange(out app.Outcome) (app.Outcome, error) {
	m.changes++
	for i := range m.regs { // the registration moves as the change says
		if c := out.RatingChange; m.regs[i].ID == c.RegistrationID && c.ToRegister.Valid() {
			m.regs[i].Register, m.regs[i].Rating = c.ToRegister, c.To
		}
	}
	return out, nil
}
func (m *memSink) CreateMeeting(x app.Meeting) (app.Meeting, error) {
	x.ID = int64(len(m.meetings) + 1)
	m.meetings = append(m.meetings, x)
	return x, nil
}
func (m *memSink) CreateAction(a app.Action) (app.Action, error) {
	m.actions = append(m.actions, a)
	return a, nil
}
func (m *memSink) AddConsent(e app.ConsentEvent) (app.ConsentEvent, error) { return e, nil }
func (m *memSink) CreateGap(g app.Gap) (app.Gap, error)                    { m.gaps = append(m.gaps, g); return g, nil }

func generate(t *testing.T, people int, seed uint64) (*memSink, Summary) {
	t.Helper()
	sink := &memSink{}
	cfg := Config{People: people, Seed: seed, Now: time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation),
		Rules: app.NewRules(app.DefaultSettings(), calendar.Default()), ChunkSize: 100}
	chunks := 0
	sum, err := Generate(cfg, func(fn func(Sink) error) error { chunks++; return fn(sink) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (people + 99) / 100; chunks != want {
		t.Errorf("%d chunks, want %d", chunks, want)
	}
	return sink, sum
}

func TestGenerate(t *testing.T) {
	sink, sum := generate(t, 2000, 7)
	now := time.Date(2026, 11, 24, 11, 0, 0, 0, app.ServiceLocation)

	t.Run("every referral is valid and every NHS number is from the test range and unique", func(t *testing.T) {
		seen := map[app.NHSNumber]bool{}
		for _, r := range sink.refs {
			if err := r.Validate(r.ReceivedAt).Err(); err != nil {
				t.Fatalf("referral %d invalid: %v", r.ID, err)
			}
			n := r.Person.NHSNumber
			if n == "" {
				continue
			}
			if !n.IsTestRange() || seen[n] {
				t.Fatalf("NHS number %s: test range %v, repeated %v", n, n.IsTestRange(), seen[n])
			}
			seen[n] = true
		}
	})
	t.Run("the mix of ratings is realistic: mostly green, some amber, few red and blue", func(t *testing.T) {
		r := sum.ByRating
		if !(r[app.Green] > r[app.Amber] && r[app.Amber] > r[app.Red] && r[app.Red] > 0 && r[app.Blue] > 0) {
			t.Errorf("ratings %v", r)
		}
		if sum.Pending == 0 || sum.Declined == 0 || sum.Meetings == 0 || sum.Actions == 0 || sum.Gaps == 0 {
			t.Errorf("summary %v lacks something", sum)
		}
	})
	t.Run("every meeting falls on a working day inside working hours with its pre-meeting", func(t *testing.T) {
		rules := app.NewSlotRules(app.DefaultSettings(), calendar.Default())
		upcoming := 0
		for _, m := range sink.meetings {
			if err := rules.Check(m.Start, m.Duration, m.PreMeetingOffset); err != nil {
				t.Fatalf("meeting %d: %v", m.ID, err)
			}
			if err := m.Validate().Err(); err != nil {
				t.Fatalf("meeting %d invalid: %v", m.ID, err)
			}
			if m.Start.After(now) {
				upcoming++
			}
		}
		if upcoming == 0 {
			t.Error("no upcoming meetings")
		}
	})
	t.Run("actions and gaps are valid", func(t *testing.T) {
		for _, a := range sink.actions {
			if err := a.Validate().Err(); err != nil {
				t.Fatalf("action invalid: %v", err)
			}
		}
		for _, g := range sink.gaps {
			if err := g.Validate(now).Err(); err != nil {
				t.Fatalf("gap invalid: %v", err)
			}
		}
	})
	t.Run("there are people of every local authority and both age groups", func(t *testing.T) {
		las, groups := map[app.LocalAuthority]int{}, map[app.AgeGroup]int{}
		for _, r := range sink.refs {
			las[r.Person.LocalAuthority]++
			groups[app.AgeGroupOn(r.Person.DateOfBirth, now)]++
		}
		if len(las) != 4 || len(groups) != 2 {
			t.Errorf("local authorities %v, age groups %v", las, groups)
		}
	})
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _ := generate(t, 300, 42)
	b, _ := generate(t, 300, 42)
	c, _ := generate(t, 300, 43)
	if !reflect.DeepEqual(a.refs, b.refs) || !reflect.DeepEqual(a.meetings, b.meetings) {
		t.Error("the same seed made different data")
	}
	if reflect.DeepEqual(a.refs, c.refs) {
		t.Error("a different seed made the same data")
	}
}

func TestDemoFollowsTheFormsRules(t *testing.T) {
	sink, _ := generate(t, 600, 2026)
	outOfArea := 0
	for _, reg := range sink.regs {
		p := sink.refs[reg.PersonID-1].Person
		if p.LocalAuthority != app.OutOfArea {
			continue
		}
		outOfArea++
		if reg.Register != app.ROAR {
			t.Errorf("person %d lives outside LLR and is on the %s, not the ROAR", reg.PersonID, reg.Register)
		}
	}
	if outOfArea == 0 {
		t.Error("the demo has nobody living outside LLR to show")
	}
}
