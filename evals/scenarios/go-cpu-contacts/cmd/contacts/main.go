// Command contacts serves the contacts API under simulated client traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/contacts/internal/api"
	"github.com/acme/contacts/internal/crm"
	"github.com/acme/contacts/internal/profiling"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent API clients")
	rows := flag.Int("contacts", 20000, "contacts in the table")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	lister := &api.Lister{Table: crm.Generate(*rows, 11)}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var pages, items int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				// Most clients page through all contacts; the CRM sidebar asks per account.
				var account int64
				if r.Intn(10) == 0 {
					account = int64(r.Intn(5000))
				}
				cursor := ""
				if r.Intn(2) == 0 {
					cursor = "200"
				}
				resp, err := lister.List(account, cursor, 200)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&pages, 1)
				atomic.AddInt64(&items, int64(len(resp.Items)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d pages, %d contacts", pages, items)
}
