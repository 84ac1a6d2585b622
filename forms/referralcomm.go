package forms

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// The referral form's communication needs (the Accessible Information
// Standard): the format of documents and an interpreter for the person and
// for the family, and another contact to go through. The family agenda and
// action plan start in the family's format; the MAM's invitation list says
// who needs an interpreter.

// communicationItems adds the fields to the person's part of the form.
func (f *ReferralForm) communicationItems(form *widget.Form) {
	formats := names(app.DocumentFormats)
	f.format = f.sel("person.communication.format", formats)
	f.familyFormat = f.sel("person.communication.familyFormat", formats)
	f.interpreter = f.entry("person.communication.interpreter", "Language, e.g. British Sign Language; empty: none", false)
	f.familyInterpreter = f.entry("person.communication.familyInterpreter", "Language, e.g. Polish; empty: none", false)
	f.contactThrough = f.entry("person.communication.contactThrough", "e.g. their advocate, with a phone number", false)
	f.item(form, "person.communication.format", "Documents for the person", "", f.format)
	f.item(form, "person.communication.interpreter", "Interpreter for the person", "", f.interpreter)
	f.item(form, "person.communication.familyFormat", "Documents for the family", "The family agenda and action plan start in this format.", f.familyFormat)
	f.item(form, "person.communication.familyInterpreter", "Interpreter for the family", "The MAM's invitation list shows it.", f.familyInterpreter)
	f.item(form, "person.communication.contactThrough", "Contact through", "Another person to contact them through, if any.", f.contactThrough)
}

// loadCommunication fills the fields from a draft.
func (f *ReferralForm) loadCommunication(c app.Communication) {
	if c.Format.Valid() {
		f.format.SetSelected(c.Format.String())
	}
	if c.FamilyFormat.Valid() {
		f.familyFormat.SetSelected(c.FamilyFormat.String())
	}
	f.interpreter.SetText(c.Interpreter)
	f.familyInterpreter.SetText(c.FamilyInterpreter)
	f.contactThrough.SetText(c.ContactThrough)
}

// collectCommunication reads the fields.
func (f *ReferralForm) collectCommunication() app.Communication {
	c := app.Communication{Interpreter: strings.TrimSpace(f.interpreter.Text),
		FamilyInterpreter: strings.TrimSpace(f.familyInterpreter.Text), ContactThrough: strings.TrimSpace(f.contactThrough.Text)}
	if i := f.format.SelectedIndex(); i >= 0 {
		c.Format = app.DocumentFormats[i]
	}
	if i := f.familyFormat.SelectedIndex(); i >= 0 {
		c.FamilyFormat = app.DocumentFormats[i]
	}
	return c
}

// recordReader reads a person's record (the services behind the meeting
// window do).
type recordReader interface {
	PersonRecord(ctx ctxT, personID int64) (app.PersonRecord, error)
}

// familyFormatOf is the format recorded for the family's documents, which
// the family agenda starts in (standard print when it cannot be read).
func familyFormatOf(svc any, personID int64) app.DocumentFormat {
	if rr, ok := svc.(recordReader); ok {
		if rec, err := rr.PersonRecord(ctx(), personID); err == nil {
			return rec.Person.Communication.FamilyFormat
		}
	}
	return app.FormatStandard
}

// CommunicationService records a person's and family's communication needs.
type CommunicationService interface {
	RecordCommunication(ctx ctxT, personID int64, version int, c app.Communication) (app.Person, error)
}

// ShowRecordCommunication edits a person's communication needs (formats,
// interpreters, another contact) from their record.
func ShowRecordCommunication(win fyne.Window, svc CommunicationService, p app.Person, done func()) {
	formats := names(app.DocumentFormats)
	format, familyFormat := widget.NewSelect(formats, nil), widget.NewSelect(formats, nil)
	format.SetSelectedIndex(max(0, int(p.Communication.Format)))
	familyFormat.SetSelectedIndex(max(0, int(p.Communication.FamilyFormat)))
	entry := func(text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	interpreter := entry(p.Communication.Interpreter, "Language; empty: none")
	familyInterpreter := entry(p.Communication.FamilyInterpreter, "Language; empty: none")
	through := entry(p.Communication.ContactThrough, "e.g. their advocate, with a phone number")
	showFormDialog(win, "Formats and interpreters for "+p.CalledName(), "Save", []field{
		{key: "communication.format", label: "Documents for the person", widget: format},
		{key: "communication.interpreter", label: "Interpreter for the person", widget: interpreter},
		{key: "communication.familyFormat", label: "Documents for the family", widget: familyFormat,
			hint: "The family agenda and action plan are made in this format."},
		{key: "communication.familyInterpreter", label: "Interpreter for the family", widget: familyInterpreter,
			hint: "The MAM's invitation list shows it."},
		{key: "communication.contactThrough", label: "Contact through", widget: through},
	}, func() (func(), error) {
		c := app.Communication{Interpreter: interpreter.Text, FamilyInterpreter: familyInterpreter.Text, ContactThrough: through.Text}
		c.Format, c.FamilyFormat = app.DocumentFormats[max(0, format.SelectedIndex())], app.DocumentFormats[max(0, familyFormat.SelectedIndex())]
		if _, err := svc.RecordCommunication(ctx(), p.ID, p.Version, c); err != nil {
			return nil, err
		}
		return done, nil
	})
}
