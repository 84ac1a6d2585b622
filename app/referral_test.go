package app

import (
	"strings"
	"testing"
	"time"
)

func TestReferralValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Referral)
		want   []string // field names with problems, in order; nil means valid
	}{
		{"a complete referral is valid", func(*Referral) {}, nil},
		{"an empty referral lists every mandatory field in form order", func(r *Referral) { *r = Referral{} }, []string{
			"person.givenName", "person.familyName", "person.dateOfBirth", "person.nhsNumber", "person.address",
			"person.postcode", "person.localAuthority", "person.diagnosis", "registerRequested", "indicativeRating",
			"diagnosisConfirmed", "referrer.name", "referrer.role", "referrer.sector", "referrer.organisation",
			"referrer.phone", "referrer.email", "consent.date", "consent.givenBy", "consent.scope",
			"consent.recordSystem", "consent.recordReference", "concerns", "whatChanged", "whatTried", "risks",
		}},
		{"an unconfirmed diagnosis is refused", func(r *Referral) { r.DiagnosisConfirmed = false }, []string{"diagnosisConfirmed"}},
		{"a referrer outside health, social care and education is refused", func(r *Referral) { r.Referrer.Sector = 4 }, []string{"referrer.sector"}},
		{"a social care referrer is accepted", func(r *Referral) { r.Referrer.Sector = SocialCare }, nil},
		{"an education referrer is accepted", func(r *Referral) { r.Referrer.Sector = Education }, nil},
		{"a referrer's bad email is refused", func(r *Referral) { r.Referrer.Email = "jo@example" }, []string{"referrer.email"}},
		{"a referrer's bad phone is refused", func(r *Referral) { r.Referrer.Phone = "999" }, []string{"referrer.phone"}},
		{"consent not indicated is refused", func(r *Referral) { r.Consent = ConsentEvent{} }, []string{
			"consent.date", "consent.givenBy", "consent.scope", "consent.recordSystem", "consent.recordReference"}},
		{"withdrawn consent cannot support a referral", func(r *Referral) { r.Consent = ConsentEvent{Withdrawn: true} }, []string{"consent"}},
		{"free text alone is enough as a concern", func(r *Referral) { r.Concerns, r.ConcernsOther = nil, "Sleep has collapsed." }, nil},
		{"no concern at all is refused", func(r *Referral) { r.Concerns = nil }, []string{"concerns"}},
		{"a concern not on the checklist is refused", func(r *Referral) { r.Concerns = []Concern{99} }, []string{"concerns"}},
		{"an inpatient needs the hospital and admission date", func(r *Referral) { r.IsInpatient = true }, []string{
			"inpatient.hospital", "inpatient.admittedOn"}},
		{"an inpatient admitted in the future is refused", func(r *Referral) {
			r.IsInpatient, r.Inpatient = true, Inpatient{Hospital: "Example Unit", AdmittedOn: Date(2026, 12, 1)}
		}, []string{"inpatient.admittedOn"}},
		{"a planned discharge before the admission is refused", func(r *Referral) {
			r.IsInpatient, r.Inpatient = true, Inpatient{Hospital: "Example Unit", AdmittedOn: Date(2026, 11, 1), PlannedDischarge: Date(2026, 10, 1)}
		}, []string{"inpatient.plannedDischarge"}},
		{"inpatient details are ignored when the person is not an inpatient", func(r *Referral) {
			r.IsInpatient, r.Inpatient = false, Inpatient{AdmittedOn: Date(2030, 1, 1)}
		}, nil},
		{"an out-of-area child with a fully health-funded placement may be referred to the ROAR", func(r *Referral) {
			r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
			r.OutOfArea = OutOfAreaPlacement{Funding: HealthFundedFully, Commissioner: "Example ICB"}
		}, nil},
		{"an out-of-area child with a partly health-funded placement may be referred", func(r *Referral) {
			r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
			r.OutOfArea = OutOfAreaPlacement{Funding: HealthFundedPartly, Commissioner: "Example ICB"}
		}, nil},
		{"an out-of-area child whose placement is not health funded is refused", func(r *Referral) {
			r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
			r.OutOfArea = OutOfAreaPlacement{Funding: NotHealthFunded, Commissioner: "Example ICB"}
		}, []string{"outOfArea.funding"}},
		{"an out-of-area child is referred to the ROAR, not the DSR", func(r *Referral) {
			r.Person.LocalAuthority = OutOfArea
			r.OutOfArea = OutOfAreaPlacement{Funding: HealthFundedFully, Commissioner: "Example ICB"}
		}, []string{"registerRequested"}},
		{"an out-of-area adult is refused", func(r *Referral) {
			r.Person = anAdult()
			r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
			r.Consent.GivenBy, r.Consent.GiverName = GivenByPerson, ""
			r.OutOfArea = OutOfAreaPlacement{Funding: HealthFundedFully, Commissioner: "Example ICB"}
		}, []string{"person.localAuthority"}},
		{"out of area needs the funding and the commissioner", func(r *Referral) {
			r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
		}, []string{"outOfArea.funding", "outOfArea.commissioner"}},
		{"out-of-area details are ignored for Rutland", func(r *Referral) {
			r.Person.LocalAuthority = Rutland
			r.OutOfArea = OutOfAreaPlacement{Funding: NotHealthFunded}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := aReferral()
			tt.change(&r)
			got := fields(r.Validate(today))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("problems on\n  %v\nwant\n  %v\n(%v)", got, tt.want, r.Validate(today))
			}
		})
	}
}

