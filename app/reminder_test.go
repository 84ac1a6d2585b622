package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

// remLondon is a wall-clock time in the service's time zone (Europe/London).
func remLondon(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, ServiceLocation)
}

// remNow is the fixed "now" of most reminder tests: Monday 23 November 2026
// at 10:00 in London (GMT). The reminder horizon is Monday 30 November and
// the birthday horizon Sunday 21 February 2027.
var remNow = remLondon(2026, 11, 23, 10, 0)

// remRules are the default rules: reminders 7 days ahead, birthdays 90 days
// ahead, family contact 3 working days before a MAM, pre-meeting 15 minutes.
func remRules() Rules {
	return NewRules(DefaultSettings(), calendar.Default())
}

// remMAM is a planned 90-minute MAM with the default 15-minute pre-meeting,
// family not yet contacted.
func remMAM(id int64, kind MeetingKind, start time.Time) Meeting {
	return Meeting{
		ID: id, PersonID: 900 + id, Kind: kind, Start: start, Duration: 90 * time.Minute,
		Place: "Room 2, Example House", Organiser: OrganisedByTeam, OrganiserName: "Team member",
		PreMeetingOffset: 15 * time.Minute, Status: MeetingPlanned,
	}
}

// remContacted returns m with the family met on the given day.
func remContacted(m Meeting, on time.Time) Meeting {
	m.FamilyContactedOn = on
	m.Status = MeetingFamilyContacted
	return m
}

// remWithStatus returns m with status s.
func remWithStatus(m Meeting, s MeetingStatus) Meeting {
	m.Status = s
	return m
}

// remAction is an action owned by a (synthetic) professional.
func remAction(id int64, status ActionStatus, due time.Time) Action {
	return Action{
		ID: id, PersonID: 800 + id, MeetingID: 50, Description: "Arrange a short-break assessment",
		Owner: "Sam Keyworker", Agency: "Social care", Due: due, Status: status,
	}
}

// remReg is an open registration.
func remReg(id int64, reg Register, rating Rating, due time.Time) Registration {
	return Registration{ID: id, PersonID: 700 + id, Register: reg, Rating: rating,
		Since: Date(2026, 1, 5), ReviewDue: due}
}

// remOnDSR is an open DSR registration of person 700+id, rated Green, with
// its review due in March 2027 (beyond every horizon).
func remOnDSR(id int64) Registration { return remReg(id, DSR, Green, Date(2027, 3, 1)) }

// remConsent is the consent status after consent given on each date in turn.
func remConsent(dates ...time.Time) ConsentStatus {
	var h []ConsentEvent
	for i, d := range dates {
		h = append(h, ConsentEvent{ID: int64(i + 1), Date: d, GivenBy: GivenByParent, GiverName: "A parent"})
	}
	return CurrentConsent(h)
}

