// Package plan holds the dial plan published by the operations team.
//
// The plan is a plain text file, one route per line:
//
//	<prefix> <carrier> <trunk> <rate-per-minute> <priority> [flags...]
//
// Lines starting with '#' are comments. A newer plan replaces the old one
// as a whole (Store.Publish).
package plan

import (
	"strings"
	"sync/atomic"
	"time"
)

// Plan is one published version of the dial plan.
type Plan struct {
	Version   int
	Published time.Time
	Text      string
}

// Store keeps the current plan; readers never block publishers.
type Store struct {
	current atomic.Value // *Plan
}

// Publish makes text the current plan.
func (s *Store) Publish(version int, text string) {
	s.current.Store(&Plan{Version: version, Published: time.Now(), Text: text})
}

// Current returns the plan in force.
func (s *Store) Current() *Plan {
	p, _ := s.current.Load().(*Plan)
	return p
}

// Lines returns the number of route lines of the plan (comments excluded).
func (p *Plan) Lines() int {
	n := 0
	for _, l := range strings.Split(p.Text, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			n++
		}
	}
	return n
}
