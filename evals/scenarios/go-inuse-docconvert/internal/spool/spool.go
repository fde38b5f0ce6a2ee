// Package spool keeps rendered results until their caller fetches them.
package spool

import (
	"hash/crc32"
	"sync"
)

// Spool stands in for the on-disk result spool: it keeps each result's size and checksum.
type Spool struct {
	mu      sync.Mutex
	results map[uint64]entry
	Removed int
}

type entry struct {
	size int
	sum  uint32
}

// New returns an empty spool.
func New() *Spool { return &Spool{results: map[uint64]entry{}} }

// Put spools the result of request id.
func (s *Spool) Put(id uint64, out []byte) {
	s.mu.Lock()
	s.results[id] = entry{size: len(out), sum: crc32.ChecksumIEEE(out)}
	s.mu.Unlock()
}

// Fetch hands the result of request id to its caller and removes it.
func (s *Spool) Fetch(id uint64) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.results[id]
	delete(s.results, id)
	return e.size, ok
}

// Discard removes a partial result (a conversion interrupted by a shutdown).
func (s *Spool) Discard(id uint64) {
	s.mu.Lock()
	if _, ok := s.results[id]; ok {
		delete(s.results, id)
		s.Removed++
	}
	s.mu.Unlock()
}
