package forms

import (
	"strings"

	"fyne.io/fyne/v2"
)

// Screen readers (release builds, see RELEASE_TAGS in the Makefile) read a
// window's widgets through fyne.Accessible. Fyne 2.8 reads the labels and
// buttons in plain containers and does not look inside a widget's own
// parts: each screen of DSP Desk (a widget) therefore describes itself,
// and so do the widgets drawn here (the rating badge, the register's rows).

var (
	_ fyne.Accessible = (*ratingBadge)(nil)
	_ fyne.Accessible = (*RegisterScreen)(nil)
	_ fyne.Accessible = (*registerTable)(nil)
	_ fyne.Accessible = (*PersonScreen)(nil)
	_ fyne.Accessible = (*TodayScreen)(nil)
	_ fyne.Accessible = (*TriageScreen)(nil)
)

// AccessibilityLabel reads the rating in words, not its colour.
func (b *ratingBadge) AccessibilityLabel() string {
	if !b.rating.Valid() {
		return "Not rated"
	}
	return "Rated " + b.rating.String() + ": " + b.rating.Meaning()
}

// AccessibilityRole is text.
func (b *ratingBadge) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel is the register's title, how many people it holds and
// how many are shown, and the row chosen.
func (s *RegisterScreen) AccessibilityLabel() string {
	parts := []string{s.register.Title() + " (" + s.register.String() + ")", s.summary.Text, s.shown.Text}
	if row := s.table.AccessibilityLabel(); row != "" {
		parts = append(parts, "Chosen: "+row)
	}
	return joinSentences(parts...)
}

// AccessibilityRole is text.
func (s *RegisterScreen) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel reads the chosen row, each column named:
// "Name: Demoford, Aisha; Rating: Amber; Next review: 29 Dec 2026; ...".
func (t *registerTable) AccessibilityLabel() string {
	s := t.screen
	if t.row < 0 || t.row >= len(s.visible) {
		return ""
	}
	r := &s.view.Rows[s.visible[t.row]]
	var cells []string
	for _, c := range registerColumns {
		text, _ := cellText(r, c.cell, s.clock.Now())
		if text != "" {
			cells = append(cells, c.title+": "+text)
		}
	}
	return strings.Join(cells, "; ")
}

// AccessibilityRole is text.
func (t *registerTable) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel is the person's name, rating and status line.
func (p *PersonScreen) AccessibilityLabel() string {
	return joinSentences(p.title.Text, p.badge.AccessibilityLabel(), p.status.Text)
}

// AccessibilityRole is text.
func (p *PersonScreen) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel is the day and what needs attention.
func (s *TodayScreen) AccessibilityLabel() string {
	return joinSentences("Today", s.day.Text, s.counts.Text)
}

// AccessibilityRole is text.
func (s *TodayScreen) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// AccessibilityLabel is how many referrals wait, and the one shown.
func (s *TriageScreen) AccessibilityLabel() string {
	shown := ""
	for _, w := range s.queue {
		if w.Referral.ID == s.selected {
			l := triageLineOf(w, s.clock.Now())
			shown = "Shown: " + l.name + ", " + l.about + ", " + l.waited + " waiting"
		}
	}
	return joinSentences("Triage", s.summary.Text, shown)
}

// AccessibilityRole is text.
func (s *TriageScreen) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// joinSentences joins the non-empty parts, each ending in a full stop.
func joinSentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, ":") {
			p += "."
		}
		out = append(out, p)
	}
	return strings.Join(out, " ")
}
