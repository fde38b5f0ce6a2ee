// Package relay applies the relabel rules to scrapes and builds the forwarded batches.
package relay

import (
	"sync/atomic"

	"github.com/acme/metricrelay/internal/exposition"
	"github.com/acme/metricrelay/internal/rules"
)

// Stats counts what the relay did.
type Stats struct {
	Received, Dropped, Renamed, Forwarded int64
}

// Relay filters scrapes with a rule set.
type Relay struct {
	Rules *rules.Set
	stats Stats
}

// Batch is what is forwarded to the store for one scrape.
type Batch struct {
	Target  string
	Samples []exposition.Sample
}

// Process parses one scrape body and returns the samples to forward.
func (r *Relay) Process(target, body string, scratch []exposition.Sample) (Batch, error) {
	samples, err := exposition.Parse(body, scratch[:0])
	if err != nil {
		return Batch{}, err
	}
	out := Batch{Target: target, Samples: samples[:0]}
	var dropped, renamed int64
	for _, s := range samples {
		action, name := r.Rules.Decide(s.Name)
		switch action {
		case rules.Drop:
			dropped++
			continue
		case rules.Rename:
			s.Name = name
			renamed++
		}
		out.Samples = append(out.Samples, s)
	}
	atomic.AddInt64(&r.stats.Received, int64(len(samples)))
	atomic.AddInt64(&r.stats.Dropped, dropped)
	atomic.AddInt64(&r.stats.Renamed, renamed)
	atomic.AddInt64(&r.stats.Forwarded, int64(len(out.Samples)))
	return out, nil
}

// Stats returns a snapshot of the counters.
func (r *Relay) Stats() Stats {
	return Stats{
		Received:  atomic.LoadInt64(&r.stats.Received),
		Dropped:   atomic.LoadInt64(&r.stats.Dropped),
		Renamed:   atomic.LoadInt64(&r.stats.Renamed),
		Forwarded: atomic.LoadInt64(&r.stats.Forwarded),
	}
}
