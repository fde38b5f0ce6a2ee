// Package termstats keeps the support desk's corpus statistics: how often each
// term occurs and in how many tickets, from which the tagger's IDF weights are
// taken.
package termstats

import (
	"math"
	"sync"
	"sync/atomic"
)

// Stats is shared by every intake worker.
type Stats struct {
	mu   sync.Mutex
	docs int
	tf   map[string]int // occurrences of the term in all tickets
	df   map[string]int // tickets containing the term

	idf atomic.Value // map[string]float64, replaced by Refresh
}

// New returns empty statistics.
func New() *Stats {
	s := &Stats{tf: make(map[string]int), df: make(map[string]int)}
	s.idf.Store(map[string]float64{})
	return s
}

// AddDocument folds one ticket's terms into the statistics.
func (s *Stats) AddDocument(terms []string) {
	s.mu.Lock()
	s.docs++
	s.mu.Unlock()
	seen := make(map[string]bool, len(terms))
	for _, t := range terms {
		s.mu.Lock()
		s.tf[t]++
		if !seen[t] {
			s.df[t]++
			seen[t] = true
		}
		s.mu.Unlock()
	}
}

// Refresh recomputes the IDF snapshot the tagger reads without locking.
func (s *Stats) Refresh() int {
	s.mu.Lock()
	idf := make(map[string]float64, len(s.df))
	n := float64(s.docs)
	for t, df := range s.df {
		idf[t] = math.Log(1 + n/float64(df))
	}
	s.mu.Unlock()
	s.idf.Store(idf)
	return len(idf)
}

// IDF returns the inverse document frequency of term from the last snapshot;
// unseen terms get the weight of a term seen once.
func (s *Stats) IDF(term string) float64 {
	idf := s.idf.Load().(map[string]float64)
	if w, ok := idf[term]; ok {
		return w
	}
	return 5
}

// Docs is the number of tickets seen.
func (s *Stats) Docs() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs
}