func TestDueReminders(t *testing.T) {
	tests := []struct {
		name     string
		now      time.Time
		settings func(*Settings) // changes to the default settings, if any
		in       ReminderInputs
		want     []Reminder
	}{
		{
			name: "nothing to do gives no reminders",
			now:  remNow,
			in:   ReminderInputs{},
			want: nil,
		},

		// Meetings, their pre-meetings and the family pre-contact.
		{
			name: "a MAM this week gives a MAM reminder and a pre-meeting reminder 15 minutes before",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(1, InitialMAM, remLondon(2026, 11, 25, 10, 0)), Date(2026, 11, 19)),
			}},
			want: []Reminder{
				{Kind: RemindPreMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 25, 9, 45),
					Text: "Pre-meeting with the family at 09:45, before the Initial MAM."},
				{Kind: RemindMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 25, 10, 0),
					Text: "Initial MAM on Wednesday 25 November 2026 at 10:00."},
			},
		},
		{
			name: "a MAM with no pre-meeting gives only the MAM reminder",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{func() Meeting {
				m := remContacted(remMAM(1, ReviewMAM, remLondon(2026, 11, 25, 9, 0)), Date(2026, 11, 19))
				m.PreMeetingOffset = 0
				return m
			}()}},
			want: []Reminder{
				{Kind: RemindMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 25, 9, 0),
					Text: "Review MAM on Wednesday 25 November 2026 at 09:00."},
			},
		},
		{
			name: "a MAM on a BST day given in UTC is written in London's clock",
			now:  remLondon(2026, 6, 15, 10, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(3, DischargeMAM, time.Date(2026, 6, 17, 13, 0, 0, 0, time.UTC)), Date(2026, 6, 11)),
			}},
			want: []Reminder{
				{Kind: RemindPreMeeting, PersonID: 903, MeetingID: 3, When: remLondon(2026, 6, 17, 13, 45),
					Text: "Pre-meeting with the family at 13:45, before the Discharge MAM."},
				{Kind: RemindMeeting, PersonID: 903, MeetingID: 3, When: remLondon(2026, 6, 17, 14, 0),
					Text: "Discharge MAM on Wednesday 17 June 2026 at 14:00."},
			},
		},
		{
			name: "a MAM on the last day of the horizon is included",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(1, ReviewMAM, remLondon(2026, 11, 30, 14, 0)), Date(2026, 11, 20)),
			}},
			want: []Reminder{
				{Kind: RemindPreMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 30, 13, 45),
					Text: "Pre-meeting with the family at 13:45, before the Review MAM."},
				{Kind: RemindMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 30, 14, 0),
					Text: "Review MAM on Monday 30 November 2026 at 14:00."},
			},
		},
		{
			name: "a MAM in progress is still listed but its pre-meeting, already past, is not",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(1, ReviewMAM, remLondon(2026, 11, 23, 9, 30)), Date(2026, 11, 17)),
			}},
			want: []Reminder{
				{Kind: RemindMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 23, 9, 30),
					Text: "Review MAM on Monday 23 November 2026 at 09:30."},
			},
		},
		{
			name: "the family contact for a MAM just after Christmas is due 3 working days before, skipping the weekend and both bank holidays",
			// given a MAM on Tuesday 29 December 2026: the working days before it are
			// Thu 24 (1), Wed 23 (2) and Tue 22 (3), as Fri 25 and Mon 28 are bank holidays
			now: remLondon(2026, 12, 21, 10, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(4, InitialMAM, remLondon(2026, 12, 29, 10, 0)),
			}},
			// then the MAM itself is beyond the horizon (Monday 28 December)
			want: []Reminder{
				{Kind: RemindFamilyContact, PersonID: 904, MeetingID: 4, When: Date(2026, 12, 22),
					Text: "Meet the family to talk through the Initial MAM on Tuesday 29 December 2026 (due Tuesday 22 December 2026)."},
			},
		},
		{
			name: "the family contact due today is not overdue",
			now:  remLondon(2026, 12, 22, 16, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(4, InitialMAM, remLondon(2026, 12, 29, 10, 0)),
			}},
			want: []Reminder{
				{Kind: RemindFamilyContact, PersonID: 904, MeetingID: 4, When: Date(2026, 12, 22),
					Text: "Meet the family to talk through the Initial MAM on Tuesday 29 December 2026 (due Tuesday 22 December 2026)."},
				{Kind: RemindPreMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 9, 45),
					Text: "Pre-meeting with the family at 09:45, before the Initial MAM."},
				{Kind: RemindMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 10, 0),
					Text: "Initial MAM on Tuesday 29 December 2026 at 10:00."},
			},
		},
		{
			name: "the family contact is overdue once its due date has passed",
			now:  remLondon(2026, 12, 23, 10, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(4, InitialMAM, remLondon(2026, 12, 29, 10, 0)),
			}},
			want: []Reminder{
				{Kind: RemindFamilyContact, PersonID: 904, MeetingID: 4, When: Date(2026, 12, 22), Overdue: true,
					Text: "Meet the family to talk through the Initial MAM on Tuesday 29 December 2026 (due Tuesday 22 December 2026)."},
				{Kind: RemindPreMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 9, 45),
					Text: "Pre-meeting with the family at 09:45, before the Initial MAM."},
				{Kind: RemindMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 10, 0),
					Text: "Initial MAM on Tuesday 29 December 2026 at 10:00."},
			},
		},
		{
			name: "the family contact reminder is gone once the family has been met",
			now:  remLondon(2026, 12, 23, 10, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(4, InitialMAM, remLondon(2026, 12, 29, 10, 0)), Date(2026, 12, 23)),
			}},
			want: []Reminder{
				{Kind: RemindPreMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 9, 45),
					Text: "Pre-meeting with the family at 09:45, before the Initial MAM."},
				{Kind: RemindMeeting, PersonID: 904, MeetingID: 4, When: remLondon(2026, 12, 29, 10, 0),
					Text: "Initial MAM on Tuesday 29 December 2026 at 10:00."},
			},
		},
		{
			name: "a MAM beyond the horizon whose family contact is due on the last day of the horizon gives only the family contact",
			// given a MAM on Thursday 3 December: 3 working days before is Monday 30 November
			now: remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(5, ReviewMAM, remLondon(2026, 12, 3, 11, 0)),
			}},
			want: []Reminder{
				{Kind: RemindFamilyContact, PersonID: 905, MeetingID: 5, When: Date(2026, 11, 30),
					Text: "Meet the family to talk through the Review MAM on Thursday 3 December 2026 (due Monday 30 November 2026)."},
			},
		},
		{
			name: "a MAM beyond the horizon whose family contact is also beyond it gives nothing",
			// given a MAM on Friday 4 December: the family contact is due Tuesday 1 December
			now: remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(5, ReviewMAM, remLondon(2026, 12, 4, 11, 0)),
			}},
			want: nil,
		},
		{
			name: "a MAM beyond the horizon with the family already met gives nothing",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(5, ReviewMAM, remLondon(2026, 12, 3, 11, 0)), Date(2026, 11, 20)),
			}},
			want: nil,
		},
		{
			name: "a cancelled MAM this week gives nothing, not even the family contact",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remWithStatus(remMAM(6, InitialMAM, remLondon(2026, 11, 25, 10, 0)), MeetingCancelled),
			}},
			want: nil,
		},
		{
			name: "a MAM already held gives nothing",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remWithStatus(remMAM(6, InitialMAM, remLondon(2026, 11, 19, 10, 0)), MeetingHeld),
			}},
			want: nil,
		},
		{
			name: "a MAM with its outcome recorded gives nothing",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remWithStatus(remMAM(6, InitialMAM, remLondon(2026, 11, 19, 10, 0)), MeetingOutcomeRecorded),
			}},
			want: nil,
		},
		{
			name: "a meeting with no start time gives nothing",
			now:  remNow,
			in:   ReminderInputs{Meetings: []Meeting{remMAM(6, InitialMAM, time.Time{})}},
			want: nil,
		},
		{
			name: "a past MAM still planned gives an overdue MAM outcome reminder and no family contact",
			now:  remNow,
			in: ReminderInputs{Meetings: []Meeting{
				remMAM(7, ReviewMAM, remLondon(2026, 11, 19, 10, 0)),
			}},
			want: []Reminder{
				{Kind: RemindMeetingOutcome, PersonID: 907, MeetingID: 7, When: remLondon(2026, 11, 19, 10, 0), Overdue: true,
					Text: "Review MAM on Thursday 19 November 2026 at 10:00: record who attended and the outcome."},
			},
		},
		{
			name: "a MAM that ended earlier today with the family met still asks for its outcome",
			now:  remLondon(2026, 11, 23, 14, 0),
			in: ReminderInputs{Meetings: []Meeting{
				remContacted(remMAM(7, DischargeMAM, remLondon(2026, 11, 23, 10, 0)), Date(2026, 11, 17)),
			}},
			want: []Reminder{
				{Kind: RemindMeetingOutcome, PersonID: 907, MeetingID: 7, When: remLondon(2026, 11, 23, 10, 0), Overdue: true,
					Text: "Discharge MAM on Monday 23 November 2026 at 10:00: record who attended and the outcome."},
			},
		},

		// Actions.
		{
			name: "an open action due this week is listed as due",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(1, ActionOpen, Date(2026, 11, 27))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 801, ActionID: 1, MeetingID: 50, When: Date(2026, 11, 27),
					Text: "Action due Friday 27 November 2026 (owner Sam Keyworker, Social care)."},
			},
		},
		{
			name: "an action due today is due, not overdue",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(1, ActionInProgress, Date(2026, 11, 23))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 801, ActionID: 1, MeetingID: 50, When: Date(2026, 11, 23),
					Text: "Action due Monday 23 November 2026 (owner Sam Keyworker, Social care)."},
			},
		},
		{
			name: "an action due on the last day of the horizon is included",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(1, ActionOpen, Date(2026, 11, 30))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 801, ActionID: 1, MeetingID: 50, When: Date(2026, 11, 30),
					Text: "Action due Monday 30 November 2026 (owner Sam Keyworker, Social care)."},
			},
		},
		{
			name: "an action in progress past its due date is overdue",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(2, ActionInProgress, Date(2026, 11, 20))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 802, ActionID: 2, MeetingID: 50, When: Date(2026, 11, 20), Overdue: true,
					Text: "Action overdue since Friday 20 November 2026 (owner Sam Keyworker, Social care)."},
			},
		},
		{
			name: "an action months overdue is still listed",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(2, ActionOpen, Date(2026, 6, 1))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 802, ActionID: 2, MeetingID: 50, When: Date(2026, 6, 1), Overdue: true,
					Text: "Action overdue since Monday 1 June 2026 (owner Sam Keyworker, Social care)."},
			},
		},
		{
			name: "a done action past its due date gives nothing",
			now:  remNow,
			in: ReminderInputs{Actions: []Action{func() Action {
				a := remAction(3, ActionDone, Date(2026, 11, 20))
				a.CompletedOn = Date(2026, 11, 21)
				return a
			}()}},
			want: nil,
		},
		{
			name: "an action no longer needed gives nothing",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(3, ActionCancelled, Date(2026, 11, 25))}},
			want: nil,
		},
		{
			name: "an action due the day after the horizon gives nothing",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(4, ActionOpen, Date(2026, 12, 1))}},
			want: nil,
		},
		{
			name: "an action with no due date gives nothing",
			now:  remNow,
			in:   ReminderInputs{Actions: []Action{remAction(5, ActionOpen, time.Time{})}},
			want: nil,
		},
		{
			name: "today is the London date: just after midnight BST an action due the day before is overdue",
			// given 23:30 UTC on Thursday 25 June 2026, which is 00:30 on Friday 26 June in London
			now: time.Date(2026, 6, 25, 23, 30, 0, 0, time.UTC),
			in:  ReminderInputs{Actions: []Action{remAction(6, ActionOpen, Date(2026, 6, 25))}},
			want: []Reminder{
				{Kind: RemindAction, PersonID: 806, ActionID: 6, MeetingID: 50, When: Date(2026, 6, 25), Overdue: true,
					Text: "Action overdue since Thursday 25 June 2026 (owner Sam Keyworker, Social care)."},
			},
		},

		// Reviews.
		{
			name: "an open registration with its review due this week is listed as due",
			now:  remNow,
			in:   ReminderInputs{Registrations: []Registration{remReg(1, DSR, Amber, Date(2026, 11, 26))}},
			want: []Reminder{
				{Kind: RemindReview, PersonID: 701, RegistrationID: 1, When: Date(2026, 11, 26),
					Text: "DSR review (Amber) due Thursday 26 November 2026."},
			},
		},
		{
			name: "an open registration with its review date passed is overdue",
			now:  remNow,
			in:   ReminderInputs{Registrations: []Registration{remReg(2, ROAR, Red, Date(2026, 11, 20))}},
			want: []Reminder{
				{Kind: RemindReview, PersonID: 702, RegistrationID: 2, When: Date(2026, 11, 20), Overdue: true,
					Text: "ROAR review (Red) overdue since Friday 20 November 2026."},
			},
		},
		{
			name: "a closed registration with a passed review date gives nothing",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{func() Registration {
				g := remReg(3, DSR, Green, Date(2026, 11, 20))
				g.ClosedAt = remLondon(2026, 11, 18, 12, 0)
				g.CloseReason = CloseRiskReduced
				return g
			}()}},
			want: nil,
		},
		{
			name: "a review due beyond the horizon gives nothing",
			now:  remNow,
			in:   ReminderInputs{Registrations: []Registration{remReg(4, DSR, Green, Date(2026, 12, 1))}},
			want: nil,
		},
		{
			name: "a registration with no review date gives nothing",
			now:  remNow,
			in:   ReminderInputs{Registrations: []Registration{remReg(5, DSR, Blue, time.Time{})}},
			want: nil,
		},

		// Birthdays: 16 (consent re-check), 17½ (transition planning), 18 (adult pathway).
		{
			name: "someone who turned 16 after consent was given needs an overdue consent re-check",
			// given born 1 October 2010: 16 on Thursday 1 October 2026; consent from 1 September 2026
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 11, DateOfBirth: Date(2010, 10, 1), Consent: remConsent(Date(2026, 9, 1))},
			}},
			want: []Reminder{
				{Kind: RemindConsentRecheck, PersonID: 11, When: Date(2026, 10, 1), Overdue: true,
					Text: "Turned 16 on Thursday 1 October 2026: re-check consent and capacity."},
			},
		},
		{
			name: "someone whose consent was renewed after their 16th birthday needs no re-check",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 12, DateOfBirth: Date(2010, 10, 1), Consent: remConsent(Date(2026, 9, 1), Date(2026, 10, 5))},
			}},
			want: nil,
		},
		{
			name: "someone whose consent was withdrawn before their 16th birthday needs no re-check",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 13, DateOfBirth: Date(2010, 10, 1), Consent: CurrentConsent([]ConsentEvent{
					{ID: 1, Date: Date(2026, 6, 1), GivenBy: GivenByParent},
					{ID: 2, Date: Date(2026, 9, 1), Withdrawn: true, Reason: "Family asked to stop"},
				})},
			}},
			want: nil,
		},
		// On the 16th birthday itself the re-check is due, not overdue:
		// overdue means the date has passed, as everywhere else.
		{
			name: "someone turning 16 today with consent from before has a re-check due today, not overdue",
			// given born 23 November 2010: 16 on Monday 23 November 2026, today
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 24, DateOfBirth: Date(2010, 11, 23), Consent: remConsent(Date(2026, 9, 1))},
			}},
			want: []Reminder{
				{Kind: RemindConsentRecheck, PersonID: 24, When: Date(2026, 11, 23),
					Text: "Turned 16 on Monday 23 November 2026: re-check consent and capacity."},
			},
		},
		{
			name: "someone turning 16 today with no consent recorded has an upcoming re-check, not overdue",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 25, DateOfBirth: Date(2010, 11, 23)},
			}},
			want: []Reminder{
				{Kind: RemindConsentRecheck, PersonID: 25, When: Date(2026, 11, 23),
					Text: "Turns 16 on Monday 23 November 2026: re-check consent and capacity."},
			},
		},
		{
			name: "a 16th birthday within 90 days gives an upcoming consent re-check",
			// given born 15 January 2011: 16 on Friday 15 January 2027
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 14, DateOfBirth: Date(2011, 1, 15), Consent: remConsent(Date(2025, 3, 3))},
			}},
			want: []Reminder{
				{Kind: RemindConsentRecheck, PersonID: 14, When: Date(2027, 1, 15),
					Text: "Turns 16 on Friday 15 January 2027: re-check consent and capacity."},
			},
		},
		{
			name: "a 16th birthday 91 days away gives nothing",
			// given born 22 February 2011: 16 on Monday 22 February 2027
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 15, DateOfBirth: Date(2011, 2, 22), Consent: remConsent(Date(2025, 3, 3))},
			}},
			want: nil,
		},
		{
			name: "reaching 17 and a half within 90 days gives a transition planning reminder",
			// given born 10 July 2009: 17½ on Sunday 10 January 2027, 18 on 10 July 2027
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 16, DateOfBirth: Date(2009, 7, 10)},
			}},
			want: []Reminder{
				{Kind: RemindTransitionPlanning, PersonID: 16, When: Date(2027, 1, 10),
					Text: "Reaches 17½ on Sunday 10 January 2027: start transition planning."},
			},
		},
		{
			name: "reaching 17 and a half today is included and not overdue",
			// given born 23 May 2009: 17½ on Monday 23 November 2026
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 26, DateOfBirth: Date(2009, 5, 23)},
			}},
			want: []Reminder{
				{Kind: RemindTransitionPlanning, PersonID: 26, When: Date(2026, 11, 23),
					Text: "Reaches 17½ on Monday 23 November 2026: start transition planning."},
			},
		},
		{
			name: "17 and a half from a 31 August birthday falls on the last day of February",
			// given born 31 August 2009 and now 1 February 2027: 17½ on Sunday 28 February 2027
			now: remLondon(2027, 2, 1, 10, 0),
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 27, DateOfBirth: Date(2009, 8, 31)},
			}},
			want: []Reminder{
				{Kind: RemindTransitionPlanning, PersonID: 27, When: Date(2027, 2, 28),
					Text: "Reaches 17½ on Sunday 28 February 2027: start transition planning."},
			},
		},
		{
			name: "an 18th birthday within 90 days gives an adult pathway reminder",
			// given born 1 February 2009: 18 on Monday 1 February 2027; 17½ was 1 August 2026
			now: remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 17, DateOfBirth: Date(2009, 2, 1)},
			}},
			want: []Reminder{
				{Kind: RemindEighteenth, PersonID: 17, When: Date(2027, 2, 1),
					Text: "Turns 18 on Monday 1 February 2027: the adult pathway."},
			},
		},
		{
			name: "an 18th birthday exactly 90 days away is included",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 18, DateOfBirth: Date(2009, 2, 21)},
			}},
			want: []Reminder{
				{Kind: RemindEighteenth, PersonID: 18, When: Date(2027, 2, 21),
					Text: "Turns 18 on Sunday 21 February 2027: the adult pathway."},
			},
		},
		{
			name: "an 18th birthday 91 days away gives nothing",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 19, DateOfBirth: Date(2009, 2, 22)},
			}},
			want: nil,
		},
		{
			name: "turning 18 today is included and not overdue",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 20, DateOfBirth: Date(2008, 11, 23)},
			}},
			want: []Reminder{
				{Kind: RemindEighteenth, PersonID: 20, When: Date(2026, 11, 23),
					Text: "Turns 18 on Monday 23 November 2026: the adult pathway."},
			},
		},
		{
			name: "an 18th birthday yesterday gives nothing",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 21, DateOfBirth: Date(2008, 11, 22)},
			}},
			want: nil,
		},
		{
			name: "a leap-day baby turns 18 on 1 March in a common year",
			// given born 29 February 2008 and now 1 January 2026: 18 on Sunday 1 March 2026
			now: remLondon(2026, 1, 1, 10, 0),
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 22, DateOfBirth: Date(2008, 2, 29)},
			}},
			want: []Reminder{
				{Kind: RemindEighteenth, PersonID: 22, When: Date(2026, 3, 1),
					Text: "Turns 18 on Sunday 1 March 2026: the adult pathway."},
			},
		},
		{
			name: "a person with no date of birth gives nothing",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 23, Consent: remConsent(Date(2026, 9, 1))},
			}},
			want: nil,
		},

		// Consent of people on a register: the check every 12 months (a
		// setting), and consent withdrawn or missing. remOnDSR(id) is an open
		// DSR registration of person 700+id with its review far off.
		{
			name: "consent given 12 months ago this Friday gives a consent check due on Friday",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(60)},
				People: []ReminderPerson{{ID: 760, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2025, 11, 27))}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 760, RegistrationID: 60, When: Date(2026, 11, 27),
					Text: "Consent check due Friday 27 November 2026: consent was given on Thursday 27 November 2025. Confirm it still stands and record it again."},
			},
		},
		{
			name: "consent given 12 months ago today gives a consent check due today, not overdue",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(61)},
				People: []ReminderPerson{{ID: 761, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2025, 11, 23))}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 761, RegistrationID: 61, When: Date(2026, 11, 23),
					Text: "Consent check due Monday 23 November 2026: consent was given on Sunday 23 November 2025. Confirm it still stands and record it again."},
			},
		},
		{
			name: "consent given 12 months ago last month gives an overdue consent check",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(62)},
				People: []ReminderPerson{{ID: 762, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2024, 6, 1), Date(2025, 10, 1))}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 762, RegistrationID: 62, When: Date(2026, 10, 1), Overdue: true,
					Text: "Consent check overdue since Thursday 1 October 2026: consent was given on Wednesday 1 October 2025. Confirm it still stands and record it again."},
			},
		},
		{
			name: "a consent check due after the reminder horizon gives nothing yet",
			// given consent on 1 December 2025: the check is due Tuesday 1 December 2026, after Monday 30 November
			now: remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(63)},
				People: []ReminderPerson{{ID: 763, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2025, 12, 1))}}},
			want: nil,
		},
		{
			name: "consent renewed within 12 months gives nothing",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(64)},
				People: []ReminderPerson{{ID: 764, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2025, 3, 3), Date(2026, 3, 3))}}},
			want: nil,
		},
		{
			name:     "with a 6-month setting, consent given in April is overdue for its check in November",
			now:      remNow,
			settings: func(s *Settings) { s.ConsentCheckMonths = 6 },
			in: ReminderInputs{Registrations: []Registration{remOnDSR(65)},
				People: []ReminderPerson{{ID: 765, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2026, 4, 30))}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 765, RegistrationID: 65, When: Date(2026, 10, 30), Overdue: true,
					Text: "Consent check overdue since Friday 30 October 2026: consent was given on Thursday 30 April 2026. Confirm it still stands and record it again."},
			},
		},
		{
			name:     "with a 24-month setting, consent given 18 months ago gives nothing",
			now:      remNow,
			settings: func(s *Settings) { s.ConsentCheckMonths = 24 },
			in: ReminderInputs{Registrations: []Registration{remOnDSR(66)},
				People: []ReminderPerson{{ID: 766, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2025, 5, 23))}}},
			want: nil,
		},
		{
			name: "consent withdrawn from someone on the DSR gives an overdue reminder to review the registration",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(67)},
				People: []ReminderPerson{{ID: 767, DateOfBirth: Date(1990, 1, 1), Consent: CurrentConsent([]ConsentEvent{
					{ID: 1, Date: Date(2025, 1, 10), GivenBy: GivenByPerson},
					{ID: 2, Date: Date(2026, 11, 2), Withdrawn: true, Reason: "Phoned to say they no longer agree"},
				})}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 767, RegistrationID: 67, When: Date(2026, 11, 2), Overdue: true,
					Text: "Consent withdrawn on Monday 2 November 2026: documents are not exported; review whether the person stays on the DSR."},
			},
		},
		{
			name: "consent withdrawn from someone on the ROAR names the ROAR",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remReg(68, ROAR, Red, Date(2027, 3, 1))},
				People: []ReminderPerson{{ID: 768, DateOfBirth: Date(1990, 1, 1), Consent: CurrentConsent([]ConsentEvent{
					{ID: 1, Date: Date(2026, 11, 20), Withdrawn: true, Reason: "Asked by letter"},
				})}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 768, RegistrationID: 68, When: Date(2026, 11, 20), Overdue: true,
					Text: "Consent withdrawn on Friday 20 November 2026: documents are not exported; review whether the person stays on the ROAR."},
			},
		},
		{
			name: "someone on a register with no consent recorded gives an overdue reminder from the day they joined",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(69)},
				People: []ReminderPerson{{ID: 769, DateOfBirth: Date(1990, 1, 1)}}},
			want: []Reminder{
				{Kind: RemindConsentCheck, PersonID: 769, RegistrationID: 69, When: Date(2026, 1, 5), Overdue: true,
					Text: "No consent is recorded: documents are not exported; record consent, or review whether the person stays on the DSR."},
			},
		},
		{
			name: "someone not on a register gets no consent reminder, whatever their consent",
			now:  remNow,
			in: ReminderInputs{People: []ReminderPerson{
				{ID: 770, DateOfBirth: Date(1990, 1, 1), Consent: remConsent(Date(2024, 1, 1))},
				{ID: 771, DateOfBirth: Date(1990, 1, 1)},
			}},
			want: nil,
		},
		{
			name: "someone whose registration was closed gets no consent reminder",
			now:  remNow,
			in: ReminderInputs{Registrations: []Registration{func() Registration {
				g := remOnDSR(72)
				g.ClosedAt, g.CloseReason = remLondon(2026, 11, 2, 12, 0), CloseConsentWithdrawn
				return g
			}()}, People: []ReminderPerson{{ID: 772, DateOfBirth: Date(1990, 1, 1), Consent: CurrentConsent([]ConsentEvent{
				{ID: 1, Date: Date(2026, 11, 2), Withdrawn: true, Reason: "Asked by letter"},
			})}}},
			want: nil,
		},
		{
			name: "someone who turned 16 since consenting gets the re-check at 16, not a second consent check",
			// given born 1 October 2010, consent from a parent on 1 September 2025: 16 on 1 October 2026
			now: remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(73)},
				People: []ReminderPerson{{ID: 773, DateOfBirth: Date(2010, 10, 1), Consent: remConsent(Date(2025, 9, 1))}}},
			want: []Reminder{
				{Kind: RemindConsentRecheck, PersonID: 773, When: Date(2026, 10, 1), Overdue: true,
					Text: "Turned 16 on Thursday 1 October 2026: re-check consent and capacity."},
			},
		},
		{
			name: "a consent check and an 18th birthday on the same day come in kind order",
			// given born 27 November 2008: 18 on Friday 27 November 2026; consent check due the same day
			now: remNow,
			in: ReminderInputs{Registrations: []Registration{remOnDSR(74)},
				People: []ReminderPerson{{ID: 774, DateOfBirth: Date(2008, 11, 27), Consent: remConsent(Date(2025, 11, 27))}}},
			want: []Reminder{
				{Kind: RemindEighteenth, PersonID: 774, When: Date(2026, 11, 27),
					Text: "Turns 18 on Friday 27 November 2026: the adult pathway."},
				{Kind: RemindConsentCheck, PersonID: 774, RegistrationID: 74, When: Date(2026, 11, 27),
					Text: "Consent check due Friday 27 November 2026: consent was given on Thursday 27 November 2025. Confirm it still stands and record it again."},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			rules := remRules()
			if tt.settings != nil {
				tt.settings(&rules.Settings)
			}

			// when
			got := rules.DueReminders(tt.now, tt.in)

			// then
			remCompare(t, got, tt.want)
		})
	}
}

