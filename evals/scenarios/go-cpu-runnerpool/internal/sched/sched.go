// Package sched places queued jobs on runners.
package sched

import (
	"errors"
	"time"

	"github.com/acme/runnerpool/internal/jobs"
	"github.com/acme/runnerpool/internal/runners"
)

// Errors returned by Place.
var (
	ErrNoPool     = errors.New("no runners for label")
	ErrNoCapacity = errors.New("all runners busy")
)

// Scheduler places jobs.
type Scheduler struct {
	Registry *runners.Registry
	// StaleAfter excludes runners whose last heartbeat is older.
	StaleAfter time.Duration
	Now        func() time.Time
}

// Place assigns the job to the runner of its label with the most free executors (ties
// go to the lowest runner id, so placement is deterministic) and marks one executor busy.
func (s *Scheduler) Place(j *jobs.Job) error {
	p := s.Registry.Pool(j.Label)
	if p == nil {
		return ErrNoPool
	}
	now := s.Now()
	var chosen *runners.Runner
	p.Locked(func(byID map[string]*runners.Runner) {
		chosen = s.mostFree(byID, now)
		if chosen != nil {
			chosen.Busy++
		}
	})
	if chosen == nil {
		return ErrNoCapacity
	}
	j.State = jobs.Running
	j.Runner = chosen.ID
	j.Started = now
	return nil
}

// mostFree returns the eligible runner with the most free executors.
func (s *Scheduler) mostFree(byID map[string]*runners.Runner, now time.Time) *runners.Runner {
	var best *runners.Runner
	cutoff := now.Add(-s.StaleAfter)
	for _, r := range byID {
		if r.Draining || r.LastSeen.Before(cutoff) {
			continue
		}
		free := r.Free()
		if free <= 0 {
			continue
		}
		if best == nil || free > best.Free() || (free == best.Free() && r.ID < best.ID) {
			best = r
		}
	}
	return best
}
