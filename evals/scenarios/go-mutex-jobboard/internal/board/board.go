// Package board keeps the live state of every batch job.
package board

import (
	"encoding/json"
	"errors"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/acme/jobboard/internal/jobs"
)

// ErrUnknownJob is returned for updates of a job the board does not have.
var ErrUnknownJob = errors.New("board: unknown job")

// Board is the shared job table, updated by runners and read by the status endpoint.
type Board struct {
	mu      sync.Mutex
	jobs    map[string]*jobs.Job
	order   []string
	version uint64
}

// New returns a board holding js.
func New(js []*jobs.Job) *Board {
	b := &Board{jobs: make(map[string]*jobs.Job, len(js))}
	for _, j := range js {
		b.jobs[j.ID] = j
		b.order = append(b.order, j.ID)
	}
	sort.Strings(b.order)
	return b
}

// Progress records a runner's progress report for job id.
func (b *Board) Progress(id string, step int, processed int64, now time.Time) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	j := b.jobs[id]
	if j == nil {
		return ErrUnknownJob
	}
	if j.State == jobs.Queued {
		j.State = jobs.Running
		j.Started = now
	}
	j.Processed = processed
	if j.Total > 0 {
		j.Progress = float64(processed) / float64(j.Total)
	}
	for i := range j.Steps {
		j.Steps[i].Done = i < step
	}
	if step < len(j.Steps) {
		j.Steps[step].Items = processed
	}
	j.Updated = now
	b.version++
	return nil
}

// Finish marks job id as done, failed when err is not nil; a finished job is requeued.
func (b *Board) Finish(id string, err error, now time.Time) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	j := b.jobs[id]
	if j == nil {
		return ErrUnknownJob
	}
	j.State, j.LastError = jobs.Succeeded, ""
	if err != nil {
		j.State, j.LastError = jobs.Failed, err.Error()
	}
	j.Updated = now
	j.Attempt++
	b.version++
	// Scheduled jobs run again in the next window.
	j.State, j.Processed, j.Progress = jobs.Queued, 0, 0
	return nil
}

// Status is the document served to the dashboard.
type Status struct {
	Version uint64      `json:"version"`
	Running int         `json:"running"`
	Jobs    []*jobs.Job `json:"jobs"`
}

// WriteStatus writes the status document of every job matching owner ("" for all) to w.
func (b *Board) WriteStatus(w io.Writer, owner string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := Status{Version: b.version, Jobs: make([]*jobs.Job, 0, len(b.order))}
	for _, id := range b.order {
		j := b.jobs[id]
		if owner != "" && j.Owner != owner {
			continue
		}
		if j.State == jobs.Running {
			st.Running++
		}
		st.Jobs = append(st.Jobs, j)
	}
	return json.NewEncoder(w).Encode(&st)
}

// IDs returns the ids of every job on the board.
func (b *Board) IDs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.order...)
}
