package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dspdesk/app"
)

// TestWriteSamples writes sample documents (synthetic people only) into the
// folder named by DSPDESK_REPORT_SAMPLES, to look at:
//
//	DSPDESK_REPORT_SAMPLES=/tmp/samples go test -tags migrated_fynedo -run TestWriteSamples ./app/report
//	pdftoppm -png -r 80 /tmp/samples/action-plan.pdf /tmp/samples/action-plan
//
// Without the variable it is skipped.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("DSPDESK_REPORT_SAMPLES")
	if dir == "" {
		t.Skip("set DSPDESK_REPORT_SAMPLES to a folder to write sample PDFs into")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	easy := familyInput(t)
	easy.EasyRead = true
	long := familyInput(t)
	long.Meeting = longAgenda(long.Meeting)
	videoOnly := familyInput(t)
	videoOnly.Meeting.Place = ""
	videoOnly.Meeting.Kind = app.ReviewMAM
	videoOnly.EasyRead = true
	tall := planInput(t, 6)
	tall.Actions[0].Description = longWords("word", 700)
	tall.Actions[1].Progress[1].Note = "Family said thanks 🙂 by text."
	tall.Actions[2].Owner = "Wolfeschlegelsteinhausenbergerdorff"
	tall.Actions[3].Description = "See https://intranet.example.org/dsp/policies/positive-behaviour-support/plan-template-v12.docx"
	small := planInput(t, 5)
	small.Meeting = app.Meeting{}
	small.ReviewDate = time.Time{}

	samples := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"family-agenda", func(b *bytes.Buffer) error { return FamilyAgenda(b, familyInput(t)) }},
		{"family-agenda-easy-read", func(b *bytes.Buffer) error { return FamilyAgenda(b, easy) }},
		{"family-agenda-long", func(b *bytes.Buffer) error { return FamilyAgenda(b, long) }},
		{"family-agenda-video-easy-read", func(b *bytes.Buffer) error { return FamilyAgenda(b, videoOnly) }},
		{"action-plan", func(b *bytes.Buffer) error { return ActionPlan(b, planInput(t, 40)) }},
		{"action-plan-tall-row", func(b *bytes.Buffer) error { return ActionPlan(b, tall) }},
		{"action-plan-small", func(b *bytes.Buffer) error { return ActionPlan(b, small) }},
		{"family-action-plan", func(b *bytes.Buffer) error { return FamilyActionPlan(b, planInput(t, 40)) }},
		{"family-action-plan-tall-row", func(b *bytes.Buffer) error { return FamilyActionPlan(b, tall) }},
		{"family-action-plan-small", func(b *bytes.Buffer) error { return FamilyActionPlan(b, small) }},
	}
	for _, s := range samples {
		var b bytes.Buffer
		if err := s.render(&b); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
