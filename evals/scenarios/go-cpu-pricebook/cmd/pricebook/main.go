// Command pricebook quotes baskets under simulated ordering traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/pricebook/internal/book"
	"github.com/acme/pricebook/internal/feed"
	"github.com/acme/pricebook/internal/profiling"
	"github.com/acme/pricebook/internal/quote"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	articles := flag.Int("articles", 40000, "articles in the feed")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	blob, err := feed.Nightly(*articles, 11)
	if err != nil {
		log.Fatal(err)
	}
	b := &book.Book{}
	b.Install(blob)

	var stopCPU func() error
	if *profileDir != "" {
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
				items := make([]quote.Item, 1+r.Intn(4))
				for i := range items {
					items[i] = quote.Item{SKU: feed.SKU(r.Intn(*articles + 200)), Qty: 1 + r.Intn(30)}
				}
				q, err := quote.Basket(b, items)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&quotes, 1)
				atomic.AddInt64(&cents, q.TotalCents)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d quotes, %d cents quoted", quotes, cents)
}
