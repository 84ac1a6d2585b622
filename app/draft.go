package app

import (
	"context"
	"strings"
	"time"
)

// Draft is a referral being typed, saved as the user works so nothing typed
// is lost. It is not a record of the pathway until it is submitted.
type Draft struct {
	ID       int64
	Referral Referral
	// NHSNumberText is the NHS number as typed (it may not parse yet) and
	// NHSNotKnown the "not known" tick; the other fields live in Referral.
	NHSNumberText string
	NHSNotKnown   bool
	UpdatedAt     time.Time
}

// Title names a draft in the drafts list: the person's name so far, or
// "Untitled referral".
func (d Draft) Title() string {
	if n := strings.TrimSpace(d.Referral.Person.FullName()); n != "" {
		return n
	}
	return "Untitled referral"
}

// DraftStore keeps referral drafts.
type DraftStore interface {
	// SaveDraft creates (ID 0) or updates a draft and returns it with its ID.
	SaveDraft(ctx context.Context, actor string, d Draft) (Draft, error)
	Drafts(ctx context.Context) ([]Draft, error)
	// DiscardDraft removes a draft (after it was submitted, or on the user's word).
	DiscardDraft(ctx context.Context, actor string, id int64, reason string) error
}
