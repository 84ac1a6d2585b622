package forms

import (
	"time"

	"dspdesk/app"
)

// parseUKDate reads a date typed day first. Empty text is the zero time.
func parseUKDate(s string) (time.Time, error) { return app.ParseUKDate(s) }

// formatUKDate writes a date as 14/03/2012, or "" for none.
func formatUKDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}
