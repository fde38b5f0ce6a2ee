// Package projection holds the read models rebuilt from the order events.
package projection

import (
	"sync"

	"github.com/acme/eventreplay/internal/segment"
)

// Order is the order-summary read model.
type Order struct {
	Lines  int
	Cents  int64
	Status uint8
}

// Orders is the order-summary projection, sharded by order id.
type Orders struct {
	shards [64]struct {
		mu     sync.Mutex
		orders map[uint64]*Order
	}
	bySKU sync.Map // SKU -> *int64 units sold
}

// NewOrders returns an empty projection.
func NewOrders() *Orders {
	o := &Orders{}
	for i := range o.shards {
		o.shards[i].orders = map[uint64]*Order{}
	}
	return o
}

// Apply folds one event into the projection.
func (o *Orders) Apply(e *segment.Event) {
	sh := &o.shards[e.OrderID%uint64(len(o.shards))]
	sh.mu.Lock()
	ord := sh.orders[e.OrderID]
	if ord == nil {
		ord = &Order{}
		sh.orders[e.OrderID] = ord
	}
	switch e.Kind {
	case 2:
		ord.Lines++
		ord.Cents += e.Cents
	default:
		ord.Status = e.Kind
	}
	sh.mu.Unlock()
}

// Len returns the number of orders.
func (o *Orders) Len() int {
	n := 0
	for i := range o.shards {
		o.shards[i].mu.Lock()
		n += len(o.shards[i].orders)
		o.shards[i].mu.Unlock()
	}
	return n
}
