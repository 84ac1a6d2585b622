package forms

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dspdesk/app"
)

// gapRows is a WorkSource over fixed gaps.
type gapRows struct {
	workRows
	gaps []app.GapRow
}

func (f *gapRows) Gaps(context.Context) ([]app.GapRow, error) { return f.gaps, nil }

func TestGapReportSaysWhatFewGapsShow(t *testing.T) {
	RunInForeground()
	a := test.NewTempApp(t)
	w := a.NewWindow("Gaps")
	w.Resize(fyne.NewSize(1024, 640))
	t.Cleanup(w.Close)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, app.ServiceLocation)
	src := &gapRows{gaps: []app.GapRow{{Gap: app.Gap{ID: 1, Date: app.Date(2026, 5, 1)}}, {Gap: app.Gap{ID: 2, Date: app.Date(2026, 9, 1)}}}}
	s := NewGapsScreen(src, &fakeFollowUp{}, app.FixedClock(now), w, nil, nil)
	w.SetContent(s)
	s.Reload()

	s.showReport(nil)
	if text := triageDialogText(t, w); !strings.Contains(text, "2 gaps in service were raised in this range. With fewer than 5 the report shows no counts") {
		t.Fatalf("the report does not say why it will show no counts:\n%s", text)
	}
	from := triageInput[*widget.Entry](t, w, "From")
	from.SetText("01/06/2026")
	if text := triageDialogText(t, w); !strings.Contains(text, "1 gap in service was raised in this range.") {
		t.Errorf("the note does not follow the range:\n%s", text)
	}
}
