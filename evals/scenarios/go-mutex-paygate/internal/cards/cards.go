// Package cards validates card numbers and finds their scheme.
package cards

import (
	"errors"
	"strings"
)

// ErrInvalid is returned for numbers that fail the Luhn check or are the wrong length.
var ErrInvalid = errors.New("cards: invalid card number")

// Card is a validated card.
type Card struct {
	Number string
	Scheme string
	BIN    string
	Last4  string
}

// Luhn reports whether the digits pass the Luhn checksum.
func Luhn(number string) bool {
	sum := 0
	double := false
	for i := len(number) - 1; i >= 0; i-- {
		d := int(number[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Scheme names the card scheme from the leading digits.
func Scheme(number string) string {
	switch {
	case strings.HasPrefix(number, "4"):
		return "visa"
	case strings.HasPrefix(number, "5"):
		return "mastercard"
	case strings.HasPrefix(number, "34"), strings.HasPrefix(number, "37"):
		return "amex"
	case strings.HasPrefix(number, "6"):
		return "discover"
	}
	return "other"
}

// Parse validates the number.
func Parse(number string) (Card, error) {
	number = strings.ReplaceAll(number, " ", "")
	if len(number) < 13 || len(number) > 19 || !Luhn(number) {
		return Card{}, ErrInvalid
	}
	return Card{Number: number, Scheme: Scheme(number), BIN: number[:6], Last4: number[len(number)-4:]}, nil
}

// WithCheckDigit appends the Luhn check digit to the partial number.
func WithCheckDigit(partial string) string {
	for d := byte('0'); d <= '9'; d++ {
		if Luhn(partial + string(d)) {
			return partial + string(d)
		}
	}
	return partial + "0"
}
