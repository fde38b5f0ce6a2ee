// Package counter books parts out to repair orders.
package counter

import (
	"sync"

	"github.com/acme/spareparts/internal/catalog"
	"github.com/acme/spareparts/internal/lookup"
)

// Line is one part on a repair order.
type Line struct {
	Number string
	Qty    int
}

// Desk books reservations for repair orders.
type Desk struct {
	Catalog *catalog.Catalog

	mu       sync.Mutex
	booked   int
	declined int
}

// Book reserves the first in-stock candidate of the lookup for a repair order line; it returns
// the line it booked.
func (d *Desk) Book(candidates []lookup.Hit, qty int) (Line, bool) {
	for _, h := range candidates {
		if h.Available < qty {
			continue
		}
		if err := d.Catalog.Reserve(h.Number, qty); err == nil {
			d.count(true)
			return Line{Number: h.Number, Qty: qty}, true
		}
	}
	d.count(false)
	return Line{}, false
}

// Return gives a booked line back.
func (d *Desk) Return(l Line) { d.Catalog.Release(l.Number, l.Qty) }

func (d *Desk) count(ok bool) {
	d.mu.Lock()
	if ok {
		d.booked++
	} else {
		d.declined++
	}
	d.mu.Unlock()
}

// Stats returns the booked and declined counts.
func (d *Desk) Stats() (booked, declined int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.booked, d.declined
}
