// Command webhooks dispatches simulated events to subscribed endpoints.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/webhooks/internal/delivery"
	"github.com/acme/webhooks/internal/profiling"
	"github.com/acme/webhooks/internal/signing"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "delivery workers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	signing.Init([]byte("whsec_5f2b9c1e7d4a4e0f8b6c3a2d1e0f9a8b"))
	// The event outbox: recent order events, each delivered to every subscribed endpoint.
	outbox := make([]*delivery.Event, 512)
	gen := rand.New(rand.NewSource(99))
	for i := range outbox {
		outbox[i] = event(gen, i)
	}
	var sent, bytes int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				ev := outbox[r.Intn(len(outbox))]
				url := fmt.Sprintf("https://hooks.merchant-%03d.example/acme", r.Intn(400))
				req, err := delivery.Render(url, ev, time.Now())
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&sent, 1)
				atomic.AddInt64(&bytes, int64(len(req.Body)+len(req.Signature)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d webhooks signed, %d bytes", sent, bytes)
}

// event returns a synthetic order event with a few dozen line items.
func event(r *rand.Rand, n int) *delivery.Event {
	items := make([]delivery.Item, 20+r.Intn(60))
	for i := range items {
		items[i] = delivery.Item{
			SKU: fmt.Sprintf("SKU-%06d", r.Intn(1e6)), Qty: 1 + r.Intn(5),
			UnitAmount: 100 + r.Intn(10000), Description: "Merino wool crew neck sweater, charcoal",
		}
	}
	return &delivery.Event{
		ID: fmt.Sprintf("evt_%012d", n), Type: "order.paid", Created: time.Now().Unix(),
		Data: delivery.Order{Object: "order", Currency: "eur", Items: items, Customer: fmt.Sprintf("cus_%08x", r.Uint32())},
	}
}