func TestDueRemindersFamilyContactLeadTimeIsASetting(t *testing.T) {
	tests := []struct {
		name string
		days int
		want time.Time
	}{
		{"with 5 working days the family contact for Tuesday 29 December 2026 is due Friday 18 December", 5, Date(2026, 12, 18)},
		{"with 1 working day the family contact for Tuesday 29 December 2026 is due Thursday 24 December", 1, Date(2026, 12, 24)},
		{"with 0 working days the family contact is due on the day of the MAM", 0, Date(2026, 12, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			rules := remRules()
			rules.Settings.FamilyContactWorkingDays = tt.days
			rules.Settings.ReminderDays = 30
			mam := remMAM(8, InitialMAM, remLondon(2026, 12, 29, 10, 0))

			// when
			got := rules.DueReminders(remLondon(2026, 12, 1, 10, 0), ReminderInputs{Meetings: []Meeting{mam}})

			// then
			var found bool
			for _, r := range got {
				if r.Kind != RemindFamilyContact {
					continue
				}
				found = true
				if !r.When.Equal(tt.want) || r.Overdue {
					t.Errorf("family contact When = %s (overdue %v), want %s, not overdue",
						r.When.Format(time.DateOnly), r.Overdue, tt.want.Format(time.DateOnly))
				}
			}
			if !found {
				t.Errorf("no family contact reminder in:\n%s", remList(got))
			}
		})
	}
}

