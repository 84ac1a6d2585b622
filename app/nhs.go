package app

import (
	"errors"
	"strings"
)

// NHSNumber is a validated 10-digit NHS number. The zero value means "none".
type NHSNumber string

// NHS number parse errors. Sentence(err) gives the message a form shows.
var (
	ErrNHSNumberLength   = errors.New("an NHS number has 10 digits")
	ErrNHSNumberChars    = errors.New("an NHS number may contain only digits, spaces and hyphens")
	ErrNHSNumberChecksum = errors.New("this is not a valid NHS number: the check digit does not match, so check it for a typing error")
	ErrNHSNumberRepeated = errors.New("an NHS number cannot be the same digit ten times")
)

// Sentence turns an error message into a sentence for a user: a capital
// first letter and a full stop.
func Sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// ParseNHSNumber accepts an NHS number typed with or without spaces and
// hyphens (for example "943 476 5919" or "943-476-5919") and checks it with
// the Modulus 11 algorithm. The ten numbers made of one repeated digit pass
// the checksum but are never issued, so they are refused too.
func ParseNHSNumber(s string) (NHSNumber, error) {
	var digits [10]byte
	n := 0
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			if n == len(digits) {
				return "", ErrNHSNumberLength
			}
			digits[n] = byte(r)
			n++
		case r == ' ' || r == '-' || r == '\u00a0':
		default:
			return "", ErrNHSNumberChars
		}
	}
	if n != len(digits) {
		return "", ErrNHSNumberLength
	}
	repeated := true
	for _, d := range digits[1:] {
		if d != digits[0] {
			repeated = false
			break
		}
	}
	if repeated {
		return "", ErrNHSNumberRepeated
	}
	if checkDigit(digits[:9]) != int(digits[9]-'0') {
		return "", ErrNHSNumberChecksum
	}
	return NHSNumber(digits[:]), nil
}

// checkDigit returns the Modulus 11 check digit of nine ASCII digits, or -1
// when the remainder makes the number invalid (check value 10).
func checkDigit(nine []byte) int {
	sum := 0
	for i, d := range nine {
		sum += int(d-'0') * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		return 0
	case 10:
		return -1
	}
	return check
}

// String formats the number 3-3-4 with spaces: "943 476 5919".
func (n NHSNumber) String() string {
	if len(n) != 10 {
		return string(n)
	}
	return string(n[:3]) + " " + string(n[3:6]) + " " + string(n[6:])
}

// Digits returns the ten digits with no spaces, as stored.
func (n NHSNumber) Digits() string { return string(n) }

// IsZero reports whether no number is set.
func (n NHSNumber) IsZero() bool { return n == "" }

// IsTestRange reports whether the number is in 999 000 0000 - 999 999 9999,
// the range the NHS never issues and which all demo and test data uses.
func (n NHSNumber) IsTestRange() bool {
	return len(n) == 10 && strings.HasPrefix(string(n), "999")
}

// TestNHSNumber returns the NHS number "999" + the six digits of body + its
// check digit, from the range the NHS never issues, for demo and test data.
// ok is false when body is outside 0-999999 or its check digit would be 10
// (about one body in eleven): callers skip to the next body.
func TestNHSNumber(body int) (n NHSNumber, ok bool) {
	if body < 0 || body > 999_999 {
		return "", false
	}
	nine := []byte("999000000")
	for i := 8; i >= 3 && body > 0; i-- {
		nine[i] = byte('0' + body%10)
		body /= 10
	}
	c := checkDigit(nine)
	if c < 0 {
		return "", false
	}
	return NHSNumber(string(nine) + string(rune('0'+c))), true
}
