package report

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dspdesk/app"
)

// PlanFromRecord gathers a person's action plan from their record: their
// identifiers and consent, register and rating, every action, the MAM it
// came from (meetingID, or when 0 their latest MAM held or that agreed one
// of the actions) and the next
// review or MAM date, whichever is sooner. The desktop app and dspctl both
// make the plan this way.
func PlanFromRecord(rec app.PersonRecord, meetingID int64, created time.Time) (ActionPlanInput, error) {
	in := ActionPlanInput{Person: rec.Person, Consent: rec.ConsentStatus(), Actions: rec.Actions, Created: created}
	if cur, ok := rec.Current(); ok {
		in.Register, in.Rating, in.ReviewDate = cur.Register, cur.Rating, cur.ReviewDue
	}
	agreedAt := map[int64]bool{} // the meetings the actions were agreed at
	for _, a := range rec.Actions {
		if a.MeetingID != 0 {
			agreedAt[a.MeetingID] = true
		}
	}
	for _, m := range rec.Meetings { // newest first
		held := m.Status == app.MeetingHeld || m.Status == app.MeetingOutcomeRecorded
		switch {
		case meetingID != 0 && m.ID == meetingID:
			in.Meeting = m
		case meetingID == 0 && in.Meeting.ID == 0 && (held || agreedAt[m.ID]):
			// actions agreed in the MAM window count even before the MAM
			// is marked as held
			in.Meeting = m
		}
	}
	if meetingID != 0 && in.Meeting.ID == 0 {
		return in, fmt.Errorf("meeting %d is not one of person %d's: %w", meetingID, rec.Person.ID, app.ErrNotFound)
	}
	if !in.Meeting.NextDate.IsZero() && (in.ReviewDate.IsZero() || in.Meeting.NextDate.Before(in.ReviewDate)) {
		in.ReviewDate = in.Meeting.NextDate
	}
	return in, nil
}

// ErrNoTeamContact is returned by FamilyContact when the settings hold
// neither the team phone nor the team email for families.
var ErrNoTeamContact = errors.New("set the team phone or email for families in Settings first: the family copy says who to contact")

// FamilyContact is who a family gets in touch with about a MAM or a plan:
// the MAM's organiser (else the team) on the team phone and email from the
// settings.
func FamilyContact(set app.Settings, m app.Meeting) (ContactDetails, error) {
	phone, email := strings.TrimSpace(set.TeamPhone), strings.TrimSpace(set.TeamEmail)
	if phone == "" && email == "" {
		return ContactDetails{}, ErrNoTeamContact
	}
	c := ContactDetails{Name: strings.TrimSpace(m.OrganiserName), Role: "Organiser, Dynamic Support Pathway", Phone: phone, Email: email}
	if c.Name == "" {
		c.Name, c.Role = "The Dynamic Support Pathway team", ""
		if team := strings.TrimSpace(set.TeamName); team != "" {
			c.Name = team
		}
	}
	return c, nil
}
