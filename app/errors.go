package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotFound is returned (wrapped) when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned (wrapped) when a change clashes with what is stored,
// for example a second person with the same NHS number.
var ErrConflict = errors.New("conflict")

// Problem is one validation message about one field. Field is the stable name
// a form uses to place the message beside its widget (for example
// "person.nhsNumber"); Message is a sentence a user can act on.
type Problem struct {
	Field   string
	Message string
}

// Problems collects validation messages in the order they were found, which is
// the order of the fields on the form.
type Problems []Problem

// Add records a message for a field.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Merge adds other's problems with their field names prefixed by prefix and a dot.
func (p *Problems) Merge(prefix string, other Problems) {
	for _, q := range other {
		f := q.Field
		if prefix != "" {
			f = prefix + "." + f
		}
		*p = append(*p, Problem{Field: f, Message: q.Message})
	}
}

// For returns the messages about field, joined ("" when none).
func (p Problems) For(field string) string {
	var out []string
	for _, q := range p {
		if q.Field == field {
			out = append(out, q.Message)
		}
	}
	return strings.Join(out, " ")
}

// Err returns nil when there are no problems, otherwise a *ValidationError.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: append(Problems(nil), p...)}
}

// ValidationError reports every problem found in a value. Forms show each
// message beside its field; the first one is where the cursor goes.
type ValidationError struct {
	Problems Problems
}

// Error lists the messages, one sentence after another.
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, " ")
}

// Field returns the first message recorded for field, or "".
func (e *ValidationError) Field(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// Fields returns the field names that have a problem, in order, without repeats.
func (e *ValidationError) Fields() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range e.Problems {
		if !seen[p.Field] {
			seen[p.Field] = true
			out = append(out, p.Field)
		}
	}
	return out
}

// AsValidation returns the *ValidationError inside err, if any.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// ConflictError is the conflict a save meets when the record changed after
// the copy being saved was read: it names who changed it last and when (from
// the audit log), so the user can reload, compare and apply their changes
// again. It wraps ErrConflict.
type ConflictError struct {
	Entity string // "person", "action", "gap", "registration", "meeting", "settings"
	ID     int64
	// By and At are the latest change's actor and time; empty when unknown.
	By string
	At time.Time
}

// Error names the record by id only (it may be logged).
func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s %d was changed since it was read: %v", e.Entity, e.ID, ErrConflict)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// UserMessage says who changed the record and when, that nothing was saved,
// and what to do.
func (e *ConflictError) UserMessage() string {
	who := "Someone else"
	if e.By != "" {
		who = e.By
	}
	when := ""
	if !e.At.IsZero() {
		at := e.At.In(ServiceLocation)
		when = " at " + at.Format("15:04") + " on " + FormatDate(at)
	}
	return who + " changed this record" + when + ", after you opened it. Nothing was saved, and your changes are still in the form: reload to see the newer details (Reload, or close and open the record again), then make your changes again."
}

// AsConflict returns the *ConflictError inside err, if any.
func AsConflict(err error) (*ConflictError, bool) {
	var c *ConflictError
	ok := errors.As(err, &c)
	return c, ok
}
