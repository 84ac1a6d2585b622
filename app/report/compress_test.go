package report

import (
	"bytes"
	"testing"
)

// TestPagesCompressedAsGofpdfDoes renders documents with gofpdf's own
// compression and with compressPages: the bytes must be the same.
func TestPagesCompressedAsGofpdfDoes(t *testing.T) {
	docs := map[string]func(*bytes.Buffer) error{
		"an action plan":                    func(b *bytes.Buffer) error { return ActionPlan(b, planInput(t, 8)) },
		"an action plan at the text limits": func(b *bytes.Buffer) error { return ActionPlan(b, longestPlanInput(t, 10)) },
		"a family action plan":              func(b *bytes.Buffer) error { return FamilyActionPlan(b, planInput(t, 8)) },
	}
	for name, render := range docs {
		t.Run(name+" has the same bytes", func(t *testing.T) {
			var ours, theirs bytes.Buffer
			if err := render(&ours); err != nil {
				t.Fatal(err)
			}
			gofpdfCompresses = true
			defer func() { gofpdfCompresses = false }()
			if err := render(&theirs); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(ours.Bytes(), theirs.Bytes()) {
				t.Errorf("compressPages wrote %d bytes, gofpdf %d", ours.Len(), theirs.Len())
			}
		})
	}
	t.Run("a PDF not laid out as gofpdf writes it is refused", func(t *testing.T) {
		for _, raw := range []string{"", "%PDF-1.3\nstartxref\n5\n%%EOF\n", "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000099 00000 n \ntrailer\n<<>>\nstartxref\n30\n%%EOF\n"} {
			if _, err := compressPages([]byte(raw)); err == nil {
				t.Errorf("%q was accepted", raw)
			}
		}
	})
}
