// Command checkout replays storefront traffic against the checkout handlers.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/checkout/internal/cart"
	"github.com/acme/checkout/internal/catalog"
	"github.com/acme/checkout/internal/profiling"
	"github.com/acme/checkout/internal/server"
	"github.com/acme/checkout/internal/stock"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 2, "concurrent storefront clients")
	rps := flag.Float64("rps", 0, "requests per second over all clients (0: as fast as possible)")
	requests := flag.Int64("requests", 0, "stop after this many requests (0: run for -duration)")
	mix := flag.String("mix", "/cart/price=3,/checkout=4,/receipt=1,/search=2", "endpoint=weight,...")
	maxLines := flag.Int("cart-lines", 6, "largest number of lines in a cart")
	labels := flag.Bool("pprof-labels", false, "label every request's samples with its endpoint")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	heap := flag.Bool("heap", false, "also write a heap profile")
	mutex := flag.Bool("mutex", false, "also write a mutex profile")
	flag.Parse()

	if *mutex {
		runtime.SetMutexProfileFraction(1)
	}
	wheel := parseMix(*mix)
	s := &server.Server{Carts: cart.Synthetic(5000, *maxLines, 7), Catalog: catalog.Synthetic(3000), Stock: stock.NewStore()}
	var stopCPU func() error
	if *profileDir != "" {
		var err error
		if stopCPU, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	counts := make([]int64, len(wheel))
	var issued int64
	start := time.Now()
	deadline := start.Add(*dur)
	if *requests > 0 {
		deadline = start.Add(time.Hour)
	}
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			perWorker := *rps / float64(*workers)
			done := 0
			for i := w * 977; ; i++ {
				now := time.Now()
				if !now.Before(deadline) {
					return
				}
				if perWorker > 0 && float64(done) >= now.Sub(start).Seconds()*perWorker {
					time.Sleep(5 * time.Millisecond)
					i--
					continue
				}
				if *requests > 0 && atomic.AddInt64(&issued, 1) > *requests {
					return
				}
				k := i % len(wheel)
				serve(s, wheel[k], i, *labels)
				atomic.AddInt64(&counts[k], 1)
				done++
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	if *profileDir != "" {
		if err := stopCPU(); err != nil {
			log.Fatal(err)
		}
		if *heap {
			if err := profiling.Write(*profileDir, "heap"); err != nil {
				log.Fatal(err)
			}
		}
		if *mutex {
			if err := profiling.Write(*profileDir, "mutex"); err != nil {
				log.Fatal(err)
			}
		}
	}
	report(wheel, counts, elapsed)
}

func serve(s *server.Server, endpoint string, i int, labels bool) {
	if !labels {
		s.Handle(endpoint, i)
		return
	}
	pprof.Do(context.Background(), pprof.Labels("endpoint", endpoint), func(context.Context) {
		s.Handle(endpoint, i)
	})
}

// parseMix turns "a=3,b=1" into a wheel with a three times and b once.
func parseMix(mix string) []string {
	var wheel []string
	for _, part := range strings.Split(mix, ",") {
		name, weight, _ := strings.Cut(part, "=")
		n, err := strconv.Atoi(weight)
		if err != nil || n < 0 {
			log.Fatalf("bad -mix entry %q", part)
		}
		for ; n > 0; n-- {
			wheel = append(wheel, name)
		}
	}
	return wheel
}

func report(wheel []string, counts []int64, elapsed time.Duration) {
	per := map[string]int64{}
	var total int64
	for k, n := range counts {
		per[wheel[k]] += n
		total += n
	}
	names := make([]string, 0, len(per))
	for name := range per {
		names = append(names, name)
	}
	sort.Strings(names)
	var parts []string
	for _, name := range names {
		parts = append(parts, fmt.Sprintf("%s=%d", name, per[name]))
	}
	log.Printf("served %d requests in %.1fs (%.0f/s): %s", total, elapsed.Seconds(), float64(total)/elapsed.Seconds(), strings.Join(parts, " "))
}
