// Package orders describes customer orders as the shop sends them.
package orders

// Line is one ordered SKU.
type Line struct {
	SKU string
	Qty int
}

// Order is a customer order to allocate.
type Order struct {
	ID       int64
	Customer string
	Priority bool // express shipping: allocated first by the wave planner
	Lines    []Line
}

// Units returns the number of units the order asks for.
func (o *Order) Units() int {
	n := 0
	for _, l := range o.Lines {
		n += l.Qty
	}
	return n
}
