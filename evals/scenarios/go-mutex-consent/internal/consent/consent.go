// Package consent stores users' consent choices.
package consent

import (
	"sync"
	"time"

	"github.com/acme/consent/internal/journal"
)

// Purposes a user can consent to.
var Purposes = []string{"marketing_email", "analytics_cookies", "partner_sharing", "personalised_ads"}

// Store holds the current choices and journals every change.
type Store struct {
	mu      sync.RWMutex
	choices map[string]map[string]bool
	journal *journal.Journal
}

// New returns an empty store journaling to j.
func New(j *journal.Journal) *Store {
	return &Store{choices: make(map[string]map[string]bool), journal: j}
}

// Set records a user's choice for a purpose.
func (s *Store) Set(user, purpose string, granted bool, source string) error {
	if _, err := s.journal.Append(user, purpose, granted, source, time.Now()); err != nil {
		return err
	}
	s.mu.Lock()
	m := s.choices[user]
	if m == nil {
		m = make(map[string]bool)
		s.choices[user] = m
	}
	m[purpose] = granted
	s.mu.Unlock()
	return nil
}

// Allowed reports whether the user granted the purpose.
func (s *Store) Allowed(user, purpose string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.choices[user][purpose]
}
