// Package broadcast pushes seat changes to the browsers watching an event.
package broadcast

import (
	"bytes"
	"encoding/json"
	"sync"
	"time"

	"github.com/acme/seatmap/internal/seats"
)

// Watcher is one connected browser; Outbox stands in for its websocket.
type Watcher struct {
	ID     int
	Outbox bytes.Buffer
	frames int
}

type frame struct {
	Type    string `json:"type"`
	Seat    string `json:"seat"`
	State   string `json:"state"`
	Version uint64 `json:"v"`
	At      string `json:"at"`
}

// Broadcaster fans changes out to every watcher.
type Broadcaster struct {
	mu       sync.Mutex
	watchers []*Watcher
	sent     int
}

// New returns a broadcaster with n connected watchers.
func New(n int) *Broadcaster {
	b := &Broadcaster{}
	for i := 0; i < n; i++ {
		b.watchers = append(b.watchers, &Watcher{ID: i})
	}
	return b
}

// Run delivers changes until the feed is closed.
func (b *Broadcaster) Run(changes <-chan seats.Change) {
	for ch := range changes {
		msg, err := json.Marshal(frame{
			Type: "seat", Seat: ch.Seat.String(), State: ch.State.String(),
			Version: ch.Version, At: ch.At.UTC().Format(time.RFC3339Nano),
		})
		if err != nil {
			continue
		}
		b.mu.Lock()
		for _, w := range b.watchers {
			// Websocket text frame: the browsers' outboxes are flushed by their writers.
			w.Outbox.WriteByte(0x81)
			w.Outbox.WriteByte(byte(len(msg)))
			w.Outbox.Write(msg)
			w.frames++
			if w.Outbox.Len() > 64<<10 {
				w.Outbox.Reset()
			}
		}
		b.sent++
		b.mu.Unlock()
	}
}

// Sent returns how many changes were broadcast.
func (b *Broadcaster) Sent() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sent
}
