package importing

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"dspdesk/app"
)

// ErrUnusableFile wraps a file refused up front (no header, not a register,
// cannot be read): dspctl exits 4, the desktop says the sentence.
var ErrUnusableFile = errors.New("the file cannot be imported")

// Unusable wraps err (a sentence) as an ErrUnusableFile.
func Unusable(err error) error { return &UnusableError{Reason: err} }

// UnusableError is a file refused up front, with the reason in a sentence.
type UnusableError struct{ Reason error }

func (e *UnusableError) Error() string { return ErrUnusableFile.Error() + ": " + e.Reason.Error() }

// Is makes errors.Is(err, ErrUnusableFile) true.
func (e *UnusableError) Is(target error) bool { return target == ErrUnusableFile }

// UserMessage is the sentence a person reads.
func (e *UnusableError) UserMessage() string {
	return "Nothing was imported: " + app.Sentence(e.Reason)
}

// UndoRefusedError says why a batch cannot be undone: some of its people
// have changed since (ids only).
type UndoRefusedError struct {
	BatchID int64
	Changed int
	First   int64
}

func (e *UndoRefusedError) Error() string {
	return fmt.Sprintf("%d of the people import %d added have been changed since (person %d first), so it can no longer be undone as a whole",
		e.Changed, e.BatchID, e.First)
}

// Is makes errors.Is(err, app.ErrConflict) true.
func (e *UndoRefusedError) Is(target error) bool { return target == app.ErrConflict }

// UserMessage is the sentence a person reads.
func (e *UndoRefusedError) UserMessage() string {
	return app.Sentence(e) + " Correct or close those records one by one instead."
}

// NewPerson is a row the import adds: the person, their registration and
// its first rating change, which names the import as the source.
type NewPerson struct {
	Row          int
	Person       app.Person
	Registration app.Registration
	RatingChange app.RatingChange
}

// LinkedPerson is a row matched to a person already known.
type LinkedPerson struct {
	Row      int
	PersonID int64
}

// Batch is one import: the file, what it did, and who did it when.
type Batch struct {
	ID       int64
	FileName string
	Sheet    string
	Hash     string
	Rows     int
	Added    int
	Linked   int
	Refused  int
	By       string
	At       time.Time
	UndoneAt time.Time
	UndoneBy string
	// Pending counts the batch's people whose consent or rating the team
	// has still to confirm (read back, never stored).
	Pending int

	New   []NewPerson    // stored by StoreImport
	Links []LinkedPerson // stored by StoreImport
}

// Undone reports whether the batch was undone.
func (b Batch) Undone() bool { return !b.UndoneAt.IsZero() }

// Store is what the import needs from storage. Each method is one
// transaction.
type Store interface {
	// KnownPeople lists every person not removed, for the duplicate check.
	KnownPeople(ctx context.Context) ([]Known, error)
	// BatchByHash returns the latest batch (not undone) of a file with this
	// hash, or ErrNotFound.
	BatchByHash(ctx context.Context, hash string) (Batch, error)
	// SavedMapping returns the mapping file saved for a header signature,
	// or ErrNotFound.
	SavedMapping(ctx context.Context, signature string) ([]byte, error)
	SaveMapping(ctx context.Context, actor, signature string, mapping []byte) error
	// StoreImport stores the batch and every person in b.New (person,
	// registration, rating change, each audited) and b.Links in one
	// transaction, calling progress after each row; a cancelled ctx rolls
	// everything back.
	StoreImport(ctx context.Context, actor string, b Batch, progress func(done int)) (Batch, error)
	// UndoImport marks every person the batch added "removed: imported in
	// error" (their registration closed, audited) if none of them changed
	// since; ErrConflict otherwise.
	UndoImport(ctx context.Context, actor string, batchID int64, at time.Time) (Batch, error)
	ImportBatches(ctx context.Context) ([]Batch, error)
}

// Importer is the import use case the desktop and dspctl both call:
// Preview, then Import.
type Importer struct {
	Store Store
	Clock app.Clock
	Rules func(ctx context.Context) (app.Rules, error)
	Actor func(ctx context.Context) string
}

// NewImporter is the import use case over store, with the rules, clock and
// audit name of the pathway service svc.
func NewImporter(store Store, svc *app.Service) Importer {
	return Importer{Store: store, Clock: svc.Clock, Rules: svc.Rules, Actor: svc.Actor}
}

// Mapping is the mapping to propose for t: the one saved for the same
// headings, else the guess. saved tells which.
func (im Importer) Mapping(ctx context.Context, t *Table) (m Mapping, saved bool, err error) {
	data, err := im.Store.SavedMapping(ctx, Signature(t.Header))
	switch {
	case errors.Is(err, app.ErrNotFound):
		return GuessMapping(t.Header), false, nil
	case err != nil:
		return nil, false, err
	}
	if m, err := UnmarshalMapping(data, t.Header); err == nil {
		return m, true, nil
	}
	return GuessMapping(t.Header), false, nil
}

