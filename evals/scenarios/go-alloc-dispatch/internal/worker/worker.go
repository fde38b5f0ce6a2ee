// Package worker runs jobs from the intake queue.
package worker

import (
	"time"

	"github.com/acme/dispatch/internal/jobs"
	"github.com/acme/dispatch/internal/route"
	"github.com/acme/dispatch/internal/stats"
)

// Worker processes jobs and acknowledges them in batches.
type Worker struct {
	Jobs      <-chan jobs.Job
	Retry     chan<- jobs.Job
	Stats     *stats.Counters
	AckEvery  int
	IdleFlush time.Duration

	pending []uint64
}

// Run processes jobs until the intake channel is closed.
func (w *Worker) Run() {
	for {
		select {
		case j, ok := <-w.Jobs:
			if !ok {
				w.ack()
				return
			}
			res := route.Run(j)
			if res.Retry && j.Attempts < 3 {
				j.Attempts++
				select {
				case w.Retry <- j:
				default:
				}
			}
			w.Stats.Done.Add(1)
			w.pending = append(w.pending, j.ID)
			if len(w.pending) >= w.AckEvery {
				w.ack()
			}
		case <-time.After(w.IdleFlush):
			w.Stats.Idle.Add(1)
			w.ack()
		}
	}
}

func (w *Worker) ack() {
	if len(w.pending) == 0 {
		return
	}
	w.Stats.Acks.Add(1)
	w.pending = w.pending[:0]
}
