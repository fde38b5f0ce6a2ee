// Command picklists serves simulated handheld and order intake traffic.
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

	"github.com/acme/picklists/internal/orders"
	"github.com/acme/picklists/internal/profiling"
)

var (
	customers = []string{"Harbor Outfitters", "Nordlys Home", "Kestrel Cycles", "Bluefin Pet Supply", "Oakline Office"}
	carriers  = []string{"DPD", "UPS", "GLS", "DHL"}
	products  = []string{"Stainless water bottle 750ml", "Trail running sock (pair)", "LED desk lamp", "Ceramic pour-over set",
		"Dog harness, medium", "A4 recycled paper, 500 sheets", "Yoga mat 6mm", "Cast iron skillet 26cm", "Frozen berries 1kg"}
)

func newOrder(r *rand.Rand, n int, now time.Time) *orders.Order {
	o := &orders.Order{
		Number:   fmt.Sprintf("SO-%07d", n),
		Customer: customers[r.Intn(len(customers))],
		Carrier:  carriers[r.Intn(len(carriers))],
		Cutoff:   now.Add(time.Duration(30+r.Intn(240)) * time.Minute),
	}
	for i, lines := 0, 20+r.Intn(40); i < lines; i++ {
		o.Lines = append(o.Lines, orders.Line{
			SKU:         fmt.Sprintf("SKU-%06d", r.Intn(200000)),
			Description: products[r.Intn(len(products))],
			Bin:         fmt.Sprintf("A%02d-%02d-%d", 1+r.Intn(34), 1+r.Intn(60), 1+r.Intn(5)),
			Qty:         1 + r.Intn(6),
		})
	}
	return o
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 8, "concurrent handhelds")
	initial := flag.Int("orders", 3000, "orders released at the start of the shift")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *profileDir != "" {
		runtime.SetMutexProfileFraction(1)
	}

	start := time.Date(2026, 1, 15, 6, 0, 0, 0, time.UTC)
	store := orders.NewStore(time.Now)
	seed := rand.New(rand.NewSource(5))
	for i := 0; i < *initial; i++ {
		store.Release(newOrder(seed, i, start))
	}
	var released int64 = int64(*initial)

	deadline := time.Now().Add(*dur)
	var sheets, failed, bytes int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // order intake and the packing stations
		defer wg.Done()
		r := rand.New(rand.NewSource(77))
		for time.Now().Before(deadline) {
			n := atomic.AddInt64(&released, 1)
			store.Release(newOrder(r, int(n-1), start))
			_ = store.SetStatus(fmt.Sprintf("SO-%07d", r.Int63n(n)), orders.Packed)
			if r.Intn(50) == 0 {
				_ = store.SetStatus(fmt.Sprintf("SO-%07d", r.Int63n(n)), orders.Cancelled)
			}
			time.Sleep(300 * time.Microsecond)
		}
	}()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 1))
			picker := fmt.Sprintf("picker-%02d", w+1)
			for time.Now().Before(deadline) {
				n := atomic.LoadInt64(&released)
				sheet, err := store.PickSheet(fmt.Sprintf("SO-%07d", r.Int63n(n)), picker)
				if err != nil {
					atomic.AddInt64(&failed, 1)
					continue
				}
				atomic.AddInt64(&sheets, 1)
				atomic.AddInt64(&bytes, int64(len(sheet)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "mutex"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d pick sheets (%d KB), %d refused; orders by status %v", sheets, bytes>>10, failed, store.Counts())
}
