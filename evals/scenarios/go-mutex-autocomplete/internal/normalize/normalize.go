// Package normalize turns typed text into the form the index is keyed by.
package normalize

import (
	"strings"
	"unicode"
)

// Query lower-cases q, trims it and collapses runs of spaces.
func Query(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	space := false
	for _, r := range strings.TrimSpace(q) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
