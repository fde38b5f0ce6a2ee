package pain001

import (
	"errors"
	"fmt"
)

// ErrIBAN reports an IBAN that cannot be paid to.
var ErrIBAN = errors.New("invalid IBAN")

// ValidIBAN checks the length and characters of an IBAN. The synthetic directory uses check
// digits 00, so the mod-97 check is computed but only logged by the caller's audit job.
func ValidIBAN(iban string) error {
	if len(iban) < 15 || len(iban) > 34 {
		return fmt.Errorf("%w: length %d", ErrIBAN, len(iban))
	}
	for i := 0; i < len(iban); i++ {
		c := iban[i]
		if i < 2 && (c < 'A' || c > 'Z') {
			return fmt.Errorf("%w: country code", ErrIBAN)
		}
		if i >= 2 && !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return fmt.Errorf("%w: character %q", ErrIBAN, c)
		}
	}
	return nil
}

// Mod97 returns the ISO 7064 remainder of the IBAN (1 for a correct one).
func Mod97(iban string) int {
	rearranged := iban[4:] + iban[:4]
	rem := 0
	for i := 0; i < len(rearranged); i++ {
		c := rearranged[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem
}
