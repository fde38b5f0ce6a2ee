// Package sink holds the per-topic outbound queues.
package sink

import "sync"

// Queue is a bounded ring of raw envelopes waiting to be published to one topic.
type Queue struct {
	mu    sync.Mutex
	ring  [][]byte
	next  int
	total int64
	bytes int64
}

// Sink is the set of topic queues.
type Sink struct {
	mu     sync.RWMutex
	queues map[string]*Queue
	depth  int
}

// New returns a sink whose queues keep the last depth envelopes each.
func New(depth int) *Sink {
	return &Sink{queues: make(map[string]*Queue), depth: depth}
}

func (s *Sink) queue(topic string) *Queue {
	s.mu.RLock()
	q := s.queues[topic]
	s.mu.RUnlock()
	if q != nil {
		return q
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if q = s.queues[topic]; q == nil {
		q = &Queue{ring: make([][]byte, s.depth)}
		s.queues[topic] = q
	}
	return q
}

// Publish enqueues the raw envelope on the topic. The bytes are not copied: the
// caller hands them over.
func (s *Sink) Publish(topic string, raw []byte) {
	q := s.queue(topic)
	q.mu.Lock()
	q.ring[q.next] = raw
	q.next = (q.next + 1) % len(q.ring)
	q.total++
	q.bytes += int64(len(raw))
	q.mu.Unlock()
}

// Totals returns the number of envelopes and bytes published over all topics.
func (s *Sink) Totals() (n, bytes int64) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, q := range s.queues {
		q.mu.Lock()
		n += q.total
		bytes += q.bytes
		q.mu.Unlock()
	}
	return n, bytes
}
