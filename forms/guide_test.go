package forms

import (
	"strings"
	"testing"
)

func TestGuideText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"a picture is named in words", "See ![The DSR at 1024x640](images/small-dsr.png) here.", "See *(Picture: The DSR at 1024x640.)* here."},
		{"a link within the guide is plain text", "- [Install DSP Desk](#install-dsp-desk)", "- Install DSP Desk"},
		{"a link to a web page stays a link", "[NHS England](https://www.england.nhs.uk/)", "[NHS England](https://www.england.nhs.uk/)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guideText(tt.in); got != tt.want {
				t.Errorf("guideText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("the shortcuts listed follow the sidebar", func(t *testing.T) {
		help := shortcutHelp()
		for i, n := range navItems {
			if want := "Ctrl+" + string(rune('1'+i)) + "  " + n.title; !strings.Contains(help, want) {
				t.Errorf("the shortcuts do not list %q:\n%s", want, help)
			}
		}
	})
}
