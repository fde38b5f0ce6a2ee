// Package metrics keeps the request histograms served on /metrics.
package metrics

import "sync"

var bounds = []float64{0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}

// Histogram counts observations per bucket.
type Histogram struct {
	Counts []uint64
	Sum    float64
}

// Registry holds every histogram of the process behind one lock.
type Registry struct {
	mu     sync.Mutex
	series map[string]*Histogram
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{series: make(map[string]*Histogram)}
}

// Observe adds one latency observation (milliseconds) to the named histogram.
func (r *Registry) Observe(name string, ms float64) {
	r.mu.Lock()
	h := r.series[name]
	if h == nil {
		h = &Histogram{Counts: make([]uint64, len(bounds)+1)}
		r.series[name] = h
	}
	i := 0
	for i < len(bounds) && ms > bounds[i] {
		i++
	}
	h.Counts[i]++
	h.Sum += ms
	r.mu.Unlock()
}
