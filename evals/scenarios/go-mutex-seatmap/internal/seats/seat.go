// Package seats keeps the seat inventory of one event and the buyers' holds on it.
package seats

import (
	"fmt"
	"time"
)

// ID names a seat as section, row and number.
type ID struct {
	Section string
	Row     int
	Number  int
}

func (id ID) String() string { return fmt.Sprintf("%s-%d-%d", id.Section, id.Row, id.Number) }

// State is a seat's availability.
type State uint8

const (
	Free State = iota
	Held
	Sold
)

func (s State) String() string {
	switch s {
	case Free:
		return "free"
	case Held:
		return "held"
	default:
		return "sold"
	}
}

// Seat is one seat and its current hold.
type Seat struct {
	ID        ID
	PriceCts  int64
	State     State
	HeldBy    string
	HoldUntil time.Time
}

// Change is pushed to watchers whenever a seat changes state.
type Change struct {
	Seat    ID
	State   State
	Version uint64
	At      time.Time
}
