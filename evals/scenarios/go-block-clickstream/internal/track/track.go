// Package track hands events from the request handlers to the segment writer.
package track

import (
	"errors"
	"time"

	"github.com/acme/clickstream/internal/event"
	"github.com/acme/clickstream/internal/segment"
)

// ErrInvalid is returned for events without a kind or URL.
var ErrInvalid = errors.New("invalid event")

// Tracker owns the segment writer; handlers call Track.
type Tracker struct {
	events chan event.Event
	done   chan struct{}
	salt   string
	w      *segment.Writer
}

// New starts the tracker's writer goroutine.
func New(w *segment.Writer, salt string) *Tracker {
	t := &Tracker{events: make(chan event.Event), done: make(chan struct{}), salt: salt, w: w}
	go t.run()
	return t
}

// Track records one event for the request being handled.
func (t *Tracker) Track(e event.Event) error {
	if e.Kind == "" || e.URL == "" {
		return ErrInvalid
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	t.events <- e
	return nil
}

// Close stops the writer goroutine once every tracked event is written.
func (t *Tracker) Close() {
	close(t.events)
	<-t.done
}

func (t *Tracker) run() {
	defer close(t.done)
	for e := range t.events {
		event.Enrich(&e, t.salt)
		if err := t.w.Append(&e); err != nil {
			continue
		}
	}
}
