package app

import "strconv"

// Plural is a count with its noun, singular for exactly one: "1 action",
// "0 actions", "3 meetings". many is the plural form ("people" for
// "person"); when empty, one with an "s" added.
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	if many == "" {
		many = one + "s"
	}
	return strconv.Itoa(n) + " " + many
}
