// Package orders keeps the orders released to the floor this shift and
// serves their pick sheets to the handhelds.
package orders

import (
	"errors"
	"sync"
	"time"
)

// Status is where an order is on the floor.
type Status int

const (
	Released Status = iota
	Picking
	Packed
	Cancelled
)

// Line is one SKU of an order.
type Line struct {
	SKU         string
	Description string
	Bin         string // "A07-12-3"
	Qty         int
}

// Order is a released order.
type Order struct {
	Number   string
	Customer string
	Carrier  string
	Cutoff   time.Time
	Status   Status
	Lines    []Line
	Printed  int // pick sheets handed out for it
	Picker   string
}

// ErrNotFound is returned for an order that was never released here.
var ErrNotFound = errors.New("orders: no such order")

// ErrCancelled is returned for a pick sheet of a cancelled order.
var ErrCancelled = errors.New("orders: order cancelled")

// Store holds the shift's orders.
type Store struct {
	mu     sync.Mutex
	orders map[string]*Order
	now    func() time.Time
}

// NewStore returns an empty store.
func NewStore(now func() time.Time) *Store {
	return &Store{orders: make(map[string]*Order), now: now}
}

// Release adds an order released by order intake (or replaces a re-released one).
func (s *Store) Release(o *Order) {
	s.mu.Lock()
	s.orders[o.Number] = o
	s.mu.Unlock()
}

// SetStatus records a status change from the packing stations.
func (s *Store) SetStatus(number string, st Status) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[number]
	if !ok {
		return ErrNotFound
	}
	o.Status = st
	return nil
}

// Counts returns how many orders are in each status.
func (s *Store) Counts() map[Status]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[Status]int, 4)
	for _, o := range s.orders {
		out[o.Status]++
	}
	return out
}
