package app

import (
	"strings"
	"testing"
	"time"

	"dspdesk/app/calendar"
)

func rules() Rules { return NewRules(DefaultSettings(), calendar.Default()) }

func TestAccept(t *testing.T) {
	adult := aReferral()
	adult.Person = anAdult()
	selfOrganised := aReferral()
	selfOrganised.ReferrerOrganisesMAM = true
	tests := []struct {
		name        string
		ref         Referral
		rating      Rating
		register    Register
		inpatient   bool
		reviewDue   time.Time
		meeting     MeetingKind
		organiser   Organiser
		review      ReviewKind
		summaryHint string
	}{
		{"Amber puts a child on the DSR with a MAM request organised by the team", aReferral(), Amber, DSR, false,
			Date(2026, 12, 22), InitialMAM, OrganisedByTeam, 0, "MAM was requested, to be organised by the DSP team"},
		{"Amber with a referrer organising the MAM asks the referrer", selfOrganised, Amber, DSR, false,
			Date(2026, 12, 22), InitialMAM, OrganisedByReferrer, 0, "organised by the referrer"},
		{"Red puts a child on the ROAR with an urgent CETR request", aReferral(), Red, ROAR, false,
			Date(2026, 12, 1), 0, 0, CETR, "urgent CETR"},
		{"Red puts an adult on the ROAR with an urgent CTR request", adult, Red, ROAR, false,
			Date(2026, 12, 1), 0, 0, CTR, "urgent CTR"},
		{"Green puts the person on the DSR with nothing else to do", aReferral(), Green, DSR, false,
			Date(2027, 2, 22), 0, 0, 0, "rated Green"},
		{"Blue keeps the requested register, marks an inpatient and asks for a discharge MAM", func() Referral {
			r := aReferral()
			r.RegisterRequested = ROAR
			return r
		}(), Blue, ROAR, true, Date(2027, 2, 24), DischargeMAM, OrganisedByTeam, 0, "inpatient"},
		{"Blue for an adult reviews in six months", adult, Blue, DSR, true, Date(2027, 5, 24), DischargeMAM, OrganisedByTeam, 0, "inpatient"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given a pending referral, when it is accepted on Tuesday 24 November 2026
			out, err := rules().Accept(tt.ref, tt.rating, "", "Team Lead", workday)
			// then
			if err != nil {
				t.Fatal(err)
			}
			g := out.Registration
			if g.Register != tt.register || g.Rating != tt.rating || g.Inpatient != tt.inpatient {
				t.Errorf("registration %v %v inpatient=%v, want %v %v %v", g.Register, g.Rating, g.Inpatient, tt.register, tt.rating, tt.inpatient)
			}
			if !g.Since.Equal(Date(2026, 11, 24)) || !g.ReviewDue.Equal(tt.reviewDue) {
				t.Errorf("since %s review %s, want 2026-11-24 and %s", g.Since.Format(time.DateOnly), g.ReviewDue.Format(time.DateOnly), tt.reviewDue.Format(time.DateOnly))
			}
			c := out.RatingChange
			if c.From != 0 || c.To != tt.rating || c.ToRegister != tt.register || c.By != "Team Lead" || !c.At.Equal(workday) || c.Reason == "" {
				t.Errorf("first rating change = %+v", c)
			}
			switch {
			case tt.meeting == 0 && out.MeetingRequest != nil:
				t.Errorf("unexpected meeting request %+v", out.MeetingRequest)
			case tt.meeting != 0 && (out.MeetingRequest == nil || out.MeetingRequest.Kind != tt.meeting || out.MeetingRequest.Organiser != tt.organiser || out.MeetingRequest.Status != RequestOpen):
				t.Errorf("meeting request = %+v, want %v by %v", out.MeetingRequest, tt.meeting, tt.organiser)
			}
			switch {
			case tt.review == 0 && out.ReviewRequest != nil:
				t.Errorf("unexpected review request %+v", out.ReviewRequest)
			case tt.review != 0 && (out.ReviewRequest == nil || out.ReviewRequest.Kind != tt.review || !out.ReviewRequest.Urgent):
				t.Errorf("review request = %+v, want urgent %v", out.ReviewRequest, tt.review)
			}
			if s := strings.ToLower(strings.Join(out.Summary, " ")); !strings.Contains(s, strings.ToLower(tt.summaryHint)) {
				t.Errorf("summary %q lacks %q", s, tt.summaryHint)
			}
		})
	}
}

