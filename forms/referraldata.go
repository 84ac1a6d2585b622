package forms

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// The referral form's data: filling the widgets from a draft, reading them
// back, and checking what they hold.

// load fills the widgets from a draft.
func (f *ReferralForm) load(d app.Draft) {
	f.loading = true
	defer func() { f.loading = false }()
	r := d.Referral
	p := r.Person
	if r.RegisterRequested.Valid() {
		f.register.SetSelected(r.RegisterRequested.String())
	}
	if r.IndicativeRating.Valid() {
		f.rating.SetSelected(r.IndicativeRating.String())
	}
	f.given.SetText(p.GivenName)
	f.family.SetText(p.FamilyName)
	f.preferred.SetText(p.PreferredName)
	f.dob.SetText(formatUKDate(p.DateOfBirth))
	f.nhs.SetText(d.NHSNumberText)
	f.nhsNotKnown.SetChecked(d.NHSNotKnown)
	f.nhsReason.SetText(p.NHSNumberUnknownReason)
	f.address.SetText(p.Address)
	f.postcode.SetText(p.Postcode)
	if p.LocalAuthority.Valid() {
		f.la.SetSelected(p.LocalAuthority.String())
	}
	if r.OutOfArea.Funding.Valid() {
		f.funding.SetSelected(r.OutOfArea.Funding.String())
	}
	f.commissioner.SetText(r.OutOfArea.Commissioner)
	if p.Diagnosis.Valid() {
		f.diagnosis.SetSelected(p.Diagnosis.String())
	}
	f.confirmDiagnosis.SetChecked(r.DiagnosisConfirmed)
	f.communication.SetText(p.CommunicationNeeds)
	f.loadCommunication(p.Communication)
	f.refName.SetText(r.Referrer.Name)
	f.refRole.SetText(r.Referrer.Role)
	if r.Referrer.Sector.Valid() {
		f.sector.SetSelected(r.Referrer.Sector.String())
	}
	f.refOrg.SetText(r.Referrer.Organisation)
	f.refPhone.SetText(r.Referrer.Phone)
	f.refEmail.SetText(r.Referrer.Email)
	f.organiseMAM.SetChecked(r.ReferrerOrganisesMAM)
	c := r.Consent
	if c.GivenBy.Valid() {
		f.givenBy.SetSelected(c.GivenBy.String())
	}
	f.giverName.SetText(c.GiverName)
	f.gillick.SetChecked(c.GillickCompetent)
	if c.Date.IsZero() && d.ID == 0 {
		c.Date = app.DateOf(f.clock.Now())
	}
	f.consentDate.SetText(formatUKDate(c.Date))
	if c.Scope == "" && d.ID == 0 {
		c.Scope = usualConsentScope
	}
	f.scope.SetText(c.Scope)
	f.recordSystem.SetText(c.RecordSystem)
	f.recordReference.SetText(c.RecordReference)
	var ticked []string
	for _, x := range r.Concerns {
		ticked = append(ticked, x.Short())
	}
	f.concerns.SetSelected(ticked)
	f.concernsOther.SetText(r.ConcernsOther)
	f.whatChanged.SetText(r.WhatChanged)
	f.whatTried.SetText(r.WhatTried)
	f.risks.SetText(r.Risks)
	f.inpatient.SetChecked(r.IsInpatient)
	f.hospital.SetText(r.Inpatient.Hospital)
	f.admitted.SetText(formatUKDate(r.Inpatient.AdmittedOn))
	f.plannedDischarge.SetText(formatUKDate(r.Inpatient.PlannedDischarge))
	f.education.SetText(r.EducationSetting)
	f.ehcp.SetChecked(r.EHCP)
	f.gp.SetText(p.GP)
	if len(p.Contacts) > 0 {
		ct := p.Contacts[0]
		f.contactName.SetText(ct.Name)
		f.contactRelationship.SetText(ct.Relationship)
		f.contactPhone.SetText(ct.Phone)
		f.contactEmail.SetText(ct.Email)
		f.contactPreferred.SetText(ct.PreferredContact)
		f.contactPR.SetChecked(ct.ParentalResponsibility)
	}
	f.professionals.SetText(r.ProfessionalsInvolved)
	f.legal.SetText(r.LegalStatus)
	// A resumed draft shows the problems of what was already typed.
	for key := range f.items {
		if e, ok := f.Input(key).(*widget.Entry); ok && strings.TrimSpace(e.Text) != "" && key != "consent.date" {
			f.touched[key] = true
		}
	}
	f.refresh()
}

// concernLabels are the checklist's short labels, in order.
func concernLabels() []string {
	out := make([]string, len(app.Concerns))
	for i, c := range app.Concerns {
		out[i] = c.Short()
	}
	return out
}

// concernDetails spells out each concern of the checklist.
func concernDetails() string {
	var b strings.Builder
	for i, c := range app.Concerns {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(c.Short() + ": " + c.String())
	}
	return b.String()
}

// indexOf is the position of s in options, or -1.
func indexOf(options []string, s string) int {
	for i, o := range options {
		if o == s {
			return i
		}
	}
	return -1
}

