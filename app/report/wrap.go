package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wrap splits text into lines no wider than w in the current font: at
// spaces where it can, inside a word only when the word alone is too wide.
// Line breaks in the text are kept; it returns at least one line.
func (d *doc) wrap(text string, w float64) []string {
	// Widths are summed in the font's units, as gofpdf measures a string,
	// so each word is measured once and a line is never measured again.
	fits := d.fitsIn(w)
	space := d.pdf.GetStringSymbolWidth(" ")
	var out []string
	for _, para := range strings.Split(clean(text), "\n") {
		line, lineW := "", 0
		for _, word := range strings.Fields(para) {
			wordW := d.pdf.GetStringSymbolWidth(word)
			candW := wordW
			if line != "" {
				candW = lineW + space + wordW
			}
			if fits(candW) {
				if line != "" {
					line += " " + word
				} else {
					line = word
				}
				lineW = candW
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			for !fits(wordW) {
				n, nW := d.fit(word, fits)
				out = append(out, word[:n])
				word, wordW = word[n:], wordW-nW
			}
			line, lineW = word, wordW
		}
		out = append(out, line)
	}
	for len(out) > 1 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// fitsIn tells whether a width in the current font's units (as
// GetStringSymbolWidth sums them) fits in w millimetres, computed as
// gofpdf's GetStringWidth computes it.
func (d *doc) fitsIn(w float64) func(units int) bool {
	_, size := d.pdf.GetFontSize()
	return func(units int) bool { return float64(units)*size/1000 <= w }
}

// fit returns how many bytes of a word too wide for its line go on one
// line, and their width in font units: up to the last slash that fits (a
// link), else the last hyphen or similar break (a double-barrelled name),
// else as many whole runes as fit (at least one).
func (d *doc) fit(word string, fits func(units int) bool) (int, int) {
	n, slash, brk := 0, 0, 0
	units, slashW, brkW := 0, 0, 0
	for i, r := range word {
		end := i + utf8.RuneLen(r)
		u := units + d.pdf.GetStringSymbolWidth(word[i:end])
		if n > 0 && !fits(u) {
			break
		}
		n, units = end, u
		if end == len(word) {
			break
		}
		switch {
		case r == '/':
			slash, slashW = end, units
		case strings.ContainsRune(breakAfter, r):
			brk, brkW = end, units
		}
	}
	switch {
	case slash > 0:
		return slash, slashW
	case brk > 0:
		return brk, brkW
	}
	return n, units
}

// breakAfter are the characters after which a word too long for its line
// is broken when it has no slash to break after.
const breakAfter = "-.?&=_"

// clean makes text safe to draw: Windows line ends and tabs become plain
// ones, control and invisible format characters go, and characters outside
// the Basic Multilingual Plane (which the font tables cannot index) become
// U+FFFD.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case r == utf8.RuneError || r > 0xFFFF:
			return '\uFFFD'
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}