func TestDueRemindersOrder(t *testing.T) {
	t.Run("reminders come oldest first: overdue items, then today, then the days ahead", func(t *testing.T) {
		// given one item of every kind, passed in an order unlike the result
		rules := remRules()
		in := ReminderInputs{
			Meetings: []Meeting{
				remMAM(1, InitialMAM, remLondon(2026, 11, 25, 10, 0)), // family contact due Fri 20 Nov: overdue
				remMAM(2, ReviewMAM, remLondon(2026, 11, 19, 10, 0)),  // past, still planned
			},
			Actions:       []Action{remAction(1, ActionOpen, Date(2026, 11, 27))},
			Registrations: []Registration{remReg(1, DSR, Amber, Date(2026, 11, 26))},
			People: []ReminderPerson{
				{ID: 31, DateOfBirth: Date(2009, 2, 1)},                                         // 18 on 1 Feb 2027
				{ID: 32, DateOfBirth: Date(2009, 7, 10)},                                        // 17½ on 10 Jan 2027
				{ID: 33, DateOfBirth: Date(2010, 10, 1), Consent: remConsent(Date(2026, 9, 1))}, // re-check overdue since 1 Oct 2026
				{ID: 34, DateOfBirth: Date(2011, 1, 15), Consent: remConsent(Date(2025, 3, 3))}, // 16 on 15 Jan 2027
			},
		}

		// when
		got := rules.DueReminders(remNow, in)

		// then
		want := []Reminder{
			{Kind: RemindConsentRecheck, PersonID: 33, When: Date(2026, 10, 1), Overdue: true,
				Text: "Turned 16 on Thursday 1 October 2026: re-check consent and capacity."},
			{Kind: RemindMeetingOutcome, PersonID: 902, MeetingID: 2, When: remLondon(2026, 11, 19, 10, 0), Overdue: true,
				Text: "Review MAM on Thursday 19 November 2026 at 10:00: record who attended and the outcome."},
			{Kind: RemindFamilyContact, PersonID: 901, MeetingID: 1, When: Date(2026, 11, 20), Overdue: true,
				Text: "Meet the family to talk through the Initial MAM on Wednesday 25 November 2026 (due Friday 20 November 2026)."},
			{Kind: RemindPreMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 25, 9, 45),
				Text: "Pre-meeting with the family at 09:45, before the Initial MAM."},
			{Kind: RemindMeeting, PersonID: 901, MeetingID: 1, When: remLondon(2026, 11, 25, 10, 0),
				Text: "Initial MAM on Wednesday 25 November 2026 at 10:00."},
			{Kind: RemindReview, PersonID: 701, RegistrationID: 1, When: Date(2026, 11, 26),
				Text: "DSR review (Amber) due Thursday 26 November 2026."},
			{Kind: RemindAction, PersonID: 801, ActionID: 1, MeetingID: 50, When: Date(2026, 11, 27),
				Text: "Action due Friday 27 November 2026 (owner Sam Keyworker, Social care)."},
			{Kind: RemindTransitionPlanning, PersonID: 32, When: Date(2027, 1, 10),
				Text: "Reaches 17½ on Sunday 10 January 2027: start transition planning."},
			{Kind: RemindConsentRecheck, PersonID: 34, When: Date(2027, 1, 15),
				Text: "Turns 16 on Friday 15 January 2027: re-check consent and capacity."},
			{Kind: RemindEighteenth, PersonID: 31, When: Date(2027, 2, 1),
				Text: "Turns 18 on Monday 1 February 2027: the adult pathway."},
		}
		remCompare(t, got, want)
	})

	t.Run("reminders due on the same day are ordered by kind", func(t *testing.T) {
		// given, all on Tuesday 1 December 2026: an action, a review, and three
		// people passed as 18th birthday, 17½ date, 16th birthday (the reverse of kind order)
		rules := remRules()
		in := ReminderInputs{
			People: []ReminderPerson{
				{ID: 41, DateOfBirth: Date(2008, 12, 1)}, // 18 on 1 Dec 2026
				{ID: 42, DateOfBirth: Date(2009, 6, 1)},  // 17½ on 1 Dec 2026
				{ID: 43, DateOfBirth: Date(2010, 12, 1)}, // 16 on 1 Dec 2026
			},
			Registrations: []Registration{remReg(4, ROAR, Red, Date(2026, 12, 1))},
			Actions:       []Action{remAction(4, ActionOpen, Date(2026, 12, 1))},
		}

		// when, with a horizon long enough to reach 1 December
		rules.Settings.ReminderDays = 14
		got := rules.DueReminders(remNow, in)

		// then
		want := []Reminder{
			{Kind: RemindAction, PersonID: 804, ActionID: 4, MeetingID: 50, When: Date(2026, 12, 1),
				Text: "Action due Tuesday 1 December 2026 (owner Sam Keyworker, Social care)."},
			{Kind: RemindReview, PersonID: 704, RegistrationID: 4, When: Date(2026, 12, 1),
				Text: "ROAR review (Red) due Tuesday 1 December 2026."},
			{Kind: RemindConsentRecheck, PersonID: 43, When: Date(2026, 12, 1),
				Text: "Turns 16 on Tuesday 1 December 2026: re-check consent and capacity."},
			{Kind: RemindTransitionPlanning, PersonID: 42, When: Date(2026, 12, 1),
				Text: "Reaches 17½ on Tuesday 1 December 2026: start transition planning."},
			{Kind: RemindEighteenth, PersonID: 41, When: Date(2026, 12, 1),
				Text: "Turns 18 on Tuesday 1 December 2026: the adult pathway."},
		}
		remCompare(t, got, want)
	})
}

