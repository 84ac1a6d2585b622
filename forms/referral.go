package forms

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// ReferralService stores referrals and the drafts of the form.
type ReferralService interface {
	SubmitReferral(ctx ctxT, ref app.Referral, opt app.SubmitOptions) (app.SubmitResult, error)
	SaveDraft(ctx ctxT, d app.Draft) (app.Draft, error)
	Drafts(ctx ctxT) ([]app.Draft, error)
	DiscardDraft(ctx ctxT, id int64, reason string) error
}

// draftDelay is how long after the last change the draft is saved.
var draftDelay = 400 * time.Millisecond

// ReferralForm is the referral entry form, in a window of its own. It
// checks each field as it is typed or left, saves a draft as the user
// works, offers possible duplicates before storing, and on submit says
// exactly what is still missing.
type ReferralForm struct {
	win   fyne.Window
	svc   ReferralService
	clock app.Clock
	// onSubmitted runs after a referral is stored (to refresh the screens).
	onSubmitted func(app.Referral)

	mu       sync.Mutex
	saving   sync.Mutex // one draft save at a time, so a new draft is created once
	draft    app.Draft  // what is saved; guarded by mu
	timer    *time.Timer
	dirty    bool
	closed   bool
	saveErr  error
	loading  bool
	touched  map[string]bool
	tried    bool // submit was pressed: show every problem
	problems app.Problems

	items   map[string]*widget.FormItem
	errs    map[string]*widget.Label
	hintOf  map[string]string
	focus   map[string]fyne.Focusable
	forms   []*widget.Form
	scroll  *container.Scroll
	status  *widget.Label
	saved   *widget.Label
	content fyne.CanvasObject

	// the widgets
	register, rating, diagnosis                                  *widget.RadioGroup
	consequence, guidance                                        *widget.Label
	given, family, preferred, dob, nhs, nhsReason, postcode      *widget.Entry
	address                                                      *widget.Entry
	nhsNotKnown, confirmDiagnosis, organiseMAM, inpatient, ehcp  *widget.Check
	gillick                                                      *widget.Check
	la, funding, sector, givenBy                                 *widget.Select
	commissioner                                                 *widget.Entry
	refName, refRole, refOrg, refPhone, refEmail                 *widget.Entry
	giverName, consentDate, scope, recordSystem, recordReference *widget.Entry
	concerns                                                     *widget.CheckGroup
	concernsOther, whatChanged, whatTried, risks                 *widget.Entry
	hospital, admitted, plannedDischarge                         *widget.Entry
	education, gp, communication, professionals, legal           *widget.Entry
	contactName, contactRelationship, contactPhone, contactEmail *widget.Entry
	contactPreferred                                             *widget.Entry
	contactPR                                                    *widget.Check
	nhsReasonBox, outOfAreaBox, inpatientBox                     *fyne.Container
}

// ctxT keeps the interface lines short.
type ctxT = ctxType

// NewReferralForm opens the form in a new window, resuming draft when it
// has an ID (or is non-empty).
func NewReferralForm(a fyne.App, svc ReferralService, clock app.Clock, draft app.Draft, onSubmitted func(app.Referral)) *ReferralForm {
	f := &ReferralForm{svc: svc, clock: clock, onSubmitted: onSubmitted, draft: draft,
		touched: map[string]bool{}, items: map[string]*widget.FormItem{}, errs: map[string]*widget.Label{}, hintOf: map[string]string{}, focus: map[string]fyne.Focusable{}}
	f.win = a.NewWindow("New referral: DSP Desk")
	f.build()
	f.load(draft)
	f.win.SetContent(f.content)
	f.win.Resize(fyne.NewSize(900, 760))
	f.win.SetCloseIntercept(func() {
		if err := f.Flush(); err != nil {
			showError(f.win, "The draft could not be saved, so the form stays open", err)
			return
		}
		f.mu.Lock()
		f.closed = true
		f.mu.Unlock()
		f.win.Close()
	})
	f.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			f.win.Close() // the draft is kept: nothing is lost
		}
	})
	f.win.Show()
	f.win.Canvas().Focus(f.given)
	if draft.ID != 0 && len(f.problems) > 0 {
		// A resumed draft says what still needs doing and goes to it.
		f.showStatus()
		for _, p := range f.problems {
			if f.touched[p.Field] {
				f.goTo(p.Field)
				break
			}
		}
	}
	return f
}

