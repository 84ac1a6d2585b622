package app

import "errors"

// Kind is what kind of failure an error is: forms and dspctl choose what to
// say and what to offer by it, never by an error's text.
type Kind int

// The kinds of failure a user may meet.
const (
	KindUnexpected Kind = iota // a bug or an unknown failure: show a reference code
	KindNotFound               // the record does not exist (any more)
	KindConflict               // someone else changed it first, or it clashes with what is stored
	KindLocked                 // another program holds the database
	KindReadOnly               // the database or its folder cannot be written (permissions, a read-only drive)
	KindCorrupt                // the database is damaged: restoring a backup is the remedy
	KindForeign                // the file is not a DSP Desk database
	KindTooNew                 // a newer version of DSP Desk wrote it
	KindDiskFull               // the disk is full
	KindPartlyDone             // what was asked was done, but a step after it was not (a backup made but not recorded)
	KindKeyMissing             // the database's audit key is not on this computer (import it, or adopt the database)
)

// KindError is an error a user may meet with its kind and a sentence that
// says what happened and what to do (no SQL, no personal details).
type KindError struct {
	Kind    Kind
	message string
}

// NewKindError returns an error of kind k whose text is message (lower case,
// no full stop, as Go errors are; UserMessage makes it a sentence).
func NewKindError(k Kind, message string) *KindError {
	return &KindError{Kind: k, message: message}
}

func (e *KindError) Error() string { return e.message }

// UserMessage is the message as a sentence.
func (e *KindError) UserMessage() string { return Sentence(e) }

// KindOf is the kind of err: the kind of the first KindError inside it,
// KindNotFound or KindConflict for ErrNotFound and ErrConflict, else
// KindUnexpected.
func KindOf(err error) Kind {
	var k *KindError
	switch {
	case err == nil:
		return KindUnexpected
	case errors.As(err, &k):
		return k.Kind
	case errors.Is(err, ErrNotFound):
		return KindNotFound
	case errors.Is(err, ErrConflict):
		return KindConflict
	}
	return KindUnexpected
}

// CannotOpen says, for the window shown when the database at path did not
// open, what happened and what to do, by the error's kind. Restoring a
// backup is suggested only when the file is damaged: a lock, a permission
// problem or a full disk is fixed where it is, and restoring would lose
// work. ref gives the reference code of an unexpected error.
func CannotOpen(path string, err error, ref func(error) string) string {
	var problem string
	switch KindOf(err) {
	case KindLocked:
		problem = "Another program is using the database and did not let go in time: DSP Desk may already be open (in another window or another session), or dspctl may be running. Close it, then start DSP Desk again."
	case KindReadOnly:
		problem = "DSP Desk may not write to the database or to its folder: the folder may be on a read-only or disconnected drive, or your account may not change files there. Ask IT support to check the folder's permissions; the database itself needs no restoring."
	case KindCorrupt:
		problem = "The database is damaged. If you have a backup, IT support can restore it with:\ndspctl restore BACKUP-FILE --db \"" + path + "\""
	case KindForeign:
		problem = "This file is not a DSP Desk database. Check that DSP Desk was started with the right database file (--db)."
	case KindTooNew:
		problem = "A newer version of DSP Desk wrote this database. Install the newer version to open it."
	case KindDiskFull:
		problem = "The disk is full. Free some space on it, then start DSP Desk again."
	case KindKeyMissing:
		var k *KindError
		errors.As(err, &k)
		problem = k.UserMessage()
	default:
		problem = "It could not be opened for a reason DSP Desk did not expect. Tell IT support the reference " + ref(err) + "."
	}
	return "DSP Desk could not open its database:\n" + path + "\n\n" + problem + "\n\nNothing has been changed."
}