func TestReferralOutOfAreaMessagesAreClear(t *testing.T) {
	r := aReferral()
	r.Person.LocalAuthority, r.RegisterRequested = OutOfArea, ROAR
	r.OutOfArea = OutOfAreaPlacement{Funding: NotHealthFunded, Commissioner: "Example ICB"}
	err := r.Validate(today).Err()
	v, _ := AsValidation(err)
	want := "A child living outside LLR can be referred only when their placement is fully or partly health funded."
	if v == nil || v.Field("outOfArea.funding") != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestConsentValidate(t *testing.T) {
	child := Date(2012, 3, 14) // 14
	teen := Date(2009, 6, 1)   // 17
	adult := Date(1996, 6, 1)  // 30
	base := ConsentEvent{Date: Date(2026, 11, 20), Scope: "DSP referral", RecordSystem: "SystmOne", RecordReference: "CN-1"}
	with := func(f func(*ConsentEvent)) ConsentEvent { c := base; f(&c); return c }
	tests := []struct {
		name string
		c    ConsentEvent
		dob  time.Time
		want []string
	}{
		{"a parent consents for a 14-year-old", with(func(c *ConsentEvent) { c.GivenBy, c.GiverName = GivenByParent, "Pat" }), child, nil},
		{"a Gillick-competent 14-year-old consents", with(func(c *ConsentEvent) { c.GivenBy, c.GillickCompetent = GivenByPerson, true }), child, nil},
		{"a 14-year-old who is not Gillick competent cannot consent", with(func(c *ConsentEvent) { c.GivenBy = GivenByPerson }), child, []string{"gillickCompetent"}},
		{"a best-interests decision is not for under-16s", with(func(c *ConsentEvent) { c.GivenBy, c.GiverName = GivenByBestInterests, "Dr Example" }), child, []string{"givenBy"}},
		{"a best-interests decision for a 17-year-old lacking capacity is allowed", with(func(c *ConsentEvent) { c.GivenBy, c.GiverName = GivenByBestInterests, "Dr Example" }), teen, nil},
		{"a 17-year-old consents without a Gillick test", with(func(c *ConsentEvent) { c.GivenBy = GivenByPerson }), teen, nil},
		{"a parent cannot consent for an adult", with(func(c *ConsentEvent) { c.GivenBy, c.GiverName = GivenByParent, "Pat" }), adult, []string{"givenBy"}},
		{"a parent's consent needs their name", with(func(c *ConsentEvent) { c.GivenBy = GivenByParent }), child, []string{"giverName"}},
		{"a best-interests decision needs the decision maker's name", with(func(c *ConsentEvent) { c.GivenBy = GivenByBestInterests }), adult, []string{"giverName"}},
		{"consent dated in the future is refused", with(func(c *ConsentEvent) { c.GivenBy, c.Date = GivenByPerson, Date(2026, 11, 23) }), adult, []string{"date"}},
		{"consent dated before birth is refused", with(func(c *ConsentEvent) { c.GivenBy, c.GiverName, c.Date = GivenByParent, "Pat", Date(2010, 1, 1) }), child, []string{"date"}},
		{"a withdrawal needs only its date and reason", ConsentEvent{Withdrawn: true, Date: Date(2026, 11, 21), Reason: "Family asked by phone"}, child, nil},
		{"a withdrawal without a reason is refused", ConsentEvent{Withdrawn: true, Date: Date(2026, 11, 21)}, child, []string{"reason"}},
		{"a withdrawal without a date is refused", ConsentEvent{Withdrawn: true, Reason: "x"}, child, []string{"date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fields(tt.c.Validate(tt.dob, today))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("problems on %v, want %v (%v)", got, tt.want, tt.c.Validate(tt.dob, today))
			}
		})
	}
}