func TestAcceptRefusals(t *testing.T) {
	decided := aReferral()
	decided.Status = ReferralDeclined
	tests := []struct {
		name   string
		ref    Referral
		rating Rating
		by     string
		field  string
	}{
		{"a referral already declined cannot be accepted", decided, Amber, "Team Lead", "status"},
		{"accepting needs a rating", aReferral(), 0, "Team Lead", "rating"},
		{"accepting needs to know who decided", aReferral(), Amber, " ", "by"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules().Accept(tt.ref, tt.rating, "", tt.by, workday)
			v, ok := AsValidation(err)
			if !ok || v.Field(tt.field) == "" {
				t.Errorf("got %v, want a problem on %s", err, tt.field)
			}
		})
	}
}

func TestAcceptRecordsTheReasonGiven(t *testing.T) {
	out, err := rules().Accept(aReferral(), Amber, "Meets the LLR Amber criteria", "Team Lead", workday)
	if err != nil {
		t.Fatal(err)
	}
	if out.RatingChange.Reason != "Referral accepted: Meets the LLR Amber criteria" {
		t.Errorf("reason = %q", out.RatingChange.Reason)
	}
}

func TestDecline(t *testing.T) {
	t.Run("declining with a reason records who, when and why", func(t *testing.T) {
		got, err := rules().Decline(aReferral(), "  Does not meet the criteria; signposted to CAMHS. ", "Team Lead", workday)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != ReferralDeclined || got.DeclineReason != "Does not meet the criteria; signposted to CAMHS." || got.DecidedBy != "Team Lead" || !got.DecidedAt.Equal(workday) {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("declining without a reason is refused and the referral is unchanged", func(t *testing.T) {
		ref := aReferral()
		got, err := rules().Decline(ref, "", "Team Lead", workday)
		if v, ok := AsValidation(err); !ok || v.Field("reason") == "" {
			t.Fatalf("got %v", err)
		}
		if got.Status != ReferralPending {
			t.Errorf("status = %v", got.Status)
		}
	})
	t.Run("an accepted referral cannot then be declined", func(t *testing.T) {
		ref := aReferral()
		ref.Status = ReferralAccepted
		if _, err := rules().Decline(ref, "x", "Team Lead", workday); err == nil {
			t.Error("want an error")
		}
	})
}

func openRegistration(register Register, rating Rating) Registration {
	return Registration{ID: 7, PersonID: 3, Register: register, Rating: rating, Since: Date(2026, 9, 1), ReviewDue: Date(2026, 12, 1)}
}

func TestChangeRating(t *testing.T) {
	childDOB, adultDOB := aChild().DateOfBirth, anAdult().DateOfBirth
	tests := []struct {
		name      string
		reg       Registration
		dob       time.Time
		decision  RatingDecision
		register  Register
		inpatient bool
		reviewDue time.Time
		meeting   MeetingKind
		review    ReviewKind
		summary   string
	}{
		{"Amber to Red after a MAM with no improvement goes to the ROAR with an urgent CETR and no second MAM",
			openRegistration(DSR, Amber), childDOB, RatingDecision{To: Red, Reason: "No improvement following the MAM"},
			ROAR, false, Date(2026, 12, 1), 0, CETR, "No second MAM is needed"},
		{"an adult escalated to Red gets an urgent CTR", openRegistration(DSR, Amber), adultDOB, RatingDecision{To: Red, Reason: "Crisis"},
			ROAR, false, Date(2026, 12, 1), 0, CTR, "urgent CTR"},
		{"Green to Red asks for an urgent review too", openRegistration(DSR, Green), childDOB, RatingDecision{To: Red, Reason: "Crisis"},
			ROAR, false, Date(2026, 12, 1), 0, CETR, "urgent CETR"},
		{"Red to Amber de-escalates to the DSR with no new request", openRegistration(ROAR, Red), childDOB, RatingDecision{To: Amber, Reason: "CETR actions in place"},
			DSR, false, Date(2026, 12, 22), 0, 0, "from Red to Amber"},
		{"Green to Amber asks for a MAM", openRegistration(DSR, Green), childDOB, RatingDecision{To: Amber, Reason: "Carer strain"},
			DSR, false, Date(2026, 12, 22), ReviewMAM, 0, "A MAM was requested"},
		{"Red to Blue keeps the ROAR and marks an inpatient", openRegistration(ROAR, Red), childDOB, RatingDecision{To: Blue, Reason: "Admitted"},
			ROAR, true, Date(2027, 2, 24), 0, 0, "from Red to Blue"},
		{"Blue to Red is a discharge and asks for a discharge MAM", Registration{ID: 7, PersonID: 3, Register: ROAR, Rating: Blue, Inpatient: true},
			childDOB, RatingDecision{To: Red, Reason: "Discharged"}, ROAR, false, Date(2026, 12, 1), DischargeMAM, CETR, "urgent CETR"},
		{"Blue to Green is a discharge with a discharge MAM", Registration{ID: 7, PersonID: 3, Register: ROAR, Rating: Blue, Inpatient: true},
			childDOB, RatingDecision{To: Green, Reason: "Discharged, stable"}, DSR, false, Date(2027, 2, 22), DischargeMAM, 0, "discharge MAM"},
		{"a review may confirm the same rating and sets the next review from today", openRegistration(DSR, Amber), childDOB,
			RatingDecision{To: Amber, Reason: "Reviewed at MAM: plan working", Review: true},
			DSR, false, Date(2026, 12, 22), 0, 0, "Review recorded: the rating stays Amber on the DSR."},
		{"moving register keeps the rating", openRegistration(DSR, Amber), childDOB, RatingDecision{To: Amber, Reason: "Team decision", Register: ROAR},
			ROAR, false, Date(2026, 12, 22), 0, 0, "Moved from the DSR to the ROAR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.decision
			d.By, d.At = "Team Lead", workday
			// the moves onto and off Blue go through Admit and Discharge,
			// which use changeRating; the rest through ChangeRating
			change := rules().ChangeRating
			if d.To == Blue || tt.reg.Rating == Blue {
				change = rules().changeRating
			}
			out, err := change(tt.reg, tt.dob, d)
			if err != nil {
				t.Fatal(err)
			}
			g := out.Registration
			if g.Rating != d.To || g.Register != tt.register || g.Inpatient != tt.inpatient || !g.ReviewDue.Equal(tt.reviewDue) {
				t.Errorf("registration %v %v inpatient=%v review %s; want %v %v %v %s", g.Rating, g.Register, g.Inpatient,
					g.ReviewDue.Format(time.DateOnly), d.To, tt.register, tt.inpatient, tt.reviewDue.Format(time.DateOnly))
			}
			if g.ID != tt.reg.ID || g.PersonID != tt.reg.PersonID || !g.Since.Equal(tt.reg.Since) {
				t.Errorf("identity changed: %+v", g)
			}
			c := out.RatingChange
			if c.From != tt.reg.Rating || c.To != d.To || c.FromRegister != tt.reg.Register || c.ToRegister != tt.register || c.RegistrationID != 7 {
				t.Errorf("change = %+v", c)
			}
			if (tt.meeting == 0) != (out.MeetingRequest == nil) || (out.MeetingRequest != nil && out.MeetingRequest.Kind != tt.meeting) {
				t.Errorf("meeting request = %+v, want %v", out.MeetingRequest, tt.meeting)
			}
			if (tt.review == 0) != (out.ReviewRequest == nil) || (out.ReviewRequest != nil && (out.ReviewRequest.Kind != tt.review || !out.ReviewRequest.Urgent)) {
				t.Errorf("review request = %+v, want %v", out.ReviewRequest, tt.review)
			}
			if s := strings.Join(out.Summary, " "); !strings.Contains(s, tt.summary) {
				t.Errorf("summary %q lacks %q", s, tt.summary)
			}
		})
	}
}

func TestChangeRatingLeavesBlueToAdmissionAndDischarge(t *testing.T) {
	for _, tt := range []struct {
		name string
		reg  Registration
		to   Rating
		want string
	}{
		{"rating someone Blue by hand is refused: record the admission", openRegistration(DSR, Amber), Blue, "Record admission"},
		{"moving someone off Blue by hand is refused: record the discharge", Registration{ID: 7, PersonID: 3, Register: ROAR, Rating: Blue, Inpatient: true}, Green, "Record discharge"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules().ChangeRating(tt.reg, aChild().DateOfBirth, RatingDecision{To: tt.to, Reason: "x", By: "T", At: workday})
			if v, ok := AsValidation(err); !ok || !strings.Contains(v.Field("to"), tt.want) {
				t.Errorf("got %v", err)
			}
		})
	}
	t.Run("a review that keeps Blue is allowed", func(t *testing.T) {
		reg := Registration{ID: 7, PersonID: 3, Register: ROAR, Rating: Blue, Inpatient: true}
		if _, err := rules().ChangeRating(reg, aChild().DateOfBirth, RatingDecision{To: Blue, Review: true, Reason: "Inpatient review", By: "T", At: workday}); err != nil {
			t.Error(err)
		}
	})
}

func TestAcceptKeepsOutOfAreaChildrenOnTheROAR(t *testing.T) {
	ref := aReferral()
	ref.Person.LocalAuthority, ref.RegisterRequested = OutOfArea, ROAR
	ref.OutOfArea = OutOfAreaPlacement{Funding: HealthFundedPartly, Commissioner: "Example ICB"}
	for _, r := range []Rating{Amber, Green} {
		out, err := rules().Accept(ref, r, "", "Team Lead", workday)
		if err != nil || out.Registration.Register != ROAR {
			t.Errorf("%v: register %v, %v", r, out.Registration.Register, err)
		}
	}
}

func TestChangeRatingRefusals(t *testing.T) {
	closed := openRegistration(DSR, Amber)
	closed.ClosedAt, closed.CloseReason = workday, CloseRiskReduced
	tests := []struct {
		name  string
		reg   Registration
		d     RatingDecision
		field string
	}{
		{"a reason is required", openRegistration(DSR, Amber), RatingDecision{To: Red, By: "Team Lead", At: workday}, "reason"},
		{"who decided is required", openRegistration(DSR, Amber), RatingDecision{To: Red, Reason: "x", At: workday}, "by"},
		{"the same rating on the same register is no change", openRegistration(DSR, Amber), RatingDecision{To: Amber, Reason: "x", By: "T", At: workday}, "to"},
		{"an unknown rating is refused", openRegistration(DSR, Amber), RatingDecision{To: 9, Reason: "x", By: "T", At: workday}, "to"},
		{"a closed registration cannot change", closed, RatingDecision{To: Red, Reason: "x", By: "T", At: workday}, "registration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules().ChangeRating(tt.reg, aChild().DateOfBirth, tt.d)
			if v, ok := AsValidation(err); !ok || v.Field(tt.field) == "" {
				t.Errorf("got %v, want a problem on %s", err, tt.field)
			}
		})
	}
}

