package app

import (
	"strings"
	"testing"
	"time"
)

// fields returns the field names of problems, in order.
func fields(p Problems) []string {
	out := make([]string, len(p))
	for i, q := range p {
		out[i] = q.Field
	}
	return out
}

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Person)
		field  string // "" means valid
		msg    string // part of the message
	}{
		{"a complete person is valid", func(*Person) {}, "", ""},
		{"a missing first name is reported", func(p *Person) { p.GivenName = " " }, "givenName", "first name"},
		{"a missing last name is reported", func(p *Person) { p.FamilyName = "" }, "familyName", "last name"},
		{"a missing date of birth is reported", func(p *Person) { p.DateOfBirth = time.Time{} }, "dateOfBirth", "Enter the date of birth"},
		{"a date of birth tomorrow is refused", func(p *Person) { p.DateOfBirth = Date(2026, 11, 23) }, "dateOfBirth", "future"},
		{"a date of birth today is allowed", func(p *Person) { p.DateOfBirth = Date(2026, 11, 22) }, "", ""},
		{"a date of birth 121 years ago is implausible", func(p *Person) { p.DateOfBirth = Date(1905, 1, 1) }, "dateOfBirth", "over 120"},
		{"an NHS number failing the checksum is refused", func(p *Person) { p.NHSNumber = "9434765918" }, "nhsNumber", "check digit"},
		{"no NHS number and no reason is refused", func(p *Person) { p.NHSNumber = "" }, "nhsNumber", "not known"},
		{"no NHS number with a reason is allowed", func(p *Person) {
			p.NHSNumber, p.NHSNumberUnknownReason = "", "Recently arrived; GP registration pending"
		}, "", ""},
		{"an NHS number and a reason it is unknown contradict", func(p *Person) { p.NHSNumberUnknownReason = "x" }, "nhsNumberUnknownReason", "empty"},
		{"a missing address is reported", func(p *Person) { p.Address = "" }, "address", "address"},
		{"a missing postcode is reported", func(p *Person) { p.Postcode = "" }, "postcode", "Enter the postcode"},
		{"a malformed postcode is refused", func(p *Person) { p.Postcode = "LE1" }, "postcode", "UK postcode"},
		{"a lower-case postcode without a space is accepted", func(p *Person) { p.Postcode = "pe96aa" }, "", ""},
		{"no local authority is refused", func(p *Person) { p.LocalAuthority = 0 }, "localAuthority", "local authority"},
		{"no diagnosis is refused", func(p *Person) { p.Diagnosis = 0 }, "diagnosis", "diagnosis"},
		{"a contact without a name is reported with its index", func(p *Person) {
			p.Contacts = []Contact{{Name: "Pat", Phone: "07700 900123"}, {Phone: "07700 900124"}}
		}, "contacts[1].name", "contact's name"},
		{"a contact with a bad email is reported", func(p *Person) {
			p.Contacts = []Contact{{Name: "Pat", Email: "pat@"}}
		}, "contacts[0].email", "email"},
		{"a contact with a bad phone is reported", func(p *Person) {
			p.Contacts = []Contact{{Name: "Pat", Phone: "12345"}}
		}, "contacts[0].phone", "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := aChild()
			tt.change(&p)
			got := p.Validate(today)
			if tt.field == "" {
				if len(got) != 0 {
					t.Fatalf("want valid, got %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Field != tt.field || !strings.Contains(got[0].Message, tt.msg) {
				t.Fatalf("want one problem on %s containing %q, got %+v", tt.field, tt.msg, got)
			}
		})
	}
}

func TestPersonNames(t *testing.T) {
	p := aChild()
	if got := p.FullName(); got != "Sam Testperson" {
		t.Errorf("FullName = %q", got)
	}
	if got := p.CalledName(); got != "Sammy" {
		t.Errorf("CalledName = %q, want the preferred name", got)
	}
	p.PreferredName = " "
	if got := p.CalledName(); got != "Sam" {
		t.Errorf("CalledName without a preferred name = %q, want the first name", got)
	}
}

func TestNormalisePostcode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"LE1 6AB", "LE1 6AB", true},
		{"le15 6ab", "LE15 6AB", true},
		{"PE96AA", "PE9 6AA", true},
		{" EC1A 1BB ", "EC1A 1BB", true},
		{"W1A 0AX", "W1A 0AX", true},
		{"M1 1AE", "M1 1AE", true},
		{"LE1", "", false},
		{"LE1 6A", "", false},
		{"123 456", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run("postcode "+strings.TrimSpace(tt.in)+" gives "+tt.want, func(t *testing.T) {
			got, ok := NormalisePostcode(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormalisePostcode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestValidEmailAndPhone(t *testing.T) {
	emails := []struct {
		in   string
		want bool
	}{
		{"jo.example@example.org", true},
		{"jo@nhs.net", true},
		{"jo@localhost", false},
		{"Jo <jo@example.org>", false},
		{"jo@example.org, pat@example.org", false},
		{"jo.example.org", false},
		{"", false},
	}
	for _, tt := range emails {
		t.Run("email "+tt.in, func(t *testing.T) {
			if got := ValidEmail(tt.in); got != tt.want {
				t.Errorf("ValidEmail(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	phones := []struct {
		in   string
		want bool
	}{
		{"0116 496 0000", true},
		{"07700 900123", true},
		{"(0116) 496-0000", true},
		{"+44 7700 900123", true},
		{"+44 07700 900123", false},
		{"+1 202 555 0100", false},
		{"12345", false},
		{"0116 496 0000 ext 2", false},
	}
	for _, tt := range phones {
		t.Run("phone "+tt.in, func(t *testing.T) {
			if got := ValidPhone(tt.in); got != tt.want {
				t.Errorf("ValidPhone(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidationError(t *testing.T) {
	var p Problems
	if p.Err() != nil {
		t.Fatal("no problems must give a nil error")
	}
	p.Add("a", "First %s.", "thing")
	p.Add("b", "Second.")
	p.Add("a", "Third.")
	err := p.Err()
	v, ok := AsValidation(err)
	if !ok {
		t.Fatalf("AsValidation(%v) failed", err)
	}
	if v.Field("a") != "First thing." || v.Field("c") != "" {
		t.Errorf("Field lookups wrong: %q %q", v.Field("a"), v.Field("c"))
	}
	if strings.Join(v.Fields(), ",") != "a,b" {
		t.Errorf("Fields = %v", v.Fields())
	}
	if err.Error() != "First thing. Second. Third." {
		t.Errorf("Error() = %q", err.Error())
	}
	if _, ok := AsValidation(ErrNotFound); ok {
		t.Error("ErrNotFound is not a validation error")
	}
}
