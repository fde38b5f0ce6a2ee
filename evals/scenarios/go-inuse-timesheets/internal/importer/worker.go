// Package importer takes timesheet uploads off the queue and books them.
package importer

import (
	"log"
	"sync/atomic"

	"github.com/acme/timesheets/internal/ledger"
	"github.com/acme/timesheets/internal/scratch"
	"github.com/acme/timesheets/internal/timesheet"
)

// Worker is one import worker. Workers live as long as the service.
type Worker struct {
	ID      int
	Ledger  *ledger.Ledger
	Scratch *scratch.Pool
	Done    *int64 // uploads finished (imported or rejected)

	rejected int
	entries  []timesheet.Entry
}

// Run imports uploads until the queue is closed.
func (w *Worker) Run(queue <-chan timesheet.Upload) {
	for u := range queue {
		buf := w.Scratch.Get()
		defer w.Scratch.Put(buf)

		entries, err := timesheet.Parse(u, buf, w.entries[:0])
		w.entries = entries
		if err != nil {
			w.rejected++
			if w.rejected%100 == 1 {
				log.Printf("worker %d: rejected %v", w.ID, err)
			}
		} else {
			w.Ledger.Book(entries)
		}
		atomic.AddInt64(w.Done, 1)
	}
}

// Rejected reports how many uploads this worker rejected.
func (w *Worker) Rejected() int { return w.rejected }
