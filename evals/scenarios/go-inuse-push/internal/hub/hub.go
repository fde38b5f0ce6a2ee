// Package hub tracks topic subscriptions and fans notifications out.
package hub

import (
	"sync"

	"github.com/acme/push/internal/session"
)

// Hub maps topics to subscribed sessions.
type Hub struct {
	mu     sync.RWMutex
	topics map[string]map[uint64]*session.Session
	byID   map[uint64]*session.Session
}

// New returns an empty hub.
func New() *Hub {
	return &Hub{topics: map[string]map[uint64]*session.Session{}, byID: map[uint64]*session.Session{}}
}

// Join registers s under its topics.
func (h *Hub) Join(s *session.Session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.byID[s.ID] = s
	for _, t := range s.Topics {
		m := h.topics[t]
		if m == nil {
			m = map[uint64]*session.Session{}
			h.topics[t] = m
		}
		m[s.ID] = s
	}
}

// Leave removes the session with id.
func (h *Hub) Leave(id uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.byID[id]
	if !ok {
		return
	}
	delete(h.byID, id)
	for _, t := range s.Topics {
		delete(h.topics[t], id)
	}
}

// Publish delivers payload to every subscriber of topic and returns how many got it.
func (h *Hub) Publish(topic string, payload []byte) int {
	h.mu.RLock()
	subs := make([]*session.Session, 0, len(h.topics[topic]))
	for _, s := range h.topics[topic] {
		subs = append(subs, s)
	}
	h.mu.RUnlock()
	n := 0
	for _, s := range subs {
		if s.Deliver(topic, payload) == nil {
			n++
		}
	}
	return n
}

// Len returns the number of connected sessions.
func (h *Hub) Len() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.byID)
}
