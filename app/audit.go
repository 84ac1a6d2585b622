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
	ID       int64
	At       time.Time
	Actor    string
	Entity   string // "person", "referral", "consent", "registration", ...
	EntityID int64
	Action   string // "create", "update", "decide", "close", "export", ...
	Changes  []FieldChange
}

// AuditReport is the result of checking the audit log's hash chain.
type AuditReport struct {
	OK   bool
	Rows int
	// FirstBrokenID is the first row that fails, with the Problem in words.
	FirstBrokenID int64
	Problem       string
}
