package forms

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestFitSize(t *testing.T) {
	defer func(saved fyne.Size) { screenArea = saved }(screenArea)
	tests := []struct {
		name       string
		area, want fyne.Size
		asked      fyne.Size
	}{
		{"an unknown screen keeps the size asked for", fyne.Size{}, fyne.NewSize(900, 760), fyne.NewSize(900, 760)},
		{"a 1366x768 laptop with a taskbar keeps the title bar and buttons on screen", fyne.NewSize(1366, 728), fyne.NewSize(900, 688), fyne.NewSize(900, 760)},
		{"a 1024x640 screen shrinks both ways", fyne.NewSize(1024, 640), fyne.NewSize(1008, 600), fyne.NewSize(1280, 800)},
		{"a large screen keeps the size asked for", fyne.NewSize(1920, 1040), fyne.NewSize(900, 760), fyne.NewSize(900, 760)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			screenArea = tt.area
			if got := fitSize(tt.asked); got != tt.want {
				t.Errorf("fitSize(%v) on %v = %v, want %v", tt.asked, tt.area, got, tt.want)
			}
		})
	}
}

func TestRegisterColumnsMostImportantFirst(t *testing.T) {
	// the first columns fit beside the sidebar of a 1024 px window
	want := []string{"Rating", "Name", "Next review", "Actions"}
	var width float32
	for i, title := range want {
		if registerColumns[i].title != title {
			t.Errorf("column %d is %q, want %q", i, registerColumns[i].title, title)
		}
		width += registerColumns[i].width
	}
	if width > 1024-150-40 {
		t.Errorf("the first four columns are %v wide: they do not fit a 1024 px window beside the sidebar", width)
	}
	seen := map[int]bool{}
	for _, c := range registerColumns {
		if seen[c.cell] {
			t.Errorf("column %q repeats cell %d", c.title, c.cell)
		}
		seen[c.cell] = true
	}
}
