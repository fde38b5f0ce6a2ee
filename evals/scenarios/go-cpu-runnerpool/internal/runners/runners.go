// Package runners is the registry of CI runners and their executors.
package runners

import (
	"fmt"
	"sync"
	"time"
)

// Runner is one registered machine.
type Runner struct {
	ID        string
	Label     string
	Executors int // concurrent jobs it accepts
	Busy      int
	Draining  bool // finishing its jobs before maintenance
	LastSeen  time.Time
	Completed int64
}

// Free returns the runner's free executors.
func (r *Runner) Free() int { return r.Executors - r.Busy }

// Pool is the set of runners of one label. Its lock guards the runners' Busy counts.
type Pool struct {
	Label string
	mu    sync.Mutex
	byID  map[string]*Runner
}

// Registry holds the pools by label.
type Registry struct {
	pools map[string]*Pool
}

// NewRegistry returns a registry with an empty pool per label.
func NewRegistry(labels []string) *Registry {
	reg := &Registry{pools: make(map[string]*Pool, len(labels))}
	for _, l := range labels {
		reg.pools[l] = &Pool{Label: l, byID: make(map[string]*Runner)}
	}
	return reg
}

// Pool returns the pool of a label, or nil.
func (reg *Registry) Pool(label string) *Pool { return reg.pools[label] }

// Register adds a runner to its label's pool.
func (reg *Registry) Register(label string, n, executors int, now time.Time) *Runner {
	p := reg.pools[label]
	r := &Runner{ID: fmt.Sprintf("%s-%05d", label, n), Label: label, Executors: executors, LastSeen: now}
	p.mu.Lock()
	p.byID[r.ID] = r
	p.mu.Unlock()
	return r
}

// Heartbeat records that the runner is alive.
func (p *Pool) Heartbeat(id string, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.byID[id]
	if r == nil {
		return false
	}
	r.LastSeen = now
	return true
}

// SetDraining marks a runner as draining (no new jobs) or back in service.
func (p *Pool) SetDraining(id string, draining bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r := p.byID[id]; r != nil {
		r.Draining = draining
	}
}

// Release frees the executor a finished job held.
func (p *Pool) Release(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r := p.byID[id]; r != nil && r.Busy > 0 {
		r.Busy--
		r.Completed++
	}
}

// Locked runs fn with the pool locked and its runners by id; fn may change Busy.
func (p *Pool) Locked(fn func(byID map[string]*Runner)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fn(p.byID)
}

// Len returns the number of runners in the pool.
func (p *Pool) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byID)
}