// Window is the form's window.
func (f *ReferralForm) Window() fyne.Window { return f.win }

// DraftID is the ID of the draft being edited (0 until first saved).
func (f *ReferralForm) DraftID() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.draft.ID
}

// required marks a label as mandatory.
func required(label string) string { return label + " *" }

// item adds a labelled widget to a form under a field key, with a line
// under it for the field's problem.
func (f *ReferralForm) item(form *widget.Form, key, label, hint string, w fyne.CanvasObject) {
	input := w
	var errLine *widget.Label
	if key != "" {
		input, errLine = withProblem(w, hint)
	}
	it := widget.NewFormItem(label, input)
	if key == "" {
		it.HintText = hint
	}
	f.hintOf[key] = hint
	form.AppendItem(it)
	if key != "" {
		f.items[key] = it
		f.errs[key] = errLine
		if fo, ok := w.(fyne.Focusable); ok {
			f.focus[key] = fo
		}
	}
}

func (f *ReferralForm) entry(key, placeholder string, multi bool) *widget.Entry {
	var e *widget.Entry
	if multi {
		e = widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	} else {
		e = widget.NewEntry()
	}
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { f.changed(key) }
	return e
}

func (f *ReferralForm) check(key, label string) *widget.Check {
	return widget.NewCheck(label, func(bool) { f.changed(key) })
}

func (f *ReferralForm) sel(key string, options []string) *widget.Select {
	s := widget.NewSelect(options, func(string) { f.changed(key) })
	s.PlaceHolder = "Choose…"
	return s
}

func (f *ReferralForm) newForm() *widget.Form {
	form := widget.NewForm()
	f.forms = append(f.forms, form)
	return form
}

func names[T fmt.Stringer](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.String()
	}
	return out
}

