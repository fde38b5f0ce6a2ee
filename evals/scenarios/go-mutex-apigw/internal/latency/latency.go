// Package latency keeps per-route latency statistics over a sliding window.
package latency

import (
	"sort"
	"sync"
	"time"
)

const window = 4096

// Summary is a route's latest quantiles.
type Summary struct {
	Count         int64
	P50, P95, P99 time.Duration
}

type series struct {
	samples []float64 // ring buffer of the last `window` latencies, in ms
	next    int
	count   int64
	summary Summary
}

// Recorder holds the statistics of every route.
type Recorder struct {
	mu     sync.Mutex
	routes map[string]*series
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{routes: make(map[string]*series)} }

// Observe records one request's latency on route and refreshes its quantiles.
func (r *Recorder) Observe(route string, d time.Duration) {
	r.mu.Lock()
	s := r.routes[route]
	if s == nil {
		s = &series{samples: make([]float64, 0, window)}
		r.routes[route] = s
	}
	ms := float64(d) / float64(time.Millisecond)
	if len(s.samples) < window {
		s.samples = append(s.samples, ms)
	} else {
		s.samples[s.next] = ms
		s.next = (s.next + 1) % window
	}
	s.count++
	sorted := append([]float64(nil), s.samples...)
	sort.Float64s(sorted)
	s.summary = Summary{
		Count: s.count,
		P50:   quantile(sorted, 0.50),
		P95:   quantile(sorted, 0.95),
		P99:   quantile(sorted, 0.99),
	}
	r.mu.Unlock()
}

// Snapshot returns the current summary of every route.
func (r *Recorder) Snapshot() map[string]Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]Summary, len(r.routes))
	for k, s := range r.routes {
		out[k] = s.summary
	}
	return out
}

func quantile(sorted []float64, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q * float64(len(sorted)-1))
	return time.Duration(sorted[i] * float64(time.Millisecond))
}
