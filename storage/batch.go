package storage

import (
	"context"
	"database/sql"

	"dspdesk/app"
)

// Batch writes many records in one transaction, through the same code (and
// with the same audit rows) as the single-record methods. dspctl seed and
// imports use it: a thousand referrals cost one commit instead of a thousand.
type Batch struct {
	s     *Store
	ctx   context.Context
	tx    *sql.Tx
	actor string
}

// Batch runs fn with a Batch in one transaction: everything fn wrote is
// stored, or (if fn or the commit fails) nothing is.
func (s *Store) Batch(ctx context.Context, actor string, fn func(b *Batch) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return fn(&Batch{s: s, ctx: ctx, tx: tx, actor: actor})
	})
}

// CreateReferral is Store.CreateReferral inside the batch.
func (b *Batch) CreateReferral(ref app.Referral, personID int64) (app.Referral, error) {
	return b.s.createReferral(b.ctx, b.tx, b.actor, ref, personID)
}

// AcceptReferral is Store.AcceptReferral inside the batch.
func (b *Batch) AcceptReferral(ref app.Referral, out app.Outcome) (app.Outcome, error) {
	err := b.s.acceptReferral(b.ctx, b.tx, b.actor, ref, &out)
	return out, err
}

// DeclineReferral is Store.DeclineReferral inside the batch.
func (b *Batch) DeclineReferral(ref app.Referral) error {
	return b.s.markDecided(b.ctx, b.tx, b.actor, ref, app.ReferralDeclined)
}

// ApplyRatingChange is Store.ApplyRatingChange inside the batch.
func (b *Batch) ApplyRatingChange(out app.Outcome) (app.Outcome, error) {
	err := b.s.applyRatingChange(b.ctx, b.tx, b.actor, &out)
	return out, err
}

// CreateMeeting is Store.CreateMeeting inside the batch.
func (b *Batch) CreateMeeting(m app.Meeting) (app.Meeting, error) {
	return b.s.createMeeting(b.ctx, b.tx, b.actor, m)
}

// CreateAction is Store.CreateAction inside the batch.
func (b *Batch) CreateAction(a app.Action) (app.Action, error) {
	return b.s.createAction(b.ctx, b.tx, b.actor, a)
}

// CreateGap is Store.CreateGap inside the batch.
func (b *Batch) CreateGap(g app.Gap) (app.Gap, error) {
	return b.s.createGap(b.ctx, b.tx, b.actor, g)
}

// AddConsent is Store.AddConsent inside the batch.
func (b *Batch) AddConsent(e app.ConsentEvent) (app.ConsentEvent, error) {
	return b.s.insertConsent(b.ctx, b.tx, b.actor, e)
}
