package importing

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dspdesk/app"
)

// Candidate is what one good row of the sheet says about a person.
type Candidate struct {
	Person     app.Person
	Register   app.Register
	Rating     app.Rating
	Keyworker  string
	LastMAM    time.Time
	NextReview time.Time
	Notes      string
	// Missing lists the details the row lacks that the record wants
	// (address, postcode, diagnosis): the person is stored as "details
	// incomplete".
	Missing []string
}

// DetailsIncomplete reports whether the person lacks details a referral
// would have collected.
func (c Candidate) DetailsIncomplete() bool { return len(c.Missing) > 0 }

// ParseRow reads one row through the mapping on today. It returns the
// candidate, or the reasons the row is refused, each a sentence a team
// member can act on in Excel.
func ParseRow(m Mapping, cells []string, today time.Time) (Candidate, []string) {
	get := func(f Field) string {
		i := m.Column(f)
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.Join(strings.Fields(app.CleanText(cells[i], false)), " ")
	}
	var c Candidate
	var why []string
	refuse := func(format string, a ...any) { why = append(why, fmt.Sprintf(format, a...)) }

	p := &c.Person
	p.GivenName, p.FamilyName = get(FieldGivenName), get(FieldFamilyName)
	if m.Column(FieldFullName) >= 0 {
		p.GivenName, p.FamilyName = SplitFullName(get(FieldFullName))
	}
	p.PreferredName = get(FieldPreferredName)
	switch {
	case p.GivenName == "" && p.FamilyName == "":
		refuse("No name.")
	case p.GivenName == "":
		refuse("No first name.")
	case p.FamilyName == "":
		refuse("No last name.")
	}
	why = append(why, c.readDateOfBirth(get(FieldDateOfBirth), today)...)
	if s := get(FieldNHSNumber); s != "" {
		n, err := app.ParseNHSNumber(s)
		switch {
		case errors.Is(err, app.ErrNHSNumberChecksum):
			refuse("The NHS number's check digit does not match: check it for a typing error.")
		case err != nil:
			refuse("The NHS number is not valid: %s", app.Sentence(err))
		}
		p.NHSNumber = n
	} else {
		p.NHSNumberUnknownReason = "Not on the imported register"
	}
	why = append(why, c.readRegisterAndRating(get(FieldRegister), get(FieldRating))...)
	why = append(why, c.readPlace(get(FieldLocalAuthority), get(FieldAddress), get(FieldPostcode))...)
	if d, ok := ParseDiagnosis(get(FieldDiagnosis)); ok {
		p.Diagnosis = d
	} else {
		refuse("The diagnosis %q is not understood: use LD, autism, or both (or leave it blank).", get(FieldDiagnosis))
	}
	if p.Diagnosis == app.DiagnosisNotRecorded {
		c.Missing = append(c.Missing, "diagnosis")
	}
	p.GP, c.Keyworker, c.Notes = get(FieldGP), get(FieldKeyworker), get(FieldNotes)
	var err error
	if c.LastMAM, err = ParseDate(get(FieldLastMAM), today.Year()); err != nil {
		refuse("The last MAM date %q is not understood: write it as day/month/year.", get(FieldLastMAM))
	} else if c.LastMAM.After(app.DateOf(today)) {
		refuse("The last MAM date is in the future.")
	}
	if c.NextReview, err = ParseDate(get(FieldNextReview), today.Year()+50); err != nil {
		refuse("The next review date %q is not understood: write it as day/month/year.", get(FieldNextReview))
	}
	for _, pr := range p.TextProblems() {
		refuse("%s", pr.Message)
	}
	for _, t := range []struct {
		label, value string
		kind         app.TextKind
	}{{"keyworker", c.Keyworker, app.NameText}, {"notes", c.Notes, app.ParagraphText}} {
		if msg := app.CheckText(t.label, t.value, t.kind); msg != "" {
			refuse("%s", msg)
		}
	}
	if len(why) > 0 {
		return Candidate{}, why
	}
	return c, nil
}

func (c *Candidate) readDateOfBirth(s string, today time.Time) []string {
	if s == "" {
		return []string{"No date of birth."}
	}
	dob, err := ParseDate(s, today.Year())
	if err != nil {
		return []string{"The date of birth is not understood: write it as day/month/year, for example 03/04/2012."}
	}
	if pr := app.ValidateDateOfBirth("dateOfBirth", dob, today); len(pr) > 0 {
		return []string{pr[0].Message}
	}
	c.Person.DateOfBirth = dob
	return nil
}

func (c *Candidate) readRegisterAndRating(reg, rating string) []string {
	var why []string
	switch r, ok := ParseRegister(reg); {
	case reg == "":
		why = append(why, "No register: write DSR or ROAR.")
	case !ok:
		why = append(why, fmt.Sprintf("The register %q is not understood: write DSR or ROAR.", reg))
	default:
		c.Register = r
	}
	switch r, ok := ParseRating(rating); {
	case rating == "":
		why = append(why, "No rating: write R, A, G or B.")
	case !ok:
		why = append(why, fmt.Sprintf("The rating %q is not understood: write R, A, G or B (or Red, Amber, Green, Blue).", rating))
	default:
		c.Rating = r
	}
	return why
}

func (c *Candidate) readPlace(area, address, postcode string) []string {
	var why []string
	p := &c.Person
	switch la, ok := ParseLocalAuthority(area); {
	case area == "":
		why = append(why, "No local authority: write Leicester City, Leicestershire, Rutland or Out of area.")
	case !ok:
		why = append(why, fmt.Sprintf("The local authority %q is not known: write Leicester City, Leicestershire, Rutland or Out of area.", area))
	default:
		p.LocalAuthority = la
	}
	p.Address = address
	if address == "" {
		c.Missing = append(c.Missing, "address")
	}
	if postcode == "" {
		c.Missing = append(c.Missing, "postcode")
	} else if pc, ok := app.NormalisePostcode(postcode); ok {
		p.Postcode = pc
	} else {
		why = append(why, "The postcode is not a UK postcode: write it like LE1 6AB, or leave it blank.")
	}
	return why
}

// Blank reports whether every cell of a row is empty.
func Blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