// Preview builds the plan for t with mapping m: nothing is stored. It
// refuses an unusable file or a mapping that cannot work.
func (im Importer) Preview(ctx context.Context, t *Table, m Mapping) (Plan, error) {
	if err := CheckTable(t, m); err != nil {
		return Plan{}, Unusable(err)
	}
	if err := m.Check(t.Header).Err(); err != nil {
		return Plan{}, err
	}
	known, err := im.Store.KnownPeople(ctx)
	if err != nil {
		return Plan{}, err
	}
	plan := BuildPlan(t, m, known, im.Clock.Now().In(app.ServiceLocation))
	if t.Hash != "" {
		b, err := im.Store.BatchByHash(ctx, t.Hash)
		switch {
		case err == nil:
			plan.EarlierBatch = b.ID
		case !errors.Is(err, app.ErrNotFound):
			return Plan{}, err
		}
	}
	return plan, nil
}

// Import stores the plan's good rows as one batch, saves the mapping for
// next time, and returns the batch. progress is called after each row with
// the number done and the total; cancelling ctx stores nothing.
func (im Importer) Import(ctx context.Context, plan Plan, progress func(done, total int)) (Batch, error) {
	rules, err := im.Rules(ctx)
	if err != nil {
		return Batch{}, err
	}
	actor := im.Actor(ctx)
	now := im.Clock.Now()
	b := im.batchOf(plan, rules, actor, now)
	total := len(b.New) + len(b.Links)
	stored, err := im.Store.StoreImport(ctx, actor, b, func(done int) {
		if progress != nil {
			progress(done, total)
		}
	})
	if err != nil {
		return Batch{}, err
	}
	if data, err := MarshalMapping(plan.Table.Header, plan.Mapping); err == nil {
		// the import is stored; a mapping that could not be saved is only
		// not offered next time
		_ = im.Store.SaveMapping(ctx, actor, Signature(plan.Table.Header), data)
	}
	return stored, nil
}

// batchOf turns the plan's rows into the records to store.
func (im Importer) batchOf(plan Plan, rules app.Rules, actor string, now time.Time) Batch {
	t := plan.Table
	b := Batch{FileName: t.FileName, Sheet: t.Sheet, Hash: t.Hash, Rows: plan.Counts.Rows, Added: plan.Counts.Added,
		Linked: plan.Counts.Linked + plan.Counts.SameAs, Refused: plan.Counts.Refused, By: actor, At: now}
	day := app.DateOf(now.In(app.ServiceLocation))
	for _, r := range plan.Rows {
		switch r.Outcome {
		case Link:
			b.Links = append(b.Links, LinkedPerson{Row: r.Number, PersonID: r.PersonID})
		case Add:
			c := r.Candidate
			due := c.NextReview
			if due.IsZero() {
				due = rules.Settings.ReviewDue(c.Rating, app.AgeGroupOn(c.Person.DateOfBirth, now), now.In(app.ServiceLocation), rules.Calendar)
			}
			b.New = append(b.New, NewPerson{Row: r.Number, Person: c.Person,
				Registration: app.Registration{Register: c.Register, Rating: c.Rating, Inpatient: c.Rating == app.Blue,
					Since: day, ReviewDue: due},
				RatingChange: app.RatingChange{To: c.Rating, ToRegister: c.Register, Reason: SourceNote(t.FileName, r.Number, c),
					By: actor, At: now},
			})
		}
	}
	return b
}

// SourceNote is the first rating change's reason for an imported person:
// the import as the source, with what the sheet said that has no field of
// its own (keyworker, last MAM, notes).
func SourceNote(fileName string, row int, c Candidate) string {
	parts := []string{fmt.Sprintf("Imported from %s (row %d): rating to review, consent not yet confirmed.", fileName, row)}
	if c.Keyworker != "" {
		parts = append(parts, "Keyworker: "+c.Keyworker+".")
	}
	if !c.LastMAM.IsZero() {
		parts = append(parts, "Last MAM: "+app.FormatDate(c.LastMAM)+".")
	}
	if c.Notes != "" {
		parts = append(parts, "Notes: "+strings.TrimSuffix(c.Notes, ".")+".")
	}
	return strings.Join(parts, " ")
}

// Undo removes a whole batch as imported in error, while none of its
// people has changed since.
func (im Importer) Undo(ctx context.Context, batchID int64) (Batch, error) {
	return im.Store.UndoImport(ctx, im.Actor(ctx), batchID, im.Clock.Now())
}

// Batches lists the imports, newest first.
func (im Importer) Batches(ctx context.Context) ([]Batch, error) {
	return im.Store.ImportBatches(ctx)
}
