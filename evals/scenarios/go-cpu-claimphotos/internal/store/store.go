// Package store keeps the uploaded photos (in memory for local runs).
package store

import (
	"sync"
	"time"
)

// Photo is one stored upload.
type Photo struct {
	ID       string
	Claim    string
	Kind     string
	MIME     string
	Size     int
	CRC32C   uint32
	Uploaded time.Time
}

// Store is the photo store of one instance.
type Store struct {
	mu      sync.Mutex
	byClaim map[string][]Photo
	seen    map[uint32]string // checksum -> photo id, to spot re-uploads
	bytes   int64
}

// New returns an empty store.
func New() *Store {
	return &Store{byClaim: make(map[string][]Photo), seen: make(map[uint32]string)}
}

// Count returns how many photos the claim has.
func (s *Store) Count(claim string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byClaim[claim])
}

// Put stores a photo; it returns the existing id when the same bytes were stored before.
func (s *Store) Put(p Photo, data []byte) (id string, duplicate bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.seen[p.CRC32C]; ok {
		return prev, true
	}
	s.seen[p.CRC32C] = p.ID
	list := s.byClaim[p.Claim]
	if len(list) >= 40 { // the local store keeps the newest photos of a claim
		list = list[1:]
	}
	s.byClaim[p.Claim] = append(list, p)
	s.bytes += int64(len(data))
	return p.ID, false
}

// Stats returns the number of claims with photos and the bytes stored.
func (s *Store) Stats() (claims int, bytes int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byClaim), s.bytes
}
