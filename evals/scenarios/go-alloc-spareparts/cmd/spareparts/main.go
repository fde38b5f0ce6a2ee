// Command spareparts serves simulated service-counter traffic.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/spareparts/internal/catalog"
	"github.com/acme/spareparts/internal/counter"
	"github.com/acme/spareparts/internal/lookup"
	"github.com/acme/spareparts/internal/profiling"
)

var categories = []string{"hydraulics", "filters", "belts", "bearings", "electrical", "seals", "tracks", "engine"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent service desks")
	nparts := flag.Int("parts", 6000, "parts in the catalogue")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	cat := catalog.Synthetic(*nparts, 3)
	lk := &lookup.Counter{Catalog: cat}
	desk := &counter.Desk{Catalog: cat}
	bins, models := cat.Bins(), catalog.Models()

	deadline := time.Now().Add(*dur)
	var queries, hits int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 9))
			for time.Now().Before(deadline) {
				var found []lookup.Hit
				switch n := r.Intn(10); {
				case n < 5:
					found = lk.InBin(bins[r.Intn(len(bins))])
				case n < 9:
					found = lk.ForModel(models[r.Intn(len(models))], categories[r.Intn(len(categories))])
				default:
					if h, ok := lk.Part(fmt.Sprintf("P%06d", 100000+r.Intn(*nparts))); ok {
						found = []lookup.Hit{h}
					}
				}
				atomic.AddInt64(&queries, 1)
				atomic.AddInt64(&hits, int64(len(found)))
				if len(found) > 0 && r.Intn(4) == 0 {
					if line, ok := desk.Book(found, 1); ok && r.Intn(3) == 0 {
						desk.Return(line)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	booked, declined := desk.Stats()
	log.Printf("%d lookups, %d hits, %d booked, %d declined", queries, hits, booked, declined)
}