func TestAdmitAndDischarge(t *testing.T) {
	dob := aChild().DateOfBirth
	adm := Admission{Hospital: "Example Assessment Unit", AdmittedOn: Date(2026, 11, 23)}
	t.Run("an admission rates the person Blue on the same register", func(t *testing.T) {
		out, err := rules().Admit(openRegistration(ROAR, Red), dob, adm, "Team Lead", workday)
		if err != nil {
			t.Fatal(err)
		}
		if out.Registration.Rating != Blue || !out.Registration.Inpatient || out.Registration.Register != ROAR {
			t.Errorf("got %+v", out.Registration)
		}
		if out.RatingChange.Reason != "Admitted to Example Assessment Unit on Monday 23 November 2026." {
			t.Errorf("reason = %q", out.RatingChange.Reason)
		}
	})
	t.Run("an admission on the DSR stays on the DSR", func(t *testing.T) {
		out, err := rules().Admit(openRegistration(DSR, Amber), dob, adm, "Team Lead", workday)
		if err != nil || out.Registration.Register != DSR {
			t.Errorf("got %+v, %v", out.Registration, err)
		}
	})
	t.Run("an admission needs the hospital and a date not in the future", func(t *testing.T) {
		_, err := rules().Admit(openRegistration(ROAR, Red), dob, Admission{AdmittedOn: Date(2026, 12, 1)}, "Team Lead", workday)
		v, ok := AsValidation(err)
		if !ok || v.Field("hospital") == "" || v.Field("admittedOn") == "" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("someone already in hospital cannot be admitted again", func(t *testing.T) {
		reg := openRegistration(ROAR, Blue)
		reg.Inpatient = true
		if _, err := rules().Admit(reg, dob, adm, "Team Lead", workday); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("a discharge to Red asks for a discharge MAM and an urgent CETR", func(t *testing.T) {
		reg := openRegistration(ROAR, Blue)
		reg.Inpatient = true
		out, err := rules().Discharge(reg, dob, Date(2026, 11, 23), Red, "", "Team Lead", workday)
		if err != nil {
			t.Fatal(err)
		}
		if out.Registration.Inpatient || out.Registration.Rating != Red || out.MeetingRequest == nil || out.MeetingRequest.Kind != DischargeMAM {
			t.Errorf("got %+v %+v", out.Registration, out.MeetingRequest)
		}
		if out.RatingChange.Reason != "Discharged on Monday 23 November 2026." {
			t.Errorf("reason = %q", out.RatingChange.Reason)
		}
	})
	t.Run("a discharge of someone not in hospital is refused", func(t *testing.T) {
		if _, err := rules().Discharge(openRegistration(ROAR, Red), dob, Date(2026, 11, 23), Red, "", "Team Lead", workday); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("a discharge needs a rating other than Blue and a date not in the future", func(t *testing.T) {
		reg := openRegistration(ROAR, Blue)
		_, err := rules().Discharge(reg, dob, Date(2026, 12, 23), Blue, "", "Team Lead", workday)
		v, ok := AsValidation(err)
		if !ok || v.Field("to") == "" || v.Field("dischargedOn") == "" {
			t.Errorf("got %v", err)
		}
	})
}

func TestAdmissionValidate(t *testing.T) {
	a := Admission{Hospital: "Unit", AdmittedOn: Date(2026, 11, 1), PlannedDischarge: Date(2026, 10, 1), DischargedOn: Date(2026, 10, 2)}
	got := strings.Join(fields(a.Validate(today)), ",")
	if got != "plannedDischarge,dischargedOn" {
		t.Errorf("problems on %s", got)
	}
}

func TestClose(t *testing.T) {
	t.Run("closing with a reason records it", func(t *testing.T) {
		got, err := rules().Close(openRegistration(DSR, Green), CloseAdultPathway, "", "Team Lead", workday)
		if err != nil || got.Open() || got.CloseReason != CloseAdultPathway || !got.ClosedAt.Equal(workday) {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	t.Run("closing needs a reason", func(t *testing.T) {
		got, err := rules().Close(openRegistration(DSR, Green), 0, "", "Team Lead", workday)
		if v, ok := AsValidation(err); !ok || v.Field("closeReason") == "" || !got.Open() {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	t.Run("Other needs a note", func(t *testing.T) {
		_, err := rules().Close(openRegistration(DSR, Green), CloseOther, " ", "Team Lead", workday)
		if v, ok := AsValidation(err); !ok || v.Field("closeNote") == "" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a closed registration cannot be closed again", func(t *testing.T) {
		reg, _ := rules().Close(openRegistration(DSR, Green), CloseMovedAway, "", "Team Lead", workday)
		if _, err := rules().Close(reg, CloseMovedAway, "", "Team Lead", workday); err == nil {
			t.Error("want an error")
		}
	})
}

func TestReviewDue(t *testing.T) {
	s := DefaultSettings()
	cal := calendar.Default()
	tests := []struct {
		name   string
		rating Rating
		group  AgeGroup
		from   time.Time
		want   time.Time
	}{
		{"Red is reviewed in 7 days", Red, CYP, Date(2026, 11, 24), Date(2026, 12, 1)},
		{"Amber is reviewed in 28 days", Amber, Adult, Date(2026, 11, 24), Date(2026, 12, 22)},
		{"Green is reviewed in 90 days", Green, Adult, Date(2026, 11, 24), Date(2027, 2, 22)},
		{"Blue children are reviewed in 3 months", Blue, CYP, Date(2026, 11, 24), Date(2027, 2, 24)},
		{"Blue adults are reviewed in 6 months", Blue, Adult, Date(2026, 11, 24), Date(2027, 5, 24)},
		{"a review falling on Christmas Day moves to the next working day", Red, CYP, Date(2026, 12, 18), Date(2026, 12, 29)},
		{"a review falling on a Saturday moves to Monday", Amber, CYP, Date(2026, 11, 7), Date(2026, 12, 7)},
		{"a review falling on the spring bank holiday moves to Tuesday", Red, CYP, Date(2026, 5, 18), Date(2026, 5, 26)},
		{"an unknown rating has no review date", 0, CYP, Date(2026, 11, 24), time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.ReviewDue(tt.rating, tt.group, tt.from, cal); !got.Equal(tt.want) {
				t.Errorf("got %s, want %s", got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
			}
		})
	}
	t.Run("the intervals come from the settings", func(t *testing.T) {
		s := DefaultSettings()
		s.ReviewDaysRed = 14
		if got := s.ReviewDue(Red, CYP, Date(2026, 11, 24), cal); !got.Equal(Date(2026, 12, 8)) {
			t.Errorf("got %s", got.Format(time.DateOnly))
		}
	})
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		field  string
	}{
		{"the defaults are valid", func(*Settings) {}, ""},
		{"working hours must end after they start", func(s *Settings) { s.WorkEnd = s.WorkStart }, "workEnd"},
		{"working hours must be at least an hour", func(s *Settings) { s.WorkEnd = s.WorkStart + 30 }, "workEnd"},
		{"a zero Red interval is refused", func(s *Settings) { s.ReviewDaysRed = 0 }, "reviewDaysRed"},
		{"a Green interval over a year is refused", func(s *Settings) { s.ReviewDaysGreen = 400 }, "reviewDaysGreen"},
		{"a pre-meeting 3 hours early is refused", func(s *Settings) { s.PreMeetingMinutes = 180 }, "preMeetingMinutes"},
		{"no pre-meeting is allowed", func(s *Settings) { s.PreMeetingMinutes = 0 }, ""},
		{"family contact 40 working days ahead is refused", func(s *Settings) { s.FamilyContactWorkingDays = 40 }, "familyContactWorkingDays"},
		{"a 5-minute default meeting is refused", func(s *Settings) { s.DefaultMeetingMinutes = 5 }, "defaultMeetingMinutes"},
		{"keeping no backups is refused", func(s *Settings) { s.BackupKeep = 0 }, "backupKeep"},
		{"a consent check every 12 months is allowed", func(s *Settings) { s.ConsentCheckMonths = 12 }, ""},
		{"a consent check every month is allowed", func(s *Settings) { s.ConsentCheckMonths = 1 }, ""},
		{"a consent check every 5 years is allowed", func(s *Settings) { s.ConsentCheckMonths = 60 }, ""},
		{"no consent check interval is refused", func(s *Settings) { s.ConsentCheckMonths = 0 }, "consentCheckMonths"},
		{"a consent check interval over 5 years is refused", func(s *Settings) { s.ConsentCheckMonths = 61 }, "consentCheckMonths"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			got := strings.Join(fields(s.Validate()), ",")
			if got != tt.field {
				t.Errorf("problems on %q, want %q", got, tt.field)
			}
		})
	}
}

func TestClockTime(t *testing.T) {
	c, err := ParseClockTime("9:30")
	if err != nil || c != 570 || c.String() != "09:30" {
		t.Errorf("ParseClockTime(9:30) = %v %q %v", int(c), c, err)
	}
	if _, err := ParseClockTime("25:00"); err == nil {
		t.Error("25:00 must be refused")
	}
	at := ClockTime(570).At(time.Date(2026, 6, 1, 23, 0, 0, 0, time.UTC), ServiceLocation)
	if want := time.Date(2026, 6, 2, 9, 30, 0, 0, ServiceLocation); !at.Equal(want) {
		t.Errorf("At = %v, want %v (the day is read in London)", at, want)
	}
	if got := Of(time.Date(2026, 6, 1, 8, 15, 0, 0, time.UTC), ServiceLocation); got != 9*60+15 {
		t.Errorf("Of = %v, want 09:15 BST", got)
	}
}
