package app

import (
	"errors"
	"testing"
)

func TestParseNHSNumber(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  NHSNumber
		err   error
	}{
		{"a valid number typed as ten digits is accepted", "9434765919", "9434765919", nil},
		{"a valid number typed 3-3-4 with spaces is accepted", "943 476 5919", "9434765919", nil},
		{"a valid number typed with hyphens is accepted", "943-476-5919", "9434765919", nil},
		{"surrounding and doubled spaces are ignored", "  401 0232  137 ", "4010232137", nil},
		{"another documented valid number is accepted", "6541003238", "6541003238", nil},
		{"a number from the 999 test range is accepted", "999 000 0018", "9990000018", nil},
		{"a number whose check digit is 0 (check value 11) is accepted", "9990000050", "9990000050", nil},
		{"a wrong check digit is refused", "9434765918", "", ErrNHSNumberChecksum},
		{"nine digits are refused", "943476591", "", ErrNHSNumberLength},
		{"eleven digits are refused", "94347659190", "", ErrNHSNumberLength},
		{"an empty string is refused", "", "", ErrNHSNumberLength},
		{"letters are refused", "943476591X", "", ErrNHSNumberChars},
		{"dots are refused", "943.476.5919", "", ErrNHSNumberChars},
		{"a number whose check value is 10 is refused whatever its last digit", "9990000000", "", ErrNHSNumberChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNHSNumber(tt.input)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("ParseNHSNumber(%q) error = %v, want %v", tt.input, err, tt.err)
				}
				if got != "" {
					t.Errorf("ParseNHSNumber(%q) = %q on error, want empty", tt.input, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseNHSNumber(%q) unexpected error %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("ParseNHSNumber(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

func TestParseNHSNumberRefusesEveryRepeatedDigitNumber(t *testing.T) {
	for d := '0'; d <= '9'; d++ {
		s := string([]rune{d, d, d, d, d, d, d, d, d, d})
		t.Run("ten "+string(d)+"s are refused", func(t *testing.T) {
			// given: the number passes the Modulus 11 checksum
			nine := []byte(s[:9])
			if c := checkDigit(nine); c != int(d-'0') {
				t.Fatalf("premise: check digit of %s = %d, want %c", s, c, d)
			}
			// when / then
			if _, err := ParseNHSNumber(s); !errors.Is(err, ErrNHSNumberRepeated) {
				t.Errorf("ParseNHSNumber(%s) error = %v, want ErrNHSNumberRepeated", s, err)
			}
		})
	}
}

func TestNHSNumberString(t *testing.T) {
	tests := []struct {
		name string
		n    NHSNumber
		want string
	}{
		{"a number is shown 3-3-4", "9434765919", "943 476 5919"},
		{"no number is shown as nothing", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.n.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNHSNumberIsTestRange(t *testing.T) {
	tests := []struct {
		name string
		n    NHSNumber
		want bool
	}{
		{"999 000 0018 is in the test range", "9990000018", true},
		{"943 476 5919 is not", "9434765919", false},
		{"no number is not", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.n.IsTestRange(); got != tt.want {
				t.Errorf("IsTestRange() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTestNHSNumber(t *testing.T) {
	t.Run("every number it gives is valid, in the test range and distinct", func(t *testing.T) {
		seen := map[NHSNumber]bool{}
		valid := 0
		for body := 0; body < 5000; body++ {
			n, ok := TestNHSNumber(body)
			if !ok {
				continue
			}
			valid++
			parsed, err := ParseNHSNumber(n.Digits())
			if err != nil || parsed != n {
				t.Fatalf("TestNHSNumber(%d) = %s does not parse: %v", body, n, err)
			}
			if !n.IsTestRange() || seen[n] {
				t.Fatalf("TestNHSNumber(%d) = %s: in range %v, seen before %v", body, n, n.IsTestRange(), seen[n])
			}
			seen[n] = true
		}
		if valid < 4400 || valid == 5000 {
			t.Errorf("%d of 5000 bodies gave a number; want about ten in eleven", valid)
		}
	})
	t.Run("body 1 gives the documented 999 000 0018", func(t *testing.T) {
		if n, ok := TestNHSNumber(1); !ok || n != "9990000018" {
			t.Errorf("TestNHSNumber(1) = %q, %v", n, ok)
		}
	})
	t.Run("bodies outside the range give nothing", func(t *testing.T) {
		for _, b := range []int{-1, 1_000_000} {
			if n, ok := TestNHSNumber(b); ok || n != "" {
				t.Errorf("TestNHSNumber(%d) = %q, %v", b, n, ok)
			}
		}
	})
}
