// Package outbox queues rendered messages for the mailer.
package outbox

import "sync"

// Message is a rendered e-mail.
type Message struct {
	To      string
	Subject string
	Body    []byte
}

// Outbox keeps the last messages and counts what went through.
type Outbox struct {
	mu    sync.Mutex
	ring  []Message
	next  int
	sent  int64
	bytes int64
}

// New returns an outbox that keeps the last size messages.
func New(size int) *Outbox {
	return &Outbox{ring: make([]Message, size)}
}

// Enqueue hands a message to the mailer.
func (o *Outbox) Enqueue(m Message) {
	o.mu.Lock()
	o.ring[o.next] = m
	o.next = (o.next + 1) % len(o.ring)
	o.sent++
	o.bytes += int64(len(m.Body))
	o.mu.Unlock()
}

// Stats returns the number of messages and bytes queued.
func (o *Outbox) Stats() (int64, int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.sent, o.bytes
}
