package app

import "time"

// FieldChange is one field of a record changed from Old to New (Old is empty
// on creation).
type FieldChange struct {
	Field string `json:"f"`
	Old   string `json:"o,omitempty"`
	New   string `json:"n,omitempty"`
}

// AuditEntry is one row of the append-only audit log: who did what to which
// record, when, and which fields changed.
type AuditEntry struct {
	ID    int64
	At    time.Time
	Actor string // the operating-system account (or team login) that made the change
	// DisplayName is the name in Settings when the change was made ("" for
	// rows written before version 0.2, or when none was set).
	DisplayName string
	Entity      string // "person", "referral", "consent", "registration", ...
	EntityID    int64
	Action      string // "create", "update", "decide", "close", "export", ...
	Changes     []FieldChange
}

// AuditReport is the result of checking the audit log's keyed chain.
type AuditReport struct {
	OK   bool
	Rows int
	// Keyed is the number of rows whose MAC was checked with the database's
	// key; rows made without the key on this computer cannot be (see
	// KeyMissing), nor rows from before the database was adopted.
	Keyed int
	// KeyMissing says the database's key is not on this computer: only what
	// needs no key was checked (the protection, an empty log beside records).
	KeyMissing bool
	// FirstBrokenID is the first row that fails, with the Problem in words.
	FirstBrokenID int64
	Problem       string
}
