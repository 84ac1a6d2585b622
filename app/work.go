package app

import (
	"context"
	"time"
)

// MeetingRow is a meeting with the name of the person it is about.
type MeetingRow struct {
	Meeting
	PersonName string
}

// ActionRow is an action with the name of the person it is for.
type ActionRow struct {
	Action
	PersonName string
}

// GapRow is a gap in service with the person's name (empty when anonymous).
type GapRow struct {
	Gap
	PersonName string
}

// WorkStore lists work across everyone.
type WorkStore interface {
	MeetingsBetween(ctx context.Context, from, to time.Time) ([]MeetingRow, error)
	OutstandingActions(ctx context.Context) ([]ActionRow, error)
	Gaps(ctx context.Context) ([]GapRow, error)
}
