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

// usualConsentScope is what consent to a DSP referral usually covers; a
// new referral starts with it, to change when the consent covers less.
const usualConsentScope = "DSP referral and sharing with MAM agencies"

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
	given, family, preferred, dob, nhs, nhsReason, postcode      *fieldEntry
	address                                                      *fieldEntry
	nhsNotKnown, confirmDiagnosis, organiseMAM, inpatient, ehcp  *widget.Check
	gillick                                                      *widget.Check
	funding                                                      *widget.Select
	la, sector, givenBy                                          *widget.RadioGroup // one click each, every choice in view
	commissioner                                                 *fieldEntry
	refName, refRole, refOrg, refPhone, refEmail                 *fieldEntry
	giverName, consentDate, scope, recordSystem, recordReference *fieldEntry
	concerns                                                     *widget.CheckGroup
	concernsOther, whatChanged, whatTried, risks                 *fieldEntry
	hospital, admitted, plannedDischarge                         *fieldEntry
	education, gp, communication, professionals, legal           *fieldEntry
	contactName, contactRelationship, contactPhone, contactEmail *fieldEntry
	contactPreferred                                             *fieldEntry
	contactPR                                                    *widget.Check
	format, familyFormat                                         *widget.Select
	interpreter, familyInterpreter, contactThrough               *fieldEntry
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
	f.win.Resize(fitSize(fyne.NewSize(900, 760)))
	f.win.SetCloseIntercept(f.closeKeepingDraft)
	f.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			f.closeKeepingDraft()
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

