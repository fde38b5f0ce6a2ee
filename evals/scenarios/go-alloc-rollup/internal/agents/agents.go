// Package agents produces the sample batches host agents send.
package agents

import (
	"fmt"
	"math/rand"

	"github.com/acme/rollup/internal/sample"
)

// Fleet simulates a fleet of host agents.
type Fleet struct {
	series []string
	r      *rand.Rand
	now    int64
}

// NewFleet returns a fleet reporting the given number of distinct series.
func NewFleet(series int, seed int64) *Fleet {
	f := &Fleet{r: rand.New(rand.NewSource(seed)), now: 1768464000000}
	metrics := []string{"cpu_seconds_total", "mem_bytes", "disk_io_ops", "net_rx_bytes", "http_requests_total"}
	for i := 0; i < series; i++ {
		f.series = append(f.series, fmt.Sprintf("%s{host=\"h%04d\",dc=\"fra%d\"}", metrics[i%len(metrics)], i/len(metrics), i%3))
	}
	return f
}

// Next fills batch with the next samples and returns it.
func (f *Fleet) Next(batch []sample.Sample) []sample.Sample {
	for i := range batch {
		f.now += 3
		batch[i] = sample.Sample{Series: f.series[f.r.Intn(len(f.series))], Value: f.r.Float64() * 100, TimeMs: f.now}
	}
	return batch
}
