package demo

import (
	"fmt"
	"strings"

	"dspdesk/app"
)

// SampleRegisterCSV is a synthetic team register as a CSV file, for the
// import window's screenshots and the user guide. It is kept the way teams
// keep theirs: a title row, headings spelt their own way, dates as typed,
// NHS numbers from the test range, and a few rows the import refuses (a
// mistyped NHS number, an unknown area and rating, a birth in the future)
// or recognises (one person typed twice).
func SampleRegisterCSV() string {
	var b strings.Builder
	b.WriteString("Dynamic Support Register: team copy (synthetic sample)\n\n")
	b.WriteString("Surname,Forename,D.O.B.,NHS No,LA,RAG,Register,Keyworker,Last MAM,Next review,Notes\n")
	given := []string{"Ava", "Ben", "Cara", "Dev", "Ella", "Finn", "Gia", "Hari", "Isla", "Jay", "Kit", "Lola"}
	family := []string{"Sample", "Example", "Testington", "Demo", "Placeholder", "Fictional"}
	for i := range 36 {
		nhs, _ := app.TestNHSNumber(950_000 + i)
		rag := []string{"A", "G", "Green", "amber", "R", "B"}[i%6]
		reg := map[string]string{"A": "DSR", "G": "DSR", "Green": "dsr", "amber": "Dynamic Support Register", "R": "ROAR", "B": "DSR"}[rag]
		fmt.Fprintf(&b, "%s%d,%s,%02d/%02d/%d,%s,%s,%s,%s,Kim Keyworker,%d.%d.26,,\n", family[i%len(family)], i, given[i%len(given)],
			1+i%28, 1+i%12, 2004+i%16, nhs, []string{"Leicester", "Leicestershire", "Rutland", "Leicester City"}[i%4], rag, reg, 1+i%27, 1+i%10)
	}
	b.WriteString("Mistyped,Nia,03/04/2011,999 000 0019,Leicester,A,DSR,,,,check digit wrong\n")
	b.WriteString("Elsewhere,Omar,12/12/2009,,Nottingham,G,DSR,,,,Moved?\n")
	b.WriteString("Unrated,Pip,01/02/2013,,Rutland,Purple,DSR,,,,\n")
	b.WriteString("Future,Quinn,01/02/2030,,Rutland,G,DSR,,,,\n")
	again, _ := app.TestNHSNumber(950_000)
	fmt.Fprintf(&b, "Sample0,Ava,01/01/2004,%s,Leicester,A,DSR,,,,typed twice\n", again.Digits())
	return b.String()
}
