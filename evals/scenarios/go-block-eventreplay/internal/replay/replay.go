// Package replay replays archived segments into the projections.
package replay

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/acme/eventreplay/internal/projection"
	"github.com/acme/eventreplay/internal/segment"
)

// Replayer applies archived events with a pool of workers.
type Replayer struct {
	Workers int
	Orders  *projection.Orders
	Applied int64
	Corrupt int64
}

// Run replays the segments read from segs, in order, and returns when every event is applied.
func (r *Replayer) Run(segs []io.Reader) error {
	events := make(chan segment.Event, r.Workers)
	var wg sync.WaitGroup
	for i := 0; i < r.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.apply(events)
		}()
	}
	err := r.read(segs, events)
	close(events)
	wg.Wait()
	return err
}

// read verifies and decodes every record of segs and hands the events to the workers.
func (r *Replayer) read(segs []io.Reader, events chan<- segment.Event) error {
	for _, seg := range segs {
		sr := segment.NewReader(seg)
		for {
			e, err := sr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, segment.ErrChecksum) {
				atomic.AddInt64(&r.Corrupt, 1)
				continue
			}
			if err != nil {
				return err
			}
			events <- e
		}
	}
	return nil
}

// apply folds the events it receives into the projections.
func (r *Replayer) apply(events <-chan segment.Event) {
	for e := range events {
		r.Orders.Apply(&e)
		atomic.AddInt64(&r.Applied, 1)
	}
}
