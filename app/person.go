package app

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// LocalAuthority is the council area a person lives in. It is recorded as
// given, never derived from the postcode (Rutland spans LE15 and PE9).
type LocalAuthority int

// Local authorities of Leicester, Leicestershire and Rutland, and out of area.
const (
	LeicesterCity LocalAuthority = iota + 1
	Leicestershire
	Rutland
	OutOfArea
)

// LocalAuthorities lists every local authority in form order.
var LocalAuthorities = []LocalAuthority{LeicesterCity, Leicestershire, Rutland, OutOfArea}

func (a LocalAuthority) String() string {
	switch a {
	case LeicesterCity:
		return "Leicester City"
	case Leicestershire:
		return "Leicestershire"
	case Rutland:
		return "Rutland"
	case OutOfArea:
		return "Out of area"
	}
	return ""
}

// Valid reports whether a is one of the four choices.
func (a LocalAuthority) Valid() bool { return a >= LeicesterCity && a <= OutOfArea }

// Diagnosis is the reason a person is on the pathway.
type Diagnosis int

// Diagnoses the pathway covers.
const (
	LearningDisability Diagnosis = iota + 1
	Autism
	LearningDisabilityAndAutism
	// DiagnosisNotRecorded is stored for a person brought in from a team's
	// old register that had no diagnosis column: a referral or an edit must
	// still choose one of the three (Valid is false), and counts show it
	// as its own line.
	DiagnosisNotRecorded
)

// Diagnoses lists every diagnosis in form order.
var Diagnoses = []Diagnosis{LearningDisability, Autism, LearningDisabilityAndAutism}

// StoredDiagnoses lists every value a stored person may have, not recorded
// last: counts and reports go through it so that no one is left uncounted.
var StoredDiagnoses = []Diagnosis{LearningDisability, Autism, LearningDisabilityAndAutism, DiagnosisNotRecorded}

func (d Diagnosis) String() string {
	switch d {
	case LearningDisability:
		return "Learning disability"
	case Autism:
		return "Autism"
	case LearningDisabilityAndAutism:
		return "Learning disability and autism"
	case DiagnosisNotRecorded:
		return "Not recorded"
	}
	return ""
}

// Valid reports whether d is one of the three choices.
func (d Diagnosis) Valid() bool { return d >= LearningDisability && d <= LearningDisabilityAndAutism }

// Contact is a family member, carer or other person to contact.
type Contact struct {
	Name                   string
	Relationship           string // e.g. "Mother", "Foster carer"
	Phone                  string
	Email                  string
	PreferredContact       string // e.g. "Phone after 4pm", "Text first"
	ParentalResponsibility bool
}

// Validate checks a contact: a name, and a phone or email that looks right.
func (c Contact) Validate() Problems {
	var p Problems
	p.checkTexts(c.texts()...)
	if strings.TrimSpace(c.Name) == "" {
		p.Add("name", "Enter the contact's name.")
	}
	if c.Phone != "" && !ValidPhone(c.Phone) {
		p.Add("phone", "Enter a UK phone number, for example 0116 295 0000 or 07700 900123.")
	}
	if c.Email != "" && !ValidEmail(c.Email) {
		p.Add("email", "Enter an email address like name@example.org.")
	}
	return p
}

// Person is someone referred to the pathway.
type Person struct {
	ID            int64
	GivenName     string
	FamilyName    string
	PreferredName string // what they like to be called; the family agenda uses it
	DateOfBirth   time.Time
	// NHSNumber is empty when not known; NHSNumberUnknownReason then says why.
	NHSNumber              NHSNumber
	NHSNumberUnknownReason string
	Address                string
	Postcode               string
	LocalAuthority         LocalAuthority
	Diagnosis              Diagnosis
	// CommunicationNeeds covers communication needs and reasonable adjustments;
	// they shape the family agenda (easy read, large print, interpreter...).
	CommunicationNeeds string
	// Communication is the format, interpreter and contact the person and
	// their family need (the Accessible Information Standard).
	Communication Communication
	GP            string
	Contacts      []Contact
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Version is the stored version this copy was read at; saving an older
	// version is refused as a conflict (ConflictError).
	Version int
}

// FullName is the given and family names.
func (p Person) FullName() string {
	return strings.TrimSpace(strings.TrimSpace(p.GivenName) + " " + strings.TrimSpace(p.FamilyName))
}

