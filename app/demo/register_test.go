package demo

import (
	"regexp"
	"strings"
	"testing"

	"dspdesk/app"
)

func TestSampleRegisterUsesOnlyTheTestRange(t *testing.T) {
	csv := SampleRegisterCSV()
	numbers := regexp.MustCompile(`\b\d{3} ?\d{3} ?\d{4}\b`).FindAllString(csv, -1)
	if len(numbers) < 30 {
		t.Fatalf("only %d NHS numbers in the sample", len(numbers))
	}
	for _, n := range numbers {
		if !strings.HasPrefix(strings.ReplaceAll(n, " ", ""), "999") {
			t.Errorf("%s is outside the test range 999 000 0000 - 999 999 9999", n)
		}
	}
	if _, err := app.ParseNHSNumber("999 000 0019"); err == nil || !strings.Contains(csv, "999 000 0019") {
		t.Error("the sample's mistyped NHS number is valid, or missing")
	}
}
