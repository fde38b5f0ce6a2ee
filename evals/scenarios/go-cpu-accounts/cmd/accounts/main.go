// Command accounts serves account views under simulated back-office traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/accounts/internal/api"
	"github.com/acme/accounts/internal/profiling"
	"github.com/acme/accounts/internal/store"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	accounts := flag.Int("accounts", 50000, "accounts in the store")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	st := store.Generate(*accounts, 17)
	svc := &api.Service{Store: st}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var views int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				if r.Intn(4) == 0 {
					if _, err := svc.Get(int64(100000 + r.Intn(st.Len()))); err != nil {
						log.Fatal(err)
					}
					atomic.AddInt64(&views, 1)
					continue
				}
				page := svc.List(r.Intn(st.Len()/100)*100, 100)
				atomic.AddInt64(&views, int64(len(page)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("rendered %d account views", views)
}