// collect reads the widgets into a draft, and the problems of the fields
// that cannot even be read (dates).
func (f *ReferralForm) collect() (app.Draft, app.Problems) {
	var p app.Problems
	date := func(key string, e *fieldEntry) time.Time {
		t, err := parseUKDate(e.Text)
		if err != nil {
			p.Add(key, "%s", app.Sentence(err))
		}
		return t
	}
	d := app.Draft{NHSNumberText: strings.TrimSpace(f.nhs.Text), NHSNotKnown: f.nhsNotKnown.Checked}
	r := &d.Referral
	if i := indexOf(names(app.Registers), f.register.Selected); i >= 0 {
		r.RegisterRequested = app.Registers[i]
	}
	if i := indexOf(names(app.Ratings), f.rating.Selected); i >= 0 {
		r.IndicativeRating = app.Ratings[i]
	}
	per := &r.Person
	per.GivenName, per.FamilyName, per.PreferredName = f.given.Text, f.family.Text, f.preferred.Text
	per.DateOfBirth = date("person.dateOfBirth", f.dob)
	if d.NHSNotKnown {
		per.NHSNumberUnknownReason = f.nhsReason.Text
	} else {
		per.NHSNumber = app.NHSNumber(d.NHSNumberText)
	}
	per.Address, per.Postcode = f.address.Text, f.postcode.Text
	if i := indexOf(names(app.LocalAuthorities), f.la.Selected); i >= 0 {
		per.LocalAuthority = app.LocalAuthorities[i]
	}
	if i := indexOf(names(app.Diagnoses), f.diagnosis.Selected); i >= 0 {
		per.Diagnosis = app.Diagnoses[i]
	}
	per.CommunicationNeeds, per.GP = f.communication.Text, f.gp.Text
	per.Communication = f.collectCommunication()
	if strings.TrimSpace(f.contactName.Text+f.contactRelationship.Text+f.contactPhone.Text+f.contactEmail.Text+f.contactPreferred.Text) != "" {
		per.Contacts = []app.Contact{{Name: f.contactName.Text, Relationship: f.contactRelationship.Text, Phone: f.contactPhone.Text,
			Email: f.contactEmail.Text, PreferredContact: f.contactPreferred.Text, ParentalResponsibility: f.contactPR.Checked}}
	}
	if per.LocalAuthority == app.OutOfArea {
		if i := f.funding.SelectedIndex(); i >= 0 {
			r.OutOfArea.Funding = app.Fundings[i]
		}
		r.OutOfArea.Commissioner = f.commissioner.Text
	}
	r.DiagnosisConfirmed = f.confirmDiagnosis.Checked
	r.Referrer = app.Referrer{Name: f.refName.Text, Role: f.refRole.Text, Organisation: f.refOrg.Text, Phone: f.refPhone.Text, Email: f.refEmail.Text}
	if i := indexOf(names(app.Sectors), f.sector.Selected); i >= 0 {
		r.Referrer.Sector = app.Sectors[i]
	}
	r.ReferrerOrganisesMAM = f.organiseMAM.Checked
	c := &r.Consent
	if i := indexOf(names(app.ConsentGivers), f.givenBy.Selected); i >= 0 {
		c.GivenBy = app.ConsentGivers[i]
	}
	c.GiverName, c.GillickCompetent = f.giverName.Text, f.gillick.Checked
	c.Date = date("consent.date", f.consentDate)
	c.Scope, c.RecordSystem, c.RecordReference = f.scope.Text, f.recordSystem.Text, f.recordReference.Text
	for _, s := range f.concerns.Selected {
		if i := indexOf(concernLabels(), s); i >= 0 {
			r.Concerns = append(r.Concerns, app.Concerns[i])
		}
	}
	r.ConcernsOther, r.WhatChanged, r.WhatTried, r.Risks = f.concernsOther.Text, f.whatChanged.Text, f.whatTried.Text, f.risks.Text
	r.IsInpatient = f.inpatient.Checked
	if r.IsInpatient {
		r.Inpatient = app.Inpatient{Hospital: f.hospital.Text, AdmittedOn: date("inpatient.admittedOn", f.admitted),
			PlannedDischarge: date("inpatient.plannedDischarge", f.plannedDischarge)}
	}
	r.EducationSetting, r.EHCP = f.education.Text, f.ehcp.Checked
	r.ProfessionalsInvolved, r.LegalStatus = f.professionals.Text, f.legal.Text
	return d, p
}

// validate collects the form and lists every problem, in form order.
func (f *ReferralForm) validate() (app.Draft, app.Problems) {
	d, parse := f.collect()
	now := f.clock.Now()
	all := d.Referral.Validate(now)
	if d.NHSNotKnown && strings.TrimSpace(d.Referral.Person.NHSNumberUnknownReason) == "" {
		all = replaceField(all, "person.nhsNumber", "person.nhsNumberUnknownReason", "Say why the NHS number is not known.")
	}
	// A date that cannot be read is reported as such, not as missing.
	for _, pr := range parse {
		all = dropField(all, pr.Field)
	}
	return d, append(parse, all...)
}

func dropField(ps app.Problems, field string) app.Problems {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Field != field {
			out = append(out, p)
		}
	}
	return out
}

func replaceField(ps app.Problems, from, to, msg string) app.Problems {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Field == from {
			p = app.Problem{Field: to, Message: msg}
		}
		out = append(out, p)
	}
	return out
}

// Input returns the widget a user types into for a field key (for tests
// and for moving the cursor): an entry, select, radio group or check.
func (f *ReferralForm) Input(key string) fyne.CanvasObject {
	switch key {
	case "nhsNotKnown":
		return f.nhsNotKnown
	case "isInpatient":
		return f.inpatient
	case "concerns.checklist":
		return f.concerns
	case "registerRequested":
		return f.register
	case "indicativeRating":
		return f.rating
	case "person.diagnosis":
		return f.diagnosis
	case "person.localAuthority":
		return f.la
	case "referrer.sector":
		return f.sector
	case "consent.givenBy":
		return f.givenBy
	}
	if w, ok := f.focus[key]; ok {
		if e, ok := w.(*fieldEntry); ok {
			return &e.Entry
		}
		if o, ok := w.(fyne.CanvasObject); ok {
			return o
		}
	}
	return nil
}
