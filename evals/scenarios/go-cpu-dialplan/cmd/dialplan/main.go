// Command dialplan routes and rates simulated outbound calls.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/dialplan/internal/billing"
	"github.com/acme/dialplan/internal/plan"
	"github.com/acme/dialplan/internal/profiling"
	"github.com/acme/dialplan/internal/routing"
)

var destinations = []string{"4930", "4989", "33142", "4420", "4477", "3491", "3906", "31020",
	"4161", "4660", "1212", "1415", "5511", "8190", "6590", "97150", "35318", "42060"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent call set-up handlers")
	routes := flag.Int("routes", 6000, "route lines in the dial plan")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := &plan.Store{}
	store.Publish(1, plan.Generate(*routes, 7))
	router := &routing.Router{Plans: store}
	log.Printf("dial plan v1: %d routes", store.Current().Lines())

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var calls, unrouted int64
	var revenue uint64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				number := destinations[r.Intn(len(destinations))] + fmt.Sprintf("%07d", r.Intn(10000000))
				rt, err := router.Select(number)
				if err != nil {
					atomic.AddInt64(&unrouted, 1)
					continue
				}
				rated := billing.Rate(rt, time.Duration(20+r.Intn(600))*time.Second, 0.12)
				atomic.AddInt64(&calls, 1)
				atomic.AddUint64(&revenue, uint64(rated.Cost*10000))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("routed %d calls (%d unrouted), revenue %.2f", calls, unrouted, float64(revenue)/10000)
}