func TestDueRemindersNeverNameThePerson(t *testing.T) {
	t.Run("no reminder text contains a person's given, family or preferred name", func(t *testing.T) {
		// given synthetic people whose names appear in the records around them
		people := []Person{
			{ID: 51, GivenName: "Zephyrine", FamilyName: "Quillfeather", PreferredName: "Zeph", DateOfBirth: Date(2010, 10, 1)},
			{ID: 52, GivenName: "Barnaby", FamilyName: "Oddlethwaite", PreferredName: "Barney", DateOfBirth: Date(2009, 7, 10)},
			{ID: 53, GivenName: "Marigold", FamilyName: "Pennywhistle", PreferredName: "Goldie", DateOfBirth: Date(2009, 2, 1)},
		}
		var in ReminderInputs
		for i, p := range people {
			rp := ReminderPerson{ID: p.ID, DateOfBirth: p.DateOfBirth}
			switch i {
			case 0:
				rp.Consent = remConsent(Date(2026, 9, 1)) // re-check overdue
			case 1: // consent withdrawn, the reason naming them and their family
				rp.Consent = CurrentConsent([]ConsentEvent{{ID: 1, Withdrawn: true, Date: Date(2026, 11, 2),
					Reason: p.CalledName() + "'s mum, Pat " + p.FamilyName + ", phoned to withdraw consent"}})
			case 2: // consent check overdue, given by a named parent
				rp.Consent = CurrentConsent([]ConsentEvent{{ID: 1, Date: Date(2025, 10, 1), GivenBy: GivenByParent,
					GiverName: "Pat " + p.FamilyName, Scope: "Sharing about " + p.FullName()}})
			}
			in.People = append(in.People, rp)

			upcoming := remMAM(int64(10+i), InitialMAM, remLondon(2026, 11, 25, 10+i, 0))
			upcoming.PersonID = p.ID
			upcoming.Notes = "Talk to " + p.FullName() + " about the plan."
			upcoming.Invitees = []Invitee{{Name: p.FullName(), Role: "The person", Family: true},
				{Name: "Parent of " + p.CalledName(), Role: "Mum", Family: true}}
			past := remMAM(int64(20+i), ReviewMAM, remLondon(2026, 11, 19, 10+i, 0))
			past.PersonID = p.ID
			past.Notes = p.CalledName() + " did not want to come."
			in.Meetings = append(in.Meetings, upcoming, past)

			a := remAction(int64(30+i), ActionOpen, Date(2026, 11, 20+i*3))
			a.PersonID = p.ID
			a.Description = "Book a short break for " + p.CalledName() + " " + p.FamilyName
			a.DesiredOutcome = p.GivenName + " gets a break"
			in.Actions = append(in.Actions, a)

			g := remReg(int64(40+i), DSR, Amber, Date(2026, 11, 19+i*4))
			g.PersonID = p.ID
			g.CloseNote = "Notes about " + p.FullName()
			in.Registrations = append(in.Registrations, g)
		}

		// when
		got := remRules().DueReminders(remNow, in)

		// then every kind of reminder was produced ...
		kinds := map[ReminderKind]bool{}
		for _, r := range got {
			kinds[r.Kind] = true
		}
		for k := RemindFamilyContact; k <= RemindConsentCheck; k++ {
			if !kinds[k] {
				t.Errorf("no %q reminder was produced, so its text was not checked", k)
			}
		}
		// ... and none of them names anybody
		for _, r := range got {
			for _, p := range people {
				for _, name := range []string{p.GivenName, p.FamilyName, p.PreferredName} {
					if strings.Contains(strings.ToLower(r.Text), strings.ToLower(name)) {
						t.Errorf("%s reminder for person %d names them (%q): %q", r.Kind, r.PersonID, name, r.Text)
					}
				}
			}
			if r.PersonID == 0 {
				t.Errorf("%s reminder %q carries no PersonID for the screen to add the name", r.Kind, r.Text)
			}
		}
	})
}

