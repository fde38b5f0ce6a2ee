// Package delivery tracks frames sent to handsets until they are acknowledged.
package delivery

import (
	"sync"
	"time"
)

// MaxAttempts is how many times a frame is sent before the delivery is given up.
const MaxAttempts = 4

// AckTimeout is how long a handset has to acknowledge a frame before it is resent.
const AckTimeout = 40 * time.Millisecond

// Inflight is one frame waiting for its acknowledgement.
type Inflight struct {
	MsgID    uint64
	DeviceID string
	Frame    []byte
	SentAt   time.Time
	Attempts int
	Failed   bool
}

// Stats counts what happened to deliveries.
type Stats struct {
	Sent, Acked, Resent, GivenUp int64
}

// Tracker holds the in-flight deliveries, keyed by message id.
type Tracker struct {
	mu      sync.Mutex
	pending map[uint64]*Inflight
	stats   Stats
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	return &Tracker{pending: make(map[uint64]*Inflight)}
}

// Track records a frame just sent to a device.
func (t *Tracker) Track(id uint64, deviceID string, frame []byte, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pending[id] = &Inflight{MsgID: id, DeviceID: deviceID, Frame: frame, SentAt: now, Attempts: 1}
	t.stats.Sent++
}

// Ack completes a delivery.
func (t *Tracker) Ack(id uint64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.pending[id]
	if !ok || f.Failed {
		return false
	}
	delete(t.pending, id)
	t.stats.Acked++
	return true
}

// Due returns the deliveries whose acknowledgement timed out, for resending, and gives up
// on the ones that have used all their attempts.
func (t *Tracker) Due(now time.Time) []*Inflight {
	t.mu.Lock()
	defer t.mu.Unlock()
	var due []*Inflight
	for _, f := range t.pending {
		if f.Failed || now.Sub(f.SentAt) < AckTimeout {
			continue
		}
		if f.Attempts >= MaxAttempts {
			f.Failed = true
			t.stats.GivenUp++
			continue
		}
		f.Attempts++
		f.SentAt = now
		t.stats.Resent++
		due = append(due, f)
	}
	return due
}

// Stats returns the counters and the number of tracked deliveries.
func (t *Tracker) Stats() (Stats, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats, len(t.pending)
}
