// Package ranges defines IPv4 ranges and their locations.
package ranges

import (
	"fmt"
	"math/rand"
	"sort"
)

// Location is where a range is.
type Location struct {
	Country string
	City    string
	ASN     uint32
}

// Range is an inclusive IPv4 range.
type Range struct {
	First, Last uint32
	Loc         Location
}

var countries = []string{"DE", "FR", "NL", "US", "GB", "PL", "IT", "ES", "SE", "JP"}

// Synthetic returns n sorted, non-overlapping ranges.
func Synthetic(n int, seed int64) []Range {
	r := rand.New(rand.NewSource(seed))
	starts := make([]uint32, n)
	for i := range starts {
		starts[i] = r.Uint32()
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	out := make([]Range, 0, n)
	for i, s := range starts {
		last := s + uint32(r.Intn(4096))
		if i+1 < n && last >= starts[i+1] {
			last = starts[i+1] - 1
		}
		c := countries[r.Intn(len(countries))]
		out = append(out, Range{First: s, Last: last, Loc: Location{Country: c, City: fmt.Sprintf("%s-city-%d", c, r.Intn(300)), ASN: uint32(64512 + r.Intn(1000))}})
	}
	return out
}
