// Package swaps applies assignment and swap requests to the roster.
package swaps

import (
	"errors"

	"github.com/acme/rostering/internal/roster"
)

// Kind of request.
type Kind int

// Request kinds.
const (
	Claim Kind = iota
	Drop
	Swap
)

// Request is one manager or staff action.
type Request struct {
	Kind   Kind
	Shift  string
	Other  string // for Swap: the shift given up
	Worker string
}

// Stats counts outcomes.
type Stats struct {
	Applied, Conflicts, Unknown int
}

// Apply applies one request.
func Apply(r *roster.Roster, req Request, st *Stats) {
	var err error
	switch req.Kind {
	case Claim:
		err = r.Assign(req.Shift, req.Worker)
	case Drop:
		r.Release(req.Shift)
	case Swap:
		if err = r.Assign(req.Shift, req.Worker); err == nil {
			r.Release(req.Other)
		}
	}
	switch {
	case err == nil:
		st.Applied++
	case errors.Is(err, roster.ErrTaken):
		st.Conflicts++
	default:
		st.Unknown++
	}
}
