// Package allocate reserves an order's lines against the warehouse bins, all or nothing.
package allocate

import (
	"errors"

	"github.com/acme/reservations/internal/orders"
	"github.com/acme/reservations/internal/stock"
)

// ErrShort is returned when a line cannot be covered; nothing stays reserved.
var ErrShort = errors.New("allocate: not enough stock")

// Pick is one line of the pick list: take Qty units of the SKU from the bin.
type Pick struct {
	Order int64
	Bin   *stock.Bin
	Qty   int
}

// Allocator allocates orders against a warehouse.
type Allocator struct {
	WH *stock.Warehouse
}

// Allocate reserves every line of the order, appending the picks to picks. If a line
// cannot be covered, every reservation made for the order is undone and ErrShort returned
// with picks unchanged.
func (a *Allocator) Allocate(o *orders.Order, picks []Pick) ([]Pick, error) {
	var undo []func()
	start := len(picks)
	for _, line := range o.Lines {
		need := line.Qty
		for _, bin := range a.WH.Bins(line.SKU) {
			if need == 0 {
				break
			}
			got := a.WH.Take(bin, need)
			if got == 0 {
				continue
			}
			need -= got
			b, n := bin, got
			undo = append(undo, func() { a.WH.Put(b, n) })
			picks = append(picks, Pick{Order: o.ID, Bin: bin, Qty: got})
		}
		if need > 0 {
			for i := len(undo) - 1; i >= 0; i-- {
				undo[i]()
			}
			return picks[:start], ErrShort
		}
	}
	return picks, nil
}
