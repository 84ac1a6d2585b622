package app

import (
	"errors"
	"strings"
	"time"
)

// ErrDateFormat is the message for a date that cannot be read.
var ErrDateFormat = errors.New("enter the date as day/month/year, for example 14/03/2012")

// dateLayouts are the ways a UK user types a date.
var dateLayouts = []string{"2/1/2006", "2-1-2006", "2.1.2006", "2 Jan 2006", "2 January 2006", "2006-01-02", "2/1/06"}

// ParseUKDate reads a date typed day first (14/03/2012, 14 Mar 2012,
// 2012-03-14). A two-digit year in the future is read as last century
// (14/03/45 is 1945). Empty text is the zero time.
func ParseUKDate(s string) (time.Time, error) { return parseDate(s, true) }

// parseDate reads a date typed day first. pastCentury reads a two-digit
// year in the future as last century (right for dates of birth); otherwise
// it is this century.
func parseDate(s string, pastCentury bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2/1/06" {
				t = t.AddDate(2000+t.Year()%100-t.Year(), 0, 0)
				if pastCentury && t.Year() > time.Now().Year() {
					t = t.AddDate(-100, 0, 0)
				}
			}
			return Date(t.Year(), t.Month(), t.Day()), nil
		}
	}
	return time.Time{}, ErrDateFormat
}