// closeKeepingDraft saves the draft and closes the form (the window's close
// button, Close (keep draft) and Escape); when the draft cannot be saved it
// says so and the form stays open.
func (f *ReferralForm) closeKeepingDraft() {
	if err := f.Flush(); err != nil {
		showError(f.win, "The draft could not be saved, so the form stays open", err)
		return
	}
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.win.Close()
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
// kept under it for the field's problem.
func (f *ReferralForm) item(form *widget.Form, key, label, hint string, w fyne.CanvasObject) {
	input := w
	if e, ok := w.(*fieldEntry); ok && e.MultiLine {
		input = f.wheel(e)
	}
	var errLine *widget.Label
	if key != "" {
		input, errLine = withReservedProblem(input, hint)
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

// entry is a text field: typing re-checks it (once it has been left) and
// saves the draft; leaving it shows its problem.
func (f *ReferralForm) entry(key, placeholder string, multi bool) *fieldEntry {
	e := newFieldEntry(multi)
	if multi {
		e.SetMinRowsVisible(3)
	}
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { f.edited() }
	e.onLeave = func() { f.left(key) }
	e.onEscape = f.closeKeepingDraft
	return e
}

// wheel lets the mouse wheel scroll the form over a box of several lines.
func (f *ReferralForm) wheel(e *fieldEntry) fyne.CanvasObject {
	return container.NewStack(e, newWheelToForm(func() *container.Scroll { return f.scroll }))
}

func (f *ReferralForm) check(key, label string) *widget.Check {
	return widget.NewCheck(label, func(bool) { f.changed(key) })
}

func (f *ReferralForm) sel(key string, options []string) *widget.Select {
	s := widget.NewSelect(options, func(string) { f.changed(key) })
	s.PlaceHolder = "Choose…"
	return s
}

// radio is a choice among a few options, all in view: one click (a list
// takes two).
func (f *ReferralForm) radio(key string, options []string, horizontal bool) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, func(string) { f.changed(key) })
	r.Horizontal = horizontal
	return r
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
	f.rating = widget.NewRadioGroup(names(app.Ratings), func(string) { f.ratingChosen() })
	f.rating.Horizontal = true
	f.consequence = wrapped("")
	f.consequence.Importance = widget.HighImportance
	f.guidance = wrapped(app.RatingGuidance(app.CYP))
	regForm := f.newForm()
	f.item(regForm, "indicativeRating", required("Your rating"), "", f.rating)
	f.item(regForm, "registerRequested", required("Register"), "Filled in from the rating (Red: ROAR; Amber, Green: DSR); change it if needed. DSR: crisis avoidance. ROAR: crisis, risk of admission.", f.register)
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
	f.la = f.radio("person.localAuthority", names(app.LocalAuthorities), true)
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
	f.sector = f.radio("referrer.sector", names(app.Sectors), true)
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
	f.givenBy = f.radio("consent.givenBy", names(app.ConsentGivers), false)
	f.giverName = f.entry("consent.giverName", "The parent or decision maker", false)
	f.gillick = f.check("consent.gillickCompetent", "The child (under 16) is Gillick competent and consented")
	f.consentDate = f.entry("consent.date", "dd/mm/yyyy", false)
	f.scope = f.entry("consent.scope", usualConsentScope, false)
	f.recordSystem = f.entry("consent.recordSystem", "e.g. SystmOne, Liquidlogic, school records", false)
	f.recordReference = f.entry("consent.recordReference", "", false)
	consentForm := f.newForm()
	f.item(consentForm, "consent.givenBy", required("Consent given by"), "Under 16: the child if Gillick competent, else a parent. 16+ lacking capacity: a best-interests decision.", f.givenBy)
	f.item(consentForm, "consent.giverName", "Name of who gave it", "For a parent or a best-interests decision.", f.giverName)
	f.item(consentForm, "consent.gillickCompetent", "", "", f.gillick)
	f.item(consentForm, "consent.date", required("Date given"), "", f.consentDate)
	f.item(consentForm, "consent.scope", required("What it covers"), "The usual consent is filled in: change it if the consent covers less.", f.scope)
	f.item(consentForm, "consent.recordSystem", required("Documented in"), "Your own records: the system.", f.recordSystem)
	f.item(consentForm, "consent.recordReference", required("Reference there"), "", f.recordReference)

	// Concerns.
	f.concerns = widget.NewCheckGroup(concernLabels(), func([]string) { f.changed("concerns") })
	f.concernsOther = f.entry("concerns", "Any other concern", true)
	f.whatChanged = f.entry("whatChanged", "", true)
	f.whatTried = f.entry("whatTried", "", true)
	f.risks = f.entry("risks", "", true)
	concernForm := f.newForm()
	f.item(concernForm, "concerns", required("Concerns"), "Tick all that apply, or describe the concern.", container.NewVBox(f.concerns, wrapped(concernDetails()), f.wheel(f.concernsOther)))
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

	commForm := f.newForm()
	f.communicationItems(commForm)

	f.status = wrapped("Fields marked * are required. Your answers are saved as a draft as you type.")
	f.saved = widget.NewLabel("")
	f.saved.Importance = widget.LowImportance
	submit := widget.NewButton("Submit referral", f.Submit)
	submit.Importance = widget.HighImportance
	closeB := widget.NewButton("Close (keep draft)", f.closeKeepingDraft)

	body := container.NewVBox(
		widget.NewCard("Register and rating", "", container.NewGridWithColumns(2, regForm, criteria)),
		widget.NewCard("The person", "", container.NewVBox(personA, f.nhsReasonBox, personB, f.outOfAreaBox, personC)),
		widget.NewCard("You, the referrer", "Health, social care or education professionals", refForm),
		widget.NewCard("Consent", "You gained consent and documented it in your own records", consentForm),
		widget.NewCard("Concerns", "", concernForm),
		widget.NewCard("Hospital", "", container.NewVBox(f.inpatient, f.inpatientBox)),
		widget.NewCard("More details (optional)", "", optForm),
		widget.NewCard("Formats and interpreters (optional)", "What the person and their family need to take part", commForm),
	)
	f.scroll = container.NewVScroll(container.NewPadded(body))
	// The status keeps a fixed height (it scrolls when long), so the form
	// under it never moves as it changes.
	status := container.NewVScroll(f.status)
	status.SetMinSize(fyne.NewSize(0, 2*widget.NewLabel("").MinSize().Height))
	top := container.NewVBox(heading("New referral to the Dynamic Support Pathway"), status)
	bottom := container.NewBorder(nil, nil, f.saved, container.NewHBox(closeB, submit))
	f.content = container.NewBorder(top, container.NewPadded(bottom), nil, nil, f.scroll)
	f.inpatient.OnChanged = func(bool) { f.changed("isInpatient") }
}

// changed runs after a choice (a tick, a list, a radio button): it
// re-checks the form, shows messages for the fields already touched,
// updates the guidance, and saves the draft soon.
func (f *ReferralForm) changed(key string) {
	if f.loading {
		return
	}
	f.touched[key] = true
	f.refresh()
	f.scheduleSave()
}

// edited runs as text is typed: like changed, but a field's message waits
// until the field has been left once (no "date not valid" after its first
// digit).
func (f *ReferralForm) edited() {
	if f.loading {
		return
	}
	f.refresh()
	f.scheduleSave()
}

// left runs when the cursor leaves a text field: its message shows from now on.
func (f *ReferralForm) left(key string) {
	if f.loading || f.touched[key] {
		return
	}
	f.touched[key] = true
	f.refresh()
}

// ratingChosen fills in the usual register for the rating (Red: ROAR;
// Amber, Green: DSR) when none is chosen yet.
func (f *ReferralForm) ratingChosen() {
	if !f.loading && f.register.Selected == "" {
		if i := indexOf(names(app.Ratings), f.rating.Selected); i >= 0 && app.Ratings[i] != app.Blue {
			f.register.SetSelected(app.RegisterFor(app.Ratings[i], 0).String())
		}
	}
	f.changed("indicativeRating")
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
		setReservedProblem(l, want[key])
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
	if l, ok := f.errs[key]; ok && l.Text != "" {
		return l.Text
	}
	return f.hintOf[key]
}

// Status is the message at the top of the form (for tests).
func (f *ReferralForm) Status() string { return f.status.Text }

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
					setReservedProblem(l, p.Message)
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
	dialog.ShowCustomConfirm("Referral received", "Close the form", "Start another", dialogText(msg), func(closeForm bool) {
		f.win.Close()
		if !closeForm {
			NewReferralForm(fyne.CurrentApp(), f.svc, f.clock, app.Draft{}, f.onSubmitted)
		}
	}, f.win)
}
