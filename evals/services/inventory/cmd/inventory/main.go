// Command inventory simulates one kind of warehouse traffic per -mode.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/acme/inventory/internal/cache"
	"github.com/acme/inventory/internal/events"
	"github.com/acme/inventory/internal/export"
	"github.com/acme/inventory/internal/index"
	"github.com/acme/inventory/internal/notify"
	"github.com/acme/inventory/internal/profiling"
	"github.com/acme/inventory/internal/report"
	"github.com/acme/inventory/internal/search"
	"github.com/acme/inventory/internal/stock"
)

func main() {
	mode := flag.String("mode", "search", "traffic: search, report, cache, reserve, events, notify, lookup, export")
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	if *mode == "lookup" {
		// Keep the resident set small on the shared warehouse hosts.
		debug.SetGCPercent(10)
	}
	if *mode == "reserve" {
		runtime.SetMutexProfileFraction(1)
	}
	if *mode == "events" {
		runtime.SetBlockProfileRate(1)
	}
	work, profile := traffic(*mode)
	var stopCPU func() error
	// CPU is always profiled, like an SDK that sends CPU beside the mode's own profile type.
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w * 7919; time.Now().Before(deadline); i++ {
				work(i)
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
		if profile != "cpu" {
			if err := profiling.Write(*profileDir, profile); err != nil {
				log.Fatal(err)
			}
		}
	}
	// The traffic state (caches, subscriptions) lives until the process ends, as in production.
	runtime.KeepAlive(work)
	log.Printf("mode %s done", *mode)
}

// traffic returns the per-request work of a mode and the profile that shows its cost.
func traffic(mode string) (func(i int), string) {
	switch mode {
	case "search":
		cat := &search.Catalog{}
		for i := 0; i < 3000; i++ {
			cat.Names = append(cat.Names, fmt.Sprintf("Widget %d deluxe edition", i))
		}
		return func(i int) { cat.Best(fmt.Sprintf("widgt %d delux", i%3000)) }, "cpu"
	case "report":
		rows := make([]report.Row, 200)
		for i := range rows {
			rows[i] = report.Row{SKU: fmt.Sprintf("SKU-%06d", i), Warehouse: "FRA1", OnHand: i * 3, Reserved: i % 7}
		}
		return func(i int) { _ = report.Write(io.Discard, rows) }, "heap"
	case "cache":
		c := cache.New()
		body := make([]byte, 2048)
		var mu sync.Mutex
		return func(i int) {
			mu.Lock()
			full := c.Len() >= 60000
			mu.Unlock()
			if full {
				time.Sleep(time.Millisecond)
				return
			}
			c.Put(fmt.Sprintf("GET /stock?sku=%d&req=%d", i%500, i), body)
		}, "heap"
	case "reserve":
		onHand := make(map[string]int)
		for i := 0; i < 100; i++ {
			onHand[fmt.Sprintf("SKU-%03d", i)] = 1 << 30
		}
		l := stock.NewLedger(onHand)
		return func(i int) { l.Reserve(fmt.Sprintf("SKU-%03d", i%100), 1) }, "mutex"
	case "events":
		bus := events.NewBus(func(e events.Event) {
			time.Sleep(200 * time.Microsecond)
		})
		return func(i int) { bus.Publish(events.Event{OrderID: i, Kind: "shipped"}) }, "block"
	case "notify":
		n := &notify.Notifier{}
		var mu sync.Mutex
		started := 0
		return func(i int) {
			mu.Lock()
			defer mu.Unlock()
			if started >= 20000 {
				return
			}
			started++
			updates := n.Subscribe(i)
			updates <- "confirmed"
		}, "goroutine"
	case "lookup":
		idx := index.Build(400000)
		queries := []string{"red m", "Blue XL", "black s", "grey l", "navy xs"}
		return func(i int) { idx.Lookup(queries[i%len(queries)], 50) }, "cpu"
	case "export":
		recs := make([]export.Record, 20)
		for i := range recs {
			recs[i] = export.Record{SKU: fmt.Sprintf("SKU-%06d", i), Delta: i - 10, Location: "FRA1-A-12"}
		}
		return func(i int) {
			if _, err := export.Batch(recs); err != nil {
				log.Fatal(err)
			}
		}, "cpu"
	}
	log.Fatalf("unknown mode %q", mode)
	return nil, ""
}