// CalledName is the preferred name, or the given name when none is set.
func (p Person) CalledName() string {
	if s := strings.TrimSpace(p.PreferredName); s != "" {
		return s
	}
	return strings.TrimSpace(p.GivenName)
}

// MaxAge is the oldest plausible age for a date of birth.
const MaxAge = 120

// Validate checks the person's mandatory fields on the given day.
// Field names: givenName, familyName, dateOfBirth, nhsNumber,
// nhsNumberUnknownReason, address, postcode, localAuthority, diagnosis,
// contacts[i].*.
func (p Person) Validate(today time.Time) Problems {
	var pr Problems
	pr.checkTexts(p.texts()...)
	if strings.TrimSpace(p.GivenName) == "" {
		pr.Add("givenName", "Enter the person's first name.")
	}
	if strings.TrimSpace(p.FamilyName) == "" {
		pr.Add("familyName", "Enter the person's last name.")
	}
	pr = append(pr, ValidateDateOfBirth("dateOfBirth", p.DateOfBirth, today)...)
	switch {
	case p.NHSNumber != "":
		if _, err := ParseNHSNumber(string(p.NHSNumber)); err != nil {
			pr.Add("nhsNumber", "%s", Sentence(err))
		}
		if strings.TrimSpace(p.NHSNumberUnknownReason) != "" {
			pr.Add("nhsNumberUnknownReason", "Leave the reason empty when the NHS number is given.")
		}
	case strings.TrimSpace(p.NHSNumberUnknownReason) == "":
		pr.Add("nhsNumber", "Enter the NHS number, or tick \"not known\" and say why.")
	}
	if strings.TrimSpace(p.Address) == "" {
		pr.Add("address", "Enter the person's address.")
	}
	if strings.TrimSpace(p.Postcode) == "" {
		pr.Add("postcode", "Enter the postcode.")
	} else if _, ok := NormalisePostcode(p.Postcode); !ok {
		pr.Add("postcode", "Enter a UK postcode, for example LE1 6AB.")
	}
	if !p.LocalAuthority.Valid() {
		pr.Add("localAuthority", "Choose the local authority: Leicester City, Leicestershire, Rutland or Out of area.")
	}
	if !p.Diagnosis.Valid() {
		pr.Add("diagnosis", "Choose the diagnosis: learning disability, autism, or both.")
	}
	for i, c := range p.Contacts {
		pr.Merge(indexed("contacts", i), c.Validate())
	}
	pr = append(pr, p.Communication.Validate()...)
	return pr
}

// ValidateDateOfBirth checks that dob is set, not in the future and plausible.
func ValidateDateOfBirth(field string, dob, today time.Time) Problems {
	var pr Problems
	switch {
	case dob.IsZero():
		pr.Add(field, "Enter the date of birth.")
	case DateOf(dob).After(DateOf(today)):
		pr.Add(field, "The date of birth cannot be in the future.")
	case AgeOn(dob, today) > MaxAge:
		pr.Add(field, "The date of birth makes the person over %d: check the year.", MaxAge)
	}
	return pr
}

func indexed(name string, i int) string {
	return name + "[" + strconv.Itoa(i) + "]"
}

var postcodeRE = regexp.MustCompile(`^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$`)

// NormalisePostcode upper-cases a UK postcode and puts one space before the
// last three characters ("le15 6ab" -> "LE15 6AB"). ok is false when it does
// not have the shape of a UK postcode.
func NormalisePostcode(s string) (string, bool) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !postcodeRE.MatchString(compact) {
		return "", false
	}
	return compact[:len(compact)-3] + " " + compact[len(compact)-3:], true
}

// ValidEmail reports whether s looks like a single email address with a
// domain that has a dot.
func ValidEmail(s string) bool {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// ValidPhone reports whether s looks like a UK phone number: 10 or 11 digits
// starting with 0, or +44 followed by 9 or 10 digits; spaces, hyphens and
// brackets are allowed.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(s)
	var digits []byte
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	d := string(digits)
	if strings.HasPrefix(s, "+") {
		return strings.HasPrefix(d, "44") && (len(d) == 11 || len(d) == 12) && d[2] != '0'
	}
	return strings.HasPrefix(d, "0") && (len(d) == 10 || len(d) == 11)
}
