// Package store holds the live flag set.
package store

import (
	"encoding/json"
	"sync"

	"github.com/acme/flags/internal/flagset"
)

// Store is the live flag set shared by all requests.
type Store struct {
	mu      sync.Mutex
	flags   map[string]*flagset.Flag
	version int
}

// New returns a store serving flags.
func New(flags map[string]*flagset.Flag) *Store { return &Store{flags: flags, version: 1} }

// Snapshot returns the version and JSON document of the whole flag set.
func (s *Store) Snapshot() (int, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, err := json.Marshal(s.flags)
	return s.version, doc, err
}

// Version returns the current version of the flag set.
func (s *Store) Version() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// Update applies fn to the flag key and bumps the version.
func (s *Store) Update(key string, fn func(*flagset.Flag)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.flags[key]
	if !ok {
		return false
	}
	fn(f)
	f.Version++
	s.version++
	return true
}
