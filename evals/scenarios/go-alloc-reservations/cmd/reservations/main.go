// Command reservations allocates simulated orders against the warehouse.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/reservations/internal/allocate"
	"github.com/acme/reservations/internal/orders"
	"github.com/acme/reservations/internal/profiling"
	"github.com/acme/reservations/internal/stock"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent allocation workers")
	skus := flag.Int("skus", 5000, "SKUs in the warehouse")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	r := rand.New(rand.NewSource(3))
	names := make([]string, *skus)
	var bins []*stock.Bin
	var qty []int
	for i := range names {
		names[i] = fmt.Sprintf("SKU-%06d", 100000+i)
		for k := 0; k < 3+r.Intn(5); k++ {
			bins = append(bins, &stock.Bin{ID: fmt.Sprintf("A%02d-%03d-%d", r.Intn(40), r.Intn(200), k), SKU: names[i], Aisle: r.Intn(40)})
			qty = append(qty, 2+r.Intn(6))
		}
	}
	wh := stock.NewWarehouse(bins, qty)
	al := &allocate.Allocator{WH: wh}

	var placed, short, picked int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(100 + i)))
			picks := make([]allocate.Pick, 0, 4096)
			o := &orders.Order{Lines: make([]orders.Line, 0, 64)}
			for n := int64(0); time.Now().Before(deadline); n++ {
				o.ID, o.Customer, o.Priority = int64(i)<<40|n, "cust", r.Intn(10) == 0
				o.Lines = o.Lines[:0]
				for k := 0; k < 20+r.Intn(40); k++ {
					o.Lines = append(o.Lines, orders.Line{SKU: names[r.Intn(len(names))], Qty: 1 + r.Intn(6)})
				}
				var err error
				picks, err = al.Allocate(o, picks[:0])
				if err != nil {
					atomic.AddInt64(&short, 1)
					continue
				}
				atomic.AddInt64(&placed, 1)
				atomic.AddInt64(&picked, int64(len(picks)))
				// The order ships; inbound receipts replenish the same bins.
				for _, p := range picks {
					wh.Put(p.Bin, p.Qty)
				}
			}
		}(i)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d orders placed, %d short, %d picks", placed, short, picked)
}
