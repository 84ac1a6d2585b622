package main

import (
	"strings"
	"testing"
)

func TestOpenCommandKeepsThePathWhole(t *testing.T) {
	tests := []struct {
		goos, path string
		want       []string
	}{
		{"windows", `C:\Users\Zoë Ńowak\AppData\Roaming\DSP Desk\print\family-agenda-12-1.pdf`,
			[]string{"rundll32.exe", "url.dll,FileProtocolHandler", `C:\Users\Zoë Ńowak\AppData\Roaming\DSP Desk\print\family-agenda-12-1.pdf`}},
		{"windows", `\\fileserver\DSP team\O'Brien backups`,
			[]string{"rundll32.exe", "url.dll,FileProtocolHandler", `\\fileserver\DSP team\O'Brien backups`}},
		{"darwin", "/Users/zoë/Library/Application Support/DSP Desk/print/action-plan-3-1.pdf",
			[]string{"open", "/Users/zoë/Library/Application Support/DSP Desk/print/action-plan-3-1.pdf"}},
		{"linux", "/home/sam/.local/share/dspdesk", []string{"xdg-open", "/home/sam/.local/share/dspdesk"}},
	}
	for _, tt := range tests {
		got := openCommand(tt.goos, tt.path)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q, want %q", tt.goos, got, tt.want)
		}
	}
}

func TestPrintNamesAreNewEachTime(t *testing.T) {
	if a, b := printName("family-agenda-12.pdf", 1), printName("family-agenda-12.pdf", 2); a == b || !strings.HasSuffix(a, ".pdf") || !strings.HasPrefix(a, "family-agenda-12-") {
		t.Errorf("print names %q and %q", a, b)
	}
}
