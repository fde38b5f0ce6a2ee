// Command shipping rates simulated parcel batches.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/shipping/internal/parcel"
	"github.com/acme/shipping/internal/profiling"
	"github.com/acme/shipping/internal/rating"
	"github.com/acme/shipping/internal/tariff"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent rating requests")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	origins := []string{"BER1", "HAM2", "MUC1", "CGN3"}
	rater := &rating.Rater{Tariffs: tariff.Generate(origins, 300, 60, 3), MaxDays: 4}
	var batches, rated int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			batch := make([]parcel.Parcel, 500)
			var quotes []rating.Quote
			for id := uint64(0); time.Now().Before(deadline); {
				for i := range batch {
					id++
					batch[i] = parcel.Parcel{
						ID: id, Origin: origins[r.Intn(len(origins))], Dest: tariff.Zone(r.Intn(300)),
						Grams: 100 + r.Intn(25000), Volume: 500 + r.Intn(60000),
					}
				}
				quotes = rater.Batch(quotes[:0], batch)
				atomic.AddInt64(&batches, 1)
				atomic.AddInt64(&rated, int64(len(quotes)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d batches, %d parcels rated", batches, rated)
}
