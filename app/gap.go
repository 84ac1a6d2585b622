package app

import (
	"strings"
	"time"
)

// GapCategory groups gaps in service for the senior managers' report.
type GapCategory int

// Gap categories.
const (
	GapAccommodation GapCategory = iota + 1
	GapCrisisOutOfHours
	GapShortBreaks
	GapCommunityHealth
	GapMentalHealth
	GapBehaviourSupport
	GapEducation
	GapSocialCareCapacity
	GapDiagnosisWaitingList
	GapTransition
	GapOther
)

// GapCategories lists the categories in form order.
var GapCategories = []GapCategory{GapAccommodation, GapCrisisOutOfHours, GapShortBreaks, GapCommunityHealth,
	GapMentalHealth, GapBehaviourSupport, GapEducation, GapSocialCareCapacity, GapDiagnosisWaitingList, GapTransition, GapOther}

func (c GapCategory) String() string {
	switch c {
	case GapAccommodation:
		return "Accommodation / placement"
	case GapCrisisOutOfHours:
		return "Crisis / out-of-hours support"
	case GapShortBreaks:
		return "Short breaks"
	case GapCommunityHealth:
		return "Community LD / autism health"
	case GapMentalHealth:
		return "Mental health / CAMHS"
	case GapBehaviourSupport:
		return "Behaviour support"
	case GapEducation:
		return "Education"
	case GapSocialCareCapacity:
		return "Social care capacity"
	case GapDiagnosisWaitingList:
		return "Diagnosis waiting list"
	case GapTransition:
		return "Transition"
	case GapOther:
		return "Other"
	}
	return ""
}

// Valid reports whether c is one of the categories.
func (c GapCategory) Valid() bool { return c >= GapAccommodation && c <= GapOther }

// GapStatus is where a gap in service stands.
type GapStatus int

// Gap states.
const (
	GapOpen GapStatus = iota + 1
	GapEscalated
	GapResponded
	GapClosed
)

func (s GapStatus) String() string {
	switch s {
	case GapOpen:
		return "Open"
	case GapEscalated:
		return "Escalated"
	case GapResponded:
		return "Response received"
	case GapClosed:
		return "Closed"
	}
	return ""
}

// Valid reports whether s is one of the states.
func (s GapStatus) Valid() bool { return s >= GapOpen && s <= GapClosed }

// Gap is a Gaps in Service form: it tells senior managers about a gap that
// has affected a person's health and wellbeing and their ability to stay in
// the community. PersonID is 0 when the gap is recorded anonymously.
type Gap struct {
	ID        int64
	Date      time.Time
	RaisedBy  string
	PersonID  int64
	MeetingID int64
	ActionID  int64
	// LocalAuthority and AgeGroup are where the person lives and their
	// pathway on the date: taken from the person's record when one is
	// linked, chosen on the form when the gap is anonymous. The senior
	// managers' report counts by them.
	LocalAuthority LocalAuthority
	AgeGroup       AgeGroup
	Category       GapCategory
	// Summary is the short description for the senior managers' report:
	// no names or other details that identify anyone.
	Summary     string
	Description string
	Impact      string
	WhatTried   string
	EscalatedTo string
	Response    string
	Status      GapStatus
	// ClosedOn is the day the gap was closed (zero while it is open).
	ClosedOn time.Time
	// Version is the stored version this copy was read at; saving an older
	// version is refused as a conflict (ConflictError).
	Version int
}

// SummaryLimit is the longest short description the report prints.
const SummaryLimit = 140

// DaysOpen is how many calendar days the gap has been (or was) open on
// today: from its date to the day it closed, or to today.
func (g Gap) DaysOpen(today time.Time) int {
	end := DateOf(today)
	if g.Status == GapClosed && !g.ClosedOn.IsZero() {
		end = DateOf(g.ClosedOn)
	}
	if end.Before(DateOf(g.Date)) {
		return 0
	}
	return int(end.Sub(DateOf(g.Date)).Hours()/24 + 0.5)
}

// Validate checks a gap on today.
func (g Gap) Validate(today time.Time) Problems {
	var p Problems
	p.checkTexts(g.texts()...)
	switch {
	case g.Date.IsZero():
		p.Add("date", "Enter the date.")
	case DateOf(g.Date).After(DateOf(today)):
		p.Add("date", "The date cannot be in the future.")
	}
	if strings.TrimSpace(g.RaisedBy) == "" {
		p.Add("raisedBy", "Enter who raised the gap.")
	}
	if !g.Category.Valid() {
		p.Add("category", "Choose a category.")
	}
	if !g.LocalAuthority.Valid() {
		p.Add("localAuthority", "Choose the local authority the person lives in.")
	}
	if g.AgeGroup != CYP && g.AgeGroup != Adult {
		p.Add("ageGroup", "Choose children and young people or adults.")
	}
	switch summary := strings.TrimSpace(g.Summary); {
	case summary == "":
		p.Add("summary", "Write a short description for the senior managers' report.")
	case len([]rune(summary)) > SummaryLimit:
		p.Add("summary", "Keep the short description to %d characters (it has %d).", SummaryLimit, len([]rune(summary)))
	}
	if strings.TrimSpace(g.Description) == "" {
		p.Add("description", "Describe the gap in service.")
	}
	if strings.TrimSpace(g.Impact) == "" {
		p.Add("impact", "Describe the impact on the person's health, wellbeing or ability to stay in the community.")
	}
	if !g.Status.Valid() {
		p.Add("status", "Choose the status.")
	}
	if g.Status == GapEscalated && strings.TrimSpace(g.EscalatedTo) == "" {
		p.Add("escalatedTo", "Enter who the gap was escalated to.")
	}
	if g.Status == GapResponded && strings.TrimSpace(g.Response) == "" {
		p.Add("response", "Enter the response.")
	}
	switch {
	case g.Status == GapClosed && g.ClosedOn.IsZero():
		p.Add("closedOn", "Enter the date the gap was closed.")
	case g.Status == GapClosed && DateOf(g.ClosedOn).Before(DateOf(g.Date)):
		p.Add("closedOn", "The gap cannot close before the date it was raised.")
	case g.Status == GapClosed && DateOf(g.ClosedOn).After(DateOf(today)):
		p.Add("closedOn", "The date cannot be in the future.")
	}
	return p
}

// GapFromAction starts a gap in service raised from a blocked action: it
// carries the person, the MAM and the action, and the reason the action is
// blocked as what the gap is about. The caller fills in who raised it, the
// category, the place and age group from the person, and the impact.
func GapFromAction(a Action, today time.Time) Gap {
	g := Gap{Date: DateOf(today), PersonID: a.PersonID, MeetingID: a.MeetingID, ActionID: a.ID, Status: GapOpen}
	g.Description = strings.TrimSpace(a.StatusReason)
	if g.Description == "" {
		g.Description = "The action \"" + strings.TrimSpace(a.Description) + "\" could not go ahead."
	}
	if a.Agency != "" {
		g.WhatTried = "Action agreed with " + a.Agency + ": " + strings.TrimSpace(a.Description)
	}
	return g
}