func TestReminderKindString(t *testing.T) {
	tests := []struct {
		kind ReminderKind
		want string
	}{
		{RemindFamilyContact, "Family pre-contact"},
		{RemindPreMeeting, "Pre-meeting"},
		{RemindMeeting, "MAM"},
		{RemindMeetingOutcome, "MAM outcome"},
		{RemindAction, "Action"},
		{RemindReview, "Review"},
		{RemindConsentRecheck, "Consent re-check"},
		{RemindTransitionPlanning, "Transition planning"},
		{RemindEighteenth, "18th birthday"},
		{RemindConsentCheck, "Consent check"},
		{0, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("kind %d is called %q", int(tt.kind), tt.want), func(t *testing.T) {
			if got := tt.kind.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// remCompare fails t unless got and want hold the same reminders in the same
// order; times are compared as instants.
func remCompare(t *testing.T, got, want []Reminder) {
	t.Helper()
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		g, w := got[i], want[i]
		same = g.Kind == w.Kind && g.PersonID == w.PersonID && g.MeetingID == w.MeetingID &&
			g.ActionID == w.ActionID && g.RegistrationID == w.RegistrationID &&
			g.When.Equal(w.When) && g.Overdue == w.Overdue && g.Text == w.Text
	}
	if !same {
		t.Errorf("got %d reminders:\n%s\nwant %d:\n%s", len(got), remList(got), len(want), remList(want))
	}
}

func remList(rs []Reminder) string {
	if len(rs) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "  %-19s person %d meeting %d action %d registration %d when %s overdue %v: %q\n",
			r.Kind, r.PersonID, r.MeetingID, r.ActionID, r.RegistrationID,
			r.When.Format("2006-01-02 15:04 MST"), r.Overdue, r.Text)
	}
	return strings.TrimRight(b.String(), "\n")
}
