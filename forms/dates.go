package forms

import (
	"errors"
	"strings"
	"time"

	"dspdesk/app"
)

// errDateFormat is the message for a date that cannot be read.
var errDateFormat = errors.New("enter the date as day/month/year, for example 14/03/2012")

// dateLayouts are the ways a UK user types a date.
var dateLayouts = []string{"2/1/2006", "2-1-2006", "2.1.2006", "2 Jan 2006", "2 January 2006", "2006-01-02", "2/1/06"}

// parseUKDate reads a date typed day first. Empty text is the zero time.
func parseUKDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2/1/06" && t.Year() > time.Now().Year() {
				t = t.AddDate(-100, 0, 0) // 14/03/45 is 1945, not 2045
			}
			return app.Date(t.Year(), t.Month(), t.Day()), nil
		}
	}
	return time.Time{}, errDateFormat
}

// formatUKDate writes a date as 14/03/2012, or "" for none.
func formatUKDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}
