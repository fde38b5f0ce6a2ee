// Command audience resolves simulated campaign sends.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/audience/internal/audience"
	"github.com/acme/audience/internal/campaigns"
	"github.com/acme/audience/internal/capping"
	"github.com/acme/audience/internal/profiling"
	"github.com/acme/audience/internal/segments"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent send planners")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := segments.Synthetic(120, 60000, 7)
	camps := campaigns.Synthetic(400, store.Names(), 11)
	suppressed := make(map[segments.UserID]bool)
	sr := rand.New(rand.NewSource(3))
	for i := 0; i < 2000; i++ {
		suppressed[segments.UserID(100000+sr.Intn(60000))] = true
	}
	res := &audience.Resolver{Segments: store, Suppressed: suppressed}
	caps := capping.New()

	if *profileDir != "" {
		stop, err := profiling.StartCPU(*profileDir)
		if err != nil {
			log.Fatal(err)
		}
		defer func() {
			if err := stop(); err != nil {
				log.Fatal(err)
			}
		}()
	}

	deadline := time.Now().Add(*dur)
	var sends, planned, excluded int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for time.Now().Before(deadline) {
			time.Sleep(time.Second)
			caps.Reset()
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w + 100)))
			for time.Now().Before(deadline) {
				c := &camps[r.Intn(len(camps))]
				a, err := res.Resolve(c)
				if err != nil {
					log.Fatal(err)
				}
				admitted := caps.Admit(a.Users, c.Channel, c.MaxSends)
				atomic.AddInt64(&sends, 1)
				atomic.AddInt64(&planned, int64(len(admitted)))
				atomic.AddInt64(&excluded, int64(a.Excluded))
			}
		}(w)
	}
	wg.Wait()
	log.Printf("%d campaign sends, %d messages planned, %d excluded", sends, planned, excluded)
}
