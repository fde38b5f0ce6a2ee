// Command checkout prices carts under simulated storefront load.
package main

import (
	"flag"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/checkout/internal/cart"
	"github.com/acme/checkout/internal/pricing"
	"github.com/acme/checkout/internal/profiling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 2, "concurrent storefront clients")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	carts := cart.Synthetic(5000, 7)
	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var quoted, revenue int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w * 977; time.Now().Before(deadline); i++ {
				q := pricing.Price(carts[i%len(carts)])
				atomic.AddInt64(&quoted, 1)
				atomic.AddInt64(&revenue, q.TotalCents)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("quoted %d carts, %d cents", quoted, revenue)
}
