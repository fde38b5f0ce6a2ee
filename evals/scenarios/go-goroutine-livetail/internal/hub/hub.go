// Package hub fans ingested log lines out to the open tails.
package hub

import (
	"sync"
	"sync/atomic"

	"github.com/acme/livetail/internal/logline"
)

// Subscription is one open tail's inbox.
type Subscription struct {
	ID    uint64
	Lines chan logline.Line
	drops uint64
}

// Drops reports how many lines the tail missed because its inbox was full.
func (s *Subscription) Drops() uint64 { return atomic.LoadUint64(&s.drops) }

// Hub delivers every published line to every subscription.
type Hub struct {
	mu     sync.RWMutex
	nextID uint64
	subs   map[uint64]*Subscription
}

// New returns an empty hub.
func New() *Hub {
	return &Hub{subs: make(map[uint64]*Subscription)}
}

// Subscribe registers a new inbox with room for backlog lines.
func (h *Hub) Subscribe(backlog int) *Subscription {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextID++
	s := &Subscription{ID: h.nextID, Lines: make(chan logline.Line, backlog)}
	h.subs[s.ID] = s
	return s
}

// Unsubscribe stops delivering to the subscription.
func (h *Hub) Unsubscribe(s *Subscription) {
	h.mu.Lock()
	delete(h.subs, s.ID)
	h.mu.Unlock()
}

// Publish offers the line to every subscription without waiting for slow ones.
func (h *Hub) Publish(l logline.Line) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, s := range h.subs {
		select {
		case s.Lines <- l:
		default:
			atomic.AddUint64(&s.drops, 1)
		}
	}
}

// Open reports how many subscriptions are registered.
func (h *Hub) Open() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs)
}
