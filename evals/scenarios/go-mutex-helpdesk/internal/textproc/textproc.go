// Package textproc turns ticket text into terms.
package textproc

import (
	"strings"
	"unicode"
)

var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be but by for from has have hi hello i if in
		is it its me my no not of on or our please so that the their them then there this to
		was we were what when which will with you your thanks thank regards`) {
		stop[w] = true
	}
}

// Tokenize lower-cases text, splits it into words and drops stop words and
// very short tokens; each remaining word is reduced by Stem.
func Tokenize(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.ToLower(w)
		if len(w) < 3 || stop[w] {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// Stem strips the commonest English suffixes ("refunded" -> "refund").
func Stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
