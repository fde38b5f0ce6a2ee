// Command rollup rolls up simulated agent sample batches.
package main

import (
	"flag"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/rollup/internal/agents"
	"github.com/acme/rollup/internal/aggregate"
	"github.com/acme/rollup/internal/profiling"
	"github.com/acme/rollup/internal/sample"
	"github.com/acme/rollup/internal/sink"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent ingest streams")
	batchSize := flag.Int("batch", 20000, "samples per agent batch")
	series := flag.Int("series", 8000, "distinct series reported by the fleet")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	var batches, points int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			fleet := agents.NewFleet(*series, int64(w))
			batch := make([]sample.Sample, *batchSize)
			var out []sample.Point
			sk := &sink.Sink{}
			for time.Now().Before(deadline) {
				out = aggregate.Rollup(fleet.Next(batch), out)
				sk.Write(out)
				atomic.AddInt64(&batches, 1)
			}
			atomic.AddInt64(&points, sk.Points)
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("rolled up %d batches into %d points", batches, points)
}
