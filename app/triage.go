package app

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Triage waiting thresholds [default]: the triage list highlights a referral
// that has waited this many working days for a decision.
const (
	TriageWaitWarning = 3 // getting long
	TriageWaitLimit   = 5 // too long
)

// ClockStart is the moment a referral's waiting time starts: receivedAt when
// it arrived within working hours (Settings.WorkStart inclusive to WorkEnd
// exclusive, Europe/London) on a working day, otherwise the start of the next
// working hours: WorkStart the same day when it arrived earlier on a working
// day, else WorkStart on the next working day (a referral received in the
// evening, at a weekend or on a bank holiday counts from the next working day).
func (r Rules) ClockStart(receivedAt time.Time) time.Time {
	local := receivedAt.In(ServiceLocation)
	if r.Calendar.IsWorkingDay(local) {
		switch at := Of(local, ServiceLocation); {
		case at < r.Settings.WorkStart:
			return r.Settings.WorkStart.At(local, ServiceLocation)
		case at < r.Settings.WorkEnd:
			return receivedAt
		}
	}
	return r.Settings.WorkStart.At(r.Calendar.NextWorkingDay(local), ServiceLocation)
}

// WorkingDaysWaiting is how many working days a referral received at
// receivedAt has waited at now: the working days after the day its clock
// starts (see ClockStart) up to and including now's date. A referral received
// at 10:00 on a Monday has waited 0 days that Monday and 1 on the Tuesday;
// one received at 18:00 on a Friday counts from Monday, so it has waited 0
// days on the Monday and 1 on the Tuesday.
func (r Rules) WorkingDaysWaiting(receivedAt, now time.Time) int {
	start := r.ClockStart(receivedAt)
	if !now.After(start) {
		return 0
	}
	from := DateOf(start.In(ServiceLocation))
	to := DateOf(now.In(ServiceLocation))
	return r.Calendar.WorkingDaysBetween(from, to)
}

// Waiting is a referral awaiting a decision and how long it has waited.
type Waiting struct {
	Referral Referral
	// ClockStart is when its waiting time started (see Rules.ClockStart).
	ClockStart time.Time
	// WorkingDays is how many working days it has waited.
	WorkingDays int
}

// OutOfHours reports whether the referral arrived outside working hours, so
// that its clock started later than it was received.
func (w Waiting) OutOfHours() bool { return !w.ClockStart.Equal(w.Referral.ReceivedAt) }

// TriageQueue lists the referrals awaiting a decision with how long each has
// waited at now, oldest first: by when the clock started, then when it was
// received, then by id. Referrals already decided are left out.
func (r Rules) TriageQueue(refs []Referral, now time.Time) []Waiting {
	out := make([]Waiting, 0, len(refs))
	for _, ref := range refs {
		if ref.Status != ReferralPending && ref.Status != 0 {
			continue
		}
		out = append(out, Waiting{Referral: ref, ClockStart: r.ClockStart(ref.ReceivedAt),
			WorkingDays: r.WorkingDaysWaiting(ref.ReceivedAt, now)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case !a.ClockStart.Equal(b.ClockStart):
			return a.ClockStart.Before(b.ClockStart)
		case !a.Referral.ReceivedAt.Equal(b.Referral.ReceivedAt):
			return a.Referral.ReceivedAt.Before(b.Referral.ReceivedAt)
		}
		return a.Referral.ID < b.Referral.ID
	})
	return out
}

// AcceptPreview says in a sentence or two what accepting ref with rating at
// now will create, from the same rules as Accept: the register, the MAM or
// urgent CETR/CTR request, and the first review date. Triage shows it live
// beside the rating.
func (r Rules) AcceptPreview(ref Referral, rating Rating, now time.Time) string {
	if !rating.Valid() {
		return "Choose the rating to accept the referral with."
	}
	ref.Status = ReferralPending
	out, err := r.Accept(ref, rating, "", "triage", now)
	if err != nil {
		if v, ok := AsValidation(err); ok {
			return v.Error()
		}
		return err.Error()
	}
	reg := out.Registration
	var what string
	switch rating {
	case Amber:
		who := "the DSP team"
		if out.MeetingRequest != nil && out.MeetingRequest.Organiser == OrganisedByReferrer {
			who = "the referrer, who will organise and facilitate it"
		}
		what = fmt.Sprintf("%s inclusion and a MAM request, organised by %s.", reg.Register, who)
	case Red:
		kind := ReviewKindFor(AgeGroupOn(ref.Person.DateOfBirth, now))
		if out.ReviewRequest != nil {
			kind = out.ReviewRequest.Kind
		}
		age := "under 18"
		if kind == CTR {
			age = "18 and over"
		}
		what = fmt.Sprintf("the %s and an urgent %s request (%s).", reg.Register, kind, age)
	case Green:
		what = fmt.Sprintf("the %s; no meeting or review is requested.", reg.Register)
	case Blue:
		what = fmt.Sprintf("the %s, marked as an inpatient; a discharge MAM is to be planned to monitor the discharge plan.", reg.Register)
	}
	return strings.TrimSpace(fmt.Sprintf("Accepting as %s: %s First review due %s.", rating, what, FormatDate(reg.ReviewDue)))
}
