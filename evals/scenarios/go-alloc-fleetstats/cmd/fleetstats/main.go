// Command fleetstats exports simulated fleet telemetry.
package main

import (
	"flag"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/fleetstats/internal/export"
	"github.com/acme/fleetstats/internal/profiling"
	"github.com/acme/fleetstats/internal/rollup"
	"github.com/acme/fleetstats/internal/rows"
	"github.com/acme/fleetstats/internal/telemetry"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent gateway streams")
	fleet := flag.Int("fleet", 3000, "vehicles in the simulated fleet")
	batchSize := flag.Int("batch", 256, "samples per gateway batch")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	roll := rollup.New()
	deadline := time.Now().Add(*dur)
	var exported, bytes int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			feed := telemetry.NewFeed(*fleet, int64(w+1))
			sink := &rows.Counter{}
			ex := &export.Exporter{W: rows.NewColumnText(sink, 256<<10)}
			batch := make([]telemetry.Sample, *batchSize)
			for time.Now().Before(deadline) {
				feed.Fill(batch)
				roll.Add(batch)
				if err := ex.Export(batch); err != nil {
					log.Fatal(err)
				}
			}
			if err := ex.W.Flush(); err != nil {
				log.Fatal(err)
			}
			atomic.AddInt64(&exported, ex.Exported)
			atomic.AddInt64(&bytes, sink.N)
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("exported %d samples (%d bytes) for %d vehicles, fastest %v",
		exported, bytes, roll.Len(), roll.Fastest(3))
}
