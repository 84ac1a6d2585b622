package app

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCleanText(t *testing.T) {
	cases := []struct {
		name, in  string
		multiLine bool
		want      string
	}{
		{"plain text is kept as typed", "Jo Smith-Évans", false, "Jo Smith-Évans"},
		{"a NUL is removed", "Jo\x00 Smith", false, "Jo Smith"},
		{"a terminal escape loses its control character", "Jo\x1b[31m Smith", false, "Jo[31m Smith"},
		{"a right-to-left override is removed", "invoice\u202Efdp.exe", false, "invoicefdp.exe"},
		{"bidi isolates are removed", "a\u2066b\u2069c", false, "abc"},
		{"invalid UTF-8 is removed", "Jo\xff\xfe Smith", false, "Jo Smith"},
		{"a line break in one-line text becomes a space", "Jo\nSmith", false, "Jo Smith"},
		{"line breaks and tabs stay in multi-line text", "one\n\ttwo", true, "one\n\ttwo"},
		{"Windows line ends become line breaks", "one\r\ntwo\rthree", true, "one\ntwo\nthree"},
		{"C1 controls are removed", "a\u0085b\u009bc", true, "abc"},
		{"Welsh, Polish and Arabic letters are kept", "Siân Łukasz محمد", false, "Siân Łukasz محمد"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CleanText(c.in, c.multiLine); got != c.want {
				t.Errorf("CleanText(%q, %v) = %q, want %q", c.in, c.multiLine, got, c.want)
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	cases := []struct {
		name, value string
		kind        TextKind
		want        string // part of the message, "" for none
	}{
		{"a name of 100 characters is accepted", strings.Repeat("a", 100), NameText, ""},
		{"a name of 101 characters is refused, saying the limit", strings.Repeat("a", 101), NameText, "Keep the name to 100 characters (it has 101)."},
		{"a 1 MB name is refused", strings.Repeat("a", 1<<20), NameText, "to 100 characters"},
		{"characters are counted, not bytes", strings.Repeat("é", 100), NameText, ""},
		{"free text of 2000 characters is accepted", strings.Repeat("a", 2000), ParagraphText, ""},
		{"free text of 2001 characters is refused", strings.Repeat("a", 2001), ParagraphText, "to 2000 characters"},
		{"meeting notes of 6000 characters are accepted", strings.Repeat("a", 6000), NotesText, ""},
		{"meeting notes of 6001 characters are refused", strings.Repeat("a", 6001), NotesText, "to 6000 characters"},
		{"a NUL is refused", "a\x00b", NameText, "hidden control"},
		{"a bidi override is refused", "a\u202Eb", ParagraphText, "hidden control"},
		{"invalid UTF-8 is refused", "a\xffb", ParagraphText, "hidden control"},
		{"a line break is refused in one-line text", "a\nb", LineText, "hidden control"},
		{"a line break is accepted in free text", "a\nb", ParagraphText, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p Problems
			p.checkText("name", "name", c.value, c.kind)
			got := p.For("name")
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("problem = %q, want one containing %q", got, c.want)
			}
		})
	}
}

// overLong is longer than any text limit.
var overLong = strings.Repeat("x", 7000)

// notTyped are string fields a person does not type (the app fills them in
// or they have their own format check).
var notTyped = map[string]bool{"RecordedBy": true, "By": true, "DecidedBy": true, "NHSNumber": true}

// limitProblems counts the problems that say a text is too long.
func limitProblems(p Problems) int {
	n := 0
	for _, q := range p {
		if strings.HasPrefix(q.Message, "Keep the ") {
			n++
		}
	}
	return n
}

// eachString calls fn with every settable string field inside v (a pointer),
// in nested structs and in the first element of slices.
func eachString(v reflect.Value, path string, fn func(path string, f reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer:
		eachString(v.Elem(), path, fn)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() && !notTyped[f.Name] {
				eachString(v.Field(i), path+"."+f.Name, fn)
			}
		}
	case reflect.Slice:
		if v.Len() > 0 {
			eachString(v.Index(0), path+"[0]", fn)
		}
	case reflect.String:
		fn(path, v)
	}
}

func TestEveryTextFieldHasALimit(t *testing.T) {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	records := []struct {
		name     string
		value    any // a pointer
		validate func() Problems
	}{}
	add := func(name string, ptr any, validate func() Problems) {
		records = append(records, struct {
			name     string
			value    any
			validate func() Problems
		}{name, ptr, validate})
	}
	ref := aReferral()
	ref.Person.Contacts = []Contact{{Name: "Pat"}}
	add("referral", &ref, func() Problems { return ref.Validate(today) })
	act := Action{}
	add("action", &act, func() Problems { return act.Validate() })
	gap := Gap{}
	add("gap", &gap, func() Problems { return gap.Validate(today) })
	meeting := Meeting{Invitees: []Invitee{{}}, Agenda: []AgendaItem{{}}}
	add("meeting", &meeting, func() Problems { return meeting.Validate() })
	set := DefaultSettings()
	set.AgendaTemplate = []AgendaItem{{Title: "Welcome"}}
	add("settings", &set, func() Problems { return set.Validate() })
	adm := Admission{}
	add("admission", &adm, func() Problems { return adm.Validate(today) })
	reg := Registration{}
	add("registration", &reg, func() Problems { return reg.Validate() })
	change := RatingChange{}
	add("rating change", &change, func() Problems { return change.Validate() })
	consent := ConsentEvent{}
	add("consent", &consent, func() Problems { return consent.Validate(time.Time{}, today) })

	for _, r := range records {
		eachString(reflect.ValueOf(r.value), r.name, func(path string, f reflect.Value) {
			if strings.HasSuffix(path, ".AgendaItem.ID") {
				return
			}
			t.Run("an over-long "+path+" is refused", func(t *testing.T) {
				old := f.String()
				before := limitProblems(r.validate())
				f.SetString(overLong)
				defer f.SetString(old)
				if after := limitProblems(r.validate()); after != before+1 {
					t.Errorf("%d problems about length, want %d", after, before+1)
				}
			})
		})
	}
}
