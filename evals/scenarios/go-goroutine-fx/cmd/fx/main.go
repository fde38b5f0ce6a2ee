// Command fx serves simulated conversion traffic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/fx/internal/convert"
	"github.com/acme/fx/internal/currency"
	"github.com/acme/fx/internal/profiling"
	"github.com/acme/fx/internal/rates"
	"github.com/acme/fx/internal/upstream"
)

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	clients := flag.Int("clients", 8, "concurrent checkout clients")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	rc := &rates.Client{Provider: upstream.NewProvider(1), Timeout: 10 * time.Millisecond}
	deadline := time.Now().Add(*dur)
	var conversions, live int64
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			cv := convert.NewConverter(rc)
			r := rand.New(rand.NewSource(int64(c)))
			for time.Now().Before(deadline) {
				p := currency.Supported[r.Intn(len(currency.Supported))]
				if _, ok := cv.Convert(p, int64(100+r.Intn(100000))); ok {
					atomic.AddInt64(&live, 1)
				}
				atomic.AddInt64(&conversions, 1)
			}
		}(c)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.Write(*profileDir, "goroutine"); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d conversions, %d with live quotes, %d goroutines", conversions, live, runtime.NumGoroutine())
}