func TestCurrentConsent(t *testing.T) {
	given := ConsentEvent{ID: 1, Date: Date(2026, 1, 10), GivenBy: GivenByParent}
	withdrawn := ConsentEvent{ID: 2, Withdrawn: true, Date: Date(2026, 5, 1), Reason: "x"}
	renewed := ConsentEvent{ID: 3, Date: Date(2026, 9, 1), GivenBy: GivenByPerson}
	sameDayLater := ConsentEvent{ID: 4, Withdrawn: true, Date: Date(2026, 9, 1), Reason: "changed mind", RecordedAt: time.Date(2026, 9, 1, 15, 0, 0, 0, time.UTC)}
	tests := []struct {
		name    string
		history []ConsentEvent
		state   ConsentState
		latest  int64
	}{
		{"no history means consent is missing", nil, ConsentMissing, 0},
		{"consent given is current", []ConsentEvent{given}, ConsentGiven, 1},
		{"a later withdrawal wins", []ConsentEvent{given, withdrawn}, ConsentWithdrawn, 2},
		{"order of the rows does not matter", []ConsentEvent{withdrawn, given}, ConsentWithdrawn, 2},
		{"consent renewed after a withdrawal is current", []ConsentEvent{renewed, given, withdrawn}, ConsentGiven, 3},
		{"on the same day the later recording wins", []ConsentEvent{renewed, sameDayLater}, ConsentWithdrawn, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CurrentConsent(tt.history)
			if got.State != tt.state || got.Latest.ID != tt.latest {
				t.Errorf("got %v (id %d), want %v (id %d)", got.State, got.Latest.ID, tt.state, tt.latest)
			}
		})
	}
}

func TestConsentMayExportAndRecheck(t *testing.T) {
	dob := Date(2010, 4, 10) // 16 on 10 April 2026
	t.Run("given consent allows export", func(t *testing.T) {
		if ok, why := (ConsentStatus{State: ConsentGiven}).MayExport(); !ok || why != "" {
			t.Errorf("got %v %q", ok, why)
		}
	})
	t.Run("withdrawn consent blocks export and says why", func(t *testing.T) {
		if ok, why := (ConsentStatus{State: ConsentWithdrawn}).MayExport(); ok || !strings.Contains(why, "withdrawn") {
			t.Errorf("got %v %q", ok, why)
		}
	})
	t.Run("missing consent blocks export and says why", func(t *testing.T) {
		if ok, why := (ConsentStatus{}).MayExport(); ok || !strings.Contains(why, "No consent") {
			t.Errorf("got %v %q", ok, why)
		}
	})
	t.Run("consent from before the 16th birthday needs a re-check after it", func(t *testing.T) {
		s := ConsentStatus{State: ConsentGiven, Latest: ConsentEvent{Date: Date(2025, 1, 1)}}
		if !s.NeedsRecheck(dob, Date(2026, 4, 10)) {
			t.Error("want a re-check on the 16th birthday")
		}
		if s.NeedsRecheck(dob, Date(2026, 4, 9)) {
			t.Error("no re-check the day before the 16th birthday")
		}
	})
	t.Run("consent renewed at 16 needs no re-check", func(t *testing.T) {
		s := ConsentStatus{State: ConsentGiven, Latest: ConsentEvent{Date: Date(2026, 4, 10)}}
		if s.NeedsRecheck(dob, Date(2026, 11, 22)) {
			t.Error("consent given on the 16th birthday needs no re-check")
		}
	})
}

func TestConsentCheckDue(t *testing.T) {
	given := func(d time.Time) ConsentStatus {
		return ConsentStatus{State: ConsentGiven, Latest: ConsentEvent{Date: d, GivenBy: GivenByPerson}}
	}
	tests := []struct {
		name   string
		status ConsentStatus
		months int
		want   time.Time
	}{
		{"consent given on 3 March 2025 is checked on 3 March 2026 with the default 12 months",
			given(Date(2025, 3, 3)), DefaultSettings().ConsentCheckMonths, Date(2026, 3, 3)},
		{"a 6-month interval brings the check forward to 3 September 2025", given(Date(2025, 3, 3)), 6, Date(2025, 9, 3)},
		{"consent given on 31 August with a 6-month interval is checked on the last day of February",
			given(Date(2025, 8, 31)), 6, Date(2026, 2, 28)},
		{"consent given on 29 February 2024 is checked on 28 February 2025", given(Date(2024, 2, 29)), 12, Date(2025, 2, 28)},
		{"a consent date with a time of day in London is read as that day",
			given(time.Date(2025, 6, 1, 0, 30, 0, 0, ServiceLocation)), 12, Date(2026, 6, 1)},
		{"withdrawn consent has no check date", ConsentStatus{State: ConsentWithdrawn, Latest: ConsentEvent{Withdrawn: true, Date: Date(2025, 3, 3)}}, 12, time.Time{}},
		{"missing consent has no check date", ConsentStatus{}, 12, time.Time{}},
		{"undated consent has no check date", given(time.Time{}), 12, time.Time{}},
		{"no interval means no check date", given(Date(2025, 3, 3)), 0, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.status.CheckDue(tt.months); !got.Equal(tt.want) {
				t.Errorf("CheckDue(%d) = %s, want %s", tt.months, got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
			}
		})
	}
}
