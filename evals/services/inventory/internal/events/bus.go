// Package events is the in-process event bus.
package events

// Event is something that happened to an order.
type Event struct {
	OrderID int
	Kind    string
}

// Bus delivers events to one handler.
type Bus struct {
	ch chan Event
}

// NewBus starts a bus that calls handle for every event.
func NewBus(handle func(Event)) *Bus {
	b := &Bus{ch: make(chan Event)}
	go func() {
		for e := range b.ch {
			handle(e)
		}
	}()
	return b
}

// Publish hands e to the handler.
func (b *Bus) Publish(e Event) {
	b.ch <- e
}
