// Package quota counts partner requests per window.
package quota

import (
	"sync"
	"time"
)

// Limiter allows Limit requests per partner and window.
type Limiter struct {
	Limit  int
	Window time.Duration

	mu      sync.Mutex
	start   time.Time
	counter map[string]int
}

// Allow reports whether partner may make another request now.
func (l *Limiter) Allow(partner string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.counter == nil || now.Sub(l.start) >= l.Window {
		l.counter = map[string]int{}
		l.start = now
	}
	if l.counter[partner] >= l.Limit {
		return false
	}
	l.counter[partner]++
	return true
}
