// Package csvrow scans the simple CSV dialect of seller uploads (no quoting) without copying.
package csvrow

import (
	"errors"
	"strings"
)

// ErrPrice is returned for a price that is not a decimal amount.
var ErrPrice = errors.New("csvrow: bad price")

// Lines calls fn with each non-empty line of body (without its line ending) until fn
// returns false.
func Lines(body string, fn func(line string) bool) {
	for len(body) > 0 {
		i := strings.IndexByte(body, '\n')
		line := body
		if i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		if !fn(line) {
			return
		}
	}
}

// Fields splits line at commas into dst (which must be large enough) and returns how many
// fields there were; the fields share line's memory.
func Fields(line string, dst []string) int {
	n := 0
	for n < len(dst) {
		i := strings.IndexByte(line, ',')
		if i < 0 {
			dst[n] = strings.TrimSpace(line)
			return n + 1
		}
		dst[n] = strings.TrimSpace(line[:i])
		line = line[i+1:]
		n++
	}
	return n
}

// Cents parses a decimal amount such as "12.5" or "1299.99" into cents.
func Cents(s string) (int64, error) {
	var whole, frac int64
	digits := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && digits < 0:
			digits = 0
		case c >= '0' && c <= '9' && digits < 0:
			whole = whole*10 + int64(c-'0')
		case c >= '0' && c <= '9' && digits < 2:
			frac = frac*10 + int64(c-'0')
			digits++
		default:
			return 0, ErrPrice
		}
	}
	if digits == 1 {
		frac *= 10
	}
	return whole*100 + frac, nil
}

// Int parses a non-negative decimal integer.
func Int(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}
