package report

import (
	_ "embed" // the DejaVu Sans fonts below
)

// DejaVu Sans 2.37 from Debian's fonts-dejavu-core (Bitstream Vera licence,
// DejaVu changes in the public domain: fonts/LICENSE-DejaVu.txt). The PDF
// core fonts are cp1252 only; these cover the Latin, Greek and Cyrillic
// letters of people's names (Zoë, Łukasz, Σοφία, Ольга).
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// fontFamily is the name the documents register the embedded fonts under.
const fontFamily = "DejaVuSans"
