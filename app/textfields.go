package app

import (
	"strconv"

	"dspdesk/app/calendar"
)

// textField is one text field of a record: the name Problems use, the
// words a message uses, its value and its kind (which textLimits bounds).
type textField struct {
	field, label, value string
	kind                TextKind
}

// checkTexts checks each field with checkText.
func (p *Problems) checkTexts(fs ...textField) {
	for _, f := range fs {
		p.checkText(f.field, f.label, f.value, f.kind)
	}
}

// The text fields of each record, with their kinds: every string a person
// types is here, so every one has a limit.

func (p Person) texts() []textField {
	return []textField{
		{"givenName", "first name", p.GivenName, NameText},
		{"familyName", "last name", p.FamilyName, NameText},
		{"preferredName", "preferred name", p.PreferredName, NameText},
		{"nhsNumberUnknownReason", "reason the NHS number is not known", p.NHSNumberUnknownReason, LineText},
		{"address", "address", p.Address, AddressText},
		{"postcode", "postcode", p.Postcode, NameText},
		{"communicationNeeds", "communication needs", p.CommunicationNeeds, ParagraphText},
		{"gp", "GP", p.GP, LineText},
	}
}

func (c Communication) texts() []textField {
	return []textField{
		{"communication.interpreter", "interpreter's language", c.Interpreter, NameText},
		{"communication.familyInterpreter", "family's interpreter language", c.FamilyInterpreter, NameText},
		{"communication.contactThrough", "other contact", c.ContactThrough, LineText},
	}
}

func (c Contact) texts() []textField {
	return []textField{
		{"name", "contact's name", c.Name, NameText},
		{"relationship", "relationship", c.Relationship, LineText},
		{"phone", "phone number", c.Phone, LineText},
		{"email", "email address", c.Email, LineText},
		{"preferredContact", "preferred contact", c.PreferredContact, LineText},
	}
}

func (r Referrer) texts() []textField {
	return []textField{
		{"name", "referrer's name", r.Name, NameText},
		{"role", "referrer's role", r.Role, LineText},
		{"organisation", "referrer's organisation", r.Organisation, LineText},
		{"phone", "referrer's phone number", r.Phone, LineText},
		{"email", "referrer's email address", r.Email, LineText},
	}
}

func (r Referral) texts() []textField {
	return []textField{
		{"concernsOther", "other concerns", r.ConcernsOther, ParagraphText},
		{"whatChanged", "what has changed", r.WhatChanged, ParagraphText},
		{"whatTried", "what has been tried", r.WhatTried, ParagraphText},
		{"risks", "risks", r.Risks, ParagraphText},
		{"educationSetting", "education setting", r.EducationSetting, LineText},
		{"professionalsInvolved", "professionals involved", r.ProfessionalsInvolved, ParagraphText},
		{"legalStatus", "legal status", r.LegalStatus, LineText},
		{"inpatient.hospital", "hospital", r.Inpatient.Hospital, LineText},
		{"outOfArea.commissioner", "commissioner", r.OutOfArea.Commissioner, LineText},
		{"declineReason", "reason", r.DeclineReason, ParagraphText},
	}
}

func (c ConsentEvent) texts() []textField {
	return []textField{
		{"giverName", "name of who gave consent", c.GiverName, NameText},
		{"scope", "scope of the consent", c.Scope, ParagraphText},
		{"recordSystem", "record system", c.RecordSystem, LineText},
		{"recordReference", "record reference", c.RecordReference, LineText},
		{"reason", "reason", c.Reason, ParagraphText},
	}
}

func (a Action) texts() []textField {
	return []textField{
		{"description", "action", a.Description, ParagraphText},
		{"desiredOutcome", "desired outcome", a.DesiredOutcome, ParagraphText},
		{"owner", "owner", a.Owner, NameText},
		{"agency", "agency", a.Agency, LineText},
		{"statusReason", "reason", a.StatusReason, ParagraphText},
	}
}

