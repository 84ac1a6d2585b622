package app

import (
	"strings"
	"testing"
)

func TestGapReportNote(t *testing.T) {
	gaps := []Gap{{Date: Date(2026, 4, 1)}, {Date: Date(2026, 6, 30)}, {Date: Date(2026, 7, 1)}, {Date: Date(2025, 12, 31)}}
	t.Run("the gaps raised on the first and last days of the range count", func(t *testing.T) {
		if n := GapsRaisedBetween(gaps, Date(2026, 4, 1), Date(2026, 6, 30)); n != 2 {
			t.Errorf("GapsRaisedBetween = %d, want 2", n)
		}
	})
	tests := []struct {
		name string
		n    int
		want string
	}{
		{"no gaps says the report shows no counts", 0, "No gaps in service were raised"},
		{"one gap is singular and explains why nothing is counted", 1, "1 gap in service was raised in this range. With fewer than 5"},
		{"four gaps explain why nothing is counted", 4, "could identify someone"},
		{"five gaps need no explanation", 5, "5 gaps in service were raised in this range."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GapReportNote(tt.n)
			if !strings.Contains(got, tt.want) {
				t.Errorf("GapReportNote(%d) = %q, want it to contain %q", tt.n, got, tt.want)
			}
			if tt.n >= SmallCount && strings.Contains(got, "fewer than 5") {
				t.Errorf("GapReportNote(%d) explains a suppression that does not happen: %q", tt.n, got)
			}
		})
	}
}
