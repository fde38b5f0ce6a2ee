// Package metrics keeps the service's labelled counters and histograms.
package metrics

import (
	"sort"
	"strings"
	"sync"
)

// Labels are the dimensions of one series (scheme, outcome, rule, ...).
type Labels map[string]string

type series struct {
	name   string
	labels Labels
	value  float64
	counts []uint64 // histogram bucket counts, nil for counters
	sum    float64
}

// Registry holds every series by its name and labels.
type Registry struct {
	mu      sync.Mutex
	series  map[string]*series
	buckets []float64
}

// NewRegistry returns a registry whose histograms use the bucket bounds (ascending).
func NewRegistry(buckets []float64) *Registry {
	return &Registry{series: make(map[string]*series), buckets: buckets}
}

// Default is the registry the service reports to.
var Default = NewRegistry([]float64{0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000})

// key is the series identity: the name and the labels in sorted order.
func key(name string, labels Labels) string {
	names := make([]string, 0, len(labels))
	for k := range labels {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('{')
	for i, k := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteString(`="`)
		b.WriteString(labels[k])
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

func (r *Registry) lookup(name string, labels Labels) *series {
	k := key(name, labels)
	s, ok := r.series[k]
	if !ok {
		copied := make(Labels, len(labels))
		for lk, lv := range labels {
			copied[lk] = lv
		}
		s = &series{name: name, labels: copied}
		r.series[k] = s
	}
	return s
}

// Add adds v to the counter.
func (r *Registry) Add(name string, labels Labels, v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lookup(name, labels).value += v
}

// Observe records one value in the histogram.
func (r *Registry) Observe(name string, labels Labels, v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.lookup(name, labels)
	if s.counts == nil {
		s.counts = make([]uint64, len(r.buckets)+1)
	}
	i := sort.SearchFloat64s(r.buckets, v)
	s.counts[i]++
	s.sum += v
	s.value++
}

// Snapshot returns every series' value by key, for the exporter.
func (r *Registry) Snapshot() map[string]float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]float64, len(r.series))
	for k, s := range r.series {
		out[k] = s.value
	}
	return out
}
