// Package charset converts free text to the character set SEPA schemes accept.
//
// The EPC's "Latin character set" allows a-z, A-Z, 0-9, space and / - ? : ( ) . , ' +.
// Everything else must be transliterated or replaced before it goes into a payment file,
// or the bank rejects the whole file.
package charset

import (
	"strings"
	"unicode/utf8"
)

// transliterations maps characters outside the SEPA set to allowed replacements, in the order
// strings.NewReplacer expects (old, new, old, new, ...).
var transliterations = []string{
	"Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"À", "A", "Á", "A", "Â", "A", "Ã", "A", "Å", "A", "Æ", "AE", "Ç", "C",
	"È", "E", "É", "E", "Ê", "E", "Ë", "E", "Ì", "I", "Í", "I", "Î", "I", "Ï", "I",
	"Ñ", "N", "Ò", "O", "Ó", "O", "Ô", "O", "Õ", "O", "Ø", "O", "Ù", "U", "Ú", "U", "Û", "U",
	"Ý", "Y", "à", "a", "á", "a", "â", "a", "ã", "a", "å", "a", "æ", "ae", "ç", "c",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ì", "i", "í", "i", "î", "i", "ï", "i",
	"ñ", "n", "ò", "o", "ó", "o", "ô", "o", "õ", "o", "ø", "o", "ù", "u", "ú", "u", "û", "u",
	"ý", "y", "ÿ", "y", "Č", "C", "č", "c", "Ć", "C", "ć", "c", "Đ", "D", "đ", "d",
	"Ł", "L", "ł", "l", "Ń", "N", "ń", "n", "Ř", "R", "ř", "r", "Š", "S", "š", "s",
	"Ś", "S", "ś", "s", "Ž", "Z", "ž", "z", "Ź", "Z", "ź", "z", "Ż", "Z", "ż", "z",
	"Ő", "O", "ő", "o", "Ű", "U", "ű", "u", "Ğ", "G", "ğ", "g", "İ", "I", "ı", "i", "Ş", "S", "ş", "s",
	"&", "+", "@", "(at)", "_", "-", "#", "", "\"", "'", ";", ",", "!", ".", "*", "", "%", "",
	"€", "EUR", "–", "-", "—", "-", "‘", "'", "’", "'", "“", "'", "”", "'", "…", "...",
	"\t", " ", "\n", " ", "\r", " ",
}

// Field length limits of pain.001.001.03.
const (
	MaxName       = 70
	MaxAddress    = 70
	MaxRemittance = 140
	MaxReference  = 35
)

// Sanitize returns s in the SEPA character set, with runs of spaces collapsed and cut to max
// characters.
func Sanitize(s string, max int) string {
	r := strings.NewReplacer(transliterations...)
	out := r.Replace(s)
	out = dropOthers(out)
	out = strings.Join(strings.Fields(out), " ")
	return Truncate(out, max)
}

// dropOthers removes whatever is still outside the allowed set (characters the table does
// not know, e.g. CJK names entered in an HR system).
func dropOthers(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if !allowed(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if c < utf8.RuneSelf && allowed(byte(c)) {
			b.WriteByte(byte(c))
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func allowed(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte(" /-?:().,'+", c) >= 0
}

// Truncate cuts s to at most max characters (the limits count characters, not bytes).
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return strings.TrimRight(s[:i], " ")
		}
		n++
	}
	return s
}
