package seats

import (
	"errors"
	"sync"
	"time"
)

// ErrTaken is returned when a seat is held by someone else or sold.
var ErrTaken = errors.New("seats: seat is not available")

// ErrUnknown is returned for a seat that does not exist.
var ErrUnknown = errors.New("seats: no such seat")

// Store is the inventory of one event.
type Store struct {
	mu      sync.Mutex
	seats   map[ID]*Seat
	version uint64
	changes chan Change
}

// NewStore builds the inventory for the given sections (rows x seats each).
func NewStore(sections []string, rows, perRow int, priceCts func(ID) int64) *Store {
	s := &Store{seats: make(map[ID]*Seat, len(sections)*rows*perRow), changes: make(chan Change)}
	for _, sec := range sections {
		for r := 1; r <= rows; r++ {
			for n := 1; n <= perRow; n++ {
				id := ID{sec, r, n}
				s.seats[id] = &Seat{ID: id, PriceCts: priceCts(id)}
			}
		}
	}
	return s
}

// Changes is the feed of seat changes, in version order, for the broadcaster.
func (s *Store) Changes() <-chan Change { return s.changes }

// Hold reserves a free (or expired) seat for a buyer's session for ttl.
func (s *Store) Hold(id ID, session string, ttl time.Duration, now time.Time) error {
	return s.update(id, now, func(seat *Seat) error {
		if seat.State == Sold || (seat.State == Held && seat.HeldBy != session && now.Before(seat.HoldUntil)) {
			return ErrTaken
		}
		seat.State, seat.HeldBy, seat.HoldUntil = Held, session, now.Add(ttl)
		return nil
	})
}

// Release drops a buyer's hold (checkout abandoned or payment failed).
func (s *Store) Release(id ID, session string, now time.Time) error {
	return s.update(id, now, func(seat *Seat) error {
		if seat.State != Held || seat.HeldBy != session {
			return errNoChange
		}
		seat.State, seat.HeldBy = Free, ""
		return nil
	})
}

var errNoChange = errors.New("seats: nothing to change")

// update applies one change to a seat, bumps the inventory version and hands
// the change to the broadcaster, so watchers see changes in the order they
// were made.
func (s *Store) update(id ID, now time.Time, mutate func(*Seat) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	seat, ok := s.seats[id]
	if !ok {
		return ErrUnknown
	}
	if err := mutate(seat); err != nil {
		if err == errNoChange {
			return nil
		}
		return err
	}
	s.version++
	s.changes <- Change{Seat: seat.ID, State: seat.State, Version: s.version, At: now}
	return nil
}

// Available reports whether a buyer may pick the seat now (the seat picker asks
// this for every seat under the cursor).
func (s *Store) Available(id ID, session string, now time.Time) (bool, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seat, ok := s.seats[id]
	if !ok {
		return false, 0
	}
	switch {
	case seat.State == Free:
		return true, seat.PriceCts
	case seat.State == Held && (seat.HeldBy == session || !now.Before(seat.HoldUntil)):
		return true, seat.PriceCts
	}
	return false, seat.PriceCts
}

// Close ends the change feed.
func (s *Store) Close() { close(s.changes) }
