// Package runner simulates the batch runners that report job progress.
package runner

import (
	"errors"
	"math/rand"
	"time"

	"github.com/acme/jobboard/internal/board"
)

var errUpstream = errors.New("upstream returned 503")

// Runner works through jobs and reports progress after every chunk.
type Runner struct {
	Board   *board.Board
	IDs     []string
	Chunk   int64
	Reports int64
	rand    *rand.Rand
}

// New returns a runner for ids.
func New(b *board.Board, ids []string, seed int64) *Runner {
	return &Runner{Board: b, IDs: ids, Chunk: 2500, rand: rand.New(rand.NewSource(seed))}
}

// RunOne processes one job chunk by chunk until it finishes.
func (r *Runner) RunOne(id string, total int64) error {
	var done int64
	for step := 0; done < total; step = int(done * 4 / total) {
		done += r.Chunk
		if done > total {
			done = total
		}
		work(r.rand, 200)
		if err := r.Board.Progress(id, step, done, time.Now()); err != nil {
			return err
		}
		r.Reports++
	}
	var err error
	if r.rand.Intn(50) == 0 {
		err = errUpstream
	}
	return r.Board.Finish(id, err, time.Now())
}

// Pick returns a random job id.
func (r *Runner) Pick() string { return r.IDs[r.rand.Intn(len(r.IDs))] }

// work stands in for processing a chunk of records.
func work(r *rand.Rand, n int) uint64 {
	var h uint64 = 1469598103934665603
	for i := 0; i < n*64; i++ {
		h ^= uint64(r.Int63())
		h *= 1099511628211
	}
	return h
}
