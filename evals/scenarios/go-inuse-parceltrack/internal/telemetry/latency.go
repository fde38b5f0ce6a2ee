// Package telemetry keeps per-endpoint request latency histograms for the
// /metrics scrape.
package telemetry

import (
	"sort"
	"sync"
	"time"
)

// DefaultBounds are the histogram bucket upper bounds: 50µs to ~26s, doubling.
var DefaultBounds = func() []time.Duration {
	var b []time.Duration
	for d := 50 * time.Microsecond; d < 30*time.Second; d *= 2 {
		b = append(b, d)
	}
	return append(b, 30*time.Second)
}()

// series is the latency histogram and status counts of one endpoint.
type series struct {
	name     string
	count    uint64
	sum      time.Duration
	statuses [6]uint64 // 1xx..5xx, other
	buckets  []uint64  // len(bounds)+1, the last one is +Inf
	byClient map[string]uint64
}

// Registry holds every series the middleware has observed.
type Registry struct {
	mu     sync.Mutex
	bounds []time.Duration
	series map[string]*series
}

// NewRegistry returns an empty registry with the given bucket bounds.
func NewRegistry(bounds []time.Duration) *Registry {
	return &Registry{bounds: bounds, series: make(map[string]*series)}
}

// lookup returns the series called name, creating it on first use. r.mu is held.
func (r *Registry) lookup(name string) *series {
	s, ok := r.series[name]
	if !ok {
		s = &series{
			name:     name,
			buckets:  make([]uint64, len(r.bounds)+1),
			byClient: make(map[string]uint64, 4),
		}
		r.series[name] = s
	}
	return s
}

// Observe records one request of the named endpoint.
func (r *Registry) Observe(name, client string, status int, d time.Duration) {
	i := sort.Search(len(r.bounds), func(i int) bool { return r.bounds[i] >= d })
	class := status/100 - 1
	if class < 0 || class > 4 {
		class = 5
	}
	r.mu.Lock()
	s := r.lookup(name)
	s.count++
	s.sum += d
	s.buckets[i]++
	s.statuses[class]++
	s.byClient[client]++
	r.mu.Unlock()
}

// Summary is one series as the /metrics endpoint reports it.
type Summary struct {
	Name  string
	Count uint64
	Mean  time.Duration
	P99   time.Duration
}

// Snapshot summarises every series, busiest first, up to limit entries.
func (r *Registry) Snapshot(limit int) []Summary {
	r.mu.Lock()
	out := make([]Summary, 0, len(r.series))
	for _, s := range r.series {
		out = append(out, Summary{Name: s.name, Count: s.count, Mean: s.sum / time.Duration(s.count), P99: r.quantile(s, 0.99)})
	}
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Len is the number of series kept.
func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.series)
}

func (r *Registry) quantile(s *series, q float64) time.Duration {
	target := uint64(float64(s.count) * q)
	var seen uint64
	for i, c := range s.buckets {
		seen += c
		if seen >= target && i < len(r.bounds) {
			return r.bounds[i]
		}
	}
	return r.bounds[len(r.bounds)-1]
}
