// Command receipts answers receipt lookups under simulated till and app traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/receipts/internal/profiling"
	"github.com/acme/receipts/internal/receipt"
	"github.com/acme/receipts/internal/respond"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	count := flag.Int("receipts", 50000, "receipts in the store")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	store := receipt.Generate(*count, 7)
	ids := store.IDs()
	clients := []string{"gzip, deflate, br", "gzip", "br;q=1.0, gzip;q=0.8", "identity"}

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var served, sent int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				doc, ok := store.Document(ids[r.Intn(len(ids))])
				if !ok {
					continue
				}
				resp, err := respond.JSON(doc, clients[r.Intn(len(clients))])
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&served, 1)
				atomic.AddInt64(&sent, int64(len(resp.Body)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("served %d receipts, %d bytes", served, sent)
}
