// Command warehouse replays one kind of warehouse traffic per -mode.
package main

import (
	"flag"
	"fmt"
	"log"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/warehouse/internal/feed"
	"github.com/acme/warehouse/internal/ledger"
	"github.com/acme/warehouse/internal/metrics"
	"github.com/acme/warehouse/internal/orders"
	"github.com/acme/warehouse/internal/profiling"
)

func main() {
	mode := flag.String("mode", "reserve", "traffic: reserve, export, feed, metrics")
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent clients")
	rps := flag.Float64("rps", 0, "requests per second over all clients (0: as fast as possible)")
	gcPercent := flag.Int("gc-percent", 100, "GOGC for the run")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	debug.SetGCPercent(*gcPercent)
	work, extra := traffic(*mode)
	if extra == "mutex" {
		runtime.SetMutexProfileFraction(1)
	}
	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	var served int64
	start := time.Now()
	deadline := start.Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			perWorker := *rps / float64(*workers)
			done := 0
			for i := w * 7919; ; {
				now := time.Now()
				if !now.Before(deadline) {
					return
				}
				if perWorker > 0 && float64(done) >= now.Sub(start).Seconds()*perWorker {
					time.Sleep(time.Millisecond)
					continue
				}
				work(i)
				i++
				done++
				atomic.AddInt64(&served, 1)
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
		if extra != "" {
			if err := profiling.Write(*profileDir, extra); err != nil {
				log.Fatal(err)
			}
		}
	}
	runtime.KeepAlive(work)
	log.Printf("mode %s served %d requests in %.1fs (%.0f/s)", *mode, served, elapsed.Seconds(), float64(served)/elapsed.Seconds())
}

// traffic returns the per-request work of a mode and the extra profile it writes.
func traffic(mode string) (func(i int), string) {
	switch mode {
	case "reserve":
		onHand := make(map[string]int)
		for i := 0; i < 200; i++ {
			onHand[fmt.Sprintf("SKU-%03d", i)] = 1 << 40
		}
		l := ledger.New(onHand)
		return func(i int) {
			sku := fmt.Sprintf("SKU-%03d", i%200)
			if i%2 == 0 {
				// Product pages poll the stock level.
				_ = l.Available(sku)
				return
			}
			if _, err := l.Reserve(sku, 1+i%3); err != nil {
				log.Fatal(err)
			}
		}, "mutex"
	case "export":
		carriers := []string{"DHL", "UPS", "DPD", "GLS"}
		batch := make([]orders.Order, 64)
		for i := range batch {
			o := orders.Order{ID: fmt.Sprintf("ORD-%07d", i), Carrier: carriers[i%len(carriers)]}
			for j := 0; j < 1+i%12; j++ {
				o.Lines = append(o.Lines, orders.Line{SKU: fmt.Sprintf("SKU-%05d", i*31+j), Qty: 1 + j%4})
			}
			batch[i] = o
		}
		return func(i int) { orders.Encode(batch[i%len(batch)]) }, "heap"
	case "feed":
		store := feed.NewStore(600000)
		kinds := []string{"picked", "packed", "received", "moved", "counted"}
		return func(i int) { store.Page(kinds[i%len(kinds)], i%500, 20) }, "heap"
	case "metrics":
		reg := metrics.NewRegistry()
		routes := []string{"/stock", "/reserve", "/export", "/feed"}
		return func(i int) {
			ms := float64((i*7919)%1500) / 3
			reg.Observe("http_request_duration_ms:"+routes[i%len(routes)], ms)
			reg.Observe("http_response_size_kb", ms/7)
		}, "mutex"
	}
	log.Fatalf("unknown mode %q", mode)
	return nil, ""
}
