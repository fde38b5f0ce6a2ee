// Package suggest is the suggestion index: past queries by popularity, searchable by prefix.
package suggest

import (
	"sort"
	"strings"
	"sync"
)

type entry struct {
	query string
	count int64
}

// Index suggests past queries for a prefix.
type Index struct {
	mu     sync.RWMutex
	counts map[string]int64
	sorted []entry // every query, in lexical order, for prefix range scans
}

// New returns an index seeded with past query counts.
func New(counts map[string]int64) *Index {
	ix := &Index{counts: counts}
	ix.rebuild()
	return ix
}

// Suggest returns up to n queries starting with prefix, the most popular first.
func (ix *Index) Suggest(prefix string, n int) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.sorted[i].query >= prefix })
	var best []entry
	for ; i < len(ix.sorted) && strings.HasPrefix(ix.sorted[i].query, prefix); i++ {
		e := ix.sorted[i]
		if len(best) < n {
			best = append(best, e)
		} else if e.count > best[n-1].count {
			best[n-1] = e
		} else {
			continue
		}
		for j := len(best) - 1; j > 0 && best[j].count > best[j-1].count; j-- {
			best[j], best[j-1] = best[j-1], best[j]
		}
	}
	out := make([]string, len(best))
	for k, e := range best {
		out[k] = e.query
	}
	return out
}

// Learn counts one submitted search for query.
func (ix *Index) Learn(query string) {
	ix.mu.Lock()
	ix.counts[query]++
	ix.rebuild()
	ix.mu.Unlock()
}

// rebuild recomputes the sorted view from the counts.
func (ix *Index) rebuild() {
	sorted := make([]entry, 0, len(ix.counts))
	for q, c := range ix.counts {
		sorted = append(sorted, entry{q, c})
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].query < sorted[j].query })
	ix.sorted = sorted
}

// Len returns the number of distinct queries.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.sorted)
}
