// Package billing rates calls.
package billing

import (
	"math"
	"time"

	"github.com/acme/dialplan/internal/routing"
)

// Minimum billed duration and the billing increment (60/6 billing).
const (
	firstIncrement = 60 * time.Second
	nextIncrement  = 6 * time.Second
)

// Rated is a priced call.
type Rated struct {
	Route    routing.Route
	Duration time.Duration
	Billed   time.Duration
	Cost     float64
}

// Rate prices a call of duration d on route rt, with the operator's margin.
func Rate(rt routing.Route, d time.Duration, margin float64) Rated {
	billed := firstIncrement
	if d > firstIncrement {
		extra := d - firstIncrement
		steps := int64(math.Ceil(float64(extra) / float64(nextIncrement)))
		billed += time.Duration(steps) * nextIncrement
	}
	cost := rt.Rate * billed.Minutes() * (1 + margin)
	if rt.Mobile {
		cost *= 1.15
	}
	return Rated{Route: rt, Duration: d, Billed: billed, Cost: math.Round(cost*10000) / 10000}
}
