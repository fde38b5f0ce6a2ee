// Package roster keeps the week's shifts and their assignments.
package roster

import (
	"errors"
	"fmt"
	"math/rand"
	"sync"
	"time"
)

// Shift is one slot of work at a site.
type Shift struct {
	ID       string
	Site     string
	Role     string
	Start    time.Time
	Hours    int
	Worker   string // empty while open
	Premium  bool
	Revision int
}

// ErrTaken is returned when a shift already has a worker.
var ErrTaken = errors.New("roster: shift already assigned")

// ErrUnknown is returned for shift IDs that are not on the roster.
var ErrUnknown = errors.New("roster: unknown shift")

// Roster is the shared, mutable week.
type Roster struct {
	mu     sync.Mutex
	shifts map[string]Shift
	rev    int
}

// New returns an empty roster.
func New() *Roster {
	return &Roster{shifts: make(map[string]Shift)}
}

// Snapshot returns the current state of the roster. Callers may keep and
// filter it without holding any lock.
func (r *Roster) Snapshot() map[string]Shift {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]Shift, len(r.shifts))
	for id, s := range r.shifts {
		out[id] = s
	}
	return out
}

// Assign gives an open shift to a worker.
func (r *Roster) Assign(id, worker string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.shifts[id]
	if !ok {
		return ErrUnknown
	}
	if s.Worker != "" {
		return ErrTaken
	}
	r.rev++
	s.Worker, s.Revision = worker, r.rev
	r.shifts[id] = s
	return nil
}

// Release makes a shift open again.
func (r *Roster) Release(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.shifts[id]; ok {
		r.rev++
		s.Worker, s.Revision = "", r.rev
		r.shifts[id] = s
	}
}

// Add puts a shift on the roster.
func (r *Roster) Add(s Shift) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rev++
	s.Revision = r.rev
	r.shifts[s.ID] = s
}

// Plan fills the roster with a week of shifts over sites.
func Plan(r *Roster, rnd *rand.Rand, sites []string, perSite int) []string {
	roles := []string{"picker", "packer", "forklift", "cashier", "supervisor", "receiving"}
	monday := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	var ids []string
	for _, site := range sites {
		for i := 0; i < perSite; i++ {
			s := Shift{
				ID:      fmt.Sprintf("%s-%05d", site, i),
				Site:    site,
				Role:    roles[rnd.Intn(len(roles))],
				Start:   monday.Add(time.Duration(rnd.Intn(7*24)) * time.Hour),
				Hours:   4 + rnd.Intn(5),
				Premium: rnd.Intn(10) == 0,
			}
			if rnd.Intn(3) > 0 {
				s.Worker = fmt.Sprintf("emp-%04d", rnd.Intn(5000))
			}
			r.Add(s)
			ids = append(ids, s.ID)
		}
	}
	return ids
}
