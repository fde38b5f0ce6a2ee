// Package stock keeps the reservable stock per SKU.
package stock

import "sync"

// Store holds the stock levels.
type Store struct {
	mu     sync.Mutex
	onHand map[string]int
}

// NewStore returns a store where every SKU has plenty of stock.
func NewStore() *Store {
	return &Store{onHand: make(map[string]int)}
}

// Reserve takes qty of sku out of stock and reports whether it was available.
func (s *Store) Reserve(sku string, qty int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	left, ok := s.onHand[sku]
	if !ok {
		left = 1 << 30
	}
	if left < qty {
		return false
	}
	s.onHand[sku] = left - qty
	return true
}
