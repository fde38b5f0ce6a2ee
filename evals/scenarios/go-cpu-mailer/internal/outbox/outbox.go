// Package outbox queues rendered messages for the SMTP relay.
package outbox

import (
	"sync"

	"github.com/acme/mailer/internal/render"
)

// Outbox collects messages until the relay picks them up.
type Outbox struct {
	mu      sync.Mutex
	pending []render.Message
	bytes   int64
	sent    int64
}

// Put queues a message.
func (o *Outbox) Put(m render.Message) {
	o.mu.Lock()
	o.pending = append(o.pending, m)
	o.bytes += int64(len(m.HTML))
	if len(o.pending) >= 256 {
		o.sent += int64(len(o.pending))
		o.pending = o.pending[:0]
	}
	o.mu.Unlock()
}

// Stats returns the number of handed-over messages and their bytes.
func (o *Outbox) Stats() (int64, int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.sent + int64(len(o.pending)), o.bytes
}
