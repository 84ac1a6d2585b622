package importing

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
)

// errNotUnderstood is a value that is there but cannot be read.
var errNotUnderstood = errors.New("not understood")

// excelEpoch is day 0 of Excel's date numbers (its 1900 system, which
// counts the non-existent 29 February 1900, hence the 30th).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateLayouts are the day-first ways people type dates in a register,
// tried in order after Excel date numbers.
var dateLayouts = []string{"2/1/2006", "2.1.2006", "2-1-2006", "2/1/06", "2.1.06", "2-1-06", "2006-01-02", "2006/01/02",
	"2 Jan 2006", "2 January 2006", "2-Jan-2006", "2-Jan-06", "2 Jan 06", "Jan 2 2006", "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2/1/2006 15:04", "2/1/2006 15:04:05"}

// ParseDate reads a date as a UK register holds it: day first (03/04/2012,
// 3.4.12, 3 Apr 2012), ISO (2012-04-03), or an Excel date number (41002,
// with or without a time fraction). A two-digit year after pivotYear%100 is
// read as last century. Empty text is the zero time with no error.
func ParseDate(s string, pivotYear int) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "/-") {
		// Excel date numbers: 1 (1 Jan 1900) up to 2958465 (31 Dec 9999)
		if f < 1 || f > 2958465 || math.IsNaN(f) {
			return time.Time{}, errNotUnderstood
		}
		t := excelEpoch.AddDate(0, 0, int(math.Floor(f)))
		return app.Date(t.Year(), t.Month(), t.Day()), nil
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "06") && !strings.Contains(layout, "2006") {
			century := pivotYear / 100 * 100
			y := century + t.Year()%100
			if y > pivotYear {
				y -= 100
			}
			t = time.Date(y, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		return app.Date(t.Year(), t.Month(), t.Day()), nil
	}
	return time.Time{}, errNotUnderstood
}

// words reduces a value to lower-case words separated by single spaces.
func words(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '/', '.', ',', '(', ')', ':':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// ParseRating reads R/A/G/B, Red, "amber", "RAG: green"... ignoring case
// and spacing. ok is false when the text is not a rating.
func ParseRating(s string) (app.Rating, bool) {
	w := words(s)
	w = strings.TrimPrefix(strings.TrimPrefix(w, "rag "), "rating ")
	switch w {
	case "r", "red":
		return app.Red, true
	case "a", "amber", "orange", "yellow":
		return app.Amber, true
	case "g", "green":
		return app.Green, true
	case "b", "blue", "blue inpatient", "inpatient":
		return app.Blue, true
	}
	return 0, false
}

// ParseRegister reads DSR/ROAR, "Dynamic Support Register", "risk of
// admission"... ignoring case and spacing.
func ParseRegister(s string) (app.Register, bool) {
	w := words(s)
	switch {
	case w == "dsr" || w == "dynamic support register" || w == "dynamic support" || w == "dynamic support register dsr":
		return app.DSR, true
	case w == "roar" || w == "risk of admission register" || w == "risk of admission" || w == "risk of admission register roar",
		w == "at risk of admission" || w == "rar":
		return app.ROAR, true
	}
	return 0, false
}

// ParseLocalAuthority reads Leicester City or "Leicester", Leicestershire,
// Rutland, Out of area. ok is false for anything else: an unknown area is
// never guessed.
func ParseLocalAuthority(s string) (app.LocalAuthority, bool) {
	w := words(s)
	w = strings.TrimSuffix(strings.TrimSuffix(w, " council"), " county")
	switch w {
	case "leicester", "leicester city", "city", "lcc", "leicester city council":
		return app.LeicesterCity, true
	case "leicestershire", "leics", "county", "leicestershire county", "lcc county":
		return app.Leicestershire, true
	case "rutland":
		return app.Rutland, true
	case "out of area", "ooa", "out of county", "outside llr":
		return app.OutOfArea, true
	}
	return 0, false
}

// ParseDiagnosis reads LD, autism/ASD/ASC, or both. Empty text is
// DiagnosisNotRecorded with ok true.
func ParseDiagnosis(s string) (app.Diagnosis, bool) {
	w := words(s)
	if w == "" || w == "not recorded" || w == "unknown" || w == "not known" {
		return app.DiagnosisNotRecorded, true
	}
	ld := false
	aut := false
	for _, t := range strings.Fields(strings.ReplaceAll(w, "&", " ")) {
		switch t {
		case "ld", "learning", "disability", "disabilities", "ldd":
			ld = true
		case "autism", "autistic", "asd", "asc", "autism spectrum":
			aut = true
		}
	}
	switch {
	case ld && aut:
		return app.LearningDisabilityAndAutism, true
	case ld:
		return app.LearningDisability, true
	case aut:
		return app.Autism, true
	}
	return 0, false
}

// SplitFullName splits "Given Family" or "Family, Given" into given and
// family names; one word gives a family name only.
func SplitFullName(s string) (given, family string) {
	s = strings.Join(strings.Fields(s), " ")
	if f, g, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(g), strings.TrimSpace(f)
	}
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return "", s
	}
	return s[:i], s[i+1:]
}
