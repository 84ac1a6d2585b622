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
	ID          int64
	Date        time.Time
	RaisedBy    string
	PersonID    int64
	MeetingID   int64
	ActionID    int64
	Category    GapCategory
	Description string
	Impact      string
	WhatTried   string
	EscalatedTo string
	Response    string
	Status      GapStatus
}

// Validate checks a gap on today.
func (g Gap) Validate(today time.Time) Problems {
	var p Problems
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
	return p
}
