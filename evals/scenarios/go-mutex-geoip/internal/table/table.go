// Package table is the live IP range table.
package table

import (
	"sort"
	"sync"

	"github.com/acme/geoip/internal/ranges"
)

// Table resolves addresses and keeps hit statistics per country.
type Table struct {
	mu      sync.RWMutex
	ranges  []ranges.Range
	release string
	hits    map[string]int64
	misses  int64
}

// New returns a table serving rs.
func New(rs []ranges.Range, release string) *Table {
	return &Table{ranges: rs, release: release, hits: map[string]int64{}}
}

// Lookup returns the location of addr.
func (t *Table) Lookup(addr uint32) (ranges.Location, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := sort.Search(len(t.ranges), func(i int) bool { return t.ranges[i].Last >= addr })
	if i == len(t.ranges) || t.ranges[i].First > addr {
		t.misses++
		return ranges.Location{}, false
	}
	loc := t.ranges[i].Loc
	t.hits[loc.Country]++
	return loc, true
}

// Swap installs a new release.
func (t *Table) Swap(rs []ranges.Range, release string) {
	t.mu.Lock()
	t.ranges, t.release = rs, release
	t.mu.Unlock()
}

// Stats returns the hits per country and the misses.
func (t *Table) Stats() (map[string]int64, int64) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make(map[string]int64, len(t.hits))
	for k, v := range t.hits {
		out[k] = v
	}
	return out, t.misses
}
