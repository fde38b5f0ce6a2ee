// Package orders reserves stock for orders.
package orders

import (
	"errors"

	"github.com/acme/inventory/internal/warehouse"
)

// Line is one order line.
type Line struct {
	SKU string
	Qty int
}

// Order is an incoming customer order.
type Order struct {
	ID     int
	Region string
	Lines  []Line
}

// Allocation says which warehouse reserved a line.
type Allocation struct {
	SKU       string
	Warehouse string
	Qty       int
}

// ErrBackorder is returned when a line cannot be reserved anywhere.
var ErrBackorder = errors.New("orders: backorder")

// Service reserves stock in the warehouse network.
type Service struct {
	Network *warehouse.Network
}

// Reserve reserves every line of o, preferring the first warehouse of the region.
func (s *Service) Reserve(o Order) ([]Allocation, error) {
	allocs := make([]Allocation, 0, len(o.Lines))
	for _, l := range o.Lines {
		placed := false
		for _, w := range s.Network.Candidates(o.Region) {
			ok, err := w.Catalog.Reserve(l.SKU, l.Qty)
			if err != nil {
				return nil, err
			}
			if ok {
				allocs = append(allocs, Allocation{SKU: l.SKU, Warehouse: w.Code, Qty: l.Qty})
				placed = true
				break
			}
		}
		if !placed {
			s.rollback(o.Region, allocs)
			return nil, ErrBackorder
		}
	}
	return allocs, nil
}

// Cancel releases the stock of allocs.
func (s *Service) Cancel(region string, allocs []Allocation) { s.rollback(region, allocs) }

func (s *Service) rollback(region string, allocs []Allocation) {
	for _, a := range allocs {
		for _, w := range s.Network.Candidates(region) {
			if w.Code == a.Warehouse {
				w.Catalog.Release(a.SKU, a.Qty)
			}
		}
	}
}
