package feed

import (
	"sync"
	"sync/atomic"
)

// QueueDepth is how many quotes a subscriber may fall behind before quotes are dropped for it.
// Desks replay a burst after a reconnect, so the queue is deep.
const QueueDepth = 512

// Subscription is one subscriber's queue and watch list.
type Subscription struct {
	ID      uint64
	C       chan Quote
	symbols map[string]struct{}
	dropped uint64
}

// Wants reports whether the subscription watches the symbol.
func (s *Subscription) Wants(symbol string) bool {
	_, ok := s.symbols[symbol]
	return ok
}

// Dropped returns how many quotes were dropped because the queue was full.
func (s *Subscription) Dropped() uint64 { return atomic.LoadUint64(&s.dropped) }

// Hub fans every published quote out to the subscriptions watching its symbol.
type Hub struct {
	mu     sync.RWMutex
	nextID uint64
	subs   map[uint64]*Subscription
	seq    uint64
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: make(map[uint64]*Subscription)}
}

// Subscribe registers a queue for the given watch list.
func (h *Hub) Subscribe(symbols []string) *Subscription {
	watch := make(map[string]struct{}, len(symbols))
	for _, s := range symbols {
		watch[s] = struct{}{}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextID++
	sub := &Subscription{
		ID:      h.nextID,
		C:       make(chan Quote, QueueDepth),
		symbols: watch,
	}
	h.subs[sub.ID] = sub
	return sub
}

// Unsubscribe removes a subscription; its queue is left to the garbage collector.
func (h *Hub) Unsubscribe(sub *Subscription) {
	h.mu.Lock()
	delete(h.subs, sub.ID)
	h.mu.Unlock()
}

// Publish stamps the quote with the next sequence number and offers it to every
// subscription watching its symbol, without waiting for slow readers.
func (h *Hub) Publish(q Quote) {
	q.Seq = atomic.AddUint64(&h.seq, 1)
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, sub := range h.subs {
		if !sub.Wants(q.Symbol) {
			continue
		}
		select {
		case sub.C <- q:
		default:
			atomic.AddUint64(&sub.dropped, 1)
		}
	}
}

// Subscribers returns the number of registered subscriptions.
func (h *Hub) Subscribers() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs)
}