func (g Gap) texts() []textField {
	return []textField{
		{"raisedBy", "name of who raised it", g.RaisedBy, NameText},
		{"description", "description", g.Description, ParagraphText},
		{"impact", "impact", g.Impact, ParagraphText},
		{"whatTried", "what was tried", g.WhatTried, ParagraphText},
		{"escalatedTo", "name of who it was escalated to", g.EscalatedTo, LineText},
		{"response", "response", g.Response, ParagraphText},
	}
}

func (i Invitee) texts() []textField {
	return []textField{
		{"name", "invitee's name", i.Name, NameText},
		{"role", "invitee's role", i.Role, LineText},
		{"agency", "invitee's agency", i.Agency, LineText},
		{"email", "invitee's email address", i.Email, LineText},
		{"phone", "invitee's phone number", i.Phone, LineText},
	}
}

func (m Meeting) texts() []textField {
	fs := []textField{
		{"place", "place", m.Place, LineText},
		{"videoLink", "video link", m.VideoLink, PathText},
		{"organiserName", "organiser's name", m.OrganiserName, NameText},
		{"chair", "chair's name", m.Chair, NameText},
		{"notes", "notes", m.Notes, NotesText},
	}
	for i, it := range m.Agenda {
		k := "agenda[" + strconv.Itoa(i) + "]"
		fs = append(fs, textField{k, "agenda item", it.Title, LineText},
			textField{k, "family wording of an agenda item", it.FamilyText, ParagraphText},
			textField{k, "notes of an agenda item", it.Notes, NotesText})
	}
	return fs
}

func (s Settings) texts() []textField {
	fs := []textField{
		{"displayName", "display name", s.DisplayName, NameText},
		{"backupFolder", "backup folder", s.BackupFolder, PathText},
		{"teamPhone", "team phone", s.TeamPhone, LineText},
		{"teamEmail", "team email", s.TeamEmail, LineText},
		{"teamName", "team name", s.TeamName, LineText},
	}
	for _, it := range s.AgendaTemplate {
		fs = append(fs, textField{"agendaTemplate", "agenda item", it.Title, LineText},
			textField{"agendaTemplate", "family wording of an agenda item", it.FamilyText, ParagraphText},
			textField{"agendaTemplate", "notes of an agenda item", it.Notes, ParagraphText})
	}
	return fs
}

func (a Admission) texts() []textField {
	return []textField{{"hospital", "hospital", a.Hospital, LineText}}
}

func (r Registration) texts() []textField {
	return []textField{{"closeNote", "reason", r.CloseNote, ParagraphText}}
}

func (c RatingChange) texts() []textField {
	return []textField{{"reason", "reason", c.Reason, ParagraphText}}
}

// cleanExceptions is a copy of the holiday exceptions with their names and
// notes cleaned as typed text is (CleanText).
func cleanExceptions(ex []calendar.Exception) []calendar.Exception {
	out := make([]calendar.Exception, len(ex))
	for i, e := range ex {
		e.Name, e.Note = CleanText(e.Name, false), CleanText(e.Note, true)
		out[i] = e
	}
	return out
}

// holidayProblems checks the names and notes of holiday exceptions.
func holidayProblems(ex []calendar.Exception) Problems {
	var p Problems
	for _, e := range ex {
		p.checkTexts(textField{"exceptions", "bank holiday's name", e.Name, LineText},
			textField{"exceptions", "note of a bank holiday change", e.Note, ParagraphText})
	}
	return p
}

// TextProblems are the problems of the person's text fields alone (their
// limits and hidden characters), for what brings people in without the
// referral form: an import.
func (p Person) TextProblems() Problems {
	var pr Problems
	pr.checkTexts(p.texts()...)
	pr.checkTexts(p.Communication.texts()...)
	return pr
}

// CheckText is the message about one text value of kind k ("" when it
// fits): too long, or holding hidden control or text-direction characters.
func CheckText(label, value string, k TextKind) string {
	var pr Problems
	pr.checkText("", label, value, k)
	return pr.For("")
}
