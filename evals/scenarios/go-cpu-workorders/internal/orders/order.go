// Package orders holds the work orders assigned to technicians.
package orders

import (
	"sync"
)

// Status of a work order.
type Status int

// Work order states.
const (
	Open Status = iota
	EnRoute
	OnSite
	Done
	Cancelled
)

// Order is one work order as the CRM feed describes it.
type Order struct {
	ID         int64
	Site       string
	Technician string
	Kind       string
	Priority   int
	Status     Status
	// DueAt is the CRM's due time, RFC 3339 in the site's offset ("2026-01-15T14:30:00+01:00").
	DueAt    string
	Notes    string
	Duration int // expected minutes on site
}

// Active reports whether the order still needs the technician.
func (o *Order) Active() bool { return o.Status == Open || o.Status == EnRoute || o.Status == OnSite }

// Store keeps every technician's orders in memory.
type Store struct {
	mu    sync.RWMutex
	byTec map[string][]*Order
	byID  map[int64]*Order
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{byTec: map[string][]*Order{}, byID: map[int64]*Order{}}
}

// Put adds or replaces an order.
func (s *Store) Put(o *Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.byID[o.ID]; ok {
		*old = *o
		return
	}
	s.byID[o.ID] = o
	s.byTec[o.Technician] = append(s.byTec[o.Technician], o)
}

// SetStatus changes an order's state; it reports whether the order exists.
func (s *Store) SetStatus(id int64, st Status) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if ok {
		o.Status = st
	}
	return ok
}

// ActiveFor returns copies of the technician's active orders.
func (s *Store) ActiveFor(tech string) []*Order {
	s.mu.RLock()
	defer s.mu.RUnlock()
	all := s.byTec[tech]
	out := make([]*Order, 0, len(all))
	for _, o := range all {
		if o.Active() {
			c := *o
			out = append(out, &c)
		}
	}
	return out
}
