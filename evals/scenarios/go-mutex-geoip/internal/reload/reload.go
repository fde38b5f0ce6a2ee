// Package reload produces database releases.
package reload

import (
	"fmt"

	"github.com/acme/geoip/internal/ranges"
)

// Release builds release number n of the range database.
func Release(n, size int) ([]ranges.Range, string) {
	return ranges.Synthetic(size, int64(n)), fmt.Sprintf("2026.01.%02d", n)
}
