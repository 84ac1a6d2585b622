package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MeetingStore keeps meetings.
type MeetingStore interface {
	CreateMeeting(ctx context.Context, actor string, m Meeting) (Meeting, error)
	UpdateMeeting(ctx context.Context, actor string, m Meeting) (Meeting, error)
	Meeting(ctx context.Context, id int64) (Meeting, error)
	MeetingsBetween(ctx context.Context, from, to time.Time) ([]MeetingRow, error)
}

// AgendaFor is the default agenda with the person's outstanding actions
// carried in (see AgendaFrom).
func AgendaFor(open []Action) []AgendaItem { return AgendaFrom(DefaultAgenda(), open) }

// AgendaFrom is an agenda template with the person's outstanding actions
// carried in under the action-plan item (or at the end when the template
// has none), one line each, for the team to review: they are internal and
// never on the family copy.
func AgendaFrom(template []AgendaItem, open []Action) []AgendaItem {
	var carried []AgendaItem
	for _, a := range open {
		if !a.Outstanding() {
			continue
		}
		carried = append(carried, AgendaItem{Title: fmt.Sprintf("Review action: %s (%s, %s; due %s; %s)",
			a.Description, a.Owner, a.Agency, FormatDate(a.Due), strings.ToLower(a.Status.String()))})
	}
	var out []AgendaItem
	placed := false
	for _, it := range template {
		it.ID, it.MeetingID, it.Notes = 0, 0, ""
		out = append(out, it)
		if !placed && strings.HasPrefix(strings.ToLower(it.Title), "action plan") {
			out = append(out, carried...)
			placed = true
		}
	}
	if !placed {
		out = append(out, carried...)
	}
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// SuggestedInvitees are the family contacts (with the person first when
// they are 16 or over) and the referrer, for the team to tick.
func SuggestedInvitees(rec PersonRecord, today time.Time) []Invitee {
	var out []Invitee
	p := rec.Person
	if AgeOn(p.DateOfBirth, today) >= AgeConsentRecheck {
		out = append(out, Invitee{Name: p.FullName(), Role: "The person" + interpreterNote(p.Communication.Interpreter), Family: true})
	}
	for _, c := range p.Contacts {
		role := c.Relationship
		if role == "" {
			role = "Family or carer"
		}
		role += interpreterNote(p.Communication.FamilyInterpreter)
		out = append(out, Invitee{Name: c.Name, Role: role, Email: c.Email, Phone: c.Phone, Family: true})
	}
	seen := map[string]bool{}
	for _, r := range rec.Referrals {
		if r.Referrer.Name == "" || seen[r.Referrer.Name] {
			continue
		}
		seen[r.Referrer.Name] = true
		out = append(out, Invitee{Name: r.Referrer.Name, Role: r.Referrer.Role + " (referrer)", Agency: r.Referrer.Organisation,
			Email: r.Referrer.Email, Phone: r.Referrer.Phone})
	}
	return out
}

// Clash is another meeting that overlaps a proposed one for the same
// person (the family) or the same organiser.
type Clash struct {
	Meeting MeetingRow
	Why     string
}

// Clashes lists the meetings in others that overlap m (each with its
// pre-meeting) for the same person or the same organiser name.
func Clashes(m Meeting, others []MeetingRow) []Clash {
	start, end := m.PreMeetingStart(), m.End()
	var out []Clash
	for _, o := range others {
		if o.ID == m.ID || o.Status == MeetingCancelled {
			continue
		}
		if !(o.PreMeetingStart().Before(end) && start.Before(o.End())) {
			continue
		}
		switch {
		case o.PersonID == m.PersonID:
			out = append(out, Clash{o, "the family already has a MAM then"})
		case m.OrganiserName != "" && strings.EqualFold(strings.TrimSpace(o.OrganiserName), strings.TrimSpace(m.OrganiserName)):
			out = append(out, Clash{o, "the organiser already has a MAM then"})
		}
	}
	return out
}

// ScheduleResult is a scheduled meeting, or the clashes to confirm.
type ScheduleResult struct {
	Meeting Meeting
	Clashes []Clash
}

// ErrClashes is returned when a proposed MAM overlaps another for the same
// family or organiser and the user has not yet confirmed it.
var ErrClashes = errors.New("the meeting clashes with another MAM")

// ScheduleMeeting checks a MAM (its fields, the slot on a working day inside
// working hours with its pre-meeting, and clashes) and stores it. A refused
// slot is a problem on "start" that names the next possible time; clashes
// come back with ErrClashes unless confirmed.
func (s *Service) ScheduleMeeting(ctx context.Context, store MeetingStore, m Meeting, confirmClashes bool) (ScheduleResult, error) {
	CleanStrings(&m)
	rules, err := s.Rules(ctx)
	if err != nil {
		return ScheduleResult{}, err
	}
	if m.Status == 0 {
		m.Status = MeetingPlanned
	}
	p := m.Validate()
	if err := p.Err(); err != nil {
		return ScheduleResult{}, err
	}
	slots := NewSlotRules(rules.Settings, rules.Calendar)
	if err := slots.Check(m.Start, m.Duration, m.PreMeetingOffset); err != nil {
		var se *SlotError
		if errors.As(err, &se) {
			p.Add("start", "%s", se.Error())
			return ScheduleResult{}, &SlotProblem{ValidationError: ValidationError{Problems: p}, Next: se.Next}
		}
		return ScheduleResult{}, err
	}
	others, err := store.MeetingsBetween(ctx, m.Start.Add(-24*time.Hour), m.End().Add(24*time.Hour))
	if err != nil {
		return ScheduleResult{}, err
	}
	if cl := Clashes(m, others); len(cl) > 0 && !confirmClashes {
		return ScheduleResult{Clashes: cl}, ErrClashes
	}
	saved, err := store.CreateMeeting(ctx, s.Actor(ctx), m)
	return ScheduleResult{Meeting: saved}, err
}

// SlotProblem is a refused slot: a validation error on "start" that also
// carries the next possible start (zero when none fits).
type SlotProblem struct {
	ValidationError
	Next time.Time
}

// Unwrap lets errors.As find the validation error inside.
func (e *SlotProblem) Unwrap() error { return &e.ValidationError }

// UpdateMeeting stores changes to a meeting (family contacted, attendance,
// outcome, agenda), checking its fields first.
func (s *Service) UpdateMeeting(ctx context.Context, store MeetingStore, m Meeting) (Meeting, error) {
	CleanStrings(&m)
	if err := m.Validate().Err(); err != nil {
		return Meeting{}, err
	}
	return store.UpdateMeeting(ctx, s.Actor(ctx), m)
}
