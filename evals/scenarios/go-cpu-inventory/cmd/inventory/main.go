// Command inventory reserves stock for a simulated order stream.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/inventory/internal/catalog"
	"github.com/acme/inventory/internal/orders"
	"github.com/acme/inventory/internal/profiling"
	"github.com/acme/inventory/internal/warehouse"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent order clients")
	items := flag.Int("items", 40000, "catalogue size per warehouse")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	regions := []string{"north", "south", "east", "west"}
	var ws []*warehouse.Warehouse
	for i, reg := range regions {
		for j := 0; j < 2; j++ {
			ws = append(ws, &warehouse.Warehouse{
				Code: fmt.Sprintf("WH-%s-%d", reg, j), Region: reg,
				Catalog: catalog.Generate(*items, int64(7)),
			})
		}
		_ = i
	}
	svc := &orders.Service{Network: warehouse.NewNetwork(ws)}
	skus := ws[0].Catalog.SKUs()

	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var placed, backorders int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for id := w; time.Now().Before(deadline); id += *workers {
				o := orders.Order{ID: id, Region: regions[r.Intn(len(regions))]}
				for k := 0; k < 1+r.Intn(4); k++ {
					o.Lines = append(o.Lines, orders.Line{SKU: skus[r.Intn(len(skus))], Qty: 1 + r.Intn(3)})
				}
				allocs, err := svc.Reserve(o)
				if err == orders.ErrBackorder {
					atomic.AddInt64(&backorders, 1)
					continue
				}
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&placed, 1)
				if id%3 == 0 {
					svc.Cancel(o.Region, allocs)
				}
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("placed %d orders, %d backorders", placed, backorders)
}