func (f *ReferralForm) build() {
	// Register and rating, with the criteria beside them.
	f.register = widget.NewRadioGroup(names(app.Registers), func(string) { f.changed("registerRequested") })
	f.register.Horizontal = true
	f.rating = widget.NewRadioGroup(names(app.Ratings), func(string) { f.changed("indicativeRating") })
	f.rating.Horizontal = true
	f.consequence = wrapped("")
	f.consequence.Importance = widget.HighImportance
	f.guidance = wrapped(app.RatingGuidance(app.CYP))
	regForm := f.newForm()
	f.item(regForm, "registerRequested", required("Register"), "DSR: crisis avoidance. ROAR: crisis, risk of admission.", f.register)
	f.item(regForm, "indicativeRating", required("Your rating"), "", f.rating)
	f.item(regForm, "", "", "", f.consequence)
	criteria := container.NewVScroll(f.guidance)
	criteria.SetMinSize(fyne.NewSize(0, 230))

	// The person.
	f.given = f.entry("person.givenName", "", false)
	f.family = f.entry("person.familyName", "", false)
	f.preferred = f.entry("person.preferredName", "What they like to be called", false)
	f.dob = f.entry("person.dateOfBirth", "dd/mm/yyyy", false)
	f.nhs = f.entry("person.nhsNumber", "e.g. 943 476 5919", false)
	f.nhsNotKnown = f.check("person.nhsNumber", "Not known")
	f.nhsReason = f.entry("person.nhsNumberUnknownReason", "Why the NHS number is not known", false)
	f.address = f.entry("person.address", "", true)
	f.address.SetMinRowsVisible(2)
	f.postcode = f.entry("person.postcode", "e.g. LE1 6AB", false)
	f.la = f.sel("person.localAuthority", names(app.LocalAuthorities))
	f.funding = f.sel("outOfArea.funding", names(app.Fundings))
	f.commissioner = f.entry("outOfArea.commissioner", "e.g. the ICB that funds the placement", false)
	f.diagnosis = widget.NewRadioGroup(names(app.Diagnoses), func(string) { f.changed("person.diagnosis") })
	f.confirmDiagnosis = f.check("diagnosisConfirmed", "I confirm the diagnosis")
	f.communication = f.entry("person.communicationNeeds", "Communication needs and reasonable adjustments (they shape the family agenda)", true)

	personA := f.newForm()
	f.item(personA, "person.givenName", required("First name"), "", f.given)
	f.item(personA, "person.familyName", required("Last name"), "", f.family)
	f.item(personA, "person.preferredName", "Preferred name", "", f.preferred)
	f.item(personA, "person.dateOfBirth", required("Date of birth"), "Under 18: children and young people's pathway.", f.dob)
	f.item(personA, "person.nhsNumber", required("NHS number"), "10 digits; spaces and hyphens are fine.", container.NewBorder(nil, nil, nil, f.nhsNotKnown, f.nhs))
	f.focus["person.nhsNumber"] = f.nhs
	reasonForm := f.newForm()
	f.item(reasonForm, "person.nhsNumberUnknownReason", required("Why not known"), "", f.nhsReason)
	f.nhsReasonBox = container.NewVBox(reasonForm)
	personB := f.newForm()
	f.item(personB, "person.address", required("Address"), "", f.address)
	f.item(personB, "person.postcode", required("Postcode"), "", f.postcode)
	f.item(personB, "person.localAuthority", required("Local authority"), "As the person or family says: never worked out from the postcode.", f.la)
	ooaForm := f.newForm()
	f.item(ooaForm, "outOfArea.funding", required("Placement funding"), "A child outside LLR can be referred if the placement is fully or partly health funded.", f.funding)
	f.item(ooaForm, "outOfArea.commissioner", required("Responsible commissioner"), "", f.commissioner)
	f.outOfAreaBox = container.NewVBox(ooaForm)
	personC := f.newForm()
	f.item(personC, "person.diagnosis", required("Diagnosis"), "", f.diagnosis)
	f.item(personC, "diagnosisConfirmed", "", "", f.confirmDiagnosis)
	f.item(personC, "person.communicationNeeds", "Communication needs", "", f.communication)

	// The referrer.
	f.refName = f.entry("referrer.name", "", false)
	f.refRole = f.entry("referrer.role", "", false)
	f.sector = f.sel("referrer.sector", names(app.Sectors))
	f.refOrg = f.entry("referrer.organisation", "", false)
	f.refPhone = f.entry("referrer.phone", "e.g. 0116 295 0000", false)
	f.refEmail = f.entry("referrer.email", "name@example.org", false)
	f.organiseMAM = f.check("referrerOrganisesMAM", "I need no help organising the MAM: I will organise and facilitate it myself")
	refForm := f.newForm()
	f.item(refForm, "referrer.name", required("Your name"), "", f.refName)
	f.item(refForm, "referrer.role", required("Role"), "", f.refRole)
	f.item(refForm, "referrer.sector", required("Sector"), "Health, social care or education.", f.sector)
	f.item(refForm, "referrer.organisation", required("Organisation"), "", f.refOrg)
	f.item(refForm, "referrer.phone", required("Phone"), "", f.refPhone)
	f.item(refForm, "referrer.email", required("Email"), "", f.refEmail)
	f.item(refForm, "referrerOrganisesMAM", "MAM", "", f.organiseMAM)

	// Consent.
	f.givenBy = f.sel("consent.givenBy", names(app.ConsentGivers))
	f.giverName = f.entry("consent.giverName", "The parent or decision maker", false)
	f.gillick = f.check("consent.gillickCompetent", "The child (under 16) is Gillick competent and consented")
	f.consentDate = f.entry("consent.date", "dd/mm/yyyy", false)
	f.scope = f.entry("consent.scope", "e.g. DSP referral and sharing with MAM agencies", false)
	f.recordSystem = f.entry("consent.recordSystem", "e.g. SystmOne, Liquidlogic, school records", false)
	f.recordReference = f.entry("consent.recordReference", "", false)
	consentForm := f.newForm()
	f.item(consentForm, "consent.givenBy", required("Consent given by"), "Under 16: the child if Gillick competent, else a parent. 16+ lacking capacity: a best-interests decision.", f.givenBy)
	f.item(consentForm, "consent.giverName", "Name of who gave it", "For a parent or a best-interests decision.", f.giverName)
	f.item(consentForm, "consent.gillickCompetent", "", "", f.gillick)
	f.item(consentForm, "consent.date", required("Date given"), "", f.consentDate)
	f.item(consentForm, "consent.scope", required("What it covers"), "", f.scope)
	f.item(consentForm, "consent.recordSystem", required("Documented in"), "Your own records: the system.", f.recordSystem)
	f.item(consentForm, "consent.recordReference", required("Reference there"), "", f.recordReference)

	// Concerns.
	f.concerns = widget.NewCheckGroup(concernLabels(), func([]string) { f.changed("concerns") })
	f.concernsOther = f.entry("concerns", "Any other concern", true)
	f.whatChanged = f.entry("whatChanged", "", true)
	f.whatTried = f.entry("whatTried", "", true)
	f.risks = f.entry("risks", "", true)
	concernForm := f.newForm()
	f.item(concernForm, "concerns", required("Concerns"), "Tick all that apply, or describe the concern.", container.NewVBox(f.concerns, wrapped(concernDetails()), f.concernsOther))
	f.focus["concerns"] = f.concernsOther
	f.item(concernForm, "whatChanged", required("What has changed"), "", f.whatChanged)
	f.item(concernForm, "whatTried", required("What has been tried"), "", f.whatTried)
	f.item(concernForm, "risks", required("Risks"), "", f.risks)

	// Inpatient.
	f.inpatient = f.check("isInpatient", "The person is in a mental health hospital now")
	f.hospital = f.entry("inpatient.hospital", "", false)
	f.admitted = f.entry("inpatient.admittedOn", "dd/mm/yyyy", false)
	f.plannedDischarge = f.entry("inpatient.plannedDischarge", "dd/mm/yyyy, if known", false)
	inForm := f.newForm()
	f.item(inForm, "inpatient.hospital", required("Hospital"), "", f.hospital)
	f.item(inForm, "inpatient.admittedOn", required("Admitted on"), "", f.admitted)
	f.item(inForm, "inpatient.plannedDischarge", "Planned discharge", "", f.plannedDischarge)
	f.inpatientBox = container.NewVBox(inForm)

	// Optional details.
	f.education = f.entry("educationSetting", "School or college", false)
	f.ehcp = f.check("ehcp", "Has an EHCP")
	f.gp = f.entry("person.gp", "GP practice", false)
	f.contactName = f.entry("person.contacts[0].name", "Name", false)
	f.contactRelationship = f.entry("person.contacts[0].relationship", "e.g. Mum, foster carer", false)
	f.contactPhone = f.entry("person.contacts[0].phone", "", false)
	f.contactEmail = f.entry("person.contacts[0].email", "", false)
	f.contactPreferred = f.entry("person.contacts[0].preferredContact", "e.g. text first, after 4pm", false)
	f.contactPR = f.check("person.contacts[0].parentalResponsibility", "Has parental responsibility")
	f.professionals = f.entry("professionalsInvolved", "Who else is involved, and how to reach them", true)
	f.legal = f.entry("legalStatus", "MHA section, CTO, S117, DoLS", false)
	optForm := f.newForm()
	f.item(optForm, "educationSetting", "Education setting", "", container.NewBorder(nil, nil, nil, f.ehcp, f.education))
	f.item(optForm, "person.gp", "GP", "", f.gp)
	f.item(optForm, "person.contacts[0].name", "Family or carer", "", f.contactName)
	f.item(optForm, "person.contacts[0].relationship", "Relationship", "", f.contactRelationship)
	f.item(optForm, "person.contacts[0].phone", "Their phone", "", f.contactPhone)
	f.item(optForm, "person.contacts[0].email", "Their email", "", f.contactEmail)
	f.item(optForm, "person.contacts[0].preferredContact", "Preferred contact", "", f.contactPreferred)
	f.item(optForm, "person.contacts[0].parentalResponsibility", "", "", f.contactPR)
	f.item(optForm, "professionalsInvolved", "Professionals involved", "", f.professionals)
	f.item(optForm, "legalStatus", "Legal status", "", f.legal)

	f.status = wrapped("Fields marked * are required. Your answers are saved as a draft as you type.")
	f.saved = widget.NewLabel("")
	f.saved.Importance = widget.LowImportance
	submit := widget.NewButton("Submit referral", f.Submit)
	submit.Importance = widget.HighImportance
	closeB := widget.NewButton("Close (keep draft)", func() { f.win.Close() })

	body := container.NewVBox(
		widget.NewCard("Register and rating", "", container.NewGridWithColumns(2, regForm, criteria)),
		widget.NewCard("The person", "", container.NewVBox(personA, f.nhsReasonBox, personB, f.outOfAreaBox, personC)),
		widget.NewCard("You, the referrer", "Health, social care or education professionals", refForm),
		widget.NewCard("Consent", "You gained consent and documented it in your own records", consentForm),
		widget.NewCard("Concerns", "", concernForm),
		widget.NewCard("Hospital", "", container.NewVBox(f.inpatient, f.inpatientBox)),
		widget.NewCard("More details (optional)", "", optForm),
	)
	f.scroll = container.NewVScroll(container.NewPadded(body))
	top := container.NewVBox(heading("New referral to the Dynamic Support Pathway"), f.status)
	bottom := container.NewBorder(nil, nil, f.saved, container.NewHBox(closeB, submit))
	f.content = container.NewBorder(top, container.NewPadded(bottom), nil, nil, f.scroll)
	f.inpatient.OnChanged = func(bool) { f.changed("isInpatient") }
}

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
	date := func(key string, e *widget.Entry) time.Time {
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
	if i := f.la.SelectedIndex(); i >= 0 {
		per.LocalAuthority = app.LocalAuthorities[i]
	}
	if i := indexOf(names(app.Diagnoses), f.diagnosis.Selected); i >= 0 {
		per.Diagnosis = app.Diagnoses[i]
	}
	per.CommunicationNeeds, per.GP = f.communication.Text, f.gp.Text
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
	if i := f.sector.SelectedIndex(); i >= 0 {
		r.Referrer.Sector = app.Sectors[i]
	}
	r.ReferrerOrganisesMAM = f.organiseMAM.Checked
	c := &r.Consent
	if i := f.givenBy.SelectedIndex(); i >= 0 {
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

// changed runs after any edit: it re-checks the form, shows messages for
// the fields already touched, updates the guidance, and saves the draft soon.
func (f *ReferralForm) changed(key string) {
	if f.loading {
		return
	}
	f.touched[key] = true
	f.refresh()
	f.scheduleSave()
}

// refresh updates visibility, guidance and field messages.
func (f *ReferralForm) refresh() {
	d, problems := f.validate()
	f.problems = problems
	r := d.Referral
	show := func(c *fyne.Container, on bool) {
		if on && !c.Visible() {
			c.Show()
		} else if !on && c.Visible() {
			c.Hide()
		}
	}
	show(f.nhsReasonBox, f.nhsNotKnown.Checked)
	if f.nhsNotKnown.Checked && !f.nhs.Disabled() {
		f.nhs.Disable()
	} else if !f.nhsNotKnown.Checked && f.nhs.Disabled() {
		f.nhs.Enable()
	}
	show(f.outOfAreaBox, r.Person.LocalAuthority == app.OutOfArea)
	show(f.inpatientBox, r.IsInpatient)
	group := app.CYP
	if !r.Person.DateOfBirth.IsZero() {
		group = app.AgeGroupOn(r.Person.DateOfBirth, f.clock.Now())
	}
	if g := app.RatingGuidance(group); f.guidance.Text != g {
		f.guidance.SetText(g)
	}
	if c := app.RatingConsequence(r.IndicativeRating, group, r.ReferrerOrganisesMAM); f.consequence.Text != c {
		f.consequence.SetText(c)
	}

	// Each field shows its first problem once touched (or after Submit).
	want := make(map[string]string, len(f.items))
	for _, p := range problems {
		if _, ok := f.items[p.Field]; ok && (f.tried || f.touched[p.Field]) && want[p.Field] == "" {
			want[p.Field] = p.Message
		}
	}
	for key, l := range f.errs {
		setProblem(l, want[key])
	}
	if f.tried {
		f.showStatus()
	}
}

// showStatus says how many things are still to fix and what they are.
func (f *ReferralForm) showStatus() {
	if len(f.problems) == 0 {
		f.status.Importance = widget.SuccessImportance
		f.status.SetText("Everything required is filled in: press Submit referral.")
		return
	}
	var msgs []string
	for i, p := range f.problems {
		if i == 6 {
			msgs = append(msgs, fmt.Sprintf("…and %d more.", len(f.problems)-6))
			break
		}
		msgs = append(msgs, p.Message)
	}
	noun := "things"
	if len(f.problems) == 1 {
		noun = "thing"
	}
	f.status.Importance = widget.DangerImportance
	f.status.SetText(fmt.Sprintf("%d %s to fix before this can be submitted: %s", len(f.problems), noun, strings.Join(msgs, " ")))
}

// Problems are the form's current problems (for tests).
func (f *ReferralForm) Problems() app.Problems { return f.problems }

// Hint is the problem shown under a field, or its guidance when it has
// none (for tests).
func (f *ReferralForm) Hint(key string) string {
	if l, ok := f.errs[key]; ok && l.Visible() {
		return l.Text
	}
	return f.hintOf[key]
}

// Status is the message at the top of the form (for tests).
func (f *ReferralForm) Status() string { return f.status.Text }

// scheduleSave saves the draft a moment after the last change.
func (f *ReferralForm) scheduleSave() {
	d, _ := f.collect()
	f.mu.Lock()
	d.ID = f.draft.ID
	f.draft = d
	f.dirty = true
	if f.timer != nil {
		f.timer.Stop()
	}
	f.timer = time.AfterFunc(draftDelay, func() { f.save() })
	f.mu.Unlock()
}

// save writes the latest draft if it changed since the last save (the
// timer calls it a moment after typing stops).
func (f *ReferralForm) save() {
	saved, err := f.writeDraft()
	if !saved {
		return
	}
	fyne.Do(func() {
		if err != nil {
			f.saved.Importance = widget.DangerImportance
			f.saved.SetText("The draft could not be saved: " + errorText(err))
			return
		}
		f.saved.Importance = widget.LowImportance
		f.saved.SetText("Draft saved at " + time.Now().Format("15:04:05"))
	})
}

// Flush saves the draft now if anything changed (closing the window or the
// app calls it, so nothing typed is lost). It returns the save's error.
func (f *ReferralForm) Flush() error {
	f.mu.Lock()
	if f.timer != nil {
		f.timer.Stop()
	}
	f.mu.Unlock()
	_, err := f.writeDraft()
	if err != nil {
		f.mu.Lock()
		f.dirty = true // still to be saved
		f.mu.Unlock()
	}
	return err
}

// writeDraft stores the pending draft; saved is false when there was
// nothing to store.
func (f *ReferralForm) writeDraft() (saved bool, err error) {
	f.saving.Lock()
	defer f.saving.Unlock()
	f.mu.Lock()
	if !f.dirty || f.closed {
		f.mu.Unlock()
		return false, nil
	}
	d := f.draft
	d.ID = f.draft.ID
	f.dirty = false
	f.mu.Unlock()
	stored, err := f.svc.SaveDraft(ctx(), d)
	f.mu.Lock()
	if err == nil && f.draft.ID == 0 {
		f.draft.ID = stored.ID
	}
	f.saveErr = err
	f.mu.Unlock()
	return true, err
}

// Submit checks the whole form; with problems it says what is missing and
// moves to the first one, otherwise it stores the referral (after the
// duplicate check).
func (f *ReferralForm) Submit() {
	f.tried = true
	f.refresh()
	if len(f.problems) > 0 {
		f.goTo(f.problems[0].Field)
		return
	}
	f.submit(app.SubmitOptions{})
}

// goTo scrolls to a field and puts the cursor in it.
func (f *ReferralForm) goTo(key string) {
	item, ok := f.items[key]
	if !ok {
		return
	}
	if w, ok := f.focus[key]; ok {
		f.win.Canvas().Focus(w)
	}
	obj := item.Widget
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(f.scroll.Content))
	f.scroll.Offset = fyne.NewPos(0, fyne.Max(0, pos.Y-40))
	f.scroll.Refresh()
}

func (f *ReferralForm) submit(opt app.SubmitOptions) {
	d, _ := f.collect()
	ref := d.Referral
	res, err := f.svc.SubmitReferral(ctx(), ref, opt)
	switch {
	case errors.Is(err, app.ErrPossibleDuplicate):
		showDuplicates(f.win, ref.Person, res.Duplicates, func(o app.SubmitOptions) { f.submit(o) })
		return
	case err != nil:
		if v, ok := app.AsValidation(err); ok {
			f.problems = v.Problems
			for _, p := range v.Problems {
				if l, ok := f.errs[p.Field]; ok {
					setProblem(l, p.Message)
				}
			}
			f.showStatus()
			if len(v.Problems) > 0 {
				f.goTo(v.Problems[0].Field)
			}
			return
		}
		if c, ok := app.AsConflict(err); ok {
			f.showConflict(c)
			return
		}
		showError(f.win, "The referral was not stored", err)
		return
	}
	f.mu.Lock()
	if f.timer != nil {
		f.timer.Stop()
	}
	id := f.draft.ID
	f.dirty, f.closed = false, true
	f.mu.Unlock()
	if id != 0 {
		if err := f.svc.DiscardDraft(ctx(), id, "submitted as referral "+fmt.Sprint(res.Referral.ID)); err != nil {
			showError(f.win, "The referral was stored, but its draft could not be removed", err)
		}
	}
	if f.onSubmitted != nil {
		f.onSubmitted(res.Referral)
	}
	msg := fmt.Sprintf("The referral of %s was received on %s and is waiting for a decision (Triage). The team tells you the outcome.",
		res.Referral.Person.FullName(), app.FormatDateTime(res.Referral.ReceivedAt))
	dialog.ShowCustomConfirm("Referral received", "Close the form", "Start another", wrapped(msg), func(closeForm bool) {
		f.win.Close()
		if !closeForm {
			NewReferralForm(fyne.CurrentApp(), f.svc, f.clock, app.Draft{}, f.onSubmitted)
		}
	}, f.win)
}

// showDuplicates shows the people who may be the one referred, beside what
// was typed; the user links to one or confirms a new person.
func showDuplicates(win fyne.Window, typed app.Person, matches []app.PersonMatch, choose func(app.SubmitOptions)) {
	describe := func(p app.Person) string {
		nhs := p.NHSNumber.String()
		if nhs == "" {
			nhs = "not known"
		}
		return fmt.Sprintf("%s\nBorn %s\nNHS number %s\n%s, %s\n%s", p.FullName(), app.FormatDate(p.DateOfBirth), nhs, p.Address, p.Postcode, p.LocalAuthority)
	}
	var d dialog.Dialog
	cols := []fyne.CanvasObject{widget.NewCard("You entered", "", wrapped(describe(typed)))}
	for _, m := range matches {
		m := m
		link := widget.NewButton("Link to this person", func() {
			d.Hide()
			choose(app.SubmitOptions{LinkPersonID: m.Person.ID})
		})
		link.Importance = widget.HighImportance
		box := container.NewVBox(wrapped(describe(m.Person)), link)
		if diffs := app.PersonDifferences(m.Person, typed); len(diffs) > 0 {
			update := widget.NewButton("Link and update their details", func() {
				d.Hide()
				choose(app.SubmitOptions{LinkPersonID: m.Person.ID, UpdateLinked: true, LinkPersonVersion: m.Person.Version})
			})
			diffLabel := wrapped("Different from what you typed:\n" + strings.Join(diffs, "\n"))
			diffLabel.Importance = widget.WarningImportance
			box = container.NewVBox(wrapped(describe(m.Person)), diffLabel, link, update)
		}
		cols = append(cols, widget.NewCard("Already recorded", m.Reason.String(), box))
	}
	newPerson := widget.NewButton("This is a new person", func() {
		d.Hide()
		choose(app.SubmitOptions{ConfirmedNew: true})
	})
	cancel := widget.NewButton("Go back to the form", func() { d.Hide() })
	body := container.NewBorder(wrapped("Someone like this is already recorded. Link the referral to them, or confirm this is a new person."),
		container.NewHBox(cancel, newPerson), nil, nil, container.NewHScroll(container.NewGridWithColumns(len(cols), cols...)))
	d = dialog.NewCustomWithoutButtons("Is this someone already known?", body, win)
	d.Resize(fyne.NewSize(float32(300*len(cols)+60), 420))
	d.Show()
}

// ShowDrafts lists the referral drafts: open one to carry on, or discard it.
func ShowDrafts(win fyne.Window, svc ReferralService, onOpen func(app.Draft)) {
	drafts, err := svc.Drafts(ctx())
	if err != nil {
		showError(win, "Could not load the drafts", err)
		return
	}
	if len(drafts) == 0 {
		dialog.ShowInformation("Referral drafts", "There are no drafts. A draft is kept while a referral is being typed.", win)
		return
	}
	var d dialog.Dialog
	list := container.NewVBox()
	var fill func()
	fill = func() {
		list.Objects = nil
		for _, dr := range drafts {
			dr := dr
			open := widget.NewButton("Open", func() { d.Hide(); onOpen(dr) })
			open.Importance = widget.HighImportance
			discard := widget.NewButton("Discard", func() {
				dialog.ShowConfirm("Discard this draft?", "The draft \""+dr.Title()+"\" will be deleted. A submitted referral is not affected.", func(ok bool) {
					if !ok {
						return
					}
					if err := svc.DiscardDraft(ctx(), dr.ID, "discarded by the user"); err != nil {
						showError(win, "The draft was not discarded", err)
						return
					}
					drafts = removeDraft(drafts, dr.ID)
					fill()
				}, win)
			})
			label := widget.NewLabel(fmt.Sprintf("%s · last changed %s", dr.Title(), dr.UpdatedAt.In(app.ServiceLocation).Format("Mon 2 Jan 15:04")))
			list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, discard), label))
		}
		if len(drafts) == 0 {
			list.Add(widget.NewLabel("No drafts left."))
		}
		list.Refresh()
	}
	fill()
	d = dialog.NewCustom("Referral drafts", "Close", container.NewVScroll(list), win)
	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

func removeDraft(ds []app.Draft, id int64) []app.Draft {
	out := ds[:0:0]
	for _, d := range ds {
		if d.ID != id {
			out = append(out, d)
		}
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
	}
	if w, ok := f.focus[key]; ok {
		if o, ok := w.(fyne.CanvasObject); ok {
			return o
		}
	}
	return nil
}
