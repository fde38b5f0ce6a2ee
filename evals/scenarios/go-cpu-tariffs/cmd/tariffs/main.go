// Command tariffs quotes shipping for simulated checkout traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/tariffs/internal/feed"
	"github.com/acme/tariffs/internal/profiling"
	"github.com/acme/tariffs/internal/quote"
	"github.com/acme/tariffs/internal/tariff"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent checkouts")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	q := &quote.Quoter{}
	for i, name := range []string{"dhl", "dpd", "gls", "ups"} {
		q.Carriers = append(q.Carriers, &tariff.Carrier{Sheet: feed.Synthetic(name, 120, int64(i))})
	}
	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var quotes, cents int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				p := quote.Parcel{Zone: feed.Zones[r.Intn(len(feed.Zones))], Grams: 100 + r.Intn(25000), Remote: r.Intn(10) == 0}
				rates, err := q.Quote(p)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&quotes, 1)
				if len(rates) > 0 {
					atomic.AddInt64(&cents, rates[0].Cents)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("quoted %d parcels, %d cents", quotes, cents)
}
